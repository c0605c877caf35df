package io.mediamesh.proto.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SequenceNumbersTest {

    @ParameterizedTest(name = "isNewer({0}, {1}) = {2}, diff = {3}")
    @CsvSource({
        "1, 0, true, 1",
        "0, 1, false, -1",
        "5, 5, false, 0",
        "0, 65535, true, 1",
        "65535, 0, false, -1",
        "10, 65500, true, 46",
        "32767, 0, true, 32767",
        "32768, 0, true, -32768",
        "0, 32768, false, -32768",
        "32769, 0, false, -32767",
    })
    void wrapAwareComparison(int a, int b, boolean newer, int diff) {
        assertThat(SequenceNumbers.isNewer(a, b)).isEqualTo(newer);
        assertThat(SequenceNumbers.diff(a, b)).isEqualTo(diff);
    }

    @Test
    void unwrapsForwardAcrossTheWrap() {
        SeqUnwrapper unwrapper = new SeqUnwrapper();
        assertThat(unwrapper.last()).isEqualTo(-1);
        assertThat(unwrapper.unwrap(65534)).isEqualTo(65534);
        assertThat(unwrapper.unwrap(65535)).isEqualTo(65535);
        assertThat(unwrapper.unwrap(0)).isEqualTo(65536);
        assertThat(unwrapper.unwrap(2)).isEqualTo(65538);
        assertThat(unwrapper.unwrap(1)).as("reordered").isEqualTo(65537);
        assertThat(unwrapper.unwrap(65535)).as("late, from before the wrap").isEqualTo(65535);
        assertThat(unwrapper.unwrap(3)).isEqualTo(65539);
        assertThat(unwrapper.last()).isEqualTo(65539);
    }

    @Test
    void unwrapsManyCyclesAndBackwards() {
        SeqUnwrapper unwrapper = new SeqUnwrapper();
        unwrapper.unwrap(0);
        long expected = 0;
        for (int i = 0; i < 5 * 65536; i += 30000) {
            assertThat(unwrapper.unwrap(i & 0xFFFF)).isEqualTo(i);
            expected = i;
        }
        assertThat(unwrapper.unwrap((int) (expected - 100) & 0xFFFF)).isEqualTo(expected - 100);
    }

    @Test
    void goingBackBeforeTheFirstValueIsNegative() {
        SeqUnwrapper unwrapper = new SeqUnwrapper();
        assertThat(unwrapper.unwrap(1)).isEqualTo(1);
        assertThat(unwrapper.unwrap(65535)).isEqualTo(-1);
        assertThat(unwrapper.unwrap(2)).isEqualTo(2);
        unwrapper.reset();
        assertThat(unwrapper.unwrap(40000)).isEqualTo(40000);
    }
}
