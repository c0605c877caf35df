package io.mediamesh.rtmp.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jaredmdobson.concentus.OpusDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real AAC (1 s of a 1 kHz tone, 44.1 kHz stereo, encoded once by FFmpeg into {@code tone-1khz-44100-stereo.aac},
 * ADTS) goes through the transcoder; the Opus output, decoded again with Concentus, must be a 1 kHz tone at 48 kHz.
 */
class AacToOpusTest {

    @Test
    void aRealAacToneComesOutAsTheSameToneInOpus() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        byte[] config = readAdts(frames);
        AacToOpus transcoder = new AacToOpus(config, 64_000);
        assertThat(transcoder.describe()).contains("2 ch", "44100");

        OpusDecoder decoder = new OpusDecoder(48_000, 2);
        short[] pcm = new short[48_000 * 2 * 2];
        int[] decoded = {0};
        List<Long> positions = new ArrayList<>();
        for (byte[] frame : frames) {
            transcoder.transcode(frame, (opus, length, position) -> {
                positions.add(position);
                try {
                    int samples = decoder.decode(opus, 0, length, pcm, decoded[0] * 2, AacToOpus.FRAME, false);
                    decoded[0] += samples;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
        // ~1 s of AAC (plus the encoder's priming frames) resampled to 48 kHz: about 50 frames of 20 ms.
        assertThat(positions).hasSizeBetween(48, 55);
        for (int i = 0; i < positions.size(); i++) {
            assertThat(positions.get(i)).isEqualTo(i * 960L);
        }
        // Skip the codecs' start-up; measure the left channel over 0.5 s in the middle.
        int from = 12_000;
        int to = 36_000;
        double energy = 0;
        int crossings = 0;
        for (int i = from; i < to; i++) {
            short sample = pcm[i * 2];
            energy += (double) sample * sample;
            if (i > from && (pcm[(i - 1) * 2] < 0) != (sample < 0)) {
                crossings++;
            }
        }
        double rms = Math.sqrt(energy / (to - from));
        double frequency = crossings / 2.0 / ((to - from) / 48_000.0);
        assertThat(rms).as("the tone is audible").isGreaterThan(1000);
        assertThat(frequency).as("zero crossings give the tone's frequency").isBetween(980.0, 1020.0);
    }

    @Test
    void aBadConfigurationIsRefusedAndAGarbageFrameDoesNotBreakTheStream() throws Exception {
        assertThatThrownBy(() -> new AacToOpus(new byte[0], 64_000)).isInstanceOf(IllegalArgumentException.class);
        List<byte[]> frames = new ArrayList<>();
        AacToOpus transcoder = new AacToOpus(readAdts(frames), 64_000);
        int produced = 0;
        for (int i = 0; i < 10; i++) {
            produced += transcoder.transcode(frames.get(i), (f, l, p) -> { });
        }
        try {
            transcoder.transcode(new byte[] {(byte) 0xFF, 1, 2, 3, 4, 5}, (f, l, p) -> { });
        } catch (IllegalArgumentException refused) {
            // either refused or decoded as (garbage) sound: both keep the stream going
        }
        for (int i = 10; i < 20; i++) {
            produced += transcoder.transcode(frames.get(i), (f, l, p) -> { });
        }
        assertThat(produced).as("20 AAC frames of 1024 samples -> about 20 * 1024 * 48 / 44.1 / 960 Opus frames")
                .isBetween(21, 24);
    }

    /** Splits the ADTS file into raw frames and builds the AudioSpecificConfig from the first header. */
    private static byte[] readAdts(List<byte[]> frames) throws IOException {
        byte[] all;
        try (InputStream in = AacToOpusTest.class.getResourceAsStream("/tone-1khz-44100-stereo.aac")) {
            all = in.readAllBytes();
        }
        byte[] config = null;
        int at = 0;
        while (at + 7 <= all.length) {
            assertThat(all[at] & 0xFF).isEqualTo(0xFF);
            boolean protectionAbsent = (all[at + 1] & 0x01) == 1;
            int profile = (all[at + 2] & 0xC0) >> 6;
            int frequencyIndex = (all[at + 2] & 0x3C) >> 2;
            int channels = ((all[at + 2] & 0x01) << 2) | ((all[at + 3] & 0xC0) >> 6);
            int length = ((all[at + 3] & 0x03) << 11) | ((all[at + 4] & 0xFF) << 3) | ((all[at + 5] & 0xE0) >> 5);
            int header = protectionAbsent ? 7 : 9;
            if (config == null) {
                int objectType = profile + 1;
                config = new byte[] {(byte) (objectType << 3 | frequencyIndex >> 1),
                        (byte) ((frequencyIndex & 1) << 7 | channels << 3)};
            }
            frames.add(Arrays.copyOfRange(all, at + header, at + length));
            at += length;
        }
        return config;
    }
}
