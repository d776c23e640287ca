//! The 会議録 as one document model — cover table and 別紙 speech record — from which every format
//! is written, so the formats cannot disagree. Text is never NFKC-normalised: （ ） stay full-width.

mod docx;
mod html;
pub mod text;
pub mod write;
mod zip;

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use crate::era;
use crate::error::Result;
use crate::model::{
    AgendaItem, AgendaSection, AttendanceStatus, LabelStyle, MaterialTiming, Meeting, MeetingStatus, Speaker, Turn,
    TurnKind,
};
use crate::store::live::parse_time;
use crate::Store;

pub use docx::to_docx;
pub use html::to_html;
pub use text::to_text;

/// One paragraph-bearing row of the speech record: speaker label | words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub speaker: String,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// `2 諮問事項` (level 1) or `（1）外部機関との…について` (level 2).
    Heading {
        level: u8,
        text: String,
    },
    Row(Row),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// 会議録（案） while a draft; 会議録 once final.
    pub title: String,
    pub draft: bool,
    /// label | value lines, in the published order.
    pub cover: Vec<(String, Vec<String>)>,
    /// ＜令和3年度第5回審議会発言記録＞
    pub record_title: String,
    pub blocks: Vec<Block>,
    /// 以 上
    pub closing: String,
    /// On final minutes: SHA-256 of the content, so anyone can tell two copies apart.
    pub fingerprint: Option<String>,
    /// The name the export screen offers, without extension:
    /// 令和3年度第5回情報公開・個人情報保護審議会会議録（案）. Always passes
    /// `write::check_file_name` once an extension is added (see `default_file_name`).
    pub file_name: String,
}

/// The file name offered for a meeting's minutes, without extension: 年度, 第N回, the council's
/// name and the document's title, as a secretary would name it by hand. Characters a stick or a
/// Windows PC refuses become their full-width forms (：？＊ …), control and bidi characters are
/// dropped, and the council's name is shortened so the whole name with `.docx` stays within 255
/// bytes (`write::check_file_name`).
pub fn default_file_name(fiscal_year_label: &str, ordinal: i64, council: &str, title: &str) -> String {
    let council: String = council
        .chars()
        .filter(|c| !c.is_control() && !crate::validate::is_bidi_control(*c))
        .map(|c| match c {
            '/' => '／',
            '\\' => '＼',
            ':' => '：',
            '*' => '＊',
            '?' => '？',
            '"' => '＂',
            '<' => '＜',
            '>' => '＞',
            '|' => '｜',
            c => c,
        })
        .collect();
    let fixed = format!("{fiscal_year_label}第{ordinal}回{title}.docx").len();
    let mut name = String::new();
    for c in council.trim_end_matches(['.', ' ']).chars() {
        if fixed + name.len() + c.len_utf8() > 255 {
            break;
        }
        name.push(c);
    }
    format!("{fiscal_year_label}第{ordinal}回{}{title}", name.trim_end_matches(['.', ' ']))
}

/// User text made safe to stand beside other text: when it holds bidi controls (UAX #9), it is
/// wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, with one more FSI for each PDI the
/// text closes that it never opened and one more PDI for each isolate it leaves open, so nothing
/// in it can reorder its neighbours (a name holding U+202E reversed the rest of the 出席者 line).
/// Text without bidi controls comes back unchanged; the text itself is always kept whole.
pub fn isolate(text: &str) -> String {
    if !text.chars().any(crate::validate::is_bidi_control) {
        return text.to_string();
    }
    let (mut open, mut stray) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => open += 1,
            '\u{2069}' if open > 0 => open -= 1,
            '\u{2069}' => stray += 1,
            _ => {}
        }
    }
    format!("{}{text}{}", "\u{2068}".repeat(1 + stray), "\u{2069}".repeat(1 + open))
}

fn time_of(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M").ok()
}

