//! Dates, times and months as extracts write them: `20240105`, `2024-01-05`, `2024/1/5`,
//! `2024.1.5`, `2024年1月5日`, with or without a time, and Excel serial numbers written as
//! text. It is not a natural-language date parser (no "昨天", no two-digit years, no time
//! zones, no AM/PM) and never calls the clock.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::text::{all_digits, clean_text};

/// The largest serial Excel accepts: 9999-12-31.
const MAX_SERIAL: f64 = 2_958_465.0;

/// Converts an Excel serial (1900 date system) to a date and time. Serial 1 is
/// 1900-01-01; serial 60 is Excel's invented 1900-02-29 and gives `None`; serials after it
/// are one day later than their count suggests. The fraction is the time of day, rounded
/// to the second. `None` outside 1..=2958465 (fractions included) or for non-finite input.
pub fn excel_serial_to_datetime(serial: f64) -> Option<NaiveDateTime> {
    if !serial.is_finite() || !(1.0..MAX_SERIAL + 1.0).contains(&serial) {
        return None;
    }
    let days = serial.floor();
    let seconds = ((serial - days) * 86_400.0).round() as i64;
    let epoch = match days as i64 {
        60 => return None,
        d if d < 60 => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };
    let midnight = epoch.checked_add_signed(Duration::days(days as i64))?;
    midnight
        .and_time(NaiveTime::MIN)
        .checked_add_signed(Duration::seconds(seconds))
}

/// A text that is an Excel serial: 1 to 5 integer digits, an optional fraction.
///
/// Deviation on purpose: a four-digit integer part from 1900 to 2100 is read as a year
/// ("2024", "2024.01"), not as a serial; those serials are days in 1905, which no extract
/// we handle contains.
fn as_serial(text: &str) -> Option<f64> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let shaped =
        (1..=5).contains(&int.len()) && all_digits(int) && (frac.is_empty() || all_digits(frac));
    if !shaped || looks_like_year(int) {
        return None;
    }
    let value: f64 = text.parse().ok()?;
    (1.0..=MAX_SERIAL).contains(&value).then_some(value)
}

