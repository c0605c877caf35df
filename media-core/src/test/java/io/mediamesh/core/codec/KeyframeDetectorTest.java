package io.mediamesh.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.testsupport.ByteVectors;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyframeDetectorTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            vp8  | 10 9c 01 2a                     | true  | S=1 PID=0, no X; payload header P=0 (key)
            vp8  | 10 9d 01 2a                     | false | P=1: inter frame
            vp8  | 00 9c 01 2a                     | false | S=0: not the start of partition 0
            vp8  | 90 80 81 23 9c                  | true  | X, I with 15-bit picture id 0x0123, then P=0
            vp8  | 90 c0 05 11 9c                  | true  | X, I 7-bit, L (TL0PICIDX); payload P=0
            vp8  | 90 80 81                        | false | truncated before the payload header
            vp9  | 08                              | true  | P=0, B=1, no layers
            vp9  | c8 01                           | false | P=1
            vp9  | a8 02 00                        | true  | L: SID 0 (I=1 7-bit picture id)
            vp9  | a8 02 02                        | false | L: SID 1
            h264 | 65 88 84                        | true  | IDR slice
            h264 | 67 42 e0 1f                     | true  | SPS
            h264 | 41 9a                           | false | non-IDR slice
            h264 | 18 00 02 67 42 00 02 68 ce      | true  | STAP-A with SPS and PPS
            h264 | 18 00 02 09 f0 00 01 41         | false | STAP-A with AUD and a P slice
            h264 | 7c 85 88                        | true  | FU-A start of an IDR
            h264 | 7c 05 88                        | false | FU-A middle of an IDR
            opus | fc ff fe                        | true  | audio is always decodable
            """)
    void detectsKeyframes(String codec, String hex, boolean keyframe, String why) {
        ByteBuf payload = ByteVectors.buf(hex);
        assertThat(KeyframeDetector.isKeyframe(codec, payload, 0, payload.readableBytes())).as(why)
                .isEqualTo(keyframe);
    }

    @ParameterizedTest
    @CsvSource({"vp8,true", "vp9,true", "h264,true", "av1,true", "opus,false"})
    void knowsWhichCodecsNeedAKeyframe(String codec, boolean needs) {
        assertThat(KeyframeDetector.needsKeyframe(codec)).isEqualTo(needs);
    }
}
