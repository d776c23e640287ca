//! End-to-end journeys of the keyboard contract: Tab never leaves the turn box; Ctrl+Z gives an
//! early-committed turn back to the box and Ctrl+Shift+Z redoes, across leaving the screen; the
//! IME's Esc never throws away a field; after 閉会 the rows take the keyboard; the chair's screen
//! does not show the previous item's result as the current one; 確定 asks first.

mod support;

use chrono::Datelike;
use serde_json::json;
use shoki_core::Store;
use support::webdriver::{Driver, Session, ALT, CONTROL, ENTER, ESCAPE, F6, F8, IME_GRACE_MS, SHIFT, TAB};
use support::{one_at_a_time, open_store, shot_path, DataDir};

const ARROW_UP: &str = "\u{E013}";
const DELETE: &str = "\u{E017}";
const F7: &str = "\u{E037}";

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

fn opened(data: &DataDir) -> i64 {
    let mut store = Store::open(data.path()).unwrap();
    let m = store.load_sample().unwrap();
    store.open_meeting(m.id, now()).unwrap();
    m.id
}

/// The sample opened and moved on to 諮問事項（1）, where the votes are taken.
fn opened_on_an_item(data: &DataDir) -> i64 {
    let id = opened(data);
    let mut store = Store::open(data.path()).unwrap();
    store.advance_agenda(id, now()).unwrap();
    id
}

fn saved_rows(app: &Session) -> usize {
    app.execute("return document.querySelectorAll('.turn[data-saved=true]:not(.deleted)').length", json!([]))
        .as_u64()
        .unwrap() as usize
}

fn commit(app: &Session) {
    std::thread::sleep(std::time::Duration::from_millis(IME_GRACE_MS));
    app.keys(ENTER);
}

#[test]
fn tab_stays_in_the_box_and_undo_gives_an_early_turn_back_across_screens() {
    let _turn = one_at_a_time();
    let data = DataDir::new("keys-undo");
    let id = opened(&data);
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.focus_testid("turn-input");
    app.keys("それでは");
    app.keys(TAB);
    app.keys(TAB);
    assert_eq!(app.active_testid(), "turn-input", "Tab never leaves the turn box");
    app.keys(&format!("{SHIFT}{TAB}{SHIFT}"));
    assert_eq!(app.active_testid(), "turn-input", "nor does Shift+Tab");
    app.keys(ENTER);
    support::wait_for("the early turn", || saved_rows(&app) == 1);
    assert_eq!(app.testid_text("current-speaker"), "委員", "the next speaker was preselected");

    // Enter came too early: Ctrl+Z gives the words and the speaker back to the box.
    app.keys(&format!("{CONTROL}z{CONTROL}"));
    support::wait_for("the words back in the box", || app.value(&app.by_testid("turn-input")) == "それでは");
    assert_eq!(app.testid_text("current-speaker"), "会長", "the speaker comes back with the words");
    assert_eq!(saved_rows(&app), 0, "the early turn is taken back (kept as a version)");
    app.keys("、定刻になりましたので開会いたします。");
    commit(&app);
    support::wait_for("the finished turn", || saved_rows(&app) == 1);

    // A deletion by keyboard, undone and redone after leaving the screen and coming back.
    app.keys(&format!("{ALT}{ARROW_UP}{ALT}"));
    app.keys(DELETE);
    support::wait_for("the deletion", || saved_rows(&app) == 0);
    app.click_testid("go-export");
    app.wait_text("export-preview", |t| !t.is_empty());
    app.click_testid("nav-list");
    app.click_testid(&format!("open-meeting-{id}"));
    app.focus_testid("turn-input");
    app.keys(&format!("{CONTROL}z{CONTROL}"));
    support::wait_for("Ctrl+Z after coming back", || saved_rows(&app) == 1);
    app.keys(&format!("{CONTROL}{SHIFT}z{SHIFT}{CONTROL}"));
    support::wait_for("Ctrl+Shift+Z", || saved_rows(&app) == 0);
    app.keys(&format!("{CONTROL}z{CONTROL}"));
    support::wait_for("and back once more", || saved_rows(&app) == 1);
    app.quit();
    let store = open_store(data.path());
    let turns: Vec<_> = store.transcript(id).unwrap().into_iter().filter(|t| !t.deleted).collect();
    assert_eq!(turns.len(), 1);
    assert_eq!(turns[0].text, "それでは、定刻になりましたので開会いたします。");
}

