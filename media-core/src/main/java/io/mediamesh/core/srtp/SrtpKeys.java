package io.mediamesh.core.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * The SRTP master keys and salts of one DTLS-SRTP association, already split into the direction we protect
 * with ("local", used for what we send) and the direction we unprotect with ("remote", used for what we
 * receive).
 *
 * <p>The arrays are defensively copied on construction and on access, so instances are immutable and can be
 * handed across threads (the DTLS handshake thread produces them; a Netty event loop consumes them).
 */
public record SrtpKeys(SrtpProfile profile, byte[] localKey, byte[] localSalt, byte[] remoteKey,
                       byte[] remoteSalt) {

    /** Validates lengths against the profile and copies the arrays. */
    public SrtpKeys {
        Objects.requireNonNull(profile, "profile");
        localKey = checkedCopy(localKey, profile.keyLength(), "localKey");
        localSalt = checkedCopy(localSalt, profile.saltLength(), "localSalt");
        remoteKey = checkedCopy(remoteKey, profile.keyLength(), "remoteKey");
        remoteSalt = checkedCopy(remoteSalt, profile.saltLength(), "remoteSalt");
    }

    /**
     * Splits DTLS exporter output ("EXTRACTOR-dtls_srtp") into keys, following RFC 5764 §4.2:
     * {@code client_write_SRTP_master_key | server_write_SRTP_master_key | client_write_SRTP_master_salt |
     * server_write_SRTP_master_salt}. The DTLS client protects what it sends with the client-write values.
     *
     * @param keyingMaterial exactly {@link SrtpProfile#keyingMaterialLength()} bytes; not retained
     * @param weAreDtlsServer true when this side acted as the DTLS server
     */
    public static SrtpKeys fromExporter(SrtpProfile profile, byte[] keyingMaterial, boolean weAreDtlsServer) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(keyingMaterial, "keyingMaterial");
        if (keyingMaterial.length != profile.keyingMaterialLength()) {
            throw new IllegalArgumentException("keying material for " + profile + " must be "
                    + profile.keyingMaterialLength() + " bytes, got " + keyingMaterial.length);
        }
        int keyLength = profile.keyLength();
        int saltLength = profile.saltLength();
        byte[] clientKey = Arrays.copyOfRange(keyingMaterial, 0, keyLength);
        byte[] serverKey = Arrays.copyOfRange(keyingMaterial, keyLength, 2 * keyLength);
        byte[] clientSalt = Arrays.copyOfRange(keyingMaterial, 2 * keyLength, 2 * keyLength + saltLength);
        byte[] serverSalt = Arrays.copyOfRange(keyingMaterial, 2 * keyLength + saltLength,
                2 * (keyLength + saltLength));
        return weAreDtlsServer
                ? new SrtpKeys(profile, serverKey, serverSalt, clientKey, clientSalt)
                : new SrtpKeys(profile, clientKey, clientSalt, serverKey, serverSalt);
    }

    @Override
    public byte[] localKey() {
        return localKey.clone();
    }

    @Override
    public byte[] localSalt() {
        return localSalt.clone();
    }

    @Override
    public byte[] remoteKey() {
        return remoteKey.clone();
    }

    @Override
    public byte[] remoteSalt() {
        return remoteSalt.clone();
    }

    /** Compares key material by content (records compare arrays by identity otherwise). */
    @Override
    public boolean equals(Object other) {
        return other instanceof SrtpKeys that
                && profile == that.profile
                && Arrays.equals(localKey, that.localKey)
                && Arrays.equals(localSalt, that.localSalt)
                && Arrays.equals(remoteKey, that.remoteKey)
                && Arrays.equals(remoteSalt, that.remoteSalt);
    }

    @Override
    public int hashCode() {
        int result = profile.hashCode();
        result = 31 * result + Arrays.hashCode(localKey);
        result = 31 * result + Arrays.hashCode(localSalt);
        result = 31 * result + Arrays.hashCode(remoteKey);
        return 31 * result + Arrays.hashCode(remoteSalt);
    }

    /** Keeps secrets out of logs. */
    @Override
    public String toString() {
        return "SrtpKeys[" + profile + ", keys redacted]";
    }

    private static byte[] checkedCopy(byte[] value, int expectedLength, String name) {
        Objects.requireNonNull(value, name);
        if (value.length != expectedLength) {
            throw new IllegalArgumentException(name + " must be " + expectedLength + " bytes, got " + value.length);
        }
        return value.clone();
    }
}
