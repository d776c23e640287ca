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
fn found(store: &mut Store, query: &str) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut q = ask(query);
    loop {
        let page = store.search_archive(&q).unwrap();
        ids.extend(page.found.iter().filter_map(|f| f.turn_id));
        q.offset += page.found.len() as i64;
        if page.found.is_empty() || q.offset >= page.total.unwrap() {
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
    /// or not), searched for with pieces of themselves in other forms, one word or several (one
    /// character words beside longer ones): the index and the scan agree exactly.
    #[test]
    fn the_index_finds_exactly_what_a_scan_finds(
        texts in prop::collection::vec("[換気採決2２月1１4４日ｶガが\u{304B}\u{3099}〜～~ 　\u{200B}abcＡＢ、。]{1,24}", 1..12),
        queries in prop::collection::vec("[換気採決2２月1１4４日ｶガが〜～~abcＡＢ]{1,4}( [換気採決2２月1１4４日ｶガが〜～~abcＡＢ]{1,3}){0,2}", 1..6),
    ) {
        let (mut store, id) = opened();
        for (i, text) in texts.iter().enumerate() {
            // A visible first character: a text of spaces and zero-width spaces is refused as empty.
            store.add_turn(id, "member", &format!("語{text}"), at(&format!("14:{:02}:00", i % 60))).unwrap();
        }
        for q in &queries {
            prop_assert_eq!(found(&mut store, q), scanned(&store, &[id], q), "query {:?}", q);
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
    assert_eq!(found(&mut store, "換気"), vec![t.id]);
    store.edit_turn(t.id, "chair", "採決に移ります。", None, at("14:02:00")).unwrap();
    assert!(found(&mut store, "換気").is_empty(), "the old words are gone");
    assert_eq!(found(&mut store, "採決"), vec![t.id]);
    store.delete_turn(t.id, at("14:03:00")).unwrap();
    assert!(found(&mut store, "採決").is_empty(), "a deleted turn is not found");
    store.restore_turn(t.id, at("14:04:00")).unwrap();
    assert_eq!(found(&mut store, "採決"), vec![t.id]);
    let parts = store.split_turn(t.id, 3, at("14:05:00")).unwrap();
    assert_eq!(found(&mut store, "移ります"), vec![parts[1].id]);
    let entry = store.meeting(id).unwrap().agenda[1].items[0].id;
    store.rename_agenda_entry(entry, "外部機関との換気設備の協議について", at("14:06:00")).unwrap();
    let page = store.search_archive(&ask("換気設備")).unwrap();
    assert_eq!((page.total.unwrap(), page.found[0].turn_id, page.found[0].speaker_label.as_str()), (1, None, "議題"));
    // A meeting imported is indexed; one deleted leaves nothing behind.
    let file = store.render(id, shoki_core::export::Format::Json).unwrap();
    let copy = store.import_meeting(&file).unwrap();
    assert_eq!(store.search_archive(&ask("移ります")).unwrap().total, Some(2));
    store.close_meeting(copy, at("15:00:00")).unwrap(); // a meeting in session is not deleted
    store.delete_meeting(copy).unwrap();
    assert_eq!(store.search_archive(&ask("移ります")).unwrap().total, Some(1));
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
    assert_eq!(store.search_archive(&ask("緊急の動議")).unwrap().total, Some(1));
    assert_eq!(store.search_archive(&ask("定刻")).unwrap().total, Some(0));
    let raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
    raw.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')", []).unwrap();
    drop(raw);
    assert_eq!(
        store.search_archive(&ask("緊急の動議")).unwrap().total,
        Some(0),
        "the index was emptied behind the store"
    );
    let mut told = Vec::new();
    let indexed = store.reindex(|done, total| told.push((done, total))).unwrap();
    assert!(indexed > 0);
    // Progress only grows, and the last report is the whole.
    assert!(told.windows(2).all(|w| w[0].0 < w[1].0), "{told:?}");
    assert_eq!(told.last(), Some(&(indexed, indexed)));
    assert_eq!(store.search_archive(&ask("緊急の動議")).unwrap().total, Some(1));
}

/// The window's count (`ArchiveCounter`, on a connection of its own) counts what the store counts,
/// narrowed or not, and sees a turn committed while it was open once a page was asked again; one
/// made right after a write or an edit counts it without a page asked first; it holds nothing of
/// the store (a write goes on meanwhile).
#[test]
fn the_windows_count_is_the_stores_and_holds_nothing_up() {
    let dir = TempDir::new("archive-counter");
    let mut store = Store::open(dir.path()).unwrap();
    let m = store.load_sample().unwrap();
    store.open_meeting(m.id, at("14:00:00")).unwrap();
    for (i, text) in ["換気をお願いします。", "会長、換気の時間です。", "採決に移ります。"].iter().enumerate()
    {
        store.add_turn(m.id, if i == 0 { "chair" } else { "official" }, text, at("14:01:00")).unwrap();
    }
    let counter = store.counter().unwrap();
    let council = store.meeting(m.id).unwrap().council.id;
    for q in [
        ask("換気"),
        ask("採決"),
        ask("区"),
        ArchiveQuery { speaker: Some("chair".into()), ..ask("換気") },
        ArchiveQuery { council_id: Some(council), ..ask("換気") },
    ] {
        let _ = store.search_archive_page(&q).unwrap();
        assert_eq!(counter.count(&q).unwrap(), store.count_archive(&q).unwrap(), "{q:?}");
    }
    store.add_turn(m.id, "member", "換気について質問します。", at("14:02:00")).unwrap();
    let _ = store.search_archive_page(&ask("換気")).unwrap();
    assert_eq!(counter.count(&ask("換気")).unwrap(), 3, "a count begun after the commit sees it");
    assert!(counter.count(&ask("　")).is_err(), "no words: refused, as the store refuses");
    // Stopped while not counting, it counts on afterwards (a stop is only for a count under way).
    counter.stopper().stop();
    assert_eq!(counter.count(&ask("換気")).unwrap(), 3);
    // A counter made right after a write counts it, with no page asked first (it read 0).
    let turn = store.add_turn(m.id, "member", "新語ブリゲドゥンの確認です。", at("14:03:00")).unwrap();
    assert_eq!(store.counter().unwrap().count(&ask("ブリゲドゥン")).unwrap(), 1, "counted before any page");
    store.edit_turn(turn.id, "member", "新語クイホーテの確認です。", None, at("14:04:00")).unwrap();
    assert_eq!(store.counter().unwrap().count(&ask("クイホーテ")).unwrap(), 1, "an edit counted before any page");
    assert_eq!(store.counter().unwrap().count(&ask("ブリゲドゥン")).unwrap(), 0, "the words edited away");
    assert!(Store::open_in_memory().unwrap().counter().is_err(), "a store in memory has no file to count on");
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
    assert_eq!((page.total.unwrap(), page.found.len()), (61, 50));
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
    assert_eq!(by_year.total, Some(60));
    let by_speaker = store
        .search_archive(&ArchiveQuery { query: "換気".into(), speaker: Some("chair".into()), ..Default::default() })
        .unwrap();
    assert_eq!(by_speaker.total, Some(30));
    let other = store.create_council("別の審議会", "3").unwrap();
    let none = store
        .search_archive(&ArchiveQuery { query: "換気".into(), council_id: Some(other.id), ..Default::default() })
        .unwrap();
    assert_eq!(none.total, Some(0));
    let e = store.search_archive(&ArchiveQuery { query: " 　".into(), ..Default::default() }).unwrap_err();
    assert_eq!(e.field(), Some("search"));
    // Two words: both must occur; the marks show both.
    let two = store.search_archive(&ask("設備 報告")).unwrap();
    assert_eq!((two.total.unwrap(), two.found[0].marks.as_slice()), (1, &[(2, 2), (5, 2)][..]));
}

/// An archive larger than the newest places a one-character query looks through first: a common
/// character, a rare one (only in the oldest meetings' words) and words of more characters are
/// found exactly as a scan finds them, page after page, newest meeting first and in the record's
/// order within a meeting. An index to build anew (an upgraded store's) does not hold the store
/// up at opening: a search says how far the build has got, the build's steps finish it, and it
/// finds the same.
#[test]
fn a_larger_archive_is_searched_exactly_and_in_order() {
    let material: Vec<String> = [
        "本日の議題は、個人情報の保護に関する条例の改正についてでございます。",
        "委員の皆様からご意見をいただきたいと思います。よろしくお願いいたします。",
        "区としては、来年度の予算に反映させる方向で検討しております。",
        "換気のため、ここで休憩といたします。再開は十五分後といたします。",
        "ただいまの説明につきまして、ご質問等ございましたらお願いいたします。",
        "採決に入ります。原案に賛成の委員の挙手をお願いいたします。",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let dir = TempDir::new("archive-larger");
    let mut store = Store::open(dir.path()).unwrap();
    let built = store.generate_archive(&material, 18, 3).unwrap();
    assert!(built.turns > 3500, "more places than a one-character scan looks through: {}", built.turns);
    // A character of one turn of an old meeting only: the scan cannot fill a page with it.
    let oldest = store
        .meetings()
        .unwrap()
        .iter()
        .filter(|m| m.status != shoki_core::model::MeetingStatus::Final)
        .min_by_key(|m| (m.held_on.clone(), m.id))
        .unwrap()
        .id;
    let first = store.transcript(oldest).unwrap()[0].id;
    let text = store.turn(first).unwrap().text;
    store.edit_turn(first, "member", &format!("{text}鶴"), None, at("10:00:00")).unwrap();
    let meetings: Vec<i64> = store.meetings().unwrap().iter().map(|m| m.id).collect();
    // Several words, one-character ones among them: beside a longer word they are read in the
    // places it finds, alone they are read in the newest places; a rare one goes to the index.
    for query in [
        "の",
        "鶴",
        "換",
        "個人情報",
        "挙手 予算",
        "の 換気",
        "換気 の",
        "鶴 委員",
        "の 鶴",
        "の い",
        "皆 様 の",
        "委員 鶴 の",
    ] {
        assert_eq!(found(&mut store, query), scanned(&store, &meetings, query), "{query}");
    }
    // Newest meeting first, each meeting's places in the record's order.
    let mut place = std::collections::HashMap::new();
    let dates: std::collections::HashMap<i64, String> =
        store.meetings().unwrap().into_iter().map(|m| (m.id, m.held_on)).collect();
    for &m in &meetings {
        for (i, t) in store.transcript(m).unwrap().iter().enumerate() {
            place.insert(t.id, i as f64);
        }
    }
    let order = |store: &mut Store, query: &str| -> Vec<(String, i64, f64)> {
        let mut keys = Vec::new();
        let mut q = ask(query);
        loop {
            let page = store.search_archive_page(&q).unwrap();
            for f in &page.found {
                let position = f.turn_id.map(|t| place[&t]).unwrap_or(-1.0);
                keys.push((dates[&f.meeting_id].clone(), f.meeting_id, position));
            }
            q.offset += page.found.len() as i64;
            if !page.more {
                break;
            }
        }
        keys
    };
    for query in ["委員", "の 委員", "の い"] {
        let keys = order(&mut store, query);
        let mut sorted = keys.clone();
        sorted.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.total_cmp(&b.2)));
        assert_eq!(keys, sorted, "{query}");
        assert_eq!(keys.len() as i64, store.count_archive(&ask(query)).unwrap(), "{query}");
    }

    // The index emptied and every place noted, as an upgrade leaves it.
    let expected = found(&mut store, "個人情報");
    drop(store);
    let raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
    raw.execute_batch(
        "INSERT INTO search_index (search_index) VALUES ('delete-all'); DELETE FROM search_place;
         INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'turn', id FROM turn;
         INSERT OR IGNORE INTO index_dirty (kind, id) SELECT 'entry', id FROM agenda_entry;",
    )
    .unwrap();
    drop(raw);
    let mut store = Store::open(dir.path()).unwrap();
    let waiting = store.index_backlog().unwrap();
    assert!(waiting > shoki_core::INDEX_BUILD, "a build waits: {waiting}");
    let e = store.search_archive(&ask("個人情報")).unwrap_err().to_string();
    assert!(e.contains("索引づくり") && e.contains(&format!("残り{waiting}件")), "{e}");
    let mut left = waiting;
    while left > 0 {
        let next = store.index_step(std::time::Duration::from_millis(200)).unwrap();
        assert!(next < left, "each step indexes some");
        left = next;
    }
    assert_eq!(found(&mut store, "個人情報"), expected);
}

/// The cover's fields are found too — the venue (会場) and each 配付資料 — and follow every change.
#[test]
fn the_covers_venue_and_materials_are_found() {
    use shoki_core::store::MeetingField;
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    let label = |store: &mut Store, q: &str| -> Vec<String> {
        store.search_archive(&ask(q)).unwrap().found.iter().map(|f| f.speaker_label.clone()).collect()
    };
    assert_eq!(label(&mut store, "教育委員会室"), ["会場"]);
    let material = &m.materials[0];
    let word: String = material.title.chars().take(6).collect();
    assert!(label(&mut store, &word).contains(&"配付資料".to_string()), "{word}");
    store.update_meeting(m.id, MeetingField::Venue, "区民センター第二会議室", at("09:00:00")).unwrap();
    assert!(label(&mut store, "教育委員会室").is_empty(), "the old venue is gone");
    assert_eq!(label(&mut store, "第二会議室"), ["会場"]);
    store.remove_material(material.id).unwrap();
    assert!(!label(&mut store, &word).contains(&"配付資料".to_string()), "a removed material is gone");
}

/// The names of the members present are found (出席者), as the cover lists them: not one marked
/// 欠席; a name changed in the roster while the meeting is prepared follows; from 開会 the
/// meeting keeps the names it was held with, whatever the roster says later.
#[test]
fn the_names_of_those_present_are_found() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    let names_found = |store: &mut Store, q: &str| -> Vec<(i64, String)> {
        let page = store.search_archive(&ask(q)).unwrap();
        page.found.iter().filter(|f| f.speaker_label == "出席者").map(|f| (f.meeting_id, f.excerpt.clone())).collect()
    };
    let (first, second) = (&m.attendance[0], &m.attendance[1]);
    let found = names_found(&mut store, &first.name);
    assert_eq!(found.len(), 1, "{}", first.name);
    assert!(found[0].1.contains(&first.name) && found[0].0 == m.id);
    store.set_attendance(m.id, first.member_id, "absent").unwrap();
    assert!(names_found(&mut store, &first.name).is_empty(), "a member marked 欠席 is not among those present");
    store.update_member(second.member_id, "東雲　未来", "member").unwrap();
    assert_eq!(names_found(&mut store, "東雲").len(), 1, "the roster's new name, while prepared");
    assert_eq!(
        names_found(&mut store, "雲").len(),
        1,
        "one character: the scan of the newest places reads the names too"
    );
    store.open_meeting(m.id, at("14:00:00")).unwrap();
    store.update_member(second.member_id, "暁　明日香", "member").unwrap();
    assert!(names_found(&mut store, "暁").iter().all(|(id, _)| *id != m.id), "held with its own names");
    assert_eq!(names_found(&mut store, "東雲").len(), 1);
}

/// A store of version 6 (a place's item was id * 4 + kind) upgrades: its places keep their
/// kinds (a turn stays a turn, found once), and the names of those present are indexed.
#[test]
fn an_index_of_version_6_is_carried_over() {
    use shoki_core::store::migrations;
    let dir = TempDir::new("archive-v6");
    let (id, name) = {
        let mut store = Store::open(dir.path()).unwrap();
        let m = store.load_sample().unwrap();
        store.open_meeting(m.id, at("14:00:00")).unwrap();
        store.add_turn(m.id, "chair", "定刻になりました。", at("14:01:00")).unwrap();
        // Indexed now (a search indexes what waits), so the upgrade finds the turn's place.
        assert_eq!(store.search_archive(&ask("定刻")).unwrap().total, Some(1));
        (m.id, m.attendance[0].name.clone())
    };
    {
        // The same store as version 6 left it: items by four, no names (and without the indexes
        // of versions 8 and 9).
        let raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
        // Every index that migrations 8 and 9 create, read from their SQL.
        for sql in &migrations::MIGRATIONS[7..9] {
            for index in sql.split("CREATE INDEX ").skip(1).filter_map(|rest| rest.split_whitespace().next()) {
                raw.execute_batch(&format!("DROP INDEX {index};")).unwrap();
            }
        }
        raw.execute_batch(
            "DELETE FROM search_index WHERE rowid IN (SELECT row FROM search_place WHERE item % 8 = 4);
             DELETE FROM search_place WHERE item % 8 = 4;
             UPDATE search_place SET item = -((item / 8) * 4 + item % 8) - 1;
             UPDATE search_place SET item = -item - 1;
             DROP TABLE search_names;
             DROP TRIGGER index_names_insert; DROP TRIGGER index_names_update; DROP TRIGGER index_names_delete;
             DROP TRIGGER index_names_member; DROP TRIGGER index_names_copy;
             PRAGMA user_version = 6;",
        )
        .unwrap();
        assert_eq!(migrations::version(&raw).unwrap(), 6);
    }
    let mut store = Store::open(dir.path()).unwrap();
    let page = store.search_archive(&ask("定刻")).unwrap();
    assert_eq!(page.total, Some(1));
    assert!(page.found[0].turn_id.is_some(), "a turn is still a turn");
    let page = store.search_archive(&ask(&name)).unwrap();
    assert!(page.found.iter().any(|f| f.speaker_label == "出席者" && f.meeting_id == id));
}

/// Narrowed by item: only the turns filed under an agenda entry whose title holds the words (an
/// item's own, or its section's, which takes in every item under it), and the title itself; the
/// cover's fields left out. The total agrees with the pages.
#[test]
fn results_are_narrowed_to_an_agenda_item() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    store.open_meeting(m.id, at("14:00:00")).unwrap();
    let section = m.agenda.iter().find(|s| s.items.len() >= 2).expect("a section with items");
    let (first, second) = (&section.items[0], &section.items[1]);
    let other = m.agenda.iter().find(|s| s.items.is_empty()).expect("a section without items");
    let mut under = std::collections::HashMap::new();
    for (i, entry) in [first.id, second.id, other.id].into_iter().enumerate() {
        store.jump_agenda(m.id, entry, at("14:10:00")).unwrap();
        let turn = store.add_turn(m.id, "member", &format!("換気について{i}"), at("14:11:00")).unwrap();
        under.insert(entry, turn.id);
    }
    let narrowed = |store: &mut Store, item: &str| -> (Vec<i64>, i64) {
        let q =
            ArchiveQuery { query: "換気".into(), item: Some(item.into()), limit: Some(200), ..Default::default() };
        let page = store.search_archive(&q).unwrap();
        assert!(page.found.iter().all(|f| !f.cover), "no field of the cover under an item");
        (page.found.iter().filter_map(|f| f.turn_id).collect(), page.total.unwrap())
    };
    assert_eq!(narrowed(&mut store, &first.title), (vec![under[&first.id]], 1), "{}", first.title);
    assert_eq!(narrowed(&mut store, &second.title).0, vec![under[&second.id]]);
    let (mut both, total) = narrowed(&mut store, &section.title);
    both.sort_unstable();
    let mut expected = vec![under[&first.id], under[&second.id]];
    expected.sort_unstable();
    assert_eq!((both, total), (expected, 2), "the section's title takes in its items");
    assert_eq!(narrowed(&mut store, "存在しない議題の名前"), (vec![], 0));
    let all = store.search_archive(&ask("換気")).unwrap();
    assert!(all.total.unwrap() >= 3, "without the item, every place");
    let blank = ArchiveQuery { query: "換気".into(), item: Some(" 　".into()), ..Default::default() };
    assert_eq!(store.search_archive(&blank).unwrap().total, all.total, "a blank item narrows nothing");
}

