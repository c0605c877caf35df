/**
 * The media node's membership in the cluster: its identity ({@link io.mediamesh.node.cluster.NodeIdentity}, from
 * {@code mediamesh.node.zone}, {@code .index}, {@code .public-url}), connection ids that name the node ({@link
 * io.mediamesh.node.cluster.ConnectionIds}), and {@link io.mediamesh.node.cluster.NodeRegistration}, which registers
 * the node, reports its load every 2 s, marks it draining at shutdown and removes it last. Without
 * {@code mediamesh.cluster.enabled=true} only the identity and the ids exist: no Hazelcast, no thread.
 *
 * <p>Threads: the heartbeat runs on one daemon thread of its own ({@code cluster-heartbeat}), never on the UDP event
 * loop, because every cluster call is a blocking network round trip.
 */
package io.mediamesh.node.cluster;
