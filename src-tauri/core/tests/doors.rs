//! Every door checked once: text and numbers from the keyboard, the IME, a paste, the IPC or an
//! import get the same answer from the core, and every file it writes opens. One test per kind
//! of fault, so the next instance of a kind is caught, not only the example that was reported.

mod common;

use std::cell::RefCell;

use common::{at, opened, zip_entries};
use proptest::prelude::*;
use shoki_core::export::{isolate, Format};
use shoki_core::model::VoteResult;
use shoki_core::store::vote::VoteInput;
use shoki_core::store::MeetingField;
use shoki_core::validate::{self, Shape};
use shoki_core::Store;

/// Every XML part of the DOCX parsed as XML 1.0 (roxmltree refuses what Word refuses: characters
/// XML cannot hold, bad escapes, unbalanced tags); answers the text of every `w:t`, in order.
fn docx_text(docx: &[u8]) -> String {
    let mut text = String::new();
    for (name, bytes) in zip_entries(docx) {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let xml = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"));
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"));
        if name == "word/document.xml" {
            for t in doc.descendants().filter(|n| n.has_tag_name("t")) {
                text.push_str(t.text().unwrap_or(""));
                text.push('\n');
            }
        }
    }
    text
}

/// The HTML5 parse errors of `html`, as a browser-grade tokenizer (html5ever, exact errors on)
/// reports them: control characters, noncharacters, bad character references, bad tags. The
/// markup around the text is fixed and tested elsewhere; what random text can break is here.
fn html_errors(html: &str) -> Vec<String> {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
    struct Errors(RefCell<Vec<String>>);
    impl TokenSink for Errors {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            if let Token::ParseError(e) = token {
                self.0.borrow_mut().push(e.into_owned());
            }
            TokenSinkResult::Continue
        }
    }
    let tokenizer =
        Tokenizer::new(Errors(RefCell::new(Vec::new())), TokenizerOpts { exact_errors: true, ..Default::default() });
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// Opens every export of `meeting_id` as its reader would and answers (text export, JSON).
fn open_every_export(store: &Store, meeting_id: i64) -> (String, String, serde_json::Value) {
    let docx = store.render(meeting_id, Format::Docx).unwrap();
    let words = docx_text(&docx);
    let html = String::from_utf8(store.render(meeting_id, Format::Html).unwrap()).unwrap();
    assert!(
        html.starts_with("<!doctype html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">"),
        "charset declared first"
    );
    let errors = html_errors(&html);
    assert!(errors.is_empty(), "HTML parse errors: {errors:?}");
    let windows = store.render(meeting_id, Format::Txt).unwrap();
    assert!(windows.starts_with(b"\xEF\xBB\xBF"), "the text for Windows starts with a BOM");
    let windows = String::from_utf8(windows).unwrap();
    assert!(!windows.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
    let text = String::from_utf8(store.render(meeting_id, Format::TxtLf).unwrap()).unwrap();
    assert!(!text.starts_with('\u{FEFF}') && !text.contains('\r'));
    assert_eq!(windows, format!("\u{FEFF}{}", text.replace('\n', "\r\n")), "the same text, line ends apart");
    let json = serde_json::from_slice(&store.render(meeting_id, Format::Json).unwrap()).unwrap();
    (words, text, json)
}

/// Characters a secretary's paste can hold: Japanese, Latin, the supplementary plane (𠮷),
/// emoji with ZWJ and skin tones, variation selectors (葛󠄀), combining marks, half-width kana,
/// bidi controls, zero-width characters, markup, and any other scalar value the policy allows.
fn pasted_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::char::range('ぁ', 'ん'),
        3 => prop::char::range('一', '龥'),
        2 => prop::char::range(' ', '~'),
        2 => prop::char::range('\u{20000}', '\u{2A6DF}'),
        2 => prop::char::range('\u{1F300}', '\u{1FAFF}'),
        1 => prop::char::range('\u{1F3FB}', '\u{1F3FF}'),
        2 => prop::sample::select(vec!['\u{200D}', '\u{FE0F}', '\u{FE0E}', '\u{E0100}', '\u{E01EF}', '\u{200B}', '\u{FEFF}', '\u{3099}', '\u{0301}']),
        1 => prop::char::range('\u{FF61}', '\u{FF9F}'),
        1 => prop::sample::select(vec!['\u{202E}', '\u{202D}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200F}', '\u{061C}', '\u{202C}']),
        1 => prop::sample::select(vec!['<', '>', '&', '"', '\'', ']', '\n', '（', '）', '\u{E000}', '\u{F8FF}']),
        2 => any::<char>(),
    ]
}

