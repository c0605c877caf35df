package io.mediamesh.sip.bridge.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A remote Opus source and two local calls: each call hears the others, never itself; a lost packet is concealed. */
class RoomMixTest {
    private int rate;

    private double amplitude(short[] x, double frequency) {
        return 2 * Math.sqrt(Tones.power(x, 0, x.length, frequency, rate));
    }

    @ParameterizedTest(name = "mix at {0} Hz")
    @ValueSource(ints = {8000, 48_000})
    void mixMinusOverARemoteSourceAndTwoCalls(int mixRate) throws Exception {
        rate = mixRate;
        int n = mixRate / 50;
        short[] out = new short[n];
        RoomMix mix = new RoomMix(mixRate, 8, 3, 20, 200);
        int remote = mix.addRemote(111);
        int call1 = mix.addLocal();
        int call2 = mix.addLocal();
        OpusEncoder encoder = new OpusEncoder(48_000, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        byte[] packet = new byte[1500];
        long now = 0;
        short[] heardBy1 = new short[20 * n];
        short[] heardBy2 = new short[20 * n];
        for (int frame = 0; frame < 40; frame++) {
            int length = encoder.encode(Tones.sine(1000, 48_000, 8000, frame * 960L, 960), 0, 960, packet, 12,
                    packet.length - 12);
            RtpHeader.write(packet, 0, false, 111, frame, frame * 960L, 99);
            boolean lostPacket = frame == 30;
            if (!lostPacket) {
                assertThat(mix.onRemoteRtp(remote, packet, 0, 12 + length, now)).isTrue();
            }
            now += 10;
            mix.beginFrame(now);
            mix.contribute(call1, Tones.sine(440, mixRate, 8000, (long) frame * n, n), -1);
            mix.contribute(call2, Tones.sine(700, mixRate, 8000, (long) frame * n, n), -1);
            mix.mix();
            if (frame >= 20) {
                mix.mixFor(call1, out);
                System.arraycopy(out, 0, heardBy1, (frame - 20) * n, n);
                assertThat(amplitude(out, 700)).isGreaterThan(7000);
                if (frame != 30 + 1) { // the frame after the loss is the concealed one, quieter but present
                    assertThat(amplitude(out, 1000)).as("remote in frame %d", frame).isGreaterThan(4000);
                } else {
                    assertThat(amplitude(out, 1000)).as("concealed remote in frame %d", frame).isGreaterThan(500);
                }
                mix.mixFor(call2, out);
                System.arraycopy(out, 0, heardBy2, (frame - 20) * n, n);
                assertThat(amplitude(out, 440)).isGreaterThan(7000);
            }
            now += 10;
        }
        // Over 400 ms every tone is on a Goertzel bin: no leakage from the others hides or fakes the own voice.
        assertThat(2 * Math.sqrt(Tones.power(heardBy1, 0, heardBy1.length, 440, mixRate))).as("call 1 hears itself")
                .isLessThan(10);
        assertThat(2 * Math.sqrt(Tones.power(heardBy2, 0, heardBy2.length, 700, mixRate))).as("call 2 hears itself")
                .isLessThan(10);
        assertThat(mix.malformed()).isZero();
        RtpHeader.write(packet, 0, false, 63, 100, 0, 99); // RED: not this source's Opus
        assertThat(mix.onRemoteRtp(remote, packet, 0, 20, now)).isFalse();
        assertThat(mix.foreign()).isEqualTo(1);
        assertThat(mix.onRemoteRtp(remote, new byte[5], 0, 5, now)).isFalse();
        assertThat(mix.malformed()).isEqualTo(1);
        mix.remove(remote);
        assertThat(mix.onRemoteRtp(remote, packet, 0, 20, now)).isFalse();
    }

    @Test
    void redFromTheRoomIsHeardThroughItsPrimaryBlocks() throws Exception {
        rate = 8000;
        short[] out = new short[160];
        RoomMix mix = new RoomMix(8000, 4, 2, 20, 200);
        int remote = mix.addRemote(111, 63);
        int call = mix.addLocal();
        OpusEncoder encoder = new OpusEncoder(48_000, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        byte[] previous = new byte[0];
        long now = 0;
        double heard = 0;
        for (int frame = 0; frame < 40; frame++) {
            byte[] opus = new byte[1000];
            int length = encoder.encode(Tones.sine(1000, 48_000, 8000, frame * 960L, 960), 0, 960, opus, 0, 1000);
            // Chrome's Opus RED: the previous frame as a redundant block (F=1, PT 111, 960 ticks back), then the
            // one-byte header of the primary block (F=0, PT 111), the redundant data, the primary data.
            byte[] packet = new byte[12 + 5 + previous.length + length];
            RtpHeader.write(packet, 0, false, 63, frame, frame * 960L, 99);
            int header = 960 << 10 | previous.length;
            packet[12] = (byte) (0x80 | 111);
            packet[13] = (byte) (header >> 16);
            packet[14] = (byte) (header >> 8);
            packet[15] = (byte) header;
            packet[16] = 111;
            System.arraycopy(previous, 0, packet, 17, previous.length);
            System.arraycopy(opus, 0, packet, 17 + previous.length, length);
            assertThat(mix.onRemoteRtp(remote, packet, 0, packet.length, now)).isTrue();
            previous = java.util.Arrays.copyOf(opus, length);
            now += 20;
            mix.beginFrame(now);
            mix.contribute(call, new short[160], -1);
            mix.mix();
            mix.mixFor(call, out);
            if (frame >= 20) {
                heard = Math.max(heard, amplitude(out, 1000));
            }
        }
        assertThat(heard).as("the room's 1 kHz tone, from RED").isGreaterThan(4000);
        byte[] cut = new byte[14];
        RtpHeader.write(cut, 0, false, 63, 41, 41 * 960L, 99);
        cut[12] = (byte) 0xef; // a redundant header cut short
        assertThat(mix.onRemoteRtp(remote, cut, 0, cut.length, now)).isFalse();
        assertThat(mix.malformed()).isEqualTo(1);
    }

    @Test
    void aFullRoomRefusesMoreSources() {
        RoomMix mix = new RoomMix(8000, 2, 2, 20, 200);
        assertThat(mix.addLocal()).isZero();
        assertThat(mix.addRemote()).isEqualTo(1);
        assertThat(mix.addLocal()).isEqualTo(-1);
        mix.remove(0);
        assertThat(mix.addLocal()).isZero();
    }
}
