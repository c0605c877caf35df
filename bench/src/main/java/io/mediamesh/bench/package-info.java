/**
 * Benchmarks of the SFU forwarding path exactly as the media node runs it: one publisher packet is copied from the
 * datagram into a pooled heap buffer, SRTP-unprotected (RFC 3711, RFC 7714), parsed (RFC 3550 §5.1), fanned out by
 * {@link io.mediamesh.core.sfu.PublishedTrack}, rewritten per subscriber by
 * {@link io.mediamesh.core.sfu.OutgoingStream} and SRTP-protected with each subscriber's own session.
 *
 * <p>Nothing here is part of the test suite: {@link io.mediamesh.bench.ForwardingBenchmark} runs under JMH from the
 * shaded {@code bench/target/benchmarks.jar}, {@link io.mediamesh.bench.SubscriberMemory} is a plain main.
 * {@link io.mediamesh.bench.OverlayRelayBenchmark} measures the cluster overlay's relay (issue #3) with
 * {@code media-overlay} engines wired in memory. {@link io.mediamesh.bench.SipBridgeBenchmark} measures one SIP call's
 * media work per 20 ms tick (issue #7) with {@code sip-media}'s pure audio paths. The classes are single-threaded like the node's event loop;
 * buffers follow the media-core ownership rules (borrowed unless a method says it takes ownership).
 */
package io.mediamesh.bench;