fn pasted(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(pasted_char(), 1..max).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever the policy lets in comes out of every export: the DOCX parses as XML, the HTML
    /// has no parse error, and the words survive byte for byte in the text (each paragraph,
    /// isolated when it holds bidi controls) and in the JSON (the whole turn).
    #[test]
    fn random_unicode_survives_every_export(words in pasted(60), name in pasted(12), venue in pasted(20)) {
        let words = validate::text_policy("t", "発言", &words, 20_000, true, Shape::Paragraphs);
        let name = validate::text_policy("n", "氏名", &name, validate::NAME_MAX, true, Shape::Line);
        let venue = validate::text_policy("v", "会場", &venue, validate::VENUE_MAX, false, Shape::Line);
        prop_assume!(words.is_ok() && name.is_ok() && venue.is_ok());
        let (words, name, venue) = (words.unwrap(), name.unwrap(), venue.unwrap());
        let mut store = Store::open_in_memory().unwrap();
        let m = store.load_sample().unwrap();
        let council = store.add_member(m.council.id, &name, "member").unwrap();
        let member = council.members.iter().find(|x| x.name == name).unwrap().id;
        store.set_attendance(m.id, member, "present").unwrap();
        store.update_meeting(m.id, MeetingField::Venue, &venue, at("10:00:00")).unwrap();
        store.open_meeting(m.id, at("14:00:00")).unwrap();
        let turn = store.add_turn(m.id, "member", &words, at("14:01:00")).unwrap();
        prop_assert_eq!(&turn.text, &words, "stored as typed");

        let (docx, text, json) = open_every_export(&store, m.id);
        for p in words.split('\n').map(str::trim_end).filter(|p| !p.is_empty()) {
            prop_assert!(text.contains(&isolate(p)), "paragraph {:?} in the text export", p);
            prop_assert!(docx.contains(&isolate(p)), "paragraph {:?} in the DOCX", p);
        }
        prop_assert!(text.contains(&isolate(&name)), "the name in the 出席者 line");
        prop_assert!(docx.contains(&isolate(&name)));
        let turns = json["turns"].as_array().unwrap();
        prop_assert_eq!(turns.last().unwrap()["text"].as_str().unwrap(), words.as_str(), "the JSON keeps the turn whole");
        let members = json["council"]["members"].as_array().unwrap();
        prop_assert!(members.iter().any(|x| x[0].as_str() == Some(name.as_str())));
    }
}

#[test]
fn noncharacters_and_controls_are_refused_at_every_text_door() {
    let (mut store, id) = opened();
    let council = store.meeting(id).unwrap().council.id;
    for bad in [
        '\u{FFFF}', '\u{FFFE}', '\u{B}', '\u{C}', '\u{0}', '\u{1B}', '\u{85}', /* NEL is a line end */
        '\u{9B}', '\u{FDD0}',
    ] {
        let typed = format!("前{bad}後");
        if bad == '\u{85}' {
            let t = store.add_turn(id, "member", &typed, at("14:02:00")).unwrap();
            assert_eq!(t.text, "前\n後", "NEL ends a line");
            continue;
        }
        let hex = format!("{:04X}", bad as u32);
        let e = store.add_turn(id, "member", &typed, at("14:02:00")).unwrap_err().to_string();
        assert!(e.contains(&hex), "turn, {hex}: {e}");
        assert!(store.save_draft(id, "member", &typed, at("14:02:00")).is_err(), "draft, {hex}");
        assert!(store.add_note(id, "none", &typed, false, at("14:02:00")).is_err(), "note, {hex}");
        assert!(store.add_member(council, &typed, "member").is_err(), "member, {hex}");
        assert!(store.add_official(council, &typed).is_err(), "official, {hex}");
        assert!(
            store.update_council(council, shoki_core::store::CouncilField::Name, &typed).is_err(),
            "council, {hex}"
        );
    }
    assert!(store.draft(id).unwrap().is_none(), "no draft holds NUL or ESC");
}

