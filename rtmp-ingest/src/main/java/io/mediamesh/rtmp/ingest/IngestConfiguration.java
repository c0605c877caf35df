package io.mediamesh.rtmp.ingest;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.mediamesh.cluster.ClusterConfig;
import io.mediamesh.cluster.ClusterState;
import io.mediamesh.cluster.HazelcastConfigFactory;
import io.mediamesh.clustermedia.OverlayMember;
import io.mediamesh.clustermedia.OverlaySettings;
import io.mediamesh.model.token.TokenCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the ingest: the Hazelcast member (tagged with the ingest's node id, so its tracks vanish with it), the
 * overlay member on the connections' event loops, and the RTMP server. The cluster is not optional here: without it
 * nobody could play what is ingested.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    ClusterConfig clusterConfig(Environment environment) {
        return Binder.get(environment).bindOrCreate("mediamesh.cluster", ClusterConfig.class);
    }

    @Bean(destroyMethod = "shutdown")
    HazelcastInstance mediameshHazelcast(ClusterConfig config, IngestNodeProperties node) {
        return Hazelcast.newHazelcastInstance(HazelcastConfigFactory.build(config, node.nodeId()));
    }

    @Bean(destroyMethod = "close")
    ClusterState clusterState(HazelcastInstance hazelcast, ClusterConfig config) {
        return new ClusterState(hazelcast, config, System::currentTimeMillis);
    }

    @Bean(destroyMethod = "shutdownGracefully")
    EventLoopGroup rtmpEventLoops(RtmpIngestProperties properties) {
        AtomicInteger count = new AtomicInteger();
        return new MultiThreadIoEventLoopGroup(properties.threads(), r -> {
            Thread thread = new Thread(r, "rtmp-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, NioIoHandler.newFactory());
    }

    @Bean(destroyMethod = "close")
    OverlayMember overlayMember(IngestNodeProperties node, RtmpIngestProperties properties, ClusterState state,
            EventLoopGroup rtmpEventLoops) {
        IngestNodeProperties.Overlay overlay = node.overlay();
        String advertised = overlay.advertisedAddress().isBlank() ? "127.0.0.1:" + overlay.port()
                : overlay.advertisedAddress();
        OverlaySettings settings = new OverlaySettings(node.nodeId(), overlay.port(), advertised,
                OverlaySettings.parseAddresses(overlay.seeds()), Map.of(), properties.secret());
        return OverlayMember.start(settings, state, rtmpEventLoops);
    }

    @Bean
    TokenCodec tokenCodec(RtmpIngestProperties properties) {
        return new TokenCodec(properties.secret());
    }

    @Bean
    IngestSessions ingestSessions() {
        return new IngestSessions();
    }

    @Bean(destroyMethod = "close")
    RtmpServer rtmpServer(RtmpIngestProperties properties, EventLoopGroup rtmpEventLoops, OverlayMember member,
            TokenCodec tokens, IngestSessions sessions, MeterRegistry meters) {
        return RtmpServer.start(properties, rtmpEventLoops, member, tokens, sessions, meters);
    }
}
