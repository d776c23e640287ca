//! The command-line face: the same binary, given arguments, works on the same store without a
//! window — for batch work and for anyone checking Shoki from a terminal.

use std::path::{Path, PathBuf};

use shoki_core::export::write::{check_target, export_target, write_safely};
use shoki_core::export::{Format, Version};
use shoki_core::Store;

use crate::data_dir;

const USAGE: &str = "使い方:
  shoki                                   書記の画面を開きます
  shoki list                              会議の一覧（ID、開催日、状態、名称）を表示します
  shoki export --meeting ID --format docx|html|txt|txt-lf|json|pdf --out PATH [--public]
                                          会議録を書き出します（記録は変更しません。txt は
                                          Windows向けのBOM付きUTF-8・CRLF、txt-lf はLF・BOMなし。
                                          pdf は画面（DISPLAY）が要ります。ない機械では Xvfb の上で。
                                          --public は公開版：非公開の議題を省き、氏名を出さない）
  shoki import PATH.json                  書き出したJSONを新しい会議として読み込みます
  shoki backup --out PATH                 記録ファイル全体の写しを書き出します（USBメモリへのバックアップ。
                                          書記の画面を閉じてから実行してください）
  shoki reindex                           すべての会議録を探すための索引を作り直します
                                          （書記の画面を閉じてから実行してください）
  shoki generate --meetings N --seed S --from PATH.txt
                                          試験用の会議録をN件つくります（PATH.txt の文を組み合わせます。
                                          同じ S なら同じ内容。試験用の記録フォルダで使ってください）
  shoki --version                         版を表示します
  shoki COMMAND --help                    そのコマンドの使い方を表示します
終了コード: 0 成功、1 失敗（理由を表示します）、2 使い方の誤り
記録ファイルの場所: 環境変数 SHOKI_DATA_DIR、なければ ~/.local/share/jp.shoki.app";

/// Prints a line to standard output. A reader that went away (`shoki list | head -3`) ends the
/// output quietly instead of a panic with a backtrace.
fn say(line: impl std::fmt::Display) -> bool {
    use std::io::Write;
    writeln!(std::io::stdout().lock(), "{line}").is_ok()
}

fn wants_help(args: &[String]) -> bool {
    args.iter().any(|a| a == "--help" || a == "-h")
}

fn fail(message: impl std::fmt::Display) -> i32 {
    eprintln!("shoki: {message}");
    1
}

/// The store of the record folder, for the commands that work on a record kept there (list,
/// export, backup, reindex): a folder without one — SHOKI_DATA_DIR mistyped — is named, and no
/// empty store is made there (`reindex` reported 0 places found, as if the archive were empty).
/// Errors: `Invalid` (`data_dir`) naming the folder; as `Store::open`.
fn kept_store(dir: &Path) -> shoki_core::Result<Store> {
    if !Store::path(dir).exists() {
        return Err(shoki_core::Error::invalid(
            "data_dir",
            format!(
                "{} に記録ファイルがありません。記録ファイルの場所（環境変数 SHOKI_DATA_DIR）が正しいか確かめてください。",
                dir.display()
            ),
        ));
    }
    Store::open(dir)
}

/// A command's arguments, read strictly: `valued` flags take the next argument, `switches` stand
/// alone, and at most `positional` plain arguments follow. Anything else — a misspelt flag
/// (`--publc` wrote the full version where the public one was meant), a flag given twice, one
/// without its value, `--flag=value` — is a usage mistake, named. Answers the flags found (a
/// switch with `None`) and the plain arguments, or the Japanese message.
struct Args<'a> {
    flags: Vec<(&'a str, Option<&'a str>)>,
    plain: Vec<&'a str>,
}

impl<'a> Args<'a> {
    fn read(args: &'a [String], valued: &[&str], switches: &[&str], positional: usize) -> Result<Self, String> {
        let mut read = Args { flags: Vec::new(), plain: Vec::new() };
        let mut rest = args.iter().map(String::as_str);
        while let Some(arg) = rest.next() {
            let known = valued.contains(&arg) || switches.contains(&arg);
            if known && read.flags.iter().any(|(f, _)| *f == arg) {
                return Err(format!("{arg} が2回指定されています。1回にしてください。"));
            }
            if valued.contains(&arg) {
                match rest.next() {
                    Some(value) if !value.starts_with("--") => read.flags.push((arg, Some(value))),
                    _ => return Err(format!("{arg} の後に値を指定してください。")),
                }
            } else if switches.contains(&arg) {
                read.flags.push((arg, None));
            } else if arg.starts_with('-') {
                let all: Vec<&str> = valued.iter().chain(switches).copied().collect();
                return Err(if all.is_empty() {
                    format!("このコマンドは指定を取りません（{arg}）。")
                } else {
                    format!("使えない指定です：{arg}（使えるのは {}）。", all.join("、"))
                });
            } else if read.plain.len() >= positional {
                return Err(format!("余分な指定です：{arg}"));
            } else {
                read.plain.push(arg);
            }
        }
        Ok(read)
    }

