// 会議の準備: everything on the cover table of the 会議録 — 名称, 日時, 会場, 出席者, 傍聴者, 配付資料,
// 会議次第. Each field saves as the secretary leaves it; structural changes (add, remove,
// reorder) redraw their list and keep the keyboard focus where it was.

import { call } from "../host.js";
import { h, replaceKeepingFocus, select } from "../dom.js";
import { addField, errorLine, fieldRow, saveOnChange, submitField } from "../fields.js";
import { openScope } from "../drafts.js";
import { onEnter } from "../ime.js";
import { moveButtons, removeButton } from "../rows.js";
import { ATTENDANCE, STATUS, TIMING, attendanceLabel, eraDate, roleMark } from "../labels.js";
import * as status from "../status.js";

export async function showPrep(root, go, { id }) {
  const meeting = await call("get_meeting", { meetingId: id });
  await openScope(`meeting:${id}`);
  const page = new PrepPage(root, go, meeting);
  page.render();
}

class PrepPage {
  constructor(root, go, meeting) {
    this.root = root;
    this.go = go;
    this.m = meeting;
  }

  /// Field saves answer with the whole meeting; only the derived lines are redrawn, so typing in
  /// the next field is never disturbed.
  update(meeting) {
    this.m = meeting;
    const set = (testid, text) => {
      const el = this.root.querySelector(`[data-testid="${testid}"]`);
      if (el) el.textContent = text;
    };
    set("cover-title", meeting.title);
    set("cover-name", meeting.title);
    set("cover-date", meeting.date_text);
    set("held-on-era", eraDate(meeting.date_text));
    set("cover-venue", meeting.venue || "（未入力）");
    set("fiscal-year", meeting.fiscal_year_label);
    set("attendance-summary", attendanceSummary(meeting));
    set("cover-observers", meeting.observers === 0 ? "なし" : `${meeting.observers}名`);
  }

  /// Structural changes redraw everything from the saved record.
  redraw(meeting) {
    if (meeting) this.m = meeting;
    this.render();
  }

  render() {
    const m = this.m;
    replaceKeepingFocus(this.root,
      h("div", { class: "page-head" },
        h("h1", { testid: "cover-title" }, m.title),
        h("span", { class: `badge ${m.status}` }, STATUS[m.status] || m.status),
        h("button", { class: "secondary", testid: "council-settings", onclick: () => this.go("council", { id: m.council.id, back: m.id }) }, "審議会の設定"),
        h("button", { class: "secondary", testid: "go-export", onclick: () => this.go("export", { id: m.id }) }, "会議録を書き出す"),
        h("button", { testid: "go-live", onclick: () => this.goLive() }, m.status === "preparing" ? "開会の準備へ（出欠確認）" : "記録画面へ")),
      h("div", { class: "columns" },
        h("div", { class: "col" }, this.coverSection(), this.materialsSection()),
        h("div", { class: "col" }, this.attendanceSection())),
      this.agendaSection());
    // Arriving here (from the list, or after loading the sample), the next step is the roll call
    // or the record: Enter takes it. A redraw keeps the field being typed in.
    if (!this.root.contains(document.activeElement)) this.root.querySelector('[data-testid="go-live"]')?.focus();
  }

  /// On to the roll call (or the record) — not while a field says what it holds was refused: the
  /// meeting would open with what was saved before (a 開催日 of 2月30日 went by unnoticed, the old
  /// date kept). The field is focused, its message beside it.
  goLive() {
    const refused = this.root.querySelector('[aria-invalid="true"]');
    if (refused) {
      refused.focus();
      status.failed("保存していない入力があります。直すか Esc で元に戻してから進んでください。");
      return;
    }
    this.go("live", { id: this.m.id });
  }

