//! The 会議録 as one document model — cover table and 別紙 speech record — from which every format
//! is written, so the formats cannot disagree. Text is never NFKC-normalised: （ ） stay full-width.

mod docx;
mod html;
pub mod text;
pub mod write;
mod zip;

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use crate::error::Result;
use crate::format::{CoverField, FormatProfile, Layout};
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
    /// `2 諮問事項` (level 1) or `（1）外部機関との…について` (level 2), as the format numbers them.
    Heading { level: u8, text: String },
    /// A turn in a speaker | words table.
    Row(Row),
    /// A paragraph of its own: a turn in running text (○山田委員長　それでは…), a time line
    /// (午後1時30分開会), a separator line.
    Paragraph { text: String },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// 会議録（案） while a draft; 会議録 once final.
    pub title: String,
    pub draft: bool,
    /// label | value lines, in the published order.
    pub cover: Vec<(String, Vec<String>)>,
    /// ＜令和3年度第5回審議会発言記録＞; empty when the body prints no such line.
    pub record_title: String,
    /// Whether the 別紙 starts on a new page (the reference) or runs on after the cover.
    pub record_on_new_page: bool,
    pub blocks: Vec<Block>,
    /// 以 上
    pub closing: String,
    /// The signature block of final minutes, line by line (`FormatProfile::signature_block`);
    /// empty when the format has none, and on drafts.
    pub signature: Vec<String>,
    /// On final minutes: SHA-256 of the content, so anyone can tell two copies apart.
    pub fingerprint: Option<String>,
    /// Said on screen, never printed: those attending whom no cover row lists (their group is
    /// named by no row of members or officials), each with its group — 部長（区分「説明員」）.
    #[serde(default)]
    pub left_off_cover: Vec<String>,
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

/// The actual opening (`opened_at`) or closing time when recorded, to the minute.
fn actual(at: &Option<String>) -> Option<NaiveTime> {
    at.as_deref().and_then(|t| parse_time(t).ok()).map(|t| round_minute(t.time()))
}

/// The opening and closing as printed: the actual times when recorded, else the planned ones.
fn held_span(m: &Meeting) -> (Option<NaiveTime>, Option<NaiveTime>) {
    (
        actual(&m.opened_at).or_else(|| time_of(&m.planned_start)),
        actual(&m.closed_at).or_else(|| time_of(&m.planned_end)),
    )
}

/// 日時: the date, with the span held in the format's words (FORMAT.md: 令和3年12月13日（月）
/// 午後2時から午後4時5分まで).
fn date_line(m: &Meeting, f: &FormatProfile) -> String {
    let date = NaiveDate::parse_from_str(&m.held_on, "%Y-%m-%d").map(|d| f.date(d)).unwrap_or_default();
    match held_span(m) {
        (Some(s), Some(e)) => format!("{date}{}", f.span(s, e)),
        _ => date,
    }
}

/// The date with the planned span (開催予定), whatever times were recorded.
fn planned_line(m: &Meeting, f: &FormatProfile) -> String {
    let date = NaiveDate::parse_from_str(&m.held_on, "%Y-%m-%d").map(|d| f.date(d)).unwrap_or_default();
    match (time_of(&m.planned_start), time_of(&m.planned_end)) {
        (Some(s), Some(e)) => format!("{date}{}", f.span(s, e)),
        _ => date,
    }
}

/// Minutes publish whole minutes.
fn round_minute(t: NaiveTime) -> NaiveTime {
    use chrono::Timelike;
    NaiveTime::from_hms_opt(t.hour(), t.minute(), 0).expect("a valid time")
}

/// The words of a turn as the record prints them: paragraphs, stage notes in the format's
/// wrapping, and a timed note's measured minutes after it.
fn paragraphs(turn: &Turn, f: &FormatProfile) -> Vec<String> {
    let mut ps: Vec<String> =
        turn.text.split('\n').map(|p| p.trim_end()).filter(|p| !p.is_empty()).map(|p| f.wrap_note(p)).collect();
    if turn.kind == TurnKind::Note {
        if let (Some(min), Some(last)) = (turn.minutes, ps.last_mut()) {
            last.push_str(&format!("（約{min}分）"));
        }
    }
    // Each paragraph is isolated on its own: an isolate cannot span a paragraph break.
    ps.iter().map(|p| isolate(p)).collect()
}

