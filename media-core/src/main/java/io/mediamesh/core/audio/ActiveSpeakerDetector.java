package io.mediamesh.core.audio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Ranks the speakers of one room from their audio levels, with hysteresis. Each speaker's loudness (how far its level
 * is above a noise floor of {@value #FLOOR_DBOV} dBov, less {@value #NO_VOICE_PENALTY} dB when the V bit is clear) is
 * smoothed in time with a time constant of {@value #TAU_MILLIS} ms, whatever the sampling rate (one sample per
 * packet or one per reporting window; each sample stands for the time since the previous one). A speaker becomes
 * active when its smoothed loudness reaches {@value #ENTER}, and stays active until it falls under {@value #EXIT}
 * and has been active at least {@value #MIN_ACTIVE_MILLIS} ms. Active speakers are ranked loudest first, but a
 * speaker passes the one ranked above it only when louder by {@value #MARGIN}, and the first place (the dominant
 * speaker) changes hands only after the challenger stayed that much louder for {@value #SWITCH_MILLIS} ms, or when
 * the dominant speaker stops being active. A cough or a click is too short to make anyone active; two voices of
 * about the same loudness keep their order.
 *
 * <p>A speaker with no sample for {@value #STALE_MILLIS} ms is treated as silent, and forgotten once silent and
 * inactive. Owned by one thread; time is a parameter.
 */
public final class ActiveSpeakerDetector {
    /** Levels at or below this (in dBov, as a positive number: -70 dBov) count as silence. */
    static final int FLOOR_DBOV = 70;
    /** Decibels taken off a sample whose V bit is clear (RFC 6464: the sender thinks it is not voice). */
    static final int NO_VOICE_PENALTY = 10;
    static final double TAU_MILLIS = 400;
    static final double ENTER = 25;
    static final double EXIT = 15;
    static final double MARGIN = 6;
    static final long MIN_ACTIVE_MILLIS = 1_000;
    static final long SWITCH_MILLIS = 500;
    static final long STALE_MILLIS = 1_000;
    static final long FIRST_SAMPLE_MILLIS = 20;
    private static final long MAX_STEP_MILLIS = 1_000;

    /** One active speaker: its id and smoothed level in dBov (0 loudest, -127 silence). */
    public record Speaker(String id, int levelDbov) {
    }

    private static final class State {
        final String id;
        double loudness;
        long lastSampleMillis = Long.MIN_VALUE;
        long lastStepMillis;
        boolean active;
        long activeSinceMillis;

        State(String id) {
            this.id = id;
        }

        /** Moves the smoothed loudness toward {@code target} for the time since the last step. */
        void step(double target, long nowMillis) {
            long dt = Math.min(MAX_STEP_MILLIS, Math.max(0, nowMillis - lastStepMillis));
            loudness += (target - loudness) * (1 - Math.exp(-dt / TAU_MILLIS));
            lastStepMillis = nowMillis;
        }
    }

    private final Map<String, State> states = new HashMap<>();
    /** Active speakers in ranked order. */
    private final List<State> order = new ArrayList<>();
    private List<Speaker> ranking = List.of();
    private String challenger;
    private long challengerSinceMillis;

    /**
     * Takes one level sample of a speaker.
     *
     * @param id        the speaker (a peer)
     * @param levelDbov its level, 0 (loudest) to 127 (silence), in -dBov as RFC 6464 carries it
     * @param voice     the sender's voice flag (V bit); pass true when the sender does not signal it
     * @param nowMillis the sample's time
     */
    public void onLevel(String id, int levelDbov, boolean voice, long nowMillis) {
        State state = states.computeIfAbsent(id, State::new);
        int level = Math.max(0, Math.min(127, levelDbov)) + (voice ? 0 : NO_VOICE_PENALTY);
        double target = Math.max(0, FLOOR_DBOV - level);
        if (state.lastSampleMillis == Long.MIN_VALUE) {
            state.lastStepMillis = nowMillis - FIRST_SAMPLE_MILLIS;
        }
        state.step(target, nowMillis);
        state.lastSampleMillis = nowMillis;
    }

    /** Forgets a speaker at once (it left, or stopped publishing audio). */
    public void remove(String id) {
        State state = states.remove(id);
        if (state != null) {
            order.remove(state);
        }
    }

    /**
     * Brings the ranking to {@code nowMillis}: decays the speakers that sent nothing lately, applies the enter and
     * exit thresholds, and reorders.
     *
     * @return true when the ranking (who is active, in which order) changed since the last call
     */
    public boolean update(long nowMillis) {
        for (Iterator<State> it = states.values().iterator(); it.hasNext(); ) {
            State state = it.next();
            if (nowMillis - state.lastSampleMillis > STALE_MILLIS) {
                state.step(0, nowMillis);
                if (!state.active && state.loudness < 1) {
                    it.remove();
                    continue;
                }
            }
            if (!state.active && state.loudness >= ENTER) {
                state.active = true;
                state.activeSinceMillis = nowMillis;
                order.add(state);
            } else if (state.active && state.loudness < EXIT
                    && nowMillis - state.activeSinceMillis >= MIN_ACTIVE_MILLIS) {
                state.active = false;
                order.remove(state);
            }
        }
        order.removeIf(state -> !state.active || states.get(state.id) != state);
        reorder(nowMillis);
        List<Speaker> next = new ArrayList<>(order.size());
        for (State state : order) {
            next.add(new Speaker(state.id, -(int) Math.round(FLOOR_DBOV - state.loudness)));
        }
        boolean changed = !sameSpeakers(next, ranking);
        ranking = Collections.unmodifiableList(next);
        return changed;
    }

    /** Lets a speaker pass the one above it when louder by the margin; the first place also needs time. */
    private void reorder(long nowMillis) {
        String candidate = null;
        for (int i = 1; i < order.size(); i++) {
            for (int j = i; j > 0 && order.get(j).loudness > order.get(j - 1).loudness + MARGIN; j--) {
                if (j == 1) {
                    candidate = order.get(j).id;
                    if (!candidate.equals(challenger)) {
                        challenger = candidate;
                        challengerSinceMillis = nowMillis;
                    }
                    if (nowMillis - challengerSinceMillis < SWITCH_MILLIS) {
                        break;
                    }
                }
                Collections.swap(order, j, j - 1);
            }
        }
        if (candidate == null || !order.isEmpty() && order.get(0).id.equals(candidate)) {
            challenger = null;
        }
    }

    private static boolean sameSpeakers(List<Speaker> a, List<Speaker> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).id().equals(b.get(i).id())) {
                return false;
            }
        }
        return true;
    }

    /** The active speakers, dominant first, with their smoothed levels as of the last {@link #update}. */
    public List<Speaker> ranking() {
        return ranking;
    }

    /** The dominant speaker, or null when nobody speaks. */
    public String dominant() {
        return ranking.isEmpty() ? null : ranking.get(0).id();
    }
}
