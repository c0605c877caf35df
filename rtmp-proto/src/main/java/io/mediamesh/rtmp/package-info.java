/**
 * RTMP ingest protocol code (issue #6), pure: no sockets, no threads, no clock reads. Sub-packages: {@code handshake},
 * {@code chunk} (chunk stream), {@code amf} (AMF0), {@code flv} (video/audio tag bodies), {@code rtp} (H264
 * packetisation), {@code audio} (AAC to Opus), {@code session} (the server-side publish session engine).
 */
package io.mediamesh.rtmp;
