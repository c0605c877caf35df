// Shared by publisher.html and viewer.html: query parsing, result posting, WHIP/WHEP exchange, stats helpers.
'use strict';

const query = new URLSearchParams(location.search);
const resultKey = query.get('key') || 'result';
const startedAt = performance.now();

function elapsedMs() {
  return Math.round(performance.now() - startedAt);
}

// Posts one JSON object to the test's result server (the origin this page came from).
function postResult(body) {
  body.t = elapsedMs();
  return fetch('/result/' + encodeURIComponent(resultKey), {
    method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)
  }).catch(() => {});
}

// Non-trickle WHIP/WHEP: the offer carries every candidate, so gathering is awaited (bounded, loopback is fast).
function iceGatheringComplete(pc, timeoutMs) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise(resolve => {
    const timer = setTimeout(resolve, timeoutMs);
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'complete') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

class HttpError extends Error {
  constructor(status, body) {
    super('HTTP ' + status + ': ' + body);
    this.status = status;
    this.body = body;
  }
}

// POSTs the local offer (changed by `munge` first, if given) to gw + endpointPath, applies the answer and returns the
// absolute resource URL.
async function exchangeSdp(pc, gw, endpointPath, token, munge = sdp => sdp) {
  const offer = await pc.createOffer();
  await pc.setLocalDescription({type: 'offer', sdp: munge(offer.sdp)});
  await iceGatheringComplete(pc, 3000);
  const endpoint = new URL(endpointPath, gw).toString();
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {'Content-Type': 'application/sdp', 'Authorization': 'Bearer ' + token},
    body: pc.localDescription.sdp
  });
  const text = await response.text();
  if (response.status !== 201) throw new HttpError(response.status, text);
  const location = response.headers.get('Location');
  if (!location) throw new HttpError(response.status, 'no Location header exposed; body: ' + text);
  await pc.setRemoteDescription({type: 'answer', sdp: text});
  return new URL(location, endpoint).toString();
}

// Reports a failure once, as a final result, so that the test stops waiting and shows it.
function postError(e) {
  const body = {error: String(e && e.message || e), done: true};
  if (e instanceof HttpError) {
    body.status = e.status;
    body.body = e.body;
  } else if (e instanceof TypeError) {
    // fetch() rejects with a TypeError when the server is unreachable or CORS refuses the response.
    body.status = 0;
    body.hint = 'network error or CORS refusal (is Access-Control-Allow-Origin/Expose-Headers set?)';
  }
  return postResult(body);
}

function codecOf(report, stat) {
  const codec = stat.codecId && report.get(stat.codecId);
  return codec ? codec.mimeType : null;
}

// Counters from getStats restart when a stream is replaced (a new SSRC gets a new stats object, or an object
// is recreated), so each counter is summed across every stream ever seen and survives resets and disappearance.
class MonotonicCounter {
  constructor() {
    this.last = new Map();
    this.base = new Map();
  }

  update(streamKey, value) {
    value = value || 0;
    const last = this.last.get(streamKey) || 0;
    if (value < last) this.base.set(streamKey, (this.base.get(streamKey) || 0) + last);
    this.last.set(streamKey, value);
  }

  total() {
    let sum = 0;
    for (const [k, v] of this.last) sum += v + (this.base.get(k) || 0);
    return sum;
  }
}

// Legacy simulcast the way pre-rid clients asked for it (libwebrtc SDP munging, as Jitsi and Janus did): the video
// m-line's SSRC and its RTX get two more pairs, and a=ssrc-group:SIM lists the three media SSRCs, lowest layer first.
function legacySimulcast(sdp) {
  const lines = sdp.split('\r\n');
  const video = lines.findIndex(l => l.startsWith('m=video'));
  const fid = lines.findIndex((l, i) => i > video && l.startsWith('a=ssrc-group:FID '));
  if (video < 0 || fid < 0) throw new Error('no video FID group to extend');
  const [media, rtx] = lines[fid].split(' ').slice(1);
  const attributes = lines.filter(l => l.startsWith('a=ssrc:' + media + ' ')).map(l => l.split(' ').slice(1).join(' '));
  const random = () => String(1 + Math.floor(Math.random() * 0xfffffff0));
  const pairs = [[media, rtx], [random(), random()], [random(), random()]];
  const added = [];
  for (const [m, r] of pairs.slice(1)) {
    added.push('a=ssrc-group:FID ' + m + ' ' + r);
  }
  added.push('a=ssrc-group:SIM ' + pairs.map(p => p[0]).join(' '));
  for (const [m, r] of pairs.slice(1)) {
    for (const a of attributes) added.push('a=ssrc:' + m + ' ' + a, 'a=ssrc:' + r + ' ' + a);
  }
  lines.splice(fid + 1, 0, ...added);
  return lines.join('\r\n');
}
