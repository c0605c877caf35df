package io.mediamesh.proto.stun;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static io.mediamesh.testsupport.ByteVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamesh.proto.MalformedPacketException;
import io.mediamesh.proto.stun.StunAttribute.ErrorCode;
import io.mediamesh.proto.stun.StunAttribute.Fingerprint;
import io.mediamesh.proto.stun.StunAttribute.IceControlling;
import io.mediamesh.proto.stun.StunAttribute.MessageIntegrity;
import io.mediamesh.proto.stun.StunAttribute.Priority;
import io.mediamesh.proto.stun.StunAttribute.Software;
import io.mediamesh.proto.stun.StunAttribute.UnknownAttribute;
import io.mediamesh.proto.stun.StunAttribute.UseCandidate;
import io.mediamesh.proto.stun.StunAttribute.Username;
import io.mediamesh.proto.stun.StunAttribute.XorMappedAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StunMessageTest {
    private static final byte[] TX = hex("0102030405060708090a0b0c");
    private static final byte[] KEY = "pass".getBytes(StandardCharsets.UTF_8);

    @Test
    void chromeStyleBindingRequestRoundTrips() {
        StunMessage request = new StunMessage(StunMessage.BINDING_REQUEST, TX, List.of(
                new Username("abcd:efgh"),
                new IceControlling(0x0102030405060708L),
                new UseCandidate(),
                new Priority(1853817087L),
                new UnknownAttribute(0xC057, hex("00010032"))));
        ByteBuf out = Unpooled.buffer();
        request.encode(out, KEY, true);

        assertThat(StunIntegrity.verifyMessageIntegrity(out, KEY)).isTrue();
        assertThat(StunIntegrity.verifyFingerprint(out)).isTrue();
        StunMessage decoded = StunMessage.decode(out);
        assertThat(decoded.attributes()).hasSize(7);
        assertThat(decoded.attributes().subList(0, 5)).isEqualTo(request.attributes());
        assertThat(decoded.has(MessageIntegrity.class)).isTrue();
        assertThat(decoded.has(Fingerprint.class)).isTrue();
        assertThat(decoded.has(UseCandidate.class)).isTrue();
        assertThat(decoded.attribute(IceControlling.class)).contains(new IceControlling(0x0102030405060708L));
    }

    @Test
    void encodesHeaderAndAttributesExactly() {
        StunMessage message = new StunMessage(StunMessage.BINDING_ERROR, TX, List.of(
                new ErrorCode(487, "Role Conflict"), new UseCandidate(), new Software("ab")));
        ByteBuf out = Unpooled.buffer();
        message.encode(out, null, false);

        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(hex("""
                01 11 00 24 // Binding error response, length 36
                21 12 a4 42 // magic cookie
                01 02 03 04 // transaction id
                05 06 07 08
                09 0a 0b 0c
                00 09 00 11 // ERROR-CODE, length 17
                00 00 04 57 // class 4, number 87
                52 6f 6c 65 // "Role Conflict" and 3 zero padding bytes
                20 43 6f 6e
                66 6c 69 63
                74 00 00 00
                00 25 00 00 // USE-CANDIDATE, empty
                80 22 00 02 // SOFTWARE, length 2
                61 62 00 00 // "ab" and padding
                """));
        assertThat(StunMessage.decode(out)).isEqualTo(message);
    }

    @Test
    void xorMappedAddressRoundTripsForBothFamilies() throws Exception {
        for (String host : List.of("203.0.113.7", "fe80::1:2:3:4")) {
            XorMappedAddress attribute = new XorMappedAddress(new InetSocketAddress(InetAddress.getByName(host), 5));
            StunMessage message = new StunMessage(StunMessage.BINDING_SUCCESS, TX, List.of(attribute));
            ByteBuf out = Unpooled.buffer();
            message.encode(out, KEY, false);
            assertThat(StunMessage.decode(out).attribute(XorMappedAddress.class)).contains(attribute);
            assertThat(StunIntegrity.verifyMessageIntegrity(out, KEY)).isTrue();
            assertThat(StunIntegrity.verifyFingerprint(out)).as("no FINGERPRINT").isFalse();
        }
    }

    @Test
    void emptyPasswordIsAValidKey() {
        StunMessage message = new StunMessage(StunMessage.BINDING_INDICATION, TX, List.of());
        ByteBuf out = Unpooled.buffer();
        message.encode(out, new byte[0], true);
        assertThat(StunIntegrity.verifyMessageIntegrity(out, new byte[0])).isTrue();
        assertThat(StunIntegrity.verifyMessageIntegrity(out, KEY)).isFalse();
    }

    @Test
    void verifyReturnsFalseWhenAbsentOrMalformed() {
        ByteBuf bare = Unpooled.buffer();
        new StunMessage(StunMessage.BINDING_REQUEST, TX, List.of()).encode(bare, null, false);
        assertThat(StunIntegrity.verifyMessageIntegrity(bare, KEY)).isFalse();
        assertThat(StunIntegrity.verifyFingerprint(bare)).isFalse();
        assertThat(StunIntegrity.verifyMessageIntegrity(buf("0001"), KEY)).isFalse();
        assertThat(StunIntegrity.verifyFingerprint(buf("0001"))).isFalse();
    }

    @Test
    void attributesAfterMessageIntegrityExceptFingerprintAreIgnored() {
        StunMessage message = StunMessage.decode(buf("""
                00 01 00 24 // Binding request, length 36
                21 12 a4 42
                01 02 03 04
                05 06 07 08
                09 0a 0b 0c
                00 08 00 14 // MESSAGE-INTEGRITY
                00 00 00 00
                00 00 00 00
                00 00 00 00
                00 00 00 00
                00 00 00 00
                00 25 00 00 // USE-CANDIDATE after MESSAGE-INTEGRITY: ignored
                80 28 00 04 // FINGERPRINT
                00 00 00 01
                """));
        assertThat(message.has(UseCandidate.class)).isFalse();
        assertThat(message.attribute(Fingerprint.class)).contains(new Fingerprint(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "too short             | 0001 0000 2112a442 0102030405060708090a0b",
        "top bits set          | 4001 0000 2112a442 0102030405060708090a0b0c",
        "no magic cookie       | 0001 0000 2112a443 0102030405060708090a0b0c",
        "length not /4         | 0001 0002 2112a442 0102030405060708090a0b0c 0000",
        "length past end       | 0001 0008 2112a442 0102030405060708090a0b0c 00250000",
        "attribute past end    | 0001 0008 2112a442 0102030405060708090a0b0c 00060005 61626364",
        "priority length 2     | 0001 0008 2112a442 0102030405060708090a0b0c 00240002 00010000",
        "use-candidate valued  | 0001 0008 2112a442 0102030405060708090a0b0c 00250004 00000000",
        "controlled length 4   | 0001 0008 2112a442 0102030405060708090a0b0c 80290004 00000000",
        "integrity length 4    | 0001 0008 2112a442 0102030405060708090a0b0c 00080004 00000000",
        "xor family 3          | 0001 000c 2112a442 0102030405060708090a0b0c 00200008 0003a147 e112a643",
        "xor ipv4 with 20      | 0001 0018 2112a442 0102030405060708090a0b0c 00200014 0001a147 e112a643 0000000000000000 00000000",
        "error class 7         | 0001 0008 2112a442 0102030405060708090a0b0c 00090004 00000700",
        "error number 100      | 0001 0008 2112a442 0102030405060708090a0b0c 00090004 00000464",
    })
    void rejectsMalformedMessages(String name, String hex) {
        ByteBuf buf = buf(hex);
        assertThatThrownBy(() -> StunMessage.decode(buf)).isInstanceOf(MalformedPacketException.class);
        assertThat(buf.readerIndex()).isZero();
    }

    @Test
    void rejectsInvalidValuesAtConstruction() {
        assertThatThrownBy(() -> new StunMessage(1, new byte[11], List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StunMessage(0x4001, TX, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErrorCode(200, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Priority(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new XorMappedAddress(InetSocketAddress.createUnresolved("example.org", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
