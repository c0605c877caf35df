package io.mediamesh.core.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The answers in sdp/chromium-accepted/ were applied by headless Chromium with setRemoteDescription
 * without error (see the README there). Regenerating them byte-for-byte keeps that proof valid.
 */
class ChromiumAcceptedAnswersTest {

    /** The transport and first SSRC used by ChromiumAnswerCheck.java when the answers were recorded. */
    private static final LocalTransport HARNESS_LOCAL = new LocalTransport("mmck", "mediameshcheckpassword01",
            "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89",
            List.of(OfferFixtures.address("127.0.0.1", 45000), OfferFixtures.address("::1", 45000)));

    @ParameterizedTest
    @CsvSource({"whip-publisher, PUBLISH", "whip-publisher-h264, PUBLISH", "whip-simulcast, PUBLISH",
            "whep-viewer, SUBSCRIBE", "whip-datachannel, PUBLISH"})
    void regeneratesTheAcceptedAnswer(String name, MediaRole role) {
        String offer = OfferFixtures.load("chromium-accepted/" + name + ".offer.sdp");
        String accepted = OfferFixtures.load("chromium-accepted/" + name + ".answer.sdp");

        String answer = SdpNegotiator.answer(offer, role, HARNESS_LOCAL, new OfferFixtures.CountingSsrcs(0x1000_0001L))
                .answerSdp();

        if (Boolean.getBoolean("mediamesh.regenerateAnswers")) {
            // After a deliberate change of the answers (then check them in Chromium again, see the README there).
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of("src/test/resources/sdp/chromium-accepted",
                        name + ".answer.sdp"), answer);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return;
        }
        assertThat(answer).isEqualTo(accepted);
    }
}
