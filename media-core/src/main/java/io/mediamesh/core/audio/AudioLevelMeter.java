package io.mediamesh.core.audio;

import io.netty.buffer.ByteBuf;

/**
 * Reads the RFC 6464 audio level of each packet of one audio track and sums it over a window that the owner closes
 * with {@link #take}. The element is one byte (RFC 6464 §3): {@code V | level}, the level being 0..127 meaning 0 to
 * -127 dBov (127 is silence, the same as digital silence), V the sender's voice activity flag. An element of another
 * length is malformed: it is counted ({@link #malformed()}) and ignored. Allocates nothing; owner thread only.
 *
 * <p>The window's level is the mean of the packets' dBov values (a mean in the energy domain would weigh loud
 * packets more; the dBov mean is enough to rank speakers and stays integer).
 */
public final class AudioLevelMeter {
    /** RFC 6464 §3: the level that means silence. */
    public static final int SILENCE = 127;

    private int packets;
    private int voicePackets;
    private long levelSum;
    private long malformed;
    private long measured;
    private int windowLevel = SILENCE;
    private boolean windowVoice;
    private int windowPackets;
    private long malformedAtTake;
    private int windowMalformed;

    /**
     * Takes the element data of one packet.
     *
     * @param packet    borrows; read only
     * @param offset    where the element's data starts (from {@code RtpPacketView.findExtension})
     * @param length    the element's data length
     * @return false when the element was malformed (and ignored)
     */
    public boolean onElement(ByteBuf packet, int offset, int length) {
        if (length != 1) {
            malformed++;
            return false;
        }
        int b = packet.getUnsignedByte(offset);
        onLevel(b & 0x7F, (b & 0x80) != 0);
        return true;
    }

    /** Takes one packet's level (0..127, -dBov) and voice flag. */
    public void onLevel(int level, boolean voice) {
        packets++;
        measured++;
        levelSum += level;
        if (voice) {
            voicePackets++;
        }
    }

    /**
     * Closes the window: its mean level and voice flag (set when at least half of its packets had V set) become
     * readable with {@link #windowLevel()}, {@link #windowVoice()} and {@link #windowPackets()}, and a new window
     * starts. A window without packets reads as silence.
     */
    public void take() {
        windowPackets = packets;
        windowMalformed = (int) Math.min(Integer.MAX_VALUE, malformed - malformedAtTake);
        malformedAtTake = malformed;
        windowLevel = packets == 0 ? SILENCE : (int) ((levelSum + packets / 2) / packets);
        windowVoice = packets > 0 && voicePackets * 2 >= packets;
        packets = 0;
        voicePackets = 0;
        levelSum = 0;
    }

    /** The last closed window's mean level, 0 (loudest) to 127 (silence), in -dBov. */
    public int windowLevel() {
        return windowLevel;
    }

    /** Whether at least half the last closed window's packets carried the V bit. */
    public boolean windowVoice() {
        return windowVoice;
    }

    /** How many packets with a level the last closed window had. */
    public int windowPackets() {
        return windowPackets;
    }

    /** How many malformed elements the last closed window had. */
    public int windowMalformed() {
        return windowMalformed;
    }

    /** Packets with a valid level, since the start. */
    public long measured() {
        return measured;
    }

    /** Elements of the wrong length, since the start. */
    public long malformed() {
        return malformed;
    }
}
