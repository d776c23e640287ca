// 会議の記録 (the live screen): agenda on the left, the transcript grouped under agenda headings in
// the middle, the input at the bottom with the current speaker shown large. Everything a secretary
// needs is on a key (listed on screen). Turns are appended one row at a time: the transcript is
// never redrawn per keystroke.

import { call } from "../host.js";
import { h, clear, append, select } from "../dom.js";
import { ignoringIme, onKey } from "../ime.js";
import { parseCount } from "../numbers.js";
import { ATTENDANCE, attendanceLabel, eraDate, quorumLine, roleMark, titles } from "../labels.js";
import * as status from "../status.js";
import { onChoice } from "../fields.js";
import { keepTyping, openScope } from "../drafts.js";
import { duration, hhmm, hhmmOn, hms, onDay, parseLocal } from "../live/clock.js";
import { chime, chimeEnabled, setChime } from "../live/chime.js";
import { TranscriptSearch } from "../live/search.js";

/// How a decision is taken (the core's VoteMethod), with the notes it puts in the record.
const VOTE_METHODS = [
  ["hands", "挙手", "（賛成者挙手）（反対者挙手）"],
  ["standing", "起立", "（賛成者起立）（反対者起立）"],
  ["no_objection", "異議なし", "（「異議なし」の声あり）"],
];
/// What Mozc types for z and a key (its shortcuts for arrows and marks), read back as the key.
const MOZC_Z_KEYS = { "←": "zh", "↓": "zj", "↑": "zk", "→": "zl", "…": "z.", "‥": "z,", "・": "z/", "〜": "z-", "『": "z[", "』": "z]" };
const SPEAKERS = [
  // Labelled in the meeting's own words (its format's titles, 区側 or 事務局): see speakerLabel.
  ["chair", null, "1"],
  ["vice_chair", null, "2"],
  ["member", null, "3"],
  ["official", null, "4"],
  ["none", "ト書きのみ", "5"],
];
// Every key handler here goes through the one key layer (ui/js/ime.js: onKey, ignoringIme): a key
// of a composing IME never acts as a command. Who speaks next is the core's rule (suggest_speaker).
const DRAFT_DELAY_MS = 250; // after the last keystroke
const DRAFT_MAX_WAIT_MS = 500; // while typing without a pause
const COMMIT_KEY = "shoki.commitKey"; // "enter" or "ctrl-enter"
const CHAIR_MONITOR_KEY = "shoki.chairMonitor"; // the monitor's name, from list_monitors
const HISTORY_KEY = "shoki.history."; // + meeting id: the undo and redo stacks of this run
/// What F7 puts into the chair's call, step by step, by the way the call asks (起立を求めます,
/// 御異議ございませんか, or a show of hands); the panel then opens on that method.
const CALL_NOTES = {
  hands: ["（賛成者挙手）", "（反対者挙手）"],
  standing: ["（賛成者起立）", "（反対者起立）"],
  no_objection: ["（「異議なし」の声あり）"],
};
/// Words ending in a call for a vote (hands, standing, objections: 「…挙手をお願いいたします。」,
/// 「…起立を求めます。」, 「御異議ございませんか。」): F7 puts the notes into them whoever the box says
/// is speaking — a wrongly guessed speaker must not put the hands before the call. Words that only
/// mention them (「異議申立てについて…以上です。」) are not a call.
const CALLS_A_VOTE = /((挙手|起立)[^。]*(お願い|求め|願)[^。]*|異議[^。]*(ございません|ありません)か)[。？?]?\s*$/;
/// Words since the last note that ask for hands or standing again (「もう一度、賛成の方、挙手を…」),
/// not words after the hands (「賛成多数と認めます。」).
const CALLS_AGAIN = /挙手|起立/;
/// Which of the method's notes the words typed since the last note ask for, by the side named
/// last (the call ends the words): 「…反対の方…」 the second, 「…賛成の方…」 the first; words naming
/// neither go on from the notes already put in (`step`).
const askedStep = (tail, step) => {
  const [yes, no] = [tail.lastIndexOf("賛成"), tail.lastIndexOf("反対")];
  return yes < 0 && no < 0 ? step : no > yes ? 1 : 0;
};
/// The method the chair's words call for.
/// A call naming 起立 is a standing vote even when it speaks of 異議 (「ご異議がありますので、起立により…」).
const calledMethod = (words) => (/起立/.test(words) ? "standing" : /異議/.test(words) ? "no_objection" : "hands");
// Rows are kept in chunks that are laid out on their own (app.css), so a turn added to a long
// transcript lays out one chunk instead of every row of its agenda entry: with 1,500 rows under
// one entry, ~1 ms instead of ~10 ms (`make bench` compares 10 and 1,300 turns).
const ROWS_PER_CHUNK = 50;
// A long meeting opens on its newest rows: the older ones are made when the secretary scrolls up
// to them (or a search, a correction or Ctrl+Z reaches one), so opening an all-day session of
// 5,000 turns lays out 200 rows, not 5,000, and the web process holds only the rows looked at.
const ROWS_AT_OPEN = 200;
const ROWS_PER_STEP = 200;
const ROWS_AHEAD_PX = 2000; // rows are made before the scrolling reaches them

/// What Ctrl+Z puts a turn back to (the core's TurnState).
/// 到着 14:05・退席 15:31, as far as recorded during the meeting.
function attendanceTimes(a) {
  const parts = [];
  if (a.arrived_at) parts.push(`到着 ${hhmm(a.arrived_at)}`);
  if (a.left_at) parts.push(`退席 ${hhmm(a.left_at)}`);
  return parts.join("・");
}

/// Said on the roll call when the meeting's 開催日 is not today's date: the minutes print that
/// date beside the times it opens and closes (a meeting dated 2016 opened today printed
/// 「平成28年6月2日（木）午前4時29分から」). Nothing is refused: a meeting may well be held on
/// another day than planned; the date is corrected on the preparation screen.
function notToday(m) {
  if (onDay(m.held_on, new Date())) return null;
  return h("p", { class: "field-error", testid: "held-on-not-today" },
    `開催日は${eraDate(m.date_text)}で、今日ではありません。会議録にはこの開催日が載ります。違っていれば「会議の準備に戻る」で開催日を直してから開会してください。`);
}

function stateOf(turn, deleted = turn.deleted) {
  return {
    id: turn.id, speaker: turn.speaker, text: turn.text, agenda_entry_id: turn.agenda_entry_id, ended_at: turn.ended_at, deleted,
    who: turn.member_id ?? turn.official_id ?? null,
  };
}

let page = null;

/// `find` and `turn`: words found on 会議一覧 and the turn chosen there, shown found.
export async function showLive(root, go, { id, find, turn }) {
  if (page) page.stop();
  const [meeting, turns, draft, phrases] = await Promise.all([
    call("get_meeting", { meetingId: id }),
    call("get_transcript", { meetingId: id }),
    call("get_draft", { meetingId: id }),
    call("list_phrases", { meetingId: id }),
  ]);
  const unsaved = await openScope(`live:${id}`);
  page = new LivePage(root, go, meeting, turns, draft, phrases);
  page.render();
  // Corrections typed and not saved before a crash come back when their row is opened again.
  const pending = unsaved.filter((key) => key.includes("/edit-text-"));
  if (pending.length) status.info(`保存されていない修正が${pending.length}件あります。その発言の行で Enter を押すと、入力していた内容が戻ります。`);
  if (find) await page.search?.showFound(find, turn);
}

/// Stops the clock when another view takes over.
export function leaveLive() {
  if (page) page.stop();
  page = null;
}

class LivePage {
  constructor(root, go, meeting, turns, draft, phrases) {
    Object.assign(this, { root, go, m: meeting, turns: new Map(turns.map((t) => [t.id, t])), phrases });
    this.order = turns.map((t) => t.id);
    this.draft = draft;
    this.speaker = draft ? draft.speaker : "chair";
    // The agenda entry the words in the box began under: they are filed there, whatever F8 did
    // before Enter (the store's draft knows it too).
    this.turnEntry = draft ? draft.agenda_entry_id : null;
    this.queue = Promise.resolve(); // store writes of this screen, in the order they were made
    // Ctrl+Z / Ctrl+Shift+Z: kept for the meeting while Shoki runs, so leaving the screen (to the
    // export, the settings) and coming back keeps them.
    const history = JSON.parse(sessionStorage.getItem(`${HISTORY_KEY}${meeting.id}`) || "null");
    this.undo = history ? history.undo : [];
    this.redo = history ? history.redo : [];
    this.draftTimer = null;
    this.speakerAsked = 0; // counts preselections and choices: a late answer never overrides a choice
    this.voteSteps = new Map(); // entry id → { method, step }: the notes typed into the chair's call so far (F7)
    this.lastDraftAt = 0;
    this.firing = false;
  }

  stop() {
    clearInterval(this.tick);
    clearTimeout(this.draftTimer);
    this.unlistenGlobal?.();
  }

  speakerLabel(key) {
    const s = SPEAKERS.find(([k]) => k === key);
    return s ? (s[1] ?? titles(this.m.council)[key]) : key;
  }

