package io.mediamesh.sip.gateway.call;

import io.mediamesh.sip.dialog.Binding;
import io.mediamesh.sip.dialog.BindingTable;
import io.mediamesh.sip.gateway.auth.AccountStore;
import io.mediamesh.sip.gateway.auth.AuthVerdict;
import io.mediamesh.sip.gateway.auth.DigestAuthenticator;
import io.mediamesh.sip.message.AuthHeader;
import io.mediamesh.sip.message.HeaderNames;
import io.mediamesh.sip.message.NameAddress;
import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;
import io.mediamesh.sip.transaction.Endpoint;
import io.mediamesh.sip.transaction.TransactionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * REGISTER (RFC 3261 §10.3) with digest authentication: no credentials or wrong ones get 401 with fresh
 * challenges, repeated wrong ones 403 (see {@link DigestAuthenticator}), good ones update the binding table. The
 * authenticated user must be the To user. Runs on the engine's loop; the password lookup may be asynchronous and
 * comes back through {@code loop}.
 */
public final class Registrar {
    /** What the registrar is made of, built by the configuration. */
    public record Parts(DigestAuthenticator authenticator, AccountStore accounts, BindingTable bindings) {
    }

    interface Responder {
        void respond(TransactionId transaction, SipResponse response);

        long now();
    }

    private final DigestAuthenticator authenticator;
    private final AccountStore accounts;
    private final BindingTable bindings;
    private final Executor loop;
    private final Responder responder;
    private final int maxExpiry;
    private final String tag;

    Registrar(DigestAuthenticator authenticator, AccountStore accounts, BindingTable bindings, Executor loop,
            Responder responder, int maxExpiry, String tag) {
        this.authenticator = authenticator;
        this.accounts = accounts;
        this.bindings = bindings;
        this.loop = loop;
        this.responder = responder;
        this.maxExpiry = maxExpiry;
        this.tag = tag;
    }

    void onRegister(TransactionId tx, SipRequest request, Endpoint source) {
        AuthHeader credentials;
        try {
            credentials = request.auth(HeaderNames.AUTHORIZATION);
        } catch (IllegalStateException e) {
            responder.respond(tx, request.createResponse(400, "Bad Authorization header", tag));
            return;
        }
        if (credentials == null || credentials.param("username") == null) {
            challenge(tx, request, false);
            return;
        }
        String user = credentials.param("username");
        accounts.password(user).whenComplete((password, failure) -> loop.execute(() -> decide(tx, request, source,
                credentials, failure == null ? password : Optional.empty())));
    }

    private void decide(TransactionId tx, SipRequest request, Endpoint source, AuthHeader credentials,
            Optional<String> password) {
        AuthVerdict verdict = authenticator.verify(credentials, request.method(), password, source.host(),
                responder.now());
        if (verdict instanceof AuthVerdict.Challenge c) {
            challenge(tx, request, c.stale());
        } else if (verdict instanceof AuthVerdict.Forbidden f) {
            responder.respond(tx, request.createResponse(403, f.reason(), tag));
        } else if (verdict instanceof AuthVerdict.Accepted a) {
            bind(tx, request, source, a.user());
        }
    }

    private void challenge(TransactionId tx, SipRequest request, boolean stale) {
        SipResponse response = request.createResponse(401, null, tag);
        for (String value : authenticator.challenges(stale, responder.now())) {
            response.addHeader(HeaderNames.WWW_AUTHENTICATE, value);
        }
        responder.respond(tx, response);
    }

    private void bind(TransactionId tx, SipRequest request, Endpoint source, String user) {
        String aor = SipUris.user(request.to().uri());
        if (!aor.equals(user)) {
            responder.respond(tx, request.createResponse(403, "Forbidden: " + user + " may not register " + aor,
                    tag));
            return;
        }
        List<NameAddress> contacts = request.contacts();
        long now = responder.now();
        if (!contacts.isEmpty()) {
            NameAddress contact = contacts.get(0);
            long expires = expires(request, contact);
            if (contact.uri().equals("*") && expires != 0) {
                responder.respond(tx, request.createResponse(400, "Contact * needs Expires: 0", tag));
                return;
            }
            if (expires > 0 && expires < 60) {
                SipResponse brief = request.createResponse(423, null, tag);
                brief.addHeader("Min-Expires", "60");
                responder.respond(tx, brief);
                return;
            }
            BindingTable.Outcome outcome = bindings.update(user, contact.uri(), source, request.callId(),
                    request.cseq().number(), Math.min(expires, maxExpiry), now);
            if (outcome == BindingTable.Outcome.OUT_OF_ORDER) {
                responder.respond(tx, request.createResponse(500, "Out of order REGISTER", tag));
                return;
            }
        }
        SipResponse ok = request.createResponse(200, null, tag);
        bindings.lookup(user, now).ifPresent(binding -> ok.addHeader(HeaderNames.CONTACT,
                "<" + binding.contact() + ">;expires=" + binding.secondsLeft(now)));
        responder.respond(tx, ok);
    }

    private long expires(SipRequest request, NameAddress contact) {
        String value = contact.param("expires");
        if (value == null) {
            value = request.header(HeaderNames.EXPIRES);
        }
        if (value == null) {
            return 3600;
        }
        try {
            return Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return 3600;
        }
    }

    Optional<Binding> lookup(String user) {
        return bindings.lookup(user, responder.now());
    }

    List<RegistrationView> list() {
        long now = responder.now();
        List<RegistrationView> out = new ArrayList<>();
        for (Binding b : bindings.list(now)) {
            out.add(new RegistrationView(b.aor(), b.contact(), b.source().toString(), b.secondsLeft(now)));
        }
        return out;
    }
}
