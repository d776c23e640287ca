//! Import is typing: every field of every record of a meeting file goes through the same checks
//! as the screens give it (`validate::text_policy`, `validate::number`, the agenda-title rule, the
//! choices of the model), before anything is written. A failure names the record and the field
//! (「発言 12 の内容」) and leaves the store as it was. A colleague's file, a file edited in
//! Notepad, or one written by hand must not put into the store what the keyboard could not.

use chrono::NaiveTime;

use super::live::{note_text, parse_time, turn_text};
use super::transfer::MeetingFile;
use super::Store;
use crate::error::{Error, Result};
use crate::model::*;
use crate::validate::{self, Shape};

/// The byte order mark Notepad puts before UTF-8; JSON itself has none (RFC 8259 §8.1 lets a
/// reader ignore it).
const BOM: &[u8] = b"\xEF\xBB\xBF";

impl Store {
    /// Imports a meeting file as read from disk (`shoki import`): a UTF-8 BOM is skipped and CRLF
    /// line ends are whitespace to JSON, so a file saved by Notepad imports like the original.
    /// Answers the new meeting's id; errors as `Store::import_meeting`.
    pub fn import_file(&mut self, bytes: &[u8]) -> Result<i64> {
        self.import_meeting(bytes.strip_prefix(BOM).unwrap_or(bytes))
    }
}

/// An error of one field of one record, told as the import's: where it is, what is wrong, and that
/// nothing was imported.
fn at(e: Error) -> Error {
    match e {
        Error::Invalid { message, .. } => Error::invalid(
            "import",
            format!("読み込むファイルの内容が正しくありません。{message}（ファイルを直してから、もう一度読み込んでください。何も読み込んでいません。）"),
        ),
        e => e,
    }
}

fn invalid(message: String) -> Error {
    at(Error::invalid("import", message))
}

/// A text field: it must pass the text policy and be exactly what the policy would have stored
/// (trimmed, one kind of line end), as a file written by Shoki always is.
fn text(label: &str, value: &str, max: usize, required: bool, shape: Shape) -> Result<()> {
    let typed = validate::text_policy("import", label, value, max, required, shape).map_err(at)?;
    if typed != value {
        return Err(invalid(format!("{label}の前後の空白や改行の形が、書記で入力したときの形と違います。")));
    }
    Ok(())
}

fn line(label: &str, value: &str, max: usize, required: bool) -> Result<()> {
    text(label, value, max, required, Shape::Line)
}

fn number(label: &str, value: i64, min: i64, max: i64) -> Result<()> {
    if value < min || value > max {
        return Err(invalid(format!("{label}は{min}から{max}までの数でなければなりません（いま{value}）。")));
    }
    Ok(())
}

