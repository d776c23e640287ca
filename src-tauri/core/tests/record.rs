//! The record tells what happened, and final minutes never change: a meeting owns its facts from
//! 開会, whatever is later done to the council; a 確定 meeting refuses every write through every
//! call and in the store itself; words belong to the item they began in; the planned agenda is
//! frozen; any number of splits keeps the order; one damaged row leaves the rest readable.

mod common;

use common::{at, fix, TempDir};
use shoki_core::export::Format;
use shoki_core::model::{MeetingStatus, TurnState};
use shoki_core::store::vote::VoteInput;
use shoki_core::store::{CouncilField, MeetingField};
use shoki_core::Store;

const FORMATS: [Format; 4] = [Format::Docx, Format::Html, Format::Txt, Format::Json];

fn exports(store: &Store, id: i64) -> Vec<Vec<u8>> {
    FORMATS.iter().map(|&f| store.render(id, f).unwrap()).collect()
}

/// The sample meeting recorded (turns, a timed note, a vote with its notes, a late arrival),
/// closed, sent out as 案 and finalised.
fn finalised(store: &mut Store) -> i64 {
    let m = store.load_sample().unwrap();
    let id = m.id;
    store.open_meeting(id, at("14:00:00")).unwrap();
    store.add_turn(id, "chair", "ただいまから審議会を開会いたします。", at("14:00:30")).unwrap();
    store.add_note(id, "official", "（資料により説明）", true, at("14:01:00")).unwrap();
    let who = m.attendance[1].member_id;
    store.add_turn_by(id, "member", Some(who), "質問があります。", at("14:09:00")).unwrap();
    store.record_attendance(id, m.attendance[4].member_id, "left", at("14:20:00")).unwrap();
    let vote = VoteInput { for_count: "18".into(), ..VoteInput::default() };
    store.record_vote(id, &vote, true, at("14:30:00")).unwrap();
    store.advance_agenda(id, at("14:40:00")).unwrap();
    store.add_turn(id, "chair", "続きまして。", at("14:41:00")).unwrap();
    store.close_meeting(id, at("17:00:00")).unwrap();
    store.mark_draft(id, at("17:10:00")).unwrap();
    store.finalize_meeting(id, at("18:00:00")).unwrap();
    id
}

