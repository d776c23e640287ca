// The line at the top right that tells the secretary whether what they typed is saved.

import { hms } from "./live/clock.js";

const el = () => document.querySelector('[data-testid="save-status"]');

function clock() {
  return hms(new Date());
}

export function saved() {
  const s = el();
  s.textContent = `保存しました（${clock()}）`;
  s.className = "save-status ok";
}

export function failed(message) {
  const s = el();
  s.textContent = message;
  s.className = "save-status error";
}

/// A line that reports something done that is not a save (a restore), in the saved colour.
export function info(message) {
  const s = el();
  s.textContent = message;
  s.className = "save-status ok";
}
