//! Who spoke: the member or official picked for a turn is kept, and labels the 別紙 by the
//! council's setting — roles (as the reference), letters in order of first speech, or names.

mod common;

use common::at;
use shoki_core::export::{build, Block};
use shoki_core::store::CouncilField;

fn labels(store: &shoki_core::Store, id: i64) -> Vec<String> {
    let doc = build(&store.meeting(id).unwrap(), &store.transcript(id).unwrap());
    doc.blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Row(r) => Some(r.speaker),
            Block::Heading { .. } | Block::Paragraph { .. } => None,
        })
        .collect()
}

/// The sample meeting, its council labelling speakers by `style` before 開会, opened.
fn opened_with(style: &str) -> (shoki_core::Store, i64) {
    let mut store = shoki_core::Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    store.update_council(m.council.id, CouncilField::LabelStyle, style).unwrap();
    store.open_meeting(m.id, at("14:00:00")).unwrap();
    (store, m.id)
}

/// Six turns, four of them with who spoke picked.
fn record(store: &mut shoki_core::Store, id: i64) {
    let m = store.meeting(id).unwrap();
    let (asada, ueno, okada) = (m.attendance[0].member_id, m.attendance[1].member_id, m.attendance[2].member_id);
    let kacho = m.officials[2].official_id;
    store.add_turn_by(id, "chair", Some(asada), "それでは始めます。", at("14:00:10")).unwrap();
    let t = store.add_turn_by(id, "member", Some(okada), "質問です。", at("14:01:00")).unwrap();
    assert_eq!(t.who.as_deref(), Some("岡田"), "who spoke is kept with the turn");
    store.add_turn_by(id, "official", Some(kacho), "お答えします。", at("14:02:00")).unwrap();
    store.add_turn_by(id, "member", Some(ueno), "別の質問です。", at("14:03:00")).unwrap();
    store.add_turn_by(id, "member", Some(okada), "追加で。", at("14:04:00")).unwrap();
    store.add_turn(id, "member", "名前を選ばなかった発言。", at("14:05:00")).unwrap();
}

#[test]
fn speakers_are_labelled_by_the_councils_style() {
    let (mut store, id) = opened_with("role");
    record(&mut store, id);
    assert_eq!(labels(&store, id), ["会長", "委員", "区側", "委員", "委員", "委員"], "roles, as the reference");
    let (mut store, id) = opened_with("lettered");
    record(&mut store, id);
    assert_eq!(labels(&store, id), ["会長", "委員A", "区側", "委員B", "委員A", "委員"], "letters by first speech");
    let (mut store, id) = opened_with("name");
    record(&mut store, id);
    let named = ["浅田会長", "岡田委員", "情報政策課長", "植野委員", "岡田委員", "委員"];
    assert_eq!(labels(&store, id), named);

    // The meeting keeps the style and the names it was opened with.
    let m = store.meeting(id).unwrap();
    store.update_council(m.council.id, CouncilField::LabelStyle, "role").unwrap();
    store.update_member(m.attendance[2].member_id, "岡田（改姓）", "member").unwrap();
    store.update_official(m.officials[2].official_id, "デジタル推進課長").unwrap();
    assert_eq!(labels(&store, id), named, "edits of the council after 開会 do not reach the record");

    let okada = m.attendance[2].member_id;
    assert!(
        store.add_turn_by(id, "official", Some(9999), "x", at("14:06:00")).is_err(),
        "not on the list of officials"
    );
    assert!(store.add_turn_by(id, "member", Some(9999), "x", at("14:06:00")).is_err(), "not on the roster");
    assert!(store.add_turn_by(id, "none", Some(okada), "x", at("14:06:00")).is_err());
}

#[test]
fn the_optional_cover_rows_follow_the_council() {
    use shoki_core::store::CouncilField;
    let (store, id) = opened_with("role");
    let rows = |store: &shoki_core::Store, id: i64| -> Vec<(String, Vec<String>)> {
        build(&store.meeting(id).unwrap(), &store.transcript(id).unwrap()).cover
    };
    let plain: Vec<String> = rows(&store, id).into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        plain,
        ["名称", "日時", "会場", "出席者", "傍聴者", "配付資料", "会議次第", "発言の記録"],
        "as the reference"
    );
    let mut store = shoki_core::Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    let id = m.id;
    store.update_council(m.council.id, CouncilField::CoverAbsent, "true").unwrap();
    store.update_council(m.council.id, CouncilField::Disclosure, "公開").unwrap();
    store.open_meeting(id, at("14:00:00")).unwrap();
    store.record_attendance(id, m.attendance[5].member_id, "absent", at("14:00:00")).unwrap();
    let cover = rows(&store, id);
    let labels: Vec<&str> = cover.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        ["名称", "日時", "会場", "公開・非公開", "出席者", "欠席者", "傍聴者", "配付資料", "会議次第", "発言の記録"]
    );
    assert_eq!(cover[5].1, ["森田"], "the absent member, by name");
    assert_eq!(cover[3].1, ["公開"]);
}
