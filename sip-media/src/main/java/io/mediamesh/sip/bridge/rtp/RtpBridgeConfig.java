package io.mediamesh.sip.bridge.rtp;

import java.time.Duration;

/**
 * The media bridge's settings.
 *
 * @param bindAddress       the local address the RTP and RTCP ports bind to (e.g. {@code 0.0.0.0})
 * @param advertisedAddress the address phones send RTP to, for the SDP {@code c=} line
 * @param portMin           the first RTP port of the range (even; RTCP is on the next port)
 * @param portMax           the last port of the range (an RTP port is only used when its RTCP port fits too)
 * @param opusBitrate       the bitrate of each call's Opus track into the room, bits/s
 * @param opusComplexity    the Opus encoders' complexity, 0..10
 * @param speakers          the loudest room speakers mixed for a phone
 * @param roomCapacity      the most audio sources (room tracks plus this gateway's calls) mixed per room
 * @param jitterMinMillis   the jitter buffers' smallest target delay
 * @param jitterMaxMillis   the jitter buffers' largest target delay
 * @param mediaTimeout      how long a call may receive no RTP (not on hold) before the listener is told
 * @param mixRate           the rate rooms are decoded and mixed at for the phones: 8000 (narrowband, what G.711
 *                          carries; a third of the decoding cost) or 48000 (wideband for Opus phones)
 */
public record RtpBridgeConfig(String bindAddress, String advertisedAddress, int portMin, int portMax,
        int opusBitrate, int opusComplexity, int speakers, int roomCapacity, int jitterMinMillis,
        int jitterMaxMillis, Duration mediaTimeout, int mixRate) {

    /** Validates the ranges. */
    public RtpBridgeConfig {
        if (portMin <= 0 || portMin % 2 != 0 || portMax < portMin + 1 || portMax > 65535) {
            throw new IllegalArgumentException("RTP port range " + portMin + ".." + portMax
                    + ": an even first port and room for at least one RTP/RTCP pair");
        }
        if (opusBitrate < 6000 || opusBitrate > 510_000 || opusComplexity < 0 || opusComplexity > 10) {
            throw new IllegalArgumentException("Opus bitrate " + opusBitrate + ", complexity " + opusComplexity);
        }
        if (speakers <= 0 || roomCapacity < speakers || jitterMinMillis < 0 || jitterMaxMillis < 20
                || jitterMaxMillis < jitterMinMillis || mediaTimeout.isNegative() || mediaTimeout.isZero()) {
            throw new IllegalArgumentException("speakers " + speakers + ", capacity " + roomCapacity + ", jitter "
                    + jitterMinMillis + ".." + jitterMaxMillis + " ms, media timeout " + mediaTimeout);
        }
        if (mixRate != 8000 && mixRate != 48_000) {
            throw new IllegalArgumentException("mix rate " + mixRate + ": 8000 or 48000");
        }
    }

    /**
     * The defaults for a port range: 24 kbit/s Opus at complexity 1, the 3 loudest speakers of up to 64 sources,
     * a 20..200 ms jitter buffer, a 30 s media timeout and an 8 kHz mix. Complexity 1 because Concentus (pure Java)
     * is slow at higher settings: in SILK mode 8 kHz speech cost about 0.12 ms of CPU per 20 ms frame at 1 and about
     * 2 ms at 5 on the build box ({@code SipBridgeBenchmark}, bench/README.md); the narrowband of a G.711 call gains
     * little from more.
     */
    public static RtpBridgeConfig of(String bindAddress, String advertisedAddress, int portMin, int portMax) {
        return new RtpBridgeConfig(bindAddress, advertisedAddress, portMin, portMax, 24_000, 1, 3, 64, 20, 200,
                Duration.ofSeconds(30), 8000);
    }

    /** The same settings with another media timeout. */
    public RtpBridgeConfig withMediaTimeout(Duration timeout) {
        return new RtpBridgeConfig(bindAddress, advertisedAddress, portMin, portMax, opusBitrate, opusComplexity,
                speakers, roomCapacity, jitterMinMillis, jitterMaxMillis, timeout, mixRate);
    }

    /** The same settings with another mix rate (8000 or 48000). */
    public RtpBridgeConfig withMixRate(int rate) {
        return new RtpBridgeConfig(bindAddress, advertisedAddress, portMin, portMax, opusBitrate, opusComplexity,
                speakers, roomCapacity, jitterMinMillis, jitterMaxMillis, mediaTimeout, rate);
    }
}
