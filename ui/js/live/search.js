// Ctrl+F on the live screen: finds the turns holding some words (the core decides what matches),
// marks them in the transcript, and steps through them newest first. Esc closes the bar and
// selects the turn found, so Enter then opens it for correcting.

import { call } from "../host.js";
import { h, markedText } from "../dom.js";
import { onKey } from "../ime.js";

export class TranscriptSearch {
  /// `transcript`: the element holding the rows; `otherwise`: what gets the focus when nothing
  /// was found; `rowOf(id)`: a turn's row, made if the screen had not made it yet.
  constructor(meetingId, transcript, otherwise, rowOf) {
    this.meetingId = meetingId;
    this.transcript = transcript;
    this.otherwise = otherwise;
    this.rowOf = rowOf;
    this.hits = [];
    this.hitSet = new Set();
    this.index = -1;
    this.searchedFor = null;
    this.asking = false; // the store is being asked again after a change (changed)
    this.askAgain = false; // and has changed again meanwhile
    this.input = h("input", { type: "search", testid: "search-input", "aria-label": "記録から探す言葉", placeholder: "探す言葉（空白で区切るとすべてを含む発言）" });
    this.count = h("span", { class: "search-count", testid: "search-count", role: "status" });
    // The Enter that confirms a conversion does not search yet.
    onKey(this.input, (e) => {
      if (e.key === "Enter") { e.preventDefault(); this.next(e.shiftKey ? -1 : 1); }
      else if (e.key === "Escape") { e.preventDefault(); this.close(); }
    });
    this.bar = h("div", { class: "search-bar", testid: "search-bar", hidden: true },
      this.input, this.count,
      h("span", { class: "keys" }, "新しい順に　Enter 次へ　Shift+Enter 前へ　Esc 閉じてその発言を選ぶ（Enter で修正）"));
  }

  open() {
    // Opened again, the count of the last search is not left standing: the record may have
    // changed meanwhile (Enter searches afresh).
    if (this.bar.hidden) this.count.textContent = "";
    this.bar.hidden = false;
    this.input.focus();
    this.input.select();
  }

  /// Opens with words found on 会議一覧, on the turn chosen there.
  async showFound(query, turnId) {
    this.open();
    this.input.value = query;
    await this.next(1);
    const at = this.hits.indexOf(turnId);
    if (at > 0) this.select(at);
  }

  /// Enter: a new query is looked up in the store; the same query again moves to the next hit.
  async next(step) {
    const query = this.input.value;
    if (query !== this.searchedFor) {
      // Said at once: in a long meeting the rows of a far hit take a moment to be made.
      this.count.className = "search-count";
      this.count.textContent = "探しています…";
      let found;
      try {
        found = await call("search_turns", { meetingId: this.meetingId, query });
      } catch (err) {
        this.count.textContent = err.message;
        this.count.className = "search-count error";
        return;
      }
      this.searchedFor = query;
      // Before the first hit going forward, after the last going back (Shift+Enter).
      this.index = step > 0 ? -1 : this.hits.length;
      this.unmark();
      this.hits = newestFirst(found);
      this.hitSet = new Set(this.hits);
      this.wordsAt = new Map(found.map((f) => [f.turn_id, f.marks]));
      this.markMadeRows();
      this.count.className = "search-count";
      this.count.textContent = this.hits.length ? `${this.hits.length}件` : "見つかりません";
    }
    if (this.hits.length > 0) this.select((this.index + step + this.hits.length) % this.hits.length);
  }

  /// Marks hit number `index` as the current one and brings it into view.
  select(index) {
    this.index = index;
    this.transcript.querySelector(".current-hit")?.classList.remove("current-hit");
    const row = this.rowOf(this.hits[this.index]);
    row?.classList.add("current-hit");
    row?.scrollIntoView({ block: "center" });
    this.count.textContent = `${this.hits.length}件中${this.index + 1}件目`;
  }

  close() {
    const found = this.transcript.querySelector(".current-hit");
    this.unmark();
    this.bar.hidden = true;
    this.searchedFor = null;
    (found ?? this.otherwise).focus();
  }

