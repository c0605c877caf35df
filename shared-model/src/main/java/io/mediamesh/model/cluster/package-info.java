/**
 * Records of the cluster directory: which media nodes exist and how loaded they are ({@link
 * io.mediamesh.model.cluster.NodeInfo}), which rooms, peers and tracks live on which node, and the connection ids
 * that tell the gateway which node owns a WHIP/WHEP resource ({@link io.mediamesh.model.cluster.ConnectionId}).
 *
 * <p>The records are plain immutable Java records with no Hazelcast types, so they stay usable by any service.
 * cluster-state stores them with Hazelcast Compact serialization (zero-config, by reflection over the record
 * components), which is why every component is a type Compact supports: primitives, boxed primitives, strings,
 * enums, nested records and lists of strings. Renaming a component changes the stored schema.
 */
package io.mediamesh.model.cluster;
