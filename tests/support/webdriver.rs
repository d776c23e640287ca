//! Xvfb + tauri-driver + a W3C WebDriver session on the real Shoki binary.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub const TAB: &str = "\u{E004}";
/// Longer than the UI's grace period after compositionend (ui/js/ime.js).
pub const IME_GRACE_MS: u64 = 160;
pub const ENTER: &str = "\u{E007}";
pub const ESCAPE: &str = "\u{E00C}";
/// Modifiers: pressed once, a modifier is held; pressed again, released.
pub const CONTROL: &str = "\u{E009}";
pub const SHIFT: &str = "\u{E008}";
pub const ALT: &str = "\u{E00A}";
pub const F2: &str = "\u{E032}";
pub const F3: &str = "\u{E033}";
pub const F6: &str = "\u{E036}";
pub const F8: &str = "\u{E038}";
pub const F9: &str = "\u{E039}";
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

pub fn app_binary() -> &'static str {
    env!("CARGO_BIN_EXE_shoki")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_until<T>(what: &str, timeout: Duration, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = probe() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out after {timeout:?} waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// One HTTP/1.1 exchange with the driver; answers the JSON `value`, or the driver's error.
/// No `Connection: close`: tauri-driver forwards it to WebKitWebDriver, whose closing connection
/// then races the driver's connection pool and drops the next request. So the answer is read by
/// its length instead of to the end of the stream.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let body = body.map(|b| b.to_string());
    let request = match &body {
        Some(body) => format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ),
        None => format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
    };
    stream.write_all(request.as_bytes()).map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    let mut buf = [0u8; 16384];
    let (head, payload) = loop {
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err(format!("{method} {path}: the driver closed the connection without an answer"));
        }
        raw.extend_from_slice(&buf[..n]);
        let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
        let rest = &raw[split + 4..];
        if let Some(len) =
            head.lines().find_map(|l| l.strip_prefix("content-length:")).and_then(|v| v.trim().parse::<usize>().ok())
        {
            if rest.len() >= len {
                break (head.clone(), rest[..len].to_vec());
            }
        } else if head.contains("transfer-encoding: chunked") && rest.ends_with(b"0\r\n\r\n") {
            break (head.clone(), dechunk(rest));
        }
    };
    let status: u16 = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let json: Value = serde_json::from_slice(&payload).unwrap_or(Value::Null);
    if status >= 400 {
        return Err(format!("{method} {path} -> {status}: {json}"));
    }
    Ok(json.get("value").cloned().unwrap_or(Value::Null))
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[eol + 2 + size + 2..];
    }
    out
}

/// A virtual display of the size the secretary's laptop has: Xvfb, or a compositor with several
/// monitors (`Display::monitors`).
pub struct Display {
    child: Child,
    pub name: String,
    /// What a program needs in its environment to show its windows here.
    env: Vec<(String, String)>,
}

impl Display {
    pub fn start() -> Display {
        Display::start_sized(1280, 800)
    }

