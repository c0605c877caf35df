package io.mediamesh.sip.gateway;

import io.mediamesh.sip.bridge.CallMedia;
import io.mediamesh.sip.bridge.CallMediaFactory;
import io.mediamesh.sip.bridge.CallMediaListener;
import io.mediamesh.sip.bridge.CallMediaStats;
import io.mediamesh.sip.sdp.NegotiatedAudio;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A media bridge stand-in for the gateway's own tests (the e2e tests use the real one): records what it is told. */
final class FakeCallMedia implements CallMediaFactory {
    final List<Leg> legs = new CopyOnWriteArrayList<>();
    private final AtomicInteger ports = new AtomicInteger(30000);

    static final class Leg implements CallMedia {
        final String room;
        final String peer;
        final CallMediaListener listener;
        final int port;
        final List<NegotiatedAudio> applied = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        Leg(String room, String peer, CallMediaListener listener, int port) {
            this.room = room;
            this.peer = peer;
            this.listener = listener;
            this.port = port;
        }

        @Override
        public int rtpPort() {
            return port;
        }

        @Override
        public void apply(NegotiatedAudio audio) {
            applied.add(audio);
        }

        @Override
        public CallMediaStats stats() {
            return new CallMediaStats(0, 0, 0, 0, 0, 0, applied.isEmpty() ? "" : applied.get(0).codec().name());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Override
    public CallMedia open(String room, String peer, CallMediaListener listener) {
        Leg leg = new Leg(room, peer, listener, ports.getAndAdd(2));
        legs.add(leg);
        return leg;
    }
}