#[test]
fn final_minutes_do_not_change_by_one_byte_whatever_else_is_done() {
    let dir = TempDir::new("final");
    let mut store = Store::open(dir.path()).unwrap();
    let id = finalised(&mut store);
    let before = exports(&store, id);
    let m = store.meeting(id).unwrap();
    let council = m.council.id;
    let turns = store.transcript(id).unwrap();
    let t = &turns[0];
    let member = m.attendance[0].member_id;
    let official = m.officials[0].official_id;
    let later = at("19:00:00");

    // Everything the council's screen can do…
    let edits = [
        (CouncilField::Name, "改称後の審議会"),
        (CouncilField::OfficialLabel, "事務局"),
        (CouncilField::LabelStyle, "name"),
        (CouncilField::CoverAbsent, "true"),
        (CouncilField::Disclosure, "非公開"),
        (CouncilField::Fy2019Style, "reiwa"),
        (CouncilField::Membership, "25"),
        (CouncilField::ChairVotes, "always"),
        (CouncilField::QuorumRule, "half"),
    ];
    for (field, value) in edits {
        store.update_council(council, field, value).unwrap();
    }
    store.add_member(council, "新任", "member").unwrap();
    store.update_member(member, "改姓後", "vice_chair").unwrap();
    store.add_official(council, "新設課長").unwrap();
    store.update_official(official, "改称後の部長").unwrap();
    store.move_official(official, false).unwrap();
    store.move_member(member, false).unwrap();
    store.add_phrase(id, "phrase", "zz", "新しい定型文").unwrap();
    // …and a new meeting of the same council, prepared and opened.
    let next = store.create_meeting(council, chrono::NaiveDate::from_ymd_opt(2022, 1, 17).unwrap()).unwrap();
    store.add_agenda_entry(next.id, None, "議題", later).unwrap();
    store.open_meeting(next.id, at("14:00:00")).unwrap();
    store.add_turn(next.id, "chair", "次の会議です。", at("14:00:10")).unwrap();

    // Every write to the final meeting itself is refused, through every call.
    let entry = m.agenda[1].items[0].id;
    let material = m.materials[0].id;
    let refusals: Vec<(&str, shoki_core::Result<()>)> = vec![
        ("venue", store.update_meeting(id, MeetingField::Venue, "別の会場", at("10:00:00")).map(drop)),
        ("observers", store.update_meeting(id, MeetingField::Observers, "3", at("10:00:00")).map(drop)),
        ("held_on", store.update_meeting(id, MeetingField::HeldOn, "2021-12-14", at("10:00:00")).map(drop)),
        ("attendance", store.set_attendance(id, member, "absent").map(drop)),
        ("attendance live", store.record_attendance(id, member, "left", later).map(drop)),
        (
            "attendance times",
            store.correct_attendance(id, member, &fix("present", "14:05", "", "理由"), later).map(drop),
        ),
        ("official", store.set_official_attending(id, official, false).map(drop)),
        ("material add", store.add_material(id, "追加資料", "on_the_day").map(drop)),
        ("material edit", store.update_material(material, "改題", "advance").map(drop)),
        ("material remove", store.remove_material(material).map(drop)),
        ("material move", store.move_material(material, false).map(drop)),
        ("agenda add", store.add_agenda_entry(id, None, "追加の議題", later).map(drop)),
        ("agenda rename", store.rename_agenda_entry(entry, "改題", later).map(drop)),
        ("agenda remove", store.remove_agenda_entry(entry).map(drop)),
        ("agenda move", store.move_agenda_entry(entry, false).map(drop)),
        ("turn", store.add_turn(id, "chair", "追記", later).map(drop)),
        ("note", store.add_note(id, "none", "（追記）", false, later).map(drop)),
        ("draft", store.save_draft(id, "chair", "下書き", later).map(drop)),
        ("edit", store.edit_turn(t.id, "chair", "書き換え", t.agenda_entry_id, later).map(drop)),
        ("delete", store.delete_turn(t.id, later).map(drop)),
        ("restore", store.restore_turn(t.id, later).map(drop)),
        ("split", store.split_turn(t.id, 3, later).map(drop)),
        ("merge", store.merge_with_next(t.id, later).map(drop)),
        (
            "undo",
            store
                .revert_turns(
                    &[TurnState {
                        id: t.id,
                        speaker: "chair".into(),
                        text: "別の言葉".into(),
                        agenda_entry_id: t.agenda_entry_id,
                        ended_at: t.ended_at.clone(),
                        deleted: false,
                        who: None,
                    }],
                    later,
                )
                .map(drop),
        ),
        ("jump", store.jump_agenda(id, entry, later).map(drop)),
        ("vote", store.record_vote(id, &VoteInput::default(), true, later).map(drop)),
        ("vote edit", store.update_vote(m.votes[0].id, &VoteInput::default(), later).map(drop)),
        ("vote delete", store.delete_vote(m.votes[0].id, later).map(drop)),
        ("close", store.close_meeting(id, later).map(drop)),
        ("open", store.open_meeting(id, later).map(drop)),
        ("draft status", store.mark_draft(id, later).map(drop)),
        ("delete meeting", store.delete_meeting(id)),
    ];
    for (what, result) in refusals {
        assert!(result.is_err(), "{what} changed a final meeting");
    }
    // A reminder falls due only in session: asked for, nothing is recorded.
    store.fire_reminder(id, at("23:00:00")).unwrap();
    assert_eq!(store.meeting(id).unwrap().status, MeetingStatus::Final);
    assert!(exports(&store, id) == before, "the final minutes changed by an edit elsewhere");

    // The store itself refuses, whatever the caller: every table the document reads.
    let next = next.id;
    drop(store);
    let raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
    let hostile = [
        format!("UPDATE meeting SET venue = 'x' WHERE id = {id}"),
        format!("DELETE FROM meeting WHERE id = {id}"),
        format!("UPDATE turn SET text = 'x' WHERE meeting_id = {id}"),
        format!("DELETE FROM turn WHERE meeting_id = {id}"),
        format!("INSERT INTO material (meeting_id, title, position) VALUES ({id}, 'x', 9)"),
        format!("DELETE FROM material WHERE meeting_id = {id}"),
        format!("DELETE FROM meeting_official WHERE meeting_id = {id}"),
        format!("INSERT INTO meeting_official VALUES ({id}, 999)"),
        format!("UPDATE attendance SET status = 'absent' WHERE meeting_id = {id}"),
        format!("DELETE FROM attendance WHERE meeting_id = {id}"),
        format!("UPDATE agenda_entry SET title = 'x' WHERE meeting_id = {id}"),
        format!("DELETE FROM vote WHERE meeting_id = {id}"),
        format!("UPDATE vote SET for_count = 1 WHERE meeting_id = {id}"),
        format!(
            "INSERT INTO turn_version (turn_id, speaker, text, replaced_at, action)
             SELECT id, speaker, 'x', '', 'edit' FROM turn WHERE meeting_id = {id}"
        ),
        format!(
            "INSERT INTO draft (meeting_id, speaker, text, started_at, saved_at) VALUES ({id}, 'chair', 'x', '', '')"
        ),
        format!("INSERT INTO reminder (meeting_id, due_at, fired_at) VALUES ({id}, '', '')"),
        // Leaving final changes nothing but the status, and only after the reopening is recorded.
        format!("UPDATE meeting SET venue = 'x', status = 'closed' WHERE id = {id}"),
        format!("UPDATE meeting SET status = 'closed' WHERE id = {id}"),
        format!("INSERT INTO status_change (meeting_id, from_status, to_status, changed_at) VALUES ({id}, 'draft', 'final', '')"),
        format!("DELETE FROM status_change WHERE meeting_id = {id}"),
        format!("UPDATE status_change SET reason = 'x' WHERE meeting_id = {id}"),
        // REPLACE deletes what it replaces, which on another tool's connection fires no DELETE trigger.
        format!("REPLACE INTO turn (id, meeting_id, position, kind, speaker, text, started_at) VALUES ({}, {next}, 1, 'speech', 'chair', 'x', '')", t.id),
        format!("REPLACE INTO meeting (id, council_id, fiscal_year, ordinal, held_on, planned_start, planned_end, status) VALUES ({id}, {council}, 2021, 99, '2021-12-13', '14:00', '17:00', 'final')"),
        format!("REPLACE INTO vote SELECT * FROM vote WHERE meeting_id = {id}"),
    ];
    for sql in &hostile {
        let err = raw.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("SHOKI_FINAL"), "{sql}: {err}");
    }
    // Another tool's connection (recursive triggers off, as python's sqlite3 and the sqlite3
    // shell leave them): REPLACE through the meeting's place, renumbered rows, a changed id.
    let plain = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
    plain.pragma_update(None, "recursive_triggers", false).unwrap();
    let replacing = [
        format!(
            "INSERT OR REPLACE INTO meeting (council_id, fiscal_year, ordinal, held_on, planned_start, planned_end)
             SELECT council_id, fiscal_year, ordinal, held_on, planned_start, planned_end FROM meeting WHERE id = {id}"
        ),
        format!(
            "UPDATE OR REPLACE meeting SET fiscal_year = (SELECT fiscal_year FROM meeting WHERE id = {id}),
             ordinal = (SELECT ordinal FROM meeting WHERE id = {id}) WHERE id = {next}"
        ),
        format!("UPDATE OR REPLACE turn SET id = (SELECT min(id) FROM turn WHERE meeting_id = {id}) WHERE meeting_id = {next}"),
        format!("UPDATE OR REPLACE meeting SET id = {id} WHERE id = {next}"),
        format!(
            "INSERT INTO status_change (meeting_id, from_status, to_status, reason, changed_at) VALUES ({id}, 'final', 'draft', 'いたずら', '')"
        ),
        // Leaving final: only for 案, only with a reason a reader can see.
        format!("UPDATE meeting SET status = 'draft', reopen_reason = '　', reopened_at = 'x' WHERE id = {id}"),
        format!("UPDATE meeting SET status = 'zzz', reopen_reason = '理由', reopened_at = 'x' WHERE id = {id}"),
        format!("UPDATE meeting SET status = 'draft' WHERE id = {id}"),
    ];
    for sql in &replacing {
        let err = plain.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("SHOKI_FINAL"), "{sql}: {err}");
    }
    drop(plain);
    // Reopening with a reason is the one way out (tried, then rolled back): the store records it.
    raw.execute("SAVEPOINT s", []).unwrap();
    raw.execute(
        &format!(
            "UPDATE meeting SET status = 'draft', reopen_reason = '誤字の訂正', reopened_at = 'x' WHERE id = {id}"
        ),
        [],
    )
    .unwrap();
    let recorded: i64 = raw
        .query_row(
            &format!("SELECT count(*) FROM status_change WHERE meeting_id = {id} AND reason = '誤字の訂正'"),
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(recorded, 1, "the reopening is in the history");
    raw.execute("ROLLBACK TO s", []).unwrap();
    raw.execute("RELEASE s", []).unwrap();
    drop(raw);
    let store = Store::open(dir.path()).unwrap();
    assert!(exports(&store, id) == before, "byte-identical after a restart too");
}

