// バックアップ: the copies Shoki takes of the record file by itself (開会, 閉会, 確定, quitting), newest
// first, and a way back to any of them. Going back keeps the record it replaces in backups/, so a
// wrong choice can be undone; this screen also works when the record file cannot be opened.

import { call } from "../host.js";
import { h, append, clear } from "../dom.js";
import { onKey } from "../ime.js";
import * as status from "../status.js";

const REASON = { open: "開会", close: "閉会", finalize: "確定", quit: "終了", manual: "手動" };

/// 2021-12-13T14:00:05 → 2021年12月13日（月）14:00:05, as the name of the file says it.
function when(iso) {
  const [date, time] = iso.split("T");
  const [y, m, d] = date.split("-").map(Number);
  const day = "日月火水木金土"[new Date(y, m - 1, d).getDay()];
  return `${y}年${m}月${d}日（${day}）${time}`;
}

function size(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export async function showBackups(root, go) {
  const [backups, startup] = await Promise.all([
    call("list_backups"),
    call("get_startup").catch(() => null),
  ]);
  const refresh = () => showBackups(root, go);
  const result = h("div", { class: "export-result", testid: "backup-result", role: "status" });

  const take = async (e) => {
    e.target.disabled = true;
    try {
      await call("take_backup");
      status.saved();
      await refresh();
    } catch (err) {
      e.target.disabled = false;
      result.className = "export-result error";
      result.textContent = err.message;
    }
  };

  const rows = backups.map((b) => backupRow(b, go, result));
  append(clear(root),
    h("div", { class: "page-head" }, h("h1", {}, "バックアップ"),
      startup ? h("button", { class: "secondary", testid: "take-backup", onclick: take }, "いまバックアップを取る") : null),
    h("p", { class: "note" },
      "開会・閉会・確定のときと、書記を終了するときに、記録ファイルの写しを自動で取っています（新しいものから30件を残します。記録が大きく合わせて2GBを超えるときは、新しい10件を残して古いものから消します）。",
      startup ? ` 置き場所：${startup.data_dir}/backups` : ""),
    h("p", { class: "note" },
      "「この時点に戻す」と、記録はその時点に戻ります。いまの記録は消さずに backups フォルダの中に移して残すので、あとから戻し直せます。"),
    result,
    backups.length
      ? h("table", { class: "list", testid: "backup-list" },
          h("thead", {}, h("tr", {}, h("th", {}, "日時"), h("th", {}, "きっかけ"), h("th", {}, "大きさ"), h("th", {}, ""))),
          h("tbody", {}, rows))
      : h("p", { class: "empty", testid: "backup-list-empty" }, "バックアップはまだありません。開会・閉会・確定のとき、書記を終了するときに作られます。"));
  const first = root.querySelector("[data-testid^=restore-backup-], [data-testid=take-backup]");
  if (first) first.focus();
}

function backupRow(b, go, result) {
  const actions = h("div", { class: "actions" });
  const normal = () => [h("button", { class: "secondary", testid: `restore-backup-${b.name}`, onclick: ask }, "この時点に戻す")];
  const cancel = () => {
    actions.replaceChildren(...normal());
    actions.querySelector("button").focus();
  };
  function ask() {
    const yes = h("button", {
      class: "danger", testid: `confirm-restore-${b.name}`,
      onclick: async (e) => {
        e.target.disabled = true;
        result.className = "export-result";
        result.textContent = "戻しています…";
        try {
          const aside = await call("restore_backup", { name: b.name });
          status.saved();
          await go("list");
          // Said on 会議一覧, where the secretary now checks the restored record.
          status.info(`${when(b.taken_at)}の記録に戻しました。それまでの記録は ${aside} に残しています。`);
        } catch (err) {
          e.target.disabled = false;
          result.className = "export-result error";
          result.textContent = err.message;
          status.failed("戻せませんでした。");
        }
      },
    }, "戻す（いまの記録は backups に残します）");
    const no = h("button", { class: "secondary", testid: `cancel-restore-${b.name}`, onclick: cancel }, "やめる");
    const row = h("span", { class: "confirm" }, `${when(b.taken_at)}の記録に戻しますか？`);
    actions.replaceChildren(row, yes, no);
    no.focus();
  }
  // Escape leaves the question as やめる does.
  onKey(actions, (event) => {
    if (event.key !== "Escape" || !actions.querySelector(".confirm")) return;
    event.preventDefault();
    cancel();
  });
  actions.append(...normal());
  return h("tr", { testid: `backup-${b.name}` },
    h("td", {}, when(b.taken_at)),
    h("td", {}, REASON[b.reason] || b.reason),
    h("td", { class: "num" }, size(b.bytes)),
    h("td", {}, actions));
}
