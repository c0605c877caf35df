// Unit tests of the JS SDK's client logic with stand-ins for the browser's WebSocket and RTCPeerConnection: request and
// response correlation, typed errors, and auto subscription when several tracks start at once (each track gets its own
// receiver). Run with `node --test sdk/js/test/` (Node 18+); Maven runs them in gateway-service's test phase.
import { test } from 'node:test';
import assert from 'node:assert/strict';

// ---- stand-ins for browser APIs ----

class FakeMediaStream {
  constructor(tracks = []) {
    this.tracks = tracks;
  }
}

let transceiverCount = 0;

class FakePeerConnection {
  constructor() {
    this.transceivers = [];
    this.connectionState = 'new';
  }

  addEventListener() {}

  addTransceiver(trackOrKind, init) {
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const transceiver = {
      mid: null, kind, direction: init.direction, id: transceiverCount++,
      receiver: { track: { kind, id: `remote-${transceiverCount}` }, getStats: async () => new Map() },
      sender: { replaceTrack: async () => {}, getParameters: () => ({ encodings: [{}] }), setParameters: async () => {} },
      setCodecPreferences() {},
    };
    this.transceivers.push(transceiver);
    return transceiver;
  }

  async createOffer() {
    return { type: 'offer', sdp: `offer with ${this.transceivers.length} m-lines` };
  }

  async setLocalDescription(description) {
    this.transceivers.forEach((t, i) => { t.mid = t.mid ?? String(i); });
    this.localDescription = description;
  }

  async setRemoteDescription(description) {
    this.remoteDescription = description;
  }

  close() {
    this.connectionState = 'closed';
  }
}

/** A server in the test's hands: it answers each request through `handler`, and can push events. */
class FakeSocket {
  static OPEN = 1;

  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    FakeSocket.last = this;
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.();
    }, 0);
  }

  send(text) {
    const request = JSON.parse(text);
    this.sent.push(request);
    // Answers come back asynchronously and out of order, as a busy server's might.
    const reply = FakeSocket.handler(request);
    const delay = (FakeSocket.delays?.[request.type] ?? 0) + Math.random() * 5;
    setTimeout(() => this.onmessage?.({ data: JSON.stringify({ v: 1, type: 'response', id: request.id, ...reply }) }),
      delay);
  }

  push(event, data) {
    this.onmessage?.({ data: JSON.stringify({ v: 1, type: 'event', event, data }) });
  }

  close(code = 1000, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

globalThis.WebSocket = FakeSocket;
globalThis.RTCPeerConnection = FakePeerConnection;
globalThis.MediaStream = FakeMediaStream;

const { Session, SdkError, assignSpeakerSlots } = await import('../src/mediamesh-sdk.js');

function server(overrides = {}) {
  FakeSocket.handler = (request) => {
    if (overrides[request.type]) return overrides[request.type](request);
    switch (request.type) {
      case 'connect': return { ok: true, data: { peer: 'me', room: 'r', version: 1 } };
      case 'join': return { ok: true, data: { room: 'r', peer: 'me', node: '00000101', peers: [], tracks: [] } };
      case 'subscriber.offer': return { ok: true, data: { sdp: 'answer' } };
      case 'receiver.attach':
        return { ok: true, data: { mid: request.mid, state: 'active', peer: request.peer, track: request.track,
          enabled: true } };
      default: return { ok: true, data: {} };
    }
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

test('requests are correlated by id and refusals reject with the typed code', async () => {
  server({ join: () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'the token allows room r only' } }) });
  const session = await Session.connect('http://gateway.example', 'token');
  assert.equal(FakeSocket.last.url, 'ws://gateway.example/sdk/ws');
  assert.equal(session.peer, 'me');
  await assert.rejects(session.join({ room: 'other' }), (e) => e instanceof SdkError && e.code === 'FORBIDDEN');
  session.close();
});

