//! The archive's search index: it finds exactly what a scan of the folded text finds — every
//! hit, none extra, for words of one character or many, in any width or form — and stays in step
//! with every kind of write, including another tool's; results come a page at a time with the
//! total, newest meeting first, narrowed by council, 年度 and speaker.

mod common;

use common::{at, opened, TempDir};
use proptest::prelude::*;
use shoki_core::search::ArchiveQuery;
use shoki_core::Store;

fn ask(query: &str) -> ArchiveQuery {
    ArchiveQuery { query: query.into(), limit: Some(200), ..Default::default() }
}

/// The turn ids the index finds for `query` (all pages).
fn found(store: &Store, query: &str) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut q = ask(query);
    loop {
        let page = store.search_archive(&q).unwrap();
        ids.extend(page.found.iter().filter_map(|f| f.turn_id));
        q.offset += page.found.len() as i64;
        if page.found.is_empty() || q.offset >= page.total {
            break;
        }
    }
    ids.sort_unstable();
    ids
}

/// What a brute-force scan finds: every live turn whose text holds every word, as the meeting's
/// own Ctrl+F (search_turns) decides, meeting by meeting.
fn scanned(store: &Store, meetings: &[i64], query: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = meetings.iter().flat_map(|m| store.search_turns(*m, query).unwrap()).collect();
    ids.sort_unstable();
    ids
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Random turns in the forms a secretary, an IME and a paste produce (full and half width
    /// digits and kana, the wave dash family, spaces, zero-width spaces, voiced marks composed
    /// or not), searched for with pieces of themselves in other forms: the index and the scan
    /// agree exactly.
    #[test]
    fn the_index_finds_exactly_what_a_scan_finds(
        texts in prop::collection::vec("[換気採決2２月1１4４日ｶガが\u{304B}\u{3099}〜～~ 　\u{200B}abcＡＢ、。]{1,24}", 1..12),
        queries in prop::collection::vec("[換気採決2２月1１4４日ｶガが〜～~abcＡＢ]{1,4}", 1..6),
    ) {
        let (mut store, id) = opened();
        for (i, text) in texts.iter().enumerate() {
            // A visible first character: a text of spaces and zero-width spaces is refused as empty.
            store.add_turn(id, "member", &format!("語{text}"), at(&format!("14:{:02}:00", i % 60))).unwrap();
        }
        for q in &queries {
            prop_assert_eq!(found(&store, q), scanned(&store, &[id], q), "query {:?}", q);
        }
    }
}

/// Every write that changes words keeps the index in step in its own transaction: a commit, a
/// correction, a deletion and its restoration, a split, a merge, an agenda title, a deleted
/// meeting, an imported one.
#[test]
fn the_index_follows_every_kind_of_write() {
    let (mut store, id) = opened();
    let t = store.add_turn(id, "chair", "換気の時間です。", at("14:01:00")).unwrap();
    assert_eq!(found(&store, "換気"), vec![t.id]);
    store.edit_turn(t.id, "chair", "採決に移ります。", None, at("14:02:00")).unwrap();
    assert!(found(&store, "換気").is_empty(), "the old words are gone");
    assert_eq!(found(&store, "採決"), vec![t.id]);
    store.delete_turn(t.id, at("14:03:00")).unwrap();
    assert!(found(&store, "採決").is_empty(), "a deleted turn is not found");
    store.restore_turn(t.id, at("14:04:00")).unwrap();
    assert_eq!(found(&store, "採決"), vec![t.id]);
    let parts = store.split_turn(t.id, 3, at("14:05:00")).unwrap();
    assert_eq!(found(&store, "移ります"), vec![parts[1].id]);
    let entry = store.meeting(id).unwrap().agenda[1].items[0].id;
    store.rename_agenda_entry(entry, "外部機関との換気設備の協議について", at("14:06:00")).unwrap();
    let page = store.search_archive(&ask("換気設備")).unwrap();
    assert_eq!((page.total, page.found[0].turn_id, page.found[0].speaker_label.as_str()), (1, None, "議題"));
    // A meeting imported is indexed; one deleted leaves nothing behind.
    let file = store.render(id, shoki_core::export::Format::Json).unwrap();
    let copy = store.import_meeting(&file).unwrap();
    assert_eq!(store.search_archive(&ask("移ります")).unwrap().total, 2);
    store.delete_meeting(copy).unwrap();
    assert_eq!(store.search_archive(&ask("移ります")).unwrap().total, 1);
}

/// Another tool's write (the sqlite3 shell, a script) is noted by the store's triggers and
/// indexed when Shoki next opens the store; `reindex` builds the whole index anew.
#[test]
fn another_tools_writes_are_indexed_at_the_next_opening_and_reindex_rebuilds() {
    let dir = TempDir::new("archive-other-tool");
    let id = {
        let mut store = Store::open(dir.path()).unwrap();
        let m = store.load_sample().unwrap();
        store.open_meeting(m.id, at("14:00:00")).unwrap();
        store.add_turn(m.id, "chair", "定刻になりました。", at("14:01:00")).unwrap();
        m.id
    };
    let raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
    raw.execute("UPDATE turn SET text = '緊急の動議を追加します。' WHERE meeting_id = ?1", [id]).unwrap();
    drop(raw);
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.search_archive(&ask("緊急の動議")).unwrap().total, 1);
    assert_eq!(store.search_archive(&ask("定刻")).unwrap().total, 0);
    let raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
    raw.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')", []).unwrap();
    drop(raw);
    assert_eq!(store.search_archive(&ask("緊急の動議")).unwrap().total, 0, "the index was emptied behind the store");
    assert!(store.reindex().unwrap() > 0);
    assert_eq!(store.search_archive(&ask("緊急の動議")).unwrap().total, 1);
}

