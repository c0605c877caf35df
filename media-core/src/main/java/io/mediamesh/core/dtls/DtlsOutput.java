package io.mediamesh.core.dtls;

import io.mediamesh.core.srtp.SrtpKeys;

/**
 * What a {@link DtlsEndpoint} asks its owner to do or tells it. The owner drains them with
 * {@link DtlsEndpoint#pollOutput()}: any number of {@link Transmit}s, at most one {@link Connected}, and finally at
 * most one of {@link Failed} or {@link Closed}, after which nothing more is produced.
 */
public sealed interface DtlsOutput {

    /**
     * Send one datagram (one or more DTLS records) to the peer's ICE-selected address.
     *
     * @param datagram owned by the receiver of this output; the endpoint keeps no reference
     */
    record Transmit(byte[] datagram) implements DtlsOutput {
    }

    /**
     * The handshake completed, the peer's certificate matched the SDP fingerprint, and SRTP was negotiated.
     *
     * @param keys SRTP master keys exported with "EXTRACTOR-dtls_srtp" (RFC 5764 §4.2), already split into
     *     local (we protect with) and remote (we unprotect with)
     */
    record Connected(SrtpKeys keys) implements DtlsOutput {
    }

    /**
     * The handshake or the connection failed: fatal alert (sent or received), fingerprint mismatch, no common
     * SRTP profile, or handshake timeout. Terminal.
     */
    record Failed(String reason) implements DtlsOutput {
    }

    /** The peer sent close_notify, or the owner called {@link DtlsEndpoint#close()}. Terminal. */
    record Closed() implements DtlsOutput {
    }
}
