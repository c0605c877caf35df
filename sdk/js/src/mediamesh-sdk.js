// MediaMesh WebRTC SDK: one WebSocket to the signalling service (/sdk/ws behind the gateway) and two peer
// connections to the media node it picks: one carries this peer's senders, the other its receivers. Receivers are
// switched between tracks on the server, with no renegotiation. Plain ES module, no dependencies, no CDN.
// Protocol: docs/sdk-protocol.md. Usage: sdk/js/README.md.

const PROTOCOL_VERSION = 1;

/** A request the server refused: `code` is the protocol's typed error (INVALID_FIELD, NOT_JOINED, ...). */
export class SdkError extends Error {
  constructor(code, message) {
    super(`${code}: ${message}`);
    this.code = code;
  }
}

/** A tiny event emitter: `on(name, fn)` returns a function that removes the listener. */
class Emitter {
  constructor() {
    this._listeners = new Map();
  }

  on(name, fn) {
    if (!this._listeners.has(name)) this._listeners.set(name, new Set());
    this._listeners.get(name).add(fn);
    return () => this.off(name, fn);
  }

  off(name, fn) {
    this._listeners.get(name)?.delete(fn);
  }

  /** Resolves with the next `name` event whose data passes `filter`. */
  once(name, filter = () => true, timeoutMs = 0) {
    return new Promise((resolve, reject) => {
      let timer = null;
      const off = this.on(name, (data) => {
        if (filter(data)) {
          off();
          if (timer) clearTimeout(timer);
          resolve(data);
        }
      });
      if (timeoutMs > 0) {
        timer = setTimeout(() => {
          off();
          reject(new Error(`no ${name} event within ${timeoutMs} ms`));
        }, timeoutMs);
      }
    });
  }

  emit(name, data) {
    for (const fn of [...(this._listeners.get(name) || [])]) {
      try {
        fn(data);
      } catch (e) {
        console.error(`mediamesh: ${name} listener failed`, e);
      }
    }
  }
}

/** Runs async tasks one after another: offers of one peer connection never overlap. */
class SerialQueue {
  constructor() {
    this._tail = Promise.resolve();
  }

  run(task) {
    const result = this._tail.then(task);
    this._tail = result.catch(() => {});
    return result;
  }
}

/** The gateway URL (http, https, ws or wss) as the SDK WebSocket URL. */
function socketUrl(server) {
  const url = new URL(server, typeof location !== 'undefined' ? location.href : undefined);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  if (!url.pathname.endsWith('/sdk/ws')) url.pathname = url.pathname.replace(/\/+$/, '') + '/sdk/ws';
  return url.href;
}

/**
 * A peer's connection to a MediaMesh cluster. Events (`session.on(name, fn)`): `peer.joined`, `peer.left`,
 * `peer.updated`, `track.started`, `track.stopped`, `message`, `receiver.added` (auto subscription),
 * `speakers.active` (`{speakers: [{peer, level}]}`, dominant first; also in `session.activeSpeakers`),
 * `session.kicked` (`{reason}`: an operator disconnected this peer or closed its room; `closed` follows) and `closed`
 * (`{code, reason}` of the WebSocket's close: 4000 for a kick; also in `session.closeReason`).
 */
export class Session extends Emitter {
  /**
   * Opens the WebSocket and authenticates with a `webrtc` token (from `POST /token/webrtc`).
   * @param {string} server the gateway URL, e.g. `https://media.example.com` (or the full `wss://.../sdk/ws`)
   * @param {string} token a webrtc token
   * @param {{peer?: string, iceServers?: RTCIceServer[], timeoutMs?: number, log?: Function}} options `peer` when
   *        the token names none; `log` gets one line per request, response and event (e.g. `console.debug`)
   */
  static async connect(server, token, options = {}) {
    const session = new Session(options);
    await session._open(socketUrl(server), options.timeoutMs || 10000);
    const hello = await session._request('connect', { token, peer: options.peer });
    session.peer = hello.peer;
    session.room = hello.room;
    return session;
  }

