//! The exported 会議録 against the real one: the reference minutes are recorded through the core
//! (the window's own path is covered by tests/live.rs), then exported and compared paragraph by
//! paragraph — cover rows, every heading in order, every turn's speaker and words, 以 上.

mod support;

use chrono::NaiveDateTime;
use shoki_core::export::{write::write_safely, Format};
use shoki_core::Store;
use support::reference::{steps, Step};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
}

/// The reference meeting recorded from 14:00 to 17:00, as the secretary would.
fn recorded() -> (Store, i64, Vec<Step>) {
    recorded_labelled("role")
}

/// The reference recorded with the council labelling speakers by `style`, set before 開会 (a
/// meeting keeps the style it was opened with).
fn recorded_labelled(style: &str) -> (Store, i64, Vec<Step>) {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    store.update_council(m.council.id, shoki_core::store::CouncilField::LabelStyle, style).unwrap();
    let absent = store.add_member(m.council.id, "欠席委員", "member").unwrap().members.last().unwrap().id;
    store.set_attendance(m.id, absent, "absent").unwrap();
    store.open_meeting(m.id, at("2021-12-13T14:00:00")).unwrap();
    let steps = steps();
    let mut minute = 0;
    for step in &steps {
        minute += 1;
        let now = at("2021-12-13T14:00:00") + chrono::Duration::seconds(minute * 45);
        match step {
            Step::NextEntry => {
                store.advance_agenda(m.id, now).unwrap();
            }
            Step::Turn { speaker, paragraphs } => {
                // Which member asked is picked as the secretary would (here: by turns round the table).
                let who = (*speaker == "member").then(|| m.attendance[1 + minute as usize % 19].member_id);
                store.add_turn_by(m.id, speaker, who, &paragraphs.join("\n"), now).unwrap();
            }
            Step::Note { speaker, text, timed } => {
                store.add_note(m.id, speaker, text, *timed, now).unwrap();
            }
        }
    }
    store.close_meeting(m.id, at("2021-12-13T17:00:00")).unwrap();
    (store, m.id, steps)
}

#[test]
fn the_text_export_reproduces_the_reference_minutes() {
    let (store, id, steps) = recorded();
    let text = String::from_utf8(store.render(id, Format::TxtLf).unwrap()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "会議録（案）");
    let cover: Vec<&str> = lines.iter().copied().skip(2).take_while(|l| !l.is_empty()).collect();
    assert_eq!(cover[0], "名称\t令和3年度第5回 情報公開・個人情報保護審議会");
    assert_eq!(cover[1], "日時\t令和3年12月13日（月）午後2時から午後5時まで");
    assert_eq!(cover[2], "会場\t目黒区総合庁舎本館6階教育委員会室");
    assert!(cover[3].starts_with("出席者\t（委員） 浅田、植野、岡田、"), "{}", cover[3]);
    assert!(cover[3].ends_with("永積、藤吉"), "the absent member is not listed: {}", cover[3]);
    assert_eq!(cover[4], "\t（区側） 情報政策推進部長、行政情報マネジメント課長、情報政策課長、DX戦略課長、環境保全課長、臨時給付金課長、新型コロナ予防接種課長");
    assert_eq!(cover[5], "傍聴者\tなし");
    assert_eq!(cover[6], "配付資料\t＜事前配付資料＞ 諮問事項の資料、前回答申文、諮問文、審議会委員名簿");
    assert_eq!(cover[7], "会議次第\t1 会長あいさつ");
    assert_eq!(cover[9], "\t（1）外部機関との個人情報を含むデータの送受信の方法について");
    assert_eq!(cover.last().unwrap(), &"発言の記録\t別紙のとおり");
    assert!(text.contains("\n＜令和3年度第5回審議会発言記録＞\n"));
    assert_eq!(lines.last().unwrap(), &"以 上");

    // Every turn, in order, as speaker<TAB>first paragraph and <TAB>further paragraphs.
    let record: Vec<&str> = lines.iter().copied().skip_while(|l| !l.starts_with('＜')).collect();
    let rows: Vec<&str> = record.iter().copied().filter(|l| l.contains('\t')).collect();
    let mut expected: Vec<String> = Vec::new();
    for step in &steps {
        let label = |s: &str| match s {
            "chair" => "会長",
            "member" => "委員",
            _ => "区側",
        };
        match step {
            Step::NextEntry => {}
            Step::Turn { speaker, paragraphs } => {
                for (i, p) in paragraphs.iter().enumerate() {
                    expected.push(format!("{}\t{p}", if i == 0 { label(speaker) } else { "" }));
                }
            }
            Step::Note { speaker, text, timed } => {
                let minutes = if *timed { "（約1分）" } else { "" };
                expected.push(format!("{}\t{text}{minutes}", label(speaker)));
            }
        }
    }
    assert_eq!(rows.len(), expected.len(), "every paragraph is in the export");
    for (i, (got, want)) in rows.iter().zip(&expected).enumerate() {
        assert_eq!(got, want, "paragraph {i}");
    }
    let headings: Vec<&str> = record.iter().copied().filter(|l| !l.is_empty() && !l.contains('\t')).collect();
    assert_eq!(
        headings[..5],
        [
            "＜令和3年度第5回審議会発言記録＞",
            "1 会長あいさつ",
            "2 諮問事項",
            "（1）外部機関との個人情報を含むデータの送受信の方法について",
            "（2）石綿事前調査結果報告システムの利用に伴う電子計算組織の外部結合について"
        ]
    );
    assert!(headings.contains(&"4 その他"));
}

