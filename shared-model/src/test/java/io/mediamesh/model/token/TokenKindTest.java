package io.mediamesh.model.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokenKindTest {

    @ParameterizedTest
    @EnumSource(TokenKind.class)
    void issuerMapsBackToItsKind(TokenKind kind) {
        assertThat(TokenKind.fromIssuer(kind.issuer())).contains(kind);
    }

    @Test
    void issuersAreAtm0sNames() {
        assertThat(TokenKind.WHIP.issuer()).isEqualTo("whip");
        assertThat(TokenKind.WHEP.issuer()).isEqualTo("whep");
        assertThat(TokenKind.WEBRTC.issuer()).isEqualTo("webrtc");
    }

    @Test
    void unknownOrDifferentlyCasedIssuerIsEmpty() {
        assertThat(TokenKind.fromIssuer("WHIP")).isEmpty();
        assertThat(TokenKind.fromIssuer("conn")).isEmpty();
        assertThat(TokenKind.fromIssuer(null)).isEmpty();
    }

    @Test
    void claimsNeedPeerOnlyForKindsThatPublishANamedPeer() {
        Instant exp = Instant.EPOCH;
        assertThat(new TokenClaims("r", null, TokenKind.WHEP, exp, null).peer()).isNull();
        assertThatThrownBy(() -> new TokenClaims("r", null, TokenKind.WHIP, exp, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peer");
        assertThatThrownBy(() -> new TokenClaims("", "p", TokenKind.WHIP, exp, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("room");
    }
}
