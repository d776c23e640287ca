//! Backups without thinking: a consistent copy of the store in `backups/` beside it at every 開会,
//! 閉会 and 確定 and on quit, the newest `KEEP` of them kept (within `KEEP_BYTES`), and a way back
//! to any of them that keeps the store it replaces. Copies are made with SQLite's online backup
//! API (not by copying the file, which can catch a commit half-way and misses what is still in
//! the -wal).

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::{Store, LOCK_FILE, STORE_FILE};
use crate::error::{Error, Result};
use crate::export::write::{explain, temporary_in};

/// The folder beside the store that holds the backups and the stores replaced by a restore.
pub const BACKUP_DIR: &str = "backups";

/// How many backups `take_backup` keeps at most (the newest). Four a meeting (開会, 閉会, 確定,
/// quit) makes this about the last seven meetings.
pub const KEEP: usize = 30;

/// How many bytes the kept backups may take together (2 GiB): each is a copy of the whole store,
/// and a store of years of meetings is hundreds of MB (the 1,000-meeting archive of the bench,
/// 380 MiB, would keep 11 GiB in 30 copies). Older backups past this go first; the newest
/// `KEEP_ALWAYS` stay whatever their size.
pub const KEEP_BYTES: u64 = 2 << 30;

/// How many of the newest backups are kept whatever their size: two or three meetings' 開会,
/// 閉会, 確定 and quit.
pub const KEEP_ALWAYS: usize = 10;

/// The reasons Shoki takes a backup, as they appear in file names: 開会, 閉会, 確定, quitting,
/// and one asked for on the backups screen.
pub const REASONS: [&str; 5] = ["open", "close", "finalize", "quit", "manual"];

const TIME_FORMAT: &str = "%Y%m%d-%H%M%S";

/// One backup in `backups/`, as listed for the secretary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    /// The file name, `shoki-YYYYMMDD-HHMMSS-<reason>.sqlite3`; what `restore_backup` is given.
    pub name: String,
    /// When it was taken (the shell's local clock, read from the name).
    pub taken_at: NaiveDateTime,
    /// One of `REASONS` (a name written by a later Shoki may carry another word).
    pub reason: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// `shoki-20211213-140000-open.sqlite3` → its time and reason; anything else is not a backup
/// (temporary files, the `replaced-…` folders, whatever else someone put there).
fn parse_name(name: &str) -> Option<(NaiveDateTime, String)> {
    let stem = name.strip_prefix("shoki-")?.strip_suffix(".sqlite3")?;
    let (time, reason) = (stem.get(..15)?, stem.get(15..)?.strip_prefix('-')?);
    let valid_reason = !reason.is_empty() && reason.len() <= 16 && reason.bytes().all(|b| b.is_ascii_lowercase());
    let taken_at = NaiveDateTime::parse_from_str(time, TIME_FORMAT).ok()?;
    valid_reason.then(|| (taken_at, reason.to_string()))
}

/// The backups in `data_dir/backups`, newest first. No folder yet means no backups. Reads only;
/// the store may be open or closed (or damaged). Errors: `Error::Io` if the folder cannot be read.
pub fn list_backups(data_dir: &Path) -> Result<Vec<BackupInfo>> {
    let dir = data_dir.join(BACKUP_DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else { continue };
        let Some((taken_at, reason)) = parse_name(&name) else { continue };
        let meta = entry.metadata()?;
        if meta.is_file() {
            out.push(BackupInfo { name, taken_at, reason, bytes: meta.len() });
        }
    }
    out.sort_by(|a, b| (b.taken_at, &b.name).cmp(&(a.taken_at, &a.name)));
    Ok(out)
}

/// SQLite's own check of a database file, table by table (`quick_check` skips only the
/// cross-check of index contents: O(size), 0.3 s for ten years of ten councils): every table's and
/// index's b-tree, the search index's shadow tables included, but not FTS5's own logical check of
/// the search index, which SQLite 3.44 added to the whole-file check and which took ten times the
/// rest (3.8 s) — the index is derived from the record, and `shoki reindex` builds it anew. A
/// problem comes back as `Error::Damaged`; a file that is no database as SQLite's error.
pub(crate) fn quick_check(conn: &Connection) -> Result<()> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for table in std::iter::once("sqlite_schema".to_string()).chain(tables) {
        let sql = format!("PRAGMA quick_check(\"{}\")", table.replace('"', "\"\""));
        let first: String = conn.query_row(&sql, [], |r| r.get(0))?;
        if first != "ok" {
            return Err(Error::Damaged(first));
        }
    }
    Ok(())
}

