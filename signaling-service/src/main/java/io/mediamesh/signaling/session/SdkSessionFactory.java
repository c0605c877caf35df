package io.mediamesh.signaling.session;

import io.mediamesh.cluster.ClusterState;
import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.signaling.config.SignalingProperties;
import io.mediamesh.signaling.media.MediaNodeClient;
import io.mediamesh.signaling.protocol.SdkMessages;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Makes the {@link SdkSession} of each new WebSocket, with the parts every session shares.
 *
 * @param properties the service's settings
 * @param state      the cluster's rooms, peers, tracks and nodes
 * @param hub        the fan-out of room events to the peers connected here
 * @param nodes      the media nodes' internal SDK API
 * @param tokens     verifies {@code webrtc} tokens
 * @param messages   builds responses and events
 * @param clock      token expiry and node freshness
 */
public record SdkSessionFactory(SignalingProperties properties, ClusterState state, RoomHub hub, MediaNodeClient nodes,
        TokenCodec tokens, SdkMessages messages, Clock clock) {

    /**
     * A session whose frames go to {@code out}, which must accept calls from several threads; {@code disconnect} ends
     * the connection with a reason once the frames before it are sent (an operator's kick).
     */
    public SdkSession open(String connectionId, Consumer<String> out, Consumer<String> disconnect) {
        return new SdkSession(connectionId, this, out, disconnect);
    }
}
