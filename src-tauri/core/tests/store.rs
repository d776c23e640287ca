//! The store against real files in temp dirs: what a secretary's laptop does across restarts,
//! crashes, upgrades and a second window.

mod common;

use chrono::NaiveDate;
use shoki_core::model::{AttendanceStatus, MeetingStatus};
use shoki_core::store::{migrations, CouncilField, MeetingField};
use shoki_core::{Error, Store};

use common::TempDir;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn the_sample_is_the_reference_meeting() {
    let mut store = Store::open_in_memory().unwrap();
    assert!(store.is_empty().unwrap());
    let m = store.load_sample().unwrap();
    assert_eq!(m.title, "令和3年度第5回 情報公開・個人情報保護審議会");
    assert_eq!(m.date_text, "令和3年12月13日（月）午後2時から午後5時まで");
    assert_eq!(m.venue, "目黒区総合庁舎本館6階教育委員会室");
    assert_eq!(m.council.membership, 21);
    assert_eq!(m.council.quorum, 11, "a majority of 21 is 11, as the roll call in the minutes says");
    assert_eq!(m.attendance.len(), 20);
    assert!(m.attendance.iter().all(|a| a.status == AttendanceStatus::Present));
    assert_eq!(m.officials.iter().filter(|o| o.attending).count(), 7);
    assert_eq!(m.materials.len(), 4);
    let shape: Vec<(i64, usize)> = m.agenda.iter().map(|s| (s.number, s.items.len())).collect();
    assert_eq!(shape, vec![(1, 0), (2, 5), (3, 2), (4, 0)]);
    let leaves: usize = m.agenda.iter().map(|s| s.items.len().max(1)).sum();
    assert_eq!(leaves, 9, "nine agenda entries carry turns: 会長あいさつ, five 諮問, two 報告, その他");
    assert_eq!(m.agenda[2].items[1].title, "健康づくり健診結果通知の誤送付について");
}

#[test]
fn reopening_keeps_everything() {
    let dir = TempDir::new("reopen");
    let before = {
        let mut store = Store::open(dir.path()).unwrap();
        let m = store.load_sample().unwrap();
        store.update_meeting(m.id, MeetingField::Observers, "2", common::at("10:00:00")).unwrap();
        store.set_attendance(m.id, m.attendance[3].member_id, "absent").unwrap()
    };
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.meeting(before.id).unwrap(), before);
    assert_eq!(store.meetings().unwrap().len(), 1);
}

#[test]
fn the_store_is_in_wal_mode_with_full_sync() {
    let dir = TempDir::new("pragmas");
    let _store = Store::open(dir.path()).unwrap();
    let raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
    let mode: String = raw.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal", "WAL is a property of the file and must be set at open");
}

/// Every column that refers to a row deleted with a meeting (the meeting, its agenda entries,
/// turns, votes) has an index beginning with it: without one, deleting a meeting checked each of
/// its agenda entries against every turn of the archive (1,000 meetings: 1.3 s). A table added
/// later that refers to them is caught here.
#[test]
fn every_reference_to_what_a_meeting_deletes_is_indexed() {
    let dir = TempDir::new("fk-indexes");
    let _store = Store::open(dir.path()).unwrap();
    let raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
    let references: Vec<(String, String, String)> = raw
        .prepare(
            "SELECT m.name, f.\"from\", f.\"table\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
             WHERE m.type = 'table' AND f.\"table\" IN ('meeting', 'agenda_entry', 'turn', 'vote')",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(references.len() >= 20, "the store's references are read: {references:?}");
    for (table, column, parent) in references {
        let indexed: bool = raw
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM pragma_index_list(?1) l, pragma_index_info(l.name) i
                 WHERE i.seqno = 0 AND i.name = ?2)",
                [&table, &column],
                |r| r.get(0),
            )
            .unwrap();
        assert!(indexed, "{table}.{column} refers to {parent} without an index");
    }
}

