//! End-to-end journeys of the live meeting through the real window: recording by keyboard, the
//! IME's Enter, SIGKILLs mid-typing and mid-commit, and a replay of the reference minutes.

mod support;

use serde_json::json;
use shoki_core::model::{Meeting, Speaker, Turn, TurnKind, TurnVersion};
use shoki_core::Store;
use std::time::{Duration, Instant};
use support::reference::{steps, Step};
use support::webdriver::{
    kill_app, Driver, Session, ALT, CONTROL, ENTER, ESCAPE, F2, F3, F8, IME_GRACE_MS, SHIFT, TAB,
};
use support::{one_at_a_time, open_store, shot_path, DataDir};

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// A store holding the sample meeting, already opened, so a journey starts on the live screen.
fn opened_sample(data: &DataDir) -> i64 {
    let mut store = Store::open(data.path()).unwrap();
    let m = store.load_sample().unwrap();
    store.open_meeting(m.id, now()).unwrap();
    m.id
}

fn saved_turns(app: &Session) -> usize {
    app.execute("return document.querySelectorAll('.turn[data-saved=true]').length", json!([])).as_u64().unwrap()
        as usize
}

/// The agenda entry marked current on the live screen.
fn current_entry(app: &Session) -> String {
    let js = "const el = document.querySelector('[data-testid=agenda-current]'); return el ? el.textContent : ''";
    app.execute(js, json!([])).as_str().unwrap_or_default().to_string()
}

/// Random numbers below n, different in every run (xorshift, seeded with the process id): the
/// moments of the kills are not chosen by the test's author.
fn random_from(seed: u64) -> impl FnMut(u64) -> u64 {
    let mut seed = seed ^ std::process::id() as u64;
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    }
}

/// The Alt+digit that picks a speaker.
fn speaker_key(speaker: &str) -> &'static str {
    match speaker {
        "chair" => "1",
        "vice_chair" => "2",
        "member" => "3",
        "official" => "4",
        _ => "5",
    }
}

/// Types one turn as the secretary does: the speaker key, the words, Shift+Enter between
/// paragraphs, Enter to commit. Waits until the row says it is saved.
fn type_turn(app: &Session, speaker: &str, paragraphs: &[String]) {
    let before = saved_turns(app);
    app.keys(&format!("{ALT}{}{ALT}", speaker_key(speaker)));
    // Shift pressed, Enter, Shift again to release it (WebKitWebDriver ignores the null key).
    let joined = paragraphs.join(&format!("{SHIFT}{ENTER}{SHIFT}"));
    app.enter_words(&joined);
    support::wait_for("the turn to be saved", || saved_turns(app) > before);
}

#[test]
fn a_meeting_is_opened_recorded_and_corrected_by_keyboard() {
    let _turn = one_at_a_time();
    let (data, id) = support::sample_store("live");
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.click_testid(&format!("open-meeting-{id}"));
    app.click_testid("go-live");
    // The roll call: one member sends apologies, as in the reference (20 of 21 → 19 listed here).
    let first = app.find("[data-testid^=rollcall-]");
    app.execute_on(&first, "arguments[0].value = 'absent'; arguments[0].dispatchEvent(new Event('change'))");
    app.wait_text("quorum-status", |t| t == "出席19名／委員21名・定足数11名 → 成立");
    // The sample is dated 2021: the roll call says the minutes will print that date.
    let warning = app.testid_text("held-on-not-today");
    assert!(warning.starts_with("開催日は令和3年12月13日（月）で、今日ではありません。"), "{warning}");
    app.screenshot(&shot_path("09-roll-call"));
    app.click_testid("open-meeting");
    app.by_testid("turn-input");
    assert_eq!(app.active_testid(), "turn-input", "the input has the focus from the opening");
    assert_eq!(app.testid_text("current-speaker"), "会長");

    type_turn(&app, "chair", &["それでは、定刻になりましたので、ただいまより開催いたします。".into()]);
    assert_eq!(app.testid_text("current-speaker"), "委員", "after the chair, a member usually speaks");
    type_turn(
        &app,
        "official",
        &[
            "本日、席上に、1枚お示しをさせていただきました。".into(),
            "この運用に当たりましては、1週間前までにお申出ください。".into(),
        ],
    );
    app.keys(F8);
    support::wait_for("F8 to move to 諮問事項（1）", || current_entry(&app).contains("外部機関との個人情報"));
    app.keys(&format!(";zk{TAB}"));
    let phrase = app.value(&app.by_testid("turn-input"));
    assert_eq!(phrase, "続きまして、諮問事項（1）外部機関との個人情報を含むデータの送受信の方法について、区から説明をお願いいたします。");
    assert_eq!(app.testid_text("current-speaker"), "会長", "a stock phrase is the chair's");
    app.keys(ENTER);
    support::wait_for("the phrase turn", || saved_turns(&app) == 3);
    app.keys(&format!("{ALT}4{ALT}{F2}"));
    support::wait_for("the timed note", || {
        app.execute("return document.querySelectorAll('.turn.note').length", json!([])) == 1
    });
    app.wait_text("current-speaker", |t| t == "会長");
    app.keys(F3);
    app.by_testid("note-picker");
    app.keys("3");
    support::wait_for("the picked note", || {
        app.execute("return document.querySelectorAll('.turn.note').length", json!([])) == 2
    });
    // Which member asked: Alt+W picks from the roster; the label stays 委員 in the minutes.
    app.keys(&format!("{ALT}3{ALT}{ALT}w{ALT}"));
    assert_eq!(app.active_testid(), "speaker-who");
    let who = app.by_testid("speaker-who");
    app.execute_on(&who, "arguments[0].selectedIndex = 2");
    app.keys(ENTER);
    assert_eq!(app.active_testid(), "turn-input", "Enter in the list goes back to the words");
    type_turn(&app, "member", &["確認なんですけれども、同じサービスを使うのでしょうか。".into()]);
    app.screenshot(&shot_path("10-live-meeting"));

    // Correct the last turn: Alt+↑ selects it, Enter opens it, Ctrl+Enter saves.
    app.keys(&format!("{ALT}\u{E013}{ALT}"));
    app.keys(ENTER);
    let editor = app.find("[data-testid^=edit-text-]");
    app.execute_on(&editor, "arguments[0].setSelectionRange(arguments[0].value.length, arguments[0].value.length)");
    app.keys(&format!("（追記）{CONTROL}{ENTER}{CONTROL}"));
    support::wait_for("the corrected row", || {
        app.execute(
            "return [...document.querySelectorAll('.turn .words')].some(w => w.textContent.endsWith('（追記）'))",
            json!([]),
        ) == true
    });
    app.quit();

    let store = open_store(data.path());
    let m = store.meeting(id).unwrap();
    let turns = store.transcript(id).unwrap();
    let kinds: Vec<(TurnKind, Speaker)> = turns.iter().map(|t| (t.kind, t.speaker)).collect();
    assert_eq!(
        kinds,
        [
            (TurnKind::Speech, Speaker::Chair),
            (TurnKind::Speech, Speaker::Official),
            (TurnKind::Speech, Speaker::Chair),
            (TurnKind::Note, Speaker::Official),
            // After the ward's explanation the chair speaks next: preselected for the note too.
            (TurnKind::Note, Speaker::Chair),
            (TurnKind::Speech, Speaker::Member),
        ]
    );
    assert_eq!(
        turns[1].text,
        "本日、席上に、1枚お示しをさせていただきました。\nこの運用に当たりましては、1週間前までにお申出ください。"
    );
    assert_eq!(turns[0].agenda_entry_id, Some(m.agenda[0].id), "before F8: 会長あいさつ");
    assert_eq!(turns[2].agenda_entry_id, Some(m.agenda[1].items[0].id), "after F8: 諮問事項（1）");
    assert_eq!(turns[3].text, "（資料により説明）");
    assert!(turns[3].minutes.is_some(), "the explanation stopped when the next turn began");
    assert_eq!(turns[4].text, "（賛成者挙手）");
    assert_eq!(turns[5].text, "確認なんですけれども、同じサービスを使うのでしょうか。（追記）");
    assert_eq!(turns[5].who.as_deref(), Some("岡田"), "the member picked is kept (浅田, absent, is not offered)");
    assert_eq!(
        store.turn_versions(turns[5].id).unwrap()[0].text,
        "確認なんですけれども、同じサービスを使うのでしょうか。",
        "the version before the correction is kept"
    );
    assert_eq!(m.present, 19);
}

