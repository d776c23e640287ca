// 会議一覧: every meeting, newest first; open, make the next one, duplicate, delete (with a
// confirmation in the row itself). An empty store offers the sample meeting.

import { call, onIndexProgress } from "../host.js";
import { h, markedText, replaceKeepingFocus, select } from "../dom.js";
import { attempt, fieldRow, showError } from "../fields.js";
import { onEnter, onKey } from "../ime.js";
import { STATUS, councilNames } from "../labels.js";
import * as status from "../status.js";

const LIST_PAGE = 100; // meetings of 会議一覧 asked for at once
// Rows drawn before the first paint: more than the tallest screen shows under the search; the
// rest of the page follows a frame later, so years of meetings open as fast as a few.
const ROWS_AT_FIRST_PAINT = 30;

/// Resolves once the frame after now has been painted (what is drawn then waits for that frame).
const painted = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));

export async function showList(root, go) {
  // The first page of meetings (years of them open as fast as a few); more on request.
  const [listed, councils] = await Promise.all([call("list_meetings", { offset: 0, limit: LIST_PAGE }), call("list_councils")]);
  const meetings = listed.meetings;
  const refresh = () => showList(root, go);
  const names = councilNames(councils);

  const councilBars = councils.map((c) => h("div", { class: "council-bar" },
    h("span", { class: "council-name" }, names.get(c.id)),
    h("button", {
      testid: `new-meeting-${c.id}`,
      onclick: async (e) => {
        const m = await attempt("list", e.target, () => call("create_meeting", { councilId: c.id }));
        if (m) go("meeting", { id: m.id });
      },
    }, "次の会議をつくる"),
    h("button", { class: "secondary", testid: `council-settings-${c.id}`, onclick: () => go("council", { id: c.id }) }, "審議会の設定")));

  // Newest first, under a heading for each council's 年度: a page of meetings, its first rows
  // drawn before the first paint and the rest a frame later; further pages on request.
  const body = h("tbody", {});
  let drawn = 0;
  let lastGroup = null;
  const more = h("button", { class: "secondary", testid: "meeting-list-more" });
  const drawMore = (upTo = meetings.length) => {
    for (; drawn < upTo; drawn++) {
      const m = meetings[drawn];
      const group = `${m.council_id}:${m.fiscal_year}`;
      if (group !== lastGroup) {
        body.append(h("tr", { class: "group", testid: `meeting-group-${m.council_id}-${m.fiscal_year}` },
          h("th", { colspan: 4 }, `${names.get(m.council_id) ?? ""}　${m.fiscal_year_label}`)));
        lastGroup = group;
      }
      body.append(meetingRow(m, go, refresh));
    }
    const rest = listed.total - drawn;
    more.hidden = rest <= 0 || drawn < meetings.length;
    more.textContent = `さらに${Math.min(rest, LIST_PAGE)}件を表示（残り${rest}件）`;
  };
  more.addEventListener("click", async () => {
    const next = drawn;
    try {
      const page = await call("list_meetings", { offset: next, limit: LIST_PAGE });
      meetings.push(...page.meetings);
      listed.total = page.total;
    } catch (err) {
      status.failed(err.message);
      return;
    }
    drawMore();
    body.querySelector(`[data-testid="open-meeting-${meetings[next]?.id}"]`)?.focus();
  });
  drawMore(Math.min(meetings.length, ROWS_AT_FIRST_PAINT));
  if (drawn < meetings.length) painted().then(() => drawMore());
  const table = meetings.length
    ? h("div", {},
        h("table", { class: "list meetings", testid: "meeting-list" },
          h("thead", {}, h("tr", {}, h("th", {}, "名称"), h("th", {}, "日時"), h("th", {}, "状態"), h("th", {}, ""))),
          body),
        more)
    : h("p", { class: "empty", testid: "meeting-list-empty" }, "会議はまだありません。");

  replaceKeepingFocus(root,
    h("div", { class: "page-head" }, h("h1", {}, "会議一覧"),
      h("button", { class: "secondary", testid: "nav-backups", onclick: () => go("backups") }, "バックアップ"),
      h("button", { class: "secondary", testid: "nav-about", onclick: () => go("about") }, "この書記について")),
    councils.length === 0 ? welcome(go) : null,
    listed.in_session.length ? inSession(listed.in_session, go) : null,
    h("section", { class: "councils" }, councilBars),
    meetings.length ? indexProgress() : null,
    meetings.length ? searchAll(listed.years, councils, names, go) : null,
    councils.length ? table : null,
    h("details", { class: "new-council", open: councils.length === 0 },
      h("summary", { testid: "new-council" }, "新しい審議会を登録する"),
      newCouncilForm(go)),
    h("div", { class: "field-error", testid: "error-list", role: "alert" }));

  const first = root.querySelector("[data-testid^=open-meeting-], [data-testid=load-sample]");
  if (first && !root.contains(document.activeElement)) first.focus();
}

