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
    let root = tempfile::Builder::new().prefix("shoki-bench-archive-").tempdir().unwrap().keep();
    let (store_dir, texts) = (root.join("store"), root.join("texts"));
    std::fs::create_dir_all(&texts).unwrap();
    let material = material();
    // SHOKI_BENCH_STORE names a store generated before (kept by SHOKI_BENCH_KEEP), to measure
    // again without generating it anew.
    let store_dir = std::env::var_os("SHOKI_BENCH_STORE").map(PathBuf::from).unwrap_or(store_dir);
    let started = Instant::now();
    let mut store = Store::open(&store_dir).unwrap();
    if store.is_empty().unwrap() {
        let built = store.generate_archive(&material, meetings, 7).unwrap();
        println!(
            "archive: {} meetings, {} turns, generated in {:.0} s",
            built.meetings,
            built.turns,
            started.elapsed().as_secs_f64()
        );
    } else {
        println!(
            "archive: {} meetings, opened in {:.1} s",
            store.meetings().unwrap().len(),
            started.elapsed().as_secs_f64()
        );
    }

    // The anchor: every meeting as exported text, searched by grep -F.
    for m in store.meetings().unwrap() {
        let bytes = store.render(m.id, Format::TxtLf).unwrap();
        std::fs::write(texts.join(format!("{}.txt", m.id)), bytes).unwrap();
    }
    let text_bytes = dir_size(&texts);

    // Words of 1 to 10 characters, from the archive's own paragraphs (the same every run).
    let words = shoki_core::store::generate::words_to_look_up(&material, 10, 11);
    let mut by_length: Vec<Vec<(Duration, Duration, i64)>> = vec![Vec::new(); 11];
    let mut page_times = Vec::new();
    let mut count_times = Vec::new();
    let mut grep_times = Vec::new();
    let mut ratios = Vec::new();
    // The words where the index gains least on grep, named so that a slow kind of word shows.
    let mut lowest = Vec::new();
    for w in &words {
        let q = ArchiveQuery { query: w.clone(), ..Default::default() };
        let _ = store.search_archive(&q).unwrap(); // warm the page cache as a running app has it
                                                   // What the window shows first: the newest page of 50 (the total follows in its own call).
        let start = Instant::now();
        let page = store.search_archive_page(&q).unwrap();
        let t_page = start.elapsed();
        let start = Instant::now();
        let total = store.count_archive(&q).unwrap();
        let t_count = start.elapsed();
        let start = Instant::now();
        let out = Command::new("grep").args(["-F", "-r", "-c", w.as_str()]).arg(&texts).output().unwrap();
        let t_grep = start.elapsed();
        assert!(out.status.success() || total == 0, "grep for {w}");
        assert_eq!(page.found.len() as i64, total.min(50), "{w}");
        page_times.push(t_page);
        count_times.push(t_count);
        by_length[w.chars().count()].push((t_page, t_count, total));
        grep_times.push(t_grep);
        ratios.push(t_grep.as_secs_f64() / t_page.as_secs_f64().max(1e-9));
        lowest.push((t_grep.as_secs_f64() / t_page.as_secs_f64().max(1e-9), w.clone(), t_page, t_grep));
    }
    lowest.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
    page_times.sort();
    count_times.sort();
    grep_times.sort();
    ratios.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "search, the newest page of 50 ({} words of 1–10 characters): p50 {}, p95 {}, max {}",
        words.len(),
        ms(percentile(&page_times, 0.5)),
        ms(percentile(&page_times, 0.95)),
        ms(*page_times.last().unwrap())
    );
    println!(
        "  the total, counted after: p50 {}, p95 {}, max {}",
        ms(percentile(&count_times, 0.5)),
        ms(percentile(&count_times, 0.95)),
        ms(*count_times.last().unwrap())
    );
    println!(
        "  anchor, grep -F -r over the exported texts ({:.0} MB), same words: p50 {}, p95 {}; grep/page per word: median {:.1}×, lowest {:.1}×",
        text_bytes as f64 / 1e6,
        ms(percentile(&grep_times, 0.5)),
        ms(percentile(&grep_times, 0.95)),
        ratios[ratios.len() / 2],
        ratios[0]
    );
    for (ratio, w, page, grep) in lowest.iter().take(3) {
        println!("  lowest: 「{w}」 page {}, grep {} ({ratio:.1}×)", ms(*page), ms(*grep));
    }

    // Several words, as a secretary types them: a one-character word beside a longer one (「の
    // 換気」), and five one-character words. No grep stands beside these (grep -F finds one string).
    let one: Vec<&String> = words.iter().filter(|w| w.chars().count() == 1).collect();
    let longer: Vec<&String> = words.iter().filter(|w| (2..=5).contains(&w.chars().count())).collect();
    let mut several: Vec<String> = one.iter().zip(longer.iter()).map(|(a, b)| format!("{a} {b}")).collect();
    several.extend(
        one.chunks(5).filter(|c| c.len() == 5).map(|c| c.iter().map(|w| w.as_str()).collect::<Vec<_>>().join(" ")),
    );
    let (mut pages, mut counts) = (Vec::new(), Vec::new());
    for w in &several {
        let q = ArchiveQuery { query: w.clone(), ..Default::default() };
        let _ = store.search_archive(&q).unwrap();
        let start = Instant::now();
        let _ = store.search_archive_page(&q).unwrap();
        pages.push(start.elapsed());
        let start = Instant::now();
        let _ = store.count_archive(&q).unwrap();
        counts.push(start.elapsed());
    }
    pages.sort();
    counts.sort();
    println!(
        "  several words ({} queries: a one-character word beside a longer one, five one-character words): page p50 {}, p95 {}, max {}; total p50 {}, max {}",
        several.len(),
        ms(percentile(&pages, 0.5)),
        ms(percentile(&pages, 0.95)),
        ms(*pages.last().unwrap()),
        ms(percentile(&counts, 0.5)),
        ms(*counts.last().unwrap())
    );

    for (len, runs) in by_length.iter_mut().enumerate().skip(1) {
        runs.sort();
        let hits: Vec<i64> = runs.iter().map(|(_, _, n)| *n).collect();
        let mut counts: Vec<Duration> = runs.iter().map(|(_, c, _)| *c).collect();
        counts.sort();
        println!(
            "  {len} character(s): page median {} (slowest {}), total median {} (slowest {}), places found {}–{}",
            ms(runs[runs.len() / 2].0),
            ms(runs[runs.len() - 1].0),
            ms(counts[counts.len() / 2]),
            ms(counts[counts.len() - 1]),
            hits.iter().min().unwrap(),
            hits.iter().max().unwrap()
        );
    }
    // The index's size: the store with it, and without it, each vacuumed.
    // Measured on a copy: a store named by SHOKI_BENCH_STORE keeps its index.
    drop(store);
    let path = root.join("size.sqlite3");
    std::fs::copy(Store::path(&store_dir), &path).unwrap();
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
    if std::env::var_os("SHOKI_BENCH_KEEP").is_some() {
        let _ = std::fs::remove_file(&path);
        println!("store kept: {}", store_dir.display());
        return;
    }
    let _ = std::fs::remove_dir_all(&root);
}