#[test]
fn roster_and_council_edits_reach_only_meetings_still_prepared() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    let council = m.council.id;
    store.open_meeting(m.id, at("14:00:00")).unwrap();
    store.close_meeting(m.id, at("17:00:00")).unwrap();
    let closed = store.meeting(m.id).unwrap();
    let text = store.render(m.id, Format::Txt).unwrap();
    let later = store.create_meeting(council, chrono::NaiveDate::from_ymd_opt(2022, 1, 17).unwrap()).unwrap();

    store.add_member(council, "新任", "member").unwrap();
    store.update_member(m.attendance[3].member_id, "改姓後", "member").unwrap();
    store.update_council(council, CouncilField::Name, "改称後の審議会").unwrap();

    let after = store.meeting(m.id).unwrap();
    assert_eq!(after, closed, "a closed meeting keeps its people, count and name");
    assert_eq!(store.render(m.id, Format::Txt).unwrap(), text);
    assert!(store
        .meetings()
        .unwrap()
        .iter()
        .any(|s| s.id == m.id && s.title.ends_with("情報公開・個人情報保護審議会")));
    let prepared = store.meeting(later.id).unwrap();
    assert_eq!(prepared.attendance.len(), closed.attendance.len() + 1, "a prepared meeting follows the roster");
    assert!(prepared.title.ends_with("改称後の審議会"));
    assert!(prepared.attendance.iter().any(|a| a.name == "改姓後"));
    assert_eq!(
        store.set_attendance(m.id, prepared.attendance.last().unwrap().member_id, "present").unwrap_err().code(),
        "NOT_FOUND",
        "a member who joined later was not at the meeting"
    );
}

