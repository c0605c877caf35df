/**
 * The audio media building blocks of the SIP gateway (issue #7), all pure and allocation-free per frame: G.711
 * µ-law and A-law ({@link io.mediamesh.sip.media.G711}); streaming 8 kHz to 48 kHz and back resampling with a shared
 * polyphase windowed-sinc low-pass ({@link io.mediamesh.sip.media.Resampler8To48},
 * {@link io.mediamesh.sip.media.Resampler48To8}, 3 ms group delay each way); the sans-IO RTP audio
 * {@link io.mediamesh.sip.media.JitterBuffer}; the room's mix-minus {@link io.mediamesh.sip.media.AudioMixer}; and
 * RFC 6464 audio levels ({@link io.mediamesh.sip.media.Rfc6464}). Time, when needed, is an argument; DTMF is in
 * {@code media.dtmf}.
 */
package io.mediamesh.sip.media;
