package io.mediamesh.signaling.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One client request: {@code {"v": 1, "id": <integer>, "type": "<request>", ...fields}}. Parsing checks the envelope
 * only; the accessors check each field as the handler reads it and refuse with {@link SdkError#INVALID_FIELD} naming
 * the field. Pure: no I/O.
 *
 * @param id   the client's request id, echoed in the response
 * @param type the request type, such as {@code join}
 * @param body the whole message
 */
public record SdkRequest(long id, String type, JsonNode body) {
    /** The protocol version this server speaks. */
    public static final int VERSION = 1;
    /** The largest message accepted, in characters. */
    public static final int MAX_MESSAGE = 128 * 1024;

    /**
     * Parses one text frame.
     *
     * @throws SdkException BAD_MESSAGE, TOO_LARGE or UNSUPPORTED_VERSION; {@link #idOf(String, JsonMapper)} recovers
     *                      the id for the error response when there is one
     */
    public static SdkRequest parse(String text, JsonMapper json) {
        if (text.length() > MAX_MESSAGE) {
            throw new SdkException(SdkError.TOO_LARGE, "message larger than " + MAX_MESSAGE + " characters");
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            throw new SdkException(SdkError.BAD_MESSAGE, "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new SdkException(SdkError.BAD_MESSAGE, "a message must be a JSON object");
        }
        JsonNode id = node.get("id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() < 0) {
            throw new SdkException(SdkError.BAD_MESSAGE, "id must be a non-negative integer");
        }
        JsonNode version = node.get("v");
        if (version != null && (!version.isIntegralNumber() || version.asInt() != VERSION)) {
            throw new SdkException(SdkError.UNSUPPORTED_VERSION, "this server speaks version " + VERSION + ", got "
                    + version);
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isString() || type.asString().isBlank()) {
            throw new SdkException(SdkError.BAD_MESSAGE, "type must be a non-empty string");
        }
        return new SdkRequest(id.asLong(), type.asString(), node);
    }

    /** The id of a message that failed to parse, when it has a usable one; else -1. */
    public static long idOf(String text, JsonMapper json) {
        try {
            JsonNode id = json.readTree(text).get("id");
            return id != null && id.isIntegralNumber() && id.canConvertToLong() && id.asLong() >= 0 ? id.asLong() : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** A required string of at most {@code maxLength} characters. */
    public String string(String field, int maxLength) {
        String value = optionalString(field, maxLength);
        if (value == null || value.isEmpty()) {
            throw invalid(field, "is required");
        }
        return value;
    }

    /** An optional string of at most {@code maxLength} characters, or null. */
    public String optionalString(String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw invalid(field, "must be a string");
        }
        String value = node.asString();
        if (value.length() > maxLength) {
            throw new SdkException(SdkError.TOO_LARGE, field + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    /** An optional integer in {@code [min, max]}, or null. */
    public Integer optionalInt(String field, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            throw invalid(field, "must be an integer from " + min + " to " + max);
        }
        return node.asInt();
    }

    /** An optional boolean, or null. */
    public Boolean optionalBoolean(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw invalid(field, "must be true or false");
        }
        return node.asBoolean();
    }

    /** A field of any JSON type, or null when absent. */
    public JsonNode optionalNode(String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }

    /** {@code field} refused with {@link SdkError#INVALID_FIELD}. */
    public static SdkException invalid(String field, String problem) {
        return new SdkException(SdkError.INVALID_FIELD, field + " " + problem);
    }
}