    /// The value of a flag that must be given; else the message naming it.
    fn needed(&self, flag: &str) -> Result<&'a str, String> {
        self.value(flag).ok_or_else(|| format!("{flag} を指定してください。"))
    }

    fn value(&self, flag: &str) -> Option<&'a str> {
        self.flags.iter().find(|(f, _)| *f == flag).and_then(|(_, v)| *v)
    }

    fn has(&self, flag: &str) -> bool {
        self.flags.iter().any(|(f, _)| *f == flag)
    }
}

/// A usage mistake: what is wrong, then how the commands are used; exit code 2.
fn misused(message: impl std::fmt::Display) -> i32 {
    eprintln!("shoki: {message}\n\n{USAGE}");
    2
}

/// Where `--out` points, checked by the same rule as the window's export. A relative path is taken
/// from the terminal's current folder (as every command-line tool does) before the check.
fn target(out: &str, data_dir: &Path) -> shoki_core::Result<PathBuf> {
    let out = std::path::absolute(out).unwrap_or_else(|_| PathBuf::from(out));
    check_target(&out, data_dir)
}

fn export(args: &[String]) -> i32 {
    let read = Args::read(args, &["--meeting", "--format", "--out"], &["--public"], 0);
    let (id, format, out, public) = match read
        .and_then(|a| Ok((a.needed("--meeting")?, a.needed("--format")?, a.needed("--out")?, a.has("--public"))))
    {
        Ok(found) => found,
        Err(message) => return misused(message),
    };
    let Ok(id) = id.parse::<i64>() else {
        return misused("--meeting には会議のID（shoki list の1列目）を半角の数字で指定してください。");
    };
    let Some(format) = Format::parse(format) else {
        return misused("--format は docx、html、txt、txt-lf、json、pdf のどれかを指定してください。");
    };
    let dir = data_dir();
    let result = (|| {
        let out = std::path::absolute(out).unwrap_or_else(|_| PathBuf::from(out));
        let target = export_target(&out, &dir, format)?;
        let version = if public { Version::Public } else { Version::Full };
        let bytes = match format {
            Format::Pdf => {
                let html = kept_store(&dir)?.render_version(id, Format::Html, version)?;
                pdf(String::from_utf8(html).expect("the HTML export is UTF-8"), &dir)
                    .map_err(shoki_core::Error::Export)?
            }
            _ => kept_store(&dir)?.render_version(id, format, version)?,
        };
        write_safely(&target, &bytes).map(|()| target)
    })();
    match result {
        Ok(target) => {
            say(format!("{} に書き出しました。", target.display()));
            0
        }
        Err(e) => fail(e),
    }
}

/// The PDF of `html` on the command line: GTK started on the display (`DISPLAY`; Xvfb where there
/// is none), the page printed by WebKitGTK (`pdf::print`).
fn pdf(html: String, data_dir: &Path) -> Result<Vec<u8>, String> {
    gtk::init().map_err(|_| match std::env::var("DISPLAY") {
        Ok(display) if !display.is_empty() => format!(
            "PDFを作るには画面が要ります。DISPLAY={display} の画面に接続できませんでした。Xvfb などがその番号で動いているか確かめてください。"
        ),
        _ => "PDFを作るには画面が要ります（DISPLAY が設定されていません）。画面のない機械では Xvfb :99 & DISPLAY=:99 shoki export … のように実行してください。".to_string(),
    })?;
    let answer = std::rc::Rc::new(std::cell::RefCell::new(None));
    let got = answer.clone();
    crate::pdf::print(&html, data_dir, move |result| {
        *got.borrow_mut() = Some(result);
        gtk::main_quit();
    });
    if answer.borrow().is_none() {
        gtk::main();
    }
    let result = answer.borrow_mut().take();
    result.unwrap_or(Err("PDFを作れませんでした。".into()))
}

/// A consistent copy of the whole store for a stick, through the same target check as an export.
fn backup(args: &[String]) -> i32 {
    let out = match Args::read(args, &["--out"], &[], 0).and_then(|a| a.needed("--out")) {
        Ok(out) => out,
        Err(message) => return misused(message),
    };
    let dir = data_dir();
    let result = target(out, &dir).and_then(|target| {
        kept_store(&dir)?.backup_to(&target)?;
        Ok(target)
    });
    match result {
        Ok(target) => {
            say(format!(
                "{} に記録ファイル全体の写しを書き出しました。戻すときは、この写しを記録ファイルの場所の backups フォルダに shoki-20240401-120000-manual.sqlite3 のような名前（日時は写した時）で置き、書記の「バックアップ」画面で「この時点に戻す」を選んでください。",
                target.display()
            ));
            0
        }
        Err(e) => fail(e),
    }
}

