package io.mediamesh.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** The request envelope, the field accessors and the receiver/sender settings, as pure code. */
class SdkRequestTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "not json | BAD_MESSAGE",
        "[1] | BAD_MESSAGE",
        "{\"type\":\"ping\"} | BAD_MESSAGE",
        "{\"id\":-1,\"type\":\"ping\"} | BAD_MESSAGE",
        "{\"id\":1.5,\"type\":\"ping\"} | BAD_MESSAGE",
        "{\"id\":1,\"type\":\"\"} | BAD_MESSAGE",
        "{\"id\":1,\"type\":7} | BAD_MESSAGE",
        "{\"v\":2,\"id\":1,\"type\":\"ping\"} | UNSUPPORTED_VERSION",
        "{\"v\":\"1\",\"id\":1,\"type\":\"ping\"} | UNSUPPORTED_VERSION"})
    void malformedEnvelopesAreRefusedWithTheirCode(String text, SdkError code) {
        assertThatThrownBy(() -> SdkRequest.parse(text, JSON)).isInstanceOfSatisfying(SdkException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aValidEnvelopeKeepsItsIdTypeAndFields() {
        SdkRequest request = SdkRequest.parse("{\"v\":1,\"id\":42,\"type\":\"receiver.attach\",\"mid\":\"1\","
                + "\"priority\":7,\"enabled\":false}", JSON);
        assertThat(request.id()).isEqualTo(42);
        assertThat(request.type()).isEqualTo("receiver.attach");
        assertThat(request.string("mid", 32)).isEqualTo("1");
        assertThat(request.optionalInt("priority", 1, 1000)).isEqualTo(7);
        assertThat(request.optionalBoolean("enabled")).isFalse();
        assertThat(request.optionalString("peer", 128)).isNull();
        assertThat(SdkRequest.idOf("{\"id\":9,\"type\":3}", JSON)).isEqualTo(9);
        assertThat(SdkRequest.idOf("garbage", JSON)).isEqualTo(-1);
    }

    @Test
    void fieldsAreCheckedAsTheyAreRead() {
        SdkRequest request = SdkRequest.parse("{\"id\":1,\"type\":\"x\",\"mid\":3,\"priority\":0,\"peer\":\""
                + "p".repeat(200) + "\",\"enabled\":\"yes\"}", JSON);
        assertThatThrownBy(() -> request.string("mid", 32)).hasMessage("mid must be a string");
        assertThatThrownBy(() -> request.string("track", 32)).hasMessage("track is required");
        assertThatThrownBy(() -> request.optionalInt("priority", 1, 1000))
                .hasMessage("priority must be an integer from 1 to 1000");
        assertThatThrownBy(() -> request.string("peer", 128)).isInstanceOfSatisfying(SdkException.class,
                e -> assertThat(e.code()).isEqualTo(SdkError.TOO_LARGE));
        assertThatThrownBy(() -> request.optionalBoolean("enabled")).hasMessage("enabled must be true or false");
        assertThatThrownBy(() -> SdkRequest.parse("x".repeat(SdkRequest.MAX_MESSAGE + 1), JSON))
                .isInstanceOfSatisfying(SdkException.class, e -> assertThat(e.code()).isEqualTo(SdkError.TOO_LARGE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{}                                      | 50,0,2,0,2",
        "{\"maxSpatial\":0}                       | 50,0,0,0,2",
        "{\"priority\":100,\"minTemporal\":1}      | 100,0,2,1,2",
        "{\"minSpatial\":2,\"maxSpatial\":2}       | 50,2,2,0,2",
        "{\"maxTemporal\":3}                      | maxTemporal must be an integer from 0 to 2",
        "{\"minSpatial\":2,\"maxSpatial\":1}       | minSpatial must not exceed maxSpatial (1)",
        "{\"minTemporal\":2,\"maxTemporal\":1}     | minTemporal must not exceed maxTemporal (1)",
        "{\"maxSpatial\":3}                       | maxSpatial must be an integer from 0 to 2",
        "{\"priority\":1001}                      | priority must be an integer from 1 to 1000"})
    void receiverSettingsMergeAndValidateAsAWhole(String fields, String expected) {
        String body = fields.trim();
        SdkRequest request = SdkRequest.parse(body.equals("{}") ? "{\"id\":1,\"type\":\"receiver.config\"}"
                : "{\"id\":1,\"type\":\"receiver.config\"," + body.substring(1), JSON);
        if (Character.isDigit(expected.charAt(0))) {
            ReceiverConfig merged = ReceiverConfig.DEFAULT.merge(request);
            assertThat(merged.priority() + "," + merged.minSpatial() + "," + merged.maxSpatial() + ","
                    + merged.minTemporal() + "," + merged.maxTemporal()).isEqualTo(expected);
        } else {
            assertThatThrownBy(() -> ReceiverConfig.DEFAULT.merge(request)).hasMessage(expected);
        }
    }

    @Test
    void aLaterChangeKeepsTheEarlierSettings() {
        ReceiverConfig first = ReceiverConfig.DEFAULT.merge(SdkRequest.parse(
                "{\"id\":1,\"type\":\"t\",\"maxSpatial\":1,\"priority\":80}", JSON));
        ReceiverConfig second = first.merge(SdkRequest.parse("{\"id\":2,\"type\":\"t\",\"maxTemporal\":1}", JSON));
        assertThat(second).isEqualTo(new ReceiverConfig(80, 0, 1, 0, 1));
        assertThatThrownBy(() -> first.merge(SdkRequest.parse("{\"id\":3,\"type\":\"t\",\"minSpatial\":2}", JSON)))
                .hasMessageContaining("must not exceed maxSpatial (1)");
    }

    @Test
    void senderSettings() {
        SenderConfig config = SenderConfig.DEFAULT.merge(SdkRequest.parse(
                "{\"id\":1,\"type\":\"sender.config\",\"maxBitrate\":800000,\"mode\":\"fixed\"}", JSON));
        assertThat(config).isEqualTo(new SenderConfig(50, 800_000, "fixed"));
        assertThatThrownBy(() -> SenderConfig.DEFAULT.merge(SdkRequest.parse(
                "{\"id\":1,\"type\":\"sender.config\",\"mode\":\"turbo\"}", JSON))).hasMessage("mode must be auto or fixed");
    }
}
