//! A council's approved format for its 会議録 (書式): the words for its officers, how speakers are
//! labelled, whether the speech record is a speaker | words table or running text, how stage
//! notes are wrapped, how headings are numbered, which cover rows it prints under which labels,
//! and how dates and times are written. One profile per council, edited in 審議会の設定, copied
//! into a meeting at 開会 with the rest of the council (so an old meeting keeps the format it was
//! held under), and shareable as a small JSON file.
//!
//! The default profile is the reference council's (`shared/reference/FORMAT.md`): its minutes
//! come out byte for byte as before this module existed. Other bodies start from a preset
//! (`FormatProfile::preset`) and change what differs.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::LabelStyle;
use crate::{era, validate};

/// How the 別紙 (speech record) is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// A two-column table: speaker | words (the reference council).
    Table,
    /// Running text: each turn one paragraph that starts with its label (○山田委員長　それでは…),
    /// as assembly committees print it.
    Running,
}

/// How a time of day is written (FORMAT.md: 午後2時, 正午).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Clock {
    /// 午前/午後 with 正午 (the reference).
    TwelveHour,
    /// 13時30分.
    TwentyFourHour,
}

/// How meetings are numbered (第N回).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// From 第1回 again each 年度 (the reference).
    FiscalYear,
    /// On through the years: 第192回.
    Continuous,
}

/// One row of the cover table: what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverField {
    /// 令和3年度第5回 情報公開・個人情報保護審議会
    Name,
    /// The date with the span held (actual times once recorded, else the planned ones).
    DateTime,
    /// The date with the planned span, whatever was held (開催予定 beside 開会/閉会 rows).
    Planned,
    /// The actual opening time alone (午後1時30分).
    Opened,
    /// The actual closing time alone.
    Closed,
    /// How long the meeting sat: 1時間38分.
    Duration,
    Venue,
    /// The council's 公開・非公開 setting; left out while that is empty.
    Disclosure,
    /// Two lines, （委員） members present and （区側） officials present (the reference).
    Attendees,
    /// Members present: one line, or a line per group (`FormatProfile::members_by_group`), after
    /// the format's note (50音順・敬称略); a row naming a group (`CoverRow::text`) lists that
    /// group's alone.
    Members,
    /// Officials present only, one line (説明者, 理事者側 …).
    Officials,
    /// Members absent, or なし.
    Absent,
    /// 傍聴者: なし or N名.
    Observers,
    Materials,
    /// The 会議次第, one line per section and item, numbered as the headings are.
    Agenda,
    /// 別紙のとおり.
    Record,
    /// 委員数: the council's membership, 21名.
    Membership,
    /// 会議の結果: each item decided, with how (原案のとおり承認（賛成19、反対0）, 承認（異議なし）).
    Results,
    /// A text of the council's own, the same for every meeting (会議主管課 総務部総務課).
    Text,
    /// 会議録署名委員: the members named to sign, or なし.
    Signers,
}

/// One cover row: what it shows and the label it prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverRow {
    pub field: CoverField,
    pub label: String,
    /// What a `Text` row prints; for an `Officials` or `Members` row, the group it lists (empty:
    /// all); empty for the others.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

