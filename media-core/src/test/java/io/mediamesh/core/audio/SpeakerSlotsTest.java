package io.mediamesh.core.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpeakerSlotsTest {
    private final SpeakerSlots slots = new SpeakerSlots(2, "me");

    private List<String> sources() {
        return java.util.Arrays.asList(slots.source(0), slots.source(1));
    }

    @Test
    void topSpeakersOtherThanTheReceiverFillTheSlots() {
        assertThat(slots.apply(List.of("me", "alice", "bob", "carol"))).isTrue();
        assertThat(sources()).containsExactly("alice", "bob");
    }

    @Test
    void neverItsOwnVoiceEvenAlone() {
        assertThat(slots.apply(List.of("me"))).isFalse();
        assertThat(sources()).containsExactly(null, null);
    }

    @Test
    void aSpeakerKeepsItsSlotWhenTheOrderChanges() {
        slots.apply(List.of("alice", "bob"));
        assertThat(slots.apply(List.of("bob", "alice"))).isFalse();
        assertThat(sources()).containsExactly("alice", "bob");
    }

    @Test
    void aNewSpeakerTakesTheSlotOfTheOneThatFellOut() {
        slots.apply(List.of("alice", "bob"));
        assertThat(slots.apply(List.of("carol", "bob", "alice"))).isTrue();
        assertThat(sources()).containsExactly("carol", "bob");
    }

    @Test
    void aPauseKeepsTheSlotUntilSomeoneElseNeedsIt() {
        slots.apply(List.of("alice", "bob"));
        assertThat(slots.apply(List.of())).isFalse();
        assertThat(sources()).containsExactly("alice", "bob");
        slots.apply(List.of("dave"));
        assertThat(sources()).as("one slot given up, the other kept").containsExactly("dave", "bob");
    }

    @Test
    void emptySlotsAreUsedBeforeAnyoneIsReplaced() {
        SpeakerSlots three = new SpeakerSlots(3, "me");
        three.apply(List.of("alice"));
        three.apply(List.of("bob", "alice"));
        assertThat(three.source(0)).isEqualTo("alice");
        assertThat(three.source(1)).isEqualTo("bob");
        assertThat(three.source(2)).isNull();
    }

    @Test
    void needsASlot() {
        assertThatThrownBy(() -> new SpeakerSlots(0, "me")).isInstanceOf(IllegalArgumentException.class);
    }
}
