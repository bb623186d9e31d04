//! Tests for date, time and month parsing.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u32, m: u32, s: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, s).unwrap()
}

fn check<T: PartialEq + std::fmt::Debug>(
    f: fn(&str) -> Option<T>,
    input: &str,
    expected: Option<T>,
) {
    assert_eq!(f(input), expected, "input {input:?}");
}

#[test]
fn excel_serials() {
    let at = |serial: f64| excel_serial_to_datetime(serial);
    assert_eq!(at(1.0), Some(d(1900, 1, 1).and_time(t(0, 0, 0))));
    assert_eq!(at(59.0), Some(d(1900, 2, 28).and_time(t(0, 0, 0))));
    assert_eq!(at(60.0), None);
    assert_eq!(at(61.0), Some(d(1900, 3, 1).and_time(t(0, 0, 0))));
    assert_eq!(at(45296.0), Some(d(2024, 1, 5).and_time(t(0, 0, 0))));
    assert_eq!(at(45296.5), Some(d(2024, 1, 5).and_time(t(12, 0, 0))));
    assert_eq!(at(45296.544502), Some(d(2024, 1, 5).and_time(t(13, 4, 5))));
    assert_eq!(at(2958465.0), Some(d(9999, 12, 31).and_time(t(0, 0, 0))));
    assert_eq!(at(2958466.0), None);
    assert_eq!(at(0.5), None);
    assert_eq!(at(-1.0), None);
    assert_eq!(at(f64::NAN), None);
}

#[test]
fn dates_in_every_form() {
    let f = parse_date;
    let jan5 = Some(d(2024, 1, 5));
    for input in [
        "20240105",
        "2024-01-05",
        "2024-1-5",
        "2024/1/5",
        "2024/01/05",
        "2024.1.5",
        "2024年1月5日",
        "2024年01月05日",
        "2024年1月5号",
        "2024-01-05 13:04:05",
        "2024-01-05T13:04:05",
        "2024/1/5 0:00",
        "20240105 130405",
        "20240105130405",
        "45296",
        "45296.5",
        " ２０２４－０１－０５\u{3000}",
    ] {
        check(f, input, jan5);
    }
    check(f, "1", Some(d(1900, 1, 1)));
    check(f, "61", Some(d(1900, 3, 1)));
}

#[test]
fn dates_near_misses() {
    let f = parse_date;
    for input in [
        "",
        "  ",
        "2023-02-30",
        "20230230",
        "2024-13-01",
        "2024-01",
        "2024-01/05",
        "2024-01-05-",
        "2024-01-05 下午",
        "24-01-05",
        "2024年1月",
        "60",
        "0",
        "2958466",
        "1234567",
        "2024",
        "2024.01",
        "abc",
        "2024-01-05 25:00",
    ] {
        check(f, input, None);
    }
}

#[test]
fn datetimes() {
    let f = parse_datetime;
    let jan5 = d(2024, 1, 5);
    check(f, "2024-01-05 13:04:05", Some((jan5, Some(t(13, 4, 5)))));
    check(f, "2024-01-05T13:04:05", Some((jan5, Some(t(13, 4, 5)))));
    check(
        f,
        "2024-01-05 13:04:05.123",
        Some((jan5, Some(t(13, 4, 5)))),
    );
    check(f, "2024-01-05 13:04", Some((jan5, Some(t(13, 4, 0)))));
    check(f, "2024/1/5 9:05", Some((jan5, Some(t(9, 5, 0)))));
    check(f, "20240105130405", Some((jan5, Some(t(13, 4, 5)))));
    check(f, "202401051304", Some((jan5, Some(t(13, 4, 0)))));
    check(f, "20240105 130405", Some((jan5, Some(t(13, 4, 5)))));
    check(
        f,
        "2024年1月5日 13时04分05秒",
        Some((jan5, Some(t(13, 4, 5)))),
    );
    check(f, "2024年1月5日13时04分", Some((jan5, Some(t(13, 4, 0)))));
    check(f, "45296.5", Some((jan5, Some(t(12, 0, 0)))));
    check(f, "45296", Some((jan5, None)));
    check(f, "2024-01-05", Some((jan5, None)));
    check(f, "20240105", Some((jan5, None)));
    check(f, "20240105130460", None);
    check(f, "2024010513040", None);
    check(f, "2024-01-05 13时04", None);
    check(f, "2024-01-05 1304051", None);
}

#[test]
fn times_of_day() {
    let f = parse_time_of_day;
    check(f, "13:04:05", Some(t(13, 4, 5)));
    check(f, "13:04", Some(t(13, 4, 0)));
    check(f, "9:05:00", Some(t(9, 5, 0)));
    check(f, "130405", Some(t(13, 4, 5)));
    check(f, "13时04分05秒", Some(t(13, 4, 5)));
    check(f, "13点04分", Some(t(13, 4, 0)));
    check(f, "0.5445", Some(t(13, 4, 5)));
    check(f, "0.5", Some(t(12, 0, 0)));
    check(f, "0.99999999", Some(t(23, 59, 59)));
    check(f, "2024-01-05 13:04:05", Some(t(13, 4, 5)));
    check(f, "45296.5", Some(t(12, 0, 0)));
    check(f, "2024-01-05", None);
    check(f, "25:00", None);
    check(f, "13:60", None);
    check(f, "240000", None);
    check(f, "0.5.5", None);
    check(f, "13:04:05:01", None);
    check(f, "", None);
}

#[test]
fn months() {
    let f = parse_month;
    for input in [
        "2024-01",
        "2024-1",
        "2024/1",
        "2024.01",
        "202401",
        "2024年1月",
        "2024年01月",
        "2024年1月份",
        "2024-01-05",
        "2024年1月5日",
        "20240131",
        "45296",
    ] {
        check(f, input, Some((2024, 1)));
    }
    for input in [
        "2024-13",
        "202413",
        "2024年1",
        "2024-1月",
        "2024",
        "",
        "一月",
    ] {
        check(f, input, None);
    }
}
