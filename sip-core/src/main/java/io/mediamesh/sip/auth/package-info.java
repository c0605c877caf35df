/**
 * SIP digest authentication (issue #7): {@link io.mediamesh.sip.auth.DigestCalculator} over MD5 and SHA-256
 * ({@link io.mediamesh.sip.auth.DigestAlgorithm}, RFC 8760). Pure.
 */
package io.mediamesh.sip.auth;
