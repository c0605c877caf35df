/**
 * Media tokens: which room, peer and endpoint kind a bearer may use, and until when. {@link
 * io.mediamesh.model.token.TokenCodec} signs them as HS256 JWTs keyed by the cluster secret; the gateway issues them
 * and every media node verifies them locally, with no call back to the gateway. Pure code: the current time is always
 * a parameter, and every class here is immutable and thread-safe.
 *
 * <p>Standards: RFC 7519 (JWT), RFC 7515 (JWS), RFC 7518 §3.2 (HS256).
 */
package io.mediamesh.model.token;
