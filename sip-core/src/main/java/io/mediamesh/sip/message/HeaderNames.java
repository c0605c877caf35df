package io.mediamesh.sip.message;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Canonical header names, their compact forms (RFC 3261 §7.3.3 and the registered ones of later RFCs), and which
 * headers may carry comma-separated lists. Names are matched case-insensitively; unknown names keep their spelling.
 */
public final class HeaderNames {
    public static final String VIA = "Via";
    public static final String FROM = "From";
    public static final String TO = "To";
    public static final String CALL_ID = "Call-ID";
    public static final String CSEQ = "CSeq";
    public static final String CONTACT = "Contact";
    public static final String ROUTE = "Route";
    public static final String RECORD_ROUTE = "Record-Route";
    public static final String MAX_FORWARDS = "Max-Forwards";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String CONTENT_ENCODING = "Content-Encoding";
    public static final String SUBJECT = "Subject";
    public static final String SUPPORTED = "Supported";
    public static final String ALLOW = "Allow";
    public static final String EXPIRES = "Expires";
    public static final String AUTHORIZATION = "Authorization";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    public static final String PROXY_AUTHORIZATION = "Proxy-Authorization";
    public static final String PROXY_AUTHENTICATE = "Proxy-Authenticate";
    public static final String USER_AGENT = "User-Agent";
    public static final String SERVER = "Server";
    public static final String TIMESTAMP = "Timestamp";

    private static final Map<String, String> CANONICAL = new HashMap<>();
    private static final Set<String> LISTS = Set.of(VIA, CONTACT, ROUTE, RECORD_ROUTE, SUPPORTED, ALLOW,
            CONTENT_ENCODING, "Require", "Proxy-Require", "Unsupported", "Accept", "Accept-Encoding",
            "Accept-Language", "Allow-Events", "In-Reply-To", "Path", "Service-Route");

    static {
        for (String name : new String[] {VIA, FROM, TO, CALL_ID, CSEQ, CONTACT, ROUTE, RECORD_ROUTE, MAX_FORWARDS,
                CONTENT_TYPE, CONTENT_LENGTH, CONTENT_ENCODING, SUBJECT, SUPPORTED, ALLOW, EXPIRES, AUTHORIZATION,
                WWW_AUTHENTICATE, PROXY_AUTHORIZATION, PROXY_AUTHENTICATE, USER_AGENT, SERVER, TIMESTAMP,
                "Require", "Proxy-Require", "Unsupported", "Accept", "Accept-Encoding", "Accept-Language",
                "Allow-Events", "Event", "Refer-To", "Referred-By", "Path", "Service-Route", "Reason",
                "Min-Expires", "Retry-After", "Date", "Organization", "Priority", "Warning", "RSeq", "RAck",
                "Session-Expires", "Min-SE", "Replaces", "P-Asserted-Identity", "In-Reply-To", "Reply-To"}) {
            CANONICAL.put(name.toLowerCase(Locale.ROOT), name);
        }
        compact('v', VIA);
        compact('f', FROM);
        compact('t', TO);
        compact('i', CALL_ID);
        compact('m', CONTACT);
        compact('l', CONTENT_LENGTH);
        compact('c', CONTENT_TYPE);
        compact('e', CONTENT_ENCODING);
        compact('k', SUPPORTED);
        compact('s', SUBJECT);
        compact('o', "Event");
        compact('r', "Refer-To");
        compact('b', "Referred-By");
        compact('x', "Session-Expires");
        compact('u', "Allow-Events");
    }

    private HeaderNames() {
    }

    private static void compact(char letter, String full) {
        CANONICAL.put(String.valueOf(letter), full);
    }

    /** The canonical spelling of {@code name} (compact forms expanded); unknown names are returned unchanged. */
    public static String canonical(String name) {
        String known = CANONICAL.get(name.toLowerCase(Locale.ROOT));
        return known != null ? known : name;
    }

    /** Whether two header names denote the same header, compact forms and case included. */
    public static boolean same(String a, String b) {
        return canonical(a).equalsIgnoreCase(canonical(b));
    }

    /** Whether the header's grammar is a comma-separated list, so that one line may hold several values. */
    public static boolean isList(String name) {
        return LISTS.contains(canonical(name));
    }
}
