package io.mediamesh.gateway.route;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.mediamesh.cluster.select.Thresholds;
import io.mediamesh.gateway.cluster.GatewayRegistration;
import io.mediamesh.gateway.cluster.MediaNodeDirectory;
import io.mediamesh.gateway.cluster.ZoneDistances;
import io.mediamesh.gateway.cluster.ZoneRouter;
import io.mediamesh.gateway.config.GatewayProperties;
import io.mediamesh.model.cluster.ConnectionId;
import io.mediamesh.model.cluster.GatewayInfo;
import io.mediamesh.model.cluster.NodeIds;
import io.mediamesh.model.cluster.NodeInfo;
import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The {@code MediaNodeRouting} route filter: sends WHIP/WHEP signalling to the right media node by replacing the
 * request URL that {@link RouteToRequestUrlFilter} derived from the route's configured URI.
 *
 * <ul>
 *   <li>{@code POST /whip/endpoint}, {@code POST /whep/endpoint}: the node {@link ZoneRouter} picks (this zone's
 *       least loaded eligible node, else the nearest zone's); 503 {@code NO_MEDIA_NODE_AVAILABLE} when nodes are
 *       registered but none is eligible.</li>
 *   <li>PATCH/DELETE on {@code /whip/conn/{id}}, {@code /whep/conn/{id}}: the node encoded in the
 *       {@link ConnectionId}, draining or not (it still holds the session); 404 {@code MEDIA_NODE_UNKNOWN} when that
 *       node is not registered, 404 {@code UNKNOWN_CONNECTION} when the id has no node.</li>
 *   <li>No node registered at all (cluster disabled, or no node up yet): the route's own URI, i.e.
 *       {@code mediamesh.gateway.media-node-url}, so the single-node platform works unchanged.</li>
 *   <li>A node of another zone is reached through a live gateway of that zone ({@link ZoneRouter}): the request is
 *       proxied there with {@value #FORWARDED_BY} naming this gateway. A forwarded request is never forwarded
 *       again: when this zone cannot serve it, 503 {@code FORWARDED_REQUEST_NOT_SERVABLE}. A zone without a live
 *       gateway is reached directly (logged). Every routed response carries {@value #ROUTE}
 *       (e.g. {@code gw-1>gw-2>node-00000201}); status, headers and body pass through untouched.</li>
 * </ul>
 *
 * Runs right after {@code RouteToRequestUrlFilter} and before the Netty routing filter, so the other route filters
 * (relative Location, header dedupe) and the global error filter work as before.
 */
@Component
public class MediaNodeRoutingGatewayFilterFactory
        extends AbstractGatewayFilterFactory<MediaNodeRoutingGatewayFilterFactory.Config> {

    /** Exchange attribute naming the chosen node (8 hex digits), for logs and tests. */
    public static final String NODE_ATTR = MediaNodeRoutingGatewayFilterFactory.class.getName() + ".node";

    /** Request header: the id of the gateway that forwarded this request (it must not be forwarded again). */
    public static final String FORWARDED_BY = "X-MediaMesh-Forwarded-By";
    /** Response header: the gateways and the media node that handled the request, joined by {@code >}. */
    public static final String ROUTE = "X-MediaMesh-Route";

    static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    private static final Logger log = LoggerFactory.getLogger(MediaNodeRoutingGatewayFilterFactory.class);

    private final MediaNodeDirectory directory;
    private final GatewayProperties properties;
    private final GatewayRegistration registration;
    private final ZoneDistances distances;
    private final InstantSource clock;

    /** @throws IllegalArgumentException when {@code mediamesh.gateway.zone-distances} is malformed (start fails) */
    public MediaNodeRoutingGatewayFilterFactory(MediaNodeDirectory directory, GatewayProperties properties,
            GatewayRegistration registration) {
        super(Config.class);
        this.directory = directory;
        this.properties = properties;
        this.registration = registration;
        this.distances = parseDistances(properties.zoneDistances());
        this.clock = InstantSource.system();
    }

    private static ZoneDistances parseDistances(String spec) {
        try {
            return ZoneDistances.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mediamesh.gateway.zone-distances: " + e.getMessage(), e);
        }
    }

    @Override
    public GatewayFilter apply(Config config) {
        return new OrderedGatewayFilter(this::route, ORDER);
    }

    private Mono<Void> route(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String[] parts = request.getPath().value().split("/");
        // parts: "", "whip", "endpoint"  or  "", "whip", "conn", "{id}"
        if (parts.length == 3 && "endpoint".equals(parts[2]) && request.getMethod() == HttpMethod.POST) {
            return Mono.zip(directory.nodes(), directory.gateways())
                    .flatMap(all -> forNewSession(exchange, chain, all.getT1(), all.getT2()));
        }
        if ((parts.length == 4 || parts.length == 5 && "source".equals(parts[4])) && "conn".equals(parts[2])) {
            return forConnection(exchange, chain, parts[3]);
        }
        return chain.filter(exchange);
    }

    private Mono<Void> forNewSession(ServerWebExchange exchange, GatewayFilterChain chain, List<NodeInfo> nodes,
            List<GatewayInfo> gateways) {
        if (nodes.isEmpty()) {
            return chain.filter(exchange);
        }
        ZoneRouter.Decision decision = ZoneRouter.forNewSession(registration.self(), nodes, gateways, distances,
                properties.selection().thresholds(), clock.millis(), isForwarded(exchange));
        if (decision instanceof ZoneRouter.Refused refused && ZoneRouter.NO_NODE.equals(refused.code())) {
            log.warn("No media node can take a new session: {} registered, none eligible", nodes.size());
        }
        return forward(exchange, chain, decision);
    }

    private Mono<Void> forConnection(ServerWebExchange exchange, GatewayFilterChain chain, String id) {
        Optional<ConnectionId> parsed = ConnectionId.parse(id);
        if (parsed.isPresent()) {
            int nodeId = parsed.get().nodeId();
            // forward() completes empty, so the lookup's emptiness is decided before it runs.
            return Mono.zip(directory.node(nodeId).map(Optional::of).defaultIfEmpty(Optional.empty()),
                            directory.gateways())
                    .flatMap(found -> found.getT1().isPresent()
                            ? forward(exchange, chain, ZoneRouter.forConnection(registration.self(),
                                    found.getT1().get(), found.getT2(), properties.selection().thresholds(),
                                    clock.millis(), isForwarded(exchange)))
                            : unknownNode(exchange, chain, nodeId));
        }
        // Ids without a node come from a node of the single-node platform (or are typos).
        return directory.nodes().flatMap(nodes -> nodes.isEmpty()
                ? chain.filter(exchange)
                : Mono.error(new MediaNodeRoutingException(HttpStatus.NOT_FOUND,
                        "UNKNOWN_CONNECTION: " + id + " names no media node")));
    }

    private Mono<Void> unknownNode(ServerWebExchange exchange, GatewayFilterChain chain, int nodeId) {
        return directory.nodes().flatMap(nodes -> nodes.isEmpty()
                ? chain.filter(exchange)
                : Mono.error(new MediaNodeRoutingException(HttpStatus.NOT_FOUND,
                        "MEDIA_NODE_UNKNOWN: media node " + NodeIds.hex(nodeId)
                                + " is not in the cluster (it left or the session id is wrong)")));
    }

    private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, ZoneRouter.Decision decision) {
        URI requested = exchange.getRequiredAttribute(GATEWAY_REQUEST_URL_ATTR);
        GatewayInfo self = registration.self();
        if (decision instanceof ZoneRouter.Refused refused) {
            if (ZoneRouter.NOT_LOCAL.equals(refused.code())) {
                log.warn("{} {} forwarded by {}: refused, {}", exchange.getRequest().getMethod(), requested.getPath(),
                        exchange.getRequest().getHeaders().getFirst(FORWARDED_BY), refused.message());
            }
            return Mono.error(new MediaNodeRoutingException(HttpStatus.SERVICE_UNAVAILABLE,
                    refused.code() + ": " + refused.message()));
        }
        if (decision instanceof ZoneRouter.ToGateway toGateway) {
            NodeInfo node = toGateway.node();
            exchange.getAttributes().put(NODE_ATTR, node.nodeIdHex());
            exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, target(toGateway.gateway().url(), requested));
            ServerWebExchange forwarded = exchange.mutate()
                    .request(r -> r.headers(h -> h.set(FORWARDED_BY, self.id()))).build();
            String fallback = self.id() + ">" + toGateway.gateway().id() + ">node-" + node.nodeIdHex();
            exchange.getResponse().beforeCommit(() -> {
                HttpHeaders headers = exchange.getResponse().getHeaders();
                String downstream = headers.getFirst(ROUTE);
                headers.set(ROUTE, downstream == null ? fallback : self.id() + ">" + downstream);
                return Mono.empty();
            });
            log.debug("{}: node {} of zone {} through gateway {}", requested.getPath(), node.nodeIdHex(),
                    node.zone(), toGateway.gateway().id());
            return chain.filter(forwarded);
        }
        NodeInfo node = ((ZoneRouter.ToNode) decision).node();
        if (node.zone() != self.zone()) {
            log.warn("{}: zone {} has no live gateway, sending to its media node {} directly",
                    requested.getPath(), node.zone(), node.nodeIdHex());
        }
        exchange.getAttributes().put(NODE_ATTR, node.nodeIdHex());
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, target(node.httpUrl(), requested));
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(ROUTE, self.id() + ">node-" + node.nodeIdHex());
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static boolean isForwarded(ServerWebExchange exchange) {
        return exchange.getRequest().getHeaders().containsHeader(FORWARDED_BY);
    }

    /** The node's base URL (which may carry a path prefix) followed by the request's raw path and query. */
    static URI target(String nodeBaseUrl, URI requested) {
        String query = requested.getRawQuery();
        return URI.create(nodeBaseUrl + requested.getRawPath() + (query == null ? "" : "?" + query));
    }

    /** No options. */
    public static class Config {
    }
}