#[test]
fn bidi_controls_are_refused_in_names_and_isolated_in_words() {
    let (mut store, id) = opened();
    let council = store.meeting(id).unwrap().council.id;
    let e = store.add_member(council, "浅田\u{202E}植野", "member").unwrap_err().to_string();
    assert!(e.contains("U+202E"), "{e}");
    store.add_turn(id, "member", "ここから\u{202E}逆向き", at("14:03:00")).unwrap();
    let (docx, text, _) = open_every_export(&store, id);
    let html = String::from_utf8(store.render(id, Format::Html).unwrap()).unwrap();
    for out in [&docx, &text, &html] {
        assert!(out.contains("\u{2068}ここから\u{202E}逆向き\u{2069}"), "isolated in every format");
    }
    // A stray PDI cannot close the isolate early; an open isolate is closed.
    assert_eq!(isolate("a\u{2069}\u{202E}b"), "\u{2068}\u{2068}a\u{2069}\u{202E}b\u{2069}");
    assert_eq!(isolate("a\u{2067}b"), "\u{2068}a\u{2067}b\u{2069}\u{2069}");
    assert_eq!(isolate("普通の文"), "普通の文", "text without bidi controls is unchanged");
}

#[test]
fn a_record_stored_past_the_policy_is_refused_by_every_writer_not_written_unreadable() {
    let data = common::TempDir::new("doors-writers");
    let id = {
        let mut store = Store::open(data.path()).unwrap();
        let m = store.load_sample().unwrap();
        store.open_meeting(m.id, at("14:00:00")).unwrap();
        store.add_turn(m.id, "member", "後で壊す発言", at("14:01:00")).unwrap();
        m.id
    };
    // As an older version or a hand-edited store could hold it.
    let conn = rusqlite::Connection::open(data.path().join("shoki.sqlite3")).unwrap();
    conn.execute("UPDATE turn SET text = 'a' || char(65535) || 'b' WHERE text = '後で壊す発言'", []).unwrap();
    drop(conn);
    let store = Store::open(data.path()).unwrap();
    for format in [Format::Docx, Format::Html, Format::Txt, Format::TxtLf] {
        let e = store.render(id, format).unwrap_err();
        assert_eq!(e.code(), "EXPORT_FAILED");
        assert!(e.to_string().contains("U+FFFF"), "{format:?}: {e}");
    }
    assert!(store.render(id, Format::Json).is_ok(), "the JSON carries every record, escaped");
}

#[test]
fn counts_and_times_accept_full_width_digits_and_the_ime_colon_everywhere() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    let council = m.council.id;
    use shoki_core::store::CouncilField;
    assert_eq!(store.update_council(council, CouncilField::Membership, "２２").unwrap().membership, 22);
    assert_eq!(
        store.update_council(council, CouncilField::VentilationMinutes, "６０").unwrap().ventilation_minutes,
        60
    );
    assert_eq!(store.update_meeting(m.id, MeetingField::Ordinal, "５", at("10:00:00")).unwrap().ordinal, 5);
    assert_eq!(store.update_meeting(m.id, MeetingField::Observers, "　３ ", at("10:00:00")).unwrap().observers, 3);
    assert_eq!(
        store.update_meeting(m.id, MeetingField::PlannedStart, "１３：３０", at("10:00:00")).unwrap().planned_start,
        "13:30"
    );
    assert_eq!(
        store.update_meeting(m.id, MeetingField::PlannedEnd, "１７００", at("10:00:00")).unwrap().planned_end,
        "17:00"
    );
    assert!(store.update_meeting(m.id, MeetingField::Observers, "三", at("10:00:00")).is_err());
}

