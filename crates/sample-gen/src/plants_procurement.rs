//! Procurement plants: a supplier following an official, price anomaly, split
//! procurement, supplier concentration and bid collusion, each with its near-miss.
//!
//! Writes contracts and bids; the companies are created here too.

use crate::case::{Case, Company};
use crate::files::*;
use crate::plants::{buy, plain_company, Buy};
use crate::records::{self as rec, BidLine};
use crate::units::*;

pub fn find_company(case: &Case, name: &str) -> Company {
    case.companies
        .iter()
        .find(|c| c.name == name)
        .cloned()
        .expect("company created before use (generator bug)")
}

fn staff_id(case: &Case, name: &str, unit: &str) -> String {
    case.staff
        .iter()
        .find(|s| s.person.name == name && s.unit == unit)
        .map(|s| s.person.id.clone())
        .expect("official appointed before use (generator bug)")
}

pub fn all(case: &mut Case) {
    follows(case);
    price(case);
    split(case);
    concentration(case);
    collusion(case);
}

fn follows(case: &mut Case) {
    let mover = staff_id(case, "黄志明", SHUILI);
    let tongqu = plain_company(case, "青禾县通衢工程咨询有限公司", "2012-08-08");
    let t = case.expect("supplier-follows-official", true, vec![("official", mover.clone()), ("company", tongqu.uscc.clone())],
        "通衢工程咨询在黄志明任职交通运输局期间中标两次(2022-09-14、2023-03-20);黄志明2023-07-01调任水利局后,该公司2024-02-15首次与水利局签约(229天)".into(),
        "Tongqu had two contracts with the transport bureau while Huang Zhiming served there; after he moved to the water bureau on 2023-07-01 it won its first water-bureau contract on 2024-02-15 (229 days)".into());
    for (unit, date, price) in [
        (JIAOTONG, "2022-09-14", 86_000.0),
        (JIAOTONG, "2023-03-20", 92_000.0),
        (SHUILI, "2024-02-15", 98_000.0),
    ] {
        let (_, r) = buy(
            case,
            Buy {
                unit,
                supplier: &tongqu,
                item: "工程造价咨询",
                price,
                qty: 1.0,
                date,
                project: "工程造价咨询服务",
            },
        );
        case.cite(t, CONTRACTS, r);
    }
    let hengyuan = plain_company(case, "青禾县恒远测绘有限公司", "2013-10-10");
    let t = case.expect(
        "supplier-follows-official",
        false,
        vec![("official", mover), ("company", hengyuan.uscc.clone())],
        "恒远测绘首次与水利局签约在2024-08-15,距黄志明调任已411天(超过365天)".into(),
        "Hengyuan's first water-bureau contract came 411 days after the move (more than 365)"
            .into(),
    );
    for (unit, date, price) in [
        (JIAOTONG, "2023-01-16", 75_000.0),
        (SHUILI, "2024-08-15", 78_000.0),
    ] {
        let (_, r) = buy(
            case,
            Buy {
                unit,
                supplier: &hengyuan,
                item: "测绘服务",
                price,
                qty: 1.0,
                date,
                project: "地形测绘服务",
            },
        );
        case.cite(t, CONTRACTS, r);
    }
}

fn price(case: &mut Case) {
    let xinyuan = plain_company(case, "青禾县鑫源电脑有限公司", "2011-01-20");
    let (no, r) = buy(
        case,
        Buy {
            unit: CHENGTOU,
            supplier: &xinyuan,
            item: "台式计算机",
            price: 11_000.0,
            qty: 20.0,
            date: "2024-04-10",
            project: "城投公司办公电脑采购",
        },
    );
    let t = case.expect("price-anomaly", true, vec![("contract", no), ("company", xinyuan.uscc.clone())],
        "城投公司向鑫源电脑采购台式计算机单价11,000元,为全案同品目8份合同中位数5,475元的2.0倍".into(),
        "A desktop-computer contract at 11,000 per unit, 2.0× the median 5,475 of the 8 desktop contracts".into());
    case.cite(t, CONTRACTS, r);
    let bowen = plain_company(case, "青禾县博文科技有限公司", "2016-06-16");
    let (no, r) = buy(
        case,
        Buy {
            unit: NONGYE,
            supplier: &bowen,
            item: "台式计算机",
            price: 7_000.0,
            qty: 15.0,
            date: "2024-05-08",
            project: "农业农村局办公电脑采购",
        },
    );
    let t = case.expect(
        "price-anomaly",
        false,
        vec![("contract", no), ("company", bowen.uscc.clone())],
        "博文科技台式计算机单价7,000元,为中位数的1.28倍(未超1.5倍)".into(),
        "A desktop contract at 7,000, 1.28× the median (below 1.5×)".into(),
    );
    case.cite(t, CONTRACTS, r);
}

