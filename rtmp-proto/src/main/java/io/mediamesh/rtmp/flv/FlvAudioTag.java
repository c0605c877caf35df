package io.mediamesh.rtmp.flv;

import io.netty.buffer.ByteBuf;

/**
 * The header of an RTMP audio message (an FLV AUDIODATA tag body, FLV specification 10.1 §E.4.2.1).
 *
 * @param soundFormat   10 = AAC (the only one ingested), others are reported so the caller can refuse them
 * @param aacPacketType 0 = AudioSpecificConfig, 1 = raw AAC frame; -1 when not AAC
 * @param dataOffset    offset in the payload where the codec data starts
 */
public record FlvAudioTag(int soundFormat, int aacPacketType, int dataOffset) {
    public static final int FORMAT_AAC = 10;
    public static final int AAC_SEQUENCE_HEADER = 0;
    public static final int AAC_RAW = 1;

    /**
     * @param payload borrowed; not moved
     * @return null when too short
     */
    public static FlvAudioTag parse(ByteBuf payload) {
        if (payload.readableBytes() < 1) {
            return null;
        }
        int format = payload.getUnsignedByte(payload.readerIndex()) >> 4;
        if (format != FORMAT_AAC) {
            return new FlvAudioTag(format, -1, 1);
        }
        if (payload.readableBytes() < 2) {
            return null;
        }
        return new FlvAudioTag(format, payload.getUnsignedByte(payload.readerIndex() + 1), 2);
    }
}
