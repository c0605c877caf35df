/**
 * RTP packetisation of ingested media: {@link io.mediamesh.rtmp.rtp.H264Packetizer} (RFC 6184: single NAL unit,
 * STAP-A, FU-A) over an {@link io.mediamesh.rtmp.rtp.RtpPacketWriter}. Pure; each packet is handed to an
 * {@link io.mediamesh.rtmp.rtp.RtpSink} borrowed and released afterwards.
 */
package io.mediamesh.rtmp.rtp;
