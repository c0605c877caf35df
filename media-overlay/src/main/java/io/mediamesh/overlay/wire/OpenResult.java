package io.mediamesh.overlay.wire;

/** Why {@link FrameOpener#open} accepted or dropped a frame; the engine counts each drop reason. */
public enum OpenResult {
    OK,
    /** Not an overlay frame: too short, bad version, unknown type, reserved bits set, sender 0. */
    MALFORMED,
    /** The frame tag did not verify: wrong secret, tampering or corruption. */
    UNAUTHENTICATED,
    /** The counter was already seen from this sender, or is too old for the replay window. */
    REPLAYED
}
