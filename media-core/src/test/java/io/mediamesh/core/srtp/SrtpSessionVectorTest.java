package io.mediamesh.core.srtp;

import static io.mediamesh.testsupport.ByteVectors.hex;
import static io.mediamesh.testsupport.ByteVectors.toHex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/**
 * Known-answer packets through the whole {@link SrtpSession} path: master key and salt go through the RFC 3711
 * §4.3 key derivation, then the packet transform. The vectors are libsrtp's reference packets
 * (test/srtp_driver.c, srtp_validate and srtp_validate_gcm). The AES-CM master key and salt are those of RFC 3711
 * Appendix B.3, so a correct ciphertext also confirms the B.3 derivation.
 */
class SrtpSessionVectorTest {

    // RFC 3711 Appendix B.3 master key and salt (also libsrtp's test_key).
    private static final byte[] CM_KEY = hex("e1f97a0d 3e018be0 d64fa32c 06de4139");
    private static final byte[] CM_SALT = hex("0ec675ad 498afeeb b6960b3a abe6");

    // libsrtp's test_key_gcm: key 00..0f, salt a0..ab.
    private static final byte[] GCM_KEY = hex("00010203 04050607 08090a0b 0c0d0e0f");
    private static final byte[] GCM_SALT = hex("a0a1a2a3 a4a5a6a7 a8a9aaab");

    private static final String RTP_PLAIN = """
            800f1234 // V=2, PT=15, seq=0x1234
            decafbad // timestamp
            cafebabe // SSRC
            abababab abababab abababab abababab // payload
            """;

    private static final String SRTP_CM = """
            800f1234 decafbad cafebabe
            4e55dc4c e79978d8 8ca4d215 949d2402 // encrypted payload
            b78d6acc 99ea179b 8dbb              // 80-bit HMAC-SHA1 tag
            """;

    private static final String SRTP_GCM = """
            800f1234 decafbad cafebabe
            c5002ede 04cfdd2e b91159e0 880aa06e // encrypted payload
            d2976826 f796b201 df3131a1 27e8a392 // 128-bit GCM tag
            """;

    private static final String RTCP_PLAIN = """
            81c8000b // V=2, RC=1, PT=200 (SR), length=11
            cafebabe // sender SSRC
            abababab abababab abababab abababab
            """;

    // The reference SRTCP packets carry SRTCP index 1, so they are the second packet protected.
    private static final String SRTCP_CM = """
            81c8000b cafebabe
            7128035b e487b9bd bef89041 f977a5a8 // encrypted
            80000001                            // E=1, SRTCP index=1
            993e08cd 54d6c123 0798              // 80-bit HMAC-SHA1 tag
            """;

    private static final String SRTCP_GCM = """
            81c8000b cafebabe
            c98b8b5d f0392a55 852b6c21 ac8e7025 // encrypted
            c52c6fbe a2b3b446 ea31123b a88ce61e // 128-bit GCM tag
            80000001                            // E=1, SRTCP index=1 (after the tag, RFC 7714 §9.1)
            """;

    /** A session that sends and receives under the same master key, like libsrtp's test. */
    private static SrtpSession session(SrtpProfile profile, byte[] key, byte[] salt) {
        return SrtpSession.create(new SrtpKeys(profile, key, salt, key, salt));
    }

    private static ByteBuf packet(String hexText, int room) {
        byte[] bytes = hex(hexText);
        ByteBuf buf = Unpooled.buffer(bytes.length + room, bytes.length + room);
        return buf.writeBytes(bytes);
    }

    @Test
    void aesCmRtpMatchesReferencePacketBothWays() {
        try (SrtpSession session = session(SrtpProfile.AES_CM_128_HMAC_SHA1_80, CM_KEY, CM_SALT)) {
            ByteBuf rtp = packet(RTP_PLAIN, session.maxOverhead());
            assertThat(session.protectRtp(rtp)).isTrue();
            assertThat(toHex(rtp)).isEqualTo(toHex(hex(SRTP_CM)));

            ByteBuf srtp = packet(SRTP_CM, 0);
            assertThat(session.unprotectRtp(srtp)).isTrue();
            assertThat(toHex(srtp)).isEqualTo(toHex(hex(RTP_PLAIN)));
        }
    }

