package io.mediamesh.sip.gateway.call;

import io.mediamesh.model.ids.PeerId;
import io.mediamesh.model.ids.RoomId;
import io.mediamesh.sip.dialog.Binding;
import io.mediamesh.sip.dialog.Dialog;
import io.mediamesh.sip.dialog.DialogId;
import io.mediamesh.sip.message.HeaderNames;
import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;
import io.mediamesh.sip.sdp.MediaDirection;
import io.mediamesh.sip.sdp.SdpNegotiationException;
import io.mediamesh.sip.sdp.SipSdp;
import io.mediamesh.sip.transaction.Endpoint;
import io.mediamesh.sip.transaction.TransactionId;
import io.mediamesh.sip.transaction.TransactionLayer;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The UAC side of the engine: resolves what to dial (a registered user's contact, a number through the trunk, or a
 * SIP URI), opens the media, sends the INVITE with our offer, answers a 401/407 once with the trunk's credentials,
 * and on the 2xx creates the dialog, ACKs (again for retransmitted 2xx) and applies the answer. Runs on the
 * engine's loop.
 */
final class OutboundCalls {
    private final SipEngine engine;
    private final EventLoop loop;
    private final TransactionLayer layer;
    private final EngineSettings settings;
    private final SipSdp sdp;
    private final Map<String, Call> calls;
    private final Map<DialogId, Call> byDialog;
    private final Map<TransactionId, Call> byClientInvite;
    private final Registrar registrar;
    private final boolean mediaAvailable;

    OutboundCalls(SipEngine engine) {
        this.engine = engine;
        this.loop = engine.loop;
        this.layer = engine.layer;
        this.settings = engine.settings;
        this.sdp = engine.sdp;
        this.calls = engine.calls;
        this.byDialog = engine.byDialog;
        this.byClientInvite = engine.byClientInvite;
        this.registrar = engine.registrar;
        this.mediaAvailable = engine.mediaFactory != null;
    }

    void startDial(String to, String room, String requestedPeer, CompletableFuture<CallView> result) {
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
        if (!mediaAvailable) {
            throw new DialException(503, "no media bridge in this gateway");
        }
        Call call = new Call(engine.nextId(), Call.Direction.OUTBOUND, target, layer.newTag(), engine.now());
        call.room = room;
        call.peer = engine.uniquePeer(room, peer);
        call.origin = destination;
        if (viaTrunk) {
            call.trunkUser = settings.trunk().get().user();
            call.trunkPassword = settings.trunk().get().password();
        }
        calls.put(call.id, call);
        String uri = requestUri;
        engine.openMedia(call, () -> {
            sendFirstInvite(call, uri, destination);
            result.complete(engine.view(call));
        }, () -> {
            calls.remove(call.id);
            result.completeExceptionally(new DialException(503, "no free RTP port"));
        }, () -> result.complete(engine.view(call)));
    }

    private void sendFirstInvite(Call call, String requestUri, Endpoint destination) {
        call.sdpSessionId = Math.abs(layer.newTag().hashCode()) + 1L;
        SipRequest invite = new SipRequest(SipRequest.INVITE, requestUri);
        invite.addHeader(HeaderNames.VIA, engine.via(destination.transport()).toString());
        invite.addHeader(HeaderNames.MAX_FORWARDS, "70");
        invite.addHeader(HeaderNames.FROM, "<" + settings.fromUri() + ">;tag=" + call.localTag);
        invite.addHeader(HeaderNames.TO, "<" + requestUri + ">");
        invite.addHeader(HeaderNames.CALL_ID, layer.newTag() + "@" + settings.advertisedAddress());
        invite.addHeader(HeaderNames.CSEQ, "1 INVITE");
        invite.addHeader(HeaderNames.CONTACT, "<" + settings.contactUri(destination.transport()) + ">");
        invite.addHeader(HeaderNames.ALLOW, SipEngine.ALLOW);
        invite.addHeader(HeaderNames.USER_AGENT, SipEngine.USER_AGENT);
        invite.setBody("application/sdp", sdp.offer(call.media.rtpPort(), MediaDirection.SENDRECV,
                call.sdpSessionId, ++call.sdpVersion).getBytes(StandardCharsets.UTF_8));
        sendInvite(call, invite);
        call.deadline = loop.schedule(() -> {
            if (!call.ended() && call.dialog == null) {
                layer.sendCancel(call.clientInvite, engine.now());
                engine.end(call, "no-answer");
                engine.pump();
            }
        }, settings.inviteTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    private void sendInvite(Call call, SipRequest invite) {
        call.outboundInvite = invite;
        if (call.clientInvite != null) {
            byClientInvite.remove(call.clientInvite);
        }
        call.clientInvite = layer.sendRequest(invite, call.origin, engine.now());
        byClientInvite.put(call.clientInvite, call);
    }

    void onResponse(TransactionId tx, SipResponse response) {
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
                engine.event(call, "ringing", null, null);
            }
        } else if (response.isSuccess()) {
            onInviteAnswered(call, response);
        } else if ((code == 401 || code == 407) && !call.authAnswered && call.trunkUser != null
                && !call.trunkUser.isBlank() && !call.ended()) {
            call.authAnswered = true;
            SipRequest retry = DigestClient.authorize(call.outboundInvite, response, call.trunkUser,
                    call.trunkPassword, layer.newTag(), engine.via(call.origin.transport()));
            if (retry == null) {
                engine.end(call, "rejected " + code);
            } else {
                sendInvite(call, retry);
            }
        } else if (!call.ended()) {
            engine.end(call, "rejected " + code);
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
            engine.end(call, "bad-answer");
            return;
        }
        byDialog.put(call.dialog.id(), call);
        sendAck(call);
        if (call.ended() || call.hangupRequested) {
            call.state = CallState.ANSWERED;
            engine.hangup(call, call.endReason == null ? "hangup" : call.endReason);
            return;
        }
        try {
            call.media.apply(sdp.acceptAnswer(new String(ok.body(), StandardCharsets.UTF_8)));
        } catch (SdpNegotiationException e) {
            engine.hangup(call, "sdp-not-acceptable");
            return;
        }
        engine.answered(call);
    }

    private void sendAck(Call call) {
        SipRequest ack = call.dialog.ack(call.outboundInvite.cseq().number(), engine.via(call.origin.transport()));
        layer.sendRequest(ack, engine.inDialogDestination(call), engine.now());
    }

    void onStrayResponse(SipResponse response) {
        if (response.isSuccess() && response.cseq() != null && SipRequest.INVITE.equals(response.cseq().method())) {
            Call call = byDialog.get(DialogId.ofResponse(response));
            if (call != null && call.direction == Call.Direction.OUTBOUND) {
                sendAck(call);
            }
        }
    }
}
