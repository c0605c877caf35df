package io.mediamesh.sip.message;

import java.nio.charset.StandardCharsets;

/** Test messages are written with \n line ends and sent with CRLF. */
final class SipTexts {
    private SipTexts() {
    }

    static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static SipMessage parse(String text) throws SipParseException {
        return SipParser.parse(crlf(text));
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
