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

    #[error(
        "記録ファイルを読み書きできませんでした（{0}）。ディスクの空きと権限を確かめてから、もう一度お試しください。"
    )]
    Sqlite(#[from] rusqlite::Error),

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

pub type Result<T> = std::result::Result<T, Error>;
