package io.mediamesh.sip.bridge.audio;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusBandwidth;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;
import io.mediamesh.sip.media.G711;
import io.mediamesh.sip.media.JitterBuffer;
import io.mediamesh.sip.media.Resampler48To8;
import io.mediamesh.sip.media.Resampler8To48;
import io.mediamesh.sip.media.Rfc6464;
import io.mediamesh.sip.media.dtmf.DtmfDetector;
import io.mediamesh.sip.media.dtmf.DtmfDigit;
import io.mediamesh.sip.sdp.AudioCodec;
import java.util.Arrays;

/**
 * The phone-to-room direction of one call, sans-IO: RTP datagrams from the phone go in through {@link #onPacket}, and
 * every 20 ms playout {@link #tick} takes one frame out of the jitter buffer, decodes it (G.711 or Opus; a missing
 * frame is concealed for up to {@value #MAX_CONCEALED} ticks) and Opus-encodes it for the room. RFC 4733 telephone
 * events go to a {@link DtmfDetector} instead.
 *
 * <p>The frame stays at the phone's own rate: a G.711 frame is encoded by an Opus encoder fed at 8 kHz (narrowband is
 * all the phone gives, and no resampler runs; CELT-only, the cheapest and lowest-delay mode in Concentus), an Opus
 * phone's frame at 48 kHz (VoIP mode). Only when the room also mixes this
 * call for other calls of the gateway does {@link #frameAt} resample it to the mix rate. The encoder is mono, which an
 * {@code opus/48000/2} receiver decodes as is (RFC 7587 §3.4).
 *
 * <p>The room track's RTP timestamp is the tick count times 960 from a random base: it follows the playout clock, so
 * it is continuous while frames flow and jumps by the elapsed time across a pause (sequence numbers, kept by the
 * caller, stay contiguous).
 *
 * <p>Buffers are allocated at construction and on {@link #configure}; a packet or a tick allocates nothing (but the
 * returned {@link DtmfDigit}). Time is an argument. Not thread-safe: one per call, on the call's event loop.
 */
public final class PhoneUplink {
    /** Samples of a 20 ms frame at 48 kHz. */
    public static final int FRAME_48K = 960;
    /** Samples of a 20 ms frame at 8 kHz. */
    public static final int FRAME_8K = 160;
    /** Missing frames concealed in a row before the uplink stops producing frames (100 ms). */
    public static final int MAX_CONCEALED = 5;
    private static final int MAX_PAYLOAD = 1500;

    /** What {@link #onPacket} did with a datagram. */
    public enum Outcome {
        /** An audio packet went into the jitter buffer. */
        AUDIO,
        /** A telephone-event packet went to the DTMF detector ({@link #takeDigit()} may have a digit). */
        DTMF,
        /** Not a valid RTP packet, or a telephone event shorter than 4 bytes. */
        MALFORMED,
        /** A valid RTP packet of a payload type that was not negotiated. */
        UNKNOWN_PAYLOAD_TYPE,
        /** RTCP multiplexed on the RTP port: not media, ignored. */
        RTCP,
        /** An audio packet the jitter buffer refused (duplicate, too late, too large). */
        DROPPED
    }

    private final RtpHeader header = new RtpHeader();
    private final Resampler8To48 upsampler = new Resampler8To48();
    private final Resampler48To8 downsampler = new Resampler48To8();
    private final short[] pcm8 = new short[FRAME_8K];
    private final short[] pcm48 = new short[FRAME_48K];
    private final byte[] encoded = new byte[MAX_PAYLOAD];
    private final int opusBitrate;
    private final int opusComplexity;
    private OpusEncoder encoder;
    private final int jitterMinMillis;
    private final int jitterMaxMillis;
    private final long timestampBase;
    private AudioCodec codec;
    private int payloadType = -1;
    private int telephoneEventPayloadType = -1;
    private JitterBuffer jitter;
    private DtmfDetector dtmf;
    private OpusDecoder opusDecoder;
    private long ssrc = -1;
    private DtmfDigit digit;
    private int encodedLength;
    private int level = Rfc6464.SILENCE;
    private int concealed = MAX_CONCEALED;
    private long ticks;
    private long frameTimestamp;
    private long lastPacketMillis = Long.MIN_VALUE;
    private long highestSequence;
    private long audioPackets;
    private long lostBefore;

    /**
     * @param opusBitrate     the bitrate of the room track's Opus encoder, bits/s
     * @param opusComplexity  its complexity, 0..10
     * @param jitterMinMillis the jitter buffer's smallest target delay
     * @param jitterMaxMillis its largest
     * @param timestampBase   the room track's first RTP timestamp (random)
     */
    public PhoneUplink(int opusBitrate, int opusComplexity, int jitterMinMillis, int jitterMaxMillis,
            long timestampBase) {
        this.jitterMinMillis = jitterMinMillis;
        this.jitterMaxMillis = jitterMaxMillis;
        this.timestampBase = timestampBase & 0xFFFFFFFFL;
        this.opusBitrate = opusBitrate;
        this.opusComplexity = opusComplexity;
    }

