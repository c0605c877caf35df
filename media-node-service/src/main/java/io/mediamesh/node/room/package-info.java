/**
 * Rooms on one media node: WHIP publishers ({@link io.mediamesh.node.room.PublisherRole}) and WHEP viewers
 * ({@link io.mediamesh.node.room.ViewerRole}), and the pairing rule between them. All of it is owned by the UDP event
 * loop, like the sessions: no locks.
 */
package io.mediamesh.node.room;
