package io.mediamesh.core.codec;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static io.mediamesh.testsupport.ByteVectors.toHex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

/**
 * Payload descriptors of real packets: Chrome 81 K-SVC (3 spatial x 3 temporal), Chrome 91 tab capture (flexible
 * mode) and mobile Chrome (flexible, SS without a picture group), as captured in jitsi-videobridge's Vp9PacketTest
 * (Apache-2.0); the RTP header is left out, the VP9 media after the descriptor is kept (truncated).
 */
class Vp9DescriptorTest {
    private final Vp9Descriptor descriptor = new Vp9Descriptor();

    private boolean parse(ByteBuf packet) {
        return descriptor.parse(packet, 0, packet.readableBytes());
    }

    @Test
    void chromeKsvcKeyframeStartWithScalabilityStructure() {
        ByteBuf packet = buf("""
                aa          // I=1 P=0 L=1 F=0 B=1 E=0 V=1 Z=0
                9e65        // M=1, picture id 7781
                00          // TID=0 U=0 SID=0 D=0
                fd          // TL0PICIDX 253
                58          // SS: N_S=2 (3 spatial layers), Y=1, G=1
                0140 00b4   // 320x180
                0280 0168   // 640x360
                0500 02d0   // 1280x720
                04          // N_G=4
                04 04       // TID=0 U=0 R=1, P_DIFF 4
                54 01       // TID=2 U=1 R=1, P_DIFF 1
                34 02       // TID=1 U=1 R=1, P_DIFF 2
                54 01       // TID=2 U=1 R=1, P_DIFF 1
                834983420013f00b3827f8167858e0907063a8000f
                """);
        assertThat(parse(packet)).isTrue();
        assertThat(descriptor.length()).isEqualTo(27);
        assertThat(descriptor.keyframe()).isTrue();
        assertThat(descriptor.pictureId()).isEqualTo(7781);
        assertThat(descriptor.pictureIdBits()).isEqualTo(15);
        assertThat(descriptor.tl0PicIdx()).isEqualTo(253);
        assertThat(descriptor.flexible()).isFalse();
        assertThat(descriptor.spatialLayers()).isEqualTo(3);
        assertThat(descriptor.hasResolutions()).isTrue();
        assertThat(new int[] {descriptor.width(0), descriptor.height(0), descriptor.width(2), descriptor.height(2)})
                .containsExactly(320, 180, 1280, 720);
        assertThat(descriptor.width(1)).isEqualTo(640);
    }

    @Test
    void chromeKsvcUpperSpatialLayerOfTheKeyPicture() {
        ByteBuf packet = buf("""
                a9          // I=1 P=0 L=1 F=0 B=1 E=0 V=0 Z=1
                9e65        // picture id 7781
                05          // TID=0 U=0 SID=2 D=1
                fd          // TL0PICIDX 253
                8704242009fe059ec48704838320830089007fbc
                """);
        assertThat(parse(packet)).isTrue();
        assertThat(descriptor.length()).isEqualTo(5);
        assertThat(descriptor.spatialId()).isEqualTo(2);
        assertThat(descriptor.interLayerDependent()).isTrue();
        assertThat(descriptor.notReferenceForUpperSpatial()).isTrue();
        assertThat(descriptor.keyframe()).as("only spatial layer 0 starts a key picture").isFalse();
        assertThat(descriptor.layerStart()).isTrue();
        assertThat(descriptor.spatialLayers()).isZero();
    }

    @Test
    void chromeKsvcDeltaFrameAtASwitchingUpPoint() {
        ByteBuf packet = buf("""
                ed          // I=1 P=1 L=1 F=0 B=1 E=1 V=0 Z=1
                9e66        // picture id 7782
                52          // TID=2 U=1 SID=1 D=0
                fd          // TL0PICIDX 253
                8710228004fe02cf04ff02cf9211c120e0cab080
                """);
        assertThat(parse(packet)).isTrue();
        assertThat(descriptor.interPicture()).isTrue();
        assertThat(descriptor.beginningOfFrame()).isTrue();
        assertThat(descriptor.endOfFrame()).isTrue();
        assertThat(descriptor.temporalId()).isEqualTo(2);
        assertThat(descriptor.spatialId()).isEqualTo(1);
        assertThat(descriptor.switchingUp()).isTrue();
        assertThat(descriptor.interLayerDependent()).isFalse();
        assertThat(descriptor.keyframe()).isFalse();
        assertThat(descriptor.layerStart()).isFalse();
    }