test('auto subscription gives each of several tracks that start at once its own receiver', async () => {
  server();
  const session = await Session.connect('https://gateway.example', 'token');
  assert.equal(FakeSocket.last.url, 'wss://gateway.example/sdk/ws');
  const added = [];
  session.on('receiver.added', (e) => added.push(e));
  await session.join({ subscribe: 'auto' });
  // p2's tracks start; their receivers exist and their attach requests are on the way (the server is slow to
  // answer them) when p3's tracks start: p3 must not take p2's receivers.
  FakeSocket.delays = { 'receiver.attach': 60 };
  FakeSocket.last.push('track.started', { peer: 'p2', track: 'camera', kind: 'video' });
  FakeSocket.last.push('track.started', { peer: 'p2', track: 'mic', kind: 'audio' });
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(session.receivers.size, 2, 'p2\'s receivers exist, their attach not answered yet');
  FakeSocket.last.push('track.started', { peer: 'p3', track: 'camera', kind: 'video' });
  FakeSocket.last.push('track.started', { peer: 'p3', track: 'mic', kind: 'audio' });
  for (let i = 0; i < 20 && added.length < 4; i++) await settle();
  FakeSocket.delays = {};

  assert.equal(added.length, 4);
  const mids = added.map((e) => e.receiver.mid);
  assert.equal(new Set(mids).size, 4, `four distinct receivers, got mids ${mids}`);
  const attached = FakeSocket.last.sent.filter((r) => r.type === 'receiver.attach')
    .map((r) => `${r.mid}:${r.peer}/${r.track}`);
  assert.equal(new Set(attached.map((a) => a.split(':')[0])).size, 4, `one attach per receiver: ${attached}`);

  // The same track announced again is not subscribed twice; a peer leaving frees its receivers for the next one.
  FakeSocket.last.push('track.started', { peer: 'p2', track: 'camera', kind: 'video' });
  FakeSocket.last.push('peer.left', { peer: 'p2' });
  await settle();
  FakeSocket.last.push('track.started', { peer: 'p4', track: 'camera', kind: 'video' });
  for (let i = 0; i < 20 && added.length < 5; i++) await settle();
  assert.equal(added.length, 5);
  assert.ok(mids.includes(added[4].receiver.mid), 'p4 reuses the receiver p2 left');
  session.close();
});

test('receivers made in one batch are negotiated once', async () => {
  server();
  const session = await Session.connect('http://gateway.example', 'token');
  await session.join();
  const receivers = await session.receiversOf(['video', 'audio', 'video']);
  assert.deepEqual(receivers.map((r) => r.kind), ['video', 'audio', 'video']);
  assert.equal(FakeSocket.last.sent.filter((r) => r.type === 'subscriber.offer').length, 1);
  const state = await receivers[0].attach('p2', 'camera', { maxSpatial: 1 });
  assert.equal(state, 'active');
  const attach = FakeSocket.last.sent.find((r) => r.type === 'receiver.attach');
  assert.equal(attach.maxSpatial, 1);
  session.close();
});

