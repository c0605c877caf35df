package io.mediamesh.signaling.config;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.mediamesh.cluster.ClusterConfig;
import io.mediamesh.cluster.ClusterState;
import io.mediamesh.cluster.HazelcastConfigFactory;
import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.signaling.media.MediaNodeClient;
import io.mediamesh.signaling.protocol.SdkMessages;
import io.mediamesh.signaling.session.RoomHub;
import io.mediamesh.signaling.session.SdkSessionFactory;
import io.mediamesh.signaling.web.SdkWebSocketHandler;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the service: a Hazelcast member of the cluster (the signalling service always runs in a cluster: rooms, peers
 * and tracks live there, and media nodes register there), the room hub, the media node client and the
 * {@code /sdk/ws} WebSocket endpoint.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignalingProperties.class)
class SignalingConfiguration {

    @Bean
    ClusterConfig clusterConfig(Environment environment) {
        return Binder.get(environment).bindOrCreate("mediamesh.cluster", ClusterConfig.class);
    }

    @Bean(destroyMethod = "shutdown")
    HazelcastInstance mediameshHazelcast(ClusterConfig config) {
        return Hazelcast.newHazelcastInstance(HazelcastConfigFactory.build(config, null));
    }

    @Bean(destroyMethod = "close")
    ClusterState clusterState(HazelcastInstance hazelcast, ClusterConfig config) {
        return new ClusterState(hazelcast, config, System::currentTimeMillis);
    }

    @Bean(destroyMethod = "close")
    RoomHub roomHub(ClusterState state) {
        return new RoomHub(state);
    }

    @Bean
    SdkSessionFactory sdkSessionFactory(SignalingProperties properties, ClusterState state, RoomHub hub) {
        SdkMessages messages = new SdkMessages(JsonMapper.builder().build());
        return new SdkSessionFactory(properties, state, hub, new MediaNodeClient(WebClient.builder(), properties.secret()),
                new TokenCodec(properties.secret()), messages, Clock.systemUTC());
    }

    @Bean
    HandlerMapping sdkWebSocketMapping(SdkSessionFactory sessions) {
        return new SimpleUrlHandlerMapping(Map.of("/sdk/ws", new SdkWebSocketHandler(sessions)), -1);
    }

    @Bean
    WebSocketHandlerAdapter webSocketHandlerAdapter() {
        return new WebSocketHandlerAdapter();
    }
}
