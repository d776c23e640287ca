//! Figures from the real window, run by `make bench` (ignored in `make test`: a benchmark is not a
//! test). The same measurements run on a meeting with a handful of turns and on one with 1,300, so
//! what the transcript's length costs can be read side by side. The page measures with
//! performance.now():
//! - a frame on this display with nothing changing (the unit),
//! - a turn committed through the IPC, through the core and as a bare rusqlite insert, in one run,
//! - a reload of the live screen with 1,300 turns,
//! - keystroke to paint: an input event in the box until the frame showing it is painted,
//! - commit to the turn shown: Enter until the first frame after it is painted, with the words in
//!   the transcript (as 保存中 or saved),
//! - commit to paint: Enter until the frame showing the saved turn is painted, with the Enter
//!   handler's own time and the layout and paint of that frame apart.

mod support;

use serde_json::{json, Value};
use shoki_core::Store;
use support::webdriver::{Driver, Session};
use support::{one_at_a_time, DataDir};

const ROW: &str = "|---|---|---|---|---|---|";

/// A row of figures timed in the page: whole milliseconds, WebKit's resolution.
fn stats(name: &str, turns: &str, ms: Vec<f64>) -> String {
    row(name, turns, ms, 0)
}

/// A row of figures timed in Rust, to a hundredth of a millisecond.
fn stats_fine(name: &str, turns: &str, ms: Vec<f64>) -> String {
    row(name, turns, ms, 2)
}

/// The value below which a share `p` of the timings lie.
fn percentile(ms: &[f64], p: f64) -> f64 {
    let mut sorted = ms.to_vec();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn row(name: &str, turns: &str, ms: Vec<f64>, digits: usize) -> String {
    let at = |p: f64| percentile(&ms, p);
    let (n, a, b, c) = (ms.len(), at(0.5), at(0.95), at(0.99));
    format!("| {name} | {turns} | {n} | {a:.digits$} ms | {b:.digits$} ms | {c:.digits$} ms |")
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array().expect("a list of timings").iter().map(|x| x.as_f64().unwrap()).collect()
}

/// `painted()` resolves once the next frame has been laid out and painted (a task queued from its
/// requestAnimationFrame runs after the rendering), with the time that frame began. `frames`
/// counts frames, so a change can be said to show in the next frame or a later one. Each measured
/// key arrives at a random moment of a frame, as a person's key does.
const HELPERS: &str = "
    const painted = () => new Promise((r) => requestAnimationFrame(() => { const f = performance.now(); setTimeout(() => r(f), 0); }));
    const settle = async () => { await painted(); await painted(); await new Promise((r) => setTimeout(r, Math.random() * 16)); };
    let frames = 0; const tick = () => { frames += 1; requestAnimationFrame(tick); }; requestAnimationFrame(tick);
    const input = document.querySelector('[data-testid=turn-input]');
    const transcript = document.querySelector('[data-testid=transcript]');";

/// The rows a long meeting opens on, its newest (ROWS_AT_OPEN in ui/js/views/live.js).
const ROWS_AT_OPEN: u64 = 200;

/// How many saved turns have a row on screen.
fn saved_rows(app: &Session) -> u64 {
    app.execute("return document.querySelectorAll('.turn[data-saved=true]').length", json!([])).as_u64().unwrap()
}

/// A meeting in session with `turns` turns, on screen in a fresh window.
fn meeting_on_screen(data: &DataDir, driver: &Driver, turns: usize) -> (i64, Session) {
    let id = {
        let mut store = Store::open(data.path()).unwrap();
        let m = store.load_sample().unwrap();
        let now = chrono::Local::now().naive_local();
        store.open_meeting(m.id, now).unwrap();
        for i in 0..turns {
            let speaker = ["chair", "member", "official"][i % 3];
            let text = format!("{i}番目の発言です。確認なんですけれども、同じサービスを使うのでしょうか。");
            store.add_turn(m.id, speaker, &text, now).unwrap();
        }
        m.id
    };
    let app = driver.launch();
    app.set_script_timeout(std::time::Duration::from_secs(300));
    app.by_testid("turn-input");
    support::wait_for("the newest turns on screen", || saved_rows(&app) == (turns as u64).min(ROWS_AT_OPEN));
    (id, app)
}

/// A turn of the reference's average length (about 130 characters), as in benches/turn_commit.rs.
const WORDS: &str = "確認なんですけれども、書面開催の際に行っていたファイル交換サービスと同じサービスを使うかどうかという確認と、あと資料の(3)に書かれています、誤送信の取消し等のリカバリ機能があることというのは、具体的にどういったシステムなのか。";

/// The same turn committed three ways in one run, in interleaved blocks so that the disk and the
/// caches are shared: through the window (`add_turn` over the IPC, the app's own store), through
/// the core (`Store::add_turn` on a store of its own: IPC excluded), and as a bare rusqlite insert
/// and commit under the same pragmas. Then the page is reloaded to show the 300 turns added.
fn commit_paths(app: &Session, id: i64) -> [Vec<f64>; 3] {
    let core_dir = DataDir::new("bench-core");
    let mut store = Store::open(core_dir.path()).unwrap();
    let now = chrono::Local::now().naive_local();
    let core_meeting = store.load_sample().unwrap().id;
    store.open_meeting(core_meeting, now).unwrap();
    let bare_dir = DataDir::new("bench-bare");
    let mut bare = rusqlite::Connection::open(bare_dir.path().join("bare.sqlite3")).unwrap();
    bare.pragma_update(None, "journal_mode", "WAL").unwrap();
    bare.pragma_update(None, "synchronous", "FULL").unwrap();
    bare.pragma_update(None, "foreign_keys", true).unwrap();
    bare.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, speaker TEXT NOT NULL, text TEXT NOT NULL)").unwrap();
    let ms = |start: std::time::Instant| start.elapsed().as_secs_f64() * 1000.0;
    let (mut ipc, mut core, mut plain) = (Vec::new(), Vec::new(), Vec::new());
    // The page's clock counts whole milliseconds: the mean of the IPC path comes from the total.
    let mut ipc_total = 0.0;
    for _ in 0..3 {
        let block = app.execute_async(
            "const [id, words, done] = arguments; (async () => { const t = []; const start = performance.now();
               for (let i = 0; i < 100; i++) { const s = performance.now();
                 await window.__TAURI__.core.invoke('add_turn', {meetingId: id, speaker: 'member', text: words});
                 t.push(performance.now() - s); }
               done([t, performance.now() - start]); })()",
            json!([id, WORDS]),
        );
        ipc.extend(numbers(&block[0]));
        ipc_total += block[1].as_f64().unwrap();
        for _ in 0..100 {
            let start = std::time::Instant::now();
            store.add_turn(core_meeting, "member", WORDS, now).unwrap();
            core.push(ms(start));
        }
        for _ in 0..100 {
            let start = std::time::Instant::now();
            let tx = bare.transaction().unwrap();
            tx.execute("INSERT INTO t (speaker, text) VALUES (?1, ?2)", ["member", WORDS]).unwrap();
            tx.commit().unwrap();
            plain.push(ms(start));
        }
    }
    let shown = (saved_rows(app) + 300).min(ROWS_AT_OPEN);
    app.reload();
    app.by_testid("turn-input");
    support::wait_for("the reloaded transcript", || saved_rows(app) == shown);
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    println!(
        "means: IPC included {:.2} ms, core {:.2} ms, bare {:.2} ms",
        ipc_total / ipc.len() as f64,
        mean(&core),
        mean(&plain)
    );
    println!(
        "mean ratios to the bare insert: IPC included {:.2}, core {:.2}",
        ipc_total / ipc.len() as f64 / mean(&plain),
        mean(&core) / mean(&plain)
    );
    [ipc, core, plain]
}

