package io.mediamesh.node.testpeer;

import io.mediamesh.proto.rtcp.fb.FullIntraRequest;
import io.mediamesh.proto.rtcp.fb.PictureLossIndication;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a publisher's media every 20 ms, like a browser would: one Opus packet and one two-packet VP8 frame. The
 * first frame is a keyframe, and so is the next frame after every PLI or FIR the publisher received (RFC 4585
 * §6.3.1, RFC 5104 §4.3.1), which is the encoder's job in a real client. The payloads of the video packets are
 * kept by sequence number so a test can compare what a viewer got with what was sent.
 */
public final class MediaPump implements AutoCloseable {
    private static final long TICK_MILLIS = 20;
    private static final long VIDEO_TICKS_PER_FRAME = 90_000 * TICK_MILLIS / 1000;
    private static final long AUDIO_TICKS_PER_PACKET = 48_000 * TICK_MILLIS / 1000;

    private final TestPeer peer;
    private final ScheduledExecutorService timer;
    private final Map<Integer, byte[]> videoPayloads = new ConcurrentHashMap<>();
    private final Map<Integer, Long> videoTimestamps = new ConcurrentHashMap<>();
    private final AtomicBoolean loseNext = new AtomicBoolean();
    private final AtomicInteger lostSequence = new AtomicInteger(-1);
    private final AtomicInteger frames = new AtomicInteger();
    private final AtomicInteger keyframes = new AtomicInteger();
    private int audioPackets;
    private int keyframeRequestsSeen;

    private MediaPump(TestPeer peer) {
        this.peer = peer;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "media-pump-" + peer.name());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts pumping from a connected publisher. */
    public static MediaPump start(TestPeer publisher) {
        MediaPump pump = new MediaPump(publisher);
        pump.timer.scheduleAtFixedRate(pump::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return pump;
    }

    private void tick() {
        try {
            peer.sendRtp(peer.audio().next(Payloads.opus(audioPackets++), false));
            peer.audio().advanceTimestamp(AUDIO_TICKS_PER_PACKET);
            int requests = peer.rtcp(PictureLossIndication.class).size() + peer.rtcp(FullIntraRequest.class).size();
            int frame = frames.getAndIncrement();
            boolean keyframe = frame == 0 || requests > keyframeRequestsSeen;
            keyframeRequestsSeen = requests;
            if (keyframe) {
                keyframes.incrementAndGet();
            }
            for (int index = 0; index < 2; index++) {
                byte[] payload = Payloads.vp8(peer.videoSsrc(), frame, index, keyframe);
                int sequence = peer.video().nextSequence();
                videoPayloads.put(sequence, payload);
                videoTimestamps.put(sequence, peer.video().timestamp());
                byte[] packet = peer.video().next(payload, index == 1);
                if (index == 1 && loseNext.compareAndSet(true, false)) {
                    lostSequence.set(sequence);
                } else {
                    peer.sendRtp(packet);
                }
            }
            peer.video().advanceTimestamp(VIDEO_TICKS_PER_FRAME);
        } catch (RuntimeException e) {
            // A closed peer ends the pump; scheduleAtFixedRate stops on the exception anyway, so say why.
            if (!timer.isShutdown()) {
                System.err.println("media pump of " + peer.name() + " stopped: " + e);
            }
            throw e;
        }
    }

    /**
     * Makes the last packet of the next video frame get lost on the way: it is written (and recorded) but not sent.
     * {@link #lostSequence()} then tells its sequence number.
     */
    public void loseNextVideoPacket() {
        loseNext.set(true);
    }

    /** The sequence number of the packet {@link #loseNextVideoPacket()} dropped, or -1 before. */
    public int lostSequence() {
        return lostSequence.get();
    }

    /** The timestamp of the video packet with this sequence number, or null. */
    public Long videoTimestamp(int sequenceNumber) {
        return videoTimestamps.get(sequenceNumber);
    }

    /** The payload written with this video sequence number (sent or lost), or null. */
    public byte[] videoPayload(int sequenceNumber) {
        return videoPayloads.get(sequenceNumber);
    }

    /**
     * Whether a video packet with this payload was sent. The VP8 picture id (descriptor bytes 2-3) is left out of the
     * comparison: a viewer that switched sources gets it rebased to continue the previous source's numbering.
     */
    public boolean sentVideo(byte[] payload) {
        return videoPayloads.values().stream().anyMatch(sent -> samePayloadButPictureId(sent, payload));
    }

    private static boolean samePayloadButPictureId(byte[] sent, byte[] received) {
        return sent.length == received.length && sent.length > 4
                && java.util.Arrays.equals(sent, 0, 2, received, 0, 2)
                && java.util.Arrays.equals(sent, 4, sent.length, received, 4, received.length);
    }

    public int framesSent() {
        return frames.get();
    }

    public int keyframesSent() {
        return keyframes.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
