/**
 * The Netty adapter of the shared WebRTC UDP port (native epoll where available): one channel, one event loop, a
 * demultiplexer by RFC 7983 first byte, and a sender that flushes once per read burst. Thin: all protocol work is in
 * the session package and the core libraries.
 */
package io.mediamesh.node.udp;
