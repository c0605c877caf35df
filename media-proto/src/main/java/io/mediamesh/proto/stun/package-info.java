/**
 * STUN messages and attributes (RFC 8489, formerly RFC 5389) with the ICE attributes of RFC 8445 §16.1, as
 * immutable values, plus MESSAGE-INTEGRITY (HMAC-SHA1) and FINGERPRINT (CRC-32) over raw bytes. Verified against
 * the RFC 5769 test vectors.
 *
 * <p>Pure and stateless: values are immutable and thread-safe; every {@code ByteBuf} parameter is borrowed.
 * Malformed input throws {@link io.mediamesh.proto.MalformedPacketException}; the verify methods return false.
 */
package io.mediamesh.proto.stun;
