/**
 * Audio transcoding for ingest: AAC → PCM → 48 kHz → Opus ({@link io.mediamesh.rtmp.audio.AacToOpus}, with
 * {@link io.mediamesh.rtmp.audio.LinearResampler}). Pure Java (JAAD, Concentus); one instance per stream.
 */
package io.mediamesh.rtmp.audio;
