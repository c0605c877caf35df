package io.mediamesh.sip.bridge.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.mediamesh.sip.media.G711;
import io.mediamesh.sip.sdp.AudioCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The room-to-phone path: a 48 kHz mix in, G.711 (or Opus) RTP out, with hold keeping the clock. */
class PhoneDownlinkTest {
    private final RtpHeader header = new RtpHeader();
    private final byte[] out = new byte[PhoneDownlink.MAX_PACKET];

    @ParameterizedTest(name = "mix at {0} Hz")
    @ValueSource(ints = {8000, 48_000})
    void aMixBecomesPcmuPacketsOfTheSameTone(int mixRate) {
        PhoneDownlink downlink = new PhoneDownlink(0x1234, 65_535, 0xFFFF_FF00L, mixRate, 24_000, 1);
        downlink.configure(AudioCodec.PCMU, 0);
        short[] heard = new short[50 * 160];
        int frameSamples = mixRate / 50;
        for (int frame = 0; frame < 60; frame++) {
            int length = downlink.tick(Tones.sine(1000, mixRate, 8000, (long) frame * frameSamples, frameSamples),
                    true, out);
            assertThat(length).isEqualTo(12 + 160);
            assertThat(header.parse(out, 0, length)).isEqualTo(RtpHeader.Verdict.RTP);
            assertThat(header.marker()).isEqualTo(frame == 0);
            assertThat(header.sequence()).isEqualTo((65_535 + frame) & 0xFFFF);
            assertThat(header.timestamp()).isEqualTo((0xFFFF_FF00L + 160L * frame) & 0xFFFFFFFFL);
            assertThat(header.ssrc()).isEqualTo(0x1234);
            if (frame >= 10) {
                G711.decodeUlaw(out, 12, 160, heard, (frame - 10) * 160);
            }
        }
        assertThat(2 * Math.sqrt(Tones.power(heard, 0, heard.length, 1000, 8000))).isBetween(7500.0, 8500.0);
        assertThat(downlink.packets()).isEqualTo(60);
    }

    @Test
    void holdSendsNothingAndResumeContinuesTheStream() {
        PhoneDownlink downlink = new PhoneDownlink(1, 100, 0, 8000, 24_000, 1);
        downlink.configure(AudioCodec.PCMA, 8);
        short[] silence = new short[160];
        downlink.tick(silence, true, out);
        downlink.tick(silence, true, out);
        for (int i = 0; i < 10; i++) {
            assertThat(downlink.tick(silence, false, out)).isZero();
        }
        int length = downlink.tick(silence, true, out);
        assertThat(header.parse(out, 0, length)).isEqualTo(RtpHeader.Verdict.RTP);
        assertThat(header.payloadType()).isEqualTo(8);
        assertThat(header.sequence()).as("no gap the phone would count as loss").isEqualTo(102);
        assertThat(header.timestamp()).as("the clock ran on during the hold").isEqualTo(12 * 160);
        assertThat(header.marker()).as("a new talkspurt").isTrue();
    }

    @Test
    void opusIsSentAt48kHz() throws Exception {
        PhoneDownlink downlink = new PhoneDownlink(1, 0, 0, 48_000, 24_000, 1);
        downlink.configure(AudioCodec.OPUS, 109);
        OpusDecoder decoder = new OpusDecoder(48_000, 1);
        short[] decoded = new short[960];
        for (int frame = 0; frame < 20; frame++) {
            int length = downlink.tick(Tones.sine(1000, 48_000, 8000, frame * 960L, 960), true, out);
            assertThat(header.parse(out, 0, length)).isEqualTo(RtpHeader.Verdict.RTP);
            assertThat(header.payloadType()).isEqualTo(109);
            assertThat(header.timestamp()).isEqualTo(960L * frame);
            decoder.decode(out, header.payloadOffset(), header.payloadLength(), decoded, 0, 960, false);
        }
        assertThat(2 * Math.sqrt(Tones.power(decoded, 0, 960, 1000, 48_000))).isGreaterThan(5000);
    }

    @Test
    void sendsNothingBeforeConfiguration() {
        assertThat(new PhoneDownlink(1, 0, 0, 8000, 24_000, 1).tick(new short[160], true, out)).isZero();
    }
}