/// The Esc that cancels a conversion (here, composition events as WebKitGTK sends them) must not
/// put back the saved value of the field being typed in.
#[test]
fn the_imes_esc_never_throws_away_a_preparation_field() {
    let _turn = one_at_a_time();
    let (data, id) = support::sample_store("keys-esc");
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.click_testid(&format!("open-meeting-{id}"));
    let venue = app.by_testid("field-venue");
    let kept = app.execute_on(
        &venue,
        "const el = arguments[0]; el.focus();
         el.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
         el.value = el.value + 'だいかいぎしつ';
         el.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', isComposing: true, bubbles: true, cancelable: true}));
         el.dispatchEvent(new CompositionEvent('compositionend', {data: ''}));
         el.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true, cancelable: true}));
         return el.value",
    );
    assert!(kept.as_str().unwrap().ends_with("だいかいぎしつ"), "the IME's Esc kept the typing: {kept}");
    // A plain Esc, well after the conversion, still puts the saved value back.
    std::thread::sleep(std::time::Duration::from_millis(300));
    app.focus_testid("field-venue");
    app.keys(ESCAPE);
    let value = app.value(&app.by_testid("field-venue"));
    assert_eq!(value, "目黒区総合庁舎本館6階教育委員会室", "Esc on its own puts back what was saved");
    app.quit();
}

#[test]
fn after_closing_the_rows_take_the_keyboard_and_finalising_asks_first() {
    let _turn = one_at_a_time();
    let data = DataDir::new("keys-closed");
    let id = opened(&data);
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.focus_testid("turn-input");
    for words in ["開会いたします。", "質問がございます。"] {
        let before = saved_rows(&app);
        app.keys(words);
        commit(&app);
        support::wait_for("the turn", || saved_rows(&app) > before);
    }
    app.click_testid("close-meeting");
    app.click_testid("confirm-close");
    support::wait_for("the closed screen", || {
        app.execute(
            "const el = document.querySelector('[data-testid=turn-input]'); return Boolean(el && el.disabled)",
            json!([]),
        ) == json!(true)
    });
    support::wait_for("the last row to have the focus", || app.active_testid().starts_with("turn-"));
    assert_eq!(app.value(&app.by_testid("turn-input")), "", "the closed box shows no words");
    let last = app.active_testid();
    app.keys(ARROW_UP);
    assert_ne!(app.active_testid(), last, "↑ selects the row before");
    app.keys(ENTER);
    support::wait_for("the correction editor", || app.try_find("[data-testid^=turn-editor-]").is_some());
    app.keys(ESCAPE);

    app.click_testid("go-export");
    app.click_testid("mark-draft");
    app.wait_text("meeting-status", |t| t.starts_with("案として配布済み"));
    app.click_testid("finalize");
    assert_eq!(app.active_testid(), "finalize-cancel", "やめる has the focus: a stray Enter does nothing");
    app.keys(ENTER);
    app.by_testid("finalize");
    app.click_testid("finalize");
    app.screenshot(&shot_path("22-finalize-asks-first"));
    app.click_testid("finalize-confirm");
    app.wait_text("meeting-status", |t| t.starts_with("確定しています"));
    app.quit();
    assert_eq!(open_store(data.path()).meeting(id).unwrap().status, shoki_core::model::MeetingStatus::Final);
}

#[test]
fn the_chair_does_not_see_the_previous_items_result_as_the_current_one() {
    let _turn = one_at_a_time();
    let data = DataDir::new("keys-chair");
    opened_on_an_item(&data);
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.focus_testid("turn-input");
    let main = app.window_handle();
    app.keys(F7);
    app.type_into(&app.by_testid("vote-for"), "19");
    app.wait_text("vote-preview", |t| t.starts_with("賛成19"));
    app.keys(ENTER);
    // The panel closes once the vote is saved, and the box has the focus again.
    support::wait_for("the box to have the focus", || app.active_testid() == "turn-input");
    app.keys("\u{E03A}"); // F10
    support::wait_for("the chair's window", || app.window_handles().len() == 2);
    assert_eq!(app.active_testid(), "turn-input", "the input keeps the focus");
    let chair = app.window_handles().into_iter().find(|h| *h != main).unwrap();
    app.switch_to_window(&chair);
    app.wait_text("chair-for", |t| t == "19");
    assert_eq!(app.testid_text("chair-vote-heading"), "この議題の採決");
    app.switch_to_window(&main);
    app.focus_testid("turn-input");
    app.keys(F8);
    app.switch_to_window(&chair);
    app.wait_text("chair-vote-heading", |t| t == "前の議題の採決");
    assert!(app.testid_text("chair-vote-item").contains("外部機関"), "named as the previous item's");
    app.screenshot(&shot_path("23-chair-after-f8"));
    app.switch_to_window(&main);
    // F10 again on a single monitor: the chair's window stays as it is, the secretary keeps typing.
    app.focus_testid("turn-input");
    app.keys("\u{E03A}");
    assert_eq!(app.active_testid(), "turn-input");
    app.quit();
}

