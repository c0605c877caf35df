/**
 * The overlay network between media nodes (issue #3), as a sans-IO library: {@link
 * io.mediamesh.overlay.OverlayNode} is the engine facade (datagrams and timeouts in, {@link
 * io.mediamesh.overlay.OverlayOutput}s out), configured by {@link io.mediamesh.overlay.OverlayConfig}.
 * Sub-packages: {@code wire} (frames, AES-128-CTR + HMAC-SHA256), {@code link} (neighbours, RTT, loss, liveness),
 * {@code route} (distance vector), {@code pubsub} (relay trees).
 *
 * <p>No sockets, threads, Spring or clock reads: time is always a {@code nowMicros} parameter and the media node
 * adds the UDP adapter. One engine per node, owned by one thread; no locks. Output ByteBufs are owned by the
 * caller; input ByteBufs are borrowed.
 */
package io.mediamesh.overlay;