  coverSection() {
    const m = this.m;
    const save = (field) => (value) => call("update_meeting", { meetingId: m.id, field, value: String(value) });
    const input = (field, attrs) => saveOnChange(
      h("input", { testid: `field-${field}`, autocomplete: "off", ...attrs }),
      `meeting.${field}`, save(field), (answer) => this.update(answer));
    return h("section", { class: "card" },
      h("h2", {}, "会議録の表紙"),
      // The date control reads year first (2021/12/13, webview.rs); the 和暦 the minutes print is beside it.
      fieldRow("開催日", fromTheYear(input("held_on", { type: "date", value: m.held_on })), "meeting.held_on",
        h("span", { testid: "held-on-era" }, eraDate(m.date_text))),
      fieldRow("年度・回", input("ordinal", { inputmode: "numeric", size: 3, value: m.ordinal }), "meeting.ordinal",
        h("span", {}, h("span", { testid: "fiscal-year" }, m.fiscal_year_label), " の第N回　",
          h("label", {}, saveOnChange(h("input", { type: "checkbox", testid: "field-extraordinary", checked: m.extraordinary }),
            "meeting.ordinal", (on) => save("extraordinary")(on), (answer) => this.update(answer)), "臨時"))),
      fieldRow("開始時刻", input("planned_start", { value: m.planned_start, size: 5, placeholder: "14:00", inputmode: "numeric" }), "meeting.planned_start"),
      fieldRow("終了時刻", input("planned_end", { value: m.planned_end, size: 5, placeholder: "16:00", inputmode: "numeric" }), "meeting.planned_end"),
      fieldRow("会場", input("venue", { value: m.venue, class: "wide" }), "meeting.venue"),
      fieldRow("傍聴者", input("observers", { inputmode: "numeric", size: 3, value: m.observers }), "meeting.observers",
        h("span", {}, "名（表紙では ", h("span", { testid: "cover-observers" }, m.observers === 0 ? "なし" : `${m.observers}名`), "）")),
      this.signersRow(save),
      h("dl", { class: "cover-preview" },
        h("dt", {}, "名称"), h("dd", { testid: "cover-name" }, m.title),
        h("dt", {}, "日時"), h("dd", { testid: "cover-date" }, m.date_text),
        h("dt", {}, "会場"), h("dd", { testid: "cover-venue" }, m.venue || "（未入力）")));
  }

  /// 会議録署名委員: up to two members named for this meeting (the chair names them at the
  /// meeting; the phrase {署名委員} says their names). Saved as one field of the meeting.
  signersRow(save) {
    const m = this.m;
    const people = [["", "—"], ...m.attendance.map((a) => [String(a.member_id), a.name])];
    const picks = [0, 1].map((i) => select({ testid: `field-signer-${i + 1}`, "aria-label": `会議録署名委員${i + 1}` }, people, String(m.signers?.[i] ?? "")));
    const value = () => picks.map((p) => p.value).filter(Boolean).join(",");
    for (const pick of picks) saveOnChange(pick, "meeting.signers", () => save("signers")(value()), (answer) => this.update(answer));
    return fieldRow("会議録署名委員", h("span", {}, ...picks), "meeting.signers");
  }

  attendanceSection() {
    const m = this.m;
    // Once opened, the meeting owns its people: a misspelt name is corrected here, for this
    // record only (the earlier spelling is kept); before, names follow the council's roster.
    const opened = m.status !== "preparing";
    const person = (official, id, name, testid) => opened
      // `size` counts narrow characters: a kanji takes about two.
      ? saveOnChange(h("input", { testid, value: name, size: Math.max(6, [...name].length * 2 + 1), "aria-label": `${name}（この会議の記録での表記）` }),
        "attendance", (value) => call("correct_meeting_person", { meetingId: m.id, official, personId: id, name: value }),
        (answer) => this.update(answer))
      : h("span", { class: "name", testid }, name);
    const members = m.attendance.map((a) => h("li", { class: "person" },
      h("span", { class: "role" }, roleMark(a.role, m.council)),
      person(false, a.member_id, a.name, `member-name-${a.member_id}`),
      // Once opened, attendance is recorded with its time on the live screen (出欠 F6) and
      // corrected there with a reason; here it is shown.
      opened
        ? h("span", { class: "status", testid: `attendance-${a.member_id}` }, attendanceLabel(a.status))
        : saveOnChange(select({ testid: `attendance-${a.member_id}`, "aria-label": `${a.name}の出欠` }, ATTENDANCE, a.status),
          "attendance", (status) => call("set_attendance", { meetingId: m.id, memberId: a.member_id, status }),
          (answer) => this.update(answer))));
    const officials = m.officials.map((o) => h("li", { class: "person" },
      h("label", {},
        saveOnChange(h("input", { type: "checkbox", testid: `official-${o.official_id}`, checked: o.attending }),
          "attendance", (attending) => call("set_official_attending", { meetingId: m.id, officialId: o.official_id, attending }),
          (answer) => this.update(answer)),
        " ", opened ? null : o.title),
      opened ? person(true, o.official_id, o.title, `official-title-${o.official_id}`) : null));
    return h("section", { class: "card" },
      h("h2", {}, "出席者"),
      h("p", { class: "summary", testid: "attendance-summary" }, attendanceSummary(m)),
      h("h3", {}, "（委員）"),
      members.length ? h("ul", { class: "people" }, members)
        : h("p", { class: "note" }, "名簿に委員がいません。「審議会の設定」で登録してください。"),
      h("h3", {}, `（${m.council.official_label}）`),
      officials.length ? h("ul", { class: "people" }, officials)
        : h("p", { class: "note" }, "区側の出席者が登録されていません。「審議会の設定」で登録してください。"),
      errorLine("attendance"));
  }

