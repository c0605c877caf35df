/**
 * One SDK peer's state ({@link io.mediamesh.signaling.session.SdkSession}: its room, node, peer connections,
 * receivers, senders and message channels) and the fan-out of the cluster's room changes to the peers connected here
 * ({@link io.mediamesh.signaling.session.RoomHub}).
 */
package io.mediamesh.signaling.session;
