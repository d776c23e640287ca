//! Checks every piece of text and number that comes in, whatever the client: the UI is not the only
//! caller of the IPC, and the CLI and the sample go through here too.

use chrono::{NaiveDate, NaiveTime};

use crate::error::{Error, Result};

/// Limits sized to the published minutes: the longest official title there is 14 characters,
/// the longest agenda title 76.
pub const NAME_MAX: usize = 40;
pub const COUNCIL_NAME_MAX: usize = 80;
pub const TITLE_MAX: usize = 200;
pub const VENUE_MAX: usize = 100;
pub const LABEL_MAX: usize = 10;
/// The officials' label (区側, 事務局, 理事者側, 説明のため出席した者 …): some bodies' are long.
pub const STAFF_LABEL_MAX: usize = 20;
/// The highest 第N回: a long-running review board is past its 190th meeting.
pub const ORDINAL_MAX: i64 = 999;

/// The shapes a text field comes in. Every text field of every door (the screens, the IPC,
/// `shoki import`, the CLI) goes through `text_policy` with one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One line: a name, label, title, venue, phrase, stage note or reason. Trimmed; no line
    /// break, no tab; bidi controls refused (a name holding U+202E reversed the 出席者 line).
    Line,
    /// A turn's words: paragraphs separated by `\n`. Trailing whitespace and leading blank lines
    /// are dropped; bidi controls are kept, and isolated in every export (`export::isolate`).
    Paragraphs,
    /// The unfinished text of the input box: checked like `Paragraphs`, but kept exactly as
    /// typed (it goes back into the box after a crash) and may be empty.
    Draft,
}

/// Bidi controls: embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069,
/// U+200E/U+200F, U+061C). Unicode UAX #9; they reorder the characters around them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters a reader does not see (Unicode's default-ignorable code points, and the fillers that
/// print as blanks): soft hyphen, combining grapheme joiner, zero-width and joiner characters,
/// bidi marks, invisible operators, variation selectors, Hangul fillers, tags. Used where what
/// is seen must be judged (an agenda title's number) or must not be hidden (a file name).
pub fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
        | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}'
        | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Characters no stored text may hold, in any field: what XML 1.0 cannot carry (C0 controls
/// other than tab and newline, U+FFFE, U+FFFF) — a DOCX holding one does not open — the other C0
/// and C1 controls and DEL (HTML5 parse errors; invisible in print), and every noncharacter
/// (U+FDD0–U+FDEF, U+nFFFE/U+nFFFF: "never for interchange", Unicode §23.7). Tab and newline are
/// decided by the field's `Shape`. Private-use characters (外字) are allowed.
pub fn is_forbidden(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && c != '\t' && c != '\n') || (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// How a refused character is named in a message: a name for the ones a keyboard gives, else
/// its code point (U+FFFF), which is what a helpdesk can look up.
fn char_name(c: char) -> String {
    match c {
        '\t' => "タブ".to_string(),
        '\n' => "改行".to_string(),
        _ => format!("U+{:04X}", c as u32),
    }
}

/// Line endings as one `\n`: CRLF (Windows, Word), lone CR (old Mac), NEL, and the Unicode line
/// and paragraph separators (a paste from a PDF) all end a line.
pub fn normalize_line_endings(value: &str) -> std::borrow::Cow<'_, str> {
    if !value.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']) {
        return std::borrow::Cow::Borrowed(value);
    }
    std::borrow::Cow::Owned(value.replace("\r\n", "\n").replace(['\r', '\u{85}', '\u{2028}', '\u{2029}'], "\n"))
}