/// Whether the files `a` and `b` hold the same bytes; `a` missing or unreadable is "not the same".
/// Read a MiB at a time side by side: an archive of years is hundreds of MB, and the quit backup
/// compares two copies of it (reading both whole once held both in memory). Errors: `Error::Io`
/// when `b` (the fresh copy) cannot be read.
fn same_bytes(a: &Path, b: &Path) -> Result<bool> {
    use std::io::Read;
    let (Ok(mut a), mut b) = (File::open(a), File::open(b)?) else { return Ok(false) };
    if a.metadata().map(|m| m.len()).ok() != Some(b.metadata()?.len()) {
        return Ok(false);
    }
    const CHUNK: usize = 1 << 20;
    let (mut x, mut y) = (vec![0u8; CHUNK], vec![0u8; CHUNK]);
    loop {
        // Both files are regular files of the same length: read_exact on the chunk each has left.
        let n = b.read(&mut y)?;
        if n == 0 {
            return Ok(true);
        }
        if a.read_exact(&mut x[..n]).is_err() || x[..n] != y[..n] {
            return Ok(false);
        }
    }
}

/// A copy's SQLite errors said as the target's problem (a full or read-only stick), not the store's.
fn copy_failed(e: Error) -> Error {
    use rusqlite::ErrorCode::{CannotOpen, DiskFull, ReadOnly};
    use std::io::ErrorKind;
    let kind = match &e {
        Error::Sqlite(inner) => match inner.sqlite_error_code() {
            Some(DiskFull) => ErrorKind::StorageFull,
            Some(ReadOnly) => ErrorKind::ReadOnlyFilesystem,
            Some(CannotOpen) => ErrorKind::PermissionDenied,
            _ => return e,
        },
        Error::Io(inner) => inner.kind(),
        _ => return e,
    };
    Error::Export(explain(&kind.into()))
}

impl Store {
    /// Writes a consistent copy of the whole store to `path` with SQLite's online backup API, as one
    /// file (rollback-journal mode): to a temporary name in the same folder, checked
    /// (`quick_check`), fsynced, then renamed, so a
    /// half-written copy never carries the final name and nothing is left behind on failure. The
    /// copy opens as a Shoki store (`Store::open` on a folder holding it as shoki.sqlite3).
    /// `path` is not checked against the data folder: a copy for a stick goes through
    /// `export::write::check_target` first (`shoki backup --out`). Errors: `Error::Export` for a
    /// full, read-only or missing target; `Error::Damaged` if the store cannot be read whole.
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        copy_to(&self.conn, path)
    }

    /// Takes a backup into `data_dir/backups/shoki-YYYYMMDD-HHMMSS-<reason>.sqlite3` (`now` is the
    /// shell's local time; the core never reads the clock) and keeps the newest `KEEP` (within
    /// `KEEP_BYTES`), through the store's own connection: nothing commits while it runs. For the
    /// backup after a step, which the next turn must not wait for, see `StoreMoment`.
    ///
    /// `reason` is one of `REASONS`; anything else is refused (`Error::Invalid`) so that names stay
    /// ours. A store unchanged since the newest backup is not copied again (same bytes): that
    /// backup's path is answered, and quitting and starting ten times does not push older backups
    /// out. A second backup with the same second and reason replaces the first. Waits for a backup
    /// or restore under way in this process (one at a time). Answers the path of the backup that
    /// holds the store as it is now. Errors as `backup_to`, or `Error::Io`.
    pub fn take_backup(&self, data_dir: &Path, reason: &str, now: NaiveDateTime) -> Result<PathBuf> {
        check_reason(reason)?;
        let _one = one_at_a_time();
        take_backup_from(&self.conn, data_dir, reason, now)
    }
}

/// The store as committed at one moment, held for a backup taken later on another thread
/// (`Store::moment`, then `StoreMoment::take_backup`): a read-only connection of its own with a
/// read transaction open, so the store's connection goes on committing meanwhile (WAL: a reader
/// never holds a writer up) and the copy is the store at the moment, whatever is committed or
/// restored after it. With years of meetings the store is hundreds of MB and its copy, check and
/// fsync take seconds (1.3–1.8 s for the bench's 1,000 meetings on its VM): the backup after 開会,
/// 閉会 and 確定 runs this way, so the step answers at once and the first turns typed after 開会
/// are saved as they are typed. Never writes the store.
pub struct StoreMoment {
    conn: Connection,
}

