package io.mediamesh.sip.bridge.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.mediamesh.sip.media.G711;
import io.mediamesh.sip.media.dtmf.DtmfDigit;
import io.mediamesh.sip.media.dtmf.TelephoneEvent;
import io.mediamesh.sip.sdp.AudioCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The phone-to-room path in virtual time: a packet every 20 ms, a tick every 20 ms, 10 ms after each packet. */
class PhoneUplinkTest {
    private static final long BASE = 0xFFFF_F000L; // the room timestamps wrap during the test
    private PhoneUplink uplink;
    private int sequence = 65_530;
    private long phoneTimestamp = 1_000;
    private long now = 1_000_000;

    @BeforeEach
    void setUp() {
        uplink = new PhoneUplink(24_000, 1, 20, 200, BASE);
        uplink.configure(AudioCodec.PCMU, 0, 101);
    }

    private byte[] pcmuPacket(double frequency, int payloadType, long ssrc) {
        short[] pcm = Tones.sine(frequency, 8000, 8000, phoneTimestamp, 160);
        byte[] packet = new byte[12 + 160];
        RtpHeader.write(packet, 0, false, payloadType, sequence, phoneTimestamp, ssrc);
        for (int i = 0; i < 160; i++) {
            packet[12 + i] = G711.linearToUlaw(pcm[i]);
        }
        sequence = (sequence + 1) & 0xFFFF;
        phoneTimestamp += 160;
        return packet;
    }

    /** One 20 ms period: the phone's packet arrives, 10 ms later the tick. */
    private boolean period(byte[] packet) {
        if (packet != null) {
            assertThat(uplink.onPacket(packet, 0, packet.length, now)).isEqualTo(PhoneUplink.Outcome.AUDIO);
        }
        now += 10;
        boolean produced = uplink.tick(now, true);
        now += 10;
        return produced;
    }

    @Test
    void aPcmuToneComesOutAsTheSameToneAt8And48kHzAndAsOpus() throws Exception {
        OpusDecoder decoder = new OpusDecoder(48_000, 1);
        short[] heard = new short[50 * 960];
        short[] heard8 = new short[50 * 160];
        short[] decoded = new short[50 * 960];
        List<Long> timestamps = new ArrayList<>();
        int frames = 0;
        for (int i = 0; i < 60; i++) {
            if (period(pcmuPacket(440, 0, 7)) && i >= 10 && frames < 50) {
                assertThat(uplink.rate()).isEqualTo(8000);
                System.arraycopy(uplink.frame(), 0, heard8, frames * 160, 160);
                System.arraycopy(uplink.frameAt(48_000), 0, heard, frames * 960, 960);
                assertThat(uplink.encodedLength()).isPositive();
                decoder.decode(uplink.encoded(), 0, uplink.encodedLength(), decoded, frames * 960, 960, false);
                timestamps.add(uplink.frameTimestamp());
                frames++;
            }
        }
        assertThat(frames).isEqualTo(50);
        // the upsampler starts from silence on the first frame it gets: its ramp is left out
        assertThat(Tones.zeroCrossingFrequency(java.util.Arrays.copyOfRange(heard, 960, heard.length), 48_000)).isCloseTo(440, org.assertj.core.data.Offset.offset(2.0));
        double amplitude = 2 * Math.sqrt(Tones.power(heard, 960, heard.length - 960, 440, 48_000));
        assertThat(amplitude).as("no frame lost, repeated or out of phase").isBetween(7600.0, 8400.0);
        assertThat(2 * Math.sqrt(Tones.power(heard8, 0, heard8.length, 440, 8000))).isBetween(7600.0, 8400.0);
        double opusAmplitude = 2 * Math.sqrt(Tones.power(decoded, 4800, heard.length - 4800, 440, 48_000));
        assertThat(opusAmplitude).as("after Opus").isGreaterThan(6000);
        assertThat(uplink.level()).isBetween(14, 16); // a sine of amplitude 8000: RMS 5657, -15.3 dBov
        for (int i = 1; i < timestamps.size(); i++) {
            assertThat((timestamps.get(i) - timestamps.get(i - 1)) & 0xFFFFFFFFL).isEqualTo(960);
        }
    }

    @Test
    void theRoomTimestampFollowsThePlayoutClockAcrossAPause() {
        for (int i = 0; i < 10; i++) {
            period(pcmuPacket(440, 0, 7));
        }
        long before = uplink.frameTimestamp();
        int producedDuringPause = 0;
        for (int i = 0; i < 25; i++) {
            sequence++; // the phone stops for 500 ms (e.g. silence suppression)
            phoneTimestamp += 160;
            producedDuringPause += period(null) ? 1 : 0;
        }
        assertThat(producedDuringPause).as("the buffered frame, then concealed ones")
                .isLessThanOrEqualTo(PhoneUplink.MAX_CONCEALED + 1);
        int ticks = 25;
        boolean produced = false;
        while (!produced) {
            produced = period(pcmuPacket(440, 0, 7));
            ticks++;
        }
        assertThat((uplink.frameTimestamp() - before) & 0xFFFFFFFFL).isEqualTo(960L * ticks);
    }