/// The meetings opened and not closed, above the list: where the record goes on, though one left
/// in session years ago is pages down in the list (grouped by 年度).
function inSession(meetings, go) {
  return h("section", { class: "in-session", testid: "in-session" },
    h("h2", {}, "開会中の会議"),
    h("ul", {}, meetings.map((m) => h("li", {},
      h("button", { testid: `resume-meeting-${m.id}`, onclick: () => go("live", { id: m.id }) }, "記録に戻る"),
      h("span", { class: "title" }, m.title), h("span", { class: "when" }, m.date_text)))));
}

/// While the search index is being built (the first start after an upgrade, years of meetings):
/// a progress bar over the search, gone when it is done.
function indexProgress() {
  const bar = h("progress", { testid: "index-progress-bar", max: 1, value: 0 });
  const words = h("span", {});
  const slot = h("p", { class: "note index-progress", testid: "index-progress", role: "status", hidden: true }, words, " ", bar);
  let total = 0;
  const show = ({ left, total: all }) => {
    total = Math.max(total, all ?? left);
    slot.hidden = left === 0;
    bar.max = total;
    bar.value = total - left;
    words.textContent = `検索の準備（索引づくり）をしています：${Math.floor(((total - left) * 100) / Math.max(total, 1))}%。記録や書き出しはこのまま使えます。`;
  };
  onIndexProgress(show);
  call("index_progress").then((left) => { if (left > 0) show({ left, total: left }); }).catch(() => {});
  return slot;
}

