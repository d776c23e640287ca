//! DOCX: A4, the cover table and the speech tables with borders, a Mincho family with
//! fallbacks, page numbers in the footer, and the title 会議録（案） on drafts. Written by hand as
//! WordprocessingML so that Word and LibreOffice open it without repair.

use super::{zip, Block, Document};
use crate::error::Result;

fn esc(s: &str) -> String {
    super::html::escape(s)
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

/// Mincho for Japanese, with the fallbacks a ward office or a reader at home is likely to have.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="ＭＳ 明朝" w:eastAsia="ＭＳ 明朝" w:hAnsi="ＭＳ 明朝" w:cs="Noto Serif CJK JP"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="ja-JP" w:eastAsia="ja-JP"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

const FOOTER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">- </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> -</w:t></w:r></w:p></w:ftr>"#;

fn paragraph(text: &str, align: Option<&str>, bold: bool, size: Option<u32>) -> String {
    let mut p = String::from("<w:p>");
    if let Some(a) = align {
        p.push_str(&format!("<w:pPr><w:jc w:val=\"{a}\"/></w:pPr>"));
    }
    p.push_str("<w:r>");
    if bold || size.is_some() {
        p.push_str("<w:rPr>");
        if bold {
            p.push_str("<w:b/>");
        }
        if let Some(s) = size {
            p.push_str(&format!("<w:sz w:val=\"{s}\"/><w:szCs w:val=\"{s}\"/>"));
        }
        p.push_str("</w:rPr>");
    }
    p.push_str(&format!("<w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", esc(text)));
    p
}

fn cell(width: u32, paragraphs: &[String]) -> String {
    let body: String = if paragraphs.is_empty() {
        "<w:p/>".to_string()
    } else {
        paragraphs.iter().map(|p| paragraph(p, None, false, None)).collect()
    };
    format!("<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>{body}</w:tc>")
}

/// A two-column bordered table: label | text. Widths in twentieths of a point (A4 text width 9070).
fn table(rows: &[(String, Vec<String>)], label_width: u32) -> String {
    let text_width = 9070 - label_width;
    let border = |side: &str| format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>");
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"].iter().map(|s| border(s)).collect();
    let mut t = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"9070\" w:type=\"dxa\"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"{label_width}\"/><w:gridCol w:w=\"{text_width}\"/></w:tblGrid>"
    );
    for (label, lines) in rows {
        t.push_str("<w:tr>");
        t.push_str(&cell(label_width, std::slice::from_ref(label)));
        t.push_str(&cell(text_width, lines));
        t.push_str("</w:tr>");
    }
    t.push_str("</w:tbl>");
    t
}

/// The cover's label column, in twentieths of a point: the reference's 1600 (its labels fit), or
/// wide enough for the longest label on one line (説明のため出席した者), at most half the page.
/// At 10.5 pt a full-width character takes 210, a half-width one 105, the cell's margins 200.
fn cover_label_width(rows: &[(String, Vec<String>)]) -> u32 {
    let widest = rows
        .iter()
        .map(|(label, _)| label.chars().map(|c| if c.is_ascii() { 105 } else { 210 }).sum::<u32>() + 200 + 20)
        .max()
        .unwrap_or(0);
    widest.clamp(1600, 4535)
}

fn document_xml(doc: &Document) -> String {
    let mut body = String::new();
    body.push_str(&paragraph(&doc.title, Some("center"), true, Some(32)));
    body.push_str(&paragraph("", None, false, None));
    body.push_str(&table(&doc.cover, cover_label_width(&doc.cover)));
    // The 別紙 starts on a new page, as the reference publishes it, or runs on after the cover.
    if doc.record_on_new_page {
        body.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
    } else {
        body.push_str(&paragraph("", None, false, None));
    }
    if !doc.record_title.is_empty() {
        body.push_str(&paragraph(&doc.record_title, Some("center"), false, Some(24)));
    }
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let flush = |rows: &mut Vec<(String, Vec<String>)>, body: &mut String| {
        if !rows.is_empty() {
            body.push_str(&table(rows, 1100));
            rows.clear();
        }
    };
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                flush(&mut rows, &mut body);
                body.push_str(&paragraph("", None, false, None));
                body.push_str(&paragraph(text, None, *level == 1, None));
            }
            Block::Row(row) => rows.push((row.speaker.clone(), row.paragraphs.clone())),
            Block::Paragraph { text } => {
                flush(&mut rows, &mut body);
                body.push_str(&paragraph(text, None, false, None));
            }
        }
    }
    flush(&mut rows, &mut body);
    body.push_str(&paragraph("", None, false, None));
    body.push_str(&paragraph(&doc.closing, Some("right"), false, None));
    if !doc.signature.is_empty() {
        body.push_str(&paragraph("", None, false, None));
        for line in &doc.signature {
            body.push_str(&paragraph(line, None, false, None));
        }
    }
    if let Some(f) = &doc.fingerprint {
        body.push_str(&paragraph(&format!("指紋（SHA-256） {f}"), None, false, Some(14)));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:footerReference w:type="default" r:id="rId2"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="851" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    )
}

/// The DOCX of `doc`. Refused (`Error::Export`) when the document holds a character XML 1.0
/// cannot carry (`Document::check_writable`): Word and LibreOffice refuse such a file whole.
pub fn to_docx(doc: &Document) -> Result<Vec<u8>> {
    doc.check_writable()?;
    Ok(zip::stored(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
        ("_rels/.rels", RELS.as_bytes().to_vec()),
        ("word/document.xml", document_xml(doc).into_bytes()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes().to_vec()),
        ("word/styles.xml", STYLES.as_bytes().to_vec()),
        ("word/footer1.xml", FOOTER.as_bytes().to_vec()),
    ]))
}

#[cfg(test)]
mod tests {
    use super::cover_label_width;

    #[test]
    fn a_long_cover_label_widens_its_column_and_the_references_keep_theirs() {
        let rows = |labels: &[&str]| labels.iter().map(|l| (l.to_string(), vec![])).collect::<Vec<_>>();
        assert_eq!(cover_label_width(&rows(&["名称", "公開・非公開", "発言の記録"])), 1600, "the reference's");
        assert_eq!(cover_label_width(&rows(&["説明のため出席した者"])), 10 * 210 + 220);
        assert_eq!(cover_label_width(&rows(&["あ".repeat(40).as_str()])), 4535, "at most half the page");
    }
}
