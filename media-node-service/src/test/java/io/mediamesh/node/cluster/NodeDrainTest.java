package io.mediamesh.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link NodeDrain} on its own: admission, the start action, the end by sessions or by timeout. */
class NodeDrainTest {

    @Test
    void acceptsUntilStartedAndRunsTheStartActionOnce() {
        AtomicInteger starts = new AtomicInteger();
        NodeDrain drain = new NodeDrain(Duration.ofMinutes(5), () -> 3, starts::incrementAndGet);

        assertThat(drain.accepting()).isTrue();
        assertThat(drain.status()).isEqualTo(new NodeDrain.Status(false, 3, false));
        var first = drain.start();
        var second = drain.start();

        assertThat(drain.accepting()).isFalse();
        assertThat(second).isSameAs(first);
        assertThat(starts).hasValue(1);
        assertThat(drain.status()).isEqualTo(new NodeDrain.Status(true, 3, false));
        first.complete(false);
    }

    @Test
    void endsWhenTheLastSessionIsGone() {
        AtomicInteger sessions = new AtomicInteger(2);
        NodeDrain drain = new NodeDrain(Duration.ofMinutes(5), sessions::get, () -> { });

        var finished = drain.start();
        assertThat(finished).isNotDone();
        sessions.set(0);

        assertThat(finished.join()).isTrue();
        assertThat(drain.status()).isEqualTo(new NodeDrain.Status(true, 0, true));
    }

    @Test
    void endsWithFalseWhenSessionsOutlastTheTimeout() {
        NodeDrain drain = new NodeDrain(Duration.ofMillis(100), () -> 1, () -> { });

        assertThat(drain.start().join()).isFalse();
        assertThat(drain.status().drained()).isTrue();
    }

    @Test
    void aFailingStartActionDoesNotStopTheDrain() {
        NodeDrain drain = new NodeDrain(Duration.ofMinutes(5), () -> 0, () -> {
            throw new IllegalStateException("cluster unreachable");
        });

        assertThat(drain.start().join()).isTrue();
        assertThat(drain.accepting()).isFalse();
    }

    @Test
    void refusesANegativeTimeout() {
        assertThatThrownBy(() -> new NodeDrain(Duration.ofSeconds(-1), () -> 0, () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drain-timeout");
    }
}
