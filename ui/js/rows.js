// The ↑ ↓ × buttons of an ordered list (agenda, materials, roster, officials). Each runs one
// command; on success the list is redrawn from the saved record it answers with.

import { h } from "./dom.js";
import { attempt } from "./fields.js";
import { onKey } from "./ime.js";

/// An action that cannot be taken back with one key asks first: `button` is replaced by the
/// question, a button that does it (`${testid}-confirm`) and やめる (`${testid}-cancel`, or Esc),
/// which puts the button back. The focus is on やめる, so a stray Enter does nothing harmful.
export function askFirst(button, testid, question, yes, action) {
  const back = () => { box.replaceWith(button); button.focus(); };
  const doIt = h("button", { class: "danger", testid: `${testid}-confirm`, onclick: () => { box.replaceWith(button); action(); } }, yes);
  const no = h("button", { class: "secondary", testid: `${testid}-cancel`, onclick: back }, "やめる");
  const box = h("span", { class: "confirm", role: "alertdialog" }, question, " ", doIt, no);
  onKey(box, (e) => { if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); back(); } });
  button.replaceWith(box);
  no.focus();
}

/// Rows named by their place rather than an id (a cover's rows) give `placeOf(index)`, the
/// prefix of the row at `index`: the focus then follows the moved row to its new place, so Enter
/// again moves it on (the same button where it can, else the other).
export function moveButtons(prefix, index, count, errorKey, move, redraw, placeOf = null) {
  const button = (up) => h("button", {
    class: "icon", testid: `${prefix}-${up ? "up" : "down"}`, disabled: up ? index === 0 : index === count - 1,
    "aria-label": up ? "上へ" : "下へ", title: up ? "上へ" : "下へ",
    onclick: async (e) => {
      const answer = await attempt(errorKey, e.target, () => move(up));
      if (!answer) return;
      redraw(answer);
      if (placeOf) {
        const moved = placeOf(up ? index - 1 : index + 1);
        const same = document.querySelector(`[data-testid="${moved}-${up ? "up" : "down"}"]`);
        const other = document.querySelector(`[data-testid="${moved}-${up ? "down" : "up"}"]`);
        (same && !same.disabled ? same : other)?.focus();
      }
    },
  }, up ? "↑" : "↓");
  return [button(true), button(false)];
}

/// The × of a row. With `question`, it asks first (a 会議次第 section that takes its items with it).
export function removeButton(testid, errorKey, remove, redraw, question = null) {
  const button = h("button", {
    class: "icon danger", testid, "aria-label": "削除", title: "削除",
    onclick: () => (question ? askFirst(button, testid, question, "削除する", run) : run()),
  }, "×");
  const run = async () => {
    const answer = await attempt(errorKey, button, remove);
    if (answer) redraw(answer);
  };
  return button;
}
