package io.mediamesh.sip.transaction;

import io.mediamesh.sip.message.HeaderNames;
import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;

/** The requests the client side builds from an INVITE: the ACK for a non-2xx (§17.1.1.3) and CANCEL (§9.1). */
final class TransactionRequests {
    private TransactionRequests() {
    }

    /**
     * ACK for a non-2xx final response: the INVITE's Request-URI, top Via, From, Call-ID, CSeq number and Route;
     * To from the response (with its tag).
     */
    static SipRequest ackForNon2xx(SipRequest invite, SipResponse response) {
        SipRequest ack = new SipRequest(SipRequest.ACK, invite.requestUri());
        fillFrom(invite, ack, SipRequest.ACK, response.header(HeaderNames.TO));
        return ack;
    }

    /** CANCEL for an INVITE: the same Request-URI, top Via (so the same branch), From, To, Call-ID, CSeq number. */
    static SipRequest cancel(SipRequest invite) {
        SipRequest cancel = new SipRequest(SipRequest.CANCEL, invite.requestUri());
        fillFrom(invite, cancel, SipRequest.CANCEL, invite.header(HeaderNames.TO));
        return cancel;
    }

    private static void fillFrom(SipRequest invite, SipRequest target, String method, String to) {
        target.addHeader(HeaderNames.VIA, invite.topVia().toString());
        target.addHeader(HeaderNames.MAX_FORWARDS, "70");
        for (String route : invite.headerValues(HeaderNames.ROUTE)) {
            target.addHeader(HeaderNames.ROUTE, route);
        }
        target.addHeader(HeaderNames.FROM, invite.header(HeaderNames.FROM));
        target.addHeader(HeaderNames.TO, to);
        target.addHeader(HeaderNames.CALL_ID, invite.callId());
        target.addHeader(HeaderNames.CSEQ, invite.cseq().number() + " " + method);
        target.addHeader(HeaderNames.CONTENT_LENGTH, "0");
    }
}
