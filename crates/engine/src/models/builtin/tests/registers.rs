//! `duplicate-salary`, `medical-frequency` and `list-match` on hand-built cases.

use super::*;
use crate::models::builtin::duplicate_salary::DuplicateSalary;
use crate::models::builtin::list_match::ListMatch;
use crate::models::builtin::medical_frequency::MedicalFrequency;

#[test]
fn two_units_paying_one_person_for_the_same_month_fire() {
    let conn = case();
    let zhong = pid("19830330", 1, true);
    for m in ["2023-05", "2023-06", "2023-07"] {
        salary(&conn, "钟立新", &zhong, "青禾县教育局", m);
    }
    salary(&conn, "钟立新", &zhong, "青禾县人民医院", "2023-06");
    salary(&conn, "钟立新", &zhong, "青禾县人民医院", "2023-07");
    let alerts = run(&conn, &DuplicateSalary);
    assert_eq!(
        subjects(&alerts),
        [set(&[&zhong, "青禾县人民医院", "青禾县教育局"])]
    );
    assert!(
        alerts[0].summary.contains("2023-06、2023-07共2个月"),
        "{}",
        alerts[0].summary
    );
    assert_eq!(evidence(&alerts[0]).len(), 4);
}

#[test]
fn namesakes_and_a_transfer_between_units_are_silent() {
    let conn = case();
    let (cai1, cai2, huang) = (
        pid("19850111", 1, true),
        pid("19900621", 2, true),
        pid("19761212", 3, true),
    );
    salary(&conn, "蔡文华", &cai1, "青禾县教育局", "2023-06");
    salary(&conn, "蔡文华", &cai2, "青禾县人民医院", "2023-06");
    salary(&conn, "黄志明", &huang, "青禾县交通运输局", "2023-06");
    salary(&conn, "黄志明", &huang, "青禾县水利局", "2023-07");
    // Two rows from one unit for one month (a back payment) are not two payers.
    salary(&conn, "黄志明", &huang, "青禾县水利局", "2023-07");
    assert!(run(&conn, &DuplicateSalary).is_empty());
}

#[test]
fn more_than_24_visit_dates_fire_and_exactly_24_do_not() {
    let conn = case();
    let (gan, lu) = (pid("19500308", 1, false), pid("19500308", 2, false));
    for d in 0..27 {
        claim(
            &conn,
            "甘淑珍",
            &gan,
            &format!("2023-{:02}-{:02}", d % 12 + 1, d / 12 + 1),
            60.0,
        );
    }
    // Two claims on one date are one visit date.
    claim(&conn, "甘淑珍", &gan, "2023-01-01", 10.0);
    for d in 0..24 {
        claim(
            &conn,
            "卢桂英",
            &lu,
            &format!("2023-{:02}-{:02}", d % 12 + 1, d / 12 + 1),
            60.0,
        );
    }
    let alerts = run(&conn, &MedicalFrequency);
    assert_eq!(subjects(&alerts), [set(&[&gan])]);
    assert!(
        alerts[0].summary.contains("在27个不同日期"),
        "{}",
        alerts[0].summary
    );
    assert_eq!(alerts[0].key, format!("medical-frequency|{gan}|2023"));
}

#[test]
fn a_total_above_five_times_the_median_fires_only_with_twenty_people() {
    let conn = case();
    for i in 0..18 {
        claim(&conn, "某", &pid("19600101", i, true), "2023-03-01", 1000.0);
    }
    let big = pid("19600101", 99, false);
    claim(&conn, "大额", &big, "2023-03-02", 5_000.0);
    claim(&conn, "大额", &big, "2023-04-02", 1_000.0);
    assert!(
        run(&conn, &MedicalFrequency).is_empty(),
        "19 people make no median"
    );
    claim(
        &conn,
        "某",
        &pid("19600101", 50, true),
        "2023-03-01",
        1000.0,
    );
    // Exactly 5× the median is not more than 5×.
    claim(
        &conn,
        "五倍",
        &pid("19600101", 60, true),
        "2023-03-01",
        5000.0,
    );
    let alerts = run(&conn, &MedicalFrequency);
    assert_eq!(subjects(&alerts), [set(&[&big])]);
    assert!(
        alerts[0].summary.contains("中位数1,000元的6.0倍"),
        "{}",
        alerts[0].summary
    );
}

