/**
 * The WebRTC SDK's signalling service: one WebSocket per peer at {@code /sdk/ws} (the gateway proxies it), speaking
 * the protocol of {@code docs/sdk-protocol.md}. Rooms, peers and tracks are the cluster's Hazelcast maps, so peers on
 * different signalling instances and media nodes see each other; media goes to the media node the selector picks,
 * through its internal SDK API. Packages: {@code protocol} (pure wire format), {@code session} (one peer's state and
 * the room fan-out), {@code media} (the node client), {@code web} (the thin WebSocket adapter), {@code config}.
 */
package io.mediamesh.signaling;
