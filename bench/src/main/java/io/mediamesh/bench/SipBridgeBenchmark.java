package io.mediamesh.bench;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.mediamesh.sip.bridge.audio.PhoneDownlink;
import io.mediamesh.sip.bridge.audio.PhoneUplink;
import io.mediamesh.sip.bridge.audio.RoomMix;
import io.mediamesh.sip.bridge.audio.RtpHeader;
import io.mediamesh.sip.media.G711;
import io.mediamesh.sip.sdp.AudioCodec;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SIP gateway's media work for one call per 20 ms tick (issue #7), with the production classes of
 * {@code sip-media}'s {@code bridge.audio} package driven exactly as {@code RoomAudio}'s tick drives them:
 *
 * <ul>
 *   <li>{@link #phoneToRoom}: one PCMU packet from the phone into the jitter buffer, then the tick: jitter buffer pop,
 *       G.711 decode, RFC 6464 level, Opus encode (mono, fed at 8 kHz, CELT-only, 24 kbit/s).</li>
 *   <li>{@link #roomToPhone}: one Opus packet from each of {@code remoteSources} room speakers into their jitter
 *       buffers, then the tick: each decoded at the mix rate, the call's own frame contributed, the loudest-speaker
 *       mix, the call's mix-minus, 48 → 8 kHz when the mix is at 48 kHz, G.711 encode into an RTP packet.</li>
 *   <li>{@link #callTick}: both, i.e. the whole work of a call alone in its room with {@code remoteSources} speakers
 *       (the room's decoders are shared by all calls of a room, so this is the worst case per call).</li>
 * </ul>
 *
 * <p>The signal is speech-like (a voiced source with a gliding pitch and 4 Hz syllables, plus noise), not a tone or
 * silence, which Opus encodes much more cheaply. Calls per core = 20 ms / CPU time of {@code callTick}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class SipBridgeBenchmark {
    private static final int RING = 250; // 5 s

    @Param({"1", "3"})
    public int remoteSources;

    /** The Opus encoders' complexity: 1 is the bridge's default (see the README for 0, 2 and 5). */
    @Param({"1"})
    public int opusComplexity;

    /** The room's mix rate: 8000 (decoders output 8 kHz, no resampler toward G.711) or 48000. */
    @Param({"8000", "48000"})
    public int mixRate;

    private byte[][] phonePackets;
    private byte[][] roomPackets;
    private short[][] callFrames;
    private PhoneUplink uplink;
    private PhoneDownlink downlink;
    private RoomMix mix;
    private int[] sources;
    private int call;
    private short[] mixed;
    private final byte[] out = new byte[PhoneDownlink.MAX_PACKET];
    private long tick;

    @Setup
    public void setUp() throws OpusException {
        short[] speech48 = speech(RING * 960);
        phonePackets = new byte[RING][12 + 160];
        int frameSamples = mixRate / 50;
        callFrames = new short[RING][frameSamples];
        mixed = new short[frameSamples];
        roomPackets = new byte[RING][];
        OpusEncoder browser = new OpusEncoder(48_000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        browser.setBitrate(32_000);
        byte[] opus = new byte[1500];
        for (int f = 0; f < RING; f++) {
            for (int s = 0; s < frameSamples; s++) {
                callFrames[f][s] = speech48[f * 960 + s * (48_000 / mixRate)];
            }
            for (int s = 0; s < 160; s++) {
                phonePackets[f][12 + s] = G711.linearToUlaw(speech48[f * 960 + 6 * s]);
            }
            int length = browser.encode(speech48, f * 960, 960, opus, 0, opus.length);
            roomPackets[f] = new byte[12 + length];
            System.arraycopy(opus, 0, roomPackets[f], 12, length);
        }
        uplink = new PhoneUplink(24_000, opusComplexity, 20, 200, 0);
        uplink.configure(AudioCodec.PCMU, 0, 101);
        downlink = new PhoneDownlink(1, 0, 0, mixRate, 24_000, opusComplexity);
        downlink.configure(AudioCodec.PCMU, 0);
        mix = new RoomMix(mixRate, 16, 3, 20, 200);
        sources = new int[remoteSources];
        for (int i = 0; i < remoteSources; i++) {
            sources[i] = mix.addRemote();
        }
        call = mix.addLocal();
    }

    @Benchmark
    public int phoneToRoom() {
        long now = 20 * tick;
        phoneIn(now);
        tick++;
        return uplink.tick(now + 10, true) ? uplink.encodedLength() : -1;
    }

    @Benchmark
    public int roomToPhone() {
        long now = 20 * tick;
        roomIn(now);
        mix.beginFrame(now + 10);
        mix.contribute(call, callFrames[(int) (tick % RING)], -1);
        tick++;
        mix.mix();
        mix.mixFor(call, mixed);
        return downlink.tick(mixed, true, out);
    }

    @Benchmark
    public int callTick() {
        long now = 20 * tick;
        phoneIn(now);
        roomIn(now);
        tick++;
        mix.beginFrame(now + 10);
        uplink.tick(now + 10, true); // a call alone in its room: its frame is not mixed for anyone on this gateway
        mix.mix();
        mix.mixFor(call, mixed);
        return downlink.tick(mixed, true, out) + uplink.encodedLength();
    }

    private void phoneIn(long now) {
        byte[] packet = phonePackets[(int) (tick % RING)];
        RtpHeader.write(packet, 0, false, 0, (int) tick & 0xFFFF, 160 * tick, 7);
        uplink.onPacket(packet, 0, packet.length, now);
    }

    private void roomIn(long now) {
        for (int i = 0; i < sources.length; i++) {
            byte[] packet = roomPackets[(int) ((tick + 37L * i) % RING)]; // each speaker at another point of the talk
            RtpHeader.write(packet, 0, false, 111, (int) tick & 0xFFFF, 960 * tick, 100 + i);
            mix.onRemoteRtp(sources[i], packet, 0, packet.length, now);
        }
    }

    /** Speech-like 48 kHz audio: harmonics of a gliding 100-220 Hz pitch, 4 Hz syllables, a little noise. */
    static short[] speech(int samples) {
        short[] out = new short[samples];
        Random random = new Random(7);
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double t = i / 48_000.0;
            double pitch = 160 + 60 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * pitch / 48_000;
            double voiced = 0;
            for (int h = 1; h <= 12; h++) {
                voiced += Math.sin(h * phase) / h;
            }
            double syllable = Math.max(0, Math.sin(2 * Math.PI * 4 * t));
            double value = 6000 * syllable * voiced + 300 * random.nextGaussian();
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
        }
        return out;
    }
}
