//! Unified social credit codes (统一社会信用代码, GB 32100-2015): the check character and
//! parsing a cell into a checked [`CreditCode`]. It does not check the registration
//! authority, organisation type or area code parts, nor old 15-digit registration numbers.

use std::fmt;

use super::text::compact_code;
use super::Checked;

/// The 31 characters a code may use; a character's value is its index.
const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// 3^i mod 31 for i = 0..16.
const WEIGHTS: [usize; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// An 18-character credit code whose check character is right.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CreditCode(String);

impl CreditCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for CreditCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn char_value(c: char) -> Option<usize> {
    CHARSET.find(c)
}

/// The check character for the first 17 characters, or `None` when the input is not 17
/// characters from the code's character set (upper case; no I, O, S, V, Z).
pub fn credit_code_check_char(first17: &str) -> Option<char> {
    if first17.chars().count() != 17 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += char_value(c)? * w;
    }
    let check = (31 - sum % 31) % 31;
    CHARSET.chars().nth(check)
}

fn check_18(text: &str) -> Option<CreditCode> {
    let first17 = text.get(..17)?;
    let last = text.get(17..)?;
    let expected = credit_code_check_char(first17)?;
    (last.len() == 1 && last.starts_with(expected)).then(|| CreditCode(text.to_string()))
}

/// Parses a cell holding a credit code: cleaned, upper-cased, spaces and dashes removed.
/// `None` when empty; `Valid` for 18 characters with the right check character;
/// `Invalid` with the cleaned text otherwise.
pub fn parse_credit_code(raw: &str) -> Option<Checked<CreditCode>> {
    let text = compact_code(raw);
    if text.is_empty() {
        return None;
    }
    Some(match check_18(&text) {
        Some(code) => Checked::Valid(code),
        None => Checked::Invalid(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<Result<&str, &str>>) {
        let got = parse_credit_code(input).map(|c| match c {
            Checked::Valid(code) => Ok(code.to_string()),
            Checked::Invalid(s) => Err(s),
        });
        let expected = expected.map(|r| r.map(str::to_string).map_err(str::to_string));
        assert_eq!(got, expected, "input {input:?}");
    }

    #[test]
    fn weights_are_powers_of_three() {
        let mut w = 1;
        for expected in WEIGHTS {
            assert_eq!(w, expected);
            w = w * 3 % 31;
        }
        assert_eq!(CHARSET.len(), 31);
    }

    #[test]
    fn check_char_examples() {
        assert_eq!(credit_code_check_char("91350100M000100Y4"), Some('3'));
        assert_eq!(credit_code_check_char("91110108551385082"), Some('Q'));
        assert_eq!(credit_code_check_char("12100000400000000"), Some('W'));
        assert_eq!(credit_code_check_char("91330100799655058"), Some('B'));
        // A sum that is a multiple of 31 gives check value 31, which maps to '0'.
        assert_eq!(credit_code_check_char("00000000000000000"), Some('0'));
        // Letters outside the set, lower case, wrong length.
        assert_eq!(credit_code_check_char("91350100I000100Y4"), None);
        assert_eq!(credit_code_check_char("91350100m000100Y4"), None);
        assert_eq!(credit_code_check_char("91350100M000100Y"), None);
    }

    #[test]
    fn every_made_code_passes_and_every_single_change_fails() {
        for first17 in [
            "91350100M000100Y4",
            "91440300MA5EXAMPL",
            "52110000MJ0000000",
        ] {
            let check_char = credit_code_check_char(first17).unwrap();
            let code = format!("{first17}{check_char}");
            check(&code, Some(Ok(code.as_str())));
            for (i, c) in code.char_indices() {
                let replacement = if c == '1' { '2' } else { '1' };
                let mut changed = code.clone();
                changed.replace_range(i..i + 1, &replacement.to_string());
                check(&changed, Some(Err(changed.as_str())));
            }
        }
    }

    #[test]
    fn parse_cleans_before_checking() {
        check("91350100m000100y43", Some(Ok("91350100M000100Y43")));
        check(" 9135 0100 M000 100Y 43 ", Some(Ok("91350100M000100Y43")));
        check(
            "９１３５０１００Ｍ０００１００Ｙ４３",
            Some(Ok("91350100M000100Y43")),
        );
        check("'91110108551385082Q", Some(Ok("91110108551385082Q")));
    }

    #[test]
    fn parse_near_misses_are_invalid() {
        check("91350100M000100Y44", Some(Err("91350100M000100Y44")));
        // Transposed neighbours.
        check("91351000M000100Y43", Some(Err("91351000M000100Y43")));
        // O for 0 is outside the character set.
        check("91350100M0OO100Y43", Some(Err("91350100M0OO100Y43")));
        check("91350100M000100Y4", Some(Err("91350100M000100Y4")));
        check("91350100M000100Y430", Some(Err("91350100M000100Y430")));
        // An old 15-digit registration number.
        check("110108000000016", Some(Err("110108000000016")));
        check("", None);
        check("\u{3000}", None);
    }
}
