/**
 * Send-side bandwidth estimation for one subscriber transport (issue #5), in the spirit of Google Congestion Control
 * (draft-ietf-rmcat-gcc-02, as libwebrtc implements it): {@link io.mediamesh.core.bwe.BandwidthEstimator} takes the
 * packets the node sends (transport-wide sequence number, size, send time) and the transport-wide CC feedback the
 * receiver returns, and keeps the minimum of a delay-based estimate ({@link io.mediamesh.core.bwe.InterArrival} →
 * {@link io.mediamesh.core.bwe.TrendlineDetector} with an adaptive threshold → {@link
 * io.mediamesh.core.bwe.AimdRateController}) and a loss-based one ({@link io.mediamesh.core.bwe.LossBasedController}),
 * capped by REMB when the receiver sends it (and driven by REMB alone when it sends no transport-wide feedback).
 *
 * <p>Sans-IO: no clock reads (time arrives as {@code nowMicros}), no threads, no I/O; one estimator belongs to its
 * subscriber's event loop and is not thread-safe. Per-packet and per-feedback work does not allocate. Must not depend
 * on Netty channels, Spring or the cluster library. {@link io.mediamesh.core.bwe.PaddingPolicy} decides when the
 * transport pads to find headroom (while the path shows no congestion, up to a quarter above the estimate). Not done:
 * libwebrtc's probe clusters (short bursts whose receive rate sets the estimate at once), ALR detection.
 */
package io.mediamesh.core.bwe;
