package io.mediamesh.proto.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class SessionDescriptionRoundTripTest {

    static final List<String> FIXTURES = List.of(Fixtures.ALL);

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void unmodifiedChromiumOfferSerialisesToTheOriginalBytes(String fixture) {
        String text = Fixtures.load(fixture);
        assertThat(text).contains("\r\n").endsWith("\r\n");

        assertThat(SessionDescription.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void parseToStringParseGivesAnEqualModel(String fixture) {
        SessionDescription first = SessionDescription.parse(Fixtures.load(fixture));

        SessionDescription second = SessionDescription.parse(first.toString());

        assertThat(second).isEqualTo(first);
        assertThat(second.media()).hasSameSizeAs(first.media());
    }

    @Test
    void lfOnlyInputIsAcceptedAndWrittenBackWithCrlf() {
        String crlf = Fixtures.load(Fixtures.VIEWER);
        String lf = crlf.replace("\r\n", "\n");

        SessionDescription sdp = SessionDescription.parse(lf);

        assertThat(sdp.toString()).isEqualTo(crlf);
    }

    @Test
    void aMissingFinalLineEndingStillParsesEveryLine() {
        String text = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\na=sendonly";

        SessionDescription sdp = SessionDescription.parse(text);

        assertThat(sdp.media().get(0).direction()).isEqualTo("sendonly");
        assertThat(sdp.toString()).isEqualTo(text + "\r\n");
    }

    @Test
    void aModelBuiltByHandSerialisesInFieldThenAttributeOrder() {
        MediaDescription audio = MediaDescription.of("audio", 9, "UDP/TLS/RTP/SAVPF", List.of("111"),
                "IN IP4 0.0.0.0", List.of(new SdpAttribute("mid", "0"), SdpAttribute.flag("recvonly"),
                        new SdpAttribute("rtpmap", "111 opus/48000/2")));
        SessionDescription sdp = new SessionDescription(
                List.of(new SdpLine('v', "0"), new SdpLine('o', "- 1 2 IN IP4 127.0.0.1"), new SdpLine('s', "-"),
                        new SdpLine('t', "0 0")),
                List.of(SdpAttribute.flag("ice-lite"), new SdpAttribute("group", "BUNDLE 0")), List.of(audio));

        assertThat(sdp.toString()).isEqualTo("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "a=ice-lite\r\na=group:BUNDLE 0\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n"
                + "a=mid:0\r\na=recvonly\r\na=rtpmap:111 opus/48000/2\r\n");
        assertThat(SessionDescription.parse(sdp.toString())).isEqualTo(sdp);
    }

    @Test
    void emptyValueAndFlagAttributesStayDistinct() {
        String text = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=x-flag\r\na=x-empty:\r\n";

        SessionDescription sdp = SessionDescription.parse(text);

        assertThat(sdp.attributes()).containsExactly(SdpAttribute.flag("x-flag"), new SdpAttribute("x-empty", ""));
        assertThat(sdp.toString()).isEqualTo(text);
    }
}
