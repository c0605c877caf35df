package io.mediamesh.rtmp.flv;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlvTagsTest {

    @Test
    void avcSequenceHeaderAndNaluTags() {
        FlvVideoTag header = FlvVideoTag.parse(buf("17 00 000000"));
        assertThat(header).isEqualTo(new FlvVideoTag(true, 7, 0, 0, 5));
        FlvVideoTag bFrame = FlvVideoTag.parse(buf("27 01 FFFFDF 00000002 0104"));
        assertThat(bFrame.keyframe()).isFalse();
        assertThat(bFrame.avcPacketType()).isEqualTo(FlvVideoTag.NALU);
        assertThat(bFrame.compositionTime()).as("signed 24-bit").isEqualTo(-33);
    }

    @Test
    void enhancedRtmpAndOtherCodecsAreRecognised() {
        assertThat(FlvVideoTag.parse(buf("90 68766331")).enhanced()).as("HEVC by FourCC").isTrue();
        assertThat(FlvVideoTag.parse(buf("12 00")).codecId()).as("Sorenson H.263").isEqualTo(2);
        assertThat(FlvVideoTag.parse(buf(""))).isNull();
    }

    @Test
    void decoderConfigurationRecordGivesParameterSetsAndProfileLevelId() {
        AvcDecoderConfig config = AvcDecoderConfig.parse(buf("""
                01 64 00 1f FF        // version 1, High, compat 0, level 3.1, 4-byte lengths
                E1 0004 6764001f      // one SPS
                01 0003 68ebe3        // one PPS
                """));
        assertThat(config.lengthSize()).isEqualTo(4);
        assertThat(config.sps()).hasSize(1);
        assertThat(config.pps().get(0)).containsExactly(0x68, 0xeb, 0xe3);
        assertThat(config.profileLevelId()).isEqualTo("64001f");
        assertThatThrownBy(() -> AvcDecoderConfig.parse(buf("01 64 00 1f FF E1 0004 67")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    }

    @Test
    void aacTags() {
        assertThat(FlvAudioTag.parse(buf("AF 00 1210"))).isEqualTo(new FlvAudioTag(10, 0, 2));
        assertThat(FlvAudioTag.parse(buf("AF 01 21"))).isEqualTo(new FlvAudioTag(10, 1, 2));
        assertThat(FlvAudioTag.parse(buf("2F")).soundFormat()).as("MP3").isEqualTo(2);
    }
}
