/**
 * The SDK wire protocol as pure code, documented in {@code docs/sdk-protocol.md}: the request envelope and its field
 * checks ({@link io.mediamesh.signaling.protocol.SdkRequest}), the typed error codes, the response and event messages,
 * and the receiver and sender settings with their validation. No I/O, no Spring.
 */
package io.mediamesh.signaling.protocol;