#[test]
fn markup_in_a_turn_comes_out_as_text_in_every_format() {
    let mut store = Store::open_in_memory().unwrap();
    let m = store.load_sample().unwrap();
    store.open_meeting(m.id, at("2021-12-13T14:00:00")).unwrap();
    let words = "<script>alert(1)</script> ]]> A & B （案）";
    store.add_turn(m.id, "member", words, at("2021-12-13T14:01:00")).unwrap();
    let html = String::from_utf8(store.render(m.id, Format::Html).unwrap()).unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; A &amp; B （案）"), "escaped in HTML");
    assert!(!html.contains("<script"), "no script reaches the HTML");
    let text = String::from_utf8(store.render(m.id, Format::Txt).unwrap()).unwrap();
    assert!(text.contains(&format!("委員\t{words}")), "as typed in text, full-width （案） kept");
    let json: serde_json::Value = serde_json::from_slice(&store.render(m.id, Format::Json).unwrap()).unwrap();
    assert_eq!(json["turns"][0]["text"], words);
}

#[test]
fn an_export_is_written_safely_and_never_touches_the_store() {
    let (store, id, _) = recorded();
    let dir = tempfile::Builder::new().prefix("shoki-export-").tempdir().unwrap().keep();
    let before = store.meeting(id).unwrap();
    for format in [Format::Html, Format::Txt, Format::Json] {
        let path = dir.join(format!("会議録.{}", format.extension()));
        let bytes = store.render(id, format).unwrap();
        write_safely(&path, &bytes).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }
    assert_eq!(store.meeting(id).unwrap(), before, "an export reads the store only");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The export screen: the preview shows the document, and the file written from the window is the
/// same as the one the command line writes.
#[test]
fn the_export_screen_writes_what_the_command_line_writes() {
    use support::webdriver::Driver;
    use support::{one_at_a_time, open_store, shot_path, DataDir};
    let _turn = one_at_a_time();
    let data = DataDir::new("export");
    let id = {
        let mut store = Store::open(data.path()).unwrap();
        let m = store.load_sample().unwrap();
        store.open_meeting(m.id, at("2021-12-13T14:00:00")).unwrap();
        store
            .add_turn(
                m.id,
                "chair",
                "それでは、定刻になりましたので、ただいまより開催いたします。",
                at("2021-12-13T14:00:30"),
            )
            .unwrap();
        store.add_turn(m.id, "member", "<b>太字</b> & ]]>", at("2021-12-13T14:01:00")).unwrap();
        store.close_meeting(m.id, at("2021-12-13T17:00:00")).unwrap();
        m.id
    };
    // The stick: a folder of its own (the data folder refuses exports, to keep the store safe).
    let stick = DataDir::new("export-stick");
    let out = stick.path().to_path_buf();
    let from_window = out.join("window.html");
    {
        let driver = Driver::start(data.path());
        let app = driver.launch();
        app.click_testid(&format!("open-meeting-{id}"));
        app.click_testid("go-export");
        assert_eq!(app.wait_text("preview-title", |t| !t.is_empty()), "会議録（案）");
        let preview = app.testid_text("export-preview");
        assert!(preview.contains("令和3年12月13日（月）午後2時から午後5時まで"), "the actual times: {preview}");
        assert!(preview.contains("<b>太字</b> & ]]>"), "markup shows as text");
        app.screenshot(&shot_path("30-export"));
        // The format last used on this laptop is offered (DOCX the first time); HTML is picked here.
        let format = app.by_testid("export-format");
        app.execute_on(&format, "arguments[0].value = 'html'; arguments[0].dispatchEvent(new Event('change'))");
        let path = app.by_testid("export-path");
        app.clear(&path);
        app.type_into(&path, &from_window.display().to_string());
        app.click_testid("export-save");
        let said = app.wait_text("export-result", |t| t.contains("確かめました") || t.contains("できません"));
        assert!(said.contains("読み戻して確かめました"), "{said}");
        assert!(!said.contains("USBメモリ"), "a folder on this laptop is not a stick: {said}");
        // PDF, for the council's website: printed by the window's own WebKit, no dialog.
        let pdf = out.join("window.pdf");
        app.execute_on(&format, "arguments[0].value = 'pdf'; arguments[0].dispatchEvent(new Event('change'))");
        app.clear(&path);
        app.type_into(&path, &pdf.display().to_string());
        app.click_testid("export-save");
        let said = app.wait_text("export-result", |t| t.contains("確かめました") || t.contains("でき"));
        assert!(said.contains("読み戻して確かめました"), "{said}");
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "a PDF");
        let text = std::process::Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().unwrap();
        assert!(String::from_utf8_lossy(&text.stdout).contains("令和3年度第5回"), "its text can be read back");
        assert!(
            !data.path().read_dir().unwrap().flatten().any(|e| e.file_name().to_string_lossy().contains("shoki-pdf")),
            "no temporary left"
        );
        // A folder that is not there (a stick pulled out): a clear message, no file.
        let gone = out.join("抜かれた").join("x.html");
        app.clear(&path);
        app.type_into(&path, &gone.display().to_string());
        app.click_testid("export-save");
        let said = app.wait_text("export-result", |t| t.contains("見つかりません"));
        assert!(said.contains("USBメモリが差さっているか"), "{said}");
        assert!(!gone.exists());
        // 閉会 → 案 → 確定, by the buttons on this screen.
        app.click_testid("mark-draft");
        app.wait_text("meeting-status", |t| t.starts_with("案として配布済み"));
        app.click_testid("finalize");
        // 確定 asks first; やめる is where the focus is, so a stray Enter does nothing.
        app.click_testid("finalize-confirm");
        app.wait_text("meeting-status", |t| t.starts_with("確定しています"));
        assert_eq!(app.wait_text("preview-title", |t| t == "会議録"), "会議録", "（案） is dropped once final");
        app.click_testid("reopen");
        let said = app.wait_text("error-status", |t| !t.is_empty());
        assert!(said.contains("理由を入力してください"), "{said}");
        app.screenshot(&shot_path("31-final"));
        app.quit();
    }
    drop(open_store(data.path()));
    let from_cli = out.join("cli.html");
    let status = std::process::Command::new(support::webdriver::app_binary())
        .args(["export", "--meeting", &id.to_string(), "--format", "html", "--out"])
        .arg(&from_cli)
        .env("SHOKI_DATA_DIR", data.path())
        .status()
        .unwrap();
    assert!(status.success(), "shoki export exits 0");
    // The window wrote the draft; the command line, run after 確定, writes the final. Only the
    // title and the fingerprint differ, since one document model feeds both.
    let window = String::from_utf8(std::fs::read(&from_window).unwrap()).unwrap();
    let cli = String::from_utf8(std::fs::read(&from_cli).unwrap()).unwrap();
    let (body, fingerprint) = cli.split_once("<p class=\"fingerprint\">").expect("final minutes carry a fingerprint");
    assert!(fingerprint.starts_with("指紋（SHA-256） "), "{fingerprint}");
    assert_eq!(
        window.replace("会議録（案）", "会議録"),
        format!("{body}</body>\n</html>\n"),
        "one document model feeds both"
    );
    let list = std::process::Command::new(support::webdriver::app_binary())
        .arg("list")
        .env("SHOKI_DATA_DIR", data.path())
        .output()
        .unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    assert!(list.contains("令和3年度第5回 情報公開・個人情報保護審議会"), "{list}");

    // shoki export --format json, then shoki import: a second, identical meeting.
    let json = out.join("meeting.json");
    let shoki = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new(support::webdriver::app_binary())
            .args(args)
            .env("SHOKI_DATA_DIR", data.path())
            .output()
            .unwrap()
    };
    let id_text = id.to_string();
    let exported = shoki(&[
        "export".as_ref(),
        "--meeting".as_ref(),
        id_text.as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "--out".as_ref(),
        json.as_os_str(),
    ]);
    assert!(exported.status.success());
    let imported = shoki(&["import".as_ref(), json.as_os_str()]);
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    let store = open_store(data.path());
    assert_eq!(store.meetings().unwrap().len(), 2);
}

