//! The live meeting: opening and closing, the current agenda entry, turns and stage notes, the
//! draft in the input box, corrections that keep every earlier version, and ventilation reminders.
//! Every call takes `now` from the caller; the core never reads the clock.

use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension, Transaction};

use super::snapshot::{self, Labels};
use super::Store;
use crate::error::{Error, Result};
use crate::model::*;
use crate::validate;

const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// A turn may be long (an explanation of several minutes), but not unbounded.
pub const TURN_MAX: usize = 20_000;

pub fn format_time(t: NaiveDateTime) -> String {
    t.format(TIME_FORMAT).to_string()
}

pub fn parse_time(s: &str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, TIME_FORMAT)
        .map_err(|_| Error::invalid("time", format!("記録の時刻 {s} を読めません。")))
}

/// （約N分）: measured, rounded to the nearest minute, and never less than one.
fn measured_minutes(start: &str, end: &str) -> Option<i64> {
    let seconds = (parse_time(end).ok()? - parse_time(start).ok()?).num_seconds();
    Some(((seconds + 30) / 60).max(1))
}

/// The words of a turn: paragraphs separated by newlines, under the one text policy
/// (`validate::text_policy`, `Shape::Paragraphs`), not empty, at most `TURN_MAX` characters.
pub(crate) fn turn_text(value: &str) -> Result<String> {
    if value.trim().is_empty() {
        return Err(Error::invalid("turn.text", "発言の内容が空です。文字を入力してから確定してください。"));
    }
    validate::text_policy("turn.text", "発言", value, TURN_MAX, true, validate::Shape::Paragraphs).map_err(
        |e| match e {
            Error::Invalid { field, message } if message.contains("文字以内") => {
                Error::invalid(field, format!("{message}Shift+Enterで段落を分けるか、途中で確定してください。"))
            }
            e => e,
        },
    )
}

/// A deleted turn is out of the record: it comes back only by 「元に戻す」 (or Ctrl+Z), never
/// through a correction, a split or a merge that would bring its words back unseen.
fn not_deleted(turn: &Turn) -> Result<()> {
    if turn.deleted {
        return Err(Error::invalid(
            "turn.text",
            "削除した発言です。修正するには、先に「元に戻す」で記録に戻してください。",
        ));
    }
    Ok(())
}

/// A stage note is written in full-width parentheses; free text gets them added.
pub(crate) fn note_text(value: &str) -> Result<String> {
    let text = validate::line("note.text", "ト書き", value, 200, true)?;
    Ok(if text.starts_with('（') && text.ends_with('）') { text } else { format!("（{text}）") })
}

/// The words of a turn of this kind, checked as a note's or a speech's.
fn text_of(kind: TurnKind, value: &str) -> Result<String> {
    if kind == TurnKind::Note {
        note_text(value)
    } else {
        turn_text(value)
    }
}

fn speaker(value: &str) -> Result<Speaker> {
    Speaker::parse(value)
        .ok_or_else(|| Error::invalid("turn.speaker", "発言者を選んでください（会長・副会長・委員・区側）。"))
}

fn status_of(tx: &Transaction, meeting_id: i64) -> Result<(MeetingStatus, Option<i64>)> {
    tx.query_row("SELECT status, current_entry_id FROM meeting WHERE id = ?1", [meeting_id], |r| {
        Ok((MeetingStatus::parse(&r.get::<_, String>(0)?).unwrap_or(MeetingStatus::Preparing), r.get(1)?))
    })
    .optional()?
    .ok_or(Error::NotFound("会議"))
}

fn require_in_session(tx: &Transaction, meeting_id: i64) -> Result<Option<i64>> {
    match status_of(tx, meeting_id)? {
        (MeetingStatus::InSession, current) => Ok(current),
        (MeetingStatus::Preparing, _) => {
            Err(Error::invalid("meeting.status", "まだ開会していません。「開会」を押してから記録してください。"))
        }
        _ => Err(Error::invalid(
            "meeting.status",
            "この会議は閉会しています。発言の修正は記録の一覧から行ってください。",
        )),
    }
}

