package io.mediamesh.rtmp.chunk;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChunkStreamTest {
    private final ChunkStreamDecoder decoder = new ChunkStreamDecoder(ByteBufAllocator.DEFAULT);
    private final List<RtmpMessage> out = new ArrayList<>();

    @AfterEach
    void release() {
        out.forEach(RtmpMessage::release);
        decoder.release();
    }

    @Test
    void typeZeroHeaderCarriesEverything() {
        decoder.decode(buf("""
                03              // fmt 0, chunk stream 3
                000064          // timestamp 100
                000004          // length 4
                14              // type 20: AMF0 command
                01000000        // message stream id 1, little-endian
                DEADBEEF"""), out);
        assertThat(out).hasSize(1);
        RtmpMessage message = out.get(0);
        assertThat(message.type()).isEqualTo(MessageType.COMMAND_AMF0);
        assertThat(message.streamId()).isEqualTo(1);
        assertThat(message.timestamp()).isEqualTo(100);
        assertThat(ByteBufUtil.hexDump(message.payload())).isEqualTo("deadbeef");
    }

    @Test
    void aMessageLongerThanTheChunkSizeContinuesInTypeThreeChunks() {
        byte[] payload = pattern(300);
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(buf("06 000000 00012C 09 01000000")).writeBytes(payload, 0, 128);
        in.writeByte(0xC6).writeBytes(payload, 128, 128);
        in.writeByte(0xC6).writeBytes(payload, 256, 44);
        decoder.decode(in, out);
        assertThat(out).hasSize(1);
        assertThat(ByteBufUtil.getBytes(out.get(0).payload())).isEqualTo(payload);
        assertThat(decoder.bytesRead()).isEqualTo(12 + 300 + 2);
    }

    @Test
    void interleavedChunkStreamsAreReassembledSeparately() {
        byte[] audio = pattern(200);
        byte[] video = pattern(250);
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(buf("04 000010 0000C8 08 01000000")).writeBytes(audio, 0, 128);
        in.writeBytes(buf("06 000010 0000FA 09 01000000")).writeBytes(video, 0, 128);
        in.writeByte(0xC4).writeBytes(audio, 128, 72);
        in.writeByte(0xC6).writeBytes(video, 128, 122);
        decoder.decode(in, out);
        assertThat(out).extracting(RtmpMessage::type).containsExactly(MessageType.AUDIO, MessageType.VIDEO);
        assertThat(ByteBufUtil.getBytes(out.get(0).payload())).isEqualTo(audio);
        assertThat(ByteBufUtil.getBytes(out.get(1).payload())).isEqualTo(video);
    }

    @Test
    void aChunkSizeChangeMidStreamAppliesToTheNextChunk() {
        byte[] payload = pattern(1000);
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(buf("02 000000 000004 01 00000000 00001000")); // set chunk size 4096
        in.writeBytes(buf("06 000000 0003E8 09 01000000")).writeBytes(payload); // one chunk now
        decoder.decode(in, out);
        assertThat(decoder.chunkSize()).isEqualTo(4096);
        assertThat(out).hasSize(2);
        assertThat(ByteBufUtil.getBytes(out.get(1).payload())).isEqualTo(payload);
    }

    @Test
    void deltasOfTypeOneTwoAndThreeHeadersAccumulate() {
        assertThatThrownBy(() -> decoder.decode(buf("44 000064 000001 08 AA"), out))
                .as("a chunk stream cannot start with a type-1 header").isInstanceOf(RtmpProtocolException.class);

        ChunkStreamDecoder fresh = new ChunkStreamDecoder(ByteBufAllocator.DEFAULT);
        List<RtmpMessage> messages = new ArrayList<>();
        fresh.decode(buf("""
                04 000064 000001 08 01000000 AA   // fmt 0: t = 100
                44 000014 000001 08 BB            // fmt 1: delta 20 -> 120
                84 000015 CC                      // fmt 2: delta 21 -> 141
                C4 DD                             // fmt 3: same delta -> 162
                """), messages);
        assertThat(messages).extracting(RtmpMessage::timestamp).containsExactly(100L, 120L, 141L, 162L);
        messages.forEach(RtmpMessage::release);
        fresh.release();
    }

    @Test
    void extendedTimestampsAlsoOnContinuationChunks() {
        byte[] payload = pattern(200);
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(buf("06 FFFFFF 0000C8 09 01000000 01000000")).writeBytes(payload, 0, 128);
        in.writeBytes(buf("C6 01000000")).writeBytes(payload, 128, 72);
        decoder.decode(in, out);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).timestamp()).isEqualTo(0x01000000L);
        assertThat(ByteBufUtil.getBytes(out.get(0).payload())).isEqualTo(payload);
    }

    @Test
    void abortDiscardsAPartialMessage() {
        byte[] payload = pattern(200);
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(buf("06 000000 0000C8 09 01000000")).writeBytes(payload, 0, 128);
        in.writeBytes(buf("02 000000 000004 02 00000000 00000006")); // abort chunk stream 6
        in.writeBytes(buf("06 000000 000002 09 01000000 1234"));
        decoder.decode(in, out);
        assertThat(out).extracting(RtmpMessage::type).containsExactly(MessageType.ABORT, MessageType.VIDEO);
        assertThat(ByteBufUtil.hexDump(out.get(1).payload())).isEqualTo("1234");
    }

    @Test
    void bytesArrivingOneByOneGiveTheSameMessages() {
        byte[] payload = pattern(300);
        ByteBuf all = Unpooled.buffer();
        all.writeBytes(buf("06 000000 00012C 09 01000000")).writeBytes(payload, 0, 128);
        all.writeByte(0xC6).writeBytes(payload, 128, 128);
        all.writeByte(0xC6).writeBytes(payload, 256, 44);
        ByteBuf in = Unpooled.buffer();
        while (all.isReadable()) {
            in.writeByte(all.readByte());
            decoder.decode(in, out);
            in.discardReadBytes();
        }
        assertThat(out).hasSize(1);
        assertThat(ByteBufUtil.getBytes(out.get(0).payload())).isEqualTo(payload);
    }

    @Test
    void tooLargeMessagesAreRefused() {
        assertThatThrownBy(() -> decoder.decode(buf("06 000000 FFFFFF 09 01000000 00"), out))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("exceeds");
    }

    @Test
    void encoderOutputDecodesBackWithExtendedTimestamps() {
        ChunkStreamEncoder encoder = new ChunkStreamEncoder();
        byte[] payload = pattern(5000);
        ByteBuf wire = Unpooled.buffer();
        encoder.write(2, MessageType.SET_CHUNK_SIZE, 0, 0, Unpooled.buffer().writeInt(1024), wire);
        encoder.chunkSize(1024);
        encoder.write(5, MessageType.VIDEO, 1, 0x1_2345_678L, Unpooled.wrappedBuffer(payload), wire);
        decoder.decode(wire, out);
        assertThat(out).hasSize(2);
        assertThat(out.get(1).timestamp()).isEqualTo(0x1_2345_678L & 0xFFFFFFFFL);
        assertThat(ByteBufUtil.getBytes(out.get(1).payload())).isEqualTo(payload);
        assertThat(wire.isReadable()).isFalse();
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
