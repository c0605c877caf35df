package io.mediamesh.sip.message;

/**
 * One header line: its canonical name ({@link HeaderNames#canonical}) and its value with line folding already
 * replaced by single spaces and surrounding whitespace trimmed.
 */
public record SipHeader(String name, String value) {
    public SipHeader {
        name = HeaderNames.canonical(name);
        value = value.strip();
    }
}
