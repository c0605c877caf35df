package io.mediamesh.core.dtls;

import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.MACAlgorithm;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsUtils;

/**
 * Which fragment lengths an encrypted DTLS 1.2 record (RFC 6347 §4.1, RFC 5246 §6.2.3) can have under the
 * negotiated cipher suite.
 *
 * <p>Bouncy Castle answers an encrypted record that is too short for the cipher (or not a whole number of CBC
 * blocks) with a fatal decode_error and tears the connection down, while a record that merely fails to
 * authenticate is dropped. RFC 6347 §4.1.2.7 asks for invalid records to be discarded silently, so that one
 * forged datagram cannot kill an association; this shape lets the endpoint drop such records before BC sees
 * them. The bounds are exactly BC's own checks, so no record BC would accept is refused.
 *
 * <pre>
 *   AEAD (RFC 5288, RFC 7905):  explicit nonce (8 for GCM, 0 for ChaCha20) + ciphertext + 16-byte tag
 *   CBC, MAC-then-encrypt:      IV (16) + n * 16, at least max(16, MAC + 1) after the IV
 *   CBC, encrypt-then-MAC:      IV (16) + n * 16 (n &gt;= 1) + MAC (RFC 7366)
 * </pre>
 */
final class CiphertextShape {
    /** Accepts every length: used for suites this class does not know, leaving all checks to BC. */
    static final CiphertextShape ANY = new CiphertextShape(0, 1, 0);

    private static final int AEAD_TAG = 16;
    private static final int GCM_EXPLICIT_NONCE = 8;
    private static final int AES_BLOCK = 16;

    private final int minLength;
    private final int blockSize;
    private final int trailerLength;

    private CiphertextShape(int minLength, int blockSize, int trailerLength) {
        this.minLength = minLength;
        this.blockSize = blockSize;
        this.trailerLength = trailerLength;
    }

    /** The shape for the suite and extensions negotiated in {@code parameters}. */
    static CiphertextShape of(SecurityParameters parameters) {
        int cipherSuite = parameters.getCipherSuite();
        switch (TlsUtils.getEncryptionAlgorithm(cipherSuite)) {
            case EncryptionAlgorithm.AES_128_GCM, EncryptionAlgorithm.AES_256_GCM:
                return new CiphertextShape(GCM_EXPLICIT_NONCE + AEAD_TAG, 1, 0);
            case EncryptionAlgorithm.CHACHA20_POLY1305:
                return new CiphertextShape(AEAD_TAG, 1, 0);
            case EncryptionAlgorithm.AES_128_CBC, EncryptionAlgorithm.AES_256_CBC:
                int mac = macLength(TlsUtils.getMACAlgorithm(cipherSuite));
                if (mac < 0) {
                    return ANY;
                }
                if (parameters.isEncryptThenMAC()) {
                    return new CiphertextShape(AES_BLOCK + AES_BLOCK + mac, AES_BLOCK, mac);
                }
                return new CiphertextShape(AES_BLOCK + Math.max(AES_BLOCK, mac + 1), AES_BLOCK, 0);
            default:
                return ANY;
        }
    }

    /** True when a record of this fragment length could be valid; false when BC would fail the connection. */
    boolean fits(int fragmentLength) {
        return fragmentLength >= minLength && (fragmentLength - trailerLength) % blockSize == 0;
    }

    private static int macLength(int macAlgorithm) {
        return switch (macAlgorithm) {
            case MACAlgorithm.hmac_sha1 -> 20;
            case MACAlgorithm.hmac_sha256 -> 32;
            case MACAlgorithm.hmac_sha384 -> 48;
            default -> -1;
        };
    }
}
