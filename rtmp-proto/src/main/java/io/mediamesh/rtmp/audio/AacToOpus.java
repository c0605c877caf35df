package io.mediamesh.rtmp.audio;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.List;
import net.sourceforge.jaad.aac.Decoder;

/**
 * Transcodes an RTMP encoder's AAC (LC or HE, mono or stereo, any usual rate) to Opus for WebRTC viewers: each raw
 * AAC frame is decoded (JAAD, pure Java), resampled to 48 kHz, buffered, and encoded in 20 ms stereo Opus frames
 * (Concentus, pure Java). Output frames carry their position in 48 kHz samples from the first decoded sample, so the
 * caller maps them to RTP timestamps continuous with the encoder's timeline. Not thread-safe: one per stream.
 */
public final class AacToOpus {
    /** Samples per channel in one 20 ms Opus frame at 48 kHz. */
    public static final int FRAME = 960;
    private static final int CHANNELS = 2;

    /** Receives encoded Opus frames. */
    public interface OpusSink {
        /**
         * @param frame    the encoded frame; valid during the call only
         * @param length   its length in bytes
         * @param position the frame's first sample, in 48 kHz samples since the transcoder's first input
         */
        void onFrame(byte[] frame, int length, long position);
    }

    private final Decoder decoder;
    private final OpusEncoder encoder;
    private final byte[] encoded = new byte[1500];
    private final short[] pcm = new short[FRAME * CHANNELS];
    private LinearResampler[] resamplers;
    private int resamplerRate;
    private float[][] resampled = new float[CHANNELS][0];
    private int buffered;
    private long position;

    /**
     * @param audioSpecificConfig the AAC sequence header's AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1)
     * @throws IllegalArgumentException when the decoder cannot handle it
     */
    public AacToOpus(byte[] audioSpecificConfig, int bitrate) {
        try {
            this.decoder = Decoder.create(audioSpecificConfig);
            this.encoder = new OpusEncoder(48_000, CHANNELS, OpusApplication.OPUS_APPLICATION_AUDIO);
        } catch (OpusException | RuntimeException e) {
            throw new IllegalArgumentException("unsupported AAC configuration: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalArgumentException("unsupported AAC configuration: " + e.getMessage(), e);
        }
        encoder.setBitrate(bitrate);
        encoder.setComplexity(5);
    }

    /**
     * Decodes one raw AAC frame and encodes every complete 20 ms it completes.
     *
     * @return the number of Opus frames handed to {@code sink}
     * @throws IllegalArgumentException when the frame cannot be decoded (the stream goes on with the next one)
     */
    public int transcode(byte[] aacFrame, OpusSink sink) {
        int[] frames = new int[1];
        try {
            decoder.decodeFrame(aacFrame, (channels, length, rate) -> frames[0] += accept(channels, length, rate, sink));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("undecodable AAC frame: " + e.getMessage(), e);
        }
        return frames[0];
    }

    private int accept(List<float[]> channels, int length, int rate, OpusSink sink) {
        if (channels.isEmpty() || length <= 0) {
            return 0;
        }
        if (resamplers == null || rate != resamplerRate) {
            resamplers = new LinearResampler[] {new LinearResampler(rate, 48_000), new LinearResampler(rate, 48_000)};
            resamplerRate = rate;
        }
        int max = resamplers[0].maxOutput(length);
        for (int c = 0; c < CHANNELS; c++) {
            if (resampled[c].length < max) {
                resampled[c] = new float[max];
            }
        }
        int produced = 0;
        for (int c = 0; c < CHANNELS; c++) {
            float[] input = channels.get(Math.min(c, channels.size() - 1));
            produced = resamplers[c].resample(input, Math.min(length, input.length), resampled[c], 0);
        }
        int frames = 0;
        for (int i = 0; i < produced; i++) {
            pcm[buffered * CHANNELS] = clamp(resampled[0][i]);
            pcm[buffered * CHANNELS + 1] = clamp(resampled[1][i]);
            if (++buffered == FRAME) {
                buffered = 0;
                try {
                    int bytes = encoder.encode(pcm, 0, FRAME, encoded, 0, encoded.length);
                    sink.onFrame(encoded, bytes, position);
                } catch (OpusException e) {
                    throw new IllegalStateException("Opus encoding failed: " + e.getMessage(), e);
                }
                position += FRAME;
                frames++;
            }
        }
        return frames;
    }

    /** The decoded stream's channel count and sample rate, e.g. for logs. */
    public String describe() {
        return decoder.getConfig().getChannelCount() + " ch, " + decoder.getConfig().getOutputFrequency().getFrequency()
                + " Hz, " + decoder.getConfig().getProfile();
    }

    private static short clamp(float sample) {
        int value = Math.round(sample);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }
}
