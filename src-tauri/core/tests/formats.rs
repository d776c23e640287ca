//! Each preset format through one invented meeting of its own kind of body (our own words, not
//! taken from any body's minutes), exported and checked paragraph by paragraph in text, HTML and
//! DOCX; and a format is the meeting's from 開会: editing the council's format after changes no
//! opened meeting.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use shoki_core::export::Format;
use shoki_core::format::FormatProfile;
use shoki_core::store::{CouncilField, MeetingField};
use shoki_core::Store;

fn at(hms: &str) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap().and_time(chrono::NaiveTime::parse_from_str(hms, "%H:%M:%S").unwrap())
}

/// A committee of five (one absent) with two officials: one bill under 付託議案の審査, then 報告事項;
/// opened 13:30, closed 14:20, in the format `preset`, speakers labelled by name.
fn committee(preset: &str) -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.create_council("建設委員会", "5").unwrap();
    for (name, role) in [
        ("山田 太郎", "chair"),
        ("佐藤 花子", "vice_chair"),
        ("鈴木 一郎", "member"),
        ("高橋 次郎", "member"),
        ("田中 三郎", "member"),
    ] {
        store.add_member(c.id, name, role).unwrap();
    }
    store.add_official(c.id, "都市整備部長").unwrap();
    let c = store.add_official(c.id, "道路課長").unwrap();
    store.update_council(c.id, CouncilField::OfficialLabel, "理事者").unwrap();
    store.apply_format_preset(c.id, preset).unwrap();
    store.update_council(c.id, CouncilField::LabelStyle, "name").unwrap();
    let m = store.create_meeting(c.id, NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()).unwrap();
    let now = at("09:00:00");
    store.update_meeting(m.id, MeetingField::Venue, "第一委員会室", now).unwrap();
    store.update_meeting(m.id, MeetingField::PlannedStart, "13:30", now).unwrap();
    store.update_meeting(m.id, MeetingField::PlannedEnd, "15:00", now).unwrap();
    let m = store.add_agenda_entry(m.id, None, "付託議案の審査", now).unwrap();
    let m = store.add_agenda_entry(m.id, Some(m.agenda[0].id), "第45号議案　区道の認定について", now).unwrap();
    let m = store.add_agenda_entry(m.id, None, "報告事項", now).unwrap();
    let absent = m.attendance.iter().find(|a| a.name == "田中 三郎").unwrap().member_id;
    store.set_attendance(m.id, absent, "absent").unwrap();
    let m = store.open_meeting(m.id, at("13:30:00")).unwrap();
    let member = |name: &str| m.council.members.iter().find(|x| x.name == name).unwrap().id;
    let official = |title: &str| m.council.officials.iter().find(|x| x.title == title).unwrap().id;
    let (chair, suzuki, roads) = (member("山田 太郎"), member("鈴木 一郎"), official("道路課長"));
    let id = m.id;
    store
        .add_turn_by(id, "chair", Some(chair), "第45号議案を議題といたします。理事者の説明を求めます。", at("13:31:00"))
        .unwrap();
    store
        .add_turn_by(
            id,
            "official",
            Some(roads),
            "区道の認定について御説明いたします。\n資料1を御覧ください。",
            at("13:33:00"),
        )
        .unwrap();
    store.add_note(id, "none", "（資料により説明）", false, at("13:40:00")).unwrap();
    store.add_turn_by(id, "member", Some(suzuki), "延長はどの程度でしょうか。", at("13:45:00")).unwrap();
    store.add_turn_by(id, "official", Some(roads), "約120メートルでございます。", at("13:46:00")).unwrap();
    store.start_recess(id, at("13:50:00")).unwrap();
    store.end_recess(id, at("14:00:00")).unwrap();
    store
        .add_turn_by(
            id,
            "chair",
            Some(chair),
            "お諮りいたします。本案は原案どおり可決すべきものと決定することに御異議ございませんか。\n（「異議なし」の声あり）\n御異議なしと認めます。",
            at("14:05:00"),
        )
        .unwrap();
    store.advance_agenda(id, at("14:10:00")).unwrap();
    // Alt+1 alone, as the live screen invites: the meeting has one chair, whose name it is.
    store.add_turn(id, "chair", "以上で本日の委員会を閉会いたします。", at("14:19:00")).unwrap();
    store.close_meeting(id, at("14:20:00")).unwrap();
    (store, id)
}

fn text_of(store: &Store, id: i64) -> String {
    String::from_utf8(store.render(id, Format::TxtLf).unwrap()).unwrap()
}

/// The paragraphs of the text export: each cell of each line (label, words), blank ones left out.
/// The fingerprint's line is left out here and below: each format writes it its own way.
fn text_paragraphs(text: &str) -> Vec<String> {
    let text = text.split("\n指紋（SHA-256）").next().unwrap();
    text.lines().flat_map(|l| l.split('\t')).filter(|p| !p.is_empty()).map(str::to_string).collect()
}

fn without_fingerprint(mut paragraphs: Vec<String>) -> Vec<String> {
    paragraphs.retain(|p| !p.starts_with("指紋（SHA-256）"));
    paragraphs
}

/// The paragraphs of the DOCX: the text of each `w:p`, empty ones left out.
fn docx_paragraphs(docx: &[u8]) -> Vec<String> {
    let (_, xml) = common::zip_entries(docx).into_iter().find(|(n, _)| n == "word/document.xml").unwrap();
    let xml = String::from_utf8(xml).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let body = doc.descendants().find(|n| n.has_tag_name("body")).unwrap();
    body.descendants()
        .filter(|n| n.has_tag_name("p"))
        .map(|p| p.descendants().filter(|n| n.has_tag_name("t")).filter_map(|t| t.text()).collect::<String>())
        .filter(|p| !p.is_empty() && !p.starts_with("指紋（SHA-256）"))
        .collect()
}

