// The only file that touches window.__TAURI__: every IPC call of the app goes through call().
// A failure always arrives as {code, message}; screens branch on code, never on the text.

export async function call(command, args = {}) {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core) {
    throw { code: "NO_HOST", message: "書記の本体に接続できません。書記を起動し直してください。" };
  }
  try {
    return await tauri.core.invoke(command, args);
  } catch (err) {
    if (err && typeof err === "object" && "code" in err) throw err;
    // Argument errors from the IPC layer itself come as plain strings.
    throw { code: "BAD_REQUEST", message: `入力を受け付けられませんでした（${String(err)}）。` };
  }
}

/// Calls `fn` each time the shell says the record changed (a command that writes succeeded):
/// how the chair's screen follows the secretary's without polling. Does nothing without a host.
export function onRecordChanged(fn) {
  const tauri = window.__TAURI__;
  if (tauri && tauri.event) tauri.event.listen("record-changed", () => fn());
}

/// Calls `fn({ left, total })` as the search index's build goes on (after an upgrade; see the
/// shell's build_index). Does nothing without a host.
export function onIndexProgress(fn) {
  const tauri = window.__TAURI__;
  if (tauri && tauri.event) tauri.event.listen("index-progress", (e) => fn(e.payload));
}
