/**
 * The RTMP handshake, server side, plain and digest ("complex") flavours: {@link io.mediamesh.rtmp.handshake.RtmpHandshake}.
 * Pure: bytes in, bytes out; the random source is a parameter.
 */
package io.mediamesh.rtmp.handshake;
