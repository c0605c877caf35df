package io.mediamesh.core.srtp;

import io.netty.buffer.ByteBuf;
import java.security.GeneralSecurityException;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * SRTP/SRTCP protection for one DTLS-SRTP association (RFC 3711 §3-4, RFC 7714 §8-9 for AEAD-GCM), built on
 * jitsi-srtp's crypto contexts.
 *
 * <p>Outbound ("protect", local keys) and inbound ("unprotect", remote keys) state are separate. A crypto
 * context per SSRC and direction is derived from the master key on first use and kept for the life of the
 * session (RFC 3711 §3.2.3 keys contexts by SSRC). An inbound context is only kept once a packet for that SSRC
 * has authenticated, and each direction holds at most {@value #MAX_STREAMS} streams, so a peer that invents
 * SSRCs cannot grow our memory.
 *
 * <p>Packets are borrowed {@link ByteBuf}s transformed in place between {@code readerIndex} and
 * {@code writerIndex}; the session never retains or releases them. Heap buffers are processed directly in
 * their backing array; direct buffers are copied through one reusable scratch array. Nothing is allocated per
 * packet once a stream's context exists.
 *
 * <p>Outbound replay checking is disabled on purpose: an SFU may re-send a packet with the same sequence
 * number (NACK retransmission without RTX), which libsrtp calls "allow_repeat_tx".
 *
 * <p><b>Not thread-safe.</b> One owner thread (the Netty event loop of the peer's transport) must make every
 * call, including {@link #close()}.
 */
public final class SrtpSession implements AutoCloseable {
    /** Most SSRCs per direction; WebRTC peers use a handful (audio, video layers, RTX, FEC). */
    static final int MAX_STREAMS = 256;

    private static final Logger LOGGER = new LoggerImpl(SrtpSession.class.getName());
    private static final int RTP_FIXED_HEADER = 12;
    private static final int RTCP_FIXED_HEADER = 8;
    private static final int SRTCP_INDEX_LENGTH = 4;
    private static final int SCRATCH_SIZE = 2048;

    static {
        preferOpenSsl();
    }

    private final SrtpProfile profile;
    private final SrtpContextFactory outboundFactory;
    private final SrtpContextFactory inboundFactory;
    private final SsrcContextMap<SrtpCryptoContext> rtpOut = new SsrcContextMap<>(MAX_STREAMS);
    private final SsrcContextMap<SrtpCryptoContext> rtpIn = new SsrcContextMap<>(MAX_STREAMS);
    private final SsrcContextMap<SrtcpCryptoContext> rtcpOut = new SsrcContextMap<>(MAX_STREAMS);
    private final SsrcContextMap<SrtcpCryptoContext> rtcpIn = new SsrcContextMap<>(MAX_STREAMS);
    private final PacketArrayView view = new PacketArrayView();
    private final int maxOverhead;
    /** Only direct buffers need it, and the node passes heap buffers: allocated on first use (saves 2 KiB a session). */
    private byte[] scratch;
    private boolean closed;

    private SrtpSession(SrtpKeys keys) {
        this.profile = keys.profile();
        this.maxOverhead = Math.max(profile.rtpAuthTagLength(), profile.rtcpAuthTagLength() + SRTCP_INDEX_LENGTH);
        SrtpPolicy outboundPolicy = policyFor(profile);
        outboundPolicy.setSendReplayEnabled(false);
        SrtpPolicy inboundPolicy = policyFor(profile);
        this.outboundFactory = new SrtpContextFactory(true, keys.localKey(), keys.localSalt(),
                outboundPolicy, outboundPolicy, LOGGER);
        this.inboundFactory = new SrtpContextFactory(false, keys.remoteKey(), keys.remoteSalt(),
                inboundPolicy, inboundPolicy, LOGGER);
    }

    /** Creates a session protecting with {@code keys.local*} and unprotecting with {@code keys.remote*}. */
    public static SrtpSession create(SrtpKeys keys) {
        return new SrtpSession(keys);
    }

    /** The profile this session was keyed for. */
    public SrtpProfile profile() {
        return profile;
    }

    /**
     * The most bytes {@link #protectRtp} or {@link #protectRtcp} appends: the authentication tag, plus the
     * 4-byte SRTCP index for RTCP (14 for AES_CM_128_HMAC_SHA1_80, 20 for AEAD_AES_128_GCM).
     */
    public int maxOverhead() {
        return maxOverhead;
    }

    /**
     * Authenticates, replay-checks and decrypts an SRTP packet in place, then moves {@code writerIndex} back over
     * the authentication tag so the readable bytes are the plain RTP packet.
     *
     * @param packet borrows; the readable bytes are one SRTP packet. On false its contents are unspecified and
     *     the caller should drop it.
     * @return false for a packet that is malformed, fails authentication, or is a replay; never throws for peer
     *     input
     * @throws IllegalArgumentException if the buffer is read-only (a caller error)
     */
    public boolean unprotectRtp(ByteBuf packet) {
        int length = packet.readableBytes();
        int start = packet.readerIndex();
        if (closed || length < RTP_FIXED_HEADER + profile.rtpAuthTagLength()
                || (packet.getByte(start) & 0xC0) != 0x80) {
            return false;
        }
        int ssrc = packet.getInt(start + 8);
        SrtpCryptoContext context = rtpIn.get(ssrc);
        boolean fresh = context == null;
        if (fresh) {
            if (rtpIn.size() >= MAX_STREAMS || (context = deriveRtp(inboundFactory, ssrc)) == null) {
                return false;
            }
        }
        boolean direct = bind(packet, 0);
        SrtpErrorStatus status;
        try {
            status = context.reverseTransformPacket(view, false);
        } catch (GeneralSecurityException | RuntimeException e) {
            status = SrtpErrorStatus.FAIL;
        }
        if (status != SrtpErrorStatus.OK) {
            view.clear();
            return false;
        }
        if (fresh) {
            rtpIn.put(ssrc, context);
        }
        commit(packet, direct);
        return true;
    }

    /**
     * Authenticates, replay-checks and (when the E flag is set) decrypts an SRTCP packet in place, then moves
     * {@code writerIndex} back over the SRTCP index and tag so the readable bytes are the plain compound RTCP
     * packet.
     *
     * @param packet borrows; the readable bytes are one SRTCP packet. On false its contents are unspecified.
     * @return false for a packet that is malformed, fails authentication, or is a replay; never throws for peer
     *     input
     * @throws IllegalArgumentException if the buffer is read-only (a caller error)
     */
    public boolean unprotectRtcp(ByteBuf packet) {
        int length = packet.readableBytes();
        int start = packet.readerIndex();
        if (closed || length < RTCP_FIXED_HEADER + SRTCP_INDEX_LENGTH + profile.rtcpAuthTagLength()
                || (packet.getByte(start) & 0xC0) != 0x80) {
            return false;
        }
        int ssrc = packet.getInt(start + 4);
        SrtcpCryptoContext context = rtcpIn.get(ssrc);
        boolean fresh = context == null;
        if (fresh) {
            if (rtcpIn.size() >= MAX_STREAMS || (context = deriveRtcp(inboundFactory, ssrc)) == null) {
                return false;
            }
        }
        boolean direct = bind(packet, 0);
        SrtpErrorStatus status;
        try {
            status = context.reverseTransformPacket(view);
        } catch (GeneralSecurityException | RuntimeException e) {
            status = SrtpErrorStatus.FAIL;
        }
        if (status != SrtpErrorStatus.OK) {
            view.clear();
            return false;
        }
        if (fresh) {
            rtcpIn.put(ssrc, context);
        }
        commit(packet, direct);
        return true;
    }

    /**
     * Encrypts an RTP packet in place and appends the authentication tag, advancing {@code writerIndex}.
     *
     * @param packet borrows; the readable bytes are one RTP packet (our own). It should have at least
     *     {@link #maxOverhead()} writable bytes; otherwise the buffer is expanded (a slow path that may
     *     reallocate a heap buffer's array).
     * @return false if the packet is not a well-formed RTP packet, the stream table is full, or the session is
     *     closed
     * @throws IllegalArgumentException if the buffer cannot grow by the tag length (its maxCapacity)
     */
    public boolean protectRtp(ByteBuf packet) {
        if (closed || rtpHeaderLength(packet) < 0) {
            return false;
        }
        int ssrc = packet.getInt(packet.readerIndex() + 8);
        SrtpCryptoContext context = rtpOut.get(ssrc);
        if (context == null) {
            if (rtpOut.size() >= MAX_STREAMS || (context = deriveRtp(outboundFactory, ssrc)) == null) {
                return false;
            }
            rtpOut.put(ssrc, context);
        }
        boolean direct = bind(packet, profile.rtpAuthTagLength());
        SrtpErrorStatus status;
        try {
            status = context.transformPacket(view);
        } catch (GeneralSecurityException | RuntimeException e) {
            status = SrtpErrorStatus.FAIL;
        }
        if (status != SrtpErrorStatus.OK) {
            view.clear();
            return false;
        }
        commit(packet, direct);
        return true;
    }

    /**
     * Encrypts a (compound) RTCP packet in place and appends the SRTCP index with the E flag and the
     * authentication tag, advancing {@code writerIndex} (RFC 3711 §3.4, RFC 7714 §9).
     *
     * @param packet borrows; the readable bytes are one compound RTCP packet (our own), with at least
     *     {@link #maxOverhead()} writable bytes or room to expand
     * @return false if the packet is shorter than an RTCP header, the stream table is full, or the session is
     *     closed
     * @throws IllegalArgumentException if the buffer cannot grow by the index and tag
     */
    public boolean protectRtcp(ByteBuf packet) {
        int start = packet.readerIndex();
        if (closed || packet.readableBytes() < RTCP_FIXED_HEADER || (packet.getByte(start) & 0xC0) != 0x80) {
            return false;
        }
        int ssrc = packet.getInt(start + 4);
        SrtcpCryptoContext context = rtcpOut.get(ssrc);
        if (context == null) {
            if (rtcpOut.size() >= MAX_STREAMS || (context = deriveRtcp(outboundFactory, ssrc)) == null) {
                return false;
            }
            rtcpOut.put(ssrc, context);
        }
        boolean direct = bind(packet, profile.rtcpAuthTagLength() + SRTCP_INDEX_LENGTH);
        SrtpErrorStatus status;
        try {
            status = context.transformPacket(view);
        } catch (GeneralSecurityException | RuntimeException e) {
            status = SrtpErrorStatus.FAIL;
        }
        if (status != SrtpErrorStatus.OK) {
            view.clear();
            return false;
        }
        commit(packet, direct);
        return true;
    }

    /** Forgets every context and wipes the master keys held by jitsi-srtp. Later calls return false. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        rtpOut.clear();
        rtpIn.clear();
        rtcpOut.clear();
        rtcpIn.clear();
        outboundFactory.close();
        inboundFactory.close();
        view.clear();
    }

    /**
     * Points {@link #view} at the packet's bytes with room for {@code growth} more.
     *
     * @return true when the bytes were copied into {@link #scratch} (not a heap buffer) and must be copied back
     */
    private boolean bind(ByteBuf packet, int growth) {
        if (packet.isReadOnly()) {
            throw new IllegalArgumentException("SRTP transforms packets in place; the buffer is read-only");
        }
        if (growth > 0 && packet.writableBytes() < growth) {
            if (packet.maxWritableBytes() < growth) {
                throw new IllegalArgumentException("packet buffer cannot grow by " + growth + " bytes");
            }
            packet.ensureWritable(growth);
        }
        int start = packet.readerIndex();
        int length = packet.readableBytes();
        if (packet.hasArray()) {
            int base = packet.arrayOffset();
            view.reset(packet.array(), base + start, length, base + packet.capacity());
            return false;
        }
        if (scratch == null || scratch.length < length + growth) {
            // The first direct packet, or a jumbo one, gets here; the array then stays at its size.
            scratch = new byte[Math.max(SCRATCH_SIZE, length + growth)];
        }
        packet.getBytes(start, scratch, 0, length);
        view.reset(scratch, 0, length, length + growth);
        return true;
    }

    /** Writes the transformed length (and, for direct buffers, the bytes) back into the packet. */
    private void commit(ByteBuf packet, boolean direct) {
        int start = packet.readerIndex();
        int newLength = view.getLength();
        if (direct) {
            packet.setBytes(start, scratch, view.getOffset(), newLength);
        }
        packet.writerIndex(start + newLength);
        view.clear();
    }

    /**
     * Length of the RTP header (fixed part, CSRCs, extension), or -1 if the packet is not a well-formed RTP
     * version 2 packet (RFC 3550 §5.1, §5.3.1).
     */
    private static int rtpHeaderLength(ByteBuf packet) {
        int start = packet.readerIndex();
        int length = packet.readableBytes();
        if (length < RTP_FIXED_HEADER) {
            return -1;
        }
        int first = packet.getUnsignedByte(start);
        if ((first & 0xC0) != 0x80) {
            return -1;
        }
        int headerLength = RTP_FIXED_HEADER + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (length < headerLength + 4) {
                return -1;
            }
            headerLength += 4 + 4 * packet.getUnsignedShort(start + headerLength + 2);
        }
        return headerLength <= length ? headerLength : -1;
    }

    private static SrtpCryptoContext deriveRtp(SrtpContextFactory factory, int ssrc) {
        try {
            return factory.deriveContext(ssrc, 0);
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static SrtcpCryptoContext deriveRtcp(SrtpContextFactory factory, int ssrc) {
        try {
            return factory.deriveControlContext(ssrc);
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Makes jitsi-srtp use its OpenSSL ciphers whenever its native glue loaded. Left alone, it benchmarks the
     * providers at first use and may elect SunJCE, whose in-place AES-CTR and AES-GCM copy every packet; the
     * choice also becomes noisy under load. The setting is JVM-wide, which is what we want for a media node.
     */
    private static void preferOpenSsl() {
        try {
            if (JitsiOpenSslProvider.isLoaded()) {
                Aes.setFactoryClassName("org.jitsi.srtp.crypto.Aes$OpenSSLCipherFactory");
            }
        } catch (LinkageError | RuntimeException e) {
            // Without the native glue jitsi-srtp falls back to its benchmark among the Java providers.
        }
    }

    private static SrtpPolicy policyFor(SrtpProfile profile) {
        return switch (profile) {
            // RFC 3711 §8.2 / RFC 5764 §4.1.2: 160-bit HMAC-SHA1 session key, 80-bit tag, 112-bit salt.
            case AES_CM_128_HMAC_SHA1_80 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, profile.keyLength(),
                    SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, profile.rtpAuthTagLength(), profile.saltLength());
            // RFC 7714 §12: GCM authenticates itself, so no separate MAC; 128-bit tag, 96-bit salt.
            case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, profile.keyLength(),
                    SrtpPolicy.NULL_AUTHENTICATION, 0, profile.rtpAuthTagLength(), profile.saltLength());
        };
    }
}
