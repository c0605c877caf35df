/**
 * The media node application: {@link io.mediamesh.node.MediaNode} wires the UDP transport, sessions and rooms; the
 * HTTP API lives in {@code api}. This is the only module with sockets and threads.
 */
package io.mediamesh.node;
