package io.mediamesh.sip.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One Via value (RFC 3261 §20.42): {@code SIP/2.0/transport host[:port] *(;param)}, with the parameters the
 * transaction and transport layers use: branch, received, rport (RFC 3581).
 *
 * @param transport upper-case transport token, e.g. "UDP"
 * @param host      sent-by host (IPv6 references keep their brackets)
 * @param port      sent-by port, or -1 when absent
 * @param params    parameters in order, lower-case names, null value for a flag
 */
public record Via(String transport, String host, int port, Map<String, String> params) {
    /** The magic cookie that marks an RFC 3261 branch (§8.1.1.7). */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    public Via {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A Via with just a branch. */
    public static Via of(String transport, String host, int port, String branch) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("branch", branch);
        return new Via(transport.toUpperCase(Locale.ROOT), host, port, params);
    }

    /** Parses one Via value (not a comma list). */
    public static Via parse(String value) throws SipParseException {
        String s = value.strip();
        int slash1 = s.indexOf('/');
        int slash2 = slash1 < 0 ? -1 : s.indexOf('/', slash1 + 1);
        if (slash2 < 0) {
            throw new SipParseException("Bad Via");
        }
        String protocol = s.substring(0, slash1).strip();
        String version = s.substring(slash1 + 1, slash2).strip();
        if (!protocol.equalsIgnoreCase("SIP") || !version.equals("2.0")) {
            throw new SipParseException("Bad Via protocol");
        }
        String rest = s.substring(slash2 + 1).stripLeading();
        int i = 0;
        while (i < rest.length() && HeaderSyntax.isTokenChar(rest.charAt(i))) {
            i++;
        }
        String transport = rest.substring(0, i);
        if (transport.isEmpty() || i == rest.length() || !HeaderSyntax.isWhitespace(rest.charAt(i))) {
            throw new SipParseException("Bad Via transport");
        }
        rest = rest.substring(i).strip();
        int semi = rest.indexOf(';');
        String sentBy = (semi < 0 ? rest : rest.substring(0, semi)).strip();
        Map<String, String> params = HeaderSyntax.parseParams(semi < 0 ? "" : rest.substring(semi + 1));
        String host;
        int port = -1;
        String portText = null;
        if (sentBy.startsWith("[")) {
            int close = sentBy.indexOf(']');
            if (close < 0) {
                throw new SipParseException("Bad Via sent-by");
            }
            host = sentBy.substring(0, close + 1);
            String after = sentBy.substring(close + 1).strip();
            if (!after.isEmpty()) {
                if (after.charAt(0) != ':') {
                    throw new SipParseException("Bad Via sent-by");
                }
                portText = after.substring(1).strip();
            }
        } else {
            int colon = sentBy.indexOf(':');
            host = (colon < 0 ? sentBy : sentBy.substring(0, colon)).strip();
            portText = colon < 0 ? null : sentBy.substring(colon + 1).strip();
        }
        if (host.isEmpty() || !isHost(host)) {
            throw new SipParseException("Bad Via sent-by");
        }
        if (portText != null) {
            port = (int) HeaderSyntax.parseNumber(portText, 65535);
            if (port < 0) {
                throw new SipParseException("Bad Via port");
            }
        }
        return new Via(transport.toUpperCase(Locale.ROOT), host, port, params);
    }

    private static boolean isHost(String host) {
        if (host.startsWith("[")) {
            return host.endsWith("]") && host.length() > 2;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '.'))) {
                return false;
            }
        }
        return true;
    }

    /** The branch parameter, or null. */
    public String branch() {
        return params.get("branch");
    }

    /** Whether the branch carries the RFC 3261 magic cookie. */
    public boolean hasRfc3261Branch() {
        String branch = branch();
        return branch != null && branch.startsWith(MAGIC_COOKIE);
    }

    /** The received parameter, or null. */
    public String received() {
        return params.get("received");
    }

    /** Whether an rport parameter is present, with or without a value. */
    public boolean hasRport() {
        return params.containsKey("rport");
    }

    /** The rport value, or -1 when absent or a bare flag. */
    public int rport() {
        String value = params.get("rport");
        return value == null ? -1 : (int) HeaderSyntax.parseNumber(value, 65535);
    }

    /** {@code host[:port]} as written. */
    public String sentBy() {
        return port < 0 ? host : host + ":" + port;
    }

    /** This Via with parameter {@code name} set (null value: a flag), replacing any value it had. */
    public Via withParam(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(params);
        copy.put(name.toLowerCase(Locale.ROOT), value);
        return new Via(transport, host, port, copy);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("SIP/2.0/").append(transport).append(' ').append(sentBy());
        HeaderSyntax.formatParams(out, params);
        return out.toString();
    }
}