/// The recess under way, if any: (id, started_at).
fn open_recess(tx: &Transaction, meeting_id: i64) -> Result<Option<(i64, String)>> {
    Ok(tx
        .prepare_cached("SELECT id, started_at FROM recess WHERE meeting_id = ?1 AND ended_at IS NULL")?
        .query_row([meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// A timed note (（資料により説明）) runs until the next turn begins.
fn stop_running_notes(tx: &Transaction, meeting_id: i64, at: &str) -> Result<()> {
    tx.prepare_cached("UPDATE turn SET ended_at = ?2 WHERE meeting_id = ?1 AND timed = 1 AND ended_at IS NULL")?
        .execute(params![meeting_id, at])?;
    Ok(())
}

fn next_position(tx: &Transaction, meeting_id: i64) -> Result<f64> {
    Ok(tx.query_row("SELECT coalesce(max(position), 0) + 1 FROM turn WHERE meeting_id = ?1", [meeting_id], |r| {
        r.get(0)
    })?)
}

/// Keeps the state of a turn before a change, so that no edit overwrites silently.
fn keep_version(tx: &Transaction, turn_id: i64, now: &str, action: &str) -> Result<i64> {
    let n = tx.execute(
        "INSERT INTO turn_version (turn_id, agenda_entry_id, speaker, text, deleted_at, replaced_at, action)
         SELECT id, agenda_entry_id, speaker, text, deleted_at, ?2, ?3 FROM turn WHERE id = ?1",
        params![turn_id, now, action],
    )?;
    if n == 0 {
        return Err(Error::NotFound("発言"));
    }
    Ok(tx.query_row("SELECT meeting_id FROM turn WHERE id = ?1", [turn_id], |r| r.get(0))?)
}

fn leaves(store: &Store, meeting_id: i64) -> Result<Vec<i64>> {
    Ok(store.meeting(meeting_id)?.leaves())
}

const TURN_COLUMNS: &str =
    "t.id, t.agenda_entry_id, t.kind, t.speaker, t.text, t.started_at, t.ended_at, t.timed, t.deleted_at,
     t.meeting_id, t.member_id, t.official_id";
const TURN_FROM: &str = "turn t";

/// A turn as stored; its label and who spoke are filled in by `Labels::apply` from the meeting's
/// council. Answers (meeting id, turn).
fn turn_from_row(r: &rusqlite::Row) -> rusqlite::Result<(i64, Turn)> {
    let speaker = Speaker::parse(&super::text_column(r, 3)?.0).unwrap_or(Speaker::None);
    let (text, damaged) = super::text_column(r, 4)?;
    let started_at: String = r.get(5)?;
    let ended_at: Option<String> = r.get(6)?;
    let timed: bool = r.get(7)?;
    let turn = Turn {
        id: r.get(0)?,
        agenda_entry_id: r.get(1)?,
        kind: TurnKind::parse(&super::text_column(r, 2)?.0).unwrap_or(TurnKind::Speech),
        speaker_label: String::new(),
        speaker,
        text,
        damaged,
        minutes: if timed { ended_at.as_deref().and_then(|e| measured_minutes(&started_at, e)) } else { None },
        started_at,
        ended_at,
        timed,
        deleted: r.get::<_, Option<String>>(8)?.is_some(),
        member_id: r.get(10)?,
        official_id: r.get(11)?,
        who: None,
    };
    Ok((r.get(9)?, turn))
}

/// Turns read from the store, each labelled by its own meeting's council (read once per meeting).
fn labelled(conn: &rusqlite::Connection, rows: Vec<(i64, Turn)>) -> Result<Vec<(i64, Turn)>> {
    let mut labels: std::collections::HashMap<i64, Labels> = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for (meeting_id, mut turn) in rows {
        let of_meeting = match labels.entry(meeting_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(Labels::of(&snapshot::council_of(conn, meeting_id)?))
            }
        };
        of_meeting.apply(&mut turn);
        out.push((meeting_id, turn));
    }
    Ok(out)
}

/// The member or official who spoke, checked against the people of the meeting (as they were at
/// 開会): (member_id, official_id, their name or title).
fn person(labels: &Labels, speaker: Speaker, who: Option<i64>) -> Result<(Option<i64>, Option<i64>, Option<String>)> {
    let Some(who) = who else { return Ok((None, None, None)) };
    let official = match speaker {
        Speaker::Official => true,
        Speaker::None => return Err(Error::invalid("turn.who", "ト書きには発言者を付けられません。")),
        _ => false,
    };
    let Some(name) = labels.name(official, who) else {
        return Err(Error::invalid("turn.who", "この会議の出席者にいない人は選べません。一覧から選んでください。"));
    };
    Ok(if official { (None, Some(who), Some(name)) } else { (Some(who), None, Some(name)) })
}

/// Makes room right after `position` in a meeting's record and answers the position to use there,
/// moving as few turns as it can: each moved turn is a place the search index keys anew (a split
/// that moved every later turn held the next commit of an all-day session for seconds). The new
/// turn takes the middle of the gap to the next one while that keeps it `index::POSITION_STEP`
/// from both; else the turns between two whole numbers there are spread out again with room for
/// it (up to `1 / POSITION_STEP` turns); else, rarely (that many splits within one turn's
/// place), every later turn moves up by one. Any number of splits keeps a strict order.
/// Errors: `Sqlite`.
fn room_after(tx: &Transaction, meeting_id: i64, position: f64) -> Result<f64> {
    let step = super::index::POSITION_STEP;
    let next: Option<f64> = tx.query_row(
        "SELECT min(position) FROM turn WHERE meeting_id = ?1 AND position > ?2",
        params![meeting_id, position],
        |r| r.get(0),
    )?;
    let Some(next) = next else {
        return Ok(position + 1.0);
    };
    if next - position >= 2.0 * step {
        return Ok(position + (next - position) / 2.0);
    }
    let base = position.floor();
    let within: Vec<(i64, f64)> = tx
        .prepare("SELECT id, position FROM turn WHERE meeting_id = ?1 AND position >= ?2 AND position < ?3 ORDER BY position")?
        .query_map(params![meeting_id, base, base + 1.0], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let slots = (1.0 / step) as usize;
    if within.len() < slots {
        // Evenly over the whole number's place, in steps the index tells apart, the new turn's
        // slot kept right after `position`.
        let gap = (slots / (within.len() + 1)) as f64 * step;
        let mut at = base;
        let mut answer = None;
        for (id, p) in within {
            tx.execute("UPDATE turn SET position = ?2 WHERE id = ?1 AND position <> ?2", params![id, at])?;
            at += gap;
            if p == position {
                answer = Some(at);
                at += gap;
            }
        }
        if let Some(answer) = answer {
            return Ok(answer);
        }
    }
    tx.execute(
        "UPDATE turn SET position = position + 1 WHERE meeting_id = ?1 AND position > ?2",
        params![meeting_id, position],
    )?;
    Ok(position + 1.0)
}

impl Store {
    /// 開会: records the actual start, and makes the first agenda entry current. In the same
    /// transaction the meeting takes its own copy of the council (names, roles, officials, labels,
    /// rules) and freezes the 会議次第's numbers: from here on, edits of the council change only
    /// meetings still being prepared.
    /// A meeting without a 会議次第 opens too (some bodies print none): its turns are under no
    /// item, and the record has no headings.
    /// Errors: `Invalid` when the meeting is already open, when the roster has two chairs, or when
    /// the council's rules leave the chair out of the vote but nobody on the roster is the chair
    /// (the chair would silently be counted among those who vote). The chair is named by the
    /// council's format (会長, 委員長 …).
    pub fn open_meeting(&mut self, meeting_id: i64, now: NaiveDateTime) -> Result<Meeting> {
        let meeting = self.meeting(meeting_id)?;
        let first = meeting.leaves().first().copied();
        // From here on the meeting keeps the rules it was opened under.
        let rules = crate::rules::Rules::of(&meeting.council);
        let chairs = meeting.council.members.iter().filter(|m| m.role == Role::Chair).count();
        let chair = &meeting.council.format.chair_title;
        if chairs > 1 {
            return Err(Error::invalid(
                "meeting.status",
                format!("名簿に{chair}が{chairs}人います。審議会の設定で{chair}を1人にしてから開会してください。"),
            ));
        }
        if rules.chair_votes != ChairVotes::Always && chairs == 0 {
            return Err(Error::invalid(
                "meeting.status",
                format!("名簿に{chair}がいません。{chair}は採決に加わらない決まりのため、{chair}が決まっていないと採決の人数を数えられません。審議会の設定で{chair}を指定してから開会してください。"),
            ));
        }
        let rules = serde_json::to_string(&rules).expect("rules serialize");
        let at = format_time(now);
        self.write(|tx| {
            if status_of(tx, meeting_id)?.0 != MeetingStatus::Preparing {
                return Err(Error::invalid("meeting.status", "この会議はすでに開会しています。"));
            }
            tx.execute(
                "UPDATE meeting SET status = 'in_session', opened_at = ?2, current_entry_id = ?3, rules = ?4 WHERE id = ?1",
                params![meeting_id, at, first, rules],
            )?;
            tx.execute("UPDATE agenda_entry SET started_at = ?2 WHERE id = ?1", params![first, at])?;
            snapshot::take(tx, meeting_id, false)?;
            Ok(())
        })?;
        self.meeting(meeting_id)
    }

    /// 休憩: records that the meeting went into recess at `now` (the time line 午後2時10分休憩 of
    /// formats that print them). Errors: `Invalid` (`meeting.recess`) when the meeting is not in
    /// session, or already in recess.
    pub fn start_recess(&mut self, meeting_id: i64, now: NaiveDateTime) -> Result<Meeting> {
        self.write(|tx| {
            require_in_session(tx, meeting_id)?;
            if open_recess(tx, meeting_id)?.is_some() {
                return Err(Error::invalid("meeting.recess", "すでに休憩中です。再開するときは F4 を押してください。"));
            }
            tx.execute(
                "INSERT INTO recess (meeting_id, started_at) VALUES (?1, ?2)",
                params![meeting_id, format_time(now)],
            )?;
            Ok(())
        })?;
        self.meeting(meeting_id)
    }

    /// 再開: ends the recess at `now`. Errors: `Invalid` (`meeting.recess`) when the meeting is
    /// not in recess, or `now` is before the recess began.
    pub fn end_recess(&mut self, meeting_id: i64, now: NaiveDateTime) -> Result<Meeting> {
        self.write(|tx| {
            require_in_session(tx, meeting_id)?;
            let Some((id, started)) = open_recess(tx, meeting_id)? else {
                return Err(Error::invalid(
                    "meeting.recess",
                    "休憩中ではありません。休憩に入るときは F4 を押してください。",
                ));
            };
            if parse_time(&started)? > now {
                return Err(Error::invalid(
                    "meeting.recess",
                    "再開の時刻が休憩に入った時刻より前です。パソコンの時計を確かめてください。",
                ));
            }
            tx.execute("UPDATE recess SET ended_at = ?2 WHERE id = ?1", params![id, format_time(now)])?;
            Ok(())
        })?;
        self.meeting(meeting_id)
    }

    /// Takes back the last F4 pressed by mistake (Ctrl+Z): a 休憩 still under way is removed, a
    /// 再開 is undone (the recess is under way again). Only the last recess, and only while the
    /// meeting is in session. Errors: `Invalid` (`meeting.recess`) when it has no recess.
    pub fn take_back_recess(&mut self, meeting_id: i64) -> Result<Meeting> {
        self.write(|tx| {
            require_in_session(tx, meeting_id)?;
            let last: Option<(i64, Option<String>)> = tx
                .query_row(
                    "SELECT id, ended_at FROM recess WHERE meeting_id = ?1 ORDER BY started_at DESC, id DESC LIMIT 1",
                    [meeting_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            match last {
                None => return Err(Error::invalid("meeting.recess", "取り消せる休憩・再開はありません。")),
                Some((id, None)) => tx.execute("DELETE FROM recess WHERE id = ?1", [id])?,
                Some((id, Some(_))) => tx.execute("UPDATE recess SET ended_at = NULL WHERE id = ?1", [id])?,
            };
            Ok(())
        })?;
        self.meeting(meeting_id)
    }

    /// 閉会: records the actual end and finishes the current entry. Refused (`Invalid`,
    /// `meeting.recess`) during a recess: the record would have a 休憩 without its 再開.
    pub fn close_meeting(&mut self, meeting_id: i64, now: NaiveDateTime) -> Result<Meeting> {
        let at = format_time(now);
        self.write(|tx| {
            let current = require_in_session(tx, meeting_id)?;
            if open_recess(tx, meeting_id)?.is_some() {
                return Err(Error::invalid("meeting.recess", "休憩中です。再開（F4）してから閉会してください。"));
            }
            stop_running_notes(tx, meeting_id, &at)?;
            tx.execute(
                "UPDATE agenda_entry SET finished_at = ?2 WHERE id = ?1 AND finished_at IS NULL",
                params![current, at],
            )?;
            tx.execute("UPDATE meeting SET status = 'closed', closed_at = ?2 WHERE id = ?1", params![meeting_id, at])?;
            Ok(())
        })?;
        self.meeting(meeting_id)
    }

    /// Attendance during the meeting: arrivals and departures (退席) are timed; the quorum
    /// follows at once from the answer.
    pub fn record_attendance(
        &mut self,
        meeting_id: i64,
        member_id: i64,
        status: &str,
        now: NaiveDateTime,
    ) -> Result<Meeting> {
        self.write_attendance(meeting_id, member_id, status, Some(&format_time(now)))
    }

    /// A turn without saying which member or official it was.
    pub fn add_turn(&mut self, meeting_id: i64, speaker_value: &str, text: &str, now: NaiveDateTime) -> Result<Turn> {
        self.add_turn_by(meeting_id, speaker_value, None, text, now)
    }

    /// The one call that makes a turn part of the record: committed, with the draft it came from
    /// cleared in the same transaction, before the screen shows it as saved. `who` is the member or
    /// official who spoke, when the secretary picked one. The turn is filed under the item that was
    /// current when its first character was typed (the draft's), not the one current at Enter:
    /// words belong to the item during which they were said. This is the hot path of a meeting, so
    /// its statements are cached and the answer is built without reading back.
    pub fn add_turn_by(
        &mut self,
        meeting_id: i64,
        speaker_value: &str,
        who: Option<i64>,
        text: &str,
        now: NaiveDateTime,
    ) -> Result<Turn> {
        let speaker = speaker(speaker_value)?;
        let text = turn_text(text)?;
        let at = format_time(now);
        self.write(|tx| {
            let current = require_in_session(tx, meeting_id)?;
            let labels = match who {
                Some(_) => Labels::of(&snapshot::council_of(tx, meeting_id)?),
                None => Labels::titles_of(tx, meeting_id)?,
            };
            let began: Option<(String, Option<i64>)> = tx
                .prepare_cached("SELECT started_at, agenda_entry_id FROM draft WHERE meeting_id = ?1")?
                .query_row([meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let (started, entry) = match began {
                Some((started, Some(entry))) => (started, Some(entry)),
                Some((started, None)) => (started, current),
                None => (at.clone(), current),
            };
            // Never begun after it was committed: a laptop's clock set back while the words were
            // typed (corrected after a reminder, a time zone changed) left the draft's start
            // ahead of now, and the record would show a turn ending before it began.
            let started = if started > at { at.clone() } else { started };
            stop_running_notes(tx, meeting_id, &started)?;
            let position = next_position(tx, meeting_id)?;
            let (member_id, official_id, who_name) = person(&labels, speaker, who)?;
            tx.prepare_cached(
                "INSERT INTO turn (meeting_id, agenda_entry_id, position, kind, speaker, text, started_at, ended_at, member_id, official_id)
                 VALUES (?1, ?2, ?3, 'speech', ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![meeting_id, entry, position, speaker.as_str(), text, started, at, member_id, official_id])?;
            let id = tx.last_insert_rowid();
            tx.prepare_cached("DELETE FROM draft WHERE meeting_id = ?1")?.execute([meeting_id])?;
            Ok(Turn {
                id,
                agenda_entry_id: entry,
                kind: TurnKind::Speech,
                speaker,
                speaker_label: labels.label(speaker),
                text,
                damaged: false,
                started_at: started,
                ended_at: Some(at),
                minutes: None,
                timed: false,
                deleted: false,
                member_id,
                official_id,
                who: who_name,
            })
        })
    }

    /// A stage note (ト書き) as its own entry. A timed one — （資料により説明） — runs until the next
    /// turn begins, and the export writes the measured （約N分）.
    pub fn add_note(
        &mut self,
        meeting_id: i64,
        speaker_value: &str,
        text: &str,
        timed: bool,
        now: NaiveDateTime,
    ) -> Result<Turn> {
        let speaker = speaker(speaker_value)?;
        let text = note_text(text)?;
        let at = format_time(now);
        let id = self.write(|tx| {
            let current = require_in_session(tx, meeting_id)?;
            stop_running_notes(tx, meeting_id, &at)?;
            let position = next_position(tx, meeting_id)?;
            tx.execute(
                "INSERT INTO turn (meeting_id, agenda_entry_id, position, kind, speaker, text, started_at, ended_at, timed)
                 VALUES (?1, ?2, ?3, 'note', ?4, ?5, ?6, CASE WHEN ?7 THEN NULL ELSE ?6 END, ?7)",
                params![meeting_id, current, position, speaker.as_str(), text, at, timed],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.turn(id)
    }

    /// Saves the unfinished text of the input box; an empty box clears the draft. The first
    /// keystroke of a turn marks when it began and under which agenda entry (the current one then),
    /// and stops a running timed note.
    pub fn save_draft(
        &mut self,
        meeting_id: i64,
        speaker_value: &str,
        text: &str,
        now: NaiveDateTime,
    ) -> Result<Option<Draft>> {
        let speaker = speaker(speaker_value)?;
        // The same policy as the turn it will become, so a NUL or ESC never reaches the store.
        let text = &validate::text_policy("turn.text", "入力中の発言", text, TURN_MAX, false, validate::Shape::Draft)?;
        let at = format_time(now);
        self.write(|tx| {
            status_of(tx, meeting_id)?;
            if text.trim().is_empty() {
                tx.execute("DELETE FROM draft WHERE meeting_id = ?1", [meeting_id])?;
                return Ok(());
            }
            let exists: bool =
                tx.query_row("SELECT count(*) FROM draft WHERE meeting_id = ?1", [meeting_id], |r| r.get::<_, i64>(0))? > 0;
            if !exists {
                stop_running_notes(tx, meeting_id, &at)?;
            }
            tx.execute(
                "INSERT INTO draft (meeting_id, speaker, text, started_at, saved_at, agenda_entry_id)
                 VALUES (?1, ?2, ?3, ?4, ?4, (SELECT current_entry_id FROM meeting WHERE id = ?1))
                 ON CONFLICT (meeting_id) DO UPDATE SET speaker = excluded.speaker, text = excluded.text, saved_at = excluded.saved_at",
                params![meeting_id, speaker.as_str(), text, at],
            )?;
            Ok(())
        })?;
        self.draft(meeting_id)
    }

    pub fn draft(&self, meeting_id: i64) -> Result<Option<Draft>> {
        Ok(self
            .conn
            .query_row(
                "SELECT speaker, text, started_at, saved_at, agenda_entry_id FROM draft WHERE meeting_id = ?1",
                [meeting_id],
                |r| {
                    Ok(Draft {
                        speaker: Speaker::parse(&r.get::<_, String>(0)?).unwrap_or(Speaker::Chair),
                        text: super::text_column(r, 1)?.0,
                        started_at: r.get(2)?,
                        saved_at: r.get(3)?,
                        agenda_entry_id: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    pub fn turn(&self, turn_id: i64) -> Result<Turn> {
        let row = self
            .conn
            .query_row(&format!("SELECT {TURN_COLUMNS} FROM {TURN_FROM} WHERE t.id = ?1"), [turn_id], turn_from_row)
            .optional()?
            .ok_or(Error::NotFound("発言"))?;
        Ok(labelled(&self.conn, vec![row])?.remove(0).1)
    }

    /// The whole record of a meeting in order, deleted turns included (flagged) so they can be restored.
    pub fn transcript(&self, meeting_id: i64) -> Result<Vec<Turn>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {TURN_COLUMNS} FROM {TURN_FROM} WHERE t.meeting_id = ?1 ORDER BY t.position"))?;
        let rows = stmt.query_map([meeting_id], turn_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(labelled(&self.conn, rows)?.into_iter().map(|(_, t)| t).collect())
    }

    /// The turns of a meeting holding every word of the query, in the record's order (see
    /// `search` for how words match).
    pub fn search_turns(&self, meeting_id: i64, query: &str) -> Result<Vec<i64>> {
        let words = crate::search::words(query)?;
        Ok(crate::search::matching(&self.transcript(meeting_id)?, &words))
    }

    /// `search_turns` with where the words are in each turn (`search::TurnFound`), for the screen
    /// to mark them. Errors: `Invalid` (`search`) for an empty query; `Sqlite`.
    pub fn turns_found(&self, meeting_id: i64, query: &str) -> Result<Vec<crate::search::TurnFound>> {
        let words = crate::search::words(query)?;
        Ok(crate::search::found_in(&self.transcript(meeting_id)?, &words))
    }

    /// The places of the whole archive holding every word of the query — turns (deleted ones
    /// left out), agenda titles, and the cover's venue, 配付資料 and the names of the members
    /// present — newest meeting first, then in the record's order, one page
    /// at a time with the total, through the search index (store/index.rs): exactly what the
    /// meeting's own Ctrl+F finds, in every meeting. Errors: `Invalid` (`search`) for an empty
    /// query or an unknown speaker role; `Sqlite` when waiting changes cannot be indexed.
    pub fn search_archive(&mut self, q: &crate::search::ArchiveQuery) -> Result<crate::search::Page> {
        let mut page = self.search_archive_page(q)?;
        page.total = Some(self.count_archive(q)?);
        Ok(page)
    }

    /// One page of `search_archive` without the total (`total` is `None`), and whether more
    /// places follow: the newest places come straight from the index in the order of its keys,
    /// so the page costs about the same however many places hold the words. A query of one
    /// character first looks through the newest places' words (at most `SCAN_PLACES` of them), where
    /// a common character fills the page at once; a rarer one, not found there often enough,
    /// is asked of the index, where it has few pairs — as soon as, from the `PROBE_PLACES`th place
    /// on, the pace of finding shows that the rest would not fill the page (looking through all
    /// 3,000 took a rare character 35 ms of the 41 its page cost; the index answers it in 1–4 ms).
    /// Errors as `search_archive`.
    pub fn search_archive_page(&mut self, q: &crate::search::ArchiveQuery) -> Result<crate::search::Page> {
        /// How many of the newest places a one-character query looks through before the index.
        const SCAN_PLACES: i64 = 3000;
        /// After how many places the pace of finding is judged.
        const PROBE_PLACES: i64 = 300;
        let words = archive_words(q)?;
        self.index_now()?;
        let limit = q.limit.unwrap_or(50).clamp(1, 200);
        let offset = q.offset.max(0);
        let entries = item_entries(&self.conn, q)?;
        let args = params![super::index::query(&words), q.council_id, q.fiscal_year, q.speaker, entries];
        // Words of one character ask the index for every pair they begin (a prefix query, slow
        // for a common one: 「の 換気」 took 250 ms); their places are found by reading the words
        // of the newest places instead, or of the places the longer words find.
        let (short, long) = short_and_long(&words);
        let mut keys: Option<Vec<(i64, i64)>> = None;
        if !short.is_empty() {
            let mut found = Vec::new();
            let mut looked = 0;
            // The places to look through, newest first: every place when all the words are of one
            // character, else those the index finds for the longer words.
            // (The index gives its places newest first in its own rowid order, which a sort by the
            // joined place's key would not use: all of them were read and sorted.)
            let (from, matching, newest) = if long.is_empty() {
                ("FROM search_place p", "?1 IS NOT NULL", "p.row")
            } else {
                (FROM_INDEX, MATCHING, "s.rowid")
            };
            let sql = format!("{} ORDER BY {newest} DESC LIMIT {SCAN_PLACES}", places_with_words(from, matching));
            let looked_through = params![super::index::query(&long), q.council_id, q.fiscal_year, q.speaker, entries];
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(looked_through)?;
            let wanted = offset + limit + 1; // the page and one more, to know whether more follow
            let mut all_looked = true;
            // How often each short word was seen: the rarest is the one to ask the index for.
            let mut seen = vec![0usize; short.len()];
            while let Some(r) = rows.next()? {
                looked += 1;
                let text = super::text_column(r, 2)?.0;
                // The longer words are held already (the index found them); the short ones are read.
                let mut all = true;
                for (i, c) in short.iter().enumerate() {
                    if crate::search::folded_holds(&text, *c) {
                        seen[i] += 1;
                    } else {
                        all = false;
                    }
                }
                if all {
                    found.push((r.get(0)?, r.get(1)?));
                    if found.len() as i64 >= wanted {
                        break;
                    }
                }
                // Found at this pace, the places left to look through would not fill the page.
                if looked >= PROBE_PLACES && (found.len() as i64) * SCAN_PLACES < wanted * looked {
                    all_looked = false;
                    break;
                }
            }
            // All the places were looked through, or the page and one more were found.
            if (all_looked && looked < SCAN_PLACES) || found.len() as i64 >= wanted {
                keys = Some(found.into_iter().skip(offset as usize).collect());
            } else if long.is_empty() && short.len() > 1 {
                // Several short words, together rarely: the index gives the places of the one seen
                // least, newest first, and the others are read there (five asked of the index at
                // once took 150–190 ms).
                let rarest = (0..short.len()).min_by_key(|i| seen[*i]).unwrap_or(0);
                let sql = format!("{} ORDER BY s.rowid DESC", places_with_words(FROM_INDEX, MATCHING));
                let one = super::index::query(&[short[rarest].to_string()]);
                let mut stmt = self.conn.prepare_cached(&sql)?;
                let mut rows = stmt.query(params![one, q.council_id, q.fiscal_year, q.speaker, entries])?;
                let mut found = Vec::new();
                while let Some(r) = rows.next()? {
                    let text = super::text_column(r, 2)?.0;
                    if holds_every(&text, &short) {
                        found.push((r.get(0)?, r.get(1)?));
                        if found.len() as i64 >= wanted {
                            break;
                        }
                    }
                }
                keys = Some(found.into_iter().skip(offset as usize).collect());
            }
        }
        let mut keys = match keys {
            Some(keys) => keys,
            None => self
                .conn
                .prepare_cached(&format!(
                    "SELECT p.item, p.meeting_id FROM search_index s JOIN search_place p ON p.row = s.rowid {}
                     WHERE search_index MATCH ?1 {} ORDER BY s.rowid DESC LIMIT {} OFFSET {offset}",
                    PLACE_MEETING,
                    PLACE_FILTERS,
                    limit + 1
                ))?
                .query_map(args, |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?,
        };
        let more = keys.len() as i64 > limit;
        keys.truncate(limit as usize);
        use super::index::Place;
        let mut rows: Vec<(Place, i64, i64, Option<String>, String)> = Vec::with_capacity(keys.len());
        for (item, meeting_id) in keys {
            let (what, id) = Place::of_item(item);
            // The place's words and speaker, read as the index read them (`Place::sql`).
            let (role, text) = self
                .conn
                .prepare_cached(what.sql())?
                .query_row([id], |r| Ok((r.get::<_, Option<String>>(4)?, super::text_column(r, 0)?.0)))?;
            rows.push((what, id, meeting_id, role, text));
        }
        // Per meeting on the page: its line of 会議一覧 and its words for the speakers.
        let mut meetings: std::collections::HashMap<i64, (crate::model::MeetingSummary, Labels)> = Default::default();
        let mut found = Vec::with_capacity(rows.len());
        for (what, id, meeting_id, role, text) in rows {
            let (m, labels) = match meetings.entry(meeting_id) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert((self.meeting_summary(meeting_id)?, Labels::titles_of(&self.conn, meeting_id)?))
                }
            };
            let label = match (what, role) {
                (Place::Turn, Some(role)) => labels.label(Speaker::parse(&role).unwrap_or(Speaker::None)),
                (Place::Turn, None) => String::new(),
                (Place::Title, _) => "議題".to_string(),
                (Place::Venue, _) => "会場".to_string(),
                (Place::Material, _) => "配付資料".to_string(),
                (Place::Names, _) => "出席者".to_string(),
            };
            let (excerpt, marks) = crate::search::marked_excerpt(&text, &words);
            found.push(crate::search::Found {
                meeting_id,
                meeting_title: m.title.clone(),
                date_text: m.date_text.clone(),
                turn_id: (what == Place::Turn).then_some(id),
                speaker_label: label,
                cover: matches!(what, Place::Venue | Place::Material | Place::Names),
                excerpt,
                marks,
            });
        }
        Ok(crate::search::Page { total: None, more, offset, found })
    }

    /// How many places of the archive hold every word of the query, narrowed as asked (the
    /// total of `search_archive`). Errors as `search_archive`.
    pub fn count_archive(&mut self, q: &crate::search::ArchiveQuery) -> Result<i64> {
        let words = archive_words(q)?;
        self.index_now()?;
        count_places(&self.conn, q, &words)
    }

    /// A connection of its own for counting what a search found (`ArchiveCounter`), so that a
    /// common word's count (a fifth of a second with years of meetings) holds up neither the next
    /// search nor a turn being committed. The changes waiting for the index are indexed first,
    /// as every reader of the index does: a count made right after an edit counts it (it read 0
    /// for words just typed, until a page search had indexed them). Errors: `Invalid` (`search`)
    /// while the index is being built; `Error::Io` for a store in memory (it has no file to open
    /// again); `Error::Sqlite` if the file cannot be opened.
    pub fn counter(&mut self) -> Result<ArchiveCounter> {
        self.index_now()?;
        let path = self
            .conn
            .path()
            .filter(|p| !p.is_empty())
            .ok_or_else(|| Error::Io(std::io::Error::other("記録ファイルの場所がわかりません")))?;
        let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(ArchiveCounter { conn })
    }

    pub fn turn_versions(&self, turn_id: i64) -> Result<Vec<TurnVersion>> {
        let mut stmt = self.conn.prepare(
            "SELECT agenda_entry_id, speaker, text, deleted_at, replaced_at, action FROM turn_version WHERE turn_id = ?1 ORDER BY id",
        )?;
        let versions = stmt
            .query_map([turn_id], |r| {
                Ok(TurnVersion {
                    agenda_entry_id: r.get(0)?,
                    speaker: Speaker::parse(&r.get::<_, String>(1)?).unwrap_or(Speaker::None),
                    text: super::text_column(r, 2)?.0,
                    deleted: r.get::<_, Option<String>>(3)?.is_some(),
                    replaced_at: r.get(4)?,
                    action: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(versions)
    }

    /// Moves on to the next agenda entry, recording when the current one finished.
    pub fn advance_agenda(&mut self, meeting_id: i64, now: NaiveDateTime) -> Result<Meeting> {
        let order = leaves(self, meeting_id)?;
        let current = self.meeting(meeting_id)?.current_entry_id;
        let index = order.iter().position(|&id| Some(id) == current);
        let Some(next) = index.and_then(|i| order.get(i + 1)).copied() else {
            return Err(Error::invalid("agenda", "これが最後の議題です。終わったら「閉会」を押してください。"));
        };
        self.jump_agenda(meeting_id, next, now)
    }

    /// Makes any entry current. The one left is finished at this moment; the one reached starts
    /// now unless it had started before.
    pub fn jump_agenda(&mut self, meeting_id: i64, entry_id: i64, now: NaiveDateTime) -> Result<Meeting> {
        if !leaves(self, meeting_id)?.contains(&entry_id) {
            return Err(Error::invalid(
                "agenda",
                "発言を記録できる議題を選んでください（項目のある大項目は、その項目を選びます）。",
            ));
        }
        let at = format_time(now);
        self.write(|tx| {
            let current = require_in_session(tx, meeting_id)?;
            if current == Some(entry_id) {
                return Ok(());
            }
            tx.execute(
                "UPDATE agenda_entry SET finished_at = ?2 WHERE id = ?1 AND finished_at IS NULL",
                params![current, at],
            )?;
            tx.execute(
                "UPDATE agenda_entry SET started_at = coalesce(started_at, ?2), finished_at = NULL WHERE id = ?1",
                params![entry_id, at],
            )?;
            tx.execute("UPDATE meeting SET current_entry_id = ?2 WHERE id = ?1", params![meeting_id, entry_id])?;
            Ok(())
        })?;
        self.meeting(meeting_id)
    }

    /// Refuses (`Invalid`, `turn.agenda`) an agenda entry that is not one of the turn's meeting's
    /// items that hold turns; `None` (the entry kept) passes.
    fn check_item(&self, turn_id: i64, agenda_entry_id: Option<i64>) -> Result<()> {
        let Some(entry) = agenda_entry_id else { return Ok(()) };
        let meeting_id: i64 =
            self.conn.query_row("SELECT meeting_id FROM turn WHERE id = ?1", [turn_id], |r| r.get(0))?;
        if !leaves(self, meeting_id)?.contains(&entry) {
            return Err(Error::invalid("turn.agenda", "この会議の議題を選んでください。"));
        }
        Ok(())
    }

    /// Corrects a turn's words, speaker or agenda entry; the state before is kept as a version.
    /// A turn may only be put under an item of its own meeting that holds turns. Errors:
    /// `Invalid` for an unknown speaker, words the text policy refuses, a deleted turn, or an item
    /// not the meeting's; `NotFound` for an unknown turn; `Sqlite`.
    pub fn edit_turn(
        &mut self,
        turn_id: i64,
        speaker_value: &str,
        text: &str,
        agenda_entry_id: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<Turn> {
        self.correct_turn(turn_id, speaker_value, text, agenda_entry_id, None, now)
    }

    /// A correction of a turn, with who asked for it (an attendee returning the draft), kept with
    /// the version it replaces and listed among the corrections since the draft.
    /// Errors: as `edit_turn`, and `Invalid` for a `requested_by` that is not a short line.
    pub fn correct_turn(
        &mut self,
        turn_id: i64,
        speaker_value: &str,
        text: &str,
        agenda_entry_id: Option<i64>,
        requested_by: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<Turn> {
        let requested_by = match requested_by.map(str::trim) {
            None | Some("") => None,
            Some(who) => Some(validate::line("turn.requested_by", "修正の依頼者", who, validate::NAME_MAX, true)?),
        };
        let speaker = speaker(speaker_value)?;
        let old = self.turn(turn_id)?;
        not_deleted(&old)?;
        let text = text_of(old.kind, text)?;
        self.check_item(turn_id, agenda_entry_id)?;
        let at = format_time(now);
        self.write(|tx| {
            keep_version(tx, turn_id, &at, "edit")?;
            if let Some(who) = &requested_by {
                tx.execute("UPDATE turn_version SET requested_by = ?1 WHERE id = last_insert_rowid()", [who])?;
            }
            tx.execute(
                "UPDATE turn SET speaker = ?2, text = ?3, agenda_entry_id = ?4 WHERE id = ?1",
                params![turn_id, speaker.as_str(), text, agenda_entry_id],
            )?;
            // Who spoke stays with the turn only while the kind of speaker still fits.
            match speaker {
                Speaker::Official => tx.execute("UPDATE turn SET member_id = NULL WHERE id = ?1", [turn_id])?,
                Speaker::None => {
                    tx.execute("UPDATE turn SET member_id = NULL, official_id = NULL WHERE id = ?1", [turn_id])?
                }
                _ => tx.execute("UPDATE turn SET official_id = NULL WHERE id = ?1", [turn_id])?,
            };
            Ok(())
        })?;
        self.turn(turn_id)
    }

    /// Deletes a turn from the record, recoverably.
    pub fn delete_turn(&mut self, turn_id: i64, now: NaiveDateTime) -> Result<Turn> {
        let at = format_time(now);
        self.write(|tx| {
            keep_version(tx, turn_id, &at, "delete")?;
            tx.execute("UPDATE turn SET deleted_at = ?2 WHERE id = ?1", params![turn_id, at])?;
            Ok(())
        })?;
        self.turn(turn_id)
    }

    pub fn restore_turn(&mut self, turn_id: i64, now: NaiveDateTime) -> Result<Turn> {
        let at = format_time(now);
        self.write(|tx| {
            keep_version(tx, turn_id, &at, "restore")?;
            tx.execute("UPDATE turn SET deleted_at = NULL WHERE id = ?1", [turn_id])?;
            Ok(())
        })?;
        self.turn(turn_id)
    }

    /// Ctrl+Z: puts turns back as they were before the last action (who spoke included), all in
    /// one transaction, each change kept as a version like any other. Taking back a split deletes the second part and
    /// gives the first its words back; taking back a merge restores both. Words the turn has held
    /// go back unchecked; others are checked as typed words are. Errors: `Invalid` for an unknown
    /// speaker, refused words, an entry of another meeting, an unreadable time; `NotFound` for a
    /// turn not in the store; `Sqlite`.
    pub fn revert_turns(&mut self, states: &[TurnState], now: NaiveDateTime) -> Result<Vec<Turn>> {
        let mut checked = Vec::with_capacity(states.len());
        for state in states {
            let speaker = speaker(&state.speaker)?;
            let old = self.turn(state.id)?;
            // Words the record has held (now, or in a version kept) go back as they were: a turn
            // another tool wrote with a character Shoki refuses can still be deleted and put back.
            // Any other words are new and checked as typing is.
            let held = state.text == old.text || self.turn_versions(state.id)?.iter().any(|v| v.text == state.text);
            let text = if held { state.text.clone() } else { text_of(old.kind, &state.text)? };
            self.check_item(state.id, state.agenda_entry_id)?;
            if let Some(ended) = &state.ended_at {
                parse_time(ended)?;
            }
            checked.push((state, speaker, text));
        }
        let at = format_time(now);
        self.write(|tx| {
            for (state, speaker, text) in &checked {
                let meeting_id = keep_version(tx, state.id, &at, "undo")?;
                let labels = Labels::of(&snapshot::council_of(tx, meeting_id)?);
                let (member_id, official_id, _) = person(&labels, *speaker, state.who)?;
                tx.execute(
                    "UPDATE turn SET speaker = ?2, text = ?3, agenda_entry_id = ?4, ended_at = ?5,
                            deleted_at = CASE WHEN ?6 THEN coalesce(deleted_at, ?7) END, member_id = ?8, official_id = ?9
                     WHERE id = ?1",
                    params![
                        state.id,
                        speaker.as_str(),
                        text,
                        state.agenda_entry_id,
                        state.ended_at,
                        state.deleted,
                        at,
                        member_id,
                        official_id
                    ],
                )?;
            }
            Ok(())
        })?;
        states.iter().map(|state| self.turn(state.id)).collect()
    }

    /// Splits a turn at a character offset into two turns of the same speaker and entry.
    pub fn split_turn(&mut self, turn_id: i64, at_char: usize, now: NaiveDateTime) -> Result<Vec<Turn>> {
        let old = self.turn(turn_id)?;
        not_deleted(&old)?;
        let chars: Vec<char> = old.text.chars().collect();
        if at_char == 0 || at_char >= chars.len() {
            return Err(Error::invalid(
                "turn.text",
                "分ける位置にカーソルを置いてから分割してください（先頭と末尾では分けられません）。",
            ));
        }
        let first = turn_text(&chars[..at_char].iter().collect::<String>())?;
        let second = turn_text(&chars[at_char..].iter().collect::<String>())?;
        let at = format_time(now);
        let new_id = self.write(|tx| {
            let meeting_id = keep_version(tx, turn_id, &at, "split")?;
            let (position, kind, speaker, started, ended, timed): (f64, String, String, String, Option<String>, bool) = tx
                .query_row(
                    "SELECT position, kind, speaker, started_at, ended_at, timed FROM turn WHERE id = ?1",
                    [turn_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
                )?;
            let between = room_after(tx, meeting_id, position)?;
            tx.execute("UPDATE turn SET text = ?2 WHERE id = ?1", params![turn_id, first])?;
            tx.execute(
                "INSERT INTO turn (meeting_id, agenda_entry_id, position, kind, speaker, text, started_at, ended_at, timed,
                                   member_id, official_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    meeting_id,
                    old.agenda_entry_id,
                    between,
                    kind,
                    speaker,
                    second,
                    started,
                    ended,
                    timed,
                    old.member_id,
                    old.official_id
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        Ok(vec![self.turn(turn_id)?, self.turn(new_id)?])
    }

    /// Merges a turn with the next one that is not deleted; the next is deleted (recoverably).
    pub fn merge_with_next(&mut self, turn_id: i64, now: NaiveDateTime) -> Result<Vec<Turn>> {
        not_deleted(&self.turn(turn_id)?)?;
        let at = format_time(now);
        let next_id = self.write(|tx| {
            let meeting_id = keep_version(tx, turn_id, &at, "merge")?;
            let position: f64 = tx.query_row("SELECT position FROM turn WHERE id = ?1", [turn_id], |r| r.get(0))?;
            let next: Option<(i64, String)> = tx
                .query_row(
                    "SELECT id, text FROM turn WHERE meeting_id = ?1 AND position > ?2 AND deleted_at IS NULL ORDER BY position LIMIT 1",
                    params![meeting_id, position],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((next_id, next_text)) = next else {
                return Err(Error::invalid("turn.text", "次の発言がないため、つなげられません。"));
            };
            keep_version(tx, next_id, &at, "merged_into_previous")?;
            tx.execute(
                "UPDATE turn SET text = text || char(10) || ?2, ended_at = coalesce((SELECT ended_at FROM turn WHERE id = ?3), ended_at) WHERE id = ?1",
                params![turn_id, next_text, next_id],
            )?;
            tx.execute("UPDATE turn SET deleted_at = ?2 WHERE id = ?1", params![next_id, at])?;
            Ok(next_id)
        })?;
        Ok(vec![self.turn(turn_id)?, self.turn(next_id)?])
    }

    /// Records that a ventilation reminder fell due and was shown; does nothing before it is due.
    /// A meeting left open (a laptop suspended, a day away) does not catch up one reminder per
    /// interval missed: one reminder is recorded, due at the latest interval passed, with how many
    /// intervals it stands for (`missed`), so one chime and one F9 answer them all. A reminder
    /// not yet answered (F9) when the next falls due — the laptop left awake overnight — is the
    /// one that stands for it too (due then, `missed` counting on): never a pile to answer one by
    /// one. Errors: `NotFound` for an unknown meeting; `Sqlite`.
    pub fn fire_reminder(&mut self, meeting_id: i64, now: NaiveDateTime) -> Result<Meeting> {
        let meeting = self.meeting(meeting_id)?;
        let Some(due) = meeting.next_reminder_at.clone() else {
            return Ok(meeting);
        };
        let first = parse_time(&due)?;
        if first > now {
            return Ok(meeting);
        }
        let interval = chrono::Duration::minutes(meeting.council.ventilation_minutes.max(1));
        let passed = (now - first).num_seconds() / interval.num_seconds();
        let latest = first + interval * passed as i32;
        self.write(|tx| {
            let unanswered: Option<i64> = tx
                .query_row(
                    "SELECT id FROM reminder WHERE meeting_id = ?1 AND acknowledged_at IS NULL ORDER BY id DESC LIMIT 1",
                    [meeting_id],
                    |r| r.get(0),
                )
                .optional()?;
            match unanswered {
                Some(id) => tx.execute(
                    "UPDATE reminder SET due_at = ?2, fired_at = ?3, missed = missed + ?4 WHERE id = ?1",
                    params![id, format_time(latest), format_time(now), passed + 1],
                )?,
                None => tx.execute(
                    "INSERT INTO reminder (meeting_id, due_at, fired_at, missed) VALUES (?1, ?2, ?3, ?4)",
                    params![meeting_id, format_time(latest), format_time(now), passed + 1],
                )?,
            };
            Ok(())
        })?;
        self.meeting(meeting_id)
    }

    /// F9: the reminder shown is answered, and with it any other of the meeting's still waiting
    /// (a store from before reminders stood for each other could hold several): one F9 answers
    /// all. Errors: `NotFound` for an unknown reminder; `Sqlite`.
    pub fn acknowledge_reminder(&mut self, reminder_id: i64, now: NaiveDateTime) -> Result<Meeting> {
        let meeting_id = self.write(|tx| {
            let meeting_id: i64 = tx
                .query_row("SELECT meeting_id FROM reminder WHERE id = ?1", [reminder_id], |r| r.get(0))
                .optional()?
                .ok_or(Error::NotFound("換気の知らせ"))?;
            tx.execute(
                "UPDATE reminder SET acknowledged_at = ?2 WHERE meeting_id = ?1 AND acknowledged_at IS NULL",
                params![meeting_id, format_time(now)],
            )?;
            Ok(meeting_id)
        })?;
        self.meeting(meeting_id)
    }
}

/// Counts from the store as committed when the count begins, on a read-only connection of its own
/// (`Store::counter`, which brought the search index up to date when it made it); the shell opens
/// one for each count.
pub struct ArchiveCounter {
    conn: rusqlite::Connection,
}

impl ArchiveCounter {
    /// How many places hold every word of `q`, narrowed as asked, as `Store::count_archive`
    /// counts them. Errors: `Invalid` (`search`) for a query without words; `Error::Sqlite`,
    /// also when stopped (`CountStopper`).
    pub fn count(&self, q: &crate::search::ArchiveQuery) -> Result<i64> {
        count_places(&self.conn, q, &archive_words(q)?)
    }

    /// What stops this counter's count from another thread: a newer search does not wait for,
    /// nor share the machine with, the count of one the secretary has moved on from.
    pub fn stopper(&self) -> CountStopper {
        CountStopper(self.conn.get_interrupt_handle())
    }
}

/// Stops the count under way on one `ArchiveCounter` (its `count` then answers an error); the
/// counter's connection runs nothing else, so nothing else is stopped. Stopping a count that has
/// ended or not yet begun its query, or a counter dropped, does nothing (SQLite forgets an
/// interrupt while no statement runs): the window drops an earlier search's count anyway.
pub struct CountStopper(rusqlite::InterruptHandle);

impl CountStopper {
    pub fn stop(&self) {
        self.0.interrupt();
    }
}

/// The index's places (`s`, with the place `p`), for `places_with_words`…
const FROM_INDEX: &str = "FROM search_index s JOIN search_place p ON p.row = s.rowid";
/// …holding the words of ?1 (`index::query`).
const MATCHING: &str = "search_index MATCH ?1";

/// A query's words of one character, and the longer ones: the first are read in the places'
/// words rather than asked of the index (a prefix query of every pair they begin; see
/// `Store::search_archive_page`).
fn short_and_long(words: &[String]) -> (Vec<char>, Vec<String>) {
    let short = words.iter().filter(|w| w.chars().count() == 1).filter_map(|w| w.chars().next()).collect();
    let long = words.iter().filter(|w| w.chars().count() > 1).cloned().collect();
    (short, long)
}

/// Whether `text` (as stored), folded, holds every one of `short` (folded characters).
fn holds_every(text: &str, short: &[char]) -> bool {
    short.iter().all(|c| crate::search::folded_holds(text, *c))
}

/// The places (`p`, with their meeting `m`) that `matching` selects — a condition on ?1 — and
/// the search's filters (?2–?5, `PLACE_FILTERS`), each as (item, meeting, its words as stored).
/// `from` names `p` (and the index, `s`, when `matching` asks it).
fn places_with_words(from: &str, matching: &str) -> String {
    let k = super::index::KINDS;
    format!(
        "SELECT p.item, p.meeting_id, coalesce(t.text, e.title, v.venue, x.title, n.names, '')
         {from} {PLACE_MEETING}
         LEFT JOIN turn t ON p.item % {k} = 0 AND t.id = p.item / {k}
         LEFT JOIN agenda_entry e ON p.item % {k} = 1 AND e.id = p.item / {k}
         LEFT JOIN meeting v ON p.item % {k} = 2 AND v.id = p.item / {k}
         LEFT JOIN material x ON p.item % {k} = 3 AND x.id = p.item / {k}
         LEFT JOIN search_names n ON p.item % {k} = 4 AND n.meeting_id = p.item / {k}
         WHERE {matching} {PLACE_FILTERS}"
    )
}

/// The places holding every one of `words` (folded), narrowed as `q` asks.
fn count_places(conn: &rusqlite::Connection, q: &crate::search::ArchiveQuery, words: &[String]) -> Result<i64> {
    let entries = item_entries(conn, q)?;
    // Beside a longer word, words of one character are read in the places it finds rather than
    // asked of the index (see `search_archive_page`): 「の 換気」 was counted in half a second.
    let (short, long) = short_and_long(words);
    if !short.is_empty() && !long.is_empty() {
        let sql = places_with_words(FROM_INDEX, MATCHING);
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows =
            stmt.query(params![super::index::query(&long), q.council_id, q.fiscal_year, q.speaker, entries])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let text = super::text_column(r, 2)?.0;
            if holds_every(&text, &short) {
                n += 1;
            }
        }
        return Ok(n);
    }
    let narrowed = q.council_id.is_some() || q.fiscal_year.is_some() || q.speaker.is_some() || entries.is_some();
    let args = params![super::index::query(words), q.council_id, q.fiscal_year, q.speaker, entries];
    let sql = if !narrowed {
        // Nothing to narrow: the index counts alone.
        "SELECT count(*) FROM search_index WHERE search_index MATCH ?1 AND ?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL AND ?5 IS NULL"
            .to_string()
    } else {
        format!(
            "SELECT count(*) FROM search_index s JOIN search_place p ON p.row = s.rowid {PLACE_MEETING}
             WHERE search_index MATCH ?1 {PLACE_FILTERS}"
        )
    };
    Ok(conn.prepare_cached(&sql)?.query_row(args, |r| r.get(0))?)
}

/// The meeting of an indexed place (`p`), as `m`, for the filters of a search of the archive.
const PLACE_MEETING: &str = "JOIN meeting m ON m.id = p.meeting_id";

/// A search's filters on a place (`p`) and its meeting (`m`): ?2 council, ?3 年度, ?4 speaker,
/// each left out when NULL.
/// ?5, when not NULL, is a JSON array of agenda entry ids (`item_entries`): only their titles and
/// the turns filed under them (8 is `index::KINDS`, checked below).
const PLACE_FILTERS: &str = "AND (?4 IS NULL OR p.speaker = ?4)
     AND (?2 IS NULL OR m.council_id = ?2) AND (?3 IS NULL OR m.fiscal_year = ?3)
     AND (?5 IS NULL
          OR (p.item % 8 = 1 AND p.item / 8 IN (SELECT value FROM json_each(?5)))
          OR (p.item % 8 = 0 AND (SELECT agenda_entry_id FROM turn WHERE id = p.item / 8) IN (SELECT value FROM json_each(?5))))";

const _: () = assert!(super::index::KINDS == 8, "PLACE_FILTERS writes a place's kind as item % 8");

/// The agenda entries an archive query's item filter names, as the JSON array of their ids
/// `PLACE_FILTERS` takes as ?5: entries whose title holds every word of `q.item` (through the
/// index), in the council and 年度 asked, with the items of such a section. `None` when the query
/// names no item. Errors: `Sqlite`.
fn item_entries(conn: &rusqlite::Connection, q: &crate::search::ArchiveQuery) -> Result<Option<String>> {
    let Some(item) = q.item.as_deref().filter(|i| !i.trim().is_empty()) else {
        return Ok(None);
    };
    let words = crate::search::words(item)?;
    let k = super::index::KINDS;
    let titles: Vec<i64> = conn
        .prepare_cached(&format!(
            "SELECT p.item / {k} FROM search_index s JOIN search_place p ON p.row = s.rowid {PLACE_MEETING}
             WHERE search_index MATCH ?1 AND p.item % {k} = 1
               AND (?2 IS NULL OR m.council_id = ?2) AND (?3 IS NULL OR m.fiscal_year = ?3)"
        ))?
        .query_map(params![super::index::query(&words), q.council_id, q.fiscal_year], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let json = serde_json::to_string(&titles).expect("ids");
    let items: Vec<i64> = conn
        .prepare_cached("SELECT id FROM agenda_entry WHERE parent_id IN (SELECT value FROM json_each(?1))")?
        .query_map([&json], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(serde_json::to_string(&titles.into_iter().chain(items).collect::<Vec<_>>()).expect("ids")))
}

/// The folded words of an archive query, its speaker checked. Errors: `Invalid` (`search`) for
/// an empty query or an unknown speaker role.
fn archive_words(q: &crate::search::ArchiveQuery) -> Result<Vec<String>> {
    let words = crate::search::words(&q.query)?; // an empty query is refused before the store is read
    if let Some(role) = q.speaker.as_deref() {
        speaker(role).map_err(|_| Error::invalid("search", "発言者は一覧から選んでください。"))?;
    }
    Ok(words)
}
