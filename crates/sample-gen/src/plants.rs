//! Planted true cases and their near-misses that live in the registries: conflicts of
//! interest, benefits, salaries, bids and procurement, invoices, medical claims, lists.
//!
//! Every plant records an expectation with the rows that support it. Money-flow plants
//! are in `plants_money.rs`.

use crate::case::{Case, Company, Staff};
use crate::files::*;
use crate::people::{d, Person};
use crate::records::{self as rec, BenefitLine, ContractLine, IdForm, InvoiceLine, Tenure};
use crate::units::*;
use crate::writers::Cell;
use chrono::NaiveDate;

/// Appoints a person: writes the officials row and remembers the tenure.
pub fn appoint(
    case: &mut Case,
    p: &Person,
    form: IdForm,
    unit: &'static str,
    position: &str,
    start: &str,
    end: Option<&str>,
) -> usize {
    let (start, end) = (d(start), end.map(d));
    let category = category_of(unit);
    case.staff.push(Staff {
        person: p.clone(),
        unit,
        start,
        end,
    });
    rec::official(
        case,
        p,
        form,
        unit,
        position,
        category,
        Tenure { start, end },
    )
}

pub fn card(case: &mut Case, prefix: &str) -> String {
    case.counters.account += 1;
    let body = format!(
        "{prefix}{:013}",
        4_300_000_000_000u64 + case.counters.account as u64 * 104_729
    );
    crate::ids::luhn_complete(&body[..18])
}

pub struct Buy<'a> {
    pub unit: &'static str,
    pub supplier: &'a Company,
    pub item: &'a str,
    pub price: f64,
    pub qty: f64,
    pub date: &'a str,
    pub project: &'a str,
}

/// Signs a contract; returns (contract number, row).
pub fn buy(case: &mut Case, b: Buy) -> (String, usize) {
    let unit = case.unit(b.unit);
    rec::contract(
        case,
        ContractLine {
            unit: &unit,
            supplier: b.supplier,
            item: b.item,
            unit_price: b.price,
            quantity: b.qty,
            date: d(b.date),
            project: b.project.to_string(),
        },
    )
}

fn company_with_owner(
    case: &mut Case,
    name: &str,
    owner: &Person,
    share: u32,
    est: &str,
) -> (Company, Vec<usize>) {
    let c = rec::new_company(case, name, owner.clone(), d(est), "91");
    let mut rows = vec![rec::company_person(case, &c, owner, "执行董事", None)];
    rows.push(rec::company_person(case, &c, owner, "股东", Some(share)));
    if share < 100 {
        let other = case.people.random(true, 1965, 1990);
        rows.push(rec::company_person(
            case,
            &c,
            &other,
            "股东",
            Some(100 - share),
        ));
    }
    (c, rows)
}

/// A company whose legal representative is a stranger to the case.
pub fn plain_company(case: &mut Case, name: &str, est: &str) -> Company {
    let owner = case.people.random(true, 1965, 1990);
    company_with_owner(case, name, &owner, 100, est).0
}

fn cite_all(case: &mut Case, idx: usize, file: &'static str, rows: &[usize]) {
    for &r in rows {
        case.cite(idx, file, r);
    }
}

pub fn all(case: &mut Case) {
    coi(case);
    benefits(case);
    salaries_and_lists(case);
    procurement(case);
    invoices_and_medical(case);
}

