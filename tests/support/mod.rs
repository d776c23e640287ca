//! What every end-to-end journey needs: a virtual display, one tauri-driver, and a small W3C
//! WebDriver client over plain HTTP/1.1 (no HTTP crate: the protocol here is a few JSON calls).

#![allow(dead_code)] // each journey file uses a different part of the harness

pub mod reference;
pub mod webdriver;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Journeys share one display server and driver port, so they take turns.
pub fn one_at_a_time() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|p| p.into_inner())
}

/// A fresh data directory for one journey, never shared with another, removed when dropped.
pub struct DataDir(tempfile::TempDir);

impl DataDir {
    pub fn new(tag: &str) -> DataDir {
        DataDir(tempfile::Builder::new().prefix(&format!("shoki-e2e-{tag}-")).tempdir().unwrap())
    }
    pub fn path(&self) -> &Path {
        self.0.path()
    }
}

/// A fresh data directory holding the sample meeting, for the journeys that start from it.
pub fn sample_store(tag: &str) -> (DataDir, i64) {
    let data = DataDir::new(tag);
    let id = {
        let mut store = shoki_core::Store::open(data.path()).unwrap();
        store.load_sample().unwrap().id
    };
    (data, id)
}

/// Opens the journey's store from the test, once the app that held it has let go: the window
/// may close a moment before its process releases the lock.
pub fn open_store(dir: &Path) -> shoki_core::Store {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match shoki_core::Store::open(dir) {
            Ok(store) => return store,
            Err(shoki_core::Error::Locked) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(100))
            }
            Err(e) => panic!("the store did not open: {e}"),
        }
    }
}

/// Every script and page of the window (each .js and .html under ui/), in no set order.
pub fn ui_sources() -> Vec<PathBuf> {
    sources("ui", &["js", "html"])
}

/// Every file under the project's folder `under` (e.g. "tests") whose extension is one of
/// `extensions`, in no set order.
pub fn sources(under: &str, extensions: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(under)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e)) {
                found.push(path);
            }
        }
    }
    found
}

/// Every process on the machine for which `keep(pid)` holds (a process that ends meanwhile is
/// simply not kept: `keep` answers false when its /proc files are gone).
pub fn processes_where(keep: impl Fn(u32) -> bool) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .filter(|&pid| keep(pid))
        .collect()
}

/// The processes whose parent is `pid` (for Shoki: its WebKit processes).
pub fn children_of(pid: u32) -> Vec<u32> {
    let parent_of = |child: u32| -> Option<u32> {
        let stat = std::fs::read_to_string(format!("/proc/{child}/stat")).ok()?;
        // The parent is the second field after the name, which may hold spaces: after ')'.
        stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.parse().ok()
    };
    processes_where(|child| parent_of(child) == Some(pid))
}

/// Whether process `pid` was started with `entry` ("NAME=value") in its environment; false for a
/// process that has ended.
pub fn environ_has(pid: u32, entry: &str) -> bool {
    std::fs::read(format!("/proc/{pid}/environ"))
        .is_ok_and(|environ| environ.split(|&b| b == 0).any(|kv| kv == entry.as_bytes()))
}

/// Polls `ok` until it holds, for at most 20 seconds.
pub fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !ok() {
        assert!(std::time::Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
}

/// Where journeys leave their screenshots for a person to look at.
pub fn shot_path(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e-shots");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{name}.png"))
}
