package io.mediamesh.sip.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A SIP request or response (RFC 3261 §7): start line, headers in order, body. Typed accessors read the headers a
 * gateway needs; {@link SipParser} has already checked the ones every message must carry, so on a parsed message
 * they do not fail. A message is mutable while it is being built; once it has been handed to the transaction
 * layer it must not change.
 */
public abstract sealed class SipMessage permits SipRequest, SipResponse {
    private final List<SipHeader> headers = new ArrayList<>();
    private byte[] body = new byte[0];

    SipMessage() {
    }

    /** The start line without CRLF. */
    public abstract String startLine();

    /** A deep copy. */
    public abstract SipMessage copy();

    void copyInto(SipMessage target) {
        target.headers.addAll(headers);
        target.body = body.clone();
    }

    // ---------------------------------------------------------------- raw headers

    /** All header lines in order. */
    public List<SipHeader> headers() {
        return Collections.unmodifiableList(headers);
    }

    /** The value of the first header called {@code name} (any spelling, compact forms too), or null. */
    public String header(String name) {
        for (SipHeader h : headers) {
            if (HeaderNames.same(h.name(), name)) {
                return h.value();
            }
        }
        return null;
    }

    /** The values of all headers called {@code name}; list headers are split at their commas. */
    public List<String> headerValues(String name) {
        List<String> out = new ArrayList<>();
        boolean list = HeaderNames.isList(name);
        for (SipHeader h : headers) {
            if (HeaderNames.same(h.name(), name)) {
                if (list) {
                    try {
                        out.addAll(HeaderSyntax.splitList(h.value()));
                    } catch (SipParseException e) {
                        out.add(h.value()); // not a list after all: the parser checks the lists it relies on
                    }
                } else {
                    out.add(h.value());
                }
            }
        }
        return out;
    }

    /** The number of header lines called {@code name}. */
    public int headerCount(String name) {
        int count = 0;
        for (SipHeader h : headers) {
            if (HeaderNames.same(h.name(), name)) {
                count++;
            }
        }
        return count;
    }

    /** Appends a header line. */
    public SipMessage addHeader(String name, String value) {
        headers.add(new SipHeader(name, value));
        return this;
    }

    /** Inserts a header line before all others of the same name (where a proxy puts its Via). */
    public SipMessage addHeaderFirst(String name, String value) {
        int at = headers.size();
        for (int i = 0; i < headers.size(); i++) {
            if (HeaderNames.same(headers.get(i).name(), name)) {
                at = i;
                break;
            }
        }
        headers.add(at, new SipHeader(name, value));
        return this;
    }

    /** Replaces all headers called {@code name} by one line, in the place of the first (or at the end). */
    public SipMessage setHeader(String name, String value) {
        for (int i = 0; i < headers.size(); i++) {
            if (HeaderNames.same(headers.get(i).name(), name)) {
                headers.set(i, new SipHeader(name, value));
                for (int j = headers.size() - 1; j > i; j--) {
                    if (HeaderNames.same(headers.get(j).name(), name)) {
                        headers.remove(j);
                    }
                }
                return this;
            }
        }
        return addHeader(name, value);
    }

    /** Removes all headers called {@code name}. */
    public SipMessage removeHeaders(String name) {
        headers.removeIf(h -> HeaderNames.same(h.name(), name));
        return this;
    }

    // ---------------------------------------------------------------- body

    /** The body (a copy). */
    public byte[] body() {
        return body.clone();
    }

    /** The body length, which is what Content-Length says on a parsed message and on the wire. */
    public int bodyLength() {
        return body.length;
    }

