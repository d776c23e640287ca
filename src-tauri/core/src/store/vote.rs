//! Votes (採決): recorded on the current agenda entry from the live attendance, decided by the
//! rules the meeting was opened under, and kept with their history. Recording one also puts the
//! stage notes （賛成者挙手）（反対者挙手） into the record, as the minutes write them.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::live::format_time;
use super::Store;
use crate::error::{Error, Result};
use crate::model::{MeetingStatus, Vote, VoteMethod, VoteResult};
use crate::rules::Tally;
use crate::validate;

/// What the secretary typed for one vote. Counts arrive as text, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct VoteInput {
    /// "hands" (the default), "standing" or "no_objection" (`VoteMethod`).
    #[serde(default)]
    pub method: Option<String>,
    pub for_count: String,
    pub against_count: String,
    pub abstain_count: String,
    /// "for" or "against": the chair's casting vote on a tie.
    pub chair_cast: Option<String>,
    /// "approved" or "rejected" to overrule the computed result; needs a reason.
    pub override_result: Option<String>,
    pub override_reason: Option<String>,
    /// Records the vote as 不成立 with this reason (e.g. the quorum was lost).
    pub void_reason: Option<String>,
}

/// What the chair's screen shows: large, read-only, refreshed every half second.
#[derive(Debug, Clone, Serialize)]
pub struct ChairView {
    pub meeting_id: i64,
    pub title: String,
    pub status: MeetingStatus,
    pub current_item: String,
    /// The entry being recorded under: a vote on another entry is the previous item's, and the
    /// chair's screen says so instead of showing it as the current result.
    pub current_entry_id: Option<i64>,
    pub present: i64,
    pub membership: i64,
    pub quorum: i64,
    pub quorum_met: bool,
    pub eligible: i64,
    pub latest_vote: Option<Vote>,
    pub latest_vote_item: String,
    pub opened_at: Option<String>,
    pub closed_at: Option<String>,
    pub next_reminder_at: Option<String>,
    /// A ventilation reminder that has fallen due and is not yet acknowledged (F9): the chair is
    /// the one who announces it. ISO local date-time of when it fell due.
    pub ventilation_due_at: Option<String>,
    /// The planned end of the meeting (the day it opened, else 開催日, + 終了時刻), ISO local
    /// date-time, for the countdown.
    pub planned_end_at: String,
    /// When the recess under way (休憩) began, ISO local date-time; `None` when there is none.
    pub recess_since: Option<String>,
}

const VOTE_COLUMNS: &str =
    "id, agenda_entry_id, present, eligible, for_count, against_count, abstain_count, chair_cast,
     result, result_text, override_reason, void_reason, recorded_at, deleted_at, method";

fn vote_from_row(r: &rusqlite::Row) -> rusqlite::Result<Vote> {
    Ok(Vote {
        id: r.get(0)?,
        agenda_entry_id: r.get(1)?,
        present: r.get(2)?,
        eligible: r.get(3)?,
        for_count: r.get(4)?,
        against_count: r.get(5)?,
        abstain_count: r.get(6)?,
        chair_cast: r.get(7)?,
        result: VoteResult::parse(&r.get::<_, String>(8)?).unwrap_or(VoteResult::Void),
        result_text: r.get(9)?,
        override_reason: r.get(10)?,
        void_reason: r.get(11)?,
        recorded_at: r.get(12)?,
        deleted: r.get::<_, Option<String>>(13)?.is_some(),
        method: VoteMethod::parse(&r.get::<_, String>(14)?).unwrap_or_default(),
    })
}

pub(super) fn votes(conn: &Connection, meeting_id: i64) -> Result<Vec<Vote>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {VOTE_COLUMNS} FROM vote WHERE meeting_id = ?1 ORDER BY id"))?;
    let votes = stmt.query_map([meeting_id], vote_from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(votes)
}

fn reason(field: &'static str, value: &Option<String>) -> Result<Option<String>> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => Ok(Some(validate::line(field, "理由", text, validate::TITLE_MAX, true)?)),
    }
}

