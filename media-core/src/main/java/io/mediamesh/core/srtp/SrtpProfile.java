package io.mediamesh.core.srtp;

/**
 * The SRTP protection profiles MediaMesh negotiates through DTLS-SRTP {@code use_srtp}.
 *
 * <p>Identifiers come from the IANA "DTLS-SRTP Protection Profiles" registry (RFC 5764 §4.1.2 for
 * {@code SRTP_AES128_CM_HMAC_SHA1_80}, RFC 7714 §14.2 for {@code SRTP_AEAD_AES_128_GCM}). Key and salt
 * lengths are those of the master key and master salt that the DTLS exporter produces for each side.
 */
public enum SrtpProfile {
    /** AES-128 counter mode with an 80-bit HMAC-SHA1 tag (RFC 3711 §8.2 default, RFC 5764 §4.1.2). */
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 10, 10),
    /** AES-128 Galois/counter mode with a 128-bit AEAD tag (RFC 7714 §12 and §14.2). */
    AEAD_AES_128_GCM(0x0007, 16, 12, 16, 16);

    private final int id;
    private final int keyLength;
    private final int saltLength;
    private final int rtpAuthTagLength;
    private final int rtcpAuthTagLength;

    SrtpProfile(int id, int keyLength, int saltLength, int rtpAuthTagLength, int rtcpAuthTagLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.rtpAuthTagLength = rtpAuthTagLength;
        this.rtcpAuthTagLength = rtcpAuthTagLength;
    }

    /** The two-byte DTLS-SRTP protection profile identifier carried in the {@code use_srtp} extension. */
    public int id() {
        return id;
    }

    /** Master key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Master salt length in bytes. */
    public int saltLength() {
        return saltLength;
    }

    /** Length in bytes of the authentication tag appended to each SRTP packet. */
    public int rtpAuthTagLength() {
        return rtpAuthTagLength;
    }

    /** Length in bytes of the authentication tag appended to each SRTCP packet (after the SRTCP index). */
    public int rtcpAuthTagLength() {
        return rtcpAuthTagLength;
    }

    /**
     * Total keying material the DTLS exporter must produce for this profile: two master keys and two master
     * salts (RFC 5764 §4.2).
     */
    public int keyingMaterialLength() {
        return 2 * (keyLength + saltLength);
    }

    /**
     * Looks up a profile by its DTLS-SRTP identifier.
     *
     * @throws IllegalArgumentException if MediaMesh does not support the profile
     */
    public static SrtpProfile fromId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.id == id) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unsupported DTLS-SRTP protection profile 0x" + Integer.toHexString(id));
    }
}
