package io.mediamesh.sip.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {

    @Test
    void ulawReferencePoints() {
        assertThat(G711.linearToUlaw(0)).isEqualTo((byte) 0xFF);
        assertThat(G711.ulaw((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(G711.ulaw((byte) 0x7F)).isEqualTo((short) 0);
        assertThat(G711.ulaw((byte) 0x00)).as("most negative").isEqualTo((short) -32124);
        assertThat(G711.ulaw((byte) 0x80)).as("most positive").isEqualTo((short) 32124);
        assertThat(G711.linearToUlaw(32767)).isEqualTo((byte) 0x80);
        assertThat(G711.linearToUlaw(-32768)).isEqualTo((byte) 0x00);
        assertThat(G711.ulaw((byte) 0xFE)).isEqualTo((short) 8);
    }

    @Test
    void alawReferencePoints() {
        assertThat(G711.linearToAlaw(0)).isEqualTo((byte) 0xD5);
        assertThat(G711.alaw((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.alaw((byte) 0x55)).isEqualTo((short) -8);
        assertThat(G711.alaw((byte) 0xAA)).as("most positive").isEqualTo((short) 32256);
        assertThat(G711.alaw((byte) 0x2A)).as("most negative").isEqualTo((short) -32256);
        assertThat(G711.linearToAlaw(32767)).isEqualTo((byte) 0xAA);
        assertThat(G711.linearToAlaw(-32768)).isEqualTo((byte) 0x2A);
    }

    @Test
    void everyCodeRoundTripsThroughItsOwnValue() {
        for (int code = 0; code < 256; code++) {
            short ulaw = G711.ulaw((byte) code);
            // 0x7F and 0xFF both decode to 0 (negative and positive zero); zero encodes as 0xFF.
            if (code != 0x7F) {
                assertThat(G711.linearToUlaw(ulaw) & 0xFF).as("µ-law %02x", code).isEqualTo(code);
            }
            short alaw = G711.alaw((byte) code);
            assertThat(G711.linearToAlaw(alaw) & 0xFF).as("A-law %02x", code).isEqualTo(code);
        }
    }

    @Test
    void aToneSurvivesCompandingWithTheExpectedSignalToNoiseRatio() {
        short[] tone = new short[8000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) Math.round(16000 * Math.sin(2 * Math.PI * 1003 * i / 8000.0));
        }
        for (boolean ulaw : new boolean[] {true, false}) {
            double signal = 0;
            double noise = 0;
            for (short sample : tone) {
                short decoded = ulaw ? G711.ulaw(G711.linearToUlaw(sample)) : G711.alaw(G711.linearToAlaw(sample));
                signal += (double) sample * sample;
                noise += (double) (decoded - sample) * (decoded - sample);
            }
            double snr = 10 * Math.log10(signal / noise);
            // G.711 gives roughly 38-40 dB on a loud sine (a frequency not locked to 8 kHz, so every code is used).
            assertThat(snr).as(ulaw ? "µ-law SNR" : "A-law SNR").isBetween(35.0, 45.0);
        }
    }
}
