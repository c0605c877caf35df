/**
 * WebRTC sessions on the shared UDP port: ICE-lite, DTLS-SRTP, RTCP framing, and the table that finds a session by
 * id, ICE ufrag or remote address. Threading: the UDP channel's event loop owns every session; DTLS handshakes run on
 * their own bounded executor and post their results back. One session's failure closes that session only.
 */
package io.mediamesh.node.session;
