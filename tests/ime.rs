//! End-to-end journeys through a real Japanese input method: ibus with the Mozc engine on the
//! journey's Xvfb display, Shoki started with GTK_IM_MODULE=ibus, and every key sent as an X event
//! (xdotool, XTEST) — so the composition events, the keyCode 229 keydowns and their order are the
//! ones WebKitGTK makes of a real conversion, not ones a test wrote.
//!
//! Mozc refuses to run as root (mozc_server exits with 255 right after `geteuid()` answers 0), so a
//! journey started by root runs the IME, tauri-driver and Shoki as `nobody` (setpriv), on copies of
//! the binaries in a temporary folder that user may read; the store is opened by the test after.

mod support;

use std::io::{BufRead, BufReader};
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use shoki_core::Store;
use support::webdriver::{app_binary, app_pids_of, Display, Driver, DriverOptions, Session};
use support::{one_at_a_time, open_store, shot_path, DataDir};

/// What the real IME needs on this machine, with the Debian package that brings each.
const NEEDED: &[(&str, &str)] = &[
    ("/usr/bin/ibus-daemon", "ibus"),
    ("/usr/bin/ibus", "ibus"),
    ("/usr/lib/*/gtk-3.0/3.0.0/immodules/im-ibus.so", "ibus-gtk3"),
    ("/usr/lib/ibus-mozc/ibus-engine-mozc", "ibus-mozc"),
    ("/usr/lib/mozc/mozc_server", "mozc-server"),
    ("/usr/bin/xdotool", "xdotool"),
    ("/usr/bin/dbus-daemon", "dbus-daemon"),
    ("/usr/bin/setpriv", "util-linux"),
];

fn check_installed() {
    let missing: Vec<String> = NEEDED
        .iter()
        .filter(|(path, _)| !exists(path))
        .map(|(path, package)| format!("{path} (package {package})"))
        .collect();
    assert!(
        missing.is_empty(),
        "the real-IME journeys need ibus with Mozc and xdotool; run `make test`, which installs them. Missing: {}",
        missing.join(", ")
    );
}

/// Whether `path` exists; a `*` stands for the one multiarch folder (x86_64-linux-gnu, …).
fn exists(path: &str) -> bool {
    match path.split_once("/*/") {
        None => Path::new(path).exists(),
        Some((dir, rest)) => std::fs::read_dir(dir)
            .map(|entries| entries.flatten().any(|e| e.path().join(rest).exists()))
            .unwrap_or(false),
    }
}

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Bounded polling, like the harness's, with the last state in the message.
fn wait_until(what: &str, timeout: Duration, mut ok: impl FnMut() -> Result<(), String>) {
    let deadline = Instant::now() + timeout;
    loop {
        match ok() {
            Ok(()) => return,
            Err(last) if Instant::now() >= deadline => panic!("timed out after {timeout:?} waiting for {what}: {last}"),
            Err(_) => std::thread::sleep(Duration::from_millis(40)),
        }
    }
}

/// A D-Bus session and ibus-daemon with Mozc on one display, in a folder of their own (HOME and
/// the XDG folders point into it), as the user the journey runs Shoki as. Dropping it ends every
/// process it started — and the ones they started (ibus-engine-mozc, mozc_server, which leaves
/// its parent), found by the journey's HOME in their environment.
struct Ime {
    root: PathBuf,
    run_as: Option<(u32, u32)>,
    env: Vec<(String, String)>,
    dbus: Child,
    ibus: Child,
}