#[test]
fn words_belong_to_the_item_they_began_in() {
    let (mut store, id) = common::opened();
    let first = store.meeting(id).unwrap().current_entry_id;
    // The chair's closing words of the first item are typed; F8 comes before Enter.
    store.save_draft(id, "chair", "以上で、", at("14:10:00")).unwrap();
    let moved = store.advance_agenda(id, at("14:10:02")).unwrap();
    assert_ne!(moved.current_entry_id, first);
    store.save_draft(id, "chair", "以上で、会長あいさつを終わります。", at("14:10:03")).unwrap();
    assert_eq!(store.draft(id).unwrap().unwrap().agenda_entry_id, first, "the draft knows where it began");
    let t = store.add_turn(id, "chair", "以上で、会長あいさつを終わります。", at("14:10:05")).unwrap();
    assert_eq!(t.agenda_entry_id, first, "filed under the item it began in");
    assert_eq!(store.turn(t.id).unwrap().agenda_entry_id, first);
    let next = store.add_turn(id, "official", "説明いたします。", at("14:11:00")).unwrap();
    assert_eq!(next.agenda_entry_id, moved.current_entry_id, "a turn begun after F8 goes under the new item");
}

#[test]
fn the_planned_agenda_is_frozen_and_the_record_follows_the_order_taken() {
    let (mut store, id) = common::opened();
    let m = store.meeting(id).unwrap();
    let consult = &m.agenda[1];
    let (one, three) = (consult.items[0].id, consult.items[2].id);
    assert!(store.move_agenda_entry(consult.items[4].id, true).is_err(), "no reorder after 開会");
    assert!(store.remove_agenda_entry(m.agenda[3].id).is_err(), "no removal of a planned section");
    let before_numbers: Vec<i64> = consult.items.iter().map(|i| i.number).collect();

    // Taken out of order: (3) before (1).
    store.jump_agenda(id, three, at("14:20:00")).unwrap();
    store.add_turn(id, "chair", "諮問事項（3）から始めます。", at("14:20:10")).unwrap();
    store.jump_agenda(id, one, at("14:40:00")).unwrap();
    store.add_turn(id, "chair", "次に諮問事項（1）です。", at("14:40:10")).unwrap();
    // An item added during the meeting (追加) is numbered after the planned ones.
    let added = store.add_agenda_entry(id, Some(consult.id), "緊急の報告について", at("14:50:00")).unwrap();
    let extra = added.agenda[1].items.last().unwrap();
    assert_eq!((extra.number, extra.added_at.is_some()), (6, true));
    assert_eq!(added.agenda[1].items[..5].iter().map(|i| i.number).collect::<Vec<_>>(), before_numbers);
    assert!(store.remove_agenda_entry(extra.id).is_ok(), "an addition not yet taken may be taken back");

    let text = String::from_utf8(store.render(id, Format::Txt).unwrap()).unwrap();
    let at3 = text.find("（3）国の行政機関").expect("item (3) printed with its planned number");
    let at1 = text.rfind("（1）").unwrap();
    assert!(at3 < at1, "the 別紙 follows the order taken: (3) then (1)");
}