/// Dispatches a composition as WebKitGTK orders it — compositionend *before* the keydown of the
/// Enter that confirms it — and the other shapes an IME Enter takes. None may commit.
#[test]
fn the_enter_that_confirms_a_conversion_never_commits() {
    let _turn = one_at_a_time();
    let data = DataDir::new("ime");
    opened_sample(&data);
    let driver = Driver::start(data.path());
    let app = driver.launch();
    let input = app.by_testid("turn-input");
    let sequences = [
        // compositionend, then the confirming Enter at once (WebKitGTK's order).
        "el.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
         el.value += 'かいぎ'; el.dispatchEvent(new InputEvent('input', {data: 'かいぎ', isComposing: true}));
         el.value = el.value.replace(/かいぎ$/, '会議');
         el.dispatchEvent(new CompositionEvent('compositionend', {data: '会議'}));
         el.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', code: 'Enter', bubbles: true, cancelable: true}));",
        // Enter while still composing.
        "el.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
         el.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', code: 'Enter', isComposing: true, bubbles: true, cancelable: true}));
         el.dispatchEvent(new CompositionEvent('compositionend', {data: 'です'})); el.value += 'です';",
        // The IME's own key (\"Process\", keyCode 229).
        "el.dispatchEvent(new KeyboardEvent('keydown', {key: 'Process', keyCode: 229, bubbles: true, cancelable: true}));",
    ];
    for script in sequences {
        app.execute_on(&input, &format!("const el = arguments[0]; el.focus(); {script}"));
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert_eq!(saved_turns(&app), 0, "an IME Enter committed a turn: {script}");
        assert_eq!(app.execute("return document.querySelectorAll('.turn').length", json!([])), 0);
    }
    assert_eq!(app.value(&input), "会議です", "the converted text stays in the box");
    // Past the grace period, a plain Enter commits.
    app.keys(ENTER);
    support::wait_for("the real Enter to commit", || saved_turns(&app) == 1);
    // The setting for secretaries who want Enter for new lines: then Ctrl+Enter commits.
    app.click_testid("commit-ctrl-enter");
    app.focus_testid("turn-input");
    app.keys("一行目");
    std::thread::sleep(std::time::Duration::from_millis(IME_GRACE_MS));
    app.keys(ENTER);
    app.keys("二行目");
    std::thread::sleep(std::time::Duration::from_millis(IME_GRACE_MS));
    assert_eq!(saved_turns(&app), 1, "with the setting on, Enter is a new line");
    app.keys(&format!("{CONTROL}{ENTER}{CONTROL}"));
    support::wait_for("Ctrl+Enter to commit", || saved_turns(&app) == 2);
    app.click_testid("commit-ctrl-enter");
    app.quit();
    let store = open_store(data.path());
    let turns = store.transcript(1).unwrap();
    assert_eq!(turns.len(), 2);
    assert_eq!(turns[0].text, "会議です");
    assert_eq!(turns[1].text, "一行目\n二行目");
}

