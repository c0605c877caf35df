package io.mediamesh.proto.rtp;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static io.mediamesh.testsupport.ByteVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamesh.proto.MalformedPacketException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtpPacketViewTest {
    static final String PLAIN = """
            80 60 12 34 // V=2, PT 96, sequence 0x1234
            00 00 30 39 // timestamp 12345
            de ad be ef // SSRC
            01 02 03    // payload
            """;
    static final String WITH_CSRCS = """
            82 e0 ff ff // V=2, CC=2, M=1, PT 96, sequence 65535
            ff ff ff fe // timestamp 0xfffffffe
            00 00 00 01 // SSRC 1
            11 11 11 11 // CSRC 0
            22 22 22 22 // CSRC 1
            aa bb       // payload
            """;
    static final String ONE_BYTE_EXTENSION = """
            90 6f 00 01 // V=2, X=1, PT 111, sequence 1
            00 00 00 02 // timestamp
            00 00 00 03 // SSRC
            be de 00 03 // one-byte extensions, 3 words
            10 ff 00 00 // id 1, 1 byte ff; two padding bytes
            22 aa bb cc // id 2, 3 bytes
            51 01 02 00 // id 5, 2 bytes; one padding byte
            01 02 03 04 // payload
            """;
    static final String TWO_BYTE_EXTENSION = """
            90 60 00 01 // V=2, X=1, PT 96
            00 00 00 02 // timestamp
            00 00 00 03 // SSRC
            10 00 00 03 // two-byte extensions, 3 words
            01 00 07 01 // id 1, empty; id 7, 1 byte...
            ab 00 0f 02 // ...ab; a padding byte; id 15, 2 bytes...
            cd ef 00 00 // ...cd ef; padding
            99          // payload
            """;
    static final String PADDED = """
            a0 60 00 07 // V=2, P=1, PT 96, sequence 7
            00 00 00 08 // timestamp
            00 00 00 09 // SSRC
            01 02 00 00 // payload 01 02, then 3 padding bytes...
            03          // ...ending with the count
            """;

    private final RtpPacketView view = new RtpPacketView();

    @Test
    void plainPacket() {
        view.wrap(buf(PLAIN));

        assertThat(view.padding()).isFalse();
        assertThat(view.hasExtension()).isFalse();
        assertThat(view.csrcCount()).isZero();
        assertThat(view.marker()).isFalse();
        assertThat(view.payloadType()).isEqualTo(96);
        assertThat(view.sequenceNumber()).isEqualTo(0x1234);
        assertThat(view.timestamp()).isEqualTo(12345);
        assertThat(view.ssrc()).isEqualTo(0xdeadbeefL);
        assertThat(view.headerLength()).isEqualTo(12);
        assertThat(view.payloadOffset()).isEqualTo(12);
        assertThat(view.payloadLength()).isEqualTo(3);
        assertThat(view.paddingLength()).isZero();
        assertThat(view.extensionProfile()).isEqualTo(-1);
        assertThat(view.extensionBlockOffset()).isEqualTo(-1);
        assertThat(view.extensionBlockLength()).isZero();
        assertThat(view.findExtension(1)).isEqualTo(-1);
        assertThat(view.extensionLength(1)).isEqualTo(-1);
    }

    @Test
    void csrcsAndUnsignedFields() {
        view.wrap(buf(WITH_CSRCS));

        assertThat(view.csrcCount()).isEqualTo(2);
        assertThat(view.csrc(0)).isEqualTo(0x11111111L);
        assertThat(view.csrc(1)).isEqualTo(0x22222222L);
        assertThat(view.marker()).isTrue();
        assertThat(view.payloadType()).isEqualTo(96);
        assertThat(view.sequenceNumber()).isEqualTo(65535);
        assertThat(view.timestamp()).isEqualTo(0xfffffffeL);
        assertThat(view.headerLength()).isEqualTo(20);
        assertThat(view.payloadLength()).isEqualTo(2);
        assertThatThrownBy(() -> view.csrc(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void oneByteExtensionsSkipPaddingBetweenElements() {
        view.wrap(buf(ONE_BYTE_EXTENSION));

        assertThat(view.extensionProfile()).isEqualTo(0xBEDE);
        assertThat(view.isOneByteExtension()).isTrue();
        assertThat(view.extensionBlockOffset()).isEqualTo(12);
        assertThat(view.extensionBlockLength()).isEqualTo(16);
        assertThat(view.headerLength()).isEqualTo(28);
        assertThat(view.payloadOffset()).isEqualTo(28);
        assertThat(view.payloadLength()).isEqualTo(4);
        assertThat(visit(view)).containsExactly("1@17+1", "2@21+3", "5@25+2");
        assertThat(view.findExtension(2)).isEqualTo(21);
        assertThat(view.extensionLength(2)).isEqualTo(3);
        assertThat(view.findExtension(5)).isEqualTo(25);
        assertThat(view.buffer().getUnsignedShort(view.findExtension(5))).isEqualTo(0x0102);
        assertThat(view.findExtension(3)).isEqualTo(-1);
        assertThat(view.extensionLength(3)).isEqualTo(-1);
    }

    @Test
    void oneByteId15StopsTheList() {
        view.wrap(buf("""
                90 60 00 01
                00 00 00 02
                00 00 00 03
                be de 00 01 // one-byte extensions, 1 word
                10 aa f0 20 // id 1 = aa; id 15 ends parsing, so "20" is never read
                """));
        assertThat(visit(view)).containsExactly("1@17+1");
        assertThat(view.findExtension(2)).isEqualTo(-1);
    }

    @Test
    void twoByteExtensionsAllowEmptyElements() {
        view.wrap(buf(TWO_BYTE_EXTENSION));

        assertThat(view.extensionProfile()).isEqualTo(0x1000);
        assertThat(view.isTwoByteExtension()).isTrue();
        assertThat(view.extensionBlockLength()).isEqualTo(16);
        assertThat(view.payloadLength()).isEqualTo(1);
        assertThat(visit(view)).containsExactly("1@18+0", "7@20+1", "15@24+2");
        assertThat(view.extensionLength(1)).isZero();
        assertThat(view.findExtension(1)).isEqualTo(18);
    }

    @Test
    void opaqueExtensionsHaveNoElements() {
        view.wrap(buf("""
                90 60 00 01
                00 00 00 02
                00 00 00 03
                ab cd 00 01 // profile 0xabcd, 1 word
                10 aa 00 00
                """));
        assertThat(view.extensionProfile()).isEqualTo(0xabcd);
        assertThat(view.headerLength()).isEqualTo(20);
        assertThat(visit(view)).isEmpty();
        assertThat(view.findExtension(1)).isEqualTo(-1);
    }

    @Test
    void elementsRunningPastTheBlockEndTheList() {
        view.wrap(buf("""
                90 60 00 01
                00 00 00 02
                00 00 00 03
                be de 00 01 // one word
                10 aa 3f bb // id 3 claims 16 bytes but only 1 is left
                """));
        assertThat(visit(view)).containsExactly("1@17+1");
    }

    @Test
    void paddingIsExcludedFromThePayload() {
        view.wrap(buf(PADDED));

        assertThat(view.padding()).isTrue();
        assertThat(view.paddingLength()).isEqualTo(3);
        assertThat(view.payloadLength()).isEqualTo(2);
        assertThat(view.payloadOffset()).isEqualTo(12);
    }

    @Test
    void offsetsAreAbsoluteFromTheReaderIndex() {
        ByteBuf framed = Unpooled.wrappedBuffer(hex("ffffffff ffff"), hex(ONE_BYTE_EXTENSION));
        framed.readerIndex(6);
        view.wrap(framed);

        assertThat(view.offset()).isEqualTo(6);
        assertThat(view.length()).isEqualTo(32);
        assertThat(view.extensionBlockOffset()).isEqualTo(18);
        assertThat(view.payloadOffset()).isEqualTo(34);
        assertThat(view.findExtension(1)).isEqualTo(23);
        assertThat(framed.readerIndex()).isEqualTo(6);
    }

    @Test
    void settersWriteInPlace() {
        ByteBuf buf = buf(WITH_CSRCS);
        view.wrap(buf);
        view.setSequenceNumber(0x10002);
        view.setTimestamp(0x1_0000_0005L);
        view.setSsrc(0xcafebabeL);
        view.setPayloadType(100);

        assertThat(view.marker()).as("marker kept").isTrue();
        view.setMarker(false);
        assertThat(view.payloadType()).as("payload type kept").isEqualTo(100);
        assertThat(ByteBufUtil.getBytes(buf)).isEqualTo(hex("""
                82 64 00 02 // PT 100, marker cleared, sequence 2 (truncated to 16 bits)
                00 00 00 05 // timestamp truncated to 32 bits
                ca fe ba be // SSRC
                11 11 11 11
                22 22 22 22
                aa bb
                """));
        view.setMarker(true);
        assertThat((int) buf.getUnsignedByte(1)).isEqualTo(0xe4);
    }

    @Test
    void oneViewIsReusedAcrossPackets() {
        view.wrap(buf(ONE_BYTE_EXTENSION));
        view.wrap(buf(PLAIN));
        assertThat(view.hasExtension()).isFalse();
        assertThat(view.findExtension(1)).isEqualTo(-1);
        assertThat(view.payloadLength()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty                   | ''",
        "11 bytes                | 80 60 00 01 00 00 00 02 00 00 00",
        "version 1               | 40 60 00 01 00 00 00 02 00 00 00 03",
        "version 0               | 00 60 00 01 00 00 00 02 00 00 00 03",
        "CSRCs past the end      | 82 60 00 01 00 00 00 02 00 00 00 03 11 11 11 11",
        "extension header cut    | 90 60 00 01 00 00 00 02 00 00 00 03 be de",
        "extension past the end  | 90 60 00 01 00 00 00 02 00 00 00 03 be de 00 02 10 aa 00 00",
        "padding count 0         | a0 60 00 01 00 00 00 02 00 00 00 03 01 00",
        "padding past the header | a0 60 00 01 00 00 00 02 00 00 00 03 01 03",
        "padding into extension  | b0 60 00 01 00 00 00 02 00 00 00 03 be de 00 01 10 aa 00 02",
    })
    void rejectsMalformedPackets(String name, String hex) {
        ByteBuf buf = buf(hex);
        assertThatThrownBy(() -> view.wrap(buf)).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void paddingCanFillTheWholePayload() {
        view.wrap(buf("a0 60 00 01 00 00 00 02 00 00 00 03 00 00 00 04"));
        assertThat(view.payloadLength()).isZero();
        assertThat(view.paddingLength()).isEqualTo(4);
    }

    static List<String> visit(RtpPacketView view) {
        List<String> seen = new ArrayList<>();
        view.forEachExtension((id, offset, length) -> seen.add(id + "@" + offset + "+" + length));
        return seen;
    }
}