/// The paragraphs of the HTML body: the text of each `p`, `th`, `h1`…`h4` in order.
fn html_paragraphs(html: &str) -> Vec<String> {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};
    use std::cell::RefCell;
    #[derive(Default)]
    struct Sink {
        open: RefCell<Option<String>>,
        out: RefCell<Vec<String>>,
        in_body: RefCell<bool>,
    }
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let block = |name: &str| matches!(name, "p" | "th" | "h1" | "h2" | "h3" | "h4");
            match token {
                Token::TagToken(tag) if &*tag.name == "body" => {
                    *self.in_body.borrow_mut() = tag.kind == TagKind::StartTag
                }
                Token::TagToken(tag) if *self.in_body.borrow() && block(&tag.name) => match tag.kind {
                    TagKind::StartTag => *self.open.borrow_mut() = Some(String::new()),
                    TagKind::EndTag => {
                        if let Some(text) = self.open.borrow_mut().take().filter(|t| !t.is_empty()) {
                            self.out.borrow_mut().push(text);
                        }
                    }
                },
                Token::CharacterTokens(t) => {
                    if let Some(open) = self.open.borrow_mut().as_mut() {
                        open.push_str(&t);
                    }
                }
                _ => {}
            }
            TokenSinkResult::Continue
        }
    }
    let tokenizer = Tokenizer::new(Sink::default(), Default::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    without_fingerprint(tokenizer.sink.out.take())
}

/// The text export is `expected`, and the HTML and the DOCX hold the same paragraphs in the
/// same order (the formats cannot disagree).
fn check_every_format(store: &Store, id: i64, expected: &str) {
    let text = text_of(store, id);
    assert_eq!(text, expected, "the text export, whole");
    let paragraphs = text_paragraphs(&text);
    let html = String::from_utf8(store.render(id, Format::Html).unwrap()).unwrap();
    assert_eq!(html_paragraphs(&html), paragraphs, "the HTML, paragraph by paragraph");
    assert_eq!(
        docx_paragraphs(&store.render(id, Format::Docx).unwrap()),
        paragraphs,
        "the DOCX, paragraph by paragraph"
    );
}

/// An assembly committee: running text with ○ labels by family name and title, 委員長, time lines
/// 午後1時30分開会 / 午後2時20分閉会, headings 1　…, a line between sections, the long weekday,
/// counts of those present and absent, and its own cover rows.
#[test]
fn an_assembly_committee_in_running_text() {
    let (store, id) = committee("assembly");
    check_every_format(
        &store,
        id,
        "委員会記録（案）

委員会名\t令和8年度第1回 建設委員会
開会日時\t令和8年6月15日（月曜日）午後1時30分から午後2時20分まで
場所\t第一委員会室
出席委員\t4名　委員長 山田 太郎、副委員長 佐藤 花子、鈴木 一郎、高橋 次郎
欠席委員\t1名　田中 三郎
説明のため出席した者\t都市整備部長、道路課長
案件\t1　付託議案の審査
\t（1）第45号議案　区道の認定について
\t2　報告事項
会議録署名委員\tなし

午後1時30分開会

1　付託議案の審査


（1）第45号議案　区道の認定について

○山田委員長　第45号議案を議題といたします。理事者の説明を求めます。
○道路課長　区道の認定について御説明いたします。
　資料1を御覧ください。
（資料により説明）
○鈴木委員　延長はどの程度でしょうか。
○道路課長　約120メートルでございます。
午後1時50分休憩
午後2時00分再開
○山田委員長　お諮りいたします。本案は原案どおり可決すべきものと決定することに御異議ございませんか。
　（「異議なし」の声あり）
　御異議なしと認めます。
――――――――――――――――――――――――

2　報告事項

○山田委員長　以上で本日の委員会を閉会いたします。
午後2時20分閉会

以 上
",
    );
}

/// A review board: a compact table, stage notes in 《 》, the 24-hour clock with ～, headings
/// 第1　…, its own 別紙 title, and no page break before it.
#[test]
fn a_review_board_in_a_compact_table() {
    let (store, id) = committee("review");
    check_every_format(
        &store,
        id,
        "会議録（案）

会議名\t第1回建設委員会
開催日時\t令和8年6月15日（月）13時30分～14時20分
場所\t第一委員会室
出席委員\t4名　山田 太郎、佐藤 花子、鈴木 一郎、高橋 次郎
事務局\t都市整備部長、道路課長
傍聴者の数\tなし
議題\t第1　付託議案の審査
\t1　第45号議案　区道の認定について
\t第2　報告事項

＜審議の経過＞


第1　付託議案の審査


1　第45号議案　区道の認定について

山田 太郎会長\t第45号議案を議題といたします。理事者の説明を求めます。
道路課長\t区道の認定について御説明いたします。
\t資料1を御覧ください。
\t《資料により説明》
鈴木 一郎委員\t延長はどの程度でしょうか。
道路課長\t約120メートルでございます。
山田 太郎会長\tお諮りいたします。本案は原案どおり可決すべきものと決定することに御異議ございませんか。
\t《「異議なし」の声あり》
\t御異議なしと認めます。

第2　報告事項

山田 太郎会長\t以上で本日の委員会を閉会いたします。

以 上
",
    );
    let docx = store.render(id, Format::Docx).unwrap();
    let (_, xml) = common::zip_entries(&docx).into_iter().find(|(n, _)| n == "word/document.xml").unwrap();
    assert!(!String::from_utf8(xml).unwrap().contains("w:type=\"page\""), "the record runs on after the cover");
}