fn choice<T>(label: &str, value: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T> {
    parse(value).ok_or_else(|| invalid(format!("{label}「{value}」は書記の選択肢にありません。")))
}

/// A moment as the store writes it (2021-12-13T14:00:30, zero-padded): read back, it must be
/// written the same, so that moments compare in order as text.
fn moment(label: &str, value: &str) -> Result<()> {
    match parse_time(value) {
        Ok(t) if super::live::format_time(t) == value => Ok(()),
        _ => Err(invalid(format!("{label}の時刻「{value}」を読めません。"))),
    }
}

fn moment_opt(label: &str, value: &Option<String>) -> Result<()> {
    value.as_deref().map_or(Ok(()), |v| moment(label, v))
}

/// 14:00 as stored: what `validate::time` accepts, written back the same.
/// A later moment that must not come before an earlier one (退席 after 到着, 閉会 after 開会 …).
fn in_order(label: &str, earlier: &Option<String>, later: &Option<String>) -> Result<()> {
    if let (Some(a), Some(b)) = (earlier, later) {
        if b < a {
            return Err(invalid(format!("{label}（{b}）が、その前の時刻（{a}）より前になっています。")));
        }
    }
    Ok(())
}

fn clock(label: &str, value: &str) -> Result<()> {
    let t = validate::time("import", label, value).map_err(at)?;
    if NaiveTime::format(&t, "%H:%M").to_string() != value {
        return Err(invalid(format!("{label}「{value}」は 14:00 の形でなければなりません。")));
    }
    Ok(())
}

/// The words of a turn (or of one of its earlier versions) as the live screen would store them.
fn words(label: &str, kind: TurnKind, value: &str) -> Result<()> {
    let typed = match kind {
        TurnKind::Note => note_text(value),
        TurnKind::Speech => turn_text(value),
    }
    .map_err(|e| at(relabel(e, label)))?;
    if typed != value {
        return Err(invalid(format!("{label}の前後の空白や改行、括弧の形が、書記で入力したときの形と違います。")));
    }
    Ok(())
}

/// The live screen's messages say 発言; an import's say which one.
fn relabel(e: Error, label: &str) -> Error {
    match e {
        Error::Invalid { field, message } => Error::invalid(field, format!("{label}：{message}")),
        e => e,
    }
}

/// Checks every field of every record of `file` as the screens would; the first failure is
/// answered as `Error::Invalid` (field `import`) naming the record (1-based, as a person counts)
/// and the field. Cross-references (agenda entries, members, officials) are checked by the
/// import itself as it resolves them.
pub(super) fn check(file: &MeetingFile) -> Result<()> {
    let c = &file.council;
    line("審議会名", &c.name, validate::COUNCIL_NAME_MAX, true)?;
    number("委員定数", c.membership, 1, 200)?;
    let rule = choice("定足数の決め方", &c.quorum_rule, QuorumRule::parse)?;
    if let Some(n) = c.quorum_fixed {
        number("定足数", n, 1, c.membership)?;
    } else if rule == QuorumRule::Fixed {
        return Err(invalid("定足数を人数で決める審議会に、定足数の人数がありません。".into()));
    }
    choice("会長の採決", &c.chair_votes, ChairVotes::parse)?;
    choice("発言者の表記", &c.label_style, LabelStyle::parse)?;
    line("区側の表記", &c.official_label, validate::STAFF_LABEL_MAX, true)?;
    number("換気の間隔（分）", c.ventilation_minutes, 10, 240)?;
    choice("2019年度の表記", &c.fy2019_style, |s| matches!(s, "heisei" | "reiwa").then_some(()))?;
    choice("過半数の数え方", &c.majority_basis, MajorityBasis::parse)?;
    choice("結果の言葉", &c.result_words, ResultWords::parse)?;
    line("公開・非公開", &c.disclosure, validate::NAME_MAX, false)?;
    // The format as the settings would take it: the same check, the same message.
    c.format.checked().map_err(|e| invalid(format!("書式：{e}")))?;
    for (i, (name, role)) in c.members.iter().enumerate() {
        line(&format!("委員 {} の氏名", i + 1), name, validate::NAME_MAX, true)?;
        choice(&format!("委員 {} の役職", i + 1), role, Role::parse)?;
    }
    let signers = &file.meeting.signers;
    let twice = signers.iter().enumerate().any(|(i, p)| signers[..i].contains(p));
    if signers.len() > 3 || twice || signers.iter().any(|&p| p >= c.members.len()) {
        return Err(invalid("会議録署名委員が、名簿の委員3人までになっていません。".into()));
    }
    if !c.official_groups.is_empty() && c.official_groups.len() != c.officials.len() {
        return Err(invalid("区側の出席者の区分の数が、出席者の数と合いません。".into()));
    }
    if !c.member_groups.is_empty() && c.member_groups.len() != c.members.len() {
        return Err(invalid("委員の区分の数が、名簿の委員の数と合いません。".into()));
    }
    // Groups as the settings take them: the same check, the same message, with where it is.
    for (whose, groups) in [("委員", &c.member_groups), ("区側", &c.official_groups)] {
        for (i, group) in groups.iter().enumerate() {
            if validate::group("import", group).map_err(at)? != *group {
                return Err(invalid(format!(
                    "{whose} {} の区分の前後の空白が、書記で入力したときの形と違います。",
                    i + 1
                )));
            }
        }
    }
    for (i, title) in c.officials.iter().enumerate() {
        line(&format!("区側 {} の職名", i + 1), title, validate::NAME_MAX, true)?;
    }
    // What 審議会の設定 holds to: no more members than the membership, at most one 会長.
    if c.members.len() as i64 > c.membership {
        return Err(invalid(format!("名簿の{}名が委員定数{}名を超えています。", c.members.len(), c.membership)));
    }
    let chairs = c.members.iter().filter(|(_, role)| role == "chair").count();
    for (i, (kind, key, phrase, _)) in c.phrases.iter().enumerate() {
        let n = i + 1;
        choice(&format!("定型文 {n} の種類"), kind, |s| matches!(s, "phrase" | "note").then_some(()))?;
        line(&format!("定型文 {n} の呼び出しキー"), key, 8, kind == "phrase")?;
        // As the phrase editor holds: ASCII letters and digits, one key per kind.
        if key.chars().any(|ch| !ch.is_ascii_alphanumeric()) {
            return Err(invalid(format!("定型文 {n} の呼び出しキー「{key}」は半角の英数字ではありません。")));
        }
        if !key.is_empty() && c.phrases[..i].iter().any(|(k, other, _, _)| k == kind && other == key) {
            return Err(invalid(format!("定型文 {n} の呼び出しキー「{key}」が重なっています。")));
        }
        line(&format!("定型文 {n} の文"), phrase, validate::TITLE_MAX, true)?;
    }

    let m = &file.meeting;
    number("年度", m.fiscal_year, 1873, 2200)?;
    number("第N回の番号", m.ordinal, 1, validate::ORDINAL_MAX)?;
    validate::date("import", "開催日", &m.held_on).map_err(at)?;
    clock("開始時刻", &m.planned_start)?;
    clock("終了時刻", &m.planned_end)?;
    line("会場", &m.venue, validate::VENUE_MAX, false)?;
    number("傍聴者の人数", m.observers, 0, 999)?;
    choice("会議の状態", &m.status, MeetingStatus::parse)?;
    for (label, value) in
        [("開会", &m.opened_at), ("閉会", &m.closed_at), ("案にした", &m.draft_at), ("確定した", &m.finalized_at)]
    {
        moment_opt(&format!("{label}時刻"), value)?;
    }
    // What the cover and the live meeting hold to.
    let held_on = validate::date("import", "開催日", &m.held_on).map_err(at)?;
    if m.fiscal_year != crate::era::fiscal_year(held_on) as i64 {
        return Err(invalid(format!("年度（{}）が開催日 {} の年度と合いません。", m.fiscal_year, m.held_on)));
    }
    if m.planned_end <= m.planned_start {
        return Err(invalid("終了時刻が開始時刻より前になっています。".into()));
    }
    in_order("閉会時刻", &m.opened_at, &m.closed_at)?;
    let status = choice("会議の状態", &m.status, MeetingStatus::parse)?;
    let opened = status != MeetingStatus::Preparing;
    if opened && m.opened_at.is_none() {
        return Err(invalid("開会した会議に開会時刻がありません。".into()));
    }
    let reached = |to: &str| file.status_changes.iter().any(|(_, t, _, _)| t == to);
    match status {
        MeetingStatus::Final if m.finalized_at.is_none() || !reached("final") => {
            return Err(invalid("確定した会議に、確定した時刻と記録がありません。".into()))
        }
        MeetingStatus::Draft if m.draft_at.is_none() || !reached("draft") => {
            return Err(invalid("案として配布した会議に、その時刻と記録がありません。".into()))
        }
        MeetingStatus::Closed | MeetingStatus::Draft | MeetingStatus::Final if m.closed_at.is_none() => {
            return Err(invalid("閉会した会議に閉会時刻がありません。".into()))
        }
        _ => {}
    }
    if opened && chairs > 1 {
        return Err(invalid(format!("名簿に会長が{chairs}人います。")));
    }
    if opened && chairs == 0 && c.chair_votes != "always" {
        return Err(invalid("会長が採決に加わらない審議会の、開会した会議の名簿に会長がいません。".into()));
    }

    for (s, section) in file.agenda.iter().enumerate() {
        let label = format!("会議次第 {} の件名", s + 1);
        line(&label, &section.title, validate::TITLE_MAX, true)?;
        validate::without_agenda_number("import", &section.title).map_err(|e| at(relabel(e, &label)))?;
        moment_opt(&label, &section.started_at)?;
        moment_opt(&label, &section.finished_at)?;
        for (i, (title, started_at, finished_at)) in section.items.iter().enumerate() {
            let label = format!("会議次第 {}（{}）の件名", s + 1, i + 1);
            line(&label, title, validate::TITLE_MAX, true)?;
            validate::without_agenda_number("import", title).map_err(|e| at(relabel(e, &label)))?;
            moment_opt(&label, started_at)?;
            moment_opt(&label, finished_at)?;
        }
    }
    for (i, (title, timing)) in file.materials.iter().enumerate() {
        line(&format!("配付資料 {} の資料名", i + 1), title, validate::TITLE_MAX, true)?;
        choice(&format!("配付資料 {} の配付時期", i + 1), timing, MaterialTiming::parse)?;
    }
    for a in &file.attendance {
        let label = format!("委員 {} の出欠", a.member + 1);
        choice(&label, &a.status, AttendanceStatus::parse)?;
        moment_opt(&label, &a.arrived_at)?;
        moment_opt(&label, &a.left_at)?;
        in_order(&format!("{label}の退席時刻"), &a.arrived_at, &a.left_at)?;
    }

    for (i, t) in file.turns.iter().enumerate() {
        let n = i + 1;
        let kind = choice(&format!("発言 {n} の種類"), &t.kind, TurnKind::parse)?;
        choice(&format!("発言 {n} の発言者"), &t.speaker, Speaker::parse)?;
        words(&format!("発言 {n} の内容"), kind, &t.text)?;
        moment(&format!("発言 {n} の開始"), &t.started_at)?;
        moment_opt(&format!("発言 {n} の終了"), &t.ended_at)?;
        moment_opt(&format!("発言 {n} の削除"), &t.deleted_at)?;
        in_order(&format!("発言 {n} の終了"), &Some(t.started_at.clone()), &t.ended_at)?;
        // Who spoke fits the kind of speaker, as the screen records it.
        let who_fits = match t.speaker.as_str() {
            "official" => t.member.is_none(),
            "none" => t.member.is_none() && t.official.is_none(),
            _ => t.official.is_none(),
        };
        if !who_fits {
            return Err(invalid(format!("発言 {n} の発言者と、発言した人の種類が合いません。")));
        }
        for (v, (_, speaker, text, deleted_at, replaced_at, action)) in t.versions.iter().enumerate() {
            let label = format!("発言 {n} の修正前 {}", v + 1);
            choice(&format!("{label}の発言者"), speaker, Speaker::parse)?;
            words(&format!("{label}の内容"), kind, text)?;
            moment_opt(&label, deleted_at)?;
            moment(&label, replaced_at)?;
            line(&format!("{label}の操作"), action, 20, true)?;
        }
        for (v, who) in &t.requested {
            if *v >= t.versions.len() {
                return Err(invalid(format!("発言 {n} の修正の依頼者が、どの修正のものか分かりません。")));
            }
            line(&format!("発言 {n} の修正 {} の依頼者", v + 1), who, validate::NAME_MAX, true)?;
        }
    }

    for (i, v) in file.votes.iter().enumerate() {
        let n = i + 1;
        let (present, eligible, yes, no, abstain) = v.counts;
        number(&format!("採決 {n} の出席者数"), present, 0, 999)?;
        number(&format!("採決 {n} の採決に加わる委員数"), eligible, 0, present)?;
        for (label, count) in [("賛成", yes), ("反対", no), ("棄権", abstain)] {
            number(&format!("採決 {n} の{label}"), count, 0, eligible)?;
        }
        let result = choice(&format!("採決 {n} の結果"), &v.result, VoteResult::parse)?;
        let method = choice(&format!("採決 {n} の方法"), &v.method, crate::model::VoteMethod::parse)?;
        // The rule the vote panel holds to: a show of hands counts everyone who votes; a 不成立
        // has its reason and records a count only if it adds up; 異議なし counts nobody and
        // carries the motion.
        let counted = yes + no + abstain;
        if method == crate::model::VoteMethod::NoObjection && result != VoteResult::Void {
            if counted != 0 || result != VoteResult::Approved || v.chair_cast.is_some() {
                return Err(invalid(format!(
                    "採決 {n} は異議なしの決定ですが、人数か結果が異議なしの決定と合いません。"
                )));
            }
            continue;
        }
        let adds_up = counted == eligible || (result == VoteResult::Void && counted == 0);
        if !adds_up {
            return Err(invalid(format!(
                "採決 {n} の賛成{yes}・反対{no}・棄権{abstain}の合計が、採決に加わる委員{eligible}名と合いません。"
            )));
        }
        if result == VoteResult::Void && v.void_reason.is_none() {
            return Err(invalid(format!("採決 {n} は不成立ですが、その理由がありません。")));
        }
        let cast = match v.chair_cast.as_deref() {
            Some(cast) => Some(choice(&format!("採決 {n} の会長の決"), cast, |s| match s {
                "for" => Some(true),
                "against" => Some(false),
                _ => None,
            })?),
            None => None,
        };
        // The result is what the rules the vote was held under decide from its count — or, with
        // a recorded reason, what the chair declared instead — in the words of those rules.
        let rules: crate::rules::Rules = serde_json::from_str(&v.rules)
            .map_err(|_| invalid(format!("採決 {n} の決まり（定足数・過半数）を読めません。")))?;
        let (yes_word, no_word) = rules.result_words.words();
        if result != VoteResult::Void {
            if v.override_reason.is_none() {
                let tally = crate::rules::Tally { for_count: yes, against_count: no, abstain_count: abstain };
                let decided =
                    rules.decide(tally, present, eligible, cast).map_err(|e| relabel(e, &format!("採決 {n}")))?;
                if decided.result != result {
                    return Err(invalid(format!(
                        "採決 {n} の結果「{}」が、賛成{yes}・反対{no}・棄権{abstain}から決まる「{}」と合いません。",
                        v.result_text, decided.result_text
                    )));
                }
            }
            let word = if result == VoteResult::Approved { yes_word } else { no_word };
            if v.result_text != word {
                return Err(invalid(format!(
                    "採決 {n} の結果の言葉「{}」が、この審議会の「{word}」と合いません。",
                    v.result_text
                )));
            }
        }
        line(&format!("採決 {n} の結果の言葉"), &v.result_text, validate::NAME_MAX, true)?;
        for (label, reason) in [("結果を訂正した理由", &v.override_reason), ("不成立の理由", &v.void_reason)]
        {
            if let Some(reason) = reason {
                line(&format!("採決 {n} の{label}"), reason, validate::TITLE_MAX, true)?;
            }
        }
        moment(&format!("採決 {n} の時刻"), &v.recorded_at)?;
        moment_opt(&format!("採決 {n} の取消"), &v.deleted_at)?;
        for (k, (snapshot, replaced_at, action)) in v.versions.iter().enumerate() {
            let label = format!("採決 {n} の訂正前 {}", k + 1);
            serde_json::from_str::<Vote>(snapshot).map_err(|_| invalid(format!("{label}の記録を読めません。")))?;
            moment(&label, replaced_at)?;
            line(&format!("{label}の操作"), action, 20, true)?;
        }
    }
    for (i, (due_at, fired_at, acknowledged_at)) in file.reminders.iter().enumerate() {
        let label = format!("換気の知らせ {}", i + 1);
        moment(&label, due_at)?;
        moment(&label, fired_at)?;
        moment_opt(&label, acknowledged_at)?;
        in_order(&format!("{label}の確認"), &Some(due_at.clone()), acknowledged_at)?;
    }
    for (i, (started_at, ended_at)) in file.recesses.iter().enumerate() {
        let label = format!("休憩 {}", i + 1);
        moment(&label, started_at)?;
        moment_opt(&format!("{label}の再開"), ended_at)?;
        in_order(&format!("{label}の再開"), &Some(started_at.clone()), ended_at)?;
    }
    if let Some((speaker, draft, started_at, saved_at)) = &file.draft {
        choice("入力中の発言の発言者", speaker, Speaker::parse)?;
        text("入力中の発言", draft, super::live::TURN_MAX, false, Shape::Draft)?;
        moment("入力中の発言", started_at)?;
        moment("入力中の発言", saved_at)?;
    }
    for (i, (from, to, reason, changed_at)) in file.status_changes.iter().enumerate() {
        let label = format!("状態の変更 {}", i + 1);
        choice(&label, from, MeetingStatus::parse)?;
        choice(&label, to, MeetingStatus::parse)?;
        if let Some(reason) = reason {
            line(&format!("{label}の理由"), reason, validate::TITLE_MAX, true)?;
        }
        moment(&label, changed_at)?;
    }
    // The history an opened meeting keeps: checked like what it records.
    for (i, (_, added_at)) in file.added_entries.iter().enumerate() {
        moment(&format!("追加した議題 {}", i + 1), added_at)?;
    }
    for (i, (_, title, replaced_at, action)) in file.agenda_versions.iter().enumerate() {
        let label = format!("議題の件名の訂正前 {}", i + 1);
        line(&label, title, validate::TITLE_MAX, true)?;
        moment(&label, replaced_at)?;
        line(&format!("{label}の操作"), action, 20, true)?;
    }
    for (i, (field, before, replaced_at)) in file.meeting_versions.iter().enumerate() {
        let label = format!("表紙の訂正前 {}", i + 1);
        serde_json::from_value::<super::MeetingField>(serde_json::Value::String(field.clone()))
            .map_err(|_| invalid(format!("{label}の項目「{field}」が正しくありません。")))?;
        line(&label, before, validate::TITLE_MAX, false)?;
        moment(&label, replaced_at)?;
    }
    for (i, (member, status, arrived_at, left_at, replaced_at, action, reason)) in
        file.attendance_versions.iter().enumerate()
    {
        let label = format!("出欠の訂正前 {}", i + 1);
        if *member >= file.council.members.len() {
            return Err(invalid(format!("{label}の委員が名簿にありません。")));
        }
        choice(&label, status, AttendanceStatus::parse)?;
        moment_opt(&label, arrived_at)?;
        moment_opt(&label, left_at)?;
        moment(&label, replaced_at)?;
        line(&format!("{label}の操作"), action, 20, true)?;
        if let Some(reason) = reason {
            line(&format!("{label}の理由"), reason, validate::TITLE_MAX, true)?;
        }
        if !matches!(action.as_str(), "status" | "correct") {
            return Err(invalid(format!("{label}の操作「{action}」は書記のものではありません。")));
        }
    }
    whole_meeting(file)
}

/// What holds across the records of one meeting, as the live screen makes them: everything
/// happened between 開会 and 閉会, a status has what it stands on, votes were taken under the
/// meeting's rules by people who were there.
fn whole_meeting(file: &MeetingFile) -> Result<()> {
    let m = &file.meeting;
    let status = MeetingStatus::parse(&m.status).unwrap_or(MeetingStatus::Preparing);
    let has_record =
        !file.turns.is_empty() || !file.votes.is_empty() || !file.reminders.is_empty() || !file.recesses.is_empty();
    if status == MeetingStatus::Preparing && (m.opened_at.is_some() || has_record) {
        return Err(invalid("準備中の会議に、開会後の記録（開会時刻・発言・採決）があります。".into()));
    }
    if status == MeetingStatus::InSession && m.closed_at.is_some() {
        return Err(invalid("開会中の会議に閉会時刻があります。".into()));
    }
    if file.draft.is_some() && status != MeetingStatus::InSession {
        return Err(invalid("開会中でない会議に、入力中の発言があります。".into()));
    }
    in_order("案にした時刻", &m.closed_at, &m.draft_at)?;
    in_order("確定した時刻", &m.draft_at, &m.finalized_at)?;
    let Some(opened) = m.opened_at.clone() else { return Ok(()) };
    // 開会 to 閉会 (or, while in session, open-ended).
    let within = |label: String, at: &str| -> Result<()> {
        let after_close = m.closed_at.as_deref().is_some_and(|c| at > c);
        if at < opened.as_str() || after_close {
            return Err(invalid(format!("{label}の時刻（{at}）が、開会から閉会までの間にありません。")));
        }
        Ok(())
    };
    for (i, t) in file.turns.iter().enumerate() {
        within(format!("発言 {}", i + 1), &t.started_at)?;
        if let Some(end) = &t.ended_at {
            within(format!("発言 {} の終了", i + 1), end)?;
        } else if status != MeetingStatus::InSession {
            return Err(invalid(format!("発言 {} の計測が、閉会した会議で終わっていません。", i + 1)));
        }
    }
    for (s, section) in file.agenda.iter().enumerate() {
        let times = std::iter::once((format!("会議次第 {}", s + 1), &section.started_at, &section.finished_at)).chain(
            section
                .items
                .iter()
                .enumerate()
                .map(|(i, (_, st, fi))| (format!("会議次第 {}（{}）", s + 1, i + 1), st, fi)),
        );
        for (label, started, finished) in times {
            if let Some(at) = started {
                within(label.clone(), at)?;
            }
            in_order(&format!("{label}の終了"), started, finished)?;
        }
    }
    // Recesses one after another within the meeting; only the last may be under way, and only
    // while the meeting is in session (閉会 is refused during a recess).
    let mut previous_end: Option<&str> = None;
    for (i, (started_at, ended_at)) in file.recesses.iter().enumerate() {
        let label = format!("休憩 {}", i + 1);
        within(label.clone(), started_at)?;
        if previous_end.is_some_and(|end| started_at.as_str() < end) {
            return Err(invalid(format!("{label}が、前の休憩の再開より前に始まっています。")));
        }
        match ended_at {
            Some(end) => within(format!("{label}の再開"), end)?,
            None if status == MeetingStatus::InSession && i + 1 == file.recesses.len() => {}
            None => return Err(invalid(format!("{label}に再開の時刻がありません。"))),
        }
        previous_end = ended_at.as_deref().or(Some(started_at.as_str()));
    }
    for (i, (due_at, fired_at, _)) in file.reminders.iter().enumerate() {
        let label = format!("換気の知らせ {}", i + 1);
        if due_at.as_str() < opened.as_str() {
            return Err(invalid(format!("{label}が開会より前です。")));
        }
        in_order(&format!("{label}の表示"), &Some(due_at.clone()), &Some(fired_at.clone()))?;
    }
    // The rules the meeting was opened under, and the votes taken under them.
    let rules: crate::rules::Rules = m
        .rules
        .as_deref()
        .and_then(|r| serde_json::from_str(r).ok())
        .ok_or_else(|| invalid("開会した会議の決まり（定足数・過半数）を読めません。".into()))?;
    if rules.membership != file.council.membership {
        return Err(invalid("会議の決まりの委員定数が、審議会の委員定数と合いません。".into()));
    }
    let members = file.council.members.len() as i64;
    for (i, v) in file.votes.iter().enumerate() {
        let n = i + 1;
        within(format!("採決 {n}"), &v.recorded_at)?;
        let held: Option<crate::rules::Rules> = serde_json::from_str(&v.rules).ok();
        if held != Some(rules) {
            return Err(invalid(format!("採決 {n} の決まりが、会議の決まりと合いません。")));
        }
        if v.counts.0 > members {
            return Err(invalid(format!(
                "採決 {n} の出席者数（{}）が名簿の人数（{members}名）を超えています。",
                v.counts.0
            )));
        }
        if v.chair_cast.is_some() && rules.chair_votes != ChairVotes::TieOnly {
            return Err(invalid(format!(
                "採決 {n} に会長の決がありますが、この審議会では会長は可否同数のときに決しません。"
            )));
        }
        if v.result == "void" && v.override_reason.is_some() {
            return Err(invalid(format!("採決 {n} は不成立ですが、結果の訂正の理由もあります。")));
        }
    }
    // Attendance: everyone on the roster, and 退席 exactly when there is a departure.
    if file.attendance.len() != file.council.members.len() {
        return Err(invalid("開会した会議の出欠が、名簿の全員についてありません。".into()));
    }
    for a in &file.attendance {
        let left = a.status == "left";
        if left != a.left_at.is_some() {
            return Err(invalid(format!("委員 {} の出欠と退席の時刻が合いません。", a.member + 1)));
        }
        for at in [&a.arrived_at, &a.left_at].into_iter().flatten() {
            within(format!("委員 {} の出欠", a.member + 1), at)?;
        }
    }
    Ok(())
}
