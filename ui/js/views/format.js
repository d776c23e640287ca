// 書式: the council's approved format for its 会議録 — a preset to start from, the words, the
// layout of the speech record, notes, headings, times and the cover's rows — with a preview of
// the cover and the first paragraphs of the 別紙 drawn by the core from a short sample meeting.
// Every change saves the whole format at once; the core checks it (format::FormatProfile).

import { call } from "../host.js";
import { h, replaceKeepingFocus, select } from "../dom.js";
import { attempt, errorLine, fieldRow, saveOnChange } from "../fields.js";
import { askFirst, moveButtons, removeButton } from "../rows.js";
import { documentView } from "../document.js";

const YES_NO = (yes, no) => [["true", yes], ["false", no]];
const COVER_FIELDS = [
  ["name", "名称（第N回と会議体名）"], ["date_time", "日時（日付と時間）"], ["planned", "開催予定（日付と予定の時間）"], ["opened", "開会の時刻"], ["closed", "閉会の時刻"],
  ["duration", "会議時間"], ["venue", "会場"], ["disclosure", "公開・非公開"], ["attendees", "出席者（委員と区側の2行）"],
  ["members", "出席委員"], ["officials", "区側・事務局の出席者"], ["absent", "欠席委員"], ["observers", "傍聴者"],
  ["materials", "配付資料"], ["agenda", "会議次第"], ["record", "発言の記録（別紙のとおり）"],
  ["membership", "委員数"], ["results", "会議の結果"], ["signers", "会議録署名委員"], ["text", "決まった文（会議主管課など）"],
];
const SEPARATORS = [["", "なし（表の区切り）"], ["　", "全角スペース（○山田委員長　それでは…）"], ["：", "：（山田委員長：それでは…）"], [" ", "半角スペース"]];

