use super::KickbackFlow;
use crate::models::builtin::test_support::{
    case, company, contract, evidence_in, household, official, pid, run, run_with, Row,
};
use crate::models::ParamValue;
use rusqlite::Connection;

const CODE: &str = "91430524MA4Q4GXBQ4";
const CA: &str = "830120001900560066";
const MID: &str = "6230543000070168431";
const MID2: &str = "6230543000070168432";
const MID3: &str = "6230543000070168433";
const SON: &str = "6230543000071215728";
const OWN: &str = "6230543000071215700";
const REP: &str = "6228443000077499461";

struct People {
    official: String,
    son: String,
    rep: String,
}

/// The water bureau's director, his son in his household, and a supplier with a
/// legal representative, contracted on `signed`.
fn setting(conn: &Connection, signed: &str, start: &str) -> People {
    let p = People {
        official: pid("19680108", 1, true),
        son: pid("19960727", 2, true),
        rep: pid("19721212", 3, true),
    };
    official(conn, "何振华", Some(&p.official), "水利局", start, None);
    household(conn, "H1", "何振华", Some(&p.official), "户主");
    household(conn, "H1", "何俊", Some(&p.son), "长子");
    company(conn, "润泽水利", Some(CODE), Some(("田某", &p.rep)), None);
    contract(
        conn,
        "QH-1",
        "水利局",
        "润泽水利",
        Some(CODE),
        340_000.0,
        signed,
    );
    p
}

fn via_one(conn: &Connection, p: &People, t1: &str, t2: &str) -> Vec<i64> {
    vec![
        Row::out(CA, t1, 200_000.0, MID)
            .holder("润泽水利", CODE)
            .add(conn),
        Row::out(MID, t2, 180_000.0, SON)
            .holder("冯小军", &pid("19811001", 4, true))
            .add(conn),
        Row::inc(SON, t2, 180_000.0, MID)
            .holder("何俊", &p.son)
            .add(conn),
    ]
}

#[test]
fn money_from_the_supplier_to_the_officials_son_through_one_account_fires() {
    let conn = case();
    let p = setting(&conn, "2023-05-20", "2020-01-01");
    let rows = via_one(&conn, &p, "2023-08-08 10:30:40", "2023-08-11 09:45:48");
    let alerts = run(&KickbackFlow, &conn);
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    let a = &alerts[0];
    for id in [p.official.as_str(), &p.son, CODE, "QH-1", MID] {
        assert!(
            a.subjects.iter().any(|s| s.id == id),
            "{id} in {:?}",
            a.subjects
        );
    }
    assert_eq!(evidence_in(a, "bank_transactions"), rows);
    assert_eq!(evidence_in(a, "contracts").len(), 1);
    assert_eq!(evidence_in(a, "officials").len(), 1);
    assert_eq!(evidence_in(a, "households").len(), 2);
    assert!(
        a.summary
            .contains("—2023-08-08 10:30 转出200,000.00元→ 冯小军(6230543000070168431)"),
        "{}",
        a.summary
    );
    assert!(a.summary.contains("何振华之儿子何俊"), "{}", a.summary);
    assert!(
        a.summary.contains("签订后第83天到账,经1个中间账户"),
        "{}",
        a.summary
    );
}

#[test]
fn money_more_than_180_days_after_the_contract_is_silent() {
    let conn = case();
    let p = setting(&conn, "2022-12-05", "2020-01-01");
    via_one(&conn, &p, "2023-08-15 10:30:40", "2023-08-18 09:45:48");
    assert!(run(&KickbackFlow, &conn).is_empty());
}

#[test]
fn money_before_the_signing_is_silent() {
    let conn = case();
    let p = setting(&conn, "2023-05-20", "2020-01-01");
    via_one(&conn, &p, "2023-05-19 23:59:59", "2023-05-22 09:00:00");
    assert!(run(&KickbackFlow, &conn).is_empty());
}

#[test]
fn an_intermediate_that_paid_before_it_received_is_no_path() {
    let conn = case();
    let p = setting(&conn, "2023-05-20", "2020-01-01");
    via_one(&conn, &p, "2023-08-11 10:30:40", "2023-08-08 09:45:48");
    assert!(run(&KickbackFlow, &conn).is_empty());
}

#[test]
fn an_official_who_started_after_the_signing_is_not_the_one() {
    let conn = case();
    let p = setting(&conn, "2023-05-20", "2023-06-01");
    via_one(&conn, &p, "2023-08-08 10:30:40", "2023-08-11 09:45:48");
    assert!(run(&KickbackFlow, &conn).is_empty());
}

#[test]
fn three_intermediates_are_too_many() {
    let conn = case();
    let p = setting(&conn, "2023-05-20", "2020-01-01");
    Row::out(CA, "2023-08-01 10:00:00", 200_000.0, MID)
        .holder("润泽水利", CODE)
        .add(&conn);
    Row::out(MID, "2023-08-02 10:00:00", 190_000.0, MID2).add(&conn);
    Row::out(MID2, "2023-08-03 10:00:00", 185_000.0, MID3).add(&conn);
    Row::out(MID3, "2023-08-04 10:00:00", 180_000.0, SON).add(&conn);
    Row::inc(SON, "2023-08-04 10:00:00", 180_000.0, MID3)
        .holder("何俊", &p.son)
        .add(&conn);
    assert!(run(&KickbackFlow, &conn).is_empty());
    let three = run_with(
        &KickbackFlow,
        &conn,
        &[("max_intermediates", ParamValue::Integer(3))],
    );
    assert_eq!(three.len(), 1);
}

#[test]
fn an_intermediate_that_waits_more_than_30_days_is_not_passing_it_on() {
    let conn = case();
    let p = setting(&conn, "2023-05-20", "2020-01-01");
    via_one(&conn, &p, "2023-06-01 10:00:00", "2023-07-01 10:00:01");
    assert!(run(&KickbackFlow, &conn).is_empty());
}

#[test]
fn the_legal_representative_paying_the_official_directly_fires() {
    let conn = case();
    let p = setting(&conn, "2023-05-20", "2020-01-01");
    Row::inc(OWN, "2023-07-01 10:00:00", 50_000.0, REP)
        .holder("何振华", &p.official)
        .other_holder("田某", &p.rep)
        .add(&conn);
    let alerts = run(&KickbackFlow, &conn);
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    assert!(alerts[0]
        .subjects
        .iter()
        .any(|s| s.id == p.rep && s.role == "giver"));
    assert!(
        alerts[0].summary.contains("直接转入"),
        "{}",
        alerts[0].summary
    );
}

#[test]
fn failed_transfers_and_small_change_are_silent() {
    let conn = case();
    let p = setting(&conn, "2023-05-20", "2020-01-01");
    Row::inc(OWN, "2023-07-01 10:00:00", 50_000.0, REP)
        .holder("何振华", &p.official)
        .other_holder("田某", &p.rep)
        .failed()
        .add(&conn);
    Row::inc(OWN, "2023-07-02 10:00:00", 200.0, REP)
        .holder("何振华", &p.official)
        .other_holder("田某", &p.rep)
        .add(&conn);
    assert!(run(&KickbackFlow, &conn).is_empty());
}