/// Words looked up in every meeting's record (an attendee's correction, last year's decision):
/// Enter lists the places found — turns and agenda titles — newest meeting first, grouped by
/// meeting, a page at a time with the total; the words are marked in each excerpt; choosing one
/// opens that meeting's record on it. The core answers from its index (search_all).
function searchAll(years, councils, names, go) {
  const PAGE = 50;
  const results = h("div", { class: "search-results", testid: "search-all-results", role: "status" });
  const input = h("input", { type: "search", testid: "search-all-input", "aria-label": "すべての会議録から探す", placeholder: "すべての会議録から探す（例：2月14日）Enter" });
  const council = select({ testid: "search-all-council", "aria-label": "審議会" }, [["", "すべての審議会"], ...councils.map((c) => [String(c.id), names.get(c.id)])], "");
  const year = select({ testid: "search-all-year", "aria-label": "年度" }, [["", "すべての年度"], ...years.map(([y, label]) => [String(y), label])], "");
  const speaker = select({ testid: "search-all-speaker", "aria-label": "発言者" }, [["", "すべての発言者と議題"], ["chair", "会長（議長役）"], ["vice_chair", "副会長"], ["member", "委員"], ["official", "区側・事務局"], ["none", "ト書き"]], "");
  // Words of an agenda item's title (or its section's): only what was said under it.
  const item = h("input", { type: "search", class: "search-item", testid: "search-all-item", "aria-label": "議題で絞り込む", placeholder: "議題の言葉（任意）" });
  let shown = null; // the query of the page on screen, how far it goes, and its total once counted
  let searches = 0; // which search is on screen, so a late count of an earlier one is dropped
  // The filters set, as the screen names them (「会長（議長役）・令和7年度」), or "".
  const narrowing = () => [
    ...[council, year, speaker].filter((f) => f.value).map((f) => f.selectedOptions[0]?.textContent ?? ""),
    ...(item.value.trim() ? [`議題「${item.value.trim()}」`] : []),
  ].join("・");
  const run = async (more) => {
    const ask = more ? shown : {
      query: input.value, council_id: council.value ? Number(council.value) : null,
      fiscal_year: year.value ? Number(year.value) : null, speaker: speaker.value || null, item: item.value.trim() || null, offset: 0, limit: PAGE,
    };
    // The previous search's count never stands beside the new words while they are looked up.
    if (!more) {
      const count = results.querySelector('[data-testid="search-all-count"]');
      if (count) count.textContent = "探しています…";
    }
    let page;
    try {
      page = await call("search_all", { query: { ...ask, offset: more ? shown.next : 0 } });
    } catch (err) {
      results.replaceChildren(h("p", { class: "field-error" }, err.message));
      return;
    }
    shown = { ...ask, next: page.offset + page.found.length, total: more ? shown.total : undefined };
    const body = more ? results.querySelector("tbody") : h("tbody", {});
    let last = more ? Number(body.dataset.meeting) : null;
    const rows = [];
    for (const f of page.found) {
      if (f.meeting_id !== last) {
        rows.push(h("tr", { class: "group" }, h("th", { colspan: 2 }, `${f.meeting_title}（${f.date_text}）`)));
        last = f.meeting_id;
      }
      const testid = f.turn_id !== null ? `search-hit-${f.turn_id}` : f.cover ? `search-cover-${f.meeting_id}` : `search-title-${f.meeting_id}`;
      // A field of the cover (会場, 配付資料, 出席者) opens where the cover is kept; the rest, the
      // meeting's record with the words found.
      const open = f.cover ? () => go("meeting", { id: f.meeting_id }) : () => go("live", { id: f.meeting_id, find: ask.query, turn: f.turn_id ?? undefined });
      rows.push(h("tr", {},
        h("td", { class: "speaker" }, f.speaker_label),
        h("td", {}, h("button", { class: "link excerpt", testid, onclick: open }, markedText(f.excerpt, f.marks)))));
    }
    body.dataset.meeting = String(last);
    body.append(...rows);
    // The page is painted first, all of it; the total follows from its own call (the index counts
    // every place, which for a common word takes longer than the page, and would share the
    // machine with painting it).
    const countLine = () => {
      if (shown.total === undefined) return page.more ? `新しい会議から${shown.next}件を表示（件数を数えています）` : `${shown.next}件（新しい会議から）`;
      // Narrowed, it says by what: the words may well be elsewhere in the archive.
      if (shown.total === 0) return narrowing() ? `見つかりません（絞り込み：${narrowing()}）` : "見つかりません";
      return shown.total > shown.next ? `${shown.total}件（新しい会議から${shown.next}件を表示）` : `${shown.total}件（新しい会議から）`;
    };
    if (!page.more && shown.total === undefined) shown.total = shown.next;
    const moreButton = page.more ? h("button", { class: "secondary", testid: "search-all-more", onclick: () => run(true) }, `さらに${PAGE}件を表示`) : null;
    if (more) {
      results.querySelector('[data-testid="search-all-count"]').textContent = countLine();
      results.querySelector('[data-testid="search-all-more"]')?.remove();
      if (moreButton) results.append(moreButton);
      return;
    }
    searches++;
    // replaceChildren writes a null as the word "null": only what there is.
    results.replaceChildren(...[h("p", { testid: "search-all-count" }, countLine()),
      page.found.length ? h("table", { class: "list search-hits" }, body) : null, moreButton].filter(Boolean));
    const search = searches;
    if (shown.total === undefined) {
      await painted();
      // A newer search may have replaced this one meanwhile: its count is not asked for.
      if (search !== searches) return;
      const total = await call("count_all", { query: { ...ask, offset: 0 } }).catch(() => undefined);
      if (search !== searches || total === undefined) return;
      shown.total = total;
      results.querySelector('[data-testid="search-all-count"]').textContent = countLine();
    }
  };
  onEnter(input, () => run(false));
  onEnter(item, () => { if (input.value.trim()) run(false); else input.focus(); });
  for (const filter of [council, year, speaker]) filter.addEventListener("change", () => { if (input.value.trim()) run(false); });
  // The filters come first, so Tab from the words goes on to the places found.
  return h("section", { class: "search-all" }, h("div", { class: "row" }, council, year, speaker, item, input), results);
}

