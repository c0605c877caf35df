package io.mediamesh.proto.stun;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One STUN attribute (<a href="https://www.rfc-editor.org/rfc/rfc8489#section-14">RFC 8489 §14</a>), as a value.
 * The ICE attributes come from <a href="https://www.rfc-editor.org/rfc/rfc8445#section-16.1">RFC 8445 §16.1</a>.
 * Attributes this server does not interpret are kept as {@link UnknownAttribute} so that nothing is lost.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Type                  |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Value (variable, padded to 32 bits) ....
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public sealed interface StunAttribute {
    int TYPE_USERNAME = 0x0006;
    int TYPE_MESSAGE_INTEGRITY = 0x0008;
    int TYPE_ERROR_CODE = 0x0009;
    int TYPE_XOR_MAPPED_ADDRESS = 0x0020;
    int TYPE_PRIORITY = 0x0024;
    int TYPE_USE_CANDIDATE = 0x0025;
    int TYPE_SOFTWARE = 0x8022;
    int TYPE_FINGERPRINT = 0x8028;
    int TYPE_ICE_CONTROLLED = 0x8029;
    int TYPE_ICE_CONTROLLING = 0x802A;

    /** The 16-bit attribute type on the wire. */
    int type();

    /** USERNAME (RFC 8489 §14.3): for ICE, "remoteUfrag:localUfrag" in UTF-8, at most 513 bytes. */
    record Username(String value) implements StunAttribute {
        public Username {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int type() {
            return TYPE_USERNAME;
        }
    }

    /** XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the reflexive transport address, IPv4 or IPv6. */
    record XorMappedAddress(InetSocketAddress address) implements StunAttribute {
        public XorMappedAddress {
            Objects.requireNonNull(address, "address");
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("XOR-MAPPED-ADDRESS needs a resolved address: " + address);
            }
        }

        @Override
        public int type() {
            return TYPE_XOR_MAPPED_ADDRESS;
        }
    }

    /** PRIORITY (RFC 8445 §7.1.1): the priority of the peer-reflexive candidate, unsigned 32 bits. */
    record Priority(long value) implements StunAttribute {
        public Priority {
            StunAttributeCodec.checkUnsigned32(value, "priority");
        }

        @Override
        public int type() {
            return TYPE_PRIORITY;
        }
    }

    /** USE-CANDIDATE (RFC 8445 §7.1.2): the controlling agent nominates this pair. It has no value. */
    record UseCandidate() implements StunAttribute {
        @Override
        public int type() {
            return TYPE_USE_CANDIDATE;
        }
    }

    /** ICE-CONTROLLING (RFC 8445 §7.1.3): the sender is controlling; a 64-bit tie-breaker. */
    record IceControlling(long tieBreaker) implements StunAttribute {
        @Override
        public int type() {
            return TYPE_ICE_CONTROLLING;
        }
    }

    /** ICE-CONTROLLED (RFC 8445 §7.1.3): the sender is controlled; a 64-bit tie-breaker. */
    record IceControlled(long tieBreaker) implements StunAttribute {
        @Override
        public int type() {
            return TYPE_ICE_CONTROLLED;
        }
    }

    /**
     * ERROR-CODE (RFC 8489 §14.8): a code 300..699 (class = hundreds, number = the rest) and a UTF-8 reason
     * phrase; 487 Role Conflict is the one ICE uses (RFC 8445 §7.3.1.1).
     */
    record ErrorCode(int code, String reason) implements StunAttribute {
        public ErrorCode {
            if (code < 300 || code > 699) {
                throw new IllegalArgumentException("error code must be 300..699: " + code);
            }
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int type() {
            return TYPE_ERROR_CODE;
        }
    }

    /** SOFTWARE (RFC 8489 §14.14): a description of the sender's software, UTF-8. */
    record Software(String value) implements StunAttribute {
        public Software {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int type() {
            return TYPE_SOFTWARE;
        }
    }

    /**
     * MESSAGE-INTEGRITY (RFC 8489 §14.5): the 20-byte HMAC-SHA1 as received. Check it with
     * {@link StunIntegrity#verifyMessageIntegrity}; {@link StunMessage#encode} computes a fresh one.
     */
    record MessageIntegrity(byte[] hmac) implements StunAttribute {
        public MessageIntegrity {
            if (hmac.length != 20) {
                throw new IllegalArgumentException("HMAC-SHA1 is 20 bytes, not " + hmac.length);
            }
            hmac = hmac.clone();
        }

        @Override
        public byte[] hmac() {
            return hmac.clone();
        }

        @Override
        public int type() {
            return TYPE_MESSAGE_INTEGRITY;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MessageIntegrity other && Arrays.equals(hmac, other.hmac);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hmac);
        }

        @Override
        public String toString() {
            return "MessageIntegrity[" + HexFormat.of().formatHex(hmac) + "]";
        }
    }

    /** FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to this attribute, XOR 0x5354554e; unsigned. */
    record Fingerprint(long crc) implements StunAttribute {
        public Fingerprint {
            StunAttributeCodec.checkUnsigned32(crc, "crc");
        }

        @Override
        public int type() {
            return TYPE_FINGERPRINT;
        }
    }

    /** Any attribute this codec does not interpret, with its raw value (without padding). */
    record UnknownAttribute(int type, byte[] value) implements StunAttribute {
        public UnknownAttribute {
            if (type < 0 || type > 0xffff) {
                throw new IllegalArgumentException("attribute type is 16 bits: " + type);
            }
            if (value.length > 0xffff) {
                throw new IllegalArgumentException("attribute value too long: " + value.length);
            }
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /**
         * Comprehension-required attributes (type below 0x8000) that an agent does not understand make it
         * reject a request with 420 (RFC 8489 §14).
         */
        public boolean comprehensionRequired() {
            return type < 0x8000;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UnknownAttribute other && type == other.type && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "UnknownAttribute[type=0x" + Integer.toHexString(type) + ", value="
                    + HexFormat.of().formatHex(value) + "]";
        }
    }
}
