//! Telephone numbers: mobiles and landlines reduced to their digits so they can be
//! compared. It does not validate number ranges or area codes, and keeps only the first
//! of several numbers in one cell.

use super::text::{all_digits, clean_text, strip_number_fraction};

/// Characters that separate several numbers written in one cell.
const LIST_SEPARATORS: [char; 4] = ['/', ',', ';', '、'];

fn is_mobile(digits: &str) -> bool {
    digits.len() == 11 && digits.starts_with('1') && all_digits(digits)
}

/// The number without a `+86` / `0086` country code. A bare `86` is removed only in front
/// of an 11-digit mobile. A landline written internationally gets its trunk `0` back.
fn strip_country_code(compact: &str) -> String {
    let international = ["+0086", "+86", "0086"]
        .iter()
        .find_map(|prefix| compact.strip_prefix(prefix));
    if let Some(rest) = international {
        if is_mobile(rest) || rest.starts_with('0') || !all_digits(rest) {
            return rest.to_string();
        }
        return format!("0{rest}");
    }
    match compact.strip_prefix("86") {
        Some(rest) if is_mobile(rest) => rest.to_string(),
        _ => compact.to_string(),
    }
}

/// The single run of digits in `text`, when there is exactly one and it looks like a
/// phone number (a mobile, or 7 to 12 digits).
fn single_number(text: &str) -> Option<&str> {
    let mut runs = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty());
    let run = runs.next()?;
    let plausible = is_mobile(run) || (7..=12).contains(&run.len());
    (runs.next().is_none() && plausible).then_some(run)
}

/// A phone number reduced to its digits: `+86`/`0086`/`86-` before a mobile, spaces,
/// dashes and parentheses removed ("(0571) 8888-1234" → "057188881234",
/// "+86 138-0013-8000" → "13800138000").
///
/// When a cell lists several numbers separated by `/`, `,`, `;` or `、`, only the first is
/// returned. A value with a label around one plausible number ("手机13800138000") gives that
/// number; anything else that is not purely a number is returned as cleaned text, never
/// dropped. `None` when the cell is empty.
pub fn normalize_phone(raw: &str) -> Option<String> {
    let text = clean_text(raw);
    let first = text
        .split(LIST_SEPARATORS)
        .map(str::trim)
        .find(|part| !part.is_empty())?;
    let compact: String = first
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '—'))
        .collect();
    let compact = strip_number_fraction(&compact, all_digits).to_string();
    let number = strip_country_code(&compact);
    if all_digits(&number) {
        return Some(number);
    }
    Some(single_number(&number).unwrap_or(first).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<&str>) {
        assert_eq!(
            normalize_phone(input).as_deref(),
            expected,
            "input {input:?}"
        );
    }

    #[test]
    fn mobiles() {
        check("13800138000", Some("13800138000"));
        check("138 0013 8000", Some("13800138000"));
        check("138-0013-8000", Some("13800138000"));
        check("+86 138 0013 8000", Some("13800138000"));
        check("+8613800138000", Some("13800138000"));
        check("0086-13800138000", Some("13800138000"));
        check("86-13800138000", Some("13800138000"));
        check("8613800138000", Some("13800138000"));
        check("１３８００１３８０００", Some("13800138000"));
        check("13800138000.0", Some("13800138000"));
    }

    #[test]
    fn landlines_keep_area_code() {
        check("(0571) 8888-1234", Some("057188881234"));
        check("（0571）88881234", Some("057188881234"));
        check("0571-88881234", Some("057188881234"));
        check("+86 571 8888 1234", Some("057188881234"));
        check("88881234", Some("88881234"));
        // A bare 86 in front of something that is not a mobile is part of the number.
        check("86123456", Some("86123456"));
    }

    #[test]
    fn several_numbers_give_the_first() {
        check("13800138000/13900139000", Some("13800138000"));
        check("13800138000，13900139000", Some("13800138000"));
        check("0571-88881234；13900139000", Some("057188881234"));
        check("13800138000、13900139000", Some("13800138000"));
        check("/13900139000", Some("13900139000"));
    }

    #[test]
    fn labels_and_text_are_kept() {
        check("手机：13800138000", Some("13800138000"));
        check("13800138000（本人）", Some("13800138000"));
        check("无", Some("无"));
        check("不详 ", Some("不详"));
        // Two digit runs: cannot tell the number from the extension, keep the text.
        check("0571-88881234转801", Some("0571-88881234转801"));
        check("", None);
        check(" \u{3000} ", None);
        check(" / ", None);
    }
}
