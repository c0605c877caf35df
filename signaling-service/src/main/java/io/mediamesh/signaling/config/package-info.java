/** The signalling service's settings and wiring: the cluster member, the hub, the media node client, the endpoint. */
package io.mediamesh.signaling.config;
