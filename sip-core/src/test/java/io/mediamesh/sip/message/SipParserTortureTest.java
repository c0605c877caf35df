package io.mediamesh.sip.message;

import static io.mediamesh.sip.message.SipTexts.crlf;
import static io.mediamesh.sip.message.SipTexts.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The valid messages of RFC 4475 §3.1.1 that a gateway must read. */
class SipParserTortureTest {

    /** RFC 4475 §3.1.1.1 "wsinv". */
    static final String WSINV = """
            INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0
            TO :
             sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n
            from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>
              ;
              tag = 98asjd8
            MaX-fOrWaRdS: 0068
            Call-ID: wsinv.ndaksdj@192.0.2.1
            Content-Length   : 150
            cseq: 0009
              INVITE
            Via  : SIP  /   2.0
             /UDP
                192.0.2.2;branch=390skdjuw
            s :
            NewFangledHeader:   newfangled value
             continued newfangled value
            UnknownHeaderWithUnusualValue: ;;,,;;,;
            Content-Type: application/sdp
            Route:
             <sip:services.example.com;lr;unknownwith=value;unknown-no-value>
            v:  SIP  / 2.0  / TCP     spindle.example.com   ;
              branch  =   z9hG4bK9ikj8  ,
             SIP  /    2.0   / UDP  192.168.255.111   ; branch=
             z9hG4bK30239
            m:"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam =
                  newvalue ;
              secondparam ; q = 0.33

            v=0
            o=mhandley 29739 7272939 IN IP4 192.0.2.3
            s=-
            c=IN IP4 192.0.2.4
            t=0 0
            m=audio 49217 RTP/AVP 0 12
            m=video 3227 RTP/AVP 31
            a=rtpmap:31 LPC
            """;

    @Test
    void wsinvShortTortuousInvite() throws Exception {
        SipRequest invite = (SipRequest) parse(WSINV);

        assertThat(invite.method()).isEqualTo("INVITE");
        assertThat(invite.requestUri()).isEqualTo("sip:vivekg@chair-dnrc.example.com;unknownparam");
        assertThat(invite.to().uri()).isEqualTo("sip:vivekg@chair-dnrc.example.com");
        assertThat(invite.to().tag()).isEqualTo("1918181833n");
        assertThat(invite.from().displayName()).isEqualTo("J Rosenberg \\\"");
        assertThat(invite.from().uri()).isEqualTo("sip:jdrosen@example.com");
        assertThat(invite.from().tag()).isEqualTo("98asjd8");
        assertThat(invite.maxForwards()).isEqualTo(68);
        assertThat(invite.callId()).isEqualTo("wsinv.ndaksdj@192.0.2.1");
        assertThat(invite.cseq()).isEqualTo(new CSeq(9, "INVITE"));
        assertThat(invite.vias()).hasSize(3);
        Via top = invite.topVia();
        assertThat(top.transport()).isEqualTo("UDP");
        assertThat(top.host()).isEqualTo("192.0.2.2");
        assertThat(top.port()).isEqualTo(-1);
        assertThat(top.branch()).isEqualTo("390skdjuw");
        assertThat(top.hasRfc3261Branch()).isFalse();
        assertThat(invite.vias().get(1).transport()).isEqualTo("TCP");
        assertThat(invite.vias().get(1).sentBy()).isEqualTo("spindle.example.com");
        assertThat(invite.vias().get(1).branch()).isEqualTo("z9hG4bK9ikj8");
        assertThat(invite.vias().get(2).host()).isEqualTo("192.168.255.111");
        assertThat(invite.vias().get(2).branch()).isEqualTo("z9hG4bK30239");
        assertThat(invite.header("Subject")).isEmpty();
        assertThat(invite.header("s")).isEmpty();
        assertThat(invite.header("newfangledheader")).isEqualTo("newfangled value continued newfangled value");
        assertThat(invite.header("UnknownHeaderWithUnusualValue")).isEqualTo(";;,,;;,;");
        assertThat(invite.contentType()).isEqualTo("application/sdp");
        assertThat(invite.routes()).extracting(NameAddress::uri)
                .containsExactly("sip:services.example.com;lr;unknownwith=value;unknown-no-value");
        assertThat(invite.contacts()).hasSize(1);
        NameAddress contact = invite.contacts().get(0);
        assertThat(contact.displayName()).isEqualTo("Quoted string \"\"");
        assertThat(contact.uri()).isEqualTo("sip:jdrosen@example.com");
        assertThat(contact.param("newparam")).isEqualTo("newvalue");
        assertThat(contact.params()).containsKey("secondparam");
        assertThat(contact.param("secondparam")).isNull();
        assertThat(contact.param("q")).isEqualTo("0.33");
        assertThat(invite.contentLength()).isEqualTo(150);
        assertThat(invite.bodyLength()).isEqualTo(150);
        assertThat(new String(invite.body(), StandardCharsets.US_ASCII)).startsWith("v=0\r\n").endsWith("LPC\r\n");
    }

