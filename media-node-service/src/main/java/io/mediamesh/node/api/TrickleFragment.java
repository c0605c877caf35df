package io.mediamesh.node.api;

import org.springframework.http.HttpStatus;

/**
 * Checks a trickle ICE SDP fragment (RFC 8840) sent with PATCH. The node is ICE-lite: it learns the peer's address
 * from the peer's own checks, so candidates need no processing, but a fragment that is not SDP is refused, and an ICE
 * restart (another ufrag than the session's) is refused with a reason until restarts are supported.
 */
final class TrickleFragment {
    private TrickleFragment() {
    }

    /** @param currentUfrag the peer's ICE ufrag of the session; a fragment naming another one is an ICE restart */
    static void validate(String fragment, String currentUfrag) {
        for (String raw : fragment.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new ApiException(HttpStatus.BAD_REQUEST, "not an SDP fragment line: '" + abbreviate(line) + "'");
            }
            if (line.startsWith("a=ice-ufrag:") && !line.substring(12).equals(currentUfrag)) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                        "ICE restart is not supported: create a new session instead");
            }
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }
}
