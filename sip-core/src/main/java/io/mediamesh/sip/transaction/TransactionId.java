package io.mediamesh.sip.transaction;

/**
 * Identifies a transaction (RFC 3261 §17.1.3, §17.2.3): the branch of the top Via, the sent-by of that Via (server
 * side only; lower-cased) and the method, with ACK counted as INVITE. Requests whose branch lacks the RFC 3261 magic
 * cookie get a branch built from Call-ID, From tag, CSeq number and the top Via (RFC 2543 matching, simplified).
 */
public record TransactionId(boolean server, String branch, String sentBy, String method) {
    @Override
    public String toString() {
        return (server ? "server " : "client ") + method + " " + branch + (server ? " " + sentBy : "");
    }
}
