//! The procurement models on hand-built cases: `bid-collusion`, `supplier-follows-official`,
//! `price-anomaly`, `sequential-invoices`, `split-procurement`, `supplier-concentration`.

use super::*;
use crate::models::builtin::bid_collusion::BidCollusion;
use crate::models::builtin::price_anomaly::PriceAnomaly;
use crate::models::builtin::sequential_invoices::SequentialInvoices;
use crate::models::builtin::split_procurement::SplitProcurement;
use crate::models::builtin::supplier_concentration::SupplierConcentration;
use crate::models::builtin::supplier_follows_official::SupplierFollowsOfficial;

const A: &str = "91430524MA4CQ5J0DL";
const B: &str = "91430524MA4K0CR7L4";
const C: &str = "91430524MA4T7K1EUK";

fn bid(
    conn: &Connection,
    tender: &str,
    code: &str,
    contact: &str,
    phone: &str,
    ip: &str,
    mac: &str,
) -> i64 {
    insert(
        conn,
        "bids",
        &[
            ("tender_no", text(tender)),
            ("bidder_name", text(&format!("公司{}", &code[14..]))),
            ("bidder_uscc", text(code)),
            ("contact", text(contact)),
            ("phone", text(phone)),
            ("ip", text(ip)),
            ("mac", text(mac)),
        ],
    )
}

#[test]
fn bidders_sharing_an_ip_and_a_phone_fire_once_per_tender() {
    let conn = case();
    bid(
        &conn,
        "T1",
        A,
        "陈雨",
        "13907394521",
        "10.12.3.45",
        "3C-52-82-1A-07-11",
    );
    bid(
        &conn,
        "T1",
        B,
        "刘涛",
        "13907394521",
        "10.12.3.45",
        "3C-52-82-1A-07-12",
    );
    bid(
        &conn,
        "T1",
        C,
        "方明",
        "13807391187",
        "172.16.40.8",
        "70-85-C2-33-9E-01",
    );
    let alerts = run(&conn, &BidCollusion);
    assert_eq!(subjects(&alerts), [set(&["T1", A, B])]);
    let a = &alerts[0];
    assert!(
        a.summary
            .contains("同一投标IP地址(10.12.3.45)、同一联系电话(13907394521)"),
        "{}",
        a.summary
    );
    assert_eq!(evidence(a), ["bids:1", "bids:2"]);
    assert_eq!(a.key, format!("bid-collusion|T1|{A},{B}"));
}

#[test]
fn bidders_with_distinct_but_similar_contact_data_are_silent() {
    let conn = case();
    bid(
        &conn,
        "T2",
        A,
        "汤宁",
        "13907394621",
        "10.12.8.21",
        "3C-52-82-1B-00-21",
    );
    bid(
        &conn,
        "T2",
        B,
        "汤静",
        "13907394622",
        "10.12.8.22",
        "3C-52-82-1B-00-22",
    );
    bid(
        &conn,
        "T2",
        C,
        "孔亮",
        "13607395530",
        "10.12.9.7",
        "3C-52-82-1B-00-23",
    );
    // The same IP in another tender links nothing here.
    bid(&conn, "T3", A, "汤宁", "无", "10.12.9.7", "-");
    assert!(run(&conn, &BidCollusion).is_empty());
}

#[test]
fn a_shared_shareholder_or_address_links_bidders_through_the_registers() {
    let conn = case();
    let boss = pid("19700101", 1, true);
    company_person(&conn, A, "段文", &boss, "股东", Some(1.0));
    company_person(&conn, C, "段文", &boss, "股东", Some(0.2));
    company(&conn, "乙", Some(B), None, None);
    company(&conn, "丙", Some(C), None, None);
    conn.execute("UPDATE companies SET address = '青禾县建设路13号'", [])
        .unwrap();
    bid(&conn, "T4", A, "甲", "1", "1.1.1.1", "AA");
    bid(&conn, "T4", B, "乙", "2", "2.2.2.2", "BB");
    bid(&conn, "T4", C, "丙", "3", "3.3.3.3", "CC");
    let alerts = run(&conn, &BidCollusion);
    assert_eq!(subjects(&alerts), [set(&["T4", A, B, C])]);
    assert!(
        alerts[0].summary.contains("股东或法定代表人(段文("),
        "{}",
        alerts[0].summary
    );
    assert!(
        alerts[0].summary.contains("注册地址(青禾县建设路13号)"),
        "{}",
        alerts[0].summary
    );
}

