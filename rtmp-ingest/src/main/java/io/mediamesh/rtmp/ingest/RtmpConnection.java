package io.mediamesh.rtmp.ingest;

import io.mediamesh.clustermedia.OverlayMember;
import io.mediamesh.model.token.TokenClaims;
import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.model.token.TokenException;
import io.mediamesh.model.token.TokenKind;
import io.mediamesh.rtmp.chunk.RtmpMessage;
import io.mediamesh.rtmp.chunk.RtmpProtocolException;
import io.mediamesh.rtmp.handshake.RtmpHandshakeException;
import io.mediamesh.rtmp.session.PublishDecision;
import io.mediamesh.rtmp.session.PublishListener;
import io.mediamesh.rtmp.session.RtmpPublishSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One encoder's TCP connection: the thin Netty adapter of the sans-IO {@link RtmpPublishSession}. It checks the
 * stream key (a {@code rtmp} token: room and peer come from it), replaces an older connection of the same peer, and
 * feeds audio and video to an {@link IngestStream}. A protocol error or a refused key closes this connection only,
 * with one log line saying why. Runs on the connection's event loop.
 */
final class RtmpConnection extends ChannelInboundHandlerAdapter implements PublishListener {
    private static final Logger log = LoggerFactory.getLogger(RtmpConnection.class);

    private final RtmpIngestProperties properties;
    private final OverlayMember member;
    private final TokenCodec tokens;
    private final IngestSessions sessions;
    private final MeterRegistry meters;
    private final Timer videoLatency;
    private final Timer audioLatency;
    private final Instant since = Instant.now();
    private RtmpPublishSession session;
    private ByteBuf pending;
    private ChannelHandlerContext context;
    private IngestStream stream;
    private String room;
    private String peer;
    private long receivedNanos;

    RtmpConnection(RtmpIngestProperties properties, OverlayMember member, TokenCodec tokens, IngestSessions sessions,
            MeterRegistry meters, Timer videoLatency, Timer audioLatency) {
        this.properties = properties;
        this.member = member;
        this.tokens = tokens;
        this.sessions = sessions;
        this.meters = meters;
        this.videoLatency = videoLatency;
        this.audioLatency = audioLatency;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        session = new RtmpPublishSession(ctx.alloc(), ThreadLocalRandom.current(), this);
        pending = ctx.alloc().heapBuffer(8192);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        receivedNanos = System.nanoTime();
        ByteBuf out = ctx.alloc().heapBuffer(256);
        try {
            pending.writeBytes(in);
            session.onBytes(pending, out);
            pending.discardSomeReadBytes();
        } catch (RtmpProtocolException | RtmpHandshakeException e) {
            refused("protocol", "closing " + describe() + ": " + e.getMessage());
            out.release();
            ctx.close();
            return;
        } finally {
            in.release();
        }
        if (out.isReadable()) {
            ctx.writeAndFlush(out);
        } else {
            out.release();
        }
        if (session.isClosing()) {
            ctx.writeAndFlush(ctx.alloc().buffer(0)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public PublishDecision onPublish(String app, String streamKey) {
        if (!properties.application().equals(app)) {
            return refuse("bad-name", PublishDecision.BAD_NAME, "unknown application '" + app + "': publish to rtmp://host/"
                    + properties.application() + "/<stream key>");
        }
        TokenClaims claims;
        try {
            claims = tokens.verify(streamKey, TokenKind.RTMP, Instant.now());
        } catch (TokenException e) {
            return refuse("unauthorized", PublishDecision.UNAUTHORIZED,
                    "stream key refused: " + e.getMessage() + " (get one from POST /token/rtmp)");
        }
        room = claims.room();
        peer = claims.peer();
        stream = new IngestStream(room, peer, member, properties, context.alloc(), videoLatency, audioLatency);
        RtmpConnection replaced = sessions.register(room, peer, this);
        if (replaced != null && replaced != this) {
            log.info("room {}: {} reconnected from {}; closing its older connection", room, peer, remote());
            replaced.context.channel().eventLoop().execute(() -> replaced.context.close());
        }
        log.info("room {}: {} publishing from {} (rtmp)", room, peer, remote());
        return PublishDecision.accept();
    }

    private PublishDecision refuse(String reason, String code, String description) {
        refused(reason, describe() + " refused: " + code + " " + description);
        return PublishDecision.refuse(code, description);
    }

    private void refused(String reason, String line) {
        meters.counter("mediamesh.rtmp.refused", "reason", reason).increment();
        log.warn(line);
    }

    @Override
    public void onMetaData(Map<String, Object> metaData) {
        log.debug("room {}: {} metadata {}", room, peer, metaData);
    }

    @Override
    public void onVideo(RtmpMessage message) {
        String failure = stream.video(message, receivedNanos);
        if (failure != null) {
            refused("codec", describe() + " refused: " + failure);
            session.fail(PublishDecision.BAD_NAME, failure);
        }
    }

    @Override
    public void onAudio(RtmpMessage message) {
        String failure = stream.audio(message, receivedNanos);
        if (failure != null) {
            refused("codec", describe() + " refused: " + failure);
            session.fail(PublishDecision.BAD_NAME, failure);
        }
    }

    @Override
    public void onUnpublish() {
        endStream("unpublished");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        endStream("disconnected");
        session.release();
        pending.release();
    }

    private void endStream(String why) {
        if (stream != null) {
            stream.close();
            sessions.unregister(room, peer, this);
            log.info("room {}: {} {} after {} video and {} audio packets", room, peer, why, stream.videoPackets(),
                    stream.audioPackets());
            stream = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        refused("error", "closing " + describe() + " after an error: " + cause);
        ctx.close();
    }

    IngestSessions.SessionView view() {
        IngestStream current = stream;
        return new IngestSessions.SessionView(room, peer, remote(), since,
                current == null ? "" : current.videoDescription(), current == null ? "" : current.audioDescription(),
                current == null ? 0 : current.videoPackets(), current == null ? 0 : current.audioPackets());
    }

    private String remote() {
        return context == null ? "?" : String.valueOf(context.channel().remoteAddress());
    }

    private String describe() {
        return "RTMP connection from " + remote() + (peer == null ? "" : " (" + room + "/" + peer + ")");
    }
}