/// A council's format. Every text is printed as written; templates hold the placeholders named
/// on each field. Read from JSON with defaults, so a file or a meeting's copy written before a
/// field existed reads as the reference council's format for that field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormatProfile {
    /// The preset it started from (`reference`, `assembly`, `review`), shown in the settings.
    pub preset: String,
    /// 名称 of a meeting: `{年度}` 令和3年度, `{回}` 5, `{名称}` the council's name, `{臨時}` 臨時 for
    /// an extraordinary meeting and nothing for the others (`{年度}第{回}回 {名称}` in the reference;
    /// `第{回}回{臨時}{名称}` for 第3回臨時建設委員会).
    pub meeting_name: String,
    /// 第N回 counted within the 年度 or on through the years.
    pub numbering: Numbering,
    /// The chair's title in labels and on every screen: 会長, 委員長, 座長, 部会長, 議長.
    pub chair_title: String,
    /// 副会長, 副委員長 …
    pub vice_chair_title: String,
    /// 委員
    pub member_title: String,
    /// The document's title: 会議録; a draft adds （案）.
    pub title: String,
    /// The 別紙's title; `{年度}` 令和3年度, `{回}` 5, `{名称}` the council's name. Empty: no line.
    pub record_title: String,
    /// Whether the 別紙 starts on a new page (an attachment) or runs on after the cover.
    pub record_on_new_page: bool,
    pub layout: Layout,
    /// Printed before every speaker's label: ○ in most assemblies.
    pub label_prefix: String,
    /// Between a label and the words in running text (　, ：); after the label in a table.
    pub label_separator: String,
    /// A named speaker's label when the council labels by name (発言者の表記: 氏名):
    /// `{氏名}` 山田太郎, `{姓}` 山田 (the name up to its first space), `{役職}` 委員長, `{席}` the
    /// member's place on the roster from 1 (order the roster by seat for 議席番号: 3番 佐藤 is
    /// `{席}番 {姓}`). 山田委員長 is `{姓}{役職}`; 委員長（山田君） is `{役職}（{姓}君）`.
    pub name_label: String,
    /// The chair's and the vice-chair's label by name when it differs from the members' (an
    /// assembly numbers members by seat, 3番 佐藤君, and names its chair 委員長（山田君））: the same
    /// placeholders; empty: `name_label` for everyone.
    pub officer_label: String,
    /// A stage note — a paragraph typed wholly in （ ） — is printed inside these instead:
    /// 《 》, ―「 」―, ※ and nothing, or nothing at all.
    pub note_open: String,
    pub note_close: String,
    /// Running text: a paragraph after a turn's first starts with a full-width space.
    pub first_line_indent: bool,
    /// A line printed between the record's sections (――――――); empty for none.
    pub item_separator: String,
    /// A section's heading (and its line in the 会議次第): `{番号}` 2, `{題名}` 諮問事項.
    pub heading: String,
    /// An item's heading: `{番号}` 1, `{題名}`.
    pub sub_heading: String,
    /// Whether the record has 午後1時30分開会 / 午後3時08分閉会 lines from the recorded times.
    pub time_lines: bool,
    pub clock: Clock,
    /// 午後6時00分 rather than 午後6時.
    pub minutes_always: bool,
    /// （月曜日） rather than （月）.
    pub weekday_long: bool,
    /// A span as 午後2時～午後4時 rather than 午後2時から午後4時まで.
    pub span_tilde: bool,
    /// The count of members present before their names: 7名　浅田、…
    pub attendee_count: bool,
    /// The chair's and vice-chair's titles before their names among those present and absent:
    /// 会長 浅田、副会長 植野、岡田 …
    pub attendee_roles: bool,
    /// Printed after the name of a member attending online: （オンライン）. Empty: not marked.
    pub online_mark: String,
    /// A line before the names of the members present: （50音順・敬称略）. Empty: none.
    pub attendee_note: String,
    /// Members present and absent listed a group a line (学識経験者　浅田、植野), in the order the
    /// groups first appear on the roster; members of no group on the last line.
    pub members_by_group: bool,
    /// On final minutes, a signature block after 以 上: the chair and the 会議録署名委員 sign.
    pub signature_block: bool,
    /// The cover's rows in order.
    pub cover: Vec<CoverRow>,
}

fn row(field: CoverField, label: &str) -> CoverRow {
    CoverRow { field, label: label.to_string(), text: String::new() }
}