/// The 書式 card of council `c` (`slot`) and a way to draw its preview again (`drawPreview`);
/// `onSaved(council)` is told of every saved change.
export function formatSection(c, onSaved) {
  // The presets are the same for the whole visit: asked once, not at every redraw.
  const presets = call("list_format_presets");
  const slot = h("section", { class: "card format", testid: "format-section" });
  const preview = h("div", { class: "format-preview", testid: "format-preview" });
  let council = c;
  // A save redraws the page and this card, each asking for the preview: only the latest answer
  // is drawn (an earlier one arriving last would show the format before the save).
  let previews = 0;
  const drawPreview = async () => {
    const asked = ++previews;
    try {
      const doc = await call("preview_format", { councilId: council.id });
      if (asked !== previews) return;
      replaceKeepingFocus(preview, h("div", { class: "preview-label" }, "見本（この書式で書き出すとこうなります）"), documentView(doc));
    } catch (err) {
      if (asked === previews) preview.textContent = err.message;
    }
  };
  const saved = (answer) => { council = answer; onSaved(answer); draw(); drawPreview(); };
  // Made once: its path and its last result stay while the format above is redrawn.
  const files = fileRow(c, (answer) => saved(answer));
  const save = (change) => call("set_council_format", { councilId: council.id, profile: { ...council.format, ...change } });
  const draw = () => {
    const f = council.format;
    const text = (key, attrs = {}) => saveOnChange(
      h("input", { testid: `format-${key}`, value: f[key], size: 10, ...attrs }), `format.${key}`, (value) => save({ [key]: value }), saved);
    const choice = (key, options, toValue = (v) => v) => saveOnChange(
      select({ testid: `format-${key}` }, options, String(f[key])), `format.${key}`, (value) => save({ [key]: toValue(value) }), saved);
    const yesNo = (key, yes, no) => choice(key, YES_NO(yes, no), (v) => v === "true");
    const separators = SEPARATORS.some(([v]) => v === f.label_separator) ? SEPARATORS : [...SEPARATORS, [f.label_separator, `「${f.label_separator}」`]];
    replaceKeepingFocus(slot,
      h("h2", {}, "書式（会議録の体裁）"),
      h("p", { class: "note" }, "開会の時点でその会議に写されます。変えても、開会済みの会議の会議録は変わりません。"),
      presetRow(council, saved, presets),
      h("div", { class: "format-fields" },
        h("div", { class: "col" },
          h("h3", {}, "呼び方と表題"),
          fieldRow("議長役", text("chair_title", { list: "chair-titles" }), "format.chair_title", "会長・委員長・座長・部会長・議長"),
          h("datalist", { id: "chair-titles" }, ["会長", "委員長", "座長", "部会長", "議長"].map((v) => h("option", { value: v }))),
          fieldRow("副議長役", text("vice_chair_title"), "format.vice_chair_title"),
          fieldRow("委員", text("member_title"), "format.member_title"),
          fieldRow("会議の名称", text("meeting_name", { size: 16 }), "format.meeting_name", "{年度}{回}{名称}{臨時}：令和3年度第5回 …"),
          fieldRow("第N回", choice("numbering", [["fiscal_year", "年度ごとに第1回から"], ["continuous", "年度をまたいで通し番号"]]), "format.numbering"),
          fieldRow("表題", text("title"), "format.title", "案のあいだは（案）が付きます"),
          fieldRow("別紙の表題", text("record_title", { class: "wide" }), "format.record_title", "{年度}{回}{名称}が使えます。空欄なら表題なし"),
          fieldRow("別紙", yesNo("record_on_new_page", "新しいページから", "表紙に続けて"), "format.record_on_new_page"),
          h("h3", {}, "発言の記録"),
          fieldRow("形", choice("layout", [["table", "発言者と発言の表"], ["running", "発言者名で始まる文章（○山田委員長　…）"]]), "format.layout"),
          fieldRow("発言者の前", text("label_prefix", { size: 4 }), "format.label_prefix", "○ など。空欄ならなし"),
          fieldRow("発言者の後", choice("label_separator", separators), "format.label_separator"),
          fieldRow("氏名での表記", text("name_label", { size: 16 }), "format.name_label", "{氏名}{姓}{役職}{席}：山田委員長は {姓}{役職}、3番 佐藤は {席}番 {姓}"),
          fieldRow("議長役の表記", text("officer_label", { size: 16, placeholder: "空欄なら上と同じ" }), "format.officer_label", "会長・副会長だけ別の表記に：委員長（山田君）は {役職}（{姓}君）"),
          fieldRow("2段落目から", yesNo("first_line_indent", "1字下げる", "下げない"), "format.first_line_indent"),
          fieldRow("注記の囲み", h("span", {}, text("note_open", { size: 3, "aria-label": "注記の前" }), " 注記 ", text("note_close", { size: 3, "aria-label": "注記の後" })), "format.note_open", "（　）で入力した注記をこの囲みで印刷"),
          errorLine("format.note_close")),
        h("div", { class: "col" },
          h("h3", {}, "見出しと時刻"),
          fieldRow("見出し", text("heading", { size: 16 }), "format.heading", "{番号}{題名}：1 諮問事項／第1　…／議題1　…"),
          fieldRow("小見出し", text("sub_heading", { size: 16 }), "format.sub_heading", "（1）… など"),
          fieldRow("区切り線", text("item_separator", { class: "wide" }), "format.item_separator", "大項目の間に入れる行。空欄ならなし"),
          fieldRow("開会・閉会の行", yesNo("time_lines", "入れる（午後1時30分開会）", "入れない"), "format.time_lines"),
          fieldRow("時刻", choice("clock", [["twelve_hour", "午前・午後（午後1時30分）"], ["twenty_four_hour", "24時間制（13時30分）"]]), "format.clock"),
          fieldRow("0分", yesNo("minutes_always", "書く（午後2時00分）", "書かない（午後2時）"), "format.minutes_always"),
          fieldRow("曜日", yesNo("weekday_long", "（月曜日）", "（月）"), "format.weekday_long"),
          fieldRow("時間の範囲", yesNo("span_tilde", "午後2時～午後4時", "午後2時から午後4時まで"), "format.span_tilde"),
          fieldRow("出席者の人数", yesNo("attendee_count", "書く（4名　山田…）", "書かない"), "format.attendee_count"),
          fieldRow("出席者の役職", yesNo("attendee_roles", "会長・副会長を名前の前に", "書かない"), "format.attendee_roles"),
          fieldRow("出席委員の注記", text("attendee_note", { size: 14, placeholder: "（50音順・敬称略）" }), "format.attendee_note", "出席委員の名前の前の行。空欄ならなし"),
          fieldRow("委員の区分", yesNo("members_by_group", "区分ごとに1行（学識経験者　浅田、…）", "まとめて1行"), "format.members_by_group", "区分は委員名簿で付けます"),
          fieldRow("オンライン", text("online_mark", { size: 10, placeholder: "（オンライン）" }), "format.online_mark", "オンライン出席の名前の後に付ける印。空欄なら付けない"),
          fieldRow("署名欄", yesNo("signature_block", "確定版の最後に設ける", "設けない"), "format.signature_block"),
          coverRows(council, save, saved))),
      files,
      preview);
  };
  draw();
  drawPreview();
  return { slot, drawPreview };
}

/// The preset to start from, applied after asking (it replaces the whole format).
function presetRow(council, saved, presets) {
  const row = h("div", { class: "row" });
  presets.then((presets) => {
    const choice = select({ testid: "format-preset", "aria-label": "書式のひな形" }, presets, council.format.preset);
    const apply = h("button", { class: "secondary", testid: "format-apply-preset" }, "ひな形を当てはめる");
    apply.addEventListener("click", () => askFirst(apply, "format-apply-preset", "いまの書式をすべて置き換えます。", "置き換える", async () => {
      const answer = await attempt("format.preset", apply, () => call("apply_format_preset", { councilId: council.id, preset: choice.value }));
      if (answer) {
        saved(answer);
        // The question is gone with its buttons: the focus goes back to the preset's choice
        // (drawn anew once the presets' answer is read, a task later).
        setTimeout(() => document.querySelector('[data-testid="format-preset"]')?.focus(), 0);
      }
    }));
    row.append(h("label", {}, "ひな形 ", choice), apply, errorLine("format.preset"));
  });
  return row;
}

