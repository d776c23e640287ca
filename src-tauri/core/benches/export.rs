//! Export of a meeting the size of the reference (232 turns, about 30,000 characters) and of one
//! four times larger, to each format: time and peak memory, beside the time to serialize the same
//! records as plain JSON with serde (the floor for touching every record once).

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use shoki_core::export::Format;
use shoki_core::store::vote::VoteInput;
use shoki_core::Store;

/// Peak resident memory of this process since the last reset, in KiB (Linux: VmHWM). Writing 5
/// to clear_refs resets the mark, so each export is measured on its own.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn peak_kib() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

const WORDS: &str = "確認なんですけれども、書面開催の際に行っていたファイル交換サービスと同じサービスを使うかどうかという確認と、あと資料の(3)に書かれています、誤送信の取消し等のリカバリ機能があることというのは、具体的にどういったシステムなのか。";

fn meeting(scale: usize) -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    let t0 = NaiveDate::from_ymd_opt(2021, 12, 13).unwrap().and_hms_opt(14, 0, 0).unwrap();
    store.open_meeting(m.id, t0).unwrap();
    let turns_per_entry = 232 * scale / 9;
    for entry in 0..9 {
        if entry > 0 {
            store.advance_agenda(m.id, t0).unwrap();
        }
        for i in 0..turns_per_entry {
            let speaker = ["chair", "member", "official"][i % 3];
            store.add_turn(m.id, speaker, WORDS, t0).unwrap();
        }
        if (1..=5).contains(&entry) {
            let vote = VoteInput { for_count: "19".into(), against_count: "0".into(), ..Default::default() };
            store.record_vote(m.id, &vote, true, t0).unwrap();
        }
    }
    store.close_meeting(m.id, t0).unwrap();
    (store, m.id)
}

/// Median time and peak resident memory of `f` over `rounds`.
fn measure(rounds: usize, mut f: impl FnMut() -> usize) -> (Duration, usize, usize) {
    let mut times = Vec::new();
    let mut peak = 0;
    let mut size = 0;
    for _ in 0..rounds {
        reset_peak();
        let start = Instant::now();
        size = f();
        times.push(start.elapsed());
        peak = peak.max(peak_kib());
    }
    times.sort();
    (times[rounds / 2], peak, size)
}

fn main() {
    println!("| meeting | format | bytes | median time | peak RSS of the process |");
    println!("|---|---|---|---|---|");
    for scale in [1, 4] {
        let (store, id) = meeting(scale);
        let turns = store.transcript(id).unwrap().len();
        let label = format!("{turns} turns ({}×)", scale);
        let m = store.meeting(id).unwrap();
        let transcript = store.transcript(id).unwrap();
        let (t, peak, size) = measure(20, || serde_json::to_vec(&(&m, &transcript)).unwrap().len());
        println!(
            "| {label} | serde JSON of the records (floor) | {size} | {:.2} ms | {:.1} MiB |",
            t.as_secs_f64() * 1e3,
            peak as f64 / 1024.0
        );
        for format in [Format::Docx, Format::Html, Format::Txt, Format::Json] {
            let (t, peak, size) = measure(20, || store.render(id, format).unwrap().len());
            println!(
                "| {label} | {} (store read + render) | {size} | {:.2} ms | {:.1} MiB |",
                format.extension(),
                t.as_secs_f64() * 1e3,
                peak as f64 / 1024.0
            );
        }
    }
}
