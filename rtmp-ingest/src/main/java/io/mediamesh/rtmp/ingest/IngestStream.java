package io.mediamesh.rtmp.ingest;

import io.mediamesh.clustermedia.ChannelPublication;
import io.mediamesh.clustermedia.OverlayMember;
import io.mediamesh.model.cluster.PeerKind;
import io.mediamesh.model.cluster.TrackKind;
import io.mediamesh.rtmp.audio.AacToOpus;
import io.mediamesh.rtmp.chunk.RtmpMessage;
import io.mediamesh.rtmp.flv.AvcDecoderConfig;
import io.mediamesh.rtmp.flv.FlvAudioTag;
import io.mediamesh.rtmp.flv.FlvVideoTag;
import io.mediamesh.rtmp.rtp.H264Packetizer;
import io.mediamesh.rtmp.rtp.RtpPacketWriter;
import io.micrometer.core.instrument.Timer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media of one publishing encoder, turned into the room's tracks: FLV AVC → RTP H264 (track {@code video}) and
 * AAC → Opus → RTP (track {@code audio}), both published into the overlay through the {@link OverlayMember}. Both
 * tracks take their RTP timestamps from the encoder's FLV timeline (composition time honoured for video), and their
 * sender reports map that timeline to one wall clock, so viewers keep lip sync. Runs on the connection's event loop;
 * anything that touches the overlay runs on the member's loop (the same loop unless several threads are configured).
 */
final class IngestStream {
    static final int VIDEO_PT = 102;
    static final int AUDIO_PT = 111;
    private static final Logger log = LoggerFactory.getLogger(IngestStream.class);
    private static final long NTP_EPOCH_OFFSET_MILLIS = 2_208_988_800_000L;
    private static final long REPORT_INTERVAL_MILLIS = 1_000;

    private final String room;
    private final String peer;
    private final OverlayMember member;
    private final RtmpIngestProperties properties;
    private final Timer videoLatency;
    private final Timer audioLatency;
    private final RtpPacketWriter videoWriter;
    private final RtpPacketWriter audioWriter;
    private final H264Packetizer packetizer;
    private final String connectionId;
    private ChannelPublication videoTrack;
    private ChannelPublication audioTrack;
    private AvcDecoderConfig avc;
    private AacToOpus transcoder;
    private long audioBase = -1;
    private long wallAtFirst = -1;
    private long flvAtFirst;
    private long lastVideoReport;
    private long lastAudioReport;
    private long videoPackets;
    private long audioPackets;
    private boolean closed;

    IngestStream(String room, String peer, OverlayMember member, RtmpIngestProperties properties,
            ByteBufAllocator allocator, Timer videoLatency, Timer audioLatency) {
        this.room = room;
        this.peer = peer;
        this.member = member;
        this.properties = properties;
        this.videoLatency = videoLatency;
        this.audioLatency = audioLatency;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.videoWriter = new RtpPacketWriter(allocator, VIDEO_PT, random.nextInt(), random.nextInt(1 << 16));
        this.audioWriter = new RtpPacketWriter(allocator, AUDIO_PT, random.nextInt(), random.nextInt(1 << 16));
        this.packetizer = new H264Packetizer(videoWriter, properties.maxPayload());
        this.connectionId = "rtmp-" + Long.toHexString(random.nextLong());
        member.joinPeer(room, peer, PeerKind.RTMP, connectionId);
    }

    /**
     * One video message.
     *
     * @param message borrowed
     * @return null, or why the stream cannot be ingested (the connection is then refused with that reason)
     */
    String video(RtmpMessage message, long receivedNanos) {
        ByteBuf payload = message.payload();
        FlvVideoTag tag = FlvVideoTag.parse(payload);
        if (tag == null) {
            return null;
        }
        if (tag.enhanced()) {
            return "enhanced-RTMP video (HEVC, AV1, VP9) is not ingested: publish H264";
        }
        if (tag.codecId() != FlvVideoTag.CODEC_AVC) {
            return "video codec id " + tag.codecId() + " is not ingested: publish H264";
        }
        ByteBuf data = payload.slice(payload.readerIndex() + tag.dataOffset(),
                payload.readableBytes() - tag.dataOffset());
        if (tag.avcPacketType() == FlvVideoTag.SEQUENCE_HEADER) {
            try {
                avc = AvcDecoderConfig.parse(data);
            } catch (IllegalArgumentException e) {
                return "bad AVC sequence header: " + e.getMessage();
            }
            packetizer.parameterSets(avc.sps(), avc.pps());
            if (videoTrack == null) {
                String descriptor = "c,h264," + VIDEO_PT + ",90000,0,-1,level-asymmetry-allowed=1%3B"
                        + "packetization-mode=1%3Bprofile-level-id=" + avc.profileLevelId();
                onMember(() -> videoTrack = member.publish(room, peer, "video", TrackKind.VIDEO, descriptor));
                log.info("room {}: {} publishes H264 {} (profile-level-id {})", room, peer,
                        avc.profile() == 66 ? "baseline" : avc.profile() == 77 ? "main" : "high/" + avc.profile(),
                        avc.profileLevelId());
            }
            return null;
        }
        if (tag.avcPacketType() != FlvVideoTag.NALU || avc == null) {
            return null;
        }
        long presentation = message.timestamp() + tag.compositionTime();
        clockStart(message.timestamp());
        long rtpTimestamp = (presentation * 90) & 0xFFFFFFFFL;
        try {
            videoPackets += packetizer.packetize(data, avc.lengthSize(), rtpTimestamp, packet -> send(true, packet));
        } catch (IllegalArgumentException e) {
            log.debug("room {}: {} sent a malformed access unit: {}", room, peer, e.getMessage());
            return null;
        }
        if (presentation - lastVideoReport >= REPORT_INTERVAL_MILLIS) {
            lastVideoReport = presentation;
            report(true, presentation, rtpTimestamp);
        }
        videoLatency.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
        return null;
    }

