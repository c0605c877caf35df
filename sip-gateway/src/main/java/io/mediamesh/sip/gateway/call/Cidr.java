package io.mediamesh.sip.gateway.call;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network, {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a /32 or /128. */
public record Cidr(byte[] network, int prefix) {

    /**
     * @throws IllegalArgumentException with the reason when {@code text} is not an address literal with a prefix
     */
    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        if (!address.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR block (an IP literal, e.g. 10.0.0.0/8)");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR block: " + e.getMessage());
        }
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has a bad prefix length");
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("'" + text + "' has a prefix beyond " + bytes.length * 8);
        }
        return new Cidr(bytes, prefix);
    }

    /** Whether the address literal {@code host} is in this network. */
    public boolean contains(String host) {
        byte[] candidate;
        try {
            if (!host.matches("[0-9a-fA-F:.%a-zA-Z]+")) {
                return false;
            }
            candidate = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[full] & mask) == (network[full] & mask);
    }
}
