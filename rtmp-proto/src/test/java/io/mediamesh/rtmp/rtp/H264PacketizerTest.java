package io.mediamesh.rtmp.rtp;

import static io.mediamesh.testsupport.ByteVectors.hex;
import static io.mediamesh.testsupport.ByteVectors.toHex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class H264PacketizerTest {
    private static final byte[] SPS = hex("6742c01e d9005005bb011000 0003001000000300f03c58b920");
    private static final byte[] PPS = hex("68cb83cb20");
    private static final byte[] AUD = hex("09f0");
    private final List<byte[]> packets = new ArrayList<>();
    private final H264Packetizer packetizer = new H264Packetizer(
            new RtpPacketWriter(ByteBufAllocator.DEFAULT, 102, 0x11223344, 1000), 1200);

    @Test
    void idrGetsParameterSetsInOneStapAThenFuAFragments() {
        packetizer.parameterSets(List.of(SPS), List.of(PPS));
        byte[] idr = nal(0x65, 3000);
        int sent = packetizer.packetize(lengthPrefixed(4, AUD, idr), 4, 90_000, this::record);
        assertThat(sent).isEqualTo(packets.size()).isEqualTo(1 + 3);

        byte[] stap = packets.get(0);
        assertThat(toHex(header(stap))).isEqualTo("8066" + "03e8" + "00015f90" + "11223344");
        assertThat(toHex(payload(stap))).isEqualTo("78" + String.format("%04x", SPS.length) + toHex(SPS)
                + String.format("%04x", PPS.length) + toHex(PPS));

        ByteArrayOutputStream reassembled = new ByteArrayOutputStream();
        reassembled.write(0x65);
        for (int i = 1; i < packets.size(); i++) {
            byte[] payload = payload(packets.get(i));
            boolean first = i == 1;
            boolean last = i == packets.size() - 1;
            assertThat(payload[0] & 0xFF).as("FU indicator: NRI of the IDR, type 28").isEqualTo(0x60 | 28);
            assertThat(payload[1] & 0xFF).as("FU header of fragment %d", i)
                    .isEqualTo((first ? 0x80 : 0) | (last ? 0x40 : 0) | 5);
            assertThat(payload.length).isLessThanOrEqualTo(1200);
            assertThat((packets.get(i)[1] & 0x80) != 0).as("marker only on the last packet").isEqualTo(last);
            assertThat(((packets.get(i)[2] & 0xFF) << 8 | (packets.get(i)[3] & 0xFF))).isEqualTo(1000 + i);
            reassembled.write(payload, 2, payload.length - 2);
        }
        assertThat(reassembled.toByteArray()).isEqualTo(idr);
    }

    @Test
    void smallNalUnitsGoAloneAndOnlyTheLastHasTheMarker() {
        byte[] sei = nal(0x06, 20);
        byte[] slice = nal(0x41, 500);
        packetizer.packetize(lengthPrefixed(2, sei, slice), 2, 3000, this::record);
        assertThat(packets).hasSize(2);
        assertThat(payload(packets.get(0))).isEqualTo(sei);
        assertThat(payload(packets.get(1))).isEqualTo(slice);
        assertThat(packets.get(0)[1] & 0x80).isZero();
        assertThat(packets.get(1)[1] & 0x80).isEqualTo(0x80);
    }

    @Test
    void inBandParameterSetsBeforeAnIdrAreNotSentTwice() {
        packetizer.parameterSets(List.of(SPS), List.of(PPS));
        packetizer.packetize(lengthPrefixed(4, SPS, PPS, nal(0x65, 100)), 4, 0, this::record);
        assertThat(packets).hasSize(2);
        assertThat(payload(packets.get(0))[0] & 0x1F).isEqualTo(24);
        assertThat(payload(packets.get(1))[0] & 0x1F).isEqualTo(5);
    }

    @Test
    void aLengthPastTheEndSendsNothing() {
        ByteBuf broken = Unpooled.buffer().writeInt(5000).writeBytes(nal(0x41, 10));
        assertThatThrownBy(() -> packetizer.packetize(broken, 4, 0, this::record))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs past");
        assertThat(packets).isEmpty();
    }

    private void record(ByteBuf packet) {
        packets.add(ByteBufUtil.getBytes(packet));
    }

    private static byte[] header(byte[] packet) {
        return java.util.Arrays.copyOf(packet, 12);
    }

    private static byte[] payload(byte[] packet) {
        return java.util.Arrays.copyOfRange(packet, 12, packet.length);
    }

    private static byte[] nal(int header, int length) {
        byte[] nal = new byte[length];
        nal[0] = (byte) header;
        for (int i = 1; i < length; i++) {
            nal[i] = (byte) (i * 13 + 1);
        }
        return nal;
    }

    private static ByteBuf lengthPrefixed(int lengthSize, byte[]... nals) {
        ByteBuf out = Unpooled.buffer();
        for (byte[] nal : nals) {
            if (lengthSize == 4) {
                out.writeInt(nal.length);
            } else {
                out.writeShort(nal.length);
            }
            out.writeBytes(nal);
        }
        return out;
    }
}
