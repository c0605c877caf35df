package io.mediamesh.sip.dialog;

import io.mediamesh.sip.message.CSeq;
import io.mediamesh.sip.message.HeaderNames;
import io.mediamesh.sip.message.NameAddress;
import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;
import io.mediamesh.sip.message.Via;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One SIP dialog's state (RFC 3261 §12): id, local and remote URI (with tags), remote target, route set and the two
 * CSeq spaces. Creates in-dialog requests (§12.2.1.1) with the Request-URI and Route headers of loose routing, or of
 * strict routing when the first route lacks {@code lr}. Not thread-safe.
 */
public final class Dialog {
    /** The CSeq number of an empty sequence (no request seen or sent yet). */
    public static final long EMPTY = -1;

    private final DialogRole role;
    private final DialogId id;
    private final NameAddress localAddress;
    private final NameAddress remoteAddress;
    private final List<NameAddress> routeSet;
    private final String localContact;
    private String remoteTarget;
    private long localSeq;
    private long remoteSeq;
    private boolean confirmed;

    private Dialog(DialogRole role, DialogId id, NameAddress localAddress, NameAddress remoteAddress,
            List<NameAddress> routeSet, String localContact, String remoteTarget, long localSeq, long remoteSeq) {
        this.role = role;
        this.id = id;
        this.localAddress = localAddress;
        this.remoteAddress = remoteAddress;
        this.routeSet = Collections.unmodifiableList(new ArrayList<>(routeSet));
        this.localContact = localContact;
        this.remoteTarget = remoteTarget;
        this.localSeq = localSeq;
        this.remoteSeq = remoteSeq;
    }

    /**
     * The UAS side of a dialog created by our answer (with tag {@code localTag}) to {@code invite} (§12.1.1): route
     * set = Record-Route in order, remote target = the INVITE's Contact, remote CSeq = the INVITE's, local CSeq
     * empty until {@code initialLocalSeq} is used by our first request.
     *
     * @param localContact our Contact URI, e.g. {@code sip:gw@192.0.2.1:5060}
     * @throws IllegalArgumentException when the INVITE has no Contact (answer 400)
     */
    public static Dialog asUas(SipRequest invite, String localTag, String localContact, long initialLocalSeq) {
        String target = contactUri(invite.contacts());
        if (target == null) {
            throw new IllegalArgumentException("the INVITE has no Contact");
        }
        DialogId id = new DialogId(invite.callId(), localTag, invite.from().tag());
        return new Dialog(DialogRole.UAS, id, invite.to().withTag(localTag), invite.from(), invite.recordRoutes(),
                localContact, target, initialLocalSeq - 1, invite.cseq().number());
    }

    /**
     * The UAC side of a dialog created by {@code response} (a 101-299 with a To tag) to our {@code invite}
     * (§12.1.2): route set = the response's Record-Route reversed, remote target = its Contact, local CSeq = the
     * INVITE's, remote CSeq empty.
     *
     * @throws IllegalArgumentException when the response has no To tag or no Contact
     */
    public static Dialog asUac(SipRequest invite, SipResponse response, String localContact) {
        String target = contactUri(response.contacts());
        if (response.to() == null || response.to().tag() == null || target == null) {
            throw new IllegalArgumentException("a dialog-creating response needs a To tag and a Contact");
        }
        List<NameAddress> routes = new ArrayList<>(response.recordRoutes());
        Collections.reverse(routes);
        DialogId id = new DialogId(invite.callId(), invite.from().tag(), response.to().tag());
        Dialog dialog = new Dialog(DialogRole.UAC, id, invite.from(), response.to(), routes, localContact, target,
                invite.cseq().number(), EMPTY);
        dialog.confirmed = response.isSuccess();
        return dialog;
    }

    private static String contactUri(List<NameAddress> contacts) {
        return contacts.isEmpty() || contacts.get(0).uri().equals("*") ? null : contacts.get(0).uri();
    }

    // ---------------------------------------------------------------- incoming

    /**
     * Checks the CSeq of an in-dialog request from the remote side (§12.2.2): lower than the last one is out of
     * order (answer 500) and returns false; otherwise it becomes the remote CSeq. ACK and CANCEL carry the INVITE's
     * number and are not checked.
     */
    public boolean acceptRemoteCSeq(SipRequest request) {
        if (request.isMethod(SipRequest.ACK) || request.isMethod(SipRequest.CANCEL)) {
            return true;
        }
        long number = request.cseq().number();
        if (remoteSeq != EMPTY && number <= remoteSeq) {
            return false;
        }
        remoteSeq = number;
        return true;
    }

