//! `coi-self-supplier` and `coi-relative-supplier` on hand-built cases.

use super::*;
use crate::models::builtin::coi_relative_supplier::CoiRelativeSupplier;
use crate::models::builtin::coi_self_supplier::CoiSelfSupplier;

const BUREAU: &str = "青禾县交通运输局";
const ROAD: &str = "91430524MA4FWAP5JG";

/// 王建国 (official) and 王建军 are the sons of one household head; 建军 owns 60% of a
/// road company. Returns the two ID numbers.
fn brothers(conn: &Connection) -> (String, String) {
    let (head, guo, jun) = (
        pid("19450101", 1, true),
        pid("19720520", 2, true),
        pid("19751103", 3, true),
    );
    household(conn, "H1", "王德福", Some(&head), "户主");
    household(conn, "H1", "王建国", Some(&guo), "长子");
    household(conn, "H1", "王建军", Some(&jun), "次子");
    official(conn, "王建国", Some(&guo), BUREAU, "2020-05-01", None);
    company_person(conn, ROAD, "王建军", &jun, "股东", Some(0.6));
    (guo, jun)
}

#[test]
fn a_brothers_company_contracted_by_the_officials_unit_fires() {
    let conn = case();
    let (guo, jun) = brothers(&conn);
    contract(
        &conn,
        "C1",
        BUREAU,
        "建军路桥",
        Some(ROAD),
        816_000.0,
        "2023-04-18",
    );
    let alerts = run(&conn, &CoiRelativeSupplier);
    assert_eq!(subjects(&alerts), [set(&[ROAD, &guo, &jun, "C1", BUREAU])]);
    let a = &alerts[0];
    assert!(a.summary.contains("之弟王建军"), "{}", a.summary);
    assert!(
        a.summary.contains("持股60%") && a.summary.contains("816,000元"),
        "{}",
        a.summary
    );
    // Official row, the three household rows (head included), the stake and the contract.
    assert_eq!(
        evidence(a),
        [
            "company_people:1",
            "contracts:1",
            "households:1",
            "households:2",
            "households:3",
            "officials:1"
        ]
    );
    assert_eq!(
        a.key,
        format!("coi-relative-supplier|{guo}|{jun}|{ROAD}|C1")
    );
    assert!(run(&conn, &CoiSelfSupplier).is_empty());
}

#[test]
fn a_namesake_of_the_brother_is_not_a_relative() {
    let conn = case();
    brothers(&conn);
    let other = pid("19800214", 4, true);
    company_person(
        &conn,
        "91430524MA4N4HYCR0",
        "王建军",
        &other,
        "股东",
        Some(1.0),
    );
    contract(
        &conn,
        "C2",
        BUREAU,
        "建军商贸",
        Some("91430524MA4N4HYCR0"),
        46_800.0,
        "2023-10-09",
    );
    assert!(run(&conn, &CoiRelativeSupplier).is_empty());
}

#[test]
fn a_contract_with_another_unit_or_outside_the_tenure_is_silent() {
    let conn = case();
    brothers(&conn);
    contract(
        &conn,
        "C3",
        "青禾县教育局",
        "建军路桥",
        Some(ROAD),
        50_000.0,
        "2023-04-18",
    );
    contract(
        &conn,
        "C4",
        BUREAU,
        "建军路桥",
        Some(ROAD),
        50_000.0,
        "2020-04-30",
    );
    assert!(run(&conn, &CoiRelativeSupplier).is_empty());
}

#[test]
fn a_contract_without_a_code_matches_by_exact_supplier_name() {
    let conn = case();
    let (guo, _) = brothers(&conn);
    company(&conn, "青禾县建军路桥工程有限公司", Some(ROAD), None, None);
    insert(
        &conn,
        "company_people",
        &[
            ("uscc", text(ROAD)),
            ("company_name", text("青禾县建军路桥工程有限公司")),
            ("name", text("王建国")),
            ("id_number", text(&guo)),
            ("role", text("监事")),
        ],
    );
    contract(
        &conn,
        "C5",
        BUREAU,
        "青禾县建军路桥工程有限公司",
        None,
        90_000.0,
        "2023-06-01",
    );
    contract(
        &conn,
        "C6",
        BUREAU,
        "青禾县建军路桥工程",
        None,
        90_000.0,
        "2023-06-01",
    );
    let alerts = run(&conn, &CoiSelfSupplier);
    assert_eq!(alerts.len(), 1);
    assert!(
        alerts[0]
            .summary
            .contains("本人任青禾县建军路桥工程有限公司监事"),
        "{}",
        alerts[0].summary
    );
    assert!(subjects(&alerts)[0].contains("C5"));
}

