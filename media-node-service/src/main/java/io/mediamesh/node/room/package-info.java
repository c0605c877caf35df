/**
 * Rooms on one media node: WHIP and SDK publishers ({@link io.mediamesh.node.room.PublisherRole}), WHEP viewers
 * ({@link io.mediamesh.node.room.ViewerRole}) and SDK receivers ({@link io.mediamesh.node.room.SubscriberRole}), the
 * pairing rule between them, simulcast layer following ({@link io.mediamesh.node.room.LayerFollower}) and each
 * subscriber session's downlink ({@link io.mediamesh.node.room.SubscriberBandwidth}: estimate, allocation, padding).
 * All of it is owned by the UDP event loop, like the sessions: no locks.
 */
package io.mediamesh.node.room;
