//! A damaged store is named and left as found (issue 8): a truncated file, garbage, an emptied file
//! beside its -wal or its backups are refused at open with STORE_DAMAGED, byte for byte unchanged,
//! and the message never says the record is intact or blames disk space.

mod common;

use std::fs;
use std::path::Path;

use common::TempDir;
use shoki_core::Store;

/// A folder holding a real store with the sample meeting, closed (its -wal folded in).
fn sample_store(tag: &str) -> TempDir {
    let dir = TempDir::new(tag);
    Store::open(dir.path()).unwrap().load_sample().unwrap();
    dir
}

/// Every file in the folder (not its subfolders) with its size and a digest of its bytes, except
/// the lock file and the -shm index (SQLite may create one just to look; it holds no record).
fn files(dir: &Path) -> Vec<(String, usize, u64)> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let digest = |bytes: &[u8]| {
        let mut h = DefaultHasher::new();
        bytes.hash(&mut h);
        h.finish()
    };
    let mut out: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| {
            let bytes = fs::read(e.path()).unwrap();
            (e.file_name().to_string_lossy().into_owned(), bytes.len(), digest(&bytes))
        })
        .filter(|(name, _, _)| name != "shoki.lock" && !name.ends_with("-shm"))
        .collect();
    out.sort();
    out
}

/// Opens, expects STORE_DAMAGED, and checks nothing was changed or created beside the store.
fn refused(dir: &Path) -> String {
    let before = files(dir);
    let err = match Store::open(dir) {
        Ok(_) => panic!("a damaged store must not open"),
        Err(e) => e,
    };
    assert_eq!(err.code(), "STORE_DAMAGED", "{err}");
    let message = err.to_string();
    assert!(message.contains("壊れて"), "the message names the damage: {message}");
    assert!(message.contains("バックアップ"), "and the way out: {message}");
    assert!(!message.contains("そのまま残っています") && !message.contains("ディスクの空き"), "{message}");
    assert_eq!(files(dir), before, "the files are left exactly as found");
    message
}

#[test]
fn a_truncated_store_is_refused_and_left_as_found() {
    let dir = sample_store("truncated");
    let path = Store::path(dir.path());
    let bytes = fs::read(&path).unwrap();
    assert!(bytes.len() > 16 * 4096, "the sample fills many pages");
    fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
    refused(dir.path());
}

#[test]
fn a_store_with_a_page_overwritten_is_refused() {
    let dir = sample_store("malformed");
    let path = Store::path(dir.path());
    let mut bytes = fs::read(&path).unwrap();
    // Page 3 onward holds tables; noise over one page is what a bad sector or a stray write leaves.
    for (i, b) in bytes[2 * 4096..3 * 4096].iter_mut().enumerate() {
        *b = (i * 7 % 251) as u8;
    }
    fs::write(&path, &bytes).unwrap();
    refused(dir.path());
}

/// The check at opening goes table by table (the search index's own logical check left out, for
/// time): whatever page is overwritten with noise, a store SQLite's whole-file check finds
/// damaged is refused by it too.
#[test]
fn any_page_overwritten_is_found_as_the_whole_file_check_finds_it() {
    let dir = sample_store("every-page");
    let path = Store::path(dir.path());
    let good = fs::read(&path).unwrap();
    let pages = good.len() / 4096;
    let mut damaged = 0;
    for page in 1..pages {
        let mut bytes = good.clone();
        for (i, b) in bytes[page * 4096..(page + 1) * 4096].iter_mut().enumerate() {
            *b = (i * 7 % 251) as u8;
        }
        fs::write(&path, &bytes).unwrap();
        let whole = rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| c.query_row("PRAGMA quick_check(1)", [], |r| r.get::<_, String>(0)))
            .is_ok_and(|first| first == "ok");
        if !whole {
            damaged += 1;
            refused(dir.path());
        }
        let _ = fs::remove_file(dir.path().join("shoki.closed"));
    }
    assert!(damaged * 2 > pages, "most pages hold the record: {damaged} of {pages}");
    fs::write(&path, &good).unwrap();
}

