package io.mediamesh.sip.gateway;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.mediamesh.cluster.ClusterConfig;
import io.mediamesh.cluster.ClusterState;
import io.mediamesh.cluster.HazelcastConfigFactory;
import io.mediamesh.clustermedia.OverlayMember;
import io.mediamesh.clustermedia.OverlaySettings;
import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.sip.bridge.CallMediaFactory;
import io.mediamesh.sip.bridge.rtp.RtpBridgeConfig;
import io.mediamesh.sip.bridge.rtp.RtpBridges;
import io.mediamesh.sip.gateway.auth.AccountStore;
import io.mediamesh.sip.gateway.auth.ConfiguredAccounts;
import io.mediamesh.sip.gateway.auth.HookAccounts;
import io.mediamesh.sip.gateway.call.DialPlan;
import io.mediamesh.sip.gateway.call.HookDialPlan;
import io.mediamesh.sip.gateway.call.StaticDialPlan;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the gateway: the Hazelcast member (tagged with the gateway's node id, so its peers and tracks vanish with
 * it), the overlay member the media bridge publishes through, the account store and dial plan from the settings,
 * the media bridge ({@link RtpBridges}), the event publisher, and the SIP server. The server takes whatever
 * {@link CallMediaFactory} bean the context holds; without one, calls are refused with 503 while registration and
 * the rest of SIP work.
 */
@Configuration(proxyBeanMethods = false)
class SipGatewayConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SipGatewayConfiguration.class);

    @Bean
    ClusterConfig clusterConfig(Environment environment) {
        return Binder.get(environment).bindOrCreate("mediamesh.cluster", ClusterConfig.class);
    }

    @Bean(destroyMethod = "shutdown")
    HazelcastInstance mediameshHazelcast(ClusterConfig config, SipNodeProperties node) {
        return Hazelcast.newHazelcastInstance(HazelcastConfigFactory.build(config, node.nodeId()));
    }

    @Bean(destroyMethod = "close")
    ClusterState clusterState(HazelcastInstance hazelcast, ClusterConfig config) {
        return new ClusterState(hazelcast, config, System::currentTimeMillis);
    }

    @Bean(destroyMethod = "shutdownGracefully")
    EventLoopGroup mediaEventLoops() {
        AtomicInteger count = new AtomicInteger();
        return new MultiThreadIoEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
            Thread thread = new Thread(r, "sip-media-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, NioIoHandler.newFactory());
    }

    @Bean(destroyMethod = "close")
    OverlayMember overlayMember(SipNodeProperties node, SipGatewayProperties properties, ClusterState state,
            EventLoopGroup mediaEventLoops) {
        SipNodeProperties.Overlay overlay = node.overlay();
        String advertised = overlay.advertisedAddress().isBlank() ? "127.0.0.1:" + overlay.port()
                : overlay.advertisedAddress();
        OverlaySettings settings = new OverlaySettings(node.nodeId(), overlay.port(), advertised,
                OverlaySettings.parseAddresses(overlay.seeds()), Map.of(), properties.secret());
        return OverlayMember.start(settings, state, mediaEventLoops);
    }

    /** The media bridge: RTP ports from the range, each room's audio on one of the media loops. */
    @Bean
    RtpBridges rtpBridges(SipRtpProperties rtp, SipGatewayProperties properties, OverlayMember overlayMember,
            EventLoopGroup mediaEventLoops) {
        RtpBridgeConfig config;
        try {
            config = RtpBridgeConfig.of(rtp.bindAddress(), properties.advertisedAddress(), rtp.portMin(),
                    rtp.portMax()).withMediaTimeout(rtp.mediaTimeout());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid SIP gateway settings: mediamesh.sip.rtp.port-min/port-max/"
                    + "media-timeout: " + e.getMessage(), e);
        }
        return new RtpBridges(config, overlayMember, mediaEventLoops);
    }

    @Bean
    TokenCodec tokenCodec(SipGatewayProperties properties) {
        return new TokenCodec(properties.secret());
    }

    @Bean
    HttpClient sipHookClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService sipBlockingTasks() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "sip-cluster-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean(destroyMethod = "close")
    SipServer sipServer(SipGatewayProperties properties, ObjectProvider<CallMediaFactory> media,
            HttpClient sipHookClient, ClusterState state, ExecutorService sipBlockingTasks, MeterRegistry meters) {
        Map<String, String> passwords = new LinkedHashMap<>();
        properties.accounts().forEach(account -> passwords.put(account.user(), account.password()));
        AccountStore accounts = new ConfiguredAccounts(passwords, properties.authHook().isBlank() ? null
                : new HookAccounts(sipHookClient, URI.create(properties.authHook())));
        DialPlan dialPlan = new StaticDialPlan(properties.rooms(), properties.dialPlanHook().isBlank() ? null
                : new HookDialPlan(sipHookClient, URI.create(properties.dialPlanHook())));
        EventPublisher events = new EventPublisher(sipHookClient,
                properties.webhook().isBlank() ? null : URI.create(properties.webhook()), state, sipBlockingTasks);
        CallMediaFactory factory = media.getIfAvailable();
        if (factory == null) {
            log.warn("no media bridge (CallMediaFactory) in this build: INVITEs and dials are refused with 503");
        }
        return SipServer.start(properties, factory, dialPlan, accounts, events, meters);
    }
}
