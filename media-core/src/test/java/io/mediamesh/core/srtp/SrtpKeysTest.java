package io.mediamesh.core.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SrtpKeysTest {

    /** Exporter output where every byte says which field it belongs to, so a wrong split is visible. */
    private static byte[] labelledMaterial(SrtpProfile profile) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        byte[] material = new byte[profile.keyingMaterialLength()];
        for (int i = 0; i < material.length; i++) {
            // 0x1n = client key, 0x2n = server key, 0x3n = client salt, 0x4n = server salt.
            int field = i < k ? 0x10 : i < 2 * k ? 0x20 : i < 2 * k + s ? 0x30 : 0x40;
            material[i] = (byte) (field | (i & 0x0f));
        }
        return material;
    }

    private static void assertAllInField(byte[] bytes, int field) {
        for (byte b : bytes) {
            assertThat(b & 0xf0).isEqualTo(field);
        }
    }

    @Test
    void profilesCarryRegistryValues() {
        assertThat(SrtpProfile.AES_CM_128_HMAC_SHA1_80.id()).isEqualTo(0x0001);
        assertThat(SrtpProfile.AES_CM_128_HMAC_SHA1_80.keyLength()).isEqualTo(16);
        assertThat(SrtpProfile.AES_CM_128_HMAC_SHA1_80.saltLength()).isEqualTo(14);
        assertThat(SrtpProfile.AES_CM_128_HMAC_SHA1_80.rtpAuthTagLength()).isEqualTo(10);
        assertThat(SrtpProfile.AEAD_AES_128_GCM.id()).isEqualTo(0x0007);
        assertThat(SrtpProfile.AEAD_AES_128_GCM.keyLength()).isEqualTo(16);
        assertThat(SrtpProfile.AEAD_AES_128_GCM.saltLength()).isEqualTo(12);
        assertThat(SrtpProfile.AEAD_AES_128_GCM.rtpAuthTagLength()).isEqualTo(16);
        assertThat(SrtpProfile.AES_CM_128_HMAC_SHA1_80.keyingMaterialLength()).isEqualTo(60);
        assertThat(SrtpProfile.AEAD_AES_128_GCM.keyingMaterialLength()).isEqualTo(56);
    }

    @Test
    void fromIdFindsProfilesAndRejectsUnknown() {
        assertThat(SrtpProfile.fromId(1)).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(SrtpProfile.fromId(7)).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThatThrownBy(() -> SrtpProfile.fromId(0x0002)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverProtectsWithServerWriteKeysAndClientWithClientWriteKeys() {
        for (SrtpProfile profile : SrtpProfile.values()) {
            byte[] material = labelledMaterial(profile);
            SrtpKeys server = SrtpKeys.fromExporter(profile, material, true);
            SrtpKeys client = SrtpKeys.fromExporter(profile, material, false);

            assertAllInField(server.localKey(), 0x20);
            assertAllInField(server.localSalt(), 0x40);
            assertAllInField(server.remoteKey(), 0x10);
            assertAllInField(server.remoteSalt(), 0x30);
            assertThat(server.localSalt()).hasSize(profile.saltLength());

            assertThat(client.localKey()).isEqualTo(server.remoteKey());
            assertThat(client.localSalt()).isEqualTo(server.remoteSalt());
            assertThat(client.remoteKey()).isEqualTo(server.localKey());
            assertThat(client.remoteSalt()).isEqualTo(server.localSalt());
        }
    }

    @Test
    void exactBoundariesForAesCm() {
        byte[] material = new byte[60];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) i;
        }
        SrtpKeys client = SrtpKeys.fromExporter(SrtpProfile.AES_CM_128_HMAC_SHA1_80, material, false);
        assertThat(client.localKey()[0]).isEqualTo((byte) 0);
        assertThat(client.remoteKey()[0]).isEqualTo((byte) 16);
        assertThat(client.localSalt()[0]).isEqualTo((byte) 32);
        assertThat(client.localSalt()[13]).isEqualTo((byte) 45);
        assertThat(client.remoteSalt()[0]).isEqualTo((byte) 46);
        assertThat(client.remoteSalt()[13]).isEqualTo((byte) 59);
    }

    @Test
    void rejectsWrongMaterialLengthAndIsImmutable() {
        assertThatThrownBy(() -> SrtpKeys.fromExporter(SrtpProfile.AEAD_AES_128_GCM, new byte[60], true))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] key = new byte[16];
        SrtpKeys keys = new SrtpKeys(SrtpProfile.AEAD_AES_128_GCM, key, new byte[12], new byte[16], new byte[12]);
        key[0] = 1;
        keys.localKey()[1] = 1;
        assertThat(keys.localKey()).containsOnly(0);
        assertThat(keys).isEqualTo(
                new SrtpKeys(SrtpProfile.AEAD_AES_128_GCM, new byte[16], new byte[12], new byte[16], new byte[12]));
        assertThat(keys.toString()).doesNotContain("0, 0");
    }
}
