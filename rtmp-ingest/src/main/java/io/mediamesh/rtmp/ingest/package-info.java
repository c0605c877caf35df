/**
 * The RTMP ingest service (issue #6): a Netty TCP server whose connections drive the sans-IO
 * {@code io.mediamesh.rtmp.session.RtmpPublishSession}; accepted streams become the room's {@code video} (H264) and
 * {@code audio} (Opus) tracks, published through the overlay by an {@code OverlayMember} like any publisher, so WHEP
 * viewers and SDK peers on any media node see them. Threading: each connection on one event loop of a shared NIO group
 * (the overlay member owns one of them; packets hop to it only when several threads are configured).
 */
package io.mediamesh.rtmp.ingest;
