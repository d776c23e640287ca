//! Japanese era dates and times as the minutes write them: 令和3年12月13日（月）, 元年, 午前/午後,
//! 正午, and the fiscal year (年度) that runs April to March. A small table of our own, because the
//! published format is fixed and must not change with a library's locale data.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};

/// Era starts, newest first. 明治 dates are written from 1873 (the solar calendar) in practice.
const ERAS: [(&str, i32, u32, u32); 5] =
    [("令和", 2019, 5, 1), ("平成", 1989, 1, 8), ("昭和", 1926, 12, 25), ("大正", 1912, 7, 30), ("明治", 1868, 10, 23)];

/// How fiscal year 2019 (April 2019 – March 2020) is written; councils differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fy2019Style {
    /// 平成31年度: the era on its first day.
    Heisei,
    /// 令和元年度: the era that held most of it.
    Reiwa,
}

impl Fy2019Style {
    /// The style as the store keeps it in a council (`council.fy2019_style`, or a meeting's copy):
    /// "reiwa" is Reiwa; anything else, or nothing, Heisei (the column's default).
    pub fn from_setting(value: Option<&str>) -> Fy2019Style {
        if value == Some("reiwa") {
            Fy2019Style::Reiwa
        } else {
            Fy2019Style::Heisei
        }
    }
}

/// (era name, year in era) for a date; `None` before 明治.
pub fn era_year(date: NaiveDate) -> Option<(&'static str, i32)> {
    ERAS.iter().find_map(|&(name, y, m, d)| {
        let start = NaiveDate::from_ymd_opt(y, m, d)?;
        (date >= start).then_some((name, date.year() - y + 1))
    })
}

fn year_text(year: i32) -> String {
    if year == 1 {
        "元".to_string()
    } else {
        year.to_string()
    }
}

/// 令和3年12月13日（月）: the weekday is always computed, never typed.
pub fn format_date(date: NaiveDate) -> String {
    let era = match era_year(date) {
        Some((name, year)) => format!("{name}{}年", year_text(year)),
        None => format!("{}年", date.year()),
    };
    format!("{era}{}月{}日（{}）", date.month(), date.day(), weekday(date.weekday()))
}

pub fn weekday(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    }
}

/// 午後2時, 午前10時30分, 正午. Noon is 正午; midnight is 午前0時.
pub fn format_time(t: NaiveTime) -> String {
    let (h, m) = (t.hour(), t.minute());
    if h == 12 && m == 0 {
        return "正午".to_string();
    }
    let (half, h12) = if h < 12 { ("午前", h) } else { ("午後", h - 12) };
    if m == 0 {
        format!("{half}{h12}時")
    } else {
        format!("{half}{h12}時{m}分")
    }
}

/// 午後2時から午後5時まで
pub fn format_span(start: NaiveTime, end: NaiveTime) -> String {
    format!("{}から{}まで", format_time(start), format_time(end))
}

/// The fiscal year (年度) a date falls in, named by the calendar year of its April.
pub fn fiscal_year(date: NaiveDate) -> i32 {
    if date.month() >= 4 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// 令和3年度. The era is the one in force on 1 April, except FY2019 which is a council setting.
pub fn fiscal_year_label(fy: i32, style: Fy2019Style) -> String {
    if fy == 2019 && style == Fy2019Style::Reiwa {
        return "令和元年度".to_string();
    }
    match NaiveDate::from_ymd_opt(fy, 4, 1).and_then(era_year) {
        Some((name, year)) => format!("{name}{}年度", year_text(year)),
        None => format!("{fy}年度"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn the_reference_meeting_date() {
        assert_eq!(format_date(d(2021, 12, 13)), "令和3年12月13日（月）");
        assert_eq!(format_span(t(14, 0), t(17, 0)), "午後2時から午後5時まで");
    }

    #[test]
    fn every_era_boundary() {
        let cases = [
            (d(1912, 7, 29), "明治45年7月29日（月）"),
            (d(1912, 7, 30), "大正元年7月30日（火）"),
            (d(1926, 12, 24), "大正15年12月24日（金）"),
            (d(1926, 12, 25), "昭和元年12月25日（土）"),
            (d(1989, 1, 7), "昭和64年1月7日（土）"),
            (d(1989, 1, 8), "平成元年1月8日（日）"),
            (d(2019, 4, 30), "平成31年4月30日（火）"),
            (d(2019, 5, 1), "令和元年5月1日（水）"),
            (d(2020, 1, 1), "令和2年1月1日（水）"),
        ];
        for (date, want) in cases {
            assert_eq!(format_date(date), want, "{date} must be written as the era in force that day");
        }
    }

    #[test]
    fn noon_midnight_and_minutes() {
        assert_eq!(format_time(t(12, 0)), "正午");
        assert_eq!(format_time(t(12, 30)), "午後0時30分");
        assert_eq!(format_time(t(0, 0)), "午前0時");
        assert_eq!(format_time(t(9, 5)), "午前9時5分");
        assert_eq!(format_time(t(23, 59)), "午後11時59分");
    }

    #[test]
    fn fiscal_year_turns_in_april() {
        assert_eq!(fiscal_year(d(2022, 3, 31)), 2021, "31 March still belongs to the year that began the April before");
        assert_eq!(fiscal_year(d(2022, 4, 1)), 2022);
        assert_eq!(fiscal_year_label(2021, Fy2019Style::Heisei), "令和3年度");
        assert_eq!(fiscal_year_label(2019, Fy2019Style::Heisei), "平成31年度");
        assert_eq!(fiscal_year_label(2019, Fy2019Style::Reiwa), "令和元年度");
        assert_eq!(fiscal_year_label(1989, Fy2019Style::Heisei), "平成元年度");
        assert_eq!(fiscal_year_label(1988, Fy2019Style::Heisei), "昭和63年度");
    }
}
