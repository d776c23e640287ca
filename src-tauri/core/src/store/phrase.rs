//! Stock phrases and stage notes. The defaults are what the chair and the secretariat say again
//! and again in the reference minutes.

use rusqlite::params;

use super::Store;
use crate::error::{Error, Result};
use crate::model::{Meeting, Phrase};
use crate::validate;

/// (kind, key, text, timed). Keys are short and typed after a semicolon: ;zk then Tab.
const DEFAULTS: &[(&str, &str, &str, bool)] = &[
    ("phrase", "gj", "それでは、次第に沿って、議事を進めてまいります。", false),
    ("phrase", "zk", "続きまして、{大項目}{番号}{件名}、区から説明をお願いいたします。", false),
    ("phrase", "ar", "ありがとうございました。ただいまの説明につきまして、ご意見、ご質問等ございましたら、よろしくお願いいたします。", false),
    ("phrase", "dz", "委員どうぞ。", false),
    ("phrase", "yr", "よろしいでしょうか。", false),
    ("phrase", "sk", "それでは、採決に移ります。賛成の方、挙手をお願いいたします。", false),
    ("phrase", "hk", "反対の方、挙手をお願いいたします。", false),
    ("phrase", "jk", "採決の状況をお伝えください。", false),
    ("phrase", "vk", "賛成が{賛成}、反対が{反対}{棄権}でございます。", false),
    ("phrase", "vs", "賛成多数により、{結果}といたします。", false),
    ("phrase", "kk", "{経過}経過しましたので適宜窓を開けて換気をしていただければと思います。", false),
    ("phrase", "ij", "以上で本日予定していた議題は全て終了いたしました。", false),
    ("note", "1", "（資料により説明）", true),
    ("note", "2", "（事務局から配布資料及び機器の説明）", false),
    ("note", "3", "（賛成者挙手）", false),
    ("note", "4", "（反対者挙手）", false),
];

/// Fills {番号} （3）, {件名} the item's title and {大項目} its section's title, for the current entry,
/// and {賛成}{反対}{結果} from the latest vote; {棄権} is 「、棄権が1」 when anyone abstained and
/// nothing otherwise, so the report says what was counted (7–2–1: 賛成が7、反対が2、棄権が1);
/// {経過} is the council's ventilation interval as the chair says it (1時間, 30分, 1時間30分);
/// {署名委員} the meeting's 会議録署名委員 as the chair names them (山田委員、佐藤委員).
pub fn expand(text: &str, meeting: &Meeting) -> String {
    let current = meeting.current_entry_id;
    let (section, number, title) = meeting
        .agenda
        .iter()
        .find_map(|s| {
            if Some(s.id) == current {
                return Some((s.title.clone(), s.number.to_string(), s.title.clone()));
            }
            s.items
                .iter()
                .find(|i| Some(i.id) == current)
                .map(|i| (s.title.clone(), format!("（{}）", i.number), i.title.clone()))
        })
        .unwrap_or_default();
    let vote = meeting.votes.iter().rev().find(|v| !v.deleted);
    let (yes, no, result) = vote
        .map(|v| {
            (super::vote::spoken_count(v.for_count), super::vote::spoken_count(v.against_count), v.result_text.clone())
        })
        .unwrap_or_default();
    // 会議録署名委員 as the chair names them: 山田委員、佐藤委員 (the format's word for a member).
    let signers = meeting
        .signers
        .iter()
        .filter_map(|id| meeting.attendance.iter().find(|a| a.member_id == *id))
        .map(|a| format!("{}{}", a.name, meeting.council.format.member_title))
        .collect::<Vec<_>>()
        .join("、");
    let abstained =
        vote.filter(|v| v.abstain_count > 0).map(|v| format!("、棄権が{}", v.abstain_count)).unwrap_or_default();
    text.replace("{大項目}", &section)
        .replace("{番号}", &number)
        .replace("{件名}", &title)
        .replace("{賛成}", &yes)
        .replace("{反対}", &no)
        .replace("{結果}", &result)
        .replace("{棄権}", &abstained)
        .replace("{経過}", &spoken_interval(meeting.council.ventilation_minutes))
        .replace("{署名委員}", &signers)
}

