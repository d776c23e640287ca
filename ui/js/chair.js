// The chair's screen: read-only, large enough to read from two metres (sizes follow the window),
// updated when the record changes. It holds no control that changes data and never asks for the
// keyboard.

import { call, onRecordChanged } from "./host.js";
import { duration, hhmm, hhmmOn, hms, parseLocal } from "./live/clock.js";

const meetingId = Number(new URLSearchParams(location.search).get("meeting")) || null;
const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
let view = null;

function set(id, text) {
  const el = $(id);
  if (el.textContent !== text) el.textContent = text;
}

function draw() {
  const now = new Date();
  set("chair-clock", hms(now));
  if (!view) return;
  set("chair-title", view.title);
  // After 閉会 the screen says so, and nothing counts on.
  set("chair-item", view.closed_at ? `閉会しました（${hhmm(view.closed_at)}）` : view.current_item || "—");
  set("chair-quorum", `出席 ${view.present}名 ／ 委員 ${view.membership}名　定足数 ${view.quorum}名`);
  set("chair-quorum-verdict", view.quorum_met ? "成立" : "不成立");
  $("chair-quorum-box").classList.toggle("lost", !view.quorum_met);
  // The vote shown is the current item's; after F8 the previous item's result is not left
  // standing in large letters under the new item: it is named as the previous one, dimmed.
  const v = view.latest_vote;
  const earlier = Boolean(v && v.agenda_entry_id !== view.current_entry_id);
  $("chair-vote-box").classList.toggle("earlier", earlier);
  set("chair-vote-heading", earlier ? "前の議題の採決" : "この議題の採決");
  set("chair-vote-item", v && earlier ? view.latest_vote_item : "");
  // A decision without objection has nothing counted: it says so instead of three zeros. Nor
  // does the screen show three large dashes before the first vote: the counts come with one.
  const counted = v && v.method !== "no_objection";
  $("chair-counts").hidden = !counted;
  set("chair-for", counted ? String(v.for_count) : "—");
  set("chair-against", counted ? String(v.against_count) : "—");
  set("chair-abstain", counted ? String(v.abstain_count) : "—");
  set("chair-eligible", !v ? "まだ採決はありません"
    : counted ? `採決に加わる委員 ${v.eligible}名（出席 ${v.present}名）${v.method === "standing" ? "・起立" : ""}　${hhmm(v.recorded_at)}`
    : `異議なし（出席 ${v.present}名）　${hhmm(v.recorded_at)}`);
  set("chair-result", v ? v.result_text : "");
  $("chair-result").dataset.result = v ? v.result : "";
  const opened = parseLocal(view.opened_at);
  const closed = parseLocal(view.closed_at);
  set("chair-elapsed", opened ? duration((closed ?? now) - opened) : "—");
  const end = parseLocal(view.planned_end_at);
  const left = end ? end - now : 0;
  set("chair-end", closed ? `閉会 ${hhmm(view.closed_at)}` : end ? `${hhmmOn(view.planned_end_at, now)}（${left >= 0 ? `あと${duration(left)}` : `${duration(-left)}超過`}）` : "—");
  $("chair-end").classList.toggle("over", Boolean(end) && left < 0 && !closed);
  const due = parseLocal(view.next_reminder_at);
  set("chair-ventilation", due ? `${hhmmOn(view.next_reminder_at, now)}（あと${duration(due - now)}）` : "—");
  // A reminder that has fallen due stays on the chair's screen until the secretary acknowledges
  // it (F9): the chair announces it.
  $("chair-recess").hidden = !view.recess_since;
  set("chair-recess-since", view.recess_since ? `${hhmmOn(view.recess_since, now)}から` : "");
  $("chair-ventilation-due").hidden = !view.ventilation_due_at;
  set("chair-ventilation-due-at", view.ventilation_due_at ? `${hhmmOn(view.ventilation_due_at, now)}から　窓を開けての換気をご案内ください` : "");
}

async function refresh() {
  try {
    view = await call("get_chair_view", { meetingId });
    $("chair-stale").hidden = true;
  } catch {
    $("chair-stale").hidden = false;
  }
  draw();
}

// The store's changes are pushed by the shell (every command that writes); the clocks tick here.
refresh();
onRecordChanged(refresh);
setInterval(draw, 1000);
// A change missed while the window was hidden or the event system busy is caught up within 5 s.
setInterval(refresh, 5000);
