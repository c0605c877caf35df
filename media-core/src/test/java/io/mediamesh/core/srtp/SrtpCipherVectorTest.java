package io.mediamesh.core.srtp;

import static io.mediamesh.testsupport.ByteVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import javax.crypto.Cipher;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.SrtpCipherCtr;
import org.jitsi.srtp.crypto.SrtpCipherGcm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC vectors for the two ciphers {@link SrtpSession} runs on, taken through jitsi-srtp's cipher classes with
 * the AES implementation the session elects. The RFC vectors start from session keys, which the session API
 * cannot take (it always derives them from a master key), so this is the closest reachable level;
 * {@link SrtpSessionVectorTest} covers key derivation and the full packet transform.
 */
class SrtpCipherVectorTest {

    @BeforeAll
    static void electTheSameAesImplementationAsTheSession() {
        SrtpSession.create(new SrtpKeys(SrtpProfile.AEAD_AES_128_GCM,
                new byte[16], new byte[12], new byte[16], new byte[12])).close();
    }

    /** RFC 3711 Appendix B.2: AES-CM keystream for key 2B7E..., IV = session salt with SSRC and index 0. */
    @Test
    void rfc3711AppendixB2AesCmKeystream() throws Exception {
        SrtpCipherCtr cipher = new SrtpCipherCtr(Aes.createCipher("AES/CTR/NoPadding"));
        cipher.init(hex("2B7E151628AED2A6ABF7158809CF4F3C"), null);
        cipher.setIV(hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"), Cipher.ENCRYPT_MODE);

        byte[] keystream = new byte[1044512]; // the RFC's segment: 65282 AES blocks
        cipher.process(keystream, 0, keystream.length);

        assertThat(Arrays.copyOfRange(keystream, 0, 48)).isEqualTo(hex("""
                E03EAD0935C95E80E166B16DD92B4EB4 // counter ...0000
                D23513162B02D0F72A43A2FE4A5F97AB // counter ...0001
                41E95B3BB0A2E8DD477901E4FCA894C0 // counter ...0002
                """));
        assertThat(Arrays.copyOfRange(keystream, keystream.length - 48, keystream.length)).isEqualTo(hex("""
                EC8CDF7398607CB0F2D21675EA9EA1E4 // counter ...FEFF
                362B7C3C6773516318A077D7FC5073AE // counter ...FF00
                6A2CC3787889374FBEB4C81B17BA6C44 // counter ...FF01
                """));
    }

    /** RFC 7714 §16.1.1: AEAD_AES_128_GCM encryption of the example RTP packet, and its decryption. */
    @Test
    void rfc7714Section16AesGcmRtpPacket() throws Exception {
        byte[] key = hex("000102030405060708090a0b0c0d0e0f");
        // IV = (00 00 || SSRC 5501a0b2 || ROC 0 || SEQ f17b) XOR salt "Quid pro quo", RFC 7714 §8.1.
        byte[] iv = hex("51753c6580c2726f20718414");
        byte[] header = hex("8040f17b 8041f8d3 5501a0b2");
        byte[] plaintext = hex("""
                47616c6c 69612065 7374206f 6d6e6973
                20646976 69736120 696e2070 61727465
                73207472 6573
                """);
        byte[] expected = hex("""
                f24de3a3 fb34de6c acba861c 9d7e4bca // ciphertext
                be633bd5 0d294e6f 42a5f47a 51c7d19b
                36de3adf 8833
                899d7f27 beb16a91 52cf765e e4390cce // 128-bit tag
                """);

        SrtpCipherGcm encryptor = new SrtpCipherGcm(Aes.createCipher("AES/GCM/NoPadding"));
        encryptor.init(key, null);
        encryptor.setIV(iv, Cipher.ENCRYPT_MODE);
        encryptor.processAAD(header, 0, header.length);
        byte[] buffer = Arrays.copyOf(plaintext, plaintext.length + 16);
        int written = encryptor.process(buffer, 0, plaintext.length);
        assertThat(written).isEqualTo(expected.length);
        assertThat(buffer).isEqualTo(expected);

        SrtpCipherGcm decryptor = new SrtpCipherGcm(Aes.createCipher("AES/GCM/NoPadding"));
        decryptor.init(key, null);
        decryptor.setIV(iv, Cipher.DECRYPT_MODE);
        decryptor.processAAD(header, 0, header.length);
        int recovered = decryptor.process(buffer, 0, buffer.length);
        assertThat(Arrays.copyOf(buffer, recovered)).isEqualTo(plaintext);
    }
}
