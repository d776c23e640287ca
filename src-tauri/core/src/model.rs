//! The council's world as records. Serialized as-is to the UI and to the JSON export.

use serde::{Deserialize, Serialize};

use crate::era::Fy2019Style;

/// Generates the string form of a closed set of choices, for the store and for IPC alike.
macro_rules! choice {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

choice!(
    /// 会長, 副会長 or 委員.
    Role { Chair = "chair", ViceChair = "vice_chair", Member = "member" }
);
choice!(
    /// How the quorum (定足数) follows from the membership.
    QuorumRule { Majority = "majority", Half = "half", Fixed = "fixed" }
);
choice!(
    /// Whether the chair raises a hand: never, only to break a tie (可否同数), or always.
    ChairVotes { Never = "never", TieOnly = "tie_only", Always = "always" }
);
choice!(
    /// Speaker labels in the 別紙: roles (会長/委員/区側) as in the reference, 委員A…, or names.
    LabelStyle { Role = "role", Lettered = "lettered", Name = "name" }
);
choice!(
    /// ＜事前配付資料＞ or ＜当日配付資料＞.
    MaterialTiming { Advance = "advance", OnTheDay = "on_the_day" }
);
choice!(
    /// A member's attendance at one meeting.
    AttendanceStatus { Present = "present", Online = "online", Absent = "absent", Left = "left" }
);
choice!(
    /// 準備 → 開会中 → 閉会 → 案 → 確定.
    MeetingStatus { Preparing = "preparing", InSession = "in_session", Closed = "closed", Draft = "draft", Final = "final" }
);

choice!(
    /// Who a turn is labelled with in the 別紙. `None` is a stage note standing on its own row.
    Speaker { Chair = "chair", ViceChair = "vice_chair", Member = "member", Official = "official", None = "none" }
);
choice!(
    /// A speaker's words, or a stage note (ト書き) such as （資料により説明）.
    TurnKind { Speech = "speech", Note = "note" }
);

choice!(
    /// What a majority is counted of: the members present who may vote, or only those who voted
    /// for or against (abstentions left out).
    MajorityBasis { Present = "present", PresentAndVoting = "present_and_voting" }
);
choice!(
    /// The words a result is declared in: 承認／否決, 是／非, 可決／否決.
    ResultWords { Approve = "approve", Ze = "ze", Pass = "pass" }
);
choice!(
    /// The outcome of a show of hands; `Void` is 不成立 (recorded with its reason).
    VoteResult { Approved = "approved", Rejected = "rejected", Void = "void" }
);

impl ResultWords {
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            ResultWords::Approve => ("承認", "否決"),
            ResultWords::Ze => ("是", "非"),
            ResultWords::Pass => ("可決", "否決"),
        }
    }
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Chair => "会長",
            Role::ViceChair => "副会長",
            Role::Member => "委員",
        }
    }
}