/// 日時: the actual opening and closing when recorded, else the planned times.
fn date_line(m: &Meeting) -> String {
    let date = NaiveDate::parse_from_str(&m.held_on, "%Y-%m-%d").map(era::format_date).unwrap_or_default();
    let actual = |s: &Option<String>| s.as_deref().and_then(|t| parse_time(t).ok()).map(|t| t.time());
    let start = actual(&m.opened_at).or_else(|| time_of(&m.planned_start));
    let end = actual(&m.closed_at).or_else(|| time_of(&m.planned_end));
    match (start, end) {
        (Some(s), Some(e)) => format!("{date}{}", era::format_span(round_minute(s), round_minute(e))),
        _ => date,
    }
}

/// Minutes publish whole minutes.
fn round_minute(t: NaiveTime) -> NaiveTime {
    use chrono::Timelike;
    NaiveTime::from_hms_opt(t.hour(), t.minute(), 0).expect("a valid time")
}

/// The words of a turn as the record prints them: paragraphs, and a timed note's measured minutes.
fn paragraphs(turn: &Turn) -> Vec<String> {
    let mut text = turn.text.clone();
    if turn.kind == TurnKind::Note {
        if let Some(min) = turn.minutes {
            text.push_str(&format!("（約{min}分）"));
        }
    }
    // Each paragraph is isolated on its own: an isolate cannot span a paragraph break.
    text.split('\n').map(|p| p.trim_end()).filter(|p| !p.is_empty()).map(isolate).collect()
}

/// How the 別紙 labels a turn, by the council's setting: roles as in the reference (会長, 委員, 区側);
/// letters for members in order of first speech (委員A, 委員B …); or names (浅田委員, 情報政策課長).
/// A turn whose speaker was not picked keeps its role.
fn speaker_labels<'a>(m: &Meeting, turns: &[&'a Turn]) -> impl Fn(&Turn) -> String {
    let style = m.council.label_style;
    let mut letters: Vec<i64> = Vec::new();
    for t in turns {
        if let (Speaker::Member, Some(id)) = (t.speaker, t.member_id) {
            if !letters.contains(&id) {
                letters.push(id);
            }
        }
    }
    move |t: &Turn| {
        if t.speaker == Speaker::None {
            return String::new();
        }
        match (style, t.speaker, t.member_id, &t.who) {
            (LabelStyle::Lettered, Speaker::Member, Some(id), _) => {
                let n = letters.iter().position(|&x| x == id).unwrap_or(0);
                let letter = char::from(b'A' + (n % 26) as u8);
                format!("{}{letter}{}", t.speaker_label, if n >= 26 { (n / 26).to_string() } else { String::new() })
            }
            (LabelStyle::Name, Speaker::Official, _, Some(title)) => isolate(title),
            (LabelStyle::Name, _, Some(_), Some(name)) => format!("{}{}", isolate(name), t.speaker_label),
            _ => t.speaker_label.clone(),
        }
    }
}

/// The entries turns are recorded under — a section without items, or each item with its section —
/// in the order the meeting actually took them (when each first became current), each keeping its
/// planned number; entries never taken follow in planned order. The 別紙 is written in this order.
fn taken_order(m: &Meeting) -> Vec<(&AgendaSection, Option<&AgendaItem>)> {
    let mut leaves: Vec<(&AgendaSection, Option<&AgendaItem>, Option<&str>)> = Vec::new();
    for s in &m.agenda {
        if s.items.is_empty() {
            leaves.push((s, None, s.started_at.as_deref()));
        }
        for i in &s.items {
            leaves.push((s, Some(i), i.started_at.as_deref()));
        }
    }
    // Stable: entries taken in the same second, and those never taken, keep the planned order.
    leaves.sort_by_key(|&(_, _, started)| (started.is_none(), started));
    leaves.into_iter().map(|(s, i, _)| (s, i)).collect()
}

