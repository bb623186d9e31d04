//! Text clean-up for one cell: full-width forms, odd spaces, zero-width characters, names
//! and header folding. It is not a general Unicode normaliser (no NFKC, no simplified and
//! traditional folding) and it never guesses at spelling.

/// Characters that are dropped outright: zero-width spaces and joiners, the BOM.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Full-width ASCII (U+FF01..=U+FF5E) to ASCII; the ideographic space to a space.
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Full-width ASCII folded to ASCII, every kind of white space (ideographic space, NBSP,
/// tabs, line breaks) turned into one ASCII space, runs collapsed, ends trimmed, and
/// zero-width characters removed.
pub fn clean_text(raw: &str) -> String {
    if is_clean_ascii(raw) {
        // Most cells (digits, dates, codes) are already clean: skip the char walk.
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.chars().filter(|c| !is_invisible(*c)).map(fold_width) {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// Printable ASCII with single inner spaces and none at the ends: what `clean_text` returns
/// unchanged.
fn is_clean_ascii(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let printable = bytes.iter().all(|b| (0x21..0x7f).contains(b) || *b == b' ');
    printable
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !bytes.windows(2).any(|w| w == b"  ")
}

/// Han ideographs, CJK punctuation and the kana middle dot: the characters next to which a
/// space in a Chinese name is noise.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{30FB}'
        | '\u{20000}'..='\u{3134F}')
}

/// A person's or an organisation's name: [`clean_text`], then every space that touches a
/// CJK character removed ("张 三" → "张三"); spaces between Latin words stay
/// ("ABC Trading Co").
pub fn clean_name(raw: &str) -> String {
    let text = clean_text(raw);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = i.checked_sub(1).and_then(|j| chars.get(j));
            let after = chars.get(i + 1);
            if before.is_some_and(|b| is_cjk(*b)) || after.is_some_and(|a| is_cjk(*a)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Units that a header may carry in trailing brackets: "金额(元)", "出资比例(%)".
const UNITS: &[&str] = &[
    "元",
    "万元",
    "亿元",
    "千元",
    "人民币",
    "人民币元",
    "元人民币",
    "RMB",
    "CNY",
    "%",
    "‰",
    "人",
    "次",
    "个",
    "天",
    "日",
    "月",
    "年",
    "亩",
    "平方米",
    "㎡",
    "公斤",
    "千克",
    "KG",
    "吨",
    "件",
    "台",
    "套",
];

/// The header without a trailing bracketed unit, when there is one.
fn strip_unit(header: &str) -> &str {
    for (open, close) in [('(', ')'), ('[', ']'), ('【', '】')] {
        let Some(inner_end) = header.strip_suffix(close) else {
            continue;
        };
        if let Some(start) = inner_end.rfind(open) {
            let unit = &inner_end[start + open.len_utf8()..];
            if UNITS.contains(&unit) && start > 0 {
                return &header[..start];
            }
        }
    }
    header
}

fn trim_marks(s: &str) -> &str {
    s.trim_matches(|c| matches!(c, '*' | ':' | '：'))
}

/// A column header folded for matching against aliases: [`clean_text`], all white space
/// removed, required-field stars and colons trimmed, a trailing unit in brackets removed
/// ("交易金额(元)" → "交易金额"), ASCII letters upper-cased ("ip地址" → "IP地址").
/// It is not a fuzzy match: "交易金额" and "金额" stay different.
pub fn fold_header(raw: &str) -> String {
    let compact: String = clean_text(raw)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    trim_marks(strip_unit(trim_marks(&compact))).to_string()
}

/// An identifier cell compacted for checking: [`clean_text`], a leading apostrophe (Excel's
/// "store as text" mark) removed, spaces and dashes removed, ASCII letters upper-cased.
pub(super) fn compact_code(raw: &str) -> String {
    let text = clean_text(raw);
    text.trim_start_matches(['\'', '‘', '’'])
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '—' | '–'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// `digits` without the `.0` a number cell leaves behind, but only when what remains
/// passes `keep`; otherwise unchanged.
pub(super) fn strip_number_fraction(text: &str, keep: impl Fn(&str) -> bool) -> &str {
    match text.strip_suffix(".0") {
        Some(rest) if keep(rest) => rest,
        _ => text,
    }
}

pub(super) fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    #[test]
    fn clean_ascii_is_returned_as_is_and_anything_else_is_cleaned() {
        let cases = [
            ("20240105", "20240105"),
            ("A B", "A B"),
            (" A", "A"),
            ("A ", "A"),
            ("A  B", "A B"),
            ("a\tb", "a b"),
            ("x\u{a0}y", "x y"),
            ("", ""),
            ("１２", "12"),
        ];
        for (raw, want) in cases {
            assert_eq!(
                is_clean_ascii(raw),
                raw == want && raw.is_ascii(),
                "{raw:?}"
            );
            assert_eq!(clean_text(raw), want, "{raw:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(f: fn(&str) -> String, input: &str, expected: &str) {
        assert_eq!(f(input), expected, "input {input:?}");
    }

    #[test]
    fn clean_text_folds_width_and_spaces() {
        let f = clean_text;
        check(f, "１２３Ａｂ", "123Ab");
        check(f, "  a\u{3000}\u{3000}b\u{00A0}c\td\r\ne  ", "a b c d e");
        check(f, "\u{FEFF}张\u{200B}三", "张三");
        check(f, "（北京）", "(北京)");
        check(f, "１，２３４．５０", "1,234.50");
        check(f, "a\u{2003}b\u{202F}c", "a b c");
        check(f, "", "");
        check(f, " \u{3000}\t ", "");
        // U+FF5F (full-width white parenthesis) is outside the ASCII block and is kept.
        check(f, "\u{FF5F}", "\u{FF5F}");
        // The yen sign is not a full-width ASCII character either.
        check(f, "￥12", "￥12");
    }

    #[test]
    fn clean_name_joins_cjk_only() {
        let f = clean_name;
        check(f, "张 三", "张三");
        check(f, " 张\u{3000}三 ", "张三");
        check(f, "某某 科技 有限公司", "某某科技有限公司");
        check(f, "某某科技 （北京） 有限公司", "某某科技(北京)有限公司");
        check(f, "ABC Trading Co", "ABC Trading Co");
        check(f, "ABC  Trading\tCo", "ABC Trading Co");
        check(f, "华为 Technologies", "华为Technologies");
        check(f, "阿卜杜拉 · 买买提", "阿卜杜拉·买买提");
        check(f, "𠀀 三", "𠀀三");
    }

    #[test]
    fn fold_header_for_alias_matching() {
        let f = fold_header;
        check(f, "ip地址", "IP地址");
        check(f, " 交易 金额 （元） ", "交易金额");
        check(f, "交易金额(万元)", "交易金额");
        check(f, "出资比例(%)", "出资比例");
        check(f, "出资比例（％）", "出资比例");
        check(f, "*姓名：", "姓名");
        check(f, "姓名:", "姓名");
        check(f, "金额(元)：", "金额");
        check(f, "金额[元]", "金额");
        check(f, "mac", "MAC");
        // A bracket that is not a unit is part of the name.
        check(f, "证件号码(身份证)", "证件号码(身份证)");
        check(f, "村(社区)干部", "村(社区)干部");
        // A header that is only a unit keeps it.
        check(f, "(元)", "(元)");
        check(f, "", "");
    }

    #[test]
    fn compact_code_strips_marks() {
        check(
            compact_code,
            " '1101-0519 4912 3100 2x ",
            "11010519491231002X",
        );
        check(compact_code, "１２３—４５", "12345");
        check(compact_code, "a'b", "A'B");
    }

    #[test]
    fn number_fraction_only_when_kept() {
        let digits = |s: &str| all_digits(s);
        assert_eq!(strip_number_fraction("123.0", digits), "123");
        assert_eq!(strip_number_fraction("12A.0", digits), "12A.0");
        assert_eq!(strip_number_fraction("123.00", digits), "123.00");
        assert!(!all_digits(""));
        assert!(!all_digits("١٢"));
    }
}
