// 会議録の書き出し: the document as it will print, the choice of format, and where to save it —
// the system save dialog, opening on a USB stick when one is mounted, or a typed path. The file
// is written whole or not at all; the screen says when the stick may be removed.

import { call } from "../host.js";
import { h, append, clear, select } from "../dom.js";
import * as status from "../status.js";
import { askFirst } from "../rows.js";
import { documentView as preview } from "../document.js";

const FORMATS = [["docx", "Word（DOCX）"], ["pdf", "PDF（ホームページ掲載用）"], ["html", "HTML（印刷用）"], ["txt", "テキスト（タブ区切り・Windows向け）"], ["txt-lf", "テキスト（タブ区切り・改行LF、BOMなし）"], ["json", "JSON（すべての記録）"]];
// The extension each format is saved with; the core adds it too when a typed name has none.
const EXTENSION = { docx: "docx", pdf: "pdf", html: "html", txt: "txt", "txt-lf": "txt", json: "json" };
// Remembered on this laptop: the format and the folder of the last export (the stick, usually).
const LAST_FORMAT = "shoki.exportFormat";
const LAST_DIR = "shoki.exportDir";

/// Where the file went, as the secretary thinks of it: a stick (removable media) or this laptop.
function onStick(path) {
  return /^\/(media|run\/media|mnt)\//.test(path);
}

export async function showExport(root, go, { id, version = "full", keep = null }) {
  const [doc, meeting, dir] = await Promise.all([
    call("get_document", { meetingId: id, version }),
    call("get_meeting", { meetingId: id }),
    call("suggest_export_dir"),
  ]);
  // The core's name for the file (令和3年度第5回…審議会会議録（案）), already safe for a stick.
  const base = doc.file_name;
  // Another 版 chosen keeps the format and the folder already chosen (`keep`); the name follows
  // the version.
  const chosen = keep?.format ?? localStorage.getItem(LAST_FORMAT);
  const initial = EXTENSION[chosen] ? chosen : "docx";
  const folder = keep?.folder ?? (localStorage.getItem(LAST_DIR) || dir);
  const format = select({ testid: "export-format", "aria-label": "形式" }, FORMATS, initial);
  const path = h("input", { testid: "export-path", class: "wide", "aria-label": "保存先", value: `${folder}/${base}.${EXTENSION[initial]}` });
  const result = h("div", { class: "export-result", testid: "export-result", role: "status" });
  format.addEventListener("change", () => {
    path.value = path.value.replace(/\.(docx|pdf|html|txt|json)$/, "") + `.${EXTENSION[format.value]}`;
  });
  const browse = async () => {
    const dialog = window.__TAURI__ && window.__TAURI__.dialog;
    if (!dialog) {
      result.textContent = "保存先のファイル名を入力してください。";
      return;
    }
    const chosen = await dialog.save({ defaultPath: path.value, filters: [{ name: EXTENSION[format.value].toUpperCase(), extensions: [EXTENSION[format.value]] }] });
    if (chosen) path.value = chosen;
  };
  // Which document is written — the minutes, or the public version (公開版: closed items and
  // members' names left out) — is chosen here and said in the preview and the result.
  const which = version === "public" ? "公開版" : "会議録（全文）";
  const versionChoice = select({ testid: "export-version", "aria-label": "書き出す版" },
    [["full", "会議録（全文）"], ["public", "公開版（非公開の議題と委員の氏名を除く）"]], version);
  versionChoice.addEventListener("change", () => showExport(root, go, {
    id, version: versionChoice.value,
    keep: { format: format.value, folder: path.value.includes("/") ? path.value.slice(0, path.value.lastIndexOf("/")) || "/" : folder },
  }));
  const save = async () => {
    result.className = "export-result";
    result.textContent = "書き出しています…";
    try {
      const written = await call("export_meeting", { meetingId: id, format: format.value, path: path.value, version });
      localStorage.setItem(LAST_FORMAT, format.value);
      localStorage.setItem(LAST_DIR, written.slice(0, written.lastIndexOf("/")) || "/");
      result.className = "export-result ok";
      result.textContent = onStick(written)
        ? `${which}を ${written} に保存し、読み戻して確かめました。USBメモリを取り外して大丈夫です。`
        : `${which}を ${written} に保存し、読み戻して確かめました。`;
      status.saved();
    } catch (err) {
      result.className = "export-result error";
      result.textContent = err.message;
      status.failed("書き出せませんでした。");
    }
  };
  append(clear(root),
    h("div", { class: "page-head" }, h("h1", {}, "会議録の書き出し"),
      h("button", { class: "secondary", testid: "back-to-meeting", onclick: () => go(meeting.status === "preparing" ? "meeting" : "live", { id }) }, "会議に戻る")),
    h("section", { class: "card export-form" },
      h("div", { class: "row" }, h("label", {}, "形式 ", format), h("label", {}, "版 ", versionChoice)),
      h("p", { class: "note", testid: "export-which" }, `書き出すのは「${which}」です。`),
      h("div", { class: "row" }, h("label", { class: "wide-label" }, "保存先 ", path),
        h("button", { class: "secondary", testid: "export-browse", onclick: browse }, "参照…"),
        h("button", { testid: "export-save", onclick: save }, "書き出す")),
      result),
    await statusSection(id, meeting, () => showExport(root, go, { id })),
    h("section", { class: "card preview", testid: "export-preview" }, preview(doc)));
  format.focus();
}

