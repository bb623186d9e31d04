//! The festivals of the lunar calendar that gift-giving clusters around — Spring
//! Festival (正月初一), Dragon Boat (五月初五) and Mid-Autumn (八月十五) — as Gregorian
//! dates of any year from 1901 to 2100. The conversion is the `chinese-lunisolar-calendar`
//! crate's (MIT, magiclen; a table-driven converter with the standard lunar month table,
//! no network, no clock); this file only names the festivals and asks for their dates.
//! It is not a holiday calendar: official days off and make-up working days are not here.

use chinese_lunisolar_calendar::LunisolarDate;
use chrono::NaiveDate;

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

    fn lunar_month_day(self) -> (u8, u8) {
        match self {
            Festival::Spring => (1, 1),
            Festival::DragonBoat => (5, 5),
            Festival::MidAutumn => (8, 15),
        }
    }

    /// The festival's Gregorian date in the lunar year that starts in `year`;
    /// `None` outside 1901–2100.
    pub fn date_in(self, year: i32) -> Option<NaiveDate> {
        let year = u16::try_from(year).ok()?;
        let (month, day) = self.lunar_month_day();
        let date = LunisolarDate::from_ymd(year, month, false, day).ok()?;
        Some(date.to_naive_date())
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