/// The reference preset through the same meeting: the table, （ ）, the 別紙 on its own page.
#[test]
fn the_reference_preset_through_the_same_meeting() {
    let (store, id) = committee("reference");
    let text = text_of(&store, id);
    assert!(text.starts_with("会議録（案）\n\n名称\t令和8年度第1回 建設委員会\n日時\t令和8年6月15日（月）午後1時30分から午後2時20分まで\n"), "{text}");
    assert!(
        text.contains("\n＜令和8年度第1回審議会発言記録＞\n") && text.contains("\n\t（資料により説明）\n"),
        "{text}"
    );
    let paragraphs = text_paragraphs(&text);
    assert_eq!(docx_paragraphs(&store.render(id, Format::Docx).unwrap()), paragraphs);
}

/// The words on screen follow the format: a turn's label is 委員長 in the store's own answer
/// (what the live screen shows), also for a turn whose speaker was not picked.
#[test]
fn the_chairs_title_is_the_formats_on_screen_too() {
    let (store, id) = committee("assembly");
    let turns = store.transcript(id).unwrap();
    assert_eq!(turns[0].speaker_label, "委員長");
    let mut store = store;
    let m = store.meeting(id).unwrap();
    let c = store.create_council("別の委員会", "3").unwrap();
    store.add_member(c.id, "木村 四郎", "chair").unwrap();
    store.apply_format_preset(c.id, "assembly").unwrap();
    let _ = m;
    let other = store.create_meeting(c.id, NaiveDate::from_ymd_opt(2026, 6, 16).unwrap()).unwrap();
    store.add_agenda_entry(other.id, None, "協議事項", at("09:00:00")).unwrap();
    store.open_meeting(other.id, at("10:00:00")).unwrap();
    let t = store.add_turn(other.id, "chair", "開会します。", at("10:01:00")).unwrap();
    assert_eq!(t.speaker_label, "委員長", "without a name picked");
    let t = store.add_turn(other.id, "vice_chair", "はい。", at("10:02:00")).unwrap();
    assert_eq!(t.speaker_label, "副委員長");
}

/// A meeting keeps the format it was opened under: changing the council's format afterwards
/// changes no opened meeting's minutes; a meeting still being prepared follows it.
#[test]
fn a_meeting_keeps_the_format_it_was_held_under() {
    let (mut store, id) = committee("assembly");
    let before = store.render(id, Format::Txt).unwrap();
    let council = store.meeting(id).unwrap().council.id;
    store.apply_format_preset(council, "review").unwrap();
    let mut profile = FormatProfile::preset("review").unwrap();
    profile.chair_title = "座長".into();
    store.set_council_format(council, &profile).unwrap();
    assert_eq!(store.render(id, Format::Txt).unwrap(), before, "the opened meeting's minutes are unchanged");
    let next = store.create_meeting(council, NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()).unwrap();
    assert_eq!(store.meeting(next.id).unwrap().council.format.chair_title, "座長", "a new meeting follows");
}

/// The format travels with the meeting's file: exported and imported, the minutes are the same;
/// a file whose format breaks a rule is refused with the settings' own message.
#[test]
fn the_format_travels_with_the_meetings_file() {
    let (store, id) = committee("assembly");
    let file = store.render(id, Format::Json).unwrap();
    let mut other = Store::open_in_memory().unwrap();
    let imported = other.import_meeting(&file).unwrap();
    assert_eq!(other.render(imported, Format::Txt).unwrap(), store.render(id, Format::Txt).unwrap());
    let broken = String::from_utf8(file).unwrap().replace("\"{姓}{役職}\"", "\"{姓}{あだ名}\"");
    let e = Store::open_in_memory().unwrap().import_meeting(broken.as_bytes()).unwrap_err().to_string();
    assert!(e.contains("{あだ名}は使えません"), "{e}");
}

/// A shared 書式 file: written from one council, read into another; anything else is refused
/// with what to do, and the council's format is left as it was.
#[test]
fn a_format_file_is_shared_between_councils() {
    let (mut store, id) = committee("review");
    let council = store.meeting(id).unwrap().council;
    let text = store.council_format_file(council.id).unwrap();
    let other = store.create_council("隣の区の審査会", "7").unwrap();
    let taken = store.import_council_format(other.id, text.as_bytes()).unwrap();
    assert_eq!((&taken.format, taken.label_style), (&council.format, council.label_style), "labelling too");
    let newer = text.replacen("\"preset\"", "\"page_numbers\": true,\n    \"preset\"", 1);
    let no_cover = {
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        v["profile"].as_object_mut().unwrap().remove("cover");
        v.to_string()
    };
    let many_rows = {
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let row = v["profile"]["cover"][0].clone();
        v["profile"]["cover"] = serde_json::Value::Array(vec![row; 1400]);
        v.to_string()
    };
    let older = {
        // A file of the first version, before members by group and the officers' label.
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        for field in ["attendee_note", "members_by_group", "officer_label"] {
            v["profile"].as_object_mut().unwrap().remove(field);
        }
        v.to_string()
    };
    assert_eq!(store.import_council_format(other.id, older.as_bytes()).unwrap().format, council.format);
    for (bad, says) in [
        ("", "読めません"),
        ("{}", "読めません"),
        ("not json", "読めません"),
        ("{\"shoki_format\": 2, \"profile\": {}}", "新しい版"),
        ("{\"shoki_format\": 0, \"profile\": {}}", "読めません"),
        ("{\"shoki_format\": 1, \"profile\": {}}", "ありません"),
        (newer.as_str(), "知らない欄「page_numbers」"),
        (no_cover.as_str(), "欄「cover」がありません"),
        (&text.replacen("\"label\":", "\"extra\": 1, \"label\":", 1), "読めません"),
        (many_rows.as_str(), "表紙の欄は40まで"),
        (&text.replacen("\"label_style\": \"name\"", "\"label_style\": \"nickname\"", 1), "読めません"),
    ] {
        let e = store.import_council_format(other.id, bad.as_bytes()).unwrap_err();
        assert!(e.to_string().contains(says), "{bad:.60}: {e}");
    }
    assert_eq!(store.council(other.id).unwrap().format, council.format, "left as it was");
}

