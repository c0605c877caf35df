package io.mediamesh.signaling.session;

import io.mediamesh.cluster.ClusterState;
import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.signaling.config.SignalingProperties;
import io.mediamesh.signaling.media.MediaNodeClient;
import io.mediamesh.signaling.protocol.SdkMessages;
import java.time.Clock;
import java.util.function.Consumer;

/** Makes the {@link SdkSession} of each new WebSocket, with the service's shared parts. */
public final class SdkSessionFactory {
    private final SignalingProperties properties;
    private final ClusterState state;
    private final RoomHub hub;
    private final MediaNodeClient nodes;
    private final TokenCodec tokens;
    private final SdkMessages messages;
    private final Clock clock;

    public SdkSessionFactory(SignalingProperties properties, ClusterState state, RoomHub hub, MediaNodeClient nodes,
            TokenCodec tokens, SdkMessages messages, Clock clock) {
        this.properties = properties;
        this.state = state;
        this.hub = hub;
        this.nodes = nodes;
        this.tokens = tokens;
        this.messages = messages;
        this.clock = clock;
    }

    /** A session whose frames go to {@code out}, which must accept calls from several threads. */
    public SdkSession open(String connectionId, Consumer<String> out) {
        return new SdkSession(connectionId, properties, state, hub, nodes, tokens, messages, clock, out);
    }

    public SdkMessages messages() {
        return messages;
    }
}
