package io.mediamesh.overlay.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceWindowTest {

    @Test
    void dropsDuplicatesAndAcceptsReordering() {
        SequenceWindow window = new SequenceWindow();
        assertThat(window.accept(100)).isTrue();
        assertThat(window.accept(102)).isTrue();
        assertThat(window.accept(101)).as("reordered").isTrue();
        assertThat(window.accept(101)).as("duplicate").isFalse();
        assertThat(window.accept(30)).as("older than the 64-packet window").isFalse();
    }

    @Test
    void afterAResetANewPathMayStartAnywhere() {
        SequenceWindow window = new SequenceWindow();
        for (int s = 500; s < 600; s++) {
            window.accept(s);
        }
        assertThat(window.accept(5)).as("a restarted source without reset looks like old packets").isFalse();
        window.reset();
        assertThat(window.accept(5)).isTrue();
        assertThat(window.accept(6)).isTrue();
        assertThat(window.accept(5)).isFalse();
    }

    @Test
    void channelStateCreatedLaterAtTheSourceNumbersAheadOfTheOldOne() {
        int first = PubSubEngine.firstSequence(10_000_000L);
        int later = PubSubEngine.firstSequence(10_000_000L + 1_000_000L);
        assertThat(later - first).as("one second later: room for 10,000 packets per second").isEqualTo(10_000);
        SequenceWindow window = new SequenceWindow();
        for (int i = 0; i < 3_000; i++) {
            window.accept(first + i);
        }
        assertThat(window.accept(later)).isTrue();
    }
}
