/**
 * Pub-sub over the overlay: per-channel relay trees rooted at the channel's source node, built by Subscribe
 * messages following the routing table, with relay reuse (one copy per link), soft state (refresh each tick,
 * timeout), Unsubscribe pruning, make-before-break re-routing, upstream-only acceptance plus sequence
 * de-duplication (no loops, no duplicates) and per-kind feedback aggregation towards the source.
 *
 * <p>Sans-IO and single-threaded: {@link io.mediamesh.overlay.pubsub.PubSubEngine} talks to its owner through
 * {@link io.mediamesh.overlay.pubsub.PubSubSink}; payload ByteBufs passed in are borrowed and never retained.
 */
package io.mediamesh.overlay.pubsub;
