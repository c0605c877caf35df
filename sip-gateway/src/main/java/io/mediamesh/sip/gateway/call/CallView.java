package io.mediamesh.sip.gateway.call;

import io.mediamesh.sip.bridge.CallMediaStats;
import java.util.List;

/**
 * A call as the admin API shows it.
 *
 * @param setupMillis INVITE to 200 OK (inbound: received to sent; outbound: sent to received), -1 until answered
 * @param media       the bridge's counters, null before the media is opened
 */
public record CallView(String id, String direction, String state, String room, String peer, String remote,
        String endReason, long createdAt, long answeredAt, long setupMillis, CallMediaStats media,
        List<CallEvent> events) {
}
