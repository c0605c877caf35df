package io.mediamesh.bench;

import io.mediamesh.rtmp.audio.AacToOpus;
import io.mediamesh.rtmp.rtp.H264Packetizer;
import io.mediamesh.rtmp.rtp.RtpPacketWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The RTMP ingest's work per message (issue #6), i.e. the latency it adds to each message at low load:
 *
 * <ul>
 *   <li>{@link #packetizeAccessUnit}: one H264 access unit of {@code accessUnitBytes} (a 1080p IDR is ~60 KB at
 *       4 Mbps, a P-frame ~8 KB) into RTP packets of 1200 bytes, SPS/PPS STAP-A included for the IDR case.</li>
 *   <li>{@link #transcodeAacFrame}: one real AAC-LC frame (1024 samples, 44.1 kHz stereo, from FFmpeg) decoded,
 *       resampled to 48 kHz and, about once per frame, encoded to a 20 ms Opus frame.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class RtmpIngestBenchmark {

    @Param({"8000", "60000"})
    public int accessUnitBytes;

    private H264Packetizer packetizer;
    private ByteBuf accessUnit;
    private AacToOpus transcoder;
    private List<byte[]> aacFrames;
    private int nextFrame;
    private long timestamp;

    @Setup
    public void setUp() {
        packetizer = new H264Packetizer(new RtpPacketWriter(PooledByteBufAllocator.DEFAULT, 102, 1, 0), 1200);
        packetizer.parameterSets(List.of(new byte[] {0x67, 0x42, (byte) 0xc0, 0x1e, 1, 2, 3, 4}),
                List.of(new byte[] {0x68, (byte) 0xce, 0x3c, (byte) 0x80}));
        byte[] nal = new byte[accessUnitBytes];
        nal[0] = (byte) (accessUnitBytes > 20_000 ? 0x65 : 0x41);
        for (int i = 1; i < nal.length; i++) {
            nal[i] = (byte) (i * 31);
        }
        accessUnit = Unpooled.buffer().writeInt(nal.length).writeBytes(nal);
        aacFrames = new ArrayList<>();
        byte[] config = readAdts(aacFrames);
        transcoder = new AacToOpus(config, 64_000);
    }

    @Benchmark
    public int packetizeAccessUnit(Blackhole hole) {
        timestamp += 3000;
        return packetizer.packetize(accessUnit, 4, timestamp, packet -> hole.consume(packet.readableBytes()));
    }

    @Benchmark
    public int transcodeAacFrame(Blackhole hole) {
        byte[] frame = aacFrames.get(nextFrame);
        nextFrame = (nextFrame + 1) % aacFrames.size();
        return transcoder.transcode(frame, (opus, length, position) -> hole.consume(length));
    }

    /** Splits the ADTS resource into raw AAC frames; returns the AudioSpecificConfig of the first header. */
    static byte[] readAdts(List<byte[]> frames) {
        byte[] all;
        try (InputStream in = RtmpIngestBenchmark.class.getResourceAsStream("/tone-1khz-44100-stereo.aac")) {
            all = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] config = null;
        for (int at = 0; at + 7 <= all.length; ) {
            int profile = (all[at + 2] & 0xC0) >> 6;
            int frequencyIndex = (all[at + 2] & 0x3C) >> 2;
            int channels = ((all[at + 2] & 0x01) << 2) | ((all[at + 3] & 0xC0) >> 6);
            int length = ((all[at + 3] & 0x03) << 11) | ((all[at + 4] & 0xFF) << 3) | ((all[at + 5] & 0xE0) >> 5);
            int header = (all[at + 1] & 0x01) == 1 ? 7 : 9;
            if (config == null) {
                config = new byte[] {(byte) ((profile + 1) << 3 | frequencyIndex >> 1),
                        (byte) ((frequencyIndex & 1) << 7 | channels << 3)};
            }
            frames.add(Arrays.copyOfRange(all, at + header, at + length));
            at += length;
        }
        return config;
    }
}
