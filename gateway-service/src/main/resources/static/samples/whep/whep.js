import {
  endSession,
  exposeForScripts,
  hashParams,
  negotiate,
  serverBase,
  showState,
  showStats,
} from '../common.js';

const serverInput = document.getElementById('server');
const tokenInput = document.getElementById('token');
const playButton = document.getElementById('play');
const stopButton = document.getElementById('stop');
const unmuteButton = document.getElementById('unmute');
const statusEl = document.getElementById('status');
const statsEl = document.getElementById('stats');
const player = document.getElementById('player');

const params = hashParams();
tokenInput.value = params.get('token') ?? '';
serverInput.value = params.get('server') ?? '';

let session = null;
let lastSession = null;

async function play() {
  playButton.disabled = true;
  stopButton.disabled = false;
  const pc = new RTCPeerConnection();
  session = { pc, url: null };
  showState(pc, statusEl, () => stopButton.disabled || stop(false));
  // Autoplay policies allow only muted playback without a gesture, so the video starts muted.
  const stream = new MediaStream();
  player.srcObject = stream;
  pc.addEventListener('track', (event) => stream.addTrack(event.track));
  pc.addTransceiver('audio', { direction: 'recvonly' });
  pc.addTransceiver('video', { direction: 'recvonly' });
  try {
    const endpoint = `${serverBase(serverInput)}/whep/endpoint`;
    session.url = await negotiate(pc, endpoint, tokenInput.value.trim());
    unmuteButton.disabled = false;
  } catch (e) {
    statusEl.textContent = `error: ${e.message}`;
    statusEl.dataset.state = 'failed';
    await stop(false);
  }
}

async function stop(resetStatus = true) {
  const ending = session;
  session = null;
  stopButton.disabled = true;
  unmuteButton.disabled = true;
  playButton.disabled = false;
  if (!ending) {
    return;
  }
  ending.pc.close();
  player.srcObject = null;
  player.muted = true;
  lastSession = { url: ending.url, deleteStatus: await endSession(ending.url) };
  if (resetStatus) {
    statusEl.textContent = 'stopped';
    statusEl.dataset.state = 'closed';
  }
}

unmuteButton.addEventListener('click', () => {
  player.muted = !player.muted;
  unmuteButton.textContent = player.muted ? 'Unmute' : 'Mute';
});
playButton.addEventListener('click', play);
stopButton.addEventListener('click', () => stop());
window.addEventListener('pagehide', () => stop());
showStats(() => session?.pc, statsEl);
exposeForScripts(statusEl, () => session?.pc, () => lastSession);
