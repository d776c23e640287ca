//! Zero network: Shoki, traced with strace, never opens an internet socket. Started on its own it
//! opens none at all (only local sockets: the X display, WebKit's own processes); driven through a
//! whole journey by WebDriver, its only internet-family socket is the automation link back to the
//! driver on 127.0.0.1, which a secretary's Shoki never has.

mod support;

use std::os::unix::fs::PermissionsExt;

use support::webdriver::{app_binary, Driver};

use support::{one_at_a_time, DataDir};

#[test]
fn driven_through_a_journey_the_app_reaches_nothing_beyond_loopback() {
    let _turn = one_at_a_time();
    let data = DataDir::new("network");
    let trace = data.path().join("net.trace");
    let wrapper = data.path().join("traced-shoki");
    std::fs::write(
        &wrapper,
        format!(
            // No session bus: with dbus-x11 installed GLib would autolaunch one, which strace -f
            // follows and waits for.
            "#!/bin/sh\nDBUS_SESSION_BUS_ADDRESS=disabled: exec strace -f -qq -e trace=connect,sendto,sendmsg -o '{}' '{}' \"$@\"\n",
            trace.display(),
            app_binary()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();

    let driver = Driver::start(data.path());
    let app = driver.launch_program(&wrapper);
    app.click_testid("load-sample");
    app.wait_text("cover-title", |t| !t.is_empty());
    app.click_testid("go-live");
    app.click_testid("open-meeting");
    app.focus_testid("turn-input");
    app.enter_words("それでは、定刻になりましたので、ただいまより開催いたします。");
    support::wait_for("the turn", || {
        app.execute("return document.querySelectorAll('.turn[data-saved=true]').length", serde_json::json!([])) == 1
    });
    app.click_testid("go-export");
    let path = app.by_testid("export-path");
    app.clear(&path);
    // The stick is a folder of its own: the data folder refuses exports, to keep the store safe.
    let stick = DataDir::new("network-stick");
    app.type_into(&path, &stick.path().join("minutes.docx").display().to_string());
    app.click_testid("export-save");
    app.wait_text("export-result", |t| t.contains("確かめました"));
    // The driver ends strace, which leaves its tracee running; end Shoki too.
    app.abandon();
    support::webdriver::kill_app(data.path());

    let traced = std::fs::read_to_string(&trace).expect("strace wrote its trace (strace is installed by `make test`)");
    assert!(traced.contains("AF_UNIX"), "the trace saw the app's local sockets, so it was really traced");
    let beyond_loopback: Vec<&str> =
        traced.lines().filter(|l| l.contains("AF_INET") && !l.contains("inet_addr(\"127.0.0.1\")")).collect();
    assert!(beyond_loopback.is_empty(), "Shoki reached beyond this laptop:\n{}", beyond_loopback.join("\n"));
}

#[test]
fn started_on_its_own_the_app_opens_no_internet_socket_at_all() {
    let _turn = one_at_a_time();
    let data = DataDir::new("network-alone");
    let display = support::webdriver::Display::start();
    let trace = data.path().join("alone.trace");
    let mut strace = std::process::Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o"])
        .arg(&trace)
        .arg(app_binary())
        .env("DISPLAY", &display.name)
        .env("SHOKI_DATA_DIR", data.path())
        // No session bus: with dbus-x11 installed GLib would autolaunch one, which strace -f
        // follows and waits for.
        .env("DBUS_SESSION_BUS_ADDRESS", "disabled:")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("strace is installed by `make test`");
    // Long enough for the window, the web process and the first screen.
    support::wait_for("the first screen's local sockets", || {
        std::fs::read_to_string(&trace).is_ok_and(|t| t.matches("AF_UNIX").count() > 5)
    });
    std::thread::sleep(std::time::Duration::from_secs(3));
    support::webdriver::kill_app(data.path());
    let _ = strace.wait();
    let traced = std::fs::read_to_string(&trace).unwrap();
    let internet: Vec<&str> = traced.lines().filter(|l| l.contains("AF_INET")).collect();
    assert!(internet.is_empty(), "Shoki opened an internet socket:\n{}", internet.join("\n"));
}
