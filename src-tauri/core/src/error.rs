//! Errors of the core. Each maps to one code from a small closed set that the UI branches on;
//! the message is Japanese and tells the secretary what to do next.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    /// Input that breaks a rule. `field` names the field the message belongs next to.
    #[error("{message}")]
    Invalid { field: &'static str, message: String },

    #[error("{0}が見つかりません。一覧に戻って開き直してください。")]
    NotFound(&'static str),

    /// Another running Shoki holds the store.
    #[error("書記はすでに起動しています。先に開いている書記の画面を使ってください。")]
    Locked,

    /// The store was written by a newer Shoki; we never downgrade it.
    #[error("この記録ファイルは新しい版の書記（形式 {found}）で作られています。この版（形式 {supported} まで）では開けません。新しい版の書記を使ってください。")]
    TooNew { found: i64, supported: i64 },

    /// Writing an export failed; the message says what to do with the stick.
    #[error("{0}")]
    Export(String),

    /// The store file is not a sound SQLite database (truncated, overwritten, emptied beside its
    /// -wal or its backups). Shoki leaves it exactly as found; the way out is a backup.
    #[error("記録ファイル（shoki.sqlite3）が壊れていて使えません（{0}）。書記はこのファイルに手を加えず、そのまま残しています。書記の「バックアップ」画面で、壊れる前の記録に戻してください（いまのファイルは backups フォルダに移して残します）。わからなければ、ファイルを消さずに情報システムの担当者に連絡してください。")]
    Damaged(String),

    #[error(
        "記録ファイルを読み書きできませんでした（{0}）。ディスクの空きと権限を確かめてから、もう一度お試しください。"
    )]
    Sqlite(rusqlite::Error),

    #[error("記録ファイルの場所を用意できませんでした（{0}）。ディスクの空きと権限を確かめてください。")]
    Io(#[from] std::io::Error),
}

impl Error {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid { field, message: message.into() }
    }

    /// The code the UI branches on. Never branch on the message text.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "INVALID_INPUT",
            Error::NotFound(_) => "NOT_FOUND",
            Error::Locked => "STORE_LOCKED",
            Error::TooNew { .. } => "STORE_TOO_NEW",
            Error::Export(_) => "EXPORT_FAILED",
            Error::Damaged(_) => "STORE_DAMAGED",
            Error::Sqlite(_) | Error::Io(_) => "STORE_FAILED",
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// SQLite's own words for a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB) become `Damaged`, wherever
/// they surface: the advice for a broken file is a backup, never the disk space or permissions.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        match e.sqlite_error_code() {
            Some(DatabaseCorrupt | NotADatabase) => Error::Damaged(e.to_string()),
            // Bytes that are not UTF-8 where text was stored: damage to the file, not the disk.
            _ if matches!(&e, rusqlite::Error::FromSqlConversionFailure(_, _, inner) if inner.is::<std::str::Utf8Error>() || inner.is::<std::string::FromUtf8Error>()) => {
                Error::Damaged(format!("文字として読めない値があります: {e}"))
            }
            _ => Error::Sqlite(e),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