/// A review board numbers its meetings on through the years (第192回) and names them without the
/// 年度; the reference council starts again at 第1回 each 年度.
#[test]
fn meetings_are_numbered_as_the_body_numbers_them() {
    let (mut store, id) = committee("review");
    let council = store.meeting(id).unwrap().council.id;
    let next_year = store.create_meeting(council, NaiveDate::from_ymd_opt(2027, 5, 10).unwrap()).unwrap();
    assert_eq!((next_year.ordinal, next_year.title.as_str()), (2, "第2回建設委員会"), "on from 第1回 of last 年度");
    let m = store.update_meeting(next_year.id, MeetingField::Ordinal, "１９２", at("09:00:00")).unwrap();
    assert_eq!(m.title, "第192回建設委員会");
    let e = store.update_meeting(id, MeetingField::Ordinal, "192", at("09:00:00")).unwrap_err();
    assert_eq!(e.field(), Some("meeting.ordinal"), "192 is taken, whatever the 年度");
    store.apply_format_preset(council, "reference").unwrap();
    let fresh = store.create_meeting(council, NaiveDate::from_ymd_opt(2028, 5, 10).unwrap()).unwrap();
    assert_eq!((fresh.ordinal, fresh.title.as_str()), (1, "令和10年度第1回 建設委員会"));
}

/// 休憩 and 再開 are events of the meeting with their rules: one recess at a time, 再開 only
/// during one, no 閉会 in the middle of one; they travel in the meeting's file and are locked
/// with the rest of a final meeting.
#[test]
fn a_recess_is_an_event_of_the_meeting() {
    let (mut store, id) = committee("assembly");
    let e = store.start_recess(id, at("14:30:00")).unwrap_err();
    assert_eq!(e.field(), Some("meeting.status"), "not after 閉会");
    let c = store.meeting(id).unwrap().council.id;
    let m = store.create_meeting(c, NaiveDate::from_ymd_opt(2026, 6, 20).unwrap()).unwrap();
    store.open_meeting(m.id, at("10:00:00")).unwrap();
    assert_eq!(store.end_recess(m.id, at("10:05:00")).unwrap_err().field(), Some("meeting.recess"), "not in recess");
    store.start_recess(m.id, at("10:10:00")).unwrap();
    assert_eq!(store.start_recess(m.id, at("10:11:00")).unwrap_err().field(), Some("meeting.recess"), "twice");
    assert_eq!(
        store.close_meeting(m.id, at("10:12:00")).unwrap_err().field(),
        Some("meeting.recess"),
        "閉会 in recess"
    );
    assert_eq!(store.end_recess(m.id, at("10:09:00")).unwrap_err().field(), Some("meeting.recess"), "before it began");
    let resumed = store.end_recess(m.id, at("10:20:00")).unwrap();
    assert_eq!(resumed.recesses.len(), 1);
    assert_eq!(resumed.recesses[0].ended_at.as_deref(), Some("2026-06-15T10:20:00"));
    // The file carries the recess; a file whose recess ends before it begins is refused.
    let file = String::from_utf8(store.render(id, Format::Json).unwrap()).unwrap();
    assert!(file.contains("\"recesses\""), "in the file");
    let mut other = Store::open_in_memory().unwrap();
    let copy = other.import_meeting(file.as_bytes()).unwrap();
    assert_eq!(other.render(copy, Format::TxtLf).unwrap(), store.render(id, Format::TxtLf).unwrap());
    let broken = file.replace("\"2026-06-15T14:00:00\"\n", "\"2026-06-15T13:40:00\"\n");
    assert!(Store::open_in_memory().unwrap().import_meeting(broken.as_bytes()).is_err(), "再開 before 休憩");
    // Final: the recess rows are locked with the rest, whoever writes.
    store.mark_draft(id, at("15:00:00")).unwrap();
    store.finalize_meeting(id, at("15:01:00")).unwrap();
    let dir = common::TempDir::new("recess-final");
    let final_id = Store::open(dir.path()).unwrap().import_meeting(&store.render(id, Format::Json).unwrap()).unwrap();
    let raw = rusqlite::Connection::open(Store::path(dir.path())).unwrap();
    for sql in [
        format!("UPDATE recess SET ended_at = '2026-06-15T14:05:00' WHERE meeting_id = {final_id}"),
        format!("DELETE FROM recess WHERE meeting_id = {final_id}"),
        format!("INSERT INTO recess (meeting_id, started_at) VALUES ({final_id}, '2026-06-15T14:10:00')"),
    ] {
        let e = raw.execute(&sql, []).expect_err(&sql);
        assert!(e.to_string().contains("SHOKI_FINAL"), "{sql}: {e}");
    }
}

