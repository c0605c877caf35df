// Spatial room on the MediaMesh JS SDK: positions travel as peer metadata ({x, y}); each peer keeps N video and N
// audio receivers and, whenever someone moves, points them at its N nearest neighbours (receiver.switch: no
// renegotiation, the new source starts at a keyframe).
import { Session } from '/sdk/js/mediamesh-sdk.js';
import { requestToken, serverBase } from '../common.js';
import { assign, nearest } from './nearest.js';

const $ = (id) => document.getElementById(id);
const map = $('map');
const positions = new Map();
let session = null;
let self = { x: 0, y: 0 };
let slots = [];

function setStatus(state, text = state) {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

function draw() {
  const ctx = map.getContext('2d');
  ctx.clearRect(0, 0, map.width, map.height);
  const heard = new Set(slots.map((s) => s.peer));
  for (const [peer, p] of positions) {
    ctx.fillStyle = heard.has(peer) ? '#176d1c' : '#999';
    ctx.beginPath();
    ctx.arc(p.x, p.y, 8, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillText(peer, p.x + 10, p.y + 4);
  }
  ctx.fillStyle = '#b00020';
  ctx.beginPath();
  ctx.arc(self.x, self.y, 10, 0, 2 * Math.PI);
  ctx.fill();
}

function camerasPublished(peer) {
  return session.tracks.has(`${peer}/camera`);
}

// Re-points the receivers at the nearest peers that publish a camera.
let rearranging = Promise.resolve();
function rearrange() {
  rearranging = rearranging.then(async () => {
    const others = [...positions.entries()].filter(([peer]) => camerasPublished(peer))
      .map(([peer, p]) => ({ peer, x: p.x, y: p.y }));
    const wanted = nearest(self, others, slots.length);
    const plan = assign(slots.map((s) => s.peer), wanted);
    await Promise.all(slots.map(async (slot, i) => {
      if (plan[i] === slot.peer) return;
      slot.peer = plan[i];
      slot.label.textContent = plan[i] ?? '';
      if (plan[i]) {
        await slot.video.switch(plan[i], 'camera');
        await slot.audio.switch(plan[i], 'mic');
      } else {
        await slot.video.detach();
        await slot.audio.detach();
      }
    }));
    draw();
  }).catch((e) => setStatus('failed', `rearranging failed: ${e.message}`));
}

function positionOf(metadata) {
  return metadata && Number.isFinite(metadata.x) && Number.isFinite(metadata.y) ? { x: metadata.x, y: metadata.y }
    : null;
}

$('join').addEventListener('click', async () => {
  const server = serverBase($('server'));
  const peer = $('peer').value.trim() || `guest-${Math.random().toString(36).slice(2, 8)}`;
  const count = Math.max(1, Math.min(8, Number($('slots').value) || 3));
  $('join').disabled = true;
  try {
    const token = await requestToken(server, $('secret').value, 'webrtc', { room: $('room').value.trim(), peer,
      ttl: 3600 });
    session = await Session.connect(server, token);
    self = { x: Math.round(40 + Math.random() * (map.width - 80)), y: Math.round(40 + Math.random() * (map.height - 80)) };
    const joined = await session.join({ metadata: self });
    for (const other of joined.peers) {
      const p = positionOf(other.metadata);
      if (p) positions.set(other.peer, p);
    }
    session.on('peer.joined', ({ peer: who, metadata }) => {
      const p = positionOf(metadata);
      if (p) positions.set(who, p);
      rearrange();
    });
    session.on('peer.updated', ({ peer: who, metadata }) => {
      const p = positionOf(metadata);
      if (p) positions.set(who, p);
      rearrange();
    });
    session.on('peer.left', ({ peer: who }) => {
      positions.delete(who);
      rearrange();
    });
    session.on('track.started', rearrange);
    const kinds = [];
    for (let i = 0; i < count; i++) kinds.push('video', 'audio');
    const receivers = await session.receiversOf(kinds);
    slots = [];
    for (let i = 0; i < count; i++) {
      const tile = document.createElement('div');
      tile.className = 'tile';
      const video = document.createElement('video');
      video.autoplay = true;
      video.playsInline = true;
      video.srcObject = new MediaStream([receivers[2 * i].track, receivers[2 * i + 1].track]);
      const label = document.createElement('span');
      label.className = 'name';
      tile.append(video, label);
      $('grid').append(tile);
      slots.push({ video: receivers[2 * i], audio: receivers[2 * i + 1], peer: null, label });
    }
    const media = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 180 } });
    await session.sender('camera', media.getVideoTracks()[0], { maxBitrate: 300_000 });
    await session.sender('mic', media.getAudioTracks()[0]);
    setStatus('connected', `in ${session.room} as ${session.peer}: click the map to move`);
    $('leave').disabled = false;
    rearrange();
  } catch (e) {
    setStatus('failed', `failed: ${e.message}`);
    $('join').disabled = false;
  }
});

map.addEventListener('click', async (event) => {
  if (!session) return;
  const box = map.getBoundingClientRect();
  self = { x: Math.round(event.clientX - box.left), y: Math.round(event.clientY - box.top) };
  await session.update(self);
  rearrange();
});

$('leave').addEventListener('click', async () => {
  await session?.leave().catch(() => {});
  session?.close();
  $('grid').replaceChildren();
  positions.clear();
  slots = [];
  $('leave').disabled = true;
  $('join').disabled = false;
  setStatus('closed', 'left the room');
  draw();
});

window.mediamesh = { session: () => session, slots: () => slots.map((s) => ({ peer: s.peer,
  video: s.video.state, audio: s.audio.state })), moveTo: async (x, y) => {
  self = { x, y };
  await session.update(self);
  rearrange();
  await rearranging;
} };
