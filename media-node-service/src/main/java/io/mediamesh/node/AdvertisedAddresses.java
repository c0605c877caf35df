package io.mediamesh.node;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The addresses a media node puts in its ICE candidates. Configured ones win (the public address behind NAT, a
 * Kubernetes node IP); otherwise every IPv4 address of the host's up interfaces, loopback included so that clients
 * on the same machine connect too.
 */
final class AdvertisedAddresses {
    private AdvertisedAddresses() {
    }

    static List<InetSocketAddress> resolve(List<String> configured, int port) {
        List<InetSocketAddress> result = new ArrayList<>();
        for (String value : configured) {
            if (value == null || value.isBlank()) {
                continue;
            }
            try {
                result.add(new InetSocketAddress(InetAddress.getByName(value.trim()), port));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("advertised address '" + value + "' does not resolve", e);
            }
        }
        if (!result.isEmpty()) {
            return List.copyOf(result);
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        result.add(new InetSocketAddress(address, port));
                    }
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list network interfaces", e);
        }
        result.sort((a, b) -> Boolean.compare(a.getAddress().isLoopbackAddress(), b.getAddress().isLoopbackAddress()));
        return List.copyOf(result);
    }
}
