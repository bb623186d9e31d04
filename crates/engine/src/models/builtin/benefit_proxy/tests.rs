use super::BenefitProxy;
use crate::models::builtin::test_support::{
    case, evidence_in, household, insert, official, pid, run, text, Row,
};
use crate::models::Severity;
use rusqlite::types::Value;
use rusqlite::Connection;

const ACCT: &str = "6230943000015709352";
const CADRE_ACCT: &str = "6230943000099999999";

fn payment(conn: &Connection, name: &str, id: &str, day: &str, amount: f64, holder: &str) -> i64 {
    insert(
        conn,
        "benefits",
        &[
            ("program", text("冬春救助金")),
            ("name", text(name)),
            ("id_number", text(id)),
            ("id_number_valid", Value::Integer(1)),
            ("amount", Value::Real(amount)),
            ("pay_date", text(day)),
            ("account", text(ACCT)),
            ("account_holder", text(holder)),
        ],
    )
}

fn cadre(conn: &Connection) -> String {
    let id = pid("19710818", 5, true);
    official(conn, "周海涛", Some(&id), "柳塘村村委", "2021-01-01", None);
    id
}

#[test]
fn relief_paid_into_a_cadres_account_names_the_cadre() {
    let conn = case();
    let cadre = cadre(&conn);
    let beneficiary = pid("19520404", 1, false);
    let row = payment(&conn, "张桂兰", &beneficiary, "2024-01-20", 800.0, "周海涛");
    let alerts = run(&BenefitProxy, &conn);
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    let a = &alerts[0];
    assert!(a
        .subjects
        .iter()
        .any(|s| s.id == beneficiary && s.role == "beneficiary"));
    assert!(a
        .subjects
        .iter()
        .any(|s| s.id == cadre && s.role == "receiver"));
    assert_eq!(evidence_in(a, "benefits"), vec![row]);
    assert_eq!(evidence_in(a, "officials").len(), 1);
    assert_eq!(a.severity, Severity::High);
    assert!(a.summary.contains("户名为周海涛,并非本人"), "{}", a.summary);
    assert!(
        a.summary.contains("按户名与干部名册中唯一同名人员对应"),
        "{}",
        a.summary
    );
}

#[test]
fn the_beneficiarys_own_name_with_odd_spaces_is_herself() {
    let conn = case();
    let id = pid("19550505", 2, false);
    payment(&conn, "张桂花", &id, "2024-01-20", 800.0, "张\u{a0}桂花");
    payment(&conn, "张桂花", &id, "2024-02-20", 800.0, "张\u{3000}桂花 ");
    assert!(run(&BenefitProxy, &conn).is_empty());
}

#[test]
fn the_statements_id_decides_over_the_name() {
    let conn = case();
    let beneficiary = pid("19520404", 1, false);
    let other = pid("19800101", 3, true);
    payment(&conn, "张桂兰", &beneficiary, "2024-01-20", 800.0, "张桂兰");
    Row::out(ACCT, "2024-01-22 10:00:00", 100.0, "6222000000000001")
        .holder("张桂兰", &other)
        .add(&conn);
    let alerts = run(&BenefitProxy, &conn);
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    assert!(alerts[0]
        .subjects
        .iter()
        .any(|s| s.id == other && s.role == "receiver"));
    assert!(
        alerts[0].summary.contains("持有人为张桂兰"),
        "{}",
        alerts[0].summary
    );
}

#[test]
fn a_relative_collecting_is_reported_low() {
    let conn = case();
    let mother = pid("19400101", 1, false);
    let son = pid("19650101", 2, true);
    household(&conn, "H1", "王母", Some(&mother), "户主");
    household(&conn, "H1", "王子", Some(&son), "子");
    payment(&conn, "王母", &mother, "2024-01-20", 800.0, "王子");
    Row::out(ACCT, "2024-01-22 10:00:00", 100.0, "6222000000000001")
        .holder("王子", &son)
        .add(&conn);
    let alerts = run(&BenefitProxy, &conn);
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].severity, Severity::Low);
    assert!(
        alerts[0].summary.contains("系受益人的"),
        "{}",
        alerts[0].summary
    );
}

/// The payment reaches the beneficiary's own account; `moved` of it goes to the cadre.
fn moved(conn: &Connection, when: &str, amount: f64) -> (String, i64) {
    let cadre = cadre(conn);
    let beneficiary = pid("19520404", 1, false);
    payment(
        conn,
        "张桂兰",
        &beneficiary,
        "2024-01-20",
        1_000.0,
        "张桂兰",
    );
    let row = Row::out(ACCT, when, amount, CADRE_ACCT)
        .holder("张桂兰", &beneficiary)
        .other_holder("周海涛", &cadre)
        .add(conn);
    (cadre, row)
}

#[test]
fn most_of_it_moving_to_a_cadre_within_three_days_fires() {
    let conn = case();
    let (cadre, row) = moved(&conn, "2024-01-23 18:00:00", 800.0);
    let alerts = run(&BenefitProxy, &conn);
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    assert!(alerts[0]
        .subjects
        .iter()
        .any(|s| s.id == cadre && s.role == "receiver"));
    assert_eq!(evidence_in(&alerts[0], "bank_transactions"), vec![row]);
    assert!(
        alerts[0].summary.contains("转出800.00元至周海涛"),
        "{}",
        alerts[0].summary
    );
}

#[test]
fn seventy_percent_or_after_three_days_is_silent() {
    let conn = case();
    moved(&conn, "2024-01-21 10:00:00", 700.0);
    assert!(run(&BenefitProxy, &conn).is_empty());
    let conn = case();
    moved(&conn, "2024-01-24 00:00:00", 1_000.0);
    assert!(run(&BenefitProxy, &conn).is_empty());
}

#[test]
fn a_failed_transfer_moved_nothing() {
    let conn = case();
    let cadre = cadre(&conn);
    let beneficiary = pid("19520404", 1, false);
    payment(
        &conn,
        "张桂兰",
        &beneficiary,
        "2024-01-20",
        1_000.0,
        "张桂兰",
    );
    Row::out(ACCT, "2024-01-21 10:00:00", 1_000.0, CADRE_ACCT)
        .holder("张桂兰", &beneficiary)
        .other_holder("周海涛", &cadre)
        .failed()
        .add(&conn);
    assert!(run(&BenefitProxy, &conn).is_empty());
}