/// Reloading the live screen until its newest rows are on screen again, five times (polled every 30 ms):
/// what opening a long meeting, or coming back after a crash, costs.
fn reload_figures(app: &Session) -> Vec<f64> {
    let rows = saved_rows(app).min(ROWS_AT_OPEN);
    (0..5)
        .map(|_| {
            let start = std::time::Instant::now();
            app.reload();
            support::wait_for("the reloaded transcript", || saved_rows(app) == rows);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect()
}

struct Figures {
    idle: Vec<f64>,
    shown: Vec<f64>,
    keystroke: Vec<f64>,
    handler: Vec<f64>,
    commit: Vec<f64>,
    commit_frame: Vec<f64>,
    in_next_frame: usize,
}

/// Enter until the first frame after it is painted, with the words in the transcript (as 保存中
/// or saved), 100 times (ms).
fn shown_after_enter(app: &Session) -> Vec<f64> {
    let shown = app.execute_async(
        &format!(
            "const done = arguments[0]; {HELPERS} (async () => {{ const t = [];
               for (let i = 0; i < 100; i++) {{ const words = '表示の計測 ' + i; input.value = words; input.dispatchEvent(new InputEvent('input'));
                 await settle(); const s = performance.now();
                 input.dispatchEvent(new KeyboardEvent('keydown', {{key: 'Enter', code: 'Enter', bubbles: true, cancelable: true}}));
                 await painted();
                 if (![...transcript.querySelectorAll('.turn .words')].slice(-2).some((w) => w.textContent === words)) {{ done('not shown: ' + words); return; }}
                 t.push(performance.now() - s);
                 await new Promise((r) => setTimeout(r, 50)); }}
               done(t); }})()"
        ),
        json!([]),
    );
    numbers(&shown)
}

fn window_figures(app: &Session) -> Figures {
    eprintln!("measuring: frames");
    let frames = app.execute_async(
        &format!(
            "const done = arguments[0]; {HELPERS} (async () => {{ const idle = [];
               for (let i = 0; i < 100; i++) {{ const a = await painted(); const b = await painted(); idle.push(b - a); }}
               done(idle); }})()"
        ),
        json!([]),
    );
    eprintln!("measuring: keystroke");
    let keystroke = app.execute_async(
        &format!(
            "const done = arguments[0]; {HELPERS} (async () => {{ const t = [];
               for (let i = 0; i < 300; i++) {{ await settle(); const s = performance.now();
                 input.value += 'あ'; input.dispatchEvent(new InputEvent('input', {{data: 'あ'}}));
                 await painted(); t.push(performance.now() - s); }}
               input.value = ''; input.dispatchEvent(new InputEvent('input')); done(t); }})()"
        ),
        json!([]),
    );
    eprintln!("measuring: commit to the turn shown");
    let shown = shown_after_enter(app);
    eprintln!("measuring: commit");
    let commit = app.execute_async(
        &format!(
            "const done = arguments[0]; {HELPERS} (async () => {{ const handler = [], total = [], work = [], late = [];
               const savedRow = () => new Promise((r) => {{ const o = new MutationObserver((changes) => {{
                 if (changes.some((c) => [...c.addedNodes].some((n) => n.dataset && n.dataset.saved === 'true'))) {{ o.disconnect(); r(frames); }} }});
                 o.observe(transcript, {{childList: true, subtree: true}}); }});
               for (let i = 0; i < 200; i++) {{ input.value = '確定の計測 ' + i; input.dispatchEvent(new InputEvent('input'));
                 await settle(); const s = performance.now(); const at = frames; const shown = savedRow();
                 input.dispatchEvent(new KeyboardEvent('keydown', {{key: 'Enter', code: 'Enter', bubbles: true, cancelable: true}}));
                 handler.push(performance.now() - s);
                 const savedIn = await shown; const began = await painted(); const end = performance.now();
                 total.push(end - s); work.push(end - began); late.push(savedIn - at); }}
               done([handler, total, work, late]); }})()"
        ),
        json!([]),
    );
    Figures {
        idle: numbers(&frames),
        keystroke: numbers(&keystroke),
        shown,
        handler: numbers(&commit[0]),
        commit: numbers(&commit[1]),
        commit_frame: numbers(&commit[2]),
        in_next_frame: numbers(&commit[3]).iter().filter(|&&n| n == 0.0).count(),
    }
}

