package io.mediamesh.model.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.junit.jupiter.api.Test;

class ApiResponseTest {

    @Test
    void okCarriesDataAndNoError() {
        ApiResponse<String> ok = ApiResponse.ok("t");

        assertThat(ok.status()).isTrue();
        assertThat(ok.data()).isEqualTo("t");
        assertThat(ok.error()).isNull();
    }

    @Test
    void errorCarriesReasonAndNoData() {
        ApiResponse<Object> error = ApiResponse.error("APP_TOKEN_INVALID");

        assertThat(error.status()).isFalse();
        assertThat(error.error()).isEqualTo("APP_TOKEN_INVALID");
        assertThat(error.data()).isNull();
    }

    @Test
    void nullFieldsAreLeftOutOfJson() {
        assertThat(ApiResponse.class.getAnnotation(JsonInclude.class).value()).isEqualTo(JsonInclude.Include.NON_NULL);
    }
}