impl QuorumRule {
    /// 定足数: a majority of 21 is 11; half of 21 (半数以上) is 11, of 20 is 10.
    pub fn quorum(self, membership: i64, fixed: Option<i64>) -> i64 {
        match self {
            QuorumRule::Majority => membership / 2 + 1,
            QuorumRule::Half => (membership + 1) / 2,
            QuorumRule::Fixed => fixed.unwrap_or(membership / 2 + 1),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Council {
    pub id: i64,
    pub name: String,
    /// 委員定数: the full membership, which the quorum is counted from.
    pub membership: i64,
    pub quorum_rule: QuorumRule,
    pub quorum_fixed: Option<i64>,
    pub quorum: i64,
    pub chair_votes: ChairVotes,
    pub label_style: LabelStyle,
    /// 区側 or 事務局: how officials are labelled in the 別紙.
    pub official_label: String,
    pub ventilation_minutes: i64,
    pub fy2019_style: Fy2019Style,
    pub majority_basis: MajorityBasis,
    /// Whether members attending online count as present (for the quorum and the vote).
    pub online_counts: bool,
    pub result_words: ResultWords,
    /// Whether the cover has a 欠席者 row.
    pub cover_absent: bool,
    /// The 公開・非公開 row (公開, 非公開, 一部公開 …); empty leaves the row out.
    pub disclosure: String,
    pub members: Vec<Member>,
    pub officials: Vec<Official>,
    /// The council's approved format (書式). A meeting's copy written before formats existed
    /// reads as the reference council's, which it was held under.
    #[serde(default)]
    pub format: crate::format::FormatProfile,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub id: i64,
    pub name: String,
    pub role: Role,
    /// The group the cover lists the member under (学識経験者, 区民委員 …); empty for one list.
    #[serde(default)]
    pub group: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Official {
    pub id: i64,
    pub title: String,
    /// The group the cover lists the official under (理事者側, 議会事務局 …); empty for one list.
    #[serde(default)]
    pub group: String,
}

/// One row of 会議一覧.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingSummary {
    pub id: i64,
    pub council_id: i64,
    /// The 年度 by the calendar year of its April, and as printed (令和3年度).
    pub fiscal_year: i64,
    pub fiscal_year_label: String,
    pub title: String,
    pub held_on: String,
    pub date_text: String,
    pub status: MeetingStatus,
}

/// A page of 会議一覧 (`Store::meetings_page`): the meetings asked for, newest first, how many
/// there are in all, every 年度 a meeting was held in (the search's filter), newest first, and
/// every meeting in session wherever it falls in the list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingPage {
    pub meetings: Vec<MeetingSummary>,
    pub total: i64,
    /// (the 年度 by the calendar year of its April, as printed: 令和3年度), newest first.
    pub years: Vec<(i64, String)>,
    /// The meetings opened (開会) and not closed, newest first (0 or a few): the window names them
    /// above the list, for one held years ago is pages down in it.
    pub in_session: Vec<MeetingSummary>,
}

/// Everything on the cover table of one meeting, plus what the screens need to edit it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: i64,
    pub council: Council,
    pub fiscal_year: i64,
    /// 令和3年度
    pub fiscal_year_label: String,
    /// 第N回, counted from 1 in each 年度.
    pub ordinal: i64,
    /// 名称: 令和3年度第5回 情報公開・個人情報保護審議会
    pub title: String,
    /// ISO date, YYYY-MM-DD.
    pub held_on: String,
    /// HH:MM
    pub planned_start: String,
    pub planned_end: String,
    /// 日時 as the cover writes it: 令和3年12月13日（月）午後2時から午後5時まで
    pub date_text: String,
    pub venue: String,
    pub observers: i64,
    pub status: MeetingStatus,
    pub attendance: Vec<Attendance>,
    pub officials: Vec<OfficialAttendance>,
    pub materials: Vec<Material>,
    pub agenda: Vec<AgendaSection>,
    /// Actual opening (開会) and closing (閉会) times, ISO local date-time.
    pub opened_at: Option<String>,
    pub closed_at: Option<String>,
    /// The agenda entry turns are being recorded under.
    pub current_entry_id: Option<i64>,
    /// Members present (in the room or online) right now, and whether that meets the quorum.
    pub present: i64,
    pub quorum_met: bool,
    pub reminders: Vec<Reminder>,
    /// The recesses (休憩 … 再開) taken, in order; the last one open while in recess.
    #[serde(default)]
    pub recesses: Vec<Recess>,
    /// 会議録署名委員: the members who sign the minutes, by member id, in the order named.
    #[serde(default)]
    pub signers: Vec<i64>,
    /// The agenda entries (leaves) held in closed session (非公開): the public version (公開版)
    /// prints a standard note in place of their turns.
    #[serde(default)]
    pub closed_entries: Vec<i64>,
    /// A 臨時 (extraordinary) meeting: named so where the format's name says `{臨時}`.
    #[serde(default)]
    pub extraordinary: bool,
    /// When the next ventilation reminder falls due, while the meeting is open.
    pub next_reminder_at: Option<String>,
    /// The rules the meeting is held under: the council's, fixed at the opening.
    pub rules: crate::rules::Rules,
    /// Members who may vote right now under those rules.
    pub eligible: i64,
    /// 定足数 under those rules.
    pub quorum: i64,
    pub votes: Vec<Vote>,
}

/// One show of hands (採決) on an agenda entry, as a structured record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vote {
    pub id: i64,
    pub agenda_entry_id: Option<i64>,
    /// How it was decided: a show of hands (the reference), standing, or no objection (異議なし).
    /// A vote written before methods existed reads as a show of hands, which it was.
    #[serde(default)]
    pub method: VoteMethod,
    pub present: i64,
    pub eligible: i64,
    pub for_count: i64,
    pub against_count: i64,
    pub abstain_count: i64,
    /// "for" or "against" when the chair broke a tie.
    pub chair_cast: Option<String>,
    pub result: VoteResult,
    /// 承認, 否決, 是 … or 不成立.
    pub result_text: String,
    pub override_reason: Option<String>,
    pub void_reason: Option<String>,
    pub recorded_at: String,
    pub deleted: bool,
}

/// How a decision was taken (FORMAT.md's council counts hands; other bodies rise, or decide
/// when nobody objects).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteMethod {
    /// 挙手: counted hands, （賛成者挙手）（反対者挙手） in the record.
    #[default]
    Hands,
    /// 起立: counted as hands, （賛成者起立）（反対者起立） in the record.
    Standing,
    /// 異議なし: the chair asks for objections and there are none; recorded as carried
    /// unanimously, without counts, （「異議なし」の声あり） in the record.
    NoObjection,
}

impl VoteMethod {
    pub fn parse(s: &str) -> Option<VoteMethod> {
        match s {
            "hands" => Some(VoteMethod::Hands),
            "standing" => Some(VoteMethod::Standing),
            "no_objection" => Some(VoteMethod::NoObjection),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            VoteMethod::Hands => "hands",
            VoteMethod::Standing => "standing",
            VoteMethod::NoObjection => "no_objection",
        }
    }