fn split(case: &mut Case) {
    let fengshou = plain_company(case, "青禾县丰收农机有限公司", "2010-04-04");
    let t = case.expect("split-procurement", true, vec![("unit", case.unit(NONGYE).uscc), ("company", fengshou.uscc.clone())],
        "农业农村局41天内与丰收农机签订两份合同680,000元和650,000元,均低于100万元公开招标限额,合计1,330,000元".into(),
        "The agriculture bureau signed 680,000 and 650,000 with one supplier 41 days apart: each below the 1,000,000 threshold, together above".into());
    for (item, price, qty, date, project) in [
        ("拖拉机", 68_000.0, 10.0, "2023-05-10", "2023年农机购置(一)"),
        ("收割机", 130_000.0, 5.0, "2023-06-20", "2023年农机购置(二)"),
    ] {
        let (no, r) = buy(
            case,
            Buy {
                unit: NONGYE,
                supplier: &fengshou,
                item,
                price,
                qty,
                date,
                project,
            },
        );
        case.expects[t].subjects.push(("contract", no));
        case.cite(t, CONTRACTS, r);
    }
    let anmin = plain_company(case, "青禾县安民物资有限公司", "2012-12-12");
    let t = case.expect(
        "split-procurement",
        false,
        vec![
            ("unit", case.unit(MINZHENG).uscc),
            ("company", anmin.uscc.clone()),
        ],
        "民政局与安民物资的两份合同(600,000元、550,000元)相隔100天,超过90天".into(),
        "The civil-affairs bureau's two contracts with Anmin are 100 days apart (more than 90)"
            .into(),
    );
    for (item, price, qty, date, project) in [
        (
            "棉被",
            200.0,
            3_000.0,
            "2023-03-01",
            "2023年救灾物资储备(棉被)",
        ),
        (
            "大米",
            5.5,
            100_000.0,
            "2023-06-09",
            "2023年救灾物资储备(粮食)",
        ),
    ] {
        let (no, r) = buy(
            case,
            Buy {
                unit: MINZHENG,
                supplier: &anmin,
                item,
                price,
                qty,
                date,
                project,
            },
        );
        case.expects[t].subjects.push(("contract", no));
        case.cite(t, CONTRACTS, r);
    }
}

/// 2023 contracts of the health and education bureaus are all made here, so the shares are exact.
fn concentration(case: &mut Case) {
    let renhe = plain_company(case, "青禾县仁和医疗用品有限公司", "2009-09-09");
    let t = case.expect(
        "supplier-concentration",
        true,
        vec![
            ("unit", case.unit(WEIJIAN).uscc),
            ("company", renhe.uscc.clone()),
        ],
        "卫健局2023年10份合同中6份、金额70.1%(1,170,000/1,670,000)授予仁和医疗".into(),
        "The health bureau gave 6 of its 10 contracts of 2023, 70.1% of their value, to Renhe"
            .into(),
    );
    for date in [
        "2023-01-12",
        "2023-03-14",
        "2023-05-16",
        "2023-07-18",
        "2023-09-19",
        "2023-11-21",
    ] {
        let (_, r) = buy(
            case,
            Buy {
                unit: WEIJIAN,
                supplier: &renhe,
                item: "医用防护服",
                price: 65.0,
                qty: 3_000.0,
                date,
                project: "医用防护物资储备",
            },
        );
        case.cite(t, CONTRACTS, r);
    }
    let others = [
        plain_company(case, "青禾县洁康消毒用品有限公司", "2015-03-03"),
        plain_company(case, "青禾县康源卫生用品有限公司", "2016-03-03"),
    ];
    for (i, date) in ["2023-02-20", "2023-04-24", "2023-08-28", "2023-10-30"]
        .iter()
        .enumerate()
    {
        let (_, r) = buy(
            case,
            Buy {
                unit: WEIJIAN,
                supplier: &others[i % 2],
                item: "消毒液",
                price: 25.0,
                qty: 5_000.0,
                date,
                project: "消毒物资采购",
            },
        );
        case.cite(t, CONTRACTS, r);
    }
    let qiming = plain_company(case, "青禾县启明教学设备有限公司", "2013-07-07");
    let t = case.expect("supplier-concentration", false, vec![("unit", case.unit(JIAOYU).uscc), ("company", qiming.uscc.clone())],
        "教育局2023年10份合同中5份给启明教学,但金额只占54.9%(640,000/1,165,000),低于60%".into(),
        "The education bureau gave Qiming 5 of 10 contracts in 2023 but only 54.9% of the value (below 60%)".into());
    for date in [
        "2023-02-10",
        "2023-04-12",
        "2023-06-14",
        "2023-08-16",
        "2023-10-18",
    ] {
        let (_, r) = buy(
            case,
            Buy {
                unit: JIAOYU,
                supplier: &qiming,
                item: "教学一体机",
                price: 12_800.0,
                qty: 10.0,
                date,
                project: "智慧教室建设",
            },
        );
        case.cite(t, CONTRACTS, r);
    }
    let others = [
        plain_company(case, "青禾县育才家具有限公司", "2014-04-04"),
        plain_company(case, "青禾县书林文教用品有限公司", "2015-05-05"),
    ];
    for (i, date) in [
        "2023-01-15",
        "2023-03-20",
        "2023-05-25",
        "2023-09-05",
        "2023-11-28",
    ]
    .iter()
    .enumerate()
    {
        let (_, r) = buy(
            case,
            Buy {
                unit: JIAOYU,
                supplier: &others[i % 2],
                item: "课桌椅",
                price: 350.0,
                qty: 300.0,
                date,
                project: "中小学课桌椅更新",
            },
        );
        case.cite(t, CONTRACTS, r);
    }
}

