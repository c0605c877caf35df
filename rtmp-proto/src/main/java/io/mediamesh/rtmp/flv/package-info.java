/**
 * FLV tag bodies as RTMP carries them: video ({@link io.mediamesh.rtmp.flv.FlvVideoTag}, AVC configuration
 * {@link io.mediamesh.rtmp.flv.AvcDecoderConfig}) and audio ({@link io.mediamesh.rtmp.flv.FlvAudioTag}). Pure parsers;
 * buffers are borrowed.
 */
package io.mediamesh.rtmp.flv;
