package io.mediamesh.core.dtls;

import io.mediamesh.core.srtp.SrtpKeys;

/** What {@link DtlsEndpoint} reads back from our BC client or server peer on the handshake thread. */
interface DtlsPeerState {

    /** The SRTP keys exported when the handshake completed (RFC 5764 §4.2); null before. */
    SrtpKeys exportSrtpKeys();

    /** True once the remote certificate matched the SDP fingerprint. */
    boolean peerVerified();

    /** True once the peer sent close_notify. */
    boolean closeNotifyReceived();

    /** The lengths an encrypted record can have under the negotiated suite; call after the handshake. */
    CiphertextShape ciphertextShape();

    /** A description of the last alert sent or received, for failure reasons; null if none. */
    String lastAlert();
}
