package io.mediamesh.core.sfu;

/**
 * The transport-wide sequence numbers of one subscriber transport (draft-holmer-rmcat-transport-wide-cc-extensions):
 * every RTP packet the node sends on it, whatever its stream, gets the next number, and what was sent is reported to
 * a {@link Listener} (the transport's bandwidth estimator) so the receiver's feedback can be matched. Event loop only.
 */
public final class TransportWideSequence {

    /** Told of every packet sent with a transport-wide sequence number. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param sequence  the 16-bit number written into the packet
         * @param sizeBytes the packet's size on the wire (with the SRTP tag)
         */
        void sent(int sequence, int sizeBytes, long nowMicros);
    }

    private final Listener listener;
    private int next;

    public TransportWideSequence(Listener listener) {
        this.listener = listener;
    }

    /** Takes the next sequence number. */
    int next() {
        int sequence = next;
        next = (next + 1) & 0xFFFF;
        return sequence;
    }

    void sent(int sequence, int sizeBytes, long nowMicros) {
        listener.sent(sequence, sizeBytes, nowMicros);
    }
}