const STATUS_TEXT = {
  preparing: "準備中です。", in_session: "開会中です。閉会してから書き出すと、実際の閉会時刻が入ります。",
  closed: "閉会しました。案を書き出して出席者に配ったら「案として配布済みにする」を押してください。以後の修正は一覧に残ります。",
  draft: "案として配布済みです。出席者からの修正を反映したら「確定する」を押してください。",
  final: "確定しています。記録は変更できません。書き出すと（案）が外れ、内容の指紋（SHA-256）が付きます。",
};

/// What a correction changed, as a reader compares two versions: the words both share around it,
/// the words taken out (struck through) and the words put in (marked), nothing else repeated.
function changed(before, now) {
  const a = [...before];
  const b = [...now];
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const around = (chars, fromEnd) => {
    const text = chars.join("");
    return fromEnd ? (text.length > 12 ? `…${text.slice(-12)}` : text) : (text.length > 12 ? `${text.slice(0, 12)}…` : text);
  };
  return h("span", { class: "diff" },
    around(a.slice(0, head), true),
    h("del", {}, a.slice(head, a.length - tail).join("")),
    h("ins", {}, b.slice(head, b.length - tail).join("")),
    around(a.slice(a.length - tail), false));
}

/// The meeting's place in 閉会 → 案 → 確定, the step to take next, and what changed since the draft.
async function statusSection(id, meeting, redraw) {
  const message = h("div", { class: "field-error", testid: "error-status", role: "alert" });
  const act = (command, args = {}) => async () => {
    try {
      await call(command, { meetingId: id, ...args });
      status.saved();
      redraw();
    } catch (err) {
      message.textContent = err.message;
    }
  };
  const reason = h("input", { testid: "reopen-reason", class: "wide", placeholder: "確定を解除する理由（記録に残ります）" });
  const actions = {
    closed: [h("button", { testid: "mark-draft", onclick: act("mark_draft") }, "案として配布済みにする")],
    draft: [h("button", {
      testid: "finalize",
      onclick: (e) => askFirst(e.target, "finalize", "確定すると、この会議録は変更できなくなります（解除には理由の記録が必要です）。確定しますか？", "確定する", act("finalize_meeting")),
    }, "確定する")],
    final: [reason, h("button", { class: "danger", testid: "reopen", onclick: () => act("reopen_meeting", { reason: reason.value })() }, "確定を解除")],
  }[meeting.status] ?? [];
  const corrections = meeting.status === "draft" || meeting.status === "final" ? await call("list_corrections", { meetingId: id }) : [];
  return h("section", { class: "card status-card" },
    h("h2", {}, "案と確定"),
    h("p", { testid: "meeting-status" }, STATUS_TEXT[meeting.status] ?? meeting.status),
    h("div", { class: "row" }, actions), message,
    corrections.length
      ? h("div", { testid: "corrections" }, h("h3", {}, `案の配布後の修正（${corrections.length}件）`),
          h("ul", { class: "corrections" }, corrections.map((c) => h("li", { testid: `correction-${c.turn_id}` },
            h("span", { class: "when" }, `${c.at.slice(5, 16).replace("T", " ")}　`),
            c.requested_by ? h("span", { class: "who" }, `${c.requested_by}の依頼　`) : null,
            c.deleted ? h("span", {}, h("del", {}, c.before), "（削除）") : changed(c.before, c.now)))))
      : null);
}

/// The document as it will print, built from the same model the files are written from.
