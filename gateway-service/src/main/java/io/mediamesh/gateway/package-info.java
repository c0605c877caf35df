/**
 * The gateway service: the HTTP front door. It issues media tokens ({@code /token/*}), forwards WHIP/WHEP signalling
 * ({@code /whip/**}, {@code /whep/**}) unchanged to a media node with Spring Cloud Gateway routes declared in
 * {@code application.yml}, and serves the browser demo pages under {@code /samples/}. With
 * {@code mediamesh.cluster.enabled=true} it is a Hazelcast member: the {@code MediaNodeRouting} filter picks the
 * media node per request, and {@code /api/admin/**} administers the cluster. It never touches media.
 * Everything here runs on Reactor Netty event loops and must not block.
 */
package io.mediamesh.gateway;
