//! The live meeting in the core: what the secretary does during three hours, with time given by
//! the test so that durations and reminders are exact.

mod common;

use common::{at, fix, opened};
use shoki_core::model::{MeetingStatus, Speaker, Turn, TurnKind, TurnState};
use shoki_core::store::MeetingField;
use shoki_core::Store;

#[test]
fn nothing_is_recorded_before_the_opening() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    let err = store.add_turn(m.id, "chair", "それでは", at("13:59:00")).unwrap_err();
    assert!(err.to_string().contains("開会"), "{err}");
    let opened = store.open_meeting(m.id, at("14:00:00")).unwrap();
    assert_eq!(opened.status, MeetingStatus::InSession);
    assert_eq!(opened.opened_at.as_deref(), Some("2021-12-13T14:00:00"));
    assert_eq!(opened.current_entry_id, Some(opened.agenda[0].id), "会長あいさつ is current");
    assert_eq!((opened.present, opened.quorum_met), (20, true));
}

/// The meeting's Ctrl+F leaves deleted turns out, as the archive's search does; restored, a turn
/// is found again.
#[test]
fn a_deleted_turn_is_not_found() {
    let (mut store, id) = opened();
    let kept = store.add_turn(id, "chair", "換気をお願いします。", at("14:10:00")).unwrap().id;
    let gone = store.add_turn(id, "member", "換気の時間ですね。", at("14:11:00")).unwrap().id;
    assert_eq!(store.search_turns(id, "換気").unwrap(), vec![kept, gone]);
    store.delete_turn(gone, at("14:12:00")).unwrap();
    assert_eq!(store.search_turns(id, "換気").unwrap(), vec![kept]);
    let found: Vec<i64> = store.turns_found(id, "換気").unwrap().iter().map(|f| f.turn_id).collect();
    assert_eq!(found, vec![kept]);
    store.restore_turn(gone, at("14:13:00")).unwrap();
    assert_eq!(store.search_turns(id, "換気").unwrap(), vec![kept, gone]);
}

/// A clock set back while a turn was typed (corrected after it ran ahead): the turn begins when it
/// was committed, never after it ended.
#[test]
fn a_turn_never_begins_after_it_ends() {
    let (mut store, id) = opened();
    store.save_draft(id, "chair", "換気をお願いします", at("15:30:00")).unwrap();
    let turn = store.add_turn(id, "chair", "換気をお願いします。", at("14:10:00")).unwrap();
    assert_eq!(
        (turn.started_at.as_str(), turn.ended_at.as_deref()),
        ("2021-12-13T14:10:00", Some("2021-12-13T14:10:00"))
    );
}

#[test]
fn a_turn_is_committed_under_the_current_item_and_clears_the_draft() {
    let (mut store, id) = opened();
    store.save_draft(id, "chair", "それでは、定刻になりましたので", at("14:00:05")).unwrap();
    store.save_draft(id, "chair", "それでは、定刻になりましたので、ただいまより", at("14:00:09")).unwrap();
    let draft = store.draft(id).unwrap().unwrap();
    assert_eq!(draft.started_at, "2021-12-13T14:00:05", "a turn begins at its first keystroke");
    let turn = store
        .add_turn(id, "chair", "それでは、定刻になりましたので、ただいまより開催いたします。\n\n", at("14:00:20"))
        .unwrap();
    assert_eq!(
        turn.text, "それでは、定刻になりましたので、ただいまより開催いたします。",
        "trailing newlines are not part of the words"
    );
    assert_eq!(turn.speaker_label, "会長");
    assert_eq!(turn.started_at, "2021-12-13T14:00:05");
    assert_eq!(turn.ended_at.as_deref(), Some("2021-12-13T14:00:20"));
    assert!(store.draft(id).unwrap().is_none(), "the draft went into the turn");
    let m = store.meeting(id).unwrap();
    assert_eq!(turn.agenda_entry_id, Some(m.agenda[0].id));
    let official = store.add_turn(id, "official", "本日、席上に、\n1枚お示しを", at("14:01:00")).unwrap();
    assert_eq!(official.speaker_label, "区側", "officials are labelled as the council writes them");
    assert_eq!(official.text, "本日、席上に、\n1枚お示しを", "paragraphs are kept");
    for bad in ["", "   \n", "a\tb"] {
        assert!(store.add_turn(id, "member", bad, at("14:02:00")).is_err(), "{bad:?}");
    }
    assert!(store.add_turn(id, "secretary", "x", at("14:02:00")).is_err(), "an unknown speaker is refused");
    assert_eq!(store.transcript(id).unwrap().len(), 2);
}

