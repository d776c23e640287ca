//! Meetings as prepared before they open: the cover table's fields, attendance, materials and the
//! 会議次第 (agenda).

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::council::load_council;
use super::{move_row, next_position, Store};
use crate::era;
use crate::error::{Error, Result};
use crate::model::*;
use crate::validate;

/// A correction of one member's attendance, as typed: the status (`present`, `online`, `absent`,
/// `left`), the arrival and departure as `HH:MM` (empty for none), and why.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AttendanceCorrection {
    pub status: String,
    pub arrived: String,
    pub left: String,
    pub reason: String,
}

/// One editable field of a meeting's cover; each saves on its own as the secretary leaves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingField {
    /// 会議録署名委員: member ids separated by commas ("3,7"), or empty for none.
    Signers,
    /// The agenda entries held in closed session (非公開): entry ids separated by commas.
    ClosedEntries,
    /// A 臨時 (extraordinary) meeting: "true" or "false".
    Extraordinary,
    HeldOn,
    Ordinal,
    PlannedStart,
    PlannedEnd,
    Venue,
    Observers,
}

const DEFAULT_START: &str = "14:00";
const DEFAULT_END: &str = "16:00";

struct MeetingRow {
    id: i64,
    council_id: i64,
    fiscal_year: i64,
    ordinal: i64,
    held_on: String,
    planned_start: String,
    planned_end: String,
    venue: String,
    observers: i64,
    status: MeetingStatus,
    opened_at: Option<String>,
    closed_at: Option<String>,
    current_entry_id: Option<i64>,
    rules: Option<String>,
    /// The council as it was at 開会 (JSON), once the meeting has opened.
    council_snapshot: Option<String>,
    /// 会議録署名委員 as stored: member ids separated by commas.
    signers: String,
    /// 非公開 entries as stored: entry ids separated by commas.
    closed_entries: String,
    extraordinary: bool,
}

fn load_row(conn: &Connection, id: i64) -> Result<MeetingRow> {
    conn.query_row(
        "SELECT id, council_id, fiscal_year, ordinal, held_on, planned_start, planned_end, venue, observers, status,
                opened_at, closed_at, current_entry_id, rules, council_snapshot, signers, closed_entries, extraordinary
         FROM meeting WHERE id = ?1",
        [id],
        |r| {
            Ok(MeetingRow {
                id: r.get(0)?,
                council_id: r.get(1)?,
                fiscal_year: r.get(2)?,
                ordinal: r.get(3)?,
                held_on: r.get(4)?,
                planned_start: r.get(5)?,
                planned_end: r.get(6)?,
                // Damaged bytes shown with replacement marks: one bad value must not hide the meeting.
                venue: super::text_column(r, 7)?.0,
                observers: r.get(8)?,
                status: MeetingStatus::parse(&r.get::<_, String>(9)?).unwrap_or(MeetingStatus::Preparing),
                opened_at: r.get(10)?,
                closed_at: r.get(11)?,
                current_entry_id: r.get(12)?,
                rules: r.get(13)?,
                council_snapshot: r.get(14)?,
                signers: r.get(15)?,
                closed_entries: r.get(16)?,
                extraordinary: r.get(17)?,
            })
        },
    )
    .optional()?
    .ok_or(Error::NotFound("会議"))
}

/// 令和3年度第5回 情報公開・個人情報保護審議会
/// 名称: the council's format's template (`FormatProfile::meeting_name`) filled in —
/// 令和3年度第5回 情報公開・個人情報保護審議会 in the reference council's.
fn title(council: &Council, fiscal_year: i64, ordinal: i64, extraordinary: bool) -> String {
    council.format.meeting_name_of(
        &era::fiscal_year_label(fiscal_year as i32, council.fy2019_style),
        ordinal,
        &council.name,
        extraordinary,
    )
}

/// 令和3年12月13日（月）午後2時から午後5時まで; 「午後2時から」 without an end (a meeting in
/// session, `end` empty); whatever part cannot be read is left out.
fn date_text(held_on: &str, start: &str, end: &str) -> String {
    let date = NaiveDate::parse_from_str(held_on, "%Y-%m-%d").map(era::format_date).unwrap_or_default();
    match (NaiveTime::parse_from_str(start, "%H:%M"), NaiveTime::parse_from_str(end, "%H:%M")) {
        (Ok(s), Ok(e)) => format!("{date}{}", era::format_span(s, e)),
        (Ok(s), Err(_)) if end.is_empty() => format!("{date}{}から", era::format_time(s)),
        _ => date,
    }
}

/// The date and planned span in a format's own form (`FormatProfile::date`, `span`).
fn format_date_text(f: &crate::format::FormatProfile, held_on: &str, start: &str, end: &str) -> String {
    let date = NaiveDate::parse_from_str(held_on, "%Y-%m-%d").map(|d| f.date(d)).unwrap_or_default();
    match (NaiveTime::parse_from_str(start, "%H:%M"), NaiveTime::parse_from_str(end, "%H:%M")) {
        (Ok(s), Ok(e)) => format!("{date}{}", f.span(s, e)),
        _ => date,
    }
}

/// The next 第N回: counted within the 年度, or on from the council's last meeting when its format
/// numbers meetings through the years (`Numbering::Continuous`).
fn next_ordinal(tx: &Transaction, council: &Council, fiscal_year: i64) -> Result<i64> {
    let continuous = council.format.numbering == crate::format::Numbering::Continuous;
    Ok(tx.query_row(
        "SELECT coalesce(max(ordinal), 0) + 1 FROM meeting WHERE council_id = ?1 AND (?3 OR fiscal_year = ?2)",
        params![council.id, fiscal_year, continuous],
        |r| r.get(0),
    )?)
}