#[test]
fn a_vote_is_recorded_in_the_order_it_is_said() {
    let _turn = one_at_a_time();
    let data = DataDir::new("keys-vote");
    let id = opened_on_an_item(&data);
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.focus_testid("turn-input");
    // The chair's call, with the hands put in by F7 as they are raised.
    app.keys("賛成の方、挙手をお願いいたします。");
    app.keys(F7);
    app.keys("反対の方、挙手をお願いいたします。");
    app.keys(F7);
    app.keys("採決の状況をお伝えください。");
    let typed = app.value(&app.by_testid("turn-input"));
    assert!(typed.contains("（賛成者挙手）\n反対の方") && typed.contains("（反対者挙手）\n採決の状況"), "{typed}");
    commit(&app);
    support::wait_for("the chair's call", || saved_rows(&app) == 1);
    app.wait_text("current-speaker", |t| t == "区側");
    // The count, with the box empty: the hands are in the record already.
    app.keys(F7);
    assert_eq!(
        app.execute("return document.querySelector('[data-testid=vote-with-notes]').checked", json!([])),
        json!(false)
    );
    app.type_into(&app.by_testid("vote-for"), "16");
    app.type_into(&app.by_testid("vote-abstain"), "1");
    app.wait_text("vote-preview", |t| t.starts_with("賛成16・反対2・棄権1"));
    app.focus_testid("vote-for");
    app.keys(ENTER);
    support::wait_for("the offered report", || {
        app.value(&app.by_testid("turn-input")) == "賛成が16、反対が2、棄権が1でございます。"
    });
    assert_eq!(app.testid_text("current-speaker"), "区側");
    commit(&app);
    support::wait_for("the report", || saved_rows(&app) == 2);
    app.screenshot(&shot_path("24-vote-in-spoken-order"));
    app.quit();
    let store = open_store(data.path());
    let turns = store.transcript(id).unwrap();
    let texts: Vec<&str> = turns.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts.len(), 2, "no extra rows of hands: {texts:?}");
    assert_eq!(
        texts[0],
        "賛成の方、挙手をお願いいたします。\n（賛成者挙手）\n反対の方、挙手をお願いいたします。\n（反対者挙手）\n採決の状況をお伝えください。"
    );
    assert_eq!(turns[1].speaker, shoki_core::model::Speaker::Official);
}

/// F7 keeps the record in the order things were said, whatever speaker the box shows: a call for
/// hands typed under a wrongly guessed speaker gets its hands (not the count with the call left
/// behind it), a call made again after the count was put off gets （賛成者挙手） again, and someone
/// else's words in the box — naming 異議 without calling for anything — are committed before the
/// count.
#[test]
fn f7_keeps_the_spoken_order_whoever_the_box_shows() {
    let _turn = one_at_a_time();
    let data = DataDir::new("keys-vote-order");
    let id = opened_on_an_item(&data);
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.focus_testid("turn-input");
    app.keys(&format!("{ALT}3{ALT}")); // 委員: the speaker guessed wrong
    app.wait_text("current-speaker", |t| t == "委員");
    app.keys("それでは、採決に移ります。賛成の方、挙手をお願いいたします。");
    app.keys(F7);
    assert!(
        app.value(&app.by_testid("turn-input")).ends_with("お願いいたします。\n（賛成者挙手）\n"),
        "the hands in the call"
    );
    commit(&app);
    support::wait_for("the call", || saved_rows(&app) == 1);
    // The count put off (Esc), and the chair calls for the same hands again.
    app.keys(&format!("{ALT}1{ALT}"));
    app.keys(F7);
    support::wait_for("the count", || app.active_testid() == "vote-for");
    app.keys(ESCAPE);
    app.focus_testid("turn-input");
    app.keys("もう一度、賛成の方、挙手をお願いいたします。");
    app.keys(F7);
    assert!(app.value(&app.by_testid("turn-input")).ends_with("（賛成者挙手）\n"), "賛成, as the words ask, not 反対");
    commit(&app);
    support::wait_for("the second call", || saved_rows(&app) == 2);
    // The ward explaining when the vote comes: its words first, then the count.
    app.keys(&format!("{ALT}4{ALT}"));
    app.keys("異議申立ての件数は、以上でございます。"); // names 異議, calls for nothing
    app.keys(F7);
    support::wait_for("the count", || app.active_testid() == "vote-for");
    support::wait_for("the ward's words committed", || saved_rows(&app) == 3);
    app.type_into(&app.by_testid("vote-for"), "17");
    app.focus_testid("vote-for");
    app.keys(ENTER);
    support::wait_for("the box to have the focus", || app.active_testid() == "turn-input");
    app.quit();
    let store = open_store(data.path());
    let texts: Vec<String> = store.transcript(id).unwrap().into_iter().map(|t| t.text).collect();
    assert_eq!(texts[0], "それでは、採決に移ります。賛成の方、挙手をお願いいたします。\n（賛成者挙手）");
    assert_eq!(texts[1], "もう一度、賛成の方、挙手をお願いいたします。\n（賛成者挙手）");
    assert_eq!(texts[2], "異議申立ての件数は、以上でございます。");
    assert_eq!(texts.len(), 3, "the count adds no hands: they are in the calls: {texts:?}");
}

