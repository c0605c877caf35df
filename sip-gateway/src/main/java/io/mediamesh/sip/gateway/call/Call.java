package io.mediamesh.sip.gateway.call;

import io.mediamesh.sip.bridge.CallMedia;
import io.mediamesh.sip.dialog.Dialog;
import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.transaction.Endpoint;
import io.mediamesh.sip.transaction.TransactionId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/** One call's signalling state. Owned by the engine's event loop; nothing here is read from elsewhere. */
final class Call {
    enum Direction {
        INBOUND, OUTBOUND;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    final String id;
    final Direction direction;
    final String remote;
    final long createdWallMillis;
    final long createdMillis;
    final List<CallEvent> events = new ArrayList<>();
    final String localTag;

    String room;
    String peer;
    CallState state;
    String endReason;
    CallMedia media;
    Dialog dialog;
    /** Where in-dialog requests go when there is no route set: the INVITE's source, or where we sent ours. */
    Endpoint origin;
    long setupMillis = -1;
    long mediaOpenMillis = -1;
    long answeredWallMillis;
    long sdpSessionId;
    long sdpVersion;
    boolean answerInAck;
    boolean ringingSent;

    // inbound
    TransactionId serverInvite;
    SipRequest inboundInvite;
    ScheduledFuture<?> retry;
    ScheduledFuture<?> deadline;
    ScheduledFuture<?> okRetransmit;

    // outbound
    TransactionId clientInvite;
    SipRequest outboundInvite;
    boolean authAnswered;
    boolean hangupRequested;
    String trunkUser;
    String trunkPassword;

    Call(String id, Direction direction, String remote, String localTag, long createdMillis) {
        this.id = id;
        this.direction = direction;
        this.remote = remote;
        this.localTag = localTag;
        this.createdMillis = createdMillis;
        this.createdWallMillis = System.currentTimeMillis();
        this.state = direction == Direction.OUTBOUND ? CallState.CALLING : CallState.RINGING;
    }

    boolean ended() {
        return state == CallState.ENDED;
    }

    void cancelTimers() {
        for (ScheduledFuture<?> f : new ScheduledFuture<?>[] {retry, deadline, okRetransmit}) {
            if (f != null) {
                f.cancel(false);
            }
        }
    }
}
