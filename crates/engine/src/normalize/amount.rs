//! Money amounts, plain numbers and ratios written as text: thousands separators,
//! currency marks, accounting parentheses, trailing minus, 万/亿 multipliers, percentages.
//! It does not convert currencies, read Chinese numerals (壹万元) or scientific notation.

use super::text::{all_digits, clean_text};

/// Prefixes that mark a currency and carry no value.
const CURRENCY_PREFIXES: [&str; 5] = ["¥", "￥", "RMB", "CNY", "人民币"];

/// The parts of an amount once its decorations are peeled off.
struct Peeled<'a> {
    core: &'a str,
    negative: bool,
    multiplier: f64,
}

/// Removes one decoration from the front or back of `s`, noting a sign or multiplier in
/// `p` and counting signs in `signs`; `None` when there is nothing left to remove.
fn peel_once<'a>(s: &'a str, p: &mut Peeled<'a>, signs: &mut u32) -> Option<&'a str> {
    let upper_prefix = |prefix: &str| {
        s.get(..prefix.len())
            .filter(|head| head.eq_ignore_ascii_case(prefix))
            .map(|_| &s[prefix.len()..])
    };
    if let Some(rest) = CURRENCY_PREFIXES.iter().find_map(|pre| upper_prefix(pre)) {
        return Some(rest);
    }
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        *signs += 1;
        p.negative = true;
        return Some(inner);
    }
    if let Some(rest) = s
        .strip_prefix(['-', '−'])
        .or_else(|| s.strip_suffix(['-', '−']))
    {
        *signs += 1;
        p.negative = true;
        return Some(rest);
    }
    if let Some(rest) = s.strip_prefix('+') {
        *signs += 1;
        return Some(rest);
    }
    if let Some(rest) = s.strip_suffix('元') {
        return Some(rest);
    }
    for (unit, factor) in [("万", 1e4), ("亿", 1e8)] {
        if let Some(rest) = s.strip_suffix(unit).filter(|_| p.multiplier == 1.0) {
            p.multiplier = factor;
            return Some(rest);
        }
    }
    None
}

/// Strips signs, currency marks and units until only the number is left.
fn peel(text: &str) -> Option<Peeled<'_>> {
    let mut p = Peeled {
        core: text,
        negative: false,
        multiplier: 1.0,
    };
    let mut signs = 0;
    let mut s = text.trim();
    while let Some(rest) = peel_once(s, &mut p, &mut signs) {
        s = rest.trim();
    }
    p.core = s;
    (signs <= 1).then_some(p)
}

/// `1,234.50`, `1234`, `.5`: digits with correctly grouped thousands separators and at
/// most one decimal point.
fn plain_number(core: &str) -> Option<f64> {
    let (int, frac) = core.split_once('.').unwrap_or((core, ""));
    let frac_ok = frac.is_empty() || all_digits(frac);
    let int_ok = match int.split_once(',') {
        None => (int.is_empty() && !frac.is_empty()) || all_digits(int),
        Some(_) => grouped(int),
    };
    if !(frac_ok && int_ok) || core == "." {
        return None;
    }
    core.replace(',', "").parse().ok()
}

/// `1,234,567`: a first group of 1–3 digits, then groups of exactly 3.
fn grouped(int: &str) -> bool {
    let mut groups = int.split(',');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && all_digits(g));
    first_ok && groups.all(|g| g.len() == 3 && all_digits(g))
}

/// A number written as text, with the decorations [`parse_amount`] accepts, not rounded.
pub fn parse_number(raw: &str) -> Option<f64> {
    let text = clean_text(raw);
    let p = peel(&text)?;
    let value = plain_number(p.core)? * p.multiplier;
    let signed = if p.negative { -value } else { value };
    // No negative zero: "(0.00)" is zero.
    Some(if signed == 0.0 { 0.0 } else { signed })
}

/// A money amount rounded to 2 decimals: `1,234.50`, `1，234.50`, `¥1,234`, `￥1234`,
/// `1234元`, `RMB 1234`, `CNY1234`, `(1,234.00)` (negative), `-1234`, `+1234`, `1234-`
/// (negative), `1.2万`/`1.2万元` (12000). `None` for an empty cell, a dash placeholder
/// (`-`, `--`), letters, or two numbers.
pub fn parse_amount(raw: &str) -> Option<f64> {
    parse_number(raw).map(|v| {
        let rounded = (v * 100.0).round() / 100.0;
        if rounded == 0.0 {
            0.0
        } else {
            rounded
        }
    })
}