    @Test
    void aesCmRtcpMatchesReferencePacketBothWays() {
        try (SrtpSession session = session(SrtpProfile.AES_CM_128_HMAC_SHA1_80, CM_KEY, CM_SALT)) {
            assertThat(session.protectRtcp(packet(RTCP_PLAIN, session.maxOverhead()))).isTrue(); // index 0
            ByteBuf rtcp = packet(RTCP_PLAIN, session.maxOverhead());
            assertThat(session.protectRtcp(rtcp)).isTrue(); // index 1
            assertThat(toHex(rtcp)).isEqualTo(toHex(hex(SRTCP_CM)));

            ByteBuf srtcp = packet(SRTCP_CM, 0);
            assertThat(session.unprotectRtcp(srtcp)).isTrue();
            assertThat(toHex(srtcp)).isEqualTo(toHex(hex(RTCP_PLAIN)));
        }
    }

    @Test
    void gcmRtpMatchesReferencePacketBothWays() {
        try (SrtpSession session = session(SrtpProfile.AEAD_AES_128_GCM, GCM_KEY, GCM_SALT)) {
            ByteBuf rtp = packet(RTP_PLAIN, session.maxOverhead());
            assertThat(session.protectRtp(rtp)).isTrue();
            assertThat(toHex(rtp)).isEqualTo(toHex(hex(SRTP_GCM)));

            ByteBuf srtp = packet(SRTP_GCM, 0);
            assertThat(session.unprotectRtp(srtp)).isTrue();
            assertThat(toHex(srtp)).isEqualTo(toHex(hex(RTP_PLAIN)));
        }
    }

    @Test
    void gcmRtcpMatchesReferencePacketBothWays() {
        try (SrtpSession session = session(SrtpProfile.AEAD_AES_128_GCM, GCM_KEY, GCM_SALT)) {
            assertThat(session.protectRtcp(packet(RTCP_PLAIN, session.maxOverhead()))).isTrue();
            ByteBuf rtcp = packet(RTCP_PLAIN, session.maxOverhead());
            assertThat(session.protectRtcp(rtcp)).isTrue();
            assertThat(toHex(rtcp)).isEqualTo(toHex(hex(SRTCP_GCM)));

            ByteBuf srtcp = packet(SRTCP_GCM, 0);
            assertThat(session.unprotectRtcp(srtcp)).isTrue();
            assertThat(toHex(srtcp)).isEqualTo(toHex(hex(RTCP_PLAIN)));
        }
    }

    @Test
    void directBuffersGiveTheSameReferenceBytes() {
        try (SrtpSession session = session(SrtpProfile.AEAD_AES_128_GCM, GCM_KEY, GCM_SALT)) {
            ByteBuf rtp = Unpooled.directBuffer(64).writeBytes(hex(RTP_PLAIN));
            assertThat(session.protectRtp(rtp)).isTrue();
            assertThat(toHex(rtp)).isEqualTo(toHex(hex(SRTP_GCM)));
            rtp.release();

            ByteBuf srtp = Unpooled.directBuffer(64).writeBytes(hex(SRTP_GCM));
            assertThat(session.unprotectRtp(srtp)).isTrue();
            assertThat(toHex(srtp)).isEqualTo(toHex(hex(RTP_PLAIN)));
            srtp.release();
        }
    }

    @Test
    void everyTruncationAndEveryBitFlipOfTheReferencePacketIsRejected() {
        byte[] reference = hex(SRTP_CM);
        for (int length = 0; length < reference.length; length++) {
            try (SrtpSession session = session(SrtpProfile.AES_CM_128_HMAC_SHA1_80, CM_KEY, CM_SALT)) {
                assertThat(session.unprotectRtp(Unpooled.wrappedBuffer(reference.clone(), 0, length)))
                        .as("truncated to %d bytes", length).isFalse();
            }
        }
        for (int i = 0; i < reference.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = reference.clone();
                flipped[i] ^= (byte) (1 << bit);
                try (SrtpSession session = session(SrtpProfile.AES_CM_128_HMAC_SHA1_80, CM_KEY, CM_SALT)) {
                    assertThat(session.unprotectRtp(Unpooled.wrappedBuffer(flipped)))
                            .as("bit %d of byte %d flipped", bit, i).isFalse();
                }
            }
        }
    }
}