/// Some bodies print no 会議次第: a meeting without one opens, its turns stand in the record
/// without headings, and the cover has no such row when the format leaves it out; its decisions
/// are in 会議の結果 all the same, and a 会議次第 row says なし.
#[test]
fn a_meeting_without_an_agenda_is_recorded() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.create_council("景観審査会", "3").unwrap();
    store.add_member(c.id, "小林 五郎", "chair").unwrap();
    store.add_member(c.id, "加藤 六子", "member").unwrap();
    let mut format = FormatProfile::preset("review").unwrap();
    format.cover.retain(|r| r.field != shoki_core::format::CoverField::Agenda);
    store.set_council_format(c.id, &format).unwrap();
    let m = store.create_meeting(c.id, NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()).unwrap();
    store.open_meeting(m.id, at("10:00:00")).unwrap();
    store.add_turn(m.id, "chair", "ただいまから審査会を開きます。", at("10:01:00")).unwrap();
    store.add_note(m.id, "none", "（申請者入室）", false, at("10:02:00")).unwrap();
    store.close_meeting(m.id, at("10:30:00")).unwrap();
    let text = text_of(&store, m.id);
    assert!(
        text.ends_with("＜審議の経過＞\n\n会長\tただいまから審査会を開きます。\n\t《申請者入室》\n\n以 上\n"),
        "{text}"
    );
    assert!(!text.contains("議題"), "{text}");
    // The next meeting prints its decision and an empty 会議次第.
    use shoki_core::format::{CoverField, CoverRow};
    use shoki_core::store::vote::VoteInput;
    format.cover.push(CoverRow { field: CoverField::Agenda, label: "議題".into(), text: String::new() });
    format.cover.push(CoverRow { field: CoverField::Results, label: "会議の結果".into(), text: String::new() });
    store.set_council_format(c.id, &format).unwrap();
    let m = store.create_meeting(c.id, NaiveDate::from_ymd_opt(2026, 7, 15).unwrap()).unwrap();
    store.open_meeting(m.id, at("10:00:00")).unwrap();
    let text = text_of(&store, m.id);
    assert!(text.contains("\n議題\tなし\n") && text.contains("\n会議の結果\tなし\n"), "{text}");
    let vote = VoteInput {
        method: Some("no_objection".into()),
        for_count: String::new(),
        against_count: String::new(),
        abstain_count: String::new(),
        chair_cast: None,
        override_result: None,
        override_reason: None,
        void_reason: None,
    };
    store.record_vote(m.id, &vote, false, at("10:10:00")).unwrap();
    let text = text_of(&store, m.id);
    assert!(text.contains("\n会議の結果\t承認（異議なし）\n"), "{text}");
}

/// Decisions other than counted hands: 異議なし carries the item unanimously without counts (a
/// count typed in is refused), 起立 writes its own notes; the 会議の結果 row prints each
/// decision, and the cover takes the membership and a text of the council's own.
#[test]
fn decisions_by_no_objection_and_standing_are_recorded_and_printed() {
    use shoki_core::format::{CoverField, CoverRow};
    use shoki_core::store::vote::VoteInput;
    let mut store = Store::open_in_memory().unwrap();
    let c = store.create_council("景観審査会", "3").unwrap();
    store.add_member(c.id, "小林 五郎", "chair").unwrap();
    store.add_member(c.id, "加藤 六子", "member").unwrap();
    store.add_member(c.id, "吉田 七郎", "member").unwrap();
    let mut format = FormatProfile::preset("review").unwrap();
    format.cover = vec![
        CoverRow { field: CoverField::Name, label: "会議名".into(), text: String::new() },
        CoverRow { field: CoverField::Membership, label: "委員数".into(), text: String::new() },
        CoverRow {
            field: CoverField::Text, label: "会議主管課".into(), text: "都市整備部都市計画課".into()
        },
        CoverRow { field: CoverField::Results, label: "会議の結果".into(), text: String::new() },
    ];
    store.set_council_format(c.id, &format).unwrap();
    let m = store.create_meeting(c.id, NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()).unwrap();
    let m = store.add_agenda_entry(m.id, None, "審議事項", at("09:00:00")).unwrap();
    let m = store.add_agenda_entry(m.id, Some(m.agenda[0].id), "景観計画の変更について", at("09:00:00")).unwrap();
    let m = store.add_agenda_entry(m.id, Some(m.agenda[0].id), "屋外広告物の許可基準について", at("09:00:00")).unwrap();
    store.open_meeting(m.id, at("10:00:00")).unwrap();
    let counted = VoteInput { method: Some("no_objection".into()), for_count: "2".into(), ..Default::default() };
    assert_eq!(store.record_vote(m.id, &counted, true, at("10:10:00")).unwrap_err().field(), Some("vote.for"));
    let none = VoteInput { method: Some("no_objection".into()), ..Default::default() };
    let v = store.record_vote(m.id, &none, true, at("10:10:00")).unwrap();
    assert_eq!(
        (v.result_text.as_str(), v.for_count, v.method),
        ("承認", 0, shoki_core::model::VoteMethod::NoObjection)
    );
    store.advance_agenda(m.id, at("10:20:00")).unwrap();
    let standing = VoteInput { method: Some("standing".into()), for_count: "2".into(), ..Default::default() };
    store.record_vote(m.id, &standing, true, at("10:30:00")).unwrap();
    store.close_meeting(m.id, at("10:40:00")).unwrap();
    let text = text_of(&store, m.id);
    let cover: Vec<&str> = text.lines().skip(2).take_while(|l| !l.is_empty()).collect();
    assert_eq!(
        cover,
        [
            "会議名\t第1回景観審査会",
            "委員数\t3名",
            "会議主管課\t都市整備部都市計画課",
            "会議の結果\t1　景観計画の変更について　承認（異議なし）",
            "\t2　屋外広告物の許可基準について　承認（起立 賛成2、反対0）",
        ]
    );
    assert!(
        text.contains("\t《「異議なし」の声あり》\n") && text.contains("\t《賛成者起立》\n\t《反対者起立》\n"),
        "{text}"
    );
    // The file keeps the method; a 異議なし with counts is refused on import.
    let file = String::from_utf8(store.render(m.id, Format::Json).unwrap()).unwrap();
    let mut other = Store::open_in_memory().unwrap();
    let copy = other.import_meeting(file.as_bytes()).unwrap();
    assert_eq!(other.render(copy, Format::TxtLf).unwrap(), store.render(m.id, Format::TxtLf).unwrap());
    let mut tampered: serde_json::Value = serde_json::from_str(&file).unwrap();
    tampered["votes"][0]["counts"][2] = serde_json::json!(2);
    let e = Store::open_in_memory().unwrap().import_meeting(tampered.to_string().as_bytes()).unwrap_err();
    assert!(e.to_string().contains("異議なし"), "{e}");
}