/// Kills the app with SIGKILL mid-typing and mid-commit, again and again, and finds every
/// committed turn and the draft after each restart.
#[test]
fn a_sigkill_loses_no_committed_turn_and_at_most_half_a_second_of_draft() {
    let _turn = one_at_a_time();
    let data = DataDir::new("sigkill");
    let id = opened_sample(&data);
    let driver = Driver::start(data.path());
    let mut committed: Vec<String> = Vec::new();
    let mut random = random_from(0x5eed_1234);
    for round in 0..6 {
        let app = driver.launch();
        let input = app.by_testid("turn-input");
        // The draft of the round before is back in the box.
        if round > 0 {
            let restored = app.value(&input);
            assert_eq!(restored, format!("下書き{}の途中", round - 1), "round {round}: the draft was restored");
            app.execute_on(&input, "arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input'))");
        }
        let shown = app
            .execute("return document.querySelectorAll('.turn[data-saved=true]').length", json!([]))
            .as_u64()
            .unwrap();
        assert_eq!(shown as usize, committed.len(), "round {round}: every committed turn is on screen again");
        let words = format!("第{round}回目の発言です。");
        app.enter_words(&words);
        if random(2) == 0 {
            // Mid-commit: the kill may land before or after the transaction; if the row said
            // saved, the turn must be in the store.
            std::thread::sleep(std::time::Duration::from_millis(random(40)));
            let saved = saved_turns(&app) > committed.len();
            kill_app(data.path());
            drop(app);
            let store = open_store(data.path());
            let texts: Vec<String> = store.transcript(id).unwrap().into_iter().map(|t| t.text).collect();
            if saved {
                assert!(texts.contains(&words), "round {round}: a turn shown as saved was lost");
            }
            if texts.contains(&words) {
                committed.push(words);
            }
            drop(store);
            let app = driver.launch();
            app.by_testid("turn-input");
            app.keys(&format!("下書き{round}の途中"));
            std::thread::sleep(std::time::Duration::from_millis(700));
            kill_app(data.path());
        } else {
            support::wait_for("the commit", || saved_turns(&app) > committed.len());
            committed.push(words);
            app.keys(&format!("下書き{round}の途中"));
            // Half a second after the last keystroke the draft is on disk.
            std::thread::sleep(std::time::Duration::from_millis(500 + random(300)));
            kill_app(data.path());
        }
        let store = open_store(data.path());
        let texts: Vec<String> = store.transcript(id).unwrap().into_iter().map(|t| t.text).collect();
        assert_eq!(texts, committed, "round {round}: the store holds exactly the committed turns, in order");
        assert_eq!(store.draft(id).unwrap().map(|d| d.text), Some(format!("下書き{round}の途中")));
    }
}

/// F8, as the chair moves on.
fn next_entry(app: &Session) {
    let before = current_entry(app);
    app.keys(F8);
    support::wait_for("F8 to move on", || current_entry(app) != before);
}

/// A stage note: F2 for a timed explanation, else F3 and the words.
fn add_note(app: &Session, speaker: &str, text: &str, timed: bool) {
    let notes = app.execute("return document.querySelectorAll('.turn.note').length", json!([])).as_u64().unwrap();
    let digit = if speaker == "official" { "4" } else { "1" };
    app.keys(&format!("{ALT}{digit}{ALT}"));
    if timed {
        app.keys(F2);
    } else {
        app.keys(F3);
        let free = app.by_testid("note-free");
        app.type_into(&free, text);
        std::thread::sleep(std::time::Duration::from_millis(IME_GRACE_MS));
        app.type_into(&free, ENTER);
    }
    support::wait_for("the note", || {
        app.execute("return document.querySelectorAll('.turn.note').length", json!([])).as_u64().unwrap() > notes
    });
}

#[test]
fn the_reference_parses_into_its_agenda_and_turns() {
    let steps = steps();
    let moves = steps.iter().filter(|s| **s == Step::NextEntry).count();
    assert_eq!(moves, 8, "nine entries carry turns: eight moves after the opening one");
    let turns = steps.iter().filter(|s| matches!(s, Step::Turn { .. })).count();
    let notes: Vec<&Step> = steps.iter().filter(|s| matches!(s, Step::Note { .. })).collect();
    assert!(turns > 180, "{turns} turns");
    assert_eq!(
        notes.iter().filter(|n| matches!(n, Step::Note { timed: true, .. })).count(),
        7,
        "seven explanations were timed"
    );
}

