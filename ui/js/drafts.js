// What is typed in any field that saves when it is left — 会場, a title, a name, a turn being
// corrected — is kept as it is typed (250 ms after the last key, at most 500 ms apart), so a crash
// or a kill loses at most half a second of typing in any editor, as in the turn box. The field's
// own save clears it; after a crash the screen puts it back, marked, and saves it when left.

import { call } from "./host.js";

const DELAY_MS = 250; // after the last keystroke
const MAX_WAIT_MS = 500; // while typing without a pause

let scope = null; // "meeting:5/": the screen's part of every key
let kept = new Map(); // key → what was typed and not saved, as found when the screen opened
const queues = new Map(); // key → the store writes of that field, one after another

function enqueue(key, fn) {
  const next = (queues.get(key) ?? Promise.resolve()).then(fn, fn).catch(() => {});
  queues.set(key, next);
  return next;
}

/// Opens a screen's drafts (`name` e.g. "meeting:5"): fields made after this find their unsaved
/// text. Call before drawing the screen. Answers the keys of the unsaved fields found.
export async function openScope(name) {
  scope = `${name}/`;
  try {
    const list = await call("list_field_drafts", { scope });
    kept = new Map(list.map((d) => [d.key, d.value]));
  } catch {
    kept = new Map();
  }
  return [...kept.keys()];
}

/// Keeps what is typed in `control` (a text field with a data-testid) and puts back what a crash
/// left unsaved. Answers the function that clears the draft once the field's own save succeeded.
export function keepTyping(control) {
  if (!scope || !control.dataset.testid) return () => {};
  const key = scope + control.dataset.testid;
  let timer = null;
  let last = 0;
  const flush = () => {
    timer = null;
    last = Date.now();
    const value = control.value;
    enqueue(key, () => call("save_field_draft", { key, value }));
  };
  control.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(flush, Date.now() - last > MAX_WAIT_MS ? 0 : DELAY_MS);
  });
  if (kept.has(key) && kept.get(key) !== control.value) {
    const saved = control.value;
    control.value = kept.get(key);
    kept.delete(key);
    control.classList.add("restored");
    control.title = "保存されていなかった入力を戻しました。欄を離れると保存します（Esc で元に戻します）。";
    // Left without a keystroke, the put-back text is saved as if it had just been typed.
    control.addEventListener("blur", () => {
      if (control.classList.contains("restored") && control.value !== saved) control.dispatchEvent(new Event("change"));
    }, { once: true });
  }
  return () => {
    clearTimeout(timer);
    control.classList.remove("restored");
    enqueue(key, () => call("save_field_draft", { key, value: null }));
  };
}
