// Japanese IME: the Enter that confirms a conversion must never act as a command. WebKitGTK sends
// compositionend *before* the keydown of the confirming Enter, so isComposing alone is not enough:
// we also watch keyCode 229 / "Process", our own composing flag, and a short grace period.

const GRACE_MS = 120;
const state = new WeakMap();

export function guardIme(el) {
  if (state.has(el)) return el;
  const s = { composing: false, endedAt: -Infinity };
  state.set(el, s);
  el.addEventListener("compositionstart", () => { s.composing = true; });
  el.addEventListener("compositionend", () => { s.composing = false; s.endedAt = performance.now(); });
  return el;
}

/// True when this keydown belongs to the IME (confirming or steering a conversion).
export function isImeKey(event) {
  const s = state.get(event.target);
  return event.isComposing || event.keyCode === 229 || event.key === "Process" ||
    Boolean(s && (s.composing || performance.now() - s.endedAt < GRACE_MS));
}

/// Runs fn on a plain Enter in `input` (no Shift, not the IME's confirming Enter).
export function onEnter(input, fn) {
  guardIme(input);
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.shiftKey || isImeKey(event)) return;
    event.preventDefault();
    fn(event);
  });
  return input;
}
