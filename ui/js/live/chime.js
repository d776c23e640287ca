// A soft two-tone chime for the ventilation reminder, made with WebAudio: no sound file to load,
// nothing fetched. The secretary can turn it off; the choice is remembered on this laptop.

const KEY = "shoki.chime";

export function chimeEnabled() {
  return localStorage.getItem(KEY) !== "off";
}

export function setChime(on) {
  localStorage.setItem(KEY, on ? "on" : "off");
}

/// Two tones, then the audio context is closed: a context left open keeps an audio thread alive,
/// and a meeting left open for days used to pile them up.
export function chime() {
  if (!chimeEnabled()) return;
  try {
    const ctx = new AudioContext();
    setTimeout(() => ctx.close().catch(() => {}), 1500);
    [660, 880].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, ctx.currentTime + i * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.15, ctx.currentTime + i * 0.35 + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + i * 0.35 + 0.6);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + i * 0.35);
      osc.stop(ctx.currentTime + i * 0.35 + 0.65);
    });
  } catch {
    // No audio device: the banner alone must do.
  }
}
