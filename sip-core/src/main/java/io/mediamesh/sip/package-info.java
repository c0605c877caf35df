/**
 * Pure SIP gateway code (issue #7), growing piece by piece: {@code media} (G.711) and {@code auth} (digest). No
 * sockets, no threads, no clock reads; the SIP parser, transaction layer and mixer will join it.
 */
package io.mediamesh.sip;
