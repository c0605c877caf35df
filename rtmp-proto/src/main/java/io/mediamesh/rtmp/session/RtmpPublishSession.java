package io.mediamesh.rtmp.session;

import io.mediamesh.rtmp.amf.Amf0;
import io.mediamesh.rtmp.amf.AmfException;
import io.mediamesh.rtmp.chunk.ChunkStreamDecoder;
import io.mediamesh.rtmp.chunk.ChunkStreamEncoder;
import io.mediamesh.rtmp.chunk.MessageType;
import io.mediamesh.rtmp.chunk.RtmpMessage;
import io.mediamesh.rtmp.chunk.RtmpProtocolException;
import io.mediamesh.rtmp.handshake.RtmpHandshake;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The server side of one RTMP publishing connection, sans-IO: bytes from the client go in through {@link #onBytes},
 * the bytes to send back come out in the caller's buffer, and the publish request, metadata, audio and video reach
 * the {@link PublishListener}. It speaks what OBS and FFmpeg send: handshake, {@code connect},
 * {@code releaseStream}, {@code FCPublish}, {@code createStream}, {@code publish}, {@code @setDataFrame}/
 * {@code onMetaData}, {@code FCUnpublish}, {@code deleteStream}, window acknowledgement size and acknowledgements,
 * set chunk size, user control ping. Playing is not offered (viewers use WebRTC). Not thread-safe.
 */
public final class RtmpPublishSession {
    /** The chunk size the server announces for what it sends. */
    public static final int SERVER_CHUNK_SIZE = 4096;
    private static final int WINDOW = 2_500_000;
    private static final int CS_CONTROL = 2;
    private static final int CS_COMMAND = 3;
    private static final int CS_STATUS = 5;
    private static final int STREAM_ID = 1;

    private final ByteBufAllocator allocator;
    private final PublishListener listener;
    private final RtmpHandshake handshake;
    private final ChunkStreamDecoder decoder;
    private final ChunkStreamEncoder encoder = new ChunkStreamEncoder();
    private final List<RtmpMessage> messages = new ArrayList<>();
    private String app = "";
    private long peerWindow = WINDOW;
    private long acknowledged;
    private boolean publishing;
    private String closeReason;
    private PublishDecision failure;

    public RtmpPublishSession(ByteBufAllocator allocator, RandomGenerator random, PublishListener listener) {
        this.allocator = allocator;
        this.listener = listener;
        this.handshake = new RtmpHandshake(random);
        this.decoder = new ChunkStreamDecoder(allocator);
    }

    /**
     * Consumes the client's bytes.
     *
     * @param in  borrowed; incomplete data stays in it for the next call
     * @param out receives the bytes to send back
     * @throws RtmpProtocolException or {@code RtmpHandshakeException} when the client breaks the protocol (close the
     *     connection)
     */
    public void onBytes(ByteBuf in, ByteBuf out) {
        if (isClosing()) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!handshake.isDone()) {
            ByteBuf answer = handshake.offer(in, allocator);
            if (answer != null) {
                try {
                    out.writeBytes(answer);
                } finally {
                    answer.release();
                }
                handshake.offer(in, allocator);
            }
            if (!handshake.isDone()) {
                return;
            }
        }
        decoder.decode(in, messages);
        try {
            for (RtmpMessage message : messages) {
                if (!isClosing()) {
                    handle(message, out);
                }
                if (failure != null && !isClosing()) {
                    refuse(failure, out);
                }
            }
        } finally {
            for (RtmpMessage message : messages) {
                message.release();
            }
            messages.clear();
        }
        long received = decoder.bytesRead();
        if (received - acknowledged >= peerWindow) {
            acknowledged = received;
            ByteBuf ack = allocator.heapBuffer(4).writeInt((int) received);
            writeControl(MessageType.ACKNOWLEDGEMENT, ack, out);
        }
    }

    /** Whether the session decided to end the connection (refused publish); the reason is {@link #closeReason()}. */
    public boolean isClosing() {
        return closeReason != null;
    }

    public String closeReason() {
        return closeReason;
    }

    /**
     * Ends the stream from the owner's side (e.g. a codec it cannot ingest): the client gets an {@code onStatus}
     * error with {@code statusCode} and {@code description} after the current message, then the session closes.
     */
    public void fail(String statusCode, String description) {
        if (failure == null) {
            failure = PublishDecision.refuse(statusCode, description);
        }
    }

    public boolean isPublishing() {
        return publishing;
    }

    /** Releases buffered partial messages. */
    public void release() {
        decoder.release();
    }

    private void handle(RtmpMessage message, ByteBuf out) {
        switch (message.type()) {
            case MessageType.VIDEO -> {
                if (publishing) {
                    listener.onVideo(message);
                }
            }
            case MessageType.AUDIO -> {
                if (publishing) {
                    listener.onAudio(message);
                }
            }
            case MessageType.COMMAND_AMF0 -> command(message, out);
            case MessageType.DATA_AMF0 -> data(message);
            case MessageType.WINDOW_ACK_SIZE -> {
                if (message.payload().readableBytes() >= 4) {
                    peerWindow = Math.max(1, message.payload().getUnsignedInt(message.payload().readerIndex()));
                }
            }
            case MessageType.USER_CONTROL -> userControl(message, out);
            case MessageType.COMMAND_AMF3, MessageType.DATA_AMF3 ->
                    throw new RtmpProtocolException("AMF3 messages are not supported (object encoding 0 only)");
            default -> {
                // set chunk size / abort were applied by the decoder; acknowledgements and bandwidth need nothing
            }
        }
    }

    private void command(RtmpMessage message, ByteBuf out) {
        List<Object> values;
        try {
            values = Amf0.readAll(message.payload().duplicate());
        } catch (AmfException e) {
            throw new RtmpProtocolException("malformed AMF0 command: " + e.getMessage());
        }
        if (values.isEmpty() || !(values.get(0) instanceof String name)) {
            throw new RtmpProtocolException("command without a name");
        }
        double transaction = values.size() > 1 && values.get(1) instanceof Double tx ? tx : 0;
        switch (name) {
            case "connect" -> connect(values, transaction, out);
            case "releaseStream", "FCPublish" -> result(transaction, null, null, out);
            case "createStream" -> result(transaction, null, (double) STREAM_ID, out);
            case "publish" -> publish(values, out);
            case "FCUnpublish", "deleteStream", "closeStream" -> unpublish();
            case "play", "play2" -> refuse(PublishDecision.refuse("NetStream.Play.Failed",
                    "this server only ingests; play the room over WebRTC (WHEP or the SDK)"), out);
            default -> {
                if (transaction != 0) {
                    result(transaction, null, null, out);
                }
            }
        }
    }

    private void connect(List<Object> values, double transaction, ByteBuf out) {
        if (values.size() > 2 && values.get(2) instanceof Map<?, ?> commandObject) {
            Object appName = commandObject.get("app");
            app = appName == null ? "" : appName.toString();
            Object encoding = commandObject.get("objectEncoding");
            if (encoding instanceof Double number && number != 0) {
                throw new RtmpProtocolException("AMF3 object encoding is not supported");
            }
        }
        writeControl(MessageType.WINDOW_ACK_SIZE, allocator.heapBuffer(4).writeInt(WINDOW), out);
        writeControl(MessageType.SET_PEER_BANDWIDTH, allocator.heapBuffer(5).writeInt(WINDOW).writeByte(2), out);
        writeControl(MessageType.SET_CHUNK_SIZE, allocator.heapBuffer(4).writeInt(SERVER_CHUNK_SIZE), out);
        encoder.chunkSize(SERVER_CHUNK_SIZE);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("fmsVer", "FMS/3,5,7,7009");
        properties.put("capabilities", 31.0);
        properties.put("mode", 1.0);
        Map<String, Object> information = new LinkedHashMap<>();
        information.put("level", "status");
        information.put("code", "NetConnection.Connect.Success");
        information.put("description", "Connection succeeded.");
        information.put("objectEncoding", 0.0);
        result(transaction, properties, information, out);
    }

    private void publish(List<Object> values, ByteBuf out) {
        String key = values.size() > 3 && values.get(3) instanceof String name ? name : "";
        PublishDecision decision = listener.onPublish(app, key);
        if (!decision.accepted()) {
            refuse(decision, out);
            return;
        }
        // User control "stream begin" for stream 1, then NetStream.Publish.Start.
        writeControl(MessageType.USER_CONTROL, allocator.heapBuffer(6).writeShort(0).writeInt(STREAM_ID), out);
        status("status", decision.statusCode(), decision.description(), out);
        publishing = true;
    }

    private void unpublish() {
        if (publishing) {
            publishing = false;
            listener.onUnpublish();
        }
    }

    private void refuse(PublishDecision decision, ByteBuf out) {
        status("error", decision.statusCode(), decision.description(), out);
        closeReason = decision.statusCode() + ": " + decision.description();
    }

    private void data(RtmpMessage message) {
        List<Object> values;
        try {
            values = Amf0.readAll(message.payload().duplicate());
        } catch (AmfException e) {
            return; // metadata is informative; a malformed one does not end the stream
        }
        for (Object value : values) {
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> metaData = new LinkedHashMap<>();
                map.forEach((k, v) -> metaData.put(String.valueOf(k), v));
                listener.onMetaData(metaData);
                return;
            }
        }
    }

    private void userControl(RtmpMessage message, ByteBuf out) {
        ByteBuf payload = message.payload();
        if (payload.readableBytes() >= 6 && payload.getUnsignedShort(payload.readerIndex()) == 6) {
            ByteBuf pong = allocator.heapBuffer(6).writeShort(7).writeInt(payload.getInt(payload.readerIndex() + 2));
            writeControl(MessageType.USER_CONTROL, pong, out);
        }
    }

    private void result(double transaction, Object first, Object second, ByteBuf out) {
        ByteBuf body = allocator.heapBuffer();
        try {
            Amf0.writeAll(body, "_result", transaction, first, second);
            encoder.write(CS_COMMAND, MessageType.COMMAND_AMF0, 0, 0, body, out);
        } finally {
            body.release();
        }
    }

    private void status(String level, String code, String description, ByteBuf out) {
        Map<String, Object> information = new LinkedHashMap<>();
        information.put("level", level);
        information.put("code", code);
        information.put("description", description);
        ByteBuf body = allocator.heapBuffer();
        try {
            Amf0.writeAll(body, "onStatus", 0.0, null, information);
            encoder.write(CS_STATUS, MessageType.COMMAND_AMF0, STREAM_ID, 0, body, out);
        } finally {
            body.release();
        }
    }

    /** Writes a protocol control or user control message on chunk stream 2 and releases {@code body}. */
    private void writeControl(int type, ByteBuf body, ByteBuf out) {
        try {
            encoder.write(CS_CONTROL, type, 0, 0, body, out);
        } finally {
            body.release();
        }
    }
}
