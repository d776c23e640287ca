//! The command line's habits: `--version`, `--help` on every command (standard output, exit 0),
//! usage mistakes answered with exit 2, and a reader that goes away (`shoki list | head -1`)
//! ending the output quietly, not with a panic.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn shoki(data: &support::DataDir, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_shoki")).args(args).env("SHOKI_DATA_DIR", data.path()).output().unwrap()
}

#[test]
fn version_help_and_usage_answer_as_documented() {
    let data = support::DataDir::new("cli-habits");
    let version = shoki(&data, &["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("shoki "), "{version:?}");
    for command in ["list", "export", "import", "backup", "reindex", "generate"] {
        let help = shoki(&data, &[command, "--help"]);
        assert_eq!(help.status.code(), Some(0), "{command} --help");
        assert!(String::from_utf8_lossy(&help.stdout).contains("使い方"), "{command} --help prints to stdout");
    }
    let wrong = shoki(&data, &["export", "--meeting"]);
    assert_eq!(wrong.status.code(), Some(2), "a usage mistake");
    let stick = support::DataDir::new("cli-usage-stick");
    let out = stick.path().join("x.txt");
    let failed = shoki(&data, &["export", "--meeting", "999", "--format", "txt", "--out", out.to_str().unwrap()]);
    assert_eq!(failed.status.code(), Some(1), "a failure, explained");
    assert!(!String::from_utf8_lossy(&failed.stderr).is_empty());
}

/// Every command reads its arguments strictly: a misspelt flag (`--publc` wrote the full version,
/// names and all, where the public one was meant), a flag given twice or without its value, an
/// argument a command does not take — each is a usage mistake (exit 2), named, and nothing is
/// written.
#[test]
fn a_misspelt_or_unknown_argument_is_named_and_nothing_is_done() {
    let data = support::DataDir::new("cli-strict");
    let id = {
        let mut store = shoki_core::Store::open(data.path()).unwrap();
        store.load_sample().unwrap().id.to_string()
    };
    let stick = support::DataDir::new("cli-strict-stick");
    let out = stick.path().join("公開版.txt");
    let out = out.to_str().unwrap();
    let text = stick.path().join("m.txt");
    std::fs::write(&text, "それでは定刻になりましたので開会いたします。\n").unwrap();
    let text = text.to_str().unwrap();
    for (args, named) in [
        (vec!["export", "--meeting", &id, "--format", "txt", "--out", out, "--publc"], "--publc"),
        (vec!["export", "--meeting", &id, "--meeting", &id, "--format", "txt", "--out", out], "--meeting"),
        (vec!["export", "--meeting", "３", "--format", "txt", "--out", out], "--meeting"),
        (vec!["export", "--meeting", &id, "--format", "txt", "--out"], "--out"),
        (vec!["export", "--meeting", &id, "--format", "txt"], "--out"),
        (vec!["export", "--meeting=1", "--format", "txt", "--out", out], "--meeting=1"),
        (vec!["list", "--bogus"], "--bogus"),
        (vec!["reindex", "extra"], "extra"),
        (vec!["backup", "--out", out, "--force"], "--force"),
        (vec!["import", text, "second.json"], "second.json"),
        (vec!["generate", "--meetings", "3", "--seed", "5", "--from", text, "--bogus"], "--bogus"),
        (vec!["generate", "--meetings", "3", "--seed", "5", "--frm", text], "--frm"),
        (vec!["generate", "--meetings", "3", "--meetings", "4", "--seed", "5", "--from", text], "--meetings"),
        (vec!["generate", "--meetings", "3", "--seed", "5"], "--from"),
    ] {
        let ran = shoki(&data, &args);
        assert_eq!(ran.status.code(), Some(2), "{args:?}: {ran:?}");
        let said = String::from_utf8_lossy(&ran.stderr);
        assert!(said.starts_with("shoki: ") && said.lines().next().unwrap().contains(named), "{args:?}: {said}");
        assert!(!std::path::Path::new(out).exists(), "{args:?} wrote a file");
    }
    assert_eq!(open_meetings(&data), 1, "nothing generated or imported");
    let public = shoki(&data, &["export", "--meeting", &id, "--format", "txt", "--out", out, "--public"]);
    assert_eq!(public.status.code(), Some(0), "{public:?}");
}

fn open_meetings(data: &support::DataDir) -> usize {
    support::open_store(data.path()).meetings().unwrap().len()
}

#[test]
fn a_reader_that_goes_away_ends_the_list_quietly() {
    let data = support::DataDir::new("cli-pipe");
    {
        let mut store = shoki_core::Store::open(data.path()).unwrap();
        let m = store.load_sample().unwrap();
        for _ in 0..300 {
            store.duplicate_meeting(m.id).unwrap();
        }
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_shoki"))
        .arg("list")
        .env("SHOKI_DATA_DIR", data.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // The reader is dropped here: the rest of the list meets a closed pipe.
    let out = child.wait_with_output().unwrap();
    assert!(!first.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(out.status.code(), Some(101), "no panic");
}

/// `shoki generate` builds an archive from a text's lines, the same for the same seed; `shoki
/// reindex` rebuilds the search index; a missing text or argument is said, with the exit code.
#[test]
fn an_archive_is_generated_and_reindexed_from_the_command_line() {
    let data = support::DataDir::new("cli-generate");
    let text = data.path().join("material.txt");
    std::fs::write(&text, "それでは定刻になりましたので開会いたします。\n資料に沿って御説明申し上げます。\n短い\n")
        .unwrap();
    let made = shoki(&data, &["generate", "--meetings", "3", "--seed", "5", "--from", text.to_str().unwrap()]);
    assert_eq!(made.status.code(), Some(0), "{made:?}");
    assert!(String::from_utf8_lossy(&made.stdout).starts_with("会議 3 件"), "{made:?}");
    let list = shoki(&data, &["list"]);
    assert_eq!(String::from_utf8_lossy(&list.stdout).lines().count(), 3);
    let again = support::DataDir::new("cli-generate-again");
    shoki(&again, &["generate", "--meetings", "3", "--seed", "5", "--from", text.to_str().unwrap()]);
    let store = |d: &support::DataDir| support::open_store(d.path());
    let turns = |s: &shoki_core::Store| -> Vec<String> {
        s.meetings().unwrap().iter().flat_map(|m| s.transcript(m.id).unwrap().into_iter().map(|t| t.text)).collect()
    };
    assert_eq!(turns(&store(&data)), turns(&store(&again)), "the same seed, the same archive");
    let re = shoki(&data, &["reindex"]);
    assert_eq!(re.status.code(), Some(0), "{re:?}");
    assert!(String::from_utf8_lossy(&re.stdout).starts_with("索引を作り直しました"));
    let missing = shoki(&data, &["generate", "--meetings", "3", "--seed", "5", "--from", "/nonexistent.txt"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("読めません"));
    assert_eq!(shoki(&data, &["generate", "--meetings", "x"]).status.code(), Some(2));
    let wrong = shoki(&data, &["generate", "--meetings", "-3", "--seed", "5", "--from", text.to_str().unwrap()]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("--meetings には"), "names the argument: {wrong:?}");
    // A hundred million ran for hours: refused at once, the limit named.
    let many = shoki(&data, &["generate", "--meetings", "100000000", "--seed", "5", "--from", text.to_str().unwrap()]);
    assert_eq!(many.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&many.stderr).contains("1から10000まで"), "{many:?}");
    // Never into a record that holds councils: nothing is added, and the message says what to do.
    let before = store(&data).meetings().unwrap().len();
    let into_kept = shoki(&data, &["generate", "--meetings", "3", "--seed", "6", "--from", text.to_str().unwrap()]);
    assert_eq!(into_kept.status.code(), Some(1), "{into_kept:?}");
    assert!(String::from_utf8_lossy(&into_kept.stderr).contains("空の記録フォルダ"), "{into_kept:?}");
    assert_eq!(store(&data).meetings().unwrap().len(), before, "nothing added");
    // Nor into the secretary's own folder (SHOKI_DATA_DIR not set).
    let home = support::DataDir::new("cli-generate-home");
    let own = Command::new(env!("CARGO_BIN_EXE_shoki"))
        .args(["generate", "--meetings", "3", "--seed", "5", "--from", text.to_str().unwrap()])
        .env_remove("SHOKI_DATA_DIR")
        .env_remove("XDG_DATA_HOME")
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert_eq!(own.status.code(), Some(1), "{own:?}");
    assert!(String::from_utf8_lossy(&own.stderr).contains("SHOKI_DATA_DIR"), "{own:?}");
    assert!(!home.path().join(".local/share/jp.shoki.app").exists(), "no store made in the own folder");
    let _ = std::fs::remove_file(text);
}

/// The commands that work on a record kept in the folder (list, export, backup, reindex) name a
/// folder without one — SHOKI_DATA_DIR mistyped — and make no empty store there (`reindex` said
/// 「索引を作り直しました（発言と議題 0 件）」 as if the archive were empty).
#[test]
fn a_folder_without_a_record_is_named_not_filled() {
    let data = support::DataDir::new("cli-no-record");
    let nowhere = data.path().join("typo");
    let out = data.path().join("out");
    for args in [
        vec!["list"],
        vec!["reindex"],
        vec!["export", "--meeting", "1", "--format", "txt", "--out", out.to_str().unwrap()],
        vec!["backup", "--out", out.to_str().unwrap()],
    ] {
        let ran =
            Command::new(env!("CARGO_BIN_EXE_shoki")).args(&args).env("SHOKI_DATA_DIR", &nowhere).output().unwrap();
        assert_eq!(ran.status.code(), Some(1), "{args:?}: {ran:?}");
        let said = String::from_utf8_lossy(&ran.stderr);
        assert!(said.contains("記録ファイルがありません") && said.contains("typo"), "{args:?}: {said}");
        assert!(!shoki_core::Store::path(&nowhere).exists(), "{args:?} made a store");
    }
}

/// `shoki export --format pdf` on a display (Xvfb here) writes an A4 PDF whose text is the
/// minutes' text: every paragraph of the text export is found in `pdftotext -layout`'s output, in
/// order (compared as a reader's search compares: NFKC, spaces and line breaks aside), and no
/// ideograph comes out as the radical sharing its glyph (WebKit's writer names 長 ⻑, 日 ⽇: the
/// shell puts them right); every page carries its number (- 1 -) at its foot. Without a display it
/// says what to do and exits 1.
#[test]
fn the_pdf_holds_the_minutes_text_in_order() {
    use unicode_normalization::UnicodeNormalization;
    let (data, id) = support::sample_store("cli-pdf");
    {
        let mut store = support::open_store(data.path());
        let now = chrono::NaiveDate::from_ymd_opt(2021, 12, 13).unwrap().and_hms_opt(14, 0, 0).unwrap();
        store.open_meeting(id, now).unwrap();
        for (i, words) in [
            "それでは、定刻になりましたので開催いたします。",
            "資料2-2の4の(3)について伺います。",
            "（資料により説明）",
        ]
        .iter()
        .enumerate()
        {
            store.add_turn(id, ["chair", "member", "official"][i], words, now).unwrap();
        }
        store.close_meeting(id, now + chrono::Duration::hours(1)).unwrap();
    }
    // The data folder refuses exports: the PDF goes to a folder of its own, as to a stick.
    let stick = support::DataDir::new("cli-pdf-stick");
    let out = stick.path().join("会議録.pdf");
    let no_display = Command::new(env!("CARGO_BIN_EXE_shoki"))
        .args(["export", "--meeting", &id.to_string(), "--format", "pdf", "--out", out.to_str().unwrap()])
        .env("SHOKI_DATA_DIR", data.path())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert_eq!(no_display.status.code(), Some(1), "{no_display:?}");
    assert!(String::from_utf8_lossy(&no_display.stderr).contains("Xvfb"), "{no_display:?}");
    let display = support::webdriver::Display::start();
    let made = Command::new(env!("CARGO_BIN_EXE_shoki"))
        .args(["export", "--meeting", &id.to_string(), "--format", "pdf", "--out", out.to_str().unwrap()])
        .env("SHOKI_DATA_DIR", data.path())
        .env("DISPLAY", &display.name)
        .env("DBUS_SESSION_BUS_ADDRESS", "disabled:")
        .output()
        .unwrap();
    assert_eq!(made.status.code(), Some(0), "{made:?}");
    let info = Command::new("pdfinfo").arg(&out).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("595") && info.contains("842"), "A4: {info}");
    let text = Command::new("pdftotext").args(["-layout", "-enc", "UTF-8"]).arg(&out).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    let radicals: String = text.chars().filter(|c| ('\u{2E80}'..='\u{2FDF}').contains(c)).collect();
    assert!(radicals.is_empty(), "ideographs read as radicals: {radicals}");
    assert!(text.contains("長") && text.contains("日"), "{text}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo says how many pages");
    assert!(pages >= 2, "{info}");
    // Each page's number at its foot, once, in order; then taken out of the text compared.
    // (pdftotext may read the spaces of 「- 1 -」 or not.)
    let page_number = |l: &str| {
        let l: String = l.chars().filter(|c| !c.is_whitespace()).collect();
        l.len() > 2 && l.starts_with('-') && l.ends_with('-') && l[1..l.len() - 1].chars().all(|c| c.is_ascii_digit())
    };
    let numbers: Vec<String> =
        text.lines().filter(|l| page_number(l)).map(|l| l.chars().filter(|c| !c.is_whitespace()).collect()).collect();
    assert_eq!(numbers, (1..=pages).map(|n| format!("-{n}-")).collect::<Vec<_>>());
    let fold = |s: &str| s.nfkc().filter(|c| !c.is_whitespace()).collect::<String>();
    let body: String = text.lines().filter(|l| !page_number(l)).collect::<Vec<_>>().join("\n");
    let pdf = fold(&body);
    let txt =
        String::from_utf8(support::open_store(data.path()).render(id, shoki_core::export::Format::TxtLf).unwrap())
            .unwrap();
    let mut at = 0;
    for paragraph in txt.lines().flat_map(|l| l.split('\t')).map(fold).filter(|p| !p.is_empty()) {
        let found =
            pdf[at..].find(&paragraph).unwrap_or_else(|| panic!("「{paragraph}」 not in the PDF after {at}: {pdf}"));
        at += found + paragraph.len();
    }
    let _ = std::fs::remove_file(out);
}