fn coi(case: &mut Case) {
    // coi-relative-supplier: 王建国 and 王建军 are 长子 and 次子 of 王德福 → brothers.
    let father = case.people.named("王德福", true, d("1946-03-12"));
    let mother = case.people.named("李桂英", false, d("1949-08-02"));
    let jianguo = case.people.named("王建国", true, d("1972-05-20"));
    let jianjun = case.people.named("王建军", true, d("1975-11-03"));
    let t = case.expect("coi-relative-supplier", true,
        vec![("official", jianguo.id.clone()), ("relative", jianjun.id.clone())],
        "王建国(交通运输局副局长)之弟王建军(同户,户主王德福之次子)任青禾县建军路桥工程有限公司执行董事并持股60%,该公司2023-04-18与交通运输局签订合同816,000元".into(),
        "Wang Jianguo (deputy director, transport bureau) and Wang Jianjun are the 长子/次子 of one household head; Jianjun owns 60% of a road company contracted by the bureau on 2023-04-18 for 816,000".into());
    let r = appoint(
        case,
        &jianguo,
        IdForm::Text,
        JIAOTONG,
        "副局长",
        "2020-05-01",
        None,
    );
    case.cite(t, OFFICIALS, r);
    let rows = rec::household(
        case,
        &[
            (&father, "户主", IdForm::LegacyNumber),
            (&mother, "妻", IdForm::Legacy),
            (&jianguo, "长子", IdForm::Text),
            (&jianjun, "次子", IdForm::Text),
        ],
        "石门村",
    );
    cite_all(case, t, HOUSEHOLDS, &rows);
    let (road, rows) = company_with_owner(
        case,
        "青禾县建军路桥工程有限公司",
        &jianjun,
        60,
        "2016-04-11",
    );
    case.expects[t]
        .subjects
        .push(("company", road.uscc.clone()));
    cite_all(case, t, COMPANY_PEOPLE, &rows);
    let (no, r) = buy(
        case,
        Buy {
            unit: JIAOTONG,
            supplier: &road,
            item: "沥青混凝土",
            price: 680.0,
            qty: 1_200.0,
            date: "2023-04-18",
            project: "青禾县2023年农村公路提质改造工程(一标段)",
        },
    );
    case.expects[t].subjects.push(("contract", no));
    case.cite(t, CONTRACTS, r);

    // Near-miss: another 王建军 (different ID, unrelated) owns a company contracted by the same bureau.
    let namesake = case.people.named("王建军", true, d("1980-02-14"));
    let wife = case.people.random(false, 1980, 1984);
    let rows = rec::household(
        case,
        &[
            (&namesake, "户主", IdForm::Text),
            (&wife, "配偶", IdForm::Text),
        ],
        "柳塘村",
    );
    let (shop, prow) =
        company_with_owner(case, "青禾县建军商贸有限公司", &namesake, 100, "2019-06-30");
    let (no, r) = buy(
        case,
        Buy {
            unit: JIAOTONG,
            supplier: &shop,
            item: "办公桌椅",
            price: 1_300.0,
            qty: 36.0,
            date: "2023-10-09",
            project: "交通运输局办公家具采购",
        },
    );
    let t = case.expect("coi-relative-supplier", false,
        vec![("official", jianguo.id.clone()), ("namesake", namesake.id.clone()), ("company", shop.uscc.clone()), ("contract", no)],
        "同名不同人:另一个王建军(身份证号不同,与王建国无亲属关系)经营青禾县建军商贸有限公司,与交通运输局有合同".into(),
        "Same name, different person: another Wang Jianjun (different ID, not related) owns a shop contracted by the transport bureau".into());
    cite_all(case, t, HOUSEHOLDS, &rows);
    cite_all(case, t, COMPANY_PEOPLE, &prow);
    case.cite(t, CONTRACTS, r);

    // Near-miss: 李秀英 (民政局)'s husband's company is contracted by a different unit (教育局).
    let xiuying = case.people.named("李秀英", false, d("1978-09-09"));
    let guoping = case.people.named("周国平", true, d("1976-01-21"));
    let r0 = appoint(
        case,
        &xiuying,
        IdForm::Text,
        MINZHENG,
        "科员",
        "2016-09-01",
        None,
    );
    let rows = rec::household(
        case,
        &[
            (&guoping, "户主", IdForm::Text),
            (&xiuying, "妻", IdForm::Text),
        ],
        "桃花社区",
    );
    let (stationery, prow) =
        company_with_owner(case, "青禾县国平文具有限公司", &guoping, 100, "2014-03-03");
    let (no, r) = buy(
        case,
        Buy {
            unit: JIAOYU,
            supplier: &stationery,
            item: "A4复印纸",
            price: 26.0,
            qty: 1_500.0,
            date: "2024-03-12",
            project: "教育局2024年办公用纸采购",
        },
    );
    let t = case.expect("coi-relative-supplier", false,
        vec![("official", xiuying.id.clone()), ("relative", guoping.id.clone()), ("company", stationery.uscc.clone()), ("contract", no)],
        "李秀英(民政局)之夫周国平的文具公司只与教育局(非其本单位)签约".into(),
        "Li Xiuying (civil affairs) — her husband's company only contracts with the education bureau, not her unit".into());
    case.cite(t, OFFICIALS, r0);
    cite_all(case, t, HOUSEHOLDS, &rows);
    cite_all(case, t, COMPANY_PEOPLE, &prow);
    case.cite(t, CONTRACTS, r);

    // coi-self-supplier: 陈卫东 (人民医院) holds 30% of a supplier of the hospital.
    let weidong = case.people.named("陈卫东", true, d("1974-12-01"));
    let t = case.expect("coi-self-supplier", true, vec![("official", weidong.id.clone())],
        "陈卫东(人民医院设备科科长,2019-08-01起)持有青禾县康泰医疗器械有限公司30%股权(写作0.3),该公司2023-08-20与人民医院签订病床采购合同184,000元".into(),
        "Chen Weidong (hospital equipment head since 2019-08-01) holds 30% (written 0.3) of a supplier the hospital contracted on 2023-08-20 for 184,000".into());
    let r = appoint(
        case,
        &weidong,
        IdForm::Text,
        YIYUAN,
        "设备科科长",
        "2019-08-01",
        None,
    );
    case.cite(t, OFFICIALS, r);
    let legal = case.people.random(true, 1970, 1985);
    let kangtai = rec::new_company(
        case,
        "青禾县康泰医疗器械有限公司",
        legal.clone(),
        d("2017-05-18"),
        "91",
    );
    let r1 = rec::company_person(case, &kangtai, &legal, "执行董事", None);
    let r2 = rec::company_person(case, &kangtai, &legal, "股东", Some(70));
    let r3 = share_row(case, &kangtai, &weidong, "0.3");
    cite_all(case, t, COMPANY_PEOPLE, &[r1, r2, r3]);
    case.expects[t]
        .subjects
        .push(("company", kangtai.uscc.clone()));
    let (no, r) = buy(
        case,
        Buy {
            unit: YIYUAN,
            supplier: &kangtai,
            item: "病床",
            price: 4_600.0,
            qty: 40.0,
            date: "2023-08-20",
            project: "人民医院住院部病床更新",
        },
    );
    case.expects[t].subjects.push(("contract", no));
    case.cite(t, CONTRACTS, r);

    // Near-miss: 赵志刚's company was contracted by his unit before his tenure began.
    let zhigang = case.people.named("赵志刚", true, d("1979-07-07"));
    let r0 = appoint(
        case,
        &zhigang,
        IdForm::Text,
        NONGYE,
        "副局长",
        "2023-09-01",
        None,
    );
    let legal = case.people.random(true, 1970, 1985);
    let nongzi = rec::new_company(
        case,
        "青禾县志刚农资有限公司",
        legal.clone(),
        d("2015-02-09"),
        "91",
    );
    rec::company_person(case, &nongzi, &legal, "执行董事", None);
    rec::company_person(case, &nongzi, &legal, "股东", Some(75));
    let r1 = share_row(case, &nongzi, &zhigang, "25");
    let (no, r) = buy(
        case,
        Buy {
            unit: NONGYE,
            supplier: &nongzi,
            item: "化肥",
            price: 3_200.0,
            qty: 30.0,
            date: "2023-03-15",
            project: "农业农村局2023年春耕化肥采购",
        },
    );
    let t = case.expect("coi-self-supplier", false,
        vec![("official", zhigang.id.clone()), ("company", nongzi.uscc.clone()), ("contract", no)],
        "赵志刚持股25%的农资公司与农业农村局的合同签于2023-03-15,早于其2023-09-01任职".into(),
        "Zhao Zhigang's company (25%) was contracted by his bureau on 2023-03-15, before his tenure began on 2023-09-01".into());
    cite_all(case, t, OFFICIALS, &[r0]);
    cite_all(case, t, COMPANY_PEOPLE, &[r1]);
    case.cite(t, CONTRACTS, r);
}

