//! Citizen identity numbers (公民身份号码, GB 11643-1999): the check digit, the 15 → 18
//! upgrade, and parsing a messy cell into a checked [`IdNumber`]. It does not check the
//! area code against the administrative-division list, nor ages against today.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::text::{all_digits, compact_code, strip_number_fraction};
use super::Checked;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// An 18-character identity number whose check digit and birth date are right; the check
/// character is an upper-case `X` when it is ten.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdNumber(String);

impl IdNumber {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date in characters 7–14.
    pub fn birth_date(&self) -> NaiveDate {
        // Construction checked the date, so the fallback is never taken.
        self.0
            .get(6..14)
            .and_then(birth_date_of)
            .unwrap_or(NaiveDate::MIN)
    }

    /// True when the 17th character (the sequence number's last digit) is even.
    pub fn is_female(&self) -> bool {
        self.0
            .as_bytes()
            .get(16)
            .is_some_and(|b| b.is_multiple_of(2))
    }
}

impl AsRef<str> for IdNumber {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The check character for the first 17 digits (ISO 7064 MOD 11-2), or `None` when the
/// input is not exactly 17 ASCII digits.
pub fn id_number_check_digit(first17: &str) -> Option<char> {
    if first17.len() != 17 || !all_digits(first17) {
        return None;
    }
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    CHECK_CHARS.get((sum % 11) as usize).copied()
}

/// `YYYYMMDD` as a real date with a year in 1900..=2100.
fn birth_date_of(yyyymmdd: &str) -> Option<NaiveDate> {
    if yyyymmdd.len() != 8 || !all_digits(yyyymmdd) {
        return None;
    }
    let year: i32 = yyyymmdd[..4].parse().ok()?;
    let month: u32 = yyyymmdd[4..6].parse().ok()?;
    let day: u32 = yyyymmdd[6..].parse().ok()?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    (1900..=2100).contains(&date.year()).then_some(date)
}

/// The 18-character form of a legacy 15-digit number: "19" inserted before the two-digit
/// birth year and the check digit appended. `None` unless the input is 15 digits with a
/// real birth date.
pub fn upgrade_15_to_18(old: &str) -> Option<String> {
    if old.len() != 15 || !all_digits(old) {
        return None;
    }
    let first17 = format!("{}19{}", &old[..6], &old[6..]);
    birth_date_of(&first17[6..14])?;
    let check = id_number_check_digit(&first17)?;
    Some(format!("{first17}{check}"))
}

/// Checks an 18-character candidate: 17 digits, the right check character, a real date.
fn check_18(text: &str) -> Option<IdNumber> {
    let first17 = text.get(..17)?;
    let last = text.get(17..)?;
    let expected = id_number_check_digit(first17)?;
    birth_date_of(&first17[6..14])?;
    (last.len() == 1 && last.starts_with(expected)).then(|| IdNumber(text.to_string()))
}

/// A number that went through a spreadsheet's scientific notation ("4.1e17",
/// "4.10101E+17"): its last digits are gone.
fn is_scientific(text: &str) -> bool {
    let Some((mantissa, exponent)) = text.split_once('E') else {
        return false;
    };
    let exponent = exponent.trim_start_matches('+');
    let mantissa_ok = mantissa.split('.').count() <= 2 && mantissa.split('.').all(all_digits);
    mantissa_ok && all_digits(exponent)
}

/// Parses a cell holding an identity number. `None` when the cell is empty after cleaning;
/// otherwise `Valid` for an 18-character number (or an upgraded 15-digit one) whose check
/// character and birth date are right, and `Invalid` with the cleaned text for anything
/// else, including numbers mangled by scientific notation.
pub fn parse_id_number(raw: &str) -> Option<Checked<IdNumber>> {
    let compact = compact_code(raw);
    if compact.is_empty() {
        return None;
    }
    if is_scientific(&compact) {
        return Some(Checked::Invalid(compact));
    }
    let text = strip_number_fraction(&compact, |s| {
        all_digits(s) && (s.len() == 15 || s.len() == 18)
    });
    let valid = match text.len() {
        18 => check_18(text),
        15 => upgrade_15_to_18(text).map(IdNumber),
        _ => None,
    };
    Some(match valid {
        Some(id) => Checked::Valid(id),
        None => Checked::Invalid(compact),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `expected`: `None` for an empty cell, `Some(Ok(canonical))` for valid,
    /// `Some(Err(cleaned))` for invalid.
    fn check(input: &str, expected: Option<Result<&str, &str>>) {
        let got = parse_id_number(input).map(|c| match c {
            Checked::Valid(id) => Ok(id.to_string()),
            Checked::Invalid(s) => Err(s),
        });
        let expected = expected.map(|r| r.map(str::to_string).map_err(str::to_string));
        assert_eq!(got, expected, "input {input:?}");
    }

    #[test]
    fn check_digit_examples() {
        assert_eq!(id_number_check_digit("11010519491231002"), Some('X'));
        assert_eq!(id_number_check_digit("32010619900307453"), Some('1'));
        assert_eq!(id_number_check_digit("13050319670401001"), Some('6'));
        assert_eq!(id_number_check_digit("1101051949123100"), None);
        assert_eq!(id_number_check_digit("1101051949123100X"), None);
        assert_eq!(id_number_check_digit("１1010519491231002"), None);
    }

    #[test]
    fn upgrade_examples() {
        assert_eq!(
            upgrade_15_to_18("130503670401001").as_deref(),
            Some("130503196704010016")
        );
        // 1967-02-30 does not exist.
        assert_eq!(upgrade_15_to_18("130503670230001"), None);
        assert_eq!(upgrade_15_to_18("13050367040100"), None);
        assert_eq!(upgrade_15_to_18("13050367040100A"), None);
    }

    #[test]
    fn parse_valid_forms() {
        check("11010519491231002X", Some(Ok("11010519491231002X")));
        check("11010519491231002x", Some(Ok("11010519491231002X")));
        check(
            " '110105 1949 1231 002x\u{3000}",
            Some(Ok("11010519491231002X")),
        );
        check("110105-19491231-002X", Some(Ok("11010519491231002X")));
        check(
            "１１０１０５１９４９１２３１００２Ｘ",
            Some(Ok("11010519491231002X")),
        );
        check("320106199003074531", Some(Ok("320106199003074531")));
        check("320106199003074531.0", Some(Ok("320106199003074531")));
        check("130503670401001", Some(Ok("130503196704010016")));
        check("130503670401001.0", Some(Ok("130503196704010016")));
    }

    #[test]
    fn parse_near_misses_are_invalid() {
        // One digit changed: the check digit no longer matches.
        check("320106199003074521", Some(Err("320106199003074521")));
        // Right check digit, but born in 1880.
        check("440524188001010014", Some(Err("440524188001010014")));
        // Check digit recomputed for an impossible date (1990-02-30).
        let first17 = "32010619900230453";
        let code = format!("{first17}{}", id_number_check_digit(first17).unwrap());
        check(&code, Some(Err(code.as_str())));
        check("4.1e17", Some(Err("4.1E17")));
        check("4.10101E+17", Some(Err("4.10101E+17")));
        check("11010519491231002X.0", Some(Err("11010519491231002X.0")));
        check("1101051949123100", Some(Err("1101051949123100")));
        check("130503670230001", Some(Err("130503670230001")));
        check("护照 E1234567", Some(Err("护照E1234567")));
    }

    #[test]
    fn parse_empty_is_none() {
        check("", None);
        check(" \u{3000}\u{200B} ", None);
        check("'", None);
    }

    #[test]
    fn birth_date_and_sex() {
        let Some(Checked::Valid(id)) = parse_id_number("11010519491231002X") else {
            panic!("expected a valid number");
        };
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        assert!(id.is_female());
        assert_eq!(id.as_str(), id.as_ref());
        let Some(Checked::Valid(id)) = parse_id_number("130503670401001") else {
            panic!("expected a valid number");
        };
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1967, 4, 1).unwrap()
        );
        assert!(!id.is_female());
    }
}
