package io.mediamesh.sip.transaction;

import io.mediamesh.sip.message.NameAddress;
import io.mediamesh.sip.message.SipMessage;
import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;
import io.mediamesh.sip.message.Via;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.random.RandomGenerator;

/**
 * The SIP transaction layer (RFC 3261 §17, RFC 6026), sans I/O. The caller feeds it parsed messages with their
 * source ({@link #onMessage}), the TU's requests ({@link #sendRequest}, {@link #sendCancel}) and responses
 * ({@link #respond}), send failures ({@link #onTransportError}) and the time ({@link #onTimer} at
 * {@link #nextTimerAt()}); after each call it drains {@link TransactionOutput}s: messages to send and events for the
 * TU. Time is a {@code nowMillis} argument; the layer never reads a clock. Not thread-safe: one caller at a time.
 *
 * <p>Beyond the four state machines the layer does the server-side chores RFC 3261 puts around them: it stamps
 * {@code received}/{@code rport} on the top Via of incoming requests (§18.2.1, RFC 3581), sends responses back per
 * §18.2.2 (to the source for reliable transports and for rport; else to the source address and the Via port), sends
 * 100 Trying for an INVITE the TU has not answered within 200 ms, and answers a CANCEL that matches a pending INVITE
 * with 200 (CANCEL) and 487 (INVITE) itself (§9.2).
 */
public final class TransactionLayer {
    private final SipTimers timers;
    private final RandomGenerator random;
    private final Map<TransactionId, Transaction> transactions = new HashMap<>();
    private final PriorityQueue<Scheduled> schedule = new PriorityQueue<>(
            Comparator.comparingLong(Scheduled::at).thenComparingLong(Scheduled::seq));
    private final Queue<TransactionOutput> outputs = new ArrayDeque<>();
    private long sequence;

    private record Scheduled(long at, long seq, Transaction transaction, TransactionTimer timer) {
    }

    /**
     * @param random source of branches and To tags (a seeded generator makes tests repeatable; production passes a
     *               strong one)
     */
    public TransactionLayer(SipTimers timers, RandomGenerator random) {
        this.timers = timers;
        this.random = random;
    }

    SipTimers timers() {
        return timers;
    }

    // ------------------------------------------------------------------ from the network

    /**
     * A message from the network, as {@code SipParser} returned it (so it has the headers every message needs),
     * received from {@code source}.
     */
    public void onMessage(SipMessage message, Endpoint source, long nowMillis) {
        if (message instanceof SipResponse response) {
            onResponse(response, source, nowMillis);
        } else {
            onRequest((SipRequest) message, source, nowMillis);
        }
    }

    private void onResponse(SipResponse response, Endpoint source, long nowMillis) {
        Via via = response.topVia();
        Transaction transaction = via == null || via.branch() == null || response.cseq() == null ? null
                : transactions.get(new TransactionId(false, via.branch(), "", response.cseq().method()));
        if (transaction instanceof ClientInviteTransaction invite) {
            invite.onResponse(response, nowMillis);
        } else if (transaction instanceof ClientNonInviteTransaction other) {
            other.onResponse(response, nowMillis);
        } else {
            output(new TransactionOutput.StrayResponse(response, source));
        }
    }

    private void onRequest(SipRequest request, Endpoint source, long nowMillis) {
        TransactionId id = serverId(request);
        stampVia(request, source);
        Transaction existing = transactions.get(id);
        if (request.isMethod(SipRequest.ACK)) {
            if (existing instanceof ServerInviteTransaction invite) {
                invite.onAck(request, source, nowMillis);
            } else {
                output(new TransactionOutput.AckReceived(request, source));
            }
            return;
        }
        if (existing instanceof ServerTransaction server) {
            server.onRetransmission(nowMillis);
            return;
        }
        Endpoint destination = responseDestination(request.topVia(), source);
        if (request.isMethod(SipRequest.INVITE)) {
            ServerInviteTransaction invite = new ServerInviteTransaction(this, id, request, destination);
            transactions.put(id, invite);
            invite.start(nowMillis);
            output(new TransactionOutput.RequestReceived(id, request, source));
            return;
        }
        ServerNonInviteTransaction server = new ServerNonInviteTransaction(this, id, request, destination);
        transactions.put(id, server);
        if (request.isMethod(SipRequest.CANCEL)) {
            onCancel(server, source, nowMillis);
        } else {
            output(new TransactionOutput.RequestReceived(id, request, source));
        }
    }

