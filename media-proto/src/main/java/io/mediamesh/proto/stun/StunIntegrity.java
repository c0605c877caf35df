package io.mediamesh.proto.stun;

import io.mediamesh.proto.MalformedPacketException;
import io.netty.buffer.ByteBuf;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks MESSAGE-INTEGRITY (<a href="https://www.rfc-editor.org/rfc/rfc8489#section-14.5">RFC 8489 §14.5</a>) and
 * FINGERPRINT (<a href="https://www.rfc-editor.org/rfc/rfc8489#section-14.7">§14.7</a>) over the raw bytes of a
 * received message, and computes them for {@link StunMessage#encode}.
 *
 * <p>Both are computed over the message up to (not including) the attribute, with the header's length field
 * replaced by the length the message would have if it ended right after that attribute. The received bytes are
 * never modified: the adjusted length is fed to the HMAC or CRC separately. For ICE short-term credentials
 * (RFC 8445 §7.2.2) the key is the UTF-8 bytes of the password.
 */
public final class StunIntegrity {
    private static final long FINGERPRINT_XOR = 0x5354554EL;
    private static final String HMAC_SHA1 = "HmacSHA1";

    private StunIntegrity() {
    }

    /**
     * Whether the message carries a MESSAGE-INTEGRITY that matches {@code key}. Returns false when the attribute is
     * absent, wrong, or the message is malformed; never throws for peer input.
     *
     * @param rawMessage the received datagram at its readerIndex; borrows, does not move its indices
     */
    public static boolean verifyMessageIntegrity(ByteBuf rawMessage, byte[] key) {
        int offset = findAttribute(rawMessage, StunAttribute.TYPE_MESSAGE_INTEGRITY);
        if (offset < 0 || rawMessage.getUnsignedShort(offset + 2) != 20) {
            return false;
        }
        int start = rawMessage.readerIndex();
        int adjustedLength = offset - start - StunMessage.HEADER_LENGTH + StunMessage.MESSAGE_INTEGRITY_LENGTH;
        byte[] expected = hmacSha1(key, rawMessage, start, offset - start, adjustedLength);
        byte[] received = new byte[20];
        rawMessage.getBytes(offset + 4, received);
        return MessageDigest.isEqual(expected, received);
    }

    /**
     * Whether the message ends with a FINGERPRINT that matches its CRC-32. Returns false when the attribute is
     * absent, wrong, not last, or the message is malformed; never throws for peer input.
     *
     * @param rawMessage the received datagram at its readerIndex; borrows, does not move its indices
     */
    public static boolean verifyFingerprint(ByteBuf rawMessage) {
        int offset = findAttribute(rawMessage, StunAttribute.TYPE_FINGERPRINT);
        if (offset < 0 || rawMessage.getUnsignedShort(offset + 2) != 4) {
            return false;
        }
        int start = rawMessage.readerIndex();
        int messageEnd = start + StunMessage.HEADER_LENGTH + rawMessage.getUnsignedShort(start + 2);
        if (offset + StunMessage.FINGERPRINT_LENGTH != messageEnd) {
            return false;
        }
        int adjustedLength = offset - start - StunMessage.HEADER_LENGTH + StunMessage.FINGERPRINT_LENGTH;
        long crc = fingerprint(rawMessage, start, offset - start, adjustedLength);
        return crc == rawMessage.getUnsignedInt(offset + 4);
    }

    /** The absolute offset of the first attribute of {@code type}, or -1 if absent or the message is malformed. */
    private static int findAttribute(ByteBuf buf, int type) {
        try {
            int end = StunMessage.checkHeader(buf);
            int offset = buf.readerIndex() + StunMessage.HEADER_LENGTH;
            while (offset < end) {
                int length = StunMessage.checkAttribute(buf, offset, end);
                if (buf.getUnsignedShort(offset) == type) {
                    return offset;
                }
                offset += StunMessage.ATTRIBUTE_HEADER_LENGTH + StunMessage.padded(length);
            }
            return -1;
        } catch (MalformedPacketException e) {
            return -1;
        }
    }

    /**
     * HMAC-SHA1 over {@code buf[offset, offset + length)}, with the 16-bit length field at {@code offset + 2}
     * replaced by {@code adjustedLength} unless it is negative.
     *
     * @param buf borrows, reads only
     */
    static byte[] hmacSha1(byte[] key, ByteBuf buf, int offset, int length, int adjustedLength) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            // HMAC pads short keys with zeros, so an empty key equals a single zero byte; SecretKeySpec rejects empty.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, HMAC_SHA1));
            if (adjustedLength < 0) {
                mac.update(buf.nioBuffer(offset, length));
            } else {
                mac.update(buf.nioBuffer(offset, 2));
                mac.update((byte) (adjustedLength >>> 8));
                mac.update((byte) adjustedLength);
                mac.update(buf.nioBuffer(offset + 4, length - 4));
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides HmacSHA1", e);
        }
    }

    /**
     * The FINGERPRINT value (CRC-32 XOR 0x5354554e) of {@code buf[offset, offset + length)}, with the length field
     * replaced by {@code adjustedLength} unless it is negative.
     *
     * @param buf borrows, reads only
     */
    static long fingerprint(ByteBuf buf, int offset, int length, int adjustedLength) {
        CRC32 crc = new CRC32();
        if (adjustedLength < 0) {
            crc.update(buf.nioBuffer(offset, length));
        } else {
            crc.update(buf.nioBuffer(offset, 2));
            crc.update(adjustedLength >>> 8);
            crc.update(adjustedLength);
            crc.update(buf.nioBuffer(offset + 4, length - 4));
        }
        return crc.getValue() ^ FINGERPRINT_XOR;
    }
}