/// The vote: 15 vote, 賛成 ６ and 棄権 ３ typed with the IME make 反対 6 and 否決; 反対 left
/// blank is never read as 0 — the count is refused as short of those who vote.
#[test]
fn a_full_width_vote_gives_the_councils_result() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    let away: Vec<i64> = m
        .attendance
        .iter()
        .filter(|a| {
            a.role == shoki_core::model::Role::Member && a.status == shoki_core::model::AttendanceStatus::Present
        })
        .map(|a| a.member_id)
        .take(4)
        .collect();
    for member in away {
        store.set_attendance(m.id, member, "absent").unwrap();
    }
    store.open_meeting(m.id, at("14:00:00")).unwrap();
    assert_eq!(store.meeting(m.id).unwrap().eligible, 15);
    let input = |f: &str, a: &str, x: &str| VoteInput {
        for_count: f.into(),
        against_count: a.into(),
        abstain_count: x.into(),
        ..Default::default()
    };
    let e = store.preview_vote(m.id, &input("６", "", "３")).unwrap_err().to_string();
    assert!(e.contains("15"), "a blank 反対 is not zero: {e}");
    for (f, a, x) in [("６", "６", "３"), ("6", "６", "3"), ("６", "6", "３"), (" ６", "６ ", "　３")] {
        let v = store.preview_vote(m.id, &input(f, a, x)).unwrap();
        assert_eq!(
            (v.for_count, v.against_count, v.abstain_count, v.result),
            (6, 6, 3, VoteResult::Rejected),
            "{f}{a}{x}"
        );
    }
    let v = store.record_vote(m.id, &input("６", "６", "３"), true, at("14:30:00")).unwrap();
    assert_eq!((v.result, v.result_text.as_str()), (VoteResult::Rejected, "否決"));
}

/// The sample, opened, with a turn, a vote and a draft, as a JSON export to be changed.
fn exported() -> (Store, serde_json::Value) {
    let (mut store, id) = opened();
    store.add_turn(id, "chair", "それでは始めます。", at("14:01:00")).unwrap();
    store.add_turn(id, "member", "質問です。\n二つあります。", at("14:02:00")).unwrap();
    let input = VoteInput { for_count: "19".into(), ..Default::default() };
    store.record_vote(id, &input, true, at("14:05:00")).unwrap();
    store.save_draft(id, "official", "お答えし", at("14:06:00")).unwrap();
    let json = serde_json::from_slice(&store.render(id, Format::Json).unwrap()).unwrap();
    (Store::open_in_memory().unwrap(), json)
}

