package io.mediamesh.rtmp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.rtmp.amf.Amf0;
import io.mediamesh.rtmp.chunk.ChunkStreamDecoder;
import io.mediamesh.rtmp.chunk.ChunkStreamEncoder;
import io.mediamesh.rtmp.chunk.MessageType;
import io.mediamesh.rtmp.chunk.RtmpMessage;
import io.mediamesh.rtmp.handshake.RtmpHandshake;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A scripted encoder (the command sequence FFmpeg and OBS send) against the session engine. */
class RtmpPublishSessionTest {
    private final List<String> events = new ArrayList<>();
    private final ChunkStreamEncoder client = new ChunkStreamEncoder();
    private final ChunkStreamDecoder serverOutput = new ChunkStreamDecoder(ByteBufAllocator.DEFAULT);

    private final PublishListener listener = new PublishListener() {
        @Override
        public PublishDecision onPublish(String app, String streamKey) {
            events.add("publish " + app + "/" + streamKey);
            return "good".equals(streamKey) ? PublishDecision.accept()
                    : PublishDecision.refuse(PublishDecision.UNAUTHORIZED, "stream key refused");
        }

        @Override
        public void onMetaData(Map<String, Object> metaData) {
            events.add("metadata " + metaData.get("width"));
        }

        @Override
        public void onVideo(RtmpMessage message) {
            events.add("video " + ByteBufUtil.hexDump(message.payload()));
        }

        @Override
        public void onAudio(RtmpMessage message) {
            events.add("audio " + ByteBufUtil.hexDump(message.payload()));
        }

        @Override
        public void onUnpublish() {
            events.add("unpublish");
        }
    };

