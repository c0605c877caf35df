/**
 * The media node's overlay settings (issue #3): the UDP port of links to other nodes, seeds and advertised address.
 * The driver of the sans-IO {@code io.mediamesh.overlay.OverlayNode} lives in cluster-media and runs on the same event
 * loop as the WebRTC sessions.
 */
package io.mediamesh.node.overlay;
