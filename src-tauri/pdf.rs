//! PDF without any other program: the HTML export — the print view, A4 with Mincho and the Noto
//! CJK fallback — laid out by WebKitGTK, the engine the screens use, and printed to a file by its
//! own print operation, with no dialog. Text stays text (searchable, `pdftotext` reads it back).
//! GTK must be running: in the app, on its main thread; on the command line, on a display (Xvfb
//! on a machine without one).

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

/// Prints `html` as an A4 PDF, then calls `done` with its bytes (or a Japanese message on
/// failure). WebKit prints to a file: a temporary one in `data_dir`, read back and removed here.
/// Must run on the GTK main thread; returns at once, `done` comes later from GTK's loop. The page
/// is laid out off screen: nothing appears.
pub fn print(html: &str, data_dir: &Path, done: impl FnOnce(Result<Vec<u8>, String>) + 'static) {
    use gtk::prelude::*;
    use webkit2gtk::{LoadEvent, PrintOperation, PrintOperationExt, WebView, WebViewExt};
    type Done = Rc<RefCell<Option<Box<dyn FnOnce(Result<Vec<u8>, String>)>>>>;
    let done: Done = Rc::new(RefCell::new(Some(Box::new(done))));
    let out = data_dir.join(format!(".shoki-pdf-{}.pdf", std::process::id()));
    let finish = {
        let (done, out) = (done.clone(), out.clone());
        move |result: Result<(), String>| {
            let bytes =
                result.and_then(|()| std::fs::read(&out).map_err(|e| format!("作ったPDFを読めませんでした（{e}）。")));
            let _ = std::fs::remove_file(&out);
            if let Some(f) = done.borrow_mut().take() {
                f(bytes);
            }
        }
    };
    let uri = match gtk::glib::filename_to_uri(&out, None) {
        Ok(uri) => uri.to_string(),
        Err(e) => return finish(Err(format!("PDFの保存先を扱えません（{e}）。"))),
    };
    // Only GTK's file backend: a laptop's CUPS (which may listen on localhost:631) is never asked.
    if let Some(settings) = gtk::Settings::default() {
        settings.set_property("gtk-print-backends", "file");
    }
    let window = gtk::OffscreenWindow::new();
    let view = WebView::new();
    window.add(&view);
    window.show_all();
    let holder = Rc::new(RefCell::new(Some(window)));
    view.connect_load_changed(move |view, event| {
        if event != LoadEvent::Finished {
            return;
        }
        let settings = gtk::PrintSettings::new();
        settings.set(gtk::PRINT_SETTINGS_OUTPUT_FILE_FORMAT, Some("pdf"));
        settings.set(gtk::PRINT_SETTINGS_OUTPUT_URI, Some(&uri));
        settings.set_printer("Print to File");
        let setup = gtk::PageSetup::new();
        setup.set_paper_size(&gtk::PaperSize::new(Some(gtk::PAPER_NAME_A4)));
        let operation = PrintOperation::new(view);
        operation.set_print_settings(&settings);
        operation.set_page_setup(&setup);
        let (ok, failed) = (finish.clone(), finish.clone());
        let (keep_ok, keep_failed) = (holder.clone(), holder.clone());
        let failed_once = Rc::new(RefCell::new(false));
        let seen = failed_once.clone();
        operation.connect_failed(move |_, e| {
            *seen.borrow_mut() = true;
            keep_failed.borrow_mut().take();
            failed(Err(format!("PDFを作れませんでした（{e}）。")));
        });
        operation.connect_finished(move |_| {
            // The window goes once the pages are written; a failure has answered already.
            keep_ok.borrow_mut().take();
            if !*failed_once.borrow() {
                ok(Ok(()));
            }
        });
        operation.print();
    });
    // No base of its own: the document holds no outside resource, and none may be fetched.
    view.load_html(html, Some("about:blank"));
}