/// The DOCX of the reference meeting opens in LibreOffice without repair and prints: converted
/// headless to PDF, its text has the title, the cover, the speech record and 以 上.
#[test]
fn the_docx_converts_cleanly_with_libreoffice() {
    let (store, id, _) = recorded();
    let dir = tempfile::Builder::new().prefix("shoki-docx-").tempdir().unwrap().keep();
    let docx = dir.join("minutes.docx");
    write_safely(&docx, &store.render(id, Format::Docx).unwrap()).unwrap();
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&docx)
        .env("HOME", &dir) // a profile of its own, so a running LibreOffice is not disturbed
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("LibreOffice (soffice) is installed by `make test`");
    assert!(status.success(), "soffice converts the DOCX");
    let pdf = dir.join("minutes.pdf");
    let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    let flat: String = text.split_whitespace().collect();
    for expected in [
        "会議録（案）",
        "令和3年12月13日（月）午後2時から午後5時まで",
        "＜令和3年度第5回審議会発言記録＞",
        "（1）外部機関との個人情報を含むデータの送受信の方法について",
        "以上",
    ] {
        let expected: String = expected.split_whitespace().collect();
        assert!(flat.contains(&expected), "the PDF shows {expected}");
    }
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 10, "the reference meeting runs to many A4 pages ({pages})");
    let shot = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e-shots/40-docx-page");
    std::fs::create_dir_all(shot.parent().unwrap()).unwrap();
    let _ = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "2"])
        .arg(&pdf)
        .arg(&shot)
        .status();
    let _ = std::fs::remove_dir_all(&dir);
}