fn looks_like_year(int: &str) -> bool {
    int.len() == 4 && int.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// Splits `s` into its leading ASCII digits and the rest.
fn take_digits(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

/// Parses `text` as a number of 1 or 2 digits (months, days, hours...).
fn small(text: &str) -> Option<u32> {
    ((1..=2).contains(&text.len()) && all_digits(text))
        .then(|| text.parse().ok())
        .flatten()
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// `YYYYMMDD` at the start of `s` (not followed by more digits).
fn compact_date_prefix(s: &str) -> Option<(NaiveDate, &str)> {
    let (digits, rest) = take_digits(s);
    if digits.len() != 8 {
        return None;
    }
    Some((ymd(&digits[..4], &digits[4..6], &digits[6..])?, rest))
}

/// `YYYY-M-D`, `YYYY/M/D`, `YYYY.M.D` or `YYYY年M月D日` at the start of `s`.
fn separated_date_prefix(s: &str) -> Option<(NaiveDate, &str)> {
    let (year, rest) = take_digits(s);
    let sep = rest.chars().next()?;
    let second = match sep {
        '-' | '/' | '.' => sep,
        '年' => '月',
        _ => return None,
    };
    let (month, rest) = take_digits(rest.get(sep.len_utf8()..)?);
    let rest = rest.strip_prefix(second)?;
    let (day, rest) = take_digits(rest);
    let rest = match sep {
        '年' => rest.strip_prefix(['日', '号']).unwrap_or(rest),
        _ => rest,
    };
    if year.len() != 4 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year.parse().ok()?, small(month)?, small(day)?)?;
    Some((date, rest))
}

/// `H:M`, `H:M:S` or `H:M:S.fff` (the fraction of a second is dropped).
fn colon_time(s: &str) -> Option<NaiveTime> {
    let parts: Vec<&str> = s.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [h, m] => (*h, *m, "0"),
        [h, m, sec] => (*h, *m, without_millis(sec)),
        _ => return None,
    };
    NaiveTime::from_hms_opt(small(h)?, small(m)?, small(sec)?)
}

/// `05.123` → `05`; anything else unchanged.
fn without_millis(sec: &str) -> &str {
    match sec.split_once('.') {
        Some((whole, frac)) if all_digits(frac) => whole,
        _ => sec,
    }
}

/// `13时04分05秒`, `13时04分`, `13点04分`, `13时`.
fn chinese_time(s: &str) -> Option<NaiveTime> {
    let (h, rest) = take_digits(s);
    let rest = rest.strip_prefix(['时', '点'])?;
    let (m, rest) = take_digits(rest);
    let (m, rest) = match rest.strip_prefix('分') {
        Some(after) => (m, after),
        None if m.is_empty() => ("0", rest),
        None => return None,
    };
    let (sec, rest) = take_digits(rest);
    let (sec, rest) = match rest.strip_prefix('秒') {
        Some(after) => (sec, after),
        None if sec.is_empty() => ("0", rest),
        None => return None,
    };
    if !rest.is_empty() {
        return None;
    }
    NaiveTime::from_hms_opt(small(h)?, small(m)?, small(sec)?)
}

/// `HHMMSS` as six digits.
fn compact_time(s: &str) -> Option<NaiveTime> {
    if s.len() != 6 || !all_digits(s) {
        return None;
    }
    NaiveTime::from_hms_opt(
        s[..2].parse().ok()?,
        s[2..4].parse().ok()?,
        s[4..].parse().ok()?,
    )
}

/// A time of day written out (not an Excel fraction).
fn written_time(s: &str) -> Option<NaiveTime> {
    colon_time(s)
        .or_else(|| chinese_time(s))
        .or_else(|| compact_time(s))
}

/// The date and time of a cleaned text made only of digits: `YYYYMMDD`,
/// `YYYYMMDDHHMM`, `YYYYMMDDHHMMSS`, or an Excel serial.
fn digits_datetime(text: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    if let Some(serial) = as_serial(text) {
        let dt = excel_serial_to_datetime(serial)?;
        let time = (serial.fract() != 0.0).then(|| dt.time());
        return Some((dt.date(), time));
    }
    if !all_digits(text) {
        return None;
    }
    let (date, _) = compact_date_prefix(text.get(..8)?)?;
    let tail = text.get(8..)?;
    let time = match tail.len() {
        0 => None,
        4 => Some(NaiveTime::from_hms_opt(
            small(&tail[..2])?,
            small(&tail[2..])?,
            0,
        )?),
        6 => Some(compact_time(tail)?),
        _ => return None,
    };
    Some((date, time))
}

/// A date with an optional time of day. Accepts every form [`parse_date`] does, with a
/// time after a space or `T`: `13:04:05`, `13:04`, `13:04:05.123`, `130405`,
/// `13时04分05秒`; also `20240105130405`, and an Excel serial whose fraction gives the
/// time (a serial without a fraction gives no time). A text after the date that is not a
/// time makes the whole value unreadable.
pub fn parse_datetime(raw: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let text = clean_text(raw);
    if text.is_empty() {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit() || b == b'.') && !text.contains("..") {
        if let Some(found) = digits_datetime(&text) {
            return Some(found);
        }
    }
    let (date, rest) = separated_date_prefix(&text).or_else(|| compact_date_prefix(&text))?;
    let rest = rest.trim_start_matches([' ', 'T']);
    if rest.is_empty() {
        return Some((date, None));
    }
    Some((date, Some(written_time(rest)?)))
}

/// A calendar date from any of the forms in the module doc, an Excel serial, or the date
/// part of a date and time. Impossible dates (2023-02-30) give `None`.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    parse_datetime(raw).map(|(date, _)| date)
}

/// A time of day: `13:04:05`, `13:04`, `130405`, `13时04分05秒`, an Excel fraction of a
/// day (`0.5445`), or the time part of a full date and time.
pub fn parse_time_of_day(raw: &str) -> Option<NaiveTime> {
    let text = clean_text(raw);
    if let Some(time) = written_time(&text) {
        return Some(time);
    }
    if let Some(fraction) = day_fraction(&text) {
        let seconds = (fraction * 86_400.0).round() as u32;
        return NaiveTime::from_num_seconds_from_midnight_opt(seconds.min(86_399), 0);
    }
    parse_datetime(&text).and_then(|(_, time)| time)
}

/// `0.xxx`: a fraction of a day in [0, 1).
fn day_fraction(text: &str) -> Option<f64> {
    let frac = text.strip_prefix("0.")?;
    all_digits(frac).then(|| text.parse().ok()).flatten()
}

/// A year and month: `2024-01`, `2024/1`, `2024.01`, `202401`, `2024年1月`, `2024年01月份`,
/// or the month of anything [`parse_date`] accepts (including Excel serials).
pub fn parse_month(raw: &str) -> Option<(i32, u32)> {
    let text = clean_text(raw);
    if let Some(found) = written_month(&text) {
        return Some(found);
    }
    parse_date(&text).map(|date| (date.year(), date.month()))
}

fn written_month(text: &str) -> Option<(i32, u32)> {
    let (year, rest) = take_digits(text);
    let month = match (year.len(), rest) {
        (6, "") => &year[4..],
        (4, _) => {
            let rest = rest.strip_prefix(['-', '/', '.', '年'])?;
            let (month, tail) = take_digits(rest);
            let tail_ok = if text.contains('年') {
                matches!(tail, "月" | "月份")
            } else {
                tail.is_empty()
            };
            if !tail_ok {
                return None;
            }
            month
        }
        _ => return None,
    };
    let year: i32 = year.get(..4)?.parse().ok()?;
    let month = small(month)?;
    (1..=12).contains(&month).then_some((year, month))
}

#[cfg(test)]
mod tests;