#[test]
fn import_accepts_a_bom_and_crlf_and_refuses_what_typing_refuses_naming_the_record() {
    let (mut store, json) = exported();
    // Notepad's BOM and CRLF line ends: imported like the original.
    let pretty = serde_json::to_string_pretty(&json).unwrap().replace('\n', "\r\n");
    let id = store.import_file(format!("\u{FEFF}{pretty}").as_bytes()).unwrap();
    assert_eq!(store.meeting_file(id).unwrap().turns.len(), json["turns"].as_array().unwrap().len());

    let turn =
        json["turns"].as_array().unwrap().iter().position(|t| t["text"] == "質問です。\n二つあります。").unwrap();
    let n = turn + 1;
    type Change = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(Change, String)> = vec![
        (Box::new(move |j| j["turns"][turn]["text"] = "質問\u{FFFF}です。".into()), format!("発言 {n} の内容")),
        (Box::new(move |j| j["turns"][turn]["text"] = "質問\u{B}です。".into()), format!("発言 {n} の内容")),
        (Box::new(move |j| j["turns"][turn]["text"] = "質問\u{C}です。".into()), "U+000C".into()),
        (Box::new(move |j| j["turns"][turn]["text"] = "質問\tです。".into()), "タブ".into()),
        (Box::new(move |j| j["turns"][turn]["text"] = "  ".into()), format!("発言 {n}")),
        (Box::new(move |j| j["turns"][turn]["speaker"] = "guest".into()), format!("発言 {n} の発言者")),
        (
            Box::new(move |j| {
                j["turns"][turn]["versions"] =
                    serde_json::json!([[null, "member", "前\u{0}", null, "2021-12-13T14:03:00", "edit"]])
            }),
            format!("発言 {n} の修正前 1"),
        ),
        (Box::new(|j| j["council"]["members"][2][0] = "浅田\u{202E}".into()), "委員 3 の氏名".into()),
        (Box::new(|j| j["council"]["officials"][0] = "課長\u{7}".into()), "区側 1 の職名".into()),
        (Box::new(|j| j["council"]["name"] = "審議会\u{9F}".into()), "審議会名".into()),
        (Box::new(|j| j["council"]["membership"] = 0.into()), "委員定数".into()),
        (Box::new(|j| j["agenda"][1]["items"][0][0] = "⑴外部機関".into()), "会議次第 2（1）の件名".into()),
        (Box::new(|j| j["agenda"][0]["title"] = "1) 会長あいさつ".into()), "会議次第 1 の件名".into()),
        (Box::new(|j| j["materials"][0][0] = "資料\u{FFFE}".into()), "配付資料 1".into()),
        (Box::new(|j| j["meeting"]["venue"] = "会場\r\n二行目".into()), "会場".into()),
        (Box::new(|j| j["meeting"]["planned_start"] = "25:00".into()), "開始時刻".into()),
        (Box::new(|j| j["meeting"]["observers"] = (-1).into()), "傍聴者".into()),
        (Box::new(|j| j["votes"][0]["counts"][4] = 5.into()), "採決 1".into()),
        (Box::new(|j| j["votes"][0]["counts"] = serde_json::json!([20, 19, 6, 0, 3])), "採決 1".into()),
        (Box::new(|j| j["draft"][1] = "下書き\u{1B}[2J".into()), "入力中の発言".into()),
        (Box::new(|j| j["council"]["phrases"][0][2] = "定型\u{0}".into()), "定型文 1".into()),
    ];
    for (change, expected) in cases {
        let mut file = json.clone();
        change(&mut file);
        let before = store.meetings().unwrap().len();
        let e = store.import_file(serde_json::to_string(&file).unwrap().as_bytes()).unwrap_err();
        let message = e.to_string();
        assert_eq!(e.code(), "INVALID_INPUT", "{message}");
        assert!(message.contains(&expected), "expected {expected:?} in: {message}");
        assert!(message.contains("何も読み込んでいません"), "{message}");
        assert_eq!(store.meetings().unwrap().len(), before, "nothing written: {expected}");
    }
}