/// Keeps a vote as it was before a change: no correction or deletion overwrites silently.
fn keep_version(tx: &rusqlite::Transaction, before: &Vote, at: &str, action: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO vote_version (vote_id, snapshot, replaced_at, action) VALUES (?1, ?2, ?3, ?4)",
        params![before.id, serde_json::to_string(before).expect("a vote serializes"), at, action],
    )?;
    Ok(())
}

/// 賛成が19、反対がゼロ: how the secretariat reports a count.
pub fn spoken_count(n: i64) -> String {
    if n == 0 {
        "ゼロ".to_string()
    } else {
        n.to_string()
    }
}

impl Store {
    /// Decides a vote from what was typed without recording it, for the preview as the counts
    /// are entered. The same checks as `record_vote`.
    pub fn preview_vote(&self, meeting_id: i64, input: &VoteInput) -> Result<Vote> {
        self.decide_vote(meeting_id, input, None).map(|(vote, _)| vote)
    }

    /// Decides a vote. A new one counts the attendance of now, in an open meeting; a correction
    /// (`moment` = present and eligible as recorded) the attendance of its own moment.
    fn decide_vote(&self, meeting_id: i64, input: &VoteInput, moment: Option<(i64, i64)>) -> Result<(Vote, String)> {
        let mut m = self.meeting(meeting_id)?;
        match moment {
            Some((present, eligible)) => {
                m.present = present;
                m.eligible = eligible;
            }
            None if m.status != MeetingStatus::InSession => {
                return Err(Error::invalid("vote.for", "採決は開会中の会議でだけ記録できます。"));
            }
            None => {}
        }
        let method = match input.method.as_deref() {
            None | Some("") => VoteMethod::Hands,
            Some(m) => VoteMethod::parse(m).ok_or_else(|| {
                Error::invalid("vote.method", "採決の方法は「挙手」「起立」「異議なし」から選んでください。")
            })?,
        };
        let number = |field, label, value: &str| {
            validate::number(field, label, if value.trim().is_empty() { "0" } else { value }, 0, 999)
        };
        let tally = Tally {
            for_count: number("vote.for", "賛成", &input.for_count)?,
            against_count: number("vote.against", "反対", &input.against_count)?,
            abstain_count: number("vote.abstain", "棄権", &input.abstain_count)?,
        };
        let chair_cast = match input.chair_cast.as_deref() {
            None | Some("") => None,
            Some("for") => Some(true),
            Some("against") => Some(false),
            Some(_) => return Err(Error::invalid("vote.chair_cast", "会長の決は「賛成」か「反対」を選んでください。")),
        };
        let void_reason = reason("vote.void_reason", &input.void_reason)?;
        let override_reason = reason("vote.override_reason", &input.override_reason)?;
        let counted = tally.for_count + tally.against_count + tally.abstain_count;
        let (result, result_text) = if method == VoteMethod::NoObjection && void_reason.is_none() {
            // Nobody objected: carried unanimously, with nothing counted (a count typed in
            // would contradict the decision).
            if counted != 0 {
                return Err(Error::invalid(
                    "vote.for",
                    "異議なしで決めるときは、賛成・反対・棄権の人数を空欄にしてください（数えていないため）。",
                ));
            }
            if input.override_result.as_deref().is_some_and(|o| !o.is_empty()) {
                return Err(Error::invalid(
                    "vote.override_result",
                    "異議なしの決定は承認（可決）です。結果は変えられません。",
                ));
            }
            (VoteResult::Approved, m.rules.result_words.words().0.to_string())
        } else if void_reason.is_some() {
            // 不成立 records what was counted, if anything was: then it adds up like any count.
            if counted != 0 && counted != m.eligible {
                return Err(Error::invalid(
                    "vote.for",
                    format!("賛成・反対・棄権の合計（{counted}）が採決に加わる委員（{}名）と合いません。数えていなければ空欄のまま、不成立として記録してください。", m.eligible),
                ));
            }
            (VoteResult::Void, "不成立".to_string())
        } else {
            let decided = m.rules.decide(tally, m.present, m.eligible, chair_cast)?;
            match input.override_result.as_deref() {
                None | Some("") => (decided.result, decided.result_text),
                Some(o) => {
                    let Some(result @ (VoteResult::Approved | VoteResult::Rejected)) = VoteResult::parse(o) else {
                        return Err(Error::invalid("vote.override_result", "結果は一覧から選んでください。"));
                    };
                    if override_reason.is_none() {
                        return Err(Error::invalid(
                            "vote.override_reason",
                            "計算された結果と違う結果にするときは、その理由を入力してください。",
                        ));
                    }
                    let (yes, no) = m.rules.result_words.words();
                    (result, if result == VoteResult::Approved { yes } else { no }.to_string())
                }
            }
        };
        let vote = Vote {
            id: 0,
            agenda_entry_id: m.current_entry_id,
            method,
            present: m.present,
            eligible: m.eligible,
            for_count: tally.for_count,
            against_count: tally.against_count,
            abstain_count: tally.abstain_count,
            chair_cast: chair_cast.map(|c| if c { "for" } else { "against" }.to_string()),
            result,
            result_text,
            override_reason: if input.override_result.as_deref().unwrap_or("").is_empty() {
                None
            } else {
                override_reason
            },
            void_reason,
            recorded_at: String::new(),
            deleted: false,
        };
        let rules = serde_json::to_string(&m.rules).expect("rules serialize");
        Ok((vote, rules))
    }

