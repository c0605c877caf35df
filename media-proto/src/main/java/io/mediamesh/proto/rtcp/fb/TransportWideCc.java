package io.mediamesh.proto.rtcp.fb;

import static io.mediamesh.proto.rtcp.RtcpHeader.checkUnsigned;

import io.mediamesh.proto.MalformedPacketException;
import io.mediamesh.proto.rtcp.RtcpFeedback;
import io.mediamesh.proto.rtcp.RtcpHeader;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Transport-wide congestion control feedback
 * (<a href="https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01#section-3.1">
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1</a>), PT 205 FMT 15.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=15 |    PT=205     |           length              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SSRC of packet sender                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      SSRC of media source                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      base sequence number     |      packet status count      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 reference time                | fb pkt. count |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          packet chunk         |         packet chunk          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  recv delta   |  recv delta   | ...  (1 byte small, 2 bytes large)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * run length chunk:    |0| S (2) |     run length (13)     |
 * status vector chunk: |1|0| 14 one-bit symbols  |  or  |1|1| 7 two-bit symbols |
 * </pre>
 *
 * Symbols: 0 not received, 1 received with a small (1-byte, unsigned) delta, 2 received with a large or negative
 * (2-byte, signed) delta, 3 reserved and rejected. Chunks may describe more symbols than the status count; the
 * extra ones are ignored. Like libwebrtc, the encoder pads to 32 bits with RFC 3550 padding (P bit and a count
 * byte), and chooses chunks greedily: a run-length chunk for 14 or more equal symbols or for all the remaining
 * ones, else a one-bit vector when the next 14 symbols are all 0 or 1, else a two-bit vector of 7.
 *
 * @param referenceTime the raw 24-bit reference time, in 64 ms units (it wraps)
 * @param feedbackPacketCount the 8-bit feedback sequence counter
 * @param packets one status per sequence number, consecutive from {@code baseSequenceNumber}
 */
