package io.mediamesh.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestCalculatorTest {

    /** RFC 2617 §3.5. */
    @Test
    void rfc2617Example() {
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life");
        String response = DigestCalculator.response(DigestAlgorithm.MD5, ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                "00000001", "0a4f113b", "auth", "GET", "/dir/index.html");
        assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
        assertThat(DigestCalculator.matches(response, "6629FAE49393A05397450978507C4EF1")).isTrue();
        assertThat(DigestCalculator.matches(response, "6629fae49393a05397450978507c4ef0")).isFalse();
        assertThat(DigestCalculator.matches(response, null)).isFalse();
    }

    /** RFC 7616 §3.9.1, MD5 and SHA-256 (the algorithms RFC 8760 brings to SIP). */
    @Test
    void rfc7616ExamplesForMd5AndSha256() {
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        String md5 = DigestCalculator.response(DigestAlgorithm.MD5,
                DigestCalculator.ha1(DigestAlgorithm.MD5, "Mufasa", "http-auth@example.org", "Circle of Life"),
                nonce, "00000001", cnonce, "auth", "GET", "/dir/index.html");
        assertThat(md5).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
        String sha256 = DigestCalculator.response(DigestAlgorithm.SHA_256,
                DigestCalculator.ha1(DigestAlgorithm.SHA_256, "Mufasa", "http-auth@example.org", "Circle of Life"),
                nonce, "00000001", cnonce, "auth", "GET", "/dir/index.html");
        assertThat(sha256).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void algorithmTokens() {
        assertThat(DigestAlgorithm.fromToken(null)).isEqualTo(DigestAlgorithm.MD5);
        assertThat(DigestAlgorithm.fromToken("sha-256")).isEqualTo(DigestAlgorithm.SHA_256);
        assertThat(DigestAlgorithm.fromToken("SHA-512-256")).isNull();
    }
}
