package io.mediamesh.overlay.link;

import io.netty.util.collection.IntObjectHashMap;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's neighbours, by address (seeds before their first Hello) and by node id. Links learned from an
 * incoming Hello (not seeds) are forgotten when they die; seeds are retried with Hellos. Owned by one thread.
 */
public final class LinkTable {
    private final List<Link> links = new ArrayList<>();
    private final Map<InetSocketAddress, Link> byAddress = new HashMap<>();
    private final IntObjectHashMap<Link> byNode = new IntObjectHashMap<>();
    private boolean broughtUp;

    /** Adds a configured neighbour; returns false if the address is already known. */
    public boolean addSeed(InetSocketAddress address, long nowMicros) {
        if (byAddress.containsKey(address)) {
            return false;
        }
        Link link = new Link(address, true, nowMicros);
        links.add(link);
        byAddress.put(address, link);
        return true;
    }

    /**
     * Binds an authenticated Hello from {@code node} at {@code from} to a link (creating one for an unknown
     * neighbour, following the neighbour to a new address) and marks it up.
     *
     * @return the link; {@link #lastHelloBroughtUp()} tells whether it just came up
     */
    public Link onHello(int node, InetSocketAddress from, long nowMicros) {
        Link link = byNode.get(node);
        if (link == null) {
            Link atAddress = byAddress.get(from);
            if (atAddress != null && (atAddress.peer() == 0 || atAddress.peer() == node)) {
                link = atAddress;
            } else {
                link = new Link(from, false, nowMicros);
                links.add(link);
            }
            byNode.put(node, link);
        }
        if (!link.address().equals(from)) {
            byAddress.remove(link.address(), link);
            link.address(from);
        }
        byAddress.put(from, link);
        broughtUp = link.markUp(node, nowMicros);
        return link;
    }

    public boolean lastHelloBroughtUp() {
        return broughtUp;
    }

    /** Marks {@code link} down; a learned (non-seed) link is removed. */
    public void markDown(Link link, long nowMicros) {
        link.markDown(nowMicros);
        if (!link.seed()) {
            links.remove(link);
            byAddress.remove(link.address(), link);
            byNode.remove(link.peer());
        }
    }

    /** The up link to {@code node}, or null. */
    public Link up(int node) {
        Link link = byNode.get(node);
        return link != null && link.isUp() ? link : null;
    }

    public Link byNode(int node) {
        return byNode.get(node);
    }

    /** All links, for iteration by the engine; do not modify. */
    public List<Link> all() {
        return Collections.unmodifiableList(links);
    }

    public List<LinkSnapshot> snapshot() {
        List<LinkSnapshot> out = new ArrayList<>(links.size());
        for (Link link : links) {
            out.add(link.snapshot());
        }
        return List.copyOf(out);
    }
}