impl Default for FormatProfile {
    /// The reference council's format (FORMAT.md).
    fn default() -> Self {
        use CoverField::*;
        FormatProfile {
            preset: "reference".into(),
            meeting_name: "{年度}第{回}回 {名称}".into(),
            numbering: Numbering::FiscalYear,
            chair_title: "会長".into(),
            vice_chair_title: "副会長".into(),
            member_title: "委員".into(),
            title: "会議録".into(),
            record_title: "＜{年度}第{回}回審議会発言記録＞".into(),
            record_on_new_page: true,
            layout: Layout::Table,
            label_prefix: String::new(),
            label_separator: String::new(),
            name_label: "{氏名}{役職}".into(),
            officer_label: String::new(),
            note_open: "（".into(),
            note_close: "）".into(),
            first_line_indent: false,
            item_separator: String::new(),
            heading: "{番号} {題名}".into(),
            sub_heading: "（{番号}）{題名}".into(),
            time_lines: false,
            clock: Clock::TwelveHour,
            minutes_always: false,
            weekday_long: false,
            span_tilde: false,
            attendee_count: false,
            attendee_roles: false,
            online_mark: String::new(),
            attendee_note: String::new(),
            members_by_group: false,
            signature_block: false,
            cover: vec![
                row(Name, "名称"),
                row(DateTime, "日時"),
                row(Venue, "会場"),
                row(Disclosure, "公開・非公開"),
                row(Attendees, "出席者"),
                // 欠席者 follows here when the council's 表紙の欠席者 setting asks for it.
                row(Observers, "傍聴者"),
                row(Materials, "配付資料"),
                row(Agenda, "会議次第"),
                row(Record, "発言の記録"),
            ],
        }
    }
}

/// The most a 書式 file may hold, in bytes (a real one is a few KiB).
pub const FILE_MAX: usize = 64 * 1024;

/// The profile's fields added after the first 書式 files were written (version 1 of the file):
/// a file without them is an older Shoki's, and reads them as the reference council's.
const ADDED_LATER: [&str; 3] = ["attendee_note", "members_by_group", "officer_label"];

/// The most rows a cover may have (a published cover has about ten).
pub const COVER_MAX: usize = 40;

/// The presets a secretary picks from: (key, name on screen).
pub const PRESETS: [(&str, &str); 3] = [
    ("reference", "審議会（発言者と発言の表・参考の会議録と同じ）"),
    ("assembly", "議会の委員会（○印の発言者名で始まる文章・開会と閉会の時刻）"),
    ("review", "審査会（簡潔な表・《》の注記・24時間制）"),
];

impl FormatProfile {
    /// How speakers are labelled with the preset named `key`: by name in an assembly committee's
    /// (○山田委員長), by role in the others. Errors: `Invalid` for a key not in `PRESETS`.
    pub fn preset_labels(key: &str) -> Result<LabelStyle> {
        FormatProfile::preset(key)?;
        Ok(if key == "assembly" { LabelStyle::Name } else { LabelStyle::Role })
    }

    /// The preset named `key` (one of `PRESETS`). Errors: `Invalid` for any other key.
    pub fn preset(key: &str) -> Result<FormatProfile> {
        use CoverField::*;
        let base = FormatProfile::default();
        Ok(match key {
            "reference" => base,
            "assembly" => FormatProfile {
                preset: "assembly".into(),
                chair_title: "委員長".into(),
                vice_chair_title: "副委員長".into(),
                title: "委員会記録".into(),
                record_title: String::new(),
                record_on_new_page: false,
                layout: Layout::Running,
                label_prefix: "○".into(),
                label_separator: "　".into(),
                name_label: "{姓}{役職}".into(),
                first_line_indent: true,
                item_separator: "――――――――――――――――――――――――".into(),
                heading: "{番号}　{題名}".into(),
                time_lines: true,
                minutes_always: true,
                weekday_long: true,
                attendee_count: true,
                attendee_roles: true,
                signature_block: true,
                cover: vec![
                    row(Name, "委員会名"),
                    row(DateTime, "開会日時"),
                    row(Venue, "場所"),
                    row(Members, "出席委員"),
                    row(Absent, "欠席委員"),
                    row(Officials, "説明のため出席した者"),
                    row(Agenda, "案件"),
                    row(Signers, "会議録署名委員"),
                ],
                ..base
            },
            "review" => FormatProfile {
                preset: "review".into(),
                meeting_name: "第{回}回{名称}".into(),
                numbering: Numbering::Continuous,
                record_title: "＜審議の経過＞".into(),
                record_on_new_page: false,
                note_open: "《".into(),
                note_close: "》".into(),
                heading: "第{番号}　{題名}".into(),
                sub_heading: "{番号}　{題名}".into(),
                clock: Clock::TwentyFourHour,
                minutes_always: true,
                span_tilde: true,
                attendee_count: true,
                cover: vec![
                    row(Name, "会議名"),
                    row(DateTime, "開催日時"),
                    row(Venue, "場所"),
                    row(Members, "出席委員"),
                    row(Officials, "事務局"),
                    row(Observers, "傍聴者の数"),
                    row(Agenda, "議題"),
                ],
                ..base
            },
            _ => return Err(Error::invalid("format.preset", "一覧にある書式から選んでください。")),
        })
    }

