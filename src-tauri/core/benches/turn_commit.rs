//! Turn commit through the core's real path (Store::add_turn: validation, one transaction, the
//! draft cleared, the turn read back) side by side with a bare rusqlite single-row insert and
//! commit under the same pragmas. fsync dominates both; the goal is a ratio under 1.3.

use std::time::{Duration, Instant};

use rusqlite::Connection;
use shoki_core::Store;

const ROUNDS: usize = 1000;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn temp_dir(tag: &str) -> std::path::PathBuf {
    tempfile::Builder::new().prefix(&format!("shoki-bench-{tag}-")).tempdir().unwrap().keep()
}

fn core_path(words: &str) -> Vec<Duration> {
    let dir = temp_dir("core");
    let mut store = Store::open(&dir).unwrap();
    let m = store.load_sample().unwrap();
    let now = chrono::NaiveDate::from_ymd_opt(2021, 12, 13).unwrap().and_hms_opt(14, 0, 0).unwrap();
    store.open_meeting(m.id, now).unwrap();
    let mut times = Vec::with_capacity(ROUNDS);
    for i in 0..ROUNDS {
        let speaker = ["chair", "member", "official"][i % 3];
        let start = Instant::now();
        store.add_turn(m.id, speaker, words, now).unwrap();
        times.push(start.elapsed());
    }
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    times
}

fn bare_rusqlite(words: &str) -> Vec<Duration> {
    let dir = temp_dir("bare");
    let mut conn = Connection::open(dir.join("bare.sqlite3")).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, speaker TEXT NOT NULL, text TEXT NOT NULL)").unwrap();
    let mut times = Vec::with_capacity(ROUNDS);
    for i in 0..ROUNDS {
        let speaker = ["chair", "member", "official"][i % 3];
        let start = Instant::now();
        let tx = conn.transaction().unwrap();
        tx.execute("INSERT INTO t (speaker, text) VALUES (?1, ?2)", [speaker, words]).unwrap();
        tx.commit().unwrap();
        times.push(start.elapsed());
    }
    drop(conn);
    let _ = std::fs::remove_dir_all(&dir);
    times
}

fn main() {
    // A turn of the reference's average length (about 130 characters).
    let words = "確認なんですけれども、書面開催の際に行っていたファイル交換サービスと同じサービスを使うかどうかという確認と、あと資料の(3)に書かれています、誤送信の取消し等のリカバリ機能があることというのは、具体的にどういったシステムなのか。";
    // Interleave the two so that disk and cache conditions are shared.
    let (mut core, mut bare) = (Vec::new(), Vec::new());
    for _ in 0..2 {
        bare.extend(bare_rusqlite(words));
        core.extend(core_path(words));
    }
    core.sort();
    bare.sort();
    let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
    // The slowest commits of the core are the ones that index the batch of changes waiting
    // (one in 256: store/index.rs), shown by the max.
    println!("| turn commit, {} rounds | p50 | p99 | max |", core.len());
    println!("|---|---|---|---|");
    println!(
        "| Store::add_turn (core path, IPC excluded) | {} | {} | {} |",
        ms(percentile(&core, 0.5)),
        ms(percentile(&core, 0.99)),
        ms(*core.last().unwrap())
    );
    println!(
        "| bare rusqlite insert + commit, same pragmas | {} | {} | {} |",
        ms(percentile(&bare, 0.5)),
        ms(percentile(&bare, 0.99)),
        ms(*bare.last().unwrap())
    );
    println!(
        "| ratio core / bare | {:.2} | {:.2} | |",
        percentile(&core, 0.5).as_secs_f64() / percentile(&bare, 0.5).as_secs_f64(),
        percentile(&core, 0.99).as_secs_f64() / percentile(&bare, 0.99).as_secs_f64()
    );
}