/// How the 別紙 labels a turn, by the council's setting: roles as in the reference (会長, 委員, 区側);
/// letters for members in order of first speech (委員A, 委員B …); or names (浅田委員, 情報政策課長).
/// A turn of the chair or the vice-chair whose speaker was not picked is theirs when the meeting
/// has one of that role (the chair always; Alt+1 needs no pick); any other keeps its role.
fn speaker_labels<'a>(m: &'a Meeting, turns: &[&Turn]) -> impl Fn(&Turn) -> String + 'a {
    let style = m.council.label_style;
    let f = &m.council.format;
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
            (LabelStyle::Name, _, Some(id), Some(name)) => {
                let seat = m.council.members.iter().position(|x| x.id == id).map(|i| i + 1);
                let officer = matches!(t.speaker, Speaker::Chair | Speaker::ViceChair);
                f.named_label(&isolate(name), &t.speaker_label, seat, officer)
            }
            (LabelStyle::Name, Speaker::Chair | Speaker::ViceChair, None, _) => {
                let role =
                    if t.speaker == Speaker::Chair { crate::model::Role::Chair } else { crate::model::Role::ViceChair };
                let mut holders = m.council.members.iter().enumerate().filter(|(_, x)| x.role == role);
                match (holders.next(), holders.next()) {
                    (Some((i, only)), None) => f.named_label(&isolate(&only.name), &t.speaker_label, Some(i + 1), true),
                    _ => t.speaker_label.clone(),
                }
            }
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
        texts.extend(self.signature.iter().map(|l| ("署名欄".to_string(), l.as_str())));
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
                Block::Paragraph { text } => texts.push(("別紙の発言".into(), text)),
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

/// Which document is written: the minutes as kept, or the public version (公開版) — built from
/// the same record, never a copy to edit: the items held in closed session (非公開) each replaced
/// by a standard note, members' names on the cover replaced by their count, speakers labelled by
/// role only. Each version carries its own fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Version {
    #[default]
    Full,
    Public,
}

/// What the public version prints in place of a closed item's turns (in the format's note wrap).
pub const CLOSED_NOTE: &str = "（非公開の審議のため、発言の記録を省略します。）";

pub fn build(m: &Meeting, turns: &[Turn]) -> Document {
    build_version(m, turns, Version::Full)
}

/// The document of `m` in `version` (see `Version`).
pub fn build_version(m: &Meeting, turns: &[Turn], version: Version) -> Document {
    if version == Version::Public {
        let mut public = m.clone();
        public.council.label_style = LabelStyle::Role;
        return with_fingerprint(build_content(&public, turns, true));
    }
    with_fingerprint(build_content(m, turns, false))
}

