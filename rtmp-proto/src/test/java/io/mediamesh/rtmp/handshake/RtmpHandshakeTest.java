package io.mediamesh.rtmp.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class RtmpHandshakeTest {
    private static final int SIZE = RtmpHandshake.SIZE;

    @Test
    void plainHandshakeEchoesC1AndStopsAfterC2() {
        byte[] c1 = random(1);
        Arrays.fill(c1, 0, 8, (byte) 0); // time 0, version 0: a plain client
        RtmpHandshake handshake = new RtmpHandshake(new Random(2));
        ByteBuf in = Unpooled.buffer().writeByte(3).writeBytes(c1, 0, 1000);
        assertThat(handshake.offer(in, ByteBufAllocator.DEFAULT)).as("C1 incomplete").isNull();
        in.writeBytes(c1, 1000, SIZE - 1000);
        ByteBuf answer = handshake.offer(in, ByteBufAllocator.DEFAULT);
        assertThat(answer.readableBytes()).isEqualTo(1 + 2 * SIZE);
        assertThat(answer.getByte(0)).isEqualTo((byte) 3);
        assertThat(ByteBufUtil.getBytes(answer, 1 + SIZE, SIZE)).as("S2 echoes C1").isEqualTo(c1);
        assertThat(handshake.digest()).isFalse();
        answer.release();

        in.writeBytes(new byte[SIZE]).writeBytes(new byte[] {(byte) 0xC3});
        assertThat(handshake.offer(in, ByteBufAllocator.DEFAULT)).isNull();
        assertThat(handshake.isDone()).isTrue();
        assertThat(in.readableBytes()).as("chunk bytes after C2 stay").isEqualTo(1);
    }

    @Test
    void digestHandshakeSchemeZeroAndOne() throws Exception {
        for (int scheme = 0; scheme < 2; scheme++) {
            byte[] c1 = random(10 + scheme);
            c1[4] = (byte) 0x80; // Flash Player 9+ style version: the client uses the digest handshake
            c1[5] = 0;
            c1[6] = 7;
            c1[7] = 2;
            int offset = offset(c1, scheme);
            byte[] clientDigest = hmac(Arrays.copyOf(RtmpHandshake.PLAYER_KEY, 30), withoutDigest(c1, offset));
            System.arraycopy(clientDigest, 0, c1, offset, 32);

            RtmpHandshake handshake = new RtmpHandshake(new Random(3));
            ByteBuf answer = handshake.offer(Unpooled.buffer().writeByte(3).writeBytes(c1), ByteBufAllocator.DEFAULT);
            assertThat(handshake.digest()).as("scheme %d", scheme).isTrue();
            byte[] s1 = ByteBufUtil.getBytes(answer, 1, SIZE);
            byte[] s2 = ByteBufUtil.getBytes(answer, 1 + SIZE, SIZE);
            answer.release();

            int serverOffset = offset(s1, scheme);
            assertThat(Arrays.copyOfRange(s1, serverOffset, serverOffset + 32)).as("S1 digest, scheme %d", scheme)
                    .isEqualTo(hmac(Arrays.copyOf(RtmpHandshake.SERVER_KEY, 36), withoutDigest(s1, serverOffset)));
            byte[] key = hmac(RtmpHandshake.SERVER_KEY, clientDigest);
            assertThat(Arrays.copyOfRange(s2, SIZE - 32, SIZE)).as("S2 signature, scheme %d", scheme)
                    .isEqualTo(hmac(key, Arrays.copyOf(s2, SIZE - 32)));
        }
    }

    @Test
    void aC1WithABadDigestGetsThePlainAnswer() {
        byte[] c1 = random(20);
        c1[4] = 1;
        RtmpHandshake handshake = new RtmpHandshake(new Random(4));
        ByteBuf answer = handshake.offer(Unpooled.buffer().writeByte(3).writeBytes(c1), ByteBufAllocator.DEFAULT);
        assertThat(handshake.digest()).isFalse();
        assertThat(ByteBufUtil.getBytes(answer, 1 + SIZE, SIZE)).isEqualTo(c1);
        answer.release();
    }

    @Test
    void otherVersionsAreRefused() {
        RtmpHandshake handshake = new RtmpHandshake(new Random(5));
        ByteBuf in = Unpooled.buffer().writeByte(6).writeBytes(new byte[SIZE]);
        assertThatThrownBy(() -> handshake.offer(in, ByteBufAllocator.DEFAULT))
                .isInstanceOf(RtmpHandshakeException.class).hasMessageContaining("version 6");
    }

    /** The digest position, computed here from the specification's rule, not with the class's helper. */
    private static int offset(byte[] block, int scheme) {
        int base = scheme == 0 ? 8 : 772;
        int sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += block[base + i] & 0xFF;
        }
        return sum % 728 + base + 4;
    }

    private static byte[] withoutDigest(byte[] block, int offset) {
        byte[] out = new byte[block.length - 32];
        System.arraycopy(block, 0, out, 0, offset);
        System.arraycopy(block, offset + 32, out, offset, block.length - offset - 32);
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] random(long seed) {
        byte[] block = new byte[SIZE];
        new Random(seed).nextBytes(block);
        return block;
    }
}