    @Test
    void bareLfLineEndsAndLeadingCrlfsAreTolerated() throws Exception {
        String head = WSINV.substring(0, WSINV.indexOf("\n\n"));
        String body = WSINV.substring(WSINV.indexOf("\n\n") + 2).replace("\n", "\r\n");
        byte[] lf = ("\r\n\r\n" + head + "\n\n" + body).getBytes(StandardCharsets.UTF_8);
        SipRequest invite = (SipRequest) SipParser.parse(lf);
        assertThat(invite.vias()).hasSize(3);
        assertThat(invite.cseq()).isEqualTo(new CSeq(9, "INVITE"));
        assertThat(invite.bodyLength()).isEqualTo(150);
    }

    /** RFC 4475 §3.1.1.2 "intmeth": the full range of token characters, quoted-pairs with control characters. */
    @Test
    void intmethWideRangeOfValidCharacters() throws Exception {
        String method = "!interesting-Method0123456789_*+`.%indeed'~";
        String text = method + " sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too"
                + ".(doesn't-it)@example.com SIP/2.0\n"
                + "Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~\n"
                + "To: \"BEL:\\\u0007 NUL:\\\u0000 DEL:\\\u007f\" <sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*"
                + "@example.com>\n"
                + "From: token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*_!.-%="
                + "\"\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439\";tag=_token~1'+`*%!-.\n"
                + "Call-ID: intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{\n"
                + "CSeq: 139122385 " + method + "\n"
                + "Max-Forwards: 255\n"
                + "extensionHeader-!.%*+_`'~:\ufeff\u5927\u505c\u96fb\n"
                + "Content-Length: 0\n\n";
        SipRequest request = (SipRequest) parse(text);

        assertThat(request.method()).isEqualTo(method);
        assertThat(request.cseq()).isEqualTo(new CSeq(139122385, method));
        assertThat(request.topVia().branch()).isEqualTo("z9hG4bK-.!%66*_+`'~");
        assertThat(request.to().displayName()).isEqualTo("BEL:\u0007 NUL:\u0000 DEL:\u007f");
        assertThat(request.from().displayName()).isEqualTo("token1~` token2'+_ token3*%!.-");
        assertThat(request.from().tag()).isEqualTo("_token~1'+`*%!-.");
        assertThat(request.from().param("fromParam''~+*_!.-%"))
                .isEqualTo("\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439");
        assertThat(request.callId()).isEqualTo("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
        assertThat(request.maxForwards()).isEqualTo(255);
        assertThat(request.header("extensionHeader-!.%*+_`'~")).isEqualTo("\ufeff\u5927\u505c\u96fb");
    }

    /** RFC 4475 §3.1.1.3 "esc01": escapes stay as written; the application compares URIs. */
    @Test
    void esc01EscapedUris() throws Exception {
        SipRequest request = (SipRequest) parse("""
                INVITE sip:sips%3Auser%40example.com@example.net SIP/2.0
                To: sip:%75se%72@example.com
                From: <sip:I%20have%20spaces@example.net>;tag=938
                Max-Forwards: 87
                i: esc01.239409asdfakjkn23onasd0-3234
                CSeq: 234234 INVITE
                Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bKkdjuw
                C: application/sdp
                Contact:
                  <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>
                Content-Length: 150

                v=0
                o=mhandley 29739 7272939 IN IP4 192.0.2.1
                s=-
                c=IN IP4 192.0.2.1
                t=0 0
                m=audio 49217 RTP/AVP 0 12
                m=video 3227 RTP/AVP 31
                a=rtpmap:31 LPC
                """);
        assertThat(request.requestUri()).isEqualTo("sip:sips%3Auser%40example.com@example.net");
        assertThat(request.to().uri()).isEqualTo("sip:%75se%72@example.com");
        assertThat(request.from().uri()).isEqualTo("sip:I%20have%20spaces@example.net");
        assertThat(request.callId()).isEqualTo("esc01.239409asdfakjkn23onasd0-3234");
        assertThat(request.contentType()).isEqualTo("application/sdp");
        assertThat(request.contacts().get(0).uri())
                .isEqualTo("sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31");
        assertThat(request.bodyLength()).isEqualTo(150);
    }

    /** RFC 4475 §3.1.1.4 "escnull": %00 in user parts; two Contact lines; "L:0". */
    @Test
    void escnullNullsInUserParts() throws Exception {
        SipRequest request = (SipRequest) parse("""
                REGISTER sip:example.com SIP/2.0
                To: sip:null-%00-null@example.com
                From: sip:null-%00-null@example.com;tag=839923423
                Max-Forwards: 70
                Call-ID: escnull.39203ndfvkjdasfkq3w4otrq0adsfdfnavd
                CSeq: 14398234 REGISTER
                Via: SIP/2.0/UDP host5.example.com;branch=z9hG4bKkdjuw
                Contact: <sip:%00@host5.example.com>
                Contact: <sip:%00%00@host5.example.com>
                L:0

                """);
        assertThat(request.from().uri()).isEqualTo("sip:null-%00-null@example.com");
        assertThat(request.from().tag()).isEqualTo("839923423");
        assertThat(request.contacts()).extracting(NameAddress::uri)
                .containsExactly("sip:%00@host5.example.com", "sip:%00%00@host5.example.com");
        assertThat(request.contentLength()).isZero();
    }

    /** RFC 4475 §3.1.1.5 "esc02": % is no escape in methods, display names and header names. */
    @Test
    void esc02PercentThatIsNotAnEscape() throws Exception {
        SipRequest request = (SipRequest) parse("""
                RE%47IST%45R sip:registrar.example.com SIP/2.0
                To: "%Z%45" <sip:resource@example.com>
                From: "%Z%45" <sip:resource@example.com>;tag=f232jadfj23
                Call-ID: esc02.asdfnqwo34rq23i34jrjasdcnl23nrlknsdf
                Via: SIP/2.0/TCP host.example.com;branch=z9hG4bK209%fzsnel234
                CSeq: 29344 RE%47IST%45R
                Max-Forwards: 70
                Contact: <sip:alias1@host1.example.com>
                C%6Fntact: <sip:alias2@host2.example.com>
                Contact: <sip:alias3@host3.example.com>
                l: 0

                """);
        assertThat(request.method()).isEqualTo("RE%47IST%45R").isNotEqualTo("REGISTER");
        assertThat(request.to().displayName()).isEqualTo("%Z%45");
        assertThat(request.topVia().branch()).isEqualTo("z9hG4bK209%fzsnel234");
        assertThat(request.contacts()).extracting(NameAddress::uri)
                .containsExactly("sip:alias1@host1.example.com", "sip:alias3@host3.example.com");
        assertThat(request.header("C%6Fntact")).isEqualTo("<sip:alias2@host2.example.com>");
    }

    /** RFC 4475 §3.1.1.9 "dblreq" in spirit: bytes after the Content-Length body are not part of the message. */
    @Test
    void bytesAfterTheBodyAreIgnored() throws Exception {
        byte[] twice = crlf("""
                REGISTER sip:example.com SIP/2.0
                To: sip:j.user@example.com
                From: sip:j.user@example.com;tag=43251j3j324
                Max-Forwards: 8
                I: dblreq.0ha0isndaksdj99sdfafnl3lk233412
                Contact: sip:j.user@host.example.com
                CSeq: 8 REGISTER
                Via: SIP/2.0/UDP 192.0.2.125;branch=z9hG4bKkdjuw23492
                Content-Length: 0

                INVITE sip:joe@example.com SIP/2.0
                t: sip:joe@example.com
                """);
        SipRequest request = (SipRequest) SipParser.parse(twice);
        assertThat(request.method()).isEqualTo("REGISTER");
        assertThat(request.bodyLength()).isZero();
        assertThat(request.contacts().get(0).uri()).isEqualTo("sip:j.user@host.example.com");
    }

    /** RFC 4475 §3.1.1.13/14: an unusual and an empty reason phrase. */
    @Test
    void responsesWithUnusualAndEmptyReasonPhrases() throws Exception {
        String headers = """
                Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923
                Call-ID: unreason.1234ksdfak3j2erwedfsASdf
                CSeq: 35 INVITE
                From: sip:user@example.com;tag=11141343
                To: sip:user@example.edu;tag=2229
                Content-Length: 0

                """;
        SipResponse unusual = (SipResponse) parse("SIP/2.0 200 = 2**3 * 5**2 \u043d\u043e\n" + headers);
        assertThat(unusual.statusCode()).isEqualTo(200);
        assertThat(unusual.reasonPhrase()).isEqualTo("= 2**3 * 5**2 \u043d\u043e");
        SipResponse empty = (SipResponse) parse("SIP/2.0 100 \n" + headers);
        assertThat(empty.statusCode()).isEqualTo(100);
        assertThat(empty.reasonPhrase()).isEmpty();
    }
}
