package io.mediamesh.gateway.token;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON body of {@code POST /token/{kind}}, as atm0s accepts it. Unknown fields (such as atm0s's {@code record})
 * are ignored. Every field is nullable here; {@link TokenRequestValidator} decides what is required.
 *
 * @param room      the room to join
 * @param peer      the peer name; required for WHIP, optional for WHEP
 * @param ttl       lifetime in seconds
 * @param extraData opaque server-trusted data attached to the peer
 */
public record TokenRequest(String room, String peer, Long ttl, @JsonProperty("extra_data") String extraData) {
}
