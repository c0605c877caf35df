package io.mediamesh.sip.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResamplerTest {
    private static final double AMPLITUDE = 16000;

    private static short[] tone(double hz, int rate, int samples, int delay) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * hz * (i - delay) / rate));
        }
        return pcm;
    }

    /** SNR of {@code actual} against {@code expected}, skipping the first {@code skip} samples (filter warm-up). */
    private static double snrDb(short[] expected, short[] actual, int skip) {
        double signal = 0;
        double noise = 0;
        for (int i = skip; i < expected.length; i++) {
            signal += (double) expected[i] * expected[i];
            double error = actual[i] - expected[i];
            noise += error * error;
        }
        return 10 * Math.log10(signal / noise);
    }

    private static double rms(short[] pcm, int from) {
        double sum = 0;
        for (int i = from; i < pcm.length; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / (pcm.length - from));
    }

    @Test
    void documentedDelays() {
        assertThat(Resampler8To48.DELAY_SAMPLES).isEqualTo(144);
        assertThat(Resampler48To8.DELAY_SAMPLES).isEqualTo(24);
    }

    @Test
    void aOneKilohertzToneSurvivesUpsampling() {
        short[] in = tone(1000, 8000, 8000, 0);
        short[] out = new short[48000];
        assertThat(new Resampler8To48().process(in, 0, in.length, out, 0)).isEqualTo(48000);
        short[] expected = tone(1000, 48000, 48000, Resampler8To48.DELAY_SAMPLES);
        double snr = snrDb(expected, out, 2 * ResamplingFilter.TAPS);
        assertThat(snr).as("SNR 8k->48k").isGreaterThan(40);
    }

    @Test
    void aOneKilohertzToneSurvivesDownsampling() {
        short[] in = tone(1000, 48000, 48000, 0);
        short[] out = new short[8000];
        assertThat(new Resampler48To8().process(in, 0, in.length, out, 0)).isEqualTo(8000);
        short[] expected = tone(1000, 8000, 8000, Resampler48To8.DELAY_SAMPLES);
        assertThat(snrDb(expected, out, 100)).as("SNR 48k->8k").isGreaterThan(40);
    }

    @Test
    void aRoundTripKeepsTheToneWithTheSumOfTheDelays() {
        short[] in = tone(1000, 8000, 8000, 0);
        short[] up = new short[48000];
        short[] back = new short[8000];
        new Resampler8To48().process(in, 0, in.length, up, 0);
        new Resampler48To8().process(up, 0, up.length, back, 0);
        short[] expected = tone(1000, 8000, 8000, 2 * Resampler48To8.DELAY_SAMPLES);
        assertThat(snrDb(expected, back, 200)).as("SNR 8k->48k->8k").isGreaterThan(40);
    }

    @Test
    void sixKilohertzIsRemovedBeforeDecimation() {
        // 6 kHz would alias to 2 kHz at 8 kHz without the anti-alias filter.
        short[] in = tone(6000, 48000, 48000, 0);
        short[] out = new short[8000];
        new Resampler48To8().process(in, 0, in.length, out, 0);
        double attenuationDb = 20 * Math.log10(rms(in, 0) / rms(out, 100));
        assertThat(attenuationDb).as("6 kHz attenuation").isGreaterThan(40);
    }

    @Test
    void imagesAboveFourKilohertzAreRemovedWhenUpsampling() {
        // A 3 kHz tone at 8 kHz has its first image at 5 kHz once zero-stuffed; the output must be a clean 3 kHz.
        short[] in = tone(3000, 8000, 8000, 0);
        short[] out = new short[48000];
        new Resampler8To48().process(in, 0, in.length, out, 0);
        short[] expected = tone(3000, 48000, 48000, Resampler8To48.DELAY_SAMPLES);
        assertThat(snrDb(expected, out, 2 * ResamplingFilter.TAPS)).as("SNR of a 3 kHz tone").isGreaterThan(40);
    }

    @Test
    void frameByFrameEqualsOneShot() {
        short[] in8 = tone(440, 8000, 1600, 0);
        for (int i = 0; i < in8.length; i++) {
            in8[i] += (short) ((i * 7919) % 2001 - 1000); // some broadband content too
        }
        short[] oneShotUp = new short[9600];
        new Resampler8To48().process(in8, 0, in8.length, oneShotUp, 0);
        short[] framedUp = new short[9600];
        Resampler8To48 up = new Resampler8To48();
        for (int f = 0; f < 10; f++) {
            assertThat(up.process(in8, f * 160, 160, framedUp, f * 960)).isEqualTo(960);
        }
        assertThat(framedUp).isEqualTo(oneShotUp);

        short[] oneShotDown = new short[1600];
        new Resampler48To8().process(oneShotUp, 0, oneShotUp.length, oneShotDown, 0);
        short[] framedDown = new short[1600];
        Resampler48To8 down = new Resampler48To8();
        int written = 0;
        for (int f = 0; f < 10; f++) {
            written += down.process(oneShotUp, f * 960, 960, framedDown, written);
        }
        assertThat(written).isEqualTo(1600);
        assertThat(framedDown).isEqualTo(oneShotDown);

        // Uneven chunks carry the decimation phase along.
        short[] unevenDown = new short[1600];
        Resampler48To8 uneven = new Resampler48To8();
        int at = 0;
        written = 0;
        for (int chunk : new int[] {7, 953, 1000, 1, 5, 6, 7628}) {
            written += uneven.process(oneShotUp, at, chunk, unevenDown, written);
            at += chunk;
        }
        assertThat(at).isEqualTo(9600);
        assertThat(unevenDown).isEqualTo(oneShotDown);
    }

    @Test
    void resetForgetsTheHistory() {
        short[] loud = tone(1000, 8000, 160, 0);
        short[] first = new short[960];
        Resampler8To48 up = new Resampler8To48();
        up.process(loud, 0, 160, first, 0);
        up.process(loud, 0, 160, new short[960], 0);
        up.reset();
        short[] again = new short[960];
        up.process(loud, 0, 160, again, 0);
        assertThat(again).isEqualTo(first);

        Resampler48To8 down = new Resampler48To8();
        short[] d1 = new short[160];
        down.process(first, 0, 960, d1, 0);
        down.process(first, 0, 7, new short[2], 0);
        down.reset();
        short[] d2 = new short[160];
        down.process(first, 0, 960, d2, 0);
        assertThat(d2).isEqualTo(d1);
    }
}
