/**
 * The gateway's view of the cluster: the embedded Hazelcast member (only when {@code mediamesh.cluster.enabled} is
 * true), the {@link io.mediamesh.gateway.cluster.MediaNodeDirectory} over its node and gateway registries, this
 * gateway's own {@link io.mediamesh.gateway.cluster.GatewayRegistration} (heartbeat thread), and the pure policy:
 * {@link io.mediamesh.cluster.select.NodeSelector} (eligibility, load order), {@link
 * io.mediamesh.gateway.cluster.ZoneDistances} and {@link io.mediamesh.gateway.cluster.ZoneRouter} (this zone's node,
 * or the nearest zone's through its gateway, never a second forward). The policy classes take the time as an
 * argument and touch no Spring, Hazelcast or I/O. Directory calls block on the network and run on Reactor's
 * bounded-elastic scheduler, never on an event loop.
 */
package io.mediamesh.gateway.cluster;
