// Fields that save themselves as the secretary leaves them, with the message for a refused value
// shown next to the field. A refused value is never saved; the field keeps what was typed so it
// can be corrected, and Escape puts back the saved value.

import { h } from "./dom.js";
import { onKey } from "./ime.js";
import { keepTyping } from "./drafts.js";
import * as status from "./status.js";

// Keys that step a closed <select> from option to option; WebKitGTK fires `change` at each step.
const STEP_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "PageUp", "PageDown", "Home", "End"]);

/// Calls `commit(value)` once per deliberate choice on a <select>, never per arrow step: a pick
/// from the menu (or any change not made by stepping) commits at once; arrow keys only move
/// through the options, and Enter or leaving the control commits where they stopped; Esc puts back
/// the committed value. `commit` answers false when the store refused, and the choice is undone.
/// Stepping through 出席 → オンライン → 欠席 → 退席 with the arrows used to record each with a time.
export function onChoice(select, commit) {
  let committed = select.value;
  let stepping = false;
  const settle = async () => {
    stepping = false;
    if (select.value === committed) return;
    const before = committed;
    committed = select.value;
    if ((await commit(committed)) === false) {
      committed = before;
      select.value = before;
    }
  };
  onKey(select, (event) => {
    if (STEP_KEYS.has(event.key)) stepping = true;
    else if (event.key === "Enter") { event.preventDefault(); settle(); }
    else if (event.key === "Escape" && select.value !== committed) {
      event.preventDefault();
      event.stopPropagation();
      select.value = committed;
      stepping = false;
    }
  });
  select.addEventListener("change", () => { if (!stepping) settle(); });
  select.addEventListener("blur", settle);
  return select;
}

function errorBox(key) {
  return document.querySelector(`[data-testid="error-${CSS.escape(key)}"]`);
}

/// Shows a refusal under its field (the status pill says what happened); any other error only in
/// the pill — unless `beside` asks for every error under the field (a file to write or read,
/// whose reason the secretary needs where they typed the path).
export function showError(key, control, err, beside = false) {
  const box = errorBox(key);
  if (err && (err.code === "INVALID_INPUT" || beside) && box) {
    box.textContent = err.message;
    if (control) control.setAttribute("aria-invalid", "true");
    status.failed("入力を確かめてください。保存していません。");
  } else {
    status.failed(err && err.message ? err.message : String(err));
  }
}

export function clearError(key, control) {
  const box = errorBox(key);
  if (box) box.textContent = "";
  if (control) control.removeAttribute("aria-invalid");
}

/// Runs a save; on success clears the field's message and reports saved. Answers what the store
/// answered — true for a command that answers nothing (削除: its null read as a failure, and the
/// deleted row stayed on screen) — or null when it refused, with its message shown.
export async function attempt(key, control, action, beside = false) {
  try {
    const answer = await action();
    clearError(key, control);
    status.saved();
    return answer ?? true;
  } catch (err) {
    showError(key, control, err, beside);
    return null;
  }
}

/// Sends what an "add" field holds. The field is emptied at once, so whatever the secretary types
/// while the store answers is kept (the redraw carries the focused field's text over); if the
/// store refuses, the sent text is put back in front of it, with the message.
export async function submitField(input, key, send) {
  const text = input.value;
  input.value = "";
  const answer = await attempt(key, input, () => send(text));
  if (answer === null) input.value = text + input.value;
  else input.clearDraft?.();
  return answer;
}

/// An "add" field (資料名, 件名, 氏名 …) whose typing is kept until it is sent (see drafts.js).
export function addField(input) {
  input.clearDraft = keepTyping(input);
  return input;
}

/// Saves `control` on change (leaving a text field, picking an option — one deliberate choice,
/// see `onChoice`).
export function saveOnChange(control, key, save, onSaved = () => {}) {
  if (control.tagName === "SELECT") {
    return onChoice(control, async (value) => {
      const answer = await attempt(key, control, () => save(value));
      if (answer === null) return false;
      onSaved(answer);
      return true;
    });
  }
  let savedValue = control.type === "checkbox" ? control.checked : control.value;
  // Typing is kept as it is typed, and a crash's unsaved text put back (drafts.js).
  const clearDraft = control.type === "checkbox" ? () => {} : keepTyping(control);
  control.addEventListener("change", async () => {
    // A date the calendar has not (2月30日) leaves a date field empty, which the store would
    // read as no date typed: it is named as what it is, and nothing is saved.
    if (control.validity?.badInput) {
      showError(key, control, { message: "その日付はありません（2月30日など）。年・月・日を確かめてください。" }, true);
      return;
    }
    const value = control.type === "checkbox" ? control.checked : control.value;
    const answer = await attempt(key, control, () => save(value));
    if (answer !== null) {
      savedValue = value;
      clearDraft();
      onSaved(answer);
    }
  });
  // Esc puts back the saved value — not the Esc that cancels an IME conversion.
  onKey(control, (event) => {
    if (event.key === "Escape" && control.type !== "checkbox") {
      control.value = savedValue;
      clearDraft();
      clearError(key, control);
    }
  });
  return control;
}

let nextId = 0;

/// A labelled field with its message area: label | control | message.
export function fieldRow(label, control, key, note) {
  if (!control.id) control.id = `f${++nextId}`;
  return h("div", { class: "field" },
    h("label", { for: control.id }, label),
    h("div", { class: "control" }, control, note ? h("span", { class: "note" }, note) : null),
    h("div", { class: "field-error", testid: `error-${key}`, role: "alert" }));
}

export function errorLine(key) {
  return h("div", { class: "field-error", testid: `error-${key}`, role: "alert" });
}
