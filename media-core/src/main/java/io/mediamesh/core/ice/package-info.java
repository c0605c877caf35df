/**
 * ICE-lite (RFC 8445 §2.5) and consent freshness (RFC 7675) as a sans-IO engine. The caller owns the socket, decodes
 * and verifies STUN (RFC 8489, in {@code io.mediamesh.proto.stun}), passes the current time, and sends what the
 * agent returns. Each agent is owned by the event loop of its session.
 */
package io.mediamesh.core.ice;
