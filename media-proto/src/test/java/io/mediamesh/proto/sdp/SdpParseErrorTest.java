package io.mediamesh.proto.sdp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamesh.proto.MalformedPacketException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed descriptions fail with the line number and what is wrong. */
class SdpParseErrorTest {

    /** The four mandatory session lines; "H|" at the start of a case stands for them. Lines are '|'-separated. */
    private static final String HEAD = "v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|t=0 0|";
    private static final String AUDIO = "H|m=audio 9 RTP/AVP 0|";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("empty text", "", "line 1: missing v= line"),
                Arguments.of("no v=", "o=- 1 2 IN IP4 127.0.0.1|s=-|t=0 0|", "line 1: missing v= line"),
                Arguments.of("version 1", "v=1|o=- 1 2 IN IP4 127.0.0.1|s=-|t=0 0|", "line 1: unsupported SDP version"),
                Arguments.of("short o=", "v=0|o=- 1 2 IN IP4|s=-|t=0 0|", "line 2: o= needs 6"),
                Arguments.of("no s=", "v=0|o=- 1 2 IN IP4 127.0.0.1|t=0 0|", "line 4: missing s= line"),
                Arguments.of("no t=", "v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|m=audio 9 RTP/AVP 0|", "line 4: missing t= line"),
                Arguments.of("o after s", "v=0|s=-|o=- 1 2 IN IP4 127.0.0.1|t=0 0|", "line 3: 'o=' is out of order"),
                Arguments.of("two o=", "v=0|o=- 1 2 IN IP4 127.0.0.1|o=- 1 2 IN IP4 127.0.0.1|s=-|t=0 0|",
                        "line 3: duplicate 'o='"),
                Arguments.of("bad t=", "v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|t=now|", "line 4: t= needs"),
                Arguments.of("unknown type", "H|x=unknown|", "line 5: unknown line type 'x='"),
                Arguments.of("no equals sign", "H|hello world|", "line 5: expected '<type>=<value>'"),
                Arguments.of("upper-case type", "H|A=1|", "line 5: expected '<type>=<value>'"),
                Arguments.of("blank line inside", "H||a=foo|", "line 5: expected '<type>=<value>'"),
                Arguments.of("field after attribute", "H|a=rtcp-mux|c=IN IP4 0.0.0.0|", "line 6: 'c=' is out of order"),
                Arguments.of("r without t", "v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|r=1 2|t=0 0|", "line 4: 'r=' must follow a 't='"),
                Arguments.of("short c=", "H|m=audio 9 RTP/AVP 0|c=IN IP4|", "line 6: c= needs"),
                Arguments.of("m= without formats", "H|m=audio 9 RTP/AVP|", "line 5: bad m= line"),
                Arguments.of("port not a number", "H|m=audio nine RTP/AVP 0|", "line 5: bad m= line: m= port is not a number"),
                Arguments.of("port too large", "H|m=audio 70000 RTP/AVP 0|", "line 5: bad m= line: m= port 70000"),
                Arguments.of("double space", "H|m=audio  9 RTP/AVP 0|", "line 5: bad m= line: fields must be tokens"),
                Arguments.of("t in media", AUDIO + "t=0 0|", "line 6: 't=' is not allowed inside a media"),
                Arguments.of("rtpmap without clock", AUDIO + "a=rtpmap:0 PCMU|", "line 6: a=rtpmap needs"),
                Arguments.of("rtpmap pt", AUDIO + "a=rtpmap:x PCMU/8000|", "line 6: a=rtpmap payload type is not a number"),
                Arguments.of("fmtp pt", AUDIO + "a=fmtp:200 x=1|", "line 6: a=fmtp payload type 200 is outside"),
                Arguments.of("rtcp-fb without type", AUDIO + "a=rtcp-fb:0|", "line 6: a=rtcp-fb needs"),
                Arguments.of("extmap id", AUDIO + "a=extmap:x urn:y|", "line 6: a=extmap id is not a number"),
                Arguments.of("ssrc without attribute", AUDIO + "a=ssrc:12|", "line 6: a=ssrc needs"),
                Arguments.of("empty group", AUDIO + "a=ssrc-group:FID|", "line 6: a=ssrc-group needs"),
                Arguments.of("rid without direction", AUDIO + "a=rid:q|", "line 6: a=rid needs"),
                Arguments.of("simulcast without list", AUDIO + "a=simulcast:send|", "line 6: a=simulcast needs"),
                Arguments.of("empty mid", AUDIO + "a=mid:|", "line 6: a=mid has an empty value"),
                Arguments.of("mid flag", AUDIO + "a=mid|", "line 6: a=mid needs a value"),
                Arguments.of("direction with value", AUDIO + "a=sendonly:yes|", "line 6: a=sendonly is a flag"),
                Arguments.of("bad fingerprint", "H|a=fingerprint:sha-256 zz|",
                        "line 5: a=fingerprint value is not colon-separated hex"),
                Arguments.of("space in name", "H|a=na me:1|", "line 5: attribute name is not a token"),
                Arguments.of("NUL byte", "H|a=x:a\0b|", "line 5: control character 0x0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsWithLineNumberAndReason(String description, String text, String expected) {
        String input = (text.startsWith("H|") ? HEAD + text.substring(2) : text).replace("|", "\r\n");

        assertThatThrownBy(() -> SessionDescription.parse(input))
                .isInstanceOf(SdpParseException.class)
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageStartingWith(expected);
    }
}
