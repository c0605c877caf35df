package io.mediamesh.model.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mediamesh.model.token.TokenException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenCodecTest {

    private static final String SECRET = "cluster-secret";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofHours(1));

    private final TokenCodec codec = new TokenCodec(SECRET);

    @Test
    void whipTokenRoundTripsAllClaims() {
        TokenClaims claims = new TokenClaims("room1", "alice", TokenKind.WHIP, LATER, "{\"role\":\"host\"}");

        String token = codec.issue(claims);

        assertThat(token.split("\\.")).hasSize(3);
        assertThat(codec.verify(token, TokenKind.WHIP, NOW)).isEqualTo(claims);
    }

    @Test
    void whepTokenWithoutPeerOrExtraDataRoundTrips() {
        TokenClaims claims = new TokenClaims("room1", null, TokenKind.WHEP, LATER, null);

        TokenClaims verified = codec.verify(codec.issue(claims), TokenKind.WHEP, NOW);

        assertThat(verified).isEqualTo(claims);
        assertThat(verified.peer()).isNull();
        assertThat(verified.extraData()).isNull();
    }

    @Test
    void payloadUsesAtm0sClaimNames() throws Exception {
        String token = codec.issue(new TokenClaims("r", "p", TokenKind.WHIP, LATER, "x"));

        JWTClaimsSet body = SignedJWT.parse(token).getJWTClaimsSet();

        assertThat(body.getIssuer()).isEqualTo("whip");
        assertThat(body.getExpirationTime().toInstant()).isEqualTo(LATER);
        assertThat(body.getStringClaim("room")).isEqualTo("r");
        assertThat(body.getStringClaim("peer")).isEqualTo("p");
        assertThat(body.getStringClaim("extra_data")).isEqualTo("x");
        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    }

    @Test
    void expiryIsTruncatedToWholeSeconds() {
        Instant fractional = LATER.plusMillis(750);

        TokenClaims verified = codec.verify(
                codec.issue(new TokenClaims("r", "p", TokenKind.WHIP, fractional, null)), TokenKind.WHIP, NOW);

        assertThat(verified.expiresAt()).isEqualTo(LATER);
    }

    @Test
    void tokenIsRefusedFromItsExpirySecondOn() {
        String token = codec.issue(new TokenClaims("r", "p", TokenKind.WHIP, LATER, null));

        assertThat(codec.verify(token, TokenKind.WHIP, LATER.minusMillis(1)).room()).isEqualTo("r");
        assertRefused(token, TokenKind.WHIP, LATER, Reason.EXPIRED);
        assertRefused(token, TokenKind.WHIP, LATER.plusSeconds(3600), Reason.EXPIRED);
    }

    @Test
    void whepTokenIsRefusedOnWhipEndpoint() {
        String token = codec.issue(new TokenClaims("r", "viewer", TokenKind.WHEP, LATER, null));

        assertRefused(token, TokenKind.WHIP, NOW, Reason.WRONG_KIND);
    }

    @Test
    void whipTokenIsRefusedOnWhepEndpoint() {
        String token = codec.issue(new TokenClaims("r", "p", TokenKind.WHIP, LATER, null));

        assertRefused(token, TokenKind.WHEP, NOW, Reason.WRONG_KIND);
    }

    @Test
    void tokenFromAnotherSecretHasBadSignature() {
        String foreign = new TokenCodec("other-secret").issue(new TokenClaims("r", "p", TokenKind.WHIP, LATER, null));

        assertRefused(foreign, TokenKind.WHIP, NOW, Reason.BAD_SIGNATURE);
    }

    @Test
    void tamperedPayloadHasBadSignature() {
        String token = codec.issue(new TokenClaims("room1", "p", TokenKind.WHIP, LATER, null));
        String[] parts = token.split("\\.");
        String forgedPayload = b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("room1", "room2"));

        assertRefused(parts[0] + "." + forgedPayload + "." + parts[2], TokenKind.WHIP, NOW, Reason.BAD_SIGNATURE);
    }

    @Test
    void flippedSignatureByteHasBadSignature() {
        String token = codec.issue(new TokenClaims("r", "p", TokenKind.WHIP, LATER, null));
        int last = token.length() - 2;
        char flipped = token.charAt(last) == 'A' ? 'B' : 'A';

        assertRefused(token.substring(0, last) + flipped + token.charAt(last + 1), TokenKind.WHIP, NOW,
                Reason.BAD_SIGNATURE);
    }

    @Test
    void unsignedNoneTokenIsMalformed() {
        String none = b64("{\"alg\":\"none\"}") + "." + b64("{\"iss\":\"whip\",\"room\":\"r\",\"peer\":\"p\"}") + ".";

        assertRefused(none, TokenKind.WHIP, NOW, Reason.MALFORMED);
    }

    @Test
    void otherHmacAlgorithmIsMalformed() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), validBody().build());
        jwt.sign(new MACSigner(new byte[64]));

        assertRefused(jwt.serialize(), TokenKind.WHIP, NOW, Reason.MALFORMED);
    }

    @Test
    void correctlySignedTokenWithoutExpiryIsMalformed() throws Exception {
        assertRefused(signWithCodecKey(validBody().expirationTime(null)), TokenKind.WHIP, NOW, Reason.MALFORMED);
    }

    @Test
    void correctlySignedTokenWithNonStringRoomIsMalformed() throws Exception {
        assertRefused(signWithCodecKey(validBody().claim("room", 42)), TokenKind.WHIP, NOW, Reason.MALFORMED);
    }

    @Test
    void correctlySignedWhipTokenWithoutPeerIsMalformed() throws Exception {
        assertRefused(signWithCodecKey(validBody().claim("peer", null)), TokenKind.WHIP, NOW, Reason.MALFORMED);
    }

    @Test
    void correctlySignedTokenWithUnknownIssuerIsWrongKind() throws Exception {
        assertRefused(signWithCodecKey(validBody().issuer("conn")), TokenKind.WHIP, NOW, Reason.WRONG_KIND);
    }

    @Test
    void signingKeyIsSha256OfSecret() throws Exception {
        assertThat(codec.verify(signWithCodecKey(validBody()), TokenKind.WHIP, NOW).peer()).isEqualTo("p");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b.c", "a.b", "....", "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln",
        "Bearer x.y.z", "\u0000\u0001"})
    void garbageIsMalformed(String garbage) {
        assertRefused(garbage, TokenKind.WHIP, NOW, Reason.MALFORMED);
    }

    @Test
    void oversizedTokenIsMalformedWithoutParsing() {
        assertRefused("a".repeat(TokenCodec.MAX_TOKEN_CHARS + 1), TokenKind.WHIP, NOW, Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankTokenIsMissing(String blank) {
        assertRefused(blank, TokenKind.WHIP, NOW, Reason.MISSING);
    }

    @Test
    void nullTokenIsMissing() {
        assertRefused(null, TokenKind.WHEP, NOW, Reason.MISSING);
    }

    @Test
    void secretComparisonIsExact() {
        assertThat(codec.isSecret(SECRET)).isTrue();
        assertThat(codec.isSecret("cluster-secreT")).isFalse();
        assertThat(codec.isSecret("cluster-secret ")).isFalse();
        assertThat(codec.isSecret("cluster")).isFalse();
        assertThat(codec.isSecret("")).isFalse();
        assertThat(codec.isSecret(null)).isFalse();
    }

    @Test
    void secretsOfAnyLengthWork() {
        for (String secret : new String[] {"x", "s".repeat(1000), "pässwörd-🔑"}) {
            TokenCodec anyCodec = new TokenCodec(secret);
            String token = anyCodec.issue(new TokenClaims("r", "p", TokenKind.WHIP, LATER, null));

            assertThat(anyCodec.verify(token, TokenKind.WHIP, NOW).room()).isEqualTo("r");
            assertThat(anyCodec.isSecret(secret)).isTrue();
        }
    }

    @Test
    void emptySecretIsRejected() {
        assertThatThrownBy(() -> new TokenCodec("")).isInstanceOf(IllegalArgumentException.class);
    }

    private static JWTClaimsSet.Builder validBody() {
        return new JWTClaimsSet.Builder().issuer("whip").expirationTime(Date.from(LATER))
                .claim("room", "r").claim("peer", "p");
    }

    private static String signWithCodecKey(JWTClaimsSet.Builder body) throws Exception {
        byte[] key = MessageDigest.getInstance("SHA-256").digest(SECRET.getBytes(StandardCharsets.UTF_8));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), body.build());
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(String token, TokenKind expected, Instant now, Reason reason) {
        assertThatThrownBy(() -> codec.verify(token, expected, now))
                .isInstanceOfSatisfying(TokenException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }
}
