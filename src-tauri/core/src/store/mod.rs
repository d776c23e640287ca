//! The one SQLite file that holds everything the secretary typed. Every change is its own committed
//! transaction before the caller hears it is saved.

pub mod backup;
mod council;
pub mod field_draft;
pub mod generate;
mod import_check;
mod index;
pub use index::BUILD as INDEX_BUILD;
pub mod live;
mod meeting;
pub mod migrations;
pub mod phrase;
mod snapshot;
pub mod status;
pub mod transfer;
pub mod vote;

pub use council::CouncilField;
pub use meeting::{AttendanceCorrection, MeetingField};

use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

pub const STORE_FILE: &str = "shoki.sqlite3";
pub const LOCK_FILE: &str = "shoki.lock";

pub struct Store {
    conn: Connection,
    /// Held for the life of the store so that a second Shoki cannot open the same file.
    _lock: Option<File>,
    /// The folder of a store on disk, where a clean close leaves its stamp (`CLEAN_FILE`).
    dir: Option<PathBuf>,
}

/// Left by a clean close: the store file's length and modification time as Shoki left it. An
/// opening that finds the file exactly so skips SQLite's whole-file check (which, with the
/// search index, takes seconds for years of minutes); after a crash, or anything else writing the
/// file, there is no stamp or it does not match, and the file is checked.
const CLEAN_FILE: &str = "shoki.closed";

/// (length, modification time in nanoseconds) of a file, as a stamp.
fn stamp_of(path: &Path) -> Option<String> {
    let meta = fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(format!("{} {}", meta.len(), modified.as_nanos()))
}

impl Drop for Store {
    /// Closes the connection (checkpointing the -wal into the file), then stamps the file as left.
    fn drop(&mut self) {
        let Some(dir) = self.dir.take() else { return };
        let conn = std::mem::replace(
            &mut self.conn,
            match Connection::open_in_memory() {
                Ok(c) => c,
                Err(_) => return,
            },
        );
        if conn.close().is_err() {
            return;
        }
        let path = dir.join(STORE_FILE);
        let wal = dir.join(format!("{STORE_FILE}-wal"));
        // Only a file with nothing left in a -wal is stamped: it is all there is.
        if fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) == 0 {
            if let Some(stamp) = stamp_of(&path) {
                let _ = fs::write(dir.join(CLEAN_FILE), stamp);
            }
        }
    }
}

/// Refuses a store file that is empty or missing where something says there was a record: a
/// non-empty -wal beside it, or backups. A new folder has neither. A folder in the store's place
/// is refused too.
fn refuse_emptied(dir: &Path) -> Result<()> {
    if dir.join(STORE_FILE).is_dir() {
        return Err(Error::Damaged("shoki.sqlite3 がファイルではなくフォルダになっています".into()));
    }
    let len = |name: &str| fs::metadata(dir.join(name)).map(|m| m.len()).ok();
    let store = len(STORE_FILE);
    if store.is_some_and(|n| n > 0) {
        return Ok(());
    }
    let what = if store.is_some() { "ファイルが空です" } else { "ファイルがありません" };
    if len(&format!("{STORE_FILE}-wal")).is_some_and(|n| n > 0) {
        return Err(Error::Damaged(format!("{what}が、書き込み途中の記録 shoki.sqlite3-wal が残っています")));
    }
    // A record that was there (its backups say so) is not replaced by an empty one: the way on is
    // a restore, or moving the backups folder away to start afresh on purpose.
    if !backup::list_backups(dir)?.is_empty() {
        return Err(Error::Damaged(format!(
            "{what}が、backups フォルダにはバックアップがあります。新しく始めるときは backups フォルダを別の場所に移してください"
        )));
    }
    Ok(())
}

