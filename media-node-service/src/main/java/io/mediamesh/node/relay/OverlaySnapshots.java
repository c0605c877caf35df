package io.mediamesh.node.relay;

import io.mediamesh.overlay.OverlayCounters;
import io.mediamesh.overlay.OverlayNode;
import io.mediamesh.overlay.link.LinkSnapshot;
import io.mediamesh.overlay.pubsub.ChannelSnapshot;
import io.mediamesh.overlay.route.RouteSnapshot;
import io.mediamesh.overlay.wire.NodeId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The overlay state of a node as plain JSON-ready maps: links (RTT, loss), routes (next hop, metric), channels
 * (upstream, downstreams: relay reuse shows as one downstream per neighbour), and the drop counters.
 */
final class OverlaySnapshots {
    private OverlaySnapshots() {
    }

    static Map<String, Object> of(OverlayNode engine) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("self", engine.self().toString());
        out.put("links", engine.links().stream().map(OverlaySnapshots::link).toList());
        out.put("routes", engine.routes().stream().map(OverlaySnapshots::route).toList());
        out.put("channels", engine.channels().stream().map(OverlaySnapshots::channel).toList());
        out.put("counters", counters(engine.counters()));
        return out;
    }

    private static Map<String, Object> link(LinkSnapshot link) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("peer", name(link.peer()));
        out.put("address", link.address().getAddress().getHostAddress() + ":" + link.address().getPort());
        out.put("state", link.state().name());
        out.put("rttMicros", link.srttMicros());
        out.put("loss", link.loss());
        return out;
    }

    private static Map<String, Object> route(RouteSnapshot route) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("destination", name(route.destination()));
        out.put("nextHop", name(route.nextHop()));
        out.put("metricMicros", route.metricMicros());
        out.put("hops", route.hops());
        return out;
    }

    private static Map<String, Object> channel(ChannelSnapshot channel) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("channel", String.format("%016x", channel.channel().value()));
        out.put("source", name(channel.source()));
        out.put("upstream", name(channel.upstream()));
        out.put("downstreams", channel.downstreams().stream().map(OverlaySnapshots::name).toList());
        out.put("localSubscribers", channel.localSubscribers());
        out.put("packetsIn", channel.packetsIn());
        out.put("copiesOut", channel.copiesOut());
        return out;
    }

    private static Map<String, Object> counters(OverlayCounters counters) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("framesIn", counters.framesIn());
        out.put("framesOut", counters.framesOut());
        out.put("malformed", counters.malformed());
        out.put("unauthenticated", counters.unauthenticated());
        out.put("replayed", counters.replayed());
        out.put("notNeighbour", counters.notNeighbour());
        out.put("dataWithoutState", counters.dataWithoutState());
        out.put("dataNotFromUpstream", counters.dataNotFromUpstream());
        out.put("dataDuplicate", counters.dataDuplicate());
        return out;
    }

    private static String name(NodeId id) {
        return id == null ? null : id.toString();
    }
}
