package io.mediamesh.model.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    @Test
    void acceptsOrdinaryNamesUpTo128Chars() {
        assertThat(new RoomId("demo-room_1").value()).isEqualTo("demo-room_1");
        assertThat(new PeerId("Zoë 🙂").toString()).isEqualTo("Zoë 🙂");
        assertThat(new RoomId("r".repeat(128)).value()).hasSize(128);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t", "a\nb", "a\u0000", "x\u007f", "\u0085"})
    void refusesBlankAndControlCharacters(String value) {
        assertThatThrownBy(() -> new RoomId(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("room");
        assertThatThrownBy(() -> new PeerId(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("peer");
    }

    @Test
    void refusesMoreThan128Chars() {
        assertThatThrownBy(() -> new PeerId("p".repeat(129))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("128");
    }

    @Test
    void equalValuesAreEqualIds() {
        assertThat(new RoomId("a")).isEqualTo(new RoomId("a")).isNotEqualTo(new RoomId("b"));
    }
}