/// SQLite's `quick_check` on the store file through a read-only connection, which never writes
/// the file (no checkpoint, no recovery into it). A refused store is left as found: the empty
/// -wal and -shm SQLite makes just to read are removed again if they were not there before.
fn look_before_opening(path: &Path) -> Result<()> {
    let beside = |suffix: &str| PathBuf::from(format!("{}{suffix}", path.display()));
    let (wal, shm) = (beside("-wal"), beside("-shm"));
    let (had_wal, had_shm) = (wal.exists(), shm.exists());
    let looked = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(Error::from)
        .and_then(|look| backup::quick_check(&look));
    if let Err(Error::Damaged(_)) = looked {
        if !had_wal && fs::metadata(&wal).is_ok_and(|m| m.len() == 0) {
            let _ = fs::remove_file(&wal);
        }
        if !had_shm {
            let _ = fs::remove_file(&shm);
        }
    }
    looked
}

/// Every per-connection setting, in one place. WAL keeps readers off the writer's back;
/// synchronous=FULL fsyncs each commit, so a committed turn survives a power cut.
fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // REPLACE deletes the row it replaces; with recursive triggers that delete fires the final
    // lock's DELETE triggers too (off, a REPLACE could swap a final meeting's turn).
    conn.pragma_update(None, "recursive_triggers", true)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

impl Store {
    /// Opens (or creates) the store in `dir`, taking the instance lock first.
    ///
    /// A brand-new folder gets a new, empty store. A store that is not sound is refused with
    /// `Error::Damaged` (code `STORE_DAMAGED`) and left exactly as found: a file that is not a
    /// database, truncated or malformed (SQLite's `quick_check` at every opening but one that finds
    /// the file exactly as Shoki's last clean close left it: `CLEAN_FILE`), and an empty or
    /// missing shoki.sqlite3 beside a non-empty -wal, or an empty one beside backups — SQLite
    /// would take either for a new database, and the next write would bury what the -wal or the
    /// backups say was there (issue 8). Other errors: `Error::Locked` while another Shoki holds
    /// the folder, `Error::TooNew` for a store of a newer Shoki, `Error::Io`/`Sqlite` otherwise.
    pub fn open(dir: &Path) -> Result<Store> {
        fs::create_dir_all(dir)?;
        let lock = File::options().create(true).truncate(false).write(true).open(dir.join(LOCK_FILE))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(Error::Locked),
            Err(TryLockError::Error(e)) => return Err(Error::Io(e)),
        }
        refuse_emptied(dir)?;
        let path = dir.join(STORE_FILE);
        let clean = fs::read_to_string(dir.join(CLEAN_FILE)).ok();
        let wal_empty = fs::metadata(dir.join(format!("{STORE_FILE}-wal"))).map(|m| m.len()).unwrap_or(0) == 0;
        let as_left = wal_empty && clean.is_some() && clean == stamp_of(&path);
        if path.exists() && !as_left {
            look_before_opening(&path)?;
        }
        // A stamp counts once: taken away before the store is written, so a crash from here
        // leaves none (a refused store keeps its folder exactly as found).
        if clean.is_some() {
            let _ = fs::remove_file(dir.join(CLEAN_FILE));
        }
        let mut conn = Connection::open(&path)?;
        configure(&conn)?;
        migrations::migrate_to(&mut conn, migrations::latest())?;
        // What another tool changed since (noted by the triggers) is indexed before anything else,
        // unless it is a build, which the window runs a step at a time (store/index.rs).
        if index::waiting(&conn)? <= index::BUILD {
            let tx = conn.transaction()?;
            index::sync(&tx)?;
            tx.commit()?;
        }
        // What a backup or restore cut off by a kill left (hidden, store-sized), now that this
        // Shoki alone holds the folder.
        backup::remove_leftovers(dir);
        backup::remove_leftovers(&dir.join(backup::BACKUP_DIR));
        Ok(Store { conn, _lock: Some(lock), dir: Some(dir.to_path_buf()) })
    }

    /// A store that lives only in memory, for tests of rules that need records.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrations::migrate_to(&mut conn, migrations::latest())?;
        Ok(Store { conn, _lock: None, dir: None })
    }

    pub fn path(dir: &Path) -> PathBuf {
        dir.join(STORE_FILE)
    }

    pub fn schema_version(&self) -> Result<i64> {
        migrations::version(&self.conn)
    }

    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM council", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// Runs `f` in one transaction: all of it is saved, or none of it. The store's own lock on a
    /// final meeting (a trigger) arrives as a message the secretary can act on.
    fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        let run = |conn: &mut Connection| -> Result<T> {
            let tx = conn.transaction()?;
            let out = f(&tx)?;
            // The search index's changes are noted in the same transaction, and indexed in batches
            // (store/index.rs).
            index::sync_if_due(&tx)?;
            tx.commit()?;
            Ok(out)
        };
        run(&mut self.conn).map_err(|e| match e {
            Error::Sqlite(ref inner) if inner.to_string().contains("SHOKI_FINAL") => Error::invalid(
                "meeting.status",
                "この会議録は確定しています。変更するには、理由を記録して確定を解除してください。",
            ),
            other => other,
        })
    }
}

