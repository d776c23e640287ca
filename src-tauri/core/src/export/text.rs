//! Plain text: the cover as label<TAB>value, the speech record as speaker<TAB>words, ready to
//! paste into the council's own template. Paragraphs after the first start with a tab.

use super::{Block, Document};
use crate::error::Result;

/// How the lines of a text export end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnds {
    /// A UTF-8 BOM and CRLF: the default, for Notepad and Excel on a Japanese Windows PC, which
    /// take a file without a BOM for Shift_JIS.
    Windows,
    /// LF and no BOM.
    Lf,
}

/// The text export of `doc`, refused (`Error::Export`) when the document holds a character no
/// file should (`Document::check_writable`).
pub fn to_text(doc: &Document, ends: LineEnds) -> Result<String> {
    doc.check_writable()?;
    let text = canonical(doc);
    Ok(match ends {
        LineEnds::Lf => text,
        LineEnds::Windows => format!("\u{FEFF}{}", text.replace('\n', "\r\n")),
    })
}

/// The text with LF line ends and no BOM: what the fingerprint of final minutes is taken over.
pub(super) fn canonical(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str(&doc.title);
    out.push_str("\n\n");
    for (label, lines) in &doc.cover {
        // A row with nothing in it still stands, as it does in the DOCX and the HTML.
        if lines.is_empty() {
            out.push_str(&format!("{label}\t\n"));
        }
        for (i, line) in lines.iter().enumerate() {
            let label = if i == 0 { label.as_str() } else { "" };
            out.push_str(&format!("{label}\t{line}\n"));
        }
    }
    out.push('\n');
    if !doc.record_title.is_empty() {
        out.push_str(&doc.record_title);
        out.push_str("\n\n");
    }
    for block in &doc.blocks {
        match block {
            Block::Heading { text, .. } => out.push_str(&format!("\n{text}\n\n")),
            Block::Row(row) => {
                for (i, p) in row.paragraphs.iter().enumerate() {
                    let speaker = if i == 0 { row.speaker.as_str() } else { "" };
                    out.push_str(&format!("{speaker}\t{p}\n"));
                }
            }
            Block::Paragraph { text } => {
                out.push_str(text);
                out.push('\n');
            }
        }
    }
    out.push_str(&format!("\n{}\n", doc.closing));
    if !doc.signature.is_empty() {
        out.push('\n');
        for line in &doc.signature {
            out.push_str(line);
            out.push('\n');
        }
    }
    if let Some(f) = &doc.fingerprint {
        out.push_str(&format!("\n指紋（SHA-256）\t{f}\n"));
    }
    out
}
