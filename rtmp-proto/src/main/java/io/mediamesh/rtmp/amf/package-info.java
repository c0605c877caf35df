/** AMF0 encoding and decoding ({@link io.mediamesh.rtmp.amf.Amf0}) for RTMP commands and metadata. Pure. */
package io.mediamesh.rtmp.amf;
