/**
 * The token API ({@code POST /token/whip}, {@code POST /token/whep}), compatible with atm0s's request bodies and JSON
 * envelope. Tokens are signed by {@link io.mediamesh.model.token.TokenCodec} from shared-model, so media nodes can
 * verify them with the same cluster secret. Handlers are non-blocking and stateless.
 */
package io.mediamesh.gateway.token;
