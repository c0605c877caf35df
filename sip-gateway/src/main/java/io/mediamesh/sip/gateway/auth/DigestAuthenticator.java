package io.mediamesh.sip.gateway.auth;

import io.mediamesh.sip.auth.DigestAlgorithm;
import io.mediamesh.sip.auth.DigestCalculator;
import io.mediamesh.sip.message.AuthHeader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of SIP digest authentication (RFC 3261 §22.4, RFC 8760). Nonces are stateless: the issue time in
 * hex and an HMAC over it, so any nonce this process issued can be checked and its age read; past
 * {@code nonceLifetimeMillis} it is stale, and right credentials with a stale nonce get a new challenge with
 * {@code stale=true} rather than a failure. Wrong credentials (an unknown user included, so user names cannot be
 * probed) are counted per user and source host; the {@code maxFailures}-th in a row is answered 403 and the count
 * restarts. Time is {@code nowMillis}. Not thread-safe: the SIP event loop owns it.
 */
public final class DigestAuthenticator {
    private static final int MAX_TRACKED = 10_000;

    private final String realm;
    private final List<DigestAlgorithm> algorithms;
    private final long nonceLifetimeMillis;
    private final int maxFailures;
    private final Mac mac;
    private final Map<String, long[]> failures = new HashMap<>();

    /**
     * @param key HMAC key for nonces (random per process is fine: a restart only makes nonces stale-less invalid)
     */
    public DigestAuthenticator(String realm, List<DigestAlgorithm> algorithms, long nonceLifetimeMillis,
            int maxFailures, byte[] key) {
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one digest algorithm is needed");
        }
        this.realm = realm;
        this.algorithms = List.copyOf(algorithms);
        this.nonceLifetimeMillis = nonceLifetimeMillis;
        this.maxFailures = maxFailures;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    /** The {@code WWW-Authenticate} values of a 401, one per algorithm in order of preference. */
    public List<String> challenges(boolean stale, long nowMillis) {
        String nonce = nonce(nowMillis);
        List<String> out = new ArrayList<>(algorithms.size());
        for (DigestAlgorithm algorithm : algorithms) {
            out.add("Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=" + algorithm.token()
                    + ", qop=\"auth\"" + (stale ? ", stale=true" : ""));
        }
        return out;
    }

    /**
     * Checks {@code credentials} (the Authorization value, parsed) of a request with {@code method}.
     *
     * @param password the password of the credentials' user, empty when there is no such user
     * @param source   the request's source host, for the failure count
     */
    public AuthVerdict verify(AuthHeader credentials, String method, Optional<String> password, String source,
            long nowMillis) {
        String user = credentials.param("username");
        String nonce = credentials.param("nonce");
        String uri = credentials.param("uri");
        String response = credentials.param("response");
        String qop = credentials.param("qop");
        DigestAlgorithm algorithm = DigestAlgorithm.fromToken(credentials.param("algorithm"));
        if (!credentials.scheme().equalsIgnoreCase("Digest") || user == null || nonce == null || uri == null
                || response == null || algorithm == null || !algorithms.contains(algorithm)
                || !realm.equals(credentials.param("realm"))) {
            return new AuthVerdict.Challenge(false); // not an answer to our challenge: challenge afresh
        }
        if (qop != null && (!qop.equals("auth") || credentials.param("nc") == null
                || credentials.param("cnonce") == null)) {
            return new AuthVerdict.Challenge(false);
        }
        long issued = issuedAt(nonce);
        String failureKey = user + '\u001f' + source;
        boolean right = issued >= 0 && password.isPresent() && DigestCalculator.matches(
                DigestCalculator.response(algorithm, DigestCalculator.ha1(algorithm, user, realm, password.get()),
                        nonce, credentials.param("nc"), credentials.param("cnonce"), qop, method, uri),
                response);
        if (right) {
            failures.remove(failureKey);
            return nowMillis - issued > nonceLifetimeMillis ? new AuthVerdict.Challenge(true)
                    : new AuthVerdict.Accepted(user);
        }
        return fail(failureKey, nowMillis);
    }

    private AuthVerdict fail(String key, long nowMillis) {
        if (failures.size() >= MAX_TRACKED) {
            failures.values().removeIf(entry -> nowMillis - entry[1] > nonceLifetimeMillis);
            if (failures.size() >= MAX_TRACKED) {
                failures.clear();
            }
        }
        long[] entry = failures.computeIfAbsent(key, k -> new long[2]);
        if (nowMillis - entry[1] > nonceLifetimeMillis) {
            entry[0] = 0; // the last failure is long past: start counting again
        }
        entry[0]++;
        entry[1] = nowMillis;
        if (entry[0] >= maxFailures) {
            failures.remove(key);
            return new AuthVerdict.Forbidden("Forbidden: " + maxFailures + " wrong credentials in a row");
        }
        return new AuthVerdict.Challenge(false);
    }

    /** A nonce issued at {@code nowMillis}: its time in hex, a dot, and 32 hex digits of HMAC. */
    String nonce(long nowMillis) {
        String time = Long.toHexString(nowMillis);
        return time + "." + sign(time);
    }

    /** When {@code nonce} was issued, or -1 when it is not one of ours. */
    long issuedAt(String nonce) {
        int dot = nonce.indexOf('.');
        if (dot <= 0 || dot > 16) {
            return -1;
        }
        String time = nonce.substring(0, dot);
        if (!MessageDigest.isEqual(sign(time).getBytes(StandardCharsets.US_ASCII),
                nonce.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return -1;
        }
        try {
            return Long.parseLong(time, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String sign(String time) {
        byte[] digest = mac.doFinal(time.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