const TRANSPORT: &str = "青禾县交通运输局";
const WATER: &str = "青禾县水利局";

#[test]
fn a_supplier_following_a_moved_official_within_a_year_fires() {
    let conn = case();
    let huang = pid("19761212", 1, true);
    official(
        &conn,
        "黄志明",
        Some(&huang),
        TRANSPORT,
        "2019-03-01",
        Some("2023-06-30"),
    );
    official(&conn, "黄志明", Some(&huang), WATER, "2023-07-01", None);
    let (tongqu, hengyuan, old) = (
        "91430524MA4K1EU9NX",
        "91430524MA4T8M3GXD",
        "91430524MA4Q5J0DTX",
    );
    contract(
        &conn,
        "T-1",
        TRANSPORT,
        "通衢",
        Some(tongqu),
        86_000.0,
        "2022-09-14",
    );
    contract(
        &conn,
        "W-1",
        WATER,
        "通衢",
        Some(tongqu),
        98_000.0,
        "2024-02-15",
    );
    // 411 days after the move: too late.
    contract(
        &conn,
        "T-2",
        TRANSPORT,
        "恒远",
        Some(hengyuan),
        75_000.0,
        "2023-01-16",
    );
    contract(
        &conn,
        "W-2",
        WATER,
        "恒远",
        Some(hengyuan),
        78_000.0,
        "2024-08-15",
    );
    // Already a water-bureau supplier before the move.
    contract(
        &conn,
        "T-3",
        TRANSPORT,
        "安民",
        Some(old),
        10_000.0,
        "2020-01-16",
    );
    contract(
        &conn,
        "W-3",
        WATER,
        "安民",
        Some(old),
        10_000.0,
        "2019-01-16",
    );
    contract(
        &conn,
        "W-4",
        WATER,
        "安民",
        Some(old),
        10_000.0,
        "2023-08-16",
    );
    let alerts = run(&conn, &SupplierFollowsOfficial);
    assert_eq!(
        subjects(&alerts),
        [set(&[&huang, tongqu, TRANSPORT, WATER, "T-1", "W-1"])]
    );
    assert!(
        alerts[0].summary.contains("调任青禾县水利局后第229天"),
        "{}",
        alerts[0].summary
    );
}

#[test]
fn a_supplier_of_the_old_unit_before_the_officials_time_is_silent() {
    let conn = case();
    let huang = pid("19761212", 1, true);
    official(
        &conn,
        "黄志明",
        Some(&huang),
        TRANSPORT,
        "2021-03-01",
        Some("2023-06-30"),
    );
    official(&conn, "黄志明", Some(&huang), WATER, "2023-07-01", None);
    contract(
        &conn,
        "T-1",
        TRANSPORT,
        "通衢",
        Some("91430524MA4K1EU9NX"),
        86_000.0,
        "2020-09-14",
    );
    contract(
        &conn,
        "W-1",
        WATER,
        "通衢",
        Some("91430524MA4K1EU9NX"),
        98_000.0,
        "2024-02-15",
    );
    assert!(run(&conn, &SupplierFollowsOfficial).is_empty());
}

fn desktops(conn: &Connection, prices: &[f64]) {
    for (i, p) in prices.iter().enumerate() {
        let code = format!("91430524MA4AN4HY{:02}", i);
        priced(
            conn,
            &format!("P{i}"),
            "青禾县民政局",
            &format!("商{i}"),
            Some(&code),
            "台式计算机",
            *p,
            10.0,
            "2024-01-01",
        );
    }
}

