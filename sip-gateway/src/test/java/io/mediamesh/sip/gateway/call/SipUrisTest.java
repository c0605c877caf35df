package io.mediamesh.sip.gateway.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamesh.sip.transaction.Endpoint;
import io.mediamesh.sip.transaction.TransportKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SipUrisTest {
    @ParameterizedTest
    @CsvSource({"sip:alice@example.com,alice", "sip:+4930123;user=phone@gw:5070,+4930123", "sips:bob:pw@h,bob",
        "sip:example.com,''", "tel:+1555;phone-context=x,+1555"})
    void userPart(String uri, String user) {
        assertThat(SipUris.user(uri)).isEqualTo(user);
    }

    @ParameterizedTest
    @CsvSource({"sip:a@192.0.2.1,UDP,192.0.2.1,5060", "sip:a@192.0.2.1:5070;transport=tcp,TCP,192.0.2.1,5070",
        "sip:[2001:db8::1]:5062,UDP,2001:db8::1,5062", "sip:proxy.example.com;lr,UDP,proxy.example.com,5060"})
    void destination(String uri, TransportKind transport, String host, int port) {
        assertThat(SipUris.destination(uri)).isEqualTo(new Endpoint(transport, host, port));
    }

    @Test
    void noHostIsRefused() {
        assertThatThrownBy(() -> SipUris.destination("sip:a@")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8,10.200.3.4,true", "10.0.0.0/8,11.0.0.1,false", "192.0.2.128/25,192.0.2.129,true",
        "192.0.2.128/25,192.0.2.127,false", "127.0.0.1,127.0.0.1,true", "fd00::/8,fd12::1,true",
        "fd00::/8,10.0.0.1,false", "0.0.0.0/0,203.0.113.9,true"})
    void cidr(String network, String host, boolean inside) {
        assertThat(Cidr.parse(network).contains(host)).isEqualTo(inside);
    }

    @ParameterizedTest
    @CsvSource({"example.com/8", "10.0.0.0/33", "10.0.0.0/x"})
    void badCidrsAreExplained(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"action\":\"accept\",\"room\":\"r1\"}|Accept[room=r1]",
        "{\"action\":\"reject\",\"code\":486}|Reject[code=486, reason=null]", "{\"action\":\"wait\"}|Wait[]",
        "{}|Reject[code=503, reason=Dial plan hook gave no action]"})
    void hookAnswers(String body, String decision) {
        assertThat(HookDialPlan.parse(body).toString()).isEqualTo(decision);
    }
}
