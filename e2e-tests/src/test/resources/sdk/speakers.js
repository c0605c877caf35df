// Injected by ActiveSpeakersEndToEndTest into a page of the gateway's origin: a peer that uses the real JS SDK served
// by the gateway, optionally publishes a 440 Hz tone whose gain the test turns up (loud) or down to 0 (digital
// silence), and records the `speakers.active` events it gets. Everything the test reads comes back through window.mm.
window.mm = (() => {
  const state = { session: null, gain: null, events: [] };

  async function start(server, token, publish, loud) {
    const { Session } = await import('/sdk/js/mediamesh-sdk.js');
    const session = await Session.connect(server, token, { log: (line) => console.log(line) });
    session.on('speakers.active', ({ speakers }) => {
      state.events.push({ at: Math.round(performance.now()), speakers });
    });
    const joined = await session.join({ subscribe: 'manual' });
    state.session = session;
    if (publish) {
      const audio = new AudioContext();
      await audio.resume();
      const oscillator = audio.createOscillator();
      oscillator.frequency.value = 440;
      const gain = audio.createGain();
      gain.gain.value = loud ? 0.5 : 0;
      const destination = audio.createMediaStreamDestination();
      oscillator.connect(gain);
      gain.connect(destination);
      oscillator.start();
      state.gain = gain;
      await session.sender('mic', destination.stream.getAudioTracks()[0]);
    }
    return { node: joined.node, peer: session.peer };
  }

  function loud(on) {
    state.gain.gain.value = on ? 0.5 : 0;
    return {};
  }

  function all() {
    const session = state.session;
    return { speakers: session ? session.activeSpeakers : [], events: state.events.length,
      lastEvents: state.events.slice(-8) };
  }

  return { start, loud, all };
})();