/// 60 → 1時間, 30 → 30分, 90 → 1時間30分: an interval in minutes as it is said.
pub fn spoken_interval(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}分"),
        (h, 0) => format!("{h}時間"),
        (h, m) => format!("{h}時間{m}分"),
    }
}

/// Gives a council the phrases of the reference when it has none yet (first use, or 開会).
pub(super) fn seed(tx: &rusqlite::Transaction, council_id: i64) -> Result<()> {
    let n: i64 = tx.query_row("SELECT count(*) FROM phrase WHERE council_id = ?1", [council_id], |r| r.get(0))?;
    if n > 0 {
        return Ok(());
    }
    for (i, (kind, key, text, timed)) in DEFAULTS.iter().enumerate() {
        tx.execute(
            "INSERT INTO phrase (council_id, kind, key, text, timed, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![council_id, kind, key, text, timed, i as i64 + 1],
        )?;
    }
    Ok(())
}

impl Store {
    fn seed_phrases(&mut self, council_id: i64) -> Result<()> {
        self.write(|tx| seed(tx, council_id))
    }

    /// The council's phrases and notes, expanded for the meeting's current entry.
    pub fn phrases(&mut self, meeting_id: i64) -> Result<Vec<Phrase>> {
        let meeting = self.meeting(meeting_id)?;
        self.seed_phrases(meeting.council.id)?;
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, key, text, timed FROM phrase WHERE council_id = ?1 ORDER BY kind DESC, position",
        )?;
        let phrases = stmt
            .query_map([meeting.council.id], |r| {
                let text: String = r.get(3)?;
                Ok(Phrase {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    key: r.get(2)?,
                    expanded: expand(&text, &meeting),
                    text,
                    timed: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(phrases)
    }

    /// Adds a phrase (kind "phrase", typed as ;key) or a stage note (kind "note") to the council's list.
    pub fn add_phrase(&mut self, meeting_id: i64, kind: &str, key: &str, text: &str) -> Result<Vec<Phrase>> {
        let council_id = self.meeting(meeting_id)?.council.id;
        self.seed_phrases(council_id)?;
        if kind != "phrase" && kind != "note" {
            return Err(Error::invalid("phrase.kind", "定型文かト書きかを選んでください。"));
        }
        let key = validate::line("phrase.key", "呼び出しキー", key, 8, kind == "phrase")?;
        if key.chars().any(|c| !c.is_ascii_alphanumeric()) {
            return Err(Error::invalid("phrase.key", "呼び出しキーは半角の英数字で入力してください（例: zk）。"));
        }
        let text = validate::line("phrase.text", "定型文", text, validate::TITLE_MAX, true)?;
        self.write(|tx| {
            let taken: i64 = tx.query_row(
                "SELECT count(*) FROM phrase WHERE council_id = ?1 AND kind = ?2 AND key = ?3 AND key <> ''",
                params![council_id, kind, key],
                |r| r.get(0),
            )?;
            if taken > 0 {
                return Err(Error::invalid(
                    "phrase.key",
                    format!("呼び出しキー「{key}」はすでに使われています。別のキーにしてください。"),
                ));
            }
            tx.execute(
                "INSERT INTO phrase (council_id, kind, key, text, position)
                 VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM phrase WHERE council_id = ?1))",
                params![council_id, kind, key, text],
            )?;
            Ok(())
        })?;
        self.phrases(meeting_id)
    }

    pub fn remove_phrase(&mut self, meeting_id: i64, phrase_id: i64) -> Result<Vec<Phrase>> {
        let council_id = self.meeting(meeting_id)?.council.id;
        self.write(|tx| {
            if tx.execute("DELETE FROM phrase WHERE id = ?1 AND council_id = ?2", [phrase_id, council_id])? == 0 {
                return Err(Error::NotFound("定型文"));
            }
            Ok(())
        })?;
        self.phrases(meeting_id)
    }
}