  materialsSection() {
    const m = this.m;
    const redraw = (answer) => this.redraw(answer);
    const rows = m.materials.map((mat, i) => {
      const title = h("input", { testid: `material-title-${mat.id}`, value: mat.title, class: "wide", "aria-label": "資料名" });
      const timing = select({ testid: `material-timing-${mat.id}`, "aria-label": "配付" }, TIMING, mat.timing);
      const save = () => call("update_material", { materialId: mat.id, title: title.value, timing: timing.value });
      saveOnChange(title, "material", save);
      saveOnChange(timing, "material", save);
      return h("li", { class: "row" }, timing, title,
        moveButtons(`material-${mat.id}`, i, m.materials.length, "material", (up) => call("move_material", { materialId: mat.id, up }), redraw),
        removeButton(`material-remove-${mat.id}`, "material", () => call("remove_material", { materialId: mat.id }), redraw));
    });
    const newTitle = addField(h("input", { testid: "material-new-title", class: "wide", placeholder: "資料名を入力して Enter", "aria-label": "追加する資料名" }));
    const newTiming = select({ testid: "material-new-timing", "aria-label": "配付" }, TIMING, "advance");
    const add = async () => {
      const answer = await submitField(newTitle, "material.title",
        (title) => call("add_material", { meetingId: m.id, title, timing: newTiming.value }));
      if (answer) this.redraw(answer);
    };
    onEnter(newTitle, add);
    return h("section", { class: "card" },
      h("h2", {}, "配付資料"),
      rows.length ? h("ul", { class: "rows", testid: "materials" }, rows) : h("p", { class: "note" }, "資料はまだありません。"),
      h("div", { class: "row add" }, newTiming, newTitle, h("button", { testid: "material-add", onclick: add }, "追加")),
      errorLine("material.title"), errorLine("material"));
  }

