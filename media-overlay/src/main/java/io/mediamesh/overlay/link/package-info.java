/**
 * Neighbour links: configured seeds (opaque {@link java.net.InetSocketAddress} values, no I/O), the Hello
 * handshake, Ping/Pong once per tick with an EWMA smoothed RTT and a windowed loss fraction, and dead-link
 * detection (no Pong for the dead timeout, 3 s by default).
 *
 * <p>Sans-IO and single-threaded: the {@link io.mediamesh.overlay.OverlayNode} that owns the
 * {@link io.mediamesh.overlay.link.LinkTable} passes {@code nowMicros} in and sends the frames itself.
 */
package io.mediamesh.overlay.link;
