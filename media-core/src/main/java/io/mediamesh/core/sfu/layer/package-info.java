/**
 * Layer policy for simulcast and SVC receivers (issue #5), as pure functions over snapshots: the publisher's
 * {@link io.mediamesh.core.sfu.layer.Layer}s with measured bitrates, a receiver's
 * {@link io.mediamesh.core.sfu.layer.LayerConstraints}, the single-track
 * {@link io.mediamesh.core.sfu.layer.LayerSelector} and the per-receiver
 * {@link io.mediamesh.core.sfu.layer.BitrateAllocator} (audio first, minimums kept, frame rate before resolution, priority rounds, hysteresis with
 * margin and hold; its state travels in {@link io.mediamesh.core.sfu.layer.AllocationState}).
 *
 * <p>No clock reads (time is a parameter), no I/O, no threads; records are immutable, so a snapshot can be built on
 * one event loop and read on another. Must not depend on Netty channels, Spring, the cluster library or the
 * forwarding classes: carrying out a switch (keyframes, sync points, picture-id rewriting) belongs to the stream,
 * which drives the pure per-receiver state machines kept here ({@link io.mediamesh.core.sfu.layer.LayerSwitcher} for
 * VP9 SVC, {@link io.mediamesh.core.sfu.layer.Vp8PictureRewriter}).
 */
package io.mediamesh.core.sfu.layer;
