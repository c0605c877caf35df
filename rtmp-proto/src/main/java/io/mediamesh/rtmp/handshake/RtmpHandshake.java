package io.mediamesh.rtmp.handshake;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of the RTMP handshake (C0 C1 → S0 S1 S2 → C2), sans-IO. Two flavours, chosen by the client:
 *
 * <ul>
 *   <li><b>Plain</b> (C1's version field is zero, e.g. simple clients): S1 is random, S2 echoes C1.</li>
 *   <li><b>Digest</b> (the "complex" handshake Flash, OBS's librtmp and FFmpeg send, C1's version non-zero): C1 carries
 *       an HMAC-SHA256 digest keyed with the Flash Player key at an offset given by one of two schemes; S1 carries a
 *       digest keyed with the Flash Media Server key at the same scheme's offset, and S2 ends with an HMAC whose key
 *       is the HMAC of the client digest. A client whose C1 digest does not verify under either scheme gets the plain
 *       answer (as other servers do).</li>
 * </ul>
 *
 * Feed bytes with {@link #offer}; the answer is produced once C0+C1 are complete, and {@link #isDone()} once C2 has
 * been consumed. Bytes after C2 belong to the chunk stream and are left in the caller's buffer.
 */
public final class RtmpHandshake {
    public static final int VERSION = 3;
    public static final int SIZE = 1536;
    private static final int DIGEST = 32;
    private static final byte[] KEY_TAIL = hex(
            "F0EEC24A8068BEE82E00D0D1029E7E576EEC5D2D29806FAB93B8E636CFEB31AE");
    /** "Genuine Adobe Flash Player 001" + tail; the client signs C1 with its first 30 bytes. */
    static final byte[] PLAYER_KEY = concat("Genuine Adobe Flash Player 001".getBytes(StandardCharsets.US_ASCII),
            KEY_TAIL);
    /** "Genuine Adobe Flash Media Server 001" + tail; the server signs S1 with its first 36 bytes. */
    static final byte[] SERVER_KEY = concat(
            "Genuine Adobe Flash Media Server 001".getBytes(StandardCharsets.US_ASCII), KEY_TAIL);

    /** What {@link #offer} did with the bytes. */
    public enum State { WAITING_C0_C1, WAITING_C2, DONE }

    private final RandomGenerator random;
    private State state = State.WAITING_C0_C1;
    private boolean digest;

    /** @param random source of S1/S2's random bytes */
    public RtmpHandshake(RandomGenerator random) {
        this.random = random;
    }

    /**
     * Consumes what it needs from {@code in}.
     *
     * @param in borrowed; handshake bytes are read from it, later bytes stay
     * @return S0+S1+S2 (owned by the caller) once C0+C1 are complete, else null
     * @throws RtmpHandshakeException when C0 announces another version than 3
     */
    public ByteBuf offer(ByteBuf in, ByteBufAllocator allocator) {
        if (state == State.WAITING_C0_C1) {
            if (in.readableBytes() < 1 + SIZE) {
                return null;
            }
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new RtmpHandshakeException("unsupported RTMP version " + version + " (only 3; RTMPE is not)");
            }
            byte[] c1 = new byte[SIZE];
            in.readBytes(c1);
            state = State.WAITING_C2;
            return answer(c1, allocator);
        }
        if (state == State.WAITING_C2 && in.readableBytes() >= SIZE) {
            in.skipBytes(SIZE);
            state = State.DONE;
        }
        return null;
    }

    public State state() {
        return state;
    }

    public boolean isDone() {
        return state == State.DONE;
    }

    /** Whether the client used the digest handshake. */
    public boolean digest() {
        return digest;
    }

    private ByteBuf answer(byte[] c1, ByteBufAllocator allocator) {
        byte[] s1 = new byte[SIZE];
        byte[] s2 = new byte[SIZE];
        fill(s1, 8);
        fill(s2, 0);
        byte[] clientDigest = null;
        int scheme = -1;
        if (c1[4] != 0 || c1[5] != 0 || c1[6] != 0 || c1[7] != 0) {
            for (int s = 0; s < 2 && clientDigest == null; s++) {
                int offset = digestOffset(c1, s);
                byte[] expected = hmac(Arrays.copyOf(PLAYER_KEY, 30), withoutDigest(c1, offset));
                if (MessageDigest.isEqual(expected, Arrays.copyOfRange(c1, offset, offset + DIGEST))) {
                    clientDigest = expected;
                    scheme = s;
                }
            }
        }
        if (clientDigest == null) {
            // Plain: S1 = time 0, zero, random; S2 echoes C1.
            s2 = c1.clone();
        } else {
            digest = true;
            s1[4] = 0x0D;
            s1[5] = 0x0E;
            s1[6] = 0x0A;
            s1[7] = 0x0D;
            int offset = digestOffset(s1, scheme);
            byte[] serverDigest = hmac(Arrays.copyOf(SERVER_KEY, 36), withoutDigest(s1, offset));
            System.arraycopy(serverDigest, 0, s1, offset, DIGEST);
            byte[] key = hmac(SERVER_KEY, clientDigest);
            byte[] signature = hmac(key, Arrays.copyOf(s2, SIZE - DIGEST));
            System.arraycopy(signature, 0, s2, SIZE - DIGEST, DIGEST);
        }
        ByteBuf out = allocator.heapBuffer(1 + 2 * SIZE);
        return out.writeByte(VERSION).writeBytes(s1).writeBytes(s2);
    }

    /** Where the 32-byte digest sits in a C1/S1 under scheme 0 (bytes 8-11 give it) or 1 (bytes 772-775). */
    static int digestOffset(byte[] block, int scheme) {
        int base = scheme == 0 ? 8 : 772;
        int sum = (block[base] & 0xFF) + (block[base + 1] & 0xFF) + (block[base + 2] & 0xFF) + (block[base + 3] & 0xFF);
        return sum % 728 + base + 4;
    }

    /** The block without its 32 digest bytes at {@code offset}: what the digest is computed over. */
    static byte[] withoutDigest(byte[] block, int offset) {
        byte[] out = new byte[block.length - DIGEST];
        System.arraycopy(block, 0, out, 0, offset);
        System.arraycopy(block, offset + DIGEST, out, offset, block.length - offset - DIGEST);
        return out;
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide HmacSHA256", e);
        }
    }

    private void fill(byte[] block, int from) {
        for (int i = from; i < block.length; i++) {
            block[i] = (byte) random.nextInt(256);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