impl Ime {
    fn start(display: &str, tag: &str) -> Ime {
        check_installed();
        let root = tempfile::Builder::new().prefix(&format!("shoki-ime-{tag}-")).tempdir().unwrap().keep();
        let home = root.join("home");
        let run = root.join("run");
        std::fs::create_dir_all(home.join(".config/mozc")).unwrap();
        std::fs::create_dir_all(&run).unwrap();
        set_mode(&run, 0o700);
        set_mode(&root, 0o755);
        // Mozc starts in hiragana input, as a Japanese secretary's IME is set up
        // (ibus-mozc reads this file; its default is to start in direct input).
        std::fs::write(
            home.join(".config/mozc/ibus_config.textproto"),
            "engines {\n  name : \"mozc-jp\"\n  longname : \"Mozc\"\n  layout : \"default\"\n  layout_variant : \"\"\n  layout_option : \"\"\n  rank : 80\n}\nactive_on_launch: True\n",
        )
        .unwrap();
        let run_as = unprivileged_user();
        if let Some((uid, gid)) = run_as {
            chown_all(&root, uid, gid);
        }
        let mut env: Vec<(String, String)> = vec![
            ("HOME".into(), home.display().to_string()),
            ("XDG_CONFIG_HOME".into(), home.join(".config").display().to_string()),
            ("XDG_CACHE_HOME".into(), home.join(".cache").display().to_string()),
            ("XDG_DATA_HOME".into(), home.join(".local/share").display().to_string()),
            ("XDG_RUNTIME_DIR".into(), run.display().to_string()),
            ("DISPLAY".into(), display.to_string()),
        ];
        let mut dbus = command(run_as, &env, "dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon (package dbus-daemon)");
        let mut address = String::new();
        BufReader::new(dbus.stdout.take().unwrap()).read_line(&mut address).unwrap();
        let address = address.trim().to_string();
        assert!(address.starts_with("unix:"), "dbus-daemon gave no address ({address:?})");
        env.push(("DBUS_SESSION_BUS_ADDRESS".into(), address));
        let log = std::fs::File::create(shot_path(&format!("ime-{tag}-ibus")).with_extension("log")).unwrap();
        // Its own process group: the engine it starts goes down with it.
        let ibus = command(run_as, &env, "ibus-daemon")
            .args(["--panel=disable", "--emoji-extension=disable", "--replace", "--verbose"])
            .process_group(0)
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("ibus-daemon (package ibus)");
        let mut ime = Ime { root, run_as, env, dbus, ibus };
        let mut ibus_address = String::new();
        wait_until("ibus-daemon to publish its address", Duration::from_secs(20), || {
            ibus_address = ime.ibus_cli(&["address"]);
            if ibus_address.starts_with("unix:") {
                Ok(())
            } else {
                Err(ibus_address.clone())
            }
        });
        ime.env.push(("IBUS_ADDRESS".into(), ibus_address));
        ime
    }