  agendaSection() {
    const m = this.m;
    const frozen = m.status !== "preparing";
    const redraw = (answer) => this.redraw(answer);
    const entryRow = (entry, label, index, count, testPrefix) => {
      const title = h("input", { testid: `agenda-title-${entry.id}`, value: entry.title, class: "wide", "aria-label": `${label} の件名` });
      saveOnChange(title, `agenda-${entry.id}`, (value) => call("rename_agenda_entry", { entryId: entry.id, title: value }));
      // An item held in closed session (非公開) is left out of the public version (公開版).
      const leaf = testPrefix === "item-row" || !entry.items?.length;
      const closed = leaf ? saveOnChange(
        h("input", { type: "checkbox", testid: `agenda-closed-${entry.id}`, checked: (m.closed_entries ?? []).includes(entry.id), "aria-label": `${label} を非公開にする` }),
        `agenda-${entry.id}`,
        (on) => {
          const others = (this.m.closed_entries ?? []).filter((e) => e !== entry.id);
          return call("update_meeting", { meetingId: m.id, field: "closed_entries", value: (on ? [...others, entry.id] : others).join(",") });
        },
        (answer) => this.update(answer)) : null;
      return [
        h("div", { class: `row agenda ${testPrefix}`, testid: `agenda-entry-${entry.id}` },
          h("span", { class: "number", testid: `agenda-number-${entry.id}` }, label),
          title,
          entry.added_at ? h("span", { class: "badge" }, "追加") : null,
          closed ? h("label", { class: "closed-mark" }, closed, "非公開") : null,
          // From 開会 the planned agenda is part of the record: no reordering, and only an
          // addition not yet taken up may be removed (the core refuses the rest too).
          frozen ? null : moveButtons(`agenda-${entry.id}`, index, count, `agenda-${entry.id}`, (up) => call("move_agenda_entry", { entryId: entry.id, up }), redraw),
          frozen && !(entry.added_at && !entry.started_at) ? null
            : removeButton(`agenda-remove-${entry.id}`, `agenda-${entry.id}`, () => call("remove_agenda_entry", { entryId: entry.id }), redraw,
              entry.items?.length ? `「${label} ${entry.title}」とその項目${entry.items.length}件を削除しますか？` : null)),
        errorLine(`agenda-${entry.id}`),
      ];
    };
    const sections = m.agenda.map((section, si) => {
      const newItem = addField(h("input", { testid: `agenda-new-item-${section.id}`, class: "wide", placeholder: "項目の件名を入力して Enter", "aria-label": `${section.number} ${section.title} に項目を追加` }));
      const addItem = async () => {
        const answer = await submitField(newItem, `agenda-new-item-${section.id}`,
          (title) => call("add_agenda_entry", { meetingId: m.id, parentId: section.id, title }));
        if (answer) this.redraw(answer);
      };
      onEnter(newItem, addItem);
      return h("li", { class: "section" },
        entryRow(section, String(section.number), si, m.agenda.length, "section-row"),
        h("ul", { class: "items" },
          section.items.map((item, ii) => h("li", {}, entryRow(item, `（${item.number}）`, ii, section.items.length, "item-row"))),
          h("li", { class: "row add" }, h("span", { class: "number" }, "＋"), newItem),
          h("li", {}, errorLine(`agenda-new-item-${section.id}`))));
    });
    const newSection = addField(h("input", { testid: "agenda-new-section", class: "wide", placeholder: "大項目の件名を入力して Enter（例: 諮問事項）", "aria-label": "大項目を追加" }));
    const addSection = async () => {
      const answer = await submitField(newSection, "agenda-new-section",
        (title) => call("add_agenda_entry", { meetingId: m.id, parentId: null, title }));
      if (answer) this.redraw(answer);
    };
    onEnter(newSection, addSection);
    return h("section", { class: "card agenda-card" },
      h("h2", {}, "会議次第"),
      h("p", { class: "note" }, frozen
        ? "開会した会議の会議次第は、番号と順番が記録の一部のため変えられません。予定になかった議題は下から追加できます（「追加」と表示）。"
        : "番号は並び順から自動で付きます。項目は大項目の下に（1）（2）…と並びます。"),
      h("ol", { class: "agenda", testid: "agenda" }, sections),
      h("div", { class: "row add" }, h("span", { class: "number" }, "＋"), newSection,
        h("button", { testid: "agenda-add-section", onclick: addSection }, "大項目を追加")),
      errorLine("agenda-new-section"));
  }
}

/// A date field entered by a click starts at its year, as one entered by Tab does: a click in the
/// middle landed on the month, and 2027/04/01 typed there gave 2021/12/01 (a tester). Once the
/// field has the keyboard, a click picks a part as usual.
function fromTheYear(control) {
  control.addEventListener("mousedown", (e) => {
    if (document.activeElement === control) return;
    e.preventDefault();
    control.focus();
  });
  return control;
}

/// Who is expected, counted by the core under the council's rules (online members count or not).
function attendanceSummary(m) {
  const officials = m.officials.filter((o) => o.attending).length;
  return `出席予定 委員${m.present}名／委員定数${m.rules.membership}名・定足数${m.quorum}名、${m.council.official_label}${officials}名`;
}
