// The ↑ ↓ × buttons of an ordered list (agenda, materials, roster, officials). Each runs one
// command; on success the list is redrawn from the saved record it answers with.

import { h } from "./dom.js";
import { attempt } from "./fields.js";

export function moveButtons(prefix, index, count, errorKey, move, redraw) {
  const button = (up) => h("button", {
    class: "icon", testid: `${prefix}-${up ? "up" : "down"}`, disabled: up ? index === 0 : index === count - 1,
    "aria-label": up ? "上へ" : "下へ", title: up ? "上へ" : "下へ",
    onclick: async (e) => {
      const answer = await attempt(errorKey, e.target, () => move(up));
      if (answer) redraw(answer);
    },
  }, up ? "↑" : "↓");
  return [button(true), button(false)];
}

export function removeButton(testid, errorKey, remove, redraw) {
  return h("button", {
    class: "icon danger", testid, "aria-label": "削除", title: "削除",
    onclick: async (e) => {
      const answer = await attempt(errorKey, e.target, remove);
      if (answer) redraw(answer);
    },
  }, "×");
}
