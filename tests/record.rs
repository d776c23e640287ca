//! End-to-end journeys of a record that tells what happened: F8 pressed before Enter keeps the
//! words with the item they began in, and editing the roster after 確定 leaves the final minutes
//! byte for byte as they were handed out.

mod support;

use shoki_core::export::Format;
use shoki_core::Store;
use support::webdriver::{Driver, CONTROL, F8, TAB};
use support::{one_at_a_time, open_store, shot_path, DataDir};

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

#[test]
fn f8_before_enter_keeps_the_words_with_the_item_they_began_in() {
    let _turn = one_at_a_time();
    let data = DataDir::new("record-f8");
    let (id, first, second) = {
        let mut store = Store::open(data.path()).unwrap();
        let m = store.load_sample().unwrap();
        let m = store.open_meeting(m.id, now()).unwrap();
        let leaves = m.leaves();
        (m.id, leaves[0], leaves[1])
    };
    let driver = Driver::start(data.path());
    // A meeting in session opens on its live screen.
    let app = driver.launch();
    app.focus_testid("turn-input");
    // The chair's closing words of the first item, typed; the secretary presses F8 before Enter.
    app.keys("以上で会長あいさつを終わります");
    app.keys(F8);
    let note = app.wait_text("turn-entry-note", |t| !t.is_empty());
    assert!(note.contains("会長あいさつ"), "the screen says where the words go: {note}");
    app.screenshot(&shot_path("15-f8-before-enter"));
    app.keys("。");
    std::thread::sleep(std::time::Duration::from_millis(support::webdriver::IME_GRACE_MS));
    app.keys(support::webdriver::ENTER);
    support::wait_for("the turn to be saved", || !app.find_all(".turn[data-saved=true]").is_empty());
    let under_first = app.find_all(&format!("[data-testid=transcript-entry-{first}] .turn[data-saved=true]"));
    assert_eq!(under_first.len(), 1, "on screen under the item it began in");
    assert!(app.testid_text("turn-entry-note").is_empty(), "the note goes with the words");
    // The next words begin under the item now current.
    app.keys("それでは、諮問事項に入ります。");
    std::thread::sleep(std::time::Duration::from_millis(support::webdriver::IME_GRACE_MS));
    app.keys(support::webdriver::ENTER);
    support::wait_for("the second turn", || app.find_all(".turn[data-saved=true]").len() == 2);
    app.quit();
    let store = open_store(data.path());
    let turns = store.transcript(id).unwrap();
    assert_eq!(turns[0].text, "以上で会長あいさつを終わります。");
    assert_eq!(turns[0].agenda_entry_id, Some(first), "filed under the item during which it was said");
    assert_eq!(turns[1].agenda_entry_id, Some(second));
}

#[test]
fn a_roster_edit_after_final_leaves_the_minutes_as_they_were_handed_out() {
    let _turn = one_at_a_time();
    let data = DataDir::new("record-final");
    let (id, council, member, before) = {
        let mut store = Store::open(data.path()).unwrap();
        let m = store.load_sample().unwrap();
        let at = now();
        store.open_meeting(m.id, at).unwrap();
        store.add_turn(m.id, "chair", "ただいまから開会いたします。", at).unwrap();
        store.close_meeting(m.id, at).unwrap();
        store.mark_draft(m.id, at).unwrap();
        store.finalize_meeting(m.id, at).unwrap();
        let bytes: Vec<Vec<u8>> = [Format::Docx, Format::Html, Format::Txt, Format::Json]
            .iter()
            .map(|&f| store.render(m.id, f).unwrap())
            .collect();
        (m.id, m.council.id, m.attendance[0].member_id, bytes)
    };
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.click_testid(&format!("council-settings-{council}"));
    // Rename a member, add one, rename the council and the officials' label, by keyboard.
    for (testid, value) in [
        (format!("member-{member}-name"), "改姓後"),
        ("council-name".to_string(), "改称後の審議会"),
        ("council-official_label".to_string(), "事務局"),
    ] {
        app.focus_testid(&testid);
        app.keys(&format!("{CONTROL}a{CONTROL}{value}{TAB}"));
        app.wait_text("save-status", |t| t.starts_with("保存しました"));
    }
    app.focus_testid("member-new-name");
    app.enter_words("新任委員");
    support::wait_for("the new member on the roster", || {
        let js =
            "return [...document.querySelectorAll('[data-testid=roster] input')].some(i => i.value === '新任委員')";
        app.execute(js, serde_json::json!([])).as_bool().unwrap_or(false)
    });
    support::wait_for("the meeting list", || {
        app.click_testid("nav-list");
        app.try_find("[data-testid=meeting-list]").is_some()
    });
    app.click_testid(&format!("open-meeting-{id}"));
    app.click_testid("go-export");
    let preview = app.wait_text("export-preview", |t| t.contains("発言の記録"));
    assert!(!preview.contains("改姓後") && !preview.contains("新任委員"), "the final minutes on screen: {preview}");
    assert!(preview.contains("情報公開・個人情報保護審議会"), "named as held");
    app.screenshot(&shot_path("16-final-after-roster-edit"));
    app.quit();
    let store = open_store(data.path());
    let after: Vec<Vec<u8>> =
        [Format::Docx, Format::Html, Format::Txt, Format::Json].iter().map(|&f| store.render(id, f).unwrap()).collect();
    assert!(after == before, "the exported bytes and the fingerprint changed after a roster edit");
    assert!(store.council(council).unwrap().members.iter().any(|m| m.name == "新任委員"), "the roster did change");
}

