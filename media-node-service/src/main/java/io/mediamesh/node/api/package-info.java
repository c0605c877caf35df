/**
 * The media node's HTTP API: WHIP (RFC 9725) and WHEP on atm0s-media-server's paths, bearer tokens (HS256 JWT,
 * verified against the cluster secret), and JSON errors: 401 bad or expired token, 403 wrong token kind, 400 bad SDP,
 * 404 unknown resource, 415 wrong content type, 503 while the node drains. Handlers negotiate SDP on the request
 * thread and hand everything else to {@link io.mediamesh.node.MediaNode}.
 */
package io.mediamesh.node.api;
