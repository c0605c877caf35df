/**
 * The signalling service's client of the media nodes' internal SDK API: create and renegotiate a peer's {@code send}
 * and {@code recv} peer connections, point receivers at tracks, read their counters, close them.
 */
package io.mediamesh.signaling.media;
