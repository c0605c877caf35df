package io.mediamesh.bench;

import io.mediamesh.overlay.OverlayNode;
import io.mediamesh.overlay.OverlayOutput;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;

/**
 * Sealed ChannelData frames exactly as a source S sends them to its relay R, captured once before a measurement
 * and stored back to back in one array.
 *
 * <p>They are captured in a mesh whose clock starts at {@link #CAPTURE_BASE_MICROS}, far ahead of the meshes the
 * benchmark measures in (which start at 0). S's AEAD counter is at least its clock, so every captured frame is
 * newer than anything a fresh measurement mesh has seen from S, and a fresh relay's replay window accepts the whole
 * ring once. Replaying it twice into the same relay would be rejected as replays; the benchmark builds a new mesh
 * instead.
 */
final class SealedFrameRing {
    /** About 31.7 years of microseconds: no measurement mesh gets there. */
    static final long CAPTURE_BASE_MICROS = 1_000_000_000_000_000L;
    static final int PAYLOAD_BYTES = 1200;

    private final byte[] frames;
    private final int[] offsets;
    private final int[] lengths;
    private final ByteBuf firstPayload;

    private SealedFrameRing(byte[] frames, int[] offsets, int[] lengths, ByteBuf firstPayload) {
        this.frames = frames;
        this.offsets = offsets;
        this.lengths = lengths;
        this.firstPayload = firstPayload;
    }

    /**
     * Publishes {@code count} 1200-byte payloads at S of a converged mesh with {@code downstreams} nodes and keeps
     * the frame S sends to R for each.
     */
    static SealedFrameRing capture(int downstreams, int count, long intervalMicros) {
        OverlayMesh mesh = OverlayMesh.converged(downstreams, CAPTURE_BASE_MICROS);
        OverlayNode source = mesh.source();
        byte[] random = new byte[PAYLOAD_BYTES];
        new Random(42).nextBytes(random);
        ByteBuf payload = Unpooled.wrappedBuffer(random);
        ByteBuf firstPayload = Unpooled.copiedBuffer(payload);
        byte[] frames = null;
        int[] offsets = new int[count];
        int[] lengths = new int[count];
        long now = mesh.now();
        int position = 0;
        for (int i = 0; i < count; i++) {
            now += intervalMicros;
            payload.setInt(0, i);
            if (i == 0) {
                firstPayload.setInt(0, 0);
            }
            if (source.publish(now, OverlayMesh.CHANNEL, payload) != 1) {
                throw new IllegalStateException("the source has no single downstream R");
            }
            OverlayOutput output = source.pollOutput();
            if (!(output instanceof OverlayOutput.Transmit transmit) || source.pollOutput() != null
                    || !transmit.to().equals(mesh.relayAddress())) {
                throw new IllegalStateException("expected exactly one Transmit to R, got " + output);
            }
            ByteBuf frame = transmit.frame();
            int length = frame.readableBytes();
            if (frames == null) {
                frames = new byte[count * (length + 16)];
            }
            frame.getBytes(frame.readerIndex(), frames, position, length);
            frame.release();
            offsets[i] = position;
            lengths[i] = length;
            position += length;
        }
        mesh.close();
        return new SealedFrameRing(frames, offsets, lengths, firstPayload);
    }

    int size() {
        return offsets.length;
    }

    /** Copies frame {@code i} into {@code into} (cleared first), as a socket read would. */
    ByteBuf copy(int i, ByteBuf into) {
        return into.clear().writeBytes(frames, offsets[i], lengths[i]);
    }

    /** The payload of frame 0 (its first four bytes are the index 0), for checks. */
    ByteBuf firstPayload() {
        return firstPayload.duplicate();
    }
}