/// A shareholder row with the ratio spelt exactly as given.
fn share_row(case: &mut Case, c: &Company, p: &Person, ratio: &str) -> usize {
    case.sheet(COMPANY_PEOPLE).push(vec![
        c.uscc.clone().into(),
        c.name.clone().into(),
        p.name.clone().into(),
        p.id.clone().into(),
        "股东".into(),
        ratio.into(),
    ])
}

/// Pays `program` to `p` on each date; returns the rows.
#[allow(clippy::too_many_arguments)] // one benefit line per argument reads best at the call sites
pub fn pay(
    case: &mut Case,
    program: &str,
    p: &Person,
    amount: f64,
    dates: &[NaiveDate],
    account: &str,
    holder: &str,
    village: &str,
) -> Vec<usize> {
    dates
        .iter()
        .map(|&date| {
            rec::benefit(
                case,
                BenefitLine {
                    program,
                    person: p,
                    form: IdForm::Text,
                    amount,
                    date,
                    account,
                    holder,
                    village,
                },
            )
        })
        .collect()
}

/// The 15th of each month `from..=to` of 2023.
pub fn monthly(from: u32, to: u32, day: u32) -> Vec<NaiveDate> {
    (from..=to)
        .filter_map(|m| NaiveDate::from_ymd_opt(2023, m, day))
        .collect()
}

