package io.mediamesh.rtmp.session;

import io.mediamesh.rtmp.chunk.RtmpMessage;
import java.util.Map;

/** What an {@link RtmpPublishSession} reports to its owner. Called on the thread that feeds the session. */
public interface PublishListener {
    /**
     * A client wants to publish {@code streamKey} in application {@code app}.
     *
     * @return the decision: accepted, or refused with an RTMP status code and a reason
     */
    PublishDecision onPublish(String app, String streamKey);

    /** The stream's {@code onMetaData} (width, height, frame rate, codecs... as the encoder sent them). */
    default void onMetaData(Map<String, Object> metaData) {
    }

    /** A video message of the accepted stream; borrowed for the call. */
    void onVideo(RtmpMessage message);

    /** An audio message of the accepted stream; borrowed for the call. */
    void onAudio(RtmpMessage message);

    /** The client stopped publishing (FCUnpublish, deleteStream or closeStream). */
    void onUnpublish();
}
