/**
 * Codec payload knowledge the SFU needs without decoding: keyframe detection from payload descriptors
 * (RFC 7741 VP8, RFC 6184 H264, draft-ietf-payload-vp9). Pure functions over borrowed buffers.
 */
package io.mediamesh.core.codec;
