package io.mediamesh.sip.message;

/**
 * The CSeq value (RFC 3261 §8.1.1.5, §20.16): a sequence number below 2^31 and a method.
 */
public record CSeq(long number, String method) {
    /** The largest sequence number RFC 3261 allows. */
    public static final long MAX_NUMBER = (1L << 31) - 1;

    public CSeq {
        if (number < 0 || number > MAX_NUMBER || !HeaderSyntax.isToken(method)) {
            throw new IllegalArgumentException("bad CSeq " + number + " " + method);
        }
    }

    /** Parses {@code 1*DIGIT LWS Method}; leading zeros are allowed, negative or too large numbers are not. */
    public static CSeq parse(String value) throws SipParseException {
        String[] parts = value.strip().split("[ \t]+");
        if (parts.length != 2) {
            throw new SipParseException("Bad CSeq");
        }
        long number = HeaderSyntax.parseNumber(parts[0], MAX_NUMBER);
        if (number < 0) {
            throw new SipParseException("Bad CSeq number");
        }
        if (!HeaderSyntax.isToken(parts[1])) {
            throw new SipParseException("Bad CSeq method");
        }
        return new CSeq(number, parts[1]);
    }

    @Override
    public String toString() {
        return number + " " + method;
    }
}