fn listed(conn: &Connection, list: &str, row_no: i64, name: &str, id: Option<(&str, bool)>) -> i64 {
    conn.execute(
        "INSERT INTO list_rows (list_name, file_id, sheet, row_no, fp, data) VALUES (?1, 1, '名单', ?2, ?2, '{}')",
        rusqlite::params![list, row_no],
    )
    .unwrap();
    let row = conn.last_insert_rowid();
    let ident = "INSERT INTO list_identifiers (row_id, column_name, type, value, valid) VALUES (?1, ?2, ?3, ?4, ?5)";
    conn.execute(ident, rusqlite::params![row, "姓名", "name", name, 1])
        .unwrap();
    if let Some((id, valid)) = id {
        conn.execute(
            ident,
            rusqlite::params![row, "身份证号", "id_number", id, valid],
        )
        .unwrap();
    }
    row
}

#[test]
fn an_official_on_a_list_fires_and_a_namesake_does_not() {
    let conn = case();
    let (tang, huang, other) = (
        pid("19730217", 1, true),
        pid("19761212", 2, true),
        pid("19880808", 3, true),
    );
    official(
        &conn,
        "唐国栋",
        Some(&tang),
        "青禾县城市建设投资有限公司",
        "2018-05-01",
        None,
    );
    official(
        &conn,
        "黄志明",
        Some(&huang),
        "青禾县水利局",
        "2023-07-01",
        None,
    );
    listed(&conn, "酒驾名单", 3, "唐国栋", Some((&tang, true)));
    listed(&conn, "酒驾名单", 4, "黄志明", Some((&other, true)));
    listed(&conn, "酒驾名单", 5, "黄志明", None);
    let alerts = run(&conn, &ListMatch);
    assert_eq!(subjects(&alerts), [set(&[&tang])]);
    let a = &alerts[0];
    assert!(
        a.summary.contains("名单“酒驾名单”(名单第3行)中的唐国栋"),
        "{}",
        a.summary
    );
    assert_eq!(evidence(a), ["list_rows:1", "officials:1"]);
}

#[test]
fn several_lists_invalid_ids_and_other_target_kinds() {
    let conn = case();
    let tang = pid("19730217", 1, true);
    official(&conn, "唐国栋", Some(&tang), "城投公司", "2018-05-01", None);
    salary(&conn, "唐国栋", &tang, "城投公司", "2023-01");
    listed(&conn, "酒驾名单", 3, "唐国栋", Some((&tang, true)));
    listed(&conn, "失信名单", 7, "唐国栋", Some((&tang, true)));
    // An identifier that failed its check never matches.
    official(
        &conn,
        "某乙",
        Some("430000000000000000"),
        "城投公司",
        "2018-05-01",
        None,
    );
    listed(
        &conn,
        "失信名单",
        8,
        "某乙",
        Some(("430000000000000000", false)),
    );
    assert_eq!(run(&conn, &ListMatch).len(), 2);
    let only = ParamValue::List(vec!["失信名单".into()]);
    assert_eq!(run_with(&conn, &ListMatch, &[("lists", only)]).len(), 1);
    let kinds = ParamValue::List(vec!["officials".into(), "salaries".into()]);
    let both = run_with(&conn, &ListMatch, &[("targets", kinds)]);
    assert_eq!(both.len(), 4);
    assert!(
        both.iter().any(|a| a.summary.contains("工资发放")),
        "{:?}",
        both
    );
}
