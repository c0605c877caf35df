package io.mediamesh.core.audio;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static io.mediamesh.testsupport.ByteVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.core.sdp.ExtensionIds;
import io.mediamesh.core.sdp.RtpExtensionUris;
import io.mediamesh.proto.rtp.RtpHeaderExtensions;
import io.mediamesh.proto.rtp.RtpPacketView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 6464 elements as Chrome sends them (one-byte form, id 1), read from whole RTP packets. */
class AudioLevelMeterTest {
    private final RtpPacketView view = new RtpPacketView();
    private final AudioLevelMeter meter = new AudioLevelMeter();

    /** An Opus packet (PT 111) with a one-byte extension block: audio level id 1, then mid id 4 = "0". */
    private static ByteBuf opusPacket(String levelByte) {
        return buf("""
                90 6f 12 34 // V=2, X=1; PT 111; seq 0x1234
                00 00 03 c0 // timestamp
                11 22 33 44 // SSRC
                be de 00 01 // one-byte form, 1 word
                10 %s 40 30 // id 1 len 1: V|level; id 4 len 1: "0"
                fc ff fe    // Opus payload
                """.formatted(levelByte));
    }

    private boolean feed(ByteBuf packet, int id) {
        view.wrap(packet);
        int offset = view.findExtension(id);
        return offset >= 0 && meter.onElement(packet, offset, view.extensionLength(id));
    }

    @Test
    void readsLevelAndVoiceBit() {
        assertThat(feed(opusPacket("9e"), 1)).isTrue(); // V=1, level 30 → -30 dBov
        meter.take();
        assertThat(meter.windowLevel()).isEqualTo(30);
        assertThat(meter.windowVoice()).isTrue();
        assertThat(meter.windowPackets()).isEqualTo(1);

        assertThat(feed(opusPacket("7f"), 1)).isTrue(); // V=0, level 127 → silence
        meter.take();
        assertThat(meter.windowLevel()).isEqualTo(127);
        assertThat(meter.windowVoice()).isFalse();
    }

    @Test
    void windowIsTheMeanLevelAndVoiceNeedsHalfThePackets() {
        feed(opusPacket("8a"), 1); // V, 10
        feed(opusPacket("14"), 1); // 20
        feed(opusPacket("1e"), 1); // 30
        meter.take();
        assertThat(meter.windowLevel()).isEqualTo(20);
        assertThat(meter.windowVoice()).isFalse(); // one of three
        assertThat(meter.windowPackets()).isEqualTo(3);
        meter.take();
        assertThat(meter.windowLevel()).as("an empty window is silence").isEqualTo(127);
        assertThat(meter.windowPackets()).isZero();
        assertThat(meter.measured()).isEqualTo(3);
    }

    @Test
    void elementOfTheWrongLengthIsCountedAndIgnored() {
        ByteBuf packet = buf("""
                90 6f 12 34
                00 00 03 c0
                11 22 33 44
                be de 00 01
                11 9e 05 00 // id 1 with len 2: malformed for RFC 6464
                fc ff fe
                """);
        assertThat(feed(packet, 1)).isFalse();
        meter.take();
        assertThat(meter.malformed()).isEqualTo(1);
        assertThat(meter.windowMalformed()).isEqualTo(1);
        assertThat(meter.windowPackets()).isZero();
        assertThat(meter.windowLevel()).isEqualTo(127);
        meter.take();
        assertThat(meter.windowMalformed()).isZero();
    }

    @Test
    void forwardingKeepsTheLevelRenumberedForASubscriberThatNegotiatedIt() {
        ExtensionIds publisher = ExtensionIds.of(Map.of(RtpExtensionUris.SSRC_AUDIO_LEVEL, 1, RtpExtensionUris.MID, 4));
        ExtensionIds subscriber = ExtensionIds.of(Map.of(RtpExtensionUris.SSRC_AUDIO_LEVEL, 10,
                RtpExtensionUris.MID, 3));
        view.wrap(opusPacket("9e"));
        ByteBuf out = Unpooled.buffer();
        int written = RtpHeaderExtensions.writeRemapped(view, publisher.remapTo(subscriber), out);
        assertThat(written).isEqualTo(8);
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(hex("""
                be de 00 01 // one-byte form, 1 word
                a0 9e 30 30 // id 1 -> 10 (level kept as is); mid id 4 -> 3; "0"
                """));

        ExtensionIds noLevel = ExtensionIds.of(Map.of(RtpExtensionUris.MID, 3));
        out.clear();
        assertThat(RtpHeaderExtensions.writeRemapped(view, publisher.remapTo(noLevel), out)).isEqualTo(8);
        assertThat(ByteBufUtil.getBytes(out)).as("dropped for a subscriber that did not negotiate it")
                .isEqualTo(hex("be de 00 01  30 30 00 00"));
    }
}
