package io.mediamesh.sip.bridge.audio;

import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.mediamesh.sip.media.G711;
import io.mediamesh.sip.media.Resampler48To8;
import io.mediamesh.sip.sdp.AudioCodec;

/**
 * The room-to-phone direction of one call, sans-IO: every 20 ms {@link #tick} takes the call's mix (mono at the room's
 * mix rate, the room minus the caller) and encodes it into a complete RTP packet: G.711 (resampled to 8 kHz first when
 * the room mixes at 48 kHz), or Opus fed at the mix rate when negotiated.
 *
 * <p>The RTP timestamp advances by one frame on every tick whether a packet is sent or not, so after a hold the
 * stream resumes where the wall clock is; sequence numbers only count packets sent, so the phone sees no loss; the
 * first packet after a pause carries the marker bit (RFC 3551 §4.1, a talkspurt start). Allocation-free after
 * construction (an Opus encoder is made once, on the first Opus configuration). Not thread-safe.
 */
public final class PhoneDownlink {
    /** The largest packet {@link #tick} writes: header and a 20 ms frame, with room for Opus. */
    public static final int MAX_PACKET = RtpHeader.FIXED_LENGTH + 1275;

    private final Resampler48To8 downsampler = new Resampler48To8();
    private final short[] pcm8 = new short[PhoneUplink.FRAME_8K];
    private final long ssrc;
    private final int mixRate;
    private final int opusBitrate;
    private final int opusComplexity;
    private OpusEncoder opusEncoder;
    private AudioCodec codec;
    private int payloadType;
    private int sequence;
    private long timestamp;
    private boolean paused = true;
    private long packets;
    private long octets;
    private long lastTimestamp;

    /**
     * @param ssrc           the SSRC of the stream to the phone
     * @param firstSequence  its first sequence number (random)
     * @param firstTimestamp its first RTP timestamp (random)
     * @param mixRate        the rate of the mix handed to {@link #tick}: 8000 or 48000
     */
    public PhoneDownlink(long ssrc, int firstSequence, long firstTimestamp, int mixRate, int opusBitrate,
            int opusComplexity) {
        if (mixRate != 8000 && mixRate != 48_000) {
            throw new IllegalArgumentException("mix rate " + mixRate);
        }
        this.ssrc = ssrc & 0xFFFFFFFFL;
        this.mixRate = mixRate;
        this.sequence = firstSequence & 0xFFFF;
        this.timestamp = firstTimestamp & 0xFFFFFFFFL;
        this.opusBitrate = opusBitrate;
        this.opusComplexity = opusComplexity;
    }

    /** Sets the codec and payload type the phone receives; the stream (SSRC, sequence, timestamp) goes on. */
    public void configure(AudioCodec codec, int payloadType) {
        this.payloadType = payloadType;
        if (codec == this.codec) {
            return;
        }
        this.codec = codec;
        downsampler.reset();
        if (codec == AudioCodec.OPUS && opusEncoder == null) {
            opusEncoder = PhoneUplink.encoder(mixRate, opusBitrate, opusComplexity);
        }
    }

    /**
     * One 20 ms tick. When {@code send}, encodes the 20 ms of {@code mix} (160 or 960 samples, at the mix rate) into an
     * RTP packet at the start of {@code out} (at least {@link #MAX_PACKET} bytes) and returns its length; otherwise
     * only the clock advances and 0 is returned.
     */
    public int tick(short[] mix, boolean send, byte[] out) {
        if (codec == null) {
            return 0;
        }
        long frameTimestamp = timestamp;
        timestamp = (timestamp + (codec == AudioCodec.OPUS ? PhoneUplink.FRAME_48K : PhoneUplink.FRAME_8K))
                & 0xFFFFFFFFL;
        if (!send) {
            paused = true;
            return 0;
        }
        int at = RtpHeader.write(out, 0, paused, payloadType, sequence, frameTimestamp, ssrc);
        paused = false;
        sequence = (sequence + 1) & 0xFFFF;
        int payload;
        if (codec == AudioCodec.OPUS) {
            try {
                payload = opusEncoder.encode(mix, 0, mixRate / 50, out, at, out.length - at);
            } catch (OpusException e) {
                throw new IllegalStateException("Opus encoding failed: " + e.getMessage(), e);
            }
        } else {
            short[] pcm8 = mix;
            if (mixRate != 8000) {
                downsampler.process(mix, 0, PhoneUplink.FRAME_48K, this.pcm8, 0);
                pcm8 = this.pcm8;
            }
            if (codec == AudioCodec.PCMU) {
                for (int i = 0; i < PhoneUplink.FRAME_8K; i++) {
                    out[at + i] = G711.linearToUlaw(pcm8[i]);
                }
            } else {
                for (int i = 0; i < PhoneUplink.FRAME_8K; i++) {
                    out[at + i] = G711.linearToAlaw(pcm8[i]);
                }
            }
            payload = PhoneUplink.FRAME_8K;
        }
        packets++;
        octets += payload;
        lastTimestamp = frameTimestamp;
        return at + payload;
    }

    public long ssrc() {
        return ssrc;
    }

    /** Packets sent, for the RTCP sender report and the stats. */
    public long packets() {
        return packets;
    }

    /** Payload octets sent, for the RTCP sender report. */
    public long octets() {
        return octets;
    }

    /** The RTP timestamp of the last packet sent. */
    public long lastTimestamp() {
        return lastTimestamp;
    }

    /** The RTP timestamp the next tick's frame gets. */
    public long nextTimestamp() {
        return timestamp;
    }

    /** The codec configured, or null. */
    public AudioCodec codec() {
        return codec;
    }
}