fn reindex(args: &[String]) -> i32 {
    if let Err(message) = Args::read(args, &[], &[], 0) {
        return misused(message);
    }
    // Half a minute for a large archive: a terminal sees how far it has got, on one line that is
    // written over (a log or a pipe gets only the result).
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let mut shown = false;
    let progress = |done: i64, total: i64| {
        if terminal {
            eprint!("\r索引を作り直しています… {done} / {total} 件");
            shown = true;
        }
    };
    let built = kept_store(&data_dir()).and_then(|mut store| store.reindex(progress));
    if shown {
        eprintln!();
    }
    match built {
        Ok(n) => {
            say(format!("索引を作り直しました（発言・議題・表紙の項目 {n} 件）。"));
            0
        }
        Err(e) => fail(e),
    }
}

/// The most meetings `shoki generate` makes at once.
const GENERATE_MAX: usize = 10_000;

/// `shoki generate`: an archive for trying Shoki at scale, from the paragraphs of a text file.
fn generate(args: &[String]) -> i32 {
    let read = Args::read(args, &["--meetings", "--seed", "--from"], &[], 0);
    let (n, seed, from) =
        match read.and_then(|a| Ok((a.needed("--meetings")?, a.needed("--seed")?, a.needed("--from")?))) {
            Ok(found) => found,
            Err(message) => return misused(message),
        };
    // Ten councils over ten years are a thousand meetings; a hundred million was taken and ran
    // for hours until stopped.
    let Some(n) = n.parse::<usize>().ok().filter(|n| (1..=GENERATE_MAX).contains(n)) else {
        return misused(format!(
            "--meetings には、つくる会議の数を1から{GENERATE_MAX}までの半角の数字で指定してください（例：--meetings 1000）。"
        ));
    };
    let Ok(seed) = seed.parse::<u64>() else {
        return misused("--seed には半角の数字を指定してください（例：--seed 7。同じ数なら同じ内容になります）。");
    };
    // Never into the secretary's own record folder: made-up meetings are 確定 and hard to take out.
    if crate::named_data_dir().is_none() {
        return fail("試験用の会議録は、環境変数 SHOKI_DATA_DIR で試験用の記録フォルダを指定してつくってください（いつもの記録フォルダにはつくりません）。");
    }
    let text = match std::fs::read_to_string(from) {
        Ok(t) => t,
        Err(e) => return fail(format!("{from} を読めません（{e}）。")),
    };
    // The generator takes markup and labels off and leaves short lines out.
    let material: Vec<String> = text.lines().map(String::from).collect();
    // A minute for a thousand: a terminal sees how far it has got (a pipe gets only the result).
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let progress = |done: usize, all: usize| {
        if terminal {
            eprint!("\r会議をつくっています… {done} / {all} 件");
            if done == all {
                eprintln!();
            }
        }
    };
    match Store::open(&data_dir()).and_then(|mut store| store.generate_archive_telling(&material, n, seed, progress)) {
        Ok(g) => {
            say(format!("会議 {} 件（発言 {} 件）をつくりました。", g.meetings, g.turns));
            0
        }
        Err(e) => fail(e),
    }
}

fn list(args: &[String]) -> i32 {
    if let Err(message) = Args::read(args, &[], &[], 0) {
        return misused(message);
    }
    match kept_store(&data_dir()).and_then(|s| s.meetings()) {
        Ok(meetings) => {
            for m in meetings {
                if !say(format!("{}\t{}\t{}\t{}", m.id, m.held_on, m.status.as_str(), m.title)) {
                    break;
                }
            }
            0
        }
        Err(e) => fail(e),
    }
}

fn import(args: &[String]) -> i32 {
    let path = match Args::read(args, &[], &[], 1) {
        Ok(a) if a.plain.len() == 1 => a.plain[0],
        Ok(_) => return misused("読み込むJSONファイルを指定してください（shoki import 会議録.json）。"),
        Err(message) => return misused(message),
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return fail(format!("{path} を読めません（{e}）。")),
    };
    match Store::open(&data_dir()).and_then(|mut store| store.import_file(&bytes)) {
        Ok(id) => {
            say(format!("会議 {id} として読み込みました。"));
            0
        }
        Err(e) => fail(e),
    }
}

/// The command-line face. Answers the exit code: 0 done, 1 failed (the reason on standard error,
/// in Japanese), 2 a usage mistake (the usage on standard error). `--help` on any command, and
/// `--version`, print to standard output and answer 0.
pub fn run(args: &[String]) -> i32 {
    if matches!(args.first().map(String::as_str), Some("--version" | "-V" | "version")) {
        say(format!("shoki {}", env!("CARGO_PKG_VERSION")));
        return 0;
    }
    if wants_help(args) {
        say(USAGE);
        return 0;
    }
    match args.first().map(String::as_str) {
        Some("list") => list(&args[1..]),
        Some("export") => export(&args[1..]),
        Some("import") => import(&args[1..]),
        Some("backup") => backup(&args[1..]),
        Some("reindex") => reindex(&args[1..]),
        Some("generate") => generate(&args[1..]),
        Some("help") => {
            say(USAGE);
            0
        }
        _ => {
            eprintln!("{USAGE}");
            2
        }
    }
}
