package io.mediamesh.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Embedded members on 127.0.0.1 with free ports, a unique cluster name per instance (so parallel test classes never
 * meet) and fast failure detection. Closing shuts every member down at once.
 */
final class EmbeddedMembers implements AutoCloseable {

    private final String clusterName = "test-" + UUID.randomUUID();
    private final List<Integer> ports = new ArrayList<>();
    private final List<HazelcastInstance> started = new ArrayList<>();

    EmbeddedMembers(int count) {
        for (int i = 0; i < count; i++) {
            ports.add(freePort());
        }
    }

    ClusterConfig config(int index) {
        List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        return new ClusterConfig(true, clusterName, "127.0.0.1", ports.get(index), false, members, null, 1,
                Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ZERO, Duration.ofSeconds(10));
    }

    /** Starts member {@code index}, speaking for {@code nodeId} (null: a gateway). */
    HazelcastInstance start(int index, Integer nodeId) {
        HazelcastInstance instance = Hazelcast.newHazelcastInstance(HazelcastConfigFactory.build(config(index), nodeId));
        started.add(instance);
        return instance;
    }

    /** Starts member {@code index} as the gateway {@code gatewayId}. */
    HazelcastInstance startGateway(int index, String gatewayId) {
        HazelcastInstance instance = Hazelcast.newHazelcastInstance(
                HazelcastConfigFactory.buildForGateway(config(index), gatewayId));
        started.add(instance);
        return instance;
    }

    ClusterState state(HazelcastInstance instance, int index) {
        return new ClusterState(instance, config(index), System::currentTimeMillis);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (HazelcastInstance instance : started) {
            instance.getLifecycleService().terminate();
        }
    }
}