    /// The stage notes a decision puts into the record, as the minutes write them.
    pub fn notes(self) -> &'static [&'static str] {
        match self {
            VoteMethod::Hands => &["（賛成者挙手）", "（反対者挙手）"],
            VoteMethod::Standing => &["（賛成者起立）", "（反対者起立）"],
            VoteMethod::NoObjection => &["（「異議なし」の声あり）"],
        }
    }
}

/// A stock phrase or stage note. `expanded` has {番号}{件名}{大項目} filled in for the current entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phrase {
    pub id: i64,
    pub kind: String,
    pub key: String,
    pub text: String,
    pub timed: bool,
    pub expanded: String,
}

/// One recess (休憩): when it began and when the meeting resumed (再開), `None` while it lasts.
/// Times are local `YYYY-MM-DDTHH:MM:SS`, as every time of the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recess {
    pub id: i64,
    pub started_at: String,
    pub ended_at: Option<String>,
}

/// One ventilation (換気) reminder: when it fell due, fired, and was acknowledged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reminder {
    pub id: i64,
    pub due_at: String,
    pub fired_at: String,
    pub acknowledged_at: Option<String>,
    /// How many intervals this reminder answers (more than one when the meeting was left open
    /// past several, e.g. a suspended laptop): 1 in the ordinary case.
    pub missed: i64,
}

/// One entry of the speech record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    pub id: i64,
    pub agenda_entry_id: Option<i64>,
    pub kind: TurnKind,
    pub speaker: Speaker,
    /// 会長, 委員, 区側 … as the council labels them; empty for a note on its own row.
    pub speaker_label: String,
    /// Exactly as typed; paragraphs separated by newlines.
    pub text: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    /// For a timed note such as （資料により説明）: the measured minutes, once it has ended.
    pub minutes: Option<i64>,
    pub timed: bool,
    pub deleted: bool,
    /// The stored words could not be read as UTF-8 (damage to the file): `text` shows them with
    /// replacement marks (U+FFFD) so the rest of the meeting can still be read and exported.
    pub damaged: bool,
    /// Which member or official it was, when recorded: kept in the record, used in the export
    /// only if the council labels speakers by letter or by name.
    pub member_id: Option<i64>,
    pub official_id: Option<i64>,
    /// That person's name (or an official's title).
    pub who: Option<String>,
}

/// What Ctrl+Z puts a turn back to: the part of it that a correction can change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnState {
    pub id: i64,
    /// chair, vice_chair, member, official or none.
    pub speaker: String,
    pub text: String,
    pub agenda_entry_id: Option<i64>,
    pub ended_at: Option<String>,
    pub deleted: bool,
    /// Which member or official it was (member_id or official_id, by the speaker), if recorded.
    pub who: Option<i64>,
}

/// The state of a turn before one change to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnVersion {
    pub agenda_entry_id: Option<i64>,
    pub speaker: Speaker,
    pub text: String,
    pub deleted: bool,
    pub replaced_at: String,
    pub action: String,
}

/// The unfinished text in the input box, saved so a crash loses at most a moment of typing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub speaker: Speaker,
    /// The agenda entry that was current when the first character was typed: the turn is filed
    /// under it, whatever F8 did before Enter.
    pub agenda_entry_id: Option<i64>,
    pub text: String,
    pub started_at: String,
    pub saved_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attendance {
    pub member_id: i64,
    pub name: String,
    pub role: Role,
    pub status: AttendanceStatus,
    /// During the meeting: when the member arrived (遅参) and left (退席), ISO local date-time.
    /// Recorded by F6 at the moment it is said, correctable with a reason (versions kept).
    pub arrived_at: Option<String>,
    pub left_at: Option<String>,
    /// The member's group on the cover (`Member::group`).
    #[serde(default)]
    pub group: String,
}

/// A member's attendance before one change during the meeting: `action` is `status` (F6) or
/// `correct` (a correction of the times, with its `reason`); `replaced_at` is when it changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttendanceVersion {
    pub status: AttendanceStatus,
    pub arrived_at: Option<String>,
    pub left_at: Option<String>,
    pub replaced_at: String,
    pub action: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficialAttendance {
    pub official_id: i64,
    pub title: String,
    pub attending: bool,
    /// The official's group on the cover (`Official::group`).
    #[serde(default)]
    pub group: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Material {
    pub id: i64,
    pub title: String,
    pub timing: MaterialTiming,
}

/// 2 諮問事項, with its items （1）…（5）. Numbers come from the order, so they can never clash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaSection {
    pub id: i64,
    pub number: i64,
    pub title: String,
    pub items: Vec<AgendaItem>,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    /// Set when the entry was added during the meeting (追加), after the agenda was frozen at 開会.
    pub added_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: i64,
    pub number: i64,
    pub title: String,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    /// Set when the item was added during the meeting (追加).
    pub added_at: Option<String>,
}

impl Meeting {
    /// The entries turns are recorded under, in order: a section without items, or each item.
    pub fn leaves(&self) -> Vec<i64> {
        self.agenda
            .iter()
            .flat_map(|s| if s.items.is_empty() { vec![s.id] } else { s.items.iter().map(|i| i.id).collect() })
            .collect()
    }
}