#[test]
#[ignore = "a benchmark, run by `make bench`"]
fn window_figures_short_and_long() {
    let _turn = one_at_a_time();
    let short = {
        let data = DataDir::new("bench-short");
        let driver = Driver::start(data.path());
        let (_, app) = meeting_on_screen(&data, &driver, 10);
        window_figures(&app)
    };
    let (long, [ipc, core, bare], reload) = {
        let data = DataDir::new("bench-long");
        let driver = Driver::start(data.path());
        let (id, app) = meeting_on_screen(&data, &driver, 1000);
        let commits = commit_paths(&app, id);
        let reload = reload_figures(&app);
        (window_figures(&app), commits, reload)
    };
    let mut table = vec![
        "| in the real window | turns on screen | n | p50 | p95 | p99 |".to_string(),
        ROW.to_string(),
        stats("a frame, nothing changing", "1,300", long.idle.clone()),
        stats("turn commit: `add_turn` through the IPC (IPC included)", "1,000", ipc.clone()),
        stats_fine("turn commit: `Store::add_turn`, same run (IPC excluded)", "—", core.clone()),
        stats_fine("turn commit: bare rusqlite insert + commit, same run and pragmas", "—", bare.clone()),
        stats("reload of the live screen until the newest rows are shown (200 made)", "1,300", reload),
    ];
    for (turns, f) in [("10", short), ("1,300", long)] {
        table.extend([
            stats("keystroke to paint", turns, f.keystroke),
            stats("commit (Enter) to the turn on screen painted (保存中 or saved)", turns, f.shown),
            stats("commit: the Enter handler (script)", turns, f.handler),
            stats("commit: layout and paint of the frame showing the saved turn", turns, f.commit_frame),
            stats("commit (Enter) to the saved turn painted", turns, f.commit),
            format!(
                "| the saved turn in the frame right after Enter | {turns} | 200 | {} of 200 | | |",
                f.in_next_frame
            ),
        ]);
    }
    println!("{}", table.join("\n"));
    let bare = percentile(&bare, 0.5);
    let (ipc, core) = (percentile(&ipc, 0.5), percentile(&core, 0.5));
    println!("p50 ratios to the bare insert: IPC included {:.2}, core {:.2}", ipc / bare, core / bare);
}

/// Start to 会議一覧 painted: the app launched (WebDriver's new session: the process, the window,
/// the page) until the end of the first frame that shows the list's rows (the page's own mark,
/// `shoki:first-screen-painted` in ui/js/app.js, on the page's clock), with an empty store, ten
/// meetings and 1,000 (`generate_archive` from the reference's lines). Fifteen starts each (one
/// start moves by ±80 ms with the machine, and the median of seven still moved by a tenth between
/// runs), the stores in turn, the store on a warm page cache as on a laptop in use. Each start
/// follows a clean close (the generator's, then Shoki's own at SIGTERM).
#[test]
#[ignore = "a benchmark, run by `make bench`"]
fn start_to_the_list_with_an_archive() {
    const STARTS: usize = 15;
    let _turn = one_at_a_time();
    let material = support::reference::lines();
    let mut rows = vec![
        format!("| start → 会議一覧 painted ({STARTS} starts) | meetings | median | slowest |"),
        "|---|---|---|---|".to_string(),
    ];
    let stores = [0usize, 10, 1000];
    let drivers: Vec<(DataDir, Driver)> = stores
        .iter()
        .map(|&meetings| {
            let data = DataDir::new(&format!("bench-start-{meetings}"));
            if meetings >= 1000 {
                archive_into(&data, meetings);
            } else {
                let mut store = Store::open(data.path()).unwrap();
                if meetings > 0 {
                    store.generate_archive(&material, meetings, 7).unwrap();
                }
            }
            let driver = Driver::start(data.path());
            (data, driver)
        })
        .collect();
    // The stores take turns, start by start: the machine's drift over the run (its page cache, a
    // background task) falls on all three alike instead of on whichever store came last.
    let mut times = vec![Vec::new(); stores.len()];
    for _ in 0..STARTS {
        for (i, (data, driver)) in drivers.iter().enumerate() {
            let started = std::time::SystemTime::now();
            let app = driver.launch();
            // The page marks the frame itself: WebDriver's polls land before or after the first
            // frame by chance, and one landing after it would wait for the next (a tenth of a
            // second on Xvfb's software GL), which a poll of the lighter welcome screen more
            // often escapes.
            let mut painted = None;
            support::wait_for("the first screen painted", || {
                painted = app
                    .execute(
                        "const [m] = performance.getEntriesByName('shoki:first-screen-painted');
                         return m ? performance.timeOrigin + m.startTime : null;",
                        json!([]),
                    )
                    .as_f64();
                painted.is_some()
            });
            let painted = painted.unwrap();
            let ready =
                if stores[i] == 0 { "[data-testid=load-sample]" } else { "[data-testid=meeting-list] tbody tr" };
            assert_eq!(
                app.execute("return document.querySelector(arguments[0]) !== null", json!([ready])),
                json!(true)
            );
            let launched = started.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs_f64() * 1000.0;
            times[i].push(painted - launched);
            // Closed as a secretary's day ends (the quit backup, a clean close): the next start
            // is measured once Shoki has wholly gone, as the next morning's is. (A start after a
            // crash checks the store whole meanwhile: a_meeting_of_5000_turns.)
            support::webdriver::end_app(data.path());
            app.abandon();
        }
    }
    let mut medians = Vec::new();
    for (meetings, mut times) in stores.iter().zip(times) {
        println!("starts with {meetings} meetings: {times:.0?} ms");
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        medians.push(times[STARTS / 2]);
        rows.push(format!("| | {meetings} | {:.0} ms | {:.0} ms |", times[STARTS / 2], times[STARTS - 1]));
    }
    drop(drivers);
    // The anchor, on the same display: a bare WebKitGTK page started by python3 (its interpreter
    // and GTK's bindings load first, about a tenth of a second).
    let data = DataDir::new("bench-start-bare");
    let driver = Driver::start(data.path());
    let mut bare: Vec<f64> = (0..STARTS).map(|_| bare_page_start(&driver)).collect();
    bare.sort_by(|a, b| a.partial_cmp(b).unwrap());
    rows.push(format!(
        "| anchor: a bare WebKitGTK page (python3) | — | {:.0} ms | {:.0} ms |",
        bare[STARTS / 2],
        bare[STARTS - 1]
    ));
    println!("{}", rows.join("\n"));
    println!("1,000 meetings / empty store: {:.2}×; / ten: {:.2}×", medians[2] / medians[0], medians[2] / medians[1]);
}

