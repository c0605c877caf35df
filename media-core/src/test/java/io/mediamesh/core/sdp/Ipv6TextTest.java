package io.mediamesh.core.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5952 §4 canonical text for the IPv6 candidates written into answers. */
class Ipv6TextTest {

    @ParameterizedTest
    @CsvSource({
            "0:0:0:0:0:0:0:1, ::1",
            "0:0:0:0:0:0:0:0, ::",
            "fd00:0:0:0:0:0:0:2, fd00::2",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", // first of two equal runs
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", // a single zero group is not shortened
            "2001:0DB8:0:0:0:0:2:0, 2001:db8::2:0",
            "1:0:0:2:0:0:0:3, 1:0:0:2::3", // the longest run wins
            "fe80:0:0:0:0:0:0:0, fe80::"})
    void writesCanonicalText(String address, String expected) throws UnknownHostException {
        assertThat(AnswerWriter.ipv6Text(InetAddress.getByName(address).getAddress())).isEqualTo(expected);
    }
}