#[test]
fn a_second_instance_cannot_open_the_same_store() {
    let dir = TempDir::new("lock");
    let first = Store::open(dir.path()).unwrap();
    match Store::open(dir.path()) {
        Err(e @ Error::Locked) => assert_eq!(e.code(), "STORE_LOCKED"),
        Err(other) => panic!("expected the lock to refuse, got {other}"),
        Ok(_) => panic!("two instances opened the same store"),
    }
    drop(first);
    Store::open(dir.path()).expect("the lock is released when the first instance ends");
}

#[test]
fn a_store_from_a_newer_version_is_refused_and_left_alone() {
    let dir = TempDir::new("newer");
    drop(Store::open(dir.path()).unwrap());
    let newer = migrations::latest() + 1;
    {
        let raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
        raw.pragma_update(None, "user_version", newer).unwrap();
    }
    let err = Store::open(dir.path()).err().expect("a newer store must not open");
    assert_eq!(err.code(), "STORE_TOO_NEW");
    assert!(err.to_string().contains("新しい版"), "the message says what to do: {err}");
    let raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
    assert_eq!(migrations::version(&raw).unwrap(), newer, "never downgraded");
}

#[test]
fn every_earlier_schema_version_upgrades_with_its_data() {
    for from in 0..migrations::latest() {
        let dir = TempDir::new("upgrade");
        {
            let mut raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
            migrations::migrate_to(&mut raw, from).unwrap();
            if from >= 1 {
                raw.execute("INSERT INTO council (id, name, membership) VALUES (1, '旧審議会', 15)", []).unwrap();
                raw.execute(
                    "INSERT INTO meeting (council_id, fiscal_year, ordinal, held_on, planned_start, planned_end)
                     VALUES (1, 2020, 2, '2020-06-01', '10:00', '12:00')",
                    [],
                )
                .unwrap();
            }
        }
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.schema_version().unwrap(), migrations::latest(), "from version {from}");
        if from >= 1 {
            let list = store.meetings().unwrap();
            assert_eq!(list.len(), 1, "a meeting written by version {from} survives the upgrade");
            assert_eq!(list[0].title, "令和2年度第2回 旧審議会");
        }
    }
}

#[test]
fn a_new_meeting_counts_on_from_the_previous_and_restarts_in_april() {
    let mut store = Store::open_in_memory().unwrap();
    let sample = store.load_sample().unwrap();
    let next = store.create_meeting(sample.council.id, date("2022-02-14")).unwrap();
    assert_eq!(next.title, "令和3年度第6回 情報公開・個人情報保護審議会");
    assert_eq!(next.venue, sample.venue, "the venue carries over");
    assert_eq!(next.planned_start, "14:00");
    assert_eq!(next.officials, sample.officials, "attending officials carry over");
    assert_eq!(next.attendance.len(), 20);
    assert!(next.agenda.is_empty());
    assert_eq!(next.status, MeetingStatus::Preparing);
    let april = store.create_meeting(sample.council.id, date("2022-04-20")).unwrap();
    assert_eq!(april.title, "令和4年度第1回 情報公開・個人情報保護審議会");
    let list = store.meetings().unwrap();
    assert_eq!(list.iter().map(|m| m.id).collect::<Vec<_>>(), vec![april.id, next.id, sample.id], "newest first");
}

#[test]
fn a_duplicate_copies_agenda_and_materials_as_the_next_ordinal() {
    let mut store = Store::open_in_memory().unwrap();
    let sample = store.load_sample().unwrap();
    let copy = store.duplicate_meeting(sample.id).unwrap();
    assert_eq!(copy.ordinal, 6);
    assert_eq!(
        copy.agenda.iter().map(|s| &s.title).collect::<Vec<_>>(),
        sample.agenda.iter().map(|s| &s.title).collect::<Vec<_>>()
    );
    assert_eq!(copy.agenda[1].items.len(), 5);
    assert_eq!(copy.materials.len(), 4);
    assert_ne!(copy.agenda[0].id, sample.agenda[0].id, "a copy, not shared rows");
    store.delete_meeting(copy.id).unwrap();
    assert_eq!(store.meeting(sample.id).unwrap(), sample, "deleting the copy leaves the original whole");
}