/// The one text policy. `value` as it came in; `field` (e.g. `"member.name"`) says where the
/// message goes, `label` (e.g. 委員の氏名, or 発言 12 の内容 from an import) names the field in it;
/// `max` counts characters (Unicode scalar values), `required` refuses an empty value.
///
/// Answers the text to store: line endings normalised, trimmed as `shape` says, otherwise exactly
/// as typed — never NFKC-normalised (FORMAT.md: it would turn （ ） into ( )). Refuses, with
/// `Error::Invalid` naming the character and its place: `is_forbidden` characters; a line break
/// or tab in a `Line`, a tab anywhere; bidi controls in a `Line`; an empty required value; more
/// than `max` characters.
pub fn text_policy(
    field: &'static str,
    label: &str,
    value: &str,
    max: usize,
    required: bool,
    shape: Shape,
) -> Result<String> {
    let value = normalize_line_endings(value);
    let text = match shape {
        Shape::Line => value.trim(),
        // A paragraph break typed before the words or left after them is not part of the record.
        Shape::Paragraphs => value.trim_end().trim_start_matches('\n'),
        Shape::Draft => &value,
    };
    // Blank to a reader counts as empty: spaces of any width, and characters that print nothing.
    if required && text.chars().all(|c| c.is_whitespace() || is_ignorable(c)) {
        return Err(Error::invalid(field, format!("{label}を入力してください。")));
    }
    for (i, c) in text.chars().enumerate() {
        let place = i + 1;
        let refused = |why: &str| {
            Err(Error::invalid(
                field,
                format!(
                    "{label}の{place}文字目に{why}（{}）があります。その文字を消してから、もう一度入力してください。",
                    char_name(c)
                ),
            ))
        };
        if c == '\n' && shape == Shape::Line {
            return refused("使えない改行");
        }
        if c == '\t' {
            // The text export separates label and words with a tab; the cover table has no tabs.
            return refused("使えないタブ");
        }
        if is_forbidden(c) {
            return refused("記録や書き出しに使えない文字");
        }
        if shape == Shape::Line && is_bidi_control(c) {
            return refused("文字の並ぶ向きを変える制御文字");
        }
    }
    let n = text.chars().count();
    if n > max {
        return Err(Error::invalid(field, format!("{label}は{max}文字以内で入力してください（いま{n}文字）。")));
    }
    Ok(text.to_string())
}

/// One line of text (`Shape::Line` under `text_policy`): trimmed, without control characters
/// (a pasted tab or NUL would break the cover table) or bidi controls, at most `max` characters.
pub fn line(field: &'static str, label: &str, value: &str, max: usize, required: bool) -> Result<String> {
    text_policy(field, label, value, max, required, Shape::Line)
}

/// A cover group (学識経験者, 理事者側): a line of at most `STAFF_LABEL_MAX` characters, nothing
/// invisible in it — a group is matched by what is seen, against the cover row that lists it.
/// Returns the group as checked (empty for none). Errors: `Invalid` (`field`) saying what to do.
pub fn group(field: &'static str, value: &str) -> Result<String> {
    let value = line(field, "区分", value, STAFF_LABEL_MAX, false)?;
    if value.chars().any(is_ignorable) {
        return Err(Error::invalid(
            field,
            "区分に見えない文字があります。その文字を消してから、もう一度入力してください。",
        ));
    }
    Ok(value)
}

/// A whole number within bounds; full-width digits are accepted, as a Japanese IME may give them.
pub fn number(field: &'static str, label: &str, value: &str, min: i64, max: i64) -> Result<i64> {
    // Digits only (ASCII or full-width), no sign: Rust's parser would also take "+5" and "-0",
    // which nobody types as a count; every count, ordinal and interval is 0 or more.
    let digits = ascii_digits(value.trim());
    let Ok(n) = digits.parse::<i64>().map_err(|_| ()).and_then(|n| {
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            Ok(n)
        } else {
            Err(())
        }
    }) else {
        return Err(Error::invalid(field, format!("{label}は数字で入力してください。")));
    };
    if n < min || n > max {
        return Err(Error::invalid(field, format!("{label}は{min}から{max}までの数で入力してください。")));
    }
    Ok(n)
}

/// Full-width digits, colon and minus as a Japanese IME types them, made ASCII. Only for parsing
/// numbers and times: text that is kept is never rewritten.
fn ascii_digits(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '：' => ':',
            '－' | '−' => '-',
            _ => c,
        })
        .collect()
}