#[test]
fn a_price_above_one_and_a_half_times_the_median_fires_and_1_3_times_does_not() {
    let conn = case();
    desktops(
        &conn,
        &[
            5200.0, 5300.0, 5400.0, 5450.0, 5500.0, 5600.0, 7000.0, 11000.0,
        ],
    );
    let alerts = run(&conn, &PriceAnomaly);
    assert_eq!(alerts.len(), 1);
    assert!(subjects(&alerts)[0].contains("P7"));
    assert!(
        alerts[0].summary.contains("中位数5,475元的2.01倍"),
        "{}",
        alerts[0].summary
    );
}

#[test]
fn fewer_than_five_contracts_make_no_median() {
    let conn = case();
    desktops(&conn, &[5000.0, 5000.0, 5000.0, 20000.0]);
    assert!(run(&conn, &PriceAnomaly).is_empty());
    let lower = run_with(
        &conn,
        &PriceAnomaly,
        &[("min_contracts", ParamValue::Integer(4))],
    );
    assert_eq!(lower.len(), 1);
}

fn invoice(conn: &Connection, no: &str, seller: &str, buyer: &str, buyer_code: &str) -> i64 {
    insert(
        conn,
        "invoices",
        &[
            ("invoice_code", text("043002300211")),
            ("invoice_no", text(no)),
            ("issue_date", text("2023-07-20")),
            ("seller_name", text("仁和医疗")),
            ("seller_uscc", text(seller)),
            ("buyer_name", text(buyer)),
            ("buyer_uscc", text(buyer_code)),
            ("amount", rusqlite::types::Value::Real(65_000.0)),
        ],
    )
}

#[test]
fn three_consecutive_invoices_fire_and_numbers_with_gaps_do_not() {
    let conn = case();
    let (health, edu) = ("11430524GKNRW03697", "11430524BEHLPTX14C");
    for no in ["03516783", "03516781", "03516782"] {
        invoice(&conn, no, A, "青禾县卫生健康局", health);
    }
    for no in ["03620410", "03620412", "03620415"] {
        invoice(&conn, no, B, "青禾县教育局", edu);
    }
    // Consecutive, but to another buyer: two runs of two.
    invoice(&conn, "00000001", C, "甲公司", "91430524MA4M2FWAPU");
    invoice(&conn, "00000002", C, "甲公司", "91430524MA4M2FWAPU");
    invoice(&conn, "00000003", C, "乙公司", "91430524MA4XAN4HYM");
    let alerts = run(&conn, &SequentialInvoices);
    assert_eq!(
        subjects(&alerts),
        [set(&[
            A,
            "青禾县卫生健康局",
            "043002300211-03516781",
            "043002300211-03516782",
            "043002300211-03516783"
        ])]
    );
    assert!(
        alerts[0]
            .summary
            .contains("号码03516781至03516783的3张连号发票"),
        "{}",
        alerts[0].summary
    );
}

const FARM: &str = "青禾县农业农村局";

#[test]
fn two_contracts_41_days_apart_that_together_reach_the_threshold_fire() {
    let conn = case();
    priced(
        &conn,
        "S1",
        FARM,
        "丰收农机",
        Some(A),
        "拖拉机",
        68_000.0,
        10.0,
        "2023-05-10",
    );
    priced(
        &conn,
        "S2",
        FARM,
        "丰收农机",
        Some(A),
        "收割机",
        130_000.0,
        5.0,
        "2023-06-20",
    );
    let alerts = run(&conn, &SplitProcurement);
    assert_eq!(subjects(&alerts), [set(&[FARM, A, "S1", "S2"])]);
    assert!(
        alerts[0].summary.contains("在41天内"),
        "{}",
        alerts[0].summary
    );
    assert!(
        alerts[0].summary.contains("合计1,330,000元"),
        "{}",
        alerts[0].summary
    );
}

