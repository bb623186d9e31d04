//! Bank account and card numbers: the Luhn check and parsing a cell into a checked
//! [`AccountNo`]. Validity here means "8 to 30 digits"; the Luhn check is offered for
//! callers that want to grade card numbers, since plain accounts need not pass it. It does
//! not know bank BIN ranges.

use std::fmt;

use super::text::{all_digits, compact_code, strip_number_fraction};
use super::Checked;

/// A bank account or card number of 8 to 30 ASCII digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountNo(String);

impl AccountNo {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for AccountNo {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AccountNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// True when `digits` is non-empty, all ASCII digits, and passes the Luhn (mod 10) check.
pub fn luhn_valid(digits: &str) -> bool {
    if !all_digits(digits) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            match (i % 2 == 1, d * 2) {
                (true, doubled) if doubled > 9 => doubled - 9,
                (true, doubled) => doubled,
                (false, _) => d,
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn is_account_shape(s: &str) -> bool {
    all_digits(s) && (8..=30).contains(&s.len())
}

/// Parses a cell holding an account or card number: cleaned, spaces, dashes and a leading
/// apostrophe removed, a number cell's trailing `.0` dropped. `None` when empty; `Valid`
/// for 8 to 30 digits; `Invalid` with the cleaned text otherwise (letters, scientific
/// notation such as `6.22E+18`, too short or too long).
pub fn parse_account(raw: &str) -> Option<Checked<AccountNo>> {
    let compact = compact_code(raw);
    if compact.is_empty() {
        return None;
    }
    let text = strip_number_fraction(&compact, is_account_shape);
    Some(if is_account_shape(text) {
        Checked::Valid(AccountNo(text.to_string()))
    } else {
        Checked::Invalid(compact)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<Result<&str, &str>>) {
        let got = parse_account(input).map(|c| match c {
            Checked::Valid(a) => Ok(a.to_string()),
            Checked::Invalid(s) => Err(s),
        });
        let expected = expected.map(|r| r.map(str::to_string).map_err(str::to_string));
        assert_eq!(got, expected, "input {input:?}");
    }

    #[test]
    fn luhn_examples() {
        assert!(luhn_valid("79927398713"));
        assert!(!luhn_valid("79927398710"));
        assert!(luhn_valid("4111111111111111"));
        assert!(!luhn_valid("4111111111111112"));
        assert!(luhn_valid("6222020200000000007") == luhn_digit_ok("622202020000000000", '7'));
        assert!(luhn_valid("0"));
        assert!(!luhn_valid(""));
        assert!(!luhn_valid("4111 1111 1111 1111"));
    }

    /// Independent check: the digit that makes the payload pass, by trying all ten.
    fn luhn_digit_ok(payload: &str, digit: char) -> bool {
        let passing: Vec<char> = ('0'..='9')
            .filter(|d| luhn_valid(&format!("{payload}{d}")))
            .collect();
        passing == vec![digit]
    }

    #[test]
    fn parse_valid_forms() {
        check("6222020200000000007", Some(Ok("6222020200000000007")));
        check("6222 0202 0000 0000 007", Some(Ok("6222020200000000007")));
        check("'6222020200000000007", Some(Ok("6222020200000000007")));
        check("6222-0202-0000-0000-007", Some(Ok("6222020200000000007")));
        check(
            "６２２２０２０２００００００００００７",
            Some(Ok("6222020200000000007")),
        );
        check("1234567890123.0", Some(Ok("1234567890123")));
        check("12345678", Some(Ok("12345678")));
        check(&"1".repeat(30), Some(Ok("1".repeat(30).as_str())));
        // Accounts need not pass Luhn.
        check("4111111111111112", Some(Ok("4111111111111112")));
    }

    #[test]
    fn parse_near_misses_are_invalid() {
        check("6.22E+18", Some(Err("6.22E+18")));
        check("6.22202E18", Some(Err("6.22202E18")));
        check("1234567", Some(Err("1234567")));
        check("1234567.0", Some(Err("1234567.0")));
        check(&"1".repeat(31), Some(Err("1".repeat(31).as_str())));
        check("NRA310000123", Some(Err("NRA310000123")));
        check("6222020200000000007.5", Some(Err("6222020200000000007.5")));
        check("", None);
        check("'", None);
    }
}
