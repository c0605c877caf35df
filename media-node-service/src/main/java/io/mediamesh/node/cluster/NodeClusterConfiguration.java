package io.mediamesh.node.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.mediamesh.cluster.ClusterConfig;
import io.mediamesh.cluster.ClusterState;
import io.mediamesh.cluster.HazelcastConfigFactory;
import io.mediamesh.node.MediaNode;
import io.mediamesh.node.config.MediaNodeProperties;
import io.mediamesh.node.overlay.OverlayProperties;
import io.mediamesh.node.relay.ClusterLink;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The node's identity and connection ids always; with {@code mediamesh.cluster.enabled=true} also the embedded
 * Hazelcast member (tagged with this node's id), the cluster state and the registration. The graceful drain
 * ({@link NodeDrain}) exists in both cases.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NodeIdentity.class, OverlayProperties.class, DrainProperties.class})
public class NodeClusterConfiguration {

    static final String PREFIX = "mediamesh.cluster";

    @Bean
    ConnectionIds connectionIds(NodeIdentity identity) {
        return new ConnectionIds(identity.nodeId());
    }

    @Bean
    NodeDrainLifecycle nodeDrainLifecycle(DrainProperties properties, MeterRegistry meters,
            ObjectProvider<NodeRegistrationLifecycle> registration, ApplicationEventPublisher events) {
        return new NodeDrainLifecycle(properties, meters, registration, events);
    }

    @Bean
    NodeDrain nodeDrain(NodeDrainLifecycle lifecycle) {
        return lifecycle.drain();
    }

    @Bean
    @ConditionalOnProperty(prefix = PREFIX, name = "enabled", havingValue = "true")
    ClusterConfig clusterConfig(Environment environment) {
        return Binder.get(environment).bindOrCreate(PREFIX, ClusterConfig.class);
    }

    @Bean(destroyMethod = "shutdown")
    @ConditionalOnProperty(prefix = PREFIX, name = "enabled", havingValue = "true")
    HazelcastInstance mediameshHazelcast(ClusterConfig config, NodeIdentity identity) {
        return Hazelcast.newHazelcastInstance(HazelcastConfigFactory.build(config, identity.nodeId()));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = PREFIX, name = "enabled", havingValue = "true")
    ClusterState clusterState(HazelcastInstance hazelcast, ClusterConfig config) {
        return new ClusterState(hazelcast, config, System::currentTimeMillis);
    }

    @Bean
    @ConditionalOnProperty(prefix = PREFIX, name = "enabled", havingValue = "true")
    ClusterLink clusterLink(ClusterState state, NodeIdentity identity, OverlayProperties overlay,
            MediaNodeProperties node) {
        return new ClusterLink(state, identity, overlay, node.secret());
    }

    @Bean
    @ConditionalOnProperty(prefix = PREFIX, name = "enabled", havingValue = "true")
    NodeRegistrationLifecycle nodeRegistrationLifecycle(ClusterState state, NodeIdentity identity,
            MediaNode node, MeterRegistry meters,
            Environment environment) {
        return new NodeRegistrationLifecycle(state, identity, node, meters, environment);
    }
}
