package io.mediamesh.sip.gateway.call;

import io.mediamesh.model.ids.PeerId;
import io.mediamesh.model.ids.RoomId;
import io.mediamesh.sip.bridge.CallMedia;
import io.mediamesh.sip.bridge.CallMediaFactory;
import io.mediamesh.sip.bridge.CallMediaListener;
import io.mediamesh.sip.dialog.Binding;
import io.mediamesh.sip.dialog.Dialog;
import io.mediamesh.sip.dialog.DialogId;
import io.mediamesh.sip.gateway.transport.SipInbound;
import io.mediamesh.sip.gateway.transport.SipOutbound;
import io.mediamesh.sip.message.HeaderNames;
import io.mediamesh.sip.message.NameAddress;
import io.mediamesh.sip.message.SipMessage;
import io.mediamesh.sip.message.SipParseException;
import io.mediamesh.sip.message.SipParser;
import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;
import io.mediamesh.sip.message.Via;
import io.mediamesh.sip.sdp.MediaDirection;
import io.mediamesh.sip.sdp.NegotiatedAudio;
import io.mediamesh.sip.sdp.SdpAnswer;
import io.mediamesh.sip.sdp.SdpNegotiationException;
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
import java.nio.charset.StandardCharsets;
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
 * {@link TransactionLayer} (feeding messages and time, draining its outputs after every step) and keeps the calls by
 * id, by transaction and by dialog.
 */
public final class SipEngine implements SipInbound {
    private static final Logger log = LoggerFactory.getLogger(SipEngine.class);
    private static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER";
    private static final String USER_AGENT = "MediaMesh sip-gateway";
    private static final long HOOK_RETRY_MILLIS = 1000;

