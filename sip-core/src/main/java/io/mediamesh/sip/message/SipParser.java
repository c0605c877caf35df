package io.mediamesh.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one SIP message from bytes (RFC 3261 §7): a UDP datagram, or one frame cut from a stream by
 * {@link SipStreamFramer}. Tolerant where RFC 3261 and RFC 4475 ask for tolerance (leading CRLFs, line folding,
 * LWS around separators, compact and oddly-cased header names, unknown headers kept as they are, bare LF line
 * ends), strict where a gateway must be (start line, the mandatory headers, Content-Length, CSeq, Max-Forwards,
 * Via, the address headers). Failures are {@link SipParseException}s.
 */
public final class SipParser {
    /** The largest message accepted, datagram or frame. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private static final String[] SINGLE = {HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID,
        HeaderNames.CSEQ, HeaderNames.MAX_FORWARDS, HeaderNames.CONTENT_LENGTH, HeaderNames.CONTENT_TYPE};

    private SipParser() {
    }

    /** Parses a whole datagram. */
    public static SipMessage parse(byte[] data) throws SipParseException {
        return parse(data, 0, data.length);
    }

    /**
     * Parses the message in {@code data[offset, offset+length)}. Bytes after the Content-Length body are ignored
     * (RFC 3261 §18.3); a Content-Length beyond the end of the bytes is an error; without Content-Length the body
     * runs to the end.
     */
    public static SipMessage parse(byte[] data, int offset, int length) throws SipParseException {
        if (length > MAX_MESSAGE_BYTES) {
            throw new SipParseException(513, "Message Too Large", null);
        }
        int end = offset + length;
        int start = offset;
        while (start < end && (data[start] == '\r' || data[start] == '\n')) {
            start++;
        }
        if (start == end) {
            throw new SipParseException("Empty message");
        }
        int headEnd = -1;
        int bodyStart = -1;
        for (int i = start; i < end; i++) {
            if (data[i] == '\n') {
                if (i + 1 < end && data[i + 1] == '\n') {
                    headEnd = i;
                    bodyStart = i + 2;
                    break;
                }
                if (i + 2 < end && data[i + 1] == '\r' && data[i + 2] == '\n') {
                    headEnd = i;
                    bodyStart = i + 3;
                    break;
                }
            }
        }
        if (headEnd < 0) {
            throw new SipParseException("No empty line after the headers");
        }
        String head = new String(data, start, headEnd - start, StandardCharsets.UTF_8);
        List<String> lines = unfold(head);
        String startLine = lines.get(0);

        SipMessage message;
        SipParseException startLineError = null;
        if (startLine.startsWith("SIP/")) {
            message = responseLine(startLine);
        } else {
            String[] parts = requestLineParts(startLine);
            message = new SipRequest(parts[0], parts[1].isEmpty() ? "-" : parts[1]);
            startLineError = checkRequestLine(parts);
        }
        SipParseException error = startLineError;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).strip();
            if (!HeaderSyntax.isToken(name)) {
                error = first(error, new SipParseException("Bad header line"));
                continue;
            }
            message.addHeader(name, line.substring(colon + 1));
        }
        if (error == null) {
            error = checkHeaders(message);
        }
        int available = end - bodyStart;
        int bodyLength = available;
        if (error == null) {
            int declared = message.contentLength();
            if (declared > available) {
                error = new SipParseException("Content-Length larger than the message");
            } else if (declared >= 0) {
                bodyLength = declared;
            }
        }
        if (error != null) {
            throw message instanceof SipRequest request && routable(request) ? error.withRequest(request) : error;
        }
        byte[] body = new byte[bodyLength];
        System.arraycopy(data, bodyStart, body, 0, bodyLength);
        message.setParsedBody(body);
        return message;
    }

    private static SipParseException first(SipParseException earlier, SipParseException later) {
        return earlier != null ? earlier : later;
    }

    /** Lines with folding undone: a line that starts with SP or HT continues the previous one. */
    private static List<String> unfold(String head) throws SipParseException {
        List<String> lines = new ArrayList<>();
        for (String raw : head.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (!line.isEmpty() && HeaderSyntax.isWhitespace(line.charAt(0))) {
                if (lines.size() < 2) {
                    throw new SipParseException(lines.isEmpty() ? "Bad start line" : "Folded start line");
                }
                int last = lines.size() - 1;
                lines.set(last, lines.get(last).stripTrailing() + " " + line.strip());
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    private static SipResponse responseLine(String line) throws SipParseException {
        int sp1 = line.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        String version = sp1 < 0 ? line : line.substring(0, sp1);
        String code = sp1 < 0 ? "" : sp2 < 0 ? line.substring(sp1 + 1) : line.substring(sp1 + 1, sp2);
        if (!version.equalsIgnoreCase("SIP/2.0")) {
            throw new SipParseException(505, "Version Not Supported", null);
        }
        if (code.length() != 3) {
            throw new SipParseException("Bad status code");
        }
        int status = (int) HeaderSyntax.parseNumber(code, 699);
        if (status < 100) {
            throw new SipParseException("Bad status code");
        }
        return new SipResponse(status, sp2 < 0 ? "" : line.substring(sp2 + 1));
    }

    /** Method, Request-URI, version: split at the first and the last space; garbage is left for the check. */
    private static String[] requestLineParts(String line) throws SipParseException {
        int first = line.indexOf(' ');
        int last = line.lastIndexOf(' ');
        if (first <= 0 || last == first || !HeaderSyntax.isToken(line.substring(0, first))) {
            throw new SipParseException("Bad request line");
        }
        return new String[] {line.substring(0, first), line.substring(first + 1, last), line.substring(last + 1)};
    }

    private static SipParseException checkRequestLine(String[] parts) {
        String version = parts[2];
        if (!version.toUpperCase(Locale.ROOT).startsWith("SIP/")) {
            return new SipParseException("Bad request line");
        }
        if (!version.equalsIgnoreCase("SIP/2.0")) {
            return new SipParseException(505, "Version Not Supported", null);
        }
        String uri = parts[1];
        int colon = uri.indexOf(':');
        if (colon <= 0 || !HeaderSyntax.isToken(uri.substring(0, colon))) {
            return new SipParseException("Bad Request-URI");
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '"') {
                return new SipParseException("Bad Request-URI");
            }
        }
        return null;
    }

    private static SipParseException checkHeaders(SipMessage message) {
        try {
            for (String name : SINGLE) {
                if (message.headerCount(name) > 1) {
                    throw new SipParseException("Duplicate " + name);
                }
            }
            if (message.headerCount(HeaderNames.VIA) == 0) {
                throw new SipParseException("Missing Via");
            }
            String callId = message.callId();
            if (callId == null || callId.isEmpty()) {
                throw new SipParseException("Missing Call-ID");
            }
            for (int i = 0; i < callId.length(); i++) {
                if (callId.charAt(i) <= ' ') {
                    throw new SipParseException("Bad Call-ID");
                }
            }
            String from = message.header(HeaderNames.FROM);
            String to = message.header(HeaderNames.TO);
            String cseq = message.header(HeaderNames.CSEQ);
            if (from == null || to == null || cseq == null) {
                throw new SipParseException(from == null ? "Missing From" : to == null ? "Missing To"
                        : "Missing CSeq");
            }
            NameAddress.parse(from);
            NameAddress.parse(to);
            CSeq parsedCseq = CSeq.parse(cseq);
            if (message instanceof SipRequest request && !parsedCseq.method().equals(request.method())) {
                throw new SipParseException("CSeq method does not match the request method");
            }
            String maxForwards = message.header(HeaderNames.MAX_FORWARDS);
            if (maxForwards != null && HeaderSyntax.parseNumber(maxForwards, 255) < 0) {
                throw new SipParseException("Bad Max-Forwards");
            }
            String contentLength = message.header(HeaderNames.CONTENT_LENGTH);
            if (contentLength != null && HeaderSyntax.parseNumber(contentLength, MAX_MESSAGE_BYTES) < 0) {
                throw new SipParseException("Bad Content-Length");
            }
            for (String name : new String[] {HeaderNames.VIA, HeaderNames.CONTACT, HeaderNames.ROUTE, HeaderNames.RECORD_ROUTE}) {
                for (SipHeader h : message.headers()) {
                    if (h.name().equals(name)) {
                        List<String> values = HeaderSyntax.splitList(h.value());
                        if (values.isEmpty() && name.equals(HeaderNames.VIA)) {
                            throw new SipParseException("Bad Via");
                        }
                        for (String value : values) {
                            if (name.equals(HeaderNames.VIA)) {
                                Via.parse(value);
                            } else {
                                NameAddress.parse(value);
                            }
                        }
                    }
                }
            }
            return null;
        } catch (SipParseException e) {
            return e;
        }
    }

    /** Whether an answer could be routed back: a readable top Via and a Call-ID. */
    private static boolean routable(SipRequest request) {
        try {
            List<String> vias = HeaderSyntax.splitList(request.header(HeaderNames.VIA) == null ? ""
                    : request.header(HeaderNames.VIA));
            Via.parse(vias.get(0));
            return request.callId() != null && !request.callId().isEmpty();
        } catch (SipParseException | RuntimeException e) {
            return false;
        }
    }
}
