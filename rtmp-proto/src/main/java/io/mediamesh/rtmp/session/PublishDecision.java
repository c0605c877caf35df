package io.mediamesh.rtmp.session;

/**
 * The answer to a publish request.
 *
 * @param accepted    whether the stream may publish
 * @param statusCode  the NetStream status code sent when refused, e.g. {@code NetStream.Publish.BadName}
 * @param description the reason, sent to the client and meant for its log
 */
public record PublishDecision(boolean accepted, String statusCode, String description) {
    public static final String BAD_NAME = "NetStream.Publish.BadName";
    public static final String UNAUTHORIZED = "NetStream.Publish.Unauthorized";

    public static PublishDecision accept() {
        return new PublishDecision(true, "NetStream.Publish.Start", "publishing");
    }

    public static PublishDecision refuse(String statusCode, String description) {
        return new PublishDecision(false, statusCode, description);
    }
}
