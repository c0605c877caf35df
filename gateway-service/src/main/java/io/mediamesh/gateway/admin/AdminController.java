package io.mediamesh.gateway.admin;

import io.mediamesh.cluster.select.NodeSelector;
import io.mediamesh.cluster.select.Thresholds;
import io.mediamesh.gateway.admin.AdminViews.Closed;
import io.mediamesh.gateway.admin.AdminViews.NodeView;
import io.mediamesh.gateway.admin.AdminViews.PeerView;
import io.mediamesh.gateway.admin.AdminViews.RoomPeerView;
import io.mediamesh.gateway.cluster.MediaNodeDirectory;
import io.mediamesh.gateway.config.GatewayProperties;
import io.mediamesh.model.api.ApiResponse;
import io.mediamesh.model.cluster.GatewayInfo;
import io.mediamesh.model.cluster.NodeIds;
import io.mediamesh.model.cluster.NodeInfo;
import io.mediamesh.model.cluster.PeerInfo;
import io.mediamesh.model.cluster.PeerKick;
import io.mediamesh.model.cluster.RoomInfo;
import io.mediamesh.model.cluster.TrackInfo;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The admin API; see the package documentation. Without a cluster every endpoint answers 503 CLUSTER_DISABLED. */
@RestController
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "admin", description = "Cluster administration: nodes, rooms, peers")
@SecurityRequirement(name = "admin-secret")
@SecurityScheme(name = "admin-secret", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "mediamesh.gateway.admin-secret (defaults to the cluster secret)")
@OpenAPIDefinition(info = @Info(title = "MediaMesh gateway admin API", version = "v1",
        description = "Errors use the envelope {status:false, error:'CODE: reason'}: 401 bad secret, 404 unknown "
                + "room/peer/node, 502 a media node failed, 503 cluster disabled."))
class AdminController {

    private static final Logger log = LoggerFactory.getLogger(AdminController.class);
    /** What a kicked SDK peer is told (the media nodes give their sessions the same reasons). */
    static final String KICKED = "kicked through the admin API";
    static final String ROOM_CLOSED = "room closed through the admin API";

    private final MediaNodeDirectory directory;
    private final MediaNodeClient nodes;
    private final GatewayProperties properties;

    AdminController(MediaNodeDirectory directory, MediaNodeClient nodes, GatewayProperties properties) {
        this.directory = directory;
        this.nodes = nodes;
        this.properties = properties;
    }

    @GetMapping("/nodes")
    @Operation(summary = "Every registered media node with its zone, load and draining flag")
    Mono<ApiResponse<List<NodeView>>> nodes() {
        return requireCluster().then(directory.nodes()).map(all -> {
            long now = System.currentTimeMillis();
            Thresholds thresholds = properties.selection().thresholds();
            return ApiResponse.ok(all.stream()
                    .map(n -> NodeView.of(n, now, NodeSelector.eligible(n, thresholds, now))).toList());
        });
    }

    @GetMapping("/gateways")
    @Operation(summary = "Every registered gateway with its zone and URL (gateways forward other zones' requests)")
    Mono<ApiResponse<List<GatewayInfo>>> gateways() {
        return requireCluster().then(directory.gateways()).map(ApiResponse::ok);
    }

    @GetMapping("/rtmp/sessions")
    @Operation(summary = "Every RTMP encoder publishing into a room, with its room and tracks")
    Mono<ApiResponse<List<RoomPeerView>>> rtmpSessions() {
        return requireCluster().then(directory.blocking(() -> {
            List<RoomPeerView> sessions = new java.util.ArrayList<>();
            for (RoomInfo room : directory.state().listRooms()) {
                List<TrackInfo> tracks = directory.state().tracks(room.room());
                for (PeerInfo peer : directory.state().peers(room.room())) {
                    if (peer.kind() == io.mediamesh.model.cluster.PeerKind.RTMP) {
                        sessions.add(new RoomPeerView(room.room(), PeerView.of(peer, tracks)));
                    }
                }
            }
            return ApiResponse.ok(sessions);
        }));
    }

    @GetMapping("/rooms")
    @Operation(summary = "Every room with at least one peer")
    Mono<ApiResponse<List<RoomInfo>>> rooms() {
        return requireCluster().then(directory.blocking(() -> directory.state().listRooms())).map(ApiResponse::ok);
    }