#[test]
fn a_damaged_store_is_named_and_a_backup_brings_the_record_back() {
    let _turn = one_at_a_time();
    let data = DataDir::new("record-damaged");
    let backup = {
        let mut store = Store::open(data.path()).unwrap();
        store.load_sample().unwrap();
        store.take_backup(data.path(), "close", now()).unwrap()
    };
    let name = backup.file_name().unwrap().to_string_lossy().to_string();
    // A stick pulled mid-copy, a disk error: the second page of the file overwritten.
    let path = Store::path(data.path());
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096.min(bytes.len() / 2);
    bytes[page..page * 2].fill(0xA5);
    std::fs::write(&path, &bytes).unwrap();

    let driver = Driver::start(data.path());
    let app = driver.launch();
    let said = app.wait_text("startup-error", |t| !t.is_empty());
    assert!(said.contains("記録ファイルが壊れています"), "the damage is named: {said}");
    assert!(!said.contains("記録はそのまま残っています"), "never that it is intact: {said}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "the damaged file is left as it was found");
    app.screenshot(&shot_path("17-damaged-store"));
    app.click_testid("startup-backups");
    app.click_testid(&format!("restore-backup-{name}"));
    app.click_testid(&format!("confirm-restore-{name}"));
    app.wait_text("meeting-list", |t| t.contains("情報公開・個人情報保護審議会"));
    app.screenshot(&shot_path("18-restored-from-backup"));
    app.quit();
    let store = open_store(data.path());
    assert_eq!(store.meetings().unwrap().len(), 1, "the record is back");
    let kept = std::fs::read_dir(data.path().join("backups")).unwrap().flatten().any(|e| e.path().is_dir());
    assert!(kept, "the damaged store is kept aside in backups/");
}

#[test]
fn stepping_through_the_attendance_with_the_arrows_records_one_choice() {
    const ARROW_DOWN: &str = "\u{E015}";
    let _turn = one_at_a_time();
    let data = DataDir::new("record-attendance");
    let (id, member) = {
        let mut store = Store::open(data.path()).unwrap();
        let m = store.load_sample().unwrap();
        store.open_meeting(m.id, now()).unwrap();
        (m.id, m.attendance[4].member_id)
    };
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.focus_testid("turn-input");
    app.keys(support::webdriver::F6);
    app.focus_testid(&format!("live-attendance-{member}"));
    // 出席 → オンライン → 欠席 → 退席, one arrow at a time: nothing is recorded while stepping.
    for _ in 0..3 {
        app.keys(ARROW_DOWN);
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    let value = app.value(&app.by_testid(&format!("live-attendance-{member}")));
    assert_eq!(value, "left", "the arrows moved the choice to 退席");
    assert_eq!(app.testid_text("quorum-status"), "出席20名／委員21名・定足数11名 → 成立", "not yet recorded");
    app.keys(support::webdriver::ENTER);
    app.wait_text("quorum-status", |t| t.starts_with("出席19名"));
    app.screenshot(&shot_path("19-attendance-stepped"));
    app.quit();
    let store = open_store(data.path());
    let versions = store.attendance_versions(id, member).unwrap();
    assert_eq!(versions.len(), 1, "one deliberate choice, one change: {versions:?}");
    let now = store.meeting(id).unwrap();
    let a = now.attendance.iter().find(|a| a.member_id == member).unwrap();
    assert!(a.left_at.is_some() && a.arrived_at.is_none(), "one departure, timed: {a:?}");
}

/// A crash or a kill loses at most half a second of typing in any editor: a preparation field
/// being typed in (not yet left, so not yet saved) and a correction being typed in the editor
/// come back after a SIGKILL, marked, and are saved when left.
#[test]
fn typing_in_any_field_survives_a_kill() {
    use support::webdriver::kill_app;
    let _turn = one_at_a_time();
    let (data, id) = support::sample_store("record-any-field");
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.click_testid(&format!("open-meeting-{id}"));
    app.focus_testid("field-venue");
    app.keys(&format!("{CONTROL}a{CONTROL}本館6階大会議室"));
    std::thread::sleep(std::time::Duration::from_millis(700));
    kill_app(data.path());
    drop(app);
    let app = driver.launch();
    app.click_testid(&format!("open-meeting-{id}"));
    let venue = app.by_testid("field-venue");
    assert_eq!(app.value(&venue), "本館6階大会議室", "the typing is back in the field");
    assert!(app.execute_on(&venue, "return arguments[0].classList.contains('restored')") == serde_json::json!(true));
    app.screenshot(&shot_path("26-restored-field"));
    // Leaving the field saves it, as if just typed.
    app.focus_testid("field-venue");
    app.keys(TAB);
    app.wait_text("cover-venue", |t| t == "本館6階大会議室");
    app.quit();
    let store = open_store(data.path());
    assert_eq!(store.meeting(id).unwrap().venue, "本館6階大会議室");
    drop(store);

    // A correction typed in the editor of an opened meeting, killed before Ctrl+Enter.
    let turn = {
        let mut store = open_store(data.path());
        store.open_meeting(id, now()).unwrap();
        store.add_turn(id, "member", "2月14日に確認しました。", now()).unwrap().id
    };
    let app = driver.launch();
    app.focus_testid("turn-input");
    app.keys(&format!("{}\u{E013}{}", support::webdriver::ALT, support::webdriver::ALT));
    app.keys(support::webdriver::ENTER);
    let editor = app.by_testid(&format!("edit-text-{turn}"));
    app.execute_on(&editor, "arguments[0].focus(); arguments[0].setSelectionRange(0, arguments[0].value.length)");
    app.keys("2月15日に確認しました。");
    std::thread::sleep(std::time::Duration::from_millis(700));
    kill_app(data.path());
    drop(app);
    let app = driver.launch();
    let said = app.wait_text("save-status", |t| t.contains("保存されていない修正"));
    assert!(said.contains("1件"), "{said}");
    app.focus_testid("turn-input");
    app.keys(&format!("{}\u{E013}{}", support::webdriver::ALT, support::webdriver::ALT));
    app.keys(support::webdriver::ENTER);
    let editor = app.by_testid(&format!("edit-text-{turn}"));
    assert_eq!(app.value(&editor), "2月15日に確認しました。", "the correction is back in the editor");
    app.quit();
}

/// Quitting takes a backup, as 開会, 閉会 and 確定 do: the system asking Shoki to end (shutdown,
/// logout: SIGTERM) ends it through the app's exit, and the quit backup is there.
#[test]
fn quitting_leaves_a_backup() {
    let _turn = one_at_a_time();
    let (data, _) = support::sample_store("record-quit");
    let display = support::webdriver::Display::start();
    let mut app = std::process::Command::new(support::webdriver::app_binary())
        .env("DISPLAY", &display.name)
        .env("SHOKI_DATA_DIR", data.path())
        .env("DBUS_SESSION_BUS_ADDRESS", "disabled:")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Up when the store's lock is held and the window has asked for its first screen.
    std::thread::sleep(std::time::Duration::from_secs(4));
    let _ = std::process::Command::new("kill").args(["-TERM", &app.id().to_string()]).status();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while app.try_wait().unwrap().is_none() {
        assert!(std::time::Instant::now() < deadline, "Shoki did not end on SIGTERM");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let backups: Vec<String> = std::fs::read_dir(data.path().join("backups"))
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().to_string()).collect())
        .unwrap_or_default();
    assert!(backups.iter().any(|b| b.ends_with("-quit.sqlite3")), "no quit backup: {backups:?}");
}
