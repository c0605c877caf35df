package io.mediamesh.core.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;

/** The verbatim Chromium offers under src/test/resources/sdp/ and a fixed local transport. */
final class OfferFixtures {

    static final String PUBLISHER = "chrome156-whip-publisher.sdp";
    static final String PUBLISHER_H264 = "chrome156-whip-publisher-h264.sdp";
    static final String SIMULCAST = "chrome156-whip-simulcast.sdp";
    static final String VIEWER = "chrome156-whep-viewer.sdp";
    static final String DATACHANNEL = "chrome156-whip-datachannel.sdp";

    static final String FINGERPRINT =
            "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
    static final LocalTransport LOCAL = new LocalTransport("mmUf", "mediameshpassword00001", FINGERPRINT,
            List.of(address("192.0.2.10", 40000), address("::1", 40002)));

    /** A supplier for PUBLISH, which must never ask for an SSRC. */
    static final LongSupplier NO_SSRCS = () -> {
        throw new AssertionError("PUBLISH must not allocate SSRCs");
    };

    private OfferFixtures() {
    }

    static String load(String name) {
        try (InputStream in = OfferFixtures.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands out 1000, 1001, ... and counts how many were taken. */
    static final class CountingSsrcs implements LongSupplier {
        private long next;
        int taken;

        CountingSsrcs(long first) {
            next = first;
        }

        @Override
        public long getAsLong() {
            taken++;
            return next++;
        }
    }

    static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
