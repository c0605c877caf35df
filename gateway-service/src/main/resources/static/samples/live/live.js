// One-to-many live stream on the MediaMesh JS SDK. The host publishes 'camera' and 'mic'; a viewer joins with manual
// subscription, makes one video and one audio receiver and points them at the host's tracks (they wait until the host
// is live, and pick the stream up again when the host comes back).
import { Session } from '/sdk/js/mediamesh-sdk.js';
import { requestToken, serverBase } from '../common.js';

const $ = (id) => document.getElementById(id);
const player = $('player');
let session = null;

function setStatus(state, text = state) {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

async function connect(peer) {
  const server = serverBase($('server'));
  const token = await requestToken(server, $('secret').value, 'webrtc', { room: $('room').value.trim(), peer,
    ttl: 3600 });
  session = await Session.connect(server, token);
  session.on('closed', () => setStatus('closed'));
  return session;
}

async function run(action) {
  $('go-live').disabled = true;
  $('watch').disabled = true;
  try {
    await action();
    $('stop').disabled = false;
  } catch (e) {
    setStatus('failed', `failed: ${e.message}`);
    $('go-live').disabled = false;
    $('watch').disabled = false;
  }
}

$('go-live').addEventListener('click', () => run(async () => {
  setStatus('connecting', 'going live...');
  await connect($('host').value.trim());
  await session.join();
  const media = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 1280, height: 720 } });
  player.srcObject = media;
  await session.sender('camera', media.getVideoTracks()[0], { maxBitrate: 2_500_000, priority: 100 });
  await session.sender('mic', media.getAudioTracks()[0]);
  setStatus('connected', `live in ${session.room} (node ${session.node})`);
}));

$('watch').addEventListener('click', () => run(async () => {
  setStatus('connecting', 'joining...');
  await connect(`viewer-${Math.random().toString(36).slice(2, 8)}`);
  await session.join();
  const [video, audio] = await session.receiversOf(['video', 'audio']);
  player.srcObject = new MediaStream([video.track, audio.track]);
  video.on('state', (state) => setStatus(state === 'active' ? 'connected' : 'waiting',
    state === 'active' ? 'watching' : 'waiting for the host'));
  video.on('stats', (s) => { $('stats').textContent = `${Math.round(s.bitrate / 1000)} kbit/s, ${s.packetRate} pkt/s`; });
  const host = $('host').value.trim();
  const state = await video.attach(host, 'camera');
  await audio.attach(host, 'mic');
  setStatus(state === 'active' ? 'connected' : 'waiting', state === 'active' ? 'watching' : 'waiting for the host');
}));

$('stop').addEventListener('click', async () => {
  await session?.leave().catch(() => {});
  session?.close();
  player.srcObject = null;
  $('stop').disabled = true;
  $('go-live').disabled = false;
  $('watch').disabled = false;
  setStatus('closed', 'stopped');
});

window.mediamesh = { session: () => session };
