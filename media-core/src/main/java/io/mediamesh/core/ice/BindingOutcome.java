package io.mediamesh.core.ice;

import io.mediamesh.proto.stun.StunMessage;
import java.net.InetSocketAddress;

/**
 * What one Binding request produced.
 *
 * @param response the response to send back to the request's source (success or error), never null
 * @param integrityKey the key to sign {@code response} with, or null for an unsigned error response
 * @param selected the remote address media now goes to, or null when this check changed nothing
 */
public record BindingOutcome(StunMessage response, byte[] integrityKey, InetSocketAddress selected) {
}