  unmark() {
    this.hitSet = new Set();
    this.wordsAt = new Map();
    for (const row of this.transcript.querySelectorAll(".turn.hit")) row.classList.remove("hit", "current-hit");
    unmarkIn(this.transcript);
  }

  /// Turn `id`'s words have changed since the search: its row is marked as found, its words not.
  forget(id) {
    this.wordsAt?.delete(id);
  }

  /// The record has changed (a turn committed, corrected, split, deleted) while words found are
  /// shown: the store is asked again, once for changes that come together, so a turn typed with
  /// the search open is among the hits and one corrected away from the words is not. The hit
  /// selected stays selected while it is one.
  changed() {
    if (this.searchedFor === null) return;
    if (this.asking) { this.askAgain = true; return; }
    this.asking = true;
    queueMicrotask(() => this.askAfresh());
  }

  async askAfresh() {
    const query = this.searchedFor;
    let found;
    try {
      found = await call("search_turns", { meetingId: this.meetingId, query });
    } catch {
      found = null; // the hits shown stay; the next Enter asks again
    }
    this.asking = false;
    if (this.askAgain) {
      this.askAgain = false;
      this.changed();
      return;
    }
    // Closed, or other words asked for, meanwhile.
    if (found === null || this.searchedFor !== query) return;
    const current = this.hits[this.index];
    this.hits = newestFirst(found);
    this.hitSet = new Set(this.hits);
    this.wordsAt = new Map(found.map((f) => [f.turn_id, f.marks]));
    for (const row of this.transcript.querySelectorAll(".turn.hit")) {
      if (!this.hitSet.has(idOf(row))) {
        row.classList.remove("hit", "current-hit");
        unmarkIn(row);
      }
    }
    this.markMadeRows();
    this.index = this.hits.indexOf(current);
    if (this.index < 0) this.transcript.querySelector(".current-hit")?.classList.remove("current-hit");
    this.count.className = "search-count";
    this.count.textContent = !this.hits.length ? "見つかりません"
      : this.index >= 0 ? `${this.hits.length}件中${this.index + 1}件目` : `${this.hits.length}件`;
  }

  /// Marks the words found in a hit's row, where the store says they are (characters of the
  /// turn's text, which begins the row's words). A row whose text is not the one searched (edited
  /// since) is left unmarked rather than marked in the wrong place.
  markWords(row, id) {
    const marks = this.wordsAt?.get(id);
    const words = row.querySelector(".words");
    const node = words?.firstChild;
    if (!marks?.length || !node || node.nodeType !== Node.TEXT_NODE || words.querySelector("mark.found")) return;
    const length = [...node.data].length;
    if (marks.some(([start, count]) => start + count > length)) return;
    node.replaceWith(...markedText(node.data, marks, "found"));
  }

  /// The classes a row being made takes from the search shown: " hit" for a turn found, else "".
  marks(id) {
    return this.hitSet.has(id) ? " hit" : "";
  }

  /// Marks the hits among the rows made, their words too; the rows not made yet are marked when
  /// they are (marks, markWords). One pass over the rows: a query for each hit's row read the
  /// whole transcript once per hit (a word of every turn, 5,000 rows made: 1.3–1.5 s).
  markMadeRows() {
    for (const row of this.transcript.querySelectorAll(".turn")) {
      const id = idOf(row);
      if (!this.hitSet.has(id)) continue;
      row.classList.add("hit");
      this.markWords(row, id);
    }
  }
}

/// The turns found (`search_turns`, in the record's order) newest first, the order they are stepped
/// through: the record grows at its end, where the screen stands, and the rows of a long meeting
/// are made from the end up — the oldest first made every row of a 4,000-turn meeting for a common
/// word, the screen still for seconds.
function newestFirst(found) {
  return found.map((f) => f.turn_id).reverse();
}

/// The turn id of a row (`turn-12` → 12; NaN for a row being saved).
function idOf(row) {
  return Number(row.dataset.testid.slice(5));
}

/// Takes the words' marks out of `el`, leaving the words as they were.
function unmarkIn(el) {
  for (const mark of el.querySelectorAll("mark.found")) {
    const words = mark.parentElement;
    mark.replaceWith(mark.textContent);
    words.normalize();
  }
}