fn collusion(case: &mut Case) {
    let names = [
        "青禾县华联建设有限公司",
        "青禾县宏达建设有限公司",
        "青禾县远航建设有限公司",
        "青禾县永固建设有限公司",
        "青禾县鼎盛建设有限公司",
        "青禾县恒基建设有限公司",
    ];
    let cos: Vec<Company> = names
        .iter()
        .map(|n| plain_company(case, n, "2011-11-11"))
        .collect();
    let t = case.expect(
        "bid-collusion",
        true,
        vec![
            ("tender", "QHZB-2023-017".into()),
            ("bidder", cos[0].uscc.clone()),
            ("bidder", cos[1].uscc.clone()),
        ],
        "QHZB-2023-017中华联建设与宏达建设使用同一投标IP(10.12.3.45)和同一联系电话(13907394521)"
            .into(),
        "In tender QHZB-2023-017 two bidders share the bid IP 10.12.3.45 and the phone 13907394521"
            .into(),
    );
    let rows = [
        (
            0,
            3_860_000.0,
            "陈雨",
            "13907394521",
            "10.12.3.45",
            "3C-52-82-1A-07-11",
            true,
        ),
        (
            1,
            3_920_000.0,
            "刘涛",
            "13907394521",
            "10.12.3.45",
            "3C-52-82-1A-07-12",
            false,
        ),
        (
            2,
            3_990_000.0,
            "方明",
            "13807391187",
            "172.16.40.8",
            "70-85-C2-33-9E-01",
            false,
        ),
    ];
    for (i, price, contact, phone, ip, mac, won) in rows {
        let r = rec::bid(
            case,
            BidLine {
                tender: "QHZB-2023-017",
                project: "水利局2023年农村饮水安全巩固提升工程",
                bidder: (&cos[i]).into(),
                price,
                contact,
                phone,
                ip,
                mac,
                won,
            },
        );
        case.cite(t, BIDS, r);
    }
    let t = case.expect("bid-collusion", false, vec![("tender", "QHZB-2023-021".into()), ("bidder", cos[3].uscc.clone()), ("bidder", cos[4].uscc.clone())],
        "QHZB-2023-021三家投标人的IP(10.12.8.21/22)、电话、联系人、MAC均不相同,只是相近".into(),
        "In tender QHZB-2023-021 the bidders' IPs, phones, contacts and MACs are all different, merely similar".into());
    let rows = [
        (
            3,
            2_450_000.0,
            "汤宁",
            "13907394621",
            "10.12.8.21",
            "3C-52-82-1B-00-21",
            true,
        ),
        (
            4,
            2_480_000.0,
            "汤静",
            "13907394622",
            "10.12.8.22",
            "3C-52-82-1B-00-22",
            false,
        ),
        (
            5,
            2_510_000.0,
            "孔亮",
            "13607395530",
            "10.12.9.7",
            "3C-52-82-1B-00-23",
            false,
        ),
    ];
    for (i, price, contact, phone, ip, mac, won) in rows {
        let r = rec::bid(
            case,
            BidLine {
                tender: "QHZB-2023-021",
                project: "交通运输局2023年危桥改造工程",
                bidder: (&cos[i]).into(),
                price,
                contact,
                phone,
                ip,
                mac,
                won,
            },
        );
        case.cite(t, BIDS, r);
    }
}
