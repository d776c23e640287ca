//! Rules every screen keeps, checked on the source of ui/ so that the next screen cannot forget
//! them: every key handler goes through the IME guard (ui/js/ime.js), text is never parsed as
//! HTML, and nothing is loaded from outside the app. Last, one rule the tests themselves keep.

mod support;

use std::path::PathBuf;

fn ui_files() -> Vec<(PathBuf, String)> {
    support::ui_sources().into_iter().map(|p| (p.clone(), std::fs::read_to_string(&p).unwrap())).collect()
}

/// Every line of ui/ that `breaks` the rule, as "path:line: text", in the files `applies` to.
fn lines_breaking(applies: impl Fn(&std::path::Path) -> bool, breaks: impl Fn(&str) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in ui_files().into_iter().filter(|(p, _)| applies(p)) {
        for (n, line) in text.lines().enumerate() {
            if breaks(line) {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    found
}

/// A key handler without the guard lets the IME's confirming Enter commit a turn, its Esc throw
/// away a field, its F7 open the vote panel. Only ime.js itself listens to `keydown` directly;
/// elsewhere a handler is `onKey(…)`, `onEnter(…)` or an `onkeydown` wrapped in `ignoringIme(…)`.
#[test]
fn every_key_handler_goes_through_the_ime_guard() {
    let bare = lines_breaking(
        |path| !path.ends_with("js/ime.js"),
        |line| {
            let listens = line.contains("\"keydown\"")
                || line.contains("'keydown'")
                || line.contains("onkeyup")
                || line.contains("onkeypress");
            let unwrapped = line.contains("onkeydown") && !line.contains("ignoringIme(");
            listens || unwrapped
        },
    );
    assert!(bare.is_empty(), "key handlers outside the IME guard:\n{}", bare.join("\n"));
}

#[test]
fn no_screen_parses_text_as_html_or_loads_from_outside() {
    let found = lines_breaking(
        |_| true,
        |line| {
            let html = line.contains("innerHTML") || line.contains("outerHTML") || line.contains("insertAdjacentHTML");
            let remote = line.contains("http://") || line.contains("https://") || line.contains("//cdn");
            html || remote
        },
    );
    assert!(found.is_empty(), "HTML parsing or remote loads in ui/:\n{}", found.join("\n"));
}

/// The DOM's own `append`/`replaceChildren` write a null as the word "null" on the screen (seen
/// under the search results): a part that may be absent goes through dom.js's `h`/`append`/
/// `replaceKeepingFocus`, which leave it out, or is filtered first. A raw call holding a
/// conditional `: null` and no filter is refused here.
#[test]
fn no_screen_writes_null_as_text() {
    let mut found = Vec::new();
    for (path, text) in ui_files() {
        if path.ends_with("js/dom.js") {
            continue;
        }
        for call in [".replaceChildren(", ".append("] {
            for (at, _) in text.match_indices(call) {
                let statement = &text[at..text[at..].find(";\n").map_or(text.len(), |end| at + end)];
                if statement.contains(": null") && !statement.contains(".filter(") {
                    let line = text[..at].lines().count();
                    found.push(format!("{}:{line}: {}", path.display(), statement.lines().next().unwrap_or("")));
                }
            }
        }
    }
    assert!(found.is_empty(), "a null that would be written as text:\n{}", found.join("\n"));
}

/// A control's value read as an id or number goes through `Number(…)` only when there is one:
/// `Number("")` is 0, which the store reads as item 0 (a correction in a meeting without a 会議次第
/// was refused every time). `Number(x.value)` stands only behind `x.value ?` on its line.
#[test]
fn no_screen_sends_an_empty_choice_as_zero() {
    let mut found = Vec::new();
    for (path, text) in ui_files() {
        for (n, line) in text.lines().enumerate() {
            for (at, _) in line.match_indices("Number(") {
                let inner = &line[at + "Number(".len()..];
                let Some(end) = inner.find(')') else { continue };
                let read = &inner[..end];
                if read.ends_with(".value") && !line[..at].contains(&format!("{read} ?")) {
                    found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "a value that may be empty read as a number:\n{}", found.join("\n"));
}

/// `toLocaleTimeString` and its kin make a new ICU formatter on every call, about 25 KB outside
/// the script heap: the collector does not count it, so a clock drawn each second grew the chair's
/// web process by 24 MB over a six-hour sitting before a collection came. A screen formats with an
/// `Intl` formatter made once, at the top of its module (`new Intl.…` unindented), as
/// ui/js/live/clock.js does.
#[test]
fn no_screen_makes_a_locale_formatter_per_call() {
    let found = lines_breaking(
        |_| true,
        |line| {
            let per_call = line.contains(".toLocale") || line.contains(".localeCompare(");
            let inside_a_function = line.contains("new Intl.") && line.starts_with(char::is_whitespace);
            per_call || inside_a_function
        },
    );
    assert!(found.is_empty(), "a locale formatter made per call:\n{}", found.join("\n"));
}

/// Tests run as parallel threads of one process, and test runs may share a machine, so a
/// temporary folder or file named by hand (from a tag and the process id, or a fixed name beside a
/// test's folder in the system's temp folder) is shared by any two that pick the same name: one
/// test's clean-up once removed the folder another was writing to, and CI failed. Every temporary
/// folder comes from `tempfile`, whose names are never shared, and a test's files go inside its
/// own folders; the app itself names its temporary files in one place (`temporary_in`, beside
/// their target). The X server's own files (/tmp/.X…) are read, not written.
#[test]
fn no_test_names_its_own_temporary_folder() {
    // Spelt in parts so that this file does not match itself.
    let forbidden = [["temp_dir", "()"].concat(), ["path().join(", "\".."].concat(), ["\"/tmp", "/"].concat()];
    let x_server = ["/tmp", "/.X"].concat();
    let mut found = Vec::new();
    for path in support::sources("tests", &["rs"]).into_iter().chain(support::sources("src-tauri", &["rs"])) {
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            if forbidden.iter().any(|f| line.contains(f.as_str())) && !line.contains(&x_server) {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "temporary folders or files named by hand (use tempfile::Builder, or a DataDir of the test's own):\n{}",
        found.join("\n")
    );
}

/// A script that navigates (`location.reload()`, `location.href = …`) through WebDriver's
/// `execute` races its own answer: when the page unloads first, WebDriver answers "no such frame"
/// (a `make bench` run failed so). A test reloads with `Session::reload` (WebDriver's refresh).
#[test]
fn no_test_navigates_from_inside_a_script() {
    let forbidden = [["location", ".reload("].concat(), ["location", ".href ="].concat()];
    let mut found = Vec::new();
    for path in support::sources("tests", &["rs"]) {
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let comment = line.trim_start().starts_with("//");
            if !comment && forbidden.iter().any(|f| line.contains(f.as_str())) {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "navigation inside an executed script (use Session::reload):\n{}", found.join("\n"));
}

/// Every window Shoki opens gets Shoki's WebKit settings (`src-tauri/webview.rs`: scrolled panes
/// painted with the page, so a long sitting does not grow): a window built without them would
/// work, and grow by tens of MiB over a sitting, which no journey sees.
#[test]
fn every_window_gets_shokis_webkit_settings() {
    let mut found = Vec::new();
    for path in support::sources("src-tauri", &["rs"]) {
        let text = std::fs::read_to_string(&path).unwrap();
        let built = text.matches("WebviewWindowBuilder::new(").count();
        let configured = text.matches("webview::configure(&").count();
        if built != configured {
            found.push(format!("{}: {built} windows built, {configured} configured", path.display()));
        }
    }
    assert!(found.is_empty(), "a window without webview::configure:\n{}", found.join("\n"));
}

/// `unsafe` is denied in the workspace and allowed in one module only: the seven WebKitGTK calls
/// the `webkit2gtk` crate does not wrap (`src-tauri/webview.rs`). Allowing it anywhere else
/// would need the same reasons written beside it, and this list changed.
#[test]
fn unsafe_code_lives_in_one_module() {
    let allow = ["allow(unsafe", "_code)"].concat();
    let mut found = Vec::new();
    for path in support::sources("src-tauri", &["rs"]).into_iter().chain(support::sources("tests", &["rs"])) {
        if std::fs::read_to_string(&path).unwrap().contains(&allow) && !path.ends_with("src-tauri/webview.rs") {
            found.push(path.display().to_string());
        }
    }
    assert!(found.is_empty(), "unsafe code allowed outside src-tauri/webview.rs:\n{}", found.join("\n"));
}

/// No command copies the store while holding it: the backup after a step (開会, 閉会, 確定) is
/// of the store as the step left it (`Store::moment`, taken with the step) and is copied once the
/// step has answered, on a thread of its own (`step_then_backup`, `StoreMoment::take_backup`),
/// because with years of meetings the copy takes seconds and the turns typed meanwhile must be
/// saved as they are typed. Only the secretary's own 「いまバックアップを取る」 (which they wait
/// for) and the quit backup go through the store; a new caller of `take_backup` elsewhere in the
/// shell is caught here.
#[test]
fn no_command_copies_the_store_while_holding_it() {
    let text = std::fs::read_to_string("src-tauri/commands.rs").unwrap();
    let through_the_store = text.matches("store.take_backup(").count() + text.matches("s.take_backup(").count();
    assert_eq!(through_the_store, 2, "take_backup through the store's connection: only the manual and the quit backup");
    let body_of = |name: &str| {
        let start = text.find(name).unwrap_or_else(|| panic!("{name}"));
        &text[start..start + text[start..].find("\n}\n").unwrap()]
    };
    for step in ["open_meeting", "close_meeting", "finalize_meeting"] {
        let body = body_of(&format!("pub async fn {step}("));
        assert!(body.contains("step_then_backup(&state"), "{step}: its backup through step_then_backup");
    }
    let body = body_of("async fn step_then_backup<");
    let moment = body.find("s.moment()").expect("the store's moment taken with the step");
    let committed = body.find(".await?").expect("the step is awaited first");
    let backup = body.find("m.take_backup(").expect("a backup after it");
    assert!(moment < committed && committed < backup, "the backup is copied once the step has answered");
    // A restore closes the store only once no step's backup reads it (the store set aside whole).
    let body = body_of("pub async fn restore_backup(");
    let waited = body.find("backup::wait_for_step_backups()").expect("the restore waits for the step's backups");
    assert!(waited < body.find("*guard =").unwrap(), "the restore waits before it closes the store");
}
