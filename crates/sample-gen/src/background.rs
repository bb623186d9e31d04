//! The ordinary population around the plants: more officials and their families,
//! suppliers and their contracts, bids, benefit recipients, deaths, medical claims,
//! salaries and invoices — shaped so that no model fires on them.
//!
//! Rules that keep the background quiet: officials' relatives never own companies;
//! each unit has its own three suppliers; amounts stay small and never round; no
//! background person receives two programs.

use crate::case::{Case, Company};
use crate::files::*;
use crate::people::{d, Person};
use crate::plants::{appoint, buy, card, monthly, pay, plain_company, Buy};
use crate::records::{self as rec, BidLine, IdForm, InvoiceLine};
use crate::units::*;
use crate::writers::Cell;
use chrono::{Datelike, NaiveDate};

const POSITIONS: &[&str] = &[
    "科员",
    "副科长",
    "科长",
    "股长",
    "办公室主任",
    "四级主任科员",
];
const VILLAGE_POSTS: &[&str] = &["村支书", "村主任", "村文书", "监委会主任"];

pub fn all(case: &mut Case) {
    officials(case);
    suppliers_and_contracts(case);
    recipients(case);
    deaths_and_claims(case);
    salaries(case);
    footers(case);
}

/// A household around one official: spouse, children, sometimes parents or grandchildren.
fn family(case: &mut Case, official: &Person, k: usize, village: &str) {
    let spouse = case.people.random(
        !official.male,
        official.birth.year() - 2,
        official.birth.year() + 3,
    );
    let child1 = case.people.random(k.is_multiple_of(2), 1995, 2012);
    let child2 = case.people.random(k.is_multiple_of(3), 1997, 2014);
    let words1 = if child1.male { "长子" } else { "长女" };
    let words2 = match (child2.male, k % 2) {
        (true, 0) => "次子",
        (true, _) => "子",
        (false, 0) => "次女",
        (false, _) => "女",
    };
    let spouse_word = ["配偶", "妻", "夫"][if official.male { k % 2 } else { 2 * (k % 2) }];
    let mut members: Vec<(Person, &str, IdForm)> = vec![
        (official.clone(), "户主", IdForm::Text),
        (spouse, spouse_word, IdForm::Text),
        (
            child1,
            words1,
            if k % 9 == 4 {
                IdForm::Lowercase
            } else {
                IdForm::Text
            },
        ),
        (child2, words2, IdForm::Text),
    ];
    if k % 4 == 1 {
        let father = case.people.random(true, 1938, 1948);
        let mother = case.people.random(false, 1940, 1950);
        members.push((
            father,
            "父亲",
            if k % 8 == 1 {
                IdForm::LegacyNumber
            } else {
                IdForm::Legacy
            },
        ));
        members.push((mother, "母亲", IdForm::Legacy));
    }
    if k % 5 == 2 {
        let in_law = case.people.random(true, 1993, 1996);
        let grandchild = case.people.random(k % 2 == 1, 2018, 2022);
        members.push((
            in_law,
            if members[2].0.male {
                "儿媳"
            } else {
                "女婿"
            },
            IdForm::Text,
        ));
        members.push((
            grandchild,
            if k % 2 == 1 { "孙子" } else { "孙女" },
            IdForm::Text,
        ));
    }
    let refs: Vec<(&Person, &str, IdForm)> = members.iter().map(|(p, w, f)| (p, *w, *f)).collect();
    rec::household(case, &refs, village);
    if k % 6 == 3 {
        case.sheet(HOUSEHOLDS).blank();
    }
}