impl Store {
    /// The store as committed now, for a backup taken later (`StoreMoment`). Errors:
    /// `Error::Sqlite` if a second connection cannot be opened or read.
    pub fn moment(&self) -> Result<StoreMoment> {
        let path = self
            .conn
            .path()
            .map(PathBuf::from)
            .ok_or_else(|| Error::Io(std::io::Error::other("記録ファイルの場所がわかりません")))?;
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        // The snapshot is taken at the first read of the transaction, here, not when the copy
        // begins.
        conn.execute_batch("BEGIN")?;
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))?;
        MOMENTS.fetch_add(1, Ordering::SeqCst);
        Ok(StoreMoment { conn })
    }
}

impl StoreMoment {
    /// Takes a backup of the store as it was at `Store::moment`, as `Store::take_backup` does
    /// (the same names, reasons, comparison with the newest and rotation), after a backup or
    /// restore under way in this process (one at a time: backups after steps in quick succession
    /// follow one another). Errors as `Store::take_backup`; `Error::Io` once Shoki is quitting
    /// (`close_for_exit`).
    pub fn take_backup(self, data_dir: &Path, reason: &str, now: NaiveDateTime) -> Result<PathBuf> {
        check_reason(reason)?;
        let _one = one_at_a_time();
        if quitting() {
            return Err(Error::Io(std::io::Error::other(
                "書記を終了するため取りませんでした（終了時のバックアップに含まれています）",
            )));
        }
        take_backup_from(&self.conn, data_dir, reason, now)
    }
}

/// Ends the step's backups of this process as Shoki quits, after its quit backup: waits for the
/// one under way, and every moment still waiting (`StoreMoment`) then gives up without copying —
/// what it held is in the quit backup — and closes its connection, so none begins as the store
/// closes (it would be cut off by the process's end) and none keeps the store from closing
/// cleanly (an open reader keeps the -wal from being folded in). Returns once every moment is
/// closed (at most 60 s: `wait_for_step_backups`). Only for the end of the process: no step's
/// backup is taken after it.
pub fn close_for_exit() {
    {
        let _one = one_at_a_time();
        CLOSING.store(true, Ordering::SeqCst);
    }
    wait_for_step_backups();
}

