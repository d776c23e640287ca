//! A meeting as one self-contained JSON file: every record (council and roster, cover, agenda,
//! attendance, turns with their earlier versions, votes, reminders, draft, status changes), with
//! no store ids — records refer to each other by position — so a file imports into any store as an
//! identical meeting, and exporting that meeting again gives the same bytes.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::Store;
use crate::error::{Error, Result};

pub const FORMAT: &str = "shoki-meeting-1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingFile {
    pub format: String,
    pub council: CouncilRec,
    pub meeting: MeetingRec,
    pub agenda: Vec<SectionRec>,
    pub materials: Vec<(String, String)>,
    pub attendance: Vec<AttendanceRec>,
    /// Positions in `council.officials` of those attending.
    pub officials_attending: Vec<usize>,
    pub turns: Vec<TurnRec>,
    pub votes: Vec<VoteRec>,
    pub reminders: Vec<(String, String, Option<String>)>,
    /// (started_at, ended_at) of each recess (休憩 … 再開); left out of files without one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recesses: Vec<(String, Option<String>)>,
    pub draft: Option<(String, String, String, String)>,
    pub status_changes: Vec<(String, String, Option<String>, String)>,
    /// The history a meeting keeps once opened (files of earlier versions have none of it):
    /// entries added during the meeting (追加) with when; agenda titles before a correction
    /// (entry, title, replaced_at, action); cover fields before a correction (field, before,
    /// replaced_at); each member's attendance before each change (member position, status,
    /// arrived_at, left_at, replaced_at, action, reason); the entry the draft began under.
    #[serde(default)]
    pub added_entries: Vec<(Entry, String)>,
    #[serde(default)]
    pub agenda_versions: Vec<(Entry, String, String, String)>,
    #[serde(default)]
    pub meeting_versions: Vec<(String, String, String)>,
    #[serde(default)]
    pub attendance_versions: Vec<AttendanceVersionRec>,
    #[serde(default)]
    pub draft_entry: Option<Entry>,
}

/// (member position, status, arrived_at, left_at, replaced_at, action, reason)
pub type AttendanceVersionRec = (usize, String, Option<String>, Option<String>, String, String, Option<String>);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CouncilRec {
    pub name: String,
    pub membership: i64,
    pub quorum_rule: String,
    pub quorum_fixed: Option<i64>,
    pub chair_votes: String,
    pub label_style: String,
    pub official_label: String,
    pub ventilation_minutes: i64,
    pub fy2019_style: String,
    pub majority_basis: String,
    pub online_counts: bool,
    pub result_words: String,
    pub cover_absent: bool,
    pub disclosure: String,
    /// (name, role) in roster order.
    pub members: Vec<(String, String)>,
    pub officials: Vec<String>,
    /// (kind, key, text, timed)
    pub phrases: Vec<(String, String, String, bool)>,
    /// The council's format (書式), left out of the file while it is the reference council's,
    /// so files of such councils are as before formats existed.
    #[serde(default, skip_serializing_if = "is_reference_format")]
    pub format: crate::format::FormatProfile,
    /// Each official's group on the cover, in the order of `officials`; left out while none has one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub official_groups: Vec<String>,
    /// Each member's group on the cover, in the order of `members`; left out while none has one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub member_groups: Vec<String>,
}