  /// Runs store writes one after another, so a draft save can never land after the commit
  /// that consumed it.
  enqueue(fn) {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => {});
    return next;
  }

  // ---------------------------------------------------------------- drawing

  render() {
    this.stop();
    this.tick = setInterval(() => this.everySecond(), 1000);
    const m = this.m;
    if (m.status === "preparing") {
      append(clear(this.root), this.rollCall());
      // The roll call is the next thing done: the first member's 出欠 has the keyboard.
      this.root.querySelector("[data-testid^=rollcall-]")?.focus();
      return;
    }
    this.transcriptEl = h("div", { class: "transcript", testid: "transcript" });
    this.agendaEl = h("nav", { class: "live-agenda", testid: "live-agenda" });
    this.input = h("textarea", {
      testid: "turn-input", class: "turn-input", rows: 3, "aria-label": "発言の入力",
      placeholder: m.status === "in_session" ? "発言を入力して Enter で確定（Shift+Enter で改行）" : "閉会しました。発言の修正は記録の行を選んで行います。",
      disabled: m.status !== "in_session",
    });
    // After 閉会 the box is closed: it shows no words that would not be recorded.
    this.input.value = this.draft && m.status === "in_session" ? this.draft.text : "";
    onKey(this.input, (e) => this.onInputKey(e));
    this.input.addEventListener("input", () => { this.noteTurnEntry(); this.scheduleDraft(); });
    this.speakerEl = h("div", { class: "current-speaker", testid: "current-speaker", "aria-live": "polite" });
    this.turnEntryEl = h("div", { class: "turn-entry-note", testid: "turn-entry-note", "aria-live": "polite", hidden: true });
    // Which member or official it was: optional, kept in the record (Alt+W to pick).
    this.whoEl = h("select", { class: "speaker-who", testid: "speaker-who", "aria-label": "発言した人（任意）", tabindex: -1 });
    onKey(this.whoEl, (e) => {
      if (e.key === "Enter" || e.key === "Escape") { e.preventDefault(); this.input.focus(); }
    });
    this.ventEl = h("div", { class: "ventilation-banner", testid: "ventilation-banner", role: "status", hidden: true });
    this.recessEl = h("div", { class: "recess-banner", testid: "recess-banner", role: "status", hidden: true });
    this.recessListEl = h("div", { class: "note recess-list", testid: "recess-list", hidden: true });
    this.quorumEl = h("div", { class: "quorum", testid: "quorum-status" });
    this.notePicker = h("div", { class: "note-picker", testid: "note-picker", hidden: true });
    this.votePanel = h("div", { class: "vote-panel", testid: "vote-panel", hidden: true });
    this.transcriptEl.addEventListener("scroll", () => this.makeRowsAhead(), { passive: true });
    // A banner appearing above it (換気, 休憩) or the box growing makes the record shorter: its
    // newest row stays in view (unless the secretary had scrolled up to read).
    new ResizeObserver(() => this.scrollToEnd(false)).observe(this.transcriptEl);
    this.search = new TranscriptSearch(m.id, this.transcriptEl, this.input, (id) => this.rowOf(id));

    append(clear(this.root),
      h("div", { class: "live" },
        this.header(),
        this.ventEl,
        this.recessEl,
        this.recessListEl,
        h("div", { class: "live-body" },
          h("aside", { class: "live-side" }, this.agendaEl, this.phraseList()),
          h("section", { class: "live-main" }, this.search.bar, this.transcriptEl)),
        h("footer", { class: "live-input" },
          h("div", { class: "speakers" }, this.speakerButtons()),
          h("div", { class: "input-row" }, h("div", { class: "speaker-box" }, this.speakerEl, this.whoEl, this.turnEntryEl), this.input, this.notePicker, this.votePanel),
          h("div", { class: "keys-row" },
            h("div", { class: "keys", testid: "key-help" }, this.keyHelp()),
            h("label", { class: "note" },
              h("input", { type: "checkbox", testid: "commit-ctrl-enter", tabindex: -1, checked: localStorage.getItem(COMMIT_KEY) === "ctrl-enter",
                onchange: (e) => {
                  localStorage.setItem(COMMIT_KEY, e.target.checked ? "ctrl-enter" : "enter");
                  this.root.querySelector('[data-testid="key-help"]').replaceChildren(...this.keyHelp());
                  this.input.focus();
                } }),
              " Ctrl+Enterで確定（Enterは改行）")))));
    this.drawAgenda();
    this.drawTranscript();
    this.drawSpeaker();
    this.drawMonitorChoice(this.monitorSlot);
    this.drawQuorum();
    this.everySecond();
    this.unlistenGlobal = onKey(document, (e) => this.onGlobalKey(e));
    if (!this.input.disabled) this.input.focus();
    // After 閉会 corrections go by the rows: the last one has the focus (↑ ↓ Enter).
    else this.lastRow()?.focus();
  }

  header() {
    const m = this.m;
    this.clockEl = h("span", { testid: "clock" });
    this.elapsedEl = h("span", { testid: "elapsed" });
    this.nextVentEl = h("span", { testid: "next-ventilation" });
    const soundBox = h("input", { type: "checkbox", testid: "chime-toggle", checked: chimeEnabled(), onchange: (e) => setChime(e.target.checked) });
    return h("div", { class: "live-head" },
      h("div", { class: "live-title" }, h("strong", {}, m.title),
        h("span", { class: "note" }, ` 開会 ${hhmmOn(m.opened_at, new Date())}`, m.closed_at ? `　閉会 ${hhmmOn(m.closed_at, new Date())}` : "")),
      h("div", { class: "live-clocks" },
        h("span", { class: "big" }, this.clockEl),
        h("span", {}, "経過 ", this.elapsedEl),
        h("span", {}, "次の換気 ", this.nextVentEl),
        h("label", { class: "note" }, soundBox, " 音")),
      this.quorumEl,
      h("div", { class: "live-actions" },
        h("button", { class: "secondary", testid: "toggle-attendance", onclick: () => this.toggleAttendance() }, "出欠（F6）"),
        m.status === "in_session" ? h("button", { class: "secondary", testid: "open-vote", onclick: () => this.openVote() }, "採決（F7）") : null,
        h("button", { class: "secondary", testid: "open-chair", onclick: () => this.openChair(false) }, "議長画面（F10）"),
        h("button", { class: "secondary", testid: "chair-fullscreen", onclick: () => this.openChair(true) }, "議長画面の全画面を切り替え"),
        this.monitorSlot = h("span", { class: "monitor-choice" }),
        h("button", { class: "secondary", testid: "go-prep", title: "会場・出席者の表記・会議次第の追加や件名の訂正", onclick: () => this.go("meeting", { id: m.id }) }, "表紙と会議次第"),
        h("button", { class: "secondary", testid: "go-export", onclick: () => this.go("export", { id: m.id }) }, "会議録を書き出す"),
        m.status === "in_session"
          ? h("button", { class: "danger", testid: "close-meeting", onclick: (e) => this.askClose(e.target) }, "閉会")
          : null),
      this.attendancePanel = h("div", { class: "attendance-panel", testid: "attendance-panel", hidden: true }));
  }

  speakerButtons() {
    return SPEAKERS.map(([key, , digit]) => h("button", {
      class: "speaker-button", testid: `speaker-${key}`, tabindex: -1,
      onclick: () => { this.setSpeaker(key); this.input.focus(); },
    }, `Alt+${digit} ${this.speakerLabel(key)}`));
  }

  keyHelp() {
    const commit = localStorage.getItem(COMMIT_KEY) === "ctrl-enter" ? "Ctrl+Enter" : "Enter";
    return [
      `${commit} 確定`, commit === "Enter" ? "Shift+Enter 改行" : "Enter 改行", "Alt+W 発言した人", "F2 （資料により説明）＋計測", "F3 ト書き", "F7 採決", "F10 議長画面",
      ";キー Tab 定型文", "F8 次の議題", "F9 換気を確認", "F4 休憩・再開", "F6 出欠", "Ctrl+F 検索", "Ctrl+Z 取り消し・Ctrl+Shift+Z やり直し（入力欄が空のとき）", "Alt+↑ 記録の行を選ぶ",
    ].map((t) => h("span", {}, t));
  }

  phraseList() {
    const phrases = this.phrases.filter((p) => p.kind === "phrase");
    return h("div", { class: "phrases", testid: "phrase-list" },
      h("h3", {}, "定型文（;キー と Tab）"),
      h("ul", {}, phrases.map((p) => h("li", { testid: `phrase-${p.key}`, title: p.expanded }, h("code", {}, `;${p.key}`), " ", p.text))));
  }

  drawSpeaker() {
    this.speakerEl.textContent = this.speakerLabel(this.speaker);
    this.speakerEl.dataset.speaker = this.speaker;
    const people = this.speaker === "official"
      ? this.m.officials.filter((o) => o.attending).map((o) => [String(o.official_id), o.title])
      : this.speaker === "none" ? []
      : this.m.attendance.filter((a) => a.status !== "absent").map((a) => [String(a.member_id), a.name]);
    const keep = this.whoEl.dataset.speaker === this.speaker ? this.whoEl.value : "";
    this.whoEl.replaceChildren(...[["", "（指定なし）"], ...people].map(([v, label]) => h("option", { value: v, selected: v === keep }, label)));
    this.whoEl.dataset.speaker = this.speaker;
    this.whoEl.disabled = people.length === 0;
    for (const b of this.root.querySelectorAll(".speaker-button")) {
      b.classList.toggle("active", b.dataset.testid === `speaker-${this.speaker}`);
    }
  }

  drawQuorum() {
    const m = this.m;
    this.quorumEl.textContent = quorumLine(m);
    this.quorumEl.classList.toggle("lost", !m.quorum_met);
    const lost = this.root.querySelector('[data-testid="quorum-lost"]');
    if (!m.quorum_met && !lost) {
      this.quorumEl.after(h("div", { class: "quorum-lost", testid: "quorum-lost", role: "alert" }, "定足数に達していません"));
    } else if (m.quorum_met && lost) {
      lost.remove();
    }
  }

  entries() {
    // The entries turns are recorded under, with their headings as the minutes will show them.
    const out = [];
    for (const s of this.m.agenda) {
      if (s.items.length === 0) out.push({ id: s.id, section: s, heading: `${s.number} ${s.title}`, entry: s });
      for (const i of s.items) out.push({ id: i.id, section: s, heading: `（${i.number}）${i.title}`, entry: i });
    }
    return out;
  }

  drawAgenda() {
    const current = this.m.current_entry_id;
    const rows = [];
    for (const s of this.m.agenda) {
      const leaf = s.items.length === 0;
      rows.push(this.agendaRow(s, `${s.number}`, s.title, leaf, current, "section"));
      for (const i of s.items) rows.push(this.agendaRow(i, `（${i.number}）`, i.title, true, current, "item"));
    }
    append(clear(this.agendaEl), h("h3", {}, "会議次第（F8で次へ）"), h("ol", {}, rows));
    // The chair glances here for where the meeting is: the current item stays in view.
    this.agendaEl.querySelector("li.current")?.scrollIntoView({ block: "nearest" });
  }

  agendaRow(entry, number, title, leaf, current, kind) {
    const isCurrent = entry.id === current;
    const done = Boolean(entry.finished_at) && !isCurrent;
    const times = entry.started_at ? `${hhmm(entry.started_at)}–${hhmm(entry.finished_at)}` : "";
    const label = [h("span", { class: "mark" }, isCurrent ? "▶" : done ? "✓" : ""), h("span", { class: "num" }, number), h("span", { class: "title" }, title), h("span", { class: "times" }, times)];
    return h("li", { class: `${kind}${isCurrent ? " current" : ""}${done ? " done" : ""}`, "aria-current": isCurrent ? "step" : null, testid: isCurrent ? "agenda-current" : null },
      leaf && this.m.status === "in_session"
        ? h("button", { class: "agenda-jump", testid: `live-agenda-${entry.id}`, tabindex: -1, onclick: () => this.jump(entry.id) }, label)
        : h("div", { class: "agenda-jump" }, label));
  }

  drawTranscript() {
    const groups = new Map();
    const sections = new Set();
    const blocks = [];
    // The record shows the past: items not yet reached are folded away (their headings would push
    // the latest turns off the screen), and unfold when the meeting comes to them.
    const held = new Set(this.order.map((id) => this.turns.get(id).agenda_entry_id));
    const reached = (e) => Boolean(e.entry.started_at) || e.id === this.m.current_entry_id || held.has(e.id);
    for (const e of this.entries()) {
      if (!sections.has(e.section.id) && e.section.items.length > 0) {
        sections.add(e.section.id);
        const any = e.section.items.some((i) => reached({ id: i.id, entry: i }));
        blocks.push(h("h2", { class: `section-heading${any ? "" : " future"}`, "data-section": e.section.id }, `${e.section.number} ${e.section.title}`));
      }
      const rows = h("div", { class: "rows" });
      groups.set(e.id, rows);
      blocks.push(h("section", { class: `entry${reached(e) ? "" : " future"}`, testid: `transcript-entry-${e.id}`, "data-section": e.section.id },
        h(e.section.items.length > 0 ? "h3" : "h2", { class: "entry-heading" }, e.heading), rows));
    }
    this.groups = groups;
    this.orphans = h("div", { class: "rows" });
    blocks.push(h("section", { class: "entry" }, this.orphans));
    append(clear(this.transcriptEl), blocks);
    // The rows as the screen shows them (entry by entry, each in the record's order); only the
    // last ROWS_AT_OPEN are made now, the rest wait in `unmade` (see makeRows).
    const byGroup = new Map([...groups.values(), this.orphans].map((g) => [g, []]));
    for (const id of this.order) byGroup.get(this.groupOf(this.turns.get(id).agenda_entry_id)).push(id);
    const shown = [...byGroup.values()].flat();
    const cut = Math.max(0, shown.length - ROWS_AT_OPEN);
    this.unmade = shown.slice(0, cut);
    for (const id of shown.slice(cut)) {
      const turn = this.turns.get(id);
      this.appendRow(this.groupOf(turn.agenda_entry_id), this.rowFor(turn));
    }
    this.scrollToEnd(true);
  }

  /// Makes the rows of `this.unmade` from index `from` on (0 ≤ from ≤ its length). Each goes at
  /// the top of its entry's rows: an entry's unmade rows always come before its made ones (a turn
  /// put among them makes them first: placeRow). What is on screen stays where it was.
  makeRows(from) {
    const ids = this.unmade.splice(from);
    if (ids.length === 0) return;
    const t = this.transcriptEl;
    const fromBottom = t.scrollHeight - t.scrollTop;
    const byGroup = new Map();
    for (const id of ids) {
      const group = this.groupOf(this.turns.get(id).agenda_entry_id);
      if (!byGroup.has(group)) byGroup.set(group, []);
      byGroup.get(group).push(this.rowFor(this.turns.get(id)));
    }
    for (const [group, rows] of byGroup) {
      const chunks = [];
      for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) chunks.push(h("div", { class: "chunk" }, rows.slice(i, i + ROWS_PER_CHUNK)));
      group.prepend(...chunks);
    }
    t.scrollTop = t.scrollHeight - fromBottom;
  }

  /// Makes the next ROWS_PER_STEP older rows.
  makeOlderRows() {
    this.makeRows(Math.max(0, this.unmade.length - ROWS_PER_STEP));
  }

  /// Makes older rows once the scrolling comes near them.
  makeRowsAhead() {
    if (this.unmade.length > 0 && this.transcriptEl.scrollTop < ROWS_AHEAD_PX) this.makeOlderRows();
  }

  rowFor(turn) {
    const text = turn.kind === "note" && turn.minutes ? `${turn.text}（約${turn.minutes}分）` : turn.text;
    const row = h("div", {
      class: `turn ${turn.kind}${turn.deleted ? " deleted" : ""}${this.search?.marks(turn.id) ?? ""}`, testid: `turn-${turn.id}`, tabindex: 0,
      "data-saved": "true",
      onkeydown: ignoringIme((e) => this.onRowKey(e, turn.id)),
      ondblclick: () => this.editRow(turn.id),
    },
      h("div", { class: "speaker", testid: `turn-speaker-${turn.id}` }, turn.speaker_label,
        turn.who ? h("small", { class: "who" }, turn.who) : null),
      h("div", { class: "words", testid: `turn-text-${turn.id}` }, text,
        turn.damaged ? h("small", { class: "damaged", testid: `turn-damaged-${turn.id}` }, "（記録ファイルの一部が壊れていたため、読めない文字を � で表示しています。正しい文言に直してください）") : null),
      h("div", { class: "when" }, turn.timed && !turn.ended_at ? "計測中" : hhmm(turn.started_at),
        turn.deleted ? h("button", { class: "link", testid: `restore-turn-${turn.id}`, onclick: () => this.restore(turn.id) }, "元に戻す") : null));
    if (this.search?.hitSet.has(turn.id)) this.search.markWords(row, turn.id);
    return row;
  }

  /// The row of turn `id`, made first if it was not yet (null for a turn not in the record).
  rowOf(id) {
    const at = this.unmade.indexOf(id);
    if (at >= 0) this.makeRows(at);
    return this.transcriptEl.querySelector(`[data-testid="turn-${id}"]`);
  }

  /// Where the rows of an agenda entry go; turns of no entry go in the group after the agenda's.
  groupOf(entryId) {
    return this.groups.get(entryId) ?? this.orphans;
  }

  appendRow(group, row) {
    let chunk = group.lastElementChild;
    if (!chunk || chunk.childElementCount >= ROWS_PER_CHUNK) chunk = group.appendChild(h("div", { class: "chunk" }));
    chunk.append(row);
  }

  /// Unfolds an agenda entry (and its section's heading) once the meeting reaches it or a turn is
  /// put under it.
  reveal(entryId) {
    const entry = this.transcriptEl.querySelector(`[data-testid="transcript-entry-${entryId}"]`);
    if (!entry || !entry.classList.contains("future")) return;
    entry.classList.remove("future");
    this.transcriptEl.querySelector(`.section-heading[data-section="${entry.dataset.section}"]`)?.classList.remove("future");
  }

  /// Puts a turn's row under its agenda entry, replacing an earlier row of the same turn.
  placeRow(turn) {
    this.search?.changed(); // its words may be found now, or no longer
    this.reveal(turn.agenda_entry_id);
    const old = this.rowOf(turn.id);
    // A row made again has words the search did not see (corrected, split, merged): the places
    // it marked in them would be the wrong ones.
    if (old) this.search?.forget(turn.id);
    const row = this.rowFor(turn);
    const group = this.groupOf(turn.agenda_entry_id);
    if (old) {
      if (old.closest(".rows") === group) {
        old.replaceWith(row);
        return row;
      }
      old.remove();
    }
    // The common case during a meeting: the newest turn goes at the end, at no cost.
    if (this.order[this.order.length - 1] === turn.id) {
      this.appendRow(group, row);
      return row;
    }
    // Keep the record's order: insert before the first row that comes later, once the entry's
    // unmade rows are made (they would otherwise go above a row they come after).
    const first = this.unmade.findIndex((id) => this.groupOf(this.turns.get(id).agenda_entry_id) === group);
    if (first >= 0) this.makeRows(first);
    const position = new Map(this.order.map((id, i) => [id, i]));
    const index = position.get(turn.id);
    const later = [...group.querySelectorAll(".turn[data-saved]")].find((r) => position.get(Number(r.dataset.testid.slice(5))) > index);
    if (later) later.before(row);
    else this.appendRow(group, row);
    return row;
  }

  scrollToEnd(force) {
    const t = this.transcriptEl;
    if (force || t.scrollHeight - t.scrollTop - t.clientHeight < 200) t.scrollTop = t.scrollHeight;
  }

  // ---------------------------------------------------------------- the clock and ventilation

  everySecond() {
    if (!this.clockEl) return;
    const now = new Date();
    this.clockEl.textContent = hms(now);
    const opened = parseLocal(this.m.opened_at);
    const closed = parseLocal(this.m.closed_at);
    this.elapsedEl.textContent = opened ? duration((closed ?? now) - opened) : "—";
    const due = parseLocal(this.m.next_reminder_at);
    if (due && now >= due && !this.firing) this.fireReminder();
    for (const row of this.transcriptEl?.querySelectorAll(".turn.note .when") ?? []) {
      if (row.textContent.startsWith("計測中")) {
        const turn = this.turns.get(Number(row.parentElement.dataset.testid.slice(5)));
        if (turn) row.textContent = `計測中 ${duration(now - parseLocal(turn.started_at))}`;
      }
    }
    this.drawVentilation();
    this.drawRecess();
  }

  async fireReminder() {
    this.firing = true;
    try {
      this.m = await this.enqueue(() => call("fire_reminder", { meetingId: this.m.id }));
      chime();
      this.drawVentilation();
    } catch (err) {
      status.failed(err.message);
    } finally {
      this.firing = false;
    }
  }

  pendingReminder() {
    return this.m.reminders.find((r) => !r.acknowledged_at);
  }

  /// The banner of the reminder waiting for F9, and when the next falls due: drawn each second and
  /// as soon as one has fired (the next was read from the meeting before it for up to a second).
  drawVentilation() {
    const now = new Date();
    const due = parseLocal(this.m.next_reminder_at);
    this.nextVentEl.textContent = due ? `${hhmmOn(this.m.next_reminder_at, now)}（あと${duration(due - now)}）` : "—";
    const r = this.pendingReminder();
    this.ventEl.hidden = !r;
    const missed = r && r.missed > 1 ? `　※この間に${r.missed}回分の換気の時刻が過ぎています` : "";
    if (r) this.ventEl.textContent = `換気の時間です（${hhmmOn(r.due_at, now)}）。F9 で確認すると、${titles(this.m.council).chair}の案内文を入力欄に入れます。${missed}`;
  }

  /// The recess under way, if any (the last one, not yet resumed).
  openRecess() {
    const r = this.m.recesses?.at(-1);
    return r && !r.ended_at ? r : null;
  }

  drawRecess() {
    const now = new Date();
    const r = this.openRecess();
    this.recessEl.hidden = !r;
    if (r) this.recessEl.textContent = `休憩中（${hhmmOn(r.started_at, now)}から）。再開したら F4 を押してください。`;
    // Every recess recorded, so one pressed by mistake is seen (and Ctrl+Z takes the last back).
    const taken = this.m.recesses ?? [];
    this.recessListEl.hidden = taken.length === 0;
    this.recessListEl.textContent = taken.length
      ? `休憩の記録：${taken.map((x) => `${hhmmOn(x.started_at, now)}〜${x.ended_at ? hhmmOn(x.ended_at, now) : "（休憩中）"}`).join("、")}（F4 の押し間違いは Ctrl+Z で取り消せます）`
      : "";
  }

  /// F4: 休憩, or 再開 during a recess — recorded now, for the time lines of formats that print
  /// them (午後2時10分休憩). The box keeps the focus and what is typed in it.
  async toggleRecess() {
    const command = this.openRecess() ? "end_recess" : "start_recess";
    try {
      this.m = await this.enqueue(() => call(command, { meetingId: this.m.id }));
      this.drawRecess();
      // F4 pressed by mistake is taken back by Ctrl+Z, as a turn is.
      this.pushUndo({ recess: command });
      status.saved();
    } catch (err) {
      status.failed(err.message);
    }
  }

  async acknowledge() {
    const r = this.pendingReminder();
    if (!r) return;
    this.m = await this.enqueue(() => call("acknowledge_reminder", { reminderId: r.id }));
    this.drawVentilation();
    status.saved();
    const phrase = this.phrases.find((p) => p.key === "kk");
    if (phrase && this.input.value.trim() === "") {
      this.setSpeaker("chair");
      this.input.value = phrase.expanded;
      this.scheduleDraft();
    } else if (phrase) {
      // Someone's words are being typed: the announcement does not go into them, and the
      // secretary is told where it is (it went nowhere, silently).
      status.info("換気を確認しました。入力中の発言があるため案内文は入れていません（確定後に ;kk Tab）。");
    }
  }

  // ---------------------------------------------------------------- keys

  onGlobalKey(e) {
    // Ctrl+Z / Ctrl+Shift+Z act on the record from the empty box or a selected row — never inside
    // a field being typed in, where they undo typing as usual.
    if (e.ctrlKey && (e.key === "z" || e.key === "Z")) {
      const at = document.activeElement;
      const typing = at && (at.tagName === "TEXTAREA" || at.tagName === "INPUT" || at.tagName === "SELECT");
      if (typing && !(at === this.input && this.input.value === "")) return;
      e.preventDefault();
      if (e.shiftKey) this.redoLast(); else this.undoLast();
      return;
    }
    if (e.ctrlKey && (e.key === "f" || e.key === "F")) { e.preventDefault(); this.search?.open(); return; }
    if (e.key === "F6") { e.preventDefault(); this.toggleAttendance(); return; }
    if (e.key === "F9") { e.preventDefault(); this.acknowledge(); return; }
    if (e.key === "F10") { e.preventDefault(); this.openChair(false); return; }
    if (e.key === "ArrowUp" && e.altKey && document.activeElement === document.body) {
      e.preventDefault();
      this.lastRow()?.focus();
      return;
    }
    if (this.m.status !== "in_session") {
      if (e.key === "ArrowUp" && e.altKey) { e.preventDefault(); this.lastRow()?.focus(); }
      return;
    }
    if (e.key === "F8") { e.preventDefault(); this.advance(); return; }
    if (e.key === "F4") { e.preventDefault(); this.toggleRecess(); return; }
    if (e.key === "F7") { e.preventDefault(); this.voteKey(); return; }
    if (e.altKey && (e.key === "w" || e.key === "W")) { e.preventDefault(); this.whoEl.focus(); return; }
    if (e.altKey && /^[1-5]$/.test(e.key)) {
      e.preventDefault();
      this.setSpeaker(SPEAKERS[Number(e.key) - 1][0]);
      this.input.focus();
    }
  }

  onInputKey(e) {
    const ctrlMode = localStorage.getItem(COMMIT_KEY) === "ctrl-enter";
    if (e.key === "Enter" && !e.shiftKey && (ctrlMode ? e.ctrlKey : !e.ctrlKey)) {
      e.preventDefault();
      this.commit();
    } else if (e.key === "Tab" || e.keyCode === 9) {
      // In the turn box Tab only expands a phrase (;zk Tab): it never takes the focus away from
      // the record (Tab then Enter used to leave the screen through the header's link).
      e.preventDefault();
      if (!e.shiftKey) this.expandPhrase();
    } else if (e.key === "F2") {
      e.preventDefault();
      this.addNote("（資料により説明）", true);
    } else if (e.key === "F3") {
      e.preventDefault();
      this.openNotePicker();
    } else if (e.key === "ArrowUp" && e.altKey) {
      e.preventDefault();
      this.lastRow()?.focus();
    }
  }

  /// The last row of the record, where Alt+↑ starts selecting.
  lastRow() {
    const rows = this.transcriptEl.querySelectorAll(".turn[data-saved]");
    return rows.length ? rows[rows.length - 1] : null;
  }

  /// Preselects who speaks next, by the core's rule (core/src/speakers.rs), from what was just
  /// said: 「区から説明をお願いいたします」 makes the next turn and any note the ward's. The answer
  /// takes only if the secretary has not picked a speaker since.
  preselect(after, speaker = "", text = "") {
    const asked = ++this.speakerAsked;
    call("suggest_speaker", { after, speaker, text })
      .then((next) => { if (asked === this.speakerAsked) this.setSpeaker(next, false); })
      .catch(() => {});
  }

  setSpeaker(key, chosen = true) {
    if (chosen) this.speakerAsked++;
    this.speaker = key;
    this.drawSpeaker();
    if (this.input.value.trim()) this.scheduleDraft();
  }

  /// ";zk" at the end of the input, then Tab: the phrase, filled in for the current item.
  expandPhrase() {
    // With the IME on, ;gj arrives as ；ｇｊ (full width: folded back here) and Mozc turns z+h/j/k/l
    // into arrows (；↑ is ;zk). Romaji it converts (;ar → ；あｒ) cannot be read back: the message
    // says to type the key with the IME off.
    const match = this.input.value.match(/[;；]([^\s;；]+)$/);
    if (!match) return false;
    const key = [...match[1]].map((c) => MOZC_Z_KEYS[c] ?? c).join("").normalize("NFKC").toLowerCase();
    if (!/^[a-z0-9]+$/.test(key)) {
      status.failed("定型文のキーは半角英数字で入力してください（日本語入力をオフにして ;zk の後に Tab）。");
      return true;
    }
    const phrase = this.phrases.find((p) => p.kind === "phrase" && p.key === key);
    if (!phrase) {
      status.failed(`定型文「;${key}」はありません。左の一覧のキーを使ってください。`);
      return true;
    }
    const before = this.input.value.slice(0, -match[0].length);
    // The stock phrases are the chair's; one typed into an empty box starts a turn of the chair.
    if (before.trim() === "") this.setSpeaker("chair");
    this.input.value = before + phrase.expanded;
    this.scheduleDraft();
    return true;
  }

  // ---------------------------------------------------------------- saving

  /// Remembers the item current when the box's first character was typed, and says so on screen
  /// when the meeting has moved on since (F8 pressed before Enter).
  noteTurnEntry() {
    if (this.input.value.trim() === "") this.turnEntry = null;
    else if (this.turnEntry === null) this.turnEntry = this.m.current_entry_id;
    const elsewhere = this.turnEntry !== null && this.turnEntry !== this.m.current_entry_id;
    this.turnEntryEl.hidden = !elsewhere;
    this.turnEntryEl.textContent = elsewhere
      ? `この発言は「${this.entries().find((e) => e.id === this.turnEntry)?.heading ?? ""}」に記録します`
      : "";
  }

  scheduleDraft() {
    clearTimeout(this.draftTimer);
    const waited = Date.now() - this.lastDraftAt;
    const delay = waited > DRAFT_MAX_WAIT_MS ? 0 : DRAFT_DELAY_MS;
    this.draftTimer = setTimeout(() => this.saveDraft(), delay);
  }

  saveDraft() {
    this.draftTimer = null;
    this.lastDraftAt = Date.now();
    const text = this.input.value;
    const speaker = this.speaker;
    return this.enqueue(() => call("save_draft", { meetingId: this.m.id, speaker, text }))
      .then(() => { this.root.dataset.draftSaved = String(Date.now()); })
      .catch((err) => status.failed(`下書きを保存できませんでした: ${err.message}`));
  }

  /// Commits the box's words as a turn. Answers true once they are saved (or when the box is
  /// empty), false when the store refused them: they are back in the box with the message, and
  /// whatever was to follow them (the count, 閉会) must not go before them into the record.
  async commit() {
    const text = this.input.value;
    if (text.trim() === "") return true;
    const speaker = this.speaker;
    const who = this.whoEl.value ? Number(this.whoEl.value) : null;
    clearTimeout(this.draftTimer);
    this.draftTimer = null;
    // The words leave the box at once so the next speaker can be typed; the row says 保存中 until
    // the store has committed it.
    this.input.value = "";
    const entry = this.turnEntry ?? this.m.current_entry_id;
    this.noteTurnEntry();
    const pending = h("div", { class: "turn pending", testid: "turn-pending" },
      h("div", { class: "speaker" }, this.speakerLabel(speaker)), h("div", { class: "words" }, text), h("div", { class: "when" }, "保存中"));
    this.appendRow(this.groupOf(entry), pending);
    // The words are on screen, wholly, in the frame after Enter — before the store has answered.
    this.scrollToEnd(true);
    this.whoEl.value = "";
    this.preselect("speech", speaker, text);
    try {
      const turn = await this.enqueue(() => call("add_turn", { meetingId: this.m.id, speaker, who, text }));
      this.remember(turn);
      // The pending row becomes the saved one in place: one change to a long transcript, not two.
      if (turn.agenda_entry_id === entry) pending.replaceWith(this.rowFor(turn));
      else { pending.remove(); this.placeRow(turn); }
      this.refreshRunningNotes();
      this.pushUndo({ added: turn.id });
      this.scrollToEnd(true);
      status.saved();
      return true;
    } catch (err) {
      pending.remove();
      if (this.input.value.trim() === "") {
        this.input.value = text;
        this.turnEntry = entry;
        this.noteTurnEntry();
        this.setSpeaker(speaker);
      }
      status.failed(err.message);
      return false;
    }
  }

  /// A turn just committed, as the store answered it (the rest of the record's changes come to
  /// placeRow): the search shown, if any, asks again.
  remember(turn) {
    this.search?.changed();
    if (!this.turns.has(turn.id)) {
      // A split inserts right after its source; everything else goes at the end.
      this.order.push(turn.id);
    }
    this.turns.set(turn.id, turn);
  }

  /// A timed note stops when the next turn begins; fetch its measured minutes.
  async refreshRunningNotes() {
    for (const t of this.turns.values()) {
      if (t.timed && !t.ended_at) {
        const all = await call("get_transcript", { meetingId: this.m.id });
        for (const fresh of all.filter((x) => x.timed)) {
          this.turns.set(fresh.id, fresh);
          this.placeRow(fresh);
        }
        return;
      }
    }
  }

  async addNote(text, timed) {
    const speaker = this.speaker === "none" ? "none" : this.speaker;
    try {
      const turn = await this.enqueue(() => call("add_note", { meetingId: this.m.id, speaker, text, timed }));
      await this.refreshRunningNotes();
      this.remember(turn);
      this.placeRow(turn);
      this.pushUndo({ added: turn.id });
      this.scrollToEnd(false);
      if (this.input.value.trim() === "") this.preselect("note", speaker, text);
      status.saved();
    } catch (err) {
      status.failed(err.message);
    }
  }

  openNotePicker() {
    const notes = this.phrases.filter((p) => p.kind === "note");
    const free = h("input", { testid: "note-free", placeholder: "その他のト書き（Enter）", class: "wide" });
    const close = () => { this.notePicker.hidden = true; this.input.focus(); };
    const pick = (text, timed) => { close(); this.addNote(text, timed); };
    append(clear(this.notePicker),
      h("div", { class: "note" }, "数字キーで選ぶ・Esc で閉じる"),
      h("ol", {}, notes.map((n, i) => h("li", {},
        h("button", { testid: `note-option-${i + 1}`, onclick: () => pick(n.text, n.timed) }, `${i + 1} ${n.text}${n.timed ? "（計測）" : ""}`)))),
      free);
    this.notePicker.hidden = false;
    this.notePicker.onkeydown = ignoringIme((e) => {
      if (e.key === "Escape") { e.preventDefault(); close(); }
      else if (e.target !== free && /^[1-9]$/.test(e.key) && notes[Number(e.key) - 1]) {
        e.preventDefault();
        const n = notes[Number(e.key) - 1];
        pick(n.text, n.timed);
      } else if (e.target === free && e.key === "Enter" && free.value.trim()) {
        e.preventDefault();
        pick(free.value, false);
      }
    });
    this.notePicker.querySelector("button")?.focus();
  }

  /// Before the current item changes, the words in the box are saved with the item they began
  /// in (the store's writes run in order, so the draft lands before the move).
  flushDraft() {
    if (this.draftTimer !== null && this.input.value.trim() !== "") {
      clearTimeout(this.draftTimer);
      this.saveDraft();
    }
  }

  async advance() {
    this.flushDraft();
    try {
      this.m = await this.enqueue(() => call("advance_agenda", { meetingId: this.m.id }));
      this.afterAgendaMove();
    } catch (err) {
      status.failed(err.message);
    }
  }

  async jump(entryId) {
    this.flushDraft();
    try {
      this.m = await this.enqueue(() => call("jump_agenda", { meetingId: this.m.id, entryId }));
      this.afterAgendaMove();
    } catch (err) {
      status.failed(err.message);
    }
  }

  async afterAgendaMove() {
    this.reveal(this.m.current_entry_id);
    this.noteTurnEntry();
    if (this.input.value.trim() === "") this.preselect("next_item");
    this.phrases = await call("list_phrases", { meetingId: this.m.id });
    this.drawAgenda();
    status.saved();
    const entry = this.transcriptEl.querySelector(`[data-testid="transcript-entry-${this.m.current_entry_id}"]`);
    if (entry) entry.scrollIntoView({ block: "end" });
    this.input.focus();
  }

  // ---------------------------------------------------------------- votes and the chair's screen

  /// F10: the chair's screen, on the monitor chosen last time on this laptop (or any other than
  /// the secretary's); the shell never puts it full screen over the secretary's own monitor.
  async openChair(fullscreen) {
    try {
      const monitor = localStorage.getItem(CHAIR_MONITOR_KEY);
      const placed = await call("open_chair_window", { meetingId: this.m.id, fullscreen, monitor });
      status.info(placed.message);
    } catch (err) {
      status.failed(err.message);
    }
    this.input.focus();
  }

  /// With more than one monitor, a choice of where the chair's screen goes, remembered here.
  async drawMonitorChoice(slot) {
    let monitors = [];
    try { monitors = await call("list_monitors"); } catch { return; }
    if (monitors.length < 2) return;
    const others = monitors.slice(1);
    const chosen = localStorage.getItem(CHAIR_MONITOR_KEY) ?? others[0];
    const choice = select({ testid: "chair-monitor", "aria-label": "議長画面を出すモニター", tabindex: -1 }, others.map((n) => [n, n]), chosen);
    choice.addEventListener("change", () => { localStorage.setItem(CHAIR_MONITOR_KEY, choice.value); this.input.focus(); });
    slot.replaceChildren(h("label", { class: "note" }, "議長画面のモニター ", choice));
  }

  /// F7: the show of hands on the current item. The eligible count comes from the live
  /// attendance; 反対 follows as the rest until it is typed; the core decides and refuses.
  /// F7, the vote in the order things are said. While the chair's call is being typed
  /// (「賛成の方、挙手をお願いいたします。」), F7 puts （賛成者挙手） into the chair's turn; typed on
  /// (「反対の方…」), F7 puts （反対者挙手）; otherwise it opens the count — as the reference writes
  /// it: the hands inside the chair's turn, the count reported after. Someone else's words in the
  /// box are committed first (they were said before the vote), unless they are a call for it
  /// themselves (the speaker guessed wrong), which gets its notes as the chair's would.
  async voteKey() {
    if (this.m.status !== "in_session") return;
    const entry = this.m.current_entry_id;
    const words = this.input.value.trim();
    const calling = words !== "" && (this.speaker === "chair" || this.speaker === "vice_chair" || CALLS_A_VOTE.test(words));
    const typed = this.voteSteps.get(entry) ?? { method: calledMethod(words), step: 0 };
    // The way of deciding is read from the chair's call when the first note goes in.
    const known = typed.step === 0 && words !== "" ? { method: calledMethod(words), step: 0 } : typed;
    // The words since the last note say which note they ask for (a call made again after an Esc).
    const notes = CALL_NOTES[known.method];
    const lastNote = Math.max(...notes.map((n) => this.input.value.lastIndexOf(n)));
    const tail = lastNote >= 0 ? this.input.value.slice(lastNote) : this.input.value;
    const asked = tail.replace(/^（[^）]*）/, "");
    const step = calling && CALLS_AGAIN.test(asked) ? Math.min(askedStep(asked, known.step), notes.length) : known.step;
    if (calling && step < notes.length) {
      this.input.value = `${this.input.value.replace(/\s+$/, "")}\n${notes[step]}\n`;
      this.voteSteps.set(entry, { method: known.method, step: step + 1 });
      this.noteTurnEntry();
      this.scheduleDraft();
      this.input.focus();
      return;
    }
    // Words the store refused stay in the box with its message, and no count opens after them.
    if (words !== "" && !(await this.commit())) return;
    // Notes already typed into the record are not added again by the count; the steps are
    // forgotten only once the vote is recorded (Esc on the panel keeps them).
    this.openVote(known.step === 0, this.voteSteps.get(entry)?.method ?? "hands");
  }

  openVote(withHands = true, how = "hands") {
    if (this.m.status !== "in_session") return;
    const m = this.m;
    const num = (testid, label) => h("input", { testid, inputmode: "numeric", size: 3, "aria-label": label, autocomplete: "off" });
    const forIn = num("vote-for", "賛成");
    const againstIn = num("vote-against", "反対");
    const abstainIn = num("vote-abstain", "棄権");
    const cast = select({ testid: "vote-chair-cast", "aria-label": `${titles(m.council).chair}の決` }, [["", "—"], ["for", "賛成"], ["against", "反対"]], "");
    const override = select({ testid: "vote-override", "aria-label": "結果の訂正" }, [["", "計算どおり"], ["approved", m.rules.result_words === "ze" ? "是" : m.rules.result_words === "pass" ? "可決" : "承認"], ["rejected", m.rules.result_words === "ze" ? "非" : "否決"]], "");
    const overrideReason = h("input", { testid: "vote-override-reason", class: "wide", placeholder: "結果を訂正する理由" });
    const voidReason = h("input", { testid: "vote-void-reason", class: "wide", placeholder: "不成立として記録する理由（定足数を欠いたときなど）" });
    const withNotes = h("input", { type: "checkbox", testid: "vote-with-notes", checked: withHands });
    // How the decision is taken: counted hands (the reference), standing, or no objection (異議なし:
    // nothing counted, carried unanimously). The notes it puts in the record follow.
    const method = select({ testid: "vote-method", "aria-label": "採決の方法" }, VOTE_METHODS.map(([k, label]) => [k, label]), how);
    const notesLabel = h("span", {}, "");
    const showMethod = () => {
      const none = method.value === "no_objection";
      for (const box of [forIn, againstIn, abstainIn, cast]) box.disabled = none;
      if (none) { forIn.value = ""; againstIn.value = ""; abstainIn.value = ""; }
      notesLabel.textContent = ` ${VOTE_METHODS.find(([k]) => k === method.value)[2]}を記録に入れる`;
    };
    showMethod();
    const preview = h("div", { class: "vote-preview", testid: "vote-preview" });
    const error = h("div", { class: "field-error", testid: "error-vote", role: "alert" });
    let againstTyped = false;
    let asked = 0; // only the answer to the latest question is shown
    let correcting = null; // a recorded vote whose miscount is being corrected

    const input = () => ({
      method: method.value,
      for_count: forIn.value, against_count: againstIn.value, abstain_count: abstainIn.value,
      chair_cast: cast.value || null, override_result: override.value || null,
      override_reason: overrideReason.value || null, void_reason: voidReason.value || null,
    });
    const refresh = async () => {
      if (!againstTyped && forIn.value.trim() !== "") {
        // Both boxes read as the core reads them (６, ３ from the IME): the rest is what the core
        // will count; a box it would refuse leaves 反対 blank, and the core's message says why.
        const yes = parseCount(forIn.value);
        const abstain = parseCount(abstainIn.value, 0);
        const rest = yes === null || abstain === null ? -1 : m.eligible - yes - abstain;
        againstIn.value = rest >= 0 ? String(rest) : "";
      }
      const mine = ++asked;
      try {
        const v = await call("preview_vote", { meetingId: m.id, vote: input() });
        if (mine !== asked) return;
        error.textContent = "";
        preview.textContent = v.method === "no_objection"
          ? `異議なし → ${v.result_text}`
          : `賛成${v.for_count}・反対${v.against_count}・棄権${v.abstain_count}／${v.eligible}名 → ${v.result_text}`;
      } catch (err) {
        if (mine !== asked) return;
        preview.textContent = "";
        error.textContent = err.message;
      }
    };
    const close = () => { this.votePanel.hidden = true; this.input.focus(); };
    const record = async () => {
      try {
        if (correcting) {
          await this.enqueue(() => call("update_vote", { voteId: correcting, vote: input() }));
          this.m = await call("get_meeting", { meetingId: m.id });
          close();
          status.saved();
          return;
        }
        const vote = await this.enqueue(() => call("record_vote", { meetingId: m.id, vote: input(), withNotes: withNotes.checked }));
        this.voteSteps.delete(m.current_entry_id);
        this.m = await call("get_meeting", { meetingId: m.id });
        this.phrases = await call("list_phrases", { meetingId: m.id });
        const turns = await call("get_transcript", { meetingId: m.id });
        this.turns = new Map(turns.map((t) => [t.id, t]));
        this.order = turns.map((t) => t.id);
        this.drawTranscript();
        close();
        status.saved();
        // The secretariat reports the count next: offered in the box, to be committed or changed.
        const report = this.phrases.find((p) => p.key === "vk");
        if (report && vote.result !== "void" && vote.method !== "no_objection" && this.input.value.trim() === "") {
          this.setSpeaker("official");
          this.input.value = report.expanded;
          this.scheduleDraft();
        }
      } catch (err) {
        error.textContent = err.message;
      }
    };
    forIn.addEventListener("input", refresh);
    abstainIn.addEventListener("input", refresh);
    againstIn.addEventListener("input", () => { againstTyped = againstIn.value.trim() !== ""; refresh(); });
    for (const el of [cast, override, withNotes]) el.addEventListener("change", refresh);
    method.addEventListener("change", () => { showMethod(); refresh(); });
    for (const el of [overrideReason, voidReason]) el.addEventListener("input", refresh);
    this.votePanel.onkeydown = ignoringIme((e) => {
      if (e.key === "Escape") { e.preventDefault(); close(); }
      // Enter records from a count or from the method chosen (異議なし has no count to type).
      else if (e.key === "Enter" && (e.target.tagName === "INPUT" || e.target === method)) { e.preventDefault(); record(); }
    });
    const recorded = m.votes.filter((v) => !v.deleted && v.agenda_entry_id === m.current_entry_id);
    const earlier = recorded.length
      ? h("ul", { class: "votes-recorded", testid: "votes-recorded" }, recorded.map((v) => h("li", {},
          v.method === "no_objection"
            ? `${v.recorded_at.slice(11, 16)} 異議なし → ${v.result_text}　`
            : `${v.recorded_at.slice(11, 16)} 賛成${v.for_count}・反対${v.against_count}・棄権${v.abstain_count} → ${v.result_text}　`,
          h("button", { class: "link", testid: `vote-correct-${v.id}`, onclick: () => {
            correcting = v.id;
            method.value = v.method ?? "hands";
            showMethod();
            forIn.value = String(v.for_count); againstIn.value = String(v.against_count); abstainIn.value = String(v.abstain_count);
            againstTyped = true;
            withNotes.checked = false;
            forIn.focus();
            refresh();
          } }, "訂正"), " ",
          h("button", { class: "link", testid: `vote-delete-${v.id}`, onclick: async () => {
            try {
              await this.enqueue(() => call("delete_vote", { voteId: v.id }));
              this.m = await call("get_meeting", { meetingId: m.id });
              status.saved();
              this.openVote();
            } catch (err) {
              error.textContent = err.message;
            }
          } }, "取消"))))
      : null;
    append(clear(this.votePanel),
      h("h3", {}, `採決：${this.entries().find((e) => e.id === m.current_entry_id)?.heading ?? ""}`),
      earlier,
      h("p", { class: "summary", testid: "vote-eligible" }, `採決に加わる委員 ${m.eligible}名（出席${m.present}名・定足数${m.quorum}名）`),
      h("div", { class: "vote-counts" },
        h("label", {}, "方法 ", method),
        h("label", {}, "賛成 ", forIn), h("label", {}, "反対 ", againstIn), h("label", {}, "棄権 ", abstainIn),
        h("label", {}, `可否同数のとき${titles(m.council).chair}の決 `, cast)),
      preview, error,
      // Without a quorum the vote can only be recorded as 不成立, with its reason: shown open.
      h("details", { open: !m.quorum_met }, h("summary", {}, "結果の訂正・不成立（理由を記録）"),
        h("div", { class: "row" }, override, overrideReason), h("div", { class: "row" }, voidReason)),
      h("div", { class: "row" },
        h("label", {}, withNotes, notesLabel),
        h("button", { testid: "vote-record", onclick: record }, "採決を記録（Enter）"),
        h("button", { class: "secondary", testid: "vote-cancel", onclick: close }, "閉じる（Esc）")));
    this.votePanel.hidden = false;
    (forIn.disabled ? method : forIn).focus();
  }

  // ---------------------------------------------------------------- attendance and closing

  toggleAttendance() {
    const panel = this.attendancePanel;
    // Esc closes the panel too (as it closes the vote panel), back to the box.
    panel.onkeydown ??= ignoringIme((e) => {
      if (e.key === "Escape" && !e.defaultPrevented) { e.preventDefault(); panel.hidden = true; this.input.focus(); }
    });
    panel.hidden = !panel.hidden;
    if (panel.hidden) { this.input.focus(); return; }
    this.drawAttendance();
    panel.querySelector("select, button.link")?.focus();
  }

  /// 出欠 (F6). In session, a choice is recorded with its time; after 閉会 the statuses are shown
  /// and changed only by 「直す」, with a reason.
  drawAttendance() {
    const live = this.m.status === "in_session";
    append(clear(this.attendancePanel), h("h3", {}, live ? "出欠（変更すると時刻を記録します）" : "出欠（閉会後の訂正は「直す」から理由を添えて）"),
      h("ul", { class: "people" }, this.m.attendance.map((a) => h("li", { class: "person" },
        h("span", { class: "name" }, a.name),
        live
          ? onChoice(select({ testid: `live-attendance-${a.member_id}`, "aria-label": `${a.name}の出欠` }, ATTENDANCE, a.status),
            async (value) => {
              try {
                this.m = await this.enqueue(() => call("record_attendance", { meetingId: this.m.id, memberId: a.member_id, status: value }));
                this.drawQuorum();
                status.saved();
                return true;
              } catch (err) {
                status.failed(err.message);
                return false;
              }
            })
          : h("span", { class: "status", testid: `live-attendance-${a.member_id}` }, attendanceLabel(a.status)),
        h("span", { class: "times", testid: `live-attendance-times-${a.member_id}` }, attendanceTimes(a)),
        h("button", {
          class: "link", testid: `correct-attendance-${a.member_id}`, onclick: (e) => this.correctTimes(a, e.target),
        }, "直す")))),
      live ? h("p", { class: "note" }, "矢印キーで選び、Enter で記録します。") : null);
  }

  /// A correction of a member's attendance (status, 到着・退席 times) with its reason: the way to
  /// change attendance after 閉会, and a time recorded wrongly during the meeting. The core keeps
  /// what it replaces.
  correctTimes(a, button) {
    const field = (testid, label, value) => h("input", { testid, "aria-label": label, class: "time", value: value ? hhmm(value) : "", placeholder: "14:05" });
    const state = select({ testid: `attendance-status-${a.member_id}`, "aria-label": "出欠" }, ATTENDANCE, a.status);
    const arrived = field(`attendance-arrived-${a.member_id}`, "到着の時刻", a.arrived_at);
    const left = field(`attendance-left-${a.member_id}`, "退席の時刻", a.left_at);
    const reason = h("input", { testid: `attendance-reason-${a.member_id}`, "aria-label": "直す理由", placeholder: "直す理由（必須）", class: "wide" });
    const error = h("span", { class: "field-error", testid: `error-attendance-${a.member_id}`, role: "alert" });
    const save = async () => {
      try {
        this.m = await this.enqueue(() => call("correct_attendance", {
          meetingId: this.m.id, memberId: a.member_id,
          correction: { status: state.value, arrived: arrived.value, left: left.value, reason: reason.value },
        }));
        status.saved();
        this.drawQuorum();
        this.drawAttendance();
        this.attendancePanel.querySelector(`[data-testid="correct-attendance-${a.member_id}"]`)?.focus();
      } catch (err) {
        error.textContent = err.message;
        status.failed("出欠を直せませんでした。");
      }
    };
    const form = h("span", { class: "confirm", testid: `attendance-form-${a.member_id}` }, state, " 到着 ", arrived, " 退席 ", left, " ", reason,
      h("button", { testid: `attendance-save-${a.member_id}`, onclick: save }, "記録する"), error);
    onKey(form, (e) => {
      if (e.key === "Enter" && e.target.tagName !== "BUTTON") { e.preventDefault(); save(); }
      else if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); form.replaceWith(button); button.focus(); }
    });
    button.replaceWith(form);
    (this.m.status === "in_session" ? arrived : state).focus();
  }

  askClose(button) {
    const yes = h("button", { class: "danger", testid: "confirm-close", onclick: async () => {
      try {
        await this.queue;
        // Words the store refused stay in the box, and the meeting stays open to take them.
        if (!(await this.commit())) {
          box.replaceWith(button);
          this.input.focus();
          return;
        }
        this.m = await this.enqueue(() => call("close_meeting", { meetingId: this.m.id }));
        status.saved();
        this.render();
      } catch (err) {
        status.failed(err.message);
      }
    } }, "閉会を記録する");
    const no = h("button", { class: "secondary", testid: "cancel-close", onclick: () => { box.replaceWith(button); this.input.focus(); } }, "やめる");
    const box = h("span", { class: "confirm" }, "閉会時刻を記録しますか？ ", yes, no);
    button.replaceWith(box);
    no.focus();
  }

  rollCall() {
    const m = this.m;
    const summary = h("p", { class: "summary", testid: "quorum-status" });
    const draw = () => {
      summary.textContent = quorumLine(m);
    };
    draw();
    return h("section", { class: "card roll-call" },
      h("h1", {}, m.title),
      h("h2", {}, "開会と出欠の確認"),
      h("p", { class: "note" }, "出欠を確かめて「開会」を押すと、その時刻を開会時刻として記録し、記録画面に移ります。"),
      notToday(m),
      summary,
      h("ul", { class: "people" }, m.attendance.map((a) => h("li", { class: "person" },
        h("span", { class: "role" }, roleMark(a.role, m.council)),
        h("span", { class: "name" }, a.name),
        onChoice(select({ testid: `rollcall-${a.member_id}`, "aria-label": `${a.name}の出欠` }, ATTENDANCE.filter(([v]) => v !== "left"), a.status),
          async (value) => {
            try {
              Object.assign(m, await call("set_attendance", { meetingId: m.id, memberId: a.member_id, status: value }));
              draw();
              status.saved();
              return true;
            } catch (err) {
              status.failed(err.message);
              return false;
            }
          })))),
      h("div", { class: "row" },
        h("button", { testid: "open-meeting", onclick: async () => {
          try {
            this.m = await call("open_meeting", { meetingId: m.id });
            this.phrases = await call("list_phrases", { meetingId: m.id });
            status.saved();
            this.render();
          } catch (err) {
            status.failed(err.message);
          }
        } }, "開会（開会時刻を記録）"),
        h("button", { class: "secondary", testid: "back-to-prep", onclick: () => this.go("meeting", { id: m.id }) }, "会議の準備に戻る")));
  }

  // ---------------------------------------------------------------- correcting

  onRowKey(e, id) {
    if (e.target !== e.currentTarget) return;
    if (e.key === "Enter") {
      e.preventDefault();
      // A deleted turn is restored, not corrected: say how (its row has the button).
      if (this.turns.get(id)?.deleted) status.failed("削除した発言です。直すには、先に行の「元に戻す」（または Ctrl+Z）で戻してください。");
      else this.editRow(id);
    }
    else if (e.key === "Delete") { e.preventDefault(); this.remove(id); }
    else if (e.key === "Escape") { e.preventDefault(); if (!this.input.disabled) this.input.focus(); }
    else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      e.preventDefault();
      let rows = [...this.transcriptEl.querySelectorAll(".turn")];
      if (e.key === "ArrowUp" && rows[0] === e.currentTarget && this.unmade.length > 0) {
        this.makeOlderRows();
        rows = [...this.transcriptEl.querySelectorAll(".turn")];
      }
      const i = rows.indexOf(e.currentTarget) + (e.key === "ArrowUp" ? -1 : 1);
      if (rows[i]) rows[i].focus(); else if (e.key === "ArrowDown" && !this.input.disabled) this.input.focus();
    }
  }

  editRow(id) {
    const turn = this.turns.get(id);
    const row = this.rowOf(id);
    if (!turn || !row) return;
    const text = h("textarea", { testid: `edit-text-${id}`, class: "turn-input", rows: Math.min(10, turn.text.split("\n").length + 1), value: turn.text });
    const who = select({ testid: `edit-speaker-${id}`, "aria-label": "発言者" }, SPEAKERS.map(([k]) => [k, this.speakerLabel(k)]), turn.speaker);
    const where = select({ testid: `edit-entry-${id}`, "aria-label": "議題" }, this.entries().map((e) => [String(e.id), e.heading]), String(turn.agenda_entry_id));
    // Once the draft has gone out, a correction usually comes from an attendee: who asked is kept
    // with it and listed with the corrections on the export screen.
    const asked = this.m.status === "draft"
      ? h("input", { testid: `edit-requested-${id}`, class: "wide", placeholder: "修正を依頼した人（任意・例：浅田委員）", "aria-label": "修正を依頼した人" })
      : null;
    const done = () => { if (!busy) { editor.replaceWith(this.rowFor(this.turns.get(id))); this.rowOf(id)?.focus(); } };
    // One action of the editor at a time: keys pressed while a split is saved do not split again.
    let busy = false;
    const once = (action) => async () => {
      if (busy) return;
      busy = true;
      try { await action(); } finally { busy = false; }
    };
    const save = once(async () => {
      try {
        const before = this.turns.get(id);
        const after = await this.enqueue(() => call("edit_turn", {
          // No item to choose (a meeting held without a 会議次第): the turn keeps where it is;
          // Number("") sent item 0, and every correction was refused.
          turnId: id, speaker: who.value, text: text.value, agendaEntryId: where.value ? Number(where.value) : null, requestedBy: asked ? asked.value : null,
        }));
        this.turns.set(id, after);
        this.pushUndo([stateOf(before)]);
        clearDraft();
        editor.remove();
        this.placeRow(after).focus();
        status.saved();
      } catch (err) {
        status.failed(err.message);
      }
    });
    // A split or a join works on the words as saved: words changed here would be lost (and a
    // split's cursor counted in other words), so they are saved first. True when they were.
    const savedFirst = (ask) => {
      if (text.value === this.turns.get(id).text) return true;
      status.failed(`文言を直しています。先に保存（Ctrl+Enter）してから、${ask}`);
      text.focus();
      return false;
    };
    const split = once(async () => {
      if (!savedFirst("分ける位置にカーソルを置いて分割してください。")) return;
      try {
        const before = this.turns.get(id);
        const [first, second] = await this.enqueue(() => call("split_turn", { turnId: id, at: [...text.value.slice(0, text.selectionStart)].length }));
        this.pushUndo([stateOf(before), stateOf(second, true)]);
        this.turns.set(first.id, first);
        this.order.splice(this.order.indexOf(first.id) + 1, 0, second.id);
        this.turns.set(second.id, second);
        clearDraft();
        editor.remove();
        this.placeRow(first);
        this.placeRow(second).focus();
        status.saved();
      } catch (err) {
        status.failed(err.message);
      }
    });
    const merge = once(async () => {
      if (!savedFirst("つなげてください。")) return;
      try {
        const before = this.turns.get(id);
        const [kept, gone] = await this.enqueue(() => call("merge_turn", { turnId: id }));
        this.pushUndo([stateOf(before), stateOf(gone, false)]);
        this.turns.set(kept.id, kept);
        this.turns.set(gone.id, gone);
        clearDraft();
        editor.remove();
        this.placeRow(gone);
        this.placeRow(kept).focus();
        status.saved();
      } catch (err) {
        status.failed(err.message);
      }
    });
    // What is typed here is kept as it is typed, like the turn box (a crash loses at most half a
    // second); saving or Esc (giving up the correction) clears it.
    const clearDraft = keepTyping(text);
    const editor = h("div", { class: "turn editing", testid: `turn-editor-${id}` },
      h("div", { class: "speaker" }, who), h("div", { class: "words" }, text, where, asked),
      h("div", { class: "when edit-buttons" },
        h("button", { testid: `edit-save-${id}`, onclick: save }, "保存（Ctrl+Enter）"),
        h("button", { class: "secondary", testid: `edit-split-${id}`, onclick: split }, "カーソル位置で分割"),
        h("button", { class: "secondary", testid: `edit-merge-${id}`, onclick: merge }, "次とつなげる"),
        h("button", { class: "secondary", testid: `edit-cancel-${id}`, onclick: done }, "取消（Esc）")));
    // The editor's keys work from any of its fields (the words, who spoke, the item, who asked).
    onKey(editor, (e) => {
      if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); clearDraft(); done(); }
      else if (e.key === "Enter" && e.ctrlKey) { e.preventDefault(); e.stopPropagation(); save(); }
    });
    row.replaceWith(editor);
    text.focus();
    // Its buttons too: on the last row the editor would open partly under the turn box.
    editor.scrollIntoView({ block: "nearest" });
  }

  async remove(id) {
    try {
      const before = this.turns.get(id);
      const turn = await this.enqueue(() => call("delete_turn", { turnId: id }));
      this.turns.set(id, turn);
      this.placeRow(turn).focus();
      this.pushUndo([stateOf(before)]);
      status.saved();
    } catch (err) {
      status.failed(err.message);
    }
  }

  async restore(id) {
    try {
      const turn = await this.enqueue(() => call("restore_turn", { turnId: id }));
      this.turns.set(id, turn);
      this.placeRow(turn).focus();
      this.pushUndo([stateOf(turn, true)]);
      status.saved();
    } catch (err) {
      status.failed(err.message);
    }
  }

  /// One action of the meeting that Ctrl+Z can take back: `{added: id}` or the states of the turns
  /// it changed, as they were before. A new action clears what Ctrl+Shift+Z would redo.
  pushUndo(entry) {
    this.undo.push(entry);
    this.redo = [];
    this.saveHistory();
  }

  saveHistory() {
    sessionStorage.setItem(`${HISTORY_KEY}${this.m.id}`, JSON.stringify({ undo: this.undo.slice(-200), redo: this.redo.slice(-200) }));
  }

  /// Ctrl+Z: takes back the last addition, deletion, correction, split or merge in one step; the
  /// store keeps every version, the taken-back one too. A turn just committed (Enter too early)
  /// comes back into the box with its speaker, to be finished and committed again.
  async undoLast() {
    const last = this.undo.pop();
    if (!last) { status.failed("取り消せる操作はありません。"); return; }
    if (last.recess) {
      try {
        this.m = await this.enqueue(() => call("take_back_recess", { meetingId: this.m.id }));
        this.drawRecess();
        this.saveHistory();
        status.saved();
      } catch (err) {
        this.undo.push(last);
        status.failed(err.message);
      }
      return;
    }
    const added = last.added ? this.turns.get(last.added) : null;
    // An addition is taken back as the turn is now (a timed note may have ended since).
    const states = added ? [stateOf(added, true)] : last;
    const redo = states.map((s) => stateOf(this.turns.get(s.id)));
    try {
      const turns = await this.enqueue(() => call("revert_turns", { states }));
      const rows = turns.map((turn) => { this.turns.set(turn.id, turn); return this.placeRow(turn); });
      if (added && added.kind === "speech" && this.input.value.trim() === "" && this.m.status === "in_session") {
        // The words are back in the box: Enter commits them again (nothing to redo).
        this.input.value = added.text;
        this.turnEntry = added.agenda_entry_id;
        this.setSpeaker(added.speaker);
        this.noteTurnEntry();
        this.scheduleDraft();
        this.input.focus();
      } else {
        this.redo.push(redo);
        this.keepFocusOn(rows);
      }
      this.saveHistory();
      status.saved();
    } catch (err) {
      this.undo.push(last);
      status.failed(err.message);
    }
  }

  /// After rows were redrawn under the focus (Ctrl+Z, Ctrl+Shift+Z from a selected row), the
  /// focus goes to the first of them, or — when the focus was in the box — stays there: it never
  /// lands on nothing, where typing would be lost.
  keepFocusOn(rows) {
    const at = document.activeElement;
    if (at && at !== document.body && this.root.contains(at)) return;
    const row = rows.find((r) => r && r.isConnected);
    if (row) row.focus();
    else if (this.m.status === "in_session") this.input.focus();
    else this.lastRow()?.focus();
  }

  /// Ctrl+Shift+Z: puts back what the last Ctrl+Z took back.
  async redoLast() {
    const states = this.redo.pop();
    if (!states) { status.failed("やり直せる操作はありません。"); return; }
    const undo = states.map((s) => stateOf(this.turns.get(s.id)));
    try {
      const turns = await this.enqueue(() => call("revert_turns", { states }));
      const rows = turns.map((turn) => { this.turns.set(turn.id, turn); return this.placeRow(turn); });
      this.keepFocusOn(rows);
      this.undo.push(undo);
      this.saveHistory();
      status.saved();
    } catch (err) {
      this.redo.push(states);
      status.failed(err.message);
    }
  }
}
