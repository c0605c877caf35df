/** The WebSocket endpoint {@code /sdk/ws}: a thin adapter, no protocol logic. */
package io.mediamesh.signaling.web;