fn is_reference_format(f: &crate::format::FormatProfile) -> bool {
    *f == crate::format::FormatProfile::default()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingRec {
    pub fiscal_year: i64,
    pub ordinal: i64,
    pub held_on: String,
    pub planned_start: String,
    pub planned_end: String,
    pub venue: String,
    pub observers: i64,
    pub status: String,
    pub opened_at: Option<String>,
    pub closed_at: Option<String>,
    pub draft_at: Option<String>,
    pub finalized_at: Option<String>,
    pub rules: Option<String>,
    pub current_entry: Option<Entry>,
    /// 会議録署名委員 by position in `council.members`; left out when none are named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signers: Vec<usize>,
    /// The agenda entries held in closed session (非公開), by position; left out when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closed_entries: Vec<Entry>,
    /// A 臨時 meeting; left out for an ordinary one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub extraordinary: bool,
}

/// A turn as it was before one change: (entry, speaker, text, deleted_at, replaced_at, action).
pub type TurnVersionRec = (Option<Entry>, String, String, Option<String>, String, String);

/// An agenda entry by position: (section, item within it).
pub type Entry = (usize, Option<usize>);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionRec {
    pub title: String,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    /// (title, started_at, finished_at)
    pub items: Vec<(String, Option<String>, Option<String>)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttendanceRec {
    pub member: usize,
    pub status: String,
    pub arrived_at: Option<String>,
    pub left_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnRec {
    pub entry: Option<Entry>,
    pub kind: String,
    pub speaker: String,
    pub text: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub timed: bool,
    pub deleted_at: Option<String>,
    /// Positions in `council.members` / `council.officials` of who spoke, when recorded.
    pub member: Option<usize>,
    pub official: Option<usize>,
    /// Earlier versions, oldest first.
    pub versions: Vec<TurnVersionRec>,
    /// Who asked for a correction: (position in `versions`, who). Absent from older files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requested: Vec<(usize, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoteRec {
    pub entry: Option<Entry>,
    pub counts: (i64, i64, i64, i64, i64),
    pub chair_cast: Option<String>,
    pub result: String,
    pub result_text: String,
    pub override_reason: Option<String>,
    pub void_reason: Option<String>,
    pub rules: String,
    pub recorded_at: String,
    pub deleted_at: Option<String>,
    /// (snapshot, replaced_at, action)
    pub versions: Vec<(String, String, String)>,
    /// How it was decided (`VoteMethod`); left out for a show of hands, as files had it before.
    #[serde(default = "hands", skip_serializing_if = "is_hands")]
    pub method: String,
}

fn hands() -> String {
    "hands".into()
}

fn is_hands(method: &str) -> bool {
    method == "hands"
}

fn rows<T>(
    conn: &Connection,
    sql: &str,
    id: i64,
    f: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let out = stmt.query_map([id], f)?.collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

/// Agenda entry ids in (section, item) positions, and back.
struct AgendaMap(Vec<(i64, Vec<i64>)>);

impl AgendaMap {
    fn entry(&self, id: Option<i64>) -> Option<Entry> {
        let id = id?;
        self.0.iter().enumerate().find_map(|(s, (sid, items))| {
            if *sid == id {
                return Some((s, None));
            }
            items.iter().position(|i| *i == id).map(|i| (s, Some(i)))
        })
    }
    fn id(&self, entry: Option<Entry>) -> Result<Option<i64>> {
        let Some((s, i)) = entry else { return Ok(None) };
        let section = self.0.get(s).ok_or_else(|| bad("議題の番号"))?;
        Ok(Some(match i {
            None => section.0,
            Some(i) => *section.1.get(i).ok_or_else(|| bad("議題の番号"))?,
        }))
    }
}

fn bad(what: &str) -> Error {
    Error::invalid(
        "import",
        format!("読み込むファイルの{what}が正しくありません。書記で書き出したJSONファイルを選んでください。"),
    )
}

impl Store {
    pub fn meeting_file(&self, meeting_id: i64) -> Result<MeetingFile> {
        let conn = &self.conn;
        let m = self.meeting(meeting_id)?;
        let c = &m.council;
        let member_ids: Vec<i64> = c.members.iter().map(|x| x.id).collect();
        let official_ids: Vec<i64> = c.officials.iter().map(|x| x.id).collect();
        let agenda = AgendaMap(m.agenda.iter().map(|s| (s.id, s.items.iter().map(|i| i.id).collect())).collect());
        let (draft_at, finalized_at, rules): (Option<String>, Option<String>, Option<String>) =
            conn.query_row("SELECT draft_at, finalized_at, rules FROM meeting WHERE id = ?1", [meeting_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        // An opened meeting's file carries the phrases as they were at 開会, like its council.
        let taken: Option<String> =
            conn.query_row("SELECT phrases_snapshot FROM meeting WHERE id = ?1", [meeting_id], |r| r.get(0))?;
        let phrases = match taken.and_then(|json| serde_json::from_str(&json).ok()) {
            Some(phrases) => phrases,
            None => rows(
                conn,
                "SELECT kind, key, text, timed FROM phrase WHERE council_id = ?1 ORDER BY position, id",
                c.id,
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?,
        };
        let attendance = rows(
            conn,
            "SELECT member_id, status, arrived_at, left_at FROM attendance WHERE meeting_id = ?1 ORDER BY member_id",
            meeting_id,
            |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?
        .into_iter()
        .filter_map(|(member, status, arrived_at, left_at)| {
            Some(AttendanceRec { member: member_ids.iter().position(|&x| x == member)?, status, arrived_at, left_at })
        })
        .collect::<Vec<_>>();
        let mut attendance = attendance;
        attendance.sort_by_key(|a| a.member);
        let mut turns = Vec::new();
        for ((id, entry, kind, speaker, text, started_at, ended_at, timed, deleted_at), (member, official)) in rows(
            conn,
            "SELECT id, agenda_entry_id, kind, speaker, text, started_at, ended_at, timed, deleted_at, member_id, official_id
             FROM turn WHERE meeting_id = ?1 ORDER BY position, id",
            meeting_id,
            |r| {
                Ok((
                    (
                        r.get::<_, i64>(0)?,
                        r.get::<_, Option<i64>>(1)?,
                        super::text_column(r, 2)?.0,
                        super::text_column(r, 3)?.0,
                        // Damaged bytes are carried with replacement marks, as the screen shows them.
                        super::text_column(r, 4)?.0,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                    ),
                    (r.get::<_, Option<i64>>(9)?, r.get::<_, Option<i64>>(10)?),
                ))
            },
        )? {
            let versions: Vec<TurnVersionRec> = rows(
                conn,
                "SELECT agenda_entry_id, speaker, text, deleted_at, replaced_at, action FROM turn_version WHERE turn_id = ?1 ORDER BY id",
                id,
                |r| Ok((r.get::<_, Option<i64>>(0)?, r.get(1)?, super::text_column(r, 2)?.0, r.get(3)?, r.get(4)?, r.get(5)?)),
            )?
            .into_iter()
            .map(|(e, s, t, d, at, a)| (agenda.entry(e), s, t, d, at, a))
            .collect();
            let requested: Vec<(usize, String)> = rows(
                conn,
                "SELECT requested_by FROM turn_version WHERE turn_id = ?1 ORDER BY id",
                id,
                |r| r.get::<_, Option<String>>(0),
            )?
            .into_iter()
            .enumerate()
            .filter_map(|(i, who)| Some((i, who?)))
            .collect();
            turns.push(TurnRec {
                entry: agenda.entry(entry),
                kind,
                speaker,
                text,
                started_at,
                ended_at,
                timed,
                deleted_at,
                member: member.and_then(|id| member_ids.iter().position(|&x| x == id)),
                official: official.and_then(|id| official_ids.iter().position(|&x| x == id)),
                versions,
                requested,
            });
        }
        let mut votes = Vec::new();
        for (id, entry, counts, chair_cast, result, result_text, override_reason, void_reason, rules, recorded_at, deleted_at, method) in rows(
            conn,
            "SELECT id, agenda_entry_id, present, eligible, for_count, against_count, abstain_count, chair_cast, result,
                    result_text, override_reason, void_reason, rules, recorded_at, deleted_at, method
             FROM vote WHERE meeting_id = ?1 ORDER BY id",
            meeting_id,
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?),
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                    r.get(13)?,
                    r.get(14)?,
                    r.get::<_, String>(15)?,
                ))
            },
        )? {
            let versions = rows(conn, "SELECT snapshot, replaced_at, action FROM vote_version WHERE vote_id = ?1 ORDER BY id", id, |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
            votes.push(VoteRec {
                entry: agenda.entry(entry),
                counts,
                chair_cast,
                result,
                result_text,
                override_reason,
                void_reason,
                rules,
                recorded_at,
                deleted_at,
                versions,
                method,
            });
        }
        // The council as the meeting has it: its own copy from 開会 on.
        let fy2019_style = match c.fy2019_style {
            crate::era::Fy2019Style::Heisei => "heisei",
            crate::era::Fy2019Style::Reiwa => "reiwa",
        };
        Ok(MeetingFile {
            format: FORMAT.to_string(),
            council: CouncilRec {
                name: c.name.clone(),
                membership: c.membership,
                quorum_rule: c.quorum_rule.as_str().to_string(),
                quorum_fixed: c.quorum_fixed,
                chair_votes: c.chair_votes.as_str().to_string(),
                label_style: c.label_style.as_str().to_string(),
                official_label: c.official_label.clone(),
                ventilation_minutes: c.ventilation_minutes,
                fy2019_style: fy2019_style.to_string(),
                majority_basis: c.majority_basis.as_str().to_string(),
                online_counts: c.online_counts,
                result_words: c.result_words.as_str().to_string(),
                cover_absent: c.cover_absent,
                disclosure: c.disclosure.clone(),
                members: c.members.iter().map(|x| (x.name.clone(), x.role.as_str().to_string())).collect(),
                officials: c.officials.iter().map(|x| x.title.clone()).collect(),
                official_groups: if c.officials.iter().all(|x| x.group.is_empty()) {
                    Vec::new()
                } else {
                    c.officials.iter().map(|x| x.group.clone()).collect()
                },
                member_groups: if c.members.iter().all(|x| x.group.is_empty()) {
                    Vec::new()
                } else {
                    c.members.iter().map(|x| x.group.clone()).collect()
                },
                phrases,
                format: c.format.clone(),
            },
            meeting: MeetingRec {
                fiscal_year: m.fiscal_year,
                ordinal: m.ordinal,
                held_on: m.held_on.clone(),
                planned_start: m.planned_start.clone(),
                planned_end: m.planned_end.clone(),
                venue: m.venue.clone(),
                observers: m.observers,
                status: m.status.as_str().to_string(),
                opened_at: m.opened_at.clone(),
                closed_at: m.closed_at.clone(),
                draft_at,
                finalized_at,
                rules,
                current_entry: agenda.entry(m.current_entry_id),
                signers: m.signers.iter().filter_map(|id| member_ids.iter().position(|x| x == id)).collect(),
                closed_entries: m.closed_entries.iter().filter_map(|&e| agenda.entry(Some(e))).collect(),
                extraordinary: m.extraordinary,
            },
            agenda: m
                .agenda
                .iter()
                .map(|s| SectionRec {
                    title: s.title.clone(),
                    started_at: s.started_at.clone(),
                    finished_at: s.finished_at.clone(),
                    items: s.items.iter().map(|i| (i.title.clone(), i.started_at.clone(), i.finished_at.clone())).collect(),
                })
                .collect(),
            materials: m.materials.iter().map(|x| (x.title.clone(), x.timing.as_str().to_string())).collect(),
            attendance,
            officials_attending: m
                .officials
                .iter()
                .filter(|o| o.attending)
                .filter_map(|o| official_ids.iter().position(|&x| x == o.official_id))
                .collect(),
            turns,
            votes,
            reminders: rows(conn, "SELECT due_at, fired_at, acknowledged_at FROM reminder WHERE meeting_id = ?1 ORDER BY id", meeting_id, |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?,
            recesses: rows(conn, "SELECT started_at, ended_at FROM recess WHERE meeting_id = ?1 ORDER BY started_at, id", meeting_id, |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?,
            draft: conn
                .query_row("SELECT speaker, text, started_at, saved_at FROM draft WHERE meeting_id = ?1", [meeting_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()?,
            status_changes: rows(
                conn,
                "SELECT from_status, to_status, reason, changed_at FROM status_change WHERE meeting_id = ?1 ORDER BY id",
                meeting_id,
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?,
            added_entries: m
                .agenda
                .iter()
                .flat_map(|s| {
                    let items = s.items.iter().map(|i| (i.id, i.added_at.clone()));
                    std::iter::once((s.id, s.added_at.clone())).chain(items)
                })
                .filter_map(|(id, at)| Some((agenda.entry(Some(id))?, at?)))
                .collect(),
            agenda_versions: rows(
                conn,
                "SELECT entry_id, title, replaced_at, action FROM agenda_version WHERE meeting_id = ?1 ORDER BY id",
                meeting_id,
                |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?
            .into_iter()
            .filter_map(|(id, title, at, action)| Some((agenda.entry(Some(id))?, title, at, action)))
            .collect(),
            meeting_versions: rows(
                conn,
                "SELECT field, before, replaced_at FROM meeting_version WHERE meeting_id = ?1 ORDER BY id",
                meeting_id,
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?,
            attendance_versions: rows(
                conn,
                "SELECT member_id, status, arrived_at, left_at, replaced_at, action, reason FROM attendance_version
                 WHERE meeting_id = ?1 ORDER BY id",
                meeting_id,
                |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
            )?
            .into_iter()
            .filter_map(|(id, status, arrived, left, at, action, reason)| {
                Some((member_ids.iter().position(|&x| x == id)?, status, arrived, left, at, action, reason))
            })
            .collect(),
            draft_entry: agenda.entry(
                conn.query_row("SELECT agenda_entry_id FROM draft WHERE meeting_id = ?1", [meeting_id], |r| r.get(0))
                    .optional()?
                    .flatten(),
            ),
        })
    }

    /// Imports a meeting file as a new council and meeting; answers the new meeting's id. All of
    /// it is saved, or none of it.
    pub fn import_meeting(&mut self, json: &[u8]) -> Result<i64> {
        let file: MeetingFile = serde_json::from_slice(json).map_err(|_| bad("形式"))?;
        if file.format != FORMAT {
            return Err(bad("形式の版"));
        }
        super::import_check::check(&file)?;
        crate::validate::line("import", "審議会名", &file.council.name, crate::validate::COUNCIL_NAME_MAX, true)?;
        self.write(|tx| insert_file(tx, &file))
    }
}

fn insert_file(tx: &Transaction, f: &MeetingFile) -> Result<i64> {
    let c = &f.council;
    tx.execute(
        "INSERT INTO council (name, membership, quorum_rule, quorum_fixed, chair_votes, label_style, official_label,
                              ventilation_minutes, fy2019_style, majority_basis, online_counts, result_words,
                              cover_absent, disclosure, format)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            c.name,
            c.membership,
            c.quorum_rule,
            c.quorum_fixed,
            c.chair_votes,
            c.label_style,
            c.official_label,
            c.ventilation_minutes,
            c.fy2019_style,
            c.majority_basis,
            c.online_counts,
            c.result_words,
            c.cover_absent,
            c.disclosure,
            if is_reference_format(&c.format) {
                String::new()
            } else {
                serde_json::to_string(&c.format).expect("a profile serializes")
            }
        ],
    )?;
    let council_id = tx.last_insert_rowid();
    let mut members = Vec::new();
    for (i, (name, role)) in c.members.iter().enumerate() {
        let group = c.member_groups.get(i).map(String::as_str).unwrap_or("");
        tx.execute(
            "INSERT INTO member (council_id, name, role, position, grp) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![council_id, name, role, i as i64 + 1, group],
        )?;
        members.push(tx.last_insert_rowid());
    }
    let mut officials = Vec::new();
    for (i, title) in c.officials.iter().enumerate() {
        let group = c.official_groups.get(i).map(String::as_str).unwrap_or("");
        tx.execute(
            "INSERT INTO official (council_id, title, position, grp) VALUES (?1, ?2, ?3, ?4)",
            params![council_id, title, i as i64 + 1, group],
        )?;
        officials.push(tx.last_insert_rowid());
    }
    for (i, (kind, key, text, timed)) in c.phrases.iter().enumerate() {
        tx.execute(
            "INSERT INTO phrase (council_id, kind, key, text, timed, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![council_id, kind, key, text, timed, i as i64 + 1],
        )?;
    }
    let m = &f.meeting;
    // Inserted as being prepared, and given its status last: a final meeting's lock would refuse
    // its own records otherwise.
    tx.execute(
        "INSERT INTO meeting (council_id, fiscal_year, ordinal, held_on, planned_start, planned_end, venue, observers,
                              opened_at, closed_at, draft_at, finalized_at, rules)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            council_id,
            m.fiscal_year,
            m.ordinal,
            m.held_on,
            m.planned_start,
            m.planned_end,
            m.venue,
            m.observers,
            m.opened_at,
            m.closed_at,
            m.draft_at,
            m.finalized_at,
            m.rules
        ],
    )?;
    let meeting_id = tx.last_insert_rowid();
    let mut sections = Vec::new();
    for (s, section) in f.agenda.iter().enumerate() {
        tx.execute(
            "INSERT INTO agenda_entry (meeting_id, parent_id, title, position, started_at, finished_at) VALUES (?1, NULL, ?2, ?3, ?4, ?5)",
            params![meeting_id, section.title, s as i64 + 1, section.started_at, section.finished_at],
        )?;
        let section_id = tx.last_insert_rowid();
        let mut items = Vec::new();
        for (i, (title, started_at, finished_at)) in section.items.iter().enumerate() {
            tx.execute(
                "INSERT INTO agenda_entry (meeting_id, parent_id, title, position, started_at, finished_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![meeting_id, section_id, title, i as i64 + 1, started_at, finished_at],
            )?;
            items.push(tx.last_insert_rowid());
        }
        sections.push((section_id, items));
    }
    let agenda = AgendaMap(sections);
    for (i, (title, timing)) in f.materials.iter().enumerate() {
        tx.execute(
            "INSERT INTO material (meeting_id, title, timing, position) VALUES (?1, ?2, ?3, ?4)",
            params![meeting_id, title, timing, i as i64 + 1],
        )?;
    }
    for a in &f.attendance {
        let member = *members.get(a.member).ok_or_else(|| bad("出欠"))?;
        tx.execute(
            "INSERT INTO attendance (meeting_id, member_id, status, arrived_at, left_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![meeting_id, member, a.status, a.arrived_at, a.left_at],
        )?;
    }
    if !f.meeting.signers.is_empty() {
        let ids: Vec<String> = f
            .meeting
            .signers
            .iter()
            .map(|&p| members.get(p).map(|id| id.to_string()).ok_or_else(|| bad("会議録署名委員")))
            .collect::<Result<_>>()?;
        tx.execute("UPDATE meeting SET signers = ?2 WHERE id = ?1", params![meeting_id, ids.join(",")])?;
    }
    for &o in &f.officials_attending {
        let official = *officials.get(o).ok_or_else(|| bad("区側の出席者"))?;
        tx.execute(
            "INSERT INTO meeting_official (meeting_id, official_id) VALUES (?1, ?2)",
            params![meeting_id, official],
        )?;
    }
    for (i, t) in f.turns.iter().enumerate() {
        let member = t.member.map(|p| members.get(p).copied().ok_or_else(|| bad("発言者"))).transpose()?;
        let official = t.official.map(|p| officials.get(p).copied().ok_or_else(|| bad("発言者"))).transpose()?;
        tx.execute(
            "INSERT INTO turn (meeting_id, agenda_entry_id, position, kind, speaker, text, started_at, ended_at, timed, deleted_at,
                               member_id, official_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                meeting_id,
                agenda.id(t.entry)?,
                i as f64 + 1.0,
                t.kind,
                t.speaker,
                t.text,
                t.started_at,
                t.ended_at,
                t.timed,
                t.deleted_at,
                member,
                official
            ],
        )?;
        let turn_id = tx.last_insert_rowid();
        for (i, (entry, speaker, text, deleted_at, replaced_at, action)) in t.versions.iter().enumerate() {
            let who = t.requested.iter().find(|(k, _)| *k == i).map(|(_, who)| who);
            tx.execute(
                "INSERT INTO turn_version (turn_id, agenda_entry_id, speaker, text, deleted_at, replaced_at, action, requested_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![turn_id, agenda.id(*entry)?, speaker, text, deleted_at, replaced_at, action, who],
            )?;
        }
    }
    for v in &f.votes {
        let (present, eligible, yes, no, abstain) = v.counts;
        tx.execute(
            "INSERT INTO vote (meeting_id, agenda_entry_id, present, eligible, for_count, against_count, abstain_count, chair_cast,
                               result, result_text, override_reason, void_reason, rules, recorded_at, deleted_at, method)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            params![
                meeting_id,
                agenda.id(v.entry)?,
                present,
                eligible,
                yes,
                no,
                abstain,
                v.chair_cast,
                v.result,
                v.result_text,
                v.override_reason,
                v.void_reason,
                v.rules,
                v.recorded_at,
                v.deleted_at,
                v.method
            ],
        )?;
        let vote_id = tx.last_insert_rowid();
        for (snapshot, replaced_at, action) in &v.versions {
            tx.execute(
                "INSERT INTO vote_version (vote_id, snapshot, replaced_at, action) VALUES (?1, ?2, ?3, ?4)",
                params![vote_id, snapshot, replaced_at, action],
            )?;
        }
    }
    for (due_at, fired_at, acknowledged_at) in &f.reminders {
        tx.execute(
            "INSERT INTO reminder (meeting_id, due_at, fired_at, acknowledged_at) VALUES (?1, ?2, ?3, ?4)",
            params![meeting_id, due_at, fired_at, acknowledged_at],
        )?;
    }
    for (started_at, ended_at) in &f.recesses {
        tx.execute(
            "INSERT INTO recess (meeting_id, started_at, ended_at) VALUES (?1, ?2, ?3)",
            params![meeting_id, started_at, ended_at],
        )?;
    }
    if let Some((speaker, text, started_at, saved_at)) = &f.draft {
        tx.execute(
            "INSERT INTO draft (meeting_id, speaker, text, started_at, saved_at, agenda_entry_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![meeting_id, speaker, text, started_at, saved_at, agenda.id(f.draft_entry)?],
        )?;
    }
    for (entry, at) in &f.added_entries {
        tx.execute("UPDATE agenda_entry SET added_at = ?2 WHERE id = ?1", params![agenda.id(Some(*entry))?, at])?;
    }
    for (entry, title, at, action) in &f.agenda_versions {
        tx.execute(
            "INSERT INTO agenda_version (entry_id, meeting_id, title, replaced_at, action) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![agenda.id(Some(*entry))?, meeting_id, title, at, action],
        )?;
    }
    for (field, before, at) in &f.meeting_versions {
        tx.execute(
            "INSERT INTO meeting_version (meeting_id, field, before, replaced_at) VALUES (?1, ?2, ?3, ?4)",
            params![meeting_id, field, before, at],
        )?;
    }
    for (member, status, arrived, left, at, action, reason) in &f.attendance_versions {
        let member = *members.get(*member).ok_or_else(|| bad("出欠の記録"))?;
        tx.execute(
            "INSERT INTO attendance_version (meeting_id, member_id, status, arrived_at, left_at, replaced_at, action, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![meeting_id, member, status, arrived, left, at, action, reason],
        )?;
    }
    for (from, to, reason, at) in &f.status_changes {
        tx.execute(
            "INSERT INTO status_change (meeting_id, from_status, to_status, reason, changed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![meeting_id, from, to, reason, at],
        )?;
    }
    if m.extraordinary {
        tx.execute("UPDATE meeting SET extraordinary = 1 WHERE id = ?1", [meeting_id])?;
    }
    if !m.closed_entries.is_empty() {
        let ids: Vec<String> = m
            .closed_entries
            .iter()
            .map(|&e| agenda.id(Some(e)).map(|id| id.unwrap_or_default().to_string()))
            .collect::<Result<_>>()?;
        tx.execute("UPDATE meeting SET closed_entries = ?2 WHERE id = ?1", params![meeting_id, ids.join(",")])?;
    }
    if m.status != "preparing" {
        // An opened meeting owns its council as the file has it, with the agenda's numbers.
        super::snapshot::take(tx, meeting_id, true)?;
    }
    tx.execute(
        "UPDATE meeting SET status = ?2, current_entry_id = ?3 WHERE id = ?1",
        params![meeting_id, m.status, agenda.id(m.current_entry)?],
    )?;
    Ok(meeting_id)
}
