//! The search index over the whole archive: every turn's words (notes included) and every agenda
//! title, folded as the matching rules fold them (`search::fold`: full/half width, the wave-dash
//! and hyphen families, composed/decomposed forms, case; whitespace and invisible characters
//! removed), in an FTS5 table.
//!
//! FTS5's own tokenizers cannot find one or two characters of Japanese (換気, 採決), and trigram
//! indexes take about 1.4 times the text. So each folded character is written as one token — its
//! code point in hex — and a word is found as the phrase of its characters' tokens: every length
//! works, a match is exactly a substring of the folded text, and the index (no copy of the text:
//! `content=''`) is smaller than the text.
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

/// A folded text as the index's tokens: one hex code point per character, space separated.
pub(crate) fn tokens(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len() * 3);
    for c in folded.chars() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&format!("{:x}", c as u32));
    }
    out
}

/// An FTS5 query for texts holding every word (already folded): each word the phrase of its
/// characters' tokens.
pub(crate) fn query(words: &[String]) -> String {
    words.iter().map(|w| format!("\"{}\"", tokens(w))).collect::<Vec<_>>().join(" AND ")
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
        let (row, text) = if kind == "turn" {
            let text = tx
                .prepare_cached("SELECT text FROM turn WHERE id = ?1 AND deleted_at IS NULL")?
                .query_row([id], |r| super::text_column(r, 0))
                .optional()?;
            (turn_row(id), text)
        } else {
            let text = tx
                .prepare_cached("SELECT title FROM agenda_entry WHERE id = ?1")?
                .query_row([id], |r| super::text_column(r, 0))
                .optional()?;
            (entry_row(id), text)
        };
        tx.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?.execute([row])?;
        if let Some((text, _)) = text {
            tx.prepare_cached("INSERT INTO search_index (rowid, chars) VALUES (?1, ?2)")?
                .execute(params![row, tokens(&fold(&text))])?;
        }
    }
    tx.prepare_cached("DELETE FROM index_dirty")?.execute([])?;
    Ok(())
}

/// Notes every turn and agenda entry as changed, so the next `sync` indexes the whole store.
pub(super) fn mark_all(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "INSERT INTO search_index (search_index) VALUES ('delete-all');
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