  constructor(options) {
    super();
    this._options = options;
    this._log = options.log || (() => {});
    this._nextId = 1;
    this._pending = new Map();
    this._labels = new Map();
    this.peers = new Map();
    this.tracks = new Map();
    /** The room's active speakers, dominant first: `[{peer, level}]` with `level` in dBov (0 loudest, -127 silence). */
    this.activeSpeakers = [];
    this.closeReason = null;
    this.senders = new Map();
    this.receivers = new Map();
    this._sendPc = null;
    this._recvPc = null;
    this._sendQueue = new SerialQueue();
    this._recvQueue = new SerialQueue();
    this._auto = false;
    this._autoKeys = new Set();
  }

  _open(url, timeoutMs) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const timer = setTimeout(() => {
        ws.close();
        reject(new Error(`no WebSocket to ${url} within ${timeoutMs} ms`));
      }, timeoutMs);
      ws.onopen = () => {
        clearTimeout(timer);
        resolve();
      };
      ws.onerror = () => {
        clearTimeout(timer);
        reject(new Error(`WebSocket to ${url} failed`));
      };
      ws.onmessage = (event) => this._onMessage(event.data);
      ws.onclose = (event) => this._onClose(event);
      this._ws = ws;
    });
  }

  _request(type, fields = {}) {
    if (!this._ws || this._ws.readyState !== WebSocket.OPEN) {
      return Promise.reject(new SdkError('NOT_CONNECTED', 'the session is closed'));
    }
    const id = this._nextId++;
    return new Promise((resolve, reject) => {
      this._pending.set(id, { resolve, reject });
      this._log(`mediamesh > ${id} ${type}`);
      this._ws.send(JSON.stringify({ v: PROTOCOL_VERSION, id, type, ...fields }));
    });
  }

  _onMessage(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch (e) {
      console.warn('mediamesh: unreadable frame', text);
      return;
    }
    if (message.type === 'response') {
      this._log(`mediamesh < ${message.id} ${message.ok ? 'ok' : message.error.code + ' ' + message.error.message}`);
      const pending = this._pending.get(message.id);
      if (!pending) return;
      this._pending.delete(message.id);
      if (message.ok) pending.resolve(message.data);
      else pending.reject(new SdkError(message.error.code, message.error.message));
      return;
    }
    if (message.type === 'event') {
      this._log(`mediamesh event ${message.event} ${JSON.stringify(message.data).slice(0, 200)}`);
      this._onEvent(message.event, message.data);
    }
  }

  _onEvent(name, data) {
    switch (name) {
      case 'peer.joined':
        this.peers.set(data.peer, data);
        break;
      case 'peer.left':
        this.peers.delete(data.peer);
        break;
      case 'peer.updated':
        this.peers.set(data.peer, { ...(this.peers.get(data.peer) || { peer: data.peer }), ...data });
        break;
      case 'track.started':
        this.tracks.set(`${data.peer}/${data.track}`, data);
        break;
      case 'track.stopped':
        this.tracks.delete(`${data.peer}/${data.track}`);
        break;
      case 'receiver.state':
        this.receivers.get(data.mid)?._update(data);
        break;
      case 'receiver.stats':
        for (const entry of data.receivers) this.receivers.get(entry.mid)?._stats(entry);
        break;
      case 'sender.state':
        this.senders.get(data.name)?._state(data.state);
        break;
      case 'sender.layers':
        this.senders.get(data.name)?._activeLayers(data.activeLayers);
        break;
      case 'speakers.active':
        this.activeSpeakers = data.speakers;
        break;
      case 'message':
        this._labels.get(data.label)?.forEach((fn) => fn(data.data, data.from));
        break;
      default:
        break;
    }
    this.emit(name, data);
    if (this._auto) this._autoSubscribe(name, data);
  }

  _onClose(event) {
    for (const { reject } of this._pending.values()) reject(new SdkError('NOT_CONNECTED', 'the session closed'));
    this._pending.clear();
    this._closePcs();
    this.closeReason = { code: event?.code ?? 1006, reason: event?.reason || '' };
    this.emit('closed', this.closeReason);
  }

  /**
   * Joins the token's room. `subscribe: 'auto'` makes a receiver for every track of the others (like a WHEP viewer);
   * the default `'manual'` leaves that to you. Resolves with `{room, peer, node, peers, tracks}`.
   */
  async join({ room, metadata, subscribe = 'manual' } = {}) {
    const joined = await this._request('join', { room, metadata });
    this.room = joined.room;
    this.node = joined.node;
    for (const peer of joined.peers) this.peers.set(peer.peer, peer);
    for (const track of joined.tracks) this.tracks.set(`${track.peer}/${track.track}`, track);
    this._auto = subscribe === 'auto';
    if (this._auto) await this._autoSubscribeAll(joined.tracks);
    return joined;
  }

  /** Leaves the room: senders and receivers end, the peer connections close. */
  async leave() {
    await this._request('leave');
    this._closePcs();
  }

  /** Sets this peer's metadata (any JSON), seen by the others in `peer.updated`. */
  update(metadata) {
    return this._request('peer.update', { metadata });
  }

  /**
   * Publishes `track` under `name` (camera, screen, mic, ...). Options: `priority` (1-1000), `maxBitrate` (bps),
   * `mode` ('auto' | 'fixed'), and for video `simulcast: true` (three encodings, a quarter, half and full size,
   * lowest first; receivers then choose a layer with minSpatial/maxSpatial) or `simulcast: [encodings]` of your own,
   * lowest first, and `codec` ('vp8', 'h264', 'vp9', 'opus') to prefer one codec. VP9 SVC is one encoding with a
   * scalability mode, e.g. `{ codec: 'vp9', simulcast: [{ scalabilityMode: 'L3T3_KEY' }] }`: receivers choose its
   * spatial and temporal layers with the same minSpatial/maxSpatial/minTemporal/maxTemporal (Chrome keeps three
   * spatial layers from a 960x540 capture up). Resolves with the {@link Sender} once the media node accepted it.
   */
  async sender(name, track, options = {}) {
    if (this.senders.has(name)) throw new SdkError('INVALID_FIELD', `a sender named ${name} exists`);
    const pc = this._publisherPc();
    const init = { direction: 'sendonly', streams: [new MediaStream([track])] };
    if (options.simulcast && track.kind === 'video') {
      init.sendEncodings = Array.isArray(options.simulcast) ? options.simulcast : [
        { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
        { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
        { rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
      ];
    }
    const transceiver = pc.addTransceiver(track, init);
    if (options.codec) {
      const capabilities = RTCRtpSender.getCapabilities(track.kind).codecs;
      const wanted = capabilities.filter((c) => c.mimeType.toLowerCase() === `${track.kind}/${options.codec}`);
      if (wanted.length === 0) {
        pc.removeTrack(transceiver.sender);
        throw new SdkError('INVALID_FIELD', `this browser cannot send ${options.codec}`);
      }
      const rest = capabilities.filter((c) => !wanted.includes(c));
      transceiver.setCodecPreferences([...wanted, ...rest]);
    }
    const sender = new Sender(this, name, track, transceiver);
    sender.dynamicLayers = options.dynamicLayers !== false;
    this.senders.set(name, sender);
    if (options.maxBitrate && !options.simulcast) await sender._applyBitrate(options.maxBitrate);
    await this._renegotiatePublisher();
    if (options.priority || options.maxBitrate || options.mode) await sender.config(options);
    return sender;
  }

  /**
   * A new receiver of `kind` ('audio' or 'video'): a recvonly transceiver, negotiated once. Attach it to any
   * peer's track and switch it around without renegotiation.
   */
  async receiver(kind, config = {}) {
    return (await this.receiversOf([kind], config))[0];
  }

  /** Several receivers at once, in one renegotiation: `kinds` is a list such as `['video', 'audio']`. */
  async receiversOf(kinds, config = {}) {
    for (const kind of kinds) {
      if (kind !== 'audio' && kind !== 'video') throw new SdkError('INVALID_FIELD', 'kind must be audio or video');
    }
    const pc = this._subscriberPc();
    const transceivers = kinds.map((kind) => pc.addTransceiver(kind, { direction: 'recvonly' }));
    await this._renegotiateSubscriber();
    return transceivers.map((transceiver, i) => {
      const receiver = new Receiver(this, kinds[i], transceiver, config);
      this.receivers.set(receiver.mid, receiver);
      return receiver;
    });
  }

  /**
   * Top-N audio (mix-minus): `count` audio receivers that play the room's `count` loudest speakers other than this
   * peer, following `speakers.active`. A speaker keeps its slot while it stays in the top N; a new one takes an empty
   * slot, else the slot of one that fell out (the slot's receiver switches source with no renegotiation, the media
   * node keeping sequence numbers and timestamps continuous). A slot keeps its last speaker through a pause. Resolves
   * with the slot receivers; each one's `peer` says whom it plays.
   */
  async speakerSlots(count) {
    const slots = await this.receiversOf(new Array(count).fill('audio'));
    const sources = new Array(count).fill(null);
    let queue = Promise.resolve();
    const follow = (speakers) => {
      const changed = assignSpeakerSlots(sources, speakers.map((s) => s.peer), this.peer);
      for (const i of changed) {
        const track = [...this.tracks.values()].find((t) => t.peer === sources[i] && t.kind === 'audio');
        if (track) queue = queue.then(() => slots[i].attach(track.peer, track.track)).catch(() => {});
      }
    };
    this.on('speakers.active', ({ speakers }) => follow(speakers));
    follow(this.activeSpeakers);
    await queue;
    return slots;
  }

  /** Calls `handler(data, fromPeer)` for every message published on `label` in the room. */
  async subscribe(label, handler) {
    await this._request('message.subscribe', { label });
    if (!this._labels.has(label)) this._labels.set(label, new Set());
    this._labels.get(label).add(handler);
  }

  async unsubscribe(label) {
    this._labels.delete(label);
    await this._request('message.unsubscribe', { label });
  }

  /** Sends `data` (any JSON) to the peers of the room that subscribed to `label`, on any node. */
  publish(label, data) {
    return this._request('message.publish', { label, data });
  }

  /** Closes everything without waiting for the server. */
  close() {
    this._closePcs();
    this._ws?.close();
  }

  _publisherPc() {
    if (!this._sendPc) this._sendPc = this._newPc('publisher');
    return this._sendPc;
  }

  _subscriberPc() {
    if (!this._recvPc) this._recvPc = this._newPc('subscriber');
    return this._recvPc;
  }

  _newPc(label) {
    const pc = new RTCPeerConnection({ iceServers: this._options.iceServers || [], bundlePolicy: 'max-bundle' });
    pc.addEventListener('connectionstatechange', () => this.emit(`${label}.connection`, pc.connectionState));
    return pc;
  }

  _closePcs() {
    this._sendPc?.close();
    this._recvPc?.close();
    this._sendPc = null;
    this._recvPc = null;
    this.senders.clear();
    this.receivers.clear();
  }

  _renegotiatePublisher() {
    return this._sendQueue.run(async () => {
      const pc = this._sendPc;
      await pc.setLocalDescription(await pc.createOffer());
      const senders = [];
      for (const sender of this.senders.values()) {
        if (sender._transceiver.mid !== null) senders.push({ mid: sender._transceiver.mid, name: sender.name });
      }
      const answer = await this._request('publisher.offer', { sdp: pc.localDescription.sdp, senders });
      await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
    });
  }

  _renegotiateSubscriber() {
    return this._recvQueue.run(async () => {
      const pc = this._recvPc;
      await pc.setLocalDescription(await pc.createOffer());
      const answer = await this._request('subscriber.offer', { sdp: pc.localDescription.sdp });
      await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
    });
  }

  // Auto subscription: one receiver per remote track. The room's tracks at join time are taken in one
  // renegotiation; later tracks get an idle receiver of their kind, or a new one.
  async _autoSubscribeAll(tracks) {
    const wanted = tracks.filter((t) => t.peer !== this.peer && !this._autoKeys.has(`${t.peer}/${t.track}`));
    if (wanted.length === 0) return;
    wanted.forEach((t) => this._autoKeys.add(`${t.peer}/${t.track}`));
    const receivers = await this.receiversOf(wanted.map((t) => t.kind));
    receivers.forEach((receiver) => {
      receiver._auto = true;
      receiver._claimed = true;
    });
    await Promise.all(receivers.map(async (receiver, i) => {
      await receiver.attach(wanted[i].peer, wanted[i].track);
      this.emit('receiver.added', { receiver, peer: wanted[i].peer, track: wanted[i].track });
    }));
  }

  async _autoSubscribe(name, data) {
    if (name === 'track.started' && data.peer !== this.peer) {
      const key = `${data.peer}/${data.track}`;
      if (this._autoKeys.has(key)) return;
      this._autoKeys.add(key);
      // Claimed at once: another track's event may look for an idle receiver while this attach is on its way.
      let receiver = [...this.receivers.values()].find((r) => r._auto && !r._claimed && r.kind === data.kind);
      if (receiver) {
        receiver._claimed = true;
      } else {
        receiver = await this.receiver(data.kind);
        receiver._auto = true;
        receiver._claimed = true;
      }
      await receiver.attach(data.peer, data.track);
      this.emit('receiver.added', { receiver, peer: data.peer, track: data.track });
    } else if (name === 'peer.left') {
      for (const key of [...this._autoKeys]) {
        if (key.startsWith(`${data.peer}/`)) this._autoKeys.delete(key);
      }
      // Only the receivers auto subscription made: those the application attached itself wait for the peer.
      for (const receiver of this.receivers.values()) {
        if (receiver._auto && receiver.peer === data.peer) {
          await receiver.detach().catch(() => {});
          receiver._claimed = false;
        }
      }
    }
  }
}

/**
 * One published track. Events: `state` ('active' once the media node has it, 'inactive') and, for simulcast,
 * `layers` (how many encodings, from the lowest, are sent: the others nobody in the room watches).
 */
export class Sender extends Emitter {
  constructor(session, name, track, transceiver) {
    super();
    this._session = session;
    this.name = name;
    this.track = track;
    this._transceiver = transceiver;
    this.state = 'waiting';
    this.dynamicLayers = true;
    this.activeLayers = null;
  }

  /** Sends another source (camera to screen) on the same track name, with no renegotiation. */
  async replaceTrack(track) {
    await this._transceiver.sender.replaceTrack(track);
    this.track = track;
  }

  /** Stops or resumes sending without leaving (mute): the receivers of this track keep their place. */
  set muted(value) {
    if (this.track) this.track.enabled = !value;
  }

  /** Priority (1-1000), maxBitrate (bps, also applied to the encoder) and mode ('auto' | 'fixed'). */
  async config(options) {
    if (options.maxBitrate !== undefined) await this._applyBitrate(options.maxBitrate);
    return this._session._request('sender.config', { name: this.name, ...options });
  }

  async _applyBitrate(maxBitrate) {
    const parameters = this._transceiver.sender.getParameters();
    if (!parameters.encodings || parameters.encodings.length === 0) return;
    for (const encoding of parameters.encodings) {
      if (maxBitrate > 0) encoding.maxBitrate = maxBitrate;
      else delete encoding.maxBitrate;
    }
    await this._transceiver.sender.setParameters(parameters).catch(() => {});
  }

  /**
   * Publisher-side control: the media node says only the lowest `count` simulcast encodings are wanted by any receiver
   * in the room, so the others are switched off (and on again when a receiver wants them), unless the sender was made
   * with `dynamicLayers: false`.
   */
  async _activeLayers(count) {
    this.activeLayers = count;
    if (this.dynamicLayers) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const parameters = this._transceiver.sender.getParameters();
        if (!parameters.encodings || parameters.encodings.length < 2) break;
        let changed = false;
        parameters.encodings.forEach((encoding, index) => {
          const active = index < count;
          if (encoding.active !== active) {
            encoding.active = active;
            changed = true;
          }
        });
        if (!changed) break;
        try {
          await this._transceiver.sender.setParameters(parameters);
          break;
        } catch (e) {
          // Another setParameters ran in between (stale transaction): read the parameters again.
          this._session._log(`mediamesh: sender ${this.name} layers: ${e.message}`);
        }
      }
    }
    this.emit('layers', count);
  }

  /** Unpublishes: the track ends for every receiver in the room (they wait for it). */
  async detach() {
    await this._transceiver.sender.replaceTrack(null);
    this._transceiver.direction = 'inactive';
    this._session.senders.delete(this.name);
    await this._session._renegotiatePublisher();
    this._state('inactive');
  }

  _state(state) {
    this.state = state;
    this.emit('state', state);
  }
}

