//! Chinese public holidays and the lunar festivals, for the account statistics and for
//! models that look at festivals (节日前后). Two sources, in this order:
//!
//! 1. The State Council's published holiday arrangements (国务院办公厅放假安排), rest
//!    days and make-up working days (调休上班) alike, as carried by the `tyme4rs` crate's
//!    legal-holiday table (from the 2002 New Year to the last year it lists).
//! 2. For years outside that table, the statutory days of 《全国年节及纪念日放假办法》
//!    (2025): 元旦 1/1; 春节 除夕 to 正月初三; 清明 (the solar term's day); 劳动节 5/1–5/2;
//!    端午 (五月初五); 中秋 (八月十五); 国庆 10/1–10/3 — no bridging, no make-up days.
//!
//! Lunar dates come from `tyme4rs`'s astronomical calendar, not a list of years. This
//! file knows dates only; what a holiday means for a transaction is `account_stats`'s.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use tyme4rs::tyme::holiday::LEGAL_HOLIDAY_DATA;
use tyme4rs::tyme::lunar::LunarDay;
use tyme4rs::tyme::solar::{SolarDay, SolarTerm};

/// The lunar festivals models care about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Festival {
    /// 春节, 正月初一.
    SpringFestival,
    /// 端午, 五月初五.
    DragonBoat,
    /// 中秋, 八月十五.
    MidAutumn,
}

impl Festival {
    pub const ALL: [Festival; 3] = [
        Festival::SpringFestival,
        Festival::DragonBoat,
        Festival::MidAutumn,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Festival::SpringFestival => "春节",
            Festival::DragonBoat => "端午节",
            Festival::MidAutumn => "中秋节",
        }
    }

    fn lunar(self) -> (isize, usize) {
        match self {
            Festival::SpringFestival => (1, 1),
            Festival::DragonBoat => (5, 5),
            Festival::MidAutumn => (8, 15),
        }
    }
}

/// The years the lunar conversion is trusted for here.
const LUNAR_YEARS: std::ops::RangeInclusive<i32> = 1901..=2099;

/// The Gregorian date of a festival in a Gregorian year (`None` outside 1901–2099).
pub fn festival_date(year: i32, festival: Festival) -> Option<NaiveDate> {
    if !LUNAR_YEARS.contains(&year) {
        return None;
    }
    let (month, day) = festival.lunar();
    let solar = LunarDay::new(year as isize, month, day)
        .ok()?
        .get_solar_day();
    solar_to_date(&solar)
}

/// 清明's date in a year (`None` outside 1901–2099).
fn qingming(year: i32) -> Option<NaiveDate> {
    if !LUNAR_YEARS.contains(&year) {
        return None;
    }
    let term = SolarTerm::new(year as isize, "清明").ok()?;
    solar_to_date(&term.get_julian_day().get_solar_day())
}

fn solar_to_date(day: &SolarDay) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        day.get_year() as i32,
        day.get_month() as u32,
        day.get_day() as u32,
    )
}

/// The published arrangement: each listed date and whether it is a working day.
struct Published {
    days: HashMap<NaiveDate, bool>,
    /// First and last year covered; `None` if the table were empty.
    years: Option<(i32, i32)>,
}

fn published() -> &'static Published {
    static TABLE: OnceLock<Published> = OnceLock::new();
    TABLE.get_or_init(|| parse_published(LEGAL_HOLIDAY_DATA))
}

/// Records of 13 characters: `YYYYMMDD`, `0` working / `1` rest, holiday index, `±NN`.
fn parse_published(data: &str) -> Published {
    let mut days = HashMap::new();
    for record in data.as_bytes().chunks_exact(13) {
        let text = std::str::from_utf8(record).unwrap_or("");
        if let Some(date) = text
            .get(..8)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok())
        {
            days.insert(date, text.get(8..9) == Some("0"));
        }
    }
    // A year counts as published from the first to the last year with rest days listed
    // (the table opens with two make-up working days of December 2001).
    let years: Vec<i32> = days
        .iter()
        .filter(|(_, work)| !**work)
        .map(|(d, _)| d.year())
        .collect();
    let (first, last) = (years.iter().min().copied(), years.iter().max().copied());
    Published {
        days,
        years: first.zip(last),
    }
}

/// One year's holidays and make-up working days.
#[derive(Default)]
struct YearDays {
    rest: HashSet<NaiveDate>,
    work: HashSet<NaiveDate>,
}

/// Answers "is this a holiday / a working day", remembering each year it has worked out.
#[derive(Default)]
pub struct Calendar {
    years: HashMap<i32, YearDays>,
}

