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

/// One line of text: trimmed, without control characters (a pasted tab or NUL would break the
/// cover table), at most `max` characters. Never NFKC-normalised: （ ） must stay full-width.
pub fn line(field: &'static str, label: &str, value: &str, max: usize, required: bool) -> Result<String> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(Error::invalid(field, format!("{label}を入力してください。")));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            format!("{label}に改行やタブなどの制御文字は使えません。1行の文字だけで入力してください。"),
        ));
    }
    let n = value.chars().count();
    if n > max {
        return Err(Error::invalid(field, format!("{label}は{max}文字以内で入力してください（いま{n}文字）。")));
    }
    Ok(value.to_string())
}

/// A whole number within bounds; full-width digits are accepted, as a Japanese IME may give them.
pub fn number(field: &'static str, label: &str, value: &str, min: i64, max: i64) -> Result<i64> {
    let Ok(n) = ascii_digits(value.trim()).parse::<i64>() else {
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
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, format!("{label}は 2021-12-13 のような年-月-日の形で入力してください。")))?;
    // Era dates are written from 明治6年 (1873); beyond 2200 is surely a typing slip.
    let first = NaiveDate::from_ymd_opt(1873, 1, 1).expect("valid date");
    let last = NaiveDate::from_ymd_opt(2200, 12, 31).expect("valid date");
    if date < first || date > last {
        return Err(Error::invalid(field, format!("{label}は1873年から2200年までの日付で入力してください。")));
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

/// Agenda numbers are given by the order; a typed number would clash or go stale on reorder.
pub fn without_agenda_number(field: &'static str, title: &str) -> Result<()> {
    let mut chars = title.chars();
    let first = chars.next();
    let starts_numbered = match first {
        Some('(' | '（') => chars.next().is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)),
        Some(c) if c.is_ascii_digit() || ('０'..='９').contains(&c) => {
            let rest: String = title.chars().skip_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c)).collect();
            rest.starts_with([' ', '　', '.', '．', '、'])
        }
        Some('①'..='⑳') => true,
        _ => false,
    };
    if starts_numbered {
        return Err(Error::invalid(
            field,
            "番号は並び順から自動で付きます。「諮問事項」のように件名だけを入力してください。",
        ));
    }
    Ok(())
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
    fn numbers_accept_ime_digits() {
        assert_eq!(number("f", "第N回", "５", 1, 99).unwrap(), 5);
        assert!(number("f", "第N回", "0", 1, 99).is_err());
        assert!(number("f", "第N回", "-1", 1, 99).is_err());
        assert!(number("f", "第N回", "五", 1, 99).is_err());
    }

    #[test]
    fn times_accept_what_a_keyboard_gives() {
        let two_pm = NaiveTime::from_hms_opt(14, 0, 0).unwrap();
        for typed in ["14:00", "１４：００", "1400", " 14:00 "] {
            assert_eq!(time("f", "開始時刻", typed).unwrap(), two_pm, "{typed:?}");
        }
        for typed in ["", "25:00", "14時", "2pm"] {
            assert!(time("f", "開始時刻", typed).is_err(), "{typed:?} is not a time");
        }
    }

    #[test]
    fn typed_agenda_numbers_are_refused() {
        for t in ["(1) 外部機関", "（１）外部機関", "2 諮問事項", "２　諮問事項", "①外部"] {
            assert!(without_agenda_number("f", t).is_err(), "{t} carries its own number");
        }
        for t in ["諮問事項", "2021年度の報告", "DX戦略"] {
            assert!(without_agenda_number("f", t).is_ok(), "{t} is a plain title");
        }
    }
}
