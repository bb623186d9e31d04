//! The festivals of the lunar calendar that gift-giving clusters around — Spring
//! Festival (正月初一), Dragon Boat (五月初五) and Mid-Autumn (八月十五) — as Gregorian
//! dates. The lunar conversion is the case calendar's (`models::calendar`, on the
//! `tyme4rs` crate); this file only names the festivals the gift model watches and finds
//! the one a date falls before. It is not a holiday calendar.

use chrono::NaiveDate;

use crate::models::calendar::{self, Festival as CalendarFestival};

/// A festival the gift model watches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Festival {
    Spring,
    DragonBoat,
    MidAutumn,
}

impl Festival {
    pub const ALL: [Festival; 3] = [Festival::Spring, Festival::DragonBoat, Festival::MidAutumn];

    pub fn label(self) -> &'static str {
        match self {
            Festival::Spring => "春节",
            Festival::DragonBoat => "端午节",
            Festival::MidAutumn => "中秋节",
        }
    }

    /// The festival named in a parameter list (`春节`, `端午`, `中秋`…).
    pub fn from_label(text: &str) -> Option<Festival> {
        let t = text.trim();
        Festival::ALL
            .into_iter()
            .find(|f| f.label() == t || f.label().trim_end_matches('节') == t)
    }

    fn in_calendar(self) -> CalendarFestival {
        match self {
            Festival::Spring => CalendarFestival::SpringFestival,
            Festival::DragonBoat => CalendarFestival::DragonBoat,
            Festival::MidAutumn => CalendarFestival::MidAutumn,
        }
    }

    /// The festival's Gregorian date in the lunar year that starts in `year`;
    /// `None` outside the calendar's range.
    pub fn date_in(self, year: i32) -> Option<NaiveDate> {
        calendar::festival_date(year, self.in_calendar())
    }
}

/// The festival on `day` or within `days_before` days after it, if any: the gift date
/// `day` falls on the festival or in the days before it.
pub(super) fn festival_near(
    day: NaiveDate,
    days_before: i64,
    watched: &[Festival],
) -> Option<(Festival, NaiveDate)> {
    use chrono::Datelike;
    for year in [day.year() - 1, day.year(), day.year() + 1] {
        for &f in watched {
            let Some(date) = f.date_in(year) else {
                continue;
            };
            let gap = (date - day).num_days();
            if (0..=days_before).contains(&gap) {
                return Some((f, date));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn known_festival_dates() {
        let cases = [
            (Festival::Spring, 2023, "2023-01-22"),
            (Festival::Spring, 2024, "2024-02-10"),
            (Festival::Spring, 2025, "2025-01-29"),
            (Festival::MidAutumn, 2023, "2023-09-29"),
            (Festival::MidAutumn, 2024, "2024-09-17"),
            (Festival::DragonBoat, 2023, "2023-06-22"),
            (Festival::DragonBoat, 2024, "2024-06-10"),
            // After a leap fourth month (2020), and the table's first day.
            (Festival::DragonBoat, 2020, "2020-06-25"),
            (Festival::Spring, 1901, "1901-02-19"),
        ];
        for (f, year, want) in cases {
            assert_eq!(f.date_in(year), Some(d(want)), "{f:?} {year}");
        }
        assert_eq!(Festival::Spring.date_in(1899), None);
    }

    #[test]
    fn window_is_the_day_and_the_days_before() {
        let all = Festival::ALL;
        assert_eq!(
            festival_near(d("2024-02-07"), 5, &all),
            Some((Festival::Spring, d("2024-02-10")))
        );
        assert!(festival_near(d("2024-02-10"), 5, &all).is_some());
        assert!(festival_near(d("2024-02-05"), 5, &all).is_some());
        assert!(festival_near(d("2024-02-04"), 5, &all).is_none());
        assert!(festival_near(d("2024-02-11"), 5, &all).is_none());
        // Seven days before Mid-Autumn 2023 is outside the window.
        assert!(festival_near(d("2023-09-22"), 5, &all).is_none());
    }

    #[test]
    fn labels_parse() {
        assert_eq!(Festival::from_label("中秋"), Some(Festival::MidAutumn));
        assert_eq!(Festival::from_label("端午节"), Some(Festival::DragonBoat));
        assert_eq!(Festival::from_label("元宵节"), None);
    }
}
