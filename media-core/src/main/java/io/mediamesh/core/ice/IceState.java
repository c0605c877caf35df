package io.mediamesh.core.ice;

/** Where an ICE-lite agent is. Only {@link #CONNECTED} carries media; {@link #CLOSED} is final. */
public enum IceState {
    /** Waiting for a nominated check. */
    NEW,
    /** A pair is nominated and the peer keeps giving consent. */
    CONNECTED,
    /** Connect timeout or consent expired: the session must be closed and its resources freed. */
    CLOSED
}
