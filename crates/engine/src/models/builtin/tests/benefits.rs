//! The benefit models on hand-built cases: `benefit-official`, `benefit-official-child`,
//! `benefit-exclusive`, `benefit-deceased`.

use super::*;
use crate::models::builtin::benefit_deceased::BenefitDeceased;
use crate::models::builtin::benefit_exclusive::BenefitExclusive;
use crate::models::builtin::benefit_official::BenefitOfficial;
use crate::models::builtin::benefit_official_child::BenefitOfficialChild;

const VILLAGE: &str = "青禾县石门村村民委员会";

#[test]
fn a_serving_cadre_on_low_income_support_fires_once_per_program() {
    let conn = case();
    let qin = pid("19680416", 1, true);
    official(&conn, "覃永福", Some(&qin), VILLAGE, "2021-01-01", None);
    for month in ["03", "04", "05"] {
        benefit(
            &conn,
            "城乡低保",
            "覃永福",
            &qin,
            620.0,
            &format!("2023-{month}-15"),
        );
    }
    benefit(&conn, "普高助学金", "覃永福", &qin, 1000.0, "2023-05-15");
    let alerts = run(&conn, &BenefitOfficial);
    assert_eq!(subjects(&alerts), [set(&[&qin, VILLAGE])]);
    assert!(
        alerts[0].summary.contains("城乡低保3笔,共1,860元"),
        "{}",
        alerts[0].summary
    );
    assert_eq!(
        evidence(&alerts[0]),
        ["benefits:1", "benefits:2", "benefits:3", "officials:1"]
    );
}

#[test]
fn a_namesake_and_a_former_cadre_are_silent() {
    let conn = case();
    let (qin, namesake, long) = (
        pid("19680416", 1, true),
        pid("19561030", 2, true),
        pid("19660202", 3, false),
    );
    official(&conn, "覃永福", Some(&qin), VILLAGE, "2021-01-01", None);
    official(
        &conn,
        "龙翠花",
        Some(&long),
        VILLAGE,
        "2018-01-01",
        Some("2022-12-31"),
    );
    benefit(&conn, "城乡低保", "覃永福", &namesake, 620.0, "2023-03-15");
    benefit(&conn, "城乡低保", "龙翠花", &long, 620.0, "2023-01-15");
    assert!(run(&conn, &BenefitOfficial).is_empty());
}

#[test]
fn a_serving_officials_daughter_on_student_aid_fires() {
    let conn = case();
    let (liu, girl) = (pid("19780606", 1, true), pid("20070901", 2, false));
    household(&conn, "H1", "刘志强", Some(&liu), "户主");
    household(&conn, "H1", "刘欣怡", Some(&girl), "长女");
    official(
        &conn,
        "刘志强",
        Some(&liu),
        "青禾县教育局",
        "2015-07-01",
        None,
    );
    benefit(&conn, "普高助学金", "刘欣怡", &girl, 1000.0, "2023-10-20");
    benefit(&conn, "普高助学金", "刘欣怡", &girl, 1000.0, "2024-04-18");
    let alerts = run(&conn, &BenefitOfficialChild);
    assert_eq!(subjects(&alerts), [set(&[&liu, &girl])]);
    assert!(
        alerts[0].summary.contains("其子女刘欣怡"),
        "{}",
        alerts[0].summary
    );
    assert_eq!(
        evidence(&alerts[0]),
        [
            "benefits:1",
            "benefits:2",
            "households:1",
            "households:2",
            "officials:1"
        ]
    );
}

#[test]
fn student_aid_after_the_parent_left_office_is_silent() {
    let conn = case();
    let (zou, son) = (pid("19700303", 1, true), pid("20070505", 2, true));
    household(&conn, "H1", "邹德明", Some(&zou), "户主");
    household(&conn, "H1", "邹文杰", Some(&son), "长子");
    official(
        &conn,
        "邹德明",
        Some(&zou),
        "青禾县农业农村局",
        "2008-03-01",
        Some("2022-06-30"),
    );
    benefit(&conn, "普高助学金", "邹文杰", &son, 1000.0, "2023-10-20");
    // A parent's own aid is no child's aid, and the official's father is not his child.
    benefit(&conn, "雨露计划", "邹德明", &zou, 1000.0, "2022-05-20");
    assert!(run(&conn, &BenefitOfficialChild).is_empty());
}

