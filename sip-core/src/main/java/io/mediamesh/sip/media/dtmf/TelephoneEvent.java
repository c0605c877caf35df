package io.mediamesh.sip.media.dtmf;

/**
 * The 4-byte RTP payload of an RFC 4733 named telephone event (§2.3): event code (8 bits), E (end) bit, R (reserved)
 * bit, volume (6 bits, in -dBm0) and duration (16 bits, in RTP timestamp units since the event's timestamp).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |     event     |E|R| volume    |          duration             |
 * </pre>
 *
 * <p>The static accessors read a payload in place without allocating; the record is the convenient parsed form.
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {
    /** The payload length. */
    public static final int LENGTH = 4;
    /** The DTMF digits by event code 0..15 (RFC 4733 §3.2); 16 is hook flash. */
    private static final String DIGITS = "0123456789*#ABCD";
    /** The event code of a hook flash. */
    public static final int FLASH = 16;

    /** Validates the field ranges. */
    public TelephoneEvent {
        if (event < 0 || event > 255 || volume < 0 || volume > 63 || duration < 0 || duration > 0xFFFF) {
            throw new IllegalArgumentException("telephone-event field out of range: event " + event + ", volume "
                    + volume + ", duration " + duration);
        }
    }

    /** Parses the payload at {@code offset}; throws {@link IllegalArgumentException} if shorter than 4 bytes. */
    public static TelephoneEvent parse(byte[] payload, int offset, int length) {
        check(payload, offset, length);
        return new TelephoneEvent(event(payload, offset), isEnd(payload, offset), volume(payload, offset),
                duration(payload, offset));
    }

    /** The event code of the payload at {@code offset}. */
    public static int event(byte[] payload, int offset) {
        return payload[offset] & 0xFF;
    }

    /** The E bit of the payload at {@code offset}. */
    public static boolean isEnd(byte[] payload, int offset) {
        return (payload[offset + 1] & 0x80) != 0;
    }

    /** The volume (0..63, -dBm0) of the payload at {@code offset}. */
    public static int volume(byte[] payload, int offset) {
        return payload[offset + 1] & 0x3F;
    }

    /** The duration (timestamp units) of the payload at {@code offset}. */
    public static int duration(byte[] payload, int offset) {
        return (payload[offset + 2] & 0xFF) << 8 | payload[offset + 3] & 0xFF;
    }

    /** Writes this event's 4 bytes at {@code offset} (R bit zero); returns 4. */
    public int encodeInto(byte[] out, int offset) {
        out[offset] = (byte) event;
        out[offset + 1] = (byte) ((end ? 0x80 : 0) | volume);
        out[offset + 2] = (byte) (duration >> 8);
        out[offset + 3] = (byte) duration;
        return LENGTH;
    }

    /** The 4 bytes of this event. */
    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        encodeInto(out, 0);
        return out;
    }

    /** The DTMF character of an event code ('0'-'9', '*', '#', 'A'-'D'), or 0 when it is not a DTMF digit. */
    public static char digitOf(int event) {
        return event >= 0 && event < DIGITS.length() ? DIGITS.charAt(event) : 0;
    }

    /** The event code of a DTMF character (case-insensitive for A-D), or -1. */
    public static int eventOf(char digit) {
        return DIGITS.indexOf(Character.toUpperCase(digit));
    }

    static void check(byte[] payload, int offset, int length) {
        if (length < LENGTH || offset < 0 || offset + length > payload.length) {
            throw new IllegalArgumentException("a telephone-event payload has 4 bytes, got " + length);
        }
    }
}