/// The cover's rows: what each shows and its label, in order; rows added and removed.
function coverRows(council, save, saved) {
  const rows = council.format.cover;
  const withRows = (cover) => save({ cover });
  const list = rows.map((r, i) => {
    const label = saveOnChange(h("input", { testid: `format-cover-${i}-label`, value: r.label, size: 12, "aria-label": "欄の名前" }),
      "format.cover", (value) => withRows(rows.map((x, j) => (j === i ? { ...x, label: value } : x))), saved);
    const moved = (up) => {
      const next = [...rows];
      const k = up ? i - 1 : i + 1;
      [next[i], next[k]] = [next[k], next[i]];
      return withRows(next);
    };
    // A row of the council's own text has that text to fill in; a row of officials or members,
    // the group it lists (empty: all of them).
    const text = r.field === "text" || r.field === "officials" || r.field === "members"
      ? saveOnChange(h("input", {
          testid: `format-cover-${i}-text`, value: r.text ?? "", size: r.field === "text" ? 16 : 8,
          "aria-label": r.field === "text" ? "欄の内容" : "区分（空欄ならすべて）", placeholder: r.field === "text" ? "" : "区分",
        }),
        "format.cover", (value) => withRows(rows.map((x, j) => (j === i ? { ...x, text: value } : x))), saved)
      : null;
    return h("li", { class: "row" },
      h("span", { class: "what" }, COVER_FIELDS.find(([f]) => f === r.field)?.[1] ?? r.field), label, text,
      moveButtons(`format-cover-${i}`, i, rows.length, "format.cover", moved, saved, (k) => `format-cover-${k}`),
      removeButton(`format-cover-${i}-remove`, "format.cover", () => withRows(rows.filter((_, j) => j !== i)), saved));
  });
  const unused = COVER_FIELDS.filter(([f]) => f === "text" || f === "officials" || f === "members" || !rows.some((r) => r.field === f));
  const adding = select({ testid: "format-cover-new", "aria-label": "加える欄" }, unused, unused[0]?.[0]);
  const add = h("button", { class: "secondary", testid: "format-cover-add", disabled: unused.length === 0 }, "欄を加える");
  add.addEventListener("click", async () => {
    const field = adding.value;
    const label = field === "text" ? "会議主管課" : COVER_FIELDS.find(([f]) => f === field)[1].replace(/（.*）$/, "");
    const answer = await attempt("format.cover", add, () => withRows([...rows, { field, label, text: "" }]));
    if (answer) saved(answer);
  });
  return h("div", { class: "cover-rows" },
    h("h3", {}, "表紙の欄"),
    h("ul", { class: "rows", testid: "format-cover" }, list),
    h("div", { class: "row add" }, adding, add),
    errorLine("format.cover"));
}

/// A 書式 file to share with a neighbouring office: written to, or taken from, a path.
function fileRow(council, saved) {
  const path = h("input", { testid: "format-file-path", class: "wide", "aria-label": "書式のファイル", placeholder: "書式のファイルの場所（例: /media/usb/建設委員会の書式.json）" });
  const result = h("span", { class: "note", testid: "format-file-result", role: "status" });
  const write = h("button", { class: "secondary", testid: "format-export" }, "書式を書き出す");
  const take = h("button", { class: "secondary", testid: "format-import" }, "書式を読み込む");
  const dialog = () => window.__TAURI__ && window.__TAURI__.dialog;
  write.addEventListener("click", async () => {
    if (!path.value && dialog()) path.value = (await dialog().save({ defaultPath: `${council.name}の書式.json`, filters: [{ name: "書式", extensions: ["json"] }] })) ?? "";
    if (!path.value) return;
    result.textContent = "";
    const written = await attempt("format.file", path, () => call("export_council_format", { councilId: council.id, path: path.value }), true);
    if (written) result.textContent = `${written} に書き出しました。`;
  });
  take.addEventListener("click", () => askFirst(take, "format-import", "いまの書式をファイルの書式で置き換えます。", "読み込む", async () => {
    if (!path.value && dialog()) path.value = (await dialog().open({ filters: [{ name: "書式", extensions: ["json"] }] })) ?? "";
    if (!path.value) return;
    result.textContent = "";
    const answer = await attempt("format.file", path, () => call("import_council_format", { councilId: council.id, path: path.value }), true);
    if (answer) { saved(answer); result.textContent = `${path.value} から書式を読み込みました。`; }
  }));
  return h("div", { class: "format-file" },
    h("h3", {}, "ほかの審議会・事務所と書式を共有する"),
    h("div", { class: "row" }, path, write, take), result, errorLine("format.file"));
}
