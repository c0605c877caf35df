/**
 * The thin Netty adapter of SIP: a UDP channel and a TCP listener (with outgoing TCP connections) on one event loop,
 * handing whole messages as bytes with their source {@link io.mediamesh.sip.transaction.Endpoint} to a
 * {@link io.mediamesh.sip.gateway.transport.SipInbound} and writing what it is asked to send. No SIP logic here.
 */
package io.mediamesh.sip.gateway.transport;
