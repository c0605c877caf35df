package io.mediamesh.core.codec;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static io.mediamesh.testsupport.ByteVectors.toHex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

class Vp8DescriptorTest {
    private final Vp8Descriptor descriptor = new Vp8Descriptor();

    @Test
    void fullDescriptorAsChromeSendsItWithTemporalLayers() {
        ByteBuf packet = buf("""
                90          // X=1, S=1, PID=0
                E0          // I, L, T present
                8123        // M=1: 15-bit picture id 0x0123
                2A          // TL0PICIDX 42
                60          // TID=1, Y=1, KEYIDX=0
                504200      // VP8 payload header: P bit (LSB of the first byte) 0 -> key frame
                9D012A      // key frame start code
                """);
        assertThat(descriptor.parse(packet, 0, packet.readableBytes())).isTrue();
        assertThat(descriptor.startOfPartition()).isTrue();
        assertThat(descriptor.partitionId()).isZero();
        assertThat(descriptor.pictureId()).isEqualTo(0x0123);
        assertThat(descriptor.pictureIdBits()).isEqualTo(15);
        assertThat(descriptor.tl0PicIdx()).isEqualTo(42);
        assertThat(descriptor.temporalId()).isEqualTo(1);
        assertThat(descriptor.layerSync()).isTrue();
        assertThat(descriptor.length()).isEqualTo(6);
        assertThat(descriptor.keyframe()).isTrue();

        descriptor.writePictureId(packet, 0x7FFF + 5);
        descriptor.writeTl0PicIdx(packet, 300);
        assertThat(toHex(packet)).startsWith("90" + "e0" + "8004" + "2c" + "60");
    }

    @Test
    void sevenBitPictureIdAndNoExtensionFields() {
        ByteBuf short7 = buf("80 80 7F 01");
        assertThat(descriptor.parse(short7, 0, 4)).isTrue();
        assertThat(descriptor.pictureId()).isEqualTo(0x7F);
        assertThat(descriptor.pictureIdBits()).isEqualTo(7);
        assertThat(descriptor.tl0PicIdx()).isEqualTo(-1);
        assertThat(descriptor.temporalId()).isEqualTo(-1);
        assertThat(descriptor.startOfPartition()).isFalse();
        assertThat(descriptor.keyframe()).isFalse();
        descriptor.writePictureId(short7, 0x80 + 3);
        assertThat(toHex(short7)).isEqualTo("80800301");

        ByteBuf bare = buf("10 01 02 03");
        assertThat(descriptor.parse(bare, 0, 4)).isTrue();
        assertThat(descriptor.pictureId()).isEqualTo(-1);
        assertThat(descriptor.length()).isEqualTo(1);
        assertThat(descriptor.keyframe()).as("P bit set: inter frame").isFalse();
    }

    @Test
    void truncatedDescriptorsAreInvalid() {
        assertThat(descriptor.parse(buf("90"), 0, 1)).as("X without its byte").isFalse();
        assertThat(descriptor.parse(buf("90 80"), 0, 2)).as("I without the picture id").isFalse();
        assertThat(descriptor.parse(buf("90 80 81"), 0, 3)).as("M without the second byte").isFalse();
        assertThat(descriptor.parse(buf("90 40"), 0, 2)).as("L without TL0PICIDX").isFalse();
        assertThat(descriptor.parse(buf(""), 0, 0)).isFalse();
        assertThat(descriptor.valid()).isFalse();
    }
}
