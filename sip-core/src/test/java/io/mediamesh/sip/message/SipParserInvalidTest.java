package io.mediamesh.sip.message;

import static io.mediamesh.sip.message.SipTexts.crlf;
import static io.mediamesh.sip.message.SipTexts.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Invalid messages (RFC 4475 §3.1.2, §3.3 in spirit): a typed failure, with the request when it can be answered. */
class SipParserInvalidTest {
    private static final String HEADERS = """
            Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKkdjuw;rport
            To: <sip:bob@example.com>
            From: "Alice" <sip:alice@example.com>;tag=1928301774
            Call-ID: a84b4c76e66710
            Max-Forwards: 70
            """;

    private static SipParseException failure(String text) {
        return catchThrowableOfType(() -> parse(text), SipParseException.class);
    }

    @Test
    void missingCallIdCannotBeAnswered() {
        SipParseException e = failure("""
                OPTIONS sip:user@example.com SIP/2.0
                Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKkdjuw
                To: sip:user@example.com
                From: sip:caller@example.net;tag=323
                Max-Forwards: 70
                CSeq: 1 OPTIONS
                Content-Length: 0

                """);
        assertThat(e.reason()).isEqualTo("Missing Call-ID");
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.request()).isEmpty();
    }

    @Test
    void missingViaCannotBeAnswered() {
        SipParseException e = failure("""
                OPTIONS sip:user@example.com SIP/2.0
                To: sip:user@example.com
                From: sip:caller@example.net;tag=323
                Call-ID: novia
                CSeq: 1 OPTIONS

                """);
        assertThat(e.reason()).isEqualTo("Missing Via");
        assertThat(e.request()).isEmpty();
    }

    @Test
    void contentLengthBeyondTheMessageIsAnsweredWith400() {
        SipParseException e = failure("INVITE sip:bob@example.com SIP/2.0\n" + HEADERS + """
                CSeq: 1 INVITE
                Content-Length: 9999
                Content-Type: application/sdp

                v=0
                """);
        assertThat(e.reason()).isEqualTo("Content-Length larger than the message");
        assertThat(e.request()).isPresent();
        SipResponse answer = e.request().get().createResponse(400, e.reason(), "srv1");
        assertThat(answer.startLine()).isEqualTo("SIP/2.0 400 Content-Length larger than the message");
        assertThat(answer.callId()).isEqualTo("a84b4c76e66710");
        assertThat(answer.to().tag()).isEqualTo("srv1");
        assertThat(answer.topVia().branch()).isEqualTo("z9hG4bKkdjuw");
    }

    @Test
    void negativeContentLength() {
        SipParseException e = failure("INVITE sip:bob@example.com SIP/2.0\n" + HEADERS + """
                CSeq: 1 INVITE
                Content-Length: -999

                """);
        assertThat(e.reason()).isEqualTo("Bad Content-Length");
        assertThat(e.request()).isPresent();
    }

    @Test
    void negativeAndOversizedCSeq() {
        assertThat(failure("INVITE sip:bob@example.com SIP/2.0\n" + HEADERS + "CSeq: -1 INVITE\n\n").reason())
                .isEqualTo("Bad CSeq number");
        assertThat(failure("INVITE sip:bob@example.com SIP/2.0\n" + HEADERS
                + "CSeq: 36893488147419103232 INVITE\n\n").reason()).isEqualTo("Bad CSeq number");
        assertThat(failure("INVITE sip:bob@example.com SIP/2.0\n" + HEADERS + "CSeq: 1\n\n").reason())
                .isEqualTo("Bad CSeq");
    }

    @Test
    void maxForwardsAbove255() {
        String text = ("INVITE sip:bob@example.com SIP/2.0\n" + HEADERS + "CSeq: 1 INVITE\n\n")
                .replace("Max-Forwards: 70", "Max-Forwards: 300");
        assertThat(failure(text).reason()).isEqualTo("Bad Max-Forwards");
    }

    @Test
    void cseqMethodMustMatchTheRequestMethod() {
        assertThat(failure("INVITE sip:bob@example.com SIP/2.0\n" + HEADERS + "CSeq: 1 OPTIONS\n\n").reason())
                .isEqualTo("CSeq method does not match the request method");
    }

    @Test
    void unsupportedVersionIsAnsweredWith505() {
        SipParseException e = failure("OPTIONS sip:t.watson@192.0.2.1 SIP/7.0\n" + HEADERS + "CSeq: 1 OPTIONS\n\n");
        assertThat(e.statusCode()).isEqualTo(505);
        assertThat(e.request()).isPresent();
    }

    @Test
    void requestUriWithAngleBracketsOrWhitespace() {
        assertThat(failure("INVITE <sip:bob@example.com> SIP/2.0\n" + HEADERS + "CSeq: 1 INVITE\n\n").reason())
                .isEqualTo("Bad Request-URI");
        assertThat(failure("INVITE sip:bob@example.com; lr SIP/2.0\n" + HEADERS + "CSeq: 1 INVITE\n\n")
                .reason()).isEqualTo("Bad Request-URI");
        assertThat(failure("INVITE  sip:bob@example.com SIP/2.0\n" + HEADERS + "CSeq: 1 INVITE\n\n").reason())
                .isEqualTo("Bad Request-URI");
    }

    @Test
    void unbalancedQuotesAndBrokenAddresses() {
        String base = "INVITE sip:bob@example.com SIP/2.0\n" + HEADERS + "CSeq: 1 INVITE\n\n";
        assertThat(failure(base.replace("\"Alice\"", "\"Alice")).reason()).isEqualTo("Unterminated quoted string");
        assertThat(failure(base.replace("<sip:bob@example.com>", "<sip:bob@example.com")).reason())
                .isEqualTo("Unterminated <URI>");
        assertThat(failure(base.replace("Call-ID", "Contact: sip:a@b, sip:c@d>\nCall-ID")).reason())
                .isEqualTo("Bad URI");
    }

    /** RFC 4475 §3.1.2.1 "badinv01", §3.1.2.13 "badaspec", §3.1.2.14 "baddn", §3.1.2.9 "trws" in spirit. */
    @Test
    void addressesThatNeedAngleBracketsOrQuotes() {
        String base = "INVITE sip:bob@example.com SIP/2.0\n" + HEADERS + "CSeq: 1 INVITE\n\n";
        assertThat(failure(base.replace("To: <sip:bob@example.com>", "To: sip:bob@example.com>")).reason())
                .isEqualTo("Bad URI");
        assertThat(failure(base.replace("Call-ID", "Contact: sip:user@example.com?Route=%3Csip:x%3E\nCall-ID"))
                .reason()).isEqualTo("URI with ',' or '?' needs <>");
        assertThat(failure(base.replace("\"Alice\" <", "Bell, Alexander <")).reason())
                .isEqualTo("Bad display name");
        assertThat(failure(base.replace("SIP/2.0\n", "SIP/2.0 \n")).reason()).isEqualTo("Bad request line");
    }

    @Test
    void headerLineWithoutColonAndDuplicateSingleHeaders() {
        String base = "INVITE sip:bob@example.com SIP/2.0\n" + HEADERS + "CSeq: 1 INVITE\n";
        assertThat(failure(base + "NoColonHere\n\n").reason()).isEqualTo("Bad header line");
        assertThat(failure(base + "Call-ID: other\n\n").reason()).isEqualTo("Duplicate Call-ID");
        assertThat(failure(base + "Content-Length: 0\nl: 0\n\n").reason()).isEqualTo("Duplicate Content-Length");
    }

    @Test
    void badViaAndBadStatusCode() {
        String base = "INVITE sip:bob@example.com SIP/2.0\n" + HEADERS + "CSeq: 1 INVITE\n\n";
        SipParseException badVia = failure(base.replace("SIP/2.0/UDP 192.0.2.1:5060", "SIP/2.0/UDP"));
        assertThat(badVia.reason()).isEqualTo("Bad Via transport");
        assertThat(badVia.request()).isEmpty();
        assertThat(failure(base.replace("192.0.2.1:5060", "192.0.2.1:99999")).reason()).isEqualTo("Bad Via port");
        assertThat(failure("SIP/2.0 4294967301 better not break the receiver\n" + HEADERS + "CSeq: 1 INVITE\n\n")
                .reason()).isEqualTo("Bad status code");
        assertThat(failure("SIP/2.0 099 Low\n" + HEADERS + "CSeq: 1 INVITE\n\n").reason())
                .isEqualTo("Bad status code");
    }

    @Test
    void anEmptyViaIsNoVia() {
        String base = "INVITE sip:bob@example.com SIP/2.0\n" + HEADERS + "CSeq: 1 INVITE\n\n";
        assertThat(failure(base.replace("Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKkdjuw;rport", "Via:"))
                .reason()).isEqualTo("Bad Via");
    }

    @Test
    void messagesBeyond64KiBAreRefused() {
        byte[] big = new byte[SipParser.MAX_MESSAGE_BYTES + 1];
        Arrays.fill(big, (byte) 'a');
        SipParseException e = catchThrowableOfType(() -> SipParser.parse(big), SipParseException.class);
        assertThat(e.statusCode()).isEqualTo(513);
    }

    @Test
    void garbageIsNoMessage() {
        assertThat(catchThrowableOfType(() -> SipParser.parse(crlf("\n\n")), SipParseException.class).reason())
                .isEqualTo("Empty message");
        assertThat(catchThrowableOfType(() -> SipParser.parse(crlf("hello\n")), SipParseException.class).reason())
                .isEqualTo("No empty line after the headers");
        assertThat(catchThrowableOfType(() -> SipParser.parse(crlf("hello\n\n")), SipParseException.class)
                .reason()).isEqualTo("Bad request line");
    }
}
