/**
 * Audio levels and active speakers, as sans-IO policy. {@link io.mediamesh.core.audio.AudioLevelMeter} reads the
 * RFC 6464 client-to-mixer audio level (level in -dBov and the V bit) of each published audio packet and sums it
 * over a reporting window; {@link io.mediamesh.core.audio.ActiveSpeakerDetector} turns a stream of
 * (speaker, level, voice, time) samples into a ranked list of active speakers with hysteresis, so the dominant
 * speaker does not flap on a cough or a click.
 *
 * <p>Contract: nothing here starts a thread, takes a lock or reads a clock; time arrives as {@code nowMillis}. The
 * meter is fed on the publisher's event loop and allocates nothing per packet; the detector is owned by one thread,
 * takes samples per packet or per reporting window without allocating (but for a speaker's first sample) and builds
 * its ranking list at each {@code update}, a few times a second.
 */
package io.mediamesh.core.audio;
