/**
 * The media node's side of the overlay (issue #3): the UDP port of links to other nodes and the driver of the
 * sans-IO {@code io.mediamesh.overlay.OverlayNode}. It runs on the same event loop as the WebRTC sessions.
 */
package io.mediamesh.node.overlay;
