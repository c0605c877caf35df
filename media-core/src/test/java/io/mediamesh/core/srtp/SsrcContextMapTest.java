package io.mediamesh.core.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SsrcContextMapTest {

    @Test
    void storesEveryUnsignedSsrcIncludingTheExtremes() {
        SsrcContextMap<String> map = new SsrcContextMap<>(10);
        int[] ssrcs = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};
        for (int ssrc : ssrcs) {
            assertThat(map.get(ssrc)).isNull();
            assertThat(map.put(ssrc, "s" + ssrc)).isTrue();
        }
        for (int ssrc : ssrcs) {
            assertThat(map.get(ssrc)).isEqualTo("s" + ssrc);
        }
        assertThat(map.get(2)).isNull();
        assertThat(map.size()).isEqualTo(5);
    }

    @Test
    void growsPastItsInitialTableAndKeepsEntries() {
        SsrcContextMap<Integer> map = new SsrcContextMap<>(1000);
        for (int i = 0; i < 500; i++) {
            assertThat(map.put(i * 65536, i)).isTrue(); // low bits all zero: stresses the hash spreading
        }
        for (int i = 0; i < 500; i++) {
            assertThat(map.get(i * 65536)).isEqualTo(i);
        }
        List<Integer> visited = new ArrayList<>();
        map.forEach(visited::add);
        assertThat(visited).hasSize(500).doesNotHaveDuplicates();
    }

    @Test
    void refusesEntriesBeyondItsLimitAndClears() {
        SsrcContextMap<String> map = new SsrcContextMap<>(2);
        assertThat(map.put(10, "a")).isTrue();
        assertThat(map.put(11, "b")).isTrue();
        assertThat(map.put(12, "c")).isFalse();
        assertThat(map.get(12)).isNull();
        map.clear();
        assertThat(map.size()).isZero();
        assertThat(map.get(10)).isNull();
    }
}
