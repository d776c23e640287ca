// Numbers as the core reads them (validate::number in shoki-core): ASCII or full-width digits, as
// a Japanese IME gives them, with spaces around. Used only to prefill a box; the core decides.

const WIDE = "０１２３４５６７８９";

/// The count typed in `value`, or null when it is not a whole number the core would accept.
/// An empty box is `empty` (a vote's blank 棄権 counts as 0 in the core too).
export function parseCount(value, empty = null) {
  const t = value.trim().replace(/[０-９]/g, (d) => String(WIDE.indexOf(d)));
  if (t === "") return empty;
  return /^[0-9]{1,6}$/.test(t) ? Number(t) : null;
}