pub fn date(field: &'static str, label: &str, value: &str) -> Result<NaiveDate> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid(field, format!("{label}を入力してください。")));
    }
    // The date as the IME may give it (２０２１－１２－１３) is read like 2021-12-13.
    let date = NaiveDate::parse_from_str(&ascii_digits(value), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, format!("{label}は 2021-12-13 のような年-月-日の形で入力してください。")))?;
    // Era dates are written from 明治6年 (1873); beyond 2200 is surely a typing slip.
    let first = NaiveDate::from_ymd_opt(1873, 1, 1).expect("valid date");
    let last = NaiveDate::from_ymd_opt(2200, 12, 31).expect("valid date");
    if date < first || date > last {
        return Err(Error::invalid(
            field,
            format!("{label}は1873年から2200年までの日付で入力してください（年は西暦4けた。例：2021年12月13日）。"),
        ));
    }
    Ok(date)
}

pub fn time(field: &'static str, label: &str, value: &str) -> Result<NaiveTime> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid(field, format!("{label}を入力してください。")));
    }
    // 14:00, １４：００ and 1400 all mean two in the afternoon.
    let value = ascii_digits(value);
    let value = if value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}:{}", &value[..2], &value[2..])
    } else {
        value
    };
    NaiveTime::parse_from_str(&value, "%H:%M")
        .map_err(|_| Error::invalid(field, format!("{label}は 14:00 のような時:分の形で入力してください。")))
}

/// A digit as an IME or a keyboard gives it (ASCII or full-width), or a kanji numeral.
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "〇一二三四五六七八九十百".contains(c)
        || ('Ⅰ'..='ⅿ').contains(&c)
}

/// Characters that are a number on their own: circled, parenthesised, with a full stop, negative
/// circled, dingbat (①, ⑴, ⒈, ❶, ➊, ⓫, ㈠, ㊀, ㉑ …). Unicode blocks Enclosed Alphanumerics,
/// Dingbats and Enclosed CJK Letters and Months.
fn is_enclosed_number(c: char) -> bool {
    matches!(c,
        '\u{2460}'..='\u{249B}' | '\u{24EA}'..='\u{24FF}' | '\u{2776}'..='\u{2793}'
        | '\u{3220}'..='\u{3229}' | '\u{3251}'..='\u{325F}' | '\u{3280}'..='\u{3289}' | '\u{32B1}'..='\u{32BF}'
        | '\u{1F100}'..='\u{1F10C}')
}

const OPENERS: &str = "(（[［【〔{｛〈《<＜";
const CLOSERS: &str = ")）]］】〕}｝〉》>＞";
/// What may follow a number that numbers a title: a space, a closing bracket or a stop.
const AFTER_NUMBER: &str = " 　)）]］】〕}｝〉》>＞.．、,，:：";

/// Agenda numbers are given by the order (1, 2 … and （1）（2） under a section), so a title typed
/// with its own number would be printed after the computed one — （1）⑴… — and go stale on a
/// reorder. `title` is the trimmed title. Refuses (`Error::Invalid` on `field`) a leading number in
/// any common form: （１） (1) ⑴ ① 1) １） [1] ［1］ 1. １． 第1 1␣ 一、 Ⅱ．; accepts a title that merely starts
/// with a number that is part of it (2024年度の報告, 1.5倍, 第2期計画, 10月の予定).
pub fn without_agenda_number(field: &'static str, title: &str) -> Result<()> {
    // As typed, and as a reader sees it: a pasted no-break space, a zero-width space in front, a
    // mathematical 𝟏 or a full-width form must not hide the number (NFKC only for this look).
    let typed: Vec<char> = title.chars().skip_while(|&c| c.is_whitespace() || is_ignorable(c)).collect();
    let folded: Vec<char> = {
        use unicode_normalization::UnicodeNormalization;
        let seen: String = typed.iter().filter(|&&c| !is_ignorable(c)).collect::<String>().nfkc().collect();
        seen.chars().filter(|&c| !is_ignorable(c)).skip_while(|&c| c.is_whitespace()).collect()
    };
    if starts_with_number(&typed) || starts_with_number(&folded) {
        return Err(Error::invalid(
            field,
            "番号は並び順から自動で付きます。「諮問事項」のように件名だけを入力してください。",
        ));
    }
    Ok(())
}

