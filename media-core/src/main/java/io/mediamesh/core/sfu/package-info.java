/**
 * The SFU data plane as plain objects: a {@link io.mediamesh.core.sfu.PublishedTrack} per publisher m-line fans
 * decrypted RTP out to {@link io.mediamesh.core.sfu.TrackSink}s; an {@link io.mediamesh.core.sfu.OutgoingStream}
 * per subscriber m-line rewrites SSRC, payload type, header-extension ids, sequence numbers and timestamps
 * (RFC 3550, RFC 8285, RFC 4588 for RTX), drops VP8 temporal layers above its cap, drops VP9 SVC spatial and temporal
 * layers above its target (up at a key picture or switching-up point, the RTP marker moved to the highest layer
 * kept, malformed descriptors counted and dropped), rebases VP8 picture ids at a change of source, numbers packets
 * for transport-wide congestion control ({@link io.mediamesh.core.sfu.TransportWideSequence}) and answers NACKs from
 * the source's
 * {@link io.mediamesh.core.sfu.RetransmissionCache}. A track measures its bitrate per layer and, from the payload
 * descriptors, per spatial and temporal layer ({@link io.mediamesh.core.sfu.BitrateMeter},
 * {@link io.mediamesh.core.sfu.LayerMeters}) and asks its publisher for lost packets
 * ({@link io.mediamesh.core.sfu.NackGenerator}).
 *
 * <p>Threading contract: a track belongs to its publisher's event loop, an outgoing stream to its subscriber's.
 * Nothing here starts threads or reads a clock; time arrives as {@code nowMicros}. Buffers are borrowed unless a
 * method says it returns a buffer the caller owns.
 */
package io.mediamesh.core.sfu;