#[test]
fn an_explanation_is_timed_until_the_next_turn_begins() {
    let (mut store, id) = opened();
    let note = store.add_note(id, "official", "（資料により説明）", true, at("14:21:40")).unwrap();
    assert_eq!(note.kind, TurnKind::Note);
    assert_eq!(note.minutes, None, "still running");
    // The chair starts speaking 7 min 50 s later; the secretary's first keystroke stops the clock.
    store.save_draft(id, "chair", "ありがとうございました。", at("14:29:30")).unwrap();
    store.add_turn(id, "chair", "ありがとうございました。", at("14:29:40")).unwrap();
    let note = store.turn(note.id).unwrap();
    assert_eq!(note.minutes, Some(8), "（約8分）, measured and rounded");
    let plain = store.add_note(id, "none", "賛成者挙手", false, at("14:30:00")).unwrap();
    assert_eq!(plain.text, "（賛成者挙手）", "free text is put in full-width parentheses");
    assert_eq!(plain.speaker, Speaker::None);
    assert_eq!(plain.minutes, None);
}

#[test]
fn the_agenda_advances_through_the_nine_entries_with_times() {
    let (mut store, id) = opened();
    let mut m = store.meeting(id).unwrap();
    let leaves = m.leaves();
    assert_eq!(leaves.len(), 9);
    for (i, expected) in leaves.iter().enumerate().skip(1) {
        m = store.advance_agenda(id, at(&format!("{:02}:00:00", 14 + i / 4))).unwrap();
        assert_eq!(m.current_entry_id, Some(*expected));
    }
    let err = store.advance_agenda(id, at("16:59:00")).unwrap_err();
    assert!(err.to_string().contains("最後の議題"), "{err}");
    assert!(m.agenda[1].items[0].finished_at.is_some(), "an item left behind is finished");
    let back = store.jump_agenda(id, leaves[3], at("16:59:30")).unwrap();
    assert_eq!(back.current_entry_id, Some(leaves[3]));
    assert!(
        store.jump_agenda(id, m.agenda[1].id, at("16:59:40")).is_err(),
        "a section with items holds no turns itself"
    );
    let closed = store.close_meeting(id, at("17:00:00")).unwrap();
    assert_eq!(closed.status, MeetingStatus::Closed);
    assert_eq!(closed.closed_at.as_deref(), Some("2021-12-13T17:00:00"));
    assert!(store.add_turn(id, "chair", "x", at("17:01:00")).is_err(), "nothing is added after 閉会");
}

#[test]
fn corrections_keep_every_earlier_version() {
    let (mut store, id) = opened();
    let t = store.add_turn(id, "member", "ちょっと質問よろしいですか。", at("14:05:00")).unwrap();
    let m = store.meeting(id).unwrap();
    let edited = store
        .edit_turn(t.id, "vice_chair", "ちょっと質問、よろしいですか。", Some(m.leaves()[1]), at("14:06:00"))
        .unwrap();
    assert_eq!(edited.speaker_label, "副会長");
    assert_eq!(edited.agenda_entry_id, Some(m.leaves()[1]));
    store.delete_turn(t.id, at("14:07:00")).unwrap();
    assert!(store.turn(t.id).unwrap().deleted);
    let restored = store.restore_turn(t.id, at("14:08:00")).unwrap();
    assert!(!restored.deleted);
    let versions = store.turn_versions(t.id).unwrap();
    assert_eq!(versions.iter().map(|v| v.action.as_str()).collect::<Vec<_>>(), ["edit", "delete", "restore"]);
    assert_eq!(versions[0].text, "ちょっと質問よろしいですか。", "the original words are kept");
    assert_eq!(versions[0].speaker, Speaker::Member);

    let long = store.add_turn(id, "official", "前半の説明です。後半の説明です。", at("14:09:00")).unwrap();
    let after = store.add_turn(id, "chair", "ありがとうございました。", at("14:10:00")).unwrap();
    let parts = store.split_turn(long.id, 8, at("14:11:00")).unwrap();
    assert_eq!((parts[0].text.as_str(), parts[1].text.as_str()), ("前半の説明です。", "後半の説明です。"));
    let order: Vec<i64> = store.transcript(id).unwrap().iter().map(|t| t.id).collect();
    assert_eq!(order[1..], [long.id, parts[1].id, after.id], "the second half sits right after the first");
    let merged = store.merge_with_next(long.id, at("14:12:00")).unwrap();
    assert_eq!(merged[0].text, "前半の説明です。\n後半の説明です。");
    assert!(merged[1].deleted, "the merged turn is deleted recoverably");
}

