// Injected by ActiveSpeakersEndToEndTest into a page of the gateway's origin: a peer that uses the real JS SDK served
// by the gateway, optionally publishes a 440 Hz tone whose gain the test turns up (loud) or down to 0 (digital
// silence), and records the `speakers.active` events it gets. Everything the test reads comes back through window.mm.
window.mm = (() => {
  const state = { session: null, gain: null, events: [], slots: [] };

  async function start(server, token, publish, loud, frequency) {
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
      oscillator.frequency.value = frequency;
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

  // Top-N audio: each slot's received audio goes to a muted <audio> (Chrome feeds WebAudio from a remote track only
  // while an element plays it) and an AnalyserNode, which tells the slot's dominant frequency: whose tone it plays.
  async function slots(count) {
    const receivers = await state.session.speakerSlots(count);
    const audio = new AudioContext();
    await audio.resume();
    for (const receiver of receivers) {
      const element = document.createElement('audio');
      element.muted = true;
      element.autoplay = true;
      element.srcObject = receiver.stream;
      document.body.appendChild(element);
      const analyser = audio.createAnalyser();
      analyser.fftSize = 2048;
      audio.createMediaStreamSource(receiver.stream).connect(analyser);
      state.slots.push({ receiver, analyser, sampleRate: audio.sampleRate });
    }
    return {};
  }

  function slotInfo() {
    return state.slots.map(({ receiver, analyser, sampleRate }) => {
      const bins = new Float32Array(analyser.frequencyBinCount);
      analyser.getFloatFrequencyData(bins);
      let best = 0;
      for (let i = 1; i < bins.length; i++) if (bins[i] > bins[best]) best = i;
      const loudEnough = bins[best] > -70;
      return { peer: receiver.peer, state: receiver.state,
        frequency: loudEnough ? Math.round(best * sampleRate / analyser.fftSize) : null,
        peakDb: Math.round(bins[best]) };
    });
  }

  function all() {
    const session = state.session;
    return { speakers: session ? session.activeSpeakers : [], slots: slotInfo(), events: state.events.length,
      lastEvents: state.events.slice(-8) };
  }

  return { start, loud, slots, all };
})();
