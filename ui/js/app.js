// Starts the app: asks the shell whether the store opened, then shows 会議一覧. Views are plain
// functions (root, go, params); go() switches between them and keeps the breadcrumb in step.

import { call } from "./host.js";
import { h, clear, append } from "./dom.js";
import * as status from "./status.js";
import { showList } from "./views/list.js";
import { showPrep } from "./views/prep.js";
import { showCouncil } from "./views/council.js";
import { leaveLive, showLive } from "./views/live.js";
import { showExport } from "./views/export.js";
import { showBackups } from "./views/backups.js";
import { showAbout } from "./views/about.js";

const root = document.getElementById("view");
const crumbs = document.querySelector('[data-testid="crumbs"]');

const VIEWS = {
  list: { show: showList, crumb: null },
  meeting: { show: showPrep, crumb: "会議の準備" },
  council: { show: showCouncil, crumb: "審議会の設定" },
  live: { show: showLive, crumb: "会議の記録" },
  export: { show: showExport, crumb: "会議録の書き出し" },
  backups: { show: showBackups, crumb: "バックアップ" },
  about: { show: showAbout, crumb: "この書記について" },
};

async function go(name, params = {}) {
  const view = VIEWS[name];
  if (name !== "live") leaveLive();
  append(clear(crumbs),
    h("button", { class: "link", testid: "nav-list", onclick: () => go("list") }, "会議一覧"),
    view.crumb ? h("span", { class: "sep" }, "›") : null,
    view.crumb ? h("span", { testid: "crumb-current" }, view.crumb) : null);
  root.dataset.view = name;
  try {
    await view.show(root, go, params);
  } catch (err) {
    status.failed(err.message || String(err));
    clear(root).append(h("div", { class: "fatal", testid: "view-error" }, err.message || String(err)));
  }
}

function startupError(err) {
  // A damaged record file is not "intact": the way out is a backup, on the backups screen.
  const damaged = err.code === "STORE_DAMAGED";
  clear(root).append(h("section", { class: "fatal", testid: "startup-error", "data-code": err.code },
    h("h1", {}, damaged ? "記録ファイルが壊れています" : "書記を開けませんでした"),
    h("p", {}, err.message),
    damaged
      ? h("button", { testid: "startup-backups", onclick: () => go("backups") }, "バックアップから戻す")
      : h("p", { class: "note" }, "記録はそのまま残っています。このウィンドウを閉じてください。")));
}

async function start() {
  let startup;
  try {
    startup = await call("get_startup");
  } catch (err) {
    startupError(err);
    return;
  }
  // After a crash or power cut, reopen the meeting that was being recorded, draft and all.
  const live = startup.in_session;
  await go(live ? "live" : "list", live ? { id: live } : {});
  // The end of the first frame that shows the screen (its style, layout and paint done): where
  // the start-up figure of `make bench` ends (tests/bench_window.rs), read by the page's own clock.
  requestAnimationFrame(() => setTimeout(() => performance.mark("shoki:first-screen-painted"), 0));
}

start();
