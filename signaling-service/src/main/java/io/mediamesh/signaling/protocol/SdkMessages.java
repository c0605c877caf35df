package io.mediamesh.signaling.protocol;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The messages the server sends: responses {@code {"v":1,"id":n,"type":"response","ok":true,"data":{...}}} or
 * {@code {... "ok":false,"error":{"code":"INVALID_FIELD","message":"..."}}}, and events
 * {@code {"v":1,"type":"event","event":"peer.joined","data":{...}}}. Pure.
 */
public final class SdkMessages {
    private final JsonMapper json;

    public SdkMessages(JsonMapper json) {
        this.json = json;
    }

    /** A successful response carrying {@code data} (any value Jackson can write). */
    public String ok(long id, Object data) {
        ObjectNode message = envelope("response");
        message.put("id", id);
        message.put("ok", true);
        message.set("data", data instanceof JsonNode node ? node : json.valueToTree(data));
        return json.writeValueAsString(message);
    }

    /** A refusal; {@code id} -1 when the request had no usable id. */
    public String error(long id, SdkError code, String text) {
        ObjectNode message = envelope("response");
        if (id >= 0) {
            message.put("id", id);
        } else {
            message.putNull("id");
        }
        message.put("ok", false);
        ObjectNode error = message.putObject("error");
        error.put("code", code.name());
        error.put("message", text);
        return json.writeValueAsString(message);
    }

    /** A server event. */
    public String event(String name, Object data) {
        ObjectNode message = envelope("event");
        message.put("event", name);
        message.set("data", data instanceof JsonNode node ? node : json.valueToTree(data));
        return json.writeValueAsString(message);
    }

    /** An empty JSON object, for {@code data} of requests that return nothing. */
    public ObjectNode object() {
        return json.createObjectNode();
    }

    public JsonMapper json() {
        return json;
    }

    private ObjectNode envelope(String type) {
        ObjectNode message = json.createObjectNode();
        message.put("v", SdkRequest.VERSION);
        message.put("type", type);
        return message;
    }
}
