//! 閉会 → 案 → 確定: the draft goes out to every attendee for correction; corrections are ordinary
//! edits whose earlier versions are kept; 確定 locks the meeting (in the store, by triggers), and
//! reopening it needs a reason, which is recorded.

use chrono::NaiveDateTime;
use rusqlite::params;
use serde::Serialize;

use super::live::format_time;
use super::Store;
use crate::error::{Error, Result};
use crate::model::{Meeting, MeetingStatus};
use crate::validate;

/// One correction made after the draft was sent out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Correction {
    pub turn_id: i64,
    pub action: String,
    pub before: String,
    pub now: String,
    pub deleted: bool,
    pub at: String,
    /// Who asked for it, when the secretary said (an attendee returning the draft).
    pub requested_by: Option<String>,
}

/// One step of 閉会 → 案 → 確定 (or back, with its reason).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusChange {
    pub from: String,
    pub to: String,
    pub reason: Option<String>,
    pub at: String,
}

impl Store {
    fn change_status(
        &mut self,
        meeting_id: i64,
        from: &[MeetingStatus],
        to: MeetingStatus,
        reason: Option<String>,
        now: NaiveDateTime,
    ) -> Result<Meeting> {
        let m = self.meeting(meeting_id)?;
        if !from.contains(&m.status) {
            let need = match to {
                MeetingStatus::Draft => "閉会した会議だけを案として配布済みにできます。",
                MeetingStatus::Final => "案として配布した会議だけを確定できます。",
                _ => "この操作は今の状態ではできません。",
            };
            return Err(Error::invalid("meeting.status", need));
        }
        let at = format_time(now);
        let column = match to {
            MeetingStatus::Draft if m.status != MeetingStatus::Final => Some("draft_at"),
            MeetingStatus::Final => Some("finalized_at"),
            _ => None,
        };
        self.write(|tx| {
            if m.status == MeetingStatus::Final {
                // Reopening is one statement carrying its reason and time; the store records it
                // in status_change itself (a trigger), and refuses it without a reason.
                tx.execute(
                    "UPDATE meeting SET status = ?2, reopen_reason = ?3, reopened_at = ?4 WHERE id = ?1",
                    params![meeting_id, to.as_str(), reason, at],
                )?;
                return Ok(());
            }
            tx.execute(
                "INSERT INTO status_change (meeting_id, from_status, to_status, reason, changed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![meeting_id, m.status.as_str(), to.as_str(), reason, at],
            )?;
            // One statement: once the status reads final, the store's lock refuses any further update.
            match column {
                Some(column) => tx.execute(
                    &format!("UPDATE meeting SET status = ?2, {column} = ?3 WHERE id = ?1"),
                    params![meeting_id, to.as_str(), at],
                )?,
                None => tx.execute("UPDATE meeting SET status = ?2 WHERE id = ?1", params![meeting_id, to.as_str()])?,
            };
            Ok(())
        })?;
        self.meeting(meeting_id)
    }

    /// 案: the draft has been sent out; corrections from here on are listed.
    pub fn mark_draft(&mut self, meeting_id: i64, now: NaiveDateTime) -> Result<Meeting> {
        self.change_status(meeting_id, &[MeetingStatus::Closed], MeetingStatus::Draft, None, now)
    }

    /// 確定: the minutes are final and locked.
    pub fn finalize_meeting(&mut self, meeting_id: i64, now: NaiveDateTime) -> Result<Meeting> {
        self.change_status(meeting_id, &[MeetingStatus::Draft], MeetingStatus::Final, None, now)
    }

    /// Reopens final minutes for correction; the reason is kept with the change.
    pub fn reopen_meeting(&mut self, meeting_id: i64, reason: &str, now: NaiveDateTime) -> Result<Meeting> {
        let reason = validate::line("meeting.reopen_reason", "確定を解除する理由", reason, validate::TITLE_MAX, true)?;
        self.change_status(meeting_id, &[MeetingStatus::Final], MeetingStatus::Draft, Some(reason), now)
    }

    /// Every change of status with its reason, oldest first.
    pub fn status_changes(&self, meeting_id: i64) -> Result<Vec<StatusChange>> {
        let mut stmt = self.conn.prepare(
            "SELECT from_status, to_status, reason, changed_at FROM status_change WHERE meeting_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([meeting_id], |r| {
                Ok(StatusChange { from: r.get(0)?, to: r.get(1)?, reason: r.get(2)?, at: r.get(3)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// What changed in the record since the draft was sent out, oldest first.
    pub fn corrections_since_draft(&self, meeting_id: i64) -> Result<Vec<Correction>> {
        let mut stmt = self.conn.prepare(
            "SELECT v.turn_id, v.action, v.text, t.text, t.deleted_at IS NOT NULL, v.replaced_at, v.requested_by
             FROM turn_version v JOIN turn t ON t.id = v.turn_id JOIN meeting m ON m.id = t.meeting_id
             WHERE t.meeting_id = ?1 AND m.draft_at IS NOT NULL AND v.replaced_at >= m.draft_at
             ORDER BY v.id",
        )?;
        let rows = stmt
            .query_map([meeting_id], |r| {
                Ok(Correction {
                    turn_id: r.get(0)?,
                    action: r.get(1)?,
                    before: r.get(2)?,
                    now: r.get(3)?,
                    deleted: r.get(4)?,
                    at: r.get(5)?,
                    requested_by: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
