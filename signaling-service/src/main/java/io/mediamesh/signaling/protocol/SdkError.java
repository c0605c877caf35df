package io.mediamesh.signaling.protocol;

/** The typed error codes of the SDK protocol; each response error carries one with a human-readable message. */
public enum SdkError {
    /** Not a JSON object, or without a numeric {@code id} and a string {@code type}. */
    BAD_MESSAGE,
    /** {@code v} is not a version this server speaks. */
    UNSUPPORTED_VERSION,
    /** {@code type} names no request. */
    UNKNOWN_TYPE,
    /** A field is missing, of the wrong type or out of range. */
    INVALID_FIELD,
    /** The token is missing, malformed, expired, badly signed or of another kind. */
    UNAUTHORIZED,
    /** The token does not allow this (another room). */
    FORBIDDEN,
    /** The request needs {@code connect} first. */
    NOT_CONNECTED,
    /** {@code connect} was already done on this connection. */
    ALREADY_CONNECTED,
    /** The request needs {@code join} first. */
    NOT_JOINED,
    /** {@code join} while in a room: {@code leave} first. */
    ALREADY_JOINED,
    /** The peer name is taken in the room by another live session. */
    PEER_EXISTS,
    /** No such receiver (mid), or no such peer connection yet. */
    NOT_FOUND,
    /** The media node refused the SDP offer. */
    BAD_SDP,
    /** No media node can take the session (none registered, all overloaded or draining). */
    NO_MEDIA_NODE,
    /** The media node failed or could not be reached. */
    MEDIA_NODE_FAILED,
    /** A message or field is larger than allowed. */
    TOO_LARGE,
    /** A bug on our side; the connection goes on. */
    INTERNAL
}
