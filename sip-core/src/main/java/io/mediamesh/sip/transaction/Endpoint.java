package io.mediamesh.sip.transaction;

/**
 * Where a message came from or goes to: transport, host (an address literal as the transport layer reports it)
 * and port. The transaction layer never resolves or connects; it only names endpoints for its caller.
 */
public record Endpoint(TransportKind transport, String host, int port) {
    public Endpoint {
        if (host == null || host.isEmpty() || port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad endpoint " + host + ":" + port);
        }
    }

    @Override
    public String toString() {
        return transport + ":" + host + ":" + port;
    }
}