    @GetMapping("/rooms/{room}/peers")
    @Operation(summary = "The peers of a room with their tracks")
    @ApiResponses({@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404",
            description = "ROOM_NOT_FOUND")})
    Mono<ApiResponse<List<PeerView>>> peers(@PathVariable String room) {
        return requireCluster().then(directory.blocking(() -> {
            List<PeerInfo> peers = directory.state().peers(room);
            if (peers.isEmpty()) {
                throw AdminException.notFound("ROOM_NOT_FOUND: no peer is in room " + room);
            }
            List<TrackInfo> tracks = directory.state().tracks(room);
            return ApiResponse.ok(peers.stream().map(p -> PeerView.of(p, tracks)).toList());
        }));
    }

    @GetMapping("/rooms/{room}/speakers")
    @Operation(summary = "The room's active speakers, dominant first, with their smoothed audio levels in dBov "
            + "(RFC 6464 levels of every node's publishers); empty when nobody speaks or nobody publishes audio")
    Mono<ApiResponse<List<AdminViews.SpeakerView>>> speakers(@PathVariable String room) {
        return requireCluster().then(directory.blocking(() -> ApiResponse.ok(directory.state().activeSpeakers(room)
                .map(AdminViews.SpeakerView::of).orElse(List.of()))));
    }

    @DeleteMapping("/rooms/{room}/peers/{peer}")
    @Operation(summary = "Kick a peer: its media node closes its session(s), and an SDK peer's signalling connection "
            + "is told why and closed")
    @ApiResponses({
        @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = "PEER_NOT_FOUND"),
        @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "502", description = "MEDIA_NODE_FAILED")})
    Mono<ApiResponse<Closed>> kick(@PathVariable String room, @PathVariable String peer) {
        return requireCluster()
                .then(directory.blocking(() -> {
                    PeerInfo found = directory.state().peer(room, peer).orElseThrow(
                            () -> AdminException.notFound("PEER_NOT_FOUND: no peer " + peer + " in room " + room));
                    directory.state().publishKick(new PeerKick(room, peer, KICKED));
                    return found;
                }))
                .flatMap(found -> owningNode(found.nodeId())
                        .flatMap(node -> nodes.kickPeer(node, room, peer)
                                .thenReturn(ApiResponse.ok(new Closed(room, peer, List.of(node.nodeIdHex()))))));
    }

    @DeleteMapping("/rooms/{room}")
    @Operation(summary = "Close a room: every media node with peers in it disconnects them")
    @ApiResponses({
        @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = "ROOM_NOT_FOUND"),
        @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "502", description = "MEDIA_NODE_FAILED")})
    Mono<ApiResponse<Closed>> closeRoom(@PathVariable String room) {
        return requireCluster()
                .then(directory.blocking(() -> {
                    List<Integer> owners = directory.state().peers(room).stream().map(PeerInfo::nodeId).distinct()
                            .toList();
                    if (owners.isEmpty()) {
                        throw AdminException.notFound("ROOM_NOT_FOUND: no peer is in room " + room);
                    }
                    directory.state().publishKick(new PeerKick(room, null, ROOM_CLOSED));
                    return owners;
                }))
                .flatMapMany(Flux::fromIterable)
                .flatMap(nodeId -> owningNode(nodeId).flatMap(node -> nodes.closeRoom(node, room)
                        .thenReturn(node.nodeIdHex())))
                .collectList()
                .map(closed -> ApiResponse.ok(new Closed(room, null, new ArrayList<>(closed))));
    }

    @GetMapping("/nodes/{id}/overlay")
    @Operation(summary = "A media node's overlay view (links, routes, channels), passed through from the node")
    @ApiResponses({
        @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = "NODE_NOT_FOUND"),
        @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "502", description = "MEDIA_NODE_FAILED")})
    Mono<ResponseEntity<String>> overlay(@PathVariable String id) {
        return requireCluster()
                .then(directory.node(id))
                .switchIfEmpty(Mono.error(() -> AdminException.notFound("NODE_NOT_FOUND: no media node " + id)))
                .flatMap(nodes::overlay)
                // The node's JSON becomes the envelope's data without being parsed and re-encoded.
                .map(json -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                        .body("{\"status\":true,\"data\":" + (json.isBlank() ? "null" : json) + "}"));
    }

    @ExceptionHandler(AdminException.class)
    ResponseEntity<ApiResponse<Void>> refused(AdminException e) {
        if (e.status() == HttpStatus.BAD_GATEWAY) {
            log.warn("Admin call failed: {}", e.getMessage());
        }
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                .body(ApiResponse.error(e.getMessage()));
    }

    private Mono<NodeInfo> owningNode(int nodeId) {
        return directory.node(nodeId).switchIfEmpty(Mono.error(() -> AdminException.nodeFailed(
                "node " + NodeIds.hex(nodeId) + " owns the entry but is not registered (it left)")));
    }

    private Mono<Void> requireCluster() {
        return directory.enabled() ? Mono.empty() : Mono.error(new AdminException(HttpStatus.SERVICE_UNAVAILABLE,
                "CLUSTER_DISABLED: this gateway has no cluster state (set mediamesh.cluster.enabled=true)"));
    }

    /** Keeps the JSON error shape for unexpected failures of this controller too. */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, Object>> failed(RuntimeException e) {
        log.error("Admin API failure", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", false, "error", "INTERNAL_ERROR: " + e.getClass().getSimpleName()));
    }
}