/// 会議録署名委員: named for the meeting (from its members, at most three, none twice), printed
/// in the cover row, said by the {署名委員} phrase, carried in the file; final minutes of a format
/// with a signature block end with the chair and the signers; officers' titles and online
/// attendance marked among those present when the format asks.
#[test]
fn signers_are_named_printed_and_sign_the_final_minutes() {
    let (mut store, id) = committee("assembly");
    let m = store.meeting(id).unwrap();
    let member = |name: &str| m.attendance.iter().find(|a| a.name == name).unwrap().member_id;
    let (suzuki, takahashi) = (member("鈴木 一郎"), member("高橋 次郎"));
    let e = store.update_meeting(id, MeetingField::Signers, &format!("{suzuki},{suzuki}"), at("15:00:00")).unwrap_err();
    assert_eq!(e.field(), Some("meeting.signers"), "none twice");
    let e = store.update_meeting(id, MeetingField::Signers, "99999", at("15:00:00")).unwrap_err();
    assert_eq!(e.field(), Some("meeting.signers"), "only the meeting's members");
    let absent = member("田中 三郎");
    let e = store.update_meeting(id, MeetingField::Signers, &absent.to_string(), at("15:00:00")).unwrap_err();
    assert!(e.to_string().contains("欠席の委員"), "an absent member does not sign: {e}");
    store.update_meeting(id, MeetingField::Signers, &format!("{suzuki},{takahashi}"), at("15:00:00")).unwrap();
    let phrase = shoki_core::store::phrase::expand(
        "会議録署名委員は、{署名委員}にお願いいたします。",
        &store.meeting(id).unwrap(),
    );
    assert_eq!(phrase, "会議録署名委員は、鈴木 一郎委員、高橋 次郎委員にお願いいたします。");
    let draft = text_of(&store, id);
    assert!(draft.contains("\n会議録署名委員\t鈴木 一郎、高橋 次郎\n"), "{draft}");
    assert!(draft.contains("出席委員\t4名　委員長 山田 太郎、副委員長 佐藤 花子、鈴木 一郎、高橋 次郎\n"), "{draft}");
    assert!(!draft.contains("署名する"), "no signature block on a draft");
    store.mark_draft(id, at("15:10:00")).unwrap();
    store.finalize_meeting(id, at("15:20:00")).unwrap();
    let final_text = text_of(&store, id);
    assert!(
        final_text.contains("\n以 上\n\n上記のとおり会議の次第を記録し、相違ないことを証するため、ここに署名する。\n委員長　山田 太郎　＿＿＿＿＿＿＿＿＿＿＿＿\n会議録署名委員　鈴木 一郎　＿＿＿＿＿＿＿＿＿＿＿＿\n会議録署名委員　高橋 次郎　＿＿＿＿＿＿＿＿＿＿＿＿\n"),
        "{final_text}"
    );
    let paragraphs = text_paragraphs(&final_text);
    assert_eq!(docx_paragraphs(&store.render(id, Format::Docx).unwrap()), paragraphs);
    let html = String::from_utf8(store.render(id, Format::Html).unwrap()).unwrap();
    assert_eq!(html_paragraphs(&html), paragraphs);
    let mut other = Store::open_in_memory().unwrap();
    let copy = other.import_meeting(&store.render(id, Format::Json).unwrap()).unwrap();
    assert_eq!(
        other.render(copy, Format::TxtLf).unwrap(),
        store.render(id, Format::TxtLf).unwrap(),
        "carried in the file"
    );
}

/// The public version (公開版) from the same record: the item held in closed session replaced
/// by the standard note, no member's name anywhere (labels by role, the cover by count), its own
/// title and fingerprint; the minutes themselves unchanged; no public JSON.
#[test]
fn the_public_version_names_nobody_and_leaves_out_closed_items() {
    use shoki_core::export::Version;
    let (mut store, id) = committee("assembly");
    let m = store.meeting(id).unwrap();
    let closed = m.agenda[0].items[0].id;
    let full_before = store.render(id, Format::TxtLf).unwrap();
    store.update_meeting(id, MeetingField::ClosedEntries, &closed.to_string(), at("15:00:00")).unwrap();
    assert_eq!(store.render(id, Format::TxtLf).unwrap(), full_before, "the minutes themselves are unchanged");
    let e = store.update_meeting(id, MeetingField::ClosedEntries, "999999", at("15:00:00")).unwrap_err();
    assert_eq!(e.field(), Some("meeting.closed_entries"));
    store.mark_draft(id, at("15:10:00")).unwrap();
    store.finalize_meeting(id, at("15:20:00")).unwrap();
    let public = String::from_utf8(store.render_version(id, Format::TxtLf, Version::Public).unwrap()).unwrap();
    for name in ["山田", "佐藤", "鈴木", "高橋", "田中"] {
        assert!(!public.contains(name), "{name} named in the public version: {public}");
    }
    assert!(public.starts_with("委員会記録（公開版）\n"), "{public}");
    assert!(public.contains("出席委員\t4名\n") && public.contains("欠席委員\t1名\n"), "{public}");
    assert!(
        public.contains("（1）第45号議案　区道の認定について\n\n（非公開の審議のため、発言の記録を省略します。）\n"),
        "{public}"
    );
    assert!(!public.contains("延長はどの程度"), "a closed item's words: {public}");
    assert!(
        public.contains("○委員長　以上で本日の委員会を閉会いたします。"),
        "open items keep their words, by role: {public}"
    );
    let full = String::from_utf8(store.render(id, Format::TxtLf).unwrap()).unwrap();
    let print = |t: &str| t.lines().find(|l| l.starts_with("指紋")).unwrap().to_string();
    assert_ne!(print(&full), print(&public), "each version its own fingerprint");
    let docx = docx_paragraphs(&store.render_version(id, Format::Docx, Version::Public).unwrap());
    assert_eq!(docx, text_paragraphs(&public));
    assert!(store.render_version(id, Format::Json, Version::Public).is_err(), "no public JSON");
    // The file carries which items were closed.
    let mut other = Store::open_in_memory().unwrap();
    let copy = other.import_meeting(&store.render(id, Format::Json).unwrap()).unwrap();
    assert_eq!(other.render_version(copy, Format::TxtLf, Version::Public).unwrap(), public.into_bytes());
}

