/**
 * The RTMP chunk stream: {@link io.mediamesh.rtmp.chunk.ChunkStreamDecoder} reassembles messages from chunks,
 * {@link io.mediamesh.rtmp.chunk.ChunkStreamEncoder} writes them. Pure and single-threaded (one per connection).
 * Completed {@link io.mediamesh.rtmp.chunk.RtmpMessage}s own their payload buffers.
 */
package io.mediamesh.rtmp.chunk;