    /// A display of `width`×`height` pixels: a 1920×1080 laptop, or a small 1024×768 one.
    pub fn start_sized(width: u32, height: u32) -> Display {
        let n = (90..200)
            .find(|n| {
                !Path::new(&format!("/tmp/.X{n}-lock")).exists() && !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
            })
            .expect("a free X display number");
        let name = format!(":{n}");
        let child = Command::new("Xvfb")
            .args([&name, "-screen", "0", &format!("{width}x{height}x24"), "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb must be installed: run `make test`, which installs it");
        wait_until("Xvfb", Duration::from_secs(20), || {
            Path::new(&format!("/tmp/.X11-unix/X{n}")).exists().then_some(())
        });
        Display { env: vec![("DISPLAY".into(), name.clone())], child, name }
    }

    /// A display with several monitors side by side, each `(width, height)` pixels, as a laptop
    /// with a projector has. Xvfb cannot show GTK two monitors (its one RandR output can belong to
    /// one monitor only, and GTK ignores Xinerama), so this is Mutter's headless Wayland compositor
    /// with virtual monitors, in a session bus of its own; GTK sees each as a monitor with its
    /// own position.
    pub fn monitors(sizes: &[(u32, u32)]) -> Display {
        let runtime = tempfile::Builder::new().prefix("shoki-wayland-").tempdir().unwrap().keep();
        std::fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
        let name = "wayland-shoki".to_string();
        let mut command = Command::new("dbus-run-session");
        command.args(["--", "mutter", "--wayland", "--headless", "--no-x11", "--wayland-display", &name]);
        for (w, h) in sizes {
            command.args(["--virtual-monitor", &format!("{w}x{h}")]);
        }
        let child = command
            .process_group(0)
            .env("XDG_RUNTIME_DIR", &runtime)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("mutter and dbus-run-session must be installed: run `make test`, which installs them");
        let socket = runtime.join(&name);
        wait_until("mutter", Duration::from_secs(20), || socket.exists().then_some(()));
        let env = vec![
            ("XDG_RUNTIME_DIR".into(), runtime.display().to_string()),
            ("WAYLAND_DISPLAY".into(), name.clone()),
            ("GDK_BACKEND".into(), "wayland".into()),
        ];
        Display { child, name, env }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        // SIGTERM lets Xvfb remove its lock file; SIGKILL would leave one per run. Mutter runs
        // in its own group with its session bus: the whole group goes.
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        if self.env.iter().any(|(k, _)| k == "WAYLAND_DISPLAY") {
            let _ = Command::new("kill").args(["-TERM", "--", &format!("-{}", self.child.id())]).status();
        }
        let _ = self.child.wait();
    }
}

/// tauri-driver on its own port, started with the journey's data directory in its environment
/// (the app inherits it through WebKitWebDriver).
pub struct Driver {
    child: Child,
    port: u16,
    data_dir: PathBuf,
    app: PathBuf,
    _display: Display,
}

impl Driver {
    pub fn start(data_dir: &Path) -> Driver {
        Driver::start_on(data_dir, Display::start())
    }

    /// The driver on a display of its own size (see `Display::start_sized`).
    pub fn start_on(data_dir: &Path, display: Display) -> Driver {
        Driver::start_with(data_dir, display, DriverOptions::default())
    }

    /// The path of the installed tauri-driver (`TAURI_DRIVER`, else cargo's bin folder).
    pub fn program() -> PathBuf {
        PathBuf::from(std::env::var("TAURI_DRIVER").unwrap_or_else(|_| {
            let home =
                std::env::var("CARGO_HOME").unwrap_or_else(|_| format!("{}/.cargo", std::env::var("HOME").unwrap()));
            format!("{home}/bin/tauri-driver")
        }))
    }

    /// The driver started with more environment, as another user, or on other binaries
    /// (`DriverOptions`); with the default options this is `start_on`.
    pub fn start_with(data_dir: &Path, display: Display, options: DriverOptions) -> Driver {
        let port = free_port();
        let native = free_port();
        // The driver's and the app's own output, for when a journey fails.
        let log = std::fs::File::create(super::shot_path(&options.log_name).with_extension("log")).unwrap();
        let driver = options.driver.clone().unwrap_or_else(Driver::program);
        let mut command = match options.run_as {
            // setpriv (util-linux) drops to the user before the driver starts, supplementary groups too.
            Some((uid, gid)) => {
                let mut c = Command::new("setpriv");
                c.args([&format!("--reuid={uid}"), &format!("--regid={gid}"), "--clear-groups", "--"]).arg(&driver);
                c
            }
            None => Command::new(&driver),
        };
        // Its own process group, so the WebKitWebDriver it spawns goes down with it.
        let child = command
            .process_group(0)
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env_remove("DISPLAY")
            .envs(display.env.iter().map(|(k, v)| (k, v)))
            .env("SHOKI_DATA_DIR", data_dir)
            .env_remove("WEBKIT_DISABLE_COMPOSITING_MODE")
            .env_remove("WEBKIT_DISABLE_DMABUF_RENDERER")
            // No session bus unless a journey brings its own (the IME's): with dbus-x11 installed
            // GLib would autolaunch one per app, left running after the journey.
            .env("DBUS_SESSION_BUS_ADDRESS", "disabled:")
            .envs(options.env.iter().map(|(k, v)| (k, v)))
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "tauri-driver ({}) must be installed: run `make test`, which installs it ({e})",
                    driver.display()
                )
            });
        wait_until("tauri-driver to answer /status", Duration::from_secs(30), || {
            http(port, "GET", "/status", None).ok()
        });
        let app = options.app.unwrap_or_else(|| PathBuf::from(app_binary()));
        Driver { child, port, data_dir: data_dir.to_path_buf(), app, _display: display }
    }

    /// What a program needs in its environment to show its windows on this driver's display
    /// (a bench's anchor page, beside Shoki).
    pub fn display_env(&self) -> Vec<(String, String)> {
        self._display.env.clone()
    }

    /// Starts Shoki in a new window and returns the session on it.
    pub fn launch(&self) -> Session {
        self.launch_program(&self.app.clone())
    }

    /// Starts Shoki through another program (a wrapper that traces it, say).
    pub fn launch_program(&self, program: &Path) -> Session {
        let caps = json!({"capabilities": {"alwaysMatch": {"tauri:options": {"application": program}}}});
        let value = http(self.port, "POST", "/session", Some(&caps)).expect("a WebDriver session on Shoki");
        let id = value["sessionId"].as_str().expect("a session id").to_string();
        Session { port: self.port, id, ended: false, data_dir: self.data_dir.clone(), app: self.app.clone() }
    }
}

