package io.mediamesh.sip.bridge.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.mediamesh.sip.media.G711;
import io.mediamesh.sip.sdp.AudioCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The delay the gateway adds to the audio, in virtual time, without the CPU time (the benchmark measures that): a
 * tone starts at the first sample of packet {@value #ONSET}; the delay is from that packet's arrival to the moment
 * the onset leaves the gateway, i.e. the emission time of the frame that carries it plus the onset's position in
 * that frame. A gateway that forwarded every packet the instant it came would score 0.
 *
 * <p>It covers the jitter buffer's hold (its target delay, at least 20 ms), the wait for the next 20 ms tick (the
 * tick's phase against the arrivals is tried at 1..19 ms), the resamplers' group delays and, toward the room, the
 * Opus encoder's look-ahead (measured after a decoder, as the room hears it). Toward the phone the remote sender's own
 * Opus look-ahead is subtracted: the same packets decoded directly give the reference onset.
 */
class GatewayDelayTest {
    private static final int ONSET = 40;
    private static final int PACKETS = 60;
    private static final int THRESHOLD = 1000;

    @ParameterizedTest(name = "mix at {0} Hz")
    @ValueSource(ints = {8000, 48_000})
    void phoneToRoomAndRoomToPhoneStayUnder60Milliseconds(int mixRate) throws Exception {
        double worstUp = 0;
        double worstDown = 0;
        double sumUp = 0;
        double sumDown = 0;
        int phases = 0;
        for (int phase = 1; phase < 20; phase++) {
            double up = phoneToRoom(phase);
            double down = roomToPhone(phase, mixRate);
            System.out.printf("tick phase %2d ms: phone->room %.2f ms, room->phone %.2f ms%n", phase, up, down);
            worstUp = Math.max(worstUp, up);
            worstDown = Math.max(worstDown, down);
            sumUp += up;
            sumDown += down;
            phases++;
        }
        System.out.printf("mix at %d Hz: gateway delay without CPU time: phone->room mean %.1f ms, worst %.1f ms; "
                + "room->phone mean %.1f ms, worst %.1f ms%n", mixRate, sumUp / phases, worstUp, sumDown / phases, worstDown);
        assertThat(worstUp).isLessThan(60);
        assertThat(worstDown).isLessThan(60);
    }

    /** The delay of the onset from the phone's packet arrival to the room's (decoded) Opus stream, in ms. */
    private static double phoneToRoom(int phase) throws Exception {
        PhoneUplink uplink = new PhoneUplink(24_000, 1, 20, 200, 0);
        uplink.configure(AudioCodec.PCMU, 0, -1);
        OpusDecoder room = new OpusDecoder(48_000, 1);
        short[] decoded = new short[960];
        byte[] packet = new byte[12 + 160];
        for (int i = 0; i < PACKETS; i++) {
            long arrival = 20L * i;
            short[] pcm = i < ONSET ? new short[160] : Tones.sine(1000, 8000, 16_000, 160L * i, 160);
            RtpHeader.write(packet, 0, false, 0, i, 160L * i, 1);
            for (int s = 0; s < 160; s++) {
                packet[12 + s] = G711.linearToUlaw(pcm[s]);
            }
            uplink.onPacket(packet, 0, packet.length, arrival);
            long tick = arrival + phase;
            if (uplink.tick(tick, true)) {
                room.decode(uplink.encoded(), 0, uplink.encodedLength(), decoded, 0, 960, false);
                int at = firstAbove(decoded);
                if (at >= 0) {
                    return tick - 20.0 * ONSET + at / 48.0;
                }
            }
        }
        throw new AssertionError("the onset never reached the room");
    }

    /** The delay of the onset from the room packet's arrival to the phone's PCMU stream, in ms. */
    private static double roomToPhone(int phase, int mixRate) throws Exception {
        OpusEncoder sender = new OpusEncoder(48_000, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        OpusDecoder reference = new OpusDecoder(48_000, 1);
        RoomMix mix = new RoomMix(mixRate, 4, 3, 20, 200);
        int source = mix.addRemote();
        int call = mix.addLocal();
        PhoneDownlink downlink = new PhoneDownlink(1, 0, 0, mixRate, 24_000, 1);
        downlink.configure(AudioCodec.PCMU, 0);
        short[] mixed = new short[mixRate / 50];
        short[] direct = new short[960];
        short[] phone = new short[160];
        byte[] packet = new byte[1500];
        byte[] out = new byte[PhoneDownlink.MAX_PACKET];
        double referenceOnset = -1;
        for (int i = 0; i < PACKETS; i++) {
            long arrival = 20L * i;
            short[] pcm = i < ONSET ? new short[960] : Tones.sine(1000, 48_000, 16_000, 960L * i, 960);
            int length = sender.encode(pcm, 0, 960, packet, 12, packet.length - 12);
            RtpHeader.write(packet, 0, false, 111, i, 960L * i, 9);
            reference.decode(packet, 12, length, direct, 0, 960, false);
            int directAt = firstAbove(direct);
            if (referenceOnset < 0 && directAt >= 0) {
                referenceOnset = 20.0 * i + directAt / 48.0 - 20.0 * ONSET; // the sender's own look-ahead
            }
            mix.onRemoteRtp(source, packet, 0, 12 + length, arrival);
            long tick = arrival + phase;
            mix.beginFrame(tick);
            mix.mix();
            mix.mixFor(call, mixed);
            int sent = downlink.tick(mixed, true, out);
            G711.decodeUlaw(out, 12, sent - 12, phone, 0);
            int at = firstAbove(phone);
            if (at >= 0) {
                return tick - 20.0 * ONSET + at / 8.0 - referenceOnset;
            }
        }
        throw new AssertionError("the onset never reached the phone");
    }

    private static int firstAbove(short[] pcm) {
        for (int i = 0; i < pcm.length; i++) {
            if (Math.abs(pcm[i]) > THRESHOLD) {
                return i;
            }
        }
        return -1;
    }
}