fn benefits(case: &mut Case) {
    // benefit-official: a serving village cadre on 城乡低保.
    let yongfu = case.people.named("覃永福", true, d("1968-04-16"));
    let t = case.expect("benefit-official", true, vec![("official", yongfu.id.clone())],
        "覃永福(石门村村会计,2021-01-01起在任)2023年3—8月领取城乡低保每月620元".into(),
        "Qin Yongfu, serving village accountant, received 城乡低保 620/month from March to August 2023".into());
    let r = appoint(
        case,
        &yongfu,
        IdForm::Text,
        SHIMEN,
        "村会计",
        "2021-01-01",
        None,
    );
    case.cite(t, OFFICIALS, r);
    let acct = card(case, "62309");
    let rows = pay(
        case,
        "城乡低保",
        &yongfu,
        620.0,
        &monthly(3, 8, 15),
        &acct,
        "覃永福",
        "石门村",
    );
    cite_all(case, t, BENEFITS, &rows);
    // Near-misses: a namesake villager, and a cadre whose tenure ended in 2022.
    let namesake = case.people.named("覃永福", true, d("1956-10-30"));
    let acct = card(case, "62309");
    let rows = pay(
        case,
        "城乡低保",
        &namesake,
        620.0,
        &monthly(3, 8, 15),
        &acct,
        "覃永福",
        "石门村",
    );
    let t = case.expect(
        "benefit-official",
        false,
        vec![("namesake", namesake.id.clone())],
        "同名不同人:另一个覃永福(身份证号不同,非干部)领取城乡低保".into(),
        "A namesake of the cadre (different ID, not a cadre) receives 城乡低保".into(),
    );
    cite_all(case, t, BENEFITS, &rows);
    let cuihua = case.people.named("龙翠花", false, d("1966-02-02"));
    let r = appoint(
        case,
        &cuihua,
        IdForm::Text,
        LIUTANG,
        "妇女主任",
        "2018-01-01",
        Some("2022-12-31"),
    );
    let acct = card(case, "62309");
    let rows = pay(
        case,
        "城乡低保",
        &cuihua,
        580.0,
        &monthly(2, 7, 15),
        &acct,
        "龙翠花",
        "柳塘村",
    );
    let t = case.expect(
        "benefit-official",
        false,
        vec![("former_official", cuihua.id.clone())],
        "龙翠花2022-12-31已离任柳塘村妇女主任,2023年领取低保不在任期内".into(),
        "Long Cuihua left her cadre post on 2022-12-31; her 2023 低保 is outside her tenure".into(),
    );
    case.cite(t, OFFICIALS, r);
    cite_all(case, t, BENEFITS, &rows);

    // benefit-official-child.
    let zhiqiang = case.people.named("刘志强", true, d("1978-06-06"));
    let wife = case.people.random(false, 1979, 1982);
    let xinyi = case.people.named("刘欣怡", false, d("2007-09-01"));
    let t = case.expect(
        "benefit-official-child",
        true,
        vec![
            ("official", zhiqiang.id.clone()),
            ("child", xinyi.id.clone()),
        ],
        "刘志强(教育局股长,在任)之女刘欣怡领取普高助学金(2023-10-20、2024-04-18各1,000元)".into(),
        "The daughter of Liu Zhiqiang (serving, education bureau) received 普高助学金 twice".into(),
    );
    let r = appoint(
        case,
        &zhiqiang,
        IdForm::Text,
        JIAOYU,
        "股长",
        "2015-07-01",
        None,
    );
    case.cite(t, OFFICIALS, r);
    let rows = rec::household(
        case,
        &[
            (&zhiqiang, "户主", IdForm::Text),
            (&wife, "配偶", IdForm::Text),
            (&xinyi, "女", IdForm::Text),
        ],
        "桃花社区",
    );
    cite_all(case, t, HOUSEHOLDS, &rows);
    let acct = card(case, "62309");
    let rows = pay(
        case,
        "普高助学金",
        &xinyi,
        1_000.0,
        &[d("2023-10-20"), d("2024-04-18")],
        &acct,
        "刘欣怡",
        "桃花社区",
    );
    cite_all(case, t, BENEFITS, &rows);
    let deming = case.people.named("邹德明", true, d("1970-03-03"));
    let wife = case.people.random(false, 1971, 1974);
    let wenjie = case.people.named("邹文杰", true, d("2007-05-05"));
    let t = case.expect(
        "benefit-official-child",
        false,
        vec![
            ("former_official", deming.id.clone()),
            ("child", wenjie.id.clone()),
        ],
        "邹德明2022-06-30已离任,其长子邹文杰2023-10-20领取普高助学金时其不在任".into(),
        "Zou Deming left office on 2022-06-30; his son's 普高助学金 of 2023-10-20 is after".into(),
    );
    let r = appoint(
        case,
        &deming,
        IdForm::Text,
        NONGYE,
        "科员",
        "2008-03-01",
        Some("2022-06-30"),
    );
    case.cite(t, OFFICIALS, r);
    let rows = rec::household(
        case,
        &[
            (&deming, "户主", IdForm::Text),
            (&wife, "妻", IdForm::Text),
            (&wenjie, "长子", IdForm::Text),
        ],
        "柳塘村",
    );
    cite_all(case, t, HOUSEHOLDS, &rows);
    let acct = card(case, "62309");
    let rows = pay(
        case,
        "普高助学金",
        &wenjie,
        1_000.0,
        &[d("2023-10-20")],
        &acct,
        "邹文杰",
        "柳塘村",
    );
    cite_all(case, t, BENEFITS, &rows);

    // benefit-exclusive.
    let qiuju = case.people.named("黎秋菊", false, d("1970-10-10"));
    let acct = card(case, "62309");
    let t = case.expect(
        "benefit-exclusive",
        true,
        vec![("person", qiuju.id.clone())],
        "黎秋菊2023年9月、10月同时领取城乡低保与公益性岗位补贴".into(),
        "Li Qiuju received 城乡低保 and 公益性岗位补贴 in September and October 2023".into(),
    );
    let mut rows = pay(
        case,
        "城乡低保",
        &qiuju,
        580.0,
        &monthly(7, 12, 15),
        &acct,
        "黎秋菊",
        "柳塘村",
    );
    rows.extend(pay(
        case,
        "公益性岗位补贴",
        &qiuju,
        1_500.0,
        &[d("2023-09-25"), d("2023-10-25")],
        &acct,
        "黎秋菊",
        "柳塘村",
    ));
    cite_all(case, t, BENEFITS, &rows);
    let xiaoyan = case.people.named("莫小燕", false, d("1975-01-25"));
    let acct = card(case, "62309");
    let t = case.expect(
        "benefit-exclusive",
        false,
        vec![("person", xiaoyan.id.clone())],
        "莫小燕1—6月领低保、7—9月领公益性岗位补贴,月份不重叠".into(),
        "Mo Xiaoyan: 低保 January–June, 公益性岗位补贴 July–September — never the same month"
            .into(),
    );
    let mut rows = pay(
        case,
        "城乡低保",
        &xiaoyan,
        580.0,
        &monthly(1, 6, 15),
        &acct,
        "莫小燕",
        "石门村",
    );
    rows.extend(pay(
        case,
        "公益性岗位补贴",
        &xiaoyan,
        1_500.0,
        &monthly(7, 9, 25),
        &acct,
        "莫小燕",
        "石门村",
    ));
    cite_all(case, t, BENEFITS, &rows);

    // benefit-deceased.
    let fusheng = case.people.named("陶福生", true, d("1941-07-19"));
    let acct = card(case, "62309");
    let t = case.expect(
        "benefit-deceased",
        true,
        vec![("person", fusheng.id.clone())],
        "陶福生2023-05-17死亡,2023-08-15(死亡后90天)仍发放城乡低保".into(),
        "Tao Fusheng died on 2023-05-17 and was paid 城乡低保 on 2023-08-15, 90 days later".into(),
    );
    let r = rec::death(case, &fusheng, IdForm::Text, d("2023-05-17"));
    case.cite(t, DEATHS, r);
    let rows = pay(
        case,
        "城乡低保",
        &fusheng,
        620.0,
        &[d("2023-04-15"), d("2023-05-15"), d("2023-08-15")],
        &acct,
        "陶福生",
        "石门村",
    );
    cite_all(case, t, BENEFITS, &rows);
    let xiuzhen = case.people.named("江秀珍", false, d("1939-12-24"));
    let acct = card(case, "62309");
    let t = case.expect("benefit-deceased", false, vec![("person", xiuzhen.id.clone())],
        "江秀珍2023-06-20死亡,最后一笔低保2023-07-15(死亡后25天,未超30天)".into(),
        "Jiang Xiuzhen died on 2023-06-20; her last payment on 2023-07-15 is 25 days later, within 30".into());
    let r = rec::death(case, &xiuzhen, IdForm::Text, d("2023-06-20"));
    case.cite(t, DEATHS, r);
    let rows = pay(
        case,
        "城乡低保",
        &xiuzhen,
        580.0,
        &[d("2023-05-15"), d("2023-06-15"), d("2023-07-15")],
        &acct,
        "江秀珍",
        "柳塘村",
    );
    cite_all(case, t, BENEFITS, &rows);

    // benefit-proxy: 张桂兰's relief paid into the card of cadre 周海涛.
    let guilan = case.people.named("张桂兰", false, d("1952-04-04"));
    let haitao = case.people.named("周海涛", true, d("1971-08-18"));
    let r0 = appoint(
        case,
        &haitao,
        IdForm::Text,
        LIUTANG,
        "村委委员",
        "2017-01-01",
        None,
    );
    let haitao_card = card(case, "62309");
    let t = case.expect("benefit-proxy", true, vec![("beneficiary", guilan.id.clone()), ("receiver", haitao.id.clone())],
        "张桂兰的冬春救助金800元(2024-01-20)打入村委委员周海涛名下账户".into(),
        "Zhang Guilan's 800 of winter relief (2024-01-20) went to an account held by village cadre Zhou Haitao".into());
    case.cite(t, OFFICIALS, r0);
    let rows = pay(
        case,
        "冬春救助金",
        &guilan,
        800.0,
        &[d("2024-01-20")],
        &haitao_card,
        "周海涛",
        "柳塘村",
    );
    cite_all(case, t, BENEFITS, &rows);
    let guihua = case.people.named("张桂花", false, d("1955-05-05"));
    let acct = card(case, "62309");
    let rows = pay(
        case,
        "冬春救助金",
        &guihua,
        800.0,
        &[d("2024-01-20")],
        &acct,
        "张\u{00A0}桂花",
        "柳塘村",
    );
    let t = case.expect("benefit-proxy", false, vec![("beneficiary", guihua.id.clone())],
        "张桂花的户名写作“张 桂花”(中间为不间断空格),规范化后即本人".into(),
        "Zhang Guihua's account holder is written with a non-breaking space inside the name; after normalisation it is herself".into());
    cite_all(case, t, BENEFITS, &rows);
}

