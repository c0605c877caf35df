package io.mediamesh.sip.gateway.call;

import io.mediamesh.model.ids.RoomId;
import io.mediamesh.sip.dialog.Dialog;
import io.mediamesh.sip.dialog.DialogId;
import io.mediamesh.sip.message.HeaderNames;
import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;
import io.mediamesh.sip.sdp.MediaDirection;
import io.mediamesh.sip.sdp.SdpAnswer;
import io.mediamesh.sip.sdp.SdpNegotiationException;
import io.mediamesh.sip.sdp.SipSdp;
import io.mediamesh.sip.transaction.Endpoint;
import io.mediamesh.sip.transaction.TransactionId;
import io.mediamesh.sip.transaction.TransactionLayer;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The UAS side of the engine: an INVITE from a registered user or an allowed network goes through the dial plan
 * (100 Trying at once, 180 Ringing while a slow plan decides), gets its media and is answered 200 with our SDP (or an
 * offer when the INVITE had none, answered in the ACK); the 2xx is retransmitted over UDP until the ACK; re-INVITEs
 * (hold, resume, new address) re-apply the media. Runs on the engine's loop.
 */
final class InboundCalls {
    private static final long HOOK_RETRY_MILLIS = 1000;

    private final SipEngine engine;
    private final EventLoop loop;
    private final TransactionLayer layer;
    private final EngineSettings settings;
    private final SipSdp sdp;
    private final Map<String, Call> calls;
    private final Map<DialogId, Call> byDialog;
    private final Map<TransactionId, Call> byServerInvite;
    private final DialPlan dialPlan;
    private final Registrar registrar;
    private final boolean mediaAvailable;

    InboundCalls(SipEngine engine) {
        this.engine = engine;
        this.loop = engine.loop;
        this.layer = engine.layer;
        this.settings = engine.settings;
        this.sdp = engine.sdp;
        this.calls = engine.calls;
        this.byDialog = engine.byDialog;
        this.byServerInvite = engine.byServerInvite;
        this.dialPlan = engine.dialPlan;
        this.registrar = engine.registrar;
        this.mediaAvailable = engine.mediaFactory != null;
    }

    void onInvite(TransactionId tx, SipRequest invite, Endpoint source) {
        String caller = SipUris.user(invite.from().uri());
        boolean registered = registrar.lookup(caller)
                .filter(binding -> binding.source().host().equals(source.host())).isPresent();
        if (!registered && !settings.allowed(source.host())) {
            engine.respond(tx, invite.createResponse(403, "Forbidden: not registered and not from an allowed network",
                    layer.newTag()));
            return;
        }
        if (invite.contacts().isEmpty()) {
            engine.respond(tx, invite.createResponse(400, "Missing Contact", layer.newTag()));
            return;
        }
        if (!mediaAvailable) {
            engine.respond(tx, invite.createResponse(503, "No media bridge", layer.newTag()));
            return;
        }
        String number = SipUris.user(invite.requestUri());
        Call call = new Call(engine.nextId(), Call.Direction.INBOUND, caller.isEmpty() ? invite.from().uri() : caller,
                layer.newTag(), engine.now());
        call.serverInvite = tx;
        call.inboundInvite = invite;
        call.origin = source;
        calls.put(call.id, call);
        byServerInvite.put(tx, call);
        engine.respond(tx, invite.createResponse(100));
        if (dialPlan.slow()) {
            ringing(call);
        }
        call.deadline = loop.schedule(() -> {
            if (call.state == CallState.RINGING) {
                engine.respond(call.serverInvite, invite.createResponse(480, "No decision from the dial plan",
                        call.localTag));
                engine.end(call, "dial-plan-timeout");
                engine.pump();
            }
        }, settings.inviteTimeoutMillis(), TimeUnit.MILLISECONDS);
        decide(call, number, caller, source.host());
    }

    private void ringing(Call call) {
        if (!call.ringingSent) {
            call.ringingSent = true;
            engine.respond(call.serverInvite, call.inboundInvite.createResponse(180, null, call.localTag));
            engine.event(call, "ringing", null, null);
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
                engine.respond(call.serverInvite, call.inboundInvite.createResponse(reject.code(), reject.reason(),
                        call.localTag));
                engine.end(call, "rejected " + reject.code());
            } else {
                ringing(call);
                call.retry = loop.schedule(() -> decide(call, number, caller, source), HOOK_RETRY_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
            engine.pump();
        }));
    }

    private void answer(Call call, String room) {
        SipRequest invite = call.inboundInvite;
        try {
            new RoomId(room);
        } catch (IllegalArgumentException e) {
            engine.respond(call.serverInvite, invite.createResponse(500, "Bad room from the dial plan", call.localTag));
            engine.end(call, "bad-room");
            return;
        }
        call.room = room;
        call.peer = engine.uniquePeer(room, "sip-" + (SipUris.user(invite.from().uri()).isEmpty() ? "anonymous"
                : SipUris.user(invite.from().uri())));
        engine.openMedia(call, () -> completeAnswer(call), () -> {
            engine.respond(call.serverInvite, invite.createResponse(503, "No media port", call.localTag));
            engine.end(call, "no-media-port");
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
                engine.respond(call.serverInvite, notAcceptable);
                engine.end(call, "sdp-not-acceptable");
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
        ok.addHeader(HeaderNames.ALLOW, SipEngine.ALLOW);
        ok.setBody("application/sdp", body.getBytes(StandardCharsets.UTF_8));
        call.dialog = Dialog.asUas(invite, call.localTag, settings.contactUri(call.origin.transport()), 1);
        byDialog.put(call.dialog.id(), call);
        engine.respond(call.serverInvite, ok);
        engine.answered(call);
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
            if (engine.now() - call.createdMillis > 64 * settings.t1Millis() + call.setupMillis) {
                engine.hangup(call, "no-ack");
                engine.pump();
                return;
            }
            engine.respond(call.serverInvite, ok);
            engine.pump();
            retransmitOk(call, ok, Math.min(2 * interval, 4000));
        }, interval, TimeUnit.MILLISECONDS);
    }

    void onReInvite(Call call, TransactionId tx, SipRequest reinvite) {
        call.dialog.refreshTarget(reinvite.contacts());
        String body;
        if (reinvite.bodyLength() > 0) {
            try {
                SdpAnswer answer = sdp.answer(new String(reinvite.body(), StandardCharsets.UTF_8),
                        call.media.rtpPort(), call.sdpSessionId, ++call.sdpVersion);
                call.media.apply(answer.audio());
                body = answer.sdp();
            } catch (SdpNegotiationException e) {
                engine.respond(tx, reinvite.createResponse(488));
                return;
            }
        } else {
            call.answerInAck = true;
            body = sdp.offer(call.media.rtpPort(), MediaDirection.SENDRECV, call.sdpSessionId, ++call.sdpVersion);
        }
        SipResponse ok = reinvite.createResponse(200);
        ok.addHeader(HeaderNames.CONTACT, "<" + settings.contactUri(call.origin.transport()) + ">");
        ok.setBody("application/sdp", body.getBytes(StandardCharsets.UTF_8));
        engine.respond(tx, ok);
    }

    void onAck(SipRequest ack) {
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
                engine.hangup(call, "sdp-not-acceptable");
            }
        }
    }
}