    private void onCancel(ServerNonInviteTransaction cancel, Endpoint source, long nowMillis) {
        TransactionId inviteId = new TransactionId(true, cancel.id.branch(), cancel.id.sentBy(), SipRequest.INVITE);
        if (!(transactions.get(inviteId) instanceof ServerInviteTransaction invite)) {
            output(new TransactionOutput.UnmatchedCancel(cancel.id, cancel.request, source));
            return;
        }
        String tag = invite.toTag();
        cancel.respond(cancel.request.createResponse(200, null, tag), nowMillis);
        if (invite.awaitingFinal()) {
            invite.respond(invite.request.createResponse(487, null, tag), nowMillis);
            output(new TransactionOutput.InviteCancelled(inviteId, cancel.request));
        }
    }

    /** Adds received (source host differs from the Via host) and fills rport when the Via asks for it. */
    private static void stampVia(SipRequest request, Endpoint source) {
        Via via = request.topVia();
        Via stamped = via;
        if (!via.host().equalsIgnoreCase(source.host())) {
            stamped = stamped.withParam("received", source.host());
        }
        if (via.hasRport()) {
            stamped = stamped.withParam("rport", Integer.toString(source.port()));
        }
        if (stamped != via) {
            request.setTopVia(stamped);
        }
    }

    private static Endpoint responseDestination(Via via, Endpoint source) {
        if (source.transport().reliable() || via.hasRport()) {
            return source;
        }
        int port = via.port() >= 0 ? via.port() : 5060;
        return new Endpoint(source.transport(), source.host(), port);
    }

    private static TransactionId serverId(SipRequest request) {
        Via via = request.topVia();
        String method = request.isMethod(SipRequest.ACK) ? SipRequest.INVITE : request.method();
        String branch = via.hasRfc3261Branch() ? via.branch() : legacyBranch(request, via);
        return new TransactionId(true, branch, via.sentBy().toLowerCase(Locale.ROOT), method);
    }

    /** RFC 2543 peers: what an INVITE shares with its ACK and CANCEL. */
    private static String legacyBranch(SipRequest request, Via via) {
        NameAddress from = request.from();
        return "rfc2543;" + request.callId() + ";" + (from == null ? "" : from.tag()) + ";"
                + request.cseq().number() + ";" + via;
    }

    // ------------------------------------------------------------------ from the TU

    /**
     * Starts a client transaction for {@code request} towards {@code destination}. The request must carry its top
     * Via with a unique branch ({@link #newBranch()}). An ACK (for a 2xx) is no transaction: it is sent as it is
     * and null is returned.
     */
    public TransactionId sendRequest(SipRequest request, Endpoint destination, long nowMillis) {
        if (request.isMethod(SipRequest.ACK)) {
            output(new TransactionOutput.Send(null, request, destination));
            return null;
        }
        Via via = request.topVia();
        if (via == null || via.branch() == null) {
            throw new IllegalArgumentException("a request needs a top Via with a branch");
        }
        TransactionId id = new TransactionId(false, via.branch(), "", request.method());
        if (transactions.containsKey(id)) {
            throw new IllegalStateException("branch already in use: " + id);
        }
        if (request.isMethod(SipRequest.INVITE)) {
            ClientInviteTransaction invite = new ClientInviteTransaction(this, id, request, destination);
            transactions.put(id, invite);
            invite.start(nowMillis);
        } else {
            ClientNonInviteTransaction other = new ClientNonInviteTransaction(this, id, request, destination);
            transactions.put(id, other);
            other.start(nowMillis);
        }
        return id;
    }

