// この書記について: the version, where the data lives (with a button to open the folder), the
// store's size and the last backup — what the office's IT asks when something looks wrong.

import { call } from "../host.js";
import { h, append, clear } from "../dom.js";
import * as status from "../status.js";

export async function showAbout(root) {
  const a = await call("about");
  const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
  const open = h("button", {
    class: "secondary", testid: "about-open-folder",
    onclick: async () => {
      try { await call("open_data_folder"); } catch (err) { status.failed(err.message); }
    },
  }, "フォルダを開く");
  const last = a.last_backup
    ? `${a.last_backup.taken_at.replace("T", " ").slice(0, 16)}（${a.last_backup.name}、${mb(a.last_backup.bytes)}）`
    : "まだありません";
  append(clear(root),
    h("div", { class: "page-head" }, h("h1", {}, "この書記について")),
    h("section", { class: "card about" },
      h("dl", { class: "cover-preview" },
        h("dt", {}, "版"), h("dd", { testid: "about-version" }, a.version),
        h("dt", {}, "記録フォルダ"), h("dd", {}, h("span", { testid: "about-data-dir" }, a.data_dir), " ", open),
        h("dt", {}, "記録ファイルの大きさ"), h("dd", { testid: "about-store-size" }, mb(a.store_bytes)),
        h("dt", {}, "最新のバックアップ"), h("dd", { testid: "about-last-backup" }, last)),
      h("p", { class: "note" }, "書記はネットワークを使いません。記録はこのフォルダの中だけにあり、書き出したファイルだけが外に出ます。")));
  open.focus();
}