/// 開会 with years of meetings: from the click on 「開会する」 until the live screen's input is
/// there, in a meeting of the 1,000-meeting archive (380 MiB), beside the backup the step takes
/// (until `backups/…-open.sqlite3` carries its name), which runs on its own thread from a
/// snapshot taken with the step (`Store::moment`). Three meetings, each opened after a clean start.
#[test]
#[ignore = "a benchmark, run by `make bench`"]
fn opening_a_meeting_with_the_archive() {
    let _turn = one_at_a_time();
    let data = DataDir::new("bench-open");
    archive_into(&data, 1000);
    let driver = Driver::start(data.path());
    let opened_backups = |data: &DataDir| {
        std::fs::read_dir(data.path().join("backups"))
            .map(|r| r.flatten().filter(|e| e.file_name().to_string_lossy().ends_with("-open.sqlite3")).count())
            .unwrap_or(0)
    };
    let (mut answered, mut backed_up) = (Vec::new(), Vec::new());
    for day in 1..=3 {
        let id = Store::open(data.path())
            .unwrap()
            .create_meeting(1, chrono::NaiveDate::from_ymd_opt(2026, 12, day).unwrap())
            .unwrap()
            .id;
        let app = driver.launch();
        app.click_testid(&format!("open-meeting-{id}"));
        app.click_testid("go-live");
        let before = opened_backups(&data);
        let clicked = std::time::Instant::now();
        app.click_testid("open-meeting");
        app.by_testid("turn-input");
        answered.push(clicked.elapsed().as_secs_f64() * 1000.0);
        while opened_backups(&data) == before {
            assert!(clicked.elapsed().as_secs() < 60, "no backup after 開会");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        backed_up.push(clicked.elapsed().as_secs_f64() * 1000.0);
        support::webdriver::end_app(data.path());
        app.abandon();
        // Closed, so that the next start shows 会議一覧 rather than reopening it.
        let closing = chrono::NaiveDate::from_ymd_opt(2026, 12, day).unwrap().and_hms_opt(23, 0, 0).unwrap();
        Store::open(data.path()).unwrap().close_meeting(id, closing).unwrap();
    }
    println!("| 開会 with 1,000 meetings (380 MiB) | the live screen's input there | its backup named |");
    println!("|---|---|---|");
    for (a, b) in answered.iter().zip(&backed_up) {
        println!("| | {a:.0} ms | {b:.0} ms |");
    }
}

/// Search across the 1,000 meetings in the window: Enter in 会議一覧's search box until the end of
/// the first frame that shows the newest page of results (up to 50 places, grouped by meeting, the
/// words marked; its rows past the first 24 a frame later, and that frame too; the total follows
/// in its own call and is not waited for), for the words of
/// `benches/archive.rs` (`words_to_look_up`: ten of each length from 1 to 10 characters, cut from
/// the reference's lines), each searched once, beside `grep -F -r` over the same meetings exported
/// as text (`Format::TxtLf`), in the same run. The page times itself (performance.now()).
#[test]
#[ignore = "a benchmark, run by `make bench`"]
fn searching_the_archive_in_the_window() {
    let _turn = one_at_a_time();
    let material = support::reference::lines();
    let data = DataDir::new("bench-search");
    archive_into(&data, 1000);
    let texts = DataDir::new("bench-search-texts");
    {
        let store = Store::open(data.path()).unwrap();
        for m in store.meetings().unwrap() {
            let bytes = store.render(m.id, shoki_core::export::Format::TxtLf).unwrap();
            std::fs::write(texts.path().join(format!("{}.txt", m.id)), bytes).unwrap();
        }
    }
    let grep = |word: &str| {
        let started = std::time::Instant::now();
        let out = std::process::Command::new("grep").args(["-F", "-r", "-c", word]).arg(texts.path()).output().unwrap();
        assert!(out.status.code().is_some_and(|c| c <= 1), "grep for {word}");
        started.elapsed().as_secs_f64() * 1000.0
    };
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.by_testid("search-all-input");
    // Enter as the secretary presses it (a keydown through the page's own key layer), the page's
    // clock from just before it to the rows of the page put in (the IPC, the core's page and the
    // rows built), and to the end of the first frame after: the page painted, all of its rows.
    let search = |word: &str| -> (f64, f64, u64) {
        let answer = app.execute_async(
            "const [word, done] = arguments;
             const input = document.querySelector('[data-testid=search-all-input]');
             const results = document.querySelector('[data-testid=search-all-results]');
             input.value = word;
             let t0;
             const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
             const seen = new MutationObserver(async () => {
               seen.disconnect();
               const rows = performance.now() - t0;
               await frame();
               done([performance.now() - t0, rows, results.querySelectorAll('mark').length]);
             });
             seen.observe(results, { childList: true });
             t0 = performance.now();
             input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));",
            json!([word]),
        );
        let n = |i: usize| answer[i].as_f64().unwrap();
        (n(0), n(1), n(2) as u64)
    };
    // The page's scripts and grep's files warmed as in a laptop's working day.
    for word in ["会議", "委員", "審議会"] {
        search(word);
        grep(word);
    }
    let words = shoki_core::store::generate::words_to_look_up(&material, 10, 11);
    let (mut painted, mut in_page, mut grepped, mut ratios, mut one_char) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut unmarked = 0;
    for word in &words {
        let (ms, rows_in, marks) = search(word);
        let g = grep(word);
        if marks == 0 {
            unmarked += 1;
        }
        if word.chars().count() == 1 {
            one_char.push(ms);
        }
        painted.push(ms);
        in_page.push(rows_in);
        grepped.push(g);
        ratios.push(g / ms.max(0.1));
    }
    support::webdriver::end_app(data.path());
    app.abandon();
    let text_mb = std::fs::read_dir(texts.path()).unwrap().flatten().map(|e| e.metadata().unwrap().len()).sum::<u64>()
        as f64
        / 1e6;
    let line = |name: &str, ms: &[f64]| {
        println!(
            "| {name} | {:.0} ms | {:.0} ms | {:.0} ms |",
            percentile(ms, 0.5),
            percentile(ms, 0.95),
            percentile(ms, 1.0)
        );
    };
    println!("| search in the window, 1,000 meetings ({} words of 1–10 characters) | p50 | p95 | max |", words.len());
    println!("|---|---|---|---|");
    line("Enter → the newest page of 50 painted, all its rows in one frame", &painted);
    line("of which Enter → its rows in the page (IPC, the core's page, rows built)", &in_page);
    line("of which one-character words, Enter → the page painted", &one_char);
    line(&format!("anchor: grep -F -r over the exported texts ({text_mb:.0} MB)"), &grepped);
    println!(
        "grep / window per word: median {:.1}×, lowest {:.1}×; words with no place marked: {unmarked}",
        percentile(&ratios, 0.5),
        percentile(&ratios, 0.0)
    );
}

