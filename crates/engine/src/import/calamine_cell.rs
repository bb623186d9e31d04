//! The one mapping from a calamine cell value to our [`Cell`], shared by the xlsx and
//! xls readers. It does not interpret values (no date guessing from text, no number
//! parsing): it only carries over what the workbook itself says.

use calamine::{Data, ExcelDateTime};

use super::cell::Cell;

/// Excel's last representable day, 9999-12-31, as a serial number.
const MAX_EXCEL_SERIAL: f64 = 2_958_465.0;

/// A calamine value as a [`Cell`]. Formula cells arrive as their cached value.
pub(super) fn from_calamine(data: Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.is_empty() => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s),
        Data::Float(f) => Cell::Number(f),
        // Precision loss above 2^53 is what a spreadsheet program shows too.
        Data::Int(i) => Cell::Number(i as f64),
        Data::Bool(b) => Cell::Bool(b),
        Data::DateTime(dt) => date_time(&dt),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// A date-formatted cell as a date and time. A serial outside Excel's own date range
/// stays a number: converting it would be meaningless (and calamine's conversion
/// panics on extreme values).
fn date_time(dt: &ExcelDateTime) -> Cell {
    let serial = dt.as_f64();
    if !(0.0..=MAX_EXCEL_SERIAL).contains(&serial) {
        return Cell::Number(serial);
    }
    dt.as_datetime()
        .map_or(Cell::Number(serial), Cell::DateTime)
}

#[cfg(test)]
mod tests {
    use calamine::{CellErrorType, ExcelDateTimeType};
    use chrono::NaiveDate;

    use super::*;

    fn date(serial: f64) -> Data {
        Data::DateTime(ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        ))
    }

    #[test]
    fn values_carry_over() {
        assert_eq!(
            from_calamine(Data::String("张三".into())),
            Cell::Text("张三".into())
        );
        assert_eq!(from_calamine(Data::String(String::new())), Cell::Empty);
        assert_eq!(from_calamine(Data::Int(7)), Cell::Number(7.0));
        assert_eq!(from_calamine(Data::Float(1.5)), Cell::Number(1.5));
        assert_eq!(from_calamine(Data::Bool(true)), Cell::Bool(true));
        assert_eq!(
            from_calamine(Data::Error(CellErrorType::NA)),
            Cell::Error("#N/A".into())
        );
        assert_eq!(
            from_calamine(Data::DateTimeIso("2024-01-05".into())),
            Cell::Text("2024-01-05".into())
        );
        assert_eq!(from_calamine(Data::Empty), Cell::Empty);
    }

    #[test]
    fn dates_convert_and_absurd_serials_stay_numbers() {
        let expected = NaiveDate::from_ymd_opt(2024, 1, 5).and_then(|d| d.and_hms_opt(12, 0, 0));
        assert_eq!(
            from_calamine(date(45296.5)),
            Cell::DateTime(expected.unwrap_or_default())
        );
        assert_eq!(from_calamine(date(-1e300)), Cell::Number(-1e300));
        assert_eq!(from_calamine(date(1e300)), Cell::Number(1e300));
    }
}
