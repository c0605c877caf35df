package io.mediamesh.rtmp.rtp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Turns one H264 access unit (the NAL units of an RTMP video message, each with a 1-, 2- or 4-byte length prefix)
 * into RTP packets per RFC 6184, packetization-mode 1: a NAL unit that fits goes alone (single NAL unit packet), a
 * larger one is split into FU-A fragments, and before each IDR the current SPS and PPS go together in one STAP-A, so
 * a viewer that joins at any keyframe can decode. Access unit delimiters are dropped (WebRTC does not use them). The
 * last packet of an access unit has the marker bit. Not thread-safe.
 */
public final class H264Packetizer {
    /** Largest RTP payload: fits the overlay and SRTP overhead inside a 1280-byte IPv6 minimum MTU. */
    public static final int DEFAULT_MAX_PAYLOAD = 1200;
    private static final int NAL_IDR = 5;
    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;
    private static final int NAL_AUD = 9;
    private static final int STAP_A = 24;
    private static final int FU_A = 28;

    private final RtpPacketWriter writer;
    private final int maxPayload;
    private List<byte[]> sps = List.of();
    private List<byte[]> pps = List.of();

    public H264Packetizer(RtpPacketWriter writer, int maxPayload) {
        this.writer = writer;
        this.maxPayload = maxPayload;
    }

    /** The parameter sets to send before each IDR (from the latest AVC sequence header). */
    public void parameterSets(List<byte[]> sps, List<byte[]> pps) {
        this.sps = List.copyOf(sps);
        this.pps = List.copyOf(pps);
    }

    /**
     * Packetises one access unit.
     *
     * @param nalUnits   borrowed; length-prefixed NAL units from its reader index to its writer index (not moved)
     * @param lengthSize the prefix size from the AVC decoder configuration
     * @param timestamp  the RTP timestamp (90 kHz) of the access unit's presentation time
     * @return the number of packets sent to {@code sink}
     * @throws IllegalArgumentException when a length prefix points past the end (nothing of this unit is sent)
     */
    public int packetize(ByteBuf nalUnits, int lengthSize, long timestamp, RtpSink sink) {
        int start = nalUnits.readerIndex();
        int end = nalUnits.writerIndex();
        // First pass: validate, find the last NAL unit we send and whether there is an IDR.
        boolean idr = false;
        int last = -1;
        for (int at = start; at < end; ) {
            int length = readLength(nalUnits, at, lengthSize, end);
            int nal = at + lengthSize;
            if (length > 0) {
                int type = nalUnits.getUnsignedByte(nal) & 0x1F;
                idr |= type == NAL_IDR;
                if (type != NAL_AUD) {
                    last = nal;
                }
            }
            at = nal + length;
        }
        int sent = 0;
        if (idr && !sps.isEmpty() && !pps.isEmpty()) {
            sent += sendParameterSets(timestamp, last < 0, sink);
        }
        for (int at = start; at < end; ) {
            int length = readLength(nalUnits, at, lengthSize, end);
            int nal = at + lengthSize;
            at = nal + length;
            if (length == 0) {
                continue;
            }
            int type = nalUnits.getUnsignedByte(nal) & 0x1F;
            if (type == NAL_AUD || (idr && (type == NAL_SPS || type == NAL_PPS))) {
                continue; // AUDs are not used by WebRTC; in-band parameter sets already went in the STAP-A
            }
            sent += sendNal(nalUnits, nal, length, timestamp, nal == last, sink);
        }
        return sent;
    }

    private int sendParameterSets(long timestamp, boolean marker, RtpSink sink) {
        int size = 1;
        for (byte[] set : sps) {
            size += 2 + set.length;
        }
        for (byte[] set : pps) {
            size += 2 + set.length;
        }
        if (size > maxPayload) {
            int count = 0;
            for (byte[] set : sps) {
                count += sendArray(set, timestamp, false, sink);
            }
            for (byte[] set : pps) {
                count += sendArray(set, timestamp, false, sink);
            }
            return count;
        }
        ByteBuf packet = writer.start(size, marker, timestamp);
        try {
            int nri = 0;
            for (byte[] set : sps) {
                nri = Math.max(nri, set[0] & 0x60);
            }
            packet.writeByte(nri | STAP_A);
            for (byte[] set : sps) {
                packet.writeShort(set.length).writeBytes(set);
            }
            for (byte[] set : pps) {
                packet.writeShort(set.length).writeBytes(set);
            }
            sink.onPacket(packet);
        } finally {
            packet.release();
        }
        return 1;
    }

    private int sendArray(byte[] nal, long timestamp, boolean marker, RtpSink sink) {
        ByteBuf packet = writer.start(nal.length, marker, timestamp);
        try {
            packet.writeBytes(nal);
            sink.onPacket(packet);
        } finally {
            packet.release();
        }
        return 1;
    }

    private int sendNal(ByteBuf source, int nal, int length, long timestamp, boolean lastOfUnit, RtpSink sink) {
        if (length <= maxPayload) {
            ByteBuf packet = writer.start(length, lastOfUnit, timestamp);
            try {
                packet.writeBytes(source, nal, length);
                sink.onPacket(packet);
            } finally {
                packet.release();
            }
            return 1;
        }
        int header = source.getUnsignedByte(nal);
        int indicator = (header & 0xE0) | FU_A;
        int type = header & 0x1F;
        int at = nal + 1;
        int remaining = length - 1;
        int fragment = maxPayload - 2;
        int count = 0;
        boolean first = true;
        while (remaining > 0) {
            int take = Math.min(fragment, remaining);
            boolean end = take == remaining;
            ByteBuf packet = writer.start(2 + take, end && lastOfUnit, timestamp);
            try {
                packet.writeByte(indicator);
                packet.writeByte((first ? 0x80 : 0) | (end ? 0x40 : 0) | type);
                packet.writeBytes(source, at, take);
                sink.onPacket(packet);
            } finally {
                packet.release();
            }
            at += take;
            remaining -= take;
            first = false;
            count++;
        }
        return count;
    }

    private static int readLength(ByteBuf in, int at, int lengthSize, int end) {
        if (at + lengthSize > end) {
            throw new IllegalArgumentException("truncated NAL unit length at " + at);
        }
        long length = switch (lengthSize) {
            case 1 -> in.getUnsignedByte(at);
            case 2 -> in.getUnsignedShort(at);
            default -> in.getUnsignedInt(at);
        };
        if (at + lengthSize + length > end) {
            throw new IllegalArgumentException("NAL unit of " + length + " bytes runs past the message");
        }
        return (int) length;
    }
}
