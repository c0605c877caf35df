package io.mediamesh.overlay.pubsub;

import io.mediamesh.overlay.wire.ChannelId;

/**
 * Feedback of one kind for one channel, merged from subscribers and downstream relays until the next flush:
 * the number of reports and their minimum, maximum and sum (atm0s-sdn's pub-sub feedback model).
 */
public record FeedbackAggregate(ChannelId channel, int kind, int count, long min, long max, long sum) {

    FeedbackAggregate merge(int otherCount, long otherMin, long otherMax, long otherSum) {
        return new FeedbackAggregate(channel, kind, count + otherCount, Math.min(min, otherMin),
                Math.max(max, otherMax), sum + otherSum);
    }
}
