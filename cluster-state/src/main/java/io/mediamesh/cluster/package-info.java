/**
 * The cluster directory: an embedded Hazelcast member in every service (media nodes and gateways) and {@link
 * io.mediamesh.cluster.ClusterState}, a typed API over its maps of nodes, gateways, rooms, peers and tracks.
 *
 * <p>Ownership: every node registry, peer and track entry names the media node that owns it, and only that node
 * writes it. Entries of a node disappear when it unregisters, when its Hazelcast member leaves or dies (a membership
 * listener on every member, keyed by the member attribute {@value io.mediamesh.cluster.ClusterState#NODE_ID_ATTRIBUTE}),
 * and as a backstop when its registry entry expires (TTL refreshed by each heartbeat) and a later
 * {@link io.mediamesh.cluster.ClusterState#removeOrphans() sweep} runs. Maps keep one synchronous backup, so losing
 * one member loses no entry of a live node. A gateway's registry entry is written by that gateway and goes the same
 * ways: removal on stop, its member leaving (attribute {@value io.mediamesh.cluster.ClusterState#GATEWAY_ID_ATTRIBUTE}),
 * or TTL expiry.
 *
 * <p>Threads: {@code ClusterState} is thread-safe; every call is a blocking network round trip and must not run on
 * an event loop. The membership listener runs on Hazelcast's event threads. Nothing here is Spring-specific: the
 * services bind {@link io.mediamesh.cluster.ClusterConfig} from {@code mediamesh.cluster.*} and start the member.
 */
package io.mediamesh.cluster;
