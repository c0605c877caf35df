package io.mediamesh.sip.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamesh.sip.message.SipParser;
import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;
import io.mediamesh.sip.message.Via;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DialogTest {
    private static final String INVITE = String.join("\r\n",
            "INVITE sip:100@gw.example.com SIP/2.0",
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKa1",
            "Record-Route: <sip:p1.example.com;lr>",
            "Record-Route: <sip:p2.example.com;lr>",
            "Max-Forwards: 69",
            "From: \"Alice\" <sip:alice@example.com>;tag=alice1",
            "To: <sip:100@gw.example.com>",
            "Call-ID: call-1@192.0.2.10",
            "CSeq: 314 INVITE",
            "Contact: <sip:alice@192.0.2.10:5060>",
            "Content-Length: 0", "", "");

    private static SipRequest invite() throws Exception {
        return (SipRequest) SipParser.parse(INVITE.getBytes(StandardCharsets.UTF_8));
    }

    private static final Via VIA = Via.of("UDP", "gw.example.com", 5060, "z9hG4bKnew");

    @Test
    void uasDialogKeepsRecordRouteInOrderAndTargetsTheContact() throws Exception {
        Dialog dialog = Dialog.asUas(invite(), "gw1", "sip:gw@gw.example.com:5060", 1);
        assertThat(dialog.id()).isEqualTo(new DialogId("call-1@192.0.2.10", "gw1", "alice1"));
        assertThat(dialog.remoteTarget()).isEqualTo("sip:alice@192.0.2.10:5060");
        assertThat(dialog.remoteSeq()).isEqualTo(314);

        SipRequest bye = dialog.newRequest(SipRequest.BYE, VIA);
        assertThat(bye.toString()).isEqualTo(String.join("\r\n",
                "BYE sip:alice@192.0.2.10:5060 SIP/2.0",
                "Via: SIP/2.0/UDP gw.example.com:5060;branch=z9hG4bKnew",
                "Max-Forwards: 70",
                "Route: <sip:p1.example.com;lr>",
                "Route: <sip:p2.example.com;lr>",
                "From: <sip:100@gw.example.com>;tag=gw1",
                "To: \"Alice\" <sip:alice@example.com>;tag=alice1",
                "Call-ID: call-1@192.0.2.10",
                "CSeq: 1 BYE",
                "Content-Length: 0", "", ""));
        assertThat(dialog.newRequest(SipRequest.INVITE, VIA).cseq().number()).isEqualTo(2);
    }

    @Test
    void uacDialogReversesRecordRouteAndUsesStrictRoutingWithoutLr() throws Exception {
        SipRequest invite = invite();
        SipResponse ok = invite.createResponse(200, null, "bob9");
        ok.setHeader("Record-Route", "<sip:p1.example.com>, <sip:p2.example.com;lr>");
        ok.addHeader("Contact", "<sip:bob@198.51.100.7:5070;transport=udp>");
        Dialog dialog = Dialog.asUac(invite, ok, "sip:alice@192.0.2.10:5060");
        assertThat(dialog.id()).isEqualTo(new DialogId("call-1@192.0.2.10", "alice1", "bob9"));
        assertThat(dialog.routeSet()).extracting(r -> r.uri())
                .containsExactly("sip:p2.example.com;lr", "sip:p1.example.com");
        assertThat(dialog.confirmed()).isTrue();

        SipRequest ack = dialog.ack(314, VIA);
        assertThat(ack.startLine()).isEqualTo("ACK sip:bob@198.51.100.7:5070;transport=udp SIP/2.0");
        assertThat(ack.cseq().toString()).isEqualTo("314 ACK");
        assertThat(ack.headerValues("Route")).containsExactly("<sip:p2.example.com;lr>", "<sip:p1.example.com>");
        SipRequest bye = dialog.newRequest(SipRequest.BYE, VIA);
        assertThat(bye.cseq().number()).isEqualTo(315);
        assertThat(bye.to().tag()).isEqualTo("bob9");
        assertThat(bye.from().tag()).isEqualTo("alice1");
    }

    @Test
    void strictRouterBecomesTheRequestUriAndTheTargetTheLastRoute() throws Exception {
        SipRequest invite = invite();
        invite.setHeader("Record-Route", "<sip:strict.example.com;maddr=192.0.2.99>");
        Dialog dialog = Dialog.asUas(invite, "gw1", "sip:gw@gw.example.com", 1);
        SipRequest bye = dialog.newRequest(SipRequest.BYE, VIA);
        assertThat(bye.requestUri()).isEqualTo("sip:strict.example.com;maddr=192.0.2.99");
        assertThat(bye.headerValues("Route")).containsExactly("<sip:alice@192.0.2.10:5060>");
    }

    @ParameterizedTest
    @CsvSource({"313,false", "314,false", "315,true", "1000,true"})
    void remoteCSeqMustGrow(long cseq, boolean accepted) throws Exception {
        Dialog dialog = Dialog.asUas(invite(), "gw1", "sip:gw@gw.example.com", 1);
        SipRequest bye = new SipRequest("BYE", "sip:gw@gw.example.com");
        bye.addHeader("CSeq", cseq + " BYE");
        assertThat(dialog.acceptRemoteCSeq(bye)).isEqualTo(accepted);
    }

    @Test
    void reInviteContactRefreshesTheTarget() throws Exception {
        Dialog dialog = Dialog.asUas(invite(), "gw1", "sip:gw@gw.example.com", 1);
        SipRequest reinvite = invite();
        reinvite.setHeader("Contact", "<sip:alice@203.0.113.5:5062>");
        dialog.refreshTarget(reinvite.contacts());
        assertThat(dialog.newRequest("BYE", VIA).requestUri()).isEqualTo("sip:alice@203.0.113.5:5062");
    }

    @Test
    void idsOfIncomingRequestsAndResponses() throws Exception {
        SipRequest invite = invite();
        assertThat(DialogId.ofIncoming(invite)).as("no To tag: not in a dialog").isNull();
        invite.setHeader("To", "<sip:100@gw.example.com>;tag=gw1");
        assertThat(DialogId.ofIncoming(invite)).isEqualTo(new DialogId("call-1@192.0.2.10", "gw1", "alice1"));
        assertThat(DialogId.ofResponse(invite.createResponse(200)))
                .isEqualTo(new DialogId("call-1@192.0.2.10", "alice1", "gw1"));
    }

    @Test
    void missingContactOrTagIsRefused() throws Exception {
        SipRequest invite = invite();
        invite.removeHeaders("Contact");
        assertThatThrownBy(() -> Dialog.asUas(invite, "t", "sip:gw@x", 1)).isInstanceOf(IllegalArgumentException.class);
        SipRequest other = invite();
        assertThatThrownBy(() -> Dialog.asUac(other, other.createResponse(200), "sip:a@b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"sip:p.example.com;lr,true", "sip:p.example.com;LR=on,true", "sip:p.example.com,false",
        "sip:p.example.com;transport=tcp,false", "sip:lr.example.com,false"})
    void looseRouterDetection(String uri, boolean loose) {
        assertThat(Dialog.isLooseRouter(uri)).isEqualTo(loose);
    }
}
