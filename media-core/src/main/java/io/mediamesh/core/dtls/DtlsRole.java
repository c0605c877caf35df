package io.mediamesh.core.dtls;

/**
 * Our side of the DTLS handshake. In WebRTC the SDP {@code a=setup} attribute decides it (RFC 8842 §5.2):
 * {@code passive} makes us the {@link #SERVER}, which is what a media server answers to browsers.
 */
public enum DtlsRole {
    /** We send the ClientHello ({@code a=setup:active}). */
    CLIENT,
    /** We wait for the peer's ClientHello ({@code a=setup:passive}). */
    SERVER
}
