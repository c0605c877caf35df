package io.mediamesh.core.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamesh.core.srtp.SrtpProfile;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.UseSRTPData;
import org.junit.jupiter.api.Test;

class DtlsParametersTest {
    private static UseSRTPData offer(int... ids) {
        return new UseSRTPData(ids, new byte[0]);
    }

    @Test
    void serverPrefersGcmWhateverTheClientOrder() throws Exception {
        // Chrome's order: AEAD_AES_256_GCM, AEAD_AES_128_GCM, AES_CM_128_HMAC_SHA1_80.
        assertThat(DtlsParameters.selectSrtpProfile(offer(0x0008, 0x0001, 0x0007)))
                .isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(DtlsParameters.selectSrtpProfile(offer(0x0001))).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
    }

    @Test
    void serverRefusesMissingOrDisjointOffers() {
        assertThatThrownBy(() -> DtlsParameters.selectSrtpProfile(null))
                .isInstanceOf(TlsFatalAlert.class)
                .satisfies(e -> assertThat(((TlsFatalAlert) e).getAlertDescription())
                        .isEqualTo(AlertDescription.handshake_failure));
        assertThatThrownBy(() -> DtlsParameters.selectSrtpProfile(offer(0x0002, 0x0008)))
                .isInstanceOf(TlsFatalAlert.class);
    }

    @Test
    void clientAcceptsExactlyOneOfferedProfile() throws Exception {
        assertThat(DtlsParameters.acceptSrtpAnswer(offer(0x0001))).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(DtlsParameters.acceptSrtpAnswer(offer(0x0007))).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThatThrownBy(() -> DtlsParameters.acceptSrtpAnswer(offer(0x0007, 0x0001)))
                .isInstanceOf(TlsFatalAlert.class);
        assertThatThrownBy(() -> DtlsParameters.acceptSrtpAnswer(offer(0x0008))).isInstanceOf(TlsFatalAlert.class);
        assertThatThrownBy(() -> DtlsParameters.acceptSrtpAnswer(null)).isInstanceOf(TlsFatalAlert.class);
    }

    @Test
    void clientOffersGcmThenAesCm() {
        assertThat(DtlsParameters.srtpOffer().getProtectionProfiles()).containsExactly(0x0007, 0x0001);
        assertThat(DtlsParameters.srtpOffer().getMki()).isEmpty();
    }
}
