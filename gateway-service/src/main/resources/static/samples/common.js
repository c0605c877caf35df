// Shared helpers of the MediaMesh demo pages: token minting, WHIP/WHEP negotiation, teardown.
// Plain ES module, no dependencies; every function works against any server URL (CORS is open).

/** Reads `#token=...&server=...` so a page can be opened pre-filled without putting the token in server logs. */
export function hashParams() {
  return new URLSearchParams(location.hash.slice(1));
}

/** The server URL field's value without a trailing slash, defaulting to this page's origin. */
export function serverBase(input) {
  return (input.value.trim() || location.origin).replace(/\/+$/, '');
}

/** Asks the gateway for a media token; only for local testing, since it needs the app secret in the browser. */
export async function requestToken(server, secret, kind, body) {
  const res = await fetch(`${server}/token/${kind}`, {
    method: 'POST',
    headers: { 'Authorization': `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({ status: false, error: `HTTP ${res.status}` }));
  if (!json.status) {
    throw new Error(json.error || `HTTP ${res.status}`);
  }
  return json.data.token;
}

/** Resolves when ICE gathering completes or after `timeoutMs`: the server is ICE-lite and does not trickle. */
export function iceGatheringDone(pc, timeoutMs = 2000) {
  if (pc.iceGatheringState === 'complete') {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    function done() {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', onChange);
      resolve();
    }
    function onChange() {
      if (pc.iceGatheringState === 'complete') {
        done();
      }
    }
    pc.addEventListener('icegatheringstatechange', onChange);
  });
}

/**
 * Sends the local offer to a WHIP/WHEP endpoint and applies the answer.
 * Returns the absolute session URL taken from `Location`, used later for DELETE.
 */
export async function negotiate(pc, endpointUrl, token) {
  await pc.setLocalDescription(await pc.createOffer());
  await iceGatheringDone(pc);
  const res = await fetch(endpointUrl, {
    method: 'POST',
    headers: { 'Authorization': `Bearer ${token}`, 'Content-Type': 'application/sdp' },
    body: pc.localDescription.sdp,
  });
  if (res.status !== 201) {
    throw new Error(`${endpointUrl} answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }
  const location = res.headers.get('Location');
  await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
  return location ? new URL(location, endpointUrl).href : null;
}

/**
 * Ends a WHIP/WHEP session and resolves to the HTTP status of the DELETE, or null if there was nothing to delete or
 * the request failed; failures are only logged because the page is closing the connection anyway.
 */
export async function endSession(sessionUrl) {
  if (!sessionUrl) {
    return null;
  }
  try {
    return (await fetch(sessionUrl, { method: 'DELETE' })).status;
  } catch (e) {
    console.warn('DELETE failed', sessionUrl, e);
    return null;
  }
}

/** Puts the codecs of `mimeType` (e.g. "video/H264") first, keeping the others as fallbacks. */
export function preferCodec(transceiver, kind, mimeType) {
  const capabilities = RTCRtpReceiver.getCapabilities?.(kind) ?? RTCRtpSender.getCapabilities?.(kind);
  if (!capabilities || typeof transceiver.setCodecPreferences !== 'function') {
    return;
  }
  const wanted = mimeType.toLowerCase();
  const codecs = capabilities.codecs;
  transceiver.setCodecPreferences([
    ...codecs.filter((c) => c.mimeType.toLowerCase() === wanted),
    ...codecs.filter((c) => c.mimeType.toLowerCase() !== wanted),
  ]);
}

/** Mirrors the connection state into a status element, and calls `onEnd` when the connection fails or closes. */
export function showState(pc, statusEl, onEnd) {
  const update = () => {
    statusEl.textContent = `${pc.connectionState} (ICE ${pc.iceConnectionState})`;
    statusEl.dataset.state = pc.connectionState;
    if (pc.connectionState === 'failed' || pc.connectionState === 'closed') {
      onEnd?.();
    }
  };
  pc.addEventListener('connectionstatechange', update);
  pc.addEventListener('iceconnectionstatechange', update);
  update();
}

/**
 * The getStats() counters that tell whether media flows, summed over streams: framesEncoded and
 * video/audioPacketsSent for a publisher; framesDecoded, frameWidth, video/audioPacketsReceived and
 * totalSamplesReceived (audio actually played) for a player; plus videoCodec/audioCodec. Empty without a connection.
 */
export async function mediaStats(pc) {
  const stats = {};
  if (!pc) {
    return stats;
  }
  const report = await pc.getStats();
  const add = (name, value) => {
    if (typeof value === 'number') {
      stats[name] = (stats[name] ?? 0) + value;
    }
  };
  report.forEach((s) => {
    if (s.type !== 'outbound-rtp' && s.type !== 'inbound-rtp') {
      return;
    }
    const codec = s.codecId && report.get(s.codecId);
    if (codec) {
      stats[`${s.kind}Codec`] = codec.mimeType;
    }
    if (s.type === 'outbound-rtp') {
      add(`${s.kind}PacketsSent`, s.packetsSent);
      add('framesEncoded', s.framesEncoded);
    } else {
      add(`${s.kind}PacketsReceived`, s.packetsReceived);
      add('framesDecoded', s.framesDecoded);
      add('totalSamplesReceived', s.totalSamplesReceived);
      if (s.frameWidth) {
        stats.frameWidth = s.frameWidth;
      }
    }
  });
  return stats;
}

/** Shows mediaStats() of the current connection (`pcOf()`, null when idle) in `statsEl` once a second. */
export function showStats(pcOf, statsEl) {
  setInterval(async () => {
    const pc = pcOf();
    if (pc) {
      const stats = await mediaStats(pc);
      statsEl.textContent = Object.entries(stats).map(([name, value]) => `${name} ${value}`).join(' · ') || '-';
    }
  }, 1000);
}

/**
 * Publishes `window.mediamesh` so scripts and end-to-end tests can follow the page without scraping it; the buttons
 * stay the way to start and stop. `state()` is the State line's state: 'idle', the connection state while a session
 * runs, 'closed' after Stop, 'failed' after an error. `stats()` resolves to mediaStats() of the running session.
 * `lastSession()` is `{ url, deleteStatus }` of the last session Stop ended (null before), so the DELETE is visible.
 */
export function exposeForScripts(statusEl, pcOf, lastSessionOf) {
  window.mediamesh = Object.freeze({
    state: () => statusEl.dataset.state ?? 'idle',
    stats: () => mediaStats(pcOf()),
    lastSession: () => lastSessionOf(),
  });
}
