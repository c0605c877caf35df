package io.mediamesh.proto.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the verbatim Chromium offers under src/test/resources/sdp/. */
final class Fixtures {

    static final String PUBLISHER = "chrome156-whip-publisher.sdp";
    static final String PUBLISHER_H264 = "chrome156-whip-publisher-h264.sdp";
    static final String SIMULCAST = "chrome156-whip-simulcast.sdp";
    static final String VIEWER = "chrome156-whep-viewer.sdp";
    static final String DATACHANNEL = "chrome156-whip-datachannel.sdp";
    static final String[] ALL = {PUBLISHER, PUBLISHER_H264, SIMULCAST, VIEWER, DATACHANNEL};

    private Fixtures() {
    }

    static String load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