    /** Sets the body and its Content-Type (null type: removes Content-Type, for an empty body). */
    public SipMessage setBody(String contentType, byte[] content) {
        this.body = content.clone();
        if (contentType == null) {
            removeHeaders(HeaderNames.CONTENT_TYPE);
        } else {
            setHeader(HeaderNames.CONTENT_TYPE, contentType);
        }
        setHeader(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
        return this;
    }

    void setParsedBody(byte[] content) {
        this.body = content;
    }

    // ---------------------------------------------------------------- typed accessors

    /** All Via values, top first. */
    public List<Via> vias() {
        List<Via> out = new ArrayList<>();
        for (String v : headerValues(HeaderNames.VIA)) {
            out.add(unchecked(() -> Via.parse(v)));
        }
        return out;
    }

    /** The top Via, or null. */
    public Via topVia() {
        List<String> values = headerValues(HeaderNames.VIA);
        return values.isEmpty() ? null : unchecked(() -> Via.parse(values.get(0)));
    }

    /** Replaces the top Via value, leaving the others (even those on the same line) as they were. */
    public SipMessage setTopVia(Via via) {
        for (int i = 0; i < headers.size(); i++) {
            SipHeader h = headers.get(i);
            if (HeaderNames.same(h.name(), HeaderNames.VIA)) {
                List<String> values = unchecked(() -> HeaderSyntax.splitList(h.value()));
                values.set(0, via.toString());
                headers.set(i, new SipHeader(HeaderNames.VIA, String.join(", ", values)));
                return this;
            }
        }
        return addHeader(HeaderNames.VIA, via.toString());
    }

    /** From, or null. */
    public NameAddress from() {
        return address(HeaderNames.FROM);
    }

    /** To, or null. */
    public NameAddress to() {
        return address(HeaderNames.TO);
    }

    /** Call-ID, or null. */
    public String callId() {
        return header(HeaderNames.CALL_ID);
    }

    /** CSeq, or null. */
    public CSeq cseq() {
        String value = header(HeaderNames.CSEQ);
        return value == null ? null : unchecked(() -> CSeq.parse(value));
    }

    /** Contact values (a single "*" for the REGISTER wildcard). */
    public List<NameAddress> contacts() {
        return addresses(HeaderNames.CONTACT);
    }

    /** Record-Route values in order. */
    public List<NameAddress> recordRoutes() {
        return addresses(HeaderNames.RECORD_ROUTE);
    }

    /** Route values in order. */
    public List<NameAddress> routes() {
        return addresses(HeaderNames.ROUTE);
    }

    /** Max-Forwards, or -1 when absent. */
    public int maxForwards() {
        String value = header(HeaderNames.MAX_FORWARDS);
        return value == null ? -1 : (int) HeaderSyntax.parseNumber(value, 255);
    }

    /** Content-Type, or null. */
    public String contentType() {
        return header(HeaderNames.CONTENT_TYPE);
    }

    /** The Content-Length header's value, or -1 when absent. */
    public int contentLength() {
        String value = header(HeaderNames.CONTENT_LENGTH);
        return value == null ? -1 : (int) HeaderSyntax.parseNumber(value, Integer.MAX_VALUE);
    }

    /** The first value of an authentication header (Authorization, WWW-Authenticate, Proxy-...), or null. */
    public AuthHeader auth(String name) {
        String value = header(name);
        return value == null ? null : unchecked(() -> AuthHeader.parse(value));
    }

    private NameAddress address(String name) {
        String value = header(name);
        return value == null ? null : unchecked(() -> NameAddress.parse(value));
    }

    private List<NameAddress> addresses(String name) {
        List<NameAddress> out = new ArrayList<>();
        for (String v : headerValues(name)) {
            out.add(unchecked(() -> NameAddress.parse(v)));
        }
        return out;
    }

    private interface Parse<T> {
        T get() throws SipParseException;
    }

    private static <T> T unchecked(Parse<T> parse) {
        try {
            return parse.get();
        } catch (SipParseException e) {
            throw new IllegalStateException(e.reason(), e);
        }
    }

    // ---------------------------------------------------------------- wire form

    /** The message on the wire: CRLF line ends, full header names, Content-Length equal to the body length. */
    public byte[] toBytes() {
        StringBuilder head = new StringBuilder(256).append(startLine()).append("\r\n");
        boolean lengthWritten = false;
        for (SipHeader h : headers) {
            if (h.name().equals(HeaderNames.CONTENT_LENGTH)) {
                if (lengthWritten) {
                    continue;
                }
                head.append(HeaderNames.CONTENT_LENGTH).append(": ").append(body.length).append("\r\n");
                lengthWritten = true;
            } else {
                head.append(h.name()).append(": ").append(h.value()).append("\r\n");
            }
        }
        if (!lengthWritten) {
            head.append(HeaderNames.CONTENT_LENGTH).append(": ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length);
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }
}
