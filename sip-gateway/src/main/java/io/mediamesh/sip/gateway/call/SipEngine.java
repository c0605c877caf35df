package io.mediamesh.sip.gateway.call;

import io.mediamesh.sip.bridge.CallMediaFactory;
import io.mediamesh.sip.bridge.CallMediaListener;
import io.mediamesh.sip.dialog.Dialog;
import io.mediamesh.sip.dialog.DialogId;
import io.mediamesh.sip.gateway.transport.SipInbound;
import io.mediamesh.sip.gateway.transport.SipOutbound;
import io.mediamesh.sip.message.HeaderNames;
import io.mediamesh.sip.message.SipMessage;
import io.mediamesh.sip.message.SipParseException;
import io.mediamesh.sip.message.SipParser;
import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;
import io.mediamesh.sip.message.Via;
import io.mediamesh.sip.sdp.SipSdp;
import io.mediamesh.sip.transaction.Endpoint;
import io.mediamesh.sip.transaction.TransactionId;
import io.mediamesh.sip.transaction.TransactionLayer;
import io.mediamesh.sip.transaction.TransactionOutput;
import io.mediamesh.sip.transaction.TransportKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's SIP user agent core. Everything runs on {@code loop}: the network hands it messages there, and the
 * admin API submits {@link #dial}, {@link #hangup} and the listings as tasks. It drives the
 * {@link TransactionLayer} (feeding messages and time, draining its outputs after every step), keeps the calls by
 * id, by transaction and by dialog, answers REGISTER (through the {@link Registrar}), OPTIONS and in-dialog requests
 * (BYE, 481 for unknown dialogs), and ends calls. INVITEs go to {@link InboundCalls}, dialling to
 * {@link OutboundCalls}; both share this engine's state on the same loop.
 */
public final class SipEngine implements SipInbound {
    static final Logger log = LoggerFactory.getLogger(SipEngine.class);
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER";
    static final String USER_AGENT = "MediaMesh sip-gateway";

    final EventLoop loop;
    final TransactionLayer layer;
    final EngineSettings settings;
    final CallMediaFactory mediaFactory;
    private final Executor mediaOpener;
    final DialPlan dialPlan;
    final CallEventSink sink;
    final Registrar registrar;
    final SipSdp sdp;
    private final Counter malformed;
    private final Counter unknownDialog;
    private final long startNanos = System.nanoTime();
    final Map<String, Call> calls = new LinkedHashMap<>();
    final Map<TransactionId, Call> byServerInvite = new HashMap<>();
    final Map<TransactionId, Call> byClientInvite = new HashMap<>();
    final Map<DialogId, Call> byDialog = new HashMap<>();
    private final InboundCalls inbound;
    private final OutboundCalls outbound;
    private SipOutbound transport;
    private ScheduledFuture<?> timer;
    private long timerAt = Long.MAX_VALUE;
    private long callCounter;

    /**
     * @param mediaFactory the media bridge; null when none is available (INVITEs and dials are refused with 503)
     * @param mediaOpener  where {@link CallMediaFactory#open} runs (it binds ports synchronously)
     */
    public SipEngine(EventLoop loop, TransactionLayer layer, EngineSettings settings, CallMediaFactory mediaFactory,
            Executor mediaOpener, DialPlan dialPlan, CallEventSink sink, Registrar.Parts registrarParts,
            MeterRegistry meters) {
        this.loop = loop;
        this.mediaOpener = mediaOpener;
        this.layer = layer;
        this.settings = settings;
        this.mediaFactory = mediaFactory;
        this.dialPlan = dialPlan;
        this.sink = sink;
        this.sdp = SipSdp.withDefaults(settings.advertisedAddress(), settings.opus());
        this.registrar = new Registrar(registrarParts.authenticator(), registrarParts.accounts(),
                registrarParts.bindings(), loop, new Registrar.Responder() {
                    @Override
                    public void respond(TransactionId transaction, SipResponse response) {
                        layer.respond(transaction, response, now());
                        pump();
                    }

                    @Override
                    public long now() {
                        return SipEngine.this.now();
                    }
                }, settings.registerExpiry(), layer.newTag());
        this.malformed = Counter.builder("mediamesh.sip.malformed")
                .description("SIP messages that could not be parsed (answered 400 when possible, else dropped)")
                .register(meters);
        this.unknownDialog = Counter.builder("mediamesh.sip.unknown.dialog")
                .description("in-dialog requests for no known dialog (answered 481)").register(meters);
        this.inbound = new InboundCalls(this);
        this.outbound = new OutboundCalls(this);
    }

    /** Connects the engine to its transport (which delivers on the same loop). */
    public void attach(SipOutbound transport) {
        this.transport = transport;
    }

    long now() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    // ================================================================== network input

    @Override
    public void onMessage(byte[] bytes, Endpoint source) {
        SipMessage message;
        try {
            message = SipParser.parse(bytes);
        } catch (SipParseException e) {
            rejectMalformed(e, source);
            return;
        }
        try {
            layer.onMessage(message, source, now());
            pump();
        } catch (RuntimeException e) {
            // A header the parser let through but a typed accessor cannot read: the message is malformed.
            malformed.increment();
            log.debug("SIP message from {} could not be handled: {}", source, e.toString());
            if (message instanceof SipRequest request && !request.isMethod(SipRequest.ACK)) {
                sendDirect(request.createResponse(400, "Bad Request", null), source);
            }
        }
    }

    @Override
    public void onUnframeable(Endpoint source, String reason) {
        malformed.increment();
        log.debug("SIP stream from {} closed: {}", source, reason);
    }

    private void rejectMalformed(SipParseException e, Endpoint source) {
        malformed.increment();
        Optional<SipRequest> partial = e.request();
        if (partial.isPresent() && !partial.get().isMethod(SipRequest.ACK)) {
            sendDirect(partial.get().createResponse(e.statusCode(), e.reason(), null), source);
        } else {
            log.debug("dropped unanswerable SIP bytes from {}: {}", source, e.reason());
        }
    }

    private void sendDirect(SipResponse response, Endpoint destination) {
        if (transport != null) {
            transport.send(response.toBytes(), destination);
        }
    }

    /** Drains the layer's outputs, acting on each, then re-arms the timer. */
    void pump() {
        TransactionOutput out;
        while ((out = layer.poll()) != null) {
            try {
                handle(out);
            } catch (RuntimeException e) {
                log.warn("SIP output {} failed", out.getClass().getSimpleName(), e);
            }
        }
        long next = layer.nextTimerAt();
        if (next != timerAt) {
            if (timer != null) {
                timer.cancel(false);
            }
            timerAt = next;
            if (next != Long.MAX_VALUE) {
                timer = loop.schedule(this::onTimer, Math.max(0, next - now()), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void onTimer() {
        timerAt = Long.MAX_VALUE;
        timer = null;
        layer.onTimer(now());
        pump();
    }

    private void handle(TransactionOutput out) {
        if (out instanceof TransactionOutput.Send send) {
            if (transport == null || !transport.send(send.message().toBytes(), send.destination())) {
                if (send.transaction() != null) {
                    layer.onTransportError(send.transaction(), now());
                }
            }
        } else if (out instanceof TransactionOutput.RequestReceived received) {
            onRequest(received.transaction(), received.request(), received.source());
        } else if (out instanceof TransactionOutput.ResponseReceived received) {
            outbound.onResponse(received.transaction(), received.response());
        } else if (out instanceof TransactionOutput.AckReceived ack) {
            inbound.onAck(ack.ack());
        } else if (out instanceof TransactionOutput.InviteCancelled cancelled) {
            Call call = byServerInvite.get(cancelled.invite());
            if (call != null) {
                end(call, "cancelled");
            }
        } else if (out instanceof TransactionOutput.UnmatchedCancel cancel) {
            layer.respond(cancel.transaction(), cancel.cancel().createResponse(481, null, layer.newTag()), now());
        } else if (out instanceof TransactionOutput.StrayResponse stray) {
            outbound.onStrayResponse(stray.response());
        } else if (out instanceof TransactionOutput.Timeout timeout) {
            onTransactionGone(timeout.transaction(), "timeout");
        } else if (out instanceof TransactionOutput.TransportError error) {
            onTransactionGone(error.transaction(), "transport-error");
        }
    }

    // ================================================================== requests

    private void onRequest(TransactionId tx, SipRequest request, Endpoint source) {
        String method = request.method();
        boolean inDialog = request.to().tag() != null && !request.isMethod(SipRequest.REGISTER);
        if (inDialog) {
            onInDialogRequest(tx, request, source);
            return;
        }
        switch (method) {
            case SipRequest.REGISTER -> registrar.onRegister(tx, request, source);
            case SipRequest.OPTIONS -> respond(tx, withCapabilities(request.createResponse(200, null,
                    layer.newTag())));
            case SipRequest.INVITE -> inbound.onInvite(tx, request, source);
            case SipRequest.BYE -> {
                unknownDialog.increment();
                respond(tx, request.createResponse(481, null, layer.newTag()));
            }
            default -> {
                SipResponse notAllowed = request.createResponse(405, null, layer.newTag());
                notAllowed.addHeader(HeaderNames.ALLOW, ALLOW);
                respond(tx, notAllowed);
            }
        }
    }

    private void onInDialogRequest(TransactionId tx, SipRequest request, Endpoint source) {
        Call call = byDialog.get(DialogId.ofIncoming(request));
        if (call == null || call.ended()) {
            unknownDialog.increment();
            respond(tx, request.createResponse(481, null, null));
            return;
        }
        if (!call.dialog.acceptRemoteCSeq(request)) {
            respond(tx, request.createResponse(500, "CSeq out of order", null));
            return;
        }
        switch (request.method()) {
            case SipRequest.BYE -> {
                respond(tx, request.createResponse(200));
                end(call, "bye-remote");
            }
            case SipRequest.INVITE -> inbound.onReInvite(call, tx, request);
            case SipRequest.OPTIONS -> respond(tx, withCapabilities(request.createResponse(200)));
            case "INFO", "NOTIFY", "UPDATE" -> respond(tx, request.createResponse(200));
            default -> {
                SipResponse notAllowed = request.createResponse(405);
                notAllowed.addHeader(HeaderNames.ALLOW, ALLOW);
                respond(tx, notAllowed);
            }
        }
    }

    SipResponse withCapabilities(SipResponse response) {
        response.addHeader(HeaderNames.ALLOW, ALLOW);
        response.addHeader("Accept", "application/sdp");
        response.addHeader(HeaderNames.SERVER, USER_AGENT);
        return response;
    }

    void respond(TransactionId tx, SipResponse response) {
        layer.respond(tx, response, now());
    }

    Via via(TransportKind transport) {
        return Via.of(transport.name(), settings.advertisedAddress(), settings.port(), layer.newBranch())
                .withParam("rport", null);
    }


    private void onTransactionGone(TransactionId tx, String reason) {
        Call call = byClientInvite.get(tx);
        if (call == null) {
            call = byServerInvite.get(tx);
        }
        if (call != null && !call.ended() && call.dialog == null) {
            end(call, reason);
        }
    }

    Endpoint inDialogDestination(Call call) {
        Dialog dialog = call.dialog;
        try {
            if (!dialog.routeSet().isEmpty()) {
                return withTransport(SipUris.destination(dialog.routeSet().get(0).uri()), call.origin.transport());
            }
            if (call.direction == Call.Direction.INBOUND) {
                return call.origin; // where the phone sent from: right behind NAT too
            }
            return withTransport(SipUris.destination(dialog.remoteTarget()), call.origin.transport());
        } catch (RuntimeException e) {
            return call.origin;
        }
    }

    private static Endpoint withTransport(Endpoint endpoint, TransportKind transport) {
        return new Endpoint(transport, endpoint.host(), endpoint.port());
    }

    // ------------------------------------------------------------------ outbound calls

    /** Places a call to {@code to} (number, registered user or SIP URI) joining {@code room}; see the admin API. */
    public CompletableFuture<CallView> dial(String to, String room, String peer) {
        CompletableFuture<CallView> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                outbound.startDial(to, room, peer, result);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    // ================================================================== hang up, end

    /** Hangs up call {@code id}: CANCEL or BYE, or a final refusal for an unanswered inbound call. */
    public CompletableFuture<Optional<CallView>> hangup(String id) {
        return submit(() -> {
            Call call = calls.get(id);
            if (call == null) {
                return Optional.empty();
            }
            hangup(call, "hangup");
            pump();
            return Optional.of(view(call));
        });
    }

    void hangup(Call call, String reason) {
        if (call.ended() && call.dialog == null) {
            return;
        }
        if (call.dialog != null && call.state == CallState.ANSWERED) {
            SipRequest bye = call.dialog.newRequest(SipRequest.BYE, via(call.origin.transport()));
            layer.sendRequest(bye, inDialogDestination(call), now());
            end(call, reason);
        } else if (call.direction == Call.Direction.OUTBOUND) {
            call.hangupRequested = true;
            layer.sendCancel(call.clientInvite, now());
            end(call, reason);
        } else {
            respond(call.serverInvite, call.inboundInvite.createResponse(603, "Decline", call.localTag));
            end(call, reason);
        }
    }

    void end(Call call, String reason) {
        if (call.ended()) {
            return;
        }
        call.state = CallState.ENDED;
        call.endReason = reason;
        call.cancelTimers();
        if (call.media != null) {
            try {
                call.media.close();
            } catch (RuntimeException e) {
                log.warn("closing the media of call {} failed", call.id, e);
            }
        }
        event(call, "ended", reason, null);
        log.info("SIP call {} ({} {}) in room {} ended: {}", call.id, call.direction.label(), call.remote,
                call.room, reason);
        loop.schedule(() -> forget(call), 60, TimeUnit.SECONDS);
    }

    private void forget(Call call) {
        calls.remove(call.id);
        byServerInvite.values().remove(call);
        byClientInvite.values().remove(call);
        byDialog.values().remove(call);
    }

    void answered(Call call) {
        call.state = CallState.ANSWERED;
        call.setupMillis = now() - call.createdMillis;
        call.answeredWallMillis = System.currentTimeMillis();
        event(call, "answered", null, null);
        log.info("SIP call {} ({} {}) answered in {} ms (media opened in {} ms), peer {} in room {}", call.id,
                call.direction.label(), call.remote, call.setupMillis, call.mediaOpenMillis, call.peer, call.room);
    }

    // ================================================================== media, events

    /**
     * Opens the call's media on the opener threads (binding ports, and for a room's first call starting its audio,
     * may take a while: the SIP loop does not wait), then on the loop runs {@code opened}, {@code failed}, or, when
     * the call ended meanwhile, closes the media and runs {@code gone}.
     */
    void openMedia(Call call, Runnable opened, Runnable failed, Runnable gone) {
        long start = now();
        CallMediaListener listener = listener(call);
        CompletableFuture.supplyAsync(() -> {
            try {
                return mediaFactory.open(call.room, call.peer, listener);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, mediaOpener).whenComplete((media, failure) -> loop.execute(() -> {
            call.mediaOpenMillis = now() - start;
            if (failure != null) {
                log.warn("no media for call {}: {}", call.id, failure.toString());
                failed.run();
            } else if (call.ended()) {
                media.close();
                gone.run();
            } else {
                call.media = media;
                opened.run();
            }
            pump();
        }));
    }

    private CallMediaListener listener(Call call) {
        return new CallMediaListener() {
                @Override
                public void onDtmf(char digit, int durationMillis) {
                    loop.execute(() -> {
                        if (!call.ended()) {
                            event(call, "dtmf", null, String.valueOf(digit));
                            sink.dtmf(call.room, call.peer, digit, durationMillis);
                        }
                    });
                }

                @Override
                public void onMediaTimeout(long silentMillis) {
                    loop.execute(() -> {
                        if (call.state == CallState.ANSWERED) {
                            hangup(call, "media-timeout");
                            pump();
                        }
                    });
                }
            };
    }

    void event(Call call, String type, String reason, String digit) {
        CallEvent event = new CallEvent(type, call.id, call.direction.label(), call.room, call.peer, reason, digit,
                System.currentTimeMillis());
        if (call.events.size() < 200) {
            call.events.add(event);
        }
        sink.publish(event);
    }

    String uniquePeer(String room, String wanted) {
        String candidate = wanted;
        for (int n = 2; inUse(room, candidate); n++) {
            candidate = wanted + "-" + n;
        }
        return candidate;
    }

    private boolean inUse(String room, String peer) {
        for (Call c : calls.values()) {
            if (!c.ended() && room.equals(c.room) && peer.equals(c.peer)) {
                return true;
            }
        }
        return false;
    }

    String nextId() {
        return Long.toString(++callCounter, 36) + "-" + layer.newTag().substring(0, 8);
    }

    // ================================================================== admin views

    /**
     * Hangs up every call still up (BYE, CANCEL or a refusal), for a graceful stop; completes once the requests
     * are handed to the transport.
     */
    public CompletableFuture<Integer> hangupAll() {
        return submit(() -> {
            int count = 0;
            for (Call call : new ArrayList<>(calls.values())) {
                if (!call.ended()) {
                    hangup(call, "shutdown");
                    count++;
                }
            }
            pump();
            return count;
        });
    }

    /** All calls (ended ones stay listed for a minute). */
    public CompletableFuture<List<CallView>> calls() {
        return submit(() -> {
            List<CallView> out = new ArrayList<>();
            calls.values().forEach(call -> out.add(view(call)));
            return out;
        });
    }

    /** The registered users. */
    public CompletableFuture<List<RegistrationView>> registrations() {
        return submit(registrar::list);
    }

    CallView view(Call call) {
        return new CallView(call.id, call.direction.label(), call.state.name().toLowerCase(java.util.Locale.ROOT),
                call.room, call.peer, call.remote, call.endReason, call.createdWallMillis, call.answeredWallMillis,
                call.setupMillis, call.media == null ? null : call.media.stats(), List.copyOf(call.events));
    }

    private <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