    /** A target refresh (re-INVITE, or its 2xx) with a Contact replaces the remote target (§12.2). */
    public void refreshTarget(List<NameAddress> contacts) {
        String target = contactUri(contacts);
        if (target != null) {
            remoteTarget = target;
        }
    }

    /** The ACK (UAS) or 2xx (UAC) that confirms the dialog arrived. */
    public void confirm() {
        confirmed = true;
    }

    // ---------------------------------------------------------------- outgoing

    /**
     * A new in-dialog request of {@code method} (BYE, INVITE, OPTIONS, INFO, ...) with the next local CSeq: Max-Forwards
     * 70, From/To with tags, Call-ID, Route set, and a Contact for an INVITE. {@code via} is our top Via with a fresh
     * branch.
     */
    public SipRequest newRequest(String method, Via via) {
        if (method.equals(SipRequest.ACK) || method.equals(SipRequest.CANCEL)) {
            throw new IllegalArgumentException(method + " takes the CSeq of its INVITE: use ack()");
        }
        localSeq = localSeq == EMPTY ? 1 : localSeq + 1;
        return build(method, via, localSeq);
    }

    /** The ACK for the 2xx to the INVITE (or re-INVITE) sent with CSeq {@code inviteCSeq} (§13.2.2.4). */
    public SipRequest ack(long inviteCSeq, Via via) {
        return build(SipRequest.ACK, via, inviteCSeq);
    }

    private SipRequest build(String method, Via via, long cseq) {
        String requestUri = remoteTarget;
        List<String> routes = new ArrayList<>();
        if (!routeSet.isEmpty()) {
            if (isLooseRouter(routeSet.get(0).uri())) {
                routeSet.forEach(r -> routes.add(r.toString()));
            } else {
                requestUri = stripUriHeaders(routeSet.get(0).uri());
                for (int i = 1; i < routeSet.size(); i++) {
                    routes.add(routeSet.get(i).toString());
                }
                routes.add("<" + remoteTarget + ">");
            }
        }
        SipRequest request = new SipRequest(method, requestUri);
        request.addHeader(HeaderNames.VIA, via.toString());
        request.addHeader(HeaderNames.MAX_FORWARDS, "70");
        for (String route : routes) {
            request.addHeader(HeaderNames.ROUTE, route);
        }
        request.addHeader(HeaderNames.FROM, localAddress.toString());
        request.addHeader(HeaderNames.TO, remoteAddress.toString());
        request.addHeader(HeaderNames.CALL_ID, id.callId());
        request.addHeader(HeaderNames.CSEQ, new CSeq(cseq, method).toString());
        if (method.equals(SipRequest.INVITE)) {
            request.addHeader(HeaderNames.CONTACT, "<" + localContact + ">");
        }
        return request;
    }

    /** Whether a route URI has the {@code lr} parameter (RFC 3261 §16.12). */
    static boolean isLooseRouter(String uri) {
        int question = uri.indexOf('?');
        String withoutHeaders = question < 0 ? uri : uri.substring(0, question);
        for (String part : withoutHeaders.split(";")) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (name.equals("lr") || name.startsWith("lr=")) {
                return true;
            }
        }
        return false;
    }

    private static String stripUriHeaders(String uri) {
        int question = uri.indexOf('?');
        return question < 0 ? uri : uri.substring(0, question);
    }

    // ---------------------------------------------------------------- state

    public DialogRole role() {
        return role;
    }

    public DialogId id() {
        return id;
    }

    /** Our URI with our tag (From of our requests). */
    public NameAddress localAddress() {
        return localAddress;
    }

    /** The remote URI with its tag (To of our requests). */
    public NameAddress remoteAddress() {
        return remoteAddress;
    }

    /** The route set, in the order our requests carry it. */
    public List<NameAddress> routeSet() {
        return routeSet;
    }

    /** Where our requests go (absent a route set): the remote Contact URI. */
    public String remoteTarget() {
        return remoteTarget;
    }

    /** The last CSeq we used, or {@link #EMPTY}. */
    public long localSeq() {
        return localSeq;
    }

    /** The last CSeq the remote side used, or {@link #EMPTY}. */
    public long remoteSeq() {
        return remoteSeq;
    }

    /** Whether the dialog is confirmed (2xx seen and, for the UAS, acknowledged). */
    public boolean confirmed() {
        return confirmed;
    }
}
