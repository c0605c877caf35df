package io.mediamesh.model.token;

import io.mediamesh.model.ids.PeerId;
import io.mediamesh.model.ids.RoomId;
import java.time.Instant;
import java.util.Objects;

/**
 * The facts a media token asserts. JWT expiry has one-second resolution, so {@link TokenCodec#issue} truncates
 * {@code expiresAt} to whole seconds; compare round-tripped claims with that in mind.
 *
 * @param room      the room the bearer may join; must be a valid {@link RoomId} value
 * @param peer      the peer name, a valid {@link PeerId} value; {@code null} only for kinds that do not
 *                  {@linkplain TokenKind#requiresPeer() require a peer} (WHEP, WebRTC)
 * @param kind      what the token allows
 * @param expiresAt the instant after which the token is refused
 * @param extraData opaque, server-trusted data about the peer that other peers may see; {@code null} when absent
 */
public record TokenClaims(String room, String peer, TokenKind kind, Instant expiresAt, String extraData) {

    public TokenClaims {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(expiresAt, "expiresAt");
        new RoomId(room);
        if (peer != null) {
            new PeerId(peer);
        } else if (kind.requiresPeer()) {
            throw new IllegalArgumentException("a " + kind.issuer() + " token needs a peer");
        }
    }
}
