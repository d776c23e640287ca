// Builds DOM from data with textContent only: turn text and names are never parsed as HTML.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "testid") el.dataset.testid = value;
    else if (key === "class") el.className = value;
    else if (key === "value") el.value = value;
    else if (key === "checked") el.checked = Boolean(value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/// Appends children, skipping the null/false that conditional parts of a view produce.
export function append(el, ...children) {
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/// Replaces the contents of `root`, keeping the keyboard focus — and the text being typed there —
/// on the control with the same data-testid, so a secretary working by keyboard never loses their
/// place, nor what they typed while the screen was being redrawn.
export function replaceKeepingFocus(root, ...children) {
  const active = document.activeElement;
  const testid = active && root.contains(active) ? active.dataset.testid : null;
  const typing = active && (active.tagName === "TEXTAREA" || (active.tagName === "INPUT" && active.type !== "checkbox"));
  const text = typing ? { value: active.value, start: active.selectionStart, end: active.selectionEnd } : null;
  append(clear(root), ...children);
  if (testid) {
    const again = root.querySelector(`[data-testid="${CSS.escape(testid)}"]`);
    if (!again) return;
    if (text && again.value !== text.value) {
      again.value = text.value;
      again.setSelectionRange(text.start, text.end);
    }
    again.focus();
  }
}

/// `text` with the places the store found marked: `marks` are [first character, character count]
/// in characters (not UTF-16 units), in order (`search::marks`); a mark overlapping the one before
/// is skipped. Answers the parts for `h`/`append`: text and <mark class="{className}">.
export function markedText(text, marks, className) {
  const chars = [...text];
  const parts = [];
  let at = 0;
  for (const [start, length] of marks) {
    if (start < at) continue;
    parts.push(chars.slice(at, start).join(""), h("mark", { class: className }, chars.slice(start, start + length).join("")));
    at = start + length;
  }
  parts.push(chars.slice(at).join(""));
  return parts.filter((p) => p !== "");
}

/// A <select> from [value, label] pairs.
export function select(attrs, options, current) {
  return h("select", attrs, options.map(([value, label]) => h("option", { value, selected: value === current }, label)));
}