    @Test
    void ffmpegStylePublishFlow() {
        RtmpPublishSession session = new RtmpPublishSession(ByteBufAllocator.DEFAULT, new Random(1), listener);
        ByteBuf out = Unpooled.buffer();
        handshake(session, out);

        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("app", "live");
        connect.put("type", "nonprivate");
        connect.put("tcUrl", "rtmp://127.0.0.1/live");
        send(session, out, 3, MessageType.COMMAND_AMF0, 0, "connect", 1.0, connect);
        List<List<Object>> replies = commands(out);
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).get(0)).isEqualTo("_result");
        assertThat(replies.get(0).get(3).toString()).contains("NetConnection.Connect.Success");

        send(session, out, 3, MessageType.COMMAND_AMF0, 0, "releaseStream", 2.0, null, "good");
        send(session, out, 3, MessageType.COMMAND_AMF0, 0, "FCPublish", 3.0, null, "good");
        send(session, out, 3, MessageType.COMMAND_AMF0, 0, "createStream", 4.0, null);
        replies = commands(out);
        assertThat(replies.get(2)).containsExactly("_result", 4.0, null, 1.0);

        send(session, out, 4, MessageType.COMMAND_AMF0, 1, "publish", 5.0, null, "good", "live");
        replies = commands(out);
        assertThat(replies.get(0).get(0)).isEqualTo("onStatus");
        assertThat(replies.get(0).get(3).toString()).contains("NetStream.Publish.Start");
        assertThat(session.isPublishing()).isTrue();

        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("width", 640.0);
        send(session, out, 4, MessageType.DATA_AMF0, 1, "@setDataFrame", "onMetaData", meta);
        sendRaw(session, out, 6, MessageType.VIDEO, "1700000000");
        sendRaw(session, out, 4, MessageType.AUDIO, "af001210");
        send(session, out, 3, MessageType.COMMAND_AMF0, 0, "FCUnpublish", 6.0, null, "good");
        assertThat(events).containsExactly("publish live/good", "metadata 640.0", "video 1700000000",
                "audio af001210", "unpublish");
        assertThat(session.isClosing()).isFalse();
        session.release();
    }

    @Test
    void aRefusedKeyGetsAnErrorStatusAndClosesTheSession() {
        RtmpPublishSession session = new RtmpPublishSession(ByteBufAllocator.DEFAULT, new Random(2), listener);
        ByteBuf out = Unpooled.buffer();
        handshake(session, out);
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("app", "live");
        send(session, out, 3, MessageType.COMMAND_AMF0, 0, "connect", 1.0, connect);
        commands(out);
        send(session, out, 4, MessageType.COMMAND_AMF0, 1, "publish", 2.0, null, "stolen", "live");
        List<List<Object>> replies = commands(out);
        assertThat(replies.get(0).get(3).toString()).contains("level=error")
                .contains("NetStream.Publish.Unauthorized").contains("stream key refused");
        assertThat(session.isClosing()).isTrue();
        sendRaw(session, out, 6, MessageType.VIDEO, "1700000000");
        assertThat(events).containsExactly("publish live/stolen");
        session.release();
    }

    @Test
    void theOwnerCanEndAStreamWithAStatus() {
        RtmpPublishSession session = new RtmpPublishSession(ByteBufAllocator.DEFAULT, new Random(3), new PublishListener() {
            RtmpPublishSession self;

            @Override
            public PublishDecision onPublish(String app, String key) {
                return PublishDecision.accept();
            }

            @Override
            public void onVideo(RtmpMessage message) {
                holder[0].fail(PublishDecision.BAD_NAME, "HEVC is not ingested");
            }

            @Override
            public void onAudio(RtmpMessage message) {
            }

            @Override
            public void onUnpublish() {
            }
        });
        holder[0] = session;
        ByteBuf out = Unpooled.buffer();
        handshake(session, out);
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("app", "live");
        send(session, out, 3, MessageType.COMMAND_AMF0, 0, "connect", 1.0, connect);
        send(session, out, 4, MessageType.COMMAND_AMF0, 1, "publish", 2.0, null, "k", "live");
        commands(out);
        sendRaw(session, out, 6, MessageType.VIDEO, "9068766331");
        assertThat(commands(out).get(0).get(3).toString()).contains("HEVC is not ingested");
        assertThat(session.isClosing()).isTrue();
        session.release();
    }

    private final RtmpPublishSession[] holder = new RtmpPublishSession[1];

    private void handshake(RtmpPublishSession session, ByteBuf out) {
        ByteBuf in = Unpooled.buffer().writeByte(3).writeBytes(new byte[RtmpHandshake.SIZE]);
        session.onBytes(in, out);
        assertThat(out.readableBytes()).isEqualTo(1 + 2 * RtmpHandshake.SIZE);
        out.clear();
        session.onBytes(Unpooled.buffer().writeBytes(new byte[RtmpHandshake.SIZE]), out);
    }

    private void send(RtmpPublishSession session, ByteBuf out, int chunkStream, int type, int streamId,
            Object... values) {
        ByteBuf body = Unpooled.buffer();
        Amf0.writeAll(body, values);
        ByteBuf wire = Unpooled.buffer();
        client.write(chunkStream, type, streamId, 0, body, wire);
        session.onBytes(wire, out);
    }

    private void sendRaw(RtmpPublishSession session, ByteBuf out, int chunkStream, int type, String hex) {
        ByteBuf wire = Unpooled.buffer();
        client.write(chunkStream, type, 1, 0, Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex)), wire);
        session.onBytes(wire, out);
    }

    /** The AMF0 commands the server wrote since the last call (control messages skipped). */
    private List<List<Object>> commands(ByteBuf out) {
        List<RtmpMessage> messages = new ArrayList<>();
        serverOutput.decode(out, messages);
        out.discardReadBytes();
        List<List<Object>> commands = new ArrayList<>();
        for (RtmpMessage message : messages) {
            if (message.type() == MessageType.COMMAND_AMF0) {
                commands.add(Amf0.readAll(message.payload()));
            }
            message.release();
        }
        return commands;
    }
}
