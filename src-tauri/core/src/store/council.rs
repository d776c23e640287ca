//! The council: its name, rules, roster (委員) and officials (区側／事務局).

use rusqlite::{params, OptionalExtension, Transaction};

use super::{move_row, next_position, Store};
use crate::era::Fy2019Style;
use crate::error::{Error, Result};
use crate::model::*;
use crate::validate;

/// One editable setting of a council; each saves on its own as the secretary leaves the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CouncilField {
    Name,
    Membership,
    QuorumRule,
    QuorumFixed,
    ChairVotes,
    LabelStyle,
    OfficialLabel,
    VentilationMinutes,
    Fy2019Style,
    MajorityBasis,
    OnlineCounts,
    ResultWords,
    CoverAbsent,
    Disclosure,
}

fn choice<T: Copy>(field: &'static str, value: &str, parse: fn(&str) -> Option<T>) -> Result<T> {
    parse(value).ok_or_else(|| Error::invalid(field, "一覧にある選択肢から選んでください。"))
}

/// A council's format as stored: empty is the reference format; text that does not read (written
/// past the store's API) falls back to it too, rather than leaving the council unreadable.
fn read_format(json: &str) -> crate::format::FormatProfile {
    if json.is_empty() {
        return Default::default();
    }
    serde_json::from_str(json).unwrap_or_default()
}

/// Whether `table` has `column` yet: a store being upgraded is read between migrations.
fn has_column(conn: &rusqlite::Connection, table: &str, column: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2)", [table, column], |r| {
        r.get(0)
    })?)
}