fn salaries_and_lists(case: &mut Case) {
    // duplicate-salary plant and namesake near-miss; salary rows themselves come from background.
    let lixin = case.people.named("钟立新", true, d("1983-03-30"));
    let t = case.expect(
        "duplicate-salary",
        true,
        vec![("person", lixin.id.clone())],
        "钟立新(教育局科员)2023年6月、7月同时由教育局和人民医院发放工资".into(),
        "Zhong Lixin (education bureau) was also paid by the hospital in June and July 2023".into(),
    );
    let r = appoint(
        case,
        &lixin,
        IdForm::Text,
        JIAOYU,
        "科员",
        "2012-09-01",
        None,
    );
    case.cite(t, OFFICIALS, r);
    let a = case.people.named("蔡文华", true, d("1985-01-11"));
    let b = case.people.named("蔡文华", true, d("1990-06-21"));
    let ra = appoint(case, &a, IdForm::Text, JIAOYU, "科员", "2013-09-01", None);
    let rb = appoint(case, &b, IdForm::Text, YIYUAN, "护士长", "2014-07-01", None);
    let t = case.expect(
        "duplicate-salary",
        false,
        vec![("person", a.id.clone()), ("namesake", b.id.clone())],
        "两个蔡文华(身份证号不同)分别在教育局和人民医院领工资".into(),
        "Two different people named Cai Wenhua, paid by the education bureau and by the hospital"
            .into(),
    );
    cite_all(case, t, OFFICIALS, &[ra, rb]);

    // supplier-follows-official's mover, and duplicate-salary's second near-miss.
    let zhiming = case.people.named("黄志明", true, d("1976-12-12"));
    let r1 = appoint(
        case,
        &zhiming,
        IdForm::Text,
        JIAOTONG,
        "规划科科长",
        "2019-03-01",
        Some("2023-06-30"),
    );
    let r2 = appoint(
        case,
        &zhiming,
        IdForm::Text,
        SHUILI,
        "副局长",
        "2023-07-01",
        None,
    );
    let t = case.expect(
        "duplicate-salary",
        false,
        vec![("person", zhiming.id.clone())],
        "黄志明2023-07-01由交通运输局调任水利局,1—6月与7—12月工资分别由两单位发放,同月不重复"
            .into(),
        "Huang Zhiming moved on 2023-07-01; each unit paid him for its own months only".into(),
    );
    cite_all(case, t, OFFICIALS, &[r1, r2]);

    // list-match: an official on the drink-driving list (ID written with lowercase x).
    let guodong = case.people.named_with_x("唐国栋", true, d("1973-02-17"));
    let t = case.expect("list-match", true, vec![("official", guodong.id.clone())],
        "城投公司副总经理唐国栋在酒驾名单中(名单中身份证号末位为小写x)".into(),
        "Tang Guodong, deputy manager of the state-owned investment company, is on the drink-driving list (lowercase x)".into());
    let r = appoint(
        case,
        &guodong,
        IdForm::Text,
        CHENGTOU,
        "副总经理",
        "2018-05-01",
        None,
    );
    case.cite(t, OFFICIALS, r);
    let r = drunk_row(
        case,
        &guodong,
        IdForm::Lowercase,
        "2023-11-04 22:40",
        "青禾县迎宾路",
        "86",
        "醉驾,移送起诉",
    );
    case.cite(t, DRUNK_LIST, r);
    let namesake = case.people.named("黄志明", true, d("1988-08-08"));
    let r = drunk_row(
        case,
        &namesake,
        IdForm::Text,
        "2023-07-19 23:15",
        "青禾县滨江路",
        "45",
        "罚款2000元,暂扣驾照6个月",
    );
    let t = case.expect(
        "list-match",
        false,
        vec![
            ("namesake", namesake.id.clone()),
            ("official", zhiming.id.clone()),
        ],
        "酒驾名单中的黄志明与水利局副局长黄志明同名,但身份证号不同".into(),
        "The Huang Zhiming on the list has a different ID from the official of that name".into(),
    );
    case.cite(t, DRUNK_LIST, r);
    for _ in 0..12 {
        let p = case.people.random(true, 1965, 2000);
        drunk_row(
            case,
            &p,
            IdForm::Text,
            "2023-05-01 21:10",
            "青禾县人民路",
            "32",
            "罚款1500元,暂扣驾照6个月",
        );
    }
    case.sheet(DRUNK_LIST)
        .footer(vec!["制表:青禾县公安局交警大队".into()]);
}

