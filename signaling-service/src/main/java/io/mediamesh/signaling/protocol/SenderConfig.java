package io.mediamesh.signaling.protocol;

/**
 * How a sender publishes: its {@code priority} against the peer's other senders and its bitrate mode. Stored and
 * reported now; issue #5's publisher-side control acts on it. Pure.
 *
 * @param priority   1 to 1000, default 50
 * @param maxBitrate the cap in bits per second, 0 for none (the client applies it to its encoder too)
 * @param mode       {@code auto} (the server may cap by subscriber demand) or {@code fixed} (only maxBitrate caps)
 */
public record SenderConfig(int priority, int maxBitrate, String mode) {
    public static final SenderConfig DEFAULT = new SenderConfig(50, 0, "auto");

    /** This configuration with the fields {@code request} sets. */
    public SenderConfig merge(SdkRequest request) {
        String newMode = request.optionalString("mode", 16);
        if (newMode != null && !newMode.equals("auto") && !newMode.equals("fixed")) {
            throw SdkRequest.invalid("mode", "must be auto or fixed");
        }
        Integer newPriority = request.optionalInt("priority", 1, 1000);
        Integer newMax = request.optionalInt("maxBitrate", 0, 100_000_000);
        return new SenderConfig(newPriority == null ? priority : newPriority, newMax == null ? maxBitrate : newMax,
                newMode == null ? mode : newMode);
    }
}
