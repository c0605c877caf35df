package io.mediamesh.sip.media;

import java.util.Arrays;

/**
 * The audio mixer of a room: every 20 ms frame it picks the N loudest sources (the speakers) and gives each listener
 * the sum of the speakers <em>minus its own voice</em> (mix-minus), clipped to 16 bits.
 *
 * <p>Sources are small integers {@code 0 .. capacity - 1} that the caller maps to participants. One frame goes:
 * {@link #beginFrame()}, {@link #contribute} for each source that has audio this frame, {@link #mix()}, then
 * {@link #mixFor} for each listener. A source that did not contribute this frame is neither mixed nor keeps its
 * slot.
 *
 * <p>Loudness is the RFC 6464 level of the frame (from the sender's audio-level header extension when given, else
 * measured from the samples), turned into a loudness {@code 127 - level} that rises at once and falls by at most
 * {@value #RELEASE_DB_PER_FRAME} dB a frame, so pauses between words do not drop a speaker. The speaker set has
 * hysteresis: a speaker keeps its slot unless a non-speaker is louder than the quietest speaker by more than the
 * margin, so two sources of about the same loudness do not swap back and forth.
 *
 * <p>All buffers are allocated in the constructor; a frame allocates nothing. Not thread-safe: one per room, driven
 * by its tick.
 */
public final class AudioMixer {
    /** How fast a source's loudness may fall, in dB per frame (50 dB/s at 20 ms). */
    public static final int RELEASE_DB_PER_FRAME = 1;
    /** The sample count of a 20 ms frame at 48 kHz. */
    public static final int FRAME_48K = 960;

    private final int capacity;
    private final int speakers;
    private final int marginDb;
    private final int frameSamples;
    private final short[][] frames;
    private final boolean[] present;
    private final boolean[] selected;
    /** Smoothed loudness, 0 (silence) .. 127 (overload). */
    private final int[] loudness;
    private final int[] sum;
    /** The frame number each source last contributed in; the decay only carries over consecutive frames. */
    private final long[] lastFrame;
    private long frame;

    /**
     * @param capacity     the number of source ids, 0 .. capacity - 1
     * @param speakers     how many sources are mixed at most (e.g. 3)
     * @param marginDb     how much louder a newcomer must be than the quietest speaker to take its slot
     * @param frameSamples the samples per frame ({@link #FRAME_48K} for 20 ms at 48 kHz)
     */
    public AudioMixer(int capacity, int speakers, int marginDb, int frameSamples) {
        if (capacity <= 0 || speakers <= 0 || marginDb < 0 || frameSamples <= 0) {
            throw new IllegalArgumentException("capacity " + capacity + ", speakers " + speakers + ", margin "
                    + marginDb + ", frame " + frameSamples);
        }
        this.capacity = capacity;
        this.speakers = speakers;
        this.marginDb = marginDb;
        this.frameSamples = frameSamples;
        this.frames = new short[capacity][frameSamples];
        this.present = new boolean[capacity];
        this.selected = new boolean[capacity];
        this.loudness = new int[capacity];
        this.sum = new int[frameSamples];
        this.lastFrame = new long[capacity];
        Arrays.fill(lastFrame, Long.MIN_VALUE);
    }

    /** Starts a frame: no source has contributed yet. */
    public void beginFrame() {
        frame++;
        Arrays.fill(present, false);
    }

    /**
     * Hands in the frame of {@code source}: {@code frameSamples} samples of {@code pcm} from {@code offset}, copied.
     *
     * @param audioLevel the RFC 6464 level the sender announced (0..127), or -1 to measure it from the samples
     */
    public void contribute(int source, short[] pcm, int offset, int audioLevel) {
        System.arraycopy(pcm, offset, frames[source], 0, frameSamples);
        int level = audioLevel >= 0 ? Math.min(Rfc6464.SILENCE, audioLevel)
                : Rfc6464.level(frames[source], 0, frameSamples);
        int now = Rfc6464.SILENCE - level;
        int previous = lastFrame[source] == frame - 1 ? loudness[source] : 0;
        lastFrame[source] = frame;
        loudness[source] = Math.max(now, previous - RELEASE_DB_PER_FRAME);
        present[source] = true;
    }

    /** Chooses this frame's speakers and sums them; call after the contributions, before {@link #mixFor}. */
    public void mix() {
        int count = 0;
        for (int s = 0; s < capacity; s++) {
            selected[s] &= present[s];
            if (selected[s]) {
                count++;
            }
        }
        while (true) {
            int contender = loudestUnselected();
            if (contender < 0) {
                break;
            }
            if (count < speakers) {
                selected[contender] = true;
                count++;
                continue;
            }
            int weakest = quietestSelected();
            if (loudness[contender] > loudness[weakest] + marginDb) {
                selected[weakest] = false;
                selected[contender] = true;
            } else {
                break; // the loudest newcomer cannot displace anyone, so no newcomer can
            }
        }
        Arrays.fill(sum, 0);
        for (int s = 0; s < capacity; s++) {
            if (selected[s]) {
                short[] frame = frames[s];
                for (int i = 0; i < frameSamples; i++) {
                    sum[i] += frame[i];
                }
            }
        }
    }

    /**
     * Writes the mix for {@code listener} (any id, or -1 for a listener that is no source) into {@code out} from
     * {@code offset}: the speakers' sum without the listener's own frame, saturated to 16 bits.
     */
    public void mixFor(int listener, short[] out, int offset) {
        boolean minusOwn = listener >= 0 && listener < capacity && selected[listener];
        short[] own = minusOwn ? frames[listener] : null;
        for (int i = 0; i < frameSamples; i++) {
            int value = minusOwn ? sum[i] - own[i] : sum[i];
            out[offset + i] = (short) (value > Short.MAX_VALUE ? Short.MAX_VALUE
                    : value < Short.MIN_VALUE ? Short.MIN_VALUE : value);
        }
    }

    /** Whether {@code source} is mixed in this frame. */
    public boolean isSpeaking(int source) {
        return selected[source];
    }

    /** The smoothed loudness of {@code source} (0 silence .. 127 overload), as used for the selection. */
    public int loudness(int source) {
        return loudness[source];
    }

    /** Forgets a source (it left): it loses its slot and its loudness history. */
    public void remove(int source) {
        present[source] = false;
        selected[source] = false;
        loudness[source] = 0;
        lastFrame[source] = Long.MIN_VALUE;
    }

    private int loudestUnselected() {
        int best = -1;
        for (int s = 0; s < capacity; s++) {
            if (present[s] && !selected[s] && (best < 0 || loudness[s] > loudness[best])) {
                best = s;
            }
        }
        return best;
    }

    private int quietestSelected() {
        int worst = -1;
        for (int s = 0; s < capacity; s++) {
            if (selected[s] && (worst < 0 || loudness[s] < loudness[worst])) {
                worst = s;
            }
        }
        return worst;
    }
}
