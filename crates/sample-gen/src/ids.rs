//! Check-digit arithmetic for the identifiers in the sample: citizen ID numbers
//! (GB 11643 MOD 11-2), unified social credit codes (GB 32100) and Luhn card numbers.
//!
//! Generation only needs to produce valid values; the validators are here so the tests
//! can prove it. This is not the engine's parser and does no normalisation.

use chrono::NaiveDate;

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8; 11] = b"10X98765432";
/// GB 32100-2015 character set (no I, O, S, V, Z).
pub const USCC_CHARS: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// MOD 11-2 check character for the first 17 digits of an ID number.
pub fn id_check_char(first17: &str) -> Option<char> {
    let digits: Vec<u32> = first17
        .chars()
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()?;
    if digits.len() != 17 {
        return None;
    }
    let sum: u32 = digits.iter().zip(ID_WEIGHTS).map(|(d, w)| d * w).sum();
    Some(ID_CHECK[(sum % 11) as usize] as char)
}

/// An 18-digit ID number: area code, birth date, 3-digit sequence (odd = male), check.
pub fn id18(area: &str, birth: NaiveDate, seq: u16) -> String {
    let first17 = format!("{area}{}{:03}", birth.format("%Y%m%d"), seq % 1000);
    // The prefix is built from digits only, so a check char always exists.
    let check = id_check_char(&first17).unwrap_or('0');
    format!("{first17}{check}")
}

/// The legacy 15-digit form of an 18-digit number born in the 1900s.
pub fn id15(id18: &str) -> String {
    format!("{}{}", &id18[..6], &id18[8..17])
}

#[cfg(test)]
/// True when an 18-char ID has a real birth date and a correct check character.
pub fn id_valid(id: &str) -> bool {
    if id.len() != 18 || !id.is_ascii() {
        return false;
    }
    let birth_ok = NaiveDate::parse_from_str(&id[6..14], "%Y%m%d").is_ok();
    let last = id[17..].to_ascii_uppercase();
    birth_ok && id_check_char(&id[..17]).map(|c| c.to_string()) == Some(last)
}

fn uscc_sum(first17: &str) -> Option<u32> {
    let mut sum = 0u32;
    let mut weight = 1u32;
    for c in first17.bytes() {
        let v = USCC_CHARS.iter().position(|&x| x == c)? as u32;
        sum += v * weight;
        weight = weight * 3 % 31;
    }
    Some(sum)
}

/// GB 32100 check character: weights 3^i mod 31, check = 31 - sum mod 31, 31 → 0.
pub fn uscc_check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let value = (31 - uscc_sum(first17)? % 31) % 31;
    Some(USCC_CHARS[value as usize] as char)
}

/// A credit code from its 2-char registration type, 6-digit area and 9-char body.
pub fn uscc(kind: &str, area: &str, body: &str) -> String {
    let first17 = format!("{kind}{area}{body}");
    let check = uscc_check_char(&first17).unwrap_or('0');
    format!("{first17}{check}")
}

#[cfg(test)]
pub fn uscc_valid(code: &str) -> bool {
    code.len() == 18 && uscc_check_char(&code[..17]) == code[17..].chars().next()
}

/// Luhn check over a digit string.
pub fn luhn_valid(number: &str) -> bool {
    let digits: Option<Vec<u32>> = number.chars().rev().map(|c| c.to_digit(10)).collect();
    let Some(digits) = digits else { return false };
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| luhn_term(i, d))
        .sum();
    !digits.is_empty() && sum.is_multiple_of(10)
}

fn luhn_term(position_from_right: usize, digit: u32) -> u32 {
    match (position_from_right % 2, digit * 2) {
        (0, _) => digit,
        (_, doubled) if doubled > 9 => doubled - 9,
        (_, doubled) => doubled,
    }
}

/// Appends the Luhn check digit to `body`.
pub fn luhn_complete(body: &str) -> String {
    (0..10)
        .map(|d| format!("{body}{d}"))
        .find(|s| luhn_valid(s))
        .unwrap_or_else(|| format!("{body}0"))
}

#[cfg(test)]
mod tests;
