package io.mediamesh.gateway.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.mediamesh.cluster.ClusterConfig;
import io.mediamesh.cluster.ClusterState;
import io.mediamesh.cluster.HazelcastConfigFactory;
import io.mediamesh.gateway.config.GatewayProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Joins the cluster as a gateway member (no node id; its only entry is its gateway registry entry) when {@code mediamesh.cluster.enabled}
 * is true, and always provides a {@link MediaNodeDirectory}, empty without a cluster, and this gateway's
 * {@link GatewayRegistration}.
 */
@Configuration(proxyBeanMethods = false)
class GatewayClusterConfiguration {

    static final String PREFIX = "mediamesh.cluster";

    @Bean
    ClusterConfig clusterConfig(Environment environment) {
        return Binder.get(environment).bindOrCreate(PREFIX, ClusterConfig.class);
    }

    @Bean(destroyMethod = "shutdown")
    @ConditionalOnProperty(prefix = PREFIX, name = "enabled", havingValue = "true")
    HazelcastInstance mediameshHazelcast(ClusterConfig config, GatewayProperties properties) {
        // The gateway id as a member attribute: the other members drop this gateway's registry entry when it leaves.
        return Hazelcast.newHazelcastInstance(HazelcastConfigFactory.buildForGateway(config, properties.effectiveId()));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = PREFIX, name = "enabled", havingValue = "true")
    ClusterState clusterState(HazelcastInstance hazelcast, ClusterConfig config) {
        return new ClusterState(hazelcast, config, System::currentTimeMillis);
    }

    @Bean
    MediaNodeDirectory mediaNodeDirectory(ObjectProvider<ClusterState> state) {
        return new MediaNodeDirectory(state.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    GatewayRegistration gatewayRegistration(ObjectProvider<ClusterState> state, GatewayProperties properties) {
        return new GatewayRegistration(state.getIfAvailable(), properties);
    }
}