#[test]
fn any_number_of_splits_keeps_a_strict_order() {
    let (mut store, id) = common::opened();
    let long: String = (0..80).map(|i| format!("{}。", i % 10)).collect();
    let t = store.add_turn(id, "official", &long, at("14:01:00")).unwrap();
    let after = store.add_turn(id, "member", "次の発言者です。", at("14:02:00")).unwrap();
    // Each time the rest of the turn is split again right after its first sentence.
    let mut rest = t.id;
    for n in 0..70 {
        rest = store.split_turn(rest, 2, at("14:03:00") + chrono::Duration::seconds(n)).unwrap()[1].id;
    }
    let order: Vec<i64> = store.transcript(id).unwrap().iter().map(|t| t.id).collect();
    assert_eq!(order.last(), Some(&after.id), "the next speaker stays after every piece of the split turn");
    let texts: String =
        store.transcript(id).unwrap().iter().filter(|x| x.id != after.id).map(|x| x.text.clone()).collect();
    assert_eq!(texts, long, "the pieces read in order");
}

#[test]
fn no_opening_without_a_chair_when_the_chair_does_not_vote() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    let chair = m.attendance.iter().find(|a| a.role == shoki_core::model::Role::Chair).unwrap();
    store.update_member(chair.member_id, &chair.name, "member").unwrap();
    let err = store.open_meeting(m.id, at("14:00:00")).unwrap_err();
    assert!(err.to_string().contains("会長"), "{err}");
    assert_eq!(store.meeting(m.id).unwrap().status, MeetingStatus::Preparing, "nothing changed");
    store.update_council(m.council.id, CouncilField::ChairVotes, "always").unwrap();
    assert!(store.open_meeting(m.id, at("14:00:00")).is_ok(), "a chair who votes like anyone needs no 会長");
}

#[test]
fn one_damaged_turn_leaves_the_meeting_readable_and_flagged() {
    let dir = TempDir::new("damaged");
    let (id, bad) = {
        let mut store = Store::open(dir.path()).unwrap();
        let m = store.load_sample().unwrap();
        store.open_meeting(m.id, at("14:00:00")).unwrap();
        store.add_turn(m.id, "chair", "開会します。", at("14:00:10")).unwrap();
        let bad = store.add_turn(m.id, "member", "壊れる発言", at("14:01:00")).unwrap();
        store.add_turn(m.id, "official", "お答えします。", at("14:02:00")).unwrap();
        (m.id, bad.id)
    };
    {
        let raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
        raw.execute("UPDATE turn SET text = CAST(X'E5A3CAFF8B' AS TEXT) WHERE id = ?1", [bad]).unwrap();
        let check: String = raw.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok", "SQLite sees nothing wrong: only the bytes of one row");
    }
    let store = Store::open(dir.path()).unwrap();
    let turns = store.transcript(id).unwrap();
    assert_eq!(turns.len(), 3, "the rest of the meeting is read");
    let damaged = turns.iter().find(|t| t.id == bad).unwrap();
    assert!(damaged.damaged && damaged.text.contains('\u{FFFD}'), "shown with replacement marks: {damaged:?}");
    assert!(turns.iter().filter(|t| t.id != bad).all(|t| !t.damaged));
    for format in FORMATS {
        store.render(id, format).unwrap();
    }
}

#[test]
fn a_store_of_the_previous_version_gives_opened_meetings_their_own_council() {
    let dir = TempDir::new("upgrade");
    {
        let mut raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
        shoki_core::store::migrations::migrate_to(&mut raw, 3).unwrap();
        raw.execute_batch(
            "INSERT INTO council (id, name, membership) VALUES (1, '旧審議会', 5);
             INSERT INTO member (id, council_id, name, role, position) VALUES (1, 1, '浅田', 'chair', 1), (2, 1, '植野', 'member', 2);
             INSERT INTO official (id, council_id, title, position) VALUES (1, 1, '課長', 1);
             INSERT INTO meeting (id, council_id, fiscal_year, ordinal, held_on, planned_start, planned_end, status, opened_at)
                 VALUES (1, 1, 2021, 1, '2021-06-01', '10:00', '12:00', 'preparing', '2021-06-01T10:00:00');
             INSERT INTO agenda_entry (id, meeting_id, title, position) VALUES (1, 1, '議題', 1);
             INSERT INTO attendance (meeting_id, member_id) VALUES (1, 1), (1, 2);
             INSERT INTO meeting_official VALUES (1, 1);
             UPDATE meeting SET status = 'final' WHERE id = 1;
             INSERT INTO member (id, council_id, name, role, position) VALUES (3, 1, '後から', 'member', 3);",
        )
        .unwrap();
    }
    let mut store = Store::open(dir.path()).unwrap();
    let m = store.meeting(1).unwrap();
    assert_eq!(m.attendance.len(), 2, "the member added after the meeting was never part of it");
    let before = exports(&store, 1);
    store.update_member(1, "改姓後", "chair").unwrap();
    store.update_council(1, CouncilField::Name, "新審議会").unwrap();
    assert_eq!(exports(&store, 1), before, "the upgraded final meeting owns its facts");
    assert!(store.add_material(1, "x", "advance").is_err(), "and is locked on every table");
}