impl Document {
    /// The second line of defence behind the text policy: refuses (`Error::Export`, naming the
    /// character and where it is) a document holding a character no writer can carry — one a DOCX
    /// would not open with or an HTML parser would report (`validate::is_forbidden`, and tab
    /// outside the speech record) — rather than write a file that cannot be read. Only a record
    /// stored before the policy, or written past the store's API, can hold one.
    pub fn check_writable(&self) -> Result<()> {
        let mut texts: Vec<(String, &str)> =
            vec![("表題".into(), &self.title), ("別紙の表題".into(), &self.record_title)];
        for (label, lines) in &self.cover {
            texts.push((format!("表紙の「{label}」"), label));
            texts.extend(lines.iter().map(|l| (format!("表紙の「{label}」"), l.as_str())));
        }
        for block in &self.blocks {
            match block {
                Block::Heading { text, .. } => texts.push(("別紙の見出し".into(), text)),
                Block::Row(row) => {
                    texts.push(("発言者の表記".into(), &row.speaker));
                    let place = format!("「{}」の発言", row.speaker);
                    texts.extend(row.paragraphs.iter().map(|p| (place.clone(), p.as_str())));
                }
            }
        }
        for (place, text) in texts {
            if let Some(c) = text.chars().find(|&c| crate::validate::is_forbidden(c) || c == '\t' || c == '\n') {
                return Err(crate::error::Error::Export(format!(
                    "{place}に、ファイルに書き出せない文字（U+{:04X}）があります。読めないファイルを作らないよう、書き出しを止めました。記録の画面でその文字を消してから、もう一度書き出してください。",
                    c as u32
                )));
            }
        }
        Ok(())
    }
}

pub fn build(m: &Meeting, turns: &[Turn]) -> Document {
    with_fingerprint(build_content(m, turns))
}

fn build_content(m: &Meeting, turns: &[Turn]) -> Document {
    let draft = m.status != MeetingStatus::Final;
    let attending = |s: AttendanceStatus| {
        matches!(s, AttendanceStatus::Present | AttendanceStatus::Online | AttendanceStatus::Left)
    };
    // Names, titles and labels are isolated one by one, so none reorders the others on its line.
    let members: Vec<String> = m.attendance.iter().filter(|a| attending(a.status)).map(|a| isolate(&a.name)).collect();
    let officials: Vec<String> = m.officials.iter().filter(|o| o.attending).map(|o| isolate(&o.title)).collect();
    let mut materials = Vec::new();
    for (timing, label) in
        [(MaterialTiming::Advance, "＜事前配付資料＞"), (MaterialTiming::OnTheDay, "＜当日配付資料＞")]
    {
        let titles: Vec<String> =
            m.materials.iter().filter(|x| x.timing == timing).map(|x| isolate(&x.title)).collect();
        if !titles.is_empty() {
            materials.push(format!("{label} {}", titles.join("、")));
        }
    }
    let mut agenda = Vec::new();
    for s in &m.agenda {
        agenda.push(format!("{} {}", s.number, isolate(&s.title)));
        for i in &s.items {
            agenda.push(format!("（{}）{}", i.number, isolate(&i.title)));
        }
    }
    let mut cover = vec![
        ("名称".to_string(), vec![isolate(&m.title)]),
        ("日時".to_string(), vec![date_line(m)]),
        ("会場".to_string(), vec![isolate(&m.venue)]),
    ];
    if !m.council.disclosure.is_empty() {
        cover.push(("公開・非公開".to_string(), vec![isolate(&m.council.disclosure)]));
    }
    cover.push((
        "出席者".to_string(),
        vec![
            format!("（委員） {}", members.join("、")),
            format!("（{}） {}", isolate(&m.council.official_label), officials.join("、")),
        ],
    ));
    if m.council.cover_absent {
        let absent: Vec<String> =
            m.attendance.iter().filter(|a| a.status == AttendanceStatus::Absent).map(|a| isolate(&a.name)).collect();
        cover
            .push(("欠席者".to_string(), vec![if absent.is_empty() { "なし".to_string() } else { absent.join("、") }]));
    }
    cover.extend([
        ("傍聴者".to_string(), vec![if m.observers == 0 { "なし".to_string() } else { format!("{}名", m.observers) }]),
        ("配付資料".to_string(), materials),
        ("会議次第".to_string(), agenda),
        ("発言の記録".to_string(), vec!["別紙のとおり".to_string()]),
    ]);

    let live: Vec<&Turn> = turns.iter().filter(|t| !t.deleted).collect();
    let label = speaker_labels(m, &live);
    let mut blocks = Vec::new();
    let mut last_section = None;
    for (s, item) in taken_order(m) {
        // A section's heading stands before its first item taken, and again when the meeting
        // comes back to it after another section's item.
        if last_section != Some(s.id) {
            blocks.push(Block::Heading { level: 1, text: format!("{} {}", s.number, isolate(&s.title)) });
            last_section = Some(s.id);
        }
        let entry = match item {
            Some(i) => {
                blocks.push(Block::Heading { level: 2, text: format!("（{}）{}", i.number, isolate(&i.title)) });
                i.id
            }
            None => s.id,
        };
        for t in live.iter().filter(|t| t.agenda_entry_id == Some(entry)) {
            blocks.push(Block::Row(Row { speaker: label(t), paragraphs: paragraphs(t) }));
        }
    }
    // Turns whose agenda entry was removed still belong in the record.
    for t in live.iter().filter(|t| t.agenda_entry_id.is_none_or(|e| !m.leaves().contains(&e))) {
        blocks.push(Block::Row(Row { speaker: label(t), paragraphs: paragraphs(t) }));
    }
    let title = if draft { "会議録（案）" } else { "会議録" };
    Document {
        file_name: default_file_name(&m.fiscal_year_label, m.ordinal, &m.council.name, title),
        title: title.to_string(),
        draft,
        cover,
        record_title: format!("＜{}第{}回審議会発言記録＞", m.fiscal_year_label, m.ordinal),
        blocks,
        closing: "以 上".to_string(),
        fingerprint: None,
    }
}

