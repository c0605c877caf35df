package io.mediamesh.proto.rtcp;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static io.mediamesh.testsupport.ByteVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;

/** Decode-then-encode helpers shared by the RTCP tests. */
public final class RtcpTestSupport {
    private RtcpTestSupport() {
    }

    /** Decodes a vector holding exactly one packet, re-encodes it and checks the bytes are unchanged. */
    public static <T extends RtcpPacket> T decodeSingle(String vector, Class<T> type) {
        List<RtcpPacket> packets = RtcpDecoder.decodeCompound(buf(vector));
        assertThat(packets).hasSize(1);
        assertThat(packets.get(0)).isInstanceOf(type);
        assertThat(encode(packets)).as("re-encoded").isEqualTo(hex(vector));
        assertThat(packets.get(0).encodedLength()).isEqualTo(hex(vector).length);
        return type.cast(packets.get(0));
    }

    /** Encodes a value, decodes the bytes, and checks the result equals the value. */
    public static void assertValueRoundTrip(RtcpPacket packet) {
        byte[] bytes = encode(List.of(packet));
        assertThat(bytes.length).isEqualTo(packet.encodedLength()).matches(length -> length % 4 == 0);
        assertThat(RtcpDecoder.decodeCompound(Unpooled.wrappedBuffer(bytes))).containsExactly(packet);
    }

    public static byte[] encode(List<? extends RtcpPacket> packets) {
        ByteBuf out = Unpooled.buffer();
        RtcpCompound.encode(packets, out);
        return ByteBufUtil.getBytes(out);
    }
}
