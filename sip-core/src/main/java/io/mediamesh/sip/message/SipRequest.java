package io.mediamesh.sip.message;

import java.util.Set;

/** A SIP request: method, Request-URI (as written), headers, body. */
public final class SipRequest extends SipMessage {
    public static final String INVITE = "INVITE";
    public static final String ACK = "ACK";
    public static final String CANCEL = "CANCEL";
    public static final String BYE = "BYE";
    public static final String REGISTER = "REGISTER";
    public static final String OPTIONS = "OPTIONS";

    /** Methods whose 101-299 responses create a dialog (RFC 3261 §12.1, RFC 6665, RFC 3515). */
    private static final Set<String> DIALOG_CREATING = Set.of(INVITE, "SUBSCRIBE", "REFER");

    private final String method;
    private final String requestUri;

    public SipRequest(String method, String requestUri) {
        if (!HeaderSyntax.isToken(method) || requestUri.isEmpty()) {
            throw new IllegalArgumentException("bad request line: " + method + " " + requestUri);
        }
        this.method = method;
        this.requestUri = requestUri;
    }

    /** The method, case-sensitive (RFC 3261 §7.1). */
    public String method() {
        return method;
    }

    /** The Request-URI as written. */
    public String requestUri() {
        return requestUri;
    }

    /** Whether this is a request of method {@code name}. */
    public boolean isMethod(String name) {
        return method.equals(name);
    }

    @Override
    public String startLine() {
        return method + " " + requestUri + " SIP/2.0";
    }

    @Override
    public SipRequest copy() {
        SipRequest copy = new SipRequest(method, requestUri);
        copyInto(copy);
        return copy;
    }

    /**
     * A response to this request per RFC 3261 §8.2.6.2: Via values (in order), From, To, Call-ID and CSeq copied;
     * {@code toTag} is added to To when To has no tag yet and the status is above 100; Record-Route is copied for a
     * 101-299 answer to a dialog-creating request (§12.1.1); Timestamp is copied into a 100 (§8.2.6.1). Works on a
     * partial request from a {@link SipParseException} too, copying whatever of those headers it has.
     *
     * @param reason the reason phrase, or null for the standard one
     * @param toTag  the UAS's tag, or null to leave To as it is
     */
    public SipResponse createResponse(int statusCode, String reason, String toTag) {
        SipResponse response = new SipResponse(statusCode, reason != null ? reason : SipStatus.reason(statusCode));
        for (SipHeader h : headers()) {
            switch (h.name()) {
                case HeaderNames.VIA, HeaderNames.FROM, HeaderNames.CALL_ID, HeaderNames.CSEQ ->
                        response.addHeader(h.name(), h.value());
                case HeaderNames.TO -> response.addHeader(h.name(), toValue(h.value(), statusCode, toTag));
                case HeaderNames.RECORD_ROUTE -> {
                    if (statusCode > 100 && statusCode < 300 && DIALOG_CREATING.contains(method)) {
                        response.addHeader(h.name(), h.value());
                    }
                }
                case HeaderNames.TIMESTAMP -> {
                    if (statusCode == 100) {
                        response.addHeader(h.name(), h.value());
                    }
                }
                default -> {
                }
            }
        }
        return response;
    }

    /** {@link #createResponse(int, String, String)} with the standard reason phrase and no tag. */
    public SipResponse createResponse(int statusCode) {
        return createResponse(statusCode, null, null);
    }

    private static String toValue(String to, int statusCode, String toTag) {
        if (toTag == null || statusCode == 100) {
            return to;
        }
        try {
            NameAddress address = NameAddress.parse(to);
            return address.tag() != null ? to : address.withTag(toTag).toString();
        } catch (SipParseException e) {
            return to;
        }
    }
}