    /**
     * Cancels the INVITE client transaction {@code invite} (RFC 3261 §9.1): the CANCEL goes out now if a
     * provisional response has arrived, else as soon as one does (if a final response comes first, no CANCEL is
     * sent and the returned id never comes alive). Returns the id of the CANCEL's transaction, or null when there
     * is nothing to cancel (final response received, transaction gone).
     */
    public TransactionId sendCancel(TransactionId invite, long nowMillis) {
        if (!(transactions.get(invite) instanceof ClientInviteTransaction transaction)
                || !transaction.requestCancel(nowMillis)) {
            return null;
        }
        return new TransactionId(false, invite.branch(), "", SipRequest.CANCEL);
    }

    void startCancel(ClientInviteTransaction invite, long nowMillis) {
        TransactionId id = new TransactionId(false, invite.id.branch(), "", SipRequest.CANCEL);
        if (!transactions.containsKey(id)) {
            ClientNonInviteTransaction cancel = new ClientNonInviteTransaction(this, id,
                    TransactionRequests.cancel(invite.request), invite.peer);
            transactions.put(id, cancel);
            cancel.start(nowMillis);
        }
    }

    /**
     * The TU's response for server transaction {@code transaction} (build it with
     * {@code SipRequest.createResponse}). Returns false, sending nothing, when the transaction is gone or already
     * has its final response (e.g. the layer answered 487 to a cancelled INVITE).
     */
    public boolean respond(TransactionId transaction, SipResponse response, long nowMillis) {
        return transactions.get(transaction) instanceof ServerTransaction server
                && server.respond(response, nowMillis);
    }

    /** Sending for {@code transaction} failed: it ends with a {@link TransactionOutput.TransportError}. */
    public void onTransportError(TransactionId transaction, long nowMillis) {
        Transaction t = transactions.get(transaction);
        if (t != null) {
            output(new TransactionOutput.TransportError(t.id, t.request));
            t.terminate();
        }
    }

    // ------------------------------------------------------------------ time

    /** When {@link #onTimer} must next be called, or {@link Long#MAX_VALUE} when no timer is armed. */
    public long nextTimerAt() {
        dropStale();
        Scheduled next = schedule.peek();
        return next == null ? Long.MAX_VALUE : next.at();
    }

    /** Fires every timer due at {@code nowMillis}, earliest first. */
    public void onTimer(long nowMillis) {
        dropStale();
        while (!schedule.isEmpty() && schedule.peek().at() <= nowMillis) {
            Scheduled due = schedule.poll();
            Transaction t = due.transaction();
            Long live = t.armed.get(due.timer());
            if (live != null && live == due.seq()) {
                t.armed.remove(due.timer());
                t.onTimer(due.timer(), nowMillis);
            }
            dropStale();
        }
    }

    private void dropStale() {
        while (!schedule.isEmpty()) {
            Scheduled head = schedule.peek();
            Long live = head.transaction().armed.get(head.timer());
            if (live != null && live == head.seq()) {
                return;
            }
            schedule.poll();
        }
    }

    void schedule(Transaction transaction, TransactionTimer timer, long at) {
        long seq = ++sequence;
        transaction.armed.put(timer, seq);
        schedule.add(new Scheduled(at, seq, transaction, timer));
    }

    // ------------------------------------------------------------------ outputs and state

    /** The next output, or null. */
    public TransactionOutput poll() {
        return outputs.poll();
    }

    /** All pending outputs, oldest first. */
    public List<TransactionOutput> drain() {
        List<TransactionOutput> out = new ArrayList<>(outputs);
        outputs.clear();
        return out;
    }

    void output(TransactionOutput output) {
        outputs.add(output);
    }

    void remove(Transaction transaction) {
        transactions.remove(transaction.id, transaction);
    }

    /** The state of a transaction, {@link TransactionState#TERMINATED} once it is gone. */
    public TransactionState state(TransactionId transaction) {
        Transaction t = transactions.get(transaction);
        return t == null ? TransactionState.TERMINATED : t.state;
    }

    /** The number of live transactions. */
    public int size() {
        return transactions.size();
    }

    /** A fresh RFC 3261 branch: the magic cookie and 64 random bits. */
    public String newBranch() {
        return Via.MAGIC_COOKIE + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }

    /** A fresh tag for From or To: 64 random bits in hex. */
    public String newTag() {
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