/**
 * One receiving slot. `track` is its MediaStreamTrack for the whole life of the receiver, and `stream` a MediaStream
 * holding it, whatever it is attached to. Events: `state` ('inactive', 'waiting', 'active') and `stats`
 * ({bitrate, packetRate, packets}).
 */
/**
 * The slot rule of `speakerSlots`: puts the first `sources.length` peers of `ranking` other than `self` in `sources`
 * (changed in place), keeping those already there in their slot; returns the indexes of the slots that changed.
 */
export function assignSpeakerSlots(sources, ranking, self) {
  const wanted = [];
  for (const peer of ranking) {
    if (wanted.length === sources.length) break;
    if (peer !== self && !wanted.includes(peer)) wanted.push(peer);
  }
  const changed = [];
  for (const peer of wanted) {
    if (sources.includes(peer)) continue;
    let slot = sources.indexOf(null);
    if (slot < 0) slot = sources.findIndex((s) => !wanted.includes(s));
    sources[slot] = peer;
    changed.push(slot);
  }
  return changed;
}

export class Receiver extends Emitter {
  constructor(session, kind, transceiver, config) {
    super();
    this._session = session;
    this.kind = kind;
    this._transceiver = transceiver;
    this.mid = transceiver.mid;
    this.track = transceiver.receiver.track;
    this.stream = new MediaStream([this.track]);
    this.peer = null;
    this.trackName = null;
    this.state = 'inactive';
    this.enabled = true;
    this._auto = false;
    this._claimed = false;
    this._config = config;
    this.stats = null;
  }

