package io.mediamesh.sip.message;

import static io.mediamesh.sip.message.SipTexts.crlf;
import static io.mediamesh.sip.message.SipTexts.parse;
import static io.mediamesh.sip.message.SipTexts.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.testsupport.ByteVectors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Serialization, round trips, responses built from requests (RFC 3261 §8.2.6), header values. */
class SipMessageTest {
    static final String INVITE = """
            INVITE sip:bob@biloxi.example.com SIP/2.0
            Via: SIP/2.0/UDP proxy.atlanta.example.com:5060;branch=z9hG4bK2d4790.1
            Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101
            Max-Forwards: 69
            Record-Route: <sip:proxy.atlanta.example.com;lr>
            From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
            To: Bob <sip:bob@biloxi.example.com>
            Call-ID: 3848276298220188511@atlanta.example.com
            CSeq: 1 INVITE
            Contact: <sip:alice@client.atlanta.example.com;transport=tcp>
            Timestamp: 54
            Content-Type: application/sdp
            Content-Length: 5

            v=0
            """;

    @Test
    void roundTripParseSerializeParse() throws Exception {
        SipRequest first = (SipRequest) parse(SipParserTortureTest.WSINV);
        byte[] wire = first.toBytes();
        SipRequest second = (SipRequest) SipParser.parse(wire);

        assertThat(second.startLine()).isEqualTo(first.startLine());
        assertThat(second.headers()).isEqualTo(first.headers());
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.vias()).isEqualTo(first.vias());
        assertThat(second.from()).isEqualTo(first.from());
        assertThat(second.contacts()).isEqualTo(first.contacts());
        assertThat(second.toBytes()).isEqualTo(wire);
        assertThat(text(wire)).contains("\r\nTo: sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n\r\n")
                .contains("\r\nCSeq: 0009 INVITE\r\n").contains("\r\nContact: ").contains("\r\nSubject: \r\n");
    }

    @Test
    void serializesToTheExpectedBytes() {
        SipRequest options = new SipRequest("OPTIONS", "sip:a@b");
        options.addHeader("v", "SIP/2.0/UDP h;branch=z9hG4bKx")
                .addHeader("Call-ID", "c")
                .addHeader("CSeq", "1 OPTIONS")
                .setBody("text/plain", "hi".getBytes(StandardCharsets.US_ASCII));
        byte[] expected = ByteVectors.hex("""
                4f 50 54 49 4f 4e 53 20 73 69 70 3a 61 40 62 20 53 49 50 2f 32 2e 30 0d 0a // OPTIONS sip:a@b SIP/2.0
                56 69 61 3a 20 53 49 50 2f 32 2e 30 2f 55 44 50 20 68 3b                     // Via: SIP/2.0/UDP h;
                62 72 61 6e 63 68 3d 7a 39 68 47 34 62 4b 78 0d 0a                           // branch=z9hG4bKx
                43 61 6c 6c 2d 49 44 3a 20 63 0d 0a                                          // Call-ID: c
                43 53 65 71 3a 20 31 20 4f 50 54 49 4f 4e 53 0d 0a                           // CSeq: 1 OPTIONS
                43 6f 6e 74 65 6e 74 2d 54 79 70 65 3a 20 74 65 78 74 2f 70 6c 61 69 6e 0d 0a // Content-Type: text/plain
                43 6f 6e 74 65 6e 74 2d 4c 65 6e 67 74 68 3a 20 32 0d 0a                     // Content-Length: 2
                0d 0a 68 69                                                                  // CRLF hi
                """);
        assertThat(options.toBytes()).isEqualTo(expected);
    }

    @Test
    void contentLengthOnTheWireFollowsTheBody() throws Exception {
        SipRequest request = (SipRequest) parse(INVITE);
        request.setBody(null, new byte[0]);
        assertThat(text(request.toBytes())).contains("\r\nContent-Length: 0\r\n\r\n").doesNotContain("Content-Type");
        SipRequest bare = new SipRequest("ACK", "sip:x@y");
        assertThat(text(bare.toBytes())).isEqualTo("ACK sip:x@y SIP/2.0\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void dialogCreatingResponseCopiesRecordRouteAndAddsTheToTag() throws Exception {
        SipRequest invite = (SipRequest) parse(INVITE);
        SipResponse ringing = invite.createResponse(180, null, "8321234356");

        assertThat(text(ringing.toBytes())).isEqualTo(text(crlf("""
                SIP/2.0 180 Ringing
                Via: SIP/2.0/UDP proxy.atlanta.example.com:5060;branch=z9hG4bK2d4790.1
                Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101
                Record-Route: <sip:proxy.atlanta.example.com;lr>
                From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
                To: Bob <sip:bob@biloxi.example.com>;tag=8321234356
                Call-ID: 3848276298220188511@atlanta.example.com
                CSeq: 1 INVITE
                Content-Length: 0

                """)));
    }

    @Test
    void trying100KeepsToAndTimestampAndFailuresDropRecordRoute() throws Exception {
        SipRequest invite = (SipRequest) parse(INVITE);
        SipResponse trying = invite.createResponse(100);
        assertThat(trying.to().tag()).isNull();
        assertThat(trying.header("Timestamp")).isEqualTo("54");
        assertThat(trying.recordRoutes()).as("a 100 creates no dialog").isEmpty();

        SipResponse busy = invite.createResponse(486, null, "t1");
        assertThat(busy.reasonPhrase()).isEqualTo("Busy Here");
        assertThat(busy.recordRoutes()).isEmpty();
        assertThat(busy.header("Timestamp")).isNull();
        assertThat(busy.vias()).hasSize(2);
        assertThat(busy.to().tag()).isEqualTo("t1");

        SipRequest bye = (SipRequest) parse(INVITE.replace("INVITE", "BYE")
                .replace("Bob <sip:bob@biloxi.example.com>", "Bob <sip:bob@biloxi.example.com>;tag=old"));
        SipResponse ok = bye.createResponse(200, null, "new");
        assertThat(ok.to().tag()).isEqualTo("old");
        assertThat(ok.recordRoutes()).isEmpty();
    }

    @Test
    void viaParametersAndStamping() throws Exception {
        Via via = Via.parse("SIP/2.0/udp [2001:db8::9]:5080 ;branch=z9hG4bKnashds7 ; rport ;received=10.0.0.1");
        assertThat(via.transport()).isEqualTo("UDP");
        assertThat(via.host()).isEqualTo("[2001:db8::9]");
        assertThat(via.port()).isEqualTo(5080);
        assertThat(via.sentBy()).isEqualTo("[2001:db8::9]:5080");
        assertThat(via.hasRport()).isTrue();
        assertThat(via.rport()).isEqualTo(-1);
        assertThat(via.received()).isEqualTo("10.0.0.1");
        Via stamped = via.withParam("received", "192.0.2.7").withParam("rport", "40000");
        assertThat(stamped.toString())
                .isEqualTo("SIP/2.0/UDP [2001:db8::9]:5080;branch=z9hG4bKnashds7;rport=40000;received=192.0.2.7");
        assertThat(stamped.rport()).isEqualTo(40000);

        SipRequest invite = (SipRequest) parse(INVITE.replace("Via: SIP/2.0/UDP client",
                "Via: SIP/2.0/TCP a.example.com, SIP/2.0/UDP client"));
        invite.setTopVia(invite.topVia().withParam("received", "192.0.2.1"));
        assertThat(invite.vias()).hasSize(3);
        assertThat(invite.topVia().received()).isEqualTo("192.0.2.1");
        invite.addHeaderFirst("Via", "SIP/2.0/TCP gw.example.com;branch=z9hG4bKgw");
        assertThat(invite.topVia().host()).isEqualTo("gw.example.com");
        assertThat(invite.vias()).hasSize(4);
    }

    @Test
    void authenticationHeaders() throws Exception {
        SipResponse challenge = (SipResponse) parse("""
                SIP/2.0 401 Unauthorized
                Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKa
                From: <sip:a@example.com>;tag=1
                To: <sip:a@example.com>;tag=2
                Call-ID: reg1
                CSeq: 1 REGISTER
                WWW-Authenticate: Digest realm="example.com", qop="auth,auth-int",
                  nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", algorithm=SHA-256, stale=FALSE
                Content-Length: 0

                """);
        AuthHeader www = challenge.auth(HeaderNames.WWW_AUTHENTICATE);
        assertThat(www.scheme()).isEqualTo("Digest");
        assertThat(www.param("realm")).isEqualTo("example.com");
        assertThat(www.param("QOP")).isEqualTo("auth,auth-int");
        assertThat(www.param("algorithm")).isEqualTo("SHA-256");
        assertThat(www.toString()).isEqualTo("Digest realm=\"example.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", algorithm=SHA-256, stale=FALSE");

        AuthHeader credentials = AuthHeader.parse("Digest username=\"bob\", realm=\"example.com\", "
                + "nonce=\"n\", uri=\"sip:example.com\", response=\"6629fae49393a05397450978507c4ef1\", "
                + "qop=auth, nc=00000001, cnonce=\"0a4f113b\"");
        assertThat(credentials.param("username")).isEqualTo("bob");
        assertThat(credentials.param("nc")).isEqualTo("00000001");
        assertThat(AuthHeader.parse(credentials.toString())).isEqualTo(credentials);
        assertThat(credentials.toString()).contains(", qop=auth, nc=00000001, ");
    }

    @Test
    void compactHeaderNamesAreExpanded() throws Exception {
        SipRequest request = (SipRequest) parse("""
                MESSAGE sip:bob@example.com SIP/2.0
                v: SIP/2.0/TCP 192.0.2.4;branch=z9hG4bKc
                f: <sip:alice@example.com>;tag=a
                t: <sip:bob@example.com>
                i: compact@example.com
                CSeq: 2 MESSAGE
                m: <sip:alice@192.0.2.4>
                k: path, outbound
                s: hello
                c: text/plain
                l: 2

                hi""");
        assertThat(request.headers()).extracting(SipHeader::name).containsExactly("Via", "From", "To", "Call-ID",
                "CSeq", "Contact", "Supported", "Subject", "Content-Type", "Content-Length");
        assertThat(request.headerValues("Supported")).containsExactly("path", "outbound");
        request.setHeader("k", "");
        assertThat(request.headerValues("Supported")).isEmpty();
        assertThat(request.header("Supported")).isEmpty();
        assertThat(request.header("SUBJECT")).isEqualTo("hello");
        assertThat(request.contentType()).isEqualTo("text/plain");
        assertThat(new String(request.body(), StandardCharsets.US_ASCII)).isEqualTo("hi");
    }
}