/// A call for a standing vote gets the standing notes from F7, and the count opens on 起立, its
/// notes not added twice (a call of 異議 takes the same path to （「異議なし」の声あり）).
#[test]
fn a_standing_vote_gets_its_own_notes() {
    let _turn = one_at_a_time();
    let data = DataDir::new("keys-standing");
    opened_on_an_item(&data);
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.focus_testid("turn-input");
    app.keys("賛成の方の起立を求めます。");
    app.keys(F7);
    app.keys("反対の方の起立を求めます。");
    app.keys(F7);
    let typed = app.value(&app.by_testid("turn-input"));
    assert!(typed.contains("（賛成者起立）\n反対の方") && typed.ends_with("（反対者起立）\n"), "{typed}");
    commit(&app);
    support::wait_for("the chair's call", || saved_rows(&app) == 1);
    app.keys(F7);
    assert_eq!(app.value(&app.by_testid("vote-method")), "standing");
    assert_eq!(
        app.execute("return document.querySelector('[data-testid=vote-with-notes]').checked", json!([])),
        json!(false)
    );
    app.quit();
}

/// F4 pressed by mistake: the recess shows where it was recorded, and Ctrl+Z from the empty box
/// takes it back — not the turn committed before it; a 再開 by mistake is taken back the same way.
#[test]
fn a_recess_by_mistake_is_seen_and_taken_back() {
    let _turn = one_at_a_time();
    let data = DataDir::new("keys-recess");
    let id = opened_on_an_item(&data);
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.focus_testid("turn-input");
    app.keys("それでは始めます。");
    commit(&app);
    support::wait_for("the turn", || saved_rows(&app) == 1);
    const F4: &str = "\u{E034}";
    app.keys(F4);
    app.wait_text("recess-list", |t| t.starts_with("休憩の記録：") && t.contains("（休憩中）"));
    app.keys(F4);
    app.wait_text("recess-list", |t| !t.contains("（休憩中）"));
    app.screenshot(&shot_path("27-recess-list"));
    app.keys(&format!("{CONTROL}z{CONTROL}")); // the 再開 taken back: in recess again
    app.wait_text("recess-list", |t| t.contains("（休憩中）"));
    app.keys(&format!("{CONTROL}z{CONTROL}")); // and the 休憩 itself
    support::wait_for("the recess gone", || {
        app.execute("return document.querySelector('[data-testid=recess-list]').hidden", json!([])) == json!(true)
    });
    assert_eq!(app.value(&app.by_testid("turn-input")), "", "the turn before stays committed");
    assert_eq!(saved_rows(&app), 1);
    app.quit();
    let store = open_store(data.path());
    assert!(store.meeting(id).unwrap().recesses.is_empty());
    assert_eq!(store.transcript(id).unwrap().len(), 1);
}

