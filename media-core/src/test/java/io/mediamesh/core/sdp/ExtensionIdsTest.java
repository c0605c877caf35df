package io.mediamesh.core.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtensionIdsTest {

    private final ExtensionIds publisher = ExtensionIds.of(Map.of(RtpExtensionUris.MID, 4,
            RtpExtensionUris.ABS_SEND_TIME, 2, RtpExtensionUris.SSRC_AUDIO_LEVEL, 1));
    private final ExtensionIds subscriber = ExtensionIds.of(Map.of(RtpExtensionUris.MID, 9,
            RtpExtensionUris.ABS_SEND_TIME, 2, RtpExtensionUris.VIDEO_ORIENTATION, 255));

    @Test
    void looksUpBothWays() {
        assertThat(publisher.id(RtpExtensionUris.MID)).isEqualTo(4);
        assertThat(publisher.id(RtpExtensionUris.RID)).isEqualTo(-1);
        assertThat(publisher.uri(1)).isEqualTo(RtpExtensionUris.SSRC_AUDIO_LEVEL);
        assertThat(publisher.uri(3)).isNull();
        assertThat(publisher.uri(-1)).isNull();
        assertThat(publisher.uri(300)).isNull();
        assertThat(ExtensionIds.empty().isEmpty()).isTrue();
    }

    @Test
    void remapTableTranslatesSharedUrisAndZeroesTheRest() {
        byte[] table = publisher.remapTo(subscriber);

        assertThat(table).hasSize(256);
        assertThat(table[4]).isEqualTo((byte) 9);
        assertThat(table[2]).isEqualTo((byte) 2);
        assertThat(table[1]).isZero();
        assertThat(subscriber.remapTo(publisher)[255]).isZero();
        assertThat(subscriber.remapTo(subscriber)[255] & 0xFF).isEqualTo(255);
        int nonZero = 0;
        for (byte b : table) {
            nonZero += b != 0 ? 1 : 0;
        }
        assertThat(nonZero).isEqualTo(2);
    }

    @Test
    void rejectsDuplicateAndOutOfRangeIds() {
        assertThatThrownBy(() -> ExtensionIds.of(Map.of("urn:a", 3, "urn:b", 3))).hasMessageContaining("extension id 3 used for both");
        assertThatThrownBy(() -> ExtensionIds.of(Map.of("urn:a", 0))).hasMessageContaining("outside 1..255");
        assertThatThrownBy(() -> ExtensionIds.of(Map.of("urn:a", 256))).hasMessageContaining("outside 1..255");
    }

    @Test
    void equalityIsByMapping() {
        assertThat(ExtensionIds.of(Map.of(RtpExtensionUris.MID, 4))).isEqualTo(ExtensionIds.of(Map.of(RtpExtensionUris.MID, 4)))
                .isNotEqualTo(ExtensionIds.of(Map.of(RtpExtensionUris.MID, 5)));
    }
}
