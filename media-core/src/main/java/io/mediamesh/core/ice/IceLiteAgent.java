package io.mediamesh.core.ice;

import io.mediamesh.proto.stun.StunAttribute;
import io.mediamesh.proto.stun.StunMessage;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A lite ICE agent (RFC 8445 §2.5): it never sends checks, it answers the full agent's Binding requests, takes the
 * first pair that passes a check and then the pair the peer nominates with USE-CANDIDATE, and watches consent (RFC 7675): a connected session whose peer stops
 * sending valid checks for {@link IceConfig#consentTimeoutMicros()} is closed.
 *
 * <p>Sans-IO: the caller decodes the request, verifies MESSAGE-INTEGRITY over the raw bytes, passes the time, sends
 * the returned response and drives {@link #handleTimeout(long)}. Owned by one thread; no locks.
 */
public final class IceLiteAgent {
    private static final int ERROR_BAD_REQUEST = 400;
    private static final int ERROR_UNAUTHORIZED = 401;
    private static final int ERROR_ROLE_CONFLICT = 487;

    private final IceCredentials local;
    private final String remoteUfrag;
    private final IceConfig config;
    private final long createdMicros;
    private IceState state = IceState.NEW;
    private InetSocketAddress selected;
    private long lastConsentMicros;

    /**
     * @param local our credentials (the ufrag routes checks here)
     * @param remoteUfrag the peer's ufrag from its SDP, or null to accept any
     */
    public IceLiteAgent(IceCredentials local, String remoteUfrag, IceConfig config, long nowMicros) {
        this.local = local;
        this.remoteUfrag = remoteUfrag;
        this.config = config;
        this.createdMicros = nowMicros;
    }

    /**
     * Answers one Binding request.
     *
     * @param integrityOk whether MESSAGE-INTEGRITY over the raw request verified with {@link IceCredentials#pwd()}
     */
    public BindingOutcome handleBindingRequest(StunMessage request, boolean integrityOk, InetSocketAddress from,
            long nowMicros) {
        if (state == IceState.CLOSED) {
            return error(request, ERROR_BAD_REQUEST, "session closed");
        }
        String username = request.username();
        if (username == null || !integrityOk) {
            return error(request, ERROR_UNAUTHORIZED, "Unauthorized");
        }
        int colon = username.indexOf(':');
        String target = colon < 0 ? username : username.substring(0, colon);
        String source = colon < 0 ? "" : username.substring(colon + 1);
        if (!target.equals(local.ufrag()) || (remoteUfrag != null && !remoteUfrag.equals(source))) {
            return error(request, ERROR_UNAUTHORIZED, "Unknown username");
        }
        if (request.has(StunAttribute.IceControlled.class)) {
            // A lite agent is always controlled (RFC 8445 §6.1.1); a controlled peer is in conflict with us.
            return error(request, ERROR_ROLE_CONFLICT, "Role Conflict");
        }
        lastConsentMicros = nowMicros;
        InetSocketAddress changed = null;
        // The first valid check selects its pair at once, so DTLS from that address is accepted even before the
        // peer nominates; a nomination (USE-CANDIDATE) moves media to the nominated pair.
        if (selected == null || request.has(StunAttribute.UseCandidate.class)) {
            if (!from.equals(selected)) {
                selected = from;
                changed = from;
            }
            state = IceState.CONNECTED;
        }
        StunMessage success = new StunMessage(StunMessage.BINDING_SUCCESS, request.transactionId(),
                List.of(new StunAttribute.XorMappedAddress(from)));
        return new BindingOutcome(success, local.integrityKey(), changed);
    }

    /** Advances the timers; returns the state after them. */
    public IceState handleTimeout(long nowMicros) {
        if (state == IceState.NEW && nowMicros - createdMicros >= config.connectTimeoutMicros()) {
            state = IceState.CLOSED;
        } else if (state == IceState.CONNECTED && nowMicros - lastConsentMicros >= config.consentTimeoutMicros()) {
            state = IceState.CLOSED;
        }
        return state;
    }

    /** When {@link #handleTimeout(long)} should run next. */
    public long pollTimeoutMicros() {
        return switch (state) {
            case NEW -> createdMicros + config.connectTimeoutMicros();
            case CONNECTED -> lastConsentMicros + config.consentTimeoutMicros();
            case CLOSED -> Long.MAX_VALUE;
        };
    }

    /** Ends the agent, for example when the session is deleted. */
    public void close() {
        state = IceState.CLOSED;
    }

    public IceState state() {
        return state;
    }

    /** The nominated remote address, or null before nomination. */
    public InetSocketAddress selected() {
        return selected;
    }

    public IceCredentials localCredentials() {
        return local;
    }

    private static BindingOutcome error(StunMessage request, int code, String reason) {
        StunMessage response = new StunMessage(StunMessage.BINDING_ERROR, request.transactionId(),
                List.of(new StunAttribute.ErrorCode(code, reason)));
        return new BindingOutcome(response, null, null);
    }
}