/// The reference's chair calls for hands in one turn and for the other hands in the next: F7 in
/// each puts the hands where they were raised, the chair stays preselected between the calls,
/// and the count (after Esc and F7 again) adds no hands twice.
#[test]
fn calls_for_hands_over_two_turns_keep_their_order() {
    let _turn = one_at_a_time();
    let data = DataDir::new("keys-vote-split");
    let id = opened_on_an_item(&data);
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.focus_testid("turn-input");
    app.keys("それでは、採決に移ります。賛成の方、挙手をお願いいたします。");
    app.keys(F7);
    commit(&app);
    support::wait_for("the first call", || saved_rows(&app) == 1);
    app.wait_text("current-speaker", |t| t == "会長");
    app.keys("反対の方は挙手をお願いいたします。");
    app.keys(F7);
    app.keys("賛成多数と認めます。");
    // Words after the hands, calling for none: F7 commits them and opens the count (no third note).
    app.keys(F7);
    support::wait_for("the second call", || saved_rows(&app) == 2);
    support::wait_for("the count", || app.active_testid() == "vote-for");
    app.keys(ESCAPE);
    app.focus_testid("turn-input");
    app.keys(F7);
    assert_eq!(
        app.execute("return document.querySelector('[data-testid=vote-with-notes]').checked", json!([])),
        json!(false),
        "the hands are in the record already"
    );
    app.type_into(&app.by_testid("vote-for"), "１７");
    app.type_into(&app.by_testid("vote-abstain"), "１");
    app.wait_text("vote-preview", |t| t.starts_with("賛成17・反対1・棄権1"));
    app.focus_testid("vote-for");
    app.keys(ENTER);
    support::wait_for("the box to have the focus", || app.active_testid() == "turn-input");
    app.quit();
    let store = open_store(data.path());
    let turns: Vec<(shoki_core::model::Speaker, String)> =
        store.transcript(id).unwrap().into_iter().map(|t| (t.speaker, t.text)).collect();
    assert_eq!(turns.len(), 2, "no rows of hands added by the count: {turns:?}");
    assert_eq!(turns[0].1, "それでは、採決に移ります。賛成の方、挙手をお願いいたします。\n（賛成者挙手）");
    assert_eq!(turns[1].0, shoki_core::model::Speaker::Chair, "the chair's second call is the chair's");
    assert_eq!(turns[1].1, "反対の方は挙手をお願いいたします。\n（反対者挙手）\n賛成多数と認めます。");
}

/// With a second monitor (a projector), F10 puts the chair's screen full screen there, never over
/// the secretary's window, and the secretary keeps typing; the monitor to use is offered by a name
/// that tells two of one model apart, and remembered.
#[test]
fn with_two_monitors_the_chair_goes_full_screen_on_the_other_one() {
    let _turn = one_at_a_time();
    let data = DataDir::new("keys-two-monitors");
    opened_on_an_item(&data);
    let monitors = support::webdriver::Display::monitors(&[(1280, 800), (1024, 768), (1920, 1080)]);
    let driver = Driver::start_on(data.path(), monitors);
    let app = driver.launch();
    app.focus_testid("turn-input");
    let main = app.window_handle();
    let size = "return [screen.width, screen.height, innerWidth, innerHeight]";
    // The compositor puts the secretary's window where it likes: theirs is whichever it is on.
    let own = app.execute(size, json!([])).as_array().unwrap()[..2].to_vec();
    // The others are offered, each by its own name; the last one is chosen.
    let offered = app.execute(
        "return [...document.querySelectorAll('[data-testid=chair-monitor] option')].map((o) => o.value)",
        json!([]),
    );
    let offered: Vec<String> = serde_json::from_value(offered).unwrap();
    assert_eq!(offered.len(), 2, "the two others: {offered:?}");
    let own_name = format!("{}×{}）", own[0], own[1]);
    assert!(offered.iter().all(|n| n.starts_with("画面") && !n.ends_with(&own_name)), "{offered:?} (own {own_name})");
    let chosen = offered[1].clone();
    let (w, h) = chosen.trim_end_matches('）').rsplit_once('、').unwrap().1.split_once('×').unwrap();
    let (w, h): (u64, u64) = (w.parse().unwrap(), h.parse().unwrap());
    app.execute(
        "const s = document.querySelector('[data-testid=chair-monitor]'); s.value = arguments[0]; s.dispatchEvent(new Event('change'))",
        json!([chosen]),
    );
    app.focus_testid("turn-input");
    app.keys("それでは");
    app.keys("\u{E03A}"); // F10
    support::wait_for("the chair's window", || app.window_handles().len() == 2);
    app.keys("、採決を行います。");
    assert_eq!(app.active_testid(), "turn-input", "the input keeps the focus");
    assert_eq!(app.value(&app.by_testid("turn-input")), "それでは、採決を行います。", "no key went to the chair");
    let chair = app.window_handles().into_iter().find(|h| *h != main).unwrap();
    app.switch_to_window(&chair);
    support::wait_for("the chair's screen to fill the chosen monitor", || {
        app.execute(size, json!([])) == json!([w, h, w, h])
    });
    // Its words are there (a screenshot of it would be of Mutter's last painted frame, not this).
    app.wait_text("chair-item", |t| t.contains("諮問事項"));
    // No vote yet: said in words, with no counts of dashes.
    assert_eq!(app.testid_text("chair-eligible"), "まだ採決はありません");
    assert_eq!(
        app.execute("return document.querySelector('[data-testid=chair-counts]').hidden", json!([])),
        json!(true)
    );
    // F10 again brings it up as it is: still full screen there.
    app.switch_to_window(&main);
    app.focus_testid("turn-input");
    app.keys("\u{E03A}");
    app.switch_to_window(&chair);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(app.execute(size, json!([])), json!([w, h, w, h]), "F10 never shrinks it");
    app.switch_to_window(&main);
    assert_eq!(app.execute(size, json!([])).as_array().unwrap()[..2], own[..], "nor moves the secretary's");
    // The full-screen button takes it out of full screen, and back in.
    app.click_testid("chair-fullscreen");
    app.switch_to_window(&chair);
    support::wait_for("the chair's window out of full screen", || app.execute(size, json!([])) != json!([w, h, w, h]));
    app.switch_to_window(&main);
    app.wait_text("save-status", |t| t == "議長画面の全画面を解除しました。");
    app.click_testid("chair-fullscreen");
    app.wait_text("save-status", |t| t.starts_with("議長画面を画面") && t.ends_with("に全画面で表示しています。"));
    app.switch_to_window(&chair);
    support::wait_for("the chair's window full screen again", || app.execute(size, json!([])) == json!([w, h, w, h]));
    app.switch_to_window(&main);
    app.keys("続けて");
    assert!(app.value(&app.by_testid("turn-input")).ends_with("続けて"), "the keyboard stays with the secretary");
    app.quit();
}

