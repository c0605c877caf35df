/**
 * The server-side RTMP publish session engine ({@link io.mediamesh.rtmp.session.RtmpPublishSession}): handshake,
 * chunk stream, commands, acknowledgements; media and decisions go through a
 * {@link io.mediamesh.rtmp.session.PublishListener}. Sans-IO and single-threaded.
 */
package io.mediamesh.rtmp.session;