/// A recess taken before anything was said under an item is printed under that item, not the
/// next one.
#[test]
fn a_recess_stays_under_the_item_it_was_taken_in() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.create_council("議会運営委員会", "3").unwrap();
    store.add_member(c.id, "小林 五郎", "chair").unwrap();
    store.apply_format_preset(c.id, "assembly").unwrap();
    let m = store.create_meeting(c.id, NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()).unwrap();
    store.add_agenda_entry(m.id, None, "日程の協議", at("09:00:00")).unwrap();
    store.add_agenda_entry(m.id, None, "その他", at("09:00:00")).unwrap();
    store.open_meeting(m.id, at("10:00:00")).unwrap();
    store.start_recess(m.id, at("10:01:00")).unwrap();
    store.end_recess(m.id, at("10:02:00")).unwrap();
    store.advance_agenda(m.id, at("10:03:00")).unwrap();
    store.add_turn(m.id, "chair", "その他、何かございますか。", at("10:04:00")).unwrap();
    store.close_meeting(m.id, at("10:05:00")).unwrap();
    let text = text_of(&store, m.id);
    let record = &text[text.find("午前10時00分開会").unwrap()..];
    let (first, second) = (record.find("1　日程の協議").unwrap(), record.find("2　その他").unwrap());
    let recess = record.find("午前10時01分休憩").unwrap();
    assert!(first < recess && recess < second, "{record}");
    assert!(record.find("午前10時02分再開").unwrap() < second, "{record}");
}

/// Several staff groups on one cover (理事者側 and 議会事務局, each with its own list): officials
/// put under a group, and a cover row of officials per group; the groups travel in the file.
#[test]
fn officials_are_listed_by_group_on_the_cover() {
    use shoki_core::format::{CoverField, CoverRow};
    let (mut store, id) = committee("assembly");
    let c = store.meeting(id).unwrap().council.id;
    let mut format = FormatProfile::preset("assembly").unwrap();
    format.cover.retain(|r| r.field != CoverField::Officials);
    format.cover.push(CoverRow {
        field: CoverField::Officials,
        label: "説明のため出席した者".into(),
        text: "理事者".into(),
    });
    format.cover.push(CoverRow {
        field: CoverField::Officials,
        label: "職務のため出席した者".into(),
        text: "議会事務局".into(),
    });
    store.set_council_format(c, &format).unwrap();
    let council = store.add_official(c, "議事調査係長").unwrap();
    for o in &council.officials {
        let group = if o.title == "議事調査係長" { "議会事務局" } else { "理事者" };
        store.set_official_group(o.id, group).unwrap();
    }
    assert_eq!(
        store.set_official_group(council.officials[0].id, "区\u{7}分").unwrap_err().field(),
        Some("official.group")
    );
    let next = store.create_meeting(c, NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()).unwrap();
    for o in &next.officials {
        store.set_official_attending(next.id, o.official_id, true).unwrap();
    }
    let text = text_of(&store, next.id);
    assert!(
        text.contains("\n説明のため出席した者\t都市整備部長、道路課長\n職務のため出席した者\t議事調査係長\n"),
        "{text}"
    );
    let mut other = Store::open_in_memory().unwrap();
    let copy = other.import_meeting(&store.render(next.id, Format::Json).unwrap()).unwrap();
    assert_eq!(other.render(copy, Format::TxtLf).unwrap(), text.into_bytes(), "groups in the file");
}

/// A 臨時 meeting is named so where the format's name says {臨時}, and stays so in its file.
#[test]
fn an_extraordinary_meeting_is_named_as_such() {
    let (mut store, id) = committee("review");
    let c = store.meeting(id).unwrap().council.id;
    let format = FormatProfile {
        meeting_name: "第{回}回{臨時}{名称}".into(),
        ..FormatProfile::preset("review").unwrap()
    };
    store.set_council_format(c, &format).unwrap();
    let m = store.create_meeting(c, NaiveDate::from_ymd_opt(2026, 8, 3).unwrap()).unwrap();
    assert_eq!(m.title, "第2回建設委員会");
    let m = store.update_meeting(m.id, MeetingField::Extraordinary, "true", at("09:00:00")).unwrap();
    assert_eq!(m.title, "第2回臨時建設委員会");
    assert!(store.meetings().unwrap().iter().any(|s| s.title == "第2回臨時建設委員会"), "in 会議一覧 too");
    assert!(store.update_meeting(m.id, MeetingField::Extraordinary, "maybe", at("09:00:00")).is_err());
    let mut other = Store::open_in_memory().unwrap();
    let copy = other.import_meeting(&store.render(m.id, Format::Json).unwrap()).unwrap();
    assert_eq!(other.meeting(copy).unwrap().title, "第2回臨時建設委員会");
}