fn state_of(t: &Turn) -> TurnState {
    TurnState {
        id: t.id,
        speaker: t.speaker.as_str().to_string(),
        text: t.text.clone(),
        agenda_entry_id: t.agenda_entry_id,
        ended_at: t.ended_at.clone(),
        deleted: t.deleted,
        who: t.member_id.or(t.official_id),
    }
}

/// Ctrl+Z after a split or a merge puts the words back exactly, in one step, and keeps the
/// corrected versions too.
#[test]
fn a_split_and_a_merge_are_taken_back_exactly() {
    let (mut store, id) = opened();
    let before = store.add_turn(id, "official", "前半の説明です。後半の説明です。", at("14:09:00")).unwrap();
    let next = store.add_turn(id, "chair", "ありがとうございました。", at("14:10:00")).unwrap();
    let parts = store.split_turn(before.id, 6, at("14:11:00")).unwrap();
    let second = TurnState { deleted: true, ..state_of(&parts[1]) };
    store.revert_turns(&[state_of(&before), second], at("14:12:00")).unwrap();
    let live: Vec<(i64, String)> =
        store.transcript(id).unwrap().into_iter().filter(|t| !t.deleted).map(|t| (t.id, t.text)).collect();
    assert_eq!(live, [(before.id, before.text.clone()), (next.id, next.text.clone())], "mid-sentence split undone");
    assert_eq!(
        store.turn_versions(before.id).unwrap().iter().map(|v| v.text.as_str()).collect::<Vec<_>>(),
        ["前半の説明です。後半の説明です。", "前半の説明で"],
        "the split version is kept"
    );

    let kept = store.turn(before.id).unwrap();
    let gone = store.turn(next.id).unwrap();
    store.merge_with_next(kept.id, at("14:13:00")).unwrap();
    let back = store.revert_turns(&[state_of(&kept), state_of(&gone)], at("14:14:00")).unwrap();
    assert_eq!(back[0], kept.clone(), "the first is as before the merge, end time included");
    assert_eq!(back[1], gone, "the second is back and no longer deleted");

    // An edit that makes a member's turn the officials' loses who it was; Ctrl+Z brings it back.
    let m = store.meeting(id).unwrap();
    let okada = m.attendance[2].member_id;
    let asked = store.add_turn_by(id, "member", Some(okada), "質問です。", at("14:14:30")).unwrap();
    store.edit_turn(asked.id, "official", "質問です。", asked.agenda_entry_id, at("14:14:40")).unwrap();
    assert_eq!(store.turn(asked.id).unwrap().who, None);
    let back = store.revert_turns(&[state_of(&asked)], at("14:14:50")).unwrap();
    assert_eq!(back[0], asked, "the member is back with the turn");

    // A bad state changes nothing: the whole step is refused.
    let bad = TurnState { text: " ".into(), ..state_of(&gone) };
    let err = store.revert_turns(&[TurnState { deleted: true, ..state_of(&kept) }, bad], at("14:15:00")).unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT");
    assert!(!store.turn(kept.id).unwrap().deleted, "nothing written");
}

