package io.mediamesh.sip.dialog;

import io.mediamesh.sip.transaction.Endpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A registrar's location table (RFC 3261 §10.3): one binding per address of record (a later REGISTER replaces the
 * earlier one), expiry in the caller's clock. The out-of-order rule of §10.3 step 7 holds: a REGISTER with the same
 * Call-ID and a CSeq not above the stored one is refused. Not thread-safe.
 */
public final class BindingTable {
    /** What {@link #update} did. */
    public enum Outcome {
        BOUND, REMOVED, OUT_OF_ORDER
    }

    private final Map<String, Binding> bindings = new HashMap<>();

    /**
     * Applies a REGISTER for {@code aor}: {@code expiresSeconds} 0 removes the binding, above 0 sets it.
     */
    public Outcome update(String aor, String contact, Endpoint source, String callId, long cseq,
            long expiresSeconds, long nowMillis) {
        String key = normalise(aor);
        Binding old = bindings.get(key);
        if (old != null && old.callId().equals(callId) && cseq <= old.cseq()) {
            return Outcome.OUT_OF_ORDER;
        }
        if (expiresSeconds <= 0) {
            bindings.remove(key);
            return Outcome.REMOVED;
        }
        bindings.put(key, new Binding(key, contact, source, callId, cseq, nowMillis + expiresSeconds * 1000));
        return Outcome.BOUND;
    }

    /** The live binding of {@code aor} at {@code nowMillis}; a lapsed one is removed. */
    public Optional<Binding> lookup(String aor, long nowMillis) {
        String key = normalise(aor);
        Binding binding = bindings.get(key);
        if (binding != null && binding.expiresAtMillis() <= nowMillis) {
            bindings.remove(key);
            return Optional.empty();
        }
        return Optional.ofNullable(binding);
    }

    /** Removes every lapsed binding; returns how many went. */
    public int expire(long nowMillis) {
        int removed = 0;
        for (Iterator<Binding> it = bindings.values().iterator(); it.hasNext();) {
            if (it.next().expiresAtMillis() <= nowMillis) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    /** The live bindings at {@code nowMillis}. */
    public List<Binding> list(long nowMillis) {
        expire(nowMillis);
        return new ArrayList<>(bindings.values());
    }

    /** The table key: lower-case, without a {@code sip:}/{@code sips:} scheme or URI parameters. */
    public static String normalise(String aor) {
        String s = aor.strip();
        if (s.regionMatches(true, 0, "sips:", 0, 5)) {
            s = s.substring(5);
        } else if (s.regionMatches(true, 0, "sip:", 0, 4)) {
            s = s.substring(4);
        }
        int semi = s.indexOf(';');
        if (semi >= 0) {
            s = s.substring(0, semi);
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
