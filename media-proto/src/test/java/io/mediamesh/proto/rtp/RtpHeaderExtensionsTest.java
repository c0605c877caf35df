package io.mediamesh.proto.rtp;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static io.mediamesh.testsupport.ByteVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RtpHeaderExtensionsTest {
    private final RtpPacketView view = new RtpPacketView();

    /** An id map of 256 entries where {@code pairs} are (source id, new id). */
    private static byte[] map(int... pairs) {
        byte[] map = new byte[256];
        for (int i = 0; i < pairs.length; i += 2) {
            map[pairs[i]] = (byte) pairs[i + 1];
        }
        return map;
    }

    private static byte[] remap(RtpPacketView view, byte[] idMap, int expectedBytes) {
        ByteBuf out = Unpooled.buffer();
        int written = RtpHeaderExtensions.writeRemapped(view, idMap, out);
        assertThat(written).isEqualTo(out.readableBytes()).isEqualTo(expectedBytes);
        return ByteBufUtil.getBytes(out);
    }

    @Test
    void dropsAndRenumbersInOneByteForm() {
        view.wrap(buf(RtpPacketViewTest.ONE_BYTE_EXTENSION));
        assertThat(remap(view, map(2, 4, 5, 5), 12)).isEqualTo(hex("""
                be de 00 02 // one-byte form, 2 words
                42 aa bb cc // id 2 -> 4, 3 bytes
                51 01 02 00 // id 5 kept, 2 bytes; one padding byte
                """));
    }

    @Test
    void keepingEverythingWithTheSameIdsReproducesTheElements() {
        view.wrap(buf(RtpPacketViewTest.ONE_BYTE_EXTENSION));
        // The source had padding between elements; the rewrite packs them.
        assertThat(remap(view, map(1, 1, 2, 2, 5, 5), 16)).isEqualTo(hex("""
                be de 00 03 // one-byte form, 3 words
                10 ff 22 aa // id 1 (1 byte); id 2 (3 bytes)...
                bb cc 51 01 // ...; id 5 (2 bytes)...
                02 00 00 00 // ...; padding
                """));
    }

    @Test
    void newIdAbove14SwitchesToTwoByteForm() {
        view.wrap(buf(RtpPacketViewTest.ONE_BYTE_EXTENSION));
        assertThat(remap(view, map(1, 15, 2, 2, 5, 5), 16)).isEqualTo(hex("""
                10 00 00 03 // two-byte form, 3 words
                0f 01 ff 02 // id 1 -> 15, 1 byte ff; id 2...
                03 aa bb cc // ...3 bytes
                05 02 01 02 // id 5, 2 bytes
                """));
    }

    @Test
    void appendsTheTransportWideSequenceNumberAfterTheKeptElements() {
        view.wrap(buf(RtpPacketViewTest.ONE_BYTE_EXTENSION));
        ByteBuf out = Unpooled.buffer();
        // id 5 in the source maps onto 3, which is also the appended element's id: the source's copy is dropped.
        int written = RtpHeaderExtensions.writeRemapped(view, map(2, 4, 5, 3), out, 3, 0x1234);
        assertThat(written).isEqualTo(12);
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(hex("""
                be de 00 02 // one-byte form, 2 words
                42 aa bb cc // id 2 -> 4, 3 bytes
                31 12 34 00 // id 3, 2 bytes: sequence 0x1234; one padding byte
                """));
    }

    @Test
    void aPacketWithoutExtensionsGetsABlockForTheSequenceNumberAlone() {
        view.wrap(buf(RtpPacketViewTest.PLAIN));
        ByteBuf out = Unpooled.buffer();
        assertThat(RtpHeaderExtensions.writeRemapped(view, map(), out, 5, 0xfffe)).isEqualTo(8);
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(hex("""
                be de 00 01 // one-byte form, 1 word
                51 ff fe 00 // id 5, 2 bytes; one padding byte
                """));
    }

    @Test
    void idsAbove127AreUnsigned() {
        view.wrap(buf(RtpPacketViewTest.ONE_BYTE_EXTENSION));
        assertThat(remap(view, map(1, 200), 8)).isEqualTo(hex("""
                10 00 00 01 // two-byte form, 1 word
                c8 01 ff 00 // id 200, 1 byte; one padding byte
                """));
    }

    @Test
    void twoByteSourceFallsBackToOneByteWhenItFits() {
        view.wrap(buf(RtpPacketViewTest.TWO_BYTE_EXTENSION));
        assertThat(remap(view, map(7, 3, 15, 2), 12)).isEqualTo(hex("""
                be de 00 02 // one-byte form, 2 words
                30 ab 21 cd // id 7 -> 3 (1 byte ab); id 15 -> 2 (2 bytes)...
                ef 00 00 00 // ...ef; padding
                """));
    }

    @Test
    void emptyElementForcesTwoByteForm() {
        view.wrap(buf(RtpPacketViewTest.TWO_BYTE_EXTENSION));
        assertThat(remap(view, map(1, 1, 7, 7), 12)).isEqualTo(hex("""
                10 00 00 02 // two-byte form, 2 words
                01 00 07 01 // id 1, empty; id 7, 1 byte...
                ab 00 00 00 // ...ab; padding
                """));
    }

    @Test
    void writesNothingWhenNoElementIsKept() {
        ByteBuf out = Unpooled.buffer().writeInt(0x01020304);
        view.wrap(buf(RtpPacketViewTest.ONE_BYTE_EXTENSION));
        assertThat(RtpHeaderExtensions.writeRemapped(view, map(3, 3, 4, 4), out)).isZero();
        assertThat(RtpHeaderExtensions.writeRemapped(view, new byte[2], out)).as("map shorter than the ids").isZero();
        view.wrap(buf(RtpPacketViewTest.PLAIN));
        assertThat(RtpHeaderExtensions.writeRemapped(view, map(1, 1), out)).isZero();
        assertThat(out.readableBytes()).isEqualTo(4);
    }

    @Test
    void appendsAtTheWriterIndex() {
        ByteBuf out = Unpooled.buffer().writeShort(0xffff);
        view.wrap(buf(RtpPacketViewTest.ONE_BYTE_EXTENSION));
        assertThat(RtpHeaderExtensions.writeRemapped(view, map(1, 1), out)).isEqualTo(8);
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(hex("ffff be de 00 01 10 ff 00 00"));
    }
}