/// F4 is 休憩 and F4 again 再開: recorded with their times, the banner shown meanwhile, the words
/// in the box left where they were and the focus with them; 閉会 waits for the 再開.
#[test]
fn f4_takes_a_recess_and_resumes() {
    let _turn = one_at_a_time();
    let data = DataDir::new("keys-recess");
    let id = opened(&data);
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.focus_testid("turn-input");
    app.keys("ここで休憩");
    app.keys("\u{E034}"); // F4
    app.wait_text("recess-banner", |t| t.starts_with("休憩中（") && t.contains("F4"));
    assert_eq!(app.active_testid(), "turn-input");
    assert_eq!(app.value(&app.by_testid("turn-input")), "ここで休憩");
    app.screenshot(&shot_path("26-recess"));
    app.keys("\u{E034}");
    support::wait_for("the banner to go", || {
        app.execute("return document.querySelector('[data-testid=recess-banner]').hidden", json!([])) == json!(true)
    });
    assert_eq!(app.active_testid(), "turn-input");
    app.quit();
    let store = open_store(data.path());
    let recesses = store.meeting(id).unwrap().recesses;
    assert_eq!(recesses.len(), 1);
    assert!(recesses[0].ended_at.as_deref().is_some_and(|end| end >= recesses[0].started_at.as_str()));
}

/// A decision without objection by keyboard: F7, the method 異議なし (the counts close), Enter;
/// the record has （「異議なし」の声あり）, the store a unanimous decision without counts, and
/// the chair's screen says 異議なし instead of counts.
#[test]
fn a_decision_without_objection_is_taken_by_keyboard() {
    let _turn = one_at_a_time();
    let data = DataDir::new("keys-no-objection");
    let id = opened_on_an_item(&data);
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.focus_testid("turn-input");
    app.keys(F7);
    support::wait_for("the count", || app.active_testid() == "vote-for");
    app.focus_testid("vote-method");
    app.keys("\u{E015}\u{E015}"); // ↓↓: 異議なし
    app.wait_text("vote-preview", |t| t == "異議なし → 承認");
    assert_eq!(app.execute("return document.querySelector('[data-testid=vote-for]').disabled", json!([])), json!(true));
    assert_eq!(
        app.execute("return document.querySelector('[data-testid=vote-with-notes]').checked", json!([])),
        json!(true)
    );
    app.execute("document.querySelector('[data-testid=vote-record]').focus()", json!([]));
    app.keys(ENTER);
    support::wait_for("the box to have the focus", || app.active_testid() == "turn-input");
    let main = app.window_handle();
    app.keys("\u{E03A}"); // F10
    support::wait_for("the chair's window", || app.window_handles().len() == 2);
    let chair = app.window_handles().into_iter().find(|h| *h != main).unwrap();
    app.switch_to_window(&chair);
    app.wait_text("chair-eligible", |t| t.starts_with("異議なし"));
    // Nothing counted, no counts shown (not three large dashes).
    assert_eq!(
        app.execute("return document.querySelector('[data-testid=chair-counts]').hidden", json!([])),
        json!(true)
    );
    assert_eq!(app.testid_text("chair-result"), "承認");
    app.switch_to_window(&main);
    app.quit();
    let store = open_store(data.path());
    let m = store.meeting(id).unwrap();
    let v = m.votes.last().unwrap();
    assert_eq!(
        (v.method, v.for_count, v.result_text.as_str()),
        (shoki_core::model::VoteMethod::NoObjection, 0, "承認")
    );
    let turns = store.transcript(id).unwrap();
    assert_eq!(turns.last().unwrap().text, "（「異議なし」の声あり）");
}

