package io.mediamesh.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the entries of a media node (and the registry entry of a gateway) whose member left or was declared dead.
 * Every member runs it; removals are
 * idempotent (a peer's room count changes only for the remover that actually deleted the peer), so doing the work
 * more than once is harmless, and the cleanup survives the death of any one member.
 */
final class NodeDepartureListener implements MembershipListener {

    private static final Logger log = LoggerFactory.getLogger(NodeDepartureListener.class);

    private final ClusterState state;

    NodeDepartureListener(ClusterState state) {
        this.state = state;
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        // A new node registers itself; nothing to do.
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        try {
            state.onMemberRemoved(event.getMember(), event.getMembers());
        } catch (RuntimeException e) {
            // The member may be shutting down itself; the orphan sweep of the survivors covers what is left.
            log.warn("Cleanup after member {} failed: {}", event.getMember().getAddress(), e.toString());
        }
    }
}
