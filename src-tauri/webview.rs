//! What Shoki asks of WebKitGTK beyond Tauri's defaults, for every window it opens.
//!
//! Scrolled panes are painted with the page, not as layers of their own. WebKitGTK gives each
//! pane that scrolls its own composited layer and tiles ("async overflow scrolling"), and a
//! transcript that grows for hours keeps tiling it anew: a web process adding 200 turns to such
//! a pane grew by 70 MiB (165 → 233 MiB ten seconds after the last) against 10 MiB with the
//! pane painted with the page (`make bench`, README "The archive", the six-hour sitting).
//! Scrolling the transcript then runs on the page's thread, as a plain document's does; a turn
//! committed is still on screen in the next frame or so (the 5,000-turn figure).
//!
//! The switch is WebKitGTK 2.42's feature list, which the `webkit2gtk` crate (bound to 2.40) does
//! not wrap: its seven C calls are declared here, the one place the app allows `unsafe` (the
//! workspace denies it everywhere else).
#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, c_void, CStr};

use gtk::glib::object::ObjectType;

/// WebKitGTK's name for composited scrolling of panes (`overflow: auto`) in its feature list.
const ASYNC_OVERFLOW_SCROLLING: &CStr = c"AsyncOverflowScrolling";

// The feature-list calls of WebKitGTK 2.42 and later.
#[link(name = "webkit2gtk-4.1")]
extern "C" {
    fn webkit_settings_get_all_features() -> *mut c_void;
    fn webkit_feature_list_get_length(list: *mut c_void) -> usize;
    fn webkit_feature_list_get(list: *mut c_void, index: usize) -> *mut c_void;
    fn webkit_feature_list_unref(list: *mut c_void);
    fn webkit_feature_get_identifier(feature: *mut c_void) -> *const c_char;
    fn webkit_settings_set_feature_enabled(settings: *mut c_void, feature: *mut c_void, enabled: c_int);
    fn webkit_settings_get_feature_enabled(settings: *mut c_void, feature: *mut c_void) -> c_int;
}

/// Calls `with` on WebKit's feature named `identifier`, if this WebKitGTK has one by that name.
fn with_feature<T>(identifier: &CStr, with: impl FnOnce(*mut c_void) -> T) -> Option<T> {
    // SAFETY: the list is WebKit's own, counted and released here; each feature stays valid while
    // the list is held, and its identifier is a NUL-terminated string owned by the feature.
    unsafe {
        let list = webkit_settings_get_all_features();
        if list.is_null() {
            return None;
        }
        let found = (0..webkit_feature_list_get_length(list))
            .map(|i| webkit_feature_list_get(list, i))
            .find(|&f| !f.is_null() && CStr::from_ptr(webkit_feature_get_identifier(f)) == identifier);
        let answer = found.map(with);
        webkit_feature_list_unref(list);
        answer
    }
}

/// Makes `settings` paint scrolled panes with the page (see the module's comment). Answers
/// whether WebKit's feature list has the switch by that name; when a later WebKitGTK renames it,
/// nothing is changed and the window keeps WebKit's default. (An older WebKitGTK than 2.42 has no
/// feature list at all: Shoki does not start on it, and the .deb depends on 2.42 or later.)
/// Takes effect for panes laid out from then on, so a window can be set just after it opens
/// (measured: a pane made after the switch was painted with the page).
pub fn paint_panes_with_the_page(settings: &webkit2gtk::Settings) -> bool {
    let settings = settings.as_ptr() as *mut c_void;
    // SAFETY: `settings` is a live WebKitSettings (borrowed above) and the feature is WebKit's.
    with_feature(ASYNC_OVERFLOW_SCROLLING, |f| unsafe { webkit_settings_set_feature_enabled(settings, f, 0) }).is_some()
}

/// Whether `settings` give scrolled panes layers of their own (WebKit's default); `None` when
/// this WebKitGTK has no such switch.
pub fn panes_have_layers(settings: &webkit2gtk::Settings) -> Option<bool> {
    let settings = settings.as_ptr() as *mut c_void;
    // SAFETY: as in `paint_panes_with_the_page`.
    with_feature(ASYNC_OVERFLOW_SCROLLING, |f| unsafe { webkit_settings_get_feature_enabled(settings, f) != 0 })
}

/// Applies Shoki's settings to a window's webview (every window: the secretary's, the chair's).
/// A window whose webview cannot be reached keeps WebKit's defaults: it works as before, with
/// more memory over a long sitting.
pub fn configure(window: &tauri::WebviewWindow) {
    let _ = window.with_webview(|webview| {
        use webkit2gtk::{WebContextExt, WebViewExt};
        if let Some(settings) = webview.inner().settings() {
            paint_panes_with_the_page(&settings);
        }
        // The date fields (開催日) in the Japanese order, 2021/12/13, whatever the laptop's locale:
        // WebKit writes them in the order of its default language, which is the C library's
        // locale unless the embedder names one (under an English or C locale: 12/13/2021). The
        // page's own lang="ja" is not consulted for form controls.
        if let Some(context) = webview.inner().context() {
            context.set_preferred_languages(&["ja"]);
        }
    });
}