    /// Records a vote on the current agenda entry, with its stage notes in the record when
    /// `with_notes` (（賛成者挙手）（反対者挙手）, or as the method writes them: `VoteMethod::notes`).
    pub fn record_vote(
        &mut self,
        meeting_id: i64,
        input: &VoteInput,
        with_notes: bool,
        now: NaiveDateTime,
    ) -> Result<Vote> {
        let (vote, rules) = self.decide_vote(meeting_id, input, None)?;
        let at = format_time(now);
        let id = self.write(|tx| {
            if with_notes {
                for note in vote.method.notes() {
                    tx.execute(
                        "INSERT INTO turn (meeting_id, agenda_entry_id, position, kind, speaker, text, started_at, ended_at)
                         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM turn WHERE meeting_id = ?1), 'note', 'none', ?3, ?4, ?4)",
                        params![meeting_id, vote.agenda_entry_id, note, at],
                    )?;
                }
            }
            tx.execute(
                "INSERT INTO vote (meeting_id, agenda_entry_id, present, eligible, for_count, against_count, abstain_count,
                                   chair_cast, result, result_text, override_reason, void_reason, rules, recorded_at, method)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                params![
                    meeting_id,
                    vote.agenda_entry_id,
                    vote.present,
                    vote.eligible,
                    vote.for_count,
                    vote.against_count,
                    vote.abstain_count,
                    vote.chair_cast,
                    vote.result.as_str(),
                    vote.result_text,
                    vote.override_reason,
                    vote.void_reason,
                    rules,
                    at,
                    vote.method.as_str()
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.vote(id)
    }

    pub fn vote(&self, vote_id: i64) -> Result<Vote> {
        self.conn
            .query_row(&format!("SELECT {VOTE_COLUMNS} FROM vote WHERE id = ?1"), [vote_id], vote_from_row)
            .optional()?
            .ok_or(Error::NotFound("採決"))
    }

    /// Corrects a recorded vote's counts (a miscount found later). Decided again under the
    /// meeting's rules and the attendance recorded with it; the state before is kept.
    pub fn update_vote(&mut self, vote_id: i64, input: &VoteInput, now: NaiveDateTime) -> Result<Vote> {
        let before = self.vote(vote_id)?;
        let meeting_id: i64 =
            self.conn.query_row("SELECT meeting_id FROM vote WHERE id = ?1", [vote_id], |r| r.get(0))?;
        // The show of hands happened with the attendance of its moment, not of now.
        let (vote, _) = self.decide_vote(meeting_id, input, Some((before.present, before.eligible)))?;
        let at = format_time(now);
        self.write(|tx| {
            keep_version(tx, &before, &at, "edit")?;
            tx.execute(
                "UPDATE vote SET for_count = ?2, against_count = ?3, abstain_count = ?4, chair_cast = ?5, result = ?6,
                                 result_text = ?7, override_reason = ?8, void_reason = ?9, method = ?10 WHERE id = ?1",
                params![
                    vote_id,
                    vote.for_count,
                    vote.against_count,
                    vote.abstain_count,
                    vote.chair_cast,
                    vote.result.as_str(),
                    vote.result_text,
                    vote.override_reason,
                    vote.void_reason,
                    vote.method.as_str()
                ],
            )?;
            Ok(())
        })?;
        self.vote(vote_id)
    }

    /// Deletes a vote recoverably; the state before is kept.
    pub fn delete_vote(&mut self, vote_id: i64, now: NaiveDateTime) -> Result<Vote> {
        let before = self.vote(vote_id)?;
        let at = format_time(now);
        self.write(|tx| {
            keep_version(tx, &before, &at, "delete")?;
            tx.execute("UPDATE vote SET deleted_at = ?2 WHERE id = ?1", params![vote_id, at])?;
            Ok(())
        })?;
        self.vote(vote_id)
    }

    pub fn vote_history(&self, vote_id: i64) -> Result<Vec<Vote>> {
        let mut stmt = self.conn.prepare("SELECT snapshot FROM vote_version WHERE vote_id = ?1 ORDER BY id")?;
        let rows: Vec<String> = stmt.query_map([vote_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows.iter().filter_map(|s| serde_json::from_str(s).ok()).collect())
    }

    /// The chair's screen for a meeting; without one, the meeting in session.
    pub fn chair_view(&self, meeting_id: Option<i64>) -> Result<ChairView> {
        let id = match meeting_id {
            Some(id) => id,
            None => self
                .conn
                .query_row(
                    "SELECT id FROM meeting WHERE status = 'in_session' ORDER BY opened_at DESC LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or(Error::NotFound("開会中の会議"))?,
        };
        let m = self.meeting(id)?;
        let heading = |entry: Option<i64>| {
            m.agenda
                .iter()
                .find_map(|s| {
                    if Some(s.id) == entry {
                        return Some(format!("{} {}", s.number, s.title));
                    }
                    s.items
                        .iter()
                        .find(|i| Some(i.id) == entry)
                        .map(|i| format!("{} （{}）{}", s.title, i.number, i.title))
                })
                .unwrap_or_default()
        };
        let latest = m.votes.iter().rev().find(|v| !v.deleted).cloned();
        Ok(ChairView {
            meeting_id: m.id,
            title: m.title.clone(),
            status: m.status,
            current_item: heading(m.current_entry_id),
            current_entry_id: m.current_entry_id,
            ventilation_due_at: m.reminders.iter().find(|r| r.acknowledged_at.is_none()).map(|r| r.due_at.clone()),
            recess_since: m.recesses.last().filter(|r| r.ended_at.is_none()).map(|r| r.started_at.clone()),
            // On the day the meeting was opened (it may have been held on another day than planned).
            planned_end_at: format!(
                "{}T{}:00",
                m.opened_at.as_deref().and_then(|o| o.get(..10)).unwrap_or(&m.held_on),
                m.planned_end
            ),
            latest_vote_item: heading(latest.as_ref().and_then(|v| v.agenda_entry_id)),
            latest_vote: latest,
            present: m.present,
            membership: m.rules.membership,
            quorum: m.rules.quorum(),
            quorum_met: m.quorum_met,
            eligible: m.eligible,
            opened_at: m.opened_at.clone(),
            closed_at: m.closed_at.clone(),
            next_reminder_at: m.next_reminder_at.clone(),
        })
    }
}
