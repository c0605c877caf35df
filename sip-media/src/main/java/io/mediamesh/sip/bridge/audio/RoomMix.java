package io.mediamesh.sip.bridge.audio;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.mediamesh.proto.rtp.RedPayload;
import io.mediamesh.sip.media.AudioMixer;
import io.mediamesh.sip.media.JitterBuffer;

/**
 * The audio of one room as this gateway hears it, sans-IO: the room's other audio tracks (remote sources: Opus RTP
 * from the overlay, each with its own jitter buffer and decoder, concealed with Opus PLC when a packet is missing) and
 * the calls of this gateway in the room (local sources: their decoded frames handed in directly, with no Opus round
 * trip) feed one {@link AudioMixer}, which picks the loudest speakers and gives each call the mix without its own
 * voice.
 *
 * <p>The mix runs at one rate, 8 kHz or 48 kHz. At 8 kHz (for rooms heard by G.711 phones) the Opus decoders output
 * 8 kHz themselves, which costs a third of a 48 kHz decode and needs no resampler on the way to the phone.
 *
 * <p>One frame: {@link #beginFrame} (remote sources decoded and contributed), {@link #contribute} for each call that
 * produced a frame, {@link #mix}, then {@link #mixFor} for each call. Source ids are small integers from
 * {@link #addRemote} and {@link #addLocal}. Decoders and buffers are made when a source is added; a frame allocates
 * nothing. Not thread-safe: one per room, on the room's event loop.
 */
public final class RoomMix {
    /** Missing frames of a remote source concealed in a row before it counts as silent. */
    public static final int MAX_CONCEALED = 5;
    private static final int MAX_PAYLOAD = 1500;

    private final AudioMixer mixer;
    private final Remote[] remotes;
    private final boolean[] used;
    private final int rate;
    private final int frameSamples;
    private final short[] frame;
    private final RtpHeader header = new RtpHeader();
    private final int jitterMinMillis;
    private final int jitterMaxMillis;
    private long malformed;
    private long foreign;
    private long decodeErrors;

    private static final class Remote {
        final JitterBuffer jitter;
        final OpusDecoder decoder;
        int payloadType = -1;
        int redPayloadType = -1;
        long ssrc = -1;
        int concealed = MAX_CONCEALED;

        Remote(JitterBuffer jitter, OpusDecoder decoder) {
            this.jitter = jitter;
            this.decoder = decoder;
        }
    }

    /**
     * @param rate     the mix rate, 8000 or 48000
     * @param capacity the most sources (remote tracks plus local calls) at once
     * @param speakers how many of them are mixed at most
     */
    public RoomMix(int rate, int capacity, int speakers, int jitterMinMillis, int jitterMaxMillis) {
        if (rate != 8000 && rate != 48_000) {
            throw new IllegalArgumentException("mix rate " + rate);
        }
        this.rate = rate;
        this.frameSamples = rate / 50;
        this.frame = new short[frameSamples];
        this.mixer = new AudioMixer(capacity, speakers, 6, frameSamples);
        this.remotes = new Remote[capacity];
        this.used = new boolean[capacity];
        this.jitterMinMillis = jitterMinMillis;
        this.jitterMaxMillis = jitterMaxMillis;
    }

    /** A new remote source (an Opus track of the room) of any payload type; its id, or -1 when the room is full. */
    public int addRemote() {
        return addRemote(-1);
    }

    /**
     * A new remote source whose Opus packets carry {@code payloadType} (others, e.g. RED or comfort noise, are
     * dropped), or any payload type for -1; returns its id, or -1 when the room is full.
     */
    public int addRemote(int payloadType) {
        return addRemote(payloadType, -1);
    }

    /**
     * A new remote source whose Opus packets carry {@code payloadType}, and also come as RED (RFC 2198) with
     * {@code redPayloadType} (-1: none), whose primary blocks are taken.
     */
    public int addRemote(int payloadType, int redPayloadType) {
        int id = free();
        if (id >= 0) {
            try {
                remotes[id] = new Remote(new JitterBuffer(48_000, 20, jitterMinMillis, jitterMaxMillis, MAX_PAYLOAD),
                        new OpusDecoder(rate, 1));
                remotes[id].payloadType = payloadType;
                remotes[id].redPayloadType = redPayloadType;
            } catch (OpusException e) {
                used[id] = false;
                throw new IllegalStateException("Opus decoder: " + e.getMessage(), e);
            }
        }
        return id;
    }

