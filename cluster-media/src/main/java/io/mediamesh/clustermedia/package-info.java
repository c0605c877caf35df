/**
 * The overlay as seen by a service (issue #3; used by media nodes, RTMP ingest and the SIP gateway).
 *
 * <ul>
 *   <li>{@link io.mediamesh.clustermedia.OverlayDriver}: the thin Netty adapter of the sans-IO overlay engine
 *       ({@code io.mediamesh.overlay.OverlayNode}): datagrams in, frames out, its timer, outputs to an
 *       {@link io.mediamesh.clustermedia.OverlayListener}. It runs on one event loop that owns the engine.</li>
 *   <li>{@link io.mediamesh.clustermedia.ChannelPayloads}: what a track's channel carries (type byte + RTP packet, or a
 *       sender report's clock pair), spoken by every publisher and subscriber.</li>
 *   <li>{@link io.mediamesh.clustermedia.OverlayMember}: a non-media-node service's membership: publish a track into
 *       a room (registered in the cluster's track map, sent only while subscribed), watch a room's tracks, subscribe to
 *       a track. Media nodes use the driver directly (their relay also re-publishes tracks to local viewers).</li>
 * </ul>
 *
 * <p>Threading: everything runs on the owning event loop; Hazelcast is called from one background thread. Buffers:
 * payloads handed to receivers are borrowed for the call.
 */
package io.mediamesh.clustermedia;
