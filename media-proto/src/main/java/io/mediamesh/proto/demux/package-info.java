/**
 * Classifies datagrams on a bundled WebRTC 5-tuple into STUN, DTLS, RTP and RTCP (RFC 7983, RFC 5761 §4).
 * Stateless and thread-safe; buffers are borrowed and never modified.
 */
package io.mediamesh.proto.demux;
