package io.mediamesh.proto.rtcp.fb;

import static io.mediamesh.proto.rtcp.RtcpHeader.checkUnsigned;

/**
 * The fate of one transport-wide sequence number in a {@link TransportWideCc} feedback.
 *
 * @param sequenceNumber the 16-bit transport-wide sequence number
 * @param symbol {@link #NOT_RECEIVED}, {@link #SMALL_DELTA} or {@link #LARGE_DELTA}
 * @param deltaTicks the receive time minus the previous received packet's (or the reference time for the first),
 *     in 250 µs ticks: 0..255 for a small delta, -32768..32767 for a large one, 0 when not received
 */
public record PacketStatus(int sequenceNumber, int symbol, int deltaTicks) {
    public static final int NOT_RECEIVED = 0;
    public static final int SMALL_DELTA = 1;
    public static final int LARGE_DELTA = 2;
    /** The receive delta resolution: 250 microseconds. */
    public static final int TICK_MICROS = 250;

    public PacketStatus {
        checkUnsigned(sequenceNumber, 16, "sequenceNumber");
        boolean valid = switch (symbol) {
            case NOT_RECEIVED -> deltaTicks == 0;
            case SMALL_DELTA -> deltaTicks >= 0 && deltaTicks <= 255;
            case LARGE_DELTA -> deltaTicks >= Short.MIN_VALUE && deltaTicks <= Short.MAX_VALUE;
            default -> false;
        };
        if (!valid) {
            throw new IllegalArgumentException("invalid TWCC status: symbol " + symbol + ", delta " + deltaTicks);
        }
    }

    /** A received packet, with the smallest symbol that holds {@code deltaTicks}. */
    public static PacketStatus received(int sequenceNumber, int deltaTicks) {
        int symbol = deltaTicks >= 0 && deltaTicks <= 255 ? SMALL_DELTA : LARGE_DELTA;
        return new PacketStatus(sequenceNumber, symbol, deltaTicks);
    }

    /** A packet that did not arrive. */
    public static PacketStatus notReceived(int sequenceNumber) {
        return new PacketStatus(sequenceNumber, NOT_RECEIVED, 0);
    }

    public boolean isReceived() {
        return symbol != NOT_RECEIVED;
    }

    public long deltaMicros() {
        return (long) deltaTicks * TICK_MICROS;
    }
}
