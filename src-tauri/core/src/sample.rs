//! The sample council and meeting built from the reference minutes, so a newcomer sees a real
//! meeting at once. It is data the app ships, entered through the same calls a secretary's typing
//! goes through, so it obeys every rule theirs does.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::Result;
use crate::model::Meeting;
use crate::store::{MeetingField, Store};

#[derive(Deserialize)]
struct Sample {
    council: SampleCouncil,
    members: Vec<(String, String)>,
    officials: Vec<String>,
    meeting: SampleMeeting,
    materials: Vec<(String, String)>,
    agenda: Vec<(String, Vec<String>)>,
}

#[derive(Deserialize)]
struct SampleCouncil {
    name: String,
    membership: String,
    official_label: String,
}

#[derive(Deserialize)]
struct SampleMeeting {
    held_on: String,
    ordinal: String,
    planned_start: String,
    planned_end: String,
    venue: String,
    observers: String,
}

const SAMPLE: &str = include_str!("sample.json");

impl Store {
    pub fn load_sample(&mut self) -> Result<Meeting> {
        let s: Sample = serde_json::from_str(SAMPLE).expect("the shipped sample is valid JSON");
        let council = self.create_council(&s.council.name, &s.council.membership)?;
        self.update_council(council.id, crate::store::CouncilField::OfficialLabel, &s.council.official_label)?;
        for (name, role) in &s.members {
            self.add_member(council.id, name, role)?;
        }
        for title in &s.officials {
            self.add_official(council.id, title)?;
        }
        let held_on = NaiveDate::parse_from_str(&s.meeting.held_on, "%Y-%m-%d").expect("the sample date is valid");
        let m = self.create_meeting(council.id, held_on)?;
        // The meeting is being prepared: no time is recorded for its cover or agenda.
        let prepared = held_on.and_time(chrono::NaiveTime::MIN);
        let fields = [
            (MeetingField::Ordinal, &s.meeting.ordinal),
            (MeetingField::PlannedStart, &s.meeting.planned_start),
            (MeetingField::PlannedEnd, &s.meeting.planned_end),
            (MeetingField::Venue, &s.meeting.venue),
            (MeetingField::Observers, &s.meeting.observers),
        ];
        for (field, value) in fields {
            self.update_meeting(m.id, field, value, prepared)?;
        }
        for (title, timing) in &s.materials {
            self.add_material(m.id, title, timing)?;
        }
        for (section, items) in &s.agenda {
            let added = self.add_agenda_entry(m.id, None, section, prepared)?;
            let section_id = added.agenda.last().expect("the section just added").id;
            for item in items {
                self.add_agenda_entry(m.id, Some(section_id), item, prepared)?;
            }
        }
        self.meeting(m.id)
    }
}
