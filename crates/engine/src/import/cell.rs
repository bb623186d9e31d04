//! One raw cell as a reader delivers it, before any normalisation.

use std::borrow::Cow;

use chrono::NaiveDateTime;

/// A cell's value as found in the file.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A cell the workbook itself marks as a date or time (already converted from its serial).
    DateTime(NaiveDateTime),
    /// A formula error or unreadable value, with the workbook's text for it (`#N/A`).
    Error(String),
}

impl Cell {
    /// The cell as text, the way a person reading the sheet would write it down.
    /// Integral numbers print without a fraction or exponent (ID numbers stored as numbers).
    pub fn to_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) => Cow::Borrowed(s.as_str()),
            Cell::Number(n) => Cow::Owned(number_text(*n)),
            Cell::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
            Cell::DateTime(dt) => Cow::Owned(if dt.time() == chrono::NaiveTime::MIN {
                dt.format("%Y-%m-%d").to_string()
            } else {
                dt.format("%Y-%m-%d %H:%M:%S").to_string()
            }),
            Cell::Error(e) => Cow::Borrowed(e.as_str()),
        }
    }

    /// True for an empty cell or one holding only white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.chars().all(|c| c.is_whitespace() || c == '\u{3000}'),
            _ => false,
        }
    }
}

fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e21 {
        format!("{n:.0}")
    } else {
        // Shortest text that reads back to the same number.
        let s = format!("{n}");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_a_person_would_write_them() {
        assert_eq!(
            Cell::Number(110101198001010010.0).to_text(),
            "110101198001010016"
        );
        assert_eq!(Cell::Number(1234.5).to_text(), "1234.5");
        assert_eq!(Cell::Number(42.0).to_text(), "42");
    }

    #[test]
    fn blank_cells() {
        assert!(Cell::Empty.is_blank());
        assert!(Cell::Text(" \u{3000}\t".into()).is_blank());
        assert!(!Cell::Number(0.0).is_blank());
    }
}
