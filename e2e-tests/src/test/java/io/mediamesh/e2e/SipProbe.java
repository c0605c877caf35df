package io.mediamesh.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-written SIP client on a UDP socket, for what no packaged user agent shows precisely: the exact answers to
 * wrong passwords, malformed messages and requests for unknown dialogs, and the REGISTER round trip.
 */
final class SipProbe implements AutoCloseable {
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");
    private static final Pattern REALM = Pattern.compile("realm=\"([^\"]+)\"");

    private final DatagramSocket socket;
    private final int gatewayPort;
    private int cseq = 1;

    SipProbe(int gatewayPort) {
        this.gatewayPort = gatewayPort;
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(5000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code text} (LF line ends become CRLF) and returns the first non-100 answer, or null after 5 s. */
    String exchange(String text) {
        send(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        return answer();
    }

    void send(byte[] bytes) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), gatewayPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String answer() {
        byte[] buffer = new byte[65536];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String message = new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
            if (!message.startsWith("SIP/2.0 100 ")) {
                return message;
            }
        }
    }

    /** A REGISTER of {@code user} from this socket, with {@code authorization} (null: none); returns the answer. */
    String register(String user, String authorization) {
        int n = cseq++;
        return exchange("REGISTER sip:127.0.0.1 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bKprobe" + n + ";rport\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=probe" + n + "\n"
                + "To: <sip:" + user + "@127.0.0.1>\n"
                + "Call-ID: probe-" + user + "@127.0.0.1\n"
                + "CSeq: " + n + " REGISTER\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + socket.getLocalPort() + ">\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\n")
                + "Expires: 60\n"
                + "Content-Length: 0\n\n");
    }

    /** MD5 digest credentials (RFC 2617 with qop=auth) answering the challenge in {@code unauthorized}. */
    static String md5Credentials(String unauthorized, String user, String password) {
        Matcher nonce = NONCE.matcher(unauthorized);
        Matcher realm = REALM.matcher(unauthorized);
        if (!nonce.find() || !realm.find()) {
            throw new AssertionError("no digest challenge in: " + unauthorized);
        }
        String uri = "sip:127.0.0.1";
        String ha1 = md5(user + ":" + realm.group(1) + ":" + password);
        String ha2 = md5("REGISTER:" + uri);
        String response = md5(ha1 + ":" + nonce.group(1) + ":00000001:e2e:auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + realm.group(1) + "\", nonce=\"" + nonce.group(1)
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=00000001, "
                + "cnonce=\"e2e\"";
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