/// A share between 0 and 1: `35%` → 0.35, `0.35` → 0.35, `35` → 0.35 (a plain number
/// above 1 and up to 100 is read as a percentage). A bare `1` means the whole, 1.0 (100%),
/// not 1%. `None` for negative values, more than 100%, or text that is not a number.
pub fn parse_ratio(raw: &str) -> Option<f64> {
    let text = clean_text(raw);
    let (number, percent) = match text.strip_suffix('%') {
        Some(rest) => (rest, true),
        None => (text.as_str(), false),
    };
    let value = parse_number(number)?;
    let ratio = if percent || value > 1.0 {
        value / 100.0
    } else {
        value
    };
    (0.0..=1.0).contains(&ratio).then_some(ratio)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(f: fn(&str) -> Option<f64>, input: &str, expected: Option<f64>) {
        let got = f(input);
        let close = match (got, expected) {
            (Some(g), Some(e)) => (g - e).abs() < 1e-9,
            (g, e) => g == e,
        };
        assert!(close, "input {input:?}: got {got:?}, expected {expected:?}");
    }

    #[test]
    fn amounts_in_every_form() {
        let f = parse_amount;
        check(f, "1,234.50", Some(1234.5));
        check(f, "1，234.50", Some(1234.5));
        check(f, "１，２３４．５０", Some(1234.5));
        check(f, "¥1,234", Some(1234.0));
        check(f, "￥1234", Some(1234.0));
        check(f, "¥ 1,234.00", Some(1234.0));
        check(f, "1234元", Some(1234.0));
        check(f, "RMB 1234", Some(1234.0));
        check(f, "rmb1234", Some(1234.0));
        check(f, "CNY1234", Some(1234.0));
        check(f, "人民币1234元", Some(1234.0));
        check(f, "(1,234.00)", Some(-1234.0));
        check(f, "（1,234.00）", Some(-1234.0));
        check(f, "-1234", Some(-1234.0));
        check(f, "- 1234", Some(-1234.0));
        check(f, "-¥1,234", Some(-1234.0));
        check(f, "¥-1,234", Some(-1234.0));
        check(f, "+1234", Some(1234.0));
        check(f, "1234-", Some(-1234.0));
        check(f, "1.2万", Some(12000.0));
        check(f, "1.2万元", Some(12000.0));
        check(f, "3亿", Some(300_000_000.0));
        check(f, ".5", Some(0.5));
        check(f, "12.", Some(12.0));
        check(f, "0.005", Some(0.01));
        check(f, "1234.566", Some(1234.57));
        check(f, "(0.00)", Some(0.0));
    }

    #[test]
    fn amounts_near_misses() {
        let f = parse_amount;
        for input in [
            "",
            " ",
            "-",
            "--",
            "—",
            "元",
            "¥",
            "()",
            ".",
            "1,2345",
            "12,34.5",
            ",123",
            "1.2.3",
            "1234 5678",
            "12abc",
            "1.2E+5",
            "USD100",
            "--1234",
            "-1234-",
            "(-5)",
            "1.2万万",
            "壹万元",
            "1,234,56",
        ] {
            check(f, input, None);
        }
    }

    #[test]
    fn numbers_are_not_rounded() {
        check(parse_number, "0.125", Some(0.125));
        check(parse_number, "1,000.3333", Some(1000.3333));
        check(parse_number, "1.2345万", Some(12345.0));
    }

    #[test]
    fn ratios() {
        let f = parse_ratio;
        check(f, "35%", Some(0.35));
        check(f, "35 %", Some(0.35));
        check(f, "35％", Some(0.35));
        check(f, "0.35", Some(0.35));
        check(f, "35", Some(0.35));
        check(f, "100%", Some(1.0));
        check(f, "100", Some(1.0));
        check(f, "1", Some(1.0));
        check(f, "1%", Some(0.01));
        check(f, "0", Some(0.0));
        check(f, "33.33%", Some(0.3333));
        check(f, "101", None);
        check(f, "120%", None);
        check(f, "-5%", None);
        check(f, "-0.2", None);
        check(f, "", None);
        check(f, "%", None);
        check(f, "全资", None);
    }
}