/// What a new user's keyboard run found: Ctrl+Z and Ctrl+Shift+Z from a selected row leave the
/// focus on a row (typing never goes nowhere); the roll call takes the keyboard when reached;
/// ；ｇｊ typed with the IME on expands as ;gj, a key the IME made kana says what to do; Esc
/// closes 出欠 (F6); Enter on a deleted row says how to restore it.
#[test]
fn focus_and_phrases_hold_where_a_new_user_lost_them() {
    let _turn = one_at_a_time();
    let (data, id) = support::sample_store("keys-new-user");
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.click_testid(&format!("open-meeting-{id}"));
    support::wait_for("the way to the roll call to have the focus", || app.active_testid() == "go-live");
    app.keys(ENTER);
    support::wait_for("the roll call's first choice to have the focus", || {
        app.active_testid().starts_with("rollcall-")
    });
    app.click_testid("open-meeting");
    app.focus_testid("turn-input");
    for words in ["一つ目です。", "二つ目です。", "三つ目です。"] {
        app.keys(words);
        commit(&app);
    }
    support::wait_for("three saved rows", || saved_rows(&app) == 3);
    app.keys(&format!("{ALT}{ARROW_UP}{ALT}"));
    app.keys(ARROW_UP);
    app.keys(DELETE);
    support::wait_for("the deletion", || saved_rows(&app) == 2);
    app.keys(&format!("{CONTROL}z{CONTROL}"));
    support::wait_for("the turn back", || saved_rows(&app) == 3);
    support::wait_for("a row to have the focus", || app.active_testid().starts_with("turn-"));
    app.keys(&format!("{CONTROL}{SHIFT}z{SHIFT}{CONTROL}"));
    support::wait_for("the deletion again", || saved_rows(&app) == 2);
    support::wait_for("a row to have the focus", || app.active_testid().starts_with("turn-"));
    app.keys(ENTER);
    app.wait_text("save-status", |t| t.contains("元に戻す"));
    // Phrases as the IME types them.
    app.focus_testid("turn-input");
    app.keys("；ｇｊ");
    app.keys(TAB);
    assert_eq!(app.value(&app.by_testid("turn-input")), "それでは、次第に沿って、議事を進めてまいります。");
    app.execute("const i = document.querySelector('[data-testid=turn-input]'); i.value = '';", json!([]));
    app.keys("；あｒ");
    app.keys(TAB);
    app.wait_text("save-status", |t| t.contains("半角英数字"));
    // Esc closes 出欠 and gives the box back.
    app.execute("const i = document.querySelector('[data-testid=turn-input]'); i.value = '';", json!([]));
    app.keys(F6);
    support::wait_for("the panel", || app.active_testid().starts_with("live-attendance-"));
    app.keys(ESCAPE);
    support::wait_for("the box", || app.active_testid() == "turn-input");
    assert_eq!(
        app.execute("return document.querySelector('[data-testid=attendance-panel]').hidden", json!([])),
        json!(true)
    );
    app.quit();
}

/// Words the store refuses (a tab pasted into them) stay in the box with its message, and what was
/// to follow them waits: F7 opens no count after them, and 閉会 leaves the meeting open to take
/// them — the count or the close must never go into the record before words said earlier.
#[test]
fn refused_words_hold_back_the_count_and_the_close() {
    let _turn = one_at_a_time();
    let data = DataDir::new("keys-refused-before-vote");
    let id = opened_on_an_item(&data);
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.focus_testid("turn-input");
    app.keys(&format!("{ALT}3{ALT}")); // 委員: words before the vote, not a call for it
    app.wait_text("current-speaker", |t| t == "委員");
    let pasted = "資料の\t三ページのとおりです。";
    app.execute(
        "const box = document.querySelector('[data-testid=turn-input]');
         box.value = arguments[0];
         box.dispatchEvent(new Event('input', { bubbles: true }));",
        json!([pasted]),
    );
    app.keys(F7);
    app.wait_text("save-status", |t| t.contains("タブ"));
    assert!(app.try_find("[data-testid=vote-for]").is_none(), "no count opens after refused words");
    assert_eq!(app.value(&app.by_testid("turn-input")), pasted, "the words are back in the box");
    app.click_testid("close-meeting");
    app.click_testid("confirm-close");
    support::wait_for("the close button back", || app.try_find("[data-testid=close-meeting]").is_some());
    assert_eq!(app.value(&app.by_testid("turn-input")), pasted, "the words still in the box");
    app.quit();
    let store = open_store(data.path());
    let m = store.meeting(id).unwrap();
    assert_eq!(m.status.as_str(), "in_session", "the meeting stays open to take the words");
    assert!(store.transcript(id).unwrap().is_empty(), "nothing went into the record");
    assert!(m.votes.is_empty(), "no vote was recorded");
}