#[test]
fn ventilation_falls_due_every_interval_from_the_opening() {
    let (mut store, id) = opened();
    let m = store.meeting(id).unwrap();
    assert_eq!(m.next_reminder_at.as_deref(), Some("2021-12-13T15:00:00"));
    let early = store.fire_reminder(id, at("14:59:59")).unwrap();
    assert!(early.reminders.is_empty(), "not before it is due");
    let fired = store.fire_reminder(id, at("15:00:01")).unwrap();
    assert_eq!(fired.reminders.len(), 1);
    assert_eq!(fired.next_reminder_at.as_deref(), Some("2021-12-13T16:00:00"));
    let again = store.fire_reminder(id, at("15:00:02")).unwrap();
    assert_eq!(again.reminders.len(), 1, "firing twice does not record twice");
    let acked = store.acknowledge_reminder(fired.reminders[0].id, at("15:00:40")).unwrap();
    assert_eq!(acked.reminders[0].acknowledged_at.as_deref(), Some("2021-12-13T15:00:40"));
}

#[test]
fn leaving_members_are_timed_and_the_quorum_follows() {
    let (mut store, id) = opened();
    let m = store.meeting(id).unwrap();
    let mut last = m.clone();
    for a in m.attendance.iter().take(9) {
        last = store.record_attendance(id, a.member_id, "left", at("15:30:00")).unwrap();
    }
    assert_eq!((last.present, last.quorum_met), (11, true), "11 of 21 is still a quorum");
    let lost = store.record_attendance(id, m.attendance[9].member_id, "left", at("15:31:00")).unwrap();
    assert_eq!((lost.present, lost.quorum_met), (10, false), "10 is not");
    let back = store.record_attendance(id, m.attendance[9].member_id, "online", at("15:40:00")).unwrap();
    assert!(back.quorum_met, "an online member counts as present");
    let member = m.attendance[9].member_id;
    let now = back.attendance.iter().find(|a| a.member_id == member).unwrap();
    assert_eq!(now.arrived_at.as_deref(), Some("2021-12-13T15:40:00"), "the return is timed");
    assert_eq!(now.left_at, None, "a return ends the departure: arrival never after departure");
    let history = store.attendance_versions(id, member).unwrap();
    let left = history.last().unwrap();
    assert_eq!(left.left_at.as_deref(), Some("2021-12-13T15:31:00"), "the departure is kept");

    // A departure before the recorded arrival is refused; times are corrected with a reason.
    let err = store.record_attendance(id, member, "left", at("15:35:00")).unwrap_err();
    assert!(err.to_string().contains("到着の時刻より前"), "{err}");
    assert!(
        store.correct_attendance(id, member, &fix("online", "15:45", "", ""), at("16:00:00")).is_err(),
        "a reason is needed"
    );
    let err =
        store.correct_attendance(id, member, &fix("online", "15:45", "15:41", "記録漏れ"), at("16:00:00")).unwrap_err();
    assert!(err.to_string().contains("退席の時刻"), "{err}");
    let err =
        store.correct_attendance(id, member, &fix("online", "13:00", "", "記録漏れ"), at("16:00:00")).unwrap_err();
    assert!(err.to_string().contains("会議の時間内"), "before the opening: {err}");
    let err =
        store.correct_attendance(id, member, &fix("online", "16:30", "", "記録漏れ"), at("16:00:00")).unwrap_err();
    assert!(err.to_string().contains("会議の時間内"), "in the future: {err}");
    let fixed = store
        .correct_attendance(id, member, &fix("online", "１５：３８", "", "委員の申し出により"), at("16:00:00"))
        .unwrap();
    let now = fixed.attendance.iter().find(|a| a.member_id == member).unwrap();
    assert_eq!(now.arrived_at.as_deref(), Some("2021-12-13T15:38:00"), "full-width digits, as an IME gives");
    let history = store.attendance_versions(id, member).unwrap();
    assert_eq!(history.last().unwrap().reason.as_deref(), Some("委員の申し出により"));
    assert_eq!(history.last().unwrap().arrived_at.as_deref(), Some("2021-12-13T15:40:00"), "the time before");
}

