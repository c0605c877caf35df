/**
 * The browser demo pages ({@code /samples/}, {@code /samples/whip/}, {@code /samples/whep/}), plain ES modules under
 * {@code src/main/resources/static/samples} with no build step, and the routes that serve their folder URLs.
 */
package io.mediamesh.gateway.samples;
