/**
 * Gateway configuration: typed properties, the CORS policy and the start-up report. Beans here are created once at
 * start and are immutable afterwards.
 */
package io.mediamesh.gateway.config;