#[test]
fn garbage_is_not_a_store() {
    let dir = TempDir::new("garbage");
    fs::write(Store::path(dir.path()), "これは会議録ではありません。".repeat(400)).unwrap();
    refused(dir.path());
}

#[test]
fn an_empty_store_beside_its_wal_is_not_started_afresh() {
    let dir = TempDir::new("empty-wal");
    fs::write(Store::path(dir.path()), b"").unwrap();
    fs::write(dir.path().join("shoki.sqlite3-wal"), vec![7u8; 8192]).unwrap();
    let message = refused(dir.path());
    assert!(message.contains("shoki.sqlite3-wal"), "{message}");
    // The same with the main file gone altogether.
    fs::remove_file(Store::path(dir.path())).unwrap();
    refused(dir.path());
    assert!(!Store::path(dir.path()).exists(), "no new store was made");
}

#[test]
fn an_empty_store_beside_backups_is_not_started_afresh() {
    let dir = sample_store("empty-backups");
    {
        let store = Store::open(dir.path()).unwrap();
        store.take_backup(dir.path(), "quit", common::at("17:00:00")).unwrap();
    }
    fs::write(Store::path(dir.path()), b"").unwrap();
    let message = refused(dir.path());
    assert!(message.contains("backups"), "{message}");
}

#[test]
fn a_new_folder_and_an_empty_file_alone_still_make_a_new_store() {
    let dir = TempDir::new("fresh");
    assert!(Store::open(dir.path()).unwrap().is_empty().unwrap());
    let dir = TempDir::new("fresh-empty");
    fs::write(Store::path(dir.path()), b"").unwrap();
    assert!(Store::open(dir.path()).unwrap().is_empty().unwrap(), "an empty file with nothing beside it is new");
}

/// A store that is gone while its backups are there is not replaced by an empty one: the record
/// was there, and the way on is a restore (or moving the backups away on purpose).
#[test]
fn a_missing_store_beside_its_backups_is_not_started_afresh() {
    let dir = TempDir::new("missing-with-backups");
    {
        let mut store = Store::open(dir.path()).unwrap();
        store.load_sample().unwrap();
        store
            .take_backup(
                dir.path(),
                "close",
                chrono::NaiveDate::from_ymd_opt(2021, 12, 13).unwrap().and_hms_opt(17, 0, 0).unwrap(),
            )
            .unwrap();
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.path().join(format!("shoki.sqlite3{suffix}")));
    }
    let err = Store::open(dir.path()).err().expect("refused");
    assert_eq!(err.code(), "STORE_DAMAGED", "{err}");
    assert!(!dir.path().join("shoki.sqlite3").exists(), "no empty store was made");
    std::fs::create_dir(dir.path().join("shoki.sqlite3")).unwrap();
    let err = Store::open(dir.path()).err().expect("a folder is no store");
    assert!(err.to_string().contains("フォルダ"), "{err}");
}

/// A clean close stamps the store as left, and the next opening that finds it so need not check
/// the file whole; the stamp counts once, and any change to the file — bytes overwritten in place,
/// the same length — is still found damaged.
#[test]
fn a_clean_close_spares_the_next_check_but_never_a_changed_file() {
    let dir = common::TempDir::new("clean-close");
    {
        let mut store = Store::open(dir.path()).unwrap();
        store.load_sample().unwrap();
    }
    assert!(dir.path().join("shoki.closed").exists(), "stamped at a clean close");
    drop(Store::open(dir.path()).unwrap());
    let path = Store::path(dir.path());
    let mut bytes = std::fs::read(&path).unwrap();
    let len = bytes.len();
    for b in &mut bytes[4096..len.min(4096 * 3)] {
        *b = 0xA5;
    }
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().len() as usize, len, "the same length");
    let e = Store::open(dir.path()).err().expect("a changed file is checked");
    assert_eq!(e.code(), "STORE_DAMAGED", "{e}");
}
