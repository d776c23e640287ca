//! A realistic archive for tests and `make bench`: N meetings of ten councils over ten 年度, with
//! their rosters, officials, agendas, turns recombined from a text given (the reference minutes'
//! paragraphs), votes and statuses — the same for the same seed. Built through the store's own
//! calls, so every rule and the search index apply; only fsync is off while it runs.

use chrono::{Duration, NaiveDate};

use crate::error::{Error, Result};
use crate::store::vote::VoteInput;
use crate::store::MeetingField;

const COUNCILS: [&str; 10] = [
    "情報公開・個人情報保護審議会",
    "都市計画審議会",
    "環境審議会",
    "建築審査会",
    "景観審議会",
    "子ども・子育て会議",
    "介護保険運営協議会",
    "国民健康保険運営協議会",
    "文化財保護審議会",
    "男女平等推進委員会",
];
const FAMILY: [&str; 24] = [
    "浅田", "植野", "岡田", "前田", "宮内", "森田", "河野", "関", "金井", "斉藤", "伊藤", "中村", "平谷", "塩月",
    "青木", "飯塚", "五来", "永積", "藤吉", "山田", "佐藤", "鈴木", "高橋", "田中",
];
const OFFICIALS: [&str; 8] = [
    "総務部長",
    "情報政策課長",
    "都市計画課長",
    "環境保全課長",
    "建築課長",
    "子育て支援課長",
    "介護保険課長",
    "文化財係長",
];
const SECTIONS: [&str; 5] = ["会長あいさつ", "諮問事項", "報告事項", "審議事項", "その他"];

/// What was built: meetings and turns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generated {
    pub meetings: usize,
    pub turns: usize,
}

/// Words to look up in an archive generated from `material`, for `make bench` (the core's search
/// and the window's, beside grep): `per_length` words of each length from 1 to 10 characters,
/// cut at random from `material`'s lines, so that each is found; none holds a space, ASCII
/// punctuation or 、。「」（）. The same seed gives the same words, in order of length.
/// Loops for ever on material without a line longer than 10 characters that has such words.
pub fn words_to_look_up(material: &[String], per_length: usize, seed: u64) -> Vec<String> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut words = Vec::new();
    for len in 1..=10 {
        let mut n = 0;
        while n < per_length {
            let p: Vec<char> = material[rng.usize(..material.len())].chars().collect();
            if p.len() <= len {
                continue;
            }
            let at = rng.usize(..p.len() - len);
            let w: String = p[at..at + len].iter().collect();
            if w.chars().any(|c| c.is_whitespace() || c.is_ascii_punctuation() || "、。「」（）".contains(c)) {
                continue;
            }
            words.push(w);
            n += 1;
        }
    }
    words
}

