package io.mediamesh.model.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mediamesh.model.token.TokenException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * Issues and verifies media tokens: compact HS256 JWTs shaped like atm0s's ({@code iss} = {@link TokenKind#issuer()},
 * {@code exp} in seconds, custom claims {@code room}, {@code peer}, {@code extra_data}).
 *
 * <p>The HMAC key is the SHA-256 of the cluster secret's UTF-8 bytes, so secrets of any length give a full 256-bit
 * key (HS256 refuses shorter keys) and the raw secret never becomes key material directly. Tokens are therefore not
 * interchangeable with atm0s's, which signs with the raw secret.
 *
 * <p>Instances are immutable and safe to share between threads. The clock is a parameter of {@link #verify}; this
 * class never reads the time itself.
 */
public final class TokenCodec {

    /** Tokens longer than this are refused before parsing; real ones are a few hundred bytes. */
    static final int MAX_TOKEN_CHARS = 8192;

    private static final String CLAIM_ROOM = "room";
    private static final String CLAIM_PEER = "peer";
    private static final String CLAIM_EXTRA_DATA = "extra_data";

    private final byte[] secretDigest;
    private final MACSigner signer;
    private final MACVerifier verifier;

    /**
     * @param clusterSecret the shared secret of the cluster (also the app secret of the token API); not empty
     */
    public TokenCodec(String clusterSecret) {
        Objects.requireNonNull(clusterSecret, "clusterSecret");
        if (clusterSecret.isEmpty()) {
            throw new IllegalArgumentException("the cluster secret must not be empty");
        }
        this.secretDigest = sha256(clusterSecret);
        try {
            this.signer = new MACSigner(secretDigest);
            this.verifier = new MACVerifier(secretDigest);
        } catch (JOSEException e) {
            throw new IllegalStateException("a 256-bit HMAC key was refused", e);
        }
    }

    /** Signs {@code claims}; {@code expiresAt} is truncated to whole seconds, as JWT {@code exp} requires. */
    public String issue(TokenClaims claims) {
        Objects.requireNonNull(claims, "claims");
        JWTClaimsSet.Builder body = new JWTClaimsSet.Builder()
                .issuer(claims.kind().issuer())
                .expirationTime(Date.from(claims.expiresAt()))
                .claim(CLAIM_ROOM, claims.room());
        if (claims.peer() != null) {
            body.claim(CLAIM_PEER, claims.peer());
        }
        if (claims.extraData() != null) {
            body.claim(CLAIM_EXTRA_DATA, claims.extraData());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), body.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }

    /**
     * Checks, in order, presence, shape, signature, expiry and kind, and returns the claims of a token that passes.
     *
     * @param token    the compact JWT, usually taken from {@code Authorization: Bearer}; may be null
     * @param expected the kind the calling endpoint accepts
     * @param now      the current time; the token is expired from its {@code exp} second on
     * @throws TokenException with the first failed check as its {@link Reason}
     */
    public TokenClaims verify(String token, TokenKind expected, Instant now) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(now, "now");
        if (token == null || token.isBlank()) {
            throw new TokenException(Reason.MISSING, "no token");
        }
        SignedJWT jwt = parseSigned(token);
        JWTClaimsSet body = claimsOf(jwt);
        checkSignature(jwt);
        Date exp = body.getExpirationTime();
        if (exp == null) {
            throw new TokenException(Reason.MALFORMED, "token has no exp claim");
        }
        Instant expiresAt = exp.toInstant();
        if (!now.isBefore(expiresAt)) {
            throw new TokenException(Reason.EXPIRED, "token expired at " + expiresAt);
        }
        String issuer = body.getIssuer();
        if (!expected.issuer().equals(issuer)) {
            throw new TokenException(Reason.WRONG_KIND,
                    "token was issued for '" + issuer + "', this endpoint needs '" + expected.issuer() + "'");
        }
        try {
            return new TokenClaims(body.getStringClaim(CLAIM_ROOM), body.getStringClaim(CLAIM_PEER), expected,
                    expiresAt, body.getStringClaim(CLAIM_EXTRA_DATA));
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw new TokenException(Reason.MALFORMED, "token claims are invalid: " + e.getMessage());
        }
    }

    /**
     * Whether {@code candidate} is the cluster secret. The comparison runs over fixed-length digests, so its time
     * depends neither on where the strings differ nor on their lengths.
     */
    public boolean isSecret(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(secretDigest, sha256(candidate));
    }

    private static SignedJWT parseSigned(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new TokenException(Reason.MALFORMED, "token is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new TokenException(Reason.MALFORMED, "token is not a signed JWT");
        }
        // Pinning the algorithm stops a token from choosing how it is checked (e.g. "none" or an RSA/HMAC mix-up).
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new TokenException(Reason.MALFORMED, "token algorithm must be HS256");
        }
        return jwt;
    }

    private void checkSignature(SignedJWT jwt) {
        boolean valid;
        try {
            valid = jwt.verify(verifier);
        } catch (JOSEException | RuntimeException e) {
            throw new TokenException(Reason.MALFORMED, "token signature cannot be checked");
        }
        if (!valid) {
            throw new TokenException(Reason.BAD_SIGNATURE, "token signature does not match");
        }
    }

    private static JWTClaimsSet claimsOf(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw new TokenException(Reason.MALFORMED, "token payload is not a JSON claims set");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
