package io.mediamesh.proto.stun;

import io.mediamesh.proto.MalformedPacketException;
import io.mediamesh.proto.stun.StunAttribute.ErrorCode;
import io.mediamesh.proto.stun.StunAttribute.Fingerprint;
import io.mediamesh.proto.stun.StunAttribute.IceControlled;
import io.mediamesh.proto.stun.StunAttribute.IceControlling;
import io.mediamesh.proto.stun.StunAttribute.MessageIntegrity;
import io.mediamesh.proto.stun.StunAttribute.Priority;
import io.mediamesh.proto.stun.StunAttribute.Software;
import io.mediamesh.proto.stun.StunAttribute.UnknownAttribute;
import io.mediamesh.proto.stun.StunAttribute.UseCandidate;
import io.mediamesh.proto.stun.StunAttribute.Username;
import io.mediamesh.proto.stun.StunAttribute.XorMappedAddress;
import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/** Reads and writes the values of {@link StunAttribute}s; the TLV framing is done by {@link StunMessage}. */
final class StunAttributeCodec {
    static final int MAGIC_COOKIE = 0x2112A442;
    private static final int FAMILY_IPV4 = 0x01;
    private static final int FAMILY_IPV6 = 0x02;
    private static final int MAX_USERNAME_BYTES = 513;
    private static final int MAX_REASON_BYTES = 763;

    private StunAttributeCodec() {
    }