/// How `Driver::start_with` starts tauri-driver, beyond what every journey has.
pub struct DriverOptions {
    /// More environment for the driver, and so for WebKitWebDriver and Shoki.
    pub env: Vec<(String, String)>,
    /// Runs the driver (and so Shoki) as this user and group, through `setpriv`.
    pub run_as: Option<(u32, u32)>,
    /// Another tauri-driver binary (a copy the user of `run_as` may run).
    pub driver: Option<PathBuf>,
    /// Another Shoki binary (likewise).
    pub app: Option<PathBuf>,
    /// The name of the driver's log beside the screenshots.
    pub log_name: String,
}

impl Default for DriverOptions {
    fn default() -> Self {
        DriverOptions { env: Vec::new(), run_as: None, driver: None, app: None, log_name: "driver".into() }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Session {
    port: u16,
    id: String,
    ended: bool,
    data_dir: PathBuf,
    app: PathBuf,
}

#[derive(Clone)]
pub struct Element(String);

impl Session {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.id);
        http(self.port, method, &path, body.as_ref()).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Resizes the window (outer size, in pixels) and moves it to the screen's corner.
    pub fn set_window_size(&self, width: u32, height: u32) {
        self.call("POST", "/window/rect", Some(json!({"x": 0, "y": 0, "width": width, "height": height})));
    }

    /// Closes the window and waits until the app has gone, as when the secretary quits.
    pub fn quit(mut self) {
        self.end();
    }

    /// Ends the session without waiting for the app: for an app started through a wrapper that
    /// the driver ends in its place (the caller then ends the app itself).
    pub fn abandon(mut self) {
        self.ended = true;
        let _ = http(self.port, "DELETE", &format!("/session/{}", self.id), None);
    }

    fn end(&mut self) {
        if self.ended {
            return;
        }
        self.ended = true;
        // Errors here are expected when the app already went away.
        let _ = http(self.port, "DELETE", &format!("/session/{}", self.id), None);
        wait_until("Shoki to exit", Duration::from_secs(20), || {
            app_pids_of(&self.app, &self.data_dir).is_empty().then_some(())
        });
    }

    pub fn try_find(&self, css: &str) -> Option<Element> {
        let path = format!("/session/{}/element", self.id);
        http(self.port, "POST", &path, Some(&json!({"using": "css selector", "value": css})))
            .ok()
            .and_then(|v| v[ELEMENT_KEY].as_str().map(|s| Element(s.to_string())))
    }

    /// Waits for an element to appear: screens load asynchronously.
    pub fn find(&self, css: &str) -> Element {
        wait_until(&format!("element {css}"), Duration::from_secs(20), || self.try_find(css))
    }

    pub fn by_testid(&self, testid: &str) -> Element {
        self.find(&format!("[data-testid=\"{testid}\"]"))
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let v = self.call("POST", "/elements", Some(json!({"using": "css selector", "value": css})));
        v.as_array().unwrap().iter().map(|e| Element(e[ELEMENT_KEY].as_str().unwrap().to_string())).collect()
    }

    pub fn click(&self, el: &Element) {
        self.call("POST", &format!("/element/{}/click", el.0), Some(json!({})));
    }

    /// Clicks the element matching `css`, finding it again if a redraw replaced it meanwhile.
    pub fn click_on(&self, css: &str) {
        wait_until(&format!("a click on {css}"), Duration::from_secs(20), || {
            let el = self.try_find(css)?;
            let path = format!("/session/{}/element/{}/click", self.id, el.0);
            match http(self.port, "POST", &path, Some(&json!({}))) {
                Ok(_) => Some(()),
                Err(e) if e.contains("stale element") => None,
                Err(e) => panic!("{e}"),
            }
        })
    }

    pub fn type_into(&self, el: &Element, text: &str) {
        self.call("POST", &format!("/element/{}/value", el.0), Some(json!({"text": text})));
    }

    /// Types into whatever has the focus, as the keyboard does. A redraw may replace the focused
    /// control between finding it and typing; then nothing was typed, and it is found again.
    pub fn keys(&self, text: &str) {
        wait_until("the focused control to take keys", Duration::from_secs(20), || {
            // GET /element/active has dropped connections under WebKitWebDriver; a script does not.
            let el = self.execute("return document.activeElement", json!([]));
            let el = Element(el[ELEMENT_KEY].as_str().expect("a focused element").to_string());
            let path = format!("/session/{}/element/{}/value", self.id, el.0);
            match http(self.port, "POST", &path, Some(&json!({"text": text}))) {
                Ok(_) => Some(()),
                Err(e) if e.contains("stale element") => None,
                Err(e) => panic!("{e}"),
            }
        })
    }

    /// Types `text` into whatever has the focus as key actions (each key pressed and released in
    /// turn), as a keyboard does: a date field takes the whole of 20220405 this way, where
    /// element send keys fills only its first part.
    pub fn key_actions(&self, text: &str) {
        let keys: Vec<Value> = text
            .chars()
            .flat_map(|c| {
                [json!({"type": "keyDown", "value": c.to_string()}), json!({"type": "keyUp", "value": c.to_string()})]
            })
            .collect();
        self.call("POST", "/actions", Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": keys}]})));
        self.call("DELETE", "/actions", None);
    }

    /// Types words, then Enter after a pause: WebKitWebDriver types kana and kanji through the
    /// input method, and an Enter right after them is the IME's confirming Enter, which the app
    /// rightly ignores. A person pauses too.
    pub fn enter_words(&self, words: &str) {
        self.keys(words);
        std::thread::sleep(Duration::from_millis(IME_GRACE_MS));
        self.keys(ENTER);
    }

    /// Puts the keyboard focus on the control matching `css` (again if a redraw took the focus
    /// away in between), so the keys that follow land there. A field is clicked, as a person
    /// does; a control that acts on a click (a button, a link, a check box) is given the focus
    /// without one — a click would act, and the next key would land on the screen it opened.
    pub fn focus_on(&self, css: &str) {
        const ACTS_ON_CLICK: &str = "button, a[href], summary, [role=button], input[type=checkbox], \
                                     input[type=radio], input[type=button], input[type=submit]";
        wait_until(&format!("the focus on {css}"), Duration::from_secs(20), || {
            self.try_find(css)?;
            let acts = "const el = document.querySelector(arguments[0]); return !!el && el.matches(arguments[1])";
            if self.execute(acts, json!([css, ACTS_ON_CLICK])) == json!(true) {
                self.execute("document.querySelector(arguments[0]).focus()", json!([css]));
            } else {
                self.click_on(css);
            }
            let js = "return document.activeElement ? document.activeElement.matches(arguments[0]) : false";
            (self.execute(js, json!([css])) == json!(true)).then_some(())
        })
    }

    /// Puts the keyboard focus on the control with this test id.
    pub fn focus_testid(&self, testid: &str) {
        self.focus_on(&format!("[data-testid=\"{testid}\"]"));
    }

    /// Clicks the control with this test id.
    pub fn click_testid(&self, testid: &str) {
        self.click_on(&format!("[data-testid=\"{testid}\"]"));
    }

    pub fn clear(&self, el: &Element) {
        self.call("POST", &format!("/element/{}/clear", el.0), Some(json!({})));
    }

    pub fn text(&self, el: &Element) -> String {
        self.call("GET", &format!("/element/{}/text", el.0), None).as_str().unwrap_or_default().to_string()
    }

    pub fn value(&self, el: &Element) -> String {
        self.call("GET", &format!("/element/{}/property/value", el.0), None).as_str().unwrap_or_default().to_string()
    }

    pub fn testid_text(&self, testid: &str) -> String {
        let el = self.by_testid(testid);
        self.text(&el)
    }

    /// Waits until the element's text satisfies `ok`; returns that text.
    pub fn wait_text(&self, testid: &str, ok: impl Fn(&str) -> bool) -> String {
        wait_until(&format!("text of {testid}"), Duration::from_secs(20), || {
            let el = self.try_find(&format!("[data-testid=\"{testid}\"]"))?;
            let path = format!("/session/{}/element/{}/text", self.id, el.0);
            let text = http(self.port, "GET", &path, None).ok()?.as_str()?.to_string();
            ok(&text).then_some(text)
        })
    }

    pub fn execute(&self, script: &str, args: Value) -> Value {
        self.call("POST", "/execute/sync", Some(json!({"script": script, "args": args})))
    }

    /// Reloads the page, as F5 would, and returns once the new page has loaded. (A script that
    /// reloads, `location.reload()` through `execute`, races its own answer: when the page
    /// unloads first, WebDriver answers "no such frame" and the test fails.)
    pub fn reload(&self) {
        self.call("POST", "/refresh", Some(json!({})));
    }

    pub fn active_testid(&self) -> String {
        self.execute("return document.activeElement && document.activeElement.dataset.testid || ''", json!([]))
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn set_script_timeout(&self, timeout: Duration) {
        self.call("POST", "/timeouts", Some(json!({"script": timeout.as_millis() as u64})));
    }

    pub fn window_handles(&self) -> Vec<String> {
        let v = self.call("GET", "/window/handles", None);
        v.as_array().unwrap().iter().map(|h| h.as_str().unwrap().to_string()).collect()
    }

    pub fn window_handle(&self) -> String {
        self.call("GET", "/window", None).as_str().unwrap().to_string()
    }

    pub fn switch_to_window(&self, handle: &str) {
        self.call("POST", "/window", Some(json!({"handle": handle})));
    }

    /// Runs an asynchronous script; it answers by calling its last argument.
    pub fn execute_async(&self, script: &str, args: Value) -> Value {
        self.call("POST", "/execute/async", Some(json!({"script": script, "args": args})))
    }

    /// Runs a script with `el` as arguments[0].
    pub fn execute_on(&self, el: &Element, script: &str) -> Value {
        self.execute(script, json!([{ELEMENT_KEY: el.0}]))
    }

    pub fn screenshot(&self, path: &Path) {
        let b64 = self.call("GET", "/screenshot", None);
        std::fs::write(path, decode_base64(b64.as_str().unwrap())).unwrap();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if std::thread::panicking() && !self.ended {
            // What the window showed when the journey failed, for the person reading the log.
            let name = std::thread::current().name().unwrap_or("journey").replace("::", "-");
            let path = format!("/session/{}/screenshot", self.id);
            if let Ok(b64) = http(self.port, "GET", &path, None) {
                let _ = std::fs::write(
                    super::shot_path(&format!("failed-{name}")),
                    decode_base64(b64.as_str().unwrap_or("")),
                );
            }
        }
        self.end();
    }
}

/// SIGKILL to the Shoki of this data directory, as a crash or a pulled plug would end it; waits
/// until it is gone.
pub fn kill_app(data_dir: &Path) {
    for pid in app_pids(data_dir) {
        let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
    }
    wait_until("Shoki to die", Duration::from_secs(20), || (!app_running(data_dir)).then_some(()));
}

/// SIGTERM to the Shoki of this data directory, as the laptop's shutdown would end it: Shoki
/// closes as when its window is closed (the quit backup, the clean close's stamp); waits until it
/// is gone.
pub fn end_app(data_dir: &Path) {
    for pid in app_pids(data_dir) {
        let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).status();
    }
    wait_until("Shoki to end", Duration::from_secs(60), || (!app_running(data_dir)).then_some(()));
}

/// The live Shoki processes started on this data directory (zombies have no exe link, and other
/// journeys' or a person's Shoki have another SHOKI_DATA_DIR).
pub fn app_pids(data_dir: &Path) -> Vec<u32> {
    app_pids_of(Path::new(app_binary()), data_dir)
}

/// The live processes of the binary `app` started on this data directory.
pub fn app_pids_of(app: &Path, data_dir: &Path) -> Vec<u32> {
    let me = std::fs::canonicalize(app).unwrap();
    let wanted = format!("SHOKI_DATA_DIR={}", data_dir.display());
    super::processes_where(|pid| {
        std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == me) && super::environ_has(pid, &wanted)
    })
}

pub fn app_running(data_dir: &Path) -> bool {
    !app_pids(data_dir).is_empty()
}

fn decode_base64(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = s.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=').collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= (value(c) as u32) << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}