fn build_content(m: &Meeting, turns: &[Turn], public: bool) -> Document {
    let f = &m.council.format;
    let draft = m.status != MeetingStatus::Final;
    let cover = cover(m, f, public);
    let live: Vec<&Turn> = turns.iter().filter(|t| !t.deleted).collect();
    let label = speaker_labels(m, &live);
    // A turn as the format prints it: a table row, or a paragraph that starts with its label.
    let turn_blocks = |t: &Turn| -> Vec<Block> {
        let speaker = label(t);
        let speaker =
            if speaker.is_empty() { speaker } else { format!("{}{speaker}{}", f.label_prefix, f.label_separator) };
        let ps = paragraphs(t, f);
        match f.layout {
            Layout::Table => vec![Block::Row(Row { speaker, paragraphs: ps })],
            Layout::Running => ps
                .into_iter()
                .enumerate()
                .map(|(i, p)| Block::Paragraph {
                    text: match i {
                        0 => format!("{speaker}{p}"),
                        _ if f.first_line_indent && !speaker.is_empty() => format!("　{p}"),
                        _ => p,
                    },
                })
                .collect(),
        }
    };
    // The time lines of a recess (午後2時10分休憩, 午後2時25分再開) stand where they fell among
    // the turns: each before the first turn that began at or after it.
    let mut recess_lines: Vec<(String, String)> = Vec::new();
    if f.time_lines {
        for r in &m.recesses {
            if let Some(t) = actual(&Some(r.started_at.clone())) {
                recess_lines.push((r.started_at.clone(), format!("{}休憩", f.time(t))));
            }
            if let Some(t) = actual(&r.ended_at) {
                recess_lines.push((r.ended_at.clone().unwrap_or_default(), format!("{}再開", f.time(t))));
            }
        }
    }
    let mut pending = recess_lines.into_iter().peekable();
    let mut blocks = Vec::new();
    if let (true, Some(opened)) = (f.time_lines, actual(&m.opened_at)) {
        blocks.push(Block::Paragraph { text: format!("{}開会", f.time(opened)) });
    }
    // Time lines up to `until` (a turn's start, or the next entry's), where they fell.
    type Lines = std::iter::Peekable<std::vec::IntoIter<(String, String)>>;
    let flush = |blocks: &mut Vec<Block>, pending: &mut Lines, until: &str| {
        while let Some((_, line)) = pending.next_if(|(at, _)| at.as_str() <= until) {
            blocks.push(Block::Paragraph { text: line });
        }
    };
    let push_turn = |blocks: &mut Vec<Block>, pending: &mut Lines, t: &Turn| {
        flush(blocks, pending, &t.started_at);
        blocks.extend(turn_blocks(t));
    };
    let mut last_section = None;
    for (s, item) in taken_order(m) {
        // A recess taken before this entry began belongs to the one before, even without turns.
        let began = item.map_or(s.started_at.as_deref(), |i| i.started_at.as_deref());
        if let Some(began) = began {
            while let Some((_, line)) = pending.next_if(|(at, _)| at.as_str() < began) {
                blocks.push(Block::Paragraph { text: line });
            }
        }
        // A section's heading stands before its first item taken, and again when the meeting
        // comes back to it after another section's item.
        if last_section != Some(s.id) {
            if last_section.is_some() && !f.item_separator.is_empty() {
                blocks.push(Block::Paragraph { text: f.item_separator.clone() });
            }
            blocks
                .push(Block::Heading { level: 1, text: f.section_heading(&s.number.to_string(), &isolate(&s.title)) });
            last_section = Some(s.id);
        }
        let entry = match item {
            Some(i) => {
                blocks
                    .push(Block::Heading { level: 2, text: f.item_heading(&i.number.to_string(), &isolate(&i.title)) });
                i.id
            }
            None => s.id,
        };
        if public && m.closed_entries.contains(&entry) {
            // Held in closed session: the public version says so instead of the words.
            let note = f.wrap_note(CLOSED_NOTE);
            blocks.push(match f.layout {
                Layout::Table => Block::Row(Row { speaker: String::new(), paragraphs: vec![note] }),
                Layout::Running => Block::Paragraph { text: note },
            });
            continue;
        }
        for t in live.iter().filter(|t| t.agenda_entry_id == Some(entry)) {
            push_turn(&mut blocks, &mut pending, t);
        }
    }
    // Turns whose agenda entry was removed still belong in the record.
    for t in live.iter().filter(|t| t.agenda_entry_id.is_none_or(|e| !m.leaves().contains(&e))) {
        push_turn(&mut blocks, &mut pending, t);
    }
    blocks.extend(pending.map(|(_, text)| Block::Paragraph { text }));
    if let (true, Some(closed)) = (f.time_lines, actual(&m.closed_at)) {
        blocks.push(Block::Paragraph { text: format!("{}閉会", f.time(closed)) });
    }
    let title = match (draft, public) {
        (true, false) => format!("{}（案）", f.title),
        (false, false) => f.title.clone(),
        (true, true) => format!("{}（公開版・案）", f.title),
        (false, true) => format!("{}（公開版）", f.title),
    };
    Document {
        file_name: default_file_name(&m.fiscal_year_label, m.ordinal, &m.council.name, &title),
        title,
        draft,
        cover,
        record_title: f.record_title_of(&m.fiscal_year_label, m.ordinal, &isolate(&m.council.name)),
        record_on_new_page: f.record_on_new_page,
        blocks,
        closing: "以 上".to_string(),
        // Signatures belong to the record kept; the public version names nobody.
        signature: if public { Vec::new() } else { signature(m, f, draft) },
        fingerprint: None,
        left_off_cover: left_off_cover(m, f),
    }
}

