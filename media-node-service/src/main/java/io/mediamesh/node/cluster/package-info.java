/**
 * The media node's membership in the cluster: its identity ({@link io.mediamesh.node.cluster.NodeIdentity}, from
 * {@code mediamesh.node.zone}, {@code .index}, {@code .public-url}), connection ids that name the node ({@link
 * io.mediamesh.node.cluster.ConnectionIds}), and {@link io.mediamesh.node.cluster.NodeRegistration}, which registers
 * the node, reports its load every 2 s, marks it draining and removes it last. {@link
 * io.mediamesh.node.cluster.NodeDrain} is the graceful drain ({@code POST /internal/drain} or shutdown): no new
 * sessions, running ones continue until they end or {@code mediamesh.node.drain-timeout} passes. Without
 * {@code mediamesh.cluster.enabled=true} only the identity, the ids and the drain exist: no Hazelcast.
 *
 * <p>Threads: the heartbeat runs on one daemon thread of its own ({@code cluster-heartbeat}), never on the UDP event
 * loop, because every cluster call is a blocking network round trip; a drain in progress polls the session count on its
 * own daemon thread ({@code node-drain}) and blocks the shutdown thread until it is over.
 */
package io.mediamesh.node.cluster;
