// The one key layer of Shoki. A Japanese IME's keys — the Enter that confirms a conversion, the
// Esc that cancels one, Tab, the F6–F10 that convert to kana or width — must never act as commands.
// WebKitGTK sends compositionend *before* the keydown of the confirming Enter, so isComposing alone
// is not enough: we also watch keyCode 229 / "Process", the composition state of the element the
// key goes to, and a short grace period after a composition ends.
//
// Composition is followed on the whole document, so no field of any screen can be forgotten; and
// every key handler of the app is registered through `onKey` or `ignoringIme` (tests/ui_rules.rs
// fails on a `keydown` listener anywhere else).

const GRACE_MS = 120;
const state = new WeakMap();

function stateOf(el) {
  let s = state.get(el);
  if (!s) {
    s = { composing: false, endedAt: -Infinity };
    state.set(el, s);
  }
  return s;
}

document.addEventListener("compositionstart", (e) => { stateOf(e.target).composing = true; }, true);
document.addEventListener("compositionend", (e) => {
  const s = stateOf(e.target);
  s.composing = false;
  s.endedAt = performance.now();
}, true);

/// True when this keydown belongs to the IME (confirming or steering a conversion).
export function isImeKey(event) {
  const s = state.get(event.target);
  return event.isComposing || event.keyCode === 229 || event.key === "Process" ||
    Boolean(s && (s.composing || performance.now() - s.endedAt < GRACE_MS));
}

/// Wraps a keydown handler so that it never sees a key of the IME.
export function ignoringIme(handler) {
  return (event) => { if (!isImeKey(event)) handler(event); };
}

/// Listens to the keys of `target` (an element, or the document for a screen's shortcuts) through
/// the IME guard. Answers a function that stops listening.
export function onKey(target, handler) {
  const listener = ignoringIme(handler);
  target.addEventListener("keydown", listener);
  return () => target.removeEventListener("keydown", listener);
}

/// Runs fn on a plain Enter in `input` (no Shift, not the IME's confirming Enter). Answers `input`.
export function onEnter(input, fn) {
  onKey(input, (event) => {
    if (event.key !== "Enter" || event.shiftKey) return;
    event.preventDefault();
    fn(event);
  });
  return input;
}