fn officials(case: &mut Case) {
    let mut k = 0usize;
    for unit in GOV_UNITS.iter().chain(VILLAGES.iter()) {
        let target = if VILLAGES.contains(unit) { 4 } else { 6 };
        let have = case
            .staff
            .iter()
            .filter(|s| s.unit == *unit)
            .map(|s| s.person.id.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        for _ in have..target {
            k += 1;
            let older = k % 11 == 3;
            let p = if k == 7 {
                loop_x(case)
            } else {
                case.people.random(
                    !k.is_multiple_of(3),
                    if older { 1962 } else { 1968 },
                    if older { 1966 } else { 1992 },
                )
            };
            let form = match k {
                3 | 14 => IdForm::LegacyNumber,
                9 => IdForm::LossyNumber,
                7 => IdForm::Lowercase,
                _ => IdForm::Text,
            };
            let year = 2005 + (k * 7 % 17) as i32;
            let start = format!("{year}-{:02}-01", k % 12 + 1);
            let end = (k % 13 == 6).then_some("2021-12-31");
            let position = if VILLAGES.contains(unit) {
                VILLAGE_POSTS[k % 4]
            } else {
                POSITIONS[k % POSITIONS.len()]
            };
            let r = appoint(case, &p, form, unit, position, &start, end);
            if form == IdForm::LossyNumber {
                let t = case.expect("invalid-id", true, vec![("id_number", p.id.clone())],
                    format!("{}的18位身份证号存为数字单元格,被截为15位有效数字,无法还原,须标记为证件号无效", p.name),
                    "An 18-digit ID stored as a number cell and cut to 15 significant digits: unrecoverable, must be flagged".into());
                case.cite(t, OFFICIALS, r);
            }
            family(case, &p, k, "青禾镇");
        }
    }
}

fn loop_x(case: &mut Case) -> Person {
    let name = case.people.random_name(false);
    case.people.named_with_x(&name, false, d("1983-03-03"))
}

const COMPANY_WORDS: &[&str] = &[
    "金石", "天成", "兴旺", "聚鑫", "顺达", "佳美", "盛世", "华美", "锦程", "宏图", "博远", "汇通",
    "信诚", "长青", "瑞丰", "力源", "德润", "融创", "新宇", "百川", "鸿运", "立信", "广源", "众合",
    "同创", "明珠", "飞跃", "安泰", "和顺", "美华",
];
const TRADES: &[&str] = &["商贸", "建材", "科技", "实业", "贸易", "工贸"];

/// The desktop-computer prices whose median (with the two plants) is 5,475.
const DESKTOP_PRICES: [f64; 6] = [5_200.0, 5_300.0, 5_400.0, 5_450.0, 5_500.0, 5_600.0];

fn suppliers_and_contracts(case: &mut Case) {
    let mut word = 0usize;
    let mut desktops = DESKTOP_PRICES.iter();
    let mut tender = 0usize;
    let mut bidders: Vec<Company> = Vec::new();
    for _ in 0..6 {
        let name = format!(
            "青禾县{}{}有限公司",
            COMPANY_WORDS[word % 30],
            TRADES[word % 6]
        );
        word += 1;
        bidders.push(plain_company(case, &name, "2018-08-08"));
    }
    for (u, unit) in GOV_UNITS.iter().enumerate() {
        let suppliers: Vec<Company> = (0..3)
            .map(|_| {
                let name = format!(
                    "青禾县{}{}有限公司",
                    COMPANY_WORDS[word % 30],
                    TRADES[word % 6]
                );
                word += 1;
                let est = format!("{}-0{}-1{}", 2005 + word % 15, word % 9 + 1, word % 9);
                let c = plain_company(case, &name, &est);
                let extra = case.people.random(word.is_multiple_of(2), 1965, 1990);
                rec::company_person(
                    case,
                    &c,
                    &extra,
                    ["监事", "财务负责人", "经理"][word % 3],
                    None,
                );
                c
            })
            .collect();
        let items = background_items(unit);
        let skip_2023 = *unit == JIAOYU || *unit == WEIJIAN;
        let dates: Vec<NaiveDate> = (0..9)
            .filter(|i| !(skip_2023 && *i < 6))
            .map(|i| {
                if i < 6 {
                    d("2023-01-20") + chrono::Days::new(i * 58 + u as u64 * 3)
                } else {
                    d("2024-01-25") + chrono::Days::new((i - 6) * 50 + u as u64 * 2)
                }
            })
            .collect();
        for (i, date) in dates.iter().enumerate() {
            let supplier = &suppliers[i % 3];
            let (item, price, qty) = if i == 0 && !skip_2023 {
                let p = *desktops.next().unwrap_or(&5_400.0);
                ("台式计算机", p, 10.0 + u as f64)
            } else {
                let (item, base) = items[(i + u) % items.len()];
                let factor = 0.95 + (case.rng.below(11) as f64) / 100.0;
                let price = (base * factor * 100.0).round() / 100.0;
                let qty = ((30_000.0 + case.rng.below(110_000) as f64) / price)
                    .round()
                    .max(1.0);
                (item, price, qty)
            };
            let project = format!(
                "{}{}年{}采购(第{}批)",
                unit.trim_start_matches("青禾县"),
                date.format("%Y"),
                item,
                i + 1
            );
            let date_s = date.format("%Y-%m-%d").to_string();
            let (no, _) = buy(
                case,
                Buy {
                    unit,
                    supplier,
                    item,
                    price,
                    qty,
                    date: &date_s,
                    project: &project,
                },
            );
            let amount = price * qty;
            if i % 3 == 1 {
                tender += 1;
                let t = format!("QHZB-{}-{:03}", date.format("%Y"), 100 + tender);
                background_bids(case, &t, &project, supplier, &bidders, tender, amount);
            }
            if i < 6 {
                let unit_rec = case.unit(unit);
                let number = 1_000_000 + (case.counters.contract * 7_919 % 8_000_000);
                rec::invoice(
                    case,
                    InvoiceLine {
                        code: &format!("0430023001{:02}", u * 3 + i % 3),
                        number,
                        date: *date + chrono::Days::new(5),
                        seller: supplier.into(),
                        buyer: (&unit_rec).into(),
                        goods: item,
                        amount: (amount * 100.0).round() / 100.0,
                    },
                );
                let _ = no;
            }
        }
    }
}

fn background_bids(
    case: &mut Case,
    tender: &str,
    project: &str,
    winner: &Company,
    bidders: &[Company],
    n: usize,
    amount: f64,
) {
    let others = [&bidders[n % 6], &bidders[(n + 3) % 6]];
    let all = [winner, others[0], others[1]];
    for (j, c) in all.iter().enumerate() {
        let ip = format!("172.{}.{}.{}", 16 + n % 8, n * 3 + j, 10 + j * 40);
        let mac = format!("5C-F9-DD-{:02X}-{:02X}-{:02X}", n, j, n * 7 + j);
        let price = amount * (1.0 + j as f64 * 0.03);
        rec::bid(
            case,
            BidLine {
                tender,
                project,
                bidder: (*c).into(),
                price,
                contact: &c.legal.name,
                phone: &c.phone,
                ip: &ip,
                mac: &mac,
                won: j == 0,
            },
        );
    }
}

/// Ordinary benefit recipients: each gets one program only.
fn recipients(case: &mut Case) {
    let villages = ["石门村", "柳塘村", "桃花社区"];
    for k in 0..60usize {
        let village = villages[k % 3];
        let head = case.people.random(k % 2 == 0, 1945, 1975);
        let spouse = case.people.random(k % 2 == 1, 1946, 1976);
        let child = case.people.random(k % 3 == 0, 2005, 2008);
        let brother = case.people.random(true, 1950, 1975);
        let mut members = vec![
            (
                &head,
                "户主",
                if head.birth.year() < 1955 {
                    IdForm::Legacy
                } else {
                    IdForm::Text
                },
            ),
            (&spouse, if k % 2 == 0 { "妻" } else { "夫" }, IdForm::Text),
            (
                &child,
                if child.male { "孙子" } else { "孙女" },
                IdForm::Text,
            ),
        ];
        if k % 7 == 2 {
            members.push((&brother, if k % 2 == 0 { "弟" } else { "兄" }, IdForm::Text));
        }
        rec::household(case, &members, village);
        if k == 30 {
            case.sheet(HOUSEHOLDS).blank();
        }
        let acct = card(case, "62309");
        let form = match k {
            5 | 17 => IdForm::FullWidth,
            23 => IdForm::Legacy,
            _ => IdForm::Text,
        };
        let (program, amount, dates): (&str, f64, Vec<NaiveDate>) = match k % 6 {
            0 | 1 => (
                "城乡低保",
                560.0 + (k % 5) as f64 * 20.0,
                monthly(1, 12, 15),
            ),
            2 => (
                "冬春救助金",
                600.0 + (k % 4) as f64 * 100.0,
                vec![d("2024-01-20")],
            ),
            3 => ("外出务工交通补贴", 300.0, vec![d("2023-03-10")]),
            4 => ("公益性岗位补贴", 1_500.0, monthly(1, 6, 25)),
            _ => ("雨露计划", 1_500.0, vec![d("2023-11-08")]),
        };
        let person = if k % 6 == 5 { &child } else { &head };
        for date in dates {
            rec::benefit(
                case,
                rec::BenefitLine {
                    program,
                    person,
                    form,
                    amount,
                    date,
                    account: &acct,
                    holder: &person.name,
                    village,
                },
            );
        }
        if k % 10 == 4 {
            let acct = card(case, "62309");
            pay(
                case,
                "普高助学金",
                &child,
                1_000.0,
                &[d("2023-10-20")],
                &acct,
                &child.name,
                village,
            );
        }
        if k == 20 {
            case.sheet(BENEFITS).blank();
        }
    }
    // One recipient whose ID number has a wrong check digit: kept and flagged by the importer.
    let mut bad = case.people.random(false, 1960, 1970);
    let last = if bad.id.ends_with('1') { "2" } else { "1" };
    bad.id = format!("{}{last}", &bad.id[..17]);
    let acct = card(case, "62309");
    let t = case.expect(
        "invalid-id",
        true,
        vec![("id_number", bad.id.clone())],
        format!(
            "{}的身份证号校验位错误,该行须保留并标记为证件号无效",
            bad.name
        ),
        "An ID number with a wrong check digit: the row is kept and flagged".into(),
    );
    let rows = pay(
        case,
        "创业担保贷款贴息",
        &bad,
        2_400.0,
        &[d("2023-12-20")],
        &acct,
        &bad.name.clone(),
        "石门村",
    );
    for r in rows {
        case.cite(t, BENEFITS, r);
    }
    case.sheet(BENEFITS).reject(
        vec![
            "".into(),
            "城乡低保".into(),
            "".into(),
            "".into(),
            "待核".into(),
            "".into(),
            "".into(),
            "".into(),
            "石门村".into(),
        ],
        "无姓名、无身份证号、金额为“待核”",
    );
}

fn deaths_and_claims(case: &mut Case) {
    for k in 0..12usize {
        let p = case.people.random(k % 2 == 0, 1930, 1950);
        let form = match k {
            2 | 7 => IdForm::Legacy,
            4 => IdForm::LegacyNumber,
            _ => IdForm::Text,
        };
        rec::death(
            case,
            &p,
            form,
            d("2023-01-09") + chrono::Days::new(k as u64 * 37),
        );
    }
    let hospitals = [
        "青禾县人民医院",
        "青禾县中医医院",
        "青禾镇卫生院",
        "邵阳市中心医院",
    ];
    for k in 0..42usize {
        let p = case.people.random(k % 2 == 1, 1940, 2000);
        let visits = 1 + k % 5;
        for v in 0..visits {
            let day = d("2023-01-10") + chrono::Days::new((k * 5 + v * 61) as u64 % 350);
            let paid = 300.0 + case.rng.below(1_100) as f64 + 0.4;
            rec::medical(case, &p, day, hospitals[(k + v) % 4], paid);
        }
    }
}

fn salaries(case: &mut Case) {
    let staff = case.staff.clone();
    for s in staff.iter().filter(|s| GOV_UNITS.contains(&s.unit)) {
        let gross = 5_200.0 + (s.person.birth.ordinal() % 30) as f64 * 110.0;
        for m in 1..=12u32 {
            let month = NaiveDate::from_ymd_opt(2023, m, 1).unwrap_or_default();
            let month_end = NaiveDate::from_ymd_opt(2023, m, 28).unwrap_or_default();
            if s.start <= month_end && s.end.is_none_or(|e| e >= month_end) {
                let r = rec::salary(case, &s.person, s.unit, month, gross);
                case.salary_rows.push((s.person.id.clone(), m, s.unit, r));
            }
        }
    }
    // duplicate-salary plant: 钟立新 also on the hospital payroll in June and July.
    let lixin = staff
        .iter()
        .find(|s| s.person.name == "钟立新")
        .map(|s| s.person.clone());
    if let Some(p) = lixin {
        let t = case
            .expects
            .iter()
            .position(|e| e.model == "duplicate-salary" && e.planted)
            .unwrap_or(0);
        for m in [6u32, 7] {
            let month = NaiveDate::from_ymd_opt(2023, m, 1).unwrap_or_default();
            let r = rec::salary(case, &p, YIYUAN, month, 4_800.0);
            case.cite(t, SALARIES, r);
            let own: Vec<usize> = case
                .salary_rows
                .iter()
                .filter(|(id, mm, _, _)| *id == p.id && *mm == m)
                .map(|x| x.3)
                .collect();
            for r in own {
                case.cite(t, SALARIES, r);
            }
        }
    }
    // Cite the salary rows of the near-misses.
    for i in 0..case.expects.len() {
        if case.expects[i].model == "duplicate-salary" && !case.expects[i].planted {
            let ids: Vec<String> = case.expects[i]
                .subjects
                .iter()
                .map(|s| s.1.clone())
                .collect();
            let rows: Vec<usize> = case
                .salary_rows
                .iter()
                .filter(|(id, m, _, _)| ids.contains(id) && (*m == 6 || *m == 7))
                .map(|x| x.3)
                .collect();
            for r in rows {
                case.cite(i, SALARIES, r);
            }
        }
    }
}

fn footers(case: &mut Case) {
    case.sheet(HOUSEHOLDS).footer(vec!["以下空白".into()]);
    case.sheet(COMPANY_PEOPLE)
        .footer(vec!["制表人:市场监管局信息科".into()]);
    let total = |case: &mut Case, file: &str, col: usize| -> f64 {
        case.sheet(file)
            .rows
            .iter()
            .filter(|r| r.kind == crate::writers::RowKind::Data)
            .filter_map(|r| match r.cells.get(col) {
                Some(Cell::Num(n)) => Some(*n),
                _ => None,
            })
            .sum()
    };
    let medical_total = total(case, MEDICAL, 5);
    case.sheet(MEDICAL).footer(vec![
        "合计".into(),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Num((medical_total * 100.0).round() / 100.0),
    ]);
    case.sheet(CONTRACTS).footer(vec![
        "合计".into(),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        "见汇总表".into(),
    ]);
    case.sheet(BENEFITS).footer(vec!["本页小计".into()]);
    case.sheet(BENEFITS).footer(vec![
        "合计".into(),
        "".into(),
        "".into(),
        "".into(),
        "见财政汇总".into(),
    ]);
    case.sheet(DEATHS).footer(vec!["以下空白".into()]);
    case.sheet(INVOICES).footer(vec![
        "共计".into(),
        Cell::Empty,
        Cell::Empty,
        "制表人:税务局第一分局".into(),
    ]);
}
