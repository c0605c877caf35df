package io.mediamesh.sip.bridge;

/** What the media of a call reports to the signalling layer. Called on the bridge's event loop; must not block. */
public interface CallMediaListener {

    /** A DTMF digit ended (RFC 4733), {@code digit} one of {@code 0-9 * # A-D}. */
    void onDtmf(char digit, int durationMillis);

    /** No RTP came from the phone for {@code silentMillis} while the call was not on hold. */
    default void onMediaTimeout(long silentMillis) {
    }
}
