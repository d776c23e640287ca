//! A meeting owns its facts from 開会. What its minutes print — the council's name and settings, the
//! members with their names and roles as they were that day, the officials and their titles, the
//! label of the officials — is copied into the meeting in the same transaction as 開会, and the
//! 会議次第's numbers are frozen with it. From then on edits of the council's roster or settings
//! change only meetings still being prepared; a meeting's own copy changes only by an edit of that
//! meeting, with the earlier copy kept (`snapshot_version`).
//!
//! The reference systems do the same: minutes keep the roll call of the day.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::council::load_council;
use crate::error::{Error, Result};
use crate::model::{Council, Speaker, Turn};

/// Copies the council into meeting `meeting_id` and numbers its agenda as planned.
///
/// `from_attendance`: for meetings opened before snapshots existed (the migration), keep only
/// the members the meeting has attendance for — a member added to the roster later was never
/// part of it. At 開会 (`false`) every member on the roster is expected, and gets an attendance
/// row if the meeting had none for them.
/// Errors: `NotFound` if the meeting or its council is gone; SQLite errors.
pub(super) fn take(tx: &Transaction, meeting_id: i64, from_attendance: bool) -> Result<()> {
    let council_id: i64 = tx
        .query_row("SELECT council_id FROM meeting WHERE id = ?1", [meeting_id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound("会議"))?;
    let mut council = load_council(tx, council_id)?;
    if from_attendance {
        let listed: Vec<i64> = tx
            .prepare("SELECT member_id FROM attendance WHERE meeting_id = ?1")?
            .query_map([meeting_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        council.members.retain(|m| listed.contains(&m.id));
    } else {
        tx.execute(
            "INSERT OR IGNORE INTO attendance (meeting_id, member_id) SELECT ?1, id FROM member WHERE council_id = ?2",
            params![meeting_id, council_id],
        )?;
    }
    let json = serde_json::to_string(&council).expect("a council serializes");
    // The stock phrases go with the meeting's file; they are seeded now if never used.
    super::phrase::seed(tx, council_id)?;
    let phrases: Vec<(String, String, String, bool)> = tx
        .prepare("SELECT kind, key, text, timed FROM phrase WHERE council_id = ?1 ORDER BY position, id")?
        .query_map([council_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let phrases = serde_json::to_string(&phrases).expect("phrases serialize");
    tx.execute(
        "UPDATE meeting SET council_snapshot = ?2, phrases_snapshot = ?3 WHERE id = ?1",
        params![meeting_id, json, phrases],
    )?;
    number_agenda(tx, meeting_id)
}

/// Freezes the numbers of the 会議次第 as the order gives them now: sections 1, 2 …, items （1）（2）
/// … within their section. Entries that already carry a number keep it.
fn number_agenda(tx: &Transaction, meeting_id: i64) -> Result<()> {
    let ids = |parent: Option<i64>| -> Result<Vec<i64>> {
        Ok(tx
            .prepare("SELECT id FROM agenda_entry WHERE meeting_id = ?1 AND parent_id IS ?2 ORDER BY position, id")?
            .query_map(params![meeting_id, parent], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    };
    let mut number = tx.prepare("UPDATE agenda_entry SET number = coalesce(number, ?2) WHERE id = ?1")?;
    for (s, section) in ids(None)?.into_iter().enumerate() {
        number.execute(params![section, s as i64 + 1])?;
        for (i, item) in ids(Some(section))?.into_iter().enumerate() {
            number.execute(params![item, i as i64 + 1])?;
        }
    }
    Ok(())
}

/// The council a meeting's record is read with: its own copy once opened, else (while it is being
/// prepared) the council as it is now.
/// Errors: `NotFound` if the meeting is gone; `Invalid` if the copy cannot be read (damage).
pub(super) fn council_of(conn: &Connection, meeting_id: i64) -> Result<Council> {
    let (council_id, snapshot): (i64, Option<String>) = conn
        .query_row("SELECT council_id, council_snapshot FROM meeting WHERE id = ?1", [meeting_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or(Error::NotFound("会議"))?;
    council_from(conn, council_id, snapshot.as_deref())
}

/// The council of a meeting row: its own copy (`snapshot`) when it has one, else council
/// `council_id` as it is now.
pub(super) fn council_from(conn: &Connection, council_id: i64, snapshot: Option<&str>) -> Result<Council> {
    match snapshot {
        Some(json) => parse(json),
        None => load_council(conn, council_id),
    }
}

/// Reads a meeting's copy of its council. Errors: `Invalid` when it is not the JSON Shoki wrote.
pub(super) fn parse(json: &str) -> Result<Council> {
    serde_json::from_str(json).map_err(|_| {
        Error::invalid(
            "meeting.council",
            "この会議の出席者などの記録を読めません（記録ファイルの一部が壊れています）。バックアップから戻してください。",
        )
    })
}

/// How the turns of one meeting are labelled (会長 or the council's own title, 委員, 区側 …) and
/// who spoke in them, from the council as the meeting has it.
pub(super) struct Labels {
    /// The chair's, the vice-chair's and a member's titles, and the officials' label, from the
    /// council's format and settings.
    titles: [String; 4],
    names: HashMap<(bool, i64), String>,
}

impl Labels {
    pub(super) fn of(council: &Council) -> Labels {
        let members = council.members.iter().map(|m| ((false, m.id), m.name.clone()));
        let officials = council.officials.iter().map(|o| ((true, o.id), o.title.clone()));
        let f = &council.format;
        Labels {
            titles: [
                f.chair_title.clone(),
                f.vice_chair_title.clone(),
                f.member_title.clone(),
                council.official_label.clone(),
            ],
            names: members.chain(officials).collect(),
        }
    }

    /// Labels without names, for a turn whose speaker was not picked: only the titles, read
    /// straight from the meeting's copy, else the council (the hot path of a commit parses no
    /// JSON in Rust); a title never set is the reference format's.
    pub(super) fn titles_of(tx: &Connection, meeting_id: i64) -> Result<Labels> {
        let d = crate::format::FormatProfile::default();
        let titles = tx
            .prepare_cached(
                "SELECT official, coalesce(json_extract(format, '$.chair_title'), ?2),
                        coalesce(json_extract(format, '$.vice_chair_title'), ?3),
                        coalesce(json_extract(format, '$.member_title'), ?4)
                 FROM (SELECT coalesce(json_extract(m.council_snapshot, '$.official_label'), c.official_label) AS official,
                              CASE WHEN m.council_snapshot IS NOT NULL THEN json_extract(m.council_snapshot, '$.format')
                                   ELSE nullif(c.format, '') END AS format
                       FROM meeting m JOIN council c ON c.id = m.council_id WHERE m.id = ?1)",
            )?
            .query_row(params![meeting_id, d.chair_title, d.vice_chair_title, d.member_title], |r| {
                Ok([r.get(1)?, r.get(2)?, r.get(3)?, r.get(0)?])
            })
            .optional()?
            .ok_or(Error::NotFound("会議"))?;
        Ok(Labels { titles, names: HashMap::new() })
    }

    /// The role label of a speaker: the chair's and vice-chair's titles (会長, 委員長 …), 委員,
    /// the council's label for officials (区側, 事務局 …), or nothing for a note on its own row.
    pub(super) fn label(&self, speaker: Speaker) -> String {
        match speaker {
            Speaker::Chair => self.titles[0].clone(),
            Speaker::ViceChair => self.titles[1].clone(),
            Speaker::Member => self.titles[2].clone(),
            Speaker::Official => self.titles[3].clone(),
            Speaker::None => String::new(),
        }
    }

    /// The name of a member, or the title of an official (`official`), as the meeting has them.
    pub(super) fn name(&self, official: bool, id: i64) -> Option<String> {
        self.names.get(&(official, id)).cloned()
    }

    /// Fills in a turn read from the store: its label and who spoke.
    pub(super) fn apply(&self, turn: &mut Turn) {
        turn.speaker_label = self.label(turn.speaker);
        turn.who = match (turn.member_id, turn.official_id) {
            (Some(id), _) => self.name(false, id),
            (None, Some(id)) => self.name(true, id),
            _ => None,
        };
    }
}

impl super::Store {
    /// Corrects how a person is written in one opened meeting's record — a member's name
    /// (`official` false) or an official's title — without touching the council's roster. The
    /// meeting's copy before is kept (`snapshot_version`). While a meeting is being prepared its
    /// people follow the roster, which is corrected in 審議会の設定.
    /// Errors: `Invalid` for an empty or too long name, or a meeting not yet opened; `NotFound` for
    /// a person not in the meeting; the final lock refuses a 確定 meeting.
    pub fn correct_meeting_person(
        &mut self,
        meeting_id: i64,
        official: bool,
        person_id: i64,
        name: &str,
        now: chrono::NaiveDateTime,
    ) -> Result<crate::model::Meeting> {
        let (field, label) = if official { ("official.title", "職名") } else { ("member.name", "委員の氏名") };
        let name = crate::validate::line(field, label, name, crate::validate::NAME_MAX, true)?;
        let snapshot: Option<String> = self
            .conn
            .query_row("SELECT council_snapshot FROM meeting WHERE id = ?1", [meeting_id], |r| r.get(0))
            .optional()?
            .ok_or(Error::NotFound("会議"))?;
        let Some(before) = snapshot else {
            return Err(Error::invalid(
                field,
                "開会前の会議の出席者は名簿のとおりです。名前の誤りは「審議会の設定」の名簿で直してください。",
            ));
        };
        let mut council = parse(&before)?;
        let found = if official {
            council.officials.iter_mut().find(|o| o.id == person_id).map(|o| o.title = name)
        } else {
            council.members.iter_mut().find(|m| m.id == person_id).map(|m| m.name = name)
        };
        if found.is_none() {
            return Err(Error::NotFound(if official { "区側の出席者" } else { "委員" }));
        }
        let after = serde_json::to_string(&council).expect("a council serializes");
        self.write(|tx| {
            tx.execute(
                "INSERT INTO snapshot_version (meeting_id, snapshot, replaced_at, action) VALUES (?1, ?2, ?3, 'correct')",
                params![meeting_id, before, super::live::format_time(now)],
            )?;
            tx.execute("UPDATE meeting SET council_snapshot = ?2 WHERE id = ?1", params![meeting_id, after])?;
            Ok(())
        })?;
        self.meeting(meeting_id)
    }
}