/// A line of minutes as words: tags and character references taken off, a leading speaker label
/// (会長, 委員, 区側 and the like, then a space or tab) and markdown marks removed.
fn words_of(line: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in line.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(if c == '\t' { ' ' } else { c }),
            _ => {}
        }
    }
    let out = out.replace("&lt;", "＜").replace("&gt;", "＞").replace("&amp;", "＆").replace("&quot;", "”");
    let out = out.trim_start_matches('#').trim();
    let out = ["会長", "副会長", "委員", "区側", "事務局"]
        .iter()
        .find_map(|label| out.strip_prefix(label).filter(|rest| rest.starts_with([' ', '　'])).map(str::trim))
        .unwrap_or(out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl super::Store {
    /// Adds `meetings` meetings to this store, spread over ten councils and the 年度 2016–2025,
    /// each with 4–12 agenda entries and 80–380 turns (about 230 on average) whose words are 1–3
    /// paragraphs of `material` (the reference minutes' paragraphs, say), votes on some items,
    /// and most of them 確定. The same seed gives the same archive.
    /// Errors: `Invalid` (`generate`) for a store that already holds a council (a secretary's
    /// record must never be mixed with made-up meetings, which are 確定 and hard to take out) and
    /// for empty material; any store error.
    pub fn generate_archive(&mut self, material: &[String], meetings: usize, seed: u64) -> Result<Generated> {
        self.generate_archive_telling(material, meetings, seed, |_, _| {})
    }

    /// `generate_archive`, telling `progress` (meetings made, meetings asked for) after each
    /// meeting: a thousand take a minute, which `shoki generate` shows on a terminal.
    pub fn generate_archive_telling(
        &mut self,
        material: &[String],
        meetings: usize,
        seed: u64,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<Generated> {
        if !self.is_empty()? {
            return Err(crate::error::Error::invalid(
                "generate",
                "この記録フォルダにはすでに審議会や会議があります。試験用の会議録は、空の記録フォルダにだけつくります（SHOKI_DATA_DIR に新しいフォルダを指定してください）。",
            ));
        }
        // Words only, as the turn box would take them: markup (<p>…</p>, &lt;) and a speaker's
        // label at the start of a line (会長, 委員, 区側) are taken off; short lines left out.
        let material: Vec<String> = material
            .iter()
            .filter_map(|p| {
                let words = words_of(p);
                if words.chars().count() < 10 {
                    return None;
                }
                crate::validate::text_policy("generate", "文", &words, 2000, true, crate::validate::Shape::Paragraphs)
                    .ok()
            })
            .collect();
        if material.is_empty() {
            return Err(Error::invalid(
                "generate",
                "会議録を組み立てる文がありません。文の入ったテキストを指定してください。",
            ));
        }
        let mut rng = fastrand::Rng::with_seed(seed);
        // Durability is not what a generated archive needs; speed is. Restored at the end.
        self.conn.pragma_update(None, "synchronous", "OFF")?;
        let mut councils = Vec::new();
        for (i, name) in COUNCILS.iter().enumerate() {
            let size = rng.usize(8..=21);
            let c = self.create_council(name, &size.to_string())?;
            for k in 0..size {
                let role = match k {
                    0 => "chair",
                    1 => "vice_chair",
                    _ => "member",
                };
                let family = FAMILY[(k + i * 3) % FAMILY.len()];
                self.add_member(c.id, &format!("{family}{}", ["", "　一郎", "　花子", "　次郎"][k % 4]), role)?;
            }
            for k in 0..rng.usize(3..=7) {
                self.add_official(c.id, OFFICIALS[(k + i) % OFFICIALS.len()])?;
            }
            councils.push(c.id);
        }
        let mut turns = 0;
        for n in 0..meetings {
            let council = councils[n % councils.len()];
            // Spread over ten 年度, in date order within each council.
            let day = NaiveDate::from_ymd_opt(2016, 4, 1).expect("a date")
                + Duration::days((n as i64 * 3650 / meetings.max(1) as i64) + rng.i64(0..3));
            let m = self.create_meeting(council, day)?;
            let prep = day.and_hms_opt(9, 0, 0).expect("a time");
            self.update_meeting(m.id, MeetingField::Venue, "区役所本庁舎会議室", prep)?;
            let mut m = m;
            for s in 0..rng.usize(2..=4) {
                m = self.add_agenda_entry(m.id, None, SECTIONS[s % SECTIONS.len()], prep)?;
                let section = m.agenda.last().expect("the section just added").id;
                for k in 0..rng.usize(0..=3) {
                    let words = &material[rng.usize(..material.len())];
                    let title: String = words.chars().filter(|c| !c.is_whitespace()).take(24).collect();
                    let title = title.trim_start_matches(|c: char| c.is_ascii_digit() || "（）()".contains(c));
                    let title =
                        if title.is_empty() { format!("議題{}", k + 1) } else { format!("{title}について") };
                    m = self.add_agenda_entry(m.id, Some(section), &title, prep)?;
                }
            }
            let start = day.and_hms_opt(14, 0, 0).expect("a time");
            self.open_meeting(m.id, start)?;
            let leaves = self.meeting(m.id)?.leaves().len();
            let count = rng.usize(80..=380);
            let mut at = start;
            let mut entry = 0;
            for t in 0..count {
                at += Duration::seconds(rng.i64(10..60));
                // Move on through the agenda as the meeting goes.
                if entry + 1 < leaves && t * leaves / count > entry {
                    self.advance_agenda(m.id, at)?;
                    entry += 1;
                    if rng.u8(..4) == 0 {
                        let input = VoteInput { method: Some("no_objection".into()), ..Default::default() };
                        self.record_vote(m.id, &input, true, at)?;
                    }
                }
                let speaker = ["chair", "member", "member", "official", "chair"][rng.usize(..5)];
                let words: Vec<&str> =
                    (0..rng.usize(1..=3)).map(|_| material[rng.usize(..material.len())].as_str()).collect();
                self.add_turn(m.id, speaker, &words.join("\n"), at)?;
                turns += 1;
            }
            self.close_meeting(m.id, at + Duration::minutes(1))?;
            if rng.u8(..10) < 8 {
                self.mark_draft(m.id, at + Duration::days(7))?;
                self.finalize_meeting(m.id, at + Duration::days(21))?;
            }
            progress(n + 1, meetings);
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        Ok(Generated { meetings, turns })
    }
}
