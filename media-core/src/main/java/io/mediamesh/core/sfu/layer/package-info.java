/**
 * Layer selection for simulcast and SVC receivers (issue #5): the publisher's {@link io.mediamesh.core.sfu.layer.Layer}s,
 * a receiver's {@link io.mediamesh.core.sfu.layer.LayerConstraints} and the pure
 * {@link io.mediamesh.core.sfu.layer.LayerSelector}. Pure functions over snapshots; no clock, no I/O.
 */
package io.mediamesh.core.sfu.layer;