/// The reference minutes typed through the window as a person would: every turn ends up in the
/// store exactly as typed, under the right agenda entry, in order.
#[test]
fn the_reference_meeting_replayed_through_the_window() {
    let _turn = one_at_a_time();
    let data = DataDir::new("replay");
    let id = opened_sample(&data);
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.by_testid("turn-input");
    let steps = steps();
    let mut expected: Vec<(usize, &'static str, String)> = Vec::new();
    let mut entry = 0;
    for step in &steps {
        match step {
            Step::NextEntry => {
                entry += 1;
                next_entry(&app);
            }
            Step::Turn { speaker, paragraphs } => {
                type_turn(&app, speaker, paragraphs);
                expected.push((entry, speaker, paragraphs.join("\n")));
            }
            Step::Note { speaker, text, timed } => {
                add_note(&app, speaker, text, *timed);
                expected.push((entry, speaker, text.clone()));
            }
        }
    }
    let in_view = "const el = document.querySelector('[data-testid=agenda-current]');
                   const side = el.closest('.live-side').getBoundingClientRect(); const r = el.getBoundingClientRect();
                   return r.top >= side.top && r.bottom <= side.bottom";
    assert_eq!(app.execute(in_view, json!([])), true, "the last item, current, is in view in the agenda");
    app.screenshot(&shot_path("11-replay-end"));
    make_every_row(&app, expected.len());
    // The screen keeps its rows in chunks (see ROWS_PER_CHUNK); the longest entries of the
    // reference span several, and the rows must still read in the record's order.
    let on_screen: Vec<i64> = serde_json::from_value(app.execute(
        "return [...document.querySelectorAll('.turn[data-saved=true]')].map((r) => Number(r.dataset.testid.slice(5)))",
        json!([]),
    ))
    .unwrap();
    let chunks = app.execute("return document.querySelectorAll('.chunk').length", json!([])).as_u64().unwrap();
    let entries_with_turns = expected.iter().map(|(entry, ..)| entry).collect::<std::collections::BTreeSet<_>>().len();
    assert!(
        chunks as usize > entries_with_turns,
        "an entry spans more than one chunk, so the order check means something"
    );
    app.quit();

    let store = open_store(data.path());
    let m = store.meeting(id).unwrap();
    let leaves = m.leaves();
    let turns = store.transcript(id).unwrap();
    assert_eq!(turns.len(), expected.len(), "every turn and note is in the store");
    for (i, (turn, (entry, speaker, text))) in turns.iter().zip(&expected).enumerate() {
        assert_eq!(&turn.text, text, "turn {i} is exactly as typed");
        assert_eq!(turn.speaker.as_str(), *speaker, "turn {i}: speaker");
        assert_eq!(turn.agenda_entry_id, Some(leaves[*entry]), "turn {i}: agenda entry");
        assert!(turn.started_at <= turn.ended_at.clone().unwrap_or_default() || turn.timed, "turn {i}: times in order");
    }
    assert_eq!(on_screen, turns.iter().map(|t| t.id).collect::<Vec<_>>(), "the screen shows the record's order");
    let timed: Vec<_> = turns.iter().filter(|t| t.timed).collect();
    assert!(timed.iter().all(|t| t.minutes.is_some()), "every explanation was measured");
}

/// The rows on screen, top to bottom, by turn id.
fn rows_on_screen(app: &Session) -> Vec<i64> {
    let js =
        "return [...document.querySelectorAll('.turn[data-saved=true]')].map((r) => Number(r.dataset.testid.slice(5)))";
    serde_json::from_value(app.execute(js, json!([]))).unwrap()
}

/// Asks the running app's store (the lock keeps the test out while it runs).
fn ask<T: serde::de::DeserializeOwned>(app: &Session, command: &str, args: serde_json::Value) -> T {
    let js = "const [command, args, done] = arguments;
              window.__TAURI__.core.invoke(command, args).then(done, (e) => done({failed: e}))";
    serde_json::from_value(app.execute_async(js, json!([command, args]))).unwrap()
}

fn transcript_in_store(app: &Session, id: i64) -> Vec<Turn> {
    ask(app, "get_transcript", json!({"meetingId": id}))
}

fn leaves_in_store(app: &Session, id: i64) -> Vec<i64> {
    ask::<Meeting>(app, "get_meeting", json!({"meetingId": id})).leaves()
}

fn versions_in_store(app: &Session, turns: &[i64]) -> u64 {
    let js = "const [turns, done] = arguments;
              Promise.all(turns.map((turnId) => window.__TAURI__.core.invoke('get_turn_versions', {turnId})))
                .then((all) => done(all.reduce((n, versions) => n + versions.length, 0)), () => done(-1))";
    app.execute_async(js, json!([turns])).as_u64().expect("the versions counted")
}

/// The record's order as the screen groups it: under each agenda entry in turn, in the record's
/// order within it.
fn record_order(app: &Session, id: i64) -> Vec<i64> {
    let turns = transcript_in_store(app, id);
    let leaves = leaves_in_store(app, id);
    leaves
        .iter()
        .flat_map(|leaf| turns.iter().filter(move |t| t.agenda_entry_id == Some(*leaf)).map(|t| t.id))
        .collect()
}

/// Corrections in a transcript long enough to span several of the screen's chunks of rows (see
/// ROWS_PER_CHUNK), at the rows where one chunk ends: split, merge, move to another item, delete,
/// then Ctrl+Z four times. After each step the screen reads in the record's order; at the end
/// the words are exactly as before, and every version is kept.
#[test]
fn corrections_in_a_long_transcript_keep_the_order_and_ctrl_z_takes_them_back() {
    let _turn = one_at_a_time();
    let data = DataDir::new("long-corrections");
    let id = opened_sample(&data);
    let original: Vec<(i64, String)> = {
        let mut store = Store::open(data.path()).unwrap();
        (0..120)
            .map(|i| {
                let text = format!("{i}番目の発言です。確認なんですけれども、同じサービスを使うのでしょうか。");
                (store.add_turn(id, ["chair", "member", "official"][i % 3], &text, now()).unwrap().id, text)
            })
            .collect()
    };
    let ids: Vec<i64> = original.iter().map(|(id, _)| *id).collect();
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.by_testid("turn-input");
    support::wait_for("the 120 turns", || saved_turns(&app) == 120);
    let leaves = leaves_in_store(&app, id);
    let in_order = |what: &str| {
        let expected = record_order(&app, id);
        support::wait_for(what, || rows_on_screen(&app) == expected);
    };
    let turn = |t: i64| transcript_in_store(&app, id).into_iter().find(|x| x.id == t).unwrap();
    // A click on a row far off screen, as any WebDriver test may do (WebDriver scrolls to it):
    // every row is laid out, so it can be clicked (see app.css on content-visibility).
    let select_row = |t: i64| app.focus_testid(&format!("turn-{t}"));
    let edit = |t: i64| {
        select_row(t);
        app.keys(ENTER);
        app.by_testid(&format!("edit-text-{t}"));
    };

    // Split the last row of the first chunk after its first three characters: the editor's
    // buttons follow the words and the item (Tab, Tab, Tab: 保存, 分割).
    let split = ids[49];
    edit(split);
    let words = app.by_testid(&format!("edit-text-{split}"));
    app.execute_on(&words, "arguments[0].setSelectionRange(3, 3)");
    app.keys(&format!("{TAB}{TAB}{TAB}{ENTER}"));
    support::wait_for("the split", || saved_turns(&app) == 121);
    in_order("the split in order");

    // Merge the last row of the second chunk with the first of the third (Tab ×4: つなげる),
    // reached by keyboard: Alt+↑ from the box selects the last row, ↑ moves up across the chunks.
    let merge = ids[99];
    app.focus_testid("turn-input");
    app.keys(&format!("{ALT}\u{E013}{ALT}"));
    app.keys(&"\u{E013}".repeat(20));
    assert_eq!(app.active_testid(), format!("turn-{merge}"), "↑ reaches a row in an earlier chunk");
    app.keys(ENTER);
    app.by_testid(&format!("edit-text-{merge}"));
    app.keys(&format!("{TAB}{TAB}{TAB}{TAB}{ENTER}"));
    support::wait_for("the merge", || turn(ids[100]).deleted);
    in_order("the merge in order");

    // Move a turn to the next item, then delete another with the Delete key.
    let moved = ids[10];
    edit(moved);
    let entry = app.by_testid(&format!("edit-entry-{moved}"));
    app.execute_on(&entry, "arguments[0].selectedIndex = 1; arguments[0].focus()");
    // Ctrl+Enter saves from the item's list too, not only from the words.
    app.keys(&format!("{CONTROL}{ENTER}{CONTROL}"));
    support::wait_for("the move", || turn(moved).agenda_entry_id == Some(leaves[1]));
    in_order("the move in order");
    let deleted = ids[60];
    select_row(deleted);
    app.keys("\u{E017}");
    support::wait_for("the deletion", || turn(deleted).deleted);
    in_order("the deletion in order");
    app.screenshot(&shot_path("12-long-corrections"));

    // Ctrl+Z four times from the empty box: the deletion, the move, the merge and the split are
    // taken back, one step each.
    app.focus_testid("turn-input");
    for step in 1..=4 {
        let before = versions_in_store(&app, &ids);
        app.keys(&format!("{CONTROL}z{CONTROL}"));
        support::wait_for("Ctrl+Z to be saved", || versions_in_store(&app, &ids) > before);
        in_order(&format!("Ctrl+Z {step} in order"));
    }
    let turns = transcript_in_store(&app, id);
    let live: Vec<(i64, String)> = turns.iter().filter(|t| !t.deleted).map(|t| (t.id, t.text.clone())).collect();
    assert_eq!(live, original, "every word back as it was, in order");
    assert!(turns.iter().all(|t| t.deleted || t.agenda_entry_id == Some(leaves[0])), "all under the first item again");
    let kept: Vec<TurnVersion> = ask(&app, "get_turn_versions", json!({"turnId": split}));
    assert!(kept.iter().any(|v| v.text.chars().count() == 3), "the split's first part is kept as a version");

    // A reload draws the same order from the store.
    app.reload();
    app.by_testid("turn-input");
    let expected = record_order(&app, id);
    support::wait_for("the reloaded rows", || rows_on_screen(&app) == expected);
    app.quit();
}

/// Scrolls the transcript to its top until the screen has made all `n` rows (a long meeting makes
/// its older rows as the scrolling reaches them).
fn make_every_row(app: &Session, n: usize) {
    support::wait_for("every row made", || {
        // (While a reload replaces the page there may be no transcript for a moment.)
        app.execute("const t = document.querySelector('[data-testid=transcript]'); if (t) t.scrollTop = 0", json!([]));
        std::thread::sleep(Duration::from_millis(50));
        saved_turns(app) == n
    });
}

/// A long meeting (600 turns under two items) opens on its newest 200 rows, in view; the older
/// rows are made when they are reached: by ↑ from the first row made, by Ctrl+F, by a correction
/// that moves a turn among rows not made yet, by Ctrl+Z, by scrolling. After each step the rows
/// made are the end of the record's order, and at the end every row is there, in order.
#[test]
fn a_long_meeting_opens_on_its_newest_rows_and_makes_the_older_ones_when_reached() {
    let _turn = one_at_a_time();
    let data = DataDir::new("long-meeting");
    let id = opened_sample(&data);
    let ids: Vec<i64> = {
        let mut store = Store::open(data.path()).unwrap();
        (0..600)
            .map(|i| {
                if i == 300 {
                    store.advance_agenda(id, now()).unwrap();
                }
                let text = match i {
                    3 => "次回は２月１４日の予定です。".to_string(),
                    _ => format!("{i}番目の発言です。確認なんですけれども、同じサービスを使うのでしょうか。"),
                };
                store.add_turn(id, ["chair", "member", "official"][i % 3], &text, now()).unwrap().id
            })
            .collect()
    };
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.by_testid("turn-input");
    support::wait_for("the newest 200 rows", || saved_turns(&app) == 200);
    let newest_in_view = "const t = document.querySelector('[data-testid=transcript]');
                          return t.scrollHeight - t.scrollTop - t.clientHeight < 4";
    assert_eq!(app.execute(newest_in_view, json!([])), json!(true), "the newest row is in view");
    // A banner above the record (F4: 休憩) makes it shorter: the newest row stays in view.
    app.focus_testid("turn-input");
    app.keys("\u{E034}");
    app.wait_text("recess-banner", |t| t.starts_with("休憩中"));
    support::wait_for("the newest row in view under the banner", || {
        app.execute(newest_in_view, json!([])) == json!(true)
    });
    app.keys("\u{E034}");
    let made_in_order = |what: &str| {
        let expected = record_order(&app, id);
        let rows = rows_on_screen(&app);
        assert!(expected.ends_with(&rows), "{what}: the rows made are the end of the record, in order");
        rows.len()
    };
    assert_eq!(made_in_order("opened"), 200);
    assert_eq!(rows_on_screen(&app)[0], ids[400]);

    // ↑ from the first row made reaches the one above it.
    app.execute("document.querySelector('.turn[data-saved=true]').focus()", json!([]));
    app.keys("\u{E013}");
    assert_eq!(app.active_testid(), format!("turn-{}", ids[399]), "↑ goes on to a row not made before");
    assert!(made_in_order("after ↑") > 200);

    // A split cuts the words as saved: with other words typed in the editor it asks for a save
    // first, and changes nothing.
    app.focus_testid("turn-input");
    app.keys(&format!("{ALT}\u{E013}{ALT}"));
    app.keys(ENTER);
    let words = app.by_testid(&format!("edit-text-{}", ids[599]));
    app.keys("追加語");
    app.execute_on(&words, "arguments[0].setSelectionRange(5, 5)");
    app.click_testid(&format!("edit-split-{}", ids[599]));
    app.wait_text("save-status", |t| t.contains("先に保存"));
    assert_eq!(transcript_in_store(&app, id).len(), 600, "nothing split");
    app.keys(ESCAPE);

    // Ctrl+F for words of almost every turn starts from the newest and makes no row: the oldest
    // first made every row of a long meeting, the screen still for seconds.
    // Ctrl+F from the turn box, these words, until the count says `count`: the turn selected.
    let find = |words: &str, count: &str| {
        app.focus_testid("turn-input");
        app.keys(&format!("{CONTROL}f{CONTROL}"));
        app.enter_words(words);
        app.wait_text("search-count", |t| t == count);
        app.execute("return document.querySelector('.turn.current-hit').dataset.testid", json!([]))
    };
    let made = rows_on_screen(&app).len();
    assert_eq!(find("確認", "599件中1件目"), json!(format!("turn-{}", ids[599])));
    app.keys(ENTER);
    app.wait_text("search-count", |t| t == "599件中2件目");
    assert_eq!(rows_on_screen(&app).len(), made, "no row made");
    app.keys(ESCAPE);

    // Ctrl+F finds a turn far up; Esc selects it and Enter opens it; moved to the second item.
    assert_eq!(find("2月14日", "1件中1件目"), json!(format!("turn-{}", ids[3])));
    made_in_order("found");
    app.keys(ESCAPE);
    app.keys(ENTER);
    let entry = app.by_testid(&format!("edit-entry-{}", ids[3]));
    app.execute_on(&entry, "arguments[0].selectedIndex = 1");
    app.keys(&format!("{CONTROL}{ENTER}{CONTROL}"));
    let leaves = leaves_in_store(&app, id);
    let moved_to =
        |t: i64, leaf: i64| transcript_in_store(&app, id).iter().any(|x| x.id == t && x.agenda_entry_id == Some(leaf));
    support::wait_for("the move", || moved_to(ids[3], leaves[1]));
    support::wait_for("the moved row in order", || record_order(&app, id).ends_with(&rows_on_screen(&app)));

    // Opened again: the first item's rows are not made. The second newest turn moved there goes
    // after them all, and Ctrl+Z puts it back.
    app.reload();
    app.by_testid("turn-input");
    support::wait_for("the newest 200 rows", || saved_turns(&app) == 200);
    app.keys(&format!("{ALT}\u{E013}{ALT}"));
    app.keys("\u{E013}");
    assert_eq!(app.active_testid(), format!("turn-{}", ids[598]));
    app.keys(ENTER);
    let entry = app.by_testid(&format!("edit-entry-{}", ids[598]));
    app.execute_on(&entry, "arguments[0].selectedIndex = 0");
    app.keys(&format!("{CONTROL}{ENTER}{CONTROL}"));
    support::wait_for("the move back", || moved_to(ids[598], leaves[0]));
    support::wait_for("the row among the first item's", || {
        let rows = rows_on_screen(&app);
        rows.contains(&ids[0]) && record_order(&app, id).ends_with(&rows)
    });
    app.focus_testid("turn-input");
    app.keys(&format!("{CONTROL}z{CONTROL}"));
    support::wait_for("Ctrl+Z", || moved_to(ids[598], leaves[1]));
    support::wait_for("Ctrl+Z in order", || record_order(&app, id).ends_with(&rows_on_screen(&app)));

    // Scrolling up makes the rest; every row is there, in the record's order.
    app.reload();
    app.by_testid("turn-input");
    make_every_row(&app, 600);
    assert_eq!(rows_on_screen(&app), record_order(&app, id));
    app.quit();
}

/// Types words a few characters at a time, at a typing rhythm, a new paragraph as Shift+Enter;
/// returns when each piece was sent and how many characters had been typed by then.
fn type_pieces(app: &Session, text: &str, pieces: usize, pause: &mut impl FnMut() -> u64) -> Vec<(Instant, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut sent = Vec::new();
    let mut typed = 0;
    for piece in chars.chunks(6).take(pieces) {
        let piece: String = piece.iter().collect();
        app.keys(&piece.replace('\n', &format!("{SHIFT}{ENTER}{SHIFT}")));
        typed += piece.chars().count();
        sent.push((Instant::now(), typed));
        std::thread::sleep(Duration::from_millis(pause()));
    }
    sent
}

/// The reference minutes replayed through the window as in the test above, with the app killed
/// (SIGKILL) at random moments: mid-typing a turn, or just after its Enter. After each kill the
/// store holds every committed turn, the draft is what was typed, short of at most the last half
/// second; the app restarts on the meeting with the draft in the box, and the secretary types on.
#[test]
fn the_reference_replayed_with_random_sigkills_loses_no_turn_and_at_most_half_a_second() {
    let _turn = one_at_a_time();
    let data = DataDir::new("replay-kills");
    let id = opened_sample(&data);
    let driver = Driver::start(data.path());
    let mut app = driver.launch();
    app.by_testid("turn-input");
    let mut random = random_from(0x0dd_5eed);
    // Half a second, plus the write itself (an fsync) and this test's own timing slop under load.
    let allowed = Duration::from_millis(500 + 250);
    let (mut entry, mut kills, mut turns_typed) = (0, 0, 0);
    let mut expected: Vec<(usize, &'static str, String)> = Vec::new();
    // The opening and the first two items: 60 steps, notes and agenda moves included.
    for step in steps().iter().take(60) {
        match step {
            Step::NextEntry => {
                entry += 1;
                next_entry(&app);
            }
            Step::Note { speaker, text, timed } => {
                add_note(&app, speaker, text, *timed);
                expected.push((entry, speaker, text.clone()));
            }
            // One turn in four is killed, at a random point of it.
            Step::Turn { speaker, paragraphs } if (turns_typed + 1) % 4 != 0 => {
                turns_typed += 1;
                type_turn(&app, speaker, paragraphs);
                expected.push((entry, speaker, paragraphs.join("\n")));
            }
            Step::Turn { speaker, paragraphs } => {
                turns_typed += 1;
                kills += 1;
                let text = paragraphs.join("\n");
                let pieces = text.chars().count().div_ceil(6);
                let stop = random(pieces as u64 + 1) as usize;
                app.keys(&format!("{ALT}{}{ALT}", speaker_key(speaker)));
                let sent = type_pieces(&app, &text, stop, &mut || random(120));
                let typed: String = text.chars().take(sent.last().map_or(0, |s| s.1)).collect();
                if stop == pieces {
                    // Mid-commit: the kill lands just after the Enter.
                    std::thread::sleep(Duration::from_millis(IME_GRACE_MS));
                    app.keys(ENTER);
                    std::thread::sleep(Duration::from_millis(random(40)));
                } else {
                    std::thread::sleep(Duration::from_millis(random(400)));
                }
                let killed_at = Instant::now();
                kill_app(data.path());
                drop(app);

                let store = open_store(data.path());
                let turns = store.transcript(id).unwrap();
                let texts: Vec<&str> = turns.iter().map(|t| t.text.as_str()).collect();
                let before: Vec<&str> = expected.iter().map(|(_, _, t)| t.as_str()).collect();
                assert!(texts.len() >= before.len(), "kill {kills}: a committed turn was lost");
                assert_eq!(texts[..before.len()], before[..], "kill {kills}: every committed turn is in the store");
                let committed = texts.len() == before.len() + 1;
                let draft = if committed {
                    assert_eq!(texts[before.len()], text, "kill {kills}: the turn committed whole");
                    String::new()
                } else {
                    assert_eq!(texts.len(), before.len(), "kill {kills}: nothing else was committed");
                    let draft = store.draft(id).unwrap().map(|d| d.text).unwrap_or_default();
                    assert!(
                        typed.starts_with(&draft),
                        "kill {kills}: the draft {draft:?} is what was typed: {typed:?}"
                    );
                    let due = sent.iter().filter(|(at, _)| killed_at - *at > allowed).map(|s| s.1).max().unwrap_or(0);
                    assert!(
                        draft.chars().count() >= due,
                        "kill {kills}: the draft {draft:?} lost more than half a second of {typed:?}"
                    );
                    draft
                };
                drop(store);

                app = driver.launch();
                let input = app.by_testid("turn-input");
                support::wait_for("the draft back in the box", || app.value(&input) == draft);
                if !committed {
                    // Type on from where the draft ends.
                    app.focus_testid("turn-input");
                    app.execute_on(&input, "const n = arguments[0].value.length; arguments[0].setSelectionRange(n, n)");
                    let shown = saved_turns(&app);
                    app.keys(&format!("{ALT}{}{ALT}", speaker_key(speaker)));
                    let rest: String = text.chars().skip(draft.chars().count()).collect();
                    type_pieces(&app, &rest, usize::MAX, &mut || 0);
                    std::thread::sleep(Duration::from_millis(IME_GRACE_MS));
                    app.keys(ENTER);
                    support::wait_for("the turn typed on", || saved_turns(&app) > shown);
                }
                expected.push((entry, speaker, text));
            }
        }
    }
    assert!(kills >= 3, "the replay was killed {kills} times");
    app.quit();

    let store = open_store(data.path());
    let leaves = store.meeting(id).unwrap().leaves();
    let turns = store.transcript(id).unwrap();
    assert_eq!(turns.len(), expected.len(), "every turn and note is in the store");
    for (i, (turn, (entry, speaker, text))) in turns.iter().zip(&expected).enumerate() {
        assert_eq!(&turn.text, text, "turn {i} is exactly as typed");
        assert_eq!(turn.speaker.as_str(), *speaker, "turn {i}: speaker");
        assert_eq!(turn.agenda_entry_id, Some(leaves[*entry]), "turn {i}: agenda entry");
    }
}

/// Ctrl+F finds the turn an attendee's correction points at, as a reader sees it (full-width
/// digits match half-width), Enter and Shift+Enter step through the hits, Esc selects the one
/// found and Enter opens it for correcting. Nothing to find, or nothing found, is said.
#[test]
fn ctrl_f_finds_a_turn_and_esc_selects_it_for_correcting() {
    let _turn = one_at_a_time();
    let data = DataDir::new("search");
    let id = opened_sample(&data);
    let ids: Vec<i64> = {
        let mut store = Store::open(data.path()).unwrap();
        (0..80)
            .map(|i| {
                let text = match i {
                    5 => "次回は２月１４日の予定です。".to_string(),
                    70 => "2月14日の審議会の前に\n個別での審議をお願いする可能性があります。".to_string(),
                    _ => format!("{i}番目の発言です。"),
                };
                store.add_turn(id, "member", &text, now()).unwrap().id
            })
            .collect()
    };
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.by_testid("turn-input");
    support::wait_for("the 80 turns", || saved_turns(&app) == 80);
    let current_hit = || {
        let js = "const el = document.querySelector('.turn.current-hit'); if (!el) return null;
                  const box = document.querySelector('[data-testid=transcript]').getBoundingClientRect();
                  const r = el.getBoundingClientRect();
                  return r.top >= box.top && r.bottom <= box.bottom ? el.dataset.testid : 'out of view'";
        app.execute(js, json!([])).as_str().unwrap_or_default().to_string()
    };

    app.focus_testid("turn-input");
    app.keys(&format!("{CONTROL}f{CONTROL}"));
    assert_eq!(app.active_testid(), "search-input");
    app.enter_words("2月14日");
    // Newest first, as the record grows at its end (and as 会議一覧's search lists).
    app.wait_text("search-count", |t| t == "2件中1件目");
    assert_eq!(current_hit(), format!("turn-{}", ids[70]), "the newest found, in view");
    // The words themselves are marked in each turn found, as they were typed there.
    let marked = |turn: i64| {
        app.execute(
            "return [...document.querySelectorAll(`[data-testid=turn-${arguments[0]}] mark.found`)].map((m) => m.textContent)",
            json!([turn]),
        )
    };
    assert_eq!(marked(ids[5]), json!(["２月１４日"]));
    assert_eq!(marked(ids[70]), json!(["2月14日"]));
    app.keys(ENTER);
    app.wait_text("search-count", |t| t == "2件中2件目");
    assert_eq!(current_hit(), format!("turn-{}", ids[5]), "２月１４日 is found, in view");
    app.keys(&format!("{SHIFT}{ENTER}{SHIFT}"));
    app.wait_text("search-count", |t| t == "2件中1件目");
    app.screenshot(&shot_path("13-search"));
    // A turn typed with the search open is among the hits at once, its words marked; the hit
    // selected stays selected.
    app.focus_testid("turn-input");
    app.enter_words("２月14日に再開します。");
    app.wait_text("search-count", |t| t == "3件中2件目");
    let newest =
        app.execute("return [...document.querySelectorAll('.turn.hit')].map((r) => r.dataset.testid).pop()", json!([]));
    let newest: i64 = newest.as_str().unwrap().trim_start_matches("turn-").parse().unwrap();
    assert!(newest > ids[79], "the turn just typed: {newest}");
    assert_eq!(marked(newest), json!(["２月14日"]));
    let selected = app.execute("return document.querySelector('.turn.current-hit')?.dataset.testid", json!([]));
    assert_eq!(selected, json!(format!("turn-{}", ids[70])), "still the hit selected (the commit scrolled to the end)");
    app.focus_testid("search-input");
    app.keys(ESCAPE);
    assert_eq!(app.active_testid(), format!("turn-{}", ids[70]), "Esc selects the turn found");
    // Closed, the marks are gone and the words are as they were.
    assert_eq!(app.execute("return document.querySelectorAll('mark.found').length", json!([])), json!(0));
    assert_eq!(app.text(&app.by_testid(&format!("turn-text-{}", ids[5]))), "次回は２月１４日の予定です。");
    app.keys(ENTER);
    app.by_testid(&format!("edit-text-{}", ids[70]));
    app.keys(ESCAPE);

    // Opened again, the words are still there, the last count not (the record may have changed
    // meanwhile); Shift+Enter searches afresh and starts from the last hit, the oldest.
    app.keys(&format!("{CONTROL}f{CONTROL}"));
    assert_eq!(app.testid_text("search-count"), "");
    app.keys(&format!("{SHIFT}{ENTER}{SHIFT}"));
    app.wait_text("search-count", |t| t == "3件中3件目");
    assert_eq!(current_hit(), format!("turn-{}", ids[5]));
    app.keys(ESCAPE);

    app.keys(&format!("{CONTROL}f{CONTROL}"));
    app.enter_words("三月");
    app.wait_text("search-count", |t| t == "見つかりません");
    app.clear(&app.by_testid("search-input"));
    app.focus_testid("search-input");
    app.keys(ENTER);
    app.wait_text("search-count", |t| t == "探す言葉を入力してください。");
    app.quit();
}

/// 会議一覧 looks words up in every meeting's record; Tab to a turn found and Enter opens that
/// meeting's record on it, the words still found there.
#[test]
fn words_found_on_the_list_open_the_meeting_on_the_turn() {
    let _turn = one_at_a_time();
    let data = DataDir::new("search-all");
    let id = opened_sample(&data);
    let (wanted, item, member) = {
        let mut store = Store::open(data.path()).unwrap();
        let m = store.meeting(id).unwrap();
        let current = m.current_entry_id.unwrap();
        let item = m
            .agenda
            .iter()
            .flat_map(|s| s.items.iter().map(|i| (i.id, i.title.clone())).chain([(s.id, s.title.clone())]));
        let item = item.into_iter().find(|(e, _)| *e == current).unwrap().1;
        let ids: Vec<i64> = (0..40)
            .map(|i| {
                let text = if i == 3 {
                    "次回は２月１４日の予定です。".to_string()
                } else {
                    format!("{i}番目の発言です。")
                };
                store.add_turn(id, "official", &text, now()).unwrap().id
            })
            .collect();
        (ids[3], item, m.attendance[0].name.clone())
    };
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.by_testid("turn-input");
    app.click_testid("nav-list");
    // Narrowed by an agenda item: another's title finds nothing, the item the turn is under finds it.
    app.focus_testid("search-all-item");
    app.enter_words("存在しない議題");
    app.focus_testid("search-all-input");
    app.enter_words("予定 2月14日");
    // Narrowed, it says by what (the words may be elsewhere in the archive).
    app.wait_text("search-all-count", |t| t == "見つかりません（絞り込み：議題「存在しない議題」）");
    let field = app.by_testid("search-all-item");
    app.clear(&field);
    app.focus_testid("search-all-item");
    app.enter_words(&item);
    app.wait_text("search-all-count", |t| t == "1件（新しい会議から）");
    app.focus_testid("search-all-input");
    app.screenshot(&shot_path("14-search-all"));
    app.keys(TAB);
    assert_eq!(app.active_testid(), format!("search-hit-{wanted}"), "Tab reaches the turn found");
    app.keys(ENTER);
    app.wait_text("search-count", |t| t == "1件中1件目");
    let current = app.execute("return document.querySelector('.turn.current-hit').dataset.testid", json!([]));
    assert_eq!(current, json!(format!("turn-{wanted}")));

    app.click_testid("nav-list");
    app.focus_testid("search-all-input");
    app.enter_words("三月");
    app.wait_text("search-all-count", |t| t == "見つかりません");

    // A member's name is found among those present (a field of the cover): Enter opens the cover.
    let words = app.by_testid("search-all-input");
    app.clear(&words);
    app.focus_testid("search-all-input");
    app.enter_words(&member);
    app.wait_text("search-all-count", |t| t.contains("件"));
    let label = app.execute(
        &format!("return document.querySelector('[data-testid=search-cover-{id}]').closest('tr').querySelector('.speaker').textContent"),
        json!([]),
    );
    assert_eq!(label, json!("出席者"));
    app.focus_testid(&format!("search-cover-{id}"));
    app.keys(ENTER);
    app.by_testid("cover-title");
    app.quit();
}

/// An index to build anew (an upgraded store's, thousands of places) is built in the background:
/// 会議一覧 opens at once, its progress bar follows the build to the end and goes, and the words are
/// found. (A search during the build says how far it has got: `core/tests/archive.rs`.)
#[test]
fn a_large_index_is_built_in_the_background_with_a_progress_bar() {
    let _turn = one_at_a_time();
    let data = DataDir::new("index-build");
    {
        let material = support::reference::lines();
        let mut store = Store::open(data.path()).unwrap();
        store.generate_archive(&material, 20, 5).unwrap();
    }
    // The index emptied and every place noted, as an upgrade leaves it.
    let raw = rusqlite::Connection::open(Store::path(data.path())).unwrap();
    raw.execute_batch(
        "INSERT INTO search_index (search_index) VALUES ('delete-all'); DELETE FROM search_place;
         INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'turn', id FROM turn;
         INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'entry', id FROM agenda_entry;",
    )
    .unwrap();
    let waiting: i64 = raw.query_row("SELECT count(*) FROM index_dirty", [], |r| r.get(0)).unwrap();
    drop(raw);
    assert!(waiting > shoki_core::INDEX_BUILD, "a build: {waiting}");
    let driver = Driver::start(data.path());
    let app = driver.launch();
    // The bar follows the build's events to the end (the main window may hear them: without the
    // permission it stayed at 0%), then goes.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let bar = app.execute(
            "const p = document.querySelector('[data-testid=index-progress]'); return p ? [p.hidden, p.textContent] : null",
            json!([]),
        );
        if bar[0] == json!(true) && bar[1].as_str().is_some_and(|t| t.contains("索引づくり") && t.contains("100%"))
        {
            break;
        }
        assert!(Instant::now() < deadline, "the build never ended on screen: {bar}");
        std::thread::sleep(Duration::from_millis(250));
    }
    app.focus_testid("search-all-input");
    app.enter_words("委員");
    app.wait_text("search-all-count", |t| t.contains("件（新しい会議から"));
    app.quit();
}