function welcome(go) {
  return h("section", { class: "welcome", testid: "welcome" },
    h("p", {}, "まだ記録がありません。まず見本の会議を開いてみてください。"),
    h("p", { class: "note" },
      "公開されている会議録（令和3年度第5回 情報公開・個人情報保護審議会）から、審議会・委員20名・区側7名・会場・配付資料・会議次第を読み込みます。見本はいつでも削除できます。"),
    h("button", {
      testid: "load-sample",
      onclick: async (e) => {
        e.target.disabled = true;
        const m = await attempt("list", e.target, () => call("load_sample"));
        if (m) go("meeting", { id: m.id });
        else e.target.disabled = false;
      },
    }, "見本の会議を読み込む"));
}

function newCouncilForm(go) {
  const name = h("input", { testid: "new-council-name", autocomplete: "off" });
  const membership = h("input", { testid: "new-council-membership", inputmode: "numeric", size: 4, autocomplete: "off" });
  const create = async () => {
    try {
      const council = await call("create_council", { name: name.value, membership: membership.value });
      const m = await call("create_meeting", { councilId: council.id });
      status.saved();
      go("meeting", { id: m.id });
    } catch (err) {
      // The core names the field; both messages sit under the form.
      showError("new-council", null, err);
    }
  };
  onEnter(name, create);
  onEnter(membership, create);
  return h("div", { class: "form" },
    fieldRow("審議会名", name, "new-council-name"),
    fieldRow("委員定数", membership, "new-council-membership", "名"),
    h("button", { testid: "create-council", onclick: create }, "登録して最初の会議をつくる"),
    h("div", { class: "field-error", testid: "error-new-council", role: "alert" }));
}

function meetingRow(m, go, refresh) {
  const actions = h("div", { class: "actions" });
  // A 確定 meeting offers no 削除, nor one in session: the core refuses both (確定 is withdrawn
  // first, with a reason; a meeting in session is closed first).
  const deletable = m.status !== "final" && m.status !== "in_session";
  const normal = () => [
    h("button", { class: "secondary", testid: `duplicate-meeting-${m.id}`, onclick: duplicate }, "複製"),
    !deletable ? null : h("button", { class: "danger", testid: `delete-meeting-${m.id}`, onclick: ask }, "削除"),
  ].filter(Boolean);
  async function duplicate(e) {
    const copy = await attempt("list", e.target, () => call("duplicate_meeting", { meetingId: m.id }));
    if (copy) go("meeting", { id: copy.id });
  }
  function ask() {
    const yes = h("button", {
      class: "danger", testid: `confirm-delete-${m.id}`,
      onclick: async (e) => {
        if (await attempt("list", e.target, () => call("delete_meeting", { meetingId: m.id })) !== null) refresh();
      },
    }, "削除する");
    const no = h("button", { class: "secondary", testid: `cancel-delete-${m.id}`, onclick: cancel }, "やめる");
    actions.replaceChildren(h("span", { class: "confirm" }, "この会議と記録をすべて削除しますか？"), yes, no);
    no.focus();
  }
  // やめる, or Esc while it asks: the row as it was, the keyboard back on its 削除.
  function cancel() {
    actions.replaceChildren(...normal());
    actions.querySelector(`[data-testid="delete-meeting-${m.id}"]`)?.focus();
  }
  onKey(actions, (e) => {
    if (e.key === "Escape" && actions.querySelector(".confirm")) { e.preventDefault(); cancel(); }
  });
  actions.append(...normal());
  return h("tr", { testid: `meeting-row-${m.id}` },
    h("td", {}, h("button", { class: "link", testid: `open-meeting-${m.id}`, onclick: () => go(m.status === "preparing" ? "meeting" : "live", { id: m.id }) }, m.title)),
    h("td", {}, m.date_text),
    h("td", {}, h("span", { class: `badge ${m.status}` }, STATUS[m.status] || m.status)),
    h("td", {}, actions));
}