/// Whether `chars` begins with a number that numbers a title (see `without_agenda_number`).
fn starts_with_number(chars: &[char]) -> bool {
    // The numeral run from `at`, with 1.2, 1-1 and 1−1 as one number; answers where it ends.
    let run_end = |at: usize| {
        let mut end = at;
        while end < chars.len() {
            let c = chars[end];
            let inner = matches!(c, '.' | '．' | '-' | '－' | '−')
                && end > at
                && chars.get(end + 1).is_some_and(|n| is_numeral(*n));
            if is_numeral(c) || inner {
                end += 1;
            } else {
                break;
            }
        }
        end
    };
    // Roman numerals in Latin letters (i, ii, iv, XL …) number a title only when set off as one:
    // (iv) or iv) or iv. followed by a space — never a word such as 「IT化」, 「X.509」, 「V.I.P.」.
    let roman_end = |at: usize, letters: &str| {
        let mut end = at;
        while end < chars.len() && end - at < 5 && letters.contains(chars[end]) {
            end += 1;
        }
        end
    };
    let skip_spaces = |mut at: usize| {
        while chars.get(at).is_some_and(|c| c.is_whitespace()) {
            at += 1;
        }
        at
    };
    // What may follow a number that numbers a title; a comma or colon followed by a digit is part
    // of the number (3,000万円, 10:00開会), not its end.
    let ends_a_number = |end: usize| match chars.get(end) {
        None => true,
        Some(',' | '，' | ':' | '：') => !chars.get(end + 1).is_some_and(|n| is_numeral(*n)),
        Some('\u{20E3}') => true, // a keycap: 1⃣
        Some(c) => AFTER_NUMBER.contains(*c),
    };
    match chars.first() {
        None => false,
        Some(&c) if is_enclosed_number(c) => true,
        Some(&c) if OPENERS.contains(c) => {
            let from = skip_spaces(1);
            let end = run_end(from).max(roman_end(from, "ivxlcIVXLC"));
            end > from && chars.get(skip_spaces(end)).is_some_and(|c| CLOSERS.contains(*c))
        }
        Some('第') => {
            let end = run_end(1);
            end > 1 && ends_a_number(end)
        }
        Some(_) => {
            let end = run_end(0);
            // A bare number of four digits or more is a year or an amount (2024 年度予算), not a
            // place in the agenda.
            let digits = chars[..end].iter().filter(|c| c.is_ascii_digit() || ('０'..='９').contains(*c)).count();
            let roman = roman_end(0, "ivxIVX");
            let set_off = |at: usize| match chars.get(at) {
                Some(')' | '）') => true,
                Some('.' | '．') => chars.get(at + 1).is_none_or(|n| n.is_whitespace()),
                _ => false,
            };
            (end > 0 && digits < 4 && ends_a_number(end)) || (roman > 0 && set_off(roman))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_and_bounded() {
        assert_eq!(line("f", "会場", "  教育委員会室 ", 100, true).unwrap(), "教育委員会室");
        assert!(line("f", "会場", "   ", 100, true).is_err(), "blank must count as empty");
        assert!(line("f", "会場", "a\tb", 100, true).is_err());
        assert!(line("f", "会場", "a\u{0}b", 100, true).is_err());
        assert!(line("f", "会場", &"あ".repeat(101), 100, true).is_err(), "the limit counts characters");
        assert!(line("f", "会場", &"あ".repeat(100), 100, true).is_ok());
        assert_eq!(line("f", "x", "（案）", 10, true).unwrap(), "（案）", "full-width brackets are kept");
    }

    #[test]
    fn the_text_policy_keeps_what_is_typed_and_refuses_what_breaks_a_file() {
        use Shape::*;
        // Kept byte for byte: supplementary plane, variation selectors, ZWJ sequences, 外字, half-width kana.
        for kept in ["𠮷野家", "葛\u{E0100}城", "👨\u{200D}👩\u{200D}👧", "\u{E000}", "ｺﾛﾅ", "（案）〜～", "a\u{200B}b"]
        {
            assert_eq!(text_policy("f", "x", kept, 100, true, Line).unwrap(), kept);
            assert_eq!(text_policy("f", "x", kept, 100, true, Paragraphs).unwrap(), kept);
        }
        // Line endings from Windows, old Macs, NEL and U+2028/2029 are one newline.
        assert_eq!(
            text_policy("f", "x", "一\r\n二\r三\u{85}四\u{2028}五\u{2029}六", 100, true, Paragraphs).unwrap(),
            "一\n二\n三\n四\n五\n六"
        );
        assert_eq!(text_policy("f", "x", "一\r\n", 100, true, Draft).unwrap(), "一\n", "a draft is kept as typed");
        assert_eq!(text_policy("f", "x", "\n\n一 \n", 100, true, Paragraphs).unwrap(), "一");
        // Refused in every shape, with the character named.
        for bad in [
            '\u{0}',
            '\u{1B}',
            '\u{B}',
            '\u{C}',
            '\u{7F}',
            '\u{80}',
            '\u{9F}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{FDD0}',
            '\u{1FFFF}',
            '\u{10FFFE}',
            '\t',
        ] {
            for shape in [Line, Paragraphs, Draft] {
                let e = text_policy("f", "発言", &format!("あ{bad}い"), 100, true, shape).unwrap_err().to_string();
                assert!(e.contains("2文字目"), "{bad:?} in {shape:?}: {e}");
                assert!(e.contains(&format!("{:04X}", bad as u32)) || e.contains("タブ"), "{e}");
            }
        }
        assert!(text_policy("f", "x", "一\n二", 100, true, Line).is_err(), "a line has no break");
        // Bidi controls: refused in a name, kept in words (isolated on output).
        for bidi in ['\u{202E}', '\u{2066}', '\u{200F}', '\u{061C}'] {
            let typed = format!("浅田{bidi}植野");
            assert!(text_policy("f", "氏名", &typed, 100, true, Line).unwrap_err().to_string().contains("向き"));
            assert_eq!(text_policy("f", "x", &typed, 100, true, Paragraphs).unwrap(), typed);
        }
        assert!(text_policy("f", "x", " \n ", 100, true, Paragraphs).is_err(), "blank is empty");
        assert_eq!(text_policy("f", "x", "", 100, false, Draft).unwrap(), "");
        assert!(text_policy("f", "x", &"𠮷".repeat(101), 100, true, Paragraphs).is_err(), "characters, not bytes");
    }

    #[test]
    fn numbers_accept_ime_digits() {
        assert_eq!(number("f", "賛成", "　６ ", 0, 99).unwrap(), 6);
        assert_eq!(number("f", "賛成", "1５", 0, 99).unwrap(), 15);
        for bad in ["", "六", "6人", "6.0", "6 6", "０x1"] {
            assert!(number("f", "賛成", bad, 0, 99).is_err(), "{bad:?} is not a count");
        }
        assert_eq!(number("f", "第N回", "５", 1, 99).unwrap(), 5);
        assert!(number("f", "第N回", "0", 1, 99).is_err());
        assert!(number("f", "第N回", "-1", 1, 99).is_err());
        assert!(number("f", "第N回", "五", 1, 99).is_err());
    }

    #[test]
    fn times_accept_what_a_keyboard_gives() {
        let two_pm = NaiveTime::from_hms_opt(14, 0, 0).unwrap();
        for typed in ["14:00", "１４：００", "1400", " 14:00 ", "１４００", "１４:００", "14：00", "　１４：００　"]
        {
            assert_eq!(time("f", "開始時刻", typed).unwrap(), two_pm, "{typed:?}");
        }
        for typed in ["", "25:00", "14時", "2pm"] {
            assert!(time("f", "開始時刻", typed).is_err(), "{typed:?} is not a time");
        }
    }

    #[test]
    fn typed_agenda_numbers_are_refused() {
        for t in [
            "(1) 外部機関",
            "（１）外部機関",
            "2 諮問事項",
            "２　諮問事項",
            "①外部",
            "⑴外部",
            "⒈外部",
            "❶外部",
            "1)外部",
            "１）外部",
            "[1]外部",
            "［1］外部",
            "【２】外部",
            "1.外部",
            "１．外部",
            "1．外部",
            "第1 総則",
            "第１　総則",
            "第一、総則",
            "1 外部",
            "一、外部",
            "十二　外部",
            "（一）外部",
            "(ⅱ)外部",
            "Ⅱ．外部",
            "1-1 外部",
            "１、外部",
            "3",
            "㈠外部",
            "㉑外部",
            "1:外部",
        ] {
            assert!(without_agenda_number("f", t).is_err(), "{t} carries its own number");
        }
        for t in [
            "諮問事項",
            "2021年度の報告",
            "2024年度 事業計画",
            "DX戦略",
            "1.5倍の増加について",
            "第2期計画について",
            "10月の予定",
            "一般質問",
            "（仮称）区民会議",
            "(注)について",
            "一時保育",
            "第三者委員会",
        ] {
            assert!(without_agenda_number("f", t).is_ok(), "{t} is a plain title");
        }
    }

    /// Numbers hidden from a plain look: a pasted no-break space, a zero-width space in front, a
    /// mathematical bold digit, a roman numeral in Latin letters.
    #[test]
    fn a_number_hidden_by_a_paste_is_still_a_number() {
        for title in
            ["1\u{00A0}外部", "\u{200B}(1)外部", "𝟏．外部", "(i)外部", "iv) 報告", "\u{FEFF}１）外部", "(ｉｉ)外部"]
        {
            assert!(without_agenda_number("f", title).is_err(), "{title:?} was accepted");
        }
        for title in ["IT化の推進について", "2024年度の報告", "ix案件（仮称）の概要"] {
            assert!(without_agenda_number("f", title).is_ok(), "{title:?} was refused");
        }
    }

    /// A count is digits: a leading "+" is not one, full-width digits are; a date may be typed in
    /// full-width digits too.
    #[test]
    fn counts_are_digits_and_dates_take_full_width() {
        for value in ["+5", "＋5", "5+", "1e2", " ", "-0", "−０", "－0"] {
            assert!(number("f", "数", value, 0, 999).is_err(), "{value:?} was accepted");
        }
        assert_eq!(number("f", "数", "１９", 0, 999).unwrap(), 19);
        assert!(number("f", "数", "-1", 0, 999).is_err(), "below the minimum");
        assert_eq!(date("f", "日", "２０２１－１２－１３").unwrap().to_string(), "2021-12-13");
    }

    /// Real titles that start with a number are titles; numbers hidden by spaces inside the
    /// brackets, a keycap, a variation selector or an invisible character are numbers.
    #[test]
    fn amounts_years_and_names_are_titles_hidden_numbers_are_not() {
        for title in [
            "3,000万円の補正予算",
            "１，０００人アンケートの結果",
            "2024 年度予算",
            "X.509証明書の更新について",
            "10:00開会の件",
            "V.I.P.対応",
        ] {
            assert!(without_agenda_number("f", title).is_ok(), "{title:?} was refused");
        }
        for title in [
            "1\u{FE0F}\u{20E3} 諮問事項",
            "（１\u{FE0F}）諮問事項",
            "( 1 ) 諮問事項",
            "（ １ ）諮問事項",
            "\u{2061}(1)外部",
            "\u{00AD}(1)外部",
            "1\u{034F})外部",
            "１−１ 諮問事項",
            "(XL) 諮問事項",
        ] {
            assert!(without_agenda_number("f", title).is_err(), "{title:?} was accepted");
        }
    }
}