    /**
     * A mono encoder fed at {@code rate}; its output is 48 kHz Opus whatever the input rate. Narrowband (8 kHz) input
     * is encoded in the restricted-low-delay mode (CELT only): in Concentus it cost about 50-60 µs of CPU per frame
     * against 80-130 µs in VoIP mode (SILK) at complexity 1, and its look-ahead is 2.5 ms instead of 6.5 ms.
     */
    static OpusEncoder encoder(int rate, int bitrate, int complexity) {
        OpusEncoder encoder;
        try {
            encoder = new OpusEncoder(rate, 1, rate == 8000 ? OpusApplication.OPUS_APPLICATION_RESTRICTED_LOWDELAY
                    : OpusApplication.OPUS_APPLICATION_VOIP);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus encoder: " + e.getMessage(), e);
        }
        encoder.setBitrate(bitrate);
        encoder.setComplexity(complexity);
        encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
        encoder.setUseInbandFEC(false);
        if (rate == 8000) {
            encoder.setMaxBandwidth(OpusBandwidth.OPUS_BANDWIDTH_NARROWBAND);
        }
        return encoder;
    }

    /**
     * Sets the phone's codec, its payload type and the telephone-event payload type (-1 for none). A change of codec
     * or payload type restarts the jitter buffer; the same values again change nothing.
     */
    public void configure(AudioCodec codec, int payloadType, int telephoneEventPayloadType) {
        if (codec != this.codec || payloadType != this.payloadType) {
            this.codec = codec;
            this.payloadType = payloadType;
            jitter = new JitterBuffer(codec.clockRate(), 20, jitterMinMillis, jitterMaxMillis, MAX_PAYLOAD);
            dtmf = new DtmfDetector(codec.clockRate());
            upsampler.reset();
            downsampler.reset();
            try {
                opusDecoder = codec == AudioCodec.OPUS ? new OpusDecoder(48_000, 1) : null;
            } catch (OpusException e) {
                throw new IllegalStateException("Opus decoder: " + e.getMessage(), e);
            }
            encoder = encoder(rate(), opusBitrate, opusComplexity);
            ssrc = -1;
        }
        this.telephoneEventPayloadType = telephoneEventPayloadType;
    }

    /** Forgets the stream (e.g. on hold): the next packet starts the jitter buffer again. */
    public void restart() {
        if (jitter != null) {
            lostBefore += jitter.lost();
            jitter = new JitterBuffer(codec.clockRate(), 20, jitterMinMillis, jitterMaxMillis, MAX_PAYLOAD);
            dtmf.reset();
        }
        ssrc = -1;
    }

    /** Hands in one datagram from the phone, {@code length} bytes of {@code data} from {@code offset}. */
    public Outcome onPacket(byte[] data, int offset, int length, long nowMillis) {
        RtpHeader.Verdict verdict = header.parse(data, offset, length);
        if (verdict == RtpHeader.Verdict.RTCP) {
            return Outcome.RTCP;
        }
        if (verdict != RtpHeader.Verdict.RTP || codec == null) {
            return Outcome.MALFORMED;
        }
        int type = header.payloadType();
        if (type != payloadType && type != telephoneEventPayloadType) {
            return Outcome.UNKNOWN_PAYLOAD_TYPE;
        }
        if (header.ssrc() != ssrc) {
            if (ssrc >= 0) {
                jitter.reset(); // a new stream (RFC 3550 §8.2): its sequence numbers and timestamps start over
                dtmf.reset();
            }
            ssrc = header.ssrc();
            highestSequence = 0;
        }
        lastPacketMillis = nowMillis;
        if (type == telephoneEventPayloadType) {
            if (header.payloadLength() < 4) {
                return Outcome.MALFORMED;
            }
            DtmfDigit found = dtmf.onPacket(header.timestamp(), data, header.payloadOffset(), header.payloadLength(),
                    nowMillis);
            if (found != null) {
                digit = found;
            }
            return Outcome.DTMF;
        }
        int sequence = header.sequence();
        audioPackets++;
        if (highestSequence == 0) {
            highestSequence = sequence;
        } else {
            long extended = highestSequence + (short) (sequence - (int) (highestSequence & 0xFFFF));
            highestSequence = Math.max(highestSequence, extended);
        }
        JitterBuffer.PushResult result = jitter.push(header.sequence(), header.timestamp(), data,
                header.payloadOffset(), header.payloadLength(), nowMillis);
        return result == JitterBuffer.PushResult.ACCEPTED || result == JitterBuffer.PushResult.RESET
                ? Outcome.AUDIO : Outcome.DROPPED;
    }