test('sender.layers switches unwatched simulcast encodings off and on, retrying a stale setParameters', async () => {
  server({ 'publisher.offer': () => ({ ok: true, data: { sdp: 'answer' } }) });
  const session = await Session.connect('http://gateway.example', 'token');
  await session.join();
  const sender = await session.sender('camera', { kind: 'video' }, { simulcast: true });
  let encodings = [{ rid: 'q', active: true }, { rid: 'h', active: true }, { rid: 'f', active: true }];
  let stale = 1;
  const applied = [];
  Object.assign(sender._transceiver.sender, {
    getParameters: () => ({ encodings: encodings.map((e) => ({ ...e })) }),
    setParameters: async (parameters) => {
      if (stale-- > 0) throw new Error('InvalidModificationError: stale transaction');
      encodings = parameters.encodings;
      applied.push(encodings.map((e) => e.active));
    },
  });
  const seen = [];
  sender.on('layers', (count) => seen.push(count));

  FakeSocket.last.push('sender.layers', { name: 'camera', activeLayers: 1 });
  for (let i = 0; i < 20 && seen.length < 1; i++) await settle();
  assert.deepEqual(encodings.map((e) => e.active), [true, false, false], 'only the lowest encoding stays');
  assert.equal(sender.activeLayers, 1);

  FakeSocket.last.push('sender.layers', { name: 'camera', activeLayers: 3 });
  for (let i = 0; i < 20 && seen.length < 2; i++) await settle();
  assert.deepEqual(encodings.map((e) => e.active), [true, true, true], 'all back on when a receiver asks');
  assert.deepEqual(seen, [1, 3]);
  assert.equal(applied.length, 2, 'one stale attempt retried, then one call per change');

  sender.dynamicLayers = false;
  FakeSocket.last.push('sender.layers', { name: 'camera', activeLayers: 1 });
  for (let i = 0; i < 20 && seen.length < 3; i++) await settle();
  assert.deepEqual(encodings.map((e) => e.active), [true, true, true], 'dynamicLayers: false keeps them all');
  session.close();
});

test('speakers.active is emitted and kept in session.activeSpeakers', async () => {
  server();
  const session = await Session.connect('http://gateway.example', 'token');
  await session.join();
  assert.deepEqual(session.activeSpeakers, []);
  const seen = [];
  session.on('speakers.active', ({ speakers }) => seen.push(speakers.map((s) => s.peer).join(',')));
  FakeSocket.last.push('speakers.active', { speakers: [{ peer: 'p2', level: -12 }, { peer: 'p3', level: -30 }] });
  FakeSocket.last.push('speakers.active', { speakers: [] });
  FakeSocket.last.push('speakers.active', { speakers: [{ peer: 'p3', level: -20 }] });
  await settle();
  assert.deepEqual(seen, ['p2,p3', '', 'p3']);
  assert.deepEqual(session.activeSpeakers, [{ peer: 'p3', level: -20 }]);
  session.close();
});

test('speaker slots take the top speakers other than oneself and keep a speaker in its slot', () => {
  const sources = [null, null];
  assert.deepEqual(assignSpeakerSlots(sources, ['me', 'p2', 'p3', 'p4'], 'me'), [0, 1]);
  assert.deepEqual(sources, ['p2', 'p3']);
  assert.deepEqual(assignSpeakerSlots(sources, ['p3', 'p2'], 'me'), [], 'same speakers, new order: no switch');
  assert.deepEqual(assignSpeakerSlots(sources, ['p4', 'p3', 'p2'], 'me'), [0], 'p4 takes the slot p2 fell out of');
  assert.deepEqual(sources, ['p4', 'p3']);
  assert.deepEqual(assignSpeakerSlots(sources, [], 'me'), [], 'a pause keeps the slots');
  assert.deepEqual(assignSpeakerSlots(sources, ['me'], 'me'), [], 'never its own voice');
  assert.deepEqual(sources, ['p4', 'p3']);
});

test('a kick is told with its reason and the close carries the code', async () => {
  server();
  const session = await Session.connect('http://gateway.example', 'token');
  await session.join({});
  const seen = [];
  session.on('session.kicked', (e) => seen.push(['kicked', e.reason]));
  session.on('closed', (e) => seen.push(['closed', e.code, e.reason]));
  FakeSocket.last.push('session.kicked', { reason: 'kicked through the admin API' });
  FakeSocket.last.close(4000, 'kicked through the admin API');
  assert.deepEqual(seen, [['kicked', 'kicked through the admin API'], ['closed', 4000, 'kicked through the admin API']]);
  assert.deepEqual(session.closeReason, { code: 4000, reason: 'kicked through the admin API' });
  await assert.rejects(session.join({}), (e) => e instanceof SdkError && e.code === 'NOT_CONNECTED');
});
