/**
 * Which media node takes a new session: pure policy over a snapshot of the node registry (the node list, the limits
 * and the time are parameters), shared by the gateway and the signalling service.
 */
package io.mediamesh.cluster.select;
