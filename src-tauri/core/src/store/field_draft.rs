//! What is being typed in any field that saves when it is left (会場, a title, a name, a turn
//! being corrected): kept as it is typed, so a crash or a kill loses at most the last moment of
//! typing in any editor, not only in the turn box. Not part of the record: the field's own save
//! (leaving it, Ctrl+Enter) is what records, and clears the draft.

use chrono::NaiveDateTime;
use rusqlite::params;

use super::live::format_time;
use super::Store;
use crate::error::{Error, Result};
use crate::validate::{self, Shape};

/// The longest key a screen may use (`meeting:5/field-venue`).
const KEY_MAX: usize = 120;

/// One field's unsaved text: `key` names the screen and the field (chosen by the screen),
/// `value` is exactly what was typed, `saved_at` ISO local date-time.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FieldDraft {
    pub key: String,
    pub value: String,
    pub saved_at: String,
}

fn key(key: &str) -> Result<&str> {
    if key.is_empty() || key.chars().count() > KEY_MAX || key.chars().any(char::is_control) {
        return Err(Error::invalid("draft.key", "入力中の内容を保存できませんでした（欄の名前が正しくありません）。"));
    }
    Ok(key)
}

impl Store {
    /// Keeps what is typed in one field (`value` None clears it, as its own save does).
    /// Errors: `Invalid` for a bad key or text the draft policy refuses (control characters
    /// other than line ends, noncharacters; at most a turn's length).
    pub fn save_field_draft(&mut self, field: &str, value: Option<&str>, now: NaiveDateTime) -> Result<()> {
        let field = key(field)?;
        let value = match value {
            Some(v) => {
                Some(validate::text_policy("draft", "入力中の内容", v, super::live::TURN_MAX, false, Shape::Draft)?)
            }
            None => None,
        };
        self.write(|tx| {
            match value {
                Some(v) => tx.execute(
                    "INSERT INTO field_draft (key, value, saved_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at",
                    params![field, v, format_time(now)],
                )?,
                None => tx.execute("DELETE FROM field_draft WHERE key = ?1", [field])?,
            };
            Ok(())
        })
    }

    /// The unsaved fields of one screen: every draft whose key starts with `scope`.
    pub fn field_drafts(&self, scope: &str) -> Result<Vec<FieldDraft>> {
        let scope = key(scope)?;
        let mut stmt = self.conn.prepare(
            "SELECT key, value, saved_at FROM field_draft WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key",
        )?;
        let rows = stmt
            .query_map([scope], |r| {
                Ok(FieldDraft { key: r.get(0)?, value: super::text_column(r, 1)?.0, saved_at: r.get(2)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