#[test]
fn bad_input_is_refused_and_nothing_saved_changes() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    let long = "長".repeat(101);
    let cases: Vec<(MeetingField, &str, &str)> = vec![
        (MeetingField::HeldOn, "", "meeting.held_on"),
        (MeetingField::HeldOn, "2021-13-40", "meeting.held_on"),
        (MeetingField::PlannedEnd, "13:00", "meeting.planned_end"),
        (MeetingField::PlannedEnd, "14:00", "meeting.planned_end"),
        (MeetingField::PlannedStart, "18:00", "meeting.planned_start"),
        (MeetingField::Venue, long.as_str(), "meeting.venue"),
        (MeetingField::Venue, "会議室\u{7}", "meeting.venue"),
        (MeetingField::Ordinal, "0", "meeting.ordinal"),
        (MeetingField::Observers, "-1", "meeting.observers"),
    ];
    for (field, value, where_) in cases {
        let err = store
            .update_meeting(m.id, field, value, common::at("10:00:00"))
            .err()
            .unwrap_or_else(|| panic!("{field:?}={value:?} must be refused"));
        assert_eq!(err.code(), "INVALID_INPUT");
        assert_eq!(err.field(), Some(where_), "the message for {field:?} belongs next to its field");
        assert_eq!(store.meeting(m.id).unwrap(), m, "{field:?}={value:?} changed the store");
    }
    let other = store.create_meeting(m.council.id, date("2022-01-10")).unwrap();
    let err = store.update_meeting(other.id, MeetingField::Ordinal, "5", common::at("10:00:00")).unwrap_err();
    assert!(err.to_string().contains("第5回はすでにあります"), "{err}");
    let err = store.update_council(m.council.id, CouncilField::Name, "  ").unwrap_err();
    assert_eq!(err.field(), Some("council.name"), "an empty council name would leave 名称 empty");
    let err = store.update_council(m.council.id, CouncilField::Membership, "19").unwrap_err();
    assert!(err.to_string().contains("名簿の人数（20名）"), "{err}");
    let err = store
        .add_agenda_entry(m.id, None, "5 その他", date("2021-12-01").and_time(chrono::NaiveTime::MIN))
        .unwrap_err();
    assert_eq!(err.field(), Some("agenda.title"), "typed numbers would clash with the computed ones");
    assert_eq!(store.meeting(m.id).unwrap(), m);
}

#[test]
fn agenda_reorders_within_its_level_and_renumbers() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    let consult = &m.agenda[1];
    let moved = store.move_agenda_entry(consult.items[4].id, true).unwrap();
    let titles: Vec<&str> = moved.agenda[1].items.iter().map(|i| i.title.as_str()).collect();
    assert!(titles[3].starts_with("新型コロナウイルスワクチン"), "item (5) moved up to (4): {titles:?}");
    assert_eq!(moved.agenda[1].items[3].number, 4);
    let moved = store.move_agenda_entry(m.agenda[3].id, true).unwrap();
    assert_eq!(moved.agenda[2].title, "その他");
    assert_eq!(moved.agenda[2].number, 3);
    assert_eq!(moved.agenda[3].title, "報告事項");
    assert_eq!(moved.agenda[3].items.len(), 2, "a section moves with its items");
    let top = store.move_agenda_entry(moved.agenda[0].id, true).unwrap();
    assert_eq!(top.agenda, moved.agenda, "the first stays first");
    let removed = store.remove_agenda_entry(moved.agenda[1].id).unwrap();
    assert_eq!(removed.agenda.len(), 3);
    assert_eq!(removed.agenda[1].number, 2, "numbers close up after a removal");
}

#[test]
fn the_roster_respects_the_membership() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    let c = store.add_member(m.council.id, "新委員", "member").unwrap();
    assert_eq!(c.members.len(), 21);
    let err = store.add_member(m.council.id, "二十二人目", "member").unwrap_err();
    assert!(err.to_string().contains("委員定数（21名）"), "{err}");
    let prepared = store.meeting(m.id).unwrap();
    assert_eq!(prepared.attendance.len(), 21, "a member added later is expected at meetings in preparation");
}

