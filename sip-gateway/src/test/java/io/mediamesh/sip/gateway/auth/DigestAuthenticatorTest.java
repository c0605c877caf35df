package io.mediamesh.sip.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.sip.auth.DigestAlgorithm;
import io.mediamesh.sip.auth.DigestCalculator;
import io.mediamesh.sip.message.AuthHeader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestAuthenticatorTest {
    private static final byte[] KEY = new byte[32];
    private final DigestAuthenticator auth = new DigestAuthenticator("realm", List.of(DigestAlgorithm.SHA_256,
            DigestAlgorithm.MD5), 60_000, 3, KEY);

    private static AuthHeader credentials(DigestAlgorithm algorithm, String password, String nonce) throws Exception {
        String response = DigestCalculator.response(algorithm, DigestCalculator.ha1(algorithm, "u", "realm",
                password), nonce, "00000001", "cn", "auth", "REGISTER", "sip:x");
        return AuthHeader.parse("Digest username=\"u\", realm=\"realm\", nonce=\"" + nonce
                + "\", uri=\"sip:x\", response=\"" + response + "\", algorithm=" + algorithm.token()
                + ", qop=auth, nc=00000001, cnonce=\"cn\"");
    }

    @Test
    void noncesCarryTheirTimeAndAreSigned() {
        String nonce = auth.nonce(0x1234);
        assertThat(nonce).startsWith("1234.").hasSize(5 + 32);
        assertThat(auth.issuedAt(nonce)).isEqualTo(0x1234);
        assertThat(auth.issuedAt("1235." + nonce.substring(5))).as("time changed").isEqualTo(-1);
        assertThat(auth.issuedAt("garbage")).isEqualTo(-1);
    }

    @Test
    void rightCredentialsWithAnOldNonceAreStaleNotAFailure() throws Exception {
        String nonce = auth.nonce(1_000);
        assertThat(auth.verify(credentials(DigestAlgorithm.MD5, "pw", nonce), "REGISTER", Optional.of("pw"), "h",
                61_000)).isEqualTo(new AuthVerdict.Accepted("u"));
        assertThat(auth.verify(credentials(DigestAlgorithm.SHA_256, "pw", nonce), "REGISTER", Optional.of("pw"), "h",
                61_001)).isEqualTo(new AuthVerdict.Challenge(true));
        assertThat(auth.challenges(true, 0)).allMatch(c -> c.endsWith(", stale=true")).hasSize(2);
    }

    @Test
    void failuresAreCountedPerSourceAndResetBySuccess() throws Exception {
        String nonce = auth.nonce(0);
        AuthHeader wrong = credentials(DigestAlgorithm.MD5, "bad", nonce);
        assertThat(auth.verify(wrong, "REGISTER", Optional.of("pw"), "h1", 1)).isEqualTo(new AuthVerdict.Challenge(false));
        assertThat(auth.verify(wrong, "REGISTER", Optional.of("pw"), "h2", 1)).isEqualTo(new AuthVerdict.Challenge(false));
        assertThat(auth.verify(wrong, "REGISTER", Optional.of("pw"), "h1", 2)).isEqualTo(new AuthVerdict.Challenge(false));
        assertThat(auth.verify(credentials(DigestAlgorithm.MD5, "pw", nonce), "REGISTER", Optional.of("pw"), "h1", 3))
                .isInstanceOf(AuthVerdict.Accepted.class);
        assertThat(auth.verify(wrong, "REGISTER", Optional.of("pw"), "h1", 4)).isEqualTo(new AuthVerdict.Challenge(false));
        assertThat(auth.verify(wrong, "REGISTER", Optional.of("pw"), "h1", 5)).isEqualTo(new AuthVerdict.Challenge(false));
        assertThat(auth.verify(wrong, "REGISTER", Optional.of("pw"), "h1", 6)).isInstanceOf(AuthVerdict.Forbidden.class);
        assertThat(auth.verify(credentials(DigestAlgorithm.MD5, "pw", nonce), "REGISTER", Optional.empty(), "h3", 7))
                .as("no such user").isEqualTo(new AuthVerdict.Challenge(false));
    }

    @Test
    void otherRealmsAndAlgorithmsAreChallengedAfresh() throws Exception {
        DigestAuthenticator md5Only = new DigestAuthenticator("realm", List.of(DigestAlgorithm.MD5), 60_000, 3, KEY);
        assertThat(md5Only.verify(credentials(DigestAlgorithm.SHA_256, "pw", md5Only.nonce(0)), "REGISTER",
                Optional.of("pw"), "h", 1)).isEqualTo(new AuthVerdict.Challenge(false));
        assertThat(md5Only.challenges(false, 0)).singleElement().asString().contains("algorithm=MD5");
    }
}
