// Video conference on the MediaMesh JS SDK: publish camera + microphone, auto-subscribe to everyone else, one tile per
// remote camera. Mute and camera off keep the senders (no renegotiation); screen sharing swaps the camera sender's
// source with replaceTrack, so the others keep their receivers.
import { Session } from '/sdk/js/mediamesh-sdk.js';
import { requestToken, serverBase } from '../common.js';

const $ = (id) => document.getElementById(id);
const status = $('status');
const grid = $('grid');
const tiles = new Map();
let session = null;
let camera = null;
let mic = null;
let cameraTrack = null;
let screenTrack = null;

function setStatus(state, text = state) {
  status.dataset.state = state;
  status.textContent = text;
}

function tileFor(receiver, peer) {
  const tile = document.createElement('div');
  tile.className = 'tile';
  tile.dataset.state = receiver.state;
  const video = document.createElement('video');
  video.autoplay = true;
  video.playsInline = true;
  video.muted = true;
  video.srcObject = receiver.stream;
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = peer;
  tile.append(video, name);
  receiver.on('state', (state) => { tile.dataset.state = state; });
  grid.append(tile);
  return tile;
}

function playAudio(receiver) {
  const audio = new Audio();
  audio.autoplay = true;
  audio.srcObject = receiver.stream;
  return audio;
}

$('join').addEventListener('click', async () => {
  const server = serverBase($('server'));
  const room = $('room').value.trim();
  const peer = $('peer').value.trim() || `guest-${Math.random().toString(36).slice(2, 8)}`;
  $('join').disabled = true;
  setStatus('connecting', 'connecting...');
  try {
    const token = await requestToken(server, $('secret').value, 'webrtc', { room, peer, ttl: 3600 });
    session = await Session.connect(server, token);
    session.on('receiver.added', ({ receiver, peer: from }) => {
      if (receiver.kind === 'video') tiles.set(receiver.mid, { tile: tileFor(receiver, from), peer: from });
      else tiles.set(receiver.mid, { audio: playAudio(receiver), peer: from });
    });
    session.on('peer.left', ({ peer: gone }) => {
      for (const [mid, entry] of tiles) {
        if (entry.peer === gone) {
          entry.tile?.remove();
          tiles.delete(mid);
        }
      }
    });
    session.on('closed', () => setStatus('closed'));
    await session.join({ subscribe: 'auto', metadata: { name: peer } });
    const media = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360 } });
    cameraTrack = media.getVideoTracks()[0];
    mic = await session.sender('mic', media.getAudioTracks()[0]);
    camera = await session.sender('camera', cameraTrack, { maxBitrate: 800_000 });
    setStatus('connected', `in room ${session.room} as ${session.peer} (node ${session.node})`);
    for (const id of ['leave', 'mute', 'camera', 'screen']) $(id).disabled = false;
  } catch (e) {
    setStatus('failed', `failed: ${e.message}`);
    $('join').disabled = false;
  }
});

$('leave').addEventListener('click', async () => {
  await session?.leave().catch(() => {});
  session?.close();
  grid.replaceChildren();
  tiles.clear();
  for (const id of ['leave', 'mute', 'camera', 'screen']) $(id).disabled = true;
  $('join').disabled = false;
  setStatus('closed', 'left the room');
});

$('mute').addEventListener('click', () => {
  const muted = $('mute').textContent === 'Mute';
  mic.muted = muted;
  $('mute').textContent = muted ? 'Unmute' : 'Mute';
});

$('camera').addEventListener('click', () => {
  const off = $('camera').textContent === 'Camera off';
  camera.muted = off;
  $('camera').textContent = off ? 'Camera on' : 'Camera off';
});

$('screen').addEventListener('click', async () => {
  if (screenTrack) {
    await camera.replaceTrack(cameraTrack);
    screenTrack.stop();
    screenTrack = null;
    $('screen').textContent = 'Share screen';
    return;
  }
  try {
    screenTrack = (await navigator.mediaDevices.getDisplayMedia({ video: true })).getVideoTracks()[0];
    await camera.replaceTrack(screenTrack);
    screenTrack.addEventListener('ended', () => $('screen').click());
    $('screen').textContent = 'Back to camera';
  } catch (e) {
    setStatus(status.dataset.state, `screen sharing refused: ${e.message}`);
  }
});

// For tests and the console: the session and what each tile plays.
window.mediamesh = {
  session: () => session,
  tiles: () => [...tiles.entries()].map(([mid, e]) => ({ mid, peer: e.peer, video: Boolean(e.tile),
    state: session?.receivers.get(mid)?.state })),
};
