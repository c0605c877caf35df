package io.mediamesh.sip.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AudioMixerTest {
    private static final int N = AudioMixer.FRAME_48K;

    private static short[] constant(int value) {
        short[] frame = new short[N];
        Arrays.fill(frame, (short) value);
        return frame;
    }

    private static int[] speakers(AudioMixer mixer, int sources) {
        return IntStream.range(0, sources).filter(mixer::isSpeaking).toArray();
    }

    /** One frame where source s sends the constant {@code values[s]} with announced level {@code levels[s]}. */
    private static void frame(AudioMixer mixer, int[] values, int[] levels) {
        mixer.beginFrame();
        for (int s = 0; s < values.length; s++) {
            if (levels[s] >= 0 || values[s] != 0) {
                mixer.contribute(s, constant(values[s]), 0, levels[s]);
            }
        }
        mixer.mix();
    }

    @Test
    void mixMinusLeavesOutTheListenersOwnVoice() {
        AudioMixer mixer = new AudioMixer(4, 3, 6, N);
        frame(mixer, new int[] {100, 20, 3}, new int[] {-1, -1, -1});
        short[] out = new short[N];
        mixer.mixFor(0, out, 0);
        assertThat(out).containsOnly((short) 23);
        mixer.mixFor(1, out, 0);
        assertThat(out).containsOnly((short) 103);
        mixer.mixFor(2, out, 0);
        assertThat(out).containsOnly((short) 120);
        mixer.mixFor(3, out, 0); // a listener that is silent this frame hears everybody
        assertThat(out).containsOnly((short) 123);
        mixer.mixFor(-1, out, 0);
        assertThat(out).containsOnly((short) 123);
    }

    @Test
    void aRealVoiceIsCancelledExactlyForItsOwner() {
        AudioMixer mixer = new AudioMixer(2, 3, 6, N);
        short[] voice = new short[N];
        short[] other = new short[N];
        for (int i = 0; i < N; i++) {
            voice[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 48000.0));
            other[i] = (short) Math.round(5000 * Math.sin(2 * Math.PI * 700 * i / 48000.0));
        }
        mixer.beginFrame();
        mixer.contribute(0, voice, 0, -1);
        mixer.contribute(1, other, 0, -1);
        mixer.mix();
        short[] out = new short[N + 10];
        mixer.mixFor(0, out, 10);
        assertThat(Arrays.copyOfRange(out, 10, N + 10)).isEqualTo(other);
    }

    @Test
    void theThreeLoudestOfFiveAreMixed() {
        AudioMixer mixer = new AudioMixer(8, 3, 6, N);
        // levels in -dBov: source 1 (10) > 3 (20) > 4 (30) > 0 (40) > 2 (50)
        frame(mixer, new int[] {1, 10, 100, 1000, 10000}, new int[] {40, 10, 50, 20, 30});
        assertThat(speakers(mixer, 8)).containsExactly(1, 3, 4);
        short[] out = new short[N];
        mixer.mixFor(7, out, 0);
        assertThat(out).containsOnly((short) 11010);
        mixer.mixFor(3, out, 0);
        assertThat(out).containsOnly((short) 10010);
        mixer.mixFor(2, out, 0); // not a speaker: hears the three
        assertThat(out).containsOnly((short) 11010);
    }

    @Test
    void measuredLevelsPickTheLoudestWhenNoneIsAnnounced() {
        AudioMixer mixer = new AudioMixer(5, 2, 0, N);
        frame(mixer, new int[] {300, 3000, 30, 30000, 3}, new int[] {-1, -1, -1, -1, -1});
        assertThat(speakers(mixer, 5)).containsExactly(1, 3);
        assertThat(mixer.loudness(3)).isEqualTo(127 - 1); // 30000 constant: -0.8 dBov
    }

    @Test
    void theSumIsClippedToSixteenBits() {
        AudioMixer mixer = new AudioMixer(4, 3, 6, N);
        frame(mixer, new int[] {30000, 20000, -1000, 0}, new int[] {-1, -1, -1, -1});
        short[] out = new short[N];
        mixer.mixFor(3, out, 0);
        assertThat(out).containsOnly(Short.MAX_VALUE);
        mixer.mixFor(2, out, 0);
        assertThat(out).containsOnly(Short.MAX_VALUE);
        mixer.mixFor(0, out, 0); // 20000 - 1000: no clipping, and the clipped total did not leak in
        assertThat(out).containsOnly((short) 19000);
        frame(mixer, new int[] {-30000, -20000, 0, 0}, new int[] {-1, -1, -1, -1});
        mixer.mixFor(3, out, 0);
        assertThat(out).containsOnly(Short.MIN_VALUE);
    }

    @Test
    void aSpeakerKeepsItsSlotWithinTheMargin() {
        AudioMixer mixer = new AudioMixer(5, 3, 6, N);
        int[] values = {1, 1, 1, 1, 1};
        frame(mixer, values, new int[] {20, 22, 30, 40, -1});
        assertThat(speakers(mixer, 5)).containsExactly(0, 1, 2);
        // source 3 gets louder than the quietest speaker (2, level 30) but by less than 6 dB: no swap
        for (int f = 0; f < 10; f++) {
            frame(mixer, values, new int[] {20, 22, 30, 26, -1});
            assertThat(speakers(mixer, 5)).containsExactly(0, 1, 2);
        }
        // and back and forth around the speaker's level: still no flicker
        for (int level : new int[] {29, 31, 28, 32, 25}) {
            frame(mixer, values, new int[] {20, 22, 30, level, -1});
            assertThat(speakers(mixer, 5)).containsExactly(0, 1, 2);
        }
        // more than 6 dB louder: it takes the quietest slot
        frame(mixer, values, new int[] {20, 22, 30, 23, -1});
        assertThat(speakers(mixer, 5)).containsExactly(0, 1, 3);
        // the dropped one needs to beat the new quietest by the margin too to come back
        frame(mixer, values, new int[] {20, 22, 19, 23, -1});
        assertThat(speakers(mixer, 5)).containsExactly(0, 1, 3);
        frame(mixer, values, new int[] {20, 22, 16, 23, -1});
        assertThat(speakers(mixer, 5)).containsExactly(0, 1, 2);
    }

    @Test
    void loudnessFallsSlowlyAcrossAPauseAndASilentSourceLosesItsSlot() {
        AudioMixer mixer = new AudioMixer(4, 2, 6, N);
        int[] values = {1, 1, 1, 1};
        frame(mixer, values, new int[] {10, 20, 40, -1});
        assertThat(speakers(mixer, 4)).containsExactly(0, 1);
        frame(mixer, values, new int[] {127, 20, 40, -1}); // source 0 pauses between two words
        assertThat(mixer.loudness(0)).isEqualTo(127 - 10 - AudioMixer.RELEASE_DB_PER_FRAME);
        assertThat(speakers(mixer, 4)).containsExactly(0, 1);
        // source 0 stops sending entirely: its slot goes to the next loudest at once
        mixer.beginFrame();
        mixer.contribute(1, constant(1), 0, 20);
        mixer.contribute(2, constant(1), 0, 40);
        mixer.mix();
        assertThat(speakers(mixer, 4)).containsExactly(1, 2);
        // back after a gap: no stale loudness carried over
        frame(mixer, values, new int[] {60, 20, 40, -1});
        assertThat(mixer.loudness(0)).isEqualTo(127 - 60);
        mixer.remove(1);
        assertThat(mixer.isSpeaking(1)).isFalse();
    }
}
