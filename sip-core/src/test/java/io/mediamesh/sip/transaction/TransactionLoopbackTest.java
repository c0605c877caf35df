package io.mediamesh.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.sip.message.SipParser;
import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.Via;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two layers wired back to back through bytes, with a lossy "network" in between: the UAC's INVITE is lost once,
 * its retransmission reaches the UAS, whose 486 is lost once and retransmitted by Timer G; the UAC's ACK ends it.
 */
class TransactionLoopbackTest {
    private static final Endpoint UAC = new Endpoint(TransportKind.UDP, "192.0.2.1", 5060);
    private static final Endpoint UAS = new Endpoint(TransportKind.UDP, "192.0.2.2", 5060);

    private final TransactionLayer client = new TransactionLayer(SipTimers.DEFAULT, new Random(1));
    private final TransactionLayer server = new TransactionLayer(SipTimers.DEFAULT, new Random(2));
    private final List<String> wire = new ArrayList<>();
    private int dropInvites = 1;
    private int dropBusy = 1;
    private final List<TransactionOutput> clientEvents = new ArrayList<>();

    /** Delivers all pending sends, in both directions, until nothing moves; the server's TU answers 486. */
    private void pump(long now) throws Exception {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (TransactionOutput out : client.drain()) {
                moved = true;
                if (out instanceof TransactionOutput.Send send) {
                    String line = send.message().startLine();
                    if (line.startsWith("INVITE") && dropInvites-- > 0) {
                        wire.add(now + " lost " + line);
                        continue;
                    }
                    wire.add(now + " uac " + line);
                    server.onMessage(SipParser.parse(send.message().toBytes()), UAC, now);
                } else {
                    clientEvents.add(out);
                }
            }
            for (TransactionOutput out : server.drain()) {
                moved = true;
                if (out instanceof TransactionOutput.Send send) {
                    String line = send.message().startLine();
                    if (line.contains(" 486 ") && dropBusy-- > 0) {
                        wire.add(now + " lost " + line);
                        continue;
                    }
                    wire.add(now + " uas " + line);
                    client.onMessage(SipParser.parse(send.message().toBytes()), UAS, now);
                } else if (out instanceof TransactionOutput.RequestReceived received) {
                    server.respond(received.transaction(), received.request().createResponse(486, null, "uas"), now);
                }
            }
        }
    }

    @Test
    void lossIsRepairedByRetransmissions() throws Exception {
        SipRequest invite = new SipRequest("INVITE", "sip:bob@192.0.2.2");
        invite.addHeader("Via", Via.of("UDP", "192.0.2.1", 5060, client.newBranch()).toString())
                .addHeader("Max-Forwards", "70")
                .addHeader("From", "<sip:alice@192.0.2.1>;tag=" + client.newTag())
                .addHeader("To", "<sip:bob@192.0.2.2>")
                .addHeader("Call-ID", "loop@192.0.2.1")
                .addHeader("CSeq", "1 INVITE");
        TransactionId id = client.sendRequest(invite, UAS, 0);
        pump(0);
        long now = 0;
        while (Math.min(client.nextTimerAt(), server.nextTimerAt()) <= 60_000) {
            now = Math.min(client.nextTimerAt(), server.nextTimerAt());
            client.onTimer(now);
            server.onTimer(now);
            pump(now);
        }
        assertThat(wire).containsExactly(
                "0 lost INVITE sip:bob@192.0.2.2 SIP/2.0",
                "500 uac INVITE sip:bob@192.0.2.2 SIP/2.0",
                "500 lost SIP/2.0 486 Busy Here",
                "1000 uas SIP/2.0 486 Busy Here",
                "1000 uac ACK sip:bob@192.0.2.2 SIP/2.0");
        assertThat(clientEvents).singleElement().satisfies(e -> assertThat(
                ((TransactionOutput.ResponseReceived) e).response().statusCode()).isEqualTo(486));
        assertThat(client.state(id)).isEqualTo(TransactionState.TERMINATED);
        assertThat(client.size()).isZero();
        assertThat(server.size()).isZero();
    }
}