/// JSON carries every record without store ids: imported into another store it is an identical
/// meeting, and exporting that gives the same bytes — in every format.
#[test]
fn json_round_trips_byte_for_byte() {
    // Labelled by name: the members picked while recording must survive the trip.
    let (mut store, id, _) = recorded_labelled("name");
    // Give it the records a finished meeting has: a corrected vote, a deleted turn, a reminder,
    // a draft, 案 and 確定.
    let first = store.transcript(id).unwrap()[3].clone();
    store
        .edit_turn(first.id, "member", "訂正した発言です。", first.agenda_entry_id, at("2021-12-13T17:10:00"))
        .unwrap();
    store.delete_turn(store.transcript(id).unwrap()[5].id, at("2021-12-13T17:11:00")).unwrap();
    store.mark_draft(id, at("2021-12-13T17:30:00")).unwrap();
    store.finalize_meeting(id, at("2021-12-20T10:00:00")).unwrap();
    let json = store.render(id, Format::Json).unwrap();
    assert!(
        String::from_utf8_lossy(&store.render(id, Format::Txt).unwrap()).contains("植野委員\t"),
        "names are in the record"
    );

    let mut other = Store::open_in_memory().unwrap();
    other.load_sample().unwrap(); // another meeting already there: ids differ
    let imported = other.import_meeting(&json).unwrap();
    assert_ne!(imported, id);
    for format in [Format::Json, Format::Txt, Format::Html, Format::Docx] {
        assert_eq!(
            other.render(imported, format).unwrap(),
            store.render(id, format).unwrap(),
            "{format:?} after import"
        );
    }
    let err = other.import_meeting(b"{\"format\": \"something else\"}").unwrap_err();
    assert!(err.to_string().contains("書記で書き出したJSON"), "{err}");
}

