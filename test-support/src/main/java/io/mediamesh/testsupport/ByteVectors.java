package io.mediamesh.testsupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Byte vectors written as hex in tests. Whitespace, newlines and {@code //} comments inside the string are
 * ignored, so a vector can carry a comment on each 32-bit word.
 */
public final class ByteVectors {
    private ByteVectors() {
    }

    /** Parses hex (spaces, newlines, ':' and // comments allowed) into bytes. */
    public static byte[] hex(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (String line : text.split("\n")) {
            int comment = line.indexOf("//");
            String data = comment >= 0 ? line.substring(0, comment) : line;
            for (int i = 0; i < data.length(); i++) {
                char c = data.charAt(i);
                if (Character.digit(c, 16) >= 0) {
                    digits.append(c);
                } else if (!Character.isWhitespace(c) && c != ':') {
                    throw new IllegalArgumentException("not a hex digit: '" + c + "' in " + line);
                }
            }
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + digits.length());
        }
        return ByteBufUtil.decodeHexDump(digits);
    }

    /** The same bytes as {@link #hex(String)}, in an unpooled heap buffer the test owns. */
    public static ByteBuf buf(String text) {
        return Unpooled.wrappedBuffer(hex(text));
    }

    /** Lower-case hex of the readable bytes of {@code buf}, without consuming them. */
    public static String toHex(ByteBuf buf) {
        return ByteBufUtil.hexDump(buf);
    }

    /** Lower-case hex of {@code bytes}. */
    public static String toHex(byte[] bytes) {
        return ByteBufUtil.hexDump(bytes);
    }
}