    @Test
    void chromeTabCaptureFlexibleModeWithOneReference() {
        ByteBuf packet = buf("""
                f8          // I=1 P=1 L=1 F=1 B=1 E=0 V=0 Z=0
                ec57        // picture id 27735
                00          // TID=0 U=0 SID=0 D=0 (flexible: no TL0PICIDX)
                02          // P_DIFF=1 N=0
                870100093f1c120e0cd0198080e030180f824f01
                """);
        assertThat(parse(packet)).isTrue();
        assertThat(descriptor.length()).isEqualTo(5);
        assertThat(descriptor.flexible()).isTrue();
        assertThat(descriptor.tl0PicIdx()).isEqualTo(-1);
        assertThat(descriptor.referenceCount()).isEqualTo(1);
        assertThat(descriptor.pictureId()).isEqualTo(27735);
    }

    @Test
    void mobileChromePortraitKeyframeSsWithoutPictureGroup() {
        ByteBuf packet = buf("""
                be          // I=1 P=0 L=1 F=1 B=1 E=1 V=1 Z=0
                d1d6        // picture id 20950
                10          // TID=0 U=1 SID=0 D=0
                10          // SS: N_S=0, Y=1, G=0
                00b4 0140   // 180x320
                83498342000b3013f8167827
                """);
        assertThat(parse(packet)).isTrue();
        assertThat(descriptor.length()).isEqualTo(9);
        assertThat(descriptor.keyframe()).isTrue();
        assertThat(descriptor.switchingUp()).isTrue();
        assertThat(descriptor.spatialLayers()).isEqualTo(1);
        assertThat(descriptor.width(0)).isEqualTo(180);
        assertThat(descriptor.height(0)).isEqualTo(320);
    }

    @Test
    void withoutLayerIndicesEverythingIsLayerZero() {
        ByteBuf packet = buf("""
                c9          // I=1 P=1 L=0 F=0 B=1 E=0 V=0 Z=1 (Chrome 81 window capture, delta frame)
                a55a        // picture id 9562
                8600409218fc5a0330101c060301f8c9e03049a2
                """);
        assertThat(parse(packet)).isTrue();
        assertThat(descriptor.length()).isEqualTo(3);
        assertThat(descriptor.hasLayerIndices()).isFalse();
        assertThat(descriptor.spatialId()).isZero();
        assertThat(descriptor.temporalId()).isZero();
        assertThat(descriptor.tl0PicIdx()).isEqualTo(-1);
    }

    @Test
    void rewritesPictureIdAndTl0PicIdxInPlace() {
        ByteBuf packet = buf("ed 9e66 52 fd 87");
        assertThat(parse(packet)).isTrue();
        descriptor.writePictureId(packet, 0x8000 + 3);
        descriptor.writeTl0PicIdx(packet, 256 + 7);
        assertThat(toHex(packet)).isEqualTo("ed" + "8003" + "52" + "07" + "87");
        ByteBuf shortId = buf("c0 7f 00");
        assertThat(parse(shortId)).isTrue();
        descriptor.writePictureId(shortId, 0x80);
        assertThat(toHex(shortId)).isEqualTo("c0" + "00" + "00");
    }

    @Test
    void truncatedDescriptorsAreRejected() {
        for (String hex : new String[] {"", "80", "80 9e", "a0 10", "b0 10", "f0 10 01", "f0 10 01 01 01 01",
            "82 10 10 00", "82 18 50 0140 00b4", "82 18 28", "8a 7f 18 0500 02d0 02 04"}) {
            ByteBuf packet = buf(hex);
            assertThat(parse(packet)).as(hex).isFalse();
        }
    }
}
