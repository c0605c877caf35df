// The spatial room's policy, as a pure function: which peers a listener at `self` should see and hear.

/**
 * The `count` peers nearest to `self` ({x, y}) among `others` ([{peer, x, y}]), nearest first; ties by name, so the
 * choice is stable and receivers do not flap between equally distant peers.
 */
export function nearest(self, others, count) {
  return others
    .map((o) => ({ peer: o.peer, d: Math.hypot(o.x - self.x, o.y - self.y) }))
    .sort((a, b) => a.d - b.d || (a.peer < b.peer ? -1 : a.peer > b.peer ? 1 : 0))
    .slice(0, count)
    .map((o) => o.peer);
}

/**
 * Assigns `wanted` peers to receiver slots, keeping every slot that already plays a wanted peer where it is (so only
 * the slots whose peer left the neighbourhood switch). Returns one peer or null per slot, in slot order.
 */
export function assign(current, wanted) {
  const result = current.map((peer) => (wanted.includes(peer) ? peer : null));
  const missing = wanted.filter((peer) => !result.includes(peer));
  return result.map((peer) => peer ?? missing.shift() ?? null);
}