    /**
     * One audio message.
     *
     * @param message borrowed
     * @return null, or why the stream cannot be ingested
     */
    String audio(RtmpMessage message, long receivedNanos) {
        ByteBuf payload = message.payload();
        FlvAudioTag tag = FlvAudioTag.parse(payload);
        if (tag == null) {
            return null;
        }
        if (tag.soundFormat() != FlvAudioTag.FORMAT_AAC) {
            return "audio format " + tag.soundFormat() + " is not ingested: publish AAC";
        }
        byte[] data = ByteBufUtil.getBytes(payload, payload.readerIndex() + tag.dataOffset(),
                payload.readableBytes() - tag.dataOffset());
        if (tag.aacPacketType() == FlvAudioTag.AAC_SEQUENCE_HEADER) {
            try {
                transcoder = new AacToOpus(data, properties.opusBitrate());
            } catch (IllegalArgumentException e) {
                return "AAC configuration not supported: " + e.getMessage();
            }
            if (audioTrack == null) {
                String descriptor = "c,opus," + AUDIO_PT + ",48000,2,-1,minptime=10%3Buseinbandfec=1";
                onMember(() -> audioTrack = member.publish(room, peer, "audio", TrackKind.AUDIO, descriptor));
                log.info("room {}: {} publishes AAC ({}) as Opus", room, peer, transcoder.describe());
            }
            return null;
        }
        if (transcoder == null) {
            return null;
        }
        clockStart(message.timestamp());
        if (audioBase < 0) {
            audioBase = message.timestamp() * 48;
        }
        int[] frames = new int[1];
        try {
            transcoder.transcode(data, (frame, length, position) -> {
                long rtpTimestamp = (audioBase + position) & 0xFFFFFFFFL;
                ByteBuf packet = audioWriter.start(length, false, rtpTimestamp);
                try {
                    packet.writeBytes(frame, 0, length);
                    send(false, packet);
                } finally {
                    packet.release();
                }
                frames[0]++;
            });
        } catch (IllegalArgumentException e) {
            log.debug("room {}: {} sent an undecodable AAC frame: {}", room, peer, e.getMessage());
            return null;
        }
        audioPackets += frames[0];
        if (frames[0] > 0) {
            audioLatency.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
            long millis = message.timestamp();
            if (millis - lastAudioReport >= REPORT_INTERVAL_MILLIS) {
                lastAudioReport = millis;
                report(false, millis, (millis * 48) & 0xFFFFFFFFL);
            }
        }
        return null;
    }

    private void clockStart(long flvMillis) {
        if (wallAtFirst < 0) {
            wallAtFirst = System.currentTimeMillis();
            flvAtFirst = flvMillis;
        }
    }

    /** A sender report: the NTP time of FLV time {@code flvMillis} on the shared wall-clock mapping. */
    private void report(boolean video, long flvMillis, long rtpTimestamp) {
        long wall = wallAtFirst + (flvMillis - flvAtFirst) + NTP_EPOCH_OFFSET_MILLIS;
        long ntp = ((wall / 1000) << 32) | (((wall % 1000) << 32) / 1000);
        onMember(() -> {
            ChannelPublication track = video ? videoTrack : audioTrack;
            if (track != null) {
                track.sendSenderReport(ntp, rtpTimestamp);
            }
        });
    }

    /** @param packet borrowed */
    private void send(boolean video, ByteBuf packet) {
        if (member.loop().inEventLoop()) {
            ChannelPublication track = video ? videoTrack : audioTrack;
            if (track != null) {
                track.sendRtp(packet);
            }
            return;
        }
        ByteBuf copy = packet.retainedDuplicate();
        member.loop().execute(() -> {
            try {
                ChannelPublication track = video ? videoTrack : audioTrack;
                if (track != null) {
                    track.sendRtp(copy);
                }
            } finally {
                copy.release();
            }
        });
    }

    private void onMember(Runnable task) {
        if (member.loop().inEventLoop()) {
            task.run();
        } else {
            member.loop().execute(task);
        }
    }

    /** Withdraws both tracks. Idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        member.leavePeer(room, peer, connectionId);
        onMember(() -> {
            if (videoTrack != null) {
                videoTrack.close();
            }
            if (audioTrack != null) {
                audioTrack.close();
            }
        });
    }

    String videoDescription() {
        return avc == null ? "" : "H264 " + avc.profileLevelId();
    }

    String audioDescription() {
        return transcoder == null ? "" : "AAC " + transcoder.describe() + " -> Opus";
    }

    long videoPackets() {
        return videoPackets;
    }

    long audioPackets() {
        return audioPackets;
    }
}