pub(super) fn load_council(conn: &rusqlite::Connection, id: i64) -> Result<Council> {
    // Migration 4 copies councils into meetings before migration 5 gives them a format: a store
    // of that schema reads as the reference format, which it was.
    let has_format = has_column(conn, "council", "format")?;
    let mut council = conn
        .query_row(
            &format!(
                "SELECT id, name, membership, quorum_rule, quorum_fixed, chair_votes, label_style,
                        official_label, ventilation_minutes, fy2019_style,
                        majority_basis, online_counts, result_words, cover_absent, disclosure, {}
                 FROM council WHERE id = ?1",
                if has_format { "format" } else { "''" }
            ),
            [id],
            |r| {
                let rule = QuorumRule::parse(&r.get::<_, String>(3)?).unwrap_or(QuorumRule::Majority);
                let membership: i64 = r.get(2)?;
                let fixed: Option<i64> = r.get(4)?;
                Ok(Council {
                    id: r.get(0)?,
                    name: super::text_column(r, 1)?.0,
                    membership,
                    quorum_rule: rule,
                    quorum_fixed: fixed,
                    quorum: rule.quorum(membership, fixed),
                    chair_votes: ChairVotes::parse(&r.get::<_, String>(5)?).unwrap_or(ChairVotes::Never),
                    label_style: LabelStyle::parse(&r.get::<_, String>(6)?).unwrap_or(LabelStyle::Role),
                    official_label: super::text_column(r, 7)?.0,
                    ventilation_minutes: r.get(8)?,
                    fy2019_style: Fy2019Style::from_setting(Some(&r.get::<_, String>(9)?)),
                    majority_basis: MajorityBasis::parse(&r.get::<_, String>(10)?)
                        .unwrap_or(MajorityBasis::PresentAndVoting),
                    online_counts: r.get(11)?,
                    result_words: ResultWords::parse(&r.get::<_, String>(12)?).unwrap_or(ResultWords::Approve),
                    cover_absent: r.get(13)?,
                    disclosure: r.get(14)?,
                    members: vec![],
                    officials: vec![],
                    format: read_format(&r.get::<_, String>(15)?),
                })
            },
        )
        .optional()?
        .ok_or(Error::NotFound("審議会"))?;
    // A member's group comes with migration 6 (a store being upgraded reads none before it).
    let has_member_group = has_column(conn, "member", "grp")?;
    let mut stmt = conn.prepare(&format!(
        "SELECT id, name, role, {} FROM member WHERE council_id = ?1 ORDER BY position",
        if has_member_group { "grp" } else { "''" }
    ))?;
    council.members = stmt
        .query_map([id], |r| {
            Ok(Member {
                id: r.get(0)?,
                name: super::text_column(r, 1)?.0,
                role: Role::parse(&r.get::<_, String>(2)?).unwrap_or(Role::Member),
                group: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // The group column comes with migration 5, as the format does (see above).
    let group = if has_format { "grp" } else { "''" };
    let mut stmt =
        conn.prepare(&format!("SELECT id, title, {group} FROM official WHERE council_id = ?1 ORDER BY position"))?;
    council.officials = stmt
        .query_map([id], |r| Ok(Official { id: r.get(0)?, title: super::text_column(r, 1)?.0, group: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(council)
}

fn council_of(tx: &Transaction, table: &str, id: i64, what: &'static str) -> Result<i64> {
    tx.query_row(&format!("SELECT council_id FROM {table} WHERE id = ?1"), [id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound(what))
}

/// A person who already sat in a meeting that has begun is part of that record and stays on the
/// roster; `link` is the table that ties them to meetings, `column` its person column.
fn refuse_if_recorded(tx: &Transaction, link: &str, column: &str, id: i64, who: &str) -> Result<()> {
    let recorded: i64 = tx.query_row(
        &format!(
            "SELECT count(*) FROM {link} a JOIN meeting m ON m.id = a.meeting_id
             WHERE a.{column} = ?1 AND m.status <> 'preparing'"
        ),
        [id],
        |r| r.get(0),
    )?;
    if recorded > 0 {
        return Err(Error::invalid(
            "roster",
            format!("この{who}は開会済みの会議の記録に出ているため、名簿から削除できません。"),
        ));
    }
    Ok(())
}

impl Store {
    pub fn create_council(&mut self, name: &str, membership: &str) -> Result<Council> {
        let name = validate::line("council.name", "審議会名", name, validate::COUNCIL_NAME_MAX, true)?;
        let membership = validate::number("council.membership", "委員定数", membership, 1, 200)?;
        let id = self.write(|tx| {
            tx.execute("INSERT INTO council (name, membership) VALUES (?1, ?2)", params![name, membership])?;
            Ok(tx.last_insert_rowid())
        })?;
        self.council(id)
    }

    pub fn council(&self, id: i64) -> Result<Council> {
        load_council(&self.conn, id)
    }

    pub fn councils(&self) -> Result<Vec<Council>> {
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM council ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.council(id)).collect()
    }

    pub fn update_council(&mut self, id: i64, field: CouncilField, value: &str) -> Result<Council> {
        let current = self.council(id)?;
        let (column, value): (&str, rusqlite::types::Value) = match field {
            CouncilField::Name => {
                ("name", validate::line("council.name", "審議会名", value, validate::COUNCIL_NAME_MAX, true)?.into())
            }
            CouncilField::Membership => {
                let n = validate::number("council.membership", "委員定数", value, 1, 200)?;
                let listed = current.members.len() as i64;
                if n < listed {
                    return Err(Error::invalid(
                        "council.membership",
                        format!("委員定数が名簿の人数（{listed}名）より少なくなっています。{listed}以上の数を入力するか、先に名簿から委員を削除してください。"),
                    ));
                }
                ("membership", n.into())
            }
            CouncilField::QuorumRule => {
                ("quorum_rule", choice("council.quorum_rule", value, QuorumRule::parse)?.as_str().to_string().into())
            }
            CouncilField::QuorumFixed => {
                let n = validate::number("council.quorum_fixed", "定足数", value, 1, current.membership)?;
                ("quorum_fixed", n.into())
            }
            CouncilField::ChairVotes => {
                ("chair_votes", choice("council.chair_votes", value, ChairVotes::parse)?.as_str().to_string().into())
            }
            CouncilField::LabelStyle => {
                ("label_style", choice("council.label_style", value, LabelStyle::parse)?.as_str().to_string().into())
            }
            CouncilField::OfficialLabel => (
                "official_label",
                validate::line("council.official_label", "区側の表記", value, validate::STAFF_LABEL_MAX, true)?.into(),
            ),
            CouncilField::VentilationMinutes => (
                "ventilation_minutes",
                validate::number("council.ventilation_minutes", "換気の間隔（分）", value, 10, 240)?.into(),
            ),
            CouncilField::MajorityBasis => (
                "majority_basis",
                choice("council.majority_basis", value, MajorityBasis::parse)?.as_str().to_string().into(),
            ),
            CouncilField::OnlineCounts => (
                "online_counts",
                match value {
                    "true" => 1i64.into(),
                    "false" => 0i64.into(),
                    _ => return Err(Error::invalid("council.online_counts", "一覧にある選択肢から選んでください。")),
                },
            ),
            CouncilField::CoverAbsent => (
                "cover_absent",
                match value {
                    "true" => 1i64.into(),
                    "false" => 0i64.into(),
                    _ => return Err(Error::invalid("council.cover_absent", "一覧にある選択肢から選んでください。")),
                },
            ),
            CouncilField::Disclosure => (
                "disclosure",
                validate::line("council.disclosure", "公開・非公開", value, validate::NAME_MAX, false)?.into(),
            ),
            CouncilField::ResultWords => {
                ("result_words", choice("council.result_words", value, ResultWords::parse)?.as_str().to_string().into())
            }
            CouncilField::Fy2019Style => {
                let style = match value {
                    "heisei" | "reiwa" => value.to_string(),
                    _ => return Err(Error::invalid("council.fy2019_style", "一覧にある選択肢から選んでください。")),
                };
                ("fy2019_style", style.into())
            }
        };
        self.write(|tx| {
            tx.execute(&format!("UPDATE council SET {column} = ?2 WHERE id = ?1"), params![id, value])?;
            Ok(())
        })?;
        self.council(id)
    }

    /// Sets a council's format (書式) as a whole, after `FormatProfile::checked`. Meetings opened
    /// before keep the format they were held under (their copy); meetings being prepared follow.
    /// Errors: `Invalid` naming the field (`format.<field>`); `NotFound` for no such council.
    pub fn set_council_format(&mut self, id: i64, profile: &crate::format::FormatProfile) -> Result<Council> {
        self.set_format_and_labels(id, profile, None)
    }

    /// A council's format, and how its speakers are labelled when `labels` says (a preset's, a
    /// file's), in one write. Errors as `set_council_format`.
    fn set_format_and_labels(
        &mut self,
        id: i64,
        profile: &crate::format::FormatProfile,
        labels: Option<LabelStyle>,
    ) -> Result<Council> {
        let profile = profile.checked()?;
        self.council(id)?;
        let json = serde_json::to_string(&profile).expect("a profile serializes");
        self.write(|tx| {
            tx.execute("UPDATE council SET format = ?2 WHERE id = ?1", params![id, json])?;
            if let Some(labels) = labels {
                tx.execute("UPDATE council SET label_style = ?2 WHERE id = ?1", params![id, labels.as_str()])?;
            }
            Ok(())
        })?;
        self.council(id)
    }

    /// Puts one of the presets (`format::PRESETS`) in place of a council's format, with the
    /// preset's labelling of speakers (by name for an assembly committee's, else by role).
    /// Errors: `Invalid` (`format.preset`) for an unknown preset; `NotFound` for no such council.
    pub fn apply_format_preset(&mut self, id: i64, preset: &str) -> Result<Council> {
        use crate::format::FormatProfile;
        let labels = FormatProfile::preset_labels(preset)?;
        self.set_format_and_labels(id, &FormatProfile::preset(preset)?, Some(labels))
    }

    /// The council's format as a shared 書式 file's text, its labelling of speakers with it.
    /// Errors: `NotFound` for no such council.
    pub fn council_format_file(&self, id: i64) -> Result<String> {
        let council = self.council(id)?;
        Ok(council.format.to_file_text(council.label_style))
    }

    /// Takes a council's format, and its labelling of speakers when the file says, from a shared
    /// 書式 file's bytes (`council_format_file`). Errors: `Invalid` (`format.file`) for a file that
    /// is not one, or a field's error; the council is left as it was.
    pub fn import_council_format(&mut self, id: i64, bytes: &[u8]) -> Result<Council> {
        let (profile, labels) = crate::format::FormatProfile::from_file_bytes(bytes)?;
        self.set_format_and_labels(id, &profile, labels)
    }

    pub fn add_member(&mut self, council_id: i64, name: &str, role: &str) -> Result<Council> {
        let name = validate::line("member.name", "委員の氏名", name, validate::NAME_MAX, true)?;
        let role = choice("member.role", role, Role::parse)?;
        let council = self.council(council_id)?;
        if council.members.len() as i64 >= council.membership {
            return Err(Error::invalid(
                "member.name",
                format!("名簿がすでに委員定数（{}名）に達しています。審議会の設定で委員定数を増やしてから追加してください。", council.membership),
            ));
        }
        self.write(|tx| {
            let pos = next_position(tx, "member", &[("council_id", Some(council_id))])?;
            tx.execute(
                "INSERT INTO member (council_id, name, role, position) VALUES (?1, ?2, ?3, ?4)",
                params![council_id, name, role.as_str(), pos],
            )?;
            let member_id = tx.last_insert_rowid();
            // Meetings still being prepared expect every member on the roster.
            tx.execute(
                "INSERT INTO attendance (meeting_id, member_id)
                 SELECT id, ?2 FROM meeting WHERE council_id = ?1 AND status = 'preparing'",
                params![council_id, member_id],
            )?;
            Ok(())
        })?;
        self.council(council_id)
    }

    pub fn update_member(&mut self, member_id: i64, name: &str, role: &str) -> Result<Council> {
        let name = validate::line("member.name", "委員の氏名", name, validate::NAME_MAX, true)?;
        let role = choice("member.role", role, Role::parse)?;
        let council_id = self.write(|tx| {
            let council_id = council_of(tx, "member", member_id, "委員")?;
            tx.execute(
                "UPDATE member SET name = ?2, role = ?3 WHERE id = ?1",
                params![member_id, name, role.as_str()],
            )?;
            Ok(council_id)
        })?;
        self.council(council_id)
    }

    pub fn remove_member(&mut self, member_id: i64) -> Result<Council> {
        let council_id = self.write(|tx| {
            let council_id = council_of(tx, "member", member_id, "委員")?;
            refuse_if_recorded(tx, "attendance", "member_id", member_id, "委員")?;
            tx.execute("DELETE FROM member WHERE id = ?1", [member_id])?;
            Ok(council_id)
        })?;
        self.council(council_id)
    }

    pub fn move_member(&mut self, member_id: i64, up: bool) -> Result<Council> {
        let council_id = self.write(|tx| {
            move_row(tx, "member", &["council_id"], member_id, up)?;
            council_of(tx, "member", member_id, "委員")
        })?;
        self.council(council_id)
    }

    pub fn add_official(&mut self, council_id: i64, title: &str) -> Result<Council> {
        let title = validate::line("official.title", "職名", title, validate::NAME_MAX, true)?;
        self.council(council_id)?;
        self.write(|tx| {
            let pos = next_position(tx, "official", &[("council_id", Some(council_id))])?;
            tx.execute(
                "INSERT INTO official (council_id, title, position) VALUES (?1, ?2, ?3)",
                params![council_id, title, pos],
            )?;
            Ok(())
        })?;
        self.council(council_id)
    }

    pub fn update_official(&mut self, official_id: i64, title: &str) -> Result<Council> {
        let title = validate::line("official.title", "職名", title, validate::NAME_MAX, true)?;
        let council_id = self.write(|tx| {
            let council_id = council_of(tx, "official", official_id, "区側の出席者")?;
            tx.execute("UPDATE official SET title = ?2 WHERE id = ?1", params![official_id, title])?;
            Ok(council_id)
        })?;
        self.council(council_id)
    }

    /// Puts an official under a group of the cover (理事者側, 議会事務局; empty for none): a cover row
    /// of officials can list one group (`CoverRow::text`). Errors: `Invalid` (`official.group`) for
    /// a text the policy refuses or longer than 20 characters; `NotFound`.
    pub fn set_official_group(&mut self, official_id: i64, group: &str) -> Result<Council> {
        let group = validate::group("official.group", group)?;
        let council_id = self.write(|tx| {
            let council_id = council_of(tx, "official", official_id, "区側の出席者")?;
            tx.execute("UPDATE official SET grp = ?2 WHERE id = ?1", params![official_id, group])?;
            Ok(council_id)
        })?;
        self.council(council_id)
    }

    /// Puts a member under a group of the cover (学識経験者, 区民委員; empty for none): a cover row
    /// of members can list one group (`CoverRow::text`), or all of them a group a line
    /// (`FormatProfile::members_by_group`). Errors: `Invalid` (`member.group`) for a text the
    /// policy refuses or longer than 20 characters; `NotFound`.
    pub fn set_member_group(&mut self, member_id: i64, group: &str) -> Result<Council> {
        let group = validate::group("member.group", group)?;
        let council_id = self.write(|tx| {
            let council_id = council_of(tx, "member", member_id, "委員")?;
            tx.execute("UPDATE member SET grp = ?2 WHERE id = ?1", params![member_id, group])?;
            Ok(council_id)
        })?;
        self.council(council_id)
    }

    pub fn remove_official(&mut self, official_id: i64) -> Result<Council> {
        let council_id = self.write(|tx| {
            let council_id = council_of(tx, "official", official_id, "区側の出席者")?;
            refuse_if_recorded(tx, "meeting_official", "official_id", official_id, "出席者")?;
            tx.execute("DELETE FROM official WHERE id = ?1", [official_id])?;
            Ok(council_id)
        })?;
        self.council(council_id)
    }

    pub fn move_official(&mut self, official_id: i64, up: bool) -> Result<Council> {
        let council_id = self.write(|tx| {
            move_row(tx, "official", &["council_id"], official_id, up)?;
            council_of(tx, "official", official_id, "区側の出席者")
        })?;
        self.council(council_id)
    }
}