  /**
   * Plays `peer`'s track `trackName`. Config: `priority`, `minSpatial`, `maxSpatial`, `minTemporal`, `maxTemporal`.
   * Resolves with the state: 'active', or 'waiting' until that track is published.
   */
  async attach(peer, trackName, config = {}) {
    this._config = { ...this._config, ...config };
    const view = await this._session._request('receiver.attach', { mid: this.mid, peer, track: trackName,
      ...this._config });
    this._update(view);
    return this.state;
  }

  /** Plays another track, with no renegotiation: the media continues on the same track from a keyframe. */
  switch(peer, trackName, config = {}) {
    return this.attach(peer, trackName, config);
  }

  /** Plays nothing (the receiver stays, ready to be attached again). */
  async detach() {
    const view = await this._session._request('receiver.detach', { mid: this.mid });
    this._update(view);
  }

  /** `enabled: false` stops the flow and `true` restarts it; the layer settings take effect in layer selection. */
  async config(options) {
    const view = await this._session._request('receiver.config', { mid: this.mid, ...options });
    this._update(view);
    return view;
  }

  /**
   * What the browser received and decoded on this receiver: `{framesDecoded, frameWidth, frameHeight,
   * framesPerSecond, bytesReceived, packetsReceived, packetsLost, jitter, freezeCount, totalFreezesDuration,
   * framesReceived, framesDropped, nackCount, pliCount}` from the inbound-rtp statistics (zeros before the first
   * packet).
   */
  async getStats() {
    const result = { framesDecoded: 0, frameWidth: 0, frameHeight: 0, framesPerSecond: 0, bytesReceived: 0,
      packetsReceived: 0, packetsLost: 0, jitter: 0, freezeCount: 0, totalFreezesDuration: 0, framesReceived: 0,
      framesDropped: 0, nackCount: 0, pliCount: 0 };
    const report = await this._transceiver.receiver.getStats();
    report.forEach((entry) => {
      if (entry.type === 'inbound-rtp') {
        result.framesDecoded = entry.framesDecoded || 0;
        result.frameWidth = entry.frameWidth || 0;
        result.frameHeight = entry.frameHeight || 0;
        result.bytesReceived = entry.bytesReceived || 0;
        result.packetsLost = entry.packetsLost || 0;
        result.jitter = entry.jitter || 0;
        result.framesPerSecond = entry.framesPerSecond || 0;
        result.freezeCount = entry.freezeCount || 0;
        result.totalFreezesDuration = entry.totalFreezesDuration || 0;
        result.packetsReceived = entry.packetsReceived || 0;
        result.framesReceived = entry.framesReceived || 0;
        result.framesDropped = entry.framesDropped || 0;
        result.nackCount = entry.nackCount || 0;
        result.pliCount = entry.pliCount || 0;
      }
    });
    return result;
  }

  _update(view) {
    this.peer = view.peer ?? null;
    this.trackName = view.track ?? null;
    this.enabled = view.enabled;
    if (view.config) this._config = view.config;
    if (view.state !== this.state) {
      this.state = view.state;
      this.emit('state', view.state);
    }
  }

  _stats(entry) {
    this.stats = entry;
    this.emit('stats', entry);
  }
}
