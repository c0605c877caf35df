package io.mediamesh.node.session;

import io.mediamesh.proto.MalformedPacketException;
import io.mediamesh.proto.demux.PacketClass;
import io.mediamesh.proto.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every WebRTC session of the node, found by its id (HTTP resource), its local ICE ufrag (STUN) or its nominated
 * remote address (DTLS, SRTP). Owned by the UDP event loop: plain maps, no locks; everything else reaches it with
 * {@code loop.execute}.
 */
public final class SessionTable {
    private static final long RECENTLY_CLOSED_MICROS = 60_000_000L;
    private final Map<String, WebRtcSession> byId = new HashMap<>();
    private final Map<String, WebRtcSession> byUfrag = new HashMap<>();
    private final Map<InetSocketAddress, WebRtcSession> byAddress = new HashMap<>();
    /** Ids of sessions closed in the last minute, so a client's DELETE after its own close_notify still succeeds. */
    private final Map<String, Long> recentlyClosed = new java.util.LinkedHashMap<>();
    private final SessionEnvironment environment;

    public SessionTable(SessionEnvironment environment) {
        this.environment = environment;
    }

    /**
     * Hands one datagram to its session.
     *
     * @param data borrows
     */
    public void dispatch(PacketClass kind, ByteBuf data, InetSocketAddress from) {
        long now = environment.nowMicros();
        switch (kind) {
            case STUN -> dispatchStun(data, from, now);
            case DTLS, RTP, RTCP -> {
                WebRtcSession session = byAddress.get(from);
                if (session == null) {
                    metrics().dropped("unknown-source");
                } else {
                    session.onDatagram(kind, data, now);
                }
            }
            default -> metrics().dropped("unknown-class");
        }
    }

    private void dispatchStun(ByteBuf data, InetSocketAddress from, long now) {
        StunMessage message;
        try {
            message = StunMessage.decode(data);
        } catch (MalformedPacketException e) {
            metrics().dropped("malformed-stun");
            return;
        }
        if (message.type() == StunMessage.BINDING_INDICATION) {
            return;
        }
        if (message.type() != StunMessage.BINDING_REQUEST || message.username() == null) {
            metrics().dropped("unexpected-stun");
            return;
        }
        String username = message.username();
        int colon = username.indexOf(':');
        WebRtcSession session = byUfrag.get(colon < 0 ? username : username.substring(0, colon));
        if (session == null) {
            metrics().dropped("unknown-ufrag");
            return;
        }
        session.onBindingRequest(message, data, from, now);
    }

    public void add(WebRtcSession session) {
        byId.put(session.id(), session);
        byUfrag.put(session.localUfrag(), session);
    }

    /** Points the session's media address at {@code now}, forgetting {@code previous}. */
    void bindAddress(WebRtcSession session, InetSocketAddress previous, InetSocketAddress now) {
        if (previous != null && byAddress.get(previous) == session) {
            byAddress.remove(previous);
        }
        WebRtcSession displaced = byAddress.put(now, session);
        if (displaced != null && displaced != session) {
            displaced.close("address taken over by another session");
        }
    }

    void remove(WebRtcSession session) {
        if (byId.remove(session.id(), session)) {
            recentlyClosed.put(session.id(), environment.nowMicros());
        }
        byUfrag.remove(session.localUfrag(), session);
        InetSocketAddress remote = session.remoteAddress();
        if (remote != null) {
            byAddress.remove(remote, session);
        }
    }

    public WebRtcSession get(String id) {
        return byId.get(id);
    }

    /** Forgets a closed session's id: after its client's own DELETE, a second DELETE is a 404. */
    public void forgetClosed(String id) {
        recentlyClosed.remove(id);
    }

    /** Whether a session with this id closed less than a minute ago (not by DELETE). */
    public boolean closedRecently(String id) {
        return recentlyClosed.containsKey(id);
    }

    /** Runs every session's timers; sessions whose ICE timed out close themselves. */
    public void tick() {
        long now = environment.nowMicros();
        var oldest = recentlyClosed.entrySet().iterator();
        while (oldest.hasNext() && now - oldest.next().getValue() > RECENTLY_CLOSED_MICROS) {
            oldest.remove();
        }
        List<WebRtcSession> all = new ArrayList<>(byId.values());
        for (WebRtcSession session : all) {
            session.onTick(now);
        }
        environment.sender().flush();
    }

    public Collection<WebRtcSession> sessions() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    public NodeMetrics metrics() {
        return environment.metrics();
    }
}
