// A 会議録 as the core's document model describes it (export::Document), drawn on screen: the
// export screen's preview and the format's preview in 審議会の設定. Display only.

import { h } from "./dom.js";

/// The document: title, cover table, the 別紙's title, headings, speaker | words tables or
/// running paragraphs (as the council's format lays them out), 以 上.
export function documentView(doc) {
  const cover = h("table", { class: "doc-cover" }, doc.cover.map(([label, lines]) =>
    h("tr", {}, h("th", {}, label), h("td", {}, lines.map((l) => h("p", {}, l))))));
  const record = [];
  let table = null;
  for (const b of doc.blocks) {
    if (b.kind === "heading") {
      table = null;
      record.push(h(b.level === 1 ? "h3" : "h4", {}, b.text));
    } else if (b.kind === "paragraph") {
      table = null;
      record.push(h("p", { class: "doc-line" }, b.text));
    } else {
      if (!table) { table = h("table", { class: "doc-speech" }); record.push(table); }
      table.append(h("tr", {}, h("th", {}, b.speaker), h("td", {}, b.paragraphs.map((p) => h("p", {}, p)))));
    }
  }
  // Never printed: those attending whom no cover row lists, said before anything is written.
  const leftOff = doc.left_off_cover?.length
    ? h("p", { class: "field-error", testid: "preview-left-off", role: "alert" },
        `表紙に載らない出席者がいます：${doc.left_off_cover.join("、")}。審議会の設定の「書式」で、その区分の欄を加えるか、区分を直してください。`)
    : null;
  return h("div", { class: "doc" }, leftOff,
    h("h2", { class: "doc-title", testid: "preview-title" }, doc.title), cover,
    doc.record_title ? h("h3", { class: "doc-record-title", testid: "preview-record-title" }, doc.record_title) : null,
    record,
    h("p", { class: "doc-closing" }, doc.closing));
}
