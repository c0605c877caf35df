package io.mediamesh.rtmp.flv;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.2.4.1) an encoder sends as the AVC sequence header: the
 * profile and level, the size of the NAL unit length fields, and the SPS and PPS NAL units.
 *
 * @param profile       AVCProfileIndication
 * @param compatibility profile_compatibility
 * @param level         AVCLevelIndication
 * @param lengthSize    bytes of each NAL unit's length prefix in later video messages (1, 2 or 4)
 * @param sps           sequence parameter sets (NAL units without start code)
 * @param pps           picture parameter sets
 */
public record AvcDecoderConfig(int profile, int compatibility, int level, int lengthSize, List<byte[]> sps,
        List<byte[]> pps) {

    /**
     * Parses the record.
     *
     * @param in borrowed; read from its reader index to the end
     * @throws IllegalArgumentException when it is truncated or not version 1
     */
    public static AvcDecoderConfig parse(ByteBuf in) {
        try {
            int version = in.readUnsignedByte();
            if (version != 1) {
                throw new IllegalArgumentException("AVCDecoderConfigurationRecord version " + version);
            }
            int profile = in.readUnsignedByte();
            int compatibility = in.readUnsignedByte();
            int level = in.readUnsignedByte();
            int lengthSize = (in.readUnsignedByte() & 0x03) + 1;
            if (lengthSize == 3) {
                throw new IllegalArgumentException("NAL length size 3 is not allowed");
            }
            List<byte[]> sps = readSets(in, in.readUnsignedByte() & 0x1F);
            List<byte[]> pps = readSets(in, in.readUnsignedByte());
            if (sps.isEmpty() || pps.isEmpty()) {
                throw new IllegalArgumentException("AVC sequence header without SPS or PPS");
            }
            return new AvcDecoderConfig(profile, compatibility, level, lengthSize, List.copyOf(sps), List.copyOf(pps));
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated AVCDecoderConfigurationRecord", e);
        }
    }

    private static List<byte[]> readSets(ByteBuf in, int count) {
        List<byte[]> sets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] set = new byte[in.readUnsignedShort()];
            in.readBytes(set);
            sets.add(set);
        }
        return sets;
    }

    /** The SDP {@code profile-level-id}: profile, compatibility and level of the first SPS, as six hex digits. */
    public String profileLevelId() {
        byte[] first = sps.get(0);
        if (first.length >= 4) {
            return String.format("%02x%02x%02x", first[1] & 0xFF, first[2] & 0xFF, first[3] & 0xFF);
        }
        return String.format("%02x%02x%02x", profile, compatibility, level);
    }
}
