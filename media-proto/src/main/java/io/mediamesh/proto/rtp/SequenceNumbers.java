package io.mediamesh.proto.rtp;

/**
 * Comparisons of 16-bit RTP sequence numbers in modular arithmetic
 * (<a href="https://www.rfc-editor.org/rfc/rfc3550#appendix-A.1">RFC 3550 Appendix A.1</a>): a number is newer
 * than another when it is less than half the sequence space ahead of it.
 */
public final class SequenceNumbers {
    private SequenceNumbers() {
    }

    /**
     * Whether {@code a} comes after {@code b}, wrap-aware. Exactly half the space apart is ambiguous; like
     * libwebrtc, the larger raw value is then the newer, so that exactly one of isNewer(a, b) and isNewer(b, a)
     * holds for any two distinct numbers.
     */
    public static boolean isNewer(int a, int b) {
        int forward = (a - b) & 0xFFFF;
        if (forward == 0x8000) {
            return (a & 0xFFFF) > (b & 0xFFFF);
        }
        return forward != 0 && forward < 0x8000;
    }

    /** The signed distance from {@code b} to {@code a} in -32768..32767: positive when {@code a} is newer. */
    public static int diff(int a, int b) {
        return (short) (a - b);
    }
}