#[test]
fn exclusive_programs_in_the_same_month_fire_and_in_different_months_do_not() {
    let conn = case();
    let (li, mo) = (pid("19701010", 1, false), pid("19750125", 2, false));
    benefit(&conn, "城乡低保", "黎秋菊", &li, 580.0, "2023-09-15");
    benefit(&conn, "公益性岗位补贴", "黎秋菊", &li, 1500.0, "2023-09-28");
    benefit(&conn, "城乡低保", "黎秋菊", &li, 580.0, "2023-11-15");
    benefit(&conn, "城乡低保", "莫小燕", &mo, 580.0, "2023-06-15");
    benefit(&conn, "公益性岗位补贴", "莫小燕", &mo, 1500.0, "2023-07-15");
    let alerts = run(&conn, &BenefitExclusive);
    assert_eq!(subjects(&alerts), [set(&[&li])]);
    assert!(
        alerts[0].summary.contains("在2023-09共1个月"),
        "{}",
        alerts[0].summary
    );
    assert_eq!(evidence(&alerts[0]), ["benefits:1", "benefits:2"]);
}

#[test]
fn a_public_salary_excludes_low_income_support() {
    let conn = case();
    let id = pid("19800101", 1, true);
    benefit(&conn, "城乡低保", "某甲", &id, 580.0, "2023-09-15");
    salary(&conn, "某甲", &id, "青禾县水利局", "2023-09");
    salary(&conn, "某甲", &id, "青禾县水利局", "2023-10");
    let alerts = run(&conn, &BenefitExclusive);
    assert_eq!(alerts.len(), 1);
    assert!(
        alerts[0].summary.contains("财政供养人员工资"),
        "{}",
        alerts[0].summary
    );
    assert_eq!(evidence(&alerts[0]), ["benefits:1", "salaries:1"]);
    let none = run_with(
        &conn,
        &BenefitExclusive,
        &[(
            "pairs",
            ParamValue::List(vec!["城乡低保×公益性岗位补贴".into()]),
        )],
    );
    assert!(none.is_empty());
}

#[test]
fn payments_more_than_thirty_days_after_death_fire() {
    let conn = case();
    let (tao, jiang) = (pid("19410719", 1, true), pid("19391224", 2, false));
    death(&conn, "陶福生", &tao, "2023-05-17");
    death(&conn, "江秀珍", &jiang, "2023-06-20");
    benefit(&conn, "城乡低保", "陶福生", &tao, 620.0, "2023-05-15");
    benefit(&conn, "城乡低保", "陶福生", &tao, 620.0, "2023-06-16");
    benefit(&conn, "城乡低保", "陶福生", &tao, 620.0, "2023-08-15");
    claim(&conn, "陶福生", &tao, "2023-09-01", 88.0);
    benefit(&conn, "城乡低保", "江秀珍", &jiang, 620.0, "2023-07-15");
    benefit(&conn, "城乡低保", "江秀珍", &jiang, 620.0, "2023-07-20");
    let alerts = run(&conn, &BenefitDeceased);
    assert_eq!(subjects(&alerts), [set(&[&tao])]);
    let a = &alerts[0];
    assert!(
        a.summary.contains("2023-08-15(死亡后90天)城乡低保620元"),
        "{}",
        a.summary
    );
    assert!(a.summary.contains("医保报销"), "{}", a.summary);
    assert_eq!(evidence(a), ["benefits:3", "deaths:1", "medical_claims:1"]);
    let strict = run_with(
        &conn,
        &BenefitDeceased,
        &[("days", ParamValue::Integer(24))],
    );
    assert_eq!(strict.len(), 2);
}
