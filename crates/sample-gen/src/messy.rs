//! Ways of writing one value badly, as department extracts do: full-width digits,
//! thousands separators, currency signs, Chinese dates, stray spaces.
//!
//! Pure string functions; which row gets which mess is decided by the callers.

use chrono::{Datelike, NaiveDate};

/// ASCII digits and letters to their full-width forms (`１２３Ａ`).
pub fn fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' | 'A'..='Z' | 'a'..='z' | '.' | ',' => {
                char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// `1234567.5` → `1,234,567.50`.
pub fn thousands(amount: f64) -> String {
    let cents = (amount.abs() * 100.0).round() as u64;
    let int = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if amount < 0.0 { "-" } else { "" };
    format!("{sign}{grouped}.{:02}", cents % 100)
}

/// Plain two-decimal text: `1234.50`.
pub fn plain(amount: f64) -> String {
    format!("{amount:.2}")
}

pub fn ymd_compact(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}
pub fn ymd_slash(d: NaiveDate) -> String {
    format!("{}/{}/{}", d.year(), d.month(), d.day())
}
pub fn ymd_chinese(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}
pub fn ymd_iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Breaks a two- or three-character name with a space, NBSP, tab or line break.
pub fn spaced_name(name: &str, style: usize) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    let sep = [' ', '\u{00A0}', '\n', '\t', '\u{3000}'][style % 5];
    if chars.len() >= 2 {
        chars.insert(1, sep);
    }
    let s: String = chars.into_iter().collect();
    if style.is_multiple_of(2) {
        format!(" {s} ")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(thousands(1_234_567.5), "1,234,567.50");
        assert_eq!(thousands(999.0), "999.00");
        assert_eq!(fullwidth("12.5A"), "１２．５Ａ");
        let day = crate::people::d("2024-01-05");
        assert_eq!(ymd_slash(day), "2024/1/5");
        assert_eq!(ymd_chinese(day), "2024年1月5日");
        assert_eq!(ymd_compact(day), "20240105");
    }
}
