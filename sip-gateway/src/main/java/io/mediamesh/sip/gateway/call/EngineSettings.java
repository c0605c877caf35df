package io.mediamesh.sip.gateway.call;

import io.mediamesh.sip.transaction.Endpoint;
import io.mediamesh.sip.transaction.TransportKind;
import java.util.List;
import java.util.Optional;

/**
 * What the engine needs of the configuration, already checked.
 *
 * @param advertisedAddress our address in Via, Contact, From and SDP
 * @param port              our SIP port (the bound one)
 * @param allowedNetworks   sources whose INVITEs need no registration
 * @param trunk             where numbers are dialled, if anywhere
 */
public record EngineSettings(String advertisedAddress, int port, boolean opus, int registerExpiry,
        List<Cidr> allowedNetworks, Optional<TrunkRoute> trunk, long inviteTimeoutMillis, long t1Millis) {

    /** A trunk: its endpoint, the domain of Request-URIs, and digest credentials (blank user: none). */
    public record TrunkRoute(Endpoint endpoint, String domain, String user, String password) {
    }

    boolean allowed(String host) {
        for (Cidr cidr : allowedNetworks) {
            if (cidr.contains(host)) {
                return true;
            }
        }
        return false;
    }

    String contactUri(TransportKind transport) {
        String host = advertisedAddress.indexOf(':') >= 0 ? "[" + advertisedAddress + "]" : advertisedAddress;
        return "sip:mediamesh@" + host + ":" + port + (transport == TransportKind.UDP ? ""
                : ";transport=" + transport.name().toLowerCase(java.util.Locale.ROOT));
    }

    String fromUri() {
        String host = advertisedAddress.indexOf(':') >= 0 ? "[" + advertisedAddress + "]" : advertisedAddress;
        return "sip:mediamesh@" + host;
    }
}