/// 会議一覧 writes a meeting's times as its minutes print them: the times held once recorded, the
/// planned ones before, and in session the time it opened alone.
#[test]
fn the_list_shows_the_times_held_once_recorded() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    let listed = |store: &Store| store.meetings().unwrap()[0].date_text.clone();
    assert_eq!(listed(&store), "令和3年12月13日（月）午後2時から午後5時まで");
    let day = date("2021-12-13");
    // Opened late, after the planned end: the time it opened, and no end until it closes (not
    // 午後8時58分から午後5時まで).
    store.open_meeting(m.id, day.and_hms_opt(20, 58, 0).unwrap()).unwrap();
    assert_eq!(listed(&store), "令和3年12月13日（月）午後8時58分から");
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    store.open_meeting(m.id, day.and_hms_opt(14, 3, 20).unwrap()).unwrap();
    assert_eq!(listed(&store), "令和3年12月13日（月）午後2時3分から");
    store.close_meeting(m.id, day.and_hms_opt(15, 21, 59).unwrap()).unwrap();
    assert_eq!(listed(&store), "令和3年12月13日（月）午後2時3分から午後3時21分まで");
    let text = String::from_utf8(store.render(m.id, shoki_core::export::Format::TxtLf).unwrap()).unwrap();
    assert!(text.contains("午後2時3分から午後3時21分まで"), "as printed: {text}");
}

/// Where a start reopens: the meeting being recorded, none before 開会 or after 閉会.
#[test]
fn the_meeting_in_session_is_the_one_a_start_reopens() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.meeting_in_session().unwrap(), None, "an empty store");
    let m = store.load_sample().unwrap();
    assert_eq!(store.meeting_in_session().unwrap(), None, "prepared, not opened");
    let now = chrono::NaiveDate::from_ymd_opt(2021, 12, 13).unwrap().and_hms_opt(14, 0, 0).unwrap();
    store.open_meeting(m.id, now).unwrap();
    assert_eq!(store.meeting_in_session().unwrap(), Some(m.id));
    store.close_meeting(m.id, now + chrono::Duration::hours(2)).unwrap();
    assert_eq!(store.meeting_in_session().unwrap(), None, "closed");

    // Two in session (one left open): the one typed in last, whichever is newer in the list.
    let old = store.duplicate_meeting(m.id).unwrap().id;
    let new = store.create_meeting(m.council.id, chrono::NaiveDate::from_ymd_opt(2022, 1, 20).unwrap()).unwrap().id;
    store.open_meeting(old, now).unwrap();
    store.open_meeting(new, now + chrono::Duration::days(1)).unwrap();
    assert_eq!(store.meeting_in_session().unwrap(), Some(new), "opened last");
    store.save_draft(old, "chair", "それでは", now + chrono::Duration::days(2)).unwrap();
    assert_eq!(store.meeting_in_session().unwrap(), Some(old), "its draft saved last");
    store.add_turn(new, "chair", "開会します。", now + chrono::Duration::days(3)).unwrap();
    assert_eq!(store.meeting_in_session().unwrap(), Some(new), "a turn committed last");
}