/// Waits until no step's backup of this process holds the store open (every `StoreMoment` has
/// copied or given up and closed its connection; at most 60 s). Called with the store's lock held
/// (no new moment can be taken) before the store is closed to be replaced by a restore: an open
/// reader keeps the close from folding the -wal into the file, and the replaced store kept in
/// `backups/replaced-…` would be its file without the last commits (they would be in its -wal
/// beside it). The backups themselves are of the store before the restore, at their steps.
pub fn wait_for_step_backups() {
    for _ in 0..6000 {
        if MOMENTS.load(Ordering::SeqCst) == 0 {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Whether `close_for_exit` has begun: a step's backup from now on gives up.
pub fn quitting() -> bool {
    CLOSING.load(Ordering::SeqCst)
}

/// Set by `close_for_exit`: Shoki is quitting.
static CLOSING: AtomicBool = AtomicBool::new(false);
/// `StoreMoment`s alive in this process (their connections open).
static MOMENTS: AtomicUsize = AtomicUsize::new(0);

impl Drop for StoreMoment {
    fn drop(&mut self) {
        MOMENTS.fetch_sub(1, Ordering::SeqCst);
    }
}

/// One backup or restore at a time in this process: a step's backup (`StoreMoment`) may still be
/// running when the next step's backup, a restore or the quit backup begins. A panic in one
/// (poisoning) does not stop the next.
fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static ONE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    ONE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn check_reason(reason: &str) -> Result<()> {
    if !REASONS.contains(&reason) {
        return Err(Error::invalid("backup.reason", format!("バックアップの理由「{reason}」は使えません。")));
    }
    Ok(())
}

/// `Store::backup_to` through the connection `source`.
fn copy_to(source: &Connection, path: &Path) -> Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(Error::Export(explain(&std::io::ErrorKind::NotFound.into())));
    }
    let tmp = temporary_in(dir);
    let copied = (|| -> Result<()> {
        let mut copy = Connection::open(&tmp)?;
        {
            // One step (-1: every page) in one read of the source: nothing it has not committed
            // is seen, and what commits meanwhile is not, so the copy is the store of one moment.
            let backup = rusqlite::backup::Backup::new(source, &mut copy)?;
            if backup.step(-1)? != rusqlite::backup::StepResult::Done {
                return Err(Error::Io(std::io::Error::other("バックアップを最後まで写せませんでした")));
            }
        }
        // The copied header says WAL; as a single file the copy needs no -wal or -shm beside it.
        copy.pragma_update(None, "journal_mode", "DELETE")?;
        quick_check(&copy)?;
        drop(copy);
        File::open(&tmp)?.sync_all()?;
        fs::rename(&tmp, path)?;
        File::open(dir)?.sync_all()?;
        Ok(())
    })();
    if copied.is_err() {
        for leftover in [tmp.clone(), PathBuf::from(format!("{}-journal", tmp.display()))] {
            let _ = fs::remove_file(leftover);
        }
    }
    copied.map_err(copy_failed)
}

/// `Store::take_backup` through the connection `source`, the reason checked and the turn taken.
fn take_backup_from(source: &Connection, data_dir: &Path, reason: &str, now: NaiveDateTime) -> Result<PathBuf> {
    let dir = data_dir.join(BACKUP_DIR);
    fs::create_dir_all(&dir)?;
    let name = format!("shoki-{}-{reason}.sqlite3", now.format(TIME_FORMAT));
    let newest = list_backups(data_dir)?.into_iter().next();
    // Copied beside the backups under a temporary name first, to compare before it is named.
    let fresh = temporary_in(&dir);
    copy_to(source, &fresh)?;
    if let Some(newest) = newest {
        let newest_path = dir.join(&newest.name);
        match same_bytes(&newest_path, &fresh) {
            Ok(true) => {
                fs::remove_file(&fresh)?;
                return Ok(newest_path);
            }
            Ok(false) => {}
            Err(e) => {
                let _ = fs::remove_file(&fresh);
                return Err(e);
            }
        }
    }
    let path = dir.join(&name);
    if let Err(e) = fs::rename(&fresh, &path) {
        let _ = fs::remove_file(&fresh);
        return Err(e.into());
    }
    File::open(&dir)?.sync_all()?;
    // Best effort: a backup that cannot be removed now is removed at the next one.
    for old in past_keeping(list_backups(data_dir)?) {
        let _ = fs::remove_file(dir.join(old.name));
    }
    Ok(path)
}

/// Removes the temporary copies (`.shoki-*.tmp` and their -journal) a backup or a restore cut off
/// by a crash, a kill or a power cut left in `dir` (`backups/` or the data folder), each as large
/// as the store. Called as the store opens (`Store::open`), once the instance lock is held: no
/// other Shoki writes them, and this one's copies clean up after themselves when they fail.
/// Best effort.
pub(crate) fn remove_leftovers(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".shoki-") && (name.ends_with(".tmp") || name.ends_with(".tmp-journal")) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Of `backups` (newest first, as `list_backups` lists them), those the rotation removes: past the
/// newest `KEEP`, and past `KEEP_ALWAYS` every one from the first that brings the backups up to it
/// (newest first) over `KEEP_BYTES` — older ones go first, a small old one is not kept in place
/// of a newer large one.
fn past_keeping(backups: Vec<BackupInfo>) -> Vec<BackupInfo> {
    let mut bytes_so_far = 0u64;
    let mut kept = 0;
    backups
        .into_iter()
        .filter(|b| {
            bytes_so_far = bytes_so_far.saturating_add(b.bytes);
            let keep = kept < KEEP && (kept < KEEP_ALWAYS || bytes_so_far <= KEEP_BYTES);
            kept += usize::from(keep);
            !keep
        })
        .collect()
}

/// Puts the backup `name` (as `list_backups` lists it) back as the store, keeping the store it
/// replaces: shoki.sqlite3 and its -wal and -shm are moved, never overwritten or deleted, into
/// `backups/replaced-YYYYMMDD-HHMMSS/` (`now` from the shell). The backup itself stays listed.
///
/// Must be called with the store closed; waits for a backup under way in this process (one at a
/// time). It takes the instance lock itself and answers `Error::Locked` while any `Store` (this
/// process's or another Shoki's) holds it. A name that is not in the list is refused
/// (`Error::NotFound`), so no path can reach outside `backups/`; a backup that is itself damaged
/// is refused (`Error::Damaged`) before anything is moved. Answers the folder holding the
/// replaced store. Errors: `Error::Io` if a file cannot be moved (what was moved is moved back
/// where the OS allows).
pub fn restore_backup(data_dir: &Path, name: &str, now: NaiveDateTime) -> Result<PathBuf> {
    let _one = one_at_a_time();
    let backups = data_dir.join(BACKUP_DIR);
    if !list_backups(data_dir)?.iter().any(|b| b.name == name) {
        return Err(Error::NotFound("そのバックアップ"));
    }
    let lock = File::options().create(true).truncate(false).write(true).open(data_dir.join(LOCK_FILE))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => return Err(Error::Locked),
        Err(fs::TryLockError::Error(e)) => return Err(Error::Io(e)),
    }
    let chosen = backups.join(name);
    // Read-only: checking a backup never changes it (ours are single files, no -wal to fold in).
    quick_check(&Connection::open_with_flags(&chosen, OpenFlags::SQLITE_OPEN_READ_ONLY)?)?;

    // The copy is made first, beside the store, so that the swap below is only renames.
    let incoming = temporary_in(data_dir);
    let copied = fs::copy(&chosen, &incoming).and_then(|_| File::open(&incoming)?.sync_all());
    if let Err(e) = copied {
        let _ = fs::remove_file(&incoming);
        return Err(e.into());
    }

    let aside = new_folder(&backups, &format!("replaced-{}", now.format(TIME_FORMAT)))?;
    let store = data_dir.join(STORE_FILE);
    let mut moved = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", store.display()));
        if !from.exists() {
            continue;
        }
        let to = aside.join(format!("{STORE_FILE}{suffix}"));
        if let Err(e) = fs::rename(&from, &to) {
            for (from, to) in moved.iter().rev() {
                let _ = fs::rename(to, from);
            }
            let _ = fs::remove_file(&incoming);
            return Err(Error::Io(e));
        }
        moved.push((from, to));
    }
    fs::rename(&incoming, &store)?;
    File::open(data_dir)?.sync_all()?;
    File::open(&aside)?.sync_all()?;
    Ok(aside)
}