/// Every trigger that notes a change for the index does so whatever conflict rule the writing
/// statement carries: an upsert (a 出欠 changed twice, the second while the first note waited)
/// or another tool's INSERT OR REPLACE must not fail, and the change is found.
#[test]
fn the_index_notes_a_change_whatever_the_statement_says_on_conflict() {
    let dir = TempDir::new("archive-conflict");
    let mut store = Store::open(dir.path()).unwrap();
    let m = store.load_sample().unwrap();
    for member in m.attendance.iter().take(3) {
        store.set_attendance(m.id, member.member_id, "absent").unwrap();
    }
    store.open_meeting(m.id, at("14:00:00")).unwrap();
    let turn = store.add_turn(m.id, "chair", "定刻になりました。", at("14:01:00")).unwrap();
    {
        // The same rows written again as another tool might: upserts and OR REPLACE on every
        // table whose changes the index notes, while the notes still wait.
        let raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
        // (table, SQL) of every trigger that notes a change for the index.
        let triggers: Vec<(String, String)> = raw
            .prepare("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%index_dirty%'")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for table in ["turn", "agenda_entry", "meeting", "material", "attendance", "member"] {
            assert!(triggers.iter().any(|(t, _)| t == table), "{table} has index triggers");
        }
        for (_, sql) in &triggers {
            assert!(
                !sql.contains("OR IGNORE"),
                "a note relies on its own conflict rule, which the outer statement overrides: {sql}"
            );
        }
        raw.execute("INSERT INTO turn (id, meeting_id, agenda_entry_id, position, kind, speaker, text, started_at)
                     SELECT id, meeting_id, agenda_entry_id, position, kind, speaker, '緊急の動議です。', started_at FROM turn WHERE id = ?1
                     ON CONFLICT (id) DO UPDATE SET text = excluded.text", [turn.id]).unwrap();
        raw.execute("INSERT INTO turn (id, meeting_id, agenda_entry_id, position, kind, speaker, text, started_at)
                     SELECT id, meeting_id, agenda_entry_id, position, kind, speaker, '緊急の動議です。', started_at FROM turn WHERE id = ?1
                     ON CONFLICT (id) DO UPDATE SET text = excluded.text", [turn.id]).unwrap();
    }
    assert_eq!(store.search_archive(&ask("緊急の動議")).unwrap().total, Some(1));
}

/// A split in a long record notes one or two places for the index, not every turn after it (each
/// a place to key anew: a split in an all-day session held the next commit for seconds); any
/// number of splits at one place keeps the record's order, in the index's results too.
#[test]
fn a_split_in_a_long_record_keys_few_places_and_keeps_the_order() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    store.open_meeting(m.id, at("14:00:00")).unwrap();
    let ids: Vec<i64> = (0..600)
        .map(|i| {
            let text = format!("{i}番目の議論、個人情報について。{}", "議論を分けて記録します。".repeat(5));
            store.add_turn(m.id, "member", &text, at("14:01:00")).unwrap().id
        })
        .collect();
    assert_eq!(store.search_archive(&ask("番目の議論")).unwrap().total, Some(600));
    assert_eq!(store.index_backlog().unwrap(), 0);
    let parts = store.split_turn(ids[10], 3, at("14:30:00")).unwrap();
    assert!(store.index_backlog().unwrap() <= 2, "the split's two turns, not the 589 after them");
    assert_eq!(parts[0].id, ids[10]);
    // Twenty splits at one place: the gap to the next turn is used up after a few, then the
    // turns of that one place are spread out again (a few re-keyed, not the hundreds after
    // them); past sixteen turns in one place, the later turns move.
    let mut at_place = parts[1].id;
    for split in 0..20 {
        let before = store.index_backlog().unwrap();
        at_place = store.split_turn(at_place, 2, at("14:31:00")).unwrap()[1].id;
        if split < 13 {
            assert!(store.index_backlog().unwrap() - before <= 16, "split {split} keyed few places");
        }
        store.search_archive_page(&ask("議論")).unwrap(); // indexes what waits
    }
    let record: Vec<i64> = store.transcript(m.id).unwrap().iter().filter(|t| !t.deleted).map(|t| t.id).collect();
    let mut q = ask("議論");
    q.limit = Some(200);
    let mut found = Vec::new();
    loop {
        let page = store.search_archive_page(&q).unwrap();
        found.extend(page.found.iter().filter_map(|f| f.turn_id));
        if !page.more {
            break;
        }
        q.offset += 200;
    }
    let in_record: Vec<i64> = record.iter().copied().filter(|id| found.contains(id)).collect();
    assert_eq!(found, in_record, "the results read in the record's order");
}