    @Test
    void countsBadAndForeignPacketsAndKeepsGoing() {
        period(pcmuPacket(440, 0, 7));
        assertThat(uplink.onPacket(new byte[] {1, 2, 3}, 0, 3, now)).isEqualTo(PhoneUplink.Outcome.MALFORMED);
        byte[] pcma = pcmuPacket(440, 8, 7);
        assertThat(uplink.onPacket(pcma, 0, pcma.length, now)).isEqualTo(PhoneUplink.Outcome.UNKNOWN_PAYLOAD_TYPE);
        byte[] shortEvent = new byte[14];
        RtpHeader.write(shortEvent, 0, false, 101, sequence, phoneTimestamp, 7);
        assertThat(uplink.onPacket(shortEvent, 0, 14, now)).isEqualTo(PhoneUplink.Outcome.MALFORMED);
        int produced = 0;
        for (int i = 0; i < 20; i++) {
            produced += period(pcmuPacket(440, 0, 7)) ? 1 : 0;
        }
        assertThat(produced).isGreaterThanOrEqualTo(18);
        assertThat(uplink.lost()).isLessThanOrEqualTo(2);
    }

    @Test
    void telephoneEventsBecomeOneDigit() {
        period(pcmuPacket(440, 0, 7));
        List<DtmfDigit> digits = new ArrayList<>();
        long eventTimestamp = phoneTimestamp;
        for (int i = 1; i <= 6; i++) {
            byte[] packet = new byte[16];
            RtpHeader.write(packet, 0, i == 1, 101, sequence, eventTimestamp, 7);
            sequence = (sequence + 1) & 0xFFFF;
            new TelephoneEvent(TelephoneEvent.eventOf('#'), i > 3, 10, Math.min(i, 4) * 160).encodeInto(packet, 12);
            assertThat(uplink.onPacket(packet, 0, 16, now)).isEqualTo(PhoneUplink.Outcome.DTMF);
            DtmfDigit digit = uplink.takeDigit();
            if (digit != null) {
                digits.add(digit);
            }
            now += 20;
        }
        assertThat(digits).hasSize(1);
        assertThat(digits.get(0).digit()).isEqualTo('#');
        assertThat(digits.get(0).durationMillis()).isEqualTo(80);
    }

    @Test
    void aNewSsrcRestartsTheStream() {
        for (int i = 0; i < 5; i++) {
            period(pcmuPacket(440, 0, 7));
        }
        sequence = 12;
        int produced = 0;
        for (int i = 0; i < 10; i++) {
            produced += period(pcmuPacket(440, 0, 8)) ? 1 : 0;
        }
        assertThat(produced).isGreaterThanOrEqualTo(8);
    }

    @Test
    void anOpusPhoneIsDecodedAt48kHzAndReEncoded() throws Exception {
        uplink.configure(AudioCodec.OPUS, 109, 110);
        OpusEncoder phone = new OpusEncoder(48_000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        OpusDecoder room = new OpusDecoder(48_000, 1);
        byte[] packet = new byte[1500];
        short[] heard = new short[40 * 960];
        short[] decoded = new short[40 * 960];
        int frames = 0;
        for (int i = 0; i < 60; i++) {
            int length = phone.encode(Tones.sine(1000, 48_000, 8000, 960L * i, 960), 0, 960, packet, 12, 1488);
            RtpHeader.write(packet, 0, false, 109, i, 960L * i, 5);
            assertThat(uplink.onPacket(packet, 0, 12 + length, now)).isEqualTo(PhoneUplink.Outcome.AUDIO);
            now += 10;
            if (uplink.tick(now, true) && i >= 20) {
                assertThat(uplink.rate()).isEqualTo(48_000);
                System.arraycopy(uplink.frame(), 0, heard, frames * 960, 960);
                room.decode(uplink.encoded(), 0, uplink.encodedLength(), decoded, frames * 960, 960, false);
                frames++;
            }
            now += 10;
        }
        assertThat(frames).isEqualTo(40);
        assertThat(2 * Math.sqrt(Tones.power(heard, 0, heard.length, 1000, 48_000))).isGreaterThan(6000);
        assertThat(2 * Math.sqrt(Tones.power(decoded, 960, decoded.length - 960, 1000, 48_000))).isGreaterThan(5000);
        short[] at8k = uplink.frameAt(8000);
        assertThat(at8k).hasSize(160);
    }

    @Test
    void nothingIsProducedBeforeConfigurationOrTheFirstPacket() {
        PhoneUplink fresh = new PhoneUplink(24_000, 1, 20, 200, 0);
        assertThat(fresh.onPacket(new byte[20], 0, 20, 0)).isEqualTo(PhoneUplink.Outcome.MALFORMED);
        assertThat(fresh.tick(0, true)).isFalse();
        assertThat(uplink.tick(now, true)).isFalse();
    }
}
