package io.mediamesh.proto.demux;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Rfc7983Test {

    /** Builds a 20-byte datagram with the given first two bytes and zero filler. */
    private static ByteBuf datagram(int first, int second) {
        byte[] bytes = new byte[20];
        bytes[0] = (byte) first;
        bytes[1] = (byte) second;
        return Unpooled.wrappedBuffer(bytes);
    }

    @ParameterizedTest(name = "first={0} second={1} -> {2}")
    @CsvSource({
        "0, 1, STUN", "1, 1, STUN", "3, 0, STUN",
        "4, 0, UNKNOWN", "16, 0, UNKNOWN", "19, 0, UNKNOWN",
        "20, 0, DTLS", "22, 254, DTLS", "63, 0, DTLS",
        "64, 0, UNKNOWN", "127, 0, UNKNOWN",
        "128, 0, RTP", "144, 111, RTP", "128, 239, RTP", "128, 191, RTP", "128, 224, RTP",
        "128, 200, RTCP", "129, 201, RTCP", "143, 206, RTCP", "128, 192, RTCP", "128, 223, RTCP",
        // A marker bit set on RTP payload types 64..95 collides with RTCP; RFC 5761 §4 forbids those types.
        "128, 72, RTCP",
        "191, 96, RTP", "192, 96, UNKNOWN", "255, 200, UNKNOWN"
    })
    void classifiesByFirstAndSecondByte(int first, int second, PacketClass expected) {
        assertThat(Rfc7983.classify(datagram(first, second))).isEqualTo(expected);
    }

    @Test
    void emptyAndShortDatagramsAreUnknown() {
        assertThat(Rfc7983.classify(Unpooled.EMPTY_BUFFER)).isEqualTo(PacketClass.UNKNOWN);
        assertThat(Rfc7983.classify(buf("80 60 00 01"))).isEqualTo(PacketClass.UNKNOWN);
        assertThat(Rfc7983.classify(buf("00 01 00 00 21 12 a4 42"))).isEqualTo(PacketClass.UNKNOWN);
        assertThat(Rfc7983.classify(buf("16 fe fd 00"))).isEqualTo(PacketClass.UNKNOWN);
    }

    @Test
    void looksAtReaderIndexAndDoesNotMoveIt() {
        ByteBuf buf = buf("ff ff 81 c9 00 01 00 00 00 01");
        buf.readerIndex(2);
        assertThat(Rfc7983.classify(buf)).isEqualTo(PacketClass.RTCP);
        assertThat(buf.readerIndex()).isEqualTo(2);
    }
}