/// A text column as it is stored, and whether its bytes had to be mended: one damaged row
/// (bytes that are not UTF-8) must not make a whole meeting unreadable.
fn text_column(r: &rusqlite::Row, i: usize) -> rusqlite::Result<(String, bool)> {
    use rusqlite::types::ValueRef;
    Ok(match r.get_ref(i)? {
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), false),
            Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
        },
        ValueRef::Null => (String::new(), true),
        other => (format!("{other:?}"), true),
    })
}

/// Swaps an ordered row with its neighbour among the rows that share its `scope` columns
/// (a member among its council's, an agenda item among its section's). Names are ours, never input.
fn move_row(tx: &rusqlite::Transaction, table: &str, scope: &[&str], id: i64, up: bool) -> Result<()> {
    use rusqlite::types::Value;
    use rusqlite::OptionalExtension;
    let sql = format!("SELECT position, {} FROM {table} WHERE id = ?1", scope.join(", "));
    let (pos, scope_values): (i64, Vec<Value>) = tx
        .query_row(&sql, [id], |r| {
            let values = (0..scope.len()).map(|i| r.get(i + 1)).collect::<rusqlite::Result<_>>()?;
            Ok((r.get(0)?, values))
        })
        .optional()?
        .ok_or(Error::NotFound("項目"))?;
    let same_scope: Vec<String> = scope.iter().enumerate().map(|(i, c)| format!("{c} IS ?{}", i + 2)).collect();
    let (cmp, order) = if up { ("<", "DESC") } else { (">", "ASC") };
    let sql = format!(
        "SELECT id, position FROM {table} WHERE position {cmp} ?1 AND {} ORDER BY position {order} LIMIT 1",
        same_scope.join(" AND ")
    );
    let mut params = vec![Value::Integer(pos)];
    params.extend(scope_values);
    let neighbour: Option<(i64, i64)> =
        tx.query_row(&sql, rusqlite::params_from_iter(params), |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    if let Some((other, other_pos)) = neighbour {
        let sql = format!("UPDATE {table} SET position = ?2 WHERE id = ?1");
        tx.execute(&sql, [id, other_pos])?;
        tx.execute(&sql, [other, pos])?;
    }
    Ok(())
}

/// The position after the last row that shares these scope values.
fn next_position(tx: &rusqlite::Transaction, table: &str, scope: &[(&str, Option<i64>)]) -> Result<i64> {
    let same_scope: Vec<String> = scope.iter().enumerate().map(|(i, (c, _))| format!("{c} IS ?{}", i + 1)).collect();
    let sql = format!("SELECT coalesce(max(position), 0) + 1 FROM {table} WHERE {}", same_scope.join(" AND "));
    let params: Vec<Option<i64>> = scope.iter().map(|(_, v)| *v).collect();
    Ok(tx.query_row(&sql, rusqlite::params_from_iter(params), |r| r.get(0))?)
}
