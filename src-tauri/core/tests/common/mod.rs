//! What the core's store tests share: times on the reference meeting's day, and the sample
//! meeting opened at 14:00.

#![allow(dead_code)] // each test file uses a different part

use chrono::{NaiveDate, NaiveDateTime};
use shoki_core::Store;

pub fn at(hms: &str) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2021, 12, 13).unwrap().and_time(chrono::NaiveTime::parse_from_str(hms, "%H:%M:%S").unwrap())
}

/// The reference meeting: 20 of 21 present (the 21st is not on the sample's roster), opened.
pub fn opened() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    store.open_meeting(m.id, at("14:00:00")).unwrap();
    (store, m.id)
}

/// A fresh directory under the system temp dir, never shared with another test, removed when
/// dropped.
pub struct TempDir(tempfile::TempDir);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        TempDir(tempfile::Builder::new().prefix(&format!("shoki-{tag}-")).tempdir().unwrap())
    }
    pub fn path(&self) -> &std::path::Path {
        self.0.path()
    }
}

/// A correction of attendance as the 出欠 form sends it.
pub fn fix(status: &str, arrived: &str, left: &str, reason: &str) -> shoki_core::store::AttendanceCorrection {
    shoki_core::store::AttendanceCorrection {
        status: status.into(),
        arrived: arrived.into(),
        left: left.into(),
        reason: reason.into(),
    }
}

/// The entries of a ZIP written by `export::zip::stored` (no compression): (name, bytes).
pub fn zip_entries(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let u16_at = |i: usize| u16::from_le_bytes([zip[i], zip[i + 1]]) as usize;
    let u32_at = |i: usize| u32::from_le_bytes([zip[i], zip[i + 1], zip[i + 2], zip[i + 3]]) as usize;
    let mut out = Vec::new();
    let mut i = 0;
    while i + 30 <= zip.len() && u32_at(i) == 0x0403_4b50 {
        assert_eq!(u16_at(i + 8), 0, "stored entries only");
        let (size, name_len, extra_len) = (u32_at(i + 18), u16_at(i + 26), u16_at(i + 28));
        let name = String::from_utf8(zip[i + 30..i + 30 + name_len].to_vec()).unwrap();
        let start = i + 30 + name_len + extra_len;
        out.push((name, zip[start..start + size].to_vec()));
        i = start + size;
    }
    assert!(out.len() >= 6, "a DOCX has its six parts");
    out
}