impl Calendar {
    pub fn new() -> Calendar {
        Calendar::default()
    }

    /// A public-holiday rest day (weekends that are not part of a holiday are not).
    pub fn is_public_holiday(&mut self, date: NaiveDate) -> bool {
        self.year(date.year()).rest.contains(&date)
    }

    /// A day offices work: Monday to Friday unless a holiday, or a make-up working day.
    pub fn is_working_day(&mut self, date: NaiveDate) -> bool {
        let days = self.year(date.year());
        if days.work.contains(&date) {
            return true;
        }
        !days.rest.contains(&date) && !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }

    fn year(&mut self, year: i32) -> &YearDays {
        self.years.entry(year).or_insert_with(|| year_days(year))
    }
}

fn year_days(year: i32) -> YearDays {
    let table = published();
    if !table
        .years
        .is_some_and(|(first, last)| (first..=last).contains(&year))
    {
        return statutory(year);
    }
    let mut out = YearDays::default();
    for (date, work) in table.days.iter().filter(|(d, _)| d.year() == year) {
        if *work {
            out.work.insert(*date);
        } else {
            out.rest.insert(*date);
        }
    }
    out
}

/// The statutory days alone, for years the published table does not cover.
fn statutory(year: i32) -> YearDays {
    let mut rest = HashSet::new();
    let fixed = [(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)];
    rest.extend(
        fixed
            .iter()
            .filter_map(|(m, d)| NaiveDate::from_ymd_opt(year, *m, *d)),
    );
    if let Some(new_year) = festival_date(year, Festival::SpringFestival) {
        let eve = new_year.checked_sub_days(Days::new(1));
        rest.extend(
            eve.into_iter()
                .chain((0..3).filter_map(|i| new_year.checked_add_days(Days::new(i)))),
        );
    }
    rest.extend(festival_date(year, Festival::DragonBoat));
    rest.extend(festival_date(year, Festival::MidAutumn));
    rest.extend(qingming(year));
    // A Spring Festival eve falls in the previous Gregorian year only if 初一 is 1 January,
    // which does not happen; dates are kept in the year they belong to regardless.
    rest.retain(|d| d.year() == year);
    YearDays {
        rest,
        work: HashSet::new(),
    }
}

/// The first and last year whose published arrangement is used (other years follow
/// the statutory rules).
pub fn published_years() -> Option<(i32, i32)> {
    published().years
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn festivals_follow_the_lunar_calendar() {
        let cases = [
            (2023, Festival::SpringFestival, "2023-01-22"),
            (2024, Festival::SpringFestival, "2024-02-10"),
            (2025, Festival::SpringFestival, "2025-01-29"),
            (2030, Festival::SpringFestival, "2030-02-03"),
            (2023, Festival::DragonBoat, "2023-06-22"),
            (2024, Festival::DragonBoat, "2024-06-10"),
            (2023, Festival::MidAutumn, "2023-09-29"),
            (2024, Festival::MidAutumn, "2024-09-17"),
        ];
        for (year, festival, want) in cases {
            assert_eq!(
                festival_date(year, festival),
                Some(date(want)),
                "{year} {festival:?}"
            );
        }
        assert_eq!(festival_date(2200, Festival::MidAutumn), None);
    }

    #[test]
    fn holidays_and_working_days() {
        let mut cal = Calendar::new();
        let cases = [
            // date, public holiday, working day
            ("2024-02-10", true, false),  // 春节, a Saturday
            ("2024-02-16", true, false),  // 春节 bridged Friday
            ("2024-02-18", false, true),  // make-up working Sunday
            ("2024-03-09", false, false), // an ordinary Saturday
            ("2024-03-11", false, true),  // an ordinary Monday
            ("2024-10-07", true, false),  // 国庆
            ("2024-10-12", false, true),  // make-up working Saturday
            ("2024-04-04", true, false),  // 清明
            ("2035-10-02", true, false),  // beyond the table: statutory 国庆
            ("2035-10-05", false, true),  // beyond the table: a Friday, no bridging
        ];
        for (day, holiday, working) in cases {
            let d = date(day);
            assert_eq!(
                (cal.is_public_holiday(d), cal.is_working_day(d)),
                (holiday, working),
                "{day}"
            );
        }
        // 2035 Spring Festival eve (statutory since 2025) is a holiday.
        let eve = festival_date(2035, Festival::SpringFestival).unwrap() - Days::new(1);
        assert!(cal.is_public_holiday(eve));
    }

    #[test]
    fn the_published_table_covers_recent_years() {
        let (first, last) = published_years().unwrap();
        assert!(first == 2002 && last >= 2025, "{first}..{last}");
    }
}