    /// The profile as Shoki keeps it: every text checked by the text policy (no control or
    /// invisible characters, within its length), every template holding only its own
    /// placeholders, the cover at least one row and no row twice. Returns the profile with its
    /// texts as checked. Errors: `Invalid` naming the field (`format.<field>`) with what to do.
    pub fn checked(&self) -> Result<FormatProfile> {
        // A word is printed as it is: a brace in it is a template mistaken for a word.
        let word = |field: &'static str, label: &str, value: &str, required: bool| {
            let value = validate::line(field, label, value, validate::LABEL_MAX, required)?;
            // A title is printed and compared as seen: nothing invisible in it (as marks and groups).
            if value.chars().any(validate::is_ignorable) {
                return Err(Error::invalid(
                    field,
                    format!("{label}に見えない文字があります。その文字を消してから、もう一度入力してください。"),
                ));
            }
            if value.contains(['{', '}']) {
                return Err(Error::invalid(
                    field,
                    format!("{label}に {{ }} は使えません（差し込みは見出しや表題の欄だけです）。"),
                ));
            }
            Ok::<String, Error>(value)
        };
        // Marks and separators keep their spaces (a full-width space between label and words).
        let mark = |field: &'static str, label: &str, value: &str, max: usize| {
            let value = validate::text_policy(field, label, value, max, false, validate::Shape::Draft)?;
            // A mark is all that is seen of it: no line break, no bidi control, nothing invisible.
            if value.contains('\n') || value.chars().any(|c| validate::is_bidi_control(c) || validate::is_ignorable(c))
            {
                return Err(Error::invalid(
                    field,
                    format!("{label}には改行、文字の向きを変える制御文字、見えない文字を使えません。"),
                ));
            }
            Ok::<String, Error>(value)
        };
        let template = |field: &'static str, label: &str, value: &str, allowed: &[&str], required: bool| {
            let value = validate::line(field, label, value, validate::NAME_MAX, required)?;
            check_placeholders(field, label, &value, allowed)?;
            Ok::<String, Error>(value)
        };
        if !PRESETS.iter().any(|(k, _)| *k == self.preset) {
            return Err(Error::invalid("format.preset", "一覧にある書式から選んでください。"));
        }
        let mut p = self.clone();
        p.chair_title = word("format.chair_title", "議長役の呼び方", &self.chair_title, true)?;
        p.vice_chair_title = word("format.vice_chair_title", "副議長役の呼び方", &self.vice_chair_title, true)?;
        p.member_title = word("format.member_title", "委員の呼び方", &self.member_title, true)?;
        p.title = word("format.title", "表題", &self.title, true)?;
        p.meeting_name =
            template("format.meeting_name", "名称", &self.meeting_name, &["{年度}", "{回}", "{名称}", "{臨時}"], true)?;
        if !p.meeting_name.contains("{回}") {
            return Err(Error::invalid(
                "format.meeting_name",
                "会議の名称には{回}を入れてください（会議ごとの名称になるように）。",
            ));
        }
        p.record_title =
            template("format.record_title", "別紙の表題", &self.record_title, &["{年度}", "{回}", "{名称}"], false)?;
        p.label_prefix = mark("format.label_prefix", "発言者の前の記号", &self.label_prefix, validate::LABEL_MAX)?;
        p.label_separator =
            mark("format.label_separator", "発言者と発言の間", &self.label_separator, validate::LABEL_MAX)?;
        p.name_label = template(
            "format.name_label",
            "氏名での表記",
            &self.name_label,
            &["{氏名}", "{姓}", "{役職}", "{席}"],
            true,
        )?;
        p.officer_label = template(
            "format.officer_label",
            "議長役・副議長役の表記",
            &self.officer_label,
            &["{氏名}", "{姓}", "{役職}", "{席}"],
            false,
        )?;
        p.note_open = mark("format.note_open", "注記の前", &self.note_open, validate::LABEL_MAX)?;
        p.note_close = mark("format.note_close", "注記の後", &self.note_close, validate::LABEL_MAX)?;
        p.item_separator = mark("format.item_separator", "区切り線", &self.item_separator, validate::NAME_MAX)?;
        p.online_mark = word("format.online_mark", "オンラインの印", &self.online_mark, false)?;
        p.attendee_note = validate::line(
            "format.attendee_note",
            "出席委員の注記",
            &self.attendee_note,
            validate::STAFF_LABEL_MAX,
            false,
        )?;
        p.heading = template("format.heading", "見出し", &self.heading, &["{番号}", "{題名}"], true)?;
        p.sub_heading = template("format.sub_heading", "小見出し", &self.sub_heading, &["{番号}", "{題名}"], true)?;
        if !p.heading.contains("{題名}") || !p.sub_heading.contains("{題名}") {
            return Err(Error::invalid("format.heading", "見出しには{題名}を入れてください（議題の名前が入ります）。"));
        }
        if self.cover.is_empty() {
            return Err(Error::invalid("format.cover", "表紙の欄を1つ以上選んでください。"));
        }
        if self.cover.len() > COVER_MAX {
            return Err(Error::invalid(
                "format.cover",
                format!("表紙の欄は{COVER_MAX}までです。要らない欄を消してください。"),
            ));
        }
        p.cover = Vec::with_capacity(self.cover.len());
        for r in &self.cover {
            // Rows of the council's own text, and of officials by group (理事者側, 議会事務局), may be
            // several; the others once.
            let several = matches!(r.field, CoverField::Text | CoverField::Officials | CoverField::Members);
            if !several && p.cover.iter().any(|c: &CoverRow| c.field == r.field) {
                return Err(Error::invalid("format.cover", "表紙に同じ欄が2回あります。1回にしてください。"));
            }
            let label = validate::line("format.cover", "表紙の欄の名前", &r.label, validate::LABEL_MAX * 2, true)?;
            let text = match r.field {
                CoverField::Text => {
                    validate::line("format.cover", "表紙の欄の内容", &r.text, validate::TITLE_MAX, false)?
                }
                CoverField::Officials | CoverField::Members => validate::group("format.cover", &r.text)?,
                _ => String::new(),
            };
            p.cover.push(CoverRow { field: r.field, label, text });
        }
        Ok(p)
    }

    /// Reads a 書式 file's bytes: at most 64 KiB of UTF-8 (a 書式 file is a few KiB). Errors:
    /// `Invalid` (`format.file`) for anything else, else as `from_file_text`.
    pub fn from_file_bytes(bytes: &[u8]) -> Result<(FormatProfile, Option<LabelStyle>)> {
        if bytes.len() > FILE_MAX {
            return Err(not_a_file());
        }
        FormatProfile::from_file_text(std::str::from_utf8(bytes).map_err(|_| not_a_file())?)
    }

    /// Reads a 書式 file's text: the profile and how its speakers are labelled (absent in a file of
    /// a council labelled by role). The file must be as Shoki writes it — every field of the
    /// profile, nothing else. Errors: `Invalid` (`format.file`) when it is not a 書式 file or is one
    /// of a newer Shoki (a field or version this one does not know), or the `checked` error of a
    /// field it holds.
    pub fn from_file_text(text: &str) -> Result<(FormatProfile, Option<LabelStyle>)> {
        let newer = || {
            Error::invalid(
                "format.file",
                "この書式のファイルは新しい版の書記で作られています。書記を更新してください。",
            )
        };
        let value: serde_json::Value =
            serde_json::from_str(text.trim_start_matches('\u{FEFF}')).map_err(|_| not_a_file())?;
        let file = value.as_object().ok_or_else(not_a_file)?;
        match file.get("shoki_format").and_then(|v| v.as_u64()) {
            Some(1) => {}
            Some(n) if n > 1 => return Err(newer()),
            _ => return Err(not_a_file()),
        }
        // A field this Shoki does not know: a newer one's, or a hand edit's; named either way.
        let unknown = |key: &str| {
            Error::invalid(
                "format.file",
                format!("この書式のファイルには、この書記の知らない欄「{key}」があります。新しい版の書記で作られたファイルなら書記を更新し、手で書き換えたものなら書記で書き出し直してください。"),
            )
        };
        if let Some(k) = file.keys().find(|k| !["shoki_format", "profile", "label_style"].contains(&k.as_str())) {
            return Err(unknown(k));
        }
        let profile = file.get("profile").and_then(|p| p.as_object()).ok_or_else(not_a_file)?;
        let known = serde_json::to_value(FormatProfile::default()).expect("a profile serializes");
        let known = known.as_object().expect("an object");
        if let Some(k) = profile.keys().find(|k| !known.contains_key(k.as_str())) {
            return Err(unknown(k));
        }
        // A file Shoki wrote has every field of its version: one without is not such a file (an
        // empty profile would otherwise quietly become the reference council's). Fields added
        // since the first version may be missing from an older Shoki's file, and read as unset.
        if let Some(k) = known.keys().find(|k| !profile.contains_key(k.as_str()) && !ADDED_LATER.contains(&k.as_str()))
        {
            return Err(Error::invalid(
                "format.file",
                format!(
                    "書式のファイルに欄「{k}」がありません。書記の「書式を書き出す」で作ったファイルを選んでください。"
                ),
            ));
        }
        let parsed: FormatProfile =
            serde_json::from_value(serde_json::Value::Object(profile.clone())).map_err(|_| not_a_file())?;
        let labels = match file.get("label_style") {
            None => None,
            Some(v) => Some(v.as_str().and_then(LabelStyle::parse).ok_or_else(not_a_file)?),
        };
        Ok((parsed.checked()?, labels))
    }

    /// The profile as a shareable file: UTF-8 JSON, `{"shoki_format": 1, "profile": …}`, with
    /// `"label_style"` when speakers are labelled other than by role (`labels`).
    pub fn to_file_text(&self, labels: LabelStyle) -> String {
        let mut file = serde_json::json!({ "shoki_format": 1, "profile": self });
        if labels != LabelStyle::Role {
            file["label_style"] = serde_json::Value::from(labels.as_str());
        }
        let mut text = serde_json::to_string_pretty(&file).expect("a profile serializes");
        text.push('\n');
        text
    }

    /// A section's heading, or its line in the 会議次第.
    pub fn section_heading(&self, number: &str, title: &str) -> String {
        self.heading.replace("{番号}", number).replace("{題名}", title)
    }

    /// An item's heading, or its line in the 会議次第.
    pub fn item_heading(&self, number: &str, title: &str) -> String {
        self.sub_heading.replace("{番号}", number).replace("{題名}", title)
    }

    /// 名称 of a meeting (`meeting_name` filled in; `extraordinary` for a 臨時 meeting).
    pub fn meeting_name_of(&self, fiscal_year_label: &str, ordinal: i64, council: &str, extraordinary: bool) -> String {
        self.meeting_name
            .replace("{年度}", fiscal_year_label)
            .replace("{回}", &ordinal.to_string())
            .replace("{名称}", council)
            .replace("{臨時}", if extraordinary { "臨時" } else { "" })
    }

    /// The 別紙's title for a meeting; empty when the body prints none.
    pub fn record_title_of(&self, fiscal_year_label: &str, ordinal: i64, council: &str) -> String {
        self.record_title
            .replace("{年度}", fiscal_year_label)
            .replace("{回}", &ordinal.to_string())
            .replace("{名称}", council)
    }

    /// A named speaker's label: `name_label` (`officer_label`, when set, for the chair or the
    /// vice-chair: `officer`) with the name, the role word and the seat (the roster place from 1;
    /// empty for an official) filled in.
    pub fn named_label(&self, name: &str, role: &str, seat: Option<usize>, officer: bool) -> String {
        let family = name.split([' ', '　']).find(|s| !s.is_empty()).unwrap_or(name);
        let seat = seat.map(|n| n.to_string()).unwrap_or_default();
        let template = if officer && !self.officer_label.is_empty() { &self.officer_label } else { &self.name_label };
        template.replace("{氏名}", name).replace("{姓}", family).replace("{役職}", role).replace("{席}", &seat)
    }

    /// A stage note's words printed in the body's wrapping: a paragraph typed wholly in （ ）
    /// (its first （ closing at its last character) gets `note_open`/`note_close` instead;
    /// anything else comes back as it is.
    pub fn wrap_note(&self, paragraph: &str) -> String {
        match note_inner(paragraph) {
            Some(inner) => format!("{}{inner}{}", self.note_open, self.note_close),
            None => paragraph.to_string(),
        }
    }

    /// A time of day in the body's form: 午後2時 / 午後2時00分 / 14時 / 14時00分; 正午 in the
    /// twelve-hour form when the minutes are not always written.
    pub fn time(&self, t: NaiveTime) -> String {
        let (h, m) = (t.hour(), t.minute());
        match self.clock {
            Clock::TwelveHour if !self.minutes_always => era::format_time(t),
            Clock::TwelveHour => {
                let (half, h12) = if h < 12 { ("午前", h) } else { ("午後", h - 12) };
                format!("{half}{h12}時{m:02}分")
            }
            Clock::TwentyFourHour if m == 0 && !self.minutes_always => format!("{h}時"),
            Clock::TwentyFourHour if self.minutes_always => format!("{h}時{m:02}分"),
            Clock::TwentyFourHour => format!("{h}時{m}分"),
        }
    }

    /// A span of time: 午後2時から午後5時まで, or 午後2時～午後5時.
    pub fn span(&self, start: NaiveTime, end: NaiveTime) -> String {
        if self.span_tilde {
            format!("{}～{}", self.time(start), self.time(end))
        } else {
            format!("{}から{}まで", self.time(start), self.time(end))
        }
    }

    /// A date: 令和3年12月13日（月） or 令和3年12月13日（月曜日）.
    pub fn date(&self, d: NaiveDate) -> String {
        let short = era::format_date(d);
        if self.weekday_long {
            format!("{}曜日）", short.trim_end_matches('）'))
        } else {
            debug_assert!(short.ends_with(&format!("（{}）", era::weekday(d.weekday()))));
            short
        }
    }
}