/// File names for a stick, on a real FAT file system: an image made by mkfs.vfat and mounted with
/// fusefat (FUSE, no root mount needed). A name FAT refuses is refused before anything is written,
/// with the character named (it used to fail as 保存先のフォルダが見つかりません); a long legal name
/// typed without an extension is written with `.docx` and reads back. Skipped, saying why, where
/// the tools or FUSE are missing (`apt-get install dosfstools fusefat`; `make test` installs them).
/// fusefat 0.1a writes only ASCII long names, so the Japanese long name is written on the local
/// disk by `export::write`'s own test instead.
#[test]
fn an_export_to_a_fat_stick_refuses_illegal_names_and_writes_legal_ones() {
    use shoki_core::export::write::{export_target, write_safely};
    use std::process::Command;
    let dir = common::TempDir::new("doors-fat");
    let (image, mnt) = (dir.path().join("stick.img"), dir.path().join("mnt"));
    std::fs::create_dir(&mnt).unwrap();
    std::fs::File::create(&image).unwrap().set_len(16 << 20).unwrap();
    let ran =
        |cmd: &str, args: &[&std::ffi::OsStr]| Command::new(cmd).args(args).output().is_ok_and(|o| o.status.success());
    if !ran("mkfs.vfat", &[image.as_os_str()])
        || !ran("fusefat", &["-o".as_ref(), "rw+".as_ref(), image.as_os_str(), mnt.as_os_str()])
    {
        eprintln!("SKIPPED: no mkfs.vfat/fusefat or no FUSE here; install dosfstools and fusefat to run this test");
        return;
    }
    struct Unmount<'a>(&'a std::path::Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("fusermount").arg("-u").arg(self.0).status();
        }
    }
    let _unmount = Unmount(&mnt);
    let data = dir.path().join("data");
    let (store, id) = opened();
    let docx = store.render(id, Format::Docx).unwrap();
    let listing = || {
        let mut names: Vec<String> =
            std::fs::read_dir(&mnt).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    };
    let before = listing();
    for (name, shown) in [
        ("会議録:案.docx", "「:」"),
        ("会議録?.docx", "「?」"),
        ("a*b.html", "「*」"),
        ("\"案\".txt", "「\"」"),
        ("a<b>.txt", "「<」"),
        ("a|b.txt", "「|」"),
        ("a\\b.txt", "「\\」"),
        ("会議録.", "最後"),
        ("会議録 ", "最後"),
        ("CON.docx", "CON"),
        ("lpt1", "LPT1"),
        ("com9.txt", "COM9"),
        ("a\u{1}b.docx", "U+0001"),
    ] {
        let e = export_target(&mnt.join(name), &data, Format::Docx).unwrap_err();
        assert_eq!(e.code(), "EXPORT_FAILED");
        assert!(e.to_string().contains(shown), "{name:?}: {e}");
        assert!(!e.to_string().contains("見つかりません"), "the real reason, not a missing folder: {e}");
    }
    assert_eq!(listing(), before, "nothing written for a refused name");
    // Full-width forms are ordinary characters: the name is accepted (written on the local disk).
    assert!(export_target(&dir.path().join("会議録：案？＊＜＞｜.docx"), &data, Format::Docx).is_ok());

    let typed = mnt.join("Reiwa3-dai5kai-Joho-Kokai-Kojin-Joho-Hogo-Shingikai-Kaigiroku-An");
    let target = export_target(&typed, &data, Format::Docx).unwrap();
    assert_eq!(target.extension().unwrap(), "docx", "the extension is added");
    write_safely(&target, &docx).unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), docx, "read back from the stick");
    assert_eq!(listing().len(), before.len() + 1, "one file, no temporary left");
    let html = export_target(&mnt.join("kaigiroku.HTM"), &data, Format::Html).unwrap();
    assert!(html.ends_with("kaigiroku.HTM"), "an extension of the format is kept as typed");
    // A folder typed without its slash is the folder, refused: never a file named beside it.
    std::fs::create_dir_all(mnt.join("usb")).unwrap();
    for typed in [mnt.join("usb"), mnt.clone()] {
        let e = export_target(&typed, &data, Format::Docx).unwrap_err();
        assert!(e.to_string().contains("フォルダ"), "{typed:?}: {e}");
    }
}

#[test]
fn the_offered_file_name_is_the_meetings_and_fits_a_stick() {
    use shoki_core::export::default_file_name;
    use shoki_core::export::write::check_file_name;
    let (store, id) = opened();
    let doc = store.document(id).unwrap();
    assert_eq!(doc.file_name, "令和3年度第5回情報公開・個人情報保護審議会会議録（案）");
    for council in ["審議会: 第2部会?", "A/B*C<D>|\"E\"\\F", &"長い名前の審議会".repeat(30), "末尾の点.", "\u{202E}逆"]
    {
        let name = format!("{}.docx", default_file_name("令和3年度", 12, council, "会議録（案）"));
        check_file_name(&name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(name.starts_with("令和3年度第12回") && name.ends_with("会議録（案）.docx"), "{name}");
    }
    assert!(
        default_file_name("令和3年度", 1, "審議会: 部会?", "会議録").contains("審議会： 部会？"),
        "full-width forms"
    );
}