/// A meeting left in session years ago (not closed at the end, opened by mistake) falls pages
/// down in 会議一覧: every page names the meetings in session, newest first, wherever they fall;
/// one closed is named no more.
#[test]
fn every_page_of_the_list_names_the_meetings_in_session() {
    let mut store = Store::open_in_memory().unwrap();
    let council = store.load_sample().unwrap().council.id; // a roster that can open
    let old = store.create_meeting(council, date("2016-05-10")).unwrap().id;
    for year in 2017..=2026 {
        store.create_meeting(council, date(&format!("{year}-05-10"))).unwrap();
    }
    let also = store.create_meeting(council, date("2020-05-10")).unwrap().id;
    assert!(store.meetings_page(0, 3).unwrap().in_session.is_empty(), "none opened");
    store.open_meeting(old, date("2016-05-10").and_hms_opt(14, 0, 0).unwrap()).unwrap();
    store.open_meeting(also, date("2020-05-10").and_hms_opt(14, 0, 0).unwrap()).unwrap();
    let page = store.meetings_page(0, 3).unwrap();
    assert!(page.meetings.iter().all(|m| m.id != old && m.id != also), "not on the first page");
    let named: Vec<i64> = page.in_session.iter().map(|m| m.id).collect();
    assert_eq!(named, vec![also, old], "newest first");
    assert_eq!(page.in_session[1], store.meeting_summary(old).unwrap(), "as the list's row");
    assert_eq!(store.meetings_page(6, 3).unwrap().in_session.len(), 2, "on every page");
    store.close_meeting(also, date("2020-05-10").and_hms_opt(16, 0, 0).unwrap()).unwrap();
    let named: Vec<i64> = store.meetings_page(0, 3).unwrap().in_session.iter().map(|m| m.id).collect();
    assert_eq!(named, vec![old], "closed: no longer named");
}

/// 会議一覧 grouped as its headings say: councils that meet in turn (A, B, A, B … in one 年度)
/// come one council at a time, the council that met last first, each newest first; the newer
/// 年度 above; the newest meeting of all first; and the pages in the same order.
#[test]
fn the_list_keeps_each_councils_meetings_of_a_year_together() {
    let mut store = Store::open_in_memory().unwrap();
    let a = store.create_council("環境審議会", "10").unwrap().id;
    let b = store.create_council("景観審議会", "10").unwrap().id;
    let mut made = std::collections::HashMap::new();
    for (council, day) in
        [(a, "2025-05-10"), (b, "2025-06-10"), (a, "2025-07-10"), (b, "2025-08-10"), (a, "2026-05-10")]
    {
        made.insert(store.create_meeting(council, date(day)).unwrap().id, (council, day));
    }
    let order: Vec<(i64, &str)> = store.meetings().unwrap().iter().map(|m| made[&m.id]).collect();
    assert_eq!(
        order,
        vec![(a, "2026-05-10"), (b, "2025-08-10"), (b, "2025-06-10"), (a, "2025-07-10"), (a, "2025-05-10")]
    );
    let paged: Vec<i64> = (0..5).flat_map(|i| store.meetings_page(i, 1).unwrap().meetings).map(|m| m.id).collect();
    assert_eq!(paged, store.meetings().unwrap().iter().map(|m| m.id).collect::<Vec<_>>());
}

/// 会議一覧 a page at a time: the pages together are the whole list in its order, with the total
/// and every 年度 held (2019 named as the council names it) on each page.
#[test]
fn the_list_comes_in_pages_with_the_total_and_every_year() {
    let mut store = Store::open_in_memory().unwrap();
    let sample = store.load_sample().unwrap();
    for (i, day) in ["2019-05-20", "2019-06-20", "2020-05-20", "2016-07-01"].iter().enumerate() {
        let m = store.create_meeting(sample.council.id, date(day)).unwrap();
        assert!(m.id > 0, "{i}");
    }
    let all = store.meetings().unwrap();
    let mut paged = Vec::new();
    let mut offset = 0;
    loop {
        let page = store.meetings_page(offset, 2).unwrap();
        assert_eq!(page.total, all.len() as i64);
        assert_eq!(
            page.years.iter().map(|(y, _)| *y).collect::<Vec<_>>(),
            vec![2021, 2020, 2019, 2016],
            "every 年度, newest first"
        );
        if page.meetings.is_empty() {
            break;
        }
        offset += page.meetings.len() as i64;
        paged.extend(page.meetings);
    }
    assert_eq!(paged, all, "the pages make the whole list, in order");
    let years = store.meetings_page(0, 1).unwrap().years;
    assert_eq!(
        years.iter().find(|(y, _)| *y == 2019).unwrap().1,
        all.iter().find(|m| m.fiscal_year == 2019).unwrap().fiscal_year_label
    );
}
