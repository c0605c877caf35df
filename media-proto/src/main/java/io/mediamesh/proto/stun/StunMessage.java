package io.mediamesh.proto.stun;

import io.mediamesh.proto.MalformedPacketException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A STUN message (<a href="https://www.rfc-editor.org/rfc/rfc8489#section-5">RFC 8489 §5</a>, formerly RFC 5389
 * §6), as an immutable value: the message type, the 96-bit transaction id and the attributes in wire order.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0|     STUN Message Type     |         Message Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Magic Cookie                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Transaction ID (96 bits)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Attributes (Message Length bytes)            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Decoding keeps MESSAGE-INTEGRITY and FINGERPRINT as attributes so callers can see they were present, but
 * checking them needs the raw bytes: use {@link StunIntegrity}. Encoding never copies those two attributes from
 * {@link #attributes()}; it computes them from the key and flag given to {@link #encode(ByteBuf, byte[], boolean)}.
 */
public record StunMessage(int type, byte[] transactionId, List<StunAttribute> attributes) {
    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_SUCCESS = 0x0101;
    public static final int BINDING_ERROR = 0x0111;
    public static final int BINDING_INDICATION = 0x0011;

    /** The fixed 0x2112A442 that tells RFC 5389+ STUN from RFC 3489 and from other protocols. */
    public static final int MAGIC_COOKIE = StunAttributeCodec.MAGIC_COOKIE;
    public static final int HEADER_LENGTH = 20;
    public static final int TRANSACTION_ID_LENGTH = 12;
    static final int ATTRIBUTE_HEADER_LENGTH = 4;
    static final int MESSAGE_INTEGRITY_LENGTH = ATTRIBUTE_HEADER_LENGTH + 20;
    static final int FINGERPRINT_LENGTH = ATTRIBUTE_HEADER_LENGTH + 4;

    public StunMessage {
        if ((type & ~0x3FFF) != 0) {
            throw new IllegalArgumentException("STUN message type is 14 bits: 0x" + Integer.toHexString(type));
        }
        if (transactionId.length != TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("transaction id is 12 bytes, not " + transactionId.length);
        }
        transactionId = transactionId.clone();
        attributes = List.copyOf(attributes);
    }

    /** A copy of the 12-byte transaction id. */
    @Override
    public byte[] transactionId() {
        return transactionId.clone();
    }

    /**
     * Decodes the message at {@code buf.readerIndex()}. Attributes after MESSAGE-INTEGRITY other than FINGERPRINT,
     * and anything after FINGERPRINT, are dropped as RFC 8489 §14.5 and §14.7 require.
     *
     * @param buf the datagram; borrows, does not move its indices
     * @throws MalformedPacketException if the header, the magic cookie or any attribute framing is invalid
     */
    public static StunMessage decode(ByteBuf buf) {
        int start = buf.readerIndex();
        int end = checkHeader(buf);
        int type = buf.getUnsignedShort(start);
        byte[] transactionId = new byte[TRANSACTION_ID_LENGTH];
        buf.getBytes(start + 8, transactionId);
        List<StunAttribute> attributes = new ArrayList<>();
        boolean afterIntegrity = false;
        int offset = start + HEADER_LENGTH;
        while (offset < end) {
            int attributeType = buf.getUnsignedShort(offset);
            int length = checkAttribute(buf, offset, end);
            if (attributeType == StunAttribute.TYPE_FINGERPRINT) {
                attributes.add(StunAttributeCodec.decode(attributeType, buf, offset + 4, length, transactionId));
                break;
            }
            if (!afterIntegrity) {
                attributes.add(StunAttributeCodec.decode(attributeType, buf, offset + 4, length, transactionId));
            }
            afterIntegrity |= attributeType == StunAttribute.TYPE_MESSAGE_INTEGRITY;
            offset += ATTRIBUTE_HEADER_LENGTH + padded(length);
        }
        return new StunMessage(type, transactionId, attributes);
    }

    /**
     * Validates the fixed header and returns the absolute end index of the message.
     *
     * @param buf the datagram; borrows
     */
    static int checkHeader(ByteBuf buf) {
        int start = buf.readerIndex();
        int readable = buf.readableBytes();
        if (readable < HEADER_LENGTH) {
            throw new MalformedPacketException("STUN message shorter than 20 bytes: " + readable);
        }
        if ((buf.getUnsignedByte(start) & 0xC0) != 0) {
            throw new MalformedPacketException("STUN message type has its two top bits set");
        }
        if (buf.getInt(start + 4) != MAGIC_COOKIE) {
            throw new MalformedPacketException("STUN magic cookie missing");
        }
        int length = buf.getUnsignedShort(start + 2);
        if ((length & 3) != 0) {
            throw new MalformedPacketException("STUN message length not a multiple of 4: " + length);
        }
        if (HEADER_LENGTH + length > readable) {
            throw new MalformedPacketException("STUN message length " + length + " past the end of "
                    + readable + " bytes");
        }
        return start + HEADER_LENGTH + length;
    }

    /** Validates the attribute at {@code offset} and returns its value length (without padding). */
    static int checkAttribute(ByteBuf buf, int offset, int end) {
        if (offset + ATTRIBUTE_HEADER_LENGTH > end) {
            throw new MalformedPacketException("STUN attribute header past the end of the message");
        }
        int length = buf.getUnsignedShort(offset + 2);
        if (offset + ATTRIBUTE_HEADER_LENGTH + padded(length) > end) {
            throw new MalformedPacketException("STUN attribute 0x" + Integer.toHexString(buf.getUnsignedShort(offset))
                    + " of length " + length + " past the end of the message");
        }
        return length;
    }

    static int padded(int length) {
        return (length + 3) & ~3;
    }

    /** Same as {@link #encode(ByteBuf, byte[], boolean, int)} with zero padding bytes. */
    public void encode(ByteBuf out, byte[] integrityKey, boolean fingerprint) {
        encode(out, integrityKey, fingerprint, 0);
    }

    /**
     * Writes the message at {@code out.writerIndex()}: the attributes in order (except MESSAGE-INTEGRITY and
     * FINGERPRINT), then MESSAGE-INTEGRITY (HMAC-SHA1 keyed with {@code integrityKey}) if the key is not null, then
     * FINGERPRINT if asked. Each is computed with the header length covering the message up to and including that
     * attribute, as RFC 8489 §14.5 and §14.7 say.
     *
     * @param out the destination; borrows
     * @param integrityKey the HMAC key (for short-term credentials, the UTF-8 password), or null for none
     * @param fingerprint whether to append FINGERPRINT
     * @param paddingByte the value of padding bytes; receivers must ignore it, and RFC 5769 vectors use 0x20
     */
    public void encode(ByteBuf out, byte[] integrityKey, boolean fingerprint, int paddingByte) {
        int start = out.writerIndex();
        out.writeShort(type);
        out.writeShort(0);
        out.writeInt(MAGIC_COOKIE);
        out.writeBytes(transactionId);
        for (StunAttribute attribute : attributes) {
            if (attribute instanceof StunAttribute.MessageIntegrity || attribute instanceof StunAttribute.Fingerprint) {
                continue;
            }
            int length = StunAttributeCodec.valueLength(attribute);
            out.writeShort(attribute.type());
            out.writeShort(length);
            StunAttributeCodec.encodeValue(attribute, out, transactionId);
            for (int i = length; i < padded(length); i++) {
                out.writeByte(paddingByte);
            }
        }
        if (integrityKey != null) {
            out.setShort(start + 2, out.writerIndex() - start - HEADER_LENGTH + MESSAGE_INTEGRITY_LENGTH);
            byte[] hmac = StunIntegrity.hmacSha1(integrityKey, out, start, out.writerIndex() - start, -1);
            out.writeShort(StunAttribute.TYPE_MESSAGE_INTEGRITY);
            out.writeShort(20);
            out.writeBytes(hmac);
        }
        if (fingerprint) {
            out.setShort(start + 2, out.writerIndex() - start - HEADER_LENGTH + FINGERPRINT_LENGTH);
            long crc = StunIntegrity.fingerprint(out, start, out.writerIndex() - start, -1);
            out.writeShort(StunAttribute.TYPE_FINGERPRINT);
            out.writeShort(4);
            out.writeInt((int) crc);
        }
        out.setShort(start + 2, out.writerIndex() - start - HEADER_LENGTH);
    }

    /** The USERNAME attribute's value, or null if the message has none. */
    public String username() {
        return attribute(StunAttribute.Username.class).map(StunAttribute.Username::value).orElse(null);
    }

    /** The first attribute of the given record type. */
    public <T extends StunAttribute> Optional<T> attribute(Class<T> attributeType) {
        for (StunAttribute attribute : attributes) {
            if (attributeType.isInstance(attribute)) {
                return Optional.of(attributeType.cast(attribute));
            }
        }
        return Optional.empty();
    }

    /** Whether the message carries an attribute of the given record type. */
    public boolean has(Class<? extends StunAttribute> attributeType) {
        return attribute(attributeType).isPresent();
    }

    /** The method bits of the type (0x001 for Binding), without the class bits. */
    public int method() {
        return (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
    }

    /** The class bits of the type: 0 request, 1 indication, 2 success response, 3 error response. */
    public int messageClass() {
        return ((type >> 4) & 1) | ((type >> 7) & 2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunMessage other && type == other.type
                && Arrays.equals(transactionId, other.transactionId) && attributes.equals(other.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(transactionId), attributes);
    }

    @Override
    public String toString() {
        return "StunMessage[type=0x" + Integer.toHexString(type) + ", transactionId="
                + HexFormat.of().formatHex(transactionId) + ", attributes=" + attributes + "]";
    }
}
