package io.mediamesh.model.cluster;

/** The media type of a published track. */
public enum TrackKind {
    AUDIO,
    VIDEO
}
