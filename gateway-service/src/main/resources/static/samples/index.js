import { requestToken, serverBase } from './common.js';

const form = document.getElementById('token-form');
const result = document.getElementById('result');
const tokenArea = document.getElementById('token');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const kind = event.submitter?.dataset.kind ?? 'whip';
  const server = serverBase(document.getElementById('server'));
  const peer = document.getElementById('peer').value.trim();
  const body = {
    room: document.getElementById('room').value.trim(),
    ttl: Number(document.getElementById('ttl').value),
  };
  if (peer) {
    body.peer = peer;
  }
  result.className = '';
  try {
    const token = await requestToken(server, document.getElementById('secret').value, kind, body);
    tokenArea.value = token;
    const params = new URLSearchParams({ token });
    if (document.getElementById('server').value.trim()) {
      params.set('server', server);
    }
    result.innerHTML = '';
    const link = document.createElement('a');
    link.href = `${kind}/#${params}`;
    link.textContent = `Open the ${kind.toUpperCase()} page with this token`;
    result.append(link);
  } catch (e) {
    tokenArea.value = '';
    result.className = 'error';
    result.textContent = `Token request failed: ${e.message}`;
  }
});