#[test]
fn corrections_of_an_opened_meeting_are_kept_and_travel_in_its_file() {
    let (mut store, id) = common::opened();
    let m = store.meeting(id).unwrap();
    let member = m.attendance[2].member_id;
    let section = m.agenda[1].id;
    store.save_draft(id, "chair", "書きかけ", at("14:00:30")).unwrap();
    store.add_agenda_entry(id, Some(section), "追加の諮問", at("14:30:00")).unwrap();
    store.rename_agenda_entry(m.agenda[0].id, "会長挨拶", at("14:31:00")).unwrap();
    store.update_meeting(id, MeetingField::Venue, "本館6階大会議室", at("14:32:00")).unwrap();
    store.record_attendance(id, member, "left", at("15:00:00")).unwrap();
    store
        .correct_attendance(id, member, &fix("left", "", "14:55", "退席の時刻を書き違えたため"), at("15:10:00"))
        .unwrap();
    let fixed = store.correct_meeting_person(id, false, member, "岡田（正）", at("15:11:00")).unwrap();
    assert!(fixed.attendance.iter().any(|a| a.name == "岡田（正）"), "the meeting's own spelling");
    assert!(store.council(m.council.id).unwrap().members.iter().all(|x| x.name != "岡田（正）"), "not the roster's");
    assert!(store.correct_meeting_person(id, false, 9999, "誰か", at("15:12:00")).is_err());

    let file = store.meeting_file(id).unwrap();
    assert_eq!(file.meeting_versions, [("venue".to_string(), m.venue.clone(), "2021-12-13T14:32:00".to_string())]);
    assert_eq!(file.agenda_versions.len(), 1, "the title before the correction");
    assert_eq!(file.added_entries.len(), 1, "the addition and when");
    assert_eq!(file.attendance_versions.len(), 2, "the departure and its correction");
    assert!(file.draft_entry.is_some());

    let json = store.render(id, Format::Json).unwrap();
    let mut other = Store::open_in_memory().unwrap();
    let imported = other.import_meeting(&json).unwrap();
    for format in FORMATS {
        assert_eq!(
            other.render(imported, format).unwrap(),
            store.render(id, format).unwrap(),
            "{format:?} after import"
        );
    }
}

#[test]
fn a_deleted_turn_changes_only_by_being_restored() {
    let (mut store, id) = common::opened();
    let gone = store.add_turn(id, "chair", "消す発言", at("14:01:00")).unwrap();
    let next = store.add_turn(id, "member", "残る発言", at("14:02:00")).unwrap();
    store.delete_turn(gone.id, at("14:03:00")).unwrap();
    assert!(store.edit_turn(gone.id, "chair", "書き換え", gone.agenda_entry_id, at("14:04:00")).is_err());
    assert!(store.split_turn(gone.id, 1, at("14:04:00")).is_err(), "a split would bring half of it back");
    assert!(store.merge_with_next(gone.id, at("14:04:00")).is_err(), "a merge would take the next turn out");
    assert!(!store.turn(next.id).unwrap().deleted);
    let live: Vec<String> = store.transcript(id).unwrap().into_iter().filter(|t| !t.deleted).map(|t| t.text).collect();
    assert_eq!(live, ["残る発言"]);
    store.restore_turn(gone.id, at("14:05:00")).unwrap();
    assert!(store.edit_turn(gone.id, "chair", "直した発言", gone.agenda_entry_id, at("14:06:00")).is_ok());
}

