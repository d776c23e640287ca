// The chair's screen: read-only, large enough to read from two metres, refreshed twice a second
// from the store. It holds no control that changes data and never asks for the keyboard.

import { call } from "./host.js";
import { duration, hhmm, hms, parseLocal } from "./live/clock.js";

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
  set("chair-item", view.current_item || "—");
  set("chair-quorum", `出席 ${view.present}名 ／ 委員 ${view.membership}名　定足数 ${view.quorum}名`);
  set("chair-quorum-verdict", view.quorum_met ? "成立" : "不成立");
  $("chair-quorum-box").classList.toggle("lost", !view.quorum_met);
  const v = view.latest_vote;
  set("chair-vote-item", v ? view.latest_vote_item : "");
  set("chair-for", v ? String(v.for_count) : "—");
  set("chair-against", v ? String(v.against_count) : "—");
  set("chair-abstain", v ? String(v.abstain_count) : "—");
  set("chair-eligible", v ? `採決に加わる委員 ${v.eligible}名（出席 ${v.present}名）　${hhmm(v.recorded_at)}` : "まだ採決はありません");
  set("chair-result", v ? v.result_text : "");
  $("chair-result").dataset.result = v ? v.result : "";
  const opened = parseLocal(view.opened_at);
  const closed = parseLocal(view.closed_at);
  set("chair-elapsed", opened ? duration((closed ?? now) - opened) : "—");
  const due = parseLocal(view.next_reminder_at);
  set("chair-ventilation", due ? `${hhmm(view.next_reminder_at)}（あと${duration(due - now)}）` : "—");
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

refresh();
setInterval(refresh, 500);
