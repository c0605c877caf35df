package io.mediamesh.overlay.wire;

/** The frame type byte of the overlay header. Codes are stable wire values; new types get new codes. */
public final class FrameType {
    public static final int HELLO = 1;
    public static final int PING = 2;
    public static final int PONG = 3;
    public static final int ROUTE_UPDATE = 4;
    public static final int SUBSCRIBE = 5;
    public static final int UNSUBSCRIBE = 6;
    public static final int CHANNEL_DATA = 7;
    public static final int FEEDBACK = 8;

    private FrameType() {
    }

    public static boolean isKnown(int type) {
        return type >= HELLO && type <= FEEDBACK;
    }

    public static String name(int type) {
        return switch (type) {
            case HELLO -> "Hello";
            case PING -> "Ping";
            case PONG -> "Pong";
            case ROUTE_UPDATE -> "RouteUpdate";
            case SUBSCRIBE -> "Subscribe";
            case UNSUBSCRIBE -> "Unsubscribe";
            case CHANNEL_DATA -> "ChannelData";
            case FEEDBACK -> "Feedback";
            default -> "unknown(" + type + ")";
        };
    }
}