#[test]
fn attendance_after_opening_changes_only_with_its_time_or_a_reason() {
    let (mut store, id) = common::opened();
    let member = store.meeting(id).unwrap().attendance[4].member_id;
    let err = store.set_attendance(id, member, "absent").unwrap_err();
    assert!(err.to_string().contains("F6"), "in session the change is timed: {err}");
    store.record_attendance(id, member, "left", at("14:20:00")).unwrap();
    store.close_meeting(id, at("15:00:00")).unwrap();
    let before = store.meeting(id).unwrap();
    assert!(store.set_attendance(id, member, "present").is_err(), "closed: not silently");
    assert!(store.record_attendance(id, member, "present", at("15:10:00")).is_err(), "closed: not timed either");
    let err = store.correct_attendance(id, member, &fix("left", "", "16:30", "記録漏れ"), at("17:00:00")).unwrap_err();
    assert!(err.to_string().contains("会議の時間内"), "after the closing: {err}");
    assert!(
        store.correct_attendance(id, member, &fix("present", "", "14:20", "記録漏れ"), at("17:00:00")).is_err(),
        "退席 time needs 退席"
    );
    assert!(store.correct_attendance(id, member, &fix("absent", "14:05", "", "記録漏れ"), at("17:00:00")).is_err());
    assert_eq!(store.meeting(id).unwrap(), before, "nothing changed by the refusals");
    let fixed =
        store.correct_attendance(id, member, &fix("absent", "", "", "欠席の連絡があったため"), at("17:00:00")).unwrap();
    let a = fixed.attendance.iter().find(|a| a.member_id == member).unwrap();
    assert_eq!((a.status, a.left_at.as_deref()), (shoki_core::model::AttendanceStatus::Absent, None));
    assert_eq!(
        store.attendance_versions(id, member).unwrap().last().unwrap().reason.as_deref(),
        Some("欠席の連絡があったため")
    );
}

#[test]
fn a_damaged_name_or_title_leaves_the_list_and_the_meeting_readable() {
    let dir = TempDir::new("damaged-names");
    let id = {
        let mut store = Store::open(dir.path()).unwrap();
        store.load_sample().unwrap().id
    };
    {
        let raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
        raw.execute("UPDATE member SET name = CAST(X'E5A3FF' AS TEXT) WHERE id = (SELECT min(id) FROM member)", [])
            .unwrap();
        raw.execute("UPDATE meeting SET venue = CAST(X'FF' AS TEXT)", []).unwrap();
        raw.execute(
            "UPDATE agenda_entry SET title = CAST(X'E5FF' AS TEXT) WHERE id = (SELECT min(id) FROM agenda_entry)",
            [],
        )
        .unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.meetings().unwrap().len(), 1, "the list still opens");
    let m = store.meeting(id).unwrap();
    assert!(m.attendance[0].name.contains('\u{FFFD}') && m.venue.contains('\u{FFFD}'));
    for format in FORMATS {
        store.render(id, format).unwrap();
    }
}

#[test]
fn a_void_vote_records_a_count_only_if_it_adds_up_and_one_chair_opens() {
    let (mut store, id) = common::opened();
    store.advance_agenda(id, at("14:10:00")).unwrap();
    let counted =
        VoteInput {
            for_count: "3".into(), void_reason: Some("定足数を欠いたため".into()), ..VoteInput::default()
        };
    assert!(store.record_vote(id, &counted, false, at("14:20:00")).is_err(), "3 of 19 is not a count");
    let uncounted = VoteInput { void_reason: Some("定足数を欠いたため".into()), ..VoteInput::default() };
    assert!(store.record_vote(id, &uncounted, false, at("14:20:00")).is_ok());

    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    let second = &m.attendance[1];
    store.update_member(second.member_id, &second.name, "chair").unwrap();
    let err = store.open_meeting(m.id, at("14:00:00")).unwrap_err();
    assert!(err.to_string().contains("会長が2人"), "{err}");
}

#[test]
fn a_correction_keeps_who_asked_for_it_and_travels_in_the_file() {
    let (mut store, id) = common::opened();
    let t = store.add_turn(id, "member", "2月14日に確認しました。", at("14:01:00")).unwrap();
    store.close_meeting(id, at("17:00:00")).unwrap();
    store.mark_draft(id, at("17:10:00")).unwrap();
    store
        .correct_turn(t.id, "member", "2月15日に確認しました。", t.agenda_entry_id, Some("浅田委員"), at("18:00:00"))
        .unwrap();
    let corrections = store.corrections_since_draft(id).unwrap();
    assert_eq!(corrections[0].requested_by.as_deref(), Some("浅田委員"));
    assert!(store.correct_turn(t.id, "member", "x", t.agenda_entry_id, Some("\u{7}"), at("18:01:00")).is_err());
    let json = store.render(id, Format::Json).unwrap();
    let mut other = Store::open_in_memory().unwrap();
    let imported = other.import_meeting(&json).unwrap();
    assert_eq!(other.corrections_since_draft(imported).unwrap()[0].requested_by.as_deref(), Some("浅田委員"));
    assert_eq!(other.render(imported, Format::Json).unwrap(), json);
}

