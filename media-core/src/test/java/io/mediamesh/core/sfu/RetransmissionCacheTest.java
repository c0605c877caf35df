package io.mediamesh.core.sfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RetransmissionCacheTest {

    @Test
    void keepsItsOwnReferenceAndReleasesOverwrittenSlots() {
        RetransmissionCache cache = new RetransmissionCache(4);
        ByteBuf first = Unpooled.buffer().writeInt(1);
        cache.put(10, first);
        first.release();
        assertThat(first.refCnt()).isEqualTo(1);
        assertThat(cache.get(10).getInt(0)).isEqualTo(1);

        ByteBuf later = Unpooled.buffer().writeInt(2);
        cache.put(14, later);
        assertThat(first.refCnt()).isZero();
        assertThat(cache.get(10)).isNull();
        assertThat(cache.get(14).getInt(0)).isEqualTo(2);

        cache.clear();
        assertThat(later.refCnt()).isEqualTo(1);
        later.release();
    }

    @Test
    void wrapsAroundSixteenBitSequenceNumbers() {
        RetransmissionCache cache = new RetransmissionCache(8);
        ByteBuf packet = Unpooled.buffer().writeByte(7);
        cache.put(65535, packet);
        cache.put(0, packet);
        assertThat(cache.contains(65535)).isTrue();
        assertThat(cache.contains(0)).isTrue();
        assertThat(cache.contains(7)).isFalse();
        cache.clear();
        assertThat(packet.refCnt()).isEqualTo(1);
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new RetransmissionCache(100)).isInstanceOf(IllegalArgumentException.class);
    }
}
