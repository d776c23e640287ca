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
    // A name of its own per print: two PDFs printed at once never share (or remove) one file.
    let out = shoki_core::export::write::temporary_in(data_dir).with_extension("pdf");
    let finish = {
        let (done, out) = (done.clone(), out.clone());
        move |result: Result<(), String>| {
            let bytes = result
                .and_then(|()| std::fs::read(&out).map_err(|e| format!("作ったPDFを読めませんでした（{e}）。")))
                .and_then(|bytes| finished(&bytes));
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
        // The DOCX's margins (25 mm all round, FORMAT.md's A4 page): the page number goes in the
        // bottom one, 10 mm from the edge as the DOCX's footer (`finished`).
        for set in [gtk::PageSetup::set_top_margin, gtk::PageSetup::set_bottom_margin] {
            set(&setup, 25.0, gtk::Unit::Mm);
        }
        for set in [gtk::PageSetup::set_left_margin, gtk::PageSetup::set_right_margin] {
            set(&setup, 25.0, gtk::Unit::Mm);
        }
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

/// The printed PDF as published: a page number centred at the foot of every page (- 1 -, as
/// council minutes number theirs; WebKit prints none and has no margin boxes), and the text of
/// every ideograph that shares its glyph with a radical read as the ideograph (`unified_text`).
/// Errors: a Japanese message when the PDF WebKit wrote cannot be read back.
pub fn finished(pdf: &[u8]) -> Result<Vec<u8>, String> {
    use lopdf::{dictionary, Object};
    let unreadable = |e: lopdf::Error| format!("作ったPDFを仕上げられませんでした（{e}）。");
    let mut doc = lopdf::Document::load_mem(pdf).map_err(unreadable)?;
    // Helvetica is one of the fonts every PDF reader has: digits and hyphens need nothing embedded.
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    for (number, page) in doc.get_pages() {
        let width = doc
            .get_dictionary(page)
            .ok()
            .and_then(|p| p.get(b"MediaBox").ok())
            .and_then(|b| b.as_array().ok())
            .and_then(|b| b.get(2))
            .and_then(|w| w.as_float().ok())
            .unwrap_or(595.28);
        let label = format!("- {number} -");
        // Helvetica's widths per 1000 units: hyphen 333, space 278, digits 556; 10.5 pt.
        let text_width: f32 = label
            .chars()
            .map(|c| match c {
                '-' => 333.0,
                ' ' => 278.0,
                _ => 556.0,
            })
            .sum::<f32>()
            * 10.5
            / 1000.0;
        let x = (width - text_width) / 2.0;
        // The page's own drawing is closed in q … Q first, so its state cannot move the number.
        let contents = doc.get_page_contents(page);
        let open = doc.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), b"q\n".to_vec()));
        let stamp = format!("\nQ\nq BT /ShokiPageNumber 10.5 Tf {x:.2} 28.35 Td ({label}) Tj ET Q\n");
        let close = doc.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), stamp.into_bytes()));
        let mut all: Vec<Object> = vec![Object::Reference(open)];
        all.extend(contents.into_iter().map(Object::Reference));
        all.push(Object::Reference(close));
        doc.get_object_mut(page).and_then(Object::as_dict_mut).map_err(unreadable)?.set("Contents", all);
        let resources = doc.get_or_create_resources(page).and_then(Object::as_dict_mut).map_err(unreadable)?;
        if !resources.has(b"Font") {
            resources.set("Font", lopdf::Dictionary::new());
        }
        match resources.get_mut(b"Font").map_err(unreadable)? {
            Object::Dictionary(fonts) => fonts.set("ShokiPageNumber", Object::Reference(font)),
            Object::Reference(id) => {
                let id = *id;
                doc.get_object_mut(id)
                    .and_then(Object::as_dict_mut)
                    .map_err(unreadable)?
                    .set("ShokiPageNumber", Object::Reference(font));
            }
            _ => return Err("作ったPDFのフォントの表が読めませんでした。".into()),
        }
    }
    unified_text(&mut doc);
    let mut out = Vec::with_capacity(pdf.len() + 4096);
    doc.save_to(&mut out).map_err(|e| format!("作ったPDFを書けませんでした（{e}）。"))?;
    Ok(out)
}

