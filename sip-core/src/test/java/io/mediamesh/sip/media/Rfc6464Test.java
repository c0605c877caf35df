package io.mediamesh.sip.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Rfc6464Test {

    private static short[] sine(double amplitude, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 1000 * i / 48000.0));
        }
        return pcm;
    }

    @Test
    void fullScaleSineIsThreeDbBelowOverload() {
        assertThat(Rfc6464.level(sine(32767, 960), 0, 960)).isEqualTo(3);
    }

    @Test
    void silenceIs127() {
        assertThat(Rfc6464.level(new short[960], 0, 960)).isEqualTo(127);
        assertThat(Rfc6464.level(new short[0], 0, 0)).isEqualTo(127);
        short[] nearSilence = new short[960];
        nearSilence[0] = 1; // one LSB in 960 samples: 10 log10(960 * 32767^2) = 120.1 dB below overload
        assertThat(Rfc6464.level(nearSilence, 0, 960)).isEqualTo(120);
        assertThat(Rfc6464.levelOfMeanSquare(1e-5)).as("below -127 dBov clamps").isEqualTo(127);
    }

    @Test
    void minus20DbfsSineAndSquare() {
        // A sine whose peak is -20 dBFS has an RMS 3 dB lower: 23 -dBov.
        assertThat(Rfc6464.level(sine(3276.7, 960), 0, 960)).isEqualTo(23);
        // A square wave at -20 dBFS has its RMS equal to its peak: 20 -dBov.
        short[] square = new short[960];
        for (int i = 0; i < square.length; i++) {
            square[i] = (short) ((i / 24) % 2 == 0 ? 3277 : -3277);
        }
        assertThat(Rfc6464.level(square, 0, 960)).isEqualTo(20);
        assertThat(Rfc6464.level(new short[] {32767, -32767}, 0, 2)).isZero();
    }

    @Test
    void levelOfASliceOnly() {
        short[] pcm = new short[1920];
        System.arraycopy(sine(32767, 960), 0, pcm, 960, 960);
        assertThat(Rfc6464.level(pcm, 0, 960)).isEqualTo(127);
        assertThat(Rfc6464.level(pcm, 960, 960)).isEqualTo(3);
    }

    @Test
    void extensionElementByte() {
        assertThat(Rfc6464.voiceActivity((byte) 0x9E)).isTrue();
        assertThat(Rfc6464.levelOf((byte) 0x9E)).isEqualTo(30);
        assertThat(Rfc6464.voiceActivity((byte) 0x7F)).isFalse();
        assertThat(Rfc6464.levelOf((byte) 0x7F)).isEqualTo(127);
        assertThat(Rfc6464.element(true, 30)).isEqualTo((byte) 0x9E);
        assertThat(Rfc6464.element(false, 200)).isEqualTo((byte) 0x7F);
        assertThat(Rfc6464.element(true, -5)).isEqualTo((byte) 0x80);
    }
}
