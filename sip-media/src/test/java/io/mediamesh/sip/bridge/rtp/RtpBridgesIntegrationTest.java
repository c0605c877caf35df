package io.mediamesh.sip.bridge.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.mediamesh.cluster.ClusterConfig;
import io.mediamesh.cluster.ClusterState;
import io.mediamesh.cluster.HazelcastConfigFactory;
import io.mediamesh.clustermedia.ChannelPublication;
import io.mediamesh.clustermedia.ChannelReceiver;
import io.mediamesh.clustermedia.OverlayMember;
import io.mediamesh.clustermedia.OverlaySettings;
import io.mediamesh.clustermedia.RoomTracksListener;
import io.mediamesh.model.cluster.TrackInfo;
import io.mediamesh.model.cluster.TrackKind;
import io.mediamesh.sip.bridge.CallMedia;
import io.mediamesh.sip.bridge.CallMediaListener;
import io.mediamesh.sip.bridge.audio.RtpHeader;
import io.mediamesh.sip.bridge.audio.Tones;
import io.mediamesh.sip.media.G711;
import io.mediamesh.sip.media.dtmf.TelephoneEvent;
import io.mediamesh.sip.sdp.AudioCodec;
import io.mediamesh.sip.sdp.MediaDirection;
import io.mediamesh.sip.sdp.NegotiatedAudio;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bridge with the real thing: two cluster members on loopback (each its own Hazelcast member and overlay port).
 * Member A runs the bridge; member B stands for the rest of the room (a WebRTC participant's node): it publishes an
 * Opus 1 kHz tone and subscribes to the calls' tracks. Java UDP sockets play the phones, sending 20 ms PCMU packets of
 * their own tones and decoding what they receive.
 */
class RtpBridgesIntegrationTest {
    private static final String SECRET = "sip-media-test-secret";
    private static final String ROOM = "room-sip";
    private static final int TE_PT = 101;
    private final String clusterName = "test-" + UUID.randomUUID();
    private final int[] hazelcastPorts = {freeTcpPort(), freeTcpPort()};
    private final int portBase = 2 * ThreadLocalRandom.current().nextInt(20_000, 30_000);
    private HazelcastInstance hazelcastA;
    private HazelcastInstance hazelcastB;
    private OverlayMember memberA;
    private OverlayMember memberB;
    private RtpBridges bridges;
    private final ScheduledExecutorService phones = Executors.newScheduledThreadPool(2);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void start() {
        hazelcastA = Hazelcast.newHazelcastInstance(HazelcastConfigFactory.build(config(0), 0x0201));
        hazelcastB = Hazelcast.newHazelcastInstance(HazelcastConfigFactory.build(config(1), 0x0202));
        int portA = freeUdpPort();
        int portB = freeUdpPort();
        memberA = OverlayMember.start(new OverlaySettings(0x0201, portA, "127.0.0.1:" + portA, List.of(), Map.of(),
                SECRET), new ClusterState(hazelcastA, config(0), System::currentTimeMillis));
        memberB = OverlayMember.start(new OverlaySettings(0x0202, portB, "127.0.0.1:" + portB,
                List.of(new InetSocketAddress("127.0.0.1", portA)), Map.of(), SECRET),
                new ClusterState(hazelcastB, config(1), System::currentTimeMillis));
        bridges = new RtpBridges(RtpBridgeConfig.of("127.0.0.1", "127.0.0.1", portBase, portBase + 9)
                .withMediaTimeout(Duration.ofMillis(1500)), memberA);
    }

    @AfterEach
    void stop() {
        phones.shutdownNow();
        java.util.Collections.reverse(closeables); // calls before the loop group they run on
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        memberA.close();
        memberB.close();
        hazelcastA.getLifecycleService().terminate();
        hazelcastB.getLifecycleService().terminate();
    }

    /**
     * @param group whether the rooms run on a loop group of their own (the overlay work then hops between loops), or
     *              on the member's loop
     */
    @ParameterizedTest(name = "own loop group: {0}")
    @ValueSource(booleans = {false, true})
    void phonesAndRoomHearEachOtherButNeverThemselves(boolean group) throws Exception {
        if (group) {
            EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
            closeables.add(() -> loops.shutdownGracefully(0, 1, TimeUnit.SECONDS));
            bridges = new RtpBridges(RtpBridgeConfig.of("127.0.0.1", "127.0.0.1", portBase, portBase + 9)
                    .withMediaTimeout(Duration.ofMillis(1500)), memberA, loops);
        }
        Room room = new Room();
        room.publishTone(1000);
        room.watch();

        Events events1 = new Events();
        CallMedia call1 = bridges.open(ROOM, "sip-100", events1);
        Phone phone1 = new Phone(call1, 440);
        Events events2 = new Events();
        Phone phone2 = new Phone(bridges.open(ROOM, "sip-200", events2), 700);
        assertThat(call1.rtpPort()).isBetween(portBase, portBase + 8).isEven();
        assertThat(bridges.portsInUse()).isEqualTo(2);
        phone1.start(MediaDirection.SENDRECV);
        phone2.start(MediaDirection.SENDRECV);

        // The room hears each phone's tone, as Opus in the call's audio track.
        await().atMost(Duration.ofSeconds(20)).until(() -> room.heard("sip-100").samples() > 48_000
                && room.heard("sip-200").samples() > 48_000);
        short[] fromPhone1 = room.heard("sip-100").last(48_000);
        assertTone(fromPhone1, 48_000, 440, 1000, 700);
        assertTone(room.heard("sip-200").last(48_000), 48_000, 700, 1000, 440);

        // Each phone hears the room's 1 kHz and the other phone, never itself (mix-minus).
        phone1.heard.clear();
        phone2.heard.clear();
        // A second of each phone's audio with every other party in it; on a loaded machine a phone's sender thread
        // can stall (its frames are then concealed or missing in the mix), so the check is retried on newer seconds.
        short[][] heard = new short[2][];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (phone1.heard.samples() < 8_000 || phone2.heard.samples() < 8_000) {
                return false;
            }
            heard[0] = phone1.heard.last(8_000);
            heard[1] = phone2.heard.last(8_000);
            return amplitude(heard[0], 8000, 1000) > 1000 && amplitude(heard[0], 8000, 700) > 1000
                    && amplitude(heard[1], 8000, 1000) > 1000 && amplitude(heard[1], 8000, 440) > 1000;
        });
        short[] atPhone1 = heard[0];
        short[] atPhone2 = heard[1];
        System.out.printf("phone 1 hears: rms %.0f, 1000 Hz %.0f, 700 Hz %.0f, 440 Hz %.0f%n", Tones.rms(atPhone1, 0,
                8000), amplitude(atPhone1, 8000, 1000), amplitude(atPhone1, 8000, 700), amplitude(atPhone1, 8000, 440));
        assertThat(amplitude(atPhone1, 8000, 440)).as("phone 1's own voice").isLessThan(
                amplitude(atPhone1, 8000, 1000) / 20);
        assertThat(amplitude(atPhone2, 8000, 700)).as("phone 2's own voice").isLessThan(
                amplitude(atPhone2, 8000, 1000) / 20);

        // Malformed datagrams are counted and dropped; the call goes on.
        long before = room.heard("sip-100").samples();
        phone1.sendRaw(new byte[] {1, 2, 3});
        phone1.sendRaw(new byte[] {0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}); // version 1
        phone1.sendRaw(new byte[] {(byte) 0x80, 99, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 5}); // payload type 99
        phone1.sendRaw(new byte[] {(byte) 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 40}); // bad padding
        await().atMost(Duration.ofSeconds(5)).until(() -> call1.stats().malformed() == 4);
        await().atMost(Duration.ofSeconds(5)).until(() -> room.heard("sip-100").samples() > before + 48_000);

        // DTMF: a '5' (three updates, three end packets).
        phone1.sendDigit('5');
        await().atMost(Duration.ofSeconds(5)).until(() -> !events1.digits.isEmpty());
        assertThat(events1.digits).containsExactly("5:100");

        // Hold: nothing is sent; resume: the stream goes on with the next sequence number.
        call1.apply(phone1.negotiated(MediaDirection.RECVONLY));
        Thread.sleep(200);
        int sentBeforeHold = phone1.received.get();
        int lastSequence = phone1.lastSequence.get();
        Thread.sleep(500);
        assertThat(phone1.received.get()).as("packets during hold").isEqualTo(sentBeforeHold);
        call1.apply(phone1.negotiated(MediaDirection.SENDRECV));
        await().atMost(Duration.ofSeconds(2)).until(() -> phone1.received.get() > sentBeforeHold + 5);
        assertThat(phone1.firstSequenceAfter(lastSequence)).isEqualTo((lastSequence + 1) & 0xFFFF);
        assertThat(call1.stats().codec()).isEqualTo("PCMU");
        // RTCP: sender reports to the phone's RTCP port, for the stream it receives.
        await().atMost(Duration.ofSeconds(7)).until(() -> !phone1.senderReportSsrcs.isEmpty());
        assertThat(phone1.senderReportSsrcs).containsOnly(phone1.rtpSsrc.get());
        assertThat(call1.stats().packetsFromPhone()).isGreaterThan(100);
        assertThat(call1.stats().packetsIntoRoom()).isGreaterThan(100);
        System.out.println("call 1: " + call1.stats());

        // The phone goes silent: the media timeout is reported once. Phone 2 goes silent too, but it put the call
        // on hold (inactive) first: no timeout for it.
        phone2.call.apply(new NegotiatedAudio(AudioCodec.PCMU, 0, TE_PT, "127.0.0.1", phone2.socket.getLocalPort(),
                MediaDirection.INACTIVE, true, 20));
        phone2.stopSending();
        phone1.stopSending();
        await().atMost(Duration.ofSeconds(5)).until(() -> events1.timeouts.get() == 1);
        Thread.sleep(1000);
        assertThat(events1.timeouts.get()).isEqualTo(1);
        assertThat(events2.timeouts.get()).as("no timeout on hold").isZero();

        // Never its own voice, in any second phone 1 heard since the check above (holds, DTMF and all).
        short[] all1 = phone1.heard.last(phone1.heard.samples() / 8000 * 8000);
        double loudestOwn = 0;
        for (int second = 0; second < all1.length / 8000; second++) {
            loudestOwn = Math.max(loudestOwn, 2 * Math.sqrt(Tones.power(all1, second * 8000, 8000, 440, 8000)));
        }
        System.out.printf("phone 1's own 440 Hz in its loudest second of %d: %.0f%n", all1.length / 8000, loudestOwn);
        assertThat(loudestOwn).as("phone 1's own voice in any second").isLessThan(300);

        call1.close();
        call1.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> room.removed.contains("sip-100"));
        await().atMost(Duration.ofSeconds(5)).until(() -> bridges.portsInUse() == 1);
    }

    @Test
    void portsAreReusedSkippedWhenTakenAndNeverLeaked() throws Exception {
        List<CallMedia> calls = new ArrayList<>();
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress("127.0.0.1", portBase + 1))) {
            for (int i = 0; i < 4; i++) {
                calls.add(bridges.open(ROOM, "sip-" + i, new Events()));
            }
            assertThat(calls).extracting(CallMedia::rtpPort).doesNotContain(portBase).doesNotHaveDuplicates();
            assertThatThrownBy(() -> bridges.open(ROOM, "sip-x", new Events())).isInstanceOf(IOException.class);
            assertThat(bridges.portsInUse()).isEqualTo(4);
        }
        calls.forEach(CallMedia::close);
        await().atMost(Duration.ofSeconds(5)).until(() -> bridges.portsInUse() == 0 && bridges.rooms() == 0);
        CallMedia again = bridges.open(ROOM, "sip-y", new Events());
        again.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> bridges.portsInUse() == 0);
    }

    // ---- the phone ----

    /**
     * The median amplitude of {@code frequency} over 100 ms windows: a frame the jitter buffer dropped or concealed
     * shifts the tone's phase, which a single transform over the whole record would count against the tone.
     */
    /**
     * The median amplitude of {@code frequency} over 100 ms windows: a frame the jitter buffer dropped or concealed
     * shifts the tone's phase, which a single transform over the whole record would count against the tone.
     */
    private static void dump(String file, short[] x) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(2 * x.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (short v : x) {
            b.putShort(v);
        }
        try {
            java.nio.file.Files.write(java.nio.file.Path.of(file), b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double amplitude(short[] x, int rate, double frequency) {
        int window = rate / 10;
        double[] amplitudes = new double[x.length / window];
        for (int w = 0; w < amplitudes.length; w++) {
            amplitudes[w] = 2 * Math.sqrt(Tones.power(x, w * window, window, frequency, rate));
        }
        java.util.Arrays.sort(amplitudes);
        return amplitudes[amplitudes.length / 2];
    }

    /**
     * A single tone of about {@code frequency} with a real level, and nothing of the {@code others}. The frequency is
     * counted from zero crossings, which a phase jump (a frame the jitter buffer dropped to keep its delay down, or
     * concealed) moves by one at most, where a transform would smear the tone.
     */
    private static void assertTone(short[] x, int rate, double frequency, double... others) {
        double rms = Tones.rms(x, 0, x.length);
        double measured = Tones.zeroCrossingFrequency(x, rate);
        System.out.printf("room hears %.0f Hz as %.1f Hz (zero crossings), rms %.0f%n", frequency, measured, rms);
        assertThat(measured).as("frequency of the %s Hz tone", frequency).isCloseTo(frequency,
                org.assertj.core.data.Offset.offset(frequency * 0.03));
        assertThat(rms).as("level of the %s Hz tone", frequency).isGreaterThan(2000);
        for (double other : others) {
            assertThat(amplitude(x, rate, other)).as("amplitude at %s Hz", other).isLessThan(rms / 20);
        }
    }

    final class Phone {
        final CallMedia call;
        final DatagramSocket socket;
        final DatagramSocket rtcpSocket;
        final List<Long> senderReportSsrcs = new CopyOnWriteArrayList<>();
        final AtomicLong rtpSsrc = new AtomicLong(-1);
        final double frequency;
        final Samples heard = new Samples();
        final AtomicInteger received = new AtomicInteger();
        final AtomicInteger lastSequence = new AtomicInteger(-1);
        final List<Integer> sequences = new CopyOnWriteArrayList<>();
        final AtomicLong sample = new AtomicLong();
        final int ssrc = ThreadLocalRandom.current().nextInt();
        int sequence = ThreadLocalRandom.current().nextInt(1 << 16);
        ScheduledFuture<?> sender;

        Phone(CallMedia call, double frequency) throws IOException {
            this.call = call;
            this.frequency = frequency;
            DatagramSocket[] pair = socketPair();
            this.socket = pair[0];
            this.rtcpSocket = pair[1];
            closeables.add(socket);
            closeables.add(rtcpSocket);
            Thread rtcpReader = new Thread(this::readRtcp, "phone-rtcp-" + frequency);
            rtcpReader.setDaemon(true);
            rtcpReader.start();
            closeables.add(call);
            Thread reader = new Thread(this::read, "phone-" + frequency);
            reader.setDaemon(true);
            reader.start();
        }

        NegotiatedAudio negotiated(MediaDirection direction) {
            return new NegotiatedAudio(AudioCodec.PCMU, 0, TE_PT, "127.0.0.1", socket.getLocalPort(), direction,
                    false, 20);
        }

        void start(MediaDirection direction) {
            call.apply(negotiated(direction));
            sender = phones.scheduleAtFixedRate(this::sendFrame, 0, 20, TimeUnit.MILLISECONDS);
        }

        void stopSending() {
            sender.cancel(false);
        }

        private synchronized void sendFrame() {
            short[] pcm = Tones.sine(frequency, 8000, 8000, sample.getAndAdd(160), 160);
            byte[] packet = new byte[12 + 160];
            RtpHeader.write(packet, 0, false, 0, sequence, sample.get() - 160, ssrc);
            sequence = (sequence + 1) & 0xFFFF;
            for (int i = 0; i < 160; i++) {
                packet[12 + i] = G711.linearToUlaw(pcm[i]);
            }
            sendRaw(packet);
        }

        synchronized void sendDigit(char digit) {
            long timestamp = sample.get();
            int event = TelephoneEvent.eventOf(digit);
            for (int i = 1; i <= 6; i++) {
                boolean end = i > 3;
                byte[] packet = new byte[16];
                RtpHeader.write(packet, 0, i == 1, TE_PT, sequence, timestamp, ssrc);
                sequence = (sequence + 1) & 0xFFFF;
                new TelephoneEvent(event, end, 10, Math.min(i, 4) * 200).encodeInto(packet, 12);
                sendRaw(packet);
            }
        }

        void sendRaw(byte[] packet) {
            try {
                socket.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(),
                        call.rtpPort()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** An RTP socket on an even port and its RTCP socket on the next one, as a phone binds them. */
        private DatagramSocket[] socketPair() throws IOException {
            for (int attempt = 0; attempt < 50; attempt++) {
                int port = 2 * ThreadLocalRandom.current().nextInt(10_000, 30_000);
                try {
                    DatagramSocket rtpSocket = new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
                    try {
                        return new DatagramSocket[] {rtpSocket,
                                new DatagramSocket(new InetSocketAddress("127.0.0.1", port + 1))};
                    } catch (IOException e) {
                        rtpSocket.close();
                    }
                } catch (IOException e) {
                    // taken: try another pair
                }
            }
            throw new IOException("no free UDP port pair");
        }

        private void readRtcp() {
            byte[] buffer = new byte[1500];
            while (!rtcpSocket.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    rtcpSocket.receive(packet);
                } catch (IOException e) {
                    return;
                }
                if (packet.getLength() >= 28 && (buffer[1] & 0xFF) == 200) {
                    senderReportSsrcs.add(((long) (buffer[4] & 0xFF) << 24) | (buffer[5] & 0xFF) << 16
                            | (buffer[6] & 0xFF) << 8 | buffer[7] & 0xFF);
                }
            }
        }

        int firstSequenceAfter(int last) {
            int index = sequences.indexOf(last);
            return sequences.get(index + 1);
        }

        private void read() {
            byte[] buffer = new byte[2048];
            RtpHeader header = new RtpHeader();
            short[] pcm = new short[160];
            while (!socket.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (IOException e) {
                    return;
                }
                if (header.parse(buffer, 0, packet.getLength()) != RtpHeader.Verdict.RTP || header.payloadType() != 0) {
                    continue;
                }
                int samples = Math.min(160, header.payloadLength());
                G711.decodeUlaw(buffer, header.payloadOffset(), samples, pcm, 0);
                heard.add(pcm, samples);
                sequences.add(header.sequence());
                lastSequence.set(header.sequence());
                rtpSsrc.set(header.ssrc());
                received.incrementAndGet();
            }
        }
    }

    // ---- the rest of the room, on member B ----

    final class Room {
        final Map<String, Samples> heard = new ConcurrentHashMap<>();
        final List<String> removed = new CopyOnWriteArrayList<>();

        Samples heard(String peer) {
            return heard.computeIfAbsent(peer, p -> new Samples());
        }

        void publishTone(double frequency) throws Exception {
            OpusEncoder encoder = new OpusEncoder(48_000, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
            encoder.setBitrate(32_000);
            ChannelPublication publication = onLoop(memberB, () -> memberB.publish(ROOM, "web-1", "audio",
                    TrackKind.AUDIO, "c,opus,111,48000,2,-1,minptime=10%3Buseinbandfec=1"));
            AtomicLong position = new AtomicLong();
            AtomicInteger sequence = new AtomicInteger();
            byte[] opus = new byte[1500];
            ScheduledFuture<?> sender = memberB.loop().scheduleAtFixedRate(() -> {
                try {
                    long at = position.getAndAdd(960);
                    int length = encoder.encode(Tones.sine(frequency, 48_000, 8000, at, 960), 0, 960, opus, 0,
                            opus.length);
                    ByteBuf packet = Unpooled.buffer(12 + length);
                    packet.writeByte(0x80).writeByte(111).writeShort(sequence.getAndIncrement()).writeInt((int) at)
                            .writeInt(0x0BAD_CAFE).writeBytes(opus, 0, length);
                    try {
                        publication.sendRtp(packet);
                    } finally {
                        packet.release();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            closeables.add(() -> sender.cancel(false));
        }

        void watch() throws Exception {
            onLoop(memberB, () -> memberB.watchRoom(ROOM, new RoomTracksListener() {
                @Override
                public void trackAdded(TrackInfo track) {
                    if (track.sourceNodeId() != memberA.nodeId()) {
                        return;
                    }
                    assertThat(track.media()).startsWith("c,opus,111,48000,2,");
                    OpusDecoder decoder;
                    try {
                        decoder = new OpusDecoder(48_000, 1);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    Samples samples = heard(track.peer());
                    RtpHeader header = new RtpHeader();
                    short[] pcm = new short[5760];
                    memberB.subscribe(track, new ChannelReceiver() {
                        @Override
                        public void onRtp(ByteBuf rtp, long nowMicros) {
                            byte[] bytes = ByteBufUtil.getBytes(rtp);
                            if (header.parse(bytes, 0, bytes.length) != RtpHeader.Verdict.RTP) {
                                return;
                            }
                            try {
                                int n = decoder.decode(bytes, header.payloadOffset(), header.payloadLength(), pcm, 0,
                                        5760, false);
                                samples.add(pcm, n);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    });
                }

                @Override
                public void trackRemoved(TrackInfo track) {
                    removed.add(track.peer());
                }
            }));
        }
    }

    /** A growing record of decoded samples. */
    static final class Samples {
        private short[] data = new short[1 << 16];
        private int size;

        synchronized void add(short[] pcm, int length) {
            if (size + length > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(2 * data.length, size + length));
            }
            System.arraycopy(pcm, 0, data, size, length);
            size += length;
        }

        synchronized int samples() {
            return size;
        }

        synchronized short[] last(int length) {
            return java.util.Arrays.copyOfRange(data, size - length, size);
        }

        synchronized void clear() {
            size = 0;
        }
    }

    static final class Events implements CallMediaListener {
        final List<String> digits = new CopyOnWriteArrayList<>();
        final AtomicInteger timeouts = new AtomicInteger();

        @Override
        public void onDtmf(char digit, int durationMillis) {
            digits.add(digit + ":" + durationMillis);
        }

        @Override
        public void onMediaTimeout(long silentMillis) {
            timeouts.incrementAndGet();
        }
    }

    private static <T> T onLoop(OverlayMember member, Supplier<T> task) throws Exception {
        return CompletableFuture.supplyAsync(task, member.loop()).get(5, TimeUnit.SECONDS);
    }

    private ClusterConfig config(int index) {
        List<String> members = List.of("127.0.0.1:" + hazelcastPorts[0], "127.0.0.1:" + hazelcastPorts[1]);
        return new ClusterConfig(true, clusterName, "127.0.0.1", hazelcastPorts[index], false, members, null, 1,
                Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ZERO, Duration.ofSeconds(10));
    }

    private static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