/// The refusal of a file that is not a 書式 file.
fn not_a_file() -> Error {
    Error::invalid(
        "format.file",
        "書式のファイルとして読めません。書記の「書式を書き出す」で作ったファイルを選んでください。",
    )
}

/// The words inside a paragraph typed wholly in （ ）: its first （ is closed by its last ）.
fn note_inner(p: &str) -> Option<&str> {
    let inner = p.strip_prefix('（')?.strip_suffix('）')?;
    let mut depth = 0i32;
    for c in inner.chars() {
        match c {
            '（' => depth += 1,
            '）' if depth == 0 => return None,
            '）' => depth -= 1,
            _ => {}
        }
    }
    (depth == 0).then_some(inner)
}

/// Refuses a template holding a `{…}` that is not one of `allowed`, or a brace of no placeholder.
fn check_placeholders(field: &'static str, label: &str, value: &str, allowed: &[&str]) -> Result<()> {
    let mut rest = value;
    let stray = || {
        Error::invalid(field, format!("{label}の {{ }} が対になっていません。使えるのは{}です。", allowed.join("・")))
    };
    while let Some(start) = rest.find(['{', '}']) {
        if rest[start..].starts_with('}') {
            return Err(stray());
        }
        let Some(len) = rest[start..].find('}') else { return Err(stray()) };
        let placeholder = &rest[start..start + len + 1];
        if placeholder[1..].contains('{') {
            return Err(stray());
        }
        if !allowed.contains(&placeholder) {
            return Err(Error::invalid(
                field,
                format!("{label}の{placeholder}は使えません。使えるのは{}です。", allowed.join("・")),
            ));
        }
        rest = &rest[start + len + 1..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn every_preset_passes_its_own_check() {
        for (key, _) in PRESETS {
            let p = FormatProfile::preset(key).unwrap();
            assert_eq!(p.checked().unwrap(), p, "{key}");
            let labels = FormatProfile::preset_labels(key).unwrap();
            let back = FormatProfile::from_file_text(&p.to_file_text(labels)).unwrap();
            assert_eq!(back, (p, (labels != LabelStyle::Role).then_some(labels)), "{key} round-trips");
        }
    }

    #[test]
    fn times_in_each_form() {
        let mut p = FormatProfile::default();
        assert_eq!(p.time(t(14, 0)), "午後2時");
        assert_eq!(p.time(t(12, 0)), "正午");
        p.minutes_always = true;
        assert_eq!(p.time(t(18, 0)), "午後6時00分");
        assert_eq!(p.time(t(9, 5)), "午前9時05分");
        p.clock = Clock::TwentyFourHour;
        assert_eq!(p.time(t(13, 30)), "13時30分");
        assert_eq!(p.time(t(13, 0)), "13時00分");
        p.minutes_always = false;
        assert_eq!(p.time(t(13, 0)), "13時");
        p.span_tilde = true;
        assert_eq!(p.span(t(13, 0), t(15, 8)), "13時～15時8分");
        p.weekday_long = true;
        assert_eq!(p.date(NaiveDate::from_ymd_opt(2021, 12, 13).unwrap()), "令和3年12月13日（月曜日）");
    }

    #[test]
    fn a_note_is_a_paragraph_wholly_in_brackets() {
        let p = FormatProfile::preset("review").unwrap();
        assert_eq!(p.wrap_note("（賛成者挙手）"), "《賛成者挙手》");
        assert_eq!(p.wrap_note("（「異議なし」の声あり（複数））"), "《「異議なし」の声あり（複数）》");
        for words in ["（1）について説明します（資料1）", "資料（1）", "（a）（b）", "（開いたまま"]
        {
            assert_eq!(p.wrap_note(words), words, "not a note: {words}");
        }
    }

    #[test]
    fn labels_by_name_follow_the_template() {
        let mut p = FormatProfile::preset("assembly").unwrap();
        assert_eq!(p.named_label("山田 太郎", "委員長", Some(1), true), "山田委員長");
        p.name_label = "{役職}（{姓}君）".into();
        assert_eq!(p.named_label("山田　太郎", "委員長", Some(1), true), "委員長（山田君）");
        p.name_label = "{役職}（{氏名}さん）".into();
        assert_eq!(p.named_label("佐藤花子", "委員", Some(3), false), "委員（佐藤花子さん）");
        p.name_label = "{席}番 {姓}".into();
        assert_eq!(p.named_label("佐藤 花子", "委員", Some(3), false), "3番 佐藤");
        // Members by seat, the chair by title: 委員長（山田君）, not 1番 山田.
        p.officer_label = "{役職}（{姓}君）".into();
        assert_eq!(p.named_label("山田 太郎", "委員長", Some(1), true), "委員長（山田君）");
        assert_eq!(p.named_label("佐藤 花子", "委員", Some(3), false), "3番 佐藤");
        assert!(p.checked().is_ok());
    }

    #[test]
    fn a_template_takes_only_its_own_placeholders() {
        let p = FormatProfile { heading: "{番号} {名前}".into(), ..Default::default() };
        let e = p.checked().unwrap_err().to_string();
        assert!(e.contains("{名前}は使えません") && e.contains("{番号}・{題名}"), "{e}");
        for (heading, name, chair, close) in [
            ("{番号} {題名", "{年度}第{回}回", "会長", "）"),
            ("{番号}} {題名}", "{年度}第{回}回", "会長", "）"),
            ("{番号} {題名}", "会議", "会長", "）"),
            ("{番号} {題名}", "{年度}第{回}回", "{氏名}", "）"),
            ("{番号} {題名}", "{年度}第{回}回", "会長", "）\u{200B}"),
        ] {
            let p = FormatProfile {
                heading: heading.into(),
                meeting_name: name.into(),
                chair_title: chair.into(),
                note_close: close.into(),
                ..Default::default()
            };
            assert!(p.checked().is_err(), "{heading} / {name} / {chair} / {close:?}");
        }
        let mut p = FormatProfile::default();
        p.cover.push(row(CoverField::Venue, "場所"));
        assert!(p.checked().is_err(), "a row twice");
        let p = FormatProfile { chair_title: "会\u{7}長".into(), ..Default::default() };
        assert!(p.checked().is_err(), "the text policy applies");
        let mut p = FormatProfile::preset("assembly").unwrap();
        p.label_separator = "\n".into();
        assert!(p.checked().is_err(), "no line break between label and words");
    }
}
