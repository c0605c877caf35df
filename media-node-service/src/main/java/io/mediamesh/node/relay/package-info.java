/**
 * Rooms across media nodes (issue #3): local tracks published as overlay channels and registered in the cluster,
 * and other nodes' publishers relayed into rooms open here. Owned by the UDP event loop.
 */
package io.mediamesh.node.relay;
