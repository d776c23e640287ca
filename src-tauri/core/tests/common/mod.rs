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
