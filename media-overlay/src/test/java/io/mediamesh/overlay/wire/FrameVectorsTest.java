package io.mediamesh.overlay.wire;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static io.mediamesh.testsupport.ByteVectors.toHex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamesh.proto.MalformedPacketException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Byte-exact bodies of every frame type: decode, compare with the expected record, re-encode to the same bytes. */
class FrameVectorsTest {
    private static final NodeId N = NodeId.of(1, 3);
    private static final ChannelId CH = new ChannelId(0x0102030405060708L);

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of(FrameType.HELLO, """
                        00000103           // node z1-n3
                        01 0d              // flags=ACK, address length 13
                        31302e302e302e313a37303030 // "10.0.0.1:7000"
                        """, new Hello(N, true, "10.0.0.1:7000")),
                Arguments.of(FrameType.HELLO, "00000103 00 00", new Hello(N, false, "")),
                Arguments.of(FrameType.PING, """
                        0000002a           // seq 42
                        00000000 000f4240  // sent 1,000,000 µs
                        """, new Ping(42, 1_000_000)),
                Arguments.of(FrameType.PONG, """
                        ffffffff           // seq 2^32-1 (signed -1)
                        00000000 000f4240  // echoed 1,000,000 µs
                        """, new Pong(-1, 1_000_000)),
                Arguments.of(FrameType.ROUTE_UPDATE, """
                        0002               // two entries
                        00000103 00002710 01  // z1-n3, 10,000 µs, 1 hop
                        00000201 7fffffff 10  // z2-n1, infinite, 16 hops
                        """, new RouteUpdate(List.of(new RouteEntry(N, 10_000, 1),
                        new RouteEntry(NodeId.of(2, 1), RouteEntry.INFINITE_METRIC, 16)))),
                Arguments.of(FrameType.ROUTE_UPDATE, "0000", new RouteUpdate(List.of())),
                Arguments.of(FrameType.SUBSCRIBE, """
                        01020304 05060708  // channel
                        00000103           // source z1-n3
                        """, new Subscribe(CH, N)),
                Arguments.of(FrameType.UNSUBSCRIBE, "01020304 05060708", new Unsubscribe(CH)),
                Arguments.of(FrameType.FEEDBACK, """
                        01020304 05060708  // channel
                        00                 // kind 0 = desired bitrate
                        00000003           // count 3
                        00000000 000186a0  // min 100,000
                        00000000 000f4240  // max 1,000,000
                        00000000 00133fc0  // sum 1,261,504
                        """, new Feedback(CH, Feedback.KIND_DESIRED_BITRATE, 3, 100_000, 1_000_000, 1_261_504)));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesAndReEncodesByteExact(int type, String hex, OverlayFrame expected) {
        ByteBuf body = buf(hex);
        String original = toHex(body);
        OverlayFrame decoded = FrameBodies.decode(type, body);
        assertThat(decoded).isEqualTo(expected);
        assertThat(decoded.type()).isEqualTo(type);
        ByteBuf out = Unpooled.buffer();
        decoded.encode(out);
        assertThat(toHex(out)).isEqualTo(original);
        assertThat(decoded.encodedLength()).isEqualTo(out.readableBytes());
    }

    @Test
    void channelDataCarriesAnOpaquePayloadSlice() {
        ByteBuf body = buf("""
                01020304 05060708  // channel
                00000007           // sequence 7
                80 60 00 01        // payload (start of an RTP header)
                """);
        ChannelData data = (ChannelData) FrameBodies.decode(FrameType.CHANNEL_DATA, body);
        assertThat(data.channel()).isEqualTo(CH);
        assertThat(data.sequence()).isEqualTo(7);
        assertThat(toHex(data.payload())).isEqualTo("80600001");
        assertThat(ChannelData.channelAt(body, 0)).isEqualTo(CH.value());
        assertThat(ChannelData.sequenceAt(body, 0)).isEqualTo(7);
        ByteBuf out = Unpooled.buffer();
        data.encode(out);
        assertThat(toHex(out)).isEqualTo("01020304050607080000000780600001");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(FrameType.HELLO, "000001", "too short"),
                Arguments.of(FrameType.HELLO, "00000103 00 05 6162", "address length past the end"),
                Arguments.of(FrameType.HELLO, "00000103 02 00", "unknown flag"),
                Arguments.of(FrameType.HELLO, "00000000 00 00", "reserved node id"),
                Arguments.of(FrameType.PING, "0000002a 00000000 000f42", "too short"),
                Arguments.of(FrameType.PONG, "0000002a 00000000 000f4240 00", "trailing byte"),
                Arguments.of(FrameType.ROUTE_UPDATE, "0002 00000103 00002710 01", "count past the end"),
                Arguments.of(FrameType.ROUTE_UPDATE, "0001 00000103 80000000 01", "metric above 2^31-1"),
                Arguments.of(FrameType.ROUTE_UPDATE, "0001 00000000 00000001 01", "destination 0"),
                Arguments.of(FrameType.ROUTE_UPDATE, "0079", "more than 120 entries"),
                Arguments.of(FrameType.SUBSCRIBE, "01020304 05060708 00000000", "source 0"),
                Arguments.of(FrameType.UNSUBSCRIBE, "01020304 050607", "too short"),
                Arguments.of(FrameType.CHANNEL_DATA, "01020304 05060708 000000", "no sequence"),
                Arguments.of(FrameType.FEEDBACK, "01020304 05060708 00 00000000"
                        + "0000000000000000 0000000000000000 0000000000000000", "count 0"),
                Arguments.of(FrameType.FEEDBACK, "01020304 05060708 00 00000001"
                        + "0000000000000002 0000000000000001 0000000000000000", "min above max"),
                Arguments.of(99, "00", "unknown type"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("malformed")
    void rejectsMalformedBodies(int type, String hex, String why) {
        assertThatThrownBy(() -> FrameBodies.decode(type, buf(hex))).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void headerRoundTripAndValidation() {
        ByteBuf frame = buf("""
                02 07 0000         // version 2, ChannelData, reserved
                00000103           // sender z1-n3
                00000000 00000005  // counter 5
                00000000 00000000 00000000 00000000 // room for a tag
                """);
        FrameHeader header = FrameHeader.decode(frame);
        assertThat(header).isEqualTo(new FrameHeader(2, FrameType.CHANNEL_DATA, N, 5));
        ByteBuf out = Unpooled.buffer();
        header.encode(out);
        assertThat(toHex(out)).isEqualTo("0207000000000103" + "0000000000000005");
        assertThatThrownBy(() -> FrameHeader.decode(buf("01070000 00000103 0000000000000005" + "00".repeat(16))))
                .as("version 1 (AES-GCM) frames").isInstanceOf(MalformedPacketException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> FrameHeader.decode(buf("02090000 00000103 0000000000000005" + "00".repeat(16))))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("type");
        assertThatThrownBy(() -> FrameHeader.decode(buf("02070000 00000103 0000000000000005")))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("too short");
    }

    @Test
    void nodeIdLayoutAndChannelIdStability() {
        NodeId id = NodeId.of(0xABCDEF, 7);
        assertThat(id.value()).isEqualTo(0xABCDEF07);
        assertThat(id.zone()).isEqualTo(0xABCDEF);
        assertThat(id.index()).isEqualTo(7);
        assertThat(NodeId.of(1, 3)).hasToString("z1-n3");
        assertThatThrownBy(() -> NodeId.of(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeId.of(1 << 24, 0)).isInstanceOf(IllegalArgumentException.class);
        // First 8 bytes of SHA-256("room1\0peer1\0audio"), computed independently with sha256sum.
        assertThat(ChannelId.of("room1", "peer1", "audio").value()).isEqualTo(EXPECTED_CHANNEL);
        assertThat(ChannelId.of("room1", "peer1", "audio")).isNotEqualTo(ChannelId.of("room1", "peer1", "video"));
        assertThat(ChannelId.of("ab", "c", "d")).isNotEqualTo(ChannelId.of("a", "bc", "d"));
    }

    private static final long EXPECTED_CHANNEL = 0x986d37b9069c221cL;
}
