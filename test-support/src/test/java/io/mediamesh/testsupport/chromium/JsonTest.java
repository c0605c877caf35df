package io.mediamesh.testsupport.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsTheFlatProgressObjectsThePagesPost() {
        Json json = Json.parse("{\"connectionState\":\"connected\",\"framesDecoded\":61,\"audioLevel\":0.0115,"
                + "\"done\":true,\"error\":null,\"ssrcs\":[1,2],\"nested\":{\"a\":\"b\\u00e9\\n\"}}");

        assertThat(json.string("connectionState")).isEqualTo("connected");
        assertThat(json.number("framesDecoded")).isEqualTo(61.0);
        assertThat(json.number("audioLevel")).isEqualTo(0.0115);
        assertThat(json.isTrue("done")).isTrue();
        assertThat(json.has("error")).isTrue();
        assertThat(json.get("error")).isNull();
        assertThat(json.get("ssrcs")).isEqualTo(List.of(1.0, 2.0));
        assertThat(json.get("nested")).isEqualTo(Map.of("a", "b\u00e9\n"));
    }

    @Test
    void missingOrNonNumericFieldsAreNaNSoComparisonsFail() {
        Json json = Json.parse("{\"codec\":\"video/VP8\"}");

        assertThat(json.number("framesDecoded")).isNaN();
        assertThat(json.number("codec")).isNaN();
        assertThat(json.string("framesDecoded")).isNull();
        assertThat(json.isTrue("done")).isFalse();
    }

    @Test
    void rejectsMalformedText() {
        for (String bad : List.of("", "[1]", "{", "{\"a\":}", "{\"a\":1,}", "{\"a\":1} x", "{\"a\":tru}",
                "{\"a\":\"\\q\"}", "{a:1}")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThat(Json.isObject(bad)).as(bad).isFalse();
        }
    }
}