    /**
     * One 20 ms playout tick: pops the jitter buffer and, when there is a frame (decoded or concealed), leaves it in
     * {@link #frame()} and, if {@code encode}, its Opus encoding in {@link #encoded()}.
     *
     * @return whether this tick produced a frame
     */
    public boolean tick(long nowMillis, boolean encode) {
        frameTimestamp = (timestampBase + ticks * FRAME_48K) & 0xFFFFFFFFL;
        ticks++;
        encodedLength = 0;
        if (codec == null) {
            return false;
        }
        DtmfDigit polled = dtmf.poll(nowMillis);
        if (polled != null && digit == null) {
            digit = polled;
        }
        JitterBuffer.Playout playout = jitter.pop(nowMillis);
        switch (playout.kind()) {
            case FRAME -> {
                decode(playout.payload(), playout.length());
                concealed = 0;
            }
            case MISSING -> {
                if (concealed >= MAX_CONCEALED) {
                    return false;
                }
                conceal();
                concealed++;
            }
            default -> {
                return false;
            }
        }
        short[] frame = frame();
        level = Rfc6464.level(frame, 0, frame.length);
        if (encode) {
            try {
                encodedLength = encoder.encode(frame, 0, frame.length, encoded, 0, encoded.length);
            } catch (OpusException e) {
                throw new IllegalStateException("Opus encoding failed: " + e.getMessage(), e);
            }
        }
        return true;
    }

    private void decode(byte[] payload, int length) {
        if (codec == AudioCodec.OPUS) {
            try {
                int samples = opusDecoder.decode(payload, 0, length, pcm48, 0, FRAME_48K, false);
                if (samples < FRAME_48K) {
                    Arrays.fill(pcm48, Math.max(0, samples), FRAME_48K, (short) 0);
                }
            } catch (OpusException | RuntimeException e) {
                Arrays.fill(pcm48, (short) 0); // an undecodable packet is a lost one
            }
            return;
        }
        int samples = Math.min(length, FRAME_8K);
        if (codec == AudioCodec.PCMU) {
            G711.decodeUlaw(payload, 0, samples, pcm8, 0);
        } else {
            G711.decodeAlaw(payload, 0, samples, pcm8, 0);
        }
        if (samples < FRAME_8K) {
            Arrays.fill(pcm8, samples, FRAME_8K, (short) 0);
        }
    }

    /** Opus packet loss concealment, or for G.711 the last frame again at half the amplitude each time. */
    private void conceal() {
        if (codec == AudioCodec.OPUS) {
            try {
                opusDecoder.decode(null, 0, 0, pcm48, 0, FRAME_48K, false);
            } catch (OpusException | RuntimeException e) {
                Arrays.fill(pcm48, (short) 0);
            }
            return;
        }
        for (int i = 0; i < FRAME_8K; i++) {
            pcm8[i] = (short) (pcm8[i] >> 1);
        }
    }

    /** A key press completed since the last call, or null; taking it clears it. */
    public DtmfDigit takeDigit() {
        DtmfDigit taken = digit;
        digit = null;
        return taken;
    }

    /** The sample rate of {@link #frame()}: 8000 for G.711, 48000 for Opus. */
    public int rate() {
        return codec == AudioCodec.OPUS ? 48_000 : 8_000;
    }

    /** The frame of the last productive tick at the phone's rate (160 or 960 samples, mono). */
    public short[] frame() {
        return codec == AudioCodec.OPUS ? pcm48 : pcm8;
    }

    /**
     * The frame of the last productive tick at {@code mixRate} (8000 or 48000), resampled if the phone's rate differs;
     * call once per productive tick (the resamplers keep their history between frames).
     */
    public short[] frameAt(int mixRate) {
        if (mixRate == rate()) {
            return frame();
        }
        if (mixRate == 48_000) {
            upsampler.process(pcm8, 0, FRAME_8K, pcm48, 0);
            return pcm48;
        }
        downsampler.process(pcm48, 0, FRAME_48K, pcm8, 0);
        return pcm8;
    }

    /** The Opus packet of the last tick (valid for {@link #encodedLength()} bytes). */
    public byte[] encoded() {
        return encoded;
    }

    /** The length of the Opus packet of the last tick, 0 when it encoded nothing. */
    public int encodedLength() {
        return encodedLength;
    }

    /** The room track's RTP timestamp of the last tick's frame. */
    public long frameTimestamp() {
        return frameTimestamp;
    }

    /** The RFC 6464 level (0 loud .. 127 silence) of the last frame. */
    public int level() {
        return level;
    }

    /** When the last RTP packet came from the phone, or {@link Long#MIN_VALUE}. */
    public long lastPacketMillis() {
        return lastPacketMillis;
    }

    /** Packets the jitter buffer counted as lost (over restarts). */
    public long lost() {
        return lostBefore + (jitter == null ? 0 : jitter.lost());
    }

    /** The phone stream's interarrival jitter in milliseconds. */
    public double jitterMillis() {
        return jitter == null ? 0 : jitter.jitterMillis();
    }

    /** The jitter buffer's current target delay in milliseconds. */
    public int targetDelayMillis() {
        return jitter == null ? 0 : jitter.targetDelayMillis();
    }

    /** The phone's SSRC, or -1 before its first packet. */
    public long ssrc() {
        return ssrc;
    }

    /** The extended highest sequence number played or buffered, for the RTCP report block (0 before any). */
    public long highestSequence() {
        return highestSequence;
    }

    /** Audio packets received from the phone (duplicates and late ones included, as RFC 3550 A.3 counts them). */
    public long audioPackets() {
        return audioPackets;
    }

    /** The codec configured, or null. */
    public AudioCodec codec() {
        return codec;
    }
}
