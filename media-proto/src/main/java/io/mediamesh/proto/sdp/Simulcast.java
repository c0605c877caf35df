package io.mediamesh.proto.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=simulcast:<send|recv> <list> [<recv|send> <list>]} (RFC 8853 §5.1). Each list is a
 * ';'-separated list of streams; each stream is a ','-separated list of alternative rids, any of which
 * may be prefixed with '~' (paused). The {@code send}/{@code recv} lists are empty when absent; the
 * raw list texts are kept so an answer can echo them verbatim.
 */
public record Simulcast(List<List<String>> send, List<List<String>> recv, String sendText, String recvText) {

    public Simulcast {
        send = send.stream().map(List::copyOf).toList();
        recv = recv.stream().map(List::copyOf).toList();
    }

    /** Parses the attribute value (the part after {@code a=simulcast:}). */
    public static Simulcast parse(String value) {
        String[] parts = value.trim().split(" +");
        if (parts.length != 2 && parts.length != 4) {
            throw new SdpParseException("a=simulcast needs 'send|recv <list> [recv|send <list>]', got '" + value + "'");
        }
        List<List<String>> send = List.of();
        List<List<String>> recv = List.of();
        String sendText = "";
        String recvText = "";
        for (int i = 0; i < parts.length; i += 2) {
            List<List<String>> streams = parseList(parts[i + 1]);
            if (parts[i].equals("send") && sendText.isEmpty()) {
                send = streams;
                sendText = parts[i + 1];
            } else if (parts[i].equals("recv") && recvText.isEmpty()) {
                recv = streams;
                recvText = parts[i + 1];
            } else {
                throw new SdpParseException("a=simulcast direction must be send or recv once each, got '" + value + "'");
            }
        }
        return new Simulcast(send, recv, sendText, recvText);
    }

    /** The rids of the first alternative of each send stream, without the '~' paused marker. */
    public List<String> sendRids() {
        return firstAlternatives(send);
    }

    /** The rids of the first alternative of each receive stream, without the '~' paused marker. */
    public List<String> recvRids() {
        return firstAlternatives(recv);
    }

    private static List<String> firstAlternatives(List<List<String>> streams) {
        List<String> out = new ArrayList<>(streams.size());
        for (List<String> alternatives : streams) {
            String first = alternatives.get(0);
            out.add(first.startsWith("~") ? first.substring(1) : first);
        }
        return List.copyOf(out);
    }

    private static List<List<String>> parseList(String text) {
        List<List<String>> streams = new ArrayList<>();
        for (String stream : text.split(";", -1)) {
            List<String> alternatives = new ArrayList<>();
            for (String alt : stream.split(",", -1)) {
                String rid = alt.startsWith("~") ? alt.substring(1) : alt;
                if (!Rid.isRidId(rid)) {
                    throw new SdpParseException("a=simulcast stream '" + alt + "' is not a rid");
                }
                alternatives.add(alt);
            }
            streams.add(alternatives);
        }
        return streams;
    }
}