    private final EventLoop loop;
    private final TransactionLayer layer;
    private final EngineSettings settings;
    private final CallMediaFactory mediaFactory;
    private final Executor mediaOpener;
    private final DialPlan dialPlan;
    private final CallEventSink sink;
    private final Registrar registrar;
    private final SipSdp sdp;
    private final Counter malformed;
    private final Counter unknownDialog;
    private final long startNanos = System.nanoTime();
    private final Map<String, Call> calls = new LinkedHashMap<>();
    private final Map<TransactionId, Call> byServerInvite = new HashMap<>();
    private final Map<TransactionId, Call> byClientInvite = new HashMap<>();
    private final Map<DialogId, Call> byDialog = new HashMap<>();
    private SipOutbound outbound;
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
    }

    /** Connects the engine to its transport (which delivers on the same loop). */
    public void attach(SipOutbound transport) {
        this.outbound = transport;
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
        if (outbound != null) {
            outbound.send(response.toBytes(), destination);
        }
    }

    /** Drains the layer's outputs, acting on each, then re-arms the timer. */
    private void pump() {
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
            if (outbound == null || !outbound.send(send.message().toBytes(), send.destination())) {
                if (send.transaction() != null) {
                    layer.onTransportError(send.transaction(), now());
                }
            }
        } else if (out instanceof TransactionOutput.RequestReceived received) {
            onRequest(received.transaction(), received.request(), received.source());
        } else if (out instanceof TransactionOutput.ResponseReceived received) {
            onResponse(received.transaction(), received.response());
        } else if (out instanceof TransactionOutput.AckReceived ack) {
            onAck(ack.ack());
        } else if (out instanceof TransactionOutput.InviteCancelled cancelled) {
            Call call = byServerInvite.get(cancelled.invite());
            if (call != null) {
                end(call, "cancelled");
            }
        } else if (out instanceof TransactionOutput.UnmatchedCancel cancel) {
            layer.respond(cancel.transaction(), cancel.cancel().createResponse(481, null, layer.newTag()), now());
        } else if (out instanceof TransactionOutput.StrayResponse stray) {
            onStrayResponse(stray.response());
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
            case SipRequest.INVITE -> onInvite(tx, request, source);
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
            case SipRequest.INVITE -> onReInvite(call, tx, request);
            case SipRequest.OPTIONS -> respond(tx, withCapabilities(request.createResponse(200)));
            case "INFO", "NOTIFY", "UPDATE" -> respond(tx, request.createResponse(200));
            default -> {
                SipResponse notAllowed = request.createResponse(405);
                notAllowed.addHeader(HeaderNames.ALLOW, ALLOW);
                respond(tx, notAllowed);
            }
        }
    }

    private SipResponse withCapabilities(SipResponse response) {
        response.addHeader(HeaderNames.ALLOW, ALLOW);
        response.addHeader("Accept", "application/sdp");
        response.addHeader(HeaderNames.SERVER, USER_AGENT);
        return response;
    }

    private void respond(TransactionId tx, SipResponse response) {
        layer.respond(tx, response, now());
    }

    // ------------------------------------------------------------------ inbound calls

    private void onInvite(TransactionId tx, SipRequest invite, Endpoint source) {
        String caller = SipUris.user(invite.from().uri());
        boolean registered = registrar.lookup(caller)
                .filter(binding -> binding.source().host().equals(source.host())).isPresent();
        if (!registered && !settings.allowed(source.host())) {
            respond(tx, invite.createResponse(403, "Forbidden: not registered and not from an allowed network",
                    layer.newTag()));
            return;
        }
        if (invite.contacts().isEmpty()) {
            respond(tx, invite.createResponse(400, "Missing Contact", layer.newTag()));
            return;
        }
        if (mediaFactory == null) {
            respond(tx, invite.createResponse(503, "No media bridge", layer.newTag()));
            return;
        }
        String number = SipUris.user(invite.requestUri());
        Call call = new Call(nextId(), Call.Direction.INBOUND, caller.isEmpty() ? invite.from().uri() : caller,
                layer.newTag(), now());
        call.serverInvite = tx;
        call.inboundInvite = invite;
        call.origin = source;
        calls.put(call.id, call);
        byServerInvite.put(tx, call);
        respond(tx, invite.createResponse(100));
        if (dialPlan.slow()) {
            ringing(call);
        }
        call.deadline = loop.schedule(() -> {
            if (call.state == CallState.RINGING) {
                respond(call.serverInvite, invite.createResponse(480, "No decision from the dial plan",
                        call.localTag));
                end(call, "dial-plan-timeout");
                pump();
            }
        }, settings.inviteTimeoutMillis(), TimeUnit.MILLISECONDS);
        decide(call, number, caller, source.host());
    }

    private void ringing(Call call) {
        if (!call.ringingSent) {
            call.ringingSent = true;
            respond(call.serverInvite, call.inboundInvite.createResponse(180, null, call.localTag));
            event(call, "ringing", null, null);
        }
    }

    private void decide(Call call, String number, String caller, String source) {
        dialPlan.decide(number, caller, source).whenComplete((decision, failure) -> loop.execute(() -> {
            if (call.ended() || call.state != CallState.RINGING) {
                return;
            }
            DialDecision d = failure != null ? new DialDecision.Reject(503, "Dial plan failed") : decision;
            if (d instanceof DialDecision.Accept accept) {
                answer(call, accept.room());
            } else if (d instanceof DialDecision.Reject reject) {
                respond(call.serverInvite, call.inboundInvite.createResponse(reject.code(), reject.reason(),
                        call.localTag));
                end(call, "rejected " + reject.code());
            } else {
                ringing(call);
                call.retry = loop.schedule(() -> decide(call, number, caller, source), HOOK_RETRY_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
            pump();
        }));
    }

    private void answer(Call call, String room) {
        SipRequest invite = call.inboundInvite;
        try {
            new RoomId(room);
        } catch (IllegalArgumentException e) {
            respond(call.serverInvite, invite.createResponse(500, "Bad room from the dial plan", call.localTag));
            end(call, "bad-room");
            return;
        }
        call.room = room;
        call.peer = uniquePeer(room, "sip-" + (SipUris.user(invite.from().uri()).isEmpty() ? "anonymous"
                : SipUris.user(invite.from().uri())));
        openMedia(call, () -> completeAnswer(call), () -> {
            respond(call.serverInvite, invite.createResponse(503, "No media port", call.localTag));
            end(call, "no-media-port");
        }, () -> {
        });
    }

    private void completeAnswer(Call call) {
        SipRequest invite = call.inboundInvite;
        call.sdpSessionId = Math.abs(layer.newTag().hashCode()) + 1L;
        String body;
        if (invite.bodyLength() > 0) {
            SdpAnswer answer;
            try {
                answer = sdp.answer(new String(invite.body(), StandardCharsets.UTF_8), call.media.rtpPort(),
                        call.sdpSessionId, ++call.sdpVersion);
            } catch (SdpNegotiationException e) {
                SipResponse notAcceptable = invite.createResponse(488, null, call.localTag);
                notAcceptable.addHeader("Warning", "304 mediamesh \"" + e.getMessage().replace('"', '\'') + "\"");
                respond(call.serverInvite, notAcceptable);
                end(call, "sdp-not-acceptable");
                return;
            }
            call.media.apply(answer.audio());
            body = answer.sdp();
        } else {
            call.answerInAck = true;
            body = sdp.offer(call.media.rtpPort(), MediaDirection.SENDRECV, call.sdpSessionId, ++call.sdpVersion);
        }
        SipResponse ok = invite.createResponse(200, null, call.localTag);
        ok.addHeader(HeaderNames.CONTACT, "<" + settings.contactUri(call.origin.transport()) + ">");
        ok.addHeader(HeaderNames.ALLOW, ALLOW);
        ok.setBody("application/sdp", body.getBytes(StandardCharsets.UTF_8));
        call.dialog = Dialog.asUas(invite, call.localTag, settings.contactUri(call.origin.transport()), 1);
        byDialog.put(call.dialog.id(), call);
        respond(call.serverInvite, ok);
        answered(call);
        if (!call.origin.transport().reliable()) {
            retransmitOk(call, ok, settings.t1Millis());
        }
    }

    /** RFC 3261 §13.3.1.4: the UAS core retransmits its 2xx over UDP until the ACK comes. */
    private void retransmitOk(Call call, SipResponse ok, long interval) {
        call.okRetransmit = loop.schedule(() -> {
            if (call.ended() || call.dialog.confirmed()) {
                return;
            }
            if (now() - call.createdMillis > 64 * settings.t1Millis() + call.setupMillis) {
                hangup(call, "no-ack");
                pump();
                return;
            }
            respond(call.serverInvite, ok);
            pump();
            retransmitOk(call, ok, Math.min(2 * interval, 4000));
        }, interval, TimeUnit.MILLISECONDS);
    }

    private void onReInvite(Call call, TransactionId tx, SipRequest reinvite) {
        call.dialog.refreshTarget(reinvite.contacts());
        String body;
        if (reinvite.bodyLength() > 0) {
            try {
                SdpAnswer answer = sdp.answer(new String(reinvite.body(), StandardCharsets.UTF_8),
                        call.media.rtpPort(), call.sdpSessionId, ++call.sdpVersion);
                call.media.apply(answer.audio());
                body = answer.sdp();
            } catch (SdpNegotiationException e) {
                respond(tx, reinvite.createResponse(488));
                return;
            }
        } else {
            call.answerInAck = true;
            body = sdp.offer(call.media.rtpPort(), MediaDirection.SENDRECV, call.sdpSessionId, ++call.sdpVersion);
        }
        SipResponse ok = reinvite.createResponse(200);
        ok.addHeader(HeaderNames.CONTACT, "<" + settings.contactUri(call.origin.transport()) + ">");
        ok.setBody("application/sdp", body.getBytes(StandardCharsets.UTF_8));
        respond(tx, ok);
    }

    private void onAck(SipRequest ack) {
        Call call = byDialog.get(DialogId.ofIncoming(ack));
        if (call == null || call.ended()) {
            return;
        }
        call.dialog.confirm();
        if (call.okRetransmit != null) {
            call.okRetransmit.cancel(false);
        }
        if (call.answerInAck && ack.bodyLength() > 0) {
            call.answerInAck = false;
            try {
                call.media.apply(sdp.acceptAnswer(new String(ack.body(), StandardCharsets.UTF_8)));
            } catch (SdpNegotiationException e) {
                hangup(call, "sdp-not-acceptable");
            }
        }
    }

    // ------------------------------------------------------------------ outbound calls

    /** Places a call to {@code to} (number, registered user or SIP URI) joining {@code room}; see the admin API. */
    public CompletableFuture<CallView> dial(String to, String room, String peer) {
        CompletableFuture<CallView> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                startDial(to, room, peer, result);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private void startDial(String to, String room, String requestedPeer, CompletableFuture<CallView> result) {
        if (to == null || to.isBlank()) {
            throw new DialException(400, "'to' is required: a number, a registered user or a sip: URI");
        }
        try {
            new RoomId(room == null ? "" : room);
        } catch (IllegalArgumentException e) {
            throw new DialException(400, "bad 'room': " + e.getMessage());
        }
        String target = to.strip();
        String requestUri;
        Endpoint destination;
        boolean viaTrunk = false;
        Optional<Binding> binding = target.contains(":") ? Optional.empty() : registrar.lookup(target);
        if (target.regionMatches(true, 0, "sip:", 0, 4) || target.regionMatches(true, 0, "sips:", 0, 5)) {
            requestUri = target;
            Optional<Binding> registered = registrar.lookup(SipUris.user(target));
            try {
                destination = registered.isPresent() && SipUris.destination(target).host()
                        .equals(settings.advertisedAddress()) ? registered.get().source()
                        : SipUris.destination(target);
                if (registered.isPresent() && registered.get().source().equals(destination)) {
                    requestUri = registered.get().contact();
                }
            } catch (RuntimeException e) {
                throw new DialException(400, "bad 'to' URI: " + target);
            }
        } else if (binding.isPresent()) {
            requestUri = binding.get().contact();
            destination = binding.get().source();
        } else if (settings.trunk().isPresent() && target.matches("[0-9+*#]{1,32}")) {
            EngineSettings.TrunkRoute trunk = settings.trunk().get();
            requestUri = "sip:" + target + "@" + trunk.domain();
            destination = trunk.endpoint();
            viaTrunk = true;
        } else {
            throw new DialException(404, "no registered user '" + target + "'"
                    + (settings.trunk().isPresent() ? " and not a number for the trunk" : " and no trunk configured"));
        }
        // The peer is named after what was dialled: the user or number, not a phone's Contact user.
        String dialled = target.contains(":") ? SipUris.user(target) : target;
        String user = dialled.isEmpty() ? target.replaceAll("[^A-Za-z0-9+*#._-]", "") : dialled;
        String peer = requestedPeer == null || requestedPeer.isBlank() ? "sip-" + user : requestedPeer;
        try {
            new PeerId(peer);
        } catch (IllegalArgumentException e) {
            throw new DialException(400, "bad 'peer': " + e.getMessage());
        }
        if (mediaFactory == null) {
            throw new DialException(503, "no media bridge in this gateway");
        }
        Call call = new Call(nextId(), Call.Direction.OUTBOUND, target, layer.newTag(), now());
        call.room = room;
        call.peer = uniquePeer(room, peer);
        call.origin = destination;
        if (viaTrunk) {
            call.trunkUser = settings.trunk().get().user();
            call.trunkPassword = settings.trunk().get().password();
        }
        calls.put(call.id, call);
        String uri = requestUri;
        openMedia(call, () -> {
            sendFirstInvite(call, uri, destination);
            result.complete(view(call));
        }, () -> {
            calls.remove(call.id);
            result.completeExceptionally(new DialException(503, "no free RTP port"));
        }, () -> result.complete(view(call)));
    }

    private void sendFirstInvite(Call call, String requestUri, Endpoint destination) {
        call.sdpSessionId = Math.abs(layer.newTag().hashCode()) + 1L;
        SipRequest invite = new SipRequest(SipRequest.INVITE, requestUri);
        invite.addHeader(HeaderNames.VIA, via(destination.transport()).toString());
        invite.addHeader(HeaderNames.MAX_FORWARDS, "70");
        invite.addHeader(HeaderNames.FROM, "<" + settings.fromUri() + ">;tag=" + call.localTag);
        invite.addHeader(HeaderNames.TO, "<" + requestUri + ">");
        invite.addHeader(HeaderNames.CALL_ID, layer.newTag() + "@" + settings.advertisedAddress());
        invite.addHeader(HeaderNames.CSEQ, "1 INVITE");
        invite.addHeader(HeaderNames.CONTACT, "<" + settings.contactUri(destination.transport()) + ">");
        invite.addHeader(HeaderNames.ALLOW, ALLOW);
        invite.addHeader(HeaderNames.USER_AGENT, USER_AGENT);
        invite.setBody("application/sdp", sdp.offer(call.media.rtpPort(), MediaDirection.SENDRECV,
                call.sdpSessionId, ++call.sdpVersion).getBytes(StandardCharsets.UTF_8));
        sendInvite(call, invite);
        call.deadline = loop.schedule(() -> {
            if (!call.ended() && call.dialog == null) {
                layer.sendCancel(call.clientInvite, now());
                end(call, "no-answer");
                pump();
            }
        }, settings.inviteTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    private void sendInvite(Call call, SipRequest invite) {
        call.outboundInvite = invite;
        if (call.clientInvite != null) {
            byClientInvite.remove(call.clientInvite);
        }
        call.clientInvite = layer.sendRequest(invite, call.origin, now());
        byClientInvite.put(call.clientInvite, call);
    }

    private Via via(TransportKind transport) {
        return Via.of(transport.name(), settings.advertisedAddress(), settings.port(), layer.newBranch())
                .withParam("rport", null);
    }

    private void onResponse(TransactionId tx, SipResponse response) {
        if (!SipRequest.INVITE.equals(response.cseq().method())) {
            return; // BYE and CANCEL answers need nothing
        }
        Call call = byClientInvite.get(tx);
        if (call == null) {
            return;
        }
        int code = response.statusCode();
        if (code < 200) {
            if (code > 100 && call.state == CallState.CALLING && !call.ended()) {
                call.state = CallState.RINGING;
                event(call, "ringing", null, null);
            }
        } else if (response.isSuccess()) {
            onInviteAnswered(call, response);
        } else if ((code == 401 || code == 407) && !call.authAnswered && call.trunkUser != null
                && !call.trunkUser.isBlank() && !call.ended()) {
            call.authAnswered = true;
            SipRequest retry = DigestClient.authorize(call.outboundInvite, response, call.trunkUser,
                    call.trunkPassword, layer.newTag(), via(call.origin.transport()));
            if (retry == null) {
                end(call, "rejected " + code);
            } else {
                sendInvite(call, retry);
            }
        } else if (!call.ended()) {
            end(call, "rejected " + code);
        }
    }

    private void onInviteAnswered(Call call, SipResponse ok) {
        if (call.dialog != null) {
            sendAck(call); // a retransmitted 2xx: ACK again
            return;
        }
        try {
            call.dialog = Dialog.asUac(call.outboundInvite, ok, settings.contactUri(call.origin.transport()));
        } catch (IllegalArgumentException e) {
            end(call, "bad-answer");
            return;
        }
        byDialog.put(call.dialog.id(), call);
        sendAck(call);
        if (call.ended() || call.hangupRequested) {
            call.state = CallState.ANSWERED;
            hangup(call, call.endReason == null ? "hangup" : call.endReason);
            return;
        }
        try {
            call.media.apply(sdp.acceptAnswer(new String(ok.body(), StandardCharsets.UTF_8)));
        } catch (SdpNegotiationException e) {
            hangup(call, "sdp-not-acceptable");
            return;
        }
        answered(call);
    }

    private void sendAck(Call call) {
        SipRequest ack = call.dialog.ack(call.outboundInvite.cseq().number(), via(call.origin.transport()));
        layer.sendRequest(ack, inDialogDestination(call), now());
    }

    private void onStrayResponse(SipResponse response) {
        if (response.isSuccess() && response.cseq() != null && SipRequest.INVITE.equals(response.cseq().method())) {
            Call call = byDialog.get(DialogId.ofResponse(response));
            if (call != null && call.direction == Call.Direction.OUTBOUND) {
                sendAck(call);
            }
        }
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

    private Endpoint inDialogDestination(Call call) {
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

    private void hangup(Call call, String reason) {
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

    private void end(Call call, String reason) {
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

    private void answered(Call call) {
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
    private void openMedia(Call call, Runnable opened, Runnable failed, Runnable gone) {
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

    private void event(Call call, String type, String reason, String digit) {
        CallEvent event = new CallEvent(type, call.id, call.direction.label(), call.room, call.peer, reason, digit,
                System.currentTimeMillis());
        if (call.events.size() < 200) {
            call.events.add(event);
        }
        sink.publish(event);
    }

    private String uniquePeer(String room, String wanted) {
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

    private String nextId() {
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

    private CallView view(Call call) {
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

    /** Names a negotiated audio for logs. */
    static String describe(NegotiatedAudio audio) {
        return audio.codec() + "/" + audio.payloadType() + " -> " + audio.remoteAddress() + ":" + audio.remotePort()
                + " " + audio.localDirection();
    }

    static String describe(NameAddress address) {
        return address == null ? "-" : address.uri();
    }
}