    static void checkUnsigned32(long value, String name) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " is an unsigned 32-bit value: " + value);
        }
    }

    /**
     * Decodes the value of one attribute.
     *
     * @param buf the message; borrows, reads only {@code [offset, offset + length)}
     */
    static StunAttribute decode(int type, ByteBuf buf, int offset, int length, byte[] transactionId) {
        return switch (type) {
            case StunAttribute.TYPE_USERNAME -> new Username(utf8(buf, offset, length));
            case StunAttribute.TYPE_SOFTWARE -> new Software(utf8(buf, offset, length));
            case StunAttribute.TYPE_PRIORITY -> new Priority(buf.getUnsignedInt(fixed(offset, length, 4, "PRIORITY")));
            case StunAttribute.TYPE_USE_CANDIDATE -> {
                fixed(offset, length, 0, "USE-CANDIDATE");
                yield new UseCandidate();
            }
            case StunAttribute.TYPE_ICE_CONTROLLED ->
                    new IceControlled(buf.getLong(fixed(offset, length, 8, "ICE-CONTROLLED")));
            case StunAttribute.TYPE_ICE_CONTROLLING ->
                    new IceControlling(buf.getLong(fixed(offset, length, 8, "ICE-CONTROLLING")));
            case StunAttribute.TYPE_MESSAGE_INTEGRITY -> {
                byte[] hmac = new byte[20];
                buf.getBytes(fixed(offset, length, 20, "MESSAGE-INTEGRITY"), hmac);
                yield new MessageIntegrity(hmac);
            }
            case StunAttribute.TYPE_FINGERPRINT ->
                    new Fingerprint(buf.getUnsignedInt(fixed(offset, length, 4, "FINGERPRINT")));
            case StunAttribute.TYPE_ERROR_CODE -> decodeErrorCode(buf, offset, length);
            case StunAttribute.TYPE_XOR_MAPPED_ADDRESS -> decodeXorMappedAddress(buf, offset, length, transactionId);
            default -> {
                byte[] value = new byte[length];
                buf.getBytes(offset, value);
                yield new UnknownAttribute(type, value);
            }
        };
    }

    private static int fixed(int offset, int length, int expected, String name) {
        if (length != expected) {
            throw new MalformedPacketException(name + " must be " + expected + " bytes, was " + length);
        }
        return offset;
    }

    private static String utf8(ByteBuf buf, int offset, int length) {
        return buf.toString(offset, length, StandardCharsets.UTF_8);
    }

    private static ErrorCode decodeErrorCode(ByteBuf buf, int offset, int length) {
        if (length < 4) {
            throw new MalformedPacketException("ERROR-CODE shorter than 4 bytes: " + length);
        }
        int errorClass = buf.getUnsignedByte(offset + 2) & 0x07;
        int number = buf.getUnsignedByte(offset + 3);
        if (errorClass < 3 || errorClass > 6 || number > 99) {
            throw new MalformedPacketException("ERROR-CODE class " + errorClass + " number " + number);
        }
        return new ErrorCode(errorClass * 100 + number, utf8(buf, offset + 4, length - 4));
    }

    private static XorMappedAddress decodeXorMappedAddress(ByteBuf buf, int offset, int length, byte[] txId) {
        if (length < 4) {
            throw new MalformedPacketException("XOR-MAPPED-ADDRESS shorter than 4 bytes: " + length);
        }
        int family = buf.getUnsignedByte(offset + 1);
        int port = buf.getUnsignedShort(offset + 2) ^ (MAGIC_COOKIE >>> 16);
        byte[] address;
        if (family == FAMILY_IPV4 && length == 8) {
            address = new byte[4];
        } else if (family == FAMILY_IPV6 && length == 20) {
            address = new byte[16];
        } else {
            throw new MalformedPacketException("XOR-MAPPED-ADDRESS family " + family + " with length " + length);
        }
        buf.getBytes(offset + 4, address);
        xorAddress(address, txId);
        try {
            return new XorMappedAddress(new InetSocketAddress(InetAddress.getByAddress(address), port));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }

    /** XORs an address with the magic cookie, then (IPv6) with the transaction id; the operation is its own inverse. */
    private static void xorAddress(byte[] address, byte[] txId) {
        for (int i = 0; i < address.length; i++) {
            int key = i < 4 ? (MAGIC_COOKIE >>> (24 - 8 * i)) & 0xff : txId[i - 4];
            address[i] ^= (byte) key;
        }
    }

    /** The number of value bytes (before padding) {@link #encodeValue} writes. */
    static int valueLength(StunAttribute attribute) {
        if (attribute instanceof Username u) {
            return checkedLength(utf8Length(u.value()), MAX_USERNAME_BYTES, "USERNAME");
        } else if (attribute instanceof Software s) {
            return checkedLength(utf8Length(s.value()), MAX_REASON_BYTES, "SOFTWARE");
        } else if (attribute instanceof ErrorCode e) {
            return 4 + checkedLength(utf8Length(e.reason()), MAX_REASON_BYTES, "ERROR-CODE reason");
        } else if (attribute instanceof XorMappedAddress x) {
            return x.address().getAddress() instanceof Inet4Address ? 8 : 20;
        } else if (attribute instanceof UnknownAttribute u) {
            return u.value().length;
        } else if (attribute instanceof UseCandidate) {
            return 0;
        } else if (attribute instanceof IceControlled || attribute instanceof IceControlling) {
            return 8;
        } else if (attribute instanceof MessageIntegrity) {
            return 20;
        } else {
            // PRIORITY and FINGERPRINT are the remaining 32-bit attributes.
            return 4;
        }
    }

    private static int checkedLength(int length, int max, String name) {
        if (length > max) {
            throw new IllegalArgumentException(name + " longer than " + max + " bytes: " + length);
        }
        return length;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Writes the value of {@code attribute} (no TLV header, no padding).
     *
     * @param out the destination; borrows, writes at its writerIndex
     */
    static void encodeValue(StunAttribute attribute, ByteBuf out, byte[] transactionId) {
        if (attribute instanceof Username u) {
            out.writeBytes(u.value().getBytes(StandardCharsets.UTF_8));
        } else if (attribute instanceof Software s) {
            out.writeBytes(s.value().getBytes(StandardCharsets.UTF_8));
        } else if (attribute instanceof Priority p) {
            out.writeInt((int) p.value());
        } else if (attribute instanceof IceControlled c) {
            out.writeLong(c.tieBreaker());
        } else if (attribute instanceof IceControlling c) {
            out.writeLong(c.tieBreaker());
        } else if (attribute instanceof MessageIntegrity m) {
            out.writeBytes(m.hmac());
        } else if (attribute instanceof Fingerprint f) {
            out.writeInt((int) f.crc());
        } else if (attribute instanceof ErrorCode e) {
            out.writeShort(0);
            out.writeByte(e.code() / 100);
            out.writeByte(e.code() % 100);
            out.writeBytes(e.reason().getBytes(StandardCharsets.UTF_8));
        } else if (attribute instanceof XorMappedAddress x) {
            byte[] address = x.address().getAddress().getAddress();
            out.writeByte(0);
            out.writeByte(address.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6);
            out.writeShort(x.address().getPort() ^ (MAGIC_COOKIE >>> 16));
            xorAddress(address, transactionId);
            out.writeBytes(address);
        } else if (attribute instanceof UnknownAttribute u) {
            out.writeBytes(u.value());
        }
        // USE-CANDIDATE is a flag and carries no value.
    }
}
