package io.mediamesh.node.testpeer;

import io.mediamesh.proto.rtcp.RtcpDecoder;
import io.mediamesh.proto.rtcp.RtcpPacket;
import io.mediamesh.proto.rtp.RtpPacketView;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a test peer received once decrypted: RTP packets per SSRC in arrival order, decoded RTCP packets, and the
 * datagrams that failed. Written by the peer's reader thread, read by tests at any time.
 */
final class ReceivedMedia {
    private final Map<Long, Queue<ReceivedRtp>> rtp = new ConcurrentHashMap<>();
    private final Queue<RtcpPacket> rtcp = new ConcurrentLinkedQueue<>();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger early = new AtomicInteger();

    /**
     * Records one decrypted RTP packet.
     *
     * @param buf borrows
     */
    void rtp(ByteBuf buf) {
        RtpPacketView view = new RtpPacketView().wrap(buf);
        Map<Integer, byte[]> extensions = new HashMap<>();
        view.forEachExtension((id, offset, length) -> {
            byte[] value = new byte[length];
            buf.getBytes(offset, value);
            extensions.put(id, value);
        });
        byte[] payload = new byte[view.payloadLength()];
        buf.getBytes(view.payloadOffset(), payload);
        rtp.computeIfAbsent(view.ssrc(), k -> new ConcurrentLinkedQueue<>()).add(new ReceivedRtp(view.ssrc(),
                view.payloadType(), view.sequenceNumber(), view.timestamp(), view.marker(), payload,
                Map.copyOf(extensions)));
    }

    /**
     * Records the packets of one decrypted compound RTCP packet.
     *
     * @param buf borrows
     * @throws io.mediamesh.proto.MalformedPacketException when it does not decode
     */
    void rtcp(ByteBuf buf) {
        rtcp.addAll(RtcpDecoder.decodeCompound(buf));
    }

    /** Records a datagram that arrived before the keys. */
    void early() {
        early.incrementAndGet();
    }

    /** Records a datagram that failed, with its header fields for the test's failure message. */
    void failed(byte[] datagram, String problem) {
        ByteBuffer header = ByteBuffer.wrap(datagram);
        failures.add(datagram.length + " bytes, second byte " + (datagram[1] & 0xff) + ", seq "
                + (header.getShort(2) & 0xffff) + ", SSRC " + (datagram.length >= 12 ? header.getInt(8) & 0xffffffffL
                : -1) + ": " + problem);
    }

    List<ReceivedRtp> rtp(long ssrc) {
        Queue<ReceivedRtp> packets = rtp.get(ssrc);
        return packets == null ? List.of() : new ArrayList<>(packets);
    }

    List<Long> ssrcs() {
        return new ArrayList<>(rtp.keySet());
    }

    <T extends RtcpPacket> List<T> rtcp(Class<T> type) {
        return rtcp.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<String> failures() {
        return new ArrayList<>(failures);
    }

    int earlyCount() {
        return early.get();
    }
}