/// A full stick and a read-only one, for real: `shoki export` onto a 16 KiB tmpfs and onto a
/// read-only tmpfs (each mounted in a mount namespace of its own, as root) fails with the
/// Japanese message and leaves nothing behind — no partial file, no temporary one.
#[test]
fn a_full_or_read_only_stick_fails_clearly_and_leaves_nothing() {
    let (store, id, _) = recorded();
    let data = tempfile::Builder::new().prefix("shoki-stick-").tempdir().unwrap().keep();
    let stick = data.join("stick");
    std::fs::create_dir_all(&stick).unwrap();
    // The CLI reads the meeting from a store of its own: the recorded meeting, via its JSON.
    let json = data.join("meeting.json");
    write_safely(&json, &store.render(id, Format::Json).unwrap()).unwrap();
    let store_dir = data.join("store");
    let imported = {
        let mut s = Store::open(&store_dir).unwrap();
        s.import_meeting(&std::fs::read(&json).unwrap()).unwrap()
    };
    for (options, expected) in [("size=16k", "空きが足りません"), ("ro", "読み取り専用")] {
        let script = r#"mount -t tmpfs -o "$1" none "$2" || exit 99
"$3" export --meeting "$4" --format docx --out "$2/会議録.docx"; echo "exit=$?"; ls -A "$2""#;
        let out = std::process::Command::new("unshare")
            .args(["-m", "sh", "-c", script, "sh", options])
            .arg(&stick)
            .arg(support::webdriver::app_binary())
            .arg(imported.to_string())
            .env("SHOKI_DATA_DIR", &store_dir)
            .output()
            .expect("unshare (util-linux)");
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert_ne!(out.status.code(), Some(99), "tmpfs could not be mounted: {stderr}");
        assert!(stdout.starts_with("exit=1"), "{options}: the export fails: {stdout}{stderr}");
        assert!(stderr.contains(expected), "{options}: {stderr}");
        assert_eq!(stdout.lines().count(), 1, "{options}: nothing is left on the stick: {stdout}");
    }
    let _ = std::fs::remove_dir_all(&data);
}

/// `shoki import` is typing: a file saved by Notepad (BOM, CRLF) imports; a file holding what the
/// keyboard could not type (a noncharacter in a turn, an agenda title with its own number) is
/// refused with the record and field named, and nothing is written.
#[test]
fn shoki_import_checks_every_record_as_the_screens_do() {
    let (store, id, _) = recorded();
    let dir = tempfile::Builder::new().prefix("shoki-import-cli-").tempdir().unwrap().keep();
    let json: serde_json::Value = serde_json::from_slice(&store.render(id, Format::Json).unwrap()).unwrap();
    let import = |name: &str, value: &serde_json::Value, windows: bool| {
        let mut text = serde_json::to_string_pretty(value).unwrap();
        if windows {
            text = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
        }
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        std::process::Command::new(support::webdriver::app_binary())
            .arg("import")
            .arg(&path)
            .env("SHOKI_DATA_DIR", dir.join("store"))
            .output()
            .unwrap()
    };
    let out = import("notepad.json", &json, true);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let count = || Store::open(&dir.join("store")).unwrap().meetings().unwrap().len();
    assert_eq!(count(), 1);

    let mut bad = json.clone();
    bad["turns"][11]["text"] = "ここに\u{FFFF}があります".into();
    let mut numbered = json.clone();
    numbered["agenda"][1]["items"][2][0] = "１）国の行政機関".into();
    for (value, expected) in [(bad, "発言 12 の内容"), (numbered, "会議次第 2（3）の件名")] {
        let out = import("bad.json", &value, false);
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && said.contains(expected), "{expected}: {said}");
        assert!(said.contains("何も読み込んでいません"), "{said}");
        assert_eq!(count(), 1, "nothing written");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The reference council's format is the default: its minutes — every format, draft and final,
/// each label style — are byte for byte those Shoki wrote before formats became a setting.
/// `tests/golden/reference.sha256` holds their SHA-256, written by the build before
/// (`SHOKI_WRITE_GOLDEN=1` writes it anew; only ever do that for a change of format on purpose).
#[test]
fn the_reference_format_writes_the_same_bytes_as_before() {
    use sha2::{Digest, Sha256};
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/reference.sha256");
    let mut digests = String::new();
    for style in ["role", "name", "lettered"] {
        let (mut store, id, _) = recorded_labelled(style);
        for stage in ["draft", "final"] {
            if stage == "final" {
                store.mark_draft(id, at("2021-12-14T10:00:00")).unwrap();
                store.finalize_meeting(id, at("2021-12-20T10:00:00")).unwrap();
            }
            for format in ["docx", "html", "txt", "txt-lf", "json"] {
                let bytes = store.render(id, Format::parse(format).unwrap()).unwrap();
                let digest: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
                digests.push_str(&format!("{digest}  reference-{style}-{stage}.{format}\n"));
            }
        }
    }
    if std::env::var_os("SHOKI_WRITE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &digests).unwrap();
    }
    let before = std::fs::read_to_string(&path).unwrap();
    for (now, then) in digests.lines().zip(before.lines()) {
        assert_eq!(now, then, "the reference format's output changed");
    }
    assert_eq!(digests.lines().count(), before.lines().count());
}
