package io.mediamesh.sip.message;

import static io.mediamesh.sip.message.SipTexts.crlf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipStreamFramerTest {
    private static final byte[] INVITE = crlf(SipMessageTest.INVITE);
    private static final byte[] BYE = crlf("""
            BYE sip:alice@client.atlanta.example.com SIP/2.0
            Via: SIP/2.0/TCP 192.0.2.4;branch=z9hG4bKnashds10
            From: Bob <sip:bob@biloxi.example.com>;tag=8321234356
            To: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
            Call-ID: 3848276298220188511@atlanta.example.com
            CSeq: 1 BYE
            l: 0

            """);

    /** Reads a stream the way a connection handler does: keep unread bytes, frame, parse, repeat. */
    private static List<SipMessage> feed(List<byte[]> chunks) throws SipParseException {
        List<SipMessage> out = new ArrayList<>();
        byte[] pending = new byte[0];
        for (byte[] chunk : chunks) {
            byte[] joined = Arrays.copyOf(pending, pending.length + chunk.length);
            System.arraycopy(chunk, 0, joined, pending.length, chunk.length);
            int at = 0;
            SipStreamFramer.Frame frame;
            while ((frame = SipStreamFramer.frame(joined, at, joined.length - at)) != null) {
                if (frame.hasMessage()) {
                    out.add(SipParser.parse(joined, at + frame.keepAliveBytes(), frame.messageBytes()));
                }
                at += frame.totalBytes();
            }
            pending = Arrays.copyOfRange(joined, at, joined.length);
        }
        assertThat(pending).isEmpty();
        return out;
    }

    @Test
    void aMessageSplitIntoSingleBytesNeedsMoreUntilItsLastByte() throws Exception {
        for (int n = 1; n < INVITE.length; n++) {
            assertThat(SipStreamFramer.frame(INVITE, 0, n)).as("prefix %d", n).isNull();
        }
        assertThat(SipStreamFramer.frame(INVITE, 0, INVITE.length)).isEqualTo(new SipStreamFramer.Frame(0,
                INVITE.length));
        List<byte[]> bytes = new ArrayList<>();
        for (byte b : INVITE) {
            bytes.add(new byte[] {b});
        }
        List<SipMessage> messages = feed(bytes);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).bodyLength()).isEqualTo(5);
    }

    @Test
    void concatenatedMessagesAndKeepAlivesComeApart() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(INVITE);
        stream.writeBytes(BYE);
        stream.writeBytes("\r\n\r\n".getBytes());
        stream.writeBytes(INVITE);
        byte[] all = stream.toByteArray();

        SipStreamFramer.Frame first = SipStreamFramer.frame(all, 0, all.length);
        assertThat(first).isEqualTo(new SipStreamFramer.Frame(0, INVITE.length));
        SipStreamFramer.Frame keepAlive = SipStreamFramer.frame(all, INVITE.length + BYE.length,
                all.length - INVITE.length - BYE.length);
        assertThat(keepAlive).isEqualTo(new SipStreamFramer.Frame(4, 0));

        List<SipMessage> whole = feed(List.of(all));
        assertThat(whole).extracting(SipMessage::startLine).containsExactly(
                "INVITE sip:bob@biloxi.example.com SIP/2.0", "BYE sip:alice@client.atlanta.example.com SIP/2.0",
                "INVITE sip:bob@biloxi.example.com SIP/2.0");
        int cut = INVITE.length + 17;
        List<SipMessage> split = feed(List.of(Arrays.copyOfRange(all, 0, cut), Arrays.copyOfRange(all, cut,
                all.length - 3), Arrays.copyOfRange(all, all.length - 3, all.length)));
        assertThat(split).hasSize(3);
    }

    @Test
    void aLoneCrWaitsForItsLf() throws Exception {
        assertThat(SipStreamFramer.frame(new byte[] {'\r'}, 0, 1)).isNull();
        assertThat(SipStreamFramer.frame(new byte[] {'\r', '\n', '\r'}, 0, 3))
                .isEqualTo(new SipStreamFramer.Frame(2, 0));
    }

    @Test
    void aStreamWithoutUsableContentLengthCannotBeFramed() {
        byte[] noLength = crlf("OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\n\n");
        assertThat(catchThrowableOfType(() -> SipStreamFramer.frame(noLength, 0, noLength.length),
                SipParseException.class).reason()).isEqualTo("Missing Content-Length on a stream");
        byte[] negative = crlf("OPTIONS sip:a@b SIP/2.0\nContent-Length: -5\n\n");
        assertThat(catchThrowableOfType(() -> SipStreamFramer.frame(negative, 0, negative.length),
                SipParseException.class).reason()).isEqualTo("Bad Content-Length");
        byte[] endless = new byte[SipParser.MAX_MESSAGE_BYTES + 10];
        Arrays.fill(endless, (byte) 'x');
        assertThat(catchThrowableOfType(() -> SipStreamFramer.frame(endless, 0, endless.length),
                SipParseException.class).statusCode()).isEqualTo(513);
    }
}
