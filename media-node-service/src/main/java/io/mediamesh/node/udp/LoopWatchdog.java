package io.mediamesh.node.udp;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the media event loop, which owns every session and the overlay port, for stalls: the loop stamps a time
 * every {@value #BEAT_MILLIS} ms, and a daemon thread checking the stamp logs the loop thread's stack once a beat is
 * more than {@value #STALL_MILLIS} ms late, then how long the stall lasted. Every beat's lateness goes to the
 * {@code mediamesh.loop.lag} timer. A stall of a few hundred milliseconds delays every packet on the node, and one of
 * seconds takes its overlay links down on the neighbours, so whatever blocks the loop must show up by name.
 */
public final class LoopWatchdog implements AutoCloseable {
    static final long BEAT_MILLIS = 50;
    static final long STALL_MILLIS = 300;
    private static final Logger log = LoggerFactory.getLogger(LoopWatchdog.class);

    private final Timer lag;
    private final ScheduledFuture<?> beats;
    private final Thread watcher;
    private volatile long beatNanos = System.nanoTime();
    private volatile Thread loopThread;
    private volatile boolean running = true;

    public LoopWatchdog(EventLoop loop, MeterRegistry registry) {
        this.lag = Timer.builder("mediamesh.loop.lag").description("how late the media event loop ran a 50 ms beat")
                .register(registry);
        loop.execute(() -> loopThread = Thread.currentThread());
        beats = loop.scheduleAtFixedRate(this::beat, BEAT_MILLIS, BEAT_MILLIS, TimeUnit.MILLISECONDS);
        watcher = new Thread(this::watch, "loop-watchdog");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void beat() {
        long now = System.nanoTime();
        long late = now - beatNanos - TimeUnit.MILLISECONDS.toNanos(BEAT_MILLIS);
        lag.record(Math.max(0, late), TimeUnit.NANOSECONDS);
        beatNanos = now;
    }

    private void watch() {
        long stalledBeat = 0;
        while (running) {
            try {
                Thread.sleep(BEAT_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long beat = beatNanos;
            if (stalledBeat != 0 && beat != stalledBeat) {
                log.warn("media event loop ran again after {} ms", (beat - stalledBeat) / 1_000_000);
                stalledBeat = 0;
            }
            long silentMillis = (System.nanoTime() - beat) / 1_000_000;
            Thread thread = loopThread;
            if (stalledBeat == 0 && silentMillis > STALL_MILLIS && thread != null) {
                stalledBeat = beat;
                String stack = Arrays.stream(thread.getStackTrace()).limit(40).map(f -> "\n\tat " + f)
                        .collect(Collectors.joining());
                log.warn("media event loop silent for {} ms ({}), now in:{}", silentMillis, thread.getState(), stack);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        beats.cancel(false);
        watcher.interrupt();
    }
}