/// Creates `parent/base`, or `base-2`, `base-3` … if taken: a folder made now, never one in use.
fn new_folder(parent: &Path, base: &str) -> Result<PathBuf> {
    for n in 1..100 {
        let path = if n == 1 { parent.join(base) } else { parent.join(format!("{base}-{n}")) };
        match fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(Error::Io(std::io::Error::other("backups フォルダに置き場所を作れません")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_names_are_backups() {
        let (t, r) = parse_name("shoki-20211213-140000-open.sqlite3").unwrap();
        assert_eq!(t.to_string(), "2021-12-13 14:00:00");
        assert_eq!(r, "open");
        for not in [
            "shoki-20211213-140000-.sqlite3",
            "shoki-20211213-140000-open.sqlite3-journal",
            "shoki-20211313-140000-open.sqlite3",
            "shoki-20211213-140000-../x.sqlite3",
            ".shoki-1-0.tmp",
            "replaced-20211213-140000",
            "shoki-20211213-140000-Open.sqlite3",
        ] {
            assert!(parse_name(not).is_none(), "{not}");
        }
    }

    #[test]
    fn files_are_the_same_only_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            fs::write(&path, bytes).unwrap();
            path
        };
        // Longer than one chunk, so the last chunk is compared too.
        let big: Vec<u8> = (0..(1 << 20) + 4097).map(|i| (i % 251) as u8).collect();
        let mut last = big.clone();
        *last.last_mut().unwrap() ^= 1;
        let a = file("a", &big);
        assert!(same_bytes(&a, &file("same", &big)).unwrap());
        assert!(!same_bytes(&a, &file("last", &last)).unwrap());
        assert!(!same_bytes(&a, &file("short", &big[..big.len() - 1])).unwrap());
        assert!(!same_bytes(&dir.path().join("missing"), &a).unwrap());
        assert!(same_bytes(&file("e1", b""), &file("e2", b"")).unwrap());
        assert!(same_bytes(&dir.path().join("missing"), &dir.path().join("missing too")).is_err());
    }
}