    /** A new local source (a call of this gateway); returns its id, or -1 when the room is full. */
    public int addLocal() {
        return free();
    }

    /** Forgets a source. */
    public void remove(int id) {
        if (id >= 0 && id < used.length && used[id]) {
            used[id] = false;
            remotes[id] = null;
            mixer.remove(id);
        }
    }

    /** One RTP packet of remote source {@code id}; returns false when it was malformed or not Opus, and dropped. */
    public boolean onRemoteRtp(int id, byte[] data, int offset, int length, long nowMillis) {
        Remote remote = remotes[id];
        if (remote == null) {
            return false;
        }
        if (header.parse(data, offset, length) != RtpHeader.Verdict.RTP) {
            malformed++;
            return false;
        }
        int payloadOffset = header.payloadOffset();
        int payloadLength = header.payloadLength();
        if (remote.redPayloadType >= 0 && header.payloadType() == remote.redPayloadType) {
            long primary = RedPayload.primary(data, payloadOffset, payloadLength);
            if (primary < 0) {
                malformed++;
                return false;
            }
            if (RedPayload.payloadType(primary) != remote.payloadType) {
                foreign++;
                return false;
            }
            payloadOffset = RedPayload.dataOffset(primary);
            payloadLength = RedPayload.dataLength(primary);
        } else if (remote.payloadType >= 0 && header.payloadType() != remote.payloadType) {
            foreign++;
            return false;
        }
        if (header.ssrc() != remote.ssrc) {
            if (remote.ssrc >= 0) {
                remote.jitter.reset();
            }
            remote.ssrc = header.ssrc();
        }
        remote.jitter.push(header.sequence(), header.timestamp(), data, payloadOffset, payloadLength, nowMillis);
        return true;
    }

    /** Starts a frame: every remote source's frame of this tick is decoded (or concealed) and contributed. */
    public void beginFrame(long nowMillis) {
        mixer.beginFrame();
        for (int id = 0; id < remotes.length; id++) {
            Remote remote = remotes[id];
            if (remote == null) {
                continue;
            }
            JitterBuffer.Playout playout = remote.jitter.pop(nowMillis);
            int samples;
            try {
                if (playout.kind() == JitterBuffer.Kind.FRAME) {
                    samples = remote.decoder.decode(playout.payload(), 0, playout.length(), frame, 0,
                            frameSamples, false);
                    remote.concealed = 0;
                } else if (playout.kind() == JitterBuffer.Kind.MISSING && remote.concealed < MAX_CONCEALED) {
                    samples = remote.decoder.decode(null, 0, 0, frame, 0, frameSamples, false);
                    remote.concealed++;
                } else {
                    continue;
                }
            } catch (OpusException | RuntimeException e) {
                decodeErrors++;
                continue;
            }
            if (samples < frameSamples) {
                java.util.Arrays.fill(frame, Math.max(0, samples), frameSamples, (short) 0);
            }
            mixer.contribute(id, frame, 0, -1);
        }
    }

    /** The frame of local source {@code id} for this tick, at the mix rate (copied). */
    public void contribute(int id, short[] pcm, int audioLevel) {
        mixer.contribute(id, pcm, 0, audioLevel);
    }

    /** The mix rate, 8000 or 48000. */
    public int rate() {
        return rate;
    }

    /** The samples of a 20 ms frame at the mix rate. */
    public int frameSamples() {
        return frameSamples;
    }

    /** Picks the speakers and sums them; after the contributions. */
    public void mix() {
        mixer.mix();
    }

    /** The mix for source {@code id} (or -1 for a listener that is no source): one frame into {@code out}. */
    public void mixFor(int id, short[] out) {
        mixer.mixFor(id, out, 0);
    }

    /** Whether source {@code id} is among this frame's speakers. */
    public boolean isSpeaking(int id) {
        return mixer.isSpeaking(id);
    }

    /** Remote packets dropped as malformed. */
    public long malformed() {
        return malformed;
    }

    /** Remote packets dropped for a payload type other than their source's Opus. */
    public long foreign() {
        return foreign;
    }

    /** Remote frames that failed to decode. */
    public long decodeErrors() {
        return decodeErrors;
    }

    private int free() {
        for (int id = 0; id < used.length; id++) {
            if (!used[id]) {
                used[id] = true;
                return id;
            }
        }
        return -1;
    }
}