/// Import is typing: a file whose records typing could not have made is refused, whatever is
/// wrong in it, and nothing is written.
#[test]
fn an_import_refuses_what_typing_could_not_make() {
    use shoki_core::store::transfer::MeetingFile;
    let mut store = Store::open_in_memory().unwrap();
    let id = finalised(&mut store);
    let good: MeetingFile = store.meeting_file(id).unwrap();
    let mut other = Store::open_in_memory().unwrap();
    assert!(other.import_meeting(&serde_json::to_vec(&good).unwrap()).is_ok(), "the file as written imports");
    type Bend = Box<dyn Fn(&mut MeetingFile)>;
    let bends: Vec<(&str, Bend)> = vec![
        ("a result the count does not give", Box::new(|f| f.votes[0].result = "rejected".into())),
        ("a count that does not add up", Box::new(|f| f.votes[0].counts.2 = 3)),
        ("result words of other rules", Box::new(|f| f.votes[0].result_text = "可決".into())),
        ("不成立 without a reason", Box::new(|f| f.votes[0].result = "void".into())),
        ("確定 without its record", Box::new(|f| f.status_changes.clear())),
        ("two 会長", Box::new(|f| f.council.members[1].1 = "chair".into())),
        ("more members than the membership", Box::new(|f| f.council.membership = 5)),
        ("a 年度 of another date", Box::new(|f| f.meeting.fiscal_year = 2019)),
        ("an end before the start", Box::new(|f| f.meeting.planned_end = "13:00".into())),
        ("閉会 before 開会", Box::new(|f| f.meeting.closed_at = Some("2021-12-13T13:00:00".into()))),
        ("a full-width phrase key", Box::new(|f| f.council.phrases[0].1 = "ｚｋ".into())),
        ("a phrase key twice", Box::new(|f| f.council.phrases[1].1 = f.council.phrases[0].1.clone())),
        ("a turn ending before it starts", Box::new(|f| f.turns[0].ended_at = Some("2021-12-13T09:00:00".into()))),
        (
            "the ward's turn by a member",
            Box::new(|f| {
                let t = f.turns.iter_mut().find(|t| t.speaker == "official").unwrap();
                t.member = Some(0);
            }),
        ),
        (
            "a departure before the arrival",
            Box::new(|f| {
                let a = f.attendance.iter_mut().find(|a| a.left_at.is_some()).unwrap();
                a.arrived_at = Some("2021-12-13T16:00:00".into());
            }),
        ),
        ("a moment not as the store writes it", Box::new(|f| f.meeting.closed_at = Some("2021-12-13T9:00:00".into()))),
        ("a turn before the opening", Box::new(|f| f.turns[0].started_at = "2021-12-13T08:00:00".into())),
        ("more present than the roster", Box::new(|f| f.votes[0].counts = (500, 400, 400, 0, 0))),
        (
            "a vote under other rules",
            Box::new(|f| f.votes[0].rules = f.votes[0].rules.replace("present_and_voting", "present")),
        ),
        (
            "a chair's casting vote where the chair never votes",
            Box::new(|f| f.votes[0].chair_cast = Some("for".into())),
        ),
        (
            "a draft in a final meeting",
            Box::new(|f| {
                f.draft = Some(("chair".into(), "x".into(), "2021-12-13T14:00:30".into(), "2021-12-13T14:00:30".into()))
            }),
        ),
        ("attendance for part of the roster", Box::new(|f| f.attendance.truncate(3))),
        (
            "退席 without its time",
            Box::new(|f| {
                let a = f.attendance.iter_mut().find(|a| a.left_at.is_some()).unwrap();
                a.left_at = None;
            }),
        ),
        ("unreadable rules of the meeting", Box::new(|f| f.meeting.rules = Some("not json".into()))),
        (
            "a preparing meeting with turns",
            Box::new(|f| {
                f.meeting.status = "preparing".into();
                f.status_changes.clear();
            }),
        ),
    ];
    for (what, bend) in bends {
        let mut file = good.clone();
        bend(&mut file);
        let before = other.meetings().unwrap().len();
        let err = other.import_meeting(&serde_json::to_vec(&file).unwrap()).err();
        assert!(err.is_some(), "{what}: imported");
        assert_eq!(err.unwrap().code(), "INVALID_INPUT", "{what}");
        assert_eq!(other.meetings().unwrap().len(), before, "{what}: nothing written");
    }
}