/// Those attending whom no row of the cover lists, so the secretary is told before printing:
/// when the format lists members (or officials) only by group, everyone of another group, or of
/// none. A format with no row of members (or officials) at all leaves them out on purpose, and
/// says nothing. Each as 名前（区分「…」） or 名前（区分なし）.
fn left_off_cover(m: &Meeting, f: &FormatProfile) -> Vec<String> {
    use crate::model::AttendanceStatus::{Left, Online, Present};
    let listed = |fields: &[CoverField]| -> Option<Vec<&str>> {
        let rows: Vec<&crate::format::CoverRow> = f.cover.iter().filter(|r| fields.contains(&r.field)).collect();
        if rows.is_empty() || rows.iter().any(|r| r.field == CoverField::Attendees || r.text.is_empty()) {
            return None; // nobody, or everybody, is listed
        }
        Some(rows.iter().map(|r| r.text.as_str()).collect())
    };
    let said = |name: &str, group: &str| {
        if group.is_empty() {
            format!("{name}（区分なし）")
        } else {
            format!("{name}（区分「{group}」）")
        }
    };
    let mut out = Vec::new();
    if let Some(groups) = listed(&[CoverField::Attendees, CoverField::Members]) {
        for a in m.attendance.iter().filter(|a| matches!(a.status, Present | Online | Left)) {
            if !groups.contains(&a.group.as_str()) {
                out.push(said(&a.name, &a.group));
            }
        }
    }
    if let Some(groups) = listed(&[CoverField::Attendees, CoverField::Officials]) {
        for o in m.officials.iter().filter(|o| o.attending) {
            if !groups.contains(&o.group.as_str()) {
                out.push(said(&o.title, &o.group));
            }
        }
    }
    out
}

/// The 会議録署名委員's names as the meeting has them, in the order named; `None` when none are.
fn signer_names(m: &Meeting) -> Option<String> {
    let names: Vec<String> = m
        .signers
        .iter()
        .filter_map(|id| m.attendance.iter().find(|a| a.member_id == *id))
        .map(|a| isolate(&a.name))
        .collect();
    (!names.is_empty()).then(|| names.join("、"))
}

/// The signature block of final minutes when the format has one: a line saying what is signed,
/// then the chair and each 会議録署名委員 with a space to sign. Empty on drafts.
fn signature(m: &Meeting, f: &FormatProfile, draft: bool) -> Vec<String> {
    if draft || !f.signature_block {
        return Vec::new();
    }
    let space = "＿".repeat(12);
    let chair =
        m.attendance.iter().find(|a| a.role == crate::model::Role::Chair).map(|a| isolate(&a.name)).unwrap_or_default();
    let mut lines = vec![
        "上記のとおり会議の次第を記録し、相違ないことを証するため、ここに署名する。".to_string(),
        format!("{}　{chair}　{space}", f.chair_title),
    ];
    for id in &m.signers {
        if let Some(a) = m.attendance.iter().find(|a| a.member_id == *id) {
            lines.push(format!("会議録署名委員　{}　{space}", isolate(&a.name)));
        }
    }
    lines
}

/// 会議の結果: for each item decided, in the 会議次第's order, its heading and its decision —
/// 承認（賛成19、反対0）, 承認（異議なし）, 不成立（定足数を欠いたため）. The last vote recorded on
/// an item stands (an earlier one was corrected by it); deleted votes are left out.
fn results(m: &Meeting, f: &FormatProfile) -> Vec<String> {
    let how = |v: &crate::model::Vote| -> String {
        let how = match (v.result, v.method) {
            (crate::model::VoteResult::Void, _) => {
                format!("（{}）", v.void_reason.as_deref().map(isolate).unwrap_or_default())
            }
            (_, crate::model::VoteMethod::NoObjection) => "（異議なし）".to_string(),
            _ => {
                let abstain = if v.abstain_count > 0 { format!("、棄権{}", v.abstain_count) } else { String::new() };
                let rising = if v.method == crate::model::VoteMethod::Standing { "起立 " } else { "" };
                format!("（{rising}賛成{}、反対{}{abstain}）", v.for_count, v.against_count)
            }
        };
        format!("{}{how}", v.result_text)
    };
    let mut lines = Vec::new();
    for s in &m.agenda {
        let mut entries: Vec<(i64, String)> = Vec::new();
        if s.items.is_empty() {
            entries.push((s.id, f.section_heading(&s.number.to_string(), &isolate(&s.title))));
        }
        for i in &s.items {
            entries.push((i.id, f.item_heading(&i.number.to_string(), &isolate(&i.title))));
        }
        for (id, heading) in entries {
            let Some(v) = m.votes.iter().rev().find(|v| !v.deleted && v.agenda_entry_id == Some(id)) else {
                continue;
            };
            lines.push(format!("{heading}　{}", how(v)));
        }
    }
    // A meeting without a 会議次第 decides too: each decision of no item, in the order taken.
    lines.extend(m.votes.iter().filter(|v| !v.deleted && v.agenda_entry_id.is_none()).map(how));
    lines
}