/// WebKit's PDF writer (Skia's, or cairo's in older builds) names each glyph by the first character the font maps to it: an
/// ideograph sharing its glyph with a radical (長 and ⻑, 日 and ⽇) is written as the radical, and
/// a reader's search for 部長 misses it. Each radical (U+2E80–U+2FDF) in a font's ToUnicode map
/// is read back as the ideograph of the same glyph in the font itself (found by its PostScript
/// name through fontconfig), unified ideographs first. A font that cannot be found is left as is.
fn unified_text(doc: &mut lopdf::Document) {
    use lopdf::Object;
    let radical = |c: u32| (0x2E80..=0x2FDF).contains(&c);
    // (ToUnicode stream, font's PostScript name) of every font with such a map: the writer puts
    // a document's glyphs in fonts of 256 glyphs each (Type 3), or in composite ones.
    let mut maps: Vec<(lopdf::ObjectId, String)> = Vec::new();
    for object in doc.objects.values() {
        let Ok(font) = object.as_dict() else { continue };
        let Ok(to_unicode) = font.get(b"ToUnicode").and_then(|t| t.as_reference()) else { continue };
        // The name in the font's descriptor (Type 3 fonts, as WebKit's Skia writes, have no BaseFont).
        let name = font
            .get(b"FontDescriptor")
            .ok()
            .and_then(|d| doc.dereference(d).ok())
            .and_then(|(_, d)| d.as_dict().ok())
            .and_then(|d| d.get(b"FontName").ok())
            .or_else(|| font.get(b"BaseFont").ok())
            .and_then(|n| n.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).to_string());
        if let Some(name) = name {
            // A subset's name carries a tag: BAAAAA+NotoSerifCJKjp-Regular.
            let name = name.split_once('+').map(|(_, n)| n.to_string()).unwrap_or(name);
            maps.push((to_unicode, name));
        }
    }
    // The font files read once for all the maps of one font.
    let mut fonts: std::collections::HashMap<String, Option<std::collections::HashMap<u32, u32>>> = Default::default();
    for (id, name) in maps {
        let Some(Object::Stream(stream)) = doc.objects.get(&id) else { continue };
        let Ok(text) = stream.decompressed_content() else { continue };
        let text = String::from_utf8_lossy(&text).to_string();
        let needs: Vec<u32> = hex_targets(&text).filter(|&c| radical(c)).collect();
        if needs.is_empty() {
            continue;
        }
        let Some(ideographs) = fonts.entry(name.clone()).or_insert_with(|| ideographs_of(&name)).as_ref() else {
            continue;
        };
        let mut mended = String::with_capacity(text.len());
        for line in text.lines() {
            mended.push_str(&mend_line(line, ideographs));
            mended.push('\n');
        }
        if let Some(Object::Stream(stream)) = doc.objects.get_mut(&id) {
            stream.set_plain_content(mended.into_bytes());
        }
    }
}

/// The characters a ToUnicode map names (the second hex string of each bfchar line `<0012> <9577>`).
fn hex_targets(text: &str) -> impl Iterator<Item = u32> + '_ {
    text.lines().filter_map(|line| {
        let mut parts = line.split('>').map(|p| p.trim().trim_start_matches('<'));
        let (_, target) = (parts.next()?, parts.next()?);
        (target.len() == 4).then(|| u32::from_str_radix(target, 16).ok()).flatten()
    })
}

/// A bfchar line with its target put right when it is one of `ideographs`' radicals.
fn mend_line(line: &str, ideographs: &std::collections::HashMap<u32, u32>) -> String {
    let Some(target) = hex_targets(line).next() else { return line.to_string() };
    match ideographs.get(&target) {
        Some(&unified) if unified <= 0xFFFF => line
            .replacen(&format!("<{target:04x}>"), &format!("<{unified:04x}>"), 1)
            .replacen(&format!("<{target:04X}>"), &format!("<{unified:04X}>"), 1),
        _ => line.to_string(),
    }
}

/// For each radical (U+2E80–U+2FDF) the font `postscript_name` draws, the ideograph it draws with
/// the same glyph: a unified ideograph when there is one, else a compatibility one. `None` when
/// the font is not installed or cannot be read.
fn ideographs_of(postscript_name: &str) -> Option<std::collections::HashMap<u32, u32>> {
    let listed =
        std::process::Command::new("fc-list").args(["-f", "%{file}\t%{index}\t%{postscriptname}\n"]).output().ok()?;
    let listed = String::from_utf8_lossy(&listed.stdout).to_string();
    let (file, index) = listed.lines().find_map(|l| {
        let mut f = l.split('\t');
        let (file, index, name) = (f.next()?, f.next()?, f.next()?);
        (name == postscript_name).then(|| (file.to_string(), index.parse::<u32>().unwrap_or(0)))
    })?;
    let data = std::fs::read(file).ok()?;
    let face = ttf_parser::Face::parse(&data, index).ok()?;
    // Several radicals may share one glyph (⻑ and ⻒ are 長's).
    let mut glyphs: std::collections::HashMap<u16, Vec<u32>> = Default::default();
    for r in 0x2E80..=0x2FDF {
        if let Some(g) = char::from_u32(r).and_then(|c| face.glyph_index(c)) {
            glyphs.entry(g.0).or_default().push(r);
        }
    }
    let rank = |c: u32| match c {
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2F7FF | 0x30000..=0x3FFFF => 0,
        0xF900..=0xFAFF | 0x2F800..=0x2FA1F => 1,
        _ => 2,
    };
    let mut found: std::collections::HashMap<u32, u32> = Default::default();
    for table in face.tables().cmap?.subtables {
        if !table.is_unicode() {
            continue;
        }
        table.codepoints(|c| {
            let Some(g) = table.glyph_index(c) else { return };
            for &r in glyphs.get(&g.0).into_iter().flatten() {
                if rank(c) < 2 && found.get(&r).is_none_or(|&had| rank(c) < rank(had)) {
                    found.insert(r, c);
                }
            }
        });
    }
    Some(found)
}