#[test]
fn contracts_100_days_apart_or_one_above_the_threshold_are_silent() {
    let conn = case();
    priced(
        &conn,
        "S3",
        "青禾县民政局",
        "安民",
        Some(B),
        "棉被",
        200.0,
        3000.0,
        "2023-03-01",
    );
    priced(
        &conn,
        "S4",
        "青禾县民政局",
        "安民",
        Some(B),
        "大米",
        5.5,
        100_000.0,
        "2023-06-09",
    );
    // One contract at the threshold was tendered: it is not part of a split.
    priced(
        &conn,
        "S5",
        FARM,
        "丰收",
        Some(A),
        "拖拉机",
        100_000.0,
        10.0,
        "2023-05-10",
    );
    priced(
        &conn,
        "S6",
        FARM,
        "丰收",
        Some(A),
        "拖拉机",
        10_000.0,
        10.0,
        "2023-05-20",
    );
    assert!(run(&conn, &SplitProcurement).is_empty());
}

#[test]
fn construction_items_use_the_higher_threshold_and_consulting_stays_a_service() {
    let conn = case();
    priced(
        &conn,
        "K1",
        FARM,
        "建工",
        Some(A),
        "水渠施工",
        1_500_000.0,
        1.0,
        "2023-05-10",
    );
    priced(
        &conn,
        "K2",
        FARM,
        "建工",
        Some(A),
        "水渠施工",
        1_500_000.0,
        1.0,
        "2023-05-20",
    );
    assert!(run(&conn, &SplitProcurement).is_empty());
    priced(
        &conn,
        "K3",
        FARM,
        "建工",
        Some(A),
        "水渠施工",
        1_500_000.0,
        1.0,
        "2023-06-20",
    );
    assert_eq!(run(&conn, &SplitProcurement).len(), 1);
    priced(
        &conn,
        "Z1",
        FARM,
        "咨询",
        Some(C),
        "工程造价咨询",
        600_000.0,
        1.0,
        "2023-05-10",
    );
    priced(
        &conn,
        "Z2",
        FARM,
        "咨询",
        Some(C),
        "工程造价咨询",
        600_000.0,
        1.0,
        "2023-05-20",
    );
    assert_eq!(run(&conn, &SplitProcurement).len(), 2);
}

fn year_of_contracts(conn: &Connection, unit: &str, top: f64, others: f64) {
    for i in 0..5 {
        priced(
            conn,
            &format!("{unit}-R{i}"),
            unit,
            "仁和",
            Some(A),
            "防护服",
            top,
            1.0,
            &format!("2023-0{}-12", i + 1),
        );
    }
    for i in 0..5 {
        let code = if i % 2 == 0 { B } else { C };
        priced(
            conn,
            &format!("{unit}-O{i}"),
            unit,
            "别家",
            Some(code),
            "消毒液",
            others,
            1.0,
            &format!("2023-0{}-20", i + 1),
        );
    }
}

#[test]
fn five_of_ten_contracts_with_70_percent_fire_and_55_percent_does_not() {
    let conn = case();
    year_of_contracts(&conn, "青禾县卫生健康局", 233_334.0, 100_000.0);
    year_of_contracts(&conn, "青禾县教育局", 122_222.0, 100_000.0);
    let alerts = run(&conn, &SupplierConcentration);
    assert_eq!(alerts.len(), 1);
    assert!(subjects(&alerts)[0].contains("青禾县卫生健康局"));
    assert!(alerts[0].summary.contains("占70%"), "{}", alerts[0].summary);
    assert_eq!(alerts[0].evidence.len(), 10);
}

#[test]
fn a_unit_with_fewer_than_eight_contracts_is_silent() {
    let conn = case();
    for i in 0..7 {
        priced(
            &conn,
            &format!("X{i}"),
            FARM,
            "仁和",
            Some(A),
            "防护服",
            1000.0,
            1.0,
            "2023-03-01",
        );
    }
    assert!(run(&conn, &SupplierConcentration).is_empty());
}