/// The cover table: the format's rows in its order, under its labels (FORMAT.md for the
/// reference council's). The 公開・非公開 row is left out while the council has no such
/// setting; the council's 表紙の欠席者 setting adds a 欠席者 row after the attendees when the
/// format has none.
fn cover(m: &Meeting, f: &FormatProfile, public: bool) -> Vec<(String, Vec<String>)> {
    let attending = |s: AttendanceStatus| {
        matches!(s, AttendanceStatus::Present | AttendanceStatus::Online | AttendanceStatus::Left)
    };
    // Names, titles and labels are isolated one by one, so none reorders the others on its line.
    // The format may put the officers' titles before their names and mark those online.
    let named = |a: &crate::model::Attendance| {
        let role = match a.role {
            crate::model::Role::Chair if f.attendee_roles => format!("{} ", f.chair_title),
            crate::model::Role::ViceChair if f.attendee_roles => format!("{} ", f.vice_chair_title),
            _ => String::new(),
        };
        let online = if a.status == AttendanceStatus::Online { f.online_mark.as_str() } else { "" };
        format!("{role}{}{online}", isolate(&a.name))
    };
    let members: Vec<String> = m.attendance.iter().filter(|a| attending(a.status)).map(named).collect();
    let counted = |names: &[String]| {
        if public {
            // The public version names nobody: the count only.
            format!("{}名", names.len())
        } else if f.attendee_count {
            format!("{}名　{}", names.len(), names.join("、"))
        } else {
            names.join("、")
        }
    };
    // Members whose status `keep` takes, in `group` alone when one is named, else all of them —
    // a group a line when the format lists them so (members of no group on the last line).
    let listed = |keep: &dyn Fn(AttendanceStatus) -> bool, group: &str| -> Vec<String> {
        let chosen: Vec<&crate::model::Attendance> =
            m.attendance.iter().filter(|a| keep(a.status) && (group.is_empty() || a.group == group)).collect();
        if !group.is_empty() || !f.members_by_group || chosen.iter().all(|a| a.group.is_empty()) {
            let names: Vec<String> = chosen.iter().map(|a| named(a)).collect();
            return vec![if names.is_empty() { "なし".to_string() } else { counted(&names) }];
        }
        let mut groups: Vec<&str> = Vec::new();
        for a in &m.attendance {
            if !a.group.is_empty() && !groups.contains(&a.group.as_str()) {
                groups.push(&a.group);
            }
        }
        groups.push("");
        groups
            .into_iter()
            .filter_map(|g| {
                let names: Vec<String> = chosen.iter().filter(|a| a.group == g).map(|a| named(a)).collect();
                match (names.is_empty(), g.is_empty()) {
                    (true, _) => None,
                    (false, true) => Some(counted(&names)),
                    (false, false) => Some(format!("{}　{}", isolate(g), counted(&names))),
                }
            })
            .collect()
    };
    let officials: Vec<String> = m.officials.iter().filter(|o| o.attending).map(|o| isolate(&o.title)).collect();
    let absent_lines = || listed(&|s| s == AttendanceStatus::Absent, "");
    let time_or_planned =
        |at: &Option<String>, planned: &str| actual(at).or_else(|| time_of(planned)).map(|t| f.time(t));
    let has_absent = f.cover.iter().any(|r| r.field == CoverField::Absent);
    let mut cover = Vec::new();
    for r in &f.cover {
        let lines = match r.field {
            CoverField::Name => vec![isolate(&m.title)],
            CoverField::DateTime => vec![date_line(m, f)],
            CoverField::Planned => vec![planned_line(m, f)],
            CoverField::Opened => time_or_planned(&m.opened_at, &m.planned_start).into_iter().collect(),
            CoverField::Closed => time_or_planned(&m.closed_at, &m.planned_end).into_iter().collect(),
            CoverField::Duration => match held_span(m) {
                (Some(s), Some(e)) if e >= s => {
                    let minutes = (e - s).num_minutes();
                    vec![format!("{}時間{:02}分", minutes / 60, minutes % 60)]
                }
                _ => vec![],
            },
            CoverField::Venue => vec![isolate(&m.venue)],
            CoverField::Disclosure if m.council.disclosure.is_empty() => continue,
            CoverField::Disclosure => vec![isolate(&m.council.disclosure)],
            CoverField::Attendees => vec![
                format!("（{}） {}", f.member_title, counted(&members)),
                format!("（{}） {}", isolate(&m.council.official_label), officials.join("、")),
            ],
            CoverField::Members => {
                let note = (!f.attendee_note.is_empty()).then(|| f.attendee_note.clone());
                note.into_iter().chain(listed(&attending, &r.text)).collect()
            }
            CoverField::Officials => {
                // One group's (理事者側, 議会事務局) when the row names one, else all of them.
                let listed: Vec<String> = m
                    .officials
                    .iter()
                    .filter(|o| o.attending && (r.text.is_empty() || o.group == r.text))
                    .map(|o| isolate(&o.title))
                    .collect();
                vec![if listed.is_empty() { "なし".to_string() } else { listed.join("、") }]
            }
            CoverField::Absent => absent_lines(),
            CoverField::Observers => {
                vec![if m.observers == 0 { "なし".to_string() } else { format!("{}名", m.observers) }]
            }
            CoverField::Materials => {
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
                materials
            }
            CoverField::Agenda if m.agenda.is_empty() => vec!["なし".to_string()],
            CoverField::Agenda => {
                let mut agenda = Vec::new();
                for s in &m.agenda {
                    agenda.push(f.section_heading(&s.number.to_string(), &isolate(&s.title)));
                    for i in &s.items {
                        agenda.push(f.item_heading(&i.number.to_string(), &isolate(&i.title)));
                    }
                }
                agenda
            }
            CoverField::Record => vec!["別紙のとおり".to_string()],
            CoverField::Membership => vec![format!("{}名", m.council.membership)],
            CoverField::Text => vec![r.text.clone()],
            CoverField::Results => {
                let decided = results(m, f);
                if decided.is_empty() {
                    vec!["なし".to_string()]
                } else {
                    decided
                }
            }
            CoverField::Signers if public => {
                vec![if m.signers.is_empty() { "なし".to_string() } else { format!("{}名", m.signers.len()) }]
            }
            CoverField::Signers => vec![signer_names(m).unwrap_or_else(|| "なし".to_string())],
        };
        cover.push((r.label.clone(), lines));
        let attendees = matches!(r.field, CoverField::Attendees | CoverField::Members);
        if attendees && m.council.cover_absent && !has_absent {
            cover.push(("欠席者".to_string(), absent_lines()));
        }
    }
    cover
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
    /// The HTML print view laid out and printed by the shell's WebKitGTK (src-tauri/pdf.rs):
    /// the core gives its HTML (`Format::Html`), never the PDF's bytes.
    Pdf,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "docx" => Some(Format::Docx),
            "html" => Some(Format::Html),
            "txt" => Some(Format::Txt),
            "txt-lf" => Some(Format::TxtLf),
            "json" => Some(Format::Json),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Txt | Format::TxtLf => "txt",
            Format::Json => "json",
            Format::Pdf => "pdf",
        }
    }
}

