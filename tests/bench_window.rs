//! Figures from the real window, run by `make bench` (ignored in `make test`: a benchmark is not a
//! test). A meeting with 1,000 turns is on screen; the page measures with performance.now():
//! - add_turn through the IPC (IPC included),
//! - keystroke to paint: an input event in the box until the next frame is painted,
//! - commit to paint: Enter until the saved row is in the transcript and painted.

mod support;

use serde_json::json;
use shoki_core::Store;
use support::webdriver::Driver;
use support::{one_at_a_time, DataDir};

fn stats(name: &str, mut ms: Vec<f64>) -> String {
    ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let at = |p: f64| ms[((ms.len() as f64 - 1.0) * p).round() as usize];
    format!("| {name} | {} | {:.2} ms | {:.2} ms | {:.2} ms |", ms.len(), at(0.5), at(0.95), at(0.99))
}

fn numbers(v: serde_json::Value) -> Vec<f64> {
    v.as_array().expect("a list of timings").iter().map(|x| x.as_f64().unwrap()).collect()
}

#[test]
#[ignore = "a benchmark, run by `make bench`"]
fn window_figures() {
    let _turn = one_at_a_time();
    let data = DataDir::new("bench");
    let id = {
        let mut store = Store::open(data.path()).unwrap();
        let m = store.load_sample().unwrap();
        let now = chrono::Local::now().naive_local();
        store.open_meeting(m.id, now).unwrap();
        for i in 0..1000 {
            let speaker = ["chair", "member", "official"][i % 3];
            store
                .add_turn(
                    m.id,
                    speaker,
                    &format!("{i}番目の発言です。確認なんですけれども、同じサービスを使うのでしょうか。"),
                    now,
                )
                .unwrap();
        }
        m.id
    };
    let driver = Driver::start(data.path());
    let app = driver.launch();
    app.set_script_timeout(std::time::Duration::from_secs(300));
    app.by_testid("turn-input");
    support::wait_for("1,000 turns on screen", || {
        app.execute("return document.querySelectorAll('.turn[data-saved=true]').length", json!([])) == 1000
    });

    eprintln!("measuring: ipc");
    let ipc = app.execute_async(
        "const [id, done] = arguments; (async () => { const t = [];
           for (let i = 0; i < 300; i++) { const s = performance.now();
             await window.__TAURI__.core.invoke('add_turn', {meetingId: id, speaker: 'member', text: '計測用の発言です。'});
             t.push(performance.now() - s); }
           done(t); })()",
        json!([id]),
    );
    // Reload so the turns added behind the screen's back are on it: 1,300 rows from here on.
    app.execute("location.reload()", json!([]));
    app.by_testid("turn-input");
    support::wait_for("the reloaded transcript", || {
        app.execute("return document.querySelectorAll('.turn[data-saved=true]').length", json!([])) == 1300
    });
    let frame = "const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));";
    // What one frame costs on this display with nothing to do: the floor of every figure below.
    eprintln!("measuring: idle");
    let idle = app.execute_async(
        &format!(
            "const done = arguments[0]; {frame} (async () => {{ const t = [];
               for (let i = 0; i < 100; i++) {{ await frame(); const s = performance.now();
                 await new Promise((r) => requestAnimationFrame(r)); t.push(performance.now() - s); }}
               done(t); }})()"
        ),
        json!([]),
    );
    eprintln!("measuring: keystroke");
    let keystroke = app.execute_async(
        &format!(
            "const done = arguments[0]; {frame} (async () => {{ const el = document.querySelector('[data-testid=turn-input]'); const t = [];
               for (let i = 0; i < 300; i++) {{ await frame(); const s = performance.now();
                 el.value += 'あ'; el.dispatchEvent(new InputEvent('input', {{data: 'あ'}}));
                 await new Promise((r) => requestAnimationFrame(r)); t.push(performance.now() - s); }}
               el.value = ''; el.dispatchEvent(new InputEvent('input')); done(t); }})()"
        ),
        json!([]),
    );
    eprintln!("measuring: commit");
    let commit = app.execute_async(
        &format!(
            "const done = arguments[0]; {frame} (async () => {{ const el = document.querySelector('[data-testid=turn-input]'); const t = [];
               const transcript = document.querySelector('[data-testid=transcript]');
               const savedRow = () => new Promise((r) => {{ const o = new MutationObserver((changes) => {{
                 if (changes.some((c) => [...c.addedNodes].some((n) => n.dataset && n.dataset.saved === 'true'))) {{ o.disconnect(); r(); }} }});
                 o.observe(transcript, {{childList: true, subtree: true}}); }});
               for (let i = 0; i < 200; i++) {{ el.value = '確定の計測 ' + i; el.dispatchEvent(new InputEvent('input'));
                 await frame(); const s = performance.now(); const shown = savedRow();
                 el.dispatchEvent(new KeyboardEvent('keydown', {{key: 'Enter', code: 'Enter', bubbles: true, cancelable: true}}));
                 await shown;
                 await new Promise((r) => requestAnimationFrame(r)); t.push(performance.now() - s); }}
               done(t); }})()"
        ),
        json!([]),
    );
    let table = [
        "| in the real window, 1,000+ turns loaded | n | p50 | p95 | p99 |".to_string(),
        "|---|---|---|---|---|".to_string(),
        stats("one idle frame on this display (the floor)", numbers(idle)),
        stats("add_turn through the IPC (IPC included)", numbers(ipc)),
        stats("keystroke to paint", numbers(keystroke)),
        stats("commit (Enter) to paint", numbers(commit)),
    ]
    .join("\n");
    println!("{table}");
}
