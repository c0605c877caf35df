package io.mediamesh.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ZoneDistancesTest {

    @ParameterizedTest(name = "[{0}] {1} -> {2} = {3}")
    @CsvSource(delimiter = '|', value = {
        "                  | 1 | 1        | 0",
        "                  | 1 | 4        | 3",
        "                  | 5 | 2        | 3",
        "                  | 0 | 16777215 | 16777215",
        "2=10, 3 = 40      | 1 | 2        | 10",
        "2=10, 3 = 40      | 1 | 3        | 40",
        "2=10, 3 = 40      | 1 | 7        | 6",
        "1=50              | 1 | 1        | 0",
    })
    void configuredElseAbsoluteDifference(String spec, int own, int zone, long expected) {
        assertThat(ZoneDistances.parse(spec).distance(own, zone)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "2=", "=3", "2=x", "2=-1", "-2=1", "2=0", "2=1,2=3", "16777216=1", "2=1;3=2",
        "2=99999999999"})
    void malformedSpecsAreRefusedWithTheirReason(String spec) {
        assertThatIllegalArgumentException().isThrownBy(() -> ZoneDistances.parse(spec))
                .withMessageMatching(".*(zone|distance).*");
    }
}
