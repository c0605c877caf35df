/**
 * Codec payload knowledge the SFU needs without decoding: keyframe detection from payload descriptors
 * (RFC 7741 VP8, RFC 6184 H264, RFC 9628 VP9) and reusable, allocation-free descriptor flyweights for layer
 * selection: {@link io.mediamesh.core.codec.Vp8Descriptor} (picture id, TL0PICIDX, TID, layer sync) and
 * {@link io.mediamesh.core.codec.Vp9Descriptor} (flexible and non-flexible mode, spatial/temporal id,
 * switching-up points, inter-layer dependency, the scalability structure with resolutions). H264: keyframes only;
 * temporal layers through the frame-marking or dependency-descriptor extensions are not read.
 *
 * <p>Pure functions and per-stream flyweights over borrowed buffers; no I/O, no clock, no threads; flyweights are not
 * thread-safe (one per stream, on its event loop).
 */
package io.mediamesh.core.codec;
