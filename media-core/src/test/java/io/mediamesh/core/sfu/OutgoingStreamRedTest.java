package io.mediamesh.core.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.core.sdp.ExtensionIds;
import io.mediamesh.core.sdp.MediaKind;
import io.mediamesh.core.sdp.NegotiatedCodec;
import io.mediamesh.core.sdp.NegotiatedMedia;
import io.mediamesh.core.sdp.RemoteStream;
import io.mediamesh.proto.rtp.RtpPacketView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Opus RED (RFC 2198) through the forwarder: passed through to a subscriber that negotiated it (block types
 * rewritten when its Opus payload type differs), reduced to the primary block for one that did not, and a malformed
 * RED payload dropped and counted.
 */
class OutgoingStreamRedTest {
    private static final ByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);
    /** Chrome's publisher: Opus 111, RED 63 of 111/111. */
    private static final NegotiatedMedia PUBLISHER = audio("recvonly", 111, 63, -1, -1);

    private static NegotiatedMedia audio(String direction, int opus, int red, long ssrc, long rtxSsrc) {
        List<NegotiatedCodec> codecs = red < 0
                ? List.of(new NegotiatedCodec("opus", opus, 48000, 2, "minptime=10;useinbandfec=1", -1, List.of()))
                : List.of(new NegotiatedCodec("opus", opus, 48000, 2, "minptime=10;useinbandfec=1", -1, List.of()),
                        new NegotiatedCodec("red", red, 48000, 2, opus + "/" + opus, -1, List.of()));
        return new NegotiatedMedia(0, "0", MediaKind.AUDIO, direction, codecs, ExtensionIds.of(Map.of()),
                direction.equals("recvonly") ? List.of(new RemoteStream(5555, -1, null, "cn")) : List.of(), List.of(),
                false, direction.equals("sendonly") ? "s a" : null, ssrc, rtxSsrc);
    }

    /** A RED packet: one redundant block {@code aa bb} (960 back), then the primary {@code 01 02 03}. */
    private static ByteBuf red(int seq) {
        ByteBuf b = ALLOC.heapBuffer();
        b.writeByte(0x80).writeByte(63).writeShort(seq).writeInt(960 * seq).writeInt(5555);
        b.writeByte(0x80 | 111).writeMedium(960 << 10 | 2).writeByte(111);
        b.writeByte(0xaa).writeByte(0xbb).writeByte(0x01).writeByte(0x02).writeByte(0x03);
        return b;
    }

    private static String payload(ByteBuf packet) {
        RtpPacketView view = new RtpPacketView().wrap(packet);
        return ByteBufUtil.hexDump(packet, view.payloadOffset(), view.payloadLength());
    }

    /** Forwards one RED packet to a subscriber with {@code opus} and {@code red} payload types: "PT payload-hex". */
    private static String forwardedTo(int opus, int red) {
        OutgoingStream stream = new OutgoingStream(audio("sendonly", opus, red, 0xAAAA, -1));
        PublishedTrack source = new PublishedTrack("alice", "audio_main", PUBLISHER, Runnable::run, 0);
        assertThat(stream.attach(source)).isTrue();
        ByteBuf in = red(1);
        ByteBuf out = stream.forward(source, in, 0, ALLOC, 16);
        try {
            return new RtpPacketView().wrap(out).payloadType() + " " + payload(out);
        } finally {
            in.release();
            out.release();
        }
    }

    @Test
    void aSubscriberWithRedGetsItAsIs() {
        assertThat(forwardedTo(111, 63)).isEqualTo("63 ef0f0002" + "6f" + "aabb" + "010203");
    }

    @Test
    void aSubscriberWithOtherPayloadTypesGetsTheBlockTypesRewritten() {
        // Firefox-like: Opus 109, RED 120 of 109/109; the block headers become 0x80|109 and 109.
        assertThat(forwardedTo(109, 120)).isEqualTo("120 ed0f0002" + "6d" + "aabb" + "010203");
    }

    @Test
    void aSubscriberWithoutRedGetsThePrimaryBlockAsOpusAndMalformedRedIsDropped() {
        OutgoingStream stream = new OutgoingStream(audio("sendonly", 111, -1, 0xAAAA, -1));
        PublishedTrack source = new PublishedTrack("alice", "audio_main", PUBLISHER, Runnable::run, 0);
        assertThat(stream.attach(source)).isTrue();
        ByteBuf in = red(1);
        ByteBuf out = stream.forward(source, in, 0, ALLOC, 16);
        RtpPacketView view = new RtpPacketView().wrap(out);
        assertThat(view.payloadType()).isEqualTo(111);
        assertThat(view.sequenceNumber()).isEqualTo(1);
        assertThat(view.timestamp()).isEqualTo(960);
        assertThat(payload(out)).isEqualTo("010203");
        assertThat(stream.octetsSent()).isEqualTo(3);
        in.release();
        out.release();

        ByteBuf cut = ALLOC.heapBuffer();
        cut.writeByte(0x80).writeByte(63).writeShort(2).writeInt(1920).writeInt(5555).writeByte(0xef).writeByte(0);
        assertThat(stream.forward(source, cut, 0, ALLOC, 16)).isNull();
        assertThat(stream.dropped()).isEqualTo(1);
        cut.release();
    }
}