#[test]
fn own_stake_during_tenure_fires_and_before_it_does_not() {
    let conn = case();
    let chen = pid("19741201", 5, true);
    let zhao = pid("19790707", 6, true);
    official(
        &conn,
        "陈卫东",
        Some(&chen),
        "青禾县人民医院",
        "2019-08-01",
        None,
    );
    official(
        &conn,
        "赵志刚",
        Some(&zhao),
        "青禾县农业农村局",
        "2023-09-01",
        None,
    );
    company_person(
        &conn,
        "91430524MA45J0DT8Y",
        "陈卫东",
        &chen,
        "股东",
        Some(0.3),
    );
    company_person(
        &conn,
        "91430524MA4CR7L2FE",
        "赵志刚",
        &zhao,
        "股东",
        Some(0.25),
    );
    contract(
        &conn,
        "H1",
        "青禾县人民医院",
        "康泰",
        Some("91430524MA45J0DT8Y"),
        184_000.0,
        "2023-08-20",
    );
    contract(
        &conn,
        "A1",
        "青禾县农业农村局",
        "志刚农资",
        Some("91430524MA4CR7L2FE"),
        96_000.0,
        "2023-03-15",
    );
    let alerts = run(&conn, &CoiSelfSupplier);
    assert_eq!(
        subjects(&alerts),
        [set(&["91430524MA45J0DT8Y", &chen, "H1", "青禾县人民医院"])]
    );
    assert!(
        alerts[0].summary.contains("持股30%"),
        "{}",
        alerts[0].summary
    );
}

#[test]
fn an_official_who_had_left_before_the_contract_is_silent() {
    let conn = case();
    let id = pid("19700303", 7, true);
    official(
        &conn,
        "邹德明",
        Some(&id),
        BUREAU,
        "2008-03-01",
        Some("2022-06-30"),
    );
    company_person(&conn, ROAD, "邹德明", &id, "法定代表人", None);
    contract(
        &conn,
        "C7",
        BUREAU,
        "路桥",
        Some(ROAD),
        10_000.0,
        "2022-07-01",
    );
    assert!(run(&conn, &CoiSelfSupplier).is_empty());
    contract(
        &conn,
        "C8",
        BUREAU,
        "路桥",
        Some(ROAD),
        10_000.0,
        "2022-06-30",
    );
    assert_eq!(run(&conn, &CoiSelfSupplier).len(), 1);
}

#[test]
fn a_spouses_parent_is_not_a_relative_but_a_childs_spouse_is() {
    let conn = case();
    let (head, wife, son, daughter_in_law) = (
        pid("19500101", 8, true),
        pid("19520101", 9, false),
        pid("19750101", 10, true),
        pid("19770101", 11, false),
    );
    household(&conn, "H9", "老李", Some(&head), "户主");
    household(&conn, "H9", "老李妻", Some(&wife), "妻");
    household(&conn, "H9", "李子", Some(&son), "长子");
    household(&conn, "H9", "李媳", Some(&daughter_in_law), "儿媳");
    // The head is the official: his daughter-in-law's company counts.
    official(&conn, "老李", Some(&head), BUREAU, "2010-01-01", None);
    company_person(&conn, ROAD, "李媳", &daughter_in_law, "股东", Some(0.5));
    contract(
        &conn,
        "C9",
        BUREAU,
        "路桥",
        Some(ROAD),
        10_000.0,
        "2023-01-01",
    );
    // The daughter-in-law is an official too: her father-in-law's company does not count.
    official(
        &conn,
        "李媳",
        Some(&daughter_in_law),
        "青禾县水利局",
        "2010-01-01",
        None,
    );
    company_person(
        &conn,
        "91430524MA4T8M3GXD",
        "老李",
        &head,
        "股东",
        Some(0.5),
    );
    contract(
        &conn,
        "C10",
        "青禾县水利局",
        "测绘",
        Some("91430524MA4T8M3GXD"),
        10_000.0,
        "2023-01-01",
    );
    let alerts = run(&conn, &CoiRelativeSupplier);
    assert_eq!(
        subjects(&alerts),
        [set(&[ROAD, &head, &daughter_in_law, "C9", BUREAU])]
    );
}
