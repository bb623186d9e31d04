//! Money direction (in or out) and yes/no flags as extracts write them. It does not infer
//! a direction from an amount's sign or a summary text; callers do that when no direction
//! column exists.

/// Which way money moved, seen from the account holder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    In,
    Out,
}

impl Direction {
    /// 1 for money in, -1 for money out.
    pub fn sign(self) -> i64 {
        match self {
            Direction::In => 1,
            Direction::Out => -1,
        }
    }
}

const IN_WORDS: &[&str] = &[
    "进", "收", "入", "贷", "收入", "转入", "存入", "来账", "进账", "入账", "贷方", "收款", "C",
    "CR", "CREDIT", "IN", "I", "1", "+1", "+",
];
const OUT_WORDS: &[&str] = &[
    "出", "付", "借", "支", "支出", "转出", "支取", "往账", "出账", "借方", "付款", "D", "DR",
    "DEBIT", "OUT", "O", "-1", "-",
];

/// Upper-cased, white space removed: the form the word lists use.
fn fold(raw: &str) -> String {
    super::clean_text(raw)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Reads a direction flag: 进/出, 收/付, 入/出, 贷/借 (in a bank statement 贷 is money in
/// and 借 money out), 收入/支出, 转入/转出, 存入/支取, 来账/往账, C/D (credit in, debit
/// out), `1`/`-1`, `+`/`-`, a stray `O` for 出 and `I` for 入; case does not matter.
/// `None` for anything else.
pub fn parse_direction(raw: &str) -> Option<Direction> {
    let word = fold(raw);
    if IN_WORDS.contains(&word.as_str()) {
        Some(Direction::In)
    } else if OUT_WORDS.contains(&word.as_str()) {
        Some(Direction::Out)
    } else {
        None
    }
}

const TRUE_WORDS: &[&str] = &["是", "成功", "Y", "YES", "TRUE", "1", "现", "现金", "中标"];
const FALSE_WORDS: &[&str] = &[
    "否",
    "失败",
    "N",
    "NO",
    "FALSE",
    "0",
    "转",
    "转账",
    "未中标",
];

/// Reads a yes/no flag: 是/否, 成功/失败, Y/N, YES/NO, TRUE/FALSE, 1/0, 中标/未中标, and
/// 现/转, 现金/转账. For the `cash` field 现 (cash) is `true` and 转 (transfer) `false`.
/// `None` for anything else.
pub fn parse_flag(raw: &str) -> Option<bool> {
    let word = fold(raw);
    if TRUE_WORDS.contains(&word.as_str()) {
        Some(true)
    } else if FALSE_WORDS.contains(&word.as_str()) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check<T: PartialEq + std::fmt::Debug>(
        f: fn(&str) -> Option<T>,
        input: &str,
        expected: Option<T>,
    ) {
        assert_eq!(f(input), expected, "input {input:?}");
    }

    #[test]
    fn directions_in() {
        for input in [
            "进", "收", "入", "贷", "收入", "转入", "存入", "来账", "C", "c", "Cr", "credit", "1",
            "+", "I", "i", " 贷 ", "贷方", "Ｃ", "+1",
        ] {
            check(parse_direction, input, Some(Direction::In));
        }
    }

    #[test]
    fn directions_out() {
        for input in [
            "出", "付", "借", "支出", "转出", "支取", "往账", "D", "d", "DR", "debit", "-1", "-",
            "O", "o", "借方", "－", "Ｏ",
        ] {
            check(parse_direction, input, Some(Direction::Out));
        }
    }

    #[test]
    fn directions_unknown() {
        for input in [
            "", "0", "2", "进出", "借贷", "收/付", "X", "OO", "--", "冲正", "0.0",
        ] {
            check(parse_direction, input, None);
        }
    }

    #[test]
    fn sign_follows_direction() {
        assert_eq!(Direction::In.sign(), 1);
        assert_eq!(Direction::Out.sign(), -1);
    }

    #[test]
    fn flags() {
        for input in [
            "是", "成功", "Y", "y", "YES", "yes", "TRUE", "true", "1", "现", "现金", "中标",
        ] {
            check(parse_flag, input, Some(true));
        }
        for input in [
            "否",
            "失败",
            "N",
            "n",
            "NO",
            "False",
            "0",
            "转",
            "转账",
            "未中标",
        ] {
            check(parse_flag, input, Some(false));
        }
        for input in ["", "是否", "-1", "2", "T", "F", "现转", "有", "未知"] {
            check(parse_flag, input, None);
        }
    }
}