/// Members grouped on the cover (学識経験者, 区民委員): a group a line under one row, or a row per
/// group; a note before the names (50音順・敬称略); the planned times beside the held ones; the
/// groups kept in the meeting's file and in the meeting's own copy of the roster.
#[test]
fn members_are_listed_by_group_with_a_note() {
    use shoki_core::format::{CoverField, CoverRow};
    let (mut store, _) = committee("review");
    let c = store.councils().unwrap()[0].id;
    let mut format = FormatProfile::preset("review").unwrap();
    format.members_by_group = true;
    format.attendee_note = "（50音順・敬称略）".into();
    format.cover.insert(2, CoverRow { field: CoverField::Planned, label: "開催予定".into(), text: String::new() });
    format.cover.push(CoverRow { field: CoverField::Absent, label: "欠席委員".into(), text: String::new() });
    format
        .cover
        .push(CoverRow { field: CoverField::Members, label: "うち区民委員".into(), text: "区民委員".into() });
    store.set_council_format(c, &format).unwrap();
    let council = store.council(c).unwrap();
    for m in &council.members {
        let group = if ["山田 太郎", "鈴木 一郎"].contains(&m.name.as_str()) {
            "学識経験者"
        } else {
            "区民委員"
        };
        store.set_member_group(m.id, group).unwrap();
    }
    assert_eq!(
        store.set_member_group(council.members[0].id, "学識\u{200B}経験者").unwrap_err().field(),
        Some("member.group")
    );
    let m = store.create_meeting(c, NaiveDate::from_ymd_opt(2026, 9, 7).unwrap()).unwrap();
    let now = at("09:00:00");
    store.update_meeting(m.id, MeetingField::PlannedStart, "10:00", now).unwrap();
    store.update_meeting(m.id, MeetingField::PlannedEnd, "12:00", now).unwrap();
    let absent = m.attendance.iter().find(|a| a.name == "高橋 次郎").unwrap().member_id;
    store.set_attendance(m.id, absent, "absent").unwrap();
    store.add_agenda_entry(m.id, None, "報告", now).unwrap();
    store.open_meeting(m.id, at("10:05:00")).unwrap();
    // The roster's groups change after 開会: the meeting keeps those it was held with.
    for x in &council.members {
        store.set_member_group(x.id, "").unwrap();
    }
    store.close_meeting(m.id, at("11:40:00")).unwrap();
    let text = text_of(&store, m.id);
    for line in [
        "\n開催日時\t令和8年9月7日（月）10時05分～11時40分\n",
        "\n開催予定\t令和8年9月7日（月）10時00分～12時00分\n",
        "\n出席委員\t（50音順・敬称略）\n\t学識経験者　2名　山田 太郎、鈴木 一郎\n\t区民委員　2名　佐藤 花子、田中 三郎\n",
        "\n欠席委員\t区民委員　1名　高橋 次郎\n",
        "\nうち区民委員\t（50音順・敬称略）\n\t2名　佐藤 花子、田中 三郎\n",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    let mut other = Store::open_in_memory().unwrap();
    let copy = other.import_meeting(&store.render(m.id, Format::Json).unwrap()).unwrap();
    assert_eq!(other.render(copy, Format::TxtLf).unwrap(), text.into_bytes(), "groups in the file");
}

/// Titles are printed and compared as seen: an invisible character in one is refused, as in marks
/// and groups, with the field named.
#[test]
fn a_title_with_an_invisible_character_is_refused() {
    let (mut store, id) = committee("assembly");
    let c = store.meeting(id).unwrap().council.id;
    for (field, title) in [("format.chair_title", "委\u{200B}員長"), ("format.member_title", "委員\u{FE00}")] {
        let mut f = FormatProfile::preset("assembly").unwrap();
        f.chair_title = if field == "format.chair_title" { title.into() } else { f.chair_title };
        f.member_title = if field == "format.member_title" { title.into() } else { f.member_title };
        let e = store.set_council_format(c, &f).unwrap_err();
        assert_eq!(e.field(), Some(field), "{e}");
        assert!(e.to_string().contains("見えない文字"), "{e}");
    }
    assert_eq!(store.council(c).unwrap().format, FormatProfile::preset("assembly").unwrap(), "left as it was");
}

/// Those attending whom the cover lists by no row — their group named by no row of officials or
/// members — are said on screen (never printed), so none vanishes unnoticed; a cover listing
/// everyone says nothing.
#[test]
fn attendees_left_off_the_cover_are_said() {
    use shoki_core::format::{CoverField, CoverRow};
    let (mut store, id) = committee("assembly");
    let c = store.meeting(id).unwrap().council.id;
    let mut format = FormatProfile::preset("assembly").unwrap();
    format.cover.retain(|r| r.field != CoverField::Officials);
    format
        .cover
        .push(CoverRow { field: CoverField::Officials, label: "理事者側".into(), text: "理事者".into() });
    store.set_council_format(c, &format).unwrap();
    let council = store.council(c).unwrap();
    store.set_official_group(council.officials[0].id, "理事者").unwrap();
    store.set_official_group(council.officials[1].id, "説明員").unwrap();
    let next = store.create_meeting(c, NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()).unwrap();
    for o in &next.officials {
        store.set_official_attending(next.id, o.official_id, true).unwrap();
    }
    let doc = store.document(next.id).unwrap();
    assert_eq!(doc.left_off_cover, vec!["道路課長（区分「説明員」）".to_string()]);
    assert!(!String::from_utf8(store.render(next.id, Format::TxtLf).unwrap()).unwrap().contains("説明員"));
    store.set_official_group(council.officials[1].id, "理事者").unwrap();
    assert!(store.document(next.id).unwrap().left_off_cover.is_empty(), "everyone listed");
}
