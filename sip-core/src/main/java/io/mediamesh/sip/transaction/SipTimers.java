package io.mediamesh.sip.transaction;

/**
 * The base timer values of RFC 3261 §17.1.1.1 / Table 4 in milliseconds, and the timers derived from them.
 *
 * @param t1 round-trip time estimate (500 ms)
 * @param t2 maximum retransmit interval for non-INVITE requests and INVITE responses (4 s)
 * @param t4 maximum time a message stays in the network (5 s)
 */
public record SipTimers(long t1, long t2, long t4) {
    /** T1 = 500 ms, T2 = 4 s, T4 = 5 s. */
    public static final SipTimers DEFAULT = new SipTimers(500, 4000, 5000);

    /** How long the server INVITE transaction waits for its TU before sending 100 Trying (§17.2.1). */
    public static final long TRYING_DELAY = 200;

    public SipTimers {
        if (t1 <= 0 || t2 < t1 || t4 <= 0) {
            throw new IllegalArgumentException("bad timers");
        }
    }

    /** 64*T1: timers B, F, H, J (unreliable), L and M. */
    public long transactionTimeout() {
        return 64 * t1;
    }

    /** Timer D: at least 32 s on unreliable transports, zero on reliable ones. */
    public long timerD(boolean reliable) {
        return reliable ? 0 : Math.max(32_000, 64 * t1);
    }
}
