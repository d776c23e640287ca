//! Every screen of the record's work, photographed at a small laptop's 1024×768 and a 15.6"
//! laptop's 1920×1080, for a person to open and judge (target/e2e-shots/screens-*.png). It also
//! fails when a screen does not come up.

mod support;

use shoki_core::Store;
use support::webdriver::{Display, Driver};
use support::{one_at_a_time, shot_path, DataDir};

#[test]
fn every_screen_of_the_record_at_two_sizes() {
    let _turn = one_at_a_time();
    for (width, height) in [(1024, 768), (1920, 1080)] {
        let data = DataDir::new(&format!("screens-{width}"));
        let (opened, final_id) = {
            let mut store = Store::open(data.path()).unwrap();
            let now = chrono::Local::now().naive_local();
            let done = store.load_sample().unwrap();
            store.open_meeting(done.id, now).unwrap();
            store.add_turn(done.id, "chair", "ただいまから開会いたします。", now).unwrap();
            store.close_meeting(done.id, now).unwrap();
            store.mark_draft(done.id, now).unwrap();
            store.finalize_meeting(done.id, now).unwrap();
            store.take_backup(data.path(), "finalize", now).unwrap();
            let next = store.duplicate_meeting(done.id).unwrap();
            store.open_meeting(next.id, now).unwrap();
            store.add_turn(next.id, "chair", "それでは、定刻になりましたので開催いたします。", now).unwrap();
            let leaving = store.meeting(next.id).unwrap().attendance[3].member_id;
            store.record_attendance(next.id, leaving, "left", now).unwrap();
            (next.id, done.id)
        };
        let driver = Driver::start_on(data.path(), Display::start_sized(width, height));
        let app = driver.launch();
        app.set_window_size(width, height);
        let shot = |name: &str| app.screenshot(&shot_path(&format!("screens-{width}-{name}")));
        // A meeting in session opens on its live screen, with the words it began under.
        app.focus_testid("turn-input");
        app.keys("閉会の前に一言");
        support::wait_for("the words in the box", || app.value(&app.by_testid("turn-input")) == "閉会の前に一言");
        shot("live");
        // Scrolled to their ends, 会議次第 and 定型文 still say at their top what they list.
        let headings = app.execute(
            "return ['live-agenda', 'phrase-list'].map((id) => {
               const pane = document.querySelector(`[data-testid=${id}]`);
               pane.scrollTop = pane.scrollHeight;
               return [pane.scrollTop > 0, Math.round(pane.querySelector('h3').getBoundingClientRect().top - pane.getBoundingClientRect().top - pane.clientTop)];
             })",
            serde_json::json!([]),
        );
        if height < 1000 {
            assert_eq!(headings, serde_json::json!([[true, 0], [true, 0]]), "scrolled, each heading at its pane's top");
        }
        shot("live-panes-scrolled");
        app.execute(
            "for (const id of ['live-agenda', 'phrase-list']) document.querySelector(`[data-testid=${id}]`).scrollTop = 0",
            serde_json::json!([]),
        );
        app.click_testid("toggle-attendance");
        app.wait_text("attendance-panel", |t| t.contains("退席"));
        let first = app.find("[data-testid^=correct-attendance-]");
        app.click(&first);
        shot("live-attendance-correction");
        app.click_testid("nav-list");
        app.wait_text("meeting-list", |t| t.contains("確定"));
        // Neither a 確定 meeting nor the one in session is offered for deletion (the core refuses
        // both: core/tests/status.rs).
        assert!(app.find_all(&format!("[data-testid=delete-meeting-{final_id}]")).is_empty());
        assert!(app.find_all(&format!("[data-testid=delete-meeting-{opened}]")).is_empty());
        shot("list");
        app.click_testid(&format!("open-meeting-{opened}"));
        app.click_testid("go-prep");
        app.wait_text("attendance-summary", |t| !t.is_empty());
        shot("prep-opened");
        // 審議会の設定 with its 書式 (the preview drawn), scrolled to the format.
        app.click_testid("council-settings");
        app.wait_text("format-preview", |t| t.contains("発言記録"));
        app.execute("document.querySelector('[data-testid=format-section]').scrollIntoView()", serde_json::json!([]));
        shot("council-format");
        app.execute("document.querySelector('[data-testid=format-preview]').scrollIntoView()", serde_json::json!([]));
        shot("council-format-preview");
        app.click_testid("nav-list");
        app.click_testid(&format!("open-meeting-{final_id}"));
        app.click_testid("go-export");
        app.wait_text("export-preview", |t| t.contains("発言の記録"));
        shot("export-final");
        app.click_testid("nav-list");
        app.click_testid("nav-backups");
        app.wait_text("backup-list", |t| !t.is_empty());
        shot("backups");
        // この書記について: the version, the data folder, the store's size, the last backup.
        app.click_testid("nav-list");
        app.click_testid("nav-about");
        app.wait_text("about-version", |t| t == env!("CARGO_PKG_VERSION"));
        assert_eq!(app.testid_text("about-data-dir"), data.path().display().to_string());
        assert!(app.testid_text("about-last-backup").contains("finalize"), "the backup taken at 確定");
        assert!(app.testid_text("about-store-size").ends_with(" MB"));
        shot("about");
        app.quit();
    }
}

/// Every script of the window loads in WebKit (a script that fails to load — an early error such
/// as a name declared twice — leaves the window blank, with nothing said): each module under
/// ui/js is imported in the running window and must load.
#[test]
fn every_script_of_the_window_loads() {
    let _turn = one_at_a_time();
    let data = DataDir::new("scripts");
    let driver = Driver::start(data.path());
    let app = driver.launch();
    support::wait_for("the window's page", || {
        app.execute("return document.readyState", serde_json::json!([])) == serde_json::json!("complete")
    });
    let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    let mut scripts: Vec<String> = support::ui_sources()
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == "js"))
        .map(|path| format!("./{}", path.strip_prefix(&ui).unwrap().display()))
        .collect();
    assert!(scripts.len() > 10, "the window's scripts are found: {scripts:?}");
    // The chair's window's script runs only in its own window (it reads its meeting from the address).
    scripts.retain(|s| !s.ends_with("chair.js"));
    for script in scripts {
        let loaded = app.execute_async(
            "const [script, done] = arguments; import(script).then(() => done('loaded'), (e) => done(String(e)))",
            serde_json::json!([script]),
        );
        assert_eq!(loaded, serde_json::json!("loaded"), "{script}");
    }
    app.quit();
}