/// Final minutes carry a SHA-256 of their content (the plain-text form, without this line).
fn with_fingerprint(mut doc: Document) -> Document {
    use sha2::{Digest, Sha256};
    if !doc.draft {
        // Over the canonical text (LF, no BOM), so a fingerprint does not depend on the line ends chosen.
        let digest = Sha256::digest(text::canonical(&doc).as_bytes());
        doc.fingerprint = Some(digest.iter().map(|b| format!("{b:02x}")).collect());
    }
    doc
}

/// The formats a meeting can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Docx,
    Html,
    /// Text for Windows PCs: UTF-8 with a BOM and CRLF line ends, so Notepad and Excel on a
    /// Japanese Windows read it as UTF-8 rather than Shift_JIS.
    Txt,
    /// The same text with LF line ends and no BOM, for Mac and Linux tools.
    #[serde(rename = "txt-lf")]
    TxtLf,
    Json,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "docx" => Some(Format::Docx),
            "html" => Some(Format::Html),
            "txt" => Some(Format::Txt),
            "txt-lf" => Some(Format::TxtLf),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Txt | Format::TxtLf => "txt",
            Format::Json => "json",
        }
    }
}

impl Store {
    pub fn document(&self, meeting_id: i64) -> Result<Document> {
        Ok(build(&self.meeting(meeting_id)?, &self.transcript(meeting_id)?))
    }

    /// The bytes of a meeting in one format. Reads the store; never writes it.
    pub fn render(&self, meeting_id: i64, format: Format) -> Result<Vec<u8>> {
        // JSON carries the records themselves; the other formats the document built from them.
        Ok(match format {
            Format::Json => {
                let mut bytes = serde_json::to_vec_pretty(&self.meeting_file(meeting_id)?).expect("records serialize");
                bytes.push(b'\n');
                bytes
            }
            Format::Docx => to_docx(&self.document(meeting_id)?)?,
            Format::Html => to_html(&self.document(meeting_id)?)?.into_bytes(),
            Format::Txt => to_text(&self.document(meeting_id)?, text::LineEnds::Windows)?.into_bytes(),
            Format::TxtLf => to_text(&self.document(meeting_id)?, text::LineEnds::Lf)?.into_bytes(),
        })
    }
}
