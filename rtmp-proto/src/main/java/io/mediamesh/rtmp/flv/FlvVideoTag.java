package io.mediamesh.rtmp.flv;

import io.netty.buffer.ByteBuf;

/**
 * The header of an RTMP video message (an FLV VIDEODATA tag body, FLV specification 10.1 §E.4.3.1). Legacy AVC only:
 * enhanced-RTMP headers (HEVC, AV1, VP9 by FourCC) and other legacy codecs are reported, not parsed, so the caller
 * can refuse them with a clear status.
 *
 * @param keyframe         frame type 1 (a seekable frame)
 * @param codecId          the legacy codec id (7 = AVC), or -1 for an enhanced-RTMP header
 * @param avcPacketType    0 = sequence header (AVCDecoderConfigurationRecord), 1 = NAL units, 2 = end of sequence
 * @param compositionTime  presentation minus decoding time in ms (B-frames), signed
 * @param dataOffset       offset in the payload where the AVC data starts
 */
public record FlvVideoTag(boolean keyframe, int codecId, int avcPacketType, int compositionTime, int dataOffset) {
    public static final int CODEC_AVC = 7;
    public static final int SEQUENCE_HEADER = 0;
    public static final int NALU = 1;
    public static final int END_OF_SEQUENCE = 2;

    /**
     * Parses the tag header.
     *
     * @param payload borrowed; not moved
     * @return null if the payload is too short to be a video tag
     */
    public static FlvVideoTag parse(ByteBuf payload) {
        int at = payload.readerIndex();
        if (payload.readableBytes() < 1) {
            return null;
        }
        int first = payload.getUnsignedByte(at);
        if ((first & 0x80) != 0) {
            return new FlvVideoTag((first & 0x70) >> 4 == 1, -1, -1, 0, 1);
        }
        int codec = first & 0x0F;
        boolean keyframe = first >> 4 == 1;
        if (codec != CODEC_AVC) {
            return new FlvVideoTag(keyframe, codec, -1, 0, 1);
        }
        if (payload.readableBytes() < 5) {
            return null;
        }
        int packetType = payload.getUnsignedByte(at + 1);
        int composition = payload.getMedium(at + 2);
        return new FlvVideoTag(keyframe, codec, packetType, composition, 5);
    }

    /** Whether this is an enhanced-RTMP (FourCC) header: HEVC, AV1, VP9... */
    public boolean enhanced() {
        return codecId == -1;
    }
}
