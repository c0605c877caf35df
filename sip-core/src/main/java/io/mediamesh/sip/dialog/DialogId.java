package io.mediamesh.sip.dialog;

import io.mediamesh.sip.message.NameAddress;
import io.mediamesh.sip.message.SipMessage;
import io.mediamesh.sip.message.SipRequest;

/**
 * A dialog's identity (RFC 3261 §12): Call-ID, local tag and remote tag, as this side sees them.
 *
 * @param remoteTag empty when the remote side sent none (an RFC 2543 peer)
 */
public record DialogId(String callId, String localTag, String remoteTag) {
    public DialogId {
        if (callId == null || callId.isEmpty() || localTag == null || localTag.isEmpty()) {
            throw new IllegalArgumentException("a dialog id needs a Call-ID and a local tag");
        }
        remoteTag = remoteTag == null ? "" : remoteTag;
    }

    /**
     * The dialog an incoming request belongs to, seen from its receiver: local tag from To, remote tag from From.
     * Null when the request has no To tag (it is not in a dialog).
     */
    public static DialogId ofIncoming(SipRequest request) {
        return of(request, request.to(), request.from());
    }

    /** The dialog a response to our own request belongs to: local tag from From, remote tag from To; or null. */
    public static DialogId ofResponse(SipMessage response) {
        return of(response, response.from(), response.to());
    }

    private static DialogId of(SipMessage message, NameAddress local, NameAddress remote) {
        if (message.callId() == null || local == null || local.tag() == null || local.tag().isEmpty()) {
            return null;
        }
        return new DialogId(message.callId(), local.tag(), remote == null ? "" : remote.tag());
    }
}