impl Store {
    /// What council `council_id`'s format makes of a short meeting: the sample meeting's cover
    /// and the first `blocks` paragraphs of its 別紙 (a chair's opening, an explanation, a stage
    /// note, a question, a vote), with the council's format, label style and officials' label —
    /// for the live preview in 審議会の設定. Built in a store of its own in memory: nothing of
    /// this store is written. Errors: `NotFound` for no such council.
    pub fn format_preview(&self, council_id: i64, blocks: usize) -> Result<Document> {
        use crate::store::CouncilField;
        let council = self.council(council_id)?;
        let mut sample = Store::open_in_memory()?;
        let m = sample.load_sample()?;
        sample.set_council_format(m.council.id, &council.format)?;
        sample.update_council(m.council.id, CouncilField::LabelStyle, council.label_style.as_str())?;
        sample.update_council(m.council.id, CouncilField::OfficialLabel, &council.official_label)?;
        // The council's groups on the sample's roster, place by place, so a cover by groups shows.
        for (ours, theirs) in m.council.members.iter().zip(&council.members) {
            sample.set_member_group(ours.id, &theirs.group)?;
        }
        for (ours, theirs) in m.council.officials.iter().zip(&council.officials) {
            sample.set_official_group(ours.id, &theirs.group)?;
        }
        let day = NaiveDate::parse_from_str(&m.held_on, "%Y-%m-%d").expect("the sample's date");
        let at = |h: u32, min: u32| day.and_hms_opt(h, min, 0).expect("a time of day");
        let (chair, member, official) = (m.council.members[0].id, m.council.members[1].id, m.council.officials[0].id);
        sample.open_meeting(m.id, at(14, 0))?;
        sample.add_turn_by(
            m.id,
            "chair",
            Some(chair),
            "それでは、定刻になりましたので、ただいまより開催いたします。",
            at(14, 0),
        )?;
        sample.advance_agenda(m.id, at(14, 3))?;
        sample.add_turn_by(
            m.id,
            "chair",
            Some(chair),
            "続きまして、諮問事項について、区から説明をお願いいたします。",
            at(14, 3),
        )?;
        sample.add_turn_by(
            m.id,
            "official",
            Some(official),
            "それでは、資料に沿って御説明いたします。\n資料1を御覧ください。",
            at(14, 4),
        )?;
        sample.add_note(m.id, "none", "（資料により説明）", false, at(14, 10))?;
        sample.add_turn_by(m.id, "member", Some(member), "一点、確認させてください。", at(14, 12))?;
        sample.add_turn_by(
            m.id,
            "chair",
            Some(chair),
            "賛成の方、挙手をお願いいたします。\n（賛成者挙手）\nありがとうございました。",
            at(14, 20),
        )?;
        sample.close_meeting(m.id, at(14, 38))?;
        let mut doc = sample.document(m.id)?;
        doc.blocks.truncate(blocks);
        Ok(doc)
    }

