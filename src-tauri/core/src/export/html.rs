//! Self-contained HTML: no script, no outside resource, print CSS for A4 — printing it gives the
//! PDF. Every piece of text is escaped, so a turn that says <script> prints as those characters.

use super::{Block, Document};
use crate::error::Result;

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
@page { size: A4; margin: 20mm 18mm; }
body { font-family: 'Noto Serif CJK JP', 'Yu Mincho', 'Hiragino Mincho ProN', 'MS Mincho', serif; font-size: 10.5pt; line-height: 1.7; color: #000; max-width: 180mm; margin: 0 auto; }
h1 { text-align: center; font-size: 16pt; letter-spacing: 0.2em; }
table { width: 100%; border-collapse: collapse; margin: 0 0 1em; }
th, td { border: 1px solid #000; padding: 4px 8px; vertical-align: top; text-align: left; }
th { width: 6em; font-weight: normal; white-space: nowrap; }
td p { margin: 0; }
h2.record { text-align: center; font-size: 12pt; font-weight: normal; break-before: page; }
h3 { font-size: 11pt; margin: 1.2em 0 0.4em; }
h4 { font-size: 10.5pt; margin: 0.8em 0 0.4em; font-weight: normal; }
.speech th { width: 4.5em; }
.closing { text-align: right; margin-top: 2em; }
.fingerprint { font-size: 8pt; color: #444; word-break: break-all; }
";

/// Running text: paragraphs one after another, each line as printed.
const LINE_STYLE: &str = "p.line { margin: 0; }
";
/// The 別紙 on a new page without a title line: the page breaks at an empty marker.
const NEW_PAGE_WITHOUT_TITLE_STYLE: &str = "div.record { break-before: page; }
";
/// The 別紙 running on after the cover.
const RUN_ON_STYLE: &str = "h2.record { break-before: auto; margin-top: 2em; }
";

/// The HTML export of `doc`: UTF-8, declared in the first bytes (`<meta charset="utf-8">`), every
/// text escaped. Refused (`Error::Export`) when the document holds a character an HTML parser
/// reports as an error (`Document::check_writable`).
pub fn to_html(doc: &Document) -> Result<String> {
    doc.check_writable()?;
    let mut out = String::new();
    out.push_str("<!doctype html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n");
    // The reference council's page (a table record on a page of its own) keeps its exact bytes;
    // other formats add what they need.
    let lines = doc.blocks.iter().any(|b| matches!(b, Block::Paragraph { .. })) || !doc.signature.is_empty();
    let mut extra = String::new();
    if lines {
        extra.push_str(LINE_STYLE);
    }
    match (doc.record_on_new_page, doc.record_title.is_empty()) {
        (true, true) => extra.push_str(NEW_PAGE_WITHOUT_TITLE_STYLE),
        (false, _) => extra.push_str(RUN_ON_STYLE),
        (true, false) => {}
    }
    out.push_str(&format!("<title>{}</title>\n<style>{STYLE}{extra}</style>\n</head>\n<body>\n", escape(&doc.title)));
    out.push_str(&format!("<h1>{}</h1>\n<table class=\"cover\">\n", escape(&doc.title)));
    for (label, lines) in &doc.cover {
        let cell: Vec<String> = lines.iter().map(|l| format!("<p>{}</p>", escape(l))).collect();
        out.push_str(&format!("<tr><th>{}</th><td>{}</td></tr>\n", escape(label), cell.join("")));
    }
    out.push_str("</table>\n");
    if !doc.record_title.is_empty() {
        out.push_str(&format!("<h2 class=\"record\">{}</h2>\n", escape(&doc.record_title)));
    } else if doc.record_on_new_page {
        out.push_str("<div class=\"record\"></div>\n");
    }
    let mut open = false;
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                if open {
                    out.push_str("</table>\n");
                    open = false;
                }
                let tag = if *level == 1 { "h3" } else { "h4" };
                out.push_str(&format!("<{tag}>{}</{tag}>\n", escape(text)));
            }
            Block::Row(row) => {
                if !open {
                    out.push_str("<table class=\"speech\">\n");
                    open = true;
                }
                let ps: Vec<String> = row.paragraphs.iter().map(|p| format!("<p>{}</p>", escape(p))).collect();
                out.push_str(&format!("<tr><th>{}</th><td>{}</td></tr>\n", escape(&row.speaker), ps.join("")));
            }
            Block::Paragraph { text } => {
                if open {
                    out.push_str("</table>\n");
                    open = false;
                }
                out.push_str(&format!("<p class=\"line\">{}</p>\n", escape(text)));
            }
        }
    }
    if open {
        out.push_str("</table>\n");
    }
    out.push_str(&format!("<p class=\"closing\">{}</p>\n", escape(&doc.closing)));
    for line in &doc.signature {
        out.push_str(&format!("<p class=\"line\">{}</p>\n", escape(line)));
    }
    if let Some(f) = &doc.fingerprint {
        out.push_str(&format!("<p class=\"fingerprint\">指紋（SHA-256） {}</p>\n", escape(f)));
    }
    out.push_str("</body>\n</html>\n");
    Ok(out)
}
