package io.mediamesh.e2e;

import io.mediamesh.testsupport.chromium.Json;
import io.mediamesh.testsupport.chromium.JsonWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A media node's overlay JSON ({@code GET /internal/overlay}, or the {@code data} of the gateway's
 * {@code GET /api/admin/nodes/{id}/overlay}) read the way the cluster tests need it:
 * <pre>
 * {"self":"z1-n2",
 *  "links":[{"peer":"z1-n1","address":"127.0.0.1:11001","state":"UP","rttMicros":..,"loss":0.0}],
 *  "routes":[{"destination":"z1-n3","nextHop":"z1-n3","metricMicros":..,"hops":1}],
 *  "channels":[{"channel":"&lt;16 hex&gt;","source":"z1-n1","upstream":"z1-n1","downstreams":["z1-n3"],
 *               "localSubscribers":0,"packetsIn":..,"copiesOut":..}],
 *  "counters":{...}}
 * </pre>
 */
public final class OverlayView {
    /** One relayed or published channel as the node sees it. */
    public record Channel(String channel, String source, String upstream, List<String> downstreams,
            double localSubscribers, double packetsIn) {
    }

    /** One routing table entry. */
    public record Route(String destination, String nextHop, double metricMicros, double hops) {
    }

    private final Map<String, Object> json;

    private OverlayView(Map<String, Object> json) {
        this.json = json;
    }

    /** The node's own answer. */
    public static OverlayView of(Json overlay) {
        return new OverlayView(overlay.asMap());
    }

    /** The {@code data} of the gateway's envelope. */
    @SuppressWarnings("unchecked")
    public static OverlayView ofEnvelope(Json envelope) {
        if (!(envelope.get("data") instanceof Map<?, ?> data)) {
            throw new AssertionError("overlay envelope without an object under data: " + envelope);
        }
        return new OverlayView((Map<String, Object>) data);
    }

    public String self() {
        return json.get("self") instanceof String s ? s : null;
    }

    public Optional<Route> route(String destination) {
        return objects("routes").stream().filter(r -> destination.equals(r.get("destination")))
                .map(r -> new Route(string(r, "destination"), string(r, "nextHop"), number(r, "metricMicros"),
                        number(r, "hops")))
                .findFirst();
    }

    public List<Channel> channels() {
        return objects("channels").stream()
                .map(c -> new Channel(string(c, "channel"), string(c, "source"), string(c, "upstream"),
                        c.get("downstreams") instanceof List<?> list
                                ? list.stream().map(String::valueOf).toList() : List.of(),
                        number(c, "localSubscribers"), number(c, "packetsIn")))
                .toList();
    }

    /** The channels among {@code ids} (16 hex digits each) that this node knows, in the node's order. */
    public List<Channel> channels(Collection<String> ids) {
        return channels().stream().filter(c -> c.channel() != null && ids.contains(c.channel().toLowerCase()))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> objects(String key) {
        if (!(json.get(key) instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(o -> (Map<String, Object>) o).toList();
    }

    private static String string(Map<String, Object> object, String key) {
        return object.get(key) instanceof String s ? s : null;
    }

    private static double number(Map<String, Object> object, String key) {
        return object.get(key) instanceof Double d ? d : Double.NaN;
    }

    @Override
    public String toString() {
        return JsonWriter.write(json);
    }
}