/// Pages of 50 with the total, newest meeting first, the words marked in each excerpt; narrowed
/// by council, 年度 and speaker; an empty query is refused with a message.
#[test]
fn results_come_a_page_at_a_time_newest_first_and_narrowed() {
    let (mut store, first) = opened();
    for i in 0..60 {
        store
            .add_turn(
                first,
                if i % 2 == 0 { "chair" } else { "member" },
                &format!("第{i}の換気について"),
                at("14:10:00"),
            )
            .unwrap();
    }
    store.close_meeting(first, at("16:00:00")).unwrap();
    let council = store.meeting(first).unwrap().council.id;
    let next = store.create_meeting(council, chrono::NaiveDate::from_ymd_opt(2022, 5, 9).unwrap()).unwrap();
    store.add_agenda_entry(next.id, None, "報告", at("09:00:00")).unwrap();
    store
        .open_meeting(next.id, chrono::NaiveDate::from_ymd_opt(2022, 5, 9).unwrap().and_hms_opt(10, 0, 0).unwrap())
        .unwrap();
    let newest = store
        .add_turn(
            next.id,
            "official",
            "換気設備の報告です。",
            chrono::NaiveDate::from_ymd_opt(2022, 5, 9).unwrap().and_hms_opt(10, 1, 0).unwrap(),
        )
        .unwrap();
    let page = store.search_archive(&ArchiveQuery { query: "換気".into(), ..Default::default() }).unwrap();
    assert_eq!((page.total, page.found.len()), (61, 50));
    assert_eq!(page.found[0].turn_id, Some(newest.id), "the newest meeting first");
    assert_eq!(page.found[0].meeting_title, "令和4年度第1回 情報公開・個人情報保護審議会");
    assert_eq!(
        (page.found[0].excerpt.as_str(), page.found[0].marks.as_slice()),
        ("換気設備の報告です。", &[(0, 2)][..])
    );
    let rest = store.search_archive(&ArchiveQuery { query: "換気".into(), offset: 50, ..Default::default() }).unwrap();
    assert_eq!(rest.found.len(), 11);
    let by_year = store
        .search_archive(&ArchiveQuery { query: "換気".into(), fiscal_year: Some(2021), ..Default::default() })
        .unwrap();
    assert_eq!(by_year.total, 60);
    let by_speaker = store
        .search_archive(&ArchiveQuery { query: "換気".into(), speaker: Some("chair".into()), ..Default::default() })
        .unwrap();
    assert_eq!(by_speaker.total, 30);
    let other = store.create_council("別の審議会", "3").unwrap();
    let none = store
        .search_archive(&ArchiveQuery { query: "換気".into(), council_id: Some(other.id), ..Default::default() })
        .unwrap();
    assert_eq!(none.total, 0);
    let e = store.search_archive(&ArchiveQuery { query: " 　".into(), ..Default::default() }).unwrap_err();
    assert_eq!(e.field(), Some("search"));
    // Two words: both must occur; the marks show both.
    let two = store.search_archive(&ask("設備 報告")).unwrap();
    assert_eq!((two.total, two.found[0].marks.as_slice()), (1, &[(2, 2), (5, 2)][..]));
}
