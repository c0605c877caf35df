package io.mediamesh.sip.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A scripted SIP phone on a UDP socket: sends text (LF or CRLF) and reads what comes back. */
final class TestPhone implements AutoCloseable {
    final DatagramSocket socket;
    private final int gatewayPort;

    TestPhone(int gatewayPort) {
        this.gatewayPort = gatewayPort;
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(3000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    void send(String text) {
        String wire = text.replace("\r\n", "\n").replace("\n", "\r\n");
        send(wire.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), gatewayPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next message, or null after the timeout. */
    String receive() {
        byte[] buffer = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    /** The next message whose start line starts with {@code prefix}, skipping others (100 Trying, retransmissions). */
    String expect(String prefix) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String message = receive();
            if (message == null) {
                break;
            }
            if (message.startsWith(prefix)) {
                return message;
            }
            seen.append(message.lines().findFirst().orElse("")).append(" | ");
        }
        throw new AssertionError("expected '" + prefix + "', got: " + seen);
    }

    static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() {
        socket.close();
    }
}
