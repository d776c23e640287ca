//! The app shell: opens the store, builds the window, and hands each IPC command to the core.
//! No SQL and no council rule lives here.

mod cli;
mod commands;
mod pdf;
pub mod webview;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use shoki_core::Store;
use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

/// The store, or why it could not be opened (another instance, a newer version, a full disk).
/// Commands answer with that error, and the UI shows it instead of the meeting list.
pub struct AppState {
    store: Arc<Mutex<Result<Store, commands::CommandError>>>,
    data_dir: PathBuf,
    /// Set once the app runs: commands that change the record tell the windows through it.
    app: std::sync::OnceLock<tauri::AppHandle>,
    /// Changes left for the search index's build (`build_index`); 0 when there is none.
    index_progress: Arc<std::sync::atomic::AtomicI64>,
    /// Stops the archive search's count under way, if any (`count_all`): a new search stops it.
    counting: Mutex<Option<shoki_core::store::live::CountStopper>>,
}

/// The folder `SHOKI_DATA_DIR` names, if it is set and not empty (tests use a temp dir; `shoki
/// generate` fills only such a folder, never the secretary's own).
pub(crate) fn named_data_dir() -> Option<PathBuf> {
    std::env::var_os("SHOKI_DATA_DIR").filter(|d| !d.is_empty()).map(PathBuf::from)
}

/// Where the store lives: `SHOKI_DATA_DIR` when set (`named_data_dir`), else the OS app-data
/// directory for our identifier.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = named_data_dir() {
        return dir;
    }
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("jp.shoki.app")
}

/// Opens the store, waiting briefly if the lock is held: a window that was just closed may still be
/// releasing it when the secretary starts Shoki again.
pub(crate) fn open_store(dir: &std::path::Path) -> shoki_core::Result<Store> {
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        match Store::open(dir) {
            Err(shoki_core::Error::Locked) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(100))
            }
            other => return other,
        }
    }
}

/// Only the app's own pages may load in a window; anything else (a pasted link, a stray
/// navigation) is refused, so nothing can leave the laptop through the webview.
pub(crate) fn is_own_page(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

/// Builds the search index a step at a time whenever a build waits (an upgraded store's first
/// index, thousands of turns imported at once: store/index.rs), so the window opens at once and a
/// commit waits one step at most. Looks every two seconds; while building, the window is told how
/// far it has got (`index-progress`: `{ left, total }`, `left` 0 at the end) and shows a progress
/// bar on 会議一覧; `index_progress` answers the same for a window opened meanwhile.
fn build_index(app: tauri::AppHandle) {
    use std::sync::atomic::Ordering;
    use tauri::Emitter;
    let state = app.state::<AppState>();
    let (store, progress) = (state.store.clone(), state.index_progress.clone());
    std::thread::spawn(move || {
        let mut total = 0;
        loop {
            // One step holds the store 40 ms at most; the pause after it lets the window's
            // commits and drafts in first (the lock is not fair), so typing never waits long.
            let left = {
                let mut guard = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                match guard.as_mut() {
                    Ok(s) => match s.index_backlog() {
                        Ok(waiting) if waiting > shoki_core::INDEX_BUILD || total > 0 => {
                            total = total.max(waiting);
                            // A store failing here is said at its next use; the build stops.
                            s.index_step(std::time::Duration::from_millis(40)).unwrap_or(0)
                        }
                        _ => -1,
                    },
                    Err(_) => -1,
                }
            };
            if left < 0 {
                std::thread::sleep(std::time::Duration::from_secs(2));
                continue;
            }
            progress.store(left, Ordering::Relaxed);
            let _ = app.emit("index-progress", serde_json::json!({ "left": left, "total": total }));
            if left == 0 {
                total = 0;
            }
            std::thread::sleep(std::time::Duration::from_millis(30));
        }
    });
}

/// glibc's malloc raises its threshold for giving a large block its own mapping each time such a
/// block is freed, so after a while the web process's large blocks (painted layers, software GL's
/// buffers) land in the main heap, which cannot shrink past a block still in use: over a six-hour
/// sitting the secretary's web process grew by 29 MiB there (`make bench`, README "The archive").
/// A fixed threshold (glibc's default, 128 KiB: see mallopt(3)) gives every large block back when
/// it is freed. WebKit's processes inherit this process's environment, so the setting is made
/// here, before any thread or process starts; a threshold the user set (this variable or
/// `GLIBC_TUNABLES`' `glibc.malloc.mmap_threshold`) is kept.
fn keep_large_blocks_returnable() {
    const VAR: &str = "MALLOC_MMAP_THRESHOLD_";
    let tuned = std::env::var("GLIBC_TUNABLES").is_ok_and(|t| t.contains("glibc.malloc.mmap_threshold"));
    if std::env::var_os(VAR).is_none() && !tuned {
        std::env::set_var(VAR, "131072");
    }
}

/// The program: `args` (without the program's name) empty opens the window, anything else is a
/// command of the CLI (`cli::run`). Returns the process's exit code (0 when all went well).
/// Called once, from `main`, while the process has one thread (it sets an environment variable).
pub fn main_entry(args: Vec<String>) -> i32 {
    keep_large_blocks_returnable();
    if !args.is_empty() {
        return cli::run(&args);
    }
    let dir = data_dir();
    // The store opens while the window and its web process start (a few tenths of a second
    // either way; after a crash the store's check takes as long again): the opener holds the
    // lock from before the window exists, so the first command waits for the store, never sees
    // it missing.
    let store = Arc::new(Mutex::new(Err(commands::CommandError {
        code: "STORE_FAILED",
        message: "記録ファイルを開いています。".into(),
    })));
    let (locked, opening) = std::sync::mpsc::channel();
    {
        let (store, dir) = (store.clone(), dir.clone());
        std::thread::spawn(move || {
            let mut guard = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let _ = locked.send(());
            *guard = open_store(&dir).map_err(|e| {
                eprintln!("shoki: {e}");
                commands::CommandError::from(e)
            });
        });
    }
    let _ = opening.recv();
    let state = AppState {
        store,
        data_dir: dir,
        app: std::sync::OnceLock::new(),
        index_progress: Default::default(),
        counting: Mutex::new(None),
    };
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(commands::handler())
        .setup(|app| {
            let _ = app.state::<AppState>().app.set(app.handle().clone());
            // The system asking Shoki to end (shutdown, logout) ends it as the window's close
            // does: through the app's exit, so the quit backup is taken.
            let handle = app.handle().clone();
            let mut signals =
                signal_hook::iterator::Signals::new([signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP])?;
            std::thread::spawn(move || {
                if signals.forever().next().is_some() {
                    handle.exit(0);
                }
            });
            build_index(app.handle().clone());
            let main = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title("書記 — 会議録")
                .inner_size(1280.0, 800.0)
                .min_inner_size(960.0, 600.0)
                .on_navigation(is_own_page)
                .build()?;
            webview::configure(&main);
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("error while building Shoki")
        .run(|app, event| {
            // Quitting is the last moment of a working day: a backup, as at 開会, 閉会 and 確定.
            if let tauri::RunEvent::Exit = event {
                let state = app.state::<AppState>();
                let mut guard = state.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                if let Ok(store) = guard.as_ref() {
                    commands::backup_at_quit(store, &state.data_dir);
                }
                // Closed here, not left to the process's end: a clean close stamps the file, and
                // the next start need not check it whole (store/mod.rs, CLEAN_FILE).
                *guard = Err(commands::CommandError {
                    code: "STORE_FAILED", message: "書記を終了しています。".into()
                });
            }
        });
    0
}
