package io.mediamesh.model.cluster;

import java.util.Objects;

/**
 * A gateway of the cluster, so gateways of other zones can hand it the requests its zone should serve. Kept alive by
 * the gateway's heartbeat (the entry expires otherwise) and removed when it stops.
 *
 * @param id             the gateway's id, unique in the cluster (letters, digits, {@code -_.}, at most 64)
 * @param zone           the zone it serves (24-bit)
 * @param url            the base URL other gateways reach it at (http or https)
 * @param lastSeenMillis its last heartbeat, epoch millis by its own clock
 */
public record GatewayInfo(String id, int zone, String url, long lastSeenMillis) {

    public GatewayInfo {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("gateway id must be 1-64 letters, digits, '-', '_' or '.': " + id);
        }
        if (zone < 0 || zone > 0xFFFFFF) {
            throw new IllegalArgumentException("zone must be 0..16777215: " + zone);
        }
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("gateway url must be http(s)://...: " + url);
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The same gateway seen at {@code nowMillis}. */
    public GatewayInfo seenAt(long nowMillis) {
        return new GatewayInfo(id, zone, url, nowMillis);
    }
}
