package io.mediamesh.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import io.mediamesh.model.cluster.NodeIds;
import io.mediamesh.model.cluster.TrackInfo;
import io.mediamesh.model.cluster.TrackKind;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A member that speaks for a node id but never registers as a media node (the RTMP ingest, the SIP gateway) owns its
 * tracks like a node: the orphan sweep keeps them while it is a member, and they go when it leaves.
 */
class UnregisteredOwnerTest {
    private static final int INGEST = NodeIds.of(1, 200);
    private final EmbeddedMembers members = new EmbeddedMembers(2);

    @AfterEach
    void stop() {
        members.close();
    }

    @Test
    void tracksOfALiveUnregisteredMemberSurviveTheSweepAndGoWithIt() {
        HazelcastInstance gateway = members.start(0, null);
        HazelcastInstance ingest = members.start(1, INGEST);
        ClusterState state = members.state(gateway, 0);
        ClusterState ingestState = members.state(ingest, 1);
        ingestState.putTrack(new TrackInfo("live", "encoder", "video", TrackKind.VIDEO, 7, INGEST, ""));

        assertThat(state.removeOrphans()).as("the ingest is a member: nothing of it is an orphan").isZero();
        assertThat(state.tracks("live")).extracting(TrackInfo::track).containsExactly("video");

        ingest.getLifecycleService().terminate();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            state.removeOrphans();
            assertThat(state.tracks("live")).isEmpty();
        });
    }
}
