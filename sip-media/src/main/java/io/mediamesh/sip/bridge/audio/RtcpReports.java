package io.mediamesh.sip.bridge.audio;

import java.nio.charset.StandardCharsets;

/**
 * The RTCP the bridge sends to a phone (RFC 3550 §6.4, §6.5): a compound packet of a sender report (or, while the
 * phone is on hold and nothing is sent, a receiver report) with one report block about the phone's stream, and an
 * SDES with the CNAME, as §6.1 requires of every compound packet. Written into a caller's array; allocation-free.
 */
public final class RtcpReports {
    /** The largest compound packet {@link #write} produces (with a CNAME of up to 64 bytes). */
    public static final int MAX_LENGTH = 28 + 24 + 12 + 64 + 4;
    private static final int SR = 200;
    private static final int RR = 201;
    private static final int SDES = 202;

    private RtcpReports() {
    }

    /**
     * Writes a compound report at the start of {@code out} and returns its length.
     *
     * @param sending      whether the report is a sender report (we sent RTP since the last one)
     * @param ssrc         our SSRC
     * @param ntpTimestamp the NTP time of the report (64-bit fixed point), SR only
     * @param rtpTimestamp the RTP timestamp of the same instant, SR only
     * @param packets      RTP packets sent, SR only
     * @param octets       payload octets sent, SR only
     * @param sourceSsrc   the phone's SSRC, or -1 for no report block (nothing received yet)
     * @param fractionLost the fraction lost since the last report, 0..255
     * @param cumulativeLost packets lost since the start
     * @param highestSequence the extended highest sequence number received
     * @param jitter       the interarrival jitter in timestamp units
     * @param cname        the canonical name (ASCII, at most 64 bytes used)
     */
    public static int write(byte[] out, boolean sending, long ssrc, long ntpTimestamp, long rtpTimestamp,
            long packets, long octets, long sourceSsrc, int fractionLost, long cumulativeLost, long highestSequence,
            long jitter, String cname) {
        int blocks = sourceSsrc >= 0 ? 1 : 0;
        int at = 0;
        int words = (sending ? 6 : 1) + 6 * blocks; // length in 32-bit words minus one
        out[at++] = (byte) (0x80 | blocks);
        out[at++] = (byte) (sending ? SR : RR);
        out[at++] = (byte) (words >> 8);
        out[at++] = (byte) words;
        RtpHeader.writeInt(out, at, ssrc);
        at += 4;
        if (sending) {
            RtpHeader.writeInt(out, at, ntpTimestamp >>> 32);
            RtpHeader.writeInt(out, at + 4, ntpTimestamp);
            RtpHeader.writeInt(out, at + 8, rtpTimestamp);
            RtpHeader.writeInt(out, at + 12, packets);
            RtpHeader.writeInt(out, at + 16, octets);
            at += 20;
        }
        if (blocks == 1) {
            RtpHeader.writeInt(out, at, sourceSsrc);
            long lost = Math.max(-0x800000L, Math.min(0x7FFFFFL, cumulativeLost)) & 0xFFFFFF;
            RtpHeader.writeInt(out, at + 4, (long) (fractionLost & 0xFF) << 24 | lost);
            RtpHeader.writeInt(out, at + 8, highestSequence);
            RtpHeader.writeInt(out, at + 12, jitter);
            RtpHeader.writeInt(out, at + 16, 0); // no SR of the phone is tracked: LSR and DLSR are zero
            RtpHeader.writeInt(out, at + 20, 0);
            at += 24;
        }
        byte[] name = cname.getBytes(StandardCharsets.US_ASCII);
        int nameLength = Math.min(64, name.length);
        int chunk = 4 + 2 + nameLength + 1; // SSRC, CNAME item, at least one null octet ending the item list
        int padded = (chunk + 3) & ~3;
        int sdesWords = padded / 4;
        out[at] = (byte) 0x81;
        out[at + 1] = (byte) SDES;
        out[at + 2] = (byte) (sdesWords >> 8);
        out[at + 3] = (byte) sdesWords;
        RtpHeader.writeInt(out, at + 4, ssrc);
        out[at + 8] = 1; // CNAME
        out[at + 9] = (byte) nameLength;
        System.arraycopy(name, 0, out, at + 10, nameLength);
        for (int i = at + 10 + nameLength; i < at + 4 + padded; i++) {
            out[i] = 0;
        }
        return at + 4 + padded;
    }
}
