package io.mediamesh.gateway.cluster;

import io.mediamesh.cluster.ClusterState;
import io.mediamesh.model.cluster.GatewayInfo;
import io.mediamesh.model.cluster.NodeInfo;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Non-blocking access to the cluster state for the gateway. When the cluster is disabled there is no state: the
 * directory is empty, and callers fall back to the single configured media node.
 */
public final class MediaNodeDirectory {

    private final ClusterState state;

    /** @param state the cluster state, or null when {@code mediamesh.cluster.enabled} is false */
    public MediaNodeDirectory(ClusterState state) {
        this.state = state;
    }

    public boolean enabled() {
        return state != null;
    }

    /** The cluster state; only when {@link #enabled()}. */
    public ClusterState state() {
        if (state == null) {
            throw new IllegalStateException("the cluster is disabled");
        }
        return state;
    }

    /** Every registered node; empty when the cluster is disabled. */
    public Mono<List<NodeInfo>> nodes() {
        return state == null ? Mono.just(List.of()) : blocking(() -> state.nodes());
    }

    /** Every registered gateway; empty when the cluster is disabled. */
    public Mono<List<GatewayInfo>> gateways() {
        return state == null ? Mono.just(List.of()) : blocking(() -> state.gateways());
    }

    /** One node; empty when it is not registered or the cluster is disabled. */
    public Mono<NodeInfo> node(int nodeId) {
        return state == null ? Mono.empty() : blocking(() -> state.node(nodeId).orElse(null));
    }

    /** Runs a blocking cluster call off the event loop; a null result completes empty. */
    public <T> Mono<T> blocking(java.util.concurrent.Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }

    /** Convenience for callers that hold an id as text: empty unless it is 8 hex digits of a registered node. */
    public Mono<NodeInfo> node(String hexId) {
        return parseHex(hexId).map(this::node).orElse(Mono.empty());
    }

    static Optional<Integer> parseHex(String hexId) {
        if (hexId == null || !hexId.matches("[0-9a-f]{8}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseUnsignedInt(hexId, 16));
    }
}
