//! Every IPC command appears in exactly three places — the handler in commands.rs, the manifest in
//! build.rs and a capability — or the IPC either refuses it or grants something unused. The
//! chair's window may only read.

use std::collections::BTreeSet;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The quoted names between `start` and the following `]`.
fn names_in(text: &str, start: &str, quoted: bool) -> BTreeSet<String> {
    let from = text.find(start).unwrap_or_else(|| panic!("{start} not found"));
    let block = &text[from + start.len()..];
    let block = &block[..block.find(']').unwrap()];
    block
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty() && (!quoted || s.chars().all(|c| c.is_ascii_lowercase() || c == '_')))
        .collect()
}

/// The app's own commands a capability file grants.
fn granted(file: &str) -> BTreeSet<String> {
    let capability: serde_json::Value = serde_json::from_str(&read(file)).unwrap();
    capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|n| n.replace('-', "_")))
        .collect()
}

#[test]
fn handler_manifest_and_capability_agree() {
    let handler = names_in(&read("src-tauri/commands.rs"), "generate_handler![", false);
    let manifest = names_in(&read("build.rs"), "COMMANDS: &[&str] = &[", true);
    let main = granted("capabilities/default.json");
    let chair = granted("capabilities/chair.json");
    assert_eq!(handler, manifest, "commands.rs and build.rs must list the same commands");
    let all: BTreeSet<String> = main.union(&chair).cloned().collect();
    assert_eq!(handler, all, "the capabilities must grant exactly the app's commands");
    assert_eq!(chair, BTreeSet::from(["get_chair_view".to_string()]), "the chair's window only reads");
}

#[test]
fn the_capability_grants_no_plugin_beyond_the_dialogs() {
    let capability: serde_json::Value = serde_json::from_str(&read("capabilities/default.json")).unwrap();
    let plugins: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| p.contains(':'))
        .collect();
    assert_eq!(
        plugins,
        ["dialog:allow-save", "dialog:allow-open", "core:event:allow-listen", "core:event:allow-unlisten"],
        "no fs, shell, http or updater; events heard, never sent"
    );
}

/// A window that listens for the shell's events (the chair's screen for changes, 会議一覧 for the
/// index's build) must be granted it, or its listener is refused and it waits forever.
#[test]
fn each_window_that_listens_may_listen() {
    let listens = |file: &str| read(file).contains("event.listen(");
    let granted = |file: &str| read(file).contains("\"core:event:allow-listen\"");
    // host.js is the main window's (and the chair's own code is chair.js).
    assert!(listens("ui/js/host.js") && granted("capabilities/default.json"), "the main window");
    assert!(granted("capabilities/chair.json"), "the chair's window");
}

#[test]
fn the_csp_allows_only_the_apps_own_assets() {
    let conf: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let csp = conf["app"]["security"]["csp"].as_str().expect("a CSP is set");
    assert!(csp.contains("default-src 'self'"));
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{csp}");
    let origins: Vec<&str> =
        csp.split_whitespace().filter(|t| t.starts_with("http")).map(|t| t.trim_end_matches(';')).collect();
    assert_eq!(origins, ["http://ipc.localhost"], "the only origin beyond 'self' is Tauri's own IPC");
    assert!(conf["build"].get("devUrl").is_none(), "ui/ is embedded; no dev server");
    for entry in std::fs::read_dir(format!("{}/ui", env!("CARGO_MANIFEST_DIR"))).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&path).unwrap();
            assert!(!html.contains("http://") && !html.contains("https://"), "{path:?} loads from the network");
        }
    }
}
