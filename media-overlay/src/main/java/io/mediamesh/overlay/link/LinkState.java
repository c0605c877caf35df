package io.mediamesh.overlay.link;

/** Life cycle of a link to one neighbour. */
public enum LinkState {
    /** Hello sent (to a seed address), no authenticated Hello received yet. */
    CONNECTING,
    /** An authenticated Hello was received; pings flow; routes may use the link. */
    UP,
    /** No Pong for the dead timeout; routes through it were withdrawn. Seeds go back to sending Hellos. */
    DOWN
}
