/**
 * Digest authentication of REGISTER (RFC 3261 §22, RFC 8760 MD5 and SHA-256): stateless HMAC-signed nonces with an
 * expiry ({@code stale=true} past it), the failure count that turns repeated wrong credentials from 401 into 403, and
 * the account stores (configuration or an HTTP hook) passwords come from. The authenticator is driven by the SIP
 * event loop with {@code nowMillis}; account stores may answer asynchronously.
 */
package io.mediamesh.sip.gateway.auth;
