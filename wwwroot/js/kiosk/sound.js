// Audible cue for people who are not looking at the screen any more when the result arrives.
// WebAudio tones instead of audio files: nothing to download, and the two cues differ in pitch and rhythm.
let context;

function ensureContext() {
  context ??= new AudioContext();
  // Browsers start audio suspended until a user gesture; resuming here is harmless when already running.
  if (context.state === "suspended") context.resume().catch(() => {});
  return context;
}

function tone(audio, frequency, start, duration) {
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = "sine";
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + duration);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(start);
  oscillator.stop(start + duration + 0.05);
}

/** Rising two-note chime: recognised and recorded. */
export function playSuccess() {
  try {
    const audio = ensureContext();
    const now = audio.currentTime;
    tone(audio, 660, now, 0.15);
    tone(audio, 990, now + 0.16, 0.25);
  } catch { /* no audio device: the screen still shows the result */ }
}

/** Low double buzz: not recognised or the photo was unusable. */
export function playFailure() {
  try {
    const audio = ensureContext();
    const now = audio.currentTime;
    tone(audio, 220, now, 0.18);
    tone(audio, 196, now + 0.22, 0.25);
  } catch { /* no audio device: the screen still shows the result */ }
}

/** Call from a user gesture so later cues are allowed to play. */
export function unlockAudio() {
  try { ensureContext(); } catch { /* no audio device */ }
}
