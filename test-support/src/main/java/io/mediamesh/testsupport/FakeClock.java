package io.mediamesh.testsupport;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

/** A clock that moves only when a test says so. Sans-IO engines take {@code nowMicros} from it. */
public final class FakeClock implements InstantSource {
    private long nowMicros;

    public FakeClock(long startMicros) {
        this.nowMicros = startMicros;
    }

    public long nowMicros() {
        return nowMicros;
    }

    public long nowMillis() {
        return nowMicros / 1000;
    }

    /** Moves the clock forward and returns the new time in microseconds. */
    public long advance(long amount, TimeUnit unit) {
        nowMicros += unit.toMicros(amount);
        return nowMicros;
    }

    @Override
    public Instant instant() {
        return Instant.EPOCH.plusNanos(nowMicros * 1000);
    }
}
