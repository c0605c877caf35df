/**
 * The transaction user of the gateway: the {@link io.mediamesh.sip.gateway.call.SipEngine} owns the sip-core
 * transaction layer, the dialogs, the registrar and the calls, all on one event loop (no locks: everything else
 * reaches it by submitting tasks). It answers REGISTER (digest), OPTIONS, INVITE (registered user or allowed
 * network, then the dial plan), CANCEL, BYE and re-INVITE, places outgoing calls, and reports call events and DTMF.
 * The media of each call is a {@link io.mediamesh.sip.bridge.CallMedia} from the bridge.
 */
package io.mediamesh.sip.gateway.call;
