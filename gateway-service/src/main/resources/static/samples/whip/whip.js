import {
  endSession,
  exposeForScripts,
  hashParams,
  negotiate,
  preferCodec,
  serverBase,
  showState,
  showStats,
} from '../common.js';

const serverInput = document.getElementById('server');
const tokenInput = document.getElementById('token');
const codecSelect = document.getElementById('codec');
const publishButton = document.getElementById('publish');
const stopButton = document.getElementById('stop');
const statusEl = document.getElementById('status');
const statsEl = document.getElementById('stats');
const preview = document.getElementById('preview');

const params = hashParams();
tokenInput.value = params.get('token') ?? '';
serverInput.value = params.get('server') ?? '';

let session = null;
let lastSession = null;

async function publish() {
  publishButton.disabled = true;
  stopButton.disabled = false;
  const pc = new RTCPeerConnection();
  session = { pc, stream: null, url: null };
  showState(pc, statusEl, () => stopButton.disabled || stop(false));
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    session.stream = stream;
    preview.srcObject = stream;
    for (const track of stream.getTracks()) {
      const transceiver = pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
      if (track.kind === 'video') {
        preferCodec(transceiver, 'video', codecSelect.value);
      }
    }
    const endpoint = `${serverBase(serverInput)}/whip/endpoint`;
    session.url = await negotiate(pc, endpoint, tokenInput.value.trim());
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
  publishButton.disabled = false;
  if (!ending) {
    return;
  }
  ending.stream?.getTracks().forEach((track) => track.stop());
  ending.pc.close();
  preview.srcObject = null;
  lastSession = { url: ending.url, deleteStatus: await endSession(ending.url) };
  if (resetStatus) {
    statusEl.textContent = 'stopped';
    statusEl.dataset.state = 'closed';
  }
}

publishButton.addEventListener('click', publish);
stopButton.addEventListener('click', () => stop());
window.addEventListener('pagehide', () => stop());
showStats(() => session?.pc, statsEl);
exposeForScripts(statusEl, () => session?.pc, () => lastSession);