/// The 1,000-meeting archive (`generate_archive` from the reference's lines, seed 7), generated
/// once into target/ and copied into `data` for each use (generating takes about 70 s).
fn archive_into(data: &DataDir, meetings: usize) {
    let material = support::reference::lines();
    let cache = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!(
        "target/bench-archive-{meetings}-v{}",
        Store::open_in_memory().unwrap().schema_version().unwrap()
    ));
    if !cache.join("shoki.sqlite3").exists() {
        let _ = std::fs::remove_dir_all(&cache);
        let mut store = Store::open(&cache).unwrap();
        store.generate_archive(&material, meetings, 7).unwrap();
    }
    std::fs::copy(cache.join("shoki.sqlite3"), Store::path(data.path())).unwrap();
    // The generator's clean close, so the copy opens as a secretary's store does in the morning.
    let _ = Store::open(data.path()).unwrap();
    // The copy's 400 MB written out now: left to the kernel, its writeback would fall within the
    // starts measured next, which a laptop's morning start does not have.
    std::fs::File::open(Store::path(data.path())).unwrap().sync_all().unwrap();
}

/// What a process and every process it started use, from /proc: proportional memory (PSS, KiB),
/// threads, and CPU time (clock ticks of 1/100 s).
#[derive(Debug, Clone, Copy)]
struct Usage {
    pss_kib: u64,
    threads: u64,
    cpu_ticks: u64,
}

/// `root` and every process started under it.
fn family(root: u32) -> Vec<u32> {
    let mut all = vec![root];
    let mut i = 0;
    while i < all.len() {
        all.extend(support::children_of(all[i]));
        i += 1;
    }
    all
}

