package io.mediamesh.core.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaDescriptorTest {

    @Test
    void roundTripsCodecsRtxFmtpAndExtensions() {
        NegotiatedMedia published = new NegotiatedMedia(1, "1", MediaKind.VIDEO, "recvonly", List.of(
                new NegotiatedCodec("vp8", 96, 90000, 0, "", 97, List.of("nack")),
                new NegotiatedCodec("h264", 102, 90000, 0,
                        "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", 103, List.of())),
                ExtensionIds.of(Map.of(RtpExtensionUris.ABS_SEND_TIME, 2, RtpExtensionUris.MID, 4)),
                List.of(new RemoteStream(1, 2, null, "c")), List.of(), false, "s t", -1, -1);

        String text = MediaDescriptor.encode(published);
        NegotiatedMedia relayed = MediaDescriptor.decode(text, MediaKind.VIDEO, "r");

        assertThat(relayed.codecs()).extracting(NegotiatedCodec::name, NegotiatedCodec::payloadType,
                NegotiatedCodec::rtxPayloadType, NegotiatedCodec::fmtp).containsExactly(
                org.assertj.core.groups.Tuple.tuple("vp8", 96, 97, ""),
                org.assertj.core.groups.Tuple.tuple("h264", 102, 103,
                        "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f"));
        assertThat(relayed.extensions()).isEqualTo(published.extensions());
        assertThat(relayed.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(relayed.remoteStreams()).isEmpty();
    }

    @Test
    void opusKeepsItsChannels() {
        NegotiatedMedia audio = new NegotiatedMedia(0, "0", MediaKind.AUDIO, "recvonly",
                List.of(new NegotiatedCodec("opus", 111, 48000, 2, "minptime=10;useinbandfec=1", -1, List.of())),
                ExtensionIds.of(Map.of(RtpExtensionUris.SSRC_AUDIO_LEVEL, 1)), List.of(), List.of(), false, null,
                -1, -1);
        NegotiatedCodec opus = MediaDescriptor.decode(MediaDescriptor.encode(audio), MediaKind.AUDIO, "a")
                .codecs().get(0);
        assertThat(opus.channels()).isEqualTo(2);
        assertThat(opus.clockRate()).isEqualTo(48000);
        assertThat(opus.fmtp()).isEqualTo("minptime=10;useinbandfec=1");
    }

    @Test
    void refusesTextItDidNotWrite() {
        assertThatThrownBy(() -> MediaDescriptor.decode("", MediaKind.AUDIO, "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without codecs");
        assertThatThrownBy(() -> MediaDescriptor.decode("c,opus,x,48000,2,-1,", MediaKind.AUDIO, "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad number");
        assertThatThrownBy(() -> MediaDescriptor.decode("q,1", MediaKind.AUDIO, "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a media descriptor");
    }
}