public record TransportWideCc(long senderSsrc, long mediaSsrc, int baseSequenceNumber, long referenceTime,
        int feedbackPacketCount, List<PacketStatus> packets) implements RtcpFeedback {
    public static final int FMT = 15;
    /** The reference time unit: 64 ms. */
    public static final int REFERENCE_TIME_MICROS = 64_000;
    private static final int FIXED_LENGTH = 16;
    private static final int MAX_RUN_LENGTH = 0x1FFF;

    public TransportWideCc {
        checkUnsigned(senderSsrc, 32, "senderSsrc");
        checkUnsigned(mediaSsrc, 32, "mediaSsrc");
        checkUnsigned(baseSequenceNumber, 16, "baseSequenceNumber");
        checkUnsigned(referenceTime, 24, "referenceTime");
        checkUnsigned(feedbackPacketCount, 8, "feedbackPacketCount");
        packets = List.copyOf(packets);
        if (packets.size() > 0xFFFF) {
            throw new IllegalArgumentException("at most 65535 statuses: " + packets.size());
        }
        for (int i = 0; i < packets.size(); i++) {
            if (packets.get(i).sequenceNumber() != ((baseSequenceNumber + i) & 0xFFFF)) {
                throw new IllegalArgumentException("status " + i + " has sequence number "
                        + packets.get(i).sequenceNumber() + ", expected base + " + i);
            }
        }
    }

    /**
     * Decodes the body (everything after the common header, without padding).
     *
     * @param body borrows; consumes it
     */
    public static TransportWideCc decode(ByteBuf body) {
        RtcpHeader.need(body, FIXED_LENGTH, "TWCC");
        long senderSsrc = body.readUnsignedInt();
        long mediaSsrc = body.readUnsignedInt();
        int base = body.readUnsignedShort();
        int count = body.readUnsignedShort();
        long referenceTime = body.readUnsignedMedium();
        int feedbackPacketCount = body.readUnsignedByte();

        int[] symbols = new int[count];
        int filled = 0;
        while (filled < count) {
            RtcpHeader.need(body, 2, "TWCC packet chunk");
            int chunk = body.readUnsignedShort();
            if ((chunk & 0x8000) == 0) {
                int symbol = (chunk >> 13) & 3;
                int run = chunk & MAX_RUN_LENGTH;
                for (int i = 0; i < run && filled < count; i++) {
                    symbols[filled++] = symbol;
                }
            } else if ((chunk & 0x4000) == 0) {
                for (int bit = 13; bit >= 0 && filled < count; bit--) {
                    symbols[filled++] = (chunk >> bit) & 1;
                }
            } else {
                for (int shift = 12; shift >= 0 && filled < count; shift -= 2) {
                    symbols[filled++] = (chunk >> shift) & 3;
                }
            }
        }
        List<PacketStatus> packets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int seq = (base + i) & 0xFFFF;
            switch (symbols[i]) {
                case PacketStatus.NOT_RECEIVED -> packets.add(PacketStatus.notReceived(seq));
                case PacketStatus.SMALL_DELTA -> {
                    RtcpHeader.need(body, 1, "TWCC small delta");
                    packets.add(new PacketStatus(seq, PacketStatus.SMALL_DELTA, body.readUnsignedByte()));
                }
                case PacketStatus.LARGE_DELTA -> {
                    RtcpHeader.need(body, 2, "TWCC large delta");
                    packets.add(new PacketStatus(seq, PacketStatus.LARGE_DELTA, body.readShort()));
                }
                default -> throw new MalformedPacketException("TWCC reserved status symbol 3 for sequence " + seq);
            }
        }
        return new TransportWideCc(senderSsrc, mediaSsrc, base, referenceTime, feedbackPacketCount, packets);
    }

    /** The packet chunks, chosen as the class comment describes. */
    private List<Integer> chunks() {
        int n = packets.size();
        int[] symbols = new int[n];
        for (int i = 0; i < n; i++) {
            symbols[i] = packets.get(i).symbol();
        }
        List<Integer> chunks = new ArrayList<>();
        int i = 0;
        while (i < n) {
            int run = 1;
            while (i + run < n && run < MAX_RUN_LENGTH && symbols[i + run] == symbols[i]) {
                run++;
            }
            if (run >= 14 || i + run == n) {
                chunks.add((symbols[i] << 13) | run);
                i += run;
                continue;
            }
            int window = Math.min(14, n - i);
            boolean oneBit = true;
            for (int k = 0; k < window; k++) {
                oneBit &= symbols[i + k] <= 1;
            }
            int chunk;
            if (oneBit) {
                chunk = 0x8000;
                for (int k = 0; k < window; k++) {
                    chunk |= symbols[i + k] << (13 - k);
                }
                i += window;
            } else {
                chunk = 0xC000;
                int taken = Math.min(7, n - i);
                for (int k = 0; k < taken; k++) {
                    chunk |= symbols[i + k] << (12 - 2 * k);
                }
                i += taken;
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    private int deltaBytes() {
        int bytes = 0;
        for (PacketStatus status : packets) {
            bytes += status.symbol();
        }
        return bytes;
    }

    private int unpaddedLength(int chunkCount) {
        return RtcpHeader.LENGTH + FIXED_LENGTH + 2 * chunkCount + deltaBytes();
    }

    @Override
    public int encodedLength() {
        return (unpaddedLength(chunks().size()) + 3) & ~3;
    }

    @Override
    public void encode(ByteBuf out) {
        List<Integer> chunks = chunks();
        int unpadded = unpaddedLength(chunks.size());
        int length = (unpadded + 3) & ~3;
        int padding = length - unpadded;
        RtcpHeader.write(out, FMT, RtcpHeader.RTPFB, length, padding > 0);
        out.writeInt((int) senderSsrc);
        out.writeInt((int) mediaSsrc);
        out.writeShort(baseSequenceNumber);
        out.writeShort(packets.size());
        out.writeMedium((int) referenceTime);
        out.writeByte(feedbackPacketCount);
        for (int chunk : chunks) {
            out.writeShort(chunk);
        }
        for (PacketStatus status : packets) {
            if (status.symbol() == PacketStatus.SMALL_DELTA) {
                out.writeByte(status.deltaTicks());
            } else if (status.symbol() == PacketStatus.LARGE_DELTA) {
                out.writeShort(status.deltaTicks());
            }
        }
        if (padding > 0) {
            out.writeZero(padding - 1);
            out.writeByte(padding);
        }
    }
}