/// A meeting held without a 会議次第 (a council's first meeting, opened before its agenda was
/// written): a turn is corrected as in any other (the editor has no item to choose, and sent item
/// 0: every correction was refused with 「この会議の議題を選んでください。」).
#[test]
fn a_turn_of_a_meeting_without_an_agenda_is_corrected() {
    let _turn = one_at_a_time();
    let data = DataDir::new("keys-no-agenda");
    let (id, turn) = {
        let mut store = Store::open(data.path()).unwrap();
        let council = store.create_council("景観審議会", "12").unwrap();
        store.add_member(council.id, "山田　一郎", "chair").unwrap();
        let m = store.create_meeting(council.id, now().date()).unwrap();
        store.open_meeting(m.id, now()).unwrap();
        (m.id, store.add_turn(m.id, "member", "2月14日に確認しました。", now()).unwrap().id)
    };
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.focus_testid("turn-input");
    app.keys(&format!("{ALT}{ARROW_UP}{ALT}"));
    app.keys(ENTER);
    let editor = app.by_testid(&format!("edit-text-{turn}"));
    app.execute_on(&editor, "arguments[0].focus(); arguments[0].setSelectionRange(0, arguments[0].value.length)");
    app.keys("2月15日に確認しました。");
    app.keys(&format!("{CONTROL}{ENTER}{CONTROL}"));
    app.wait_text("save-status", |t| t.starts_with("保存しました"));
    app.quit();
    let texts: Vec<String> = open_store(data.path()).transcript(id).unwrap().into_iter().map(|t| t.text).collect();
    assert_eq!(texts, vec!["2月15日に確認しました。".to_string()]);
}

/// A meeting left open for days (a laptop closed on it, opened again at the next session) shows
/// its elapsed time in days, not as a count of hours nobody reads at a glance (「経過 74:05:00」).
#[test]
fn a_meeting_left_open_for_days_counts_its_time_in_days() {
    let _turn = one_at_a_time();
    let data = DataDir::new("keys-open-for-days");
    let recess = {
        let mut store = Store::open(data.path()).unwrap();
        let m = store.load_sample().unwrap();
        let opened = now() - chrono::Duration::minutes(3 * 24 * 60 + 2 * 60 + 5);
        store.open_meeting(m.id, opened).unwrap();
        // A recess begun then and never ended: the banner says on which day.
        store.start_recess(m.id, opened + chrono::Duration::minutes(30)).unwrap();
        opened + chrono::Duration::minutes(30)
    };
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.by_testid("turn-input");
    app.wait_text("elapsed", |t| t.starts_with("3日 2:0"));
    // The reminders missed meanwhile are one banner, and its count is not in hours either.
    app.wait_text("ventilation-banner", |t| t.contains("換気の時間です") && t.contains("回分"));
    let year = if recess.year() == now().year() { String::new() } else { format!("{}年", recess.year()) };
    // The next reminder as soon as the banner is up: after the one just shown, not days ago.
    let next = app.testid_text("next-ventilation");
    assert!(!next.contains(&recess.format("%-m月%-d日").to_string()), "{next}");
    let since = format!("休憩中（{year}{}から）", recess.format("%-m月%-d日 %H:%M"));
    let banner = app.testid_text("recess-banner");
    assert!(banner.starts_with(&since), "{banner} (not {since})");
    // The list of recesses and the time it opened say the day too (「04:32〜04:34」 read as two
    // minutes for a recess over a night).
    let day = recess.format("%-m月%-d日").to_string();
    let list = app.testid_text("recess-list");
    assert!(list.contains(&format!("{day} {}〜", recess.format("%H:%M"))), "{list}");
    let head = app.execute("return document.querySelector('.live-title .note').textContent", json!([]));
    assert!(head.as_str().unwrap_or_default().contains(&day), "{head}");
    app.set_window_size(1024, 768);
    std::thread::sleep(std::time::Duration::from_millis(300));
    app.screenshot(&shot_path("25-open-for-days-1024"));
    app.quit();
}
