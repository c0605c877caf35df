package io.mediamesh.node;

import io.mediamesh.proto.stun.StunAttribute;
import io.mediamesh.proto.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Datagrams a hostile or broken client might send to the shared UDP port, by RFC 7983 first-byte class, from a
 * seeded {@link Random} so that a failure can be replayed.
 */
final class GarbageDatagrams {
    private final Random random;

    GarbageDatagrams(long seed) {
        this.random = new Random(seed);
    }

    /** Random bytes whose first byte lies in [{@code from}, {@code to}]. */
    byte[] startingWith(int from, int to, int length) {
        byte[] datagram = new byte[length];
        random.nextBytes(datagram);
        datagram[0] = (byte) (from + random.nextInt(to - from + 1));
        return datagram;
    }

    /** Datagrams no RFC 7983 class claims: ZRTP and TURN-channel first bytes, 192+, and ones too short to classify. */
    List<byte[]> unclassifiable() {
        return List.of(startingWith(16, 19, 40), startingWith(64, 127, 40), startingWith(192, 255, 40),
                new byte[5], filled(7, 0x80), filled(12, 0x17));
    }

    /** STUN-class datagrams of random bytes: the magic cookie (RFC 8489 §5) is missing. */
    List<byte[]> randomStun(int count) {
        List<byte[]> result = new ArrayList<>();
        while (result.size() < count) {
            byte[] datagram = startingWith(0, 3, 24 + random.nextInt(60));
            if (ByteBuffer.wrap(datagram, 4, 4).getInt() != StunMessage.MAGIC_COOKIE) {
                result.add(datagram);
            }
        }
        return result;
    }

    /** DTLS, RTP and RTCP-class random bytes: valid-looking headers from an address no session owns. */
    List<byte[]> randomMedia() {
        List<byte[]> result = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            result.add(startingWith(20, 63, 40 + random.nextInt(100)));
        }
        for (int i = 0; i < 3; i++) {
            byte[] rtp = startingWith(0x80, 0x80, 60);
            rtp[1] = (byte) 96;
            result.add(rtp);
        }
        for (int i = 0; i < 2; i++) {
            byte[] rtcp = startingWith(0x80, 0x80, 40);
            rtcp[1] = (byte) 200;
            result.add(rtcp);
        }
        return result;
    }

    /**
     * An SRTP packet (RFC 3711 §3.1) that parses but whose 10-byte authentication tag is wrong.
     *
     * @param payloadType a payload type outside the RTCP range so the packet classifies as RTP
     */
    byte[] srtpWithBadTag(int payloadType) {
        ByteBuffer out = ByteBuffer.allocate(12 + 40 + 10);
        out.put((byte) 0x80).put((byte) payloadType).putShort((short) random.nextInt(0x10000))
                .putInt(random.nextInt()).putInt(random.nextInt());
        byte[] rest = new byte[50];
        random.nextBytes(rest);
        return out.put(rest).array();
    }

    /** An SRTCP receiver report (RFC 3711 §3.4): header, SSRC, E flag and index, then a wrong 10-byte tag. */
    byte[] srtcpWithBadTag() {
        ByteBuffer out = ByteBuffer.allocate(8 + 4 + 10);
        out.put((byte) 0x80).put((byte) 201).putShort((short) 1).putInt(random.nextInt());
        out.putInt(0x80000000 | random.nextInt(1000));
        byte[] tag = new byte[10];
        random.nextBytes(tag);
        return out.put(tag).array();
    }

    /**
     * A DTLS 1.2 record header (RFC 6347 §4.1: type, version 254.253, epoch, 48-bit sequence number, length) with
     * {@code length} random bytes of body.
     */
    byte[] dtlsRecord(int contentType, int epoch, int length) {
        ByteBuffer out = ByteBuffer.allocate(13 + length);
        out.put((byte) contentType).put((byte) 0xfe).put((byte) 0xfd).putShort((short) epoch);
        out.putShort((short) 0).putInt(1000 + random.nextInt(1000)).putShort((short) length);
        byte[] body = new byte[length];
        random.nextBytes(body);
        return out.put(body).array();
    }

    /** A Binding request with a USERNAME and integrity, keyed with {@code password}. */
    byte[] bindingRequest(String username, String password) {
        return stun(StunMessage.BINDING_REQUEST, List.of(new StunAttribute.Username(username),
                new StunAttribute.IceControlling(random.nextLong())), password);
    }

    /** A well-formed STUN message of any type. */
    byte[] stun(int type, List<StunAttribute> attributes, String password) {
        byte[] transactionId = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        random.nextBytes(transactionId);
        ByteBuf buf = Unpooled.buffer(256);
        try {
            new StunMessage(type, transactionId, attributes)
                    .encode(buf, password == null ? null : password.getBytes(StandardCharsets.UTF_8), true);
            byte[] out = new byte[buf.readableBytes()];
            buf.readBytes(out);
            return out;
        } finally {
            buf.release();
        }
    }

    /** The first {@code length} bytes of {@code datagram}, e.g. a STUN message cut inside its attributes. */
    static byte[] truncated(byte[] datagram, int length) {
        return Arrays.copyOf(datagram, length);
    }

    private static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }
}
