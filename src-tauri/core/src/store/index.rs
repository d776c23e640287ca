//! The search index over the whole archive: every turn's words (notes included) and every agenda
//! title, folded as the matching rules fold them (`search::fold`: full/half width, the wave-dash
//! and hyphen families, composed/decomposed forms, case; whitespace and invisible characters
//! removed), in an FTS5 table.
//!
//! FTS5's own tokenizers cannot find one or two characters of Japanese (換気, 採決), and trigram
//! indexes take about 1.4 times the text. So the folded text is written as its pairs of
//! neighbouring characters, each pair one token (`3063x6c17` for 換気: the code points in hex), the
//! last character paired with nothing (`3002x`). A word of two or more characters is the phrase of
//! its pairs; a word of one character is a prefix query on the pairs it begins (`63dbx*`). Every
//! length works, a match is exactly a substring of the folded text, pairs are selective (one
//! character's list would hold most turns), and the index keeps no copy of the text
//! (`content=''`): about the size of the text.
//!
//! The index stays in step with the record in the same transaction as every write: triggers on
//! the tables note what changed (`index_dirty`, plain SQL, so another tool's writes are noted
//! too), and `sync` — run by `Store::write` before it commits, and at opening — folds and indexes
//! what was noted. `Store::reindex` builds it anew (`shoki reindex`).

use rusqlite::{params, OptionalExtension, Transaction};

use crate::error::Result;
use crate::search::fold;

/// The index's rowid for a turn (even) or an agenda entry (odd).
pub(crate) fn turn_row(id: i64) -> i64 {
    id * 2
}

fn entry_row(id: i64) -> i64 {
    id * 2 + 1
}

/// The tokens of neighbouring pairs in a folded text: `{a:x}x{b:x}` for each pair, and
/// `{last:x}x` for the last character, space separated.
pub(crate) fn tokens(folded: &str) -> String {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len() * 4);
    for (i, c) in chars.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match chars.get(i + 1) {
            Some(next) => out.push_str(&format!("{:x}x{:x}", *c as u32, *next as u32)),
            None => out.push_str(&format!("{:x}x", *c as u32)),
        }
    }
    out
}

/// An FTS5 query for texts holding every word (already folded, not empty): a word of two or
/// more characters is the phrase of its pairs; one character, the pairs it begins.
pub(crate) fn query(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            let chars: Vec<char> = w.chars().collect();
            if chars.len() == 1 {
                format!("\"{:x}x\" *", chars[0] as u32)
            } else {
                let pairs: Vec<String> =
                    chars.windows(2).map(|p| format!("{:x}x{:x}", p[0] as u32, p[1] as u32)).collect();
                format!("\"{}\"", pairs.join(" "))
            }
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// Indexes what the triggers noted as changed since the last sync: a turn's words (none while it
/// is deleted), an agenda entry's title. Runs inside the caller's transaction.
pub(super) fn sync(tx: &Transaction) -> Result<()> {
    let dirty: Vec<(String, i64)> = tx
        .prepare_cached("SELECT kind, id FROM index_dirty")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if dirty.is_empty() {
        return Ok(());
    }
    for (kind, id) in dirty {
        // (text, meeting, position, speaker) of a live turn or a title; nothing when gone.
        type Place = ((String, bool), i64, f64, Option<String>);
        let place = |r: &rusqlite::Row| -> rusqlite::Result<Place> {
            Ok((super::text_column(r, 0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        };
        let (row, found) = if kind == "turn" {
            let sql = "SELECT text, meeting_id, position, speaker FROM turn WHERE id = ?1 AND deleted_at IS NULL";
            (turn_row(id), tx.prepare_cached(sql)?.query_row([id], place).optional()?)
        } else {
            let sql = "SELECT title, meeting_id, -1.0, NULL FROM agenda_entry WHERE id = ?1";
            (entry_row(id), tx.prepare_cached(sql)?.query_row([id], place).optional()?)
        };
        // What is indexed has its place: only a place found is taken out of the index (a new
        // turn, the common case of a commit, costs no search of the index).
        if tx.prepare_cached("DELETE FROM search_place WHERE row = ?1")?.execute([row])? > 0 {
            tx.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?.execute([row])?;
        }
        if let Some(((text, _), meeting_id, position, speaker)) = found {
            tx.prepare_cached("INSERT INTO search_index (rowid, chars) VALUES (?1, ?2)")?
                .execute(params![row, tokens(&fold(&text))])?;
            tx.prepare_cached("INSERT INTO search_place (row, meeting_id, position, speaker) VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![row, meeting_id, position, speaker])?;
        }
    }
    tx.prepare_cached("DELETE FROM index_dirty")?.execute([])?;
    Ok(())
}

/// Notes every turn and agenda entry as changed, so the next `sync` indexes the whole store.
pub(super) fn mark_all(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "INSERT INTO search_index (search_index) VALUES ('delete-all');
         DELETE FROM search_place;
         INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'turn', id FROM turn;
         INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'entry', id FROM agenda_entry;",
    )?;
    Ok(())
}

impl super::Store {
    /// Builds the search index anew from the record (`shoki reindex`): for a store whose index
    /// was lost or written past the store. Answers how many turns and titles were indexed.
    pub fn reindex(&mut self) -> Result<i64> {
        self.write(|tx| {
            mark_all(tx)?;
            Ok(tx.query_row("SELECT count(*) FROM index_dirty", [], |r| r.get(0))?)
        })
    }
}
