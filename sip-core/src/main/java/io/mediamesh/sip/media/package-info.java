/** Audio codecs of the SIP gateway (issue #7): G.711 µ-law and A-law ({@link io.mediamesh.sip.media.G711}). Pure. */
package io.mediamesh.sip.media;
