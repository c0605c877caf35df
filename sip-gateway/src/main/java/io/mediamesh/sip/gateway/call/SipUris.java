package io.mediamesh.sip.gateway.call;

import io.mediamesh.sip.transaction.Endpoint;
import io.mediamesh.sip.transaction.TransportKind;
import java.util.Locale;

/** The few SIP URI readings the gateway needs: user part, and where to send a request for a URI. */
final class SipUris {
    private SipUris() {
    }

    /** The user part of a sip/sips/tel URI, or "" when there is none. */
    static String user(String uri) {
        String rest = withoutScheme(uri);
        if (uri.regionMatches(true, 0, "tel:", 0, 4)) {
            int semi = rest.indexOf(';');
            return semi < 0 ? rest : rest.substring(0, semi);
        }
        int at = rest.indexOf('@');
        if (at < 0) {
            return "";
        }
        String user = rest.substring(0, at);
        int colon = user.indexOf(':');
        int semi = user.indexOf(';');
        int end = colon >= 0 ? colon : semi >= 0 ? semi : user.length();
        return user.substring(0, end);
    }

    /**
     * Where a request for {@code uri} goes (RFC 3263 without DNS: the host must be an address literal or a name
     * the JVM resolves at the transport): host, port (default 5060) and the {@code transport} parameter.
     *
     * @throws IllegalArgumentException when the URI has no host
     */
    static Endpoint destination(String uri) {
        String rest = withoutScheme(uri);
        int at = rest.indexOf('@');
        String hostPart = at < 0 ? rest : rest.substring(at + 1);
        int q = hostPart.indexOf('?');
        if (q >= 0) {
            hostPart = hostPart.substring(0, q);
        }
        String[] parts = hostPart.split(";");
        TransportKind transport = TransportKind.UDP;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].toLowerCase(Locale.ROOT).startsWith("transport=")) {
                transport = TransportKind.fromVia(parts[i].substring("transport=".length()));
            }
        }
        String hostPort = parts[0];
        String host;
        int port = 5060;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            host = hostPort.substring(1, close);
            if (close + 1 < hostPort.length() && hostPort.charAt(close + 1) == ':') {
                port = Integer.parseInt(hostPort.substring(close + 2));
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            if (colon >= 0) {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        return new Endpoint(transport, host, port);
    }

    private static String withoutScheme(String uri) {
        int colon = uri.indexOf(':');
        return colon < 0 ? uri : uri.substring(colon + 1);
    }
}
