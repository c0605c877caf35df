package io.mediamesh.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HazelcastConfigFactoryTest {

    @Test
    void tcpIpJoinOnOneMachineWithDiscoveryAndPhoneHomeOff() {
        ClusterConfig config = new ClusterConfig(true, "prod", "127.0.0.1", 5801, false,
                List.of("127.0.0.1:5801", " 127.0.0.1:5802 ", ""), null, null, null, null, null, null);

        Config hz = HazelcastConfigFactory.build(config, 0x0000012a);

        assertThat(hz.getClusterName()).isEqualTo("prod");
        assertThat(hz.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(hz.getProperty("hazelcast.shutdownhook.enabled")).isEqualTo("false");
        assertThat(hz.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("2");
        assertThat(hz.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("15");
        assertThat(hz.getNetworkConfig().getPort()).isEqualTo(5801);
        assertThat(hz.getNetworkConfig().isPortAutoIncrement()).isFalse();
        assertThat(hz.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        JoinConfig join = hz.getNetworkConfig().getJoin();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5801", "127.0.0.1:5802");
        assertThat(hz.getMemberAttributeConfig().getAttribute(ClusterState.NODE_ID_ATTRIBUTE)).isEqualTo("0000012a");
        assertThat(hz.getMapConfig(ClusterState.PEERS_MAP).getBackupCount()).isEqualTo(1);
        assertThat(hz.getMapConfig(ClusterState.PEERS_MAP).getIndexConfigs()).hasSize(2);
    }

    @Test
    void kubernetesDnsReplacesTheMemberList() {
        ClusterConfig config = new ClusterConfig(true, null, null, null, null, null,
                new ClusterConfig.Kubernetes("mediamesh-hz.media.svc.cluster.local", null), 2, null, null, null,
                null);

        Config hz = HazelcastConfigFactory.build(config, null);

        JoinConfig join = hz.getNetworkConfig().getJoin();
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
        assertThat(join.getKubernetesConfig().getProperty("service-dns"))
                .isEqualTo("mediamesh-hz.media.svc.cluster.local");
        assertThat(hz.getClusterName()).isEqualTo("mediamesh");
        assertThat(hz.getMemberAttributeConfig().getAttribute(ClusterState.NODE_ID_ATTRIBUTE)).isNull();
        assertThat(hz.getMapConfig(ClusterState.NODES_MAP).getBackupCount()).isEqualTo(2);
    }

    @Test
    void aGatewayMemberCarriesItsGatewayIdAndNoNodeId() {
        ClusterConfig config = new ClusterConfig(true, null, null, null, null, null, null, 2, null, null, null, null);

        Config hz = HazelcastConfigFactory.buildForGateway(config, "gw-eu-1");

        assertThat(hz.getMemberAttributeConfig().getAttribute(ClusterState.GATEWAY_ID_ATTRIBUTE)).isEqualTo("gw-eu-1");
        assertThat(hz.getMemberAttributeConfig().getAttribute(ClusterState.NODE_ID_ATTRIBUTE)).isNull();
        assertThat(hz.getMapConfig(ClusterState.GATEWAYS_MAP).getBackupCount()).isEqualTo(2);
        assertThat(HazelcastConfigFactory.build(config, 0x101).getMemberAttributeConfig()
                .getAttribute(ClusterState.GATEWAY_ID_ATTRIBUTE)).isNull();
    }

    @Test
    void defaultsAreDisabledAndSafe() {
        ClusterConfig config = ClusterConfig.defaults();

        assertThat(config.enabled()).isFalse();
        assertThat(config.port()).isEqualTo(5701);
        assertThat(config.members()).isEmpty();
        assertThat(config.kubernetesDiscovery()).isFalse();
        assertThat(config.backupCount()).isEqualTo(1);
        assertThat(config.nodeTtl()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void invalidSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new ClusterConfig(true, null, null, 0, null, null, null, null, null, null, null, null))
                .hasMessageContaining("mediamesh.cluster.port");
        assertThatThrownBy(() -> new ClusterConfig(true, null, null, null, null, List.of("a:1"),
                new ClusterConfig.Kubernetes("svc", null), null, null, null, null, null))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> new ClusterConfig(true, null, null, null, null, null, null, null,
                Duration.ofSeconds(5), Duration.ofSeconds(6), null, null))
                .hasMessageContaining("failure-timeout");
        assertThatThrownBy(() -> new ClusterConfig(true, null, null, null, null, null, null, 7, null, null, null,
                null)).hasMessageContaining("backup-count");
    }
}