    pub fn document(&self, meeting_id: i64) -> Result<Document> {
        self.document_version(meeting_id, Version::Full)
    }

    /// The document of a meeting in `version` (the minutes, or the public version).
    pub fn document_version(&self, meeting_id: i64, version: Version) -> Result<Document> {
        Ok(build_version(&self.meeting(meeting_id)?, &self.transcript(meeting_id)?, version))
    }

    /// The bytes of a meeting in one format. Reads the store; never writes it.
    pub fn render(&self, meeting_id: i64, format: Format) -> Result<Vec<u8>> {
        self.render_version(meeting_id, format, Version::Full)
    }

    /// The bytes of a meeting's minutes or public version in one format. The public version has
    /// no JSON (that carries the records themselves, names and closed items included): refused
    /// with `Error::Export`. Reads the store; never writes it.
    pub fn render_version(&self, meeting_id: i64, format: Format, version: Version) -> Result<Vec<u8>> {
        if version == Version::Public && format == Format::Json {
            return Err(crate::error::Error::Export(
                "公開版はJSONでは書き出せません（JSONは氏名や非公開の議題も含む記録そのものです）。DOCX・PDF・HTML・テキストを選んでください。".into(),
            ));
        }
        let document = || self.document_version(meeting_id, version);
        // JSON carries the records themselves; the other formats the document built from them.
        Ok(match format {
            Format::Json => {
                let mut bytes = serde_json::to_vec_pretty(&self.meeting_file(meeting_id)?).expect("records serialize");
                bytes.push(b'\n');
                bytes
            }
            Format::Docx => to_docx(&document()?)?,
            Format::Html => to_html(&document()?)?.into_bytes(),
            Format::Txt => to_text(&document()?, text::LineEnds::Windows)?.into_bytes(),
            Format::TxtLf => to_text(&document()?, text::LineEnds::Lf)?.into_bytes(),
            Format::Pdf => {
                return Err(crate::error::Error::Export(
                    "PDFは書記の画面か shoki export で書き出してください（HTMLの印刷用の形から作ります）。".into(),
                ))
            }
        })
    }
}
