use super::FestivalGifts;
use crate::models::builtin::test_support::{
    case, company, company_person, contract, evidence_in, household, official, pid, run, Row,
};
use rusqlite::Connection;

const CODE: &str = "91430524MA47JYCR73";
const OTHER: &str = "91430524MA4ER6K1EJ";
const OFF: &str = "6230543000076452177";
const WIFE: &str = "6230543000076452100";
const GIVER: &str = "6228443000077499461";

struct People {
    official: String,
    wife: String,
    giver: String,
}

/// Peng (health bureau, `start`..`end`), his wife, and Tian, legal representative and
/// sole shareholder of a supplier of the bureau.
fn setting(conn: &Connection, end: Option<&str>) -> People {
    let p = People {
        official: pid("19750909", 1, true),
        wife: pid("19760101", 2, false),
        giver: pid("19721212", 3, true),
    };
    official(
        conn,
        "彭志勇",
        Some(&p.official),
        "卫健局",
        "2020-01-01",
        end,
    );
    household(conn, "H9", "彭志勇", Some(&p.official), "户主");
    household(conn, "H9", "刘芳", Some(&p.wife), "妻");
    company(
        conn,
        "瑞康药业",
        Some(CODE),
        Some(("田瑞康", &p.giver)),
        None,
    );
    company_person(conn, CODE, "田瑞康", &p.giver, "股东", Some(1.0));
    contract(
        conn,
        "QH-39",
        "卫健局",
        "瑞康药业",
        Some(CODE),
        45_000.0,
        "2022-11-15",
    );
    p
}

fn gift(
    conn: &Connection,
    p: &People,
    to: &str,
    who: &str,
    id: &str,
    time: &str,
    amount: f64,
) -> i64 {
    Row::inc(to, time, amount, GIVER)
        .holder(who, id)
        .other_holder("田瑞康", &p.giver)
        .add(conn)
}

#[test]
fn a_gift_three_days_before_spring_festival_fires() {
    let conn = case();
    let p = setting(&conn, None);
    let row = gift(
        &conn,
        &p,
        OFF,
        "彭志勇",
        &p.official.clone(),
        "2024-02-07 20:15:35",
        8_000.0,
    );
    let alerts = run(&FestivalGifts, &conn);
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    let a = &alerts[0];
    for id in [p.official.as_str(), &p.giver, CODE, "QH-39", OFF] {
        assert!(a.subjects.iter().any(|s| s.id == id), "{id}");
    }
    assert_eq!(evidence_in(a, "bank_transactions"), vec![row]);
    assert_eq!(evidence_in(a, "contracts").len(), 1);
    assert_eq!(evidence_in(a, "company_people").len(), 1);
    assert!(a.summary.contains("春节2024-02-10前3天"), "{}", a.summary);
    assert!(
        a.summary.contains("法定代表人、股东田瑞康"),
        "{}",
        a.summary
    );
    assert_eq!(
        a.key,
        format!("festival-gifts|{}|春节|2024-02-10", p.official)
    );
}

#[test]
fn a_gift_a_week_before_the_festival_is_silent() {
    let conn = case();
    let p = setting(&conn, None);
    gift(
        &conn,
        &p,
        OFF,
        "彭志勇",
        &p.official.clone(),
        "2023-09-22 20:15:35",
        8_000.0,
    );
    assert!(run(&FestivalGifts, &conn).is_empty());
}

#[test]
fn the_festival_day_counts_and_the_day_after_does_not() {
    let conn = case();
    let p = setting(&conn, None);
    gift(
        &conn,
        &p,
        OFF,
        "彭志勇",
        &p.official.clone(),
        "2024-06-11 09:00:00",
        8_000.0,
    );
    assert!(
        run(&FestivalGifts, &conn).is_empty(),
        "the day after Dragon Boat 2024-06-10"
    );
    gift(
        &conn,
        &p,
        OFF,
        "彭志勇",
        &p.official.clone(),
        "2024-06-10 09:00:00",
        8_000.0,
    );
    assert_eq!(run(&FestivalGifts, &conn).len(), 1);
}

#[test]
fn under_five_thousand_failed_or_foreign_money_is_silent() {
    let conn = case();
    let p = setting(&conn, None);
    let id = p.official.clone();
    gift(
        &conn,
        &p,
        OFF,
        "彭志勇",
        &id,
        "2024-02-07 09:00:00",
        4_999.99,
    );
    Row::inc(OFF, "2024-02-08 09:00:00", 8_000.0, GIVER)
        .holder("彭志勇", &id)
        .other_holder("田瑞康", &p.giver)
        .failed()
        .add(&conn);
    Row::inc(OFF, "2024-02-09 09:00:00", 8_000.0, GIVER)
        .holder("彭志勇", &id)
        .other_holder("田瑞康", &p.giver)
        .currency("USD")
        .add(&conn);
    assert!(run(&FestivalGifts, &conn).is_empty());
}

#[test]
fn a_gift_to_the_wife_fires_for_the_official() {
    let conn = case();
    let p = setting(&conn, None);
    gift(
        &conn,
        &p,
        WIFE,
        "刘芳",
        &p.wife.clone(),
        "2023-09-28 09:00:00",
        6_000.0,
    );
    let alerts = run(&FestivalGifts, &conn);
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    assert!(alerts[0]
        .subjects
        .iter()
        .any(|s| s.id == p.wife && s.role == "relative"));
    assert!(
        alerts[0].summary.contains("中秋节"),
        "{}",
        alerts[0].summary
    );
}

#[test]
fn no_alert_when_the_official_had_left_or_the_giver_supplies_another_unit() {
    let conn = case();
    let p = setting(&conn, Some("2023-12-31"));
    gift(
        &conn,
        &p,
        OFF,
        "彭志勇",
        &p.official.clone(),
        "2024-02-07 20:15:35",
        8_000.0,
    );
    assert!(
        run(&FestivalGifts, &conn).is_empty(),
        "left before the gift"
    );
    let conn = case();
    let p = setting(&conn, None);
    let stranger = pid("19800101", 7, true);
    company(
        &conn,
        "嘉禾粮油",
        Some(OTHER),
        Some(("严嘉禾", &stranger)),
        None,
    );
    contract(
        &conn,
        "QH-40",
        "民政局",
        "嘉禾粮油",
        Some(OTHER),
        10_000.0,
        "2022-01-01",
    );
    Row::inc(OFF, "2024-02-07 20:15:35", 8_000.0, "6228000000000001")
        .holder("彭志勇", &p.official)
        .other_holder("严嘉禾", &stranger)
        .add(&conn);
    assert!(
        run(&FestivalGifts, &conn).is_empty(),
        "not a supplier of his unit"
    );
}