/// Whether another meeting of the council has this 第N回 — in the same 年度, or at all when the
/// council numbers through the years.
fn ordinal_taken(tx: &Transaction, council: &Council, fiscal_year: i64, ordinal: i64, except: i64) -> Result<bool> {
    let continuous = council.format.numbering == crate::format::Numbering::Continuous;
    let n: i64 = tx.query_row(
        "SELECT count(*) FROM meeting WHERE council_id = ?1 AND (?5 OR fiscal_year = ?2) AND ordinal = ?3 AND id <> ?4",
        params![council.id, fiscal_year, ordinal, except, continuous],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

fn ordinal_clash(fy_label: &str, ordinal: i64) -> Error {
    Error::invalid(
        "meeting.ordinal",
        format!("{fy_label}の第{ordinal}回はすでにあります。回の番号か開催日を確かめてください。"),
    )
}

/// The council a meeting is read with: its own copy from 開会 on, else the council as it is now.
/// 会議録署名委員 from the stored or sent text: member ids separated by commas, at most three,
/// none twice. Errors: `Invalid` (`meeting.signers`) for anything else.
fn signer_ids(value: &str) -> Result<Vec<i64>> {
    let message = "会議録署名委員は、一覧から3人まで選んでください（同じ人は1回）。";
    let ids = id_list("meeting.signers", message, value)?;
    if ids.len() > 3 || ids.iter().enumerate().any(|(i, id)| ids[..i].contains(id)) {
        return Err(Error::invalid("meeting.signers", message));
    }
    Ok(ids)
}

/// A list of ids as a meeting field stores and sends it: "3,7", empty for none, in order.
/// Errors: `Invalid` (`field`, with `message`) for anything but ids.
fn id_list(field: &'static str, message: &str, value: &str) -> Result<Vec<i64>> {
    value
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().map_err(|_| Error::invalid(field, message)))
        .collect()
}

/// Ids as a meeting field stores them (`id_list` reads them back).
fn ids_text(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

fn council_for(conn: &Connection, row: &MeetingRow) -> Result<Council> {
    super::snapshot::council_from(conn, row.council_id, row.council_snapshot.as_deref())
}

/// The planned 会議次第 is part of the record from 開会: its numbers are printed in the minutes.
fn frozen_agenda() -> Error {
    Error::invalid(
        "agenda",
        "開会した会議の会議次第は、番号と順番が記録の一部のため変えられません。議題はF8やクリックでどの順にも進められます。予定になかった議題は「追加」してください。",
    )
}

fn meeting_of(tx: &Transaction, table: &str, id: i64, what: &'static str) -> Result<i64> {
    tx.query_row(&format!("SELECT meeting_id FROM {table} WHERE id = ?1"), [id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound(what))
}

/// Copies what carries over from one meeting to the next: attending officials, and — for a
/// duplicate — the agenda and the materials as well.
fn copy_into(tx: &Transaction, from: i64, to: i64, with_agenda: bool) -> Result<()> {
    tx.execute(
        "INSERT INTO meeting_official (meeting_id, official_id) SELECT ?2, official_id FROM meeting_official WHERE meeting_id = ?1",
        [from, to],
    )?;
    if !with_agenda {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO material (meeting_id, title, timing, position) SELECT ?2, title, timing, position FROM material WHERE meeting_id = ?1",
        [from, to],
    )?;
    let sections: Vec<(i64, String, i64)> = tx
        .prepare("SELECT id, title, position FROM agenda_entry WHERE meeting_id = ?1 AND parent_id IS NULL")?
        .query_map([from], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (old_id, title, position) in sections {
        tx.execute(
            "INSERT INTO agenda_entry (meeting_id, parent_id, title, position) VALUES (?1, NULL, ?2, ?3)",
            params![to, title, position],
        )?;
        let new_id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO agenda_entry (meeting_id, parent_id, title, position)
             SELECT ?2, ?3, title, position FROM agenda_entry WHERE parent_id = ?1",
            params![old_id, to, new_id],
        )?;
    }
    Ok(())
}

/// Newest first (`m` the meeting): by date, then 第N回, then as made. The newest meeting of a
/// kind (the one in session, a council's latest) is the first in this order.
const LIST_ORDER: &str = "m.held_on DESC, m.ordinal DESC, m.id DESC";

impl Store {
    /// The meeting being recorded (開会 and not yet 閉会), if any: where a start after a crash or a
    /// power cut reopens. Of several in session, the one typed in last — its draft saved, a turn
    /// committed, or its opening, whichever is latest — then the newest as 会議一覧 orders them:
    /// with one left open since last year, a crash while typing in today's reopened the other,
    /// its box empty. Errors: `Sqlite`.
    pub fn meeting_in_session(&self) -> Result<Option<i64>> {
        let sql = format!(
            "SELECT m.id FROM meeting m WHERE m.status = 'in_session'
             ORDER BY max(coalesce((SELECT saved_at FROM draft d WHERE d.meeting_id = m.id), ''),
                          coalesce((SELECT max(coalesce(t.ended_at, t.started_at)) FROM turn t WHERE t.meeting_id = m.id), ''),
                          coalesce(m.opened_at, '')) DESC, {LIST_ORDER}
             LIMIT 1"
        );
        Ok(self.conn.query_row(&sql, [], |r| r.get(0)).optional()?)
    }

    /// 会議一覧 in its order (`summaries`): by 年度 and council, newest first.
    pub fn meetings(&self) -> Result<Vec<MeetingSummary>> {
        self.summaries(None, -1, 0)
    }

    /// One page of 会議一覧 in its order (by 年度 and council, newest first): at most `limit`
    /// meetings (clamped to 1..=500) after the first `offset` (0 or more), with the total, the
    /// 年度 held and the meetings in session (`MeetingPage::in_session`) — what the window draws
    /// at the start, so years of meetings open as fast as a few. Errors: `Sqlite`.
    pub fn meetings_page(&self, offset: i64, limit: i64) -> Result<MeetingPage> {
        let meetings = self.summaries(None, limit.clamp(1, 500), offset.max(0))?;
        let total = self.conn.query_row("SELECT count(*) FROM meeting", [], |r| r.get(0))?;
        // Only 2019 is named by the council's choice (平成31年度 or 令和元年度): the copy of the
        // council is read for that year's meetings alone; the other years come from the index.
        let years = self
            .conn
            .prepare_cached(
                "SELECT y.fiscal_year,
                        CASE WHEN y.fiscal_year = 2019 THEN
                            (SELECT max(CASE WHEN m.council_snapshot IS NOT NULL
                                             THEN json_extract(m.council_snapshot, '$.fy2019_style')
                                             ELSE c.fy2019_style END)
                             FROM meeting m JOIN council c ON c.id = m.council_id WHERE m.fiscal_year = 2019)
                        END
                 FROM (SELECT DISTINCT fiscal_year FROM meeting) y ORDER BY y.fiscal_year DESC",
            )?
            .query_map([], |r| {
                let fy: i64 = r.get(0)?;
                let style = era::Fy2019Style::from_setting(r.get::<_, Option<String>>(1)?.as_deref());
                Ok((fy, era::fiscal_year_label(fy as i32, style)))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // A meeting left in session (not closed at the end, or opened by mistake long ago) is
        // where the record goes on; wherever it falls in the list, it is named above it.
        let in_session: Vec<i64> = self
            .conn
            .prepare_cached(&format!("SELECT m.id FROM meeting m WHERE m.status = 'in_session' ORDER BY {LIST_ORDER}"))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let in_session = in_session.into_iter().map(|id| self.meeting_summary(id)).collect::<Result<_>>()?;
        Ok(MeetingPage { meetings, total, years, in_session })
    }

    /// One meeting's line of 会議一覧 (名称, date …) without reading the whole meeting.
    /// Errors: `NotFound` for no such meeting.
    pub fn meeting_summary(&self, id: i64) -> Result<MeetingSummary> {
        self.summaries(Some(id), -1, 0)?.pop().ok_or(Error::NotFound("会議"))
    }

    /// The lines of 会議一覧: meeting `only`, or `limit` of them (-1: all) after `offset`.
    fn summaries(&self, only: Option<i64>, limit: i64, offset: i64) -> Result<Vec<MeetingSummary>> {
        // One query for the whole list (1,000 meetings open at once): an opened meeting is named
        // as it was held, from its own copy — only the few fields the name needs are read from
        // it — and one being prepared after the council now. Its times are those held once
        // recorded (as its minutes print them), else those planned.
        let default_name = crate::format::FormatProfile::default().meeting_name;
        // The rows answered, numbered in their order: one meeting by its id (its key: a search
        // names each meeting it found this way, so no other meeting is read), or a page of
        // 会議一覧 in its order — by 年度, newest first; in a 年度, each council's meetings together
        // (the council that met last first); in a council, newest first — so the newest meeting
        // of all is the first row, and councils that meet in turn are not cut into a heading a
        // row. The page's ids come from the index alone (`meeting_in_groups`, migration 8). Only
        // the rows answered are read, with the name's few fields.
        let page = if only.is_some() {
            "page AS (SELECT id, 0 AS n FROM meeting WHERE id = ?1 LIMIT ?2 OFFSET ?3)".to_string()
        } else {
            format!(
                "latest AS (SELECT council_id, fiscal_year, max(held_on) AS held_on
                            FROM meeting GROUP BY council_id, fiscal_year),
                 page AS (SELECT m.id, row_number() OVER (ORDER BY m.fiscal_year DESC, g.held_on DESC,
                                     m.council_id, {LIST_ORDER}) AS n
                          FROM meeting m JOIN latest g ON g.council_id = m.council_id AND g.fiscal_year = m.fiscal_year
                          WHERE ?1 IS NULL ORDER BY n LIMIT ?2 OFFSET ?3)"
            )
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "WITH {page}
             SELECT m.id, m.council_id, m.fiscal_year, m.ordinal, m.held_on,
                    coalesce(substr(m.opened_at, 12, 5), m.planned_start),
                    -- Opened and not closed: no end yet (the planned one beside the time it opened
                    -- read backwards when it opened late: 午後8時から午後5時まで).
                    CASE WHEN m.opened_at IS NOT NULL AND m.closed_at IS NULL THEN ''
                         ELSE coalesce(substr(m.closed_at, 12, 5), m.planned_end) END, m.status,
                    CASE WHEN m.council_snapshot IS NOT NULL THEN json_extract(m.council_snapshot, '$.name') ELSE c.name END,
                    CASE WHEN m.council_snapshot IS NOT NULL THEN json_extract(m.council_snapshot, '$.fy2019_style')
                         ELSE c.fy2019_style END,
                    CASE WHEN m.council_snapshot IS NOT NULL THEN json_extract(m.council_snapshot, '$.format.meeting_name')
                         ELSE json_extract(nullif(c.format, ''), '$.meeting_name') END,
                    m.extraordinary
             FROM page JOIN meeting m ON m.id = page.id JOIN council c ON c.id = m.council_id
             ORDER BY page.n"
        ))?;
        let rows = stmt.query_map(params![only, limit, offset], |r| {
            let fy: i64 = r.get(2)?;
            let style = era::Fy2019Style::from_setting(r.get::<_, Option<String>>(9)?.as_deref());
            let label = era::fiscal_year_label(fy as i32, style);
            // Damaged bytes in a name are shown with replacement marks, not a list that fails.
            let name = super::text_column(r, 8)?.0;
            let template: String = r.get::<_, Option<String>>(10)?.unwrap_or_else(|| default_name.clone());
            let format = crate::format::FormatProfile { meeting_name: template, ..Default::default() };
            let (held_on, start, end): (String, String, String) = (r.get(4)?, r.get(5)?, r.get(6)?);
            Ok(MeetingSummary {
                id: r.get(0)?,
                council_id: r.get(1)?,
                fiscal_year: fy,
                title: format.meeting_name_of(&label, r.get(3)?, &name, r.get(11)?),
                fiscal_year_label: label,
                date_text: date_text(&held_on, &start, &end),
                held_on,
                status: MeetingStatus::parse(&r.get::<_, String>(7)?).unwrap_or(MeetingStatus::Preparing),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn meeting(&self, id: i64) -> Result<Meeting> {
        let row = load_row(&self.conn, id)?;
        let council = council_for(&self.conn, &row)?;
        let conn = &self.conn;
        // The people are the meeting's council's (its own copy once opened), in roster order; a
        // member without an attendance row yet (added while preparing) is expected (present).
        type Times = (String, Option<String>, Option<String>);
        let recorded: std::collections::HashMap<i64, Times> = conn
            .prepare("SELECT member_id, status, arrived_at, left_at FROM attendance WHERE meeting_id = ?1")?
            .query_map([id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))?
            .collect::<rusqlite::Result<_>>()?;
        let attendance: Vec<Attendance> = council
            .members
            .iter()
            .map(|m| {
                let (status, arrived_at, left_at) =
                    recorded.get(&m.id).cloned().unwrap_or(("present".into(), None, None));
                Attendance {
                    member_id: m.id,
                    name: m.name.clone(),
                    role: m.role,
                    status: AttendanceStatus::parse(&status).unwrap_or(AttendanceStatus::Present),
                    arrived_at,
                    left_at,
                    group: m.group.clone(),
                }
            })
            .collect();
        let attending: Vec<i64> = conn
            .prepare("SELECT official_id FROM meeting_official WHERE meeting_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let officials = council
            .officials
            .iter()
            .map(|o| OfficialAttendance {
                official_id: o.id,
                title: o.title.clone(),
                attending: attending.contains(&o.id),
                group: o.group.clone(),
            })
            .collect();
        let materials = conn
            .prepare("SELECT id, title, timing FROM material WHERE meeting_id = ?1 ORDER BY position")?
            .query_map([id], |r| {
                Ok(Material {
                    id: r.get(0)?,
                    title: super::text_column(r, 1)?.0,
                    timing: MaterialTiming::parse(&r.get::<_, String>(2)?).unwrap_or(MaterialTiming::Advance),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        type Entry = (i64, Option<i64>, String, Option<String>, Option<String>, Option<i64>, Option<String>);
        let entries: Vec<Entry> = conn
            .prepare(
                "SELECT e.id, e.parent_id, e.title, e.started_at, e.finished_at, e.number, e.added_at FROM agenda_entry e
                 LEFT JOIN agenda_entry p ON p.id = e.parent_id
                 WHERE e.meeting_id = ?1
                 ORDER BY coalesce(p.position, e.position), e.parent_id IS NOT NULL, e.position",
            )?
            .query_map([id], |r| {
                Ok((r.get(0)?, r.get(1)?, super::text_column(r, 2)?.0, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // Numbers come from the order while the meeting is prepared, and are frozen at 開会.
        let mut agenda: Vec<AgendaSection> = Vec::new();
        for (entry_id, parent, entry_title, started_at, finished_at, frozen, added_at) in entries {
            match (parent, agenda.last_mut()) {
                (Some(_), Some(section)) => {
                    let number = frozen.unwrap_or(section.items.len() as i64 + 1);
                    section.items.push(AgendaItem {
                        id: entry_id,
                        number,
                        title: entry_title,
                        started_at,
                        finished_at,
                        added_at,
                    });
                }
                _ => agenda.push(AgendaSection {
                    id: entry_id,
                    number: frozen.unwrap_or(agenda.len() as i64 + 1),
                    title: entry_title,
                    items: vec![],
                    started_at,
                    finished_at,
                    added_at,
                }),
            }
        }
        let reminders: Vec<Reminder> = conn
            .prepare(
                "SELECT id, due_at, fired_at, acknowledged_at, missed FROM reminder WHERE meeting_id = ?1 ORDER BY id",
            )?
            .query_map([id], |r| {
                Ok(Reminder {
                    id: r.get(0)?,
                    due_at: r.get(1)?,
                    fired_at: r.get(2)?,
                    acknowledged_at: r.get(3)?,
                    missed: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let recesses: Vec<crate::model::Recess> = conn
            .prepare("SELECT id, started_at, ended_at FROM recess WHERE meeting_id = ?1 ORDER BY started_at, id")?
            .query_map([id], |r| {
                Ok(crate::model::Recess { id: r.get(0)?, started_at: r.get(1)?, ended_at: r.get(2)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let next_reminder_at = match (&row.opened_at, row.status) {
            (Some(opened), MeetingStatus::InSession) => {
                // One interval after the last reminder's due time (missed ones are folded into
                // the one fired late), or after the opening.
                let last = match reminders.last() {
                    Some(r) => super::live::parse_time(&r.due_at)?,
                    None => super::live::parse_time(opened)?,
                };
                Some(super::live::format_time(last + chrono::Duration::minutes(council.ventilation_minutes)))
            }
            _ => None,
        };
        // The rules fixed at the opening, or the council's own while the meeting is prepared.
        let rules = row
            .rules
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_else(|| crate::rules::Rules::of(&council));
        let present = rules.present(attendance.iter().map(|a| (a.role, a.status)));
        let eligible = rules.eligible(attendance.iter().map(|a| (a.role, a.status)));
        let votes = super::vote::votes(conn, id)?;
        Ok(Meeting {
            quorum_met: present >= rules.quorum(),
            quorum: rules.quorum(),
            rules,
            eligible,
            votes,
            present,
            reminders,
            recesses,
            signers: signer_ids(&row.signers).unwrap_or_default(),
            closed_entries: id_list("meeting.closed_entries", "", &row.closed_entries).unwrap_or_default(),
            extraordinary: row.extraordinary,
            next_reminder_at,
            opened_at: row.opened_at,
            closed_at: row.closed_at,
            current_entry_id: row.current_entry_id,
            id: row.id,
            fiscal_year_label: era::fiscal_year_label(row.fiscal_year as i32, council.fy2019_style),
            title: title(&council, row.fiscal_year, row.ordinal, row.extraordinary),
            // On the meeting's own screens, the date as its format prints it (（火曜日）10時00分…);
            // 会議一覧 keeps one form for every council (`date_text`).
            date_text: format_date_text(&council.format, &row.held_on, &row.planned_start, &row.planned_end),
            council,
            fiscal_year: row.fiscal_year,
            ordinal: row.ordinal,
            held_on: row.held_on,
            planned_start: row.planned_start,
            planned_end: row.planned_end,
            venue: row.venue,
            observers: row.observers,
            status: row.status,
            attendance,
            officials,
            materials,
            agenda,
        })
    }

    /// A new meeting of a council, made from its previous one: officials, venue and times carry
    /// over (the roster and rules live on the council), 第N回 counts on within the 年度 of `held_on`
    /// and starts again at 第1回 in a new one.
    pub fn create_meeting(&mut self, council_id: i64, held_on: NaiveDate) -> Result<Meeting> {
        let council = load_council(&self.conn, council_id)?;
        let id = self.write(|tx| {
            let previous: Option<i64> = tx
                .query_row(
                    &format!("SELECT m.id FROM meeting m WHERE m.council_id = ?1 ORDER BY {LIST_ORDER} LIMIT 1"),
                    [council_id],
                    |r| r.get(0),
                )
                .optional()?;
            let fiscal_year = era::fiscal_year(held_on) as i64;
            let ordinal = next_ordinal(tx, &council, fiscal_year)?;
            let (start, end, venue) = match previous {
                Some(p) => tx.query_row(
                    "SELECT planned_start, planned_end, venue FROM meeting WHERE id = ?1",
                    [p],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?,
                None => (DEFAULT_START.to_string(), DEFAULT_END.to_string(), String::new()),
            };
            tx.execute(
                "INSERT INTO meeting (council_id, fiscal_year, ordinal, held_on, planned_start, planned_end, venue)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![council_id, fiscal_year, ordinal, held_on.to_string(), start, end, venue],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO attendance (meeting_id, member_id) SELECT ?1, id FROM member WHERE council_id = ?2",
                params![id, council_id],
            )?;
            match previous {
                Some(p) => copy_into(tx, p, id, false)?,
                None => {
                    tx.execute(
                        "INSERT INTO meeting_official (meeting_id, official_id) SELECT ?1, id FROM official WHERE council_id = ?2",
                        params![id, council_id],
                    )?;
                }
            }
            Ok(id)
        })?;
        self.meeting(id)
    }

    /// A copy of a meeting — agenda, materials and attendance included — as the next 第N回 of
    /// the same 年度, still being prepared.
    pub fn duplicate_meeting(&mut self, id: i64) -> Result<Meeting> {
        let row = load_row(&self.conn, id)?;
        let council = load_council(&self.conn, row.council_id)?;
        let new_id = self.write(|tx| {
            let ordinal = next_ordinal(tx, &council, row.fiscal_year)?;
            tx.execute(
                "INSERT INTO meeting (council_id, fiscal_year, ordinal, held_on, planned_start, planned_end, venue, observers)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![row.council_id, row.fiscal_year, ordinal, row.held_on, row.planned_start, row.planned_end, row.venue, row.observers],
            )?;
            let new_id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO attendance (meeting_id, member_id, status)
                 SELECT ?2, member_id, CASE status WHEN 'left' THEN 'present' ELSE status END FROM attendance WHERE meeting_id = ?1",
                [id, new_id],
            )?;
            copy_into(tx, id, new_id, true)?;
            Ok(new_id)
        })?;
        self.meeting(new_id)
    }

    /// Deletes a meeting and everything recorded in it. Final minutes are not deleted: they are
    /// the council's record; reopening them first records why. Nor is a meeting in session: what
    /// is being typed is the only record of the meeting going on (recording is forbidden), and a
    /// meeting opened by mistake is closed first (閉会), then deleted.
    /// Errors: `NotFound`; `Invalid` on `meeting.status` for a 確定 or 開会中 meeting (its message
    /// says what to do first). Nothing is deleted then.
    pub fn delete_meeting(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            let status: Option<String> =
                tx.query_row("SELECT status FROM meeting WHERE id = ?1", [id], |r| r.get(0)).optional()?;
            match status.as_deref() {
                None => Err(Error::NotFound("会議")),
                Some("final") => Err(Error::invalid(
                    "meeting.status",
                    "確定した会議録は削除できません。削除が必要なら、先に書き出し画面で確定を取り消してください（理由が記録されます）。",
                )),
                Some("in_session") => Err(Error::invalid(
                    "meeting.status",
                    "開会中の会議は削除できません。記録中の発言が失われるためです。削除が必要なら、先に閉会してください。",
                )),
                Some(_) => {
                    tx.execute("DELETE FROM meeting WHERE id = ?1", [id])?;
                    Ok(())
                }
            }
        })
    }

    /// Saves one cover field. Once the meeting has opened, this is a correction of the record:
    /// the value before is kept (`meeting_version`, with `now`).
    /// Errors: `Invalid` for a value that breaks its rule (message beside the field); `NotFound`;
    /// the final lock refuses a 確定 meeting.
    pub fn update_meeting(
        &mut self,
        id: i64,
        field: MeetingField,
        value: &str,
        now: chrono::NaiveDateTime,
    ) -> Result<Meeting> {
        let row = load_row(&self.conn, id)?;
        let council = council_for(&self.conn, &row)?;
        let before = match field {
            MeetingField::HeldOn => row.held_on.clone(),
            MeetingField::Ordinal => row.ordinal.to_string(),
            MeetingField::PlannedStart => row.planned_start.clone(),
            MeetingField::PlannedEnd => row.planned_end.clone(),
            MeetingField::Venue => row.venue.clone(),
            MeetingField::Observers => row.observers.to_string(),
            MeetingField::Signers => row.signers.clone(),
            MeetingField::ClosedEntries => row.closed_entries.clone(),
            MeetingField::Extraordinary => row.extraordinary.to_string(),
        };
        self.write(|tx| {
            if row.status != MeetingStatus::Preparing {
                let name = serde_json::to_value(field).ok().and_then(|v| v.as_str().map(str::to_string));
                tx.execute(
                    "INSERT INTO meeting_version (meeting_id, field, before, replaced_at) VALUES (?1, ?2, ?3, ?4)",
                    params![id, name.unwrap_or_default(), before, super::live::format_time(now)],
                )?;
            }
            match field {
                MeetingField::HeldOn => {
                    let date = validate::date("meeting.held_on", "開催日", value)?;
                    let fy = era::fiscal_year(date) as i64;
                    if ordinal_taken(tx, &council, fy, row.ordinal, id)? {
                        let label = era::fiscal_year_label(fy as i32, council.fy2019_style);
                        return Err(Error::invalid(
                            "meeting.held_on",
                            format!("この日付だと{label}の第{}回になりますが、それはすでにあります。先に回の番号を直してください。", row.ordinal),
                        ));
                    }
                    tx.execute(
                        "UPDATE meeting SET held_on = ?2, fiscal_year = ?3 WHERE id = ?1",
                        params![id, date.to_string(), fy],
                    )?;
                }
                MeetingField::Ordinal => {
                    let n = validate::number("meeting.ordinal", "第N回の番号", value, 1, validate::ORDINAL_MAX)?;
                    if ordinal_taken(tx, &council, row.fiscal_year, n, id)? {
                        return Err(ordinal_clash(&era::fiscal_year_label(row.fiscal_year as i32, council.fy2019_style), n));
                    }
                    tx.execute("UPDATE meeting SET ordinal = ?2 WHERE id = ?1", params![id, n])?;
                }
                MeetingField::PlannedStart | MeetingField::PlannedEnd => {
                    let (start, end) = if field == MeetingField::PlannedStart {
                        (validate::time("meeting.planned_start", "開始時刻", value)?, row.planned_end.as_str())
                    } else {
                        (
                            validate::time("meeting.planned_start", "開始時刻", &row.planned_start)?,
                            value,
                        )
                    };
                    let end_time = validate::time("meeting.planned_end", "終了時刻", end)?;
                    if end_time <= start {
                        let field_name = if field == MeetingField::PlannedStart { "meeting.planned_start" } else { "meeting.planned_end" };
                        return Err(Error::invalid(field_name, "終了時刻が開始時刻より前になっています。開始と終了の時刻を確かめてください。"));
                    }
                    tx.execute(
                        "UPDATE meeting SET planned_start = ?2, planned_end = ?3 WHERE id = ?1",
                        params![id, start.format("%H:%M").to_string(), end_time.format("%H:%M").to_string()],
                    )?;
                }
                MeetingField::Venue => {
                    let venue = validate::line("meeting.venue", "会場", value, validate::VENUE_MAX, false)?;
                    tx.execute("UPDATE meeting SET venue = ?2 WHERE id = ?1", params![id, venue])?;
                }
                MeetingField::Observers => {
                    let n = validate::number("meeting.observers", "傍聴者の人数", value, 0, 999)?;
                    tx.execute("UPDATE meeting SET observers = ?2 WHERE id = ?1", params![id, n])?;
                }
                MeetingField::Signers => {
                    let ids = signer_ids(value)?;
                    let people: Vec<(i64, String)> = tx
                        .prepare("SELECT member_id, status FROM attendance WHERE meeting_id = ?1")?
                        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                        .collect::<rusqlite::Result<_>>()?;
                    let status = |m: &i64| people.iter().find(|(p, _)| p == m).map(|(_, s)| s.as_str());
                    if ids.iter().any(|m| status(m).is_none()) {
                        return Err(Error::invalid("meeting.signers", "会議録署名委員は、この会議の委員から選んでください。"));
                    }
                    // Who signs was there: an absent member cannot vouch for the record.
                    if ids.iter().any(|m| status(m) == Some("absent")) {
                        return Err(Error::invalid(
                            "meeting.signers",
                            "欠席の委員は会議録署名委員にできません。出席した委員から選んでください。",
                        ));
                    }
                    tx.execute("UPDATE meeting SET signers = ?2 WHERE id = ?1", params![id, ids_text(&ids)])?;
                }
                MeetingField::Extraordinary => {
                    let on = match value {
                        "true" => true,
                        "false" => false,
                        _ => return Err(Error::invalid("meeting.extraordinary", "一覧にある選択肢から選んでください。")),
                    };
                    tx.execute("UPDATE meeting SET extraordinary = ?2 WHERE id = ?1", params![id, on])?;
                }
                MeetingField::ClosedEntries => {
                    let message = "非公開にする議題は、この会議の会議次第から選んでください。";
                    let mut ids: Vec<i64> = Vec::new();
                    for entry in id_list("meeting.closed_entries", message, value)? {
                        let here: bool = tx.query_row(
                            "SELECT EXISTS (SELECT 1 FROM agenda_entry WHERE id = ?1 AND meeting_id = ?2)",
                            params![entry, id],
                            |r| r.get(0),
                        )?;
                        if !here {
                            return Err(Error::invalid("meeting.closed_entries", message));
                        }
                        if !ids.contains(&entry) {
                            ids.push(entry);
                        }
                    }
                    tx.execute("UPDATE meeting SET closed_entries = ?2 WHERE id = ?1", params![id, ids_text(&ids)])?;
                }
            }
            Ok(())
        })?;
        self.meeting(id)
    }

    pub fn set_attendance(&mut self, meeting_id: i64, member_id: i64, status: &str) -> Result<Meeting> {
        self.write_attendance(meeting_id, member_id, status, None)
    }

    /// Sets a member's attendance; with `at`, during an open meeting, also the time of the
    /// arrival or departure — in the same transaction, so the status is never saved without it.
    /// During the meeting the state before is kept (`attendance_version`), and the times stay in
    /// order: a departure (退席) before the recorded arrival is refused; an arrival after a
    /// departure is a return, and clears the departure (kept in the version).
    /// Errors: `Invalid` for an unknown status or times out of order; `NotFound` for a member who
    /// is not among the meeting's people (its copy of the roster once opened).
    pub(super) fn write_attendance(
        &mut self,
        meeting_id: i64,
        member_id: i64,
        status: &str,
        at: Option<&str>,
    ) -> Result<Meeting> {
        let status = AttendanceStatus::parse(status)
            .ok_or_else(|| Error::invalid("attendance", "出席・オンライン・欠席・退席から選んでください。"))?;
        let row = load_row(&self.conn, meeting_id)?;
        if !council_for(&self.conn, &row)?.members.iter().any(|m| m.id == member_id) {
            return Err(Error::NotFound("委員"));
        }
        // Once the meeting has opened, attendance is part of the record: changed during the
        // meeting only with the time it happened (F6), afterwards only as a correction with a
        // reason (correct_attendance) — never silently.
        let timed = match (row.status, at) {
            (MeetingStatus::Preparing, _) => None,
            (MeetingStatus::InSession, Some(at)) => Some(at),
            (MeetingStatus::InSession, None) => {
                return Err(Error::invalid(
                    "attendance",
                    "開会中の出欠は、記録画面の「出欠（F6）」で時刻とともに記録します。",
                ))
            }
            _ => {
                return Err(Error::invalid(
                    "attendance",
                    "閉会した会議の出欠は、記録画面の「出欠（F6）」の「直す」から、理由を添えて訂正してください。",
                ))
            }
        };
        self.write(|tx| {
            let before: Option<(String, Option<String>, Option<String>)> = tx
                .query_row(
                    "SELECT status, arrived_at, left_at FROM attendance WHERE meeting_id = ?1 AND member_id = ?2",
                    [meeting_id, member_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let (arrived_at, left_at) = before.as_ref().map(|b| (b.1.clone(), b.2.clone())).unwrap_or_default();
            let (arrived_at, left_at) = match (timed, status) {
                (None, _) => (arrived_at, left_at),
                (Some(at), AttendanceStatus::Left) => {
                    if arrived_at.as_deref().is_some_and(|a| a > at) {
                        return Err(Error::invalid(
                            "attendance",
                            "退席の時刻が到着の時刻より前になります。到着の時刻を直してから退席を記録してください。",
                        ));
                    }
                    (arrived_at, Some(at.to_string()))
                }
                // Marked absent during the meeting: they were not here after all.
                (Some(_), AttendanceStatus::Absent) => (None, None),
                (Some(at), AttendanceStatus::Present | AttendanceStatus::Online) => match before.as_ref() {
                    // Switching between the room and online is not an arrival.
                    Some((s, ..)) if s == "present" || s == "online" => (arrived_at, left_at),
                    _ => (Some(at.to_string()), None),
                },
            };
            if let (Some(at), Some(_)) = (timed, before.as_ref()) {
                tx.execute(
                    "INSERT INTO attendance_version (meeting_id, member_id, status, arrived_at, left_at, replaced_at, action)
                     SELECT meeting_id, member_id, status, arrived_at, left_at, ?3, 'status'
                     FROM attendance WHERE meeting_id = ?1 AND member_id = ?2",
                    params![meeting_id, member_id, at],
                )?;
            }
            tx.execute(
                "INSERT INTO attendance (meeting_id, member_id, status, arrived_at, left_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (meeting_id, member_id) DO UPDATE
                 SET status = excluded.status, arrived_at = excluded.arrived_at, left_at = excluded.left_at",
                params![meeting_id, member_id, status.as_str(), arrived_at, left_at],
            )?;
            Ok(())
        })?;
        self.meeting(meeting_id)
    }

    /// The earlier states of one member's attendance in a meeting, oldest first: each status
    /// change during the meeting and each correction (with its reason).
    pub fn attendance_versions(&self, meeting_id: i64, member_id: i64) -> Result<Vec<AttendanceVersion>> {
        let mut stmt = self.conn.prepare(
            "SELECT status, arrived_at, left_at, replaced_at, action, reason FROM attendance_version
             WHERE meeting_id = ?1 AND member_id = ?2 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([meeting_id, member_id], |r| {
                Ok(AttendanceVersion {
                    status: AttendanceStatus::parse(&r.get::<_, String>(0)?).unwrap_or(AttendanceStatus::Present),
                    arrived_at: r.get(1)?,
                    left_at: r.get(2)?,
                    replaced_at: r.get(3)?,
                    action: r.get(4)?,
                    reason: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Corrects a member's attendance in an opened meeting — the status (`present`, `online`,
    /// `absent`, `left`) and when they arrived and left, as `HH:MM` on the meeting's day
    /// (full-width digits and colon accepted; empty for none) — with the reason for the
    /// correction. The state before is kept with the reason (`attendance_version`). A departure
    /// needs the status 退席 (and 退席 a departure), an absent member has no times, the arrival is
    /// not after the departure, and both fall between the opening and the closing (or now).
    /// Errors: `Invalid` for any of these, an unreadable time, an empty reason, or a meeting not
    /// yet opened; `NotFound` for an unknown member; the final lock refuses a 確定 meeting.
    pub fn correct_attendance(
        &mut self,
        meeting_id: i64,
        member_id: i64,
        correction: &AttendanceCorrection,
        now: chrono::NaiveDateTime,
    ) -> Result<Meeting> {
        let AttendanceCorrection { status, arrived, left, reason } = correction;
        let status = AttendanceStatus::parse(status)
            .ok_or_else(|| Error::invalid("attendance", "出席・オンライン・欠席・退席から選んでください。"))?;
        let row = load_row(&self.conn, meeting_id)?;
        if row.status == MeetingStatus::Preparing {
            return Err(Error::invalid("attendance", "時刻は開会してから記録・修正できます。"));
        }
        let reason = validate::line("attendance.reason", "修正の理由", reason, validate::TITLE_MAX, true)?;
        let day = NaiveDate::parse_from_str(&row.held_on, "%Y-%m-%d")
            .map_err(|_| Error::invalid("attendance", "開催日を読めません。会議の準備で開催日を確かめてください。"))?;
        let at = |field: &'static str, label: &str, value: &str| -> Result<Option<String>> {
            if value.trim().is_empty() {
                return Ok(None);
            }
            let t = validate::time(field, label, value)?;
            Ok(Some(super::live::format_time(day.and_time(t))))
        };
        let arrived = at("attendance.arrived_at", "到着の時刻", arrived)?;
        let left = at("attendance.left_at", "退席の時刻", left)?;
        if let (Some(a), Some(l)) = (&arrived, &left) {
            if a > l {
                return Err(Error::invalid(
                    "attendance.left_at",
                    "退席の時刻が到着の時刻より前になっています。どちらかの時刻を直してください。",
                ));
            }
        }
        // Times fall within the meeting: from its opening to its closing (or now, while it runs).
        let opened = row.opened_at.clone().unwrap_or_default();
        let until = row.closed_at.clone().unwrap_or_else(|| super::live::format_time(now));
        for (t, field) in [(&arrived, "attendance.arrived_at"), (&left, "attendance.left_at")] {
            if let Some(t) = t {
                if *t < opened || *t > until {
                    return Err(Error::invalid(
                        field,
                        format!(
                            "時刻は会議の時間内（{}から{}まで）で入力してください。",
                            opened.get(11..16).unwrap_or(""),
                            until.get(11..16).unwrap_or("")
                        ),
                    ));
                }
            }
        }
        let current = self.meeting(meeting_id)?;
        if !current.attendance.iter().any(|a| a.member_id == member_id) {
            return Err(Error::NotFound("委員"));
        }
        if status == AttendanceStatus::Absent && (arrived.is_some() || left.is_some()) {
            return Err(Error::invalid(
                "attendance.arrived_at",
                "欠席の委員には時刻を入力しません。時刻を消してください。",
            ));
        }
        match (status, &left) {
            (AttendanceStatus::Left, None) => {
                return Err(Error::invalid("attendance.left_at", "退席した委員には退席の時刻を入力してください。"))
            }
            (AttendanceStatus::Present | AttendanceStatus::Online | AttendanceStatus::Absent, Some(_)) => {
                return Err(Error::invalid(
                    "attendance.left_at",
                    "退席の時刻は、出欠が「退席」の委員にだけ入力できます。先に出欠を「退席」にしてください。",
                ))
            }
            _ => {}
        }
        let now = super::live::format_time(now);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO attendance_version (meeting_id, member_id, status, arrived_at, left_at, replaced_at, action, reason)
                 SELECT meeting_id, member_id, status, arrived_at, left_at, ?3, 'correct', ?4
                 FROM attendance WHERE meeting_id = ?1 AND member_id = ?2",
                params![meeting_id, member_id, now, reason],
            )?;
            tx.execute(
                "UPDATE attendance SET status = ?5, arrived_at = ?3, left_at = ?4 WHERE meeting_id = ?1 AND member_id = ?2",
                params![meeting_id, member_id, arrived, left, status.as_str()],
            )?;
            Ok(())
        })?;
        self.meeting(meeting_id)
    }

    pub fn set_official_attending(&mut self, meeting_id: i64, official_id: i64, attending: bool) -> Result<Meeting> {
        let row = load_row(&self.conn, meeting_id)?;
        if !council_for(&self.conn, &row)?.officials.iter().any(|o| o.id == official_id) {
            return Err(Error::NotFound("区側の出席者"));
        }
        self.write(|tx| {
            if attending {
                tx.execute("INSERT OR IGNORE INTO meeting_official VALUES (?1, ?2)", [meeting_id, official_id])?;
            } else {
                tx.execute(
                    "DELETE FROM meeting_official WHERE meeting_id = ?1 AND official_id = ?2",
                    [meeting_id, official_id],
                )?;
            }
            Ok(())
        })?;
        self.meeting(meeting_id)
    }

    pub fn add_material(&mut self, meeting_id: i64, title: &str, timing: &str) -> Result<Meeting> {
        let title = validate::line("material.title", "資料名", title, validate::TITLE_MAX, true)?;
        let timing = MaterialTiming::parse(timing)
            .ok_or_else(|| Error::invalid("material.timing", "事前配付か当日配付かを選んでください。"))?;
        load_row(&self.conn, meeting_id)?;
        self.write(|tx| {
            let pos = next_position(tx, "material", &[("meeting_id", Some(meeting_id))])?;
            tx.execute(
                "INSERT INTO material (meeting_id, title, timing, position) VALUES (?1, ?2, ?3, ?4)",
                params![meeting_id, title, timing.as_str(), pos],
            )?;
            Ok(())
        })?;
        self.meeting(meeting_id)
    }

    pub fn update_material(&mut self, material_id: i64, title: &str, timing: &str) -> Result<Meeting> {
        let title = validate::line("material.title", "資料名", title, validate::TITLE_MAX, true)?;
        let timing = MaterialTiming::parse(timing)
            .ok_or_else(|| Error::invalid("material.timing", "事前配付か当日配付かを選んでください。"))?;
        let meeting_id = self.write(|tx| {
            let meeting_id = meeting_of(tx, "material", material_id, "資料")?;
            tx.execute(
                "UPDATE material SET title = ?2, timing = ?3 WHERE id = ?1",
                params![material_id, title, timing.as_str()],
            )?;
            Ok(meeting_id)
        })?;
        self.meeting(meeting_id)
    }

    pub fn remove_material(&mut self, material_id: i64) -> Result<Meeting> {
        let meeting_id = self.write(|tx| {
            let meeting_id = meeting_of(tx, "material", material_id, "資料")?;
            tx.execute("DELETE FROM material WHERE id = ?1", [material_id])?;
            Ok(meeting_id)
        })?;
        self.meeting(meeting_id)
    }

    pub fn move_material(&mut self, material_id: i64, up: bool) -> Result<Meeting> {
        let meeting_id = self.write(|tx| {
            move_row(tx, "material", &["meeting_id"], material_id, up)?;
            meeting_of(tx, "material", material_id, "資料")
        })?;
        self.meeting(meeting_id)
    }

    /// Adds a section (no parent) or an item under a section, at the end. After 開会 this is an
    /// addition to the agenda (追加): it is marked with `now` and numbered after the last entry of
    /// its level, so the planned numbers never change.
    /// Errors: `Invalid` for an empty or numbered title or a parent that is not a section of this
    /// meeting; `NotFound` for an unknown meeting; the final lock refuses a 確定 meeting.
    pub fn add_agenda_entry(
        &mut self,
        meeting_id: i64,
        parent_id: Option<i64>,
        title: &str,
        now: chrono::NaiveDateTime,
    ) -> Result<Meeting> {
        let title = validate::line("agenda.title", "議題の件名", title, validate::TITLE_MAX, true)?;
        validate::without_agenda_number("agenda.title", &title)?;
        let row = load_row(&self.conn, meeting_id)?;
        let added_at = (row.status != MeetingStatus::Preparing).then(|| super::live::format_time(now));
        self.write(|tx| {
            if let Some(parent) = parent_id {
                let parent_ok: i64 = tx.query_row(
                    "SELECT count(*) FROM agenda_entry WHERE id = ?1 AND meeting_id = ?2 AND parent_id IS NULL",
                    [parent, meeting_id],
                    |r| r.get(0),
                )?;
                if parent_ok == 0 {
                    return Err(Error::invalid(
                        "agenda.title",
                        "項目は会議次第の大項目（1 会長あいさつ など）の下にだけ追加できます。",
                    ));
                }
            }
            let pos = next_position(tx, "agenda_entry", &[("meeting_id", Some(meeting_id)), ("parent_id", parent_id)])?;
            // Numbered once the agenda is frozen; while it is prepared the order gives the number.
            let number: Option<i64> = match added_at {
                Some(_) => Some(tx.query_row(
                    "SELECT coalesce(max(number), 0) + 1 FROM agenda_entry WHERE meeting_id = ?1 AND parent_id IS ?2",
                    params![meeting_id, parent_id],
                    |r| r.get(0),
                )?),
                None => None,
            };
            tx.execute(
                "INSERT INTO agenda_entry (meeting_id, parent_id, title, position, number, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![meeting_id, parent_id, title, pos, number, added_at],
            )?;
            Ok(())
        })?;
        self.meeting(meeting_id)
    }

    /// Corrects an entry's title. After 開会 the title before is kept (`agenda_version`): the
    /// minutes' 会議次第 is part of the record.
    /// Errors: `Invalid` for an empty or numbered title; `NotFound`; the final lock for 確定.
    pub fn rename_agenda_entry(&mut self, entry_id: i64, title: &str, now: chrono::NaiveDateTime) -> Result<Meeting> {
        let title = validate::line("agenda.title", "議題の件名", title, validate::TITLE_MAX, true)?;
        validate::without_agenda_number("agenda.title", &title)?;
        let meeting_id = self.write(|tx| {
            let meeting_id = meeting_of(tx, "agenda_entry", entry_id, "議題")?;
            tx.execute(
                "INSERT INTO agenda_version (entry_id, meeting_id, title, replaced_at, action)
                 SELECT e.id, e.meeting_id, e.title, ?2, 'rename' FROM agenda_entry e JOIN meeting m ON m.id = e.meeting_id
                 WHERE e.id = ?1 AND m.status <> 'preparing' AND e.title <> ?3",
                params![entry_id, super::live::format_time(now), title],
            )?;
            tx.execute("UPDATE agenda_entry SET title = ?2 WHERE id = ?1", params![entry_id, title])?;
            Ok(meeting_id)
        })?;
        self.meeting(meeting_id)
    }

    /// Removes an entry; a section goes with its items. After 開会 the planned agenda is frozen:
    /// only an entry added during the meeting (追加) and not yet taken up may be removed.
    /// Errors: `Invalid` for a planned or taken entry of an opened meeting; `NotFound`.
    pub fn remove_agenda_entry(&mut self, entry_id: i64) -> Result<Meeting> {
        let meeting_id = self.write(|tx| {
            let meeting_id = meeting_of(tx, "agenda_entry", entry_id, "議題")?;
            let (opened, added, taken): (bool, bool, bool) = tx.query_row(
                "SELECT m.status <> 'preparing', e.added_at IS NOT NULL,
                        e.started_at IS NOT NULL OR EXISTS (SELECT 1 FROM agenda_entry c WHERE c.parent_id = e.id AND c.started_at IS NOT NULL)
                 FROM agenda_entry e JOIN meeting m ON m.id = e.meeting_id WHERE e.id = ?1",
                [entry_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            if opened && (!added || taken) {
                return Err(frozen_agenda());
            }
            tx.execute("DELETE FROM agenda_entry WHERE id = ?1", [entry_id])?;
            Ok(meeting_id)
        })?;
        self.meeting(meeting_id)
    }

    /// Moves an entry up or down among its siblings, while the meeting is being prepared.
    /// Errors: `Invalid` after 開会 (the planned order is frozen; items may be taken in any order
    /// by F8 or a click); `NotFound`.
    pub fn move_agenda_entry(&mut self, entry_id: i64, up: bool) -> Result<Meeting> {
        let meeting_id = self.write(|tx| {
            let meeting_id = meeting_of(tx, "agenda_entry", entry_id, "議題")?;
            if load_row(tx, meeting_id)?.status != MeetingStatus::Preparing {
                return Err(frozen_agenda());
            }
            move_row(tx, "agenda_entry", &["meeting_id", "parent_id"], entry_id, up)?;
            Ok(meeting_id)
        })?;
        self.meeting(meeting_id)
    }
}
