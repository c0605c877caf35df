package io.mediamesh.sip.message;

import java.nio.charset.StandardCharsets;

/**
 * Cuts SIP messages out of a byte stream (TCP, TLS) by their Content-Length (RFC 3261 §18.3), which is mandatory
 * there. Stateless: the caller keeps the unread bytes and asks again when more arrive. CRLFs between messages
 * (including the RFC 5626 "double CRLF" keep-alive) come back as a frame without a message so that they can be
 * consumed (and a keep-alive answered) without waiting for the next message.
 */
public final class SipStreamFramer {

    /**
     * One unit of the stream.
     *
     * @param keepAliveBytes CRLF bytes before the message, to be consumed
     * @param messageBytes   the length of the message after them, 0 if only CRLFs were available
     */
    public record Frame(int keepAliveBytes, int messageBytes) {
        /** Bytes to consume from the stream for this frame. */
        public int totalBytes() {
            return keepAliveBytes + messageBytes;
        }

        /** Whether a message follows the CRLFs; parse {@code messageBytes} from {@code keepAliveBytes} on. */
        public boolean hasMessage() {
            return messageBytes > 0;
        }
    }

    private SipStreamFramer() {
    }

    /**
     * The next frame of {@code data[offset, offset+length)}, or null when more bytes are needed.
     *
     * @throws SipParseException when the stream cannot be framed any more (headers beyond
     *                           {@link SipParser#MAX_MESSAGE_BYTES}, missing or bad Content-Length): close it
     */
    public static Frame frame(byte[] data, int offset, int length) throws SipParseException {
        int end = offset + length;
        int crlf = 0;
        while (offset + crlf < end && (data[offset + crlf] == '\r' || data[offset + crlf] == '\n')) {
            crlf++;
        }
        if (crlf > 0) {
            if (offset + crlf == end && data[end - 1] == '\r') {
                crlf--; // a trailing CR may be the first half of a CRLF: leave it until its LF arrives
            }
            return crlf > 0 ? new Frame(crlf, 0) : null;
        }
        int headEnd = -1;
        for (int i = offset; i < end; i++) {
            if (data[i] == '\n') {
                if (i + 1 < end && data[i + 1] == '\n') {
                    headEnd = i + 2;
                    break;
                }
                if (i + 2 < end && data[i + 1] == '\r' && data[i + 2] == '\n') {
                    headEnd = i + 3;
                    break;
                }
            }
            if (i - offset >= SipParser.MAX_MESSAGE_BYTES) {
                throw new SipParseException(513, "Message Too Large", null);
            }
        }
        if (headEnd < 0) {
            return null;
        }
        int contentLength = contentLength(data, offset, headEnd);
        long total = (long) headEnd - offset + contentLength;
        if (total > SipParser.MAX_MESSAGE_BYTES) {
            throw new SipParseException(513, "Message Too Large", null);
        }
        return total <= length ? new Frame(0, (int) total) : null;
    }

    /** The Content-Length (or "l") header value in the header block {@code [from, to)}. */
    private static int contentLength(byte[] data, int from, int to) throws SipParseException {
        String head = new String(data, from, to - from, StandardCharsets.ISO_8859_1);
        int found = -1;
        String[] lines = head.split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || HeaderSyntax.isWhitespace(line.charAt(0))) {
                continue;
            }
            if (!HeaderNames.same(line.substring(0, colon).strip(), HeaderNames.CONTENT_LENGTH)) {
                continue;
            }
            StringBuilder value = new StringBuilder(line.substring(colon + 1));
            for (int j = i + 1; j < lines.length && !lines[j].isEmpty()
                    && HeaderSyntax.isWhitespace(lines[j].charAt(0)); j++) {
                value.append(' ').append(lines[j]);
            }
            long parsed = HeaderSyntax.parseNumber(value.toString().strip(), SipParser.MAX_MESSAGE_BYTES);
            if (parsed < 0 || found >= 0 && parsed != found) {
                throw new SipParseException("Bad Content-Length");
            }
            found = (int) parsed;
        }
        if (found < 0) {
            throw new SipParseException("Missing Content-Length on a stream");
        }
        return found;
    }
}