    /// `ibus …` as the IME's user, in its environment; answers what it printed.
    fn ibus_cli(&self, args: &[&str]) -> String {
        let out = command(self.run_as, &self.env, "ibus").args(args).stderr(Stdio::null()).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Makes Mozc the engine (once the window has the focus), and checks that it is.
    fn select_mozc(&self) {
        wait_until("ibus to take the Mozc engine", Duration::from_secs(20), || {
            // `ibus engine NAME` exits 1 here though the engine is set (it then runs setxkbmap for
            // the layout "default"); what counts is what ibus answers after.
            self.ibus_cli(&["engine", "mozc-jp"]);
            let engine = self.ibus_cli(&["engine"]);
            if engine == "mozc-jp" {
                Ok(())
            } else {
                Err(engine)
            }
        });
    }

    /// The driver for Shoki in this IME's environment, as its user.
    fn driver(&self, data: &DataDir, display: Display, tag: &str) -> Driver {
        let mut env = self.env.clone();
        env.push(("GTK_IM_MODULE".into(), "ibus".into()));
        env.push(("XMODIFIERS".into(), "@im=ibus".into()));
        let (driver, app) = match self.run_as {
            // Copies the user may run: the originals may sit in root's home.
            Some((uid, gid)) => {
                chown_all(data.path(), uid, gid);
                let bin = self.root.join("bin");
                std::fs::create_dir_all(&bin).unwrap();
                let driver = bin.join("tauri-driver");
                let app = bin.join("shoki");
                std::fs::copy(Driver::program(), &driver).expect("tauri-driver: run `make test`, which installs it");
                std::fs::copy(app_binary(), &app).unwrap();
                for p in [&bin, &driver, &app] {
                    set_mode(p, 0o755);
                }
                (Some(driver), Some(app))
            }
            None => (None, None),
        };
        Driver::start_with(
            data.path(),
            display,
            DriverOptions { env, run_as: self.run_as, driver, app, log_name: format!("ime-{tag}-driver") },
        )
    }

    /// Every process still running with this IME's HOME, the ones that left their parent too.
    fn leftovers(&self) -> Vec<u32> {
        let wanted = format!("HOME={}", self.root.join("home").display());
        let me = std::process::id();
        support::processes_where(|pid| pid != me && support::environ_has(pid, &wanted))
    }
}

impl Drop for Ime {
    fn drop(&mut self) {
        let group = format!("-{}", self.ibus.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.ibus.kill();
        let _ = self.ibus.wait();
        let _ = self.dbus.kill();
        let _ = self.dbus.wait();
        for pid in self.leftovers() {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.leftovers().is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// A command run as `run_as` (through setpriv) with exactly the IME's environment on top.
fn command(run_as: Option<(u32, u32)>, env: &[(String, String)], program: &str) -> Command {
    let mut c = match run_as {
        Some((uid, gid)) => {
            let mut c = Command::new("setpriv");
            c.args([&format!("--reuid={uid}"), &format!("--regid={gid}"), "--clear-groups", "--", program]);
            c
        }
        None => Command::new(program),
    };
    c.envs(env.iter().map(|(k, v)| (k, v)));
    c
}

/// Mozc will not run as root: then the IME and Shoki run as `nobody`.
fn unprivileged_user() -> Option<(u32, u32)> {
    if std::fs::metadata("/proc/self").unwrap().uid() != 0 {
        return None;
    }
    let id = |flag: &str| -> u32 {
        let out = Command::new("id").args([flag, "nobody"]).output().expect("id");
        String::from_utf8_lossy(&out.stdout).trim().parse().expect("the user nobody")
    };
    Some((id("-u"), id("-g")))
}

fn chown_all(path: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).unwrap();
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap().flatten() {
            chown_all(&entry.path(), uid, gid);
        }
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The X window of Shoki's secretary window, found by its process.
fn app_window(app_path: &Path, data: &DataDir, display: &str) -> String {
    let mut window = String::new();
    wait_until("Shoki's X window", Duration::from_secs(20), || {
        for pid in app_pids_of(app_path, data.path()) {
            let out = Command::new("xdotool")
                .args(["search", "--onlyvisible", "--pid", &pid.to_string()])
                .env("DISPLAY", display)
                .output()
                .unwrap();
            if let Some(w) = String::from_utf8_lossy(&out.stdout).lines().next() {
                window = w.trim().to_string();
                return Ok(());
            }
        }
        Err("no visible window yet".into())
    });
    window
}

/// The keyboard of the journey: X key events through XTEST, to the window with the X focus —
/// what a USB keyboard gives, passing through ibus and Mozc before WebKitGTK sees them.
struct Keyboard {
    display: String,
    window: String,
}

impl Keyboard {
    fn focus(&self) {
        let x = |args: &[&str]| -> String {
            let out = Command::new("xdotool").args(args).env("DISPLAY", &self.display).output().unwrap();
            String::from_utf8_lossy(&out.stdout).trim().to_string()
        };
        wait_until("the X focus on Shoki's window", Duration::from_secs(10), || {
            x(&["windowfocus", &self.window]);
            let focused = x(&["getwindowfocus"]);
            if focused == self.window {
                Ok(())
            } else {
                Err(focused)
            }
        });
    }

    /// Clicks the control with the real (XTEST) pointer, as the secretary's mouse would: that gives
    /// GTK's focus to the web view (WebDriver's clicks are synthesized inside WebKit and leave the
    /// GTK focus where it was, so X keys would go nowhere).
    fn click(&self, app: &Session, testid: &str) {
        let rect = app.execute(
            "const r = document.querySelector(`[data-testid=\"${arguments[0]}\"]`).getBoundingClientRect();
             return [Math.round(r.left + Math.min(r.width / 2, 40)), Math.round(r.top + r.height / 2)]",
            json!([testid]),
        );
        let (x, y) = (rect[0].as_i64().unwrap().to_string(), rect[1].as_i64().unwrap().to_string());
        self.run(&["mousemove", "--window", &self.window, &x, &y, "click", "1"]);
        wait_until(&format!("the focus on {testid}"), Duration::from_secs(10), || {
            let active = app.active_testid();
            if active == testid {
                Ok(())
            } else {
                Err(active)
            }
        });
    }

    fn run(&self, args: &[&str]) {
        let status = Command::new("xdotool").args(args).env("DISPLAY", &self.display).status().unwrap();
        assert!(status.success(), "xdotool {args:?}");
    }

    /// Types romaji, a key at a time.
    fn romaji(&self, text: &str) {
        self.run(&["type", "--delay", "60", text]);
    }

    /// Presses keys by their X names (space, Return, Escape, Tab).
    fn key(&self, names: &[&str]) {
        let mut args = vec!["key", "--delay", "60"];
        args.extend_from_slice(names);
        self.run(&args);
    }
}

/// Records, in the page, what the IME made of the keys: composition events and keydowns, so the
/// journey can tell a real conversion happened and when it ended.
const PROBE: &str = "window.__ime = [];
  for (const type of ['compositionstart', 'compositionupdate', 'compositionend']) {
    document.addEventListener(type, (e) => window.__ime.push(type + ':' + e.data), true);
  }
  document.addEventListener('keydown', (e) =>
    window.__ime.push('keydown:' + e.key + '/' + e.keyCode + (e.isComposing ? '/composing' : '')), true);";

fn probe_log(app: &Session) -> Vec<String> {
    let v = app.execute("return window.__ime || []", json!([]));
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect()
}

fn saved_rows(app: &Session) -> usize {
    app.execute("return document.querySelectorAll('.turn[data-saved=true]:not(.deleted)').length", json!([]))
        .as_u64()
        .unwrap() as usize
}

fn value_of(app: &Session, testid: &str) -> String {
    app.execute(
        "const el = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); return el ? el.value : null",
        json!([testid]),
    )
    .as_str()
    .unwrap_or("<gone>")
    .to_string()
}

/// Waits until the control's value is `want`.
fn wait_value(app: &Session, testid: &str, want: &str) {
    wait_until(&format!("{testid} to hold {want:?}"), Duration::from_secs(10), || {
        let v = value_of(app, testid);
        if v == want {
            Ok(())
        } else {
            Err(format!("{v:?}; IME events {:?}", probe_log(app)))
        }
    });
}

/// Long enough for anything a key could wrongly start to show: a commit reaches the screen in a
/// frame, the draft is saved 250 ms after the last key, the IME's grace is 120 ms.
fn settle() {
    std::thread::sleep(Duration::from_millis(600));
}

/// Types `romaji`, converts it with Space and waits long enough to see that nothing reached the
/// page: wry turns WebKitGTK's preedit off (`set_enable_preedit(false)` in wry's webkitgtk
/// module), so the conversion lives in the IME's own window until it is confirmed, and the box
/// keeps `before`.
fn convert(app: &Session, keyboard: &Keyboard, testid: &str, romaji: &str, before: &str) {
    keyboard.romaji(romaji);
    keyboard.key(&["space"]);
    settle();
    assert_eq!(value_of(app, testid), before, "converting {romaji}: nothing in the page until it is confirmed");
}

fn wait_rows(app: &Session, n: usize) {
    wait_until(&format!("{n} saved turns"), Duration::from_secs(10), || {
        let rows = saved_rows(app);
        if rows == n {
            Ok(())
        } else {
            Err(format!("{rows} rows, box {:?}", value_of(app, "turn-input")))
        }
    });
}

/// (a) romaji converted with Space and confirmed with Enter stays in the turn box; the next
/// Enter commits it; (b) Esc during a conversion cancels only the conversion; (d) Tab during a
/// conversion stays in the box. The store has the kanji.
#[test]
fn real_ime_conversions_in_the_turn_box_never_commit_nor_leave_it() {
    let _turn = one_at_a_time();
    let data = DataDir::new("ime-live");
    let id = {
        let mut store = Store::open(data.path()).unwrap();
        let m = store.load_sample().unwrap();
        store.open_meeting(m.id, now()).unwrap();
        m.id
    };
    let display = Display::start();
    let x = display.name.clone();
    let ime = Ime::start(&x, "live");
    let driver = ime.driver(&data, display, "live");
    let app = driver.launch();
    let app_path = if ime.run_as.is_some() { ime.root.join("bin/shoki") } else { PathBuf::from(app_binary()) };

    app.focus_testid("turn-input");
    app.execute(PROBE, json!([]));
    let keyboard = Keyboard { window: app_window(&app_path, &data, &x), display: x.clone() };
    keyboard.focus();
    ime.select_mozc();
    keyboard.click(&app, "turn-input");

    // (a) かいぎ, converted, confirmed: in the box, not committed.
    convert(&app, &keyboard, "turn-input", "kaigi", "");
    app.screenshot(&shot_path("40-ime-live-1-converting"));
    keyboard.key(&["Return"]);
    wait_value(&app, "turn-input", "会議");
    settle();
    assert_eq!(value_of(&app, "turn-input"), "会議", "the confirmed words stay in the box");
    assert_eq!(saved_rows(&app), 0, "the IME's confirming Enter commits nothing: {:?}", probe_log(&app));
    assert_eq!(app.active_testid(), "turn-input");
    app.screenshot(&shot_path("40-ime-live-2-confirmed"));
    // A second Enter, the secretary's own, commits the turn.
    keyboard.key(&["Return"]);
    wait_rows(&app, 1);
    wait_value(&app, "turn-input", "");
    app.screenshot(&shot_path("40-ime-live-3-committed"));

    // (b) Esc during a conversion: the conversion is cancelled, the box and the screen stay.
    convert(&app, &keyboard, "turn-input", "kaigi", "");
    keyboard.key(&["Return"]);
    wait_value(&app, "turn-input", "会議");
    convert(&app, &keyboard, "turn-input", "kaishi", "会議");
    keyboard.key(&["Escape"]);
    settle();
    assert_eq!(value_of(&app, "turn-input"), "会議", "Esc during a conversion leaves the box as it was");
    assert_eq!(app.active_testid(), "turn-input", "Esc during a conversion does not leave the box");
    assert_eq!(saved_rows(&app), 1, "nor commits");
    app.screenshot(&shot_path("40-ime-live-4-esc-in-conversion"));
    // Mozc's first Esc goes back to the kana; Enter now confirms かいし as typed.
    keyboard.key(&["Return"]);
    wait_value(&app, "turn-input", "会議かいし");
    settle();
    assert_eq!(saved_rows(&app), 1, "the Enter confirming the kana commits nothing");
    // Esc on a composition Mozc is holding, twice (back to kana, then cancelled): nothing changes.
    convert(&app, &keyboard, "turn-input", "kaishi", "会議かいし");
    keyboard.key(&["Escape", "Escape"]);
    settle();
    assert_eq!(value_of(&app, "turn-input"), "会議かいし", "a cancelled conversion leaves the box as it was");
    assert_eq!(app.active_testid(), "turn-input");

    // (d) Tab during a conversion (Mozc may use it for its candidates) stays in the box.
    convert(&app, &keyboard, "turn-input", "kaishi", "会議かいし");
    keyboard.key(&["Tab"]);
    settle();
    assert_eq!(app.active_testid(), "turn-input", "Tab during a conversion never leaves the box");
    assert_eq!(value_of(&app, "turn-input"), "会議かいし", "{:?}", probe_log(&app));
    app.screenshot(&shot_path("40-ime-live-5-tab-in-conversion"));
    keyboard.key(&["Return"]);
    wait_until("the conversion after Tab confirmed", Duration::from_secs(10), || {
        let v = value_of(&app, "turn-input");
        if v.len() > "会議かいし".len() {
            Ok(())
        } else {
            Err(v)
        }
    });
    settle();
    let second = value_of(&app, "turn-input");
    assert!(second.starts_with("会議かいし"), "{second:?}");
    assert!(!second.chars().any(|c| c.is_ascii()), "converted, no romaji nor tab left: {second:?}");
    assert_eq!(saved_rows(&app), 1, "the confirming Enter after Tab commits nothing either");
    assert_eq!(app.active_testid(), "turn-input");
    keyboard.key(&["Return"]);
    wait_rows(&app, 2);
    app.screenshot(&shot_path("40-ime-live-6-second-turn"));
    eprintln!("IME events seen by the page: {:?}", probe_log(&app));
    app.quit();

    let store = open_store(data.path());
    let turns: Vec<String> = store.transcript(id).unwrap().into_iter().filter(|t| !t.deleted).map(|t| t.text).collect();
    assert_eq!(turns, ["会議".to_string(), second], "the store has the kanji, as confirmed");
    drop(store);
    drop(driver);
    drop(ime);
}

/// (c) In a preparation field (会場 of a meeting being prepared): Esc during a conversion does
/// not put back the saved value, and the Enter that confirms a conversion neither moves the focus
/// nor saves; Tab afterwards saves what was confirmed.
#[test]
fn real_ime_conversions_in_a_preparation_field_keep_the_typing() {
    let _turn = one_at_a_time();
    let (data, id) = support::sample_store("ime-prep");
    let display = Display::start();
    let x = display.name.clone();
    let ime = Ime::start(&x, "prep");
    let driver = ime.driver(&data, display, "prep");
    let app = driver.launch();
    let app_path = if ime.run_as.is_some() { ime.root.join("bin/shoki") } else { PathBuf::from(app_binary()) };

    app.click_testid(&format!("open-meeting-{id}"));
    let saved = app.value(&app.by_testid("field-venue"));
    assert_eq!(saved, "目黒区総合庁舎本館6階教育委員会室");
    app.execute(PROBE, json!([]));
    let keyboard = Keyboard { window: app_window(&app_path, &data, &x), display: x.clone() };
    keyboard.focus();
    ime.select_mozc();
    keyboard.click(&app, "field-venue");
    keyboard.key(&["End"]);

    // A conversion confirmed with Enter: in the field, the focus stays, nothing saved.
    convert(&app, &keyboard, "field-venue", "kaigi", &saved);
    keyboard.key(&["Return"]);
    let typed = format!("{saved}会議");
    wait_value(&app, "field-venue", &typed);
    settle();
    assert_eq!(app.active_testid(), "field-venue", "the confirming Enter does not move the focus");
    assert_eq!(app.testid_text("cover-venue"), saved, "nor save the field");
    app.screenshot(&shot_path("40-ime-prep-1-confirmed"));

    // Esc during a conversion: the typing stays (a plain Esc would put back the saved value).
    convert(&app, &keyboard, "field-venue", "shitsu", &typed);
    keyboard.key(&["Escape"]);
    settle();
    assert_eq!(value_of(&app, "field-venue"), typed, "Esc in a conversion keeps the typing");
    keyboard.key(&["Escape"]);
    settle();
    assert_eq!(value_of(&app, "field-venue"), typed, "and so does the Esc that cancels the composition");
    assert_eq!(app.active_testid(), "field-venue");
    app.screenshot(&shot_path("40-ime-prep-2-esc-kept-typing"));

    convert(&app, &keyboard, "field-venue", "shitsu", &typed);
    keyboard.key(&["Return"]);
    let typed = format!("{typed}室");
    wait_value(&app, "field-venue", &typed);
    settle();
    assert_eq!(app.active_testid(), "field-venue");
    assert_eq!(app.testid_text("cover-venue"), saved);
    // Leaving the field saves what the IME confirmed.
    keyboard.key(&["Tab"]);
    app.wait_text("cover-venue", |t| t == typed);
    app.screenshot(&shot_path("40-ime-prep-3-saved"));
    eprintln!("IME events seen by the page: {:?}", probe_log(&app));
    app.quit();

    let store = open_store(data.path());
    assert_eq!(store.meeting(id).unwrap().venue, typed);
    drop(store);
    drop(driver);
    drop(ime);
}
