package io.mediamesh.sip.transaction;

import io.mediamesh.sip.message.SipMessage;
import io.mediamesh.sip.message.SipParseException;
import io.mediamesh.sip.message.SipParser;
import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;
import io.mediamesh.testsupport.FakeClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** A transaction layer on a fake clock, recording each output with the time it appeared. */
final class TransactionHarness {
    static final Endpoint PEER_UDP = new Endpoint(TransportKind.UDP, "192.0.2.10", 5060);
    static final Endpoint PEER_TCP = new Endpoint(TransportKind.TCP, "192.0.2.10", 40123);

    record Timed(long atMillis, TransactionOutput output) {
    }

    final FakeClock clock = new FakeClock(0);
    final TransactionLayer layer = new TransactionLayer(SipTimers.DEFAULT, new Random(7));
    final List<Timed> log = new ArrayList<>();

    long now() {
        return clock.nowMillis();
    }

    /** Moves the clock to {@code atMillis}, firing every timer due on the way at its own deadline. */
    void runUntil(long atMillis) {
        while (layer.nextTimerAt() <= atMillis) {
            long at = layer.nextTimerAt();
            clock.advance(at - now(), TimeUnit.MILLISECONDS);
            layer.onTimer(now());
            collect();
        }
        clock.advance(atMillis - now(), TimeUnit.MILLISECONDS);
    }

    void receive(SipMessage message, Endpoint source) {
        // through the wire form, as the transport would hand it over
        try {
            layer.onMessage(SipParser.parse(message.toBytes()), source, now());
        } catch (SipParseException e) {
            throw new AssertionError(e);
        }
        collect();
    }

    TransactionId send(SipRequest request, Endpoint destination) {
        TransactionId id = layer.sendRequest(request, destination, now());
        collect();
        return id;
    }

    boolean respond(TransactionId id, SipResponse response) {
        boolean taken = layer.respond(id, response, now());
        collect();
        return taken;
    }

    void collect() {
        for (TransactionOutput output : layer.drain()) {
            log.add(new Timed(now(), output));
        }
    }

    /** Outputs of one type, oldest first, and forgets nothing. */
    <T extends TransactionOutput> List<T> outputs(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Timed t : log) {
            if (type.isInstance(t.output())) {
                out.add(type.cast(t.output()));
            }
        }
        return out;
    }

    /** The times at which messages whose start line begins with {@code prefix} were sent. */
    List<Long> sendTimes(String prefix) {
        List<Long> out = new ArrayList<>();
        for (Timed t : log) {
            if (t.output() instanceof TransactionOutput.Send send && send.message().startLine().startsWith(prefix)) {
                out.add(t.atMillis());
            }
        }
        return out;
    }

    List<SipMessage> sent(String prefix) {
        List<SipMessage> out = new ArrayList<>();
        for (TransactionOutput.Send send : outputs(TransactionOutput.Send.class)) {
            if (send.message().startLine().startsWith(prefix)) {
                out.add(send.message());
            }
        }
        return out;
    }

    void clearLog() {
        log.clear();
    }

    static SipRequest request(String method, String branch, String transport) {
        String text = method + " sip:bob@biloxi.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 192.0.2.10:5060;branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "Route: <sip:edge.example.com;lr>\r\n"
                + "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
                + "To: Bob <sip:bob@biloxi.example.com>\r\n"
                + "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:alice@192.0.2.10>\r\n"
                + "Content-Length: 0\r\n\r\n";
        try {
            return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (SipParseException e) {
            throw new AssertionError(e);
        }
    }

    static SipRequest request(String method, String branch) {
        return request(method, branch, "UDP");
    }
}