#[test]
fn phrases_fill_in_the_current_item() {
    let (mut store, id) = opened();
    let m = store.meeting(id).unwrap();
    store.jump_agenda(id, m.agenda[1].items[2].id, at("15:01:00")).unwrap();
    let phrases = store.phrases(id).unwrap();
    let zk = phrases.iter().find(|p| p.key == "zk").unwrap();
    assert!(
        zk.expanded.starts_with("続きまして、諮問事項（3）国の行政機関"),
        "the reference's announcement of 諮問事項(3): {}",
        zk.expanded
    );
    let notes: Vec<&str> = phrases.iter().filter(|p| p.kind == "note").map(|p| p.text.as_str()).collect();
    assert_eq!(notes[0], "（資料により説明）");
    let more = store.add_phrase(id, "phrase", "kt", "換気のため、窓を開けてください。").unwrap();
    assert_eq!(more.len(), phrases.len() + 1);
    assert!(store.add_phrase(id, "phrase", "kt", "重複").is_err(), "keys are unique");
    assert!(store.add_phrase(id, "phrase", "あ", "x").is_err());
}

/// 会議一覧's search: every meeting, the newest first, deleted turns left out, an excerpt as typed.
#[test]
fn words_are_found_in_every_meeting_newest_first() {
    let (mut store, first) = opened();
    store.add_turn(first, "official", "次回は２月１４日の予定です。", at("14:05:00")).unwrap();
    let gone = store.add_turn(first, "member", "2月14日は都合が悪いです。", at("14:06:00")).unwrap();
    store.delete_turn(gone.id, at("14:07:00")).unwrap();
    let second = store.duplicate_meeting(first).unwrap().id;
    store.update_meeting(second, MeetingField::HeldOn, "2022-02-14", at("10:00:00")).unwrap();
    store.open_meeting(second, at("14:00:00")).unwrap();
    let opening = store.add_turn(second, "chair", "2月14日の審議会を開会します。", at("14:01:00")).unwrap();

    let ask = |q: &str| shoki_core::search::ArchiveQuery { query: q.into(), ..Default::default() };
    let found = store.search_archive(&ask("2月14日")).unwrap().found;
    let meetings: Vec<i64> = found.iter().map(|f| f.meeting_id).collect();
    assert_eq!(meetings, [second, first], "the newest meeting first; the deleted turn left out");
    assert_eq!((found[0].turn_id, found[0].speaker_label.as_str()), (Some(opening.id), "会長"));
    assert_eq!(found[1].excerpt, "次回は２月１４日の予定です。", "as typed, full-width digits and all");
    assert!(store.search_archive(&ask("　")).is_err(), "nothing to find is said");
}

/// A turn another tool wrote with a character Shoki refuses in typing (a tab) is still deleted
/// and put back, by 元に戻す and by Ctrl+Z: words the record has held go back as they were.
/// New words through the same door are checked as typing is.
#[test]
fn words_the_record_held_go_back_unchecked_new_words_are_checked() {
    let dir = common::TempDir::new("held-words");
    let mut store = Store::open(dir.path()).unwrap();
    let m = store.load_sample().unwrap();
    store.open_meeting(m.id, at("14:00:00")).unwrap();
    let turn = store.add_turn(m.id, "member", "確認です。", at("14:05:00")).unwrap();
    let raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
    raw.execute("UPDATE turn SET text = '確認\tです。' WHERE id = ?1", [turn.id]).unwrap();
    let odd = store.turn(turn.id).unwrap();
    assert_eq!(odd.text, "確認\tです。");
    let deleted = store.delete_turn(turn.id, at("14:06:00")).unwrap();
    assert!(deleted.deleted);
    assert!(!store.restore_turn(turn.id, at("14:07:00")).unwrap().deleted, "元に戻す");
    store.delete_turn(turn.id, at("14:08:00")).unwrap();
    let back = store.revert_turns(&[state_of(&odd)], at("14:09:00")).unwrap();
    assert_eq!((back[0].deleted, back[0].text.as_str()), (false, "確認\tです。"), "Ctrl+Z");
    let mut new_words = state_of(&odd);
    new_words.text = "新しい\t言葉".into();
    let e = store.revert_turns(&[new_words], at("14:10:00")).unwrap_err();
    assert!(e.to_string().contains("タブ"), "{e}");
}
