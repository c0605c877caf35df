package io.mediamesh.core.sdp;

import java.util.List;

/** The answer text (CRLF line endings) and what was negotiated, one {@link NegotiatedMedia} per offered m-line. */
public record NegotiationResult(String answerSdp, RemoteTransport remote, List<NegotiatedMedia> media) {

    public NegotiationResult {
        media = List.copyOf(media);
    }
}