/// Each process of the family with its memory (PSS, MiB), for where memory goes.
fn breakdown(root: u32) -> String {
    family(root)
        .into_iter()
        .map(|pid| {
            let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            let pss: u64 = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
                .ok()
                .and_then(|t| t.lines().find(|l| l.starts_with("Pss:"))?.split_whitespace().nth(1)?.parse().ok())
                .unwrap_or(0);
            format!("{} {:.0} MiB", name.trim(), pss as f64 / 1024.0)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn usage(root: u32) -> Usage {
    let mut u = Usage { pss_kib: 0, threads: 0, cpu_ticks: 0 };
    for pid in family(root) {
        let field = |file: &str, key: &str| -> u64 {
            std::fs::read_to_string(format!("/proc/{pid}/{file}"))
                .ok()
                .and_then(|t| {
                    t.lines().find(|l| l.starts_with(key)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
                })
                .unwrap_or(0)
        };
        u.pss_kib += field("smaps_rollup", "Pss:");
        u.threads += field("status", "Threads:");
        if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            let rest: Vec<u64> = stat
                .rsplit_once(')')
                .map(|(_, r)| r.split_whitespace().filter_map(|x| x.parse().ok()).collect())
                .unwrap_or_default();
            // After the name: state, ppid … utime is the 12th number, stime the 13th.
            u.cpu_ticks += rest.get(10).copied().unwrap_or(0) + rest.get(11).copied().unwrap_or(0);
        }
    }
    u
}

/// Memory and threads after `settle` seconds and three idle windows of ten seconds, and the share
/// of a CPU (0–2 on this 2-core VM) in the middle window of the three: one window alone moves by a
/// point or two with whatever else the machine does (a background task, the page cache), which on
/// an idle share of about 11 % is the 10 % the sitting's figure asks about. Each window's share is
/// printed.
fn idle_usage(root: u32, settle: u64) -> (Usage, f64) {
    std::thread::sleep(std::time::Duration::from_secs(settle));
    warn_of_sharers(root);
    let mut shares = Vec::new();
    let mut before = usage(root);
    for _ in 0..3 {
        std::thread::sleep(std::time::Duration::from_secs(10));
        let after = usage(root);
        shares.push(after.cpu_ticks.saturating_sub(before.cpu_ticks) as f64 / 100.0 / 10.0);
        before = after;
    }
    println!("idle CPU in three windows of 10 s: {:.1?} %", shares.iter().map(|s| s * 100.0).collect::<Vec<_>>());
    shares.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (before, shares[1])
}

/// PSS splits a shared page among the processes mapping it: a WebKit process left running by an
/// earlier run (a test that panicked) took 50 MiB off Shoki's figure. Names any outside `root`.
fn warn_of_sharers(root: u32) {
    let ours = family(root);
    let others: Vec<String> = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| !ours.contains(pid))
        .filter_map(|pid| {
            let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
            let name = status.lines().next()?.split_whitespace().nth(1)?.to_string();
            let zombie = status.lines().any(|l| l.starts_with("State:") && l.contains('Z'));
            (!zombie
                && (name == "WebKitWebProces" || name == "WebKitNetworkPr" || name == "shoki" || name == "python3"))
                .then(|| format!("{name} {pid}"))
        })
        .collect();
    if !others.is_empty() {
        println!("WARNING: other processes share WebKit's pages and lower these figures: {}", others.join(", "));
    }
}

/// The bare WebKitGTK page (tests/bench/bare_page.py) started on the driver's display and waited
/// for until it says it has painted: the process, and the time that took (ms).
fn start_bare_page(driver: &Driver) -> (std::process::Child, f64) {
    use std::io::BufRead;
    let script = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bench/bare_page.py");
    let started = std::time::Instant::now();
    let mut child = std::process::Command::new("/usr/bin/python3")
        .arg(&script)
        .env_remove("DISPLAY")
        .envs(driver.display_env())
        .env("DBUS_SESSION_BUS_ADDRESS", "disabled:")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("/usr/bin/python3 with python3-gi and gir1.2-webkit2-4.1: run `make bench`, which installs them");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "painted", "the bare page must paint");
    (child, started.elapsed().as_secs_f64() * 1000.0)
}

/// The bare page measured like Shoki (`idle_usage`), then killed: its start (ms), use and CPU.
fn bare_page(driver: &Driver) -> (f64, Usage, f64) {
    let (mut child, painted) = start_bare_page(driver);
    let (u, cpu) = idle_usage(child.id(), 5);
    println!("bare page memory by process: {}", breakdown(child.id()));
    let _ = child.kill();
    let _ = child.wait();
    (painted, u, cpu)
}

/// The time from starting the bare page to its first frame after the load, ms.
fn bare_page_start(driver: &Driver) -> f64 {
    let (mut child, painted) = start_bare_page(driver);
    let _ = child.kill();
    let _ = child.wait();
    painted
}

/// The Shoki process of this driver's data directory.
fn app_pid(data: &DataDir) -> u32 {
    support::webdriver::app_pids_of(std::path::Path::new(support::webdriver::app_binary()), data.path())[0]
}

/// Memory with years of minutes: the 1,000-meeting archive and a meeting of 1,300 turns live on
/// screen, against a bare WebKitGTK page in a window of the same size (the interpreter that opens
/// it, python3 with GTK's bindings, counted with it).
#[test]
#[ignore = "a benchmark, run by `make bench`"]
fn memory_with_the_archive_and_a_long_meeting_live() {
    let _turn = one_at_a_time();
    let data = DataDir::new("bench-memory");
    archive_into(&data, 1000);
    let id = {
        let mut store = Store::open(data.path()).unwrap();
        let m = store.load_sample().unwrap();
        let now = chrono::Local::now().naive_local();
        store.open_meeting(m.id, now).unwrap();
        for i in 0..1300 {
            store
                .add_turn(m.id, ["chair", "member", "official"][i % 3], &format!("{i}番目の発言です。{WORDS}"), now)
                .unwrap();
        }
        m.id
    };
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.by_testid("turn-input");
    support::wait_for("the newest turns on screen", || saved_rows(&app) == ROWS_AT_OPEN);
    let (shoki, cpu) = idle_usage(app_pid(&data), 5);
    println!("memory by process: {}", breakdown(app_pid(&data)));
    // Each measured alone: PSS splits a page shared by two processes between them, so a bare page
    // measured while Shoki still runs would count half of WebKit's libraries (a run of
    // 2026-12-01 gave it 204 MiB beside Shoki, 268 MiB alone).
    let processes = family(app_pid(&data));
    app.quit();
    support::wait_for("Shoki's WebKit processes to exit", || {
        // A zombie (ended, not yet reaped) has no executable any more.
        processes.iter().all(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_err())
    });
    let (_, bare, bare_cpu) = bare_page(&driver);
    println!(
        "| memory (PSS, the app and its WebKit processes), 1,000 meetings + {id}: 1,300 turns live | {:.0} MiB | {} threads | CPU idle {:.1} % |",
        shoki.pss_kib as f64 / 1024.0,
        shoki.threads,
        cpu * 100.0
    );
    println!(
        "| anchor: a bare WebKitGTK page (python3 + GTK + WebKit) | {:.0} MiB | {} threads | CPU idle {:.1} % |",
        bare.pss_kib as f64 / 1024.0,
        bare.threads,
        bare_cpu * 100.0
    );
    println!("memory / bare page: {:.2}×", shoki.pss_kib as f64 / bare.pss_kib as f64);
}

/// A six-hour sitting in accelerated time: Shoki runs under libfaketime with its wall clock at
/// sixty times the real one (`faketime -f "+0 x60"`, for the app and its WebKit processes only;
/// the monotonic clock of timers and frames left real), so six real minutes
/// are six hours of the meeting's: the council's hourly ventilation reminder six times (each
/// confirmed with F9 and its phrase committed), a turn every three real seconds (every three
/// minutes of the meeting), a vote every real minute, the chair's screen open throughout. Threads,
/// CPU idle (the middle of three ten-second windows, `idle_usage`) and memory at the start and at the end, in the same run; memory at
/// each hour. `SHOKI_SITTING_HOURS` makes the sitting longer (a day's: 12);
/// `SHOKI_SITTING_CHIME=off` turns the reminder's chime off (its audio loads once, at the first).
#[test]
#[ignore = "a benchmark, run by `make bench`"]
fn a_six_hour_sitting_in_accelerated_time() {
    let _turn = one_at_a_time();
    let hours: u64 = std::env::var("SHOKI_SITTING_HOURS").ok().and_then(|h| h.parse().ok()).unwrap_or(6);
    let data = DataDir::new("bench-sitting");
    let id = {
        let mut store = Store::open(data.path()).unwrap();
        let m = store.load_sample().unwrap();
        store.open_meeting(m.id, chrono::Local::now().naive_local()).unwrap();
        m.id
    };
    let wrapper = data.path().join("faketime-shoki.sh");
    std::fs::write(
        &wrapper,
        // The wall clock only: WebKit's timers and frames keep the real monotonic clock.
        format!(
            "#!/bin/sh\nFAKETIME_DONT_FAKE_MONOTONIC=1 exec faketime -f \"+0 x60\" {} \"$@\"\n",
            support::webdriver::app_binary()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&wrapper, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let driver = Driver::start(data.path());
    let app = driver.launch_program(&wrapper);
    app.by_testid("turn-input");
    // WebKit's automation keeps its own timeouts by the wall clock, which runs sixty times too
    // fast here: the keys come from the X server instead (xdotool), as a keyboard's do, and
    // WebDriver only reads the page and runs scripts.
    let display = driver.display_env();
    let xdo = |args: &[&str]| {
        let ok = std::process::Command::new("xdotool")
            .args(args)
            .env_remove("DISPLAY")
            .envs(display.iter().map(|(k, v)| (k, v)))
            .status()
            .expect("xdotool: run `make bench`, which installs it");
        assert!(ok.success(), "xdotool {args:?}");
    };
    let focus_box = || {
        app.execute("document.querySelector('[data-testid=turn-input]').focus()", json!([]));
    };
    // The chime off (as the secretary can set it) shows what its audio costs the web process.
    if std::env::var("SHOKI_SITTING_CHIME").as_deref() == Ok("off") {
        app.execute("localStorage.setItem('shoki.chime', 'off')", json!([]));
    }
    focus_box();
    xdo(&["key", "F10"]); // the chair's screen
    support::wait_for("the chair's window", || app.window_handles().len() == 2);
    std::thread::sleep(std::time::Duration::from_secs(2));
    // The secretary's window takes the keyboard back.
    let windows = std::process::Command::new("xdotool")
        .args(["search", "--name", "書記 — 会議録"])
        .env_remove("DISPLAY")
        .envs(display.iter().map(|(k, v)| (k, v)))
        .output()
        .unwrap();
    let main = String::from_utf8_lossy(&windows.stdout).lines().next().expect("the secretary's window").to_string();
    xdo(&["windowfocus", "--sync", &main]);
    focus_box();
    let pid = app_pid(&data);
    let (start, start_cpu) = idle_usage(pid, 15);
    let start_breakdown = breakdown(pid);
    let began = std::time::Instant::now();
    let (mut turns, mut votes, mut reminders) = (0, 0, 0);
    let mut next_vote = 60;
    // Memory at each hour of the meeting (each real minute): a leak grows on, a warm-up levels off.
    let mut hourly = Vec::new();
    while began.elapsed().as_secs() < 60 * hours {
        if began.elapsed().as_secs() >= 60 * (hourly.len() as u64 + 1) {
            hourly.push(usage(pid).pss_kib as f64 / 1024.0);
            println!("hour {}: {}", hourly.len(), breakdown(pid));
        }
        let shown = app.execute(
            "const banner = document.querySelector('[data-testid=ventilation-banner]');
             return banner && !banner.hidden ? banner.textContent : '';",
            json!([]),
        );
        focus_box();
        if shown.as_str().is_some_and(|t| t.contains("換気の時間")) {
            xdo(&["key", "F9"]); // the chair's phrase into the box
            std::thread::sleep(std::time::Duration::from_millis(300));
            xdo(&["key", "Return"]);
            reminders += 1;
        } else {
            xdo(&[
                "type",
                "--delay",
                "5",
                &format!("{turns}番目の発言です。確認なんですけれども、同じサービスを使うのでしょうか。"),
            ]);
            std::thread::sleep(std::time::Duration::from_millis(support::webdriver::IME_GRACE_MS));
            xdo(&["key", "Return"]);
            turns += 1;
        }
        if began.elapsed().as_secs() >= next_vote {
            app.execute(
                "window.__TAURI__.core.invoke('record_vote', { meetingId: arguments[0],
                   vote: { for_count: '12', against_count: '3', abstain_count: '0' }, withNotes: false })",
                json!([id]),
            );
            votes += 1;
            next_vote += 60;
        }
        std::thread::sleep(std::time::Duration::from_secs(3));
    }
    let (end, end_cpu) = idle_usage(pid, 15);
    println!("memory at the start: {start_breakdown}\nat the end: {}", breakdown(pid));
    println!("memory (PSS) at each hour: {hourly:.0?} MiB");
    let reminded = app.execute("return document.querySelectorAll('.turn').length", json!([]));
    println!(
        "{hours} hours in {hours} minutes: {turns} turns, {reminders} reminders confirmed, {votes} votes, the chair's screen open; {reminded} rows"
    );
    println!("| a six-hour sitting | threads | CPU idle (middle of 3 × 10 s) | memory (PSS) |");
    println!("|---|---|---|---|");
    for (when, u, cpu) in [("start", start, start_cpu), ("end", end, end_cpu)] {
        println!("| {when} | {} | {:.1} % | {:.0} MiB |", u.threads, cpu * 100.0, u.pss_kib as f64 / 1024.0);
    }
    println!(
        "end / start: threads {:.2}×, CPU idle {:.2}×, memory {:.2}×",
        end.threads as f64 / start.threads as f64,
        end_cpu / start_cpu,
        end.pss_kib as f64 / start.pss_kib as f64
    );
    // What is paid once (the first turns' code, the first chime's audio stack: about 12 MiB in
    // the web process, measured with the chime off) falls in the first hour; growth is what comes
    // after it.
    if let Some(first) = hourly.first() {
        println!("memory, end / hour 1: {:.2}×", end.pss_kib as f64 / 1024.0 / first);
    }
    support::webdriver::kill_app(data.path());
    app.abandon();
}

/// An all-day session: 5,000 turns on screen. Enter until the turn is on screen (the frame after
/// it painted), and the reopening after a crash (SIGKILL, then a start that opens on the meeting
/// in session) until the newest rows are shown (200 made), three times.
#[test]
#[ignore = "a benchmark, run by `make bench`"]
fn a_meeting_of_5000_turns() {
    let _turn = one_at_a_time();
    let data = DataDir::new("bench-5000");
    let driver = Driver::start(data.path());
    let (_, app) = meeting_on_screen(&data, &driver, 5000);
    let shown = shown_after_enter(&app);
    let newest = "return [...document.querySelectorAll('.turn[data-saved=true]')].at(-1).dataset.testid";
    let last = app.execute(newest, json!([]));
    let rows = 5000 + shown.len();
    // Ctrl+F for a word in every turn, timed from Enter until the hit is selected, in view and
    // painted (in the page's own clock): Enter starts from the newest; Shift+Enter from the
    // oldest, which makes every row; then other words of every turn with the rows all made.
    app.focus_testid("turn-input");
    app.keys("\u{E009}f\u{E009}");
    let (mut newest_first, mut find, mut again) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..3 {
        let search = |word: &str, oldest: bool| {
            let took = app.execute_async(
                "const [word, oldest, done] = arguments;
                 const input = document.querySelector('[data-testid=search-input]');
                 const count = document.querySelector('[data-testid=search-count]');
                 input.value = word;
                 const t0 = performance.now();
                 input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: oldest, bubbles: true }));
                 const check = () => /件中\\d+件目$/.test(count.textContent)
                   ? requestAnimationFrame(() => setTimeout(() => done([performance.now() - t0, count.textContent]), 0))
                   : setTimeout(check, 5);
                 check();",
                json!([word, oldest]),
            );
            println!("Ctrl+F {word}{}: {took}", if oldest { " (Shift+Enter)" } else { "" });
            took[0].as_f64().unwrap()
        };
        newest_first.push(search("確認", false));
        find.push(search("番目", true));
        again.push(search("サービス", true));
        // The next search starts on the newest rows again, as a meeting reopened does.
        app.reload();
        app.by_testid("turn-input");
        support::wait_for("the newest rows", || saved_rows(&app) == ROWS_AT_OPEN);
        app.focus_testid("turn-input");
        app.keys("\u{E009}f\u{E009}");
    }
    let mut app = app;
    let mut reopen = Vec::new();
    for _ in 0..3 {
        support::webdriver::kill_app(data.path());
        app.abandon(); // the session of the app killed
        let started = std::time::Instant::now();
        app = driver.launch();
        // The newest rows made (ROWS_AT_OPEN in ui/js/views/live.js), the last one among them.
        support::wait_for("the transcript after the crash", || {
            saved_rows(&app) == ROWS_AT_OPEN && app.execute(newest, json!([])) == last
        });
        reopen.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    app.quit();
    let table = [
        "| in the real window | turns on screen | n | p50 | p95 | p99 |".to_string(),
        ROW.to_string(),
        stats("commit (Enter) to the turn on screen painted (保存中 or saved)", "5,000", shown),
        format!("| start after a crash (SIGKILL) until the newest rows are shown (200 made) | {rows} | 3 | {reopen:.0?} ms | | |"),
        format!("| Ctrl+F, a word in every turn: Enter until the newest hit is selected and painted | {rows} | 3 | {newest_first:.0?} ms | | |"),
        format!("| the same, Shift+Enter: the oldest hit, every row made | {rows} | 3 | {find:.0?} ms | | |"),
        format!("| the same, other words of every turn, the rows made already | {rows} | 3 | {again:.0?} ms | | |"),
    ];
    println!("{}", table.join("\n"));
}