fn drunk_row(
    case: &mut Case,
    p: &Person,
    form: IdForm,
    when: &str,
    place: &str,
    level: &str,
    result: &str,
) -> usize {
    let sheet = case.sheet(DRUNK_LIST);
    let k = sheet.rows.len();
    sheet.push(vec![
        Cell::Num((k + 1) as f64),
        p.name.clone().into(),
        if p.male { "男" } else { "女" }.into(),
        rec::id_cell(p, form),
        when.into(),
        place.into(),
        level.into(),
        result.into(),
    ])
}

fn procurement(case: &mut Case) {
    crate::plants_procurement::all(case);
}

fn invoices_and_medical(case: &mut Case) {
    let renhe = crate::plants_procurement::find_company(case, "青禾县仁和医疗用品有限公司");
    let qiming = crate::plants_procurement::find_company(case, "青禾县启明教学设备有限公司");
    let weijian = case.unit(WEIJIAN);
    let jiaoyu = case.unit(JIAOYU);
    let t = case.expect("sequential-invoices", true, vec![("seller", renhe.uscc.clone()), ("buyer", weijian.uscc.clone())],
        "仁和医疗向卫健局开具发票代码043002300211、号码03516781—03516783三张连号发票".into(),
        "Three consecutive invoices 03516781–03516783 (code 043002300211) from Renhe to the health bureau".into());
    for n in 3_516_781..=3_516_783 {
        let r = rec::invoice(
            case,
            InvoiceLine {
                code: "043002300211",
                number: n,
                date: d("2023-07-20"),
                seller: (&renhe).into(),
                buyer: (&weijian).into(),
                goods: "医用防护服",
                amount: 65_000.0,
            },
        );
        case.cite(t, INVOICES, r);
    }
    let t = case.expect(
        "sequential-invoices",
        false,
        vec![
            ("seller", qiming.uscc.clone()),
            ("buyer", jiaoyu.uscc.clone()),
        ],
        "启明教学向教育局开具的三张发票号码03620410、03620412、03620415有间隔".into(),
        "Qiming's three invoices to the education bureau are numbered with gaps".into(),
    );
    for n in [3_620_410, 3_620_412, 3_620_415] {
        let r = rec::invoice(
            case,
            InvoiceLine {
                code: "043002300211",
                number: n,
                date: d("2023-08-16"),
                seller: (&qiming).into(),
                buyer: (&jiaoyu).into(),
                goods: "教学一体机",
                amount: 42_000.0,
            },
        );
        case.cite(t, INVOICES, r);
    }

    // medical-frequency: 27 distinct dates versus 24.
    for (name, dates, planted) in [("甘淑珍", 27u32, true), ("卢桂英", 24, false)] {
        let p = case.people.named(name, false, d("1950-03-08"));
        let (zh, en) = if planted {
            (
                "甘淑珍2023年在27个不同日期报销就诊(超过24)".to_string(),
                "Gan Shuzhen: reimbursed visits on 27 distinct dates in 2023 (more than 24)"
                    .to_string(),
            )
        } else {
            (
                "卢桂英2023年报销就诊日期恰为24个(不超过24)".to_string(),
                "Lu Guiying: exactly 24 distinct dates in 2023 (not more than 24)".to_string(),
            )
        };
        let t = case.expect(
            "medical-frequency",
            planted,
            vec![("person", p.id.clone())],
            zh,
            en,
        );
        for i in 0..dates {
            let day = d("2023-01-04") + chrono::Days::new((i * 13) as u64);
            let paid = 60.0 + (i * 7 % 50) as f64 + 0.5;
            let r = rec::medical(case, &p, day, "青禾县中医医院", paid);
            case.cite(t, MEDICAL, r);
        }
    }
}
