//! The archive at scale (`make bench`): an archive of SHOKI_BENCH_MEETINGS meetings (1,000 by
//! default, ~230,000 turns) generated from the reference minutes' paragraphs, then, in one run:
//! search across all meetings through the index (first page of 50 and the total) for words of 1
//! to 10 characters taken from the archive, beside `grep -F` over the same meetings exported as
//! text; the index's size beside the text's; and a few answers checked against a scan.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use shoki_core::export::Format;
use shoki_core::search::ArchiveQuery;
use shoki_core::Store;

fn reference() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/000_e343fbe8cffbc694.txt")
}

/// The reference's lines: the material of the archive (the generator takes markup and labels off).
fn material() -> Vec<String> {
    let text = std::fs::read_to_string(reference()).expect("../shared/reference is beside the clone");
    text.lines().map(String::from).collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn dir_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir).unwrap().flatten().map(|e| e.metadata().map(|m| m.len()).unwrap_or(0)).sum()
}

fn main() {
    let meetings: usize = std::env::var("SHOKI_BENCH_MEETINGS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let root = std::env::temp_dir().join(format!("shoki-bench-archive-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (store_dir, texts) = (root.join("store"), root.join("texts"));
    std::fs::create_dir_all(&texts).unwrap();
    let material = material();
    let mut store = Store::open(&store_dir).unwrap();
    let started = Instant::now();
    let built = store.generate_archive(&material, meetings, 7).unwrap();
    println!(
        "archive: {} meetings, {} turns, generated in {:.0} s",
        built.meetings,
        built.turns,
        started.elapsed().as_secs_f64()
    );

    // The anchor: every meeting as exported text, searched by grep -F.
    for m in store.meetings().unwrap() {
        let bytes = store.render(m.id, Format::TxtLf).unwrap();
        std::fs::write(texts.join(format!("{}.txt", m.id)), bytes).unwrap();
    }
    let text_bytes = dir_size(&texts);

    // Words of 1 to 10 characters, from the archive's own paragraphs (the same every run).
    let mut rng = fastrand::Rng::with_seed(11);
    let mut words: Vec<String> = Vec::new();
    for len in 1..=10 {
        let mut n = 0;
        while n < 10 {
            let p: Vec<char> = material[rng.usize(..material.len())].chars().collect();
            if p.len() <= len {
                continue;
            }
            let at = rng.usize(..p.len() - len);
            let w: String = p[at..at + len].iter().collect();
            if w.chars().any(|c| c.is_whitespace() || c.is_ascii_punctuation() || "、。「」（）".contains(c)) {
                continue;
            }
            words.push(w);
            n += 1;
        }
    }
    let mut by_length: Vec<Vec<(Duration, i64)>> = vec![Vec::new(); 11];
    let mut index_times = Vec::new();
    let mut grep_times = Vec::new();
    let mut ratios = Vec::new();
    for w in &words {
        let q = ArchiveQuery { query: w.clone(), ..Default::default() };
        let _ = store.search_archive(&q).unwrap(); // warm the page cache as a running app has it
        let start = Instant::now();
        let page = store.search_archive(&q).unwrap();
        let t_index = start.elapsed();
        let start = Instant::now();
        let out = Command::new("grep").args(["-F", "-r", "-c", w.as_str()]).arg(&texts).output().unwrap();
        let t_grep = start.elapsed();
        assert!(out.status.success() || page.total == 0, "grep for {w}");
        index_times.push(t_index);
        by_length[w.chars().count()].push((t_index, page.total));
        grep_times.push(t_grep);
        ratios.push(t_grep.as_secs_f64() / t_index.as_secs_f64().max(1e-9));
    }
    index_times.sort();
    grep_times.sort();
    ratios.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "search, first page of 50 and the total ({} words of 1–10 characters): p50 {}, p95 {}, max {}",
        words.len(),
        ms(percentile(&index_times, 0.5)),
        ms(percentile(&index_times, 0.95)),
        ms(*index_times.last().unwrap())
    );
    println!(
        "  anchor, grep -F -r over the exported texts ({:.0} MB), same words: p50 {}, p95 {}; grep/index per word: median {:.1}×, lowest {:.1}×",
        text_bytes as f64 / 1e6,
        ms(percentile(&grep_times, 0.5)),
        ms(percentile(&grep_times, 0.95)),
        ratios[ratios.len() / 2],
        ratios[0]
    );

    for (len, runs) in by_length.iter_mut().enumerate().skip(1) {
        runs.sort();
        let hits: Vec<i64> = runs.iter().map(|(_, n)| *n).collect();
        println!(
            "  {len} character(s): median {} (slowest {}), places found {}–{}",
            ms(runs[runs.len() / 2].0),
            ms(runs[runs.len() - 1].0),
            hits.iter().min().unwrap(),
            hits.iter().max().unwrap()
        );
    }
    if std::env::var_os("SHOKI_BENCH_KEEP").is_some() {
        println!("store kept: {}", store_dir.display());
        return;
    }

    // The index's size: the store with it, and without it, each vacuumed.
    drop(store);
    let path = Store::path(&store_dir);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("VACUUM").unwrap();
    let with = std::fs::metadata(&path).unwrap().len();
    let turn_text: i64 = raw.query_row("SELECT sum(length(CAST(text AS BLOB))) FROM turn", [], |r| r.get(0)).unwrap();
    raw.execute_batch("INSERT INTO search_index (search_index) VALUES ('delete-all'); VACUUM").unwrap();
    let without = std::fs::metadata(&path).unwrap().len();
    println!(
        "index: {:.1} MB for {:.1} MB of turn text ({:.2}× the text); store {:.1} MB with it",
        (with - without) as f64 / 1e6,
        turn_text as f64 / 1e6,
        (with - without) as f64 / turn_text as f64,
        with as f64 / 1e6
    );
    drop(raw);
    let _ = std::fs::remove_dir_all(&root);
}
