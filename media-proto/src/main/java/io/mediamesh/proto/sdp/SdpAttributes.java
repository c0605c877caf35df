package io.mediamesh.proto.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lookups over attribute lists shared by the session and media levels. */
final class SdpAttributes {

    private SdpAttributes() {
    }

    static Optional<String> first(List<SdpAttribute> attributes, String name) {
        for (SdpAttribute a : attributes) {
            if (a.name().equals(name)) {
                return Optional.of(a.value() == null ? "" : a.value());
            }
        }
        return Optional.empty();
    }

    static List<String> all(List<SdpAttribute> attributes, String name) {
        List<String> out = new ArrayList<>();
        for (SdpAttribute a : attributes) {
            if (a.name().equals(name)) {
                out.add(a.value() == null ? "" : a.value());
            }
        }
        return List.copyOf(out);
    }

    /** The first direction flag (RFC 8866 §6.7) in {@code attributes}, or null. */
    static String direction(List<SdpAttribute> attributes) {
        for (SdpAttribute a : attributes) {
            if (a.isFlag() && isDirection(a.name())) {
                return a.name();
            }
        }
        return null;
    }

    static boolean isDirection(String name) {
        return name.equals("sendrecv") || name.equals("sendonly") || name.equals("recvonly")
                || name.equals("inactive");
    }
}
