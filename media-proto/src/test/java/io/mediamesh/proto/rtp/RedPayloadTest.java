package io.mediamesh.proto.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RedPayloadTest {
    private static ByteBuf bytes(int... values) {
        ByteBuf buf = Unpooled.buffer();
        for (int v : values) {
            buf.writeByte(v);
        }
        return buf;
    }

    @Test
    void aPrimaryOnlyPayloadIsTheOneByteHeaderThenTheBlock() {
        // F=0, PT 111; then three bytes of Opus
        ByteBuf red = bytes(0x00, 0x6f, 0xaa, 0xbb, 0xcc);
        long primary = RedPayload.primary(red, 1, 4); // the payload starts at offset 1 of the buffer
        assertThat(RedPayload.payloadType(primary)).isEqualTo(111);
        assertThat(RedPayload.dataOffset(primary)).isEqualTo(2);
        assertThat(RedPayload.dataLength(primary)).isEqualTo(3);
    }

    @Test
    void oneRedundantBlockIsSkippedToReachThePrimary() {
        // Chrome's Opus RED with one redundant block: F=1 PT 111, ts offset 960 (0x3c0), length 2; then F=0 PT 111;
        // redundant data (2 bytes), primary data (3 bytes).
        int tsAndLength = 960 << 10 | 2; // 24 bits: 14-bit offset, 10-bit length
        ByteBuf red = bytes(0xef, tsAndLength >> 16 & 0xff, tsAndLength >> 8 & 0xff, tsAndLength & 0xff, 0x6f,
                0x11, 0x22, 0x33, 0x44, 0x55);
        long primary = RedPayload.primary(red, 0, red.readableBytes());
        assertThat(RedPayload.payloadType(primary)).isEqualTo(111);
        assertThat(RedPayload.dataOffset(primary)).isEqualTo(7);
        assertThat(RedPayload.dataLength(primary)).isEqualTo(3);
        assertThat(red.getByte(RedPayload.dataOffset(primary))).isEqualTo((byte) 0x33);
        byte[] array = new byte[red.readableBytes() + 2];
        red.getBytes(0, array, 2, red.readableBytes());
        assertThat(RedPayload.primary(array, 2, red.readableBytes())).as("the same over an array, 2 bytes in")
                .isEqualTo(primary + (2L << 20));
    }

    @Test
    void malformedPayloadsAreRefused() {
        assertThat(RedPayload.primary(bytes(), 0, 0)).as("empty").isEqualTo(-1);
        assertThat(RedPayload.primary(bytes(0xef, 0x00), 0, 2)).as("a cut redundant header").isEqualTo(-1);
        assertThat(RedPayload.primary(bytes(0xef, 0x00, 0x00, 0x10, 0x6f, 1, 2), 0, 7))
                .as("a redundant block longer than the payload").isEqualTo(-1);
        assertThat(RedPayload.primary(bytes(0xef, 0x00, 0x00, 0x00), 0, 4)).as("no final header").isEqualTo(-1);
        ByteBuf many = Unpooled.buffer();
        for (int i = 0; i < 10; i++) {
            many.writeByte(0xef).writeByte(0).writeShort(0);
        }
        many.writeByte(0x6f);
        assertThat(RedPayload.primary(many, 0, many.readableBytes())).as("too many blocks").isEqualTo(-1);
    }

    @Test
    void blockTypesAreRemappedInPlace() {
        ByteBuf red = bytes(0xef, 0x0f, 0x00, 0x01, 0x6f, 0x11, 0x22);
        byte[] map = new byte[128];
        Arrays.fill(map, (byte) -1);
        map[111] = 109; // Chrome's Opus 111 -> Firefox's 109
        assertThat(RedPayload.remapBlockTypes(red, 0, red.readableBytes(), map)).isTrue();
        assertThat((int) red.getUnsignedByte(0)).isEqualTo(0x80 | 109);
        assertThat((int) red.getUnsignedByte(4)).isEqualTo(109);
        assertThat((int) red.getUnsignedByte(5)).as("data untouched").isEqualTo(0x11);

        map[109] = -1;
        assertThat(RedPayload.remapBlockTypes(red, 0, red.readableBytes(), map)).as("unmapped type").isFalse();
    }
}
