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
    pub members: Vec<Member>,
    pub officials: Vec<Official>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub id: i64,
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Official {
    pub id: i64,
    pub title: String,
}

/// One row of 会議一覧.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingSummary {
    pub id: i64,
    pub council_id: i64,
    pub title: String,
    pub held_on: String,
    pub date_text: String,
    pub status: MeetingStatus,
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attendance {
    pub member_id: i64,
    pub name: String,
    pub role: Role,
    pub status: AttendanceStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficialAttendance {
    pub official_id: i64,
    pub title: String,
    pub attending: bool,
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: i64,
    pub number: i64,
    pub title: String,
}
