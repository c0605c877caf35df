/**
 * The gateway's view of the cluster: the embedded Hazelcast member (only when {@code mediamesh.cluster.enabled} is
 * true), the {@link io.mediamesh.gateway.cluster.MediaNodeDirectory} over its node registry, and the pure {@link
 * io.mediamesh.gateway.cluster.NodeSelector} that picks the media node for a new session. Directory calls block on
 * the network and run on Reactor's bounded-elastic scheduler, never on an event loop.
 */
package io.mediamesh.gateway.cluster;
