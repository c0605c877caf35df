package io.mediamesh.core.srtp;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class SrtpWarmUpTest {

    @Test
    void everyProfileRoundTripsRtpAndRtcpThroughTheElectedProvider() {
        // run() throws IllegalStateException naming the profile if any packet fails to decrypt.
        assertThatCode(SrtpWarmUp::run).doesNotThrowAnyException();
        assertThatCode(SrtpWarmUp::run).as("a second run, on elected providers").doesNotThrowAnyException();
    }
}
