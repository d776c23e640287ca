//! Shoki's WebKit settings (`src-tauri/webview.rs`) reach WebKitGTK: the feature it switches is
//! found by name in this WebKitGTK and is off afterwards. (Every window gets them:
//! `ui_rules::every_window_gets_shokis_webkit_settings`; what they save: `make bench`.)

mod support;

/// The only test of this file: it sets DISPLAY for its own process, which no other thread reads.
#[test]
fn scrolled_panes_are_painted_with_the_page() {
    let display = support::webdriver::Display::start();
    std::env::set_var("DISPLAY", &display.name);
    gtk::init().expect("GTK on the test's display");
    let settings = webkit2gtk::Settings::new();
    assert_eq!(
        shoki_app::webview::panes_have_layers(&settings),
        Some(true),
        "WebKit's default, under the name webview.rs expects"
    );
    assert!(shoki_app::webview::paint_panes_with_the_page(&settings));
    assert_eq!(shoki_app::webview::panes_have_layers(&settings), Some(false));
}
