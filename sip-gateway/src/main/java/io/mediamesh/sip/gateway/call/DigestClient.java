package io.mediamesh.sip.gateway.call;

import io.mediamesh.sip.auth.DigestAlgorithm;
import io.mediamesh.sip.auth.DigestCalculator;
import io.mediamesh.sip.message.AuthHeader;
import io.mediamesh.sip.message.CSeq;
import io.mediamesh.sip.message.HeaderNames;
import io.mediamesh.sip.message.SipParseException;
import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;
import io.mediamesh.sip.message.Via;

/** The client side of digest authentication: answers a 401/407 to our request with credentials (RFC 3261 §22.2). */
final class DigestClient {
    private DigestClient() {
    }

    /**
     * The request again with the next CSeq, a fresh Via and an Authorization (401) or Proxy-Authorization (407)
     * for the first challenge whose algorithm we support; null when there is none.
     */
    static SipRequest authorize(SipRequest original, SipResponse challenge, String user, String password,
            String cnonce, Via via) {
        boolean proxy = challenge.statusCode() == 407;
        String challengeHeader = proxy ? HeaderNames.PROXY_AUTHENTICATE : HeaderNames.WWW_AUTHENTICATE;
        for (String value : challenge.headerValues(challengeHeader)) {
            AuthHeader parsed;
            try {
                parsed = AuthHeader.parse(value);
            } catch (SipParseException e) {
                continue;
            }
            DigestAlgorithm algorithm = DigestAlgorithm.fromToken(parsed.param("algorithm"));
            String realm = parsed.param("realm");
            String nonce = parsed.param("nonce");
            if (!parsed.scheme().equalsIgnoreCase("Digest") || algorithm == null || realm == null || nonce == null) {
                continue;
            }
            String qopOptions = parsed.param("qop");
            boolean qop = qopOptions != null && qopOptions.matches("(?i).*\\bauth\\b(?!-).*");
            String nc = "00000001";
            String uri = original.requestUri();
            String response = DigestCalculator.response(algorithm,
                    DigestCalculator.ha1(algorithm, user, realm, password), nonce, nc, cnonce, qop ? "auth" : null,
                    original.method(), uri);
            StringBuilder credentials = new StringBuilder("Digest username=\"").append(user)
                    .append("\", realm=\"").append(realm).append("\", nonce=\"").append(nonce)
                    .append("\", uri=\"").append(uri).append("\", response=\"").append(response)
                    .append("\", algorithm=").append(algorithm.token());
            if (qop) {
                credentials.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
            }
            if (parsed.param("opaque") != null) {
                credentials.append(", opaque=\"").append(parsed.param("opaque")).append('"');
            }
            SipRequest retry = original.copy();
            retry.setHeader(HeaderNames.VIA, via.toString());
            retry.setHeader(HeaderNames.CSEQ, new CSeq(original.cseq().number() + 1, original.method()).toString());
            retry.setHeader(proxy ? HeaderNames.PROXY_AUTHORIZATION : HeaderNames.AUTHORIZATION,
                    credentials.toString());
            return retry;
        }
        return null;
    }
}
