package io.mediamesh.core.srtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * Pays jitsi-srtp's one-time costs before the first peer arrives: loading its OpenSSL glue, electing an AES provider
 * per transformation (it benchmarks the candidate providers on first use, thousands of blocks each), and loading the
 * classes of every profile. Left to the first session, all of that ran on the event loop that owns every session
 * and the overlay port, and stalled them for 0.4 to 3.4 s in CI (a node's first viewer once cost its neighbours'
 * overlay links their Pongs, and the cluster re-routed around it).
 *
 * <p>Each profile gets a round trip of RTP and RTCP through a pair of sessions keyed as the two ends of one
 * association, so a provider that cannot decrypt what it encrypted fails start-up instead of the first call. Call
 * once at start-up, on any thread but an event loop.
 */
public final class SrtpWarmUp {
    /** Packets per profile and direction: enough for the interpreter to hand the loops to the JIT's first tier. */
    static final int ROUNDS = 200;

    private SrtpWarmUp() {
    }

    /**
     * Runs the round trips of every profile.
     *
     * @throws IllegalStateException if a profile's round trip fails (the SRTP provider is broken)
     */
    public static void run() {
        for (SrtpProfile profile : SrtpProfile.values()) {
            roundTrip(profile);
        }
    }

    private static void roundTrip(SrtpProfile profile) {
        byte[] keyA = filled(profile.keyLength(), 1);
        byte[] saltA = filled(profile.saltLength(), 2);
        byte[] keyB = filled(profile.keyLength(), 3);
        byte[] saltB = filled(profile.saltLength(), 4);
        ByteBuf packet = Unpooled.buffer(256);
        try (SrtpSession sender = SrtpSession.create(new SrtpKeys(profile, keyA, saltA, keyB, saltB));
                SrtpSession receiver = SrtpSession.create(new SrtpKeys(profile, keyB, saltB, keyA, saltA))) {
            for (int seq = 0; seq < ROUNDS; seq++) {
                rtp(packet, seq);
                check(sender.protectRtp(packet) && receiver.unprotectRtp(packet), profile, "RTP");
                rtcp(packet);
                check(sender.protectRtcp(packet) && receiver.unprotectRtcp(packet), profile, "RTCP");
            }
        } finally {
            packet.release();
        }
    }

    /** An RTP packet (version 2, payload type 96) with 160 bytes of payload. */
    private static void rtp(ByteBuf packet, int seq) {
        packet.clear();
        packet.writeByte(0x80).writeByte(96).writeShort(seq).writeInt(seq * 960).writeInt(0x5752_4d55);
        packet.writeZero(160);
    }

    /** A receiver report without report blocks. */
    private static void rtcp(ByteBuf packet) {
        packet.clear();
        packet.writeByte(0x80).writeByte(201).writeShort(1).writeInt(0x5752_4d55);
    }

    private static void check(boolean ok, SrtpProfile profile, String what) {
        if (!ok) {
            throw new IllegalStateException("SRTP self-check failed: " + profile + " could not decrypt its own " + what);
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
