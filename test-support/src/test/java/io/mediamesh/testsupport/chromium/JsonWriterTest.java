package io.mediamesh.testsupport.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void writesScalarsAndNestedValuesInOrder() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("expression", "1 + 1");
        params.put("awaitPromise", true);
        params.put("id", 7);
        params.put("ratio", 0.5);
        params.put("whole", 3.0);
        params.put("list", Arrays.asList("a", null, List.of()));
        params.put("empty", Map.of());

        assertThat(JsonWriter.write(params)).isEqualTo("{\"expression\":\"1 + 1\",\"awaitPromise\":true,\"id\":7,"
                + "\"ratio\":0.5,\"whole\":3,\"list\":[\"a\",null,[]],\"empty\":{}}");
    }

    @Test
    void escapesWhatJsonAndJavaScriptRequire() {
        String nasty = "quote\" back\\ nl\n cr\r tab\t nul\u0000 ls\u2028 é";
        String written = JsonWriter.write(nasty);

        assertThat(written).isEqualTo("\"quote\\\" back\\\\ nl\\n cr\\r tab\\t nul\\u0000 ls\\u2028 é\"");
        assertThat(Json.parseValue(written)).as("round trip through the reader").isEqualTo(nasty);
    }

    @Test
    void refusesWhatJsonCannotHold() {
        assertThatThrownBy(() -> JsonWriter.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonWriter.write(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonWriter.write(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
