//! Money-flow plants and their near-misses: pass-through, structuring, kickback flow,
//! round in-out, scatter-gather, fund loop and festival gifts.
//!
//! Each plant gets its own accounts so that one plant can never trigger another model;
//! the accounts also carry everyday noise from `bank::noise`.

use crate::bank::{
    self, at, Flags, Layout, Party, Statement, Txn, C_D, JIE_DAI, JIN_CHU, ONE, SHOU_FU,
};
use crate::case::{Case, Company};
use crate::files::*;
use crate::people::{d, Person};
use crate::plants::{appoint, buy, card, Buy};
use crate::records::{self as rec, IdForm};
use crate::units::*;

const PLATFORM: Layout = Layout::Platform(JIN_CHU, false);

fn statement(case: &mut Case, p: &Person, layout: Layout, bank: &'static str) -> usize {
    let account = card(case, "62305");
    let st = Statement {
        holder: p.name.clone(),
        holder_id: p.id.clone(),
        account,
        is_card: true,
        bank,
        layout,
        txns: Vec::new(),
        garbage_row: false,
        duplicate_row: false,
    };
    case.statements.push(st);
    let idx = case.statements.len() - 1;
    add_noise(case, idx, 36);
    idx
}

fn company_statement(case: &mut Case, c: &Company) -> usize {
    case.statements.push(Statement {
        holder: c.name.clone(),
        holder_id: c.uscc.clone(),
        account: c.account.clone(),
        is_card: false,
        bank: c.bank,
        layout: PLATFORM,
        txns: Vec::new(),
        garbage_row: false,
        duplicate_row: false,
    });
    let idx = case.statements.len() - 1;
    add_noise(case, idx, 20);
    idx
}

pub fn add_noise(case: &mut Case, idx: usize, n: usize) {
    let Case {
        people,
        rng,
        statements,
        ..
    } = case;
    let mut k = 0u32;
    let mut names = || {
        k += 1;
        people.random_name(k.is_multiple_of(2))
    };
    let txns = bank::noise(rng, &mut names, d("2023-01-01"), 540, n);
    statements[idx].txns.extend(txns);
}

/// A stranger's account on the other side of a transaction.
fn stranger(case: &mut Case) -> Party {
    let male = case.rng.chance(50);
    let name = case.people.random_name(male);
    Party {
        name,
        account: card(case, "62170"),
        id: String::new(),
        bank: "中国建设银行".into(),
    }
}

/// Adds one transfer between two statements' accounts, seen from both sides where present.
fn transfer(
    case: &mut Case,
    from: Party,
    to: Party,
    amount: f64,
    time: chrono::NaiveDateTime,
    tag: usize,
    sides: (Option<usize>, Option<usize>),
) {
    if let Some(s) = sides.0 {
        case.statements[s].txns.push(Txn {
            time,
            amount,
            inflow: false,
            party: to,
            summary: "转账",
            cash: false,
            tag: Some(tag),
        });
    }
    if let Some(s) = sides.1 {
        case.statements[s].txns.push(Txn {
            time,
            amount,
            inflow: true,
            party: from,
            summary: "转账",
            cash: false,
            tag: Some(tag),
        });
    }
}

/// Money in from a stranger (or out to one) on statement `s`.
fn with_stranger(
    case: &mut Case,
    s: usize,
    inflow: bool,
    amount: f64,
    time: chrono::NaiveDateTime,
    tag: usize,
) {
    let party = stranger(case);
    case.statements[s].txns.push(Txn {
        time,
        amount,
        inflow,
        party,
        summary: if inflow {
            "转账存入"
        } else {
            "转账支取"
        },
        cash: false,
        tag: Some(tag),
    });
}

fn subject(case: &Case, s: usize) -> (&'static str, String) {
    ("account", case.statements[s].account.clone())
}

pub fn all(case: &mut Case) {
    pass_through(case);
    structuring(case);
    round_in_out(case);
    scatter_gather(case);
    kickback(case);
    festival(case);
    fund_loop(case);
    background_accounts(case);
}

fn pass_through(case: &mut Case) {
    for (name, planted, pairs) in [
        (
            "孙立平",
            true,
            [
                ("2023-03-06", 80_000.0, 76_000.0),
                ("2023-04-11", 120_000.0, 112_000.0),
            ],
        ),
        (
            "钱玉梅",
            false,
            [
                ("2023-03-08", 60_000.0, 42_000.0),
                ("2023-05-09", 60_000.0, 42_000.0),
            ],
        ),
    ] {
        let p = case.people.named(name, planted, d("1985-05-15"));
        let s = statement(case, &p, PLATFORM, "中国建设银行");
        let (zh, en) = if planted {
            ("孙立平账户两次收到5万元以上资金后当日转出95%/93%(2023-03-06收80,000转76,000;2023-04-11收120,000转112,000)", "Sun Liping twice received over 50,000 and sent 95%/93% of it on within hours")
        } else {
            (
                "钱玉梅两次收60,000元后只转出42,000元(70%)",
                "Qian Yumei twice received 60,000 and forwarded only 70%",
            )
        };
        let t = case.expect(
            "pass-through",
            planted,
            vec![("person", p.id.clone()), subject(case, s)],
            zh.into(),
            en.into(),
        );
        for (day, inn, out) in pairs {
            with_stranger(case, s, true, inn, at(d(day), 9, 12), t);
            with_stranger(case, s, false, out, at(d(day), 14, 35), t);
        }
    }
}

fn cash_deposit(case: &mut Case, s: usize, amount: f64, day: &str, tag: usize) {
    let party = Party {
        name: "现金".into(),
        account: String::new(),
        id: String::new(),
        bank: String::new(),
    };
    case.statements[s].txns.push(Txn {
        time: at(d(day), 10, 5),
        amount,
        inflow: true,
        party,
        summary: "现金存入",
        cash: true,
        tag: Some(tag),
    });
}

fn structuring(case: &mut Case) {
    for (name, planted, deposits) in [
        (
            "罗建新",
            true,
            [
                (46_000.0, "2023-05-08"),
                (48_500.0, "2023-05-10"),
                (49_900.0, "2023-05-12"),
            ],
        ),
        (
            "谢文",
            false,
            [
                (44_800.0, "2023-06-05"),
                (44_900.0, "2023-06-07"),
                (44_500.0, "2023-06-09"),
            ],
        ),
    ] {
        let p = case.people.named(name, true, d("1979-09-19"));
        let s = statement(case, &p, PLATFORM, "中国农业银行");
        let (zh, en) = if planted {
            (
                "罗建新5天内3次现金存入46,000、48,500、49,900元(均在申报标准5万元的90%—100%之间)",
                "Luo Jianxin made three cash deposits of 46,000–49,900 within five days",
            )
        } else {
            (
                "谢文3次现金存入44,800、44,900、44,500元,均低于45,000元(90%)",
                "Xie Wen's three deposits are all just under 45,000 (90% of the threshold)",
            )
        };
        let t = case.expect(
            "structuring",
            planted,
            vec![("person", p.id.clone()), subject(case, s)],
            zh.into(),
            en.into(),
        );
        for (amount, day) in deposits {
            cash_deposit(case, s, amount, day, t);
        }
    }
}

fn round_in_out(case: &mut Case) {
    for (name, planted, day, inn, out) in [
        ("邓国华", true, "2023-06-15", 300_000.0, 250_000.0),
        ("韩冬梅", false, "2023-06-20", 190_000.0, 190_000.0),
    ] {
        let p = case.people.named(name, planted, d("1976-06-16"));
        let s = statement(case, &p, PLATFORM, "中国工商银行");
        let (zh, en) = if planted {
            (
                "邓国华2023-06-15当日收入300,000元、转出250,000元,均为万元整数倍且不低于20万元",
                "Deng Guohua received 300,000 and sent 250,000 on one day, both round",
            )
        } else {
            (
                "韩冬梅当日收支190,000元,整数但低于20万元",
                "Han Dongmei moved 190,000 in and out on one day: round but below 200,000",
            )
        };
        let t = case.expect(
            "round-in-out",
            planted,
            vec![("person", p.id.clone()), subject(case, s)],
            zh.into(),
            en.into(),
        );
        with_stranger(case, s, true, inn, at(d(day), 10, 2), t);
        with_stranger(case, s, false, out, at(d(day), 15, 30), t);
    }
}

fn scatter_gather(case: &mut Case) {
    let p = case.people.named("唐晓峰", true, d("1982-02-22"));
    let s = statement(case, &p, PLATFORM, "中国银行");
    let t = case.expect("scatter-gather", true, vec![("person", p.id.clone()), subject(case, s)],
        "唐晓峰2023-08-01至08-04从5个不同账户收入210,500元,08-05向同一账户转出196,000元(93.1%)".into(),
        "Tang Xiaofeng received 210,500 from five accounts in four days and sent 93.1% to one account on day five".into());
    for (i, amount) in [42_000.0, 43_500.0, 38_000.0, 44_000.0, 43_000.0]
        .into_iter()
        .enumerate()
    {
        with_stranger(
            case,
            s,
            true,
            amount,
            at(
                d("2023-08-01") + chrono::Days::new(i as u64 * 3 / 4),
                9 + i as u32,
                20,
            ),
            t,
        );
    }
    with_stranger(case, s, false, 196_000.0, at(d("2023-08-05"), 11, 11), t);
    let p = case.people.named("曹丽", false, d("1984-04-24"));
    let s = statement(case, &p, PLATFORM, "中国银行");
    let t = case.expect("scatter-gather", false, vec![("person", p.id.clone()), subject(case, s)],
        "曹丽4天内从4个(不足5个)账户分8笔收入222,000元,再转出205,000元给同一账户".into(),
        "Cao Li received 222,000 from only four accounts (eight transfers) and sent 205,000 to one account".into());
    let sources: Vec<Party> = (0..4).map(|_| stranger(case)).collect();
    let amounts = [
        28_000.0, 27_500.0, 26_800.0, 29_200.0, 27_900.0, 26_600.0, 28_300.0, 27_700.0,
    ];
    for (i, amount) in amounts.into_iter().enumerate() {
        let time = at(
            d("2023-09-04") + chrono::Days::new(i as u64 / 2),
            9 + i as u32,
            40,
        );
        case.statements[s].txns.push(Txn {
            time,
            amount,
            inflow: true,
            party: sources[i % 4].clone(),
            summary: "转账存入",
            cash: false,
            tag: Some(t),
        });
    }
    with_stranger(case, s, false, 205_000.0, at(d("2023-09-08"), 16, 16), t);
}

/// An official with a household (head, wife, eldest son); returns (official, son, wife).
fn family_official(
    case: &mut Case,
    names: [&str; 3],
    unit: &'static str,
    position: &str,
    start: &str,
    t: usize,
) -> (Person, Person, Person) {
    let official = case.people.named(names[0], true, d("1968-01-08"));
    let wife = case.people.named(names[1], false, d("1970-03-18"));
    let son = case.people.named(names[2], true, d("1996-07-27"));
    let r = appoint(case, &official, IdForm::Text, unit, position, start, None);
    case.cite(t, OFFICIALS, r);
    let rows = rec::household(
        case,
        &[
            (&official, "户主", IdForm::Text),
            (&wife, "妻", IdForm::Text),
            (&son, "长子", IdForm::Text),
        ],
        "桃花社区",
    );
    for r in rows {
        case.cite(t, HOUSEHOLDS, r);
    }
    (official, son, wife)
}

fn kickback(case: &mut Case) {
    let t = case.expect("kickback-flow", true, vec![],
        "润泽水利2023-05-20与水利局签约340,000元;2023-08-08向冯小军转账200,000元,冯小军2023-08-11转180,000元给水利局局长何振华之子何俊(合同后83天,经1个中间账户)".into(),
        "Runze signed with the water bureau on 2023-05-20; 80 days later 200,000 went to Feng Xiaojun, who sent 180,000 three days later to the director's son He Jun".into());
    let (official, son, _) = family_official(
        case,
        ["何振华", "邓丽君", "何俊"],
        SHUILI,
        "局长",
        "2018-01-01",
        t,
    );
    let legal = case.people.random(true, 1970, 1985);
    let runze = rec::new_company(
        case,
        "青禾县润泽水利工程有限公司",
        legal.clone(),
        d("2014-08-18"),
        "91",
    );
    rec::company_person(case, &runze, &legal, "执行董事", None);
    rec::company_person(case, &runze, &legal, "股东", Some(100));
    let (no, r) = buy(
        case,
        Buy {
            unit: SHUILI,
            supplier: &runze,
            item: "防渗管材",
            price: 85.0,
            qty: 4_000.0,
            date: "2023-05-20",
            project: "灌区渠道防渗改造",
        },
    );
    case.cite(t, CONTRACTS, r);
    let middle_p = case.people.named("冯小军", true, d("1981-10-01"));
    let cs = company_statement(case, &runze);
    let ms = statement(case, &middle_p, PLATFORM, "中国邮政储蓄银行");
    let ss = statement(case, &son, Layout::Split, "青禾农村商业银行");
    let (cp, mp, sp) = (
        case.statements[cs].party(),
        case.statements[ms].party(),
        case.statements[ss].party(),
    );
    transfer(
        case,
        cp,
        mp.clone(),
        200_000.0,
        at(d("2023-08-08"), 10, 30),
        t,
        (Some(cs), Some(ms)),
    );
    transfer(
        case,
        mp.clone(),
        sp,
        180_000.0,
        at(d("2023-08-11"), 9, 45),
        t,
        (Some(ms), Some(ss)),
    );
    case.expects[t].subjects = vec![
        ("official", official.id),
        ("relative", son.id),
        ("company", runze.uscc),
        ("contract", no),
        ("intermediate", mp.account),
    ];

    let t = case.expect("kickback-flow", false, vec![],
        "书香印务2022-12-05与教育局签约;2023-08-15(合同后253天,超过180天)经许文斌转140,000元给副局长郑宏伟之妻苏婉清".into(),
        "Shuxiang's money reached the deputy director's wife through one account 253 days after its contract (beyond 180)".into());
    let (official, _, wife) = family_official(
        case,
        ["郑宏伟", "苏婉清", "郑浩然"],
        JIAOYU,
        "副局长",
        "2017-03-01",
        t,
    );
    let legal = case.people.random(true, 1970, 1985);
    let shuxiang = rec::new_company(
        case,
        "青禾县书香印务有限公司",
        legal.clone(),
        d("2010-10-10"),
        "91",
    );
    rec::company_person(case, &shuxiang, &legal, "执行董事", None);
    rec::company_person(case, &shuxiang, &legal, "股东", Some(100));
    let (no, r) = buy(
        case,
        Buy {
            unit: JIAOYU,
            supplier: &shuxiang,
            item: "教辅资料印刷",
            price: 88_000.0,
            qty: 1.0,
            date: "2022-12-05",
            project: "2023年春季教辅资料印刷",
        },
    );
    case.cite(t, CONTRACTS, r);
    let middle_p = case.people.named("许文斌", true, d("1983-11-11"));
    let cs = company_statement(case, &shuxiang);
    let ms = statement(case, &middle_p, PLATFORM, "中国邮政储蓄银行");
    let ws = statement(case, &wife, PLATFORM, "中国建设银行");
    let (cp, mp, wp) = (
        case.statements[cs].party(),
        case.statements[ms].party(),
        case.statements[ws].party(),
    );
    transfer(
        case,
        cp,
        mp.clone(),
        150_000.0,
        at(d("2023-08-15"), 10, 30),
        t,
        (Some(cs), Some(ms)),
    );
    transfer(
        case,
        mp.clone(),
        wp,
        140_000.0,
        at(d("2023-08-18"), 9, 45),
        t,
        (Some(ms), Some(ws)),
    );
    case.expects[t].subjects = vec![
        ("official", official.id),
        ("relative", wife.id),
        ("company", shuxiang.uscc),
        ("contract", no),
        ("intermediate", mp.account),
    ];
}

fn festival(case: &mut Case) {
    let cases = [
        (
            "彭志勇",
            WEIJIAN,
            "2019-04-01",
            "田瑞康",
            "青禾县瑞康药业有限公司",
            "药品配送",
            45_000.0,
            "2022-11-15",
            "2024-02-07",
            true,
        ),
        (
            "蒋红",
            MINZHENG,
            "2018-06-01",
            "严嘉禾",
            "青禾县嘉禾粮油有限公司",
            "大米",
            66_000.0,
            "2022-12-20",
            "2023-09-22",
            false,
        ),
    ];
    for (
        official_name,
        unit,
        start,
        boss_name,
        company_name,
        item,
        value,
        signed,
        gift_day,
        planted,
    ) in cases
    {
        let official = case.people.named(official_name, planted, d("1975-09-09"));
        let boss = case.people.named(boss_name, true, d("1972-12-12"));
        let (zh, en) = if planted {
            ("彭志勇(卫健局副局长)2024-02-07(春节2024-02-10前3天)收到供应商瑞康药业法定代表人田瑞康转账8,000元", "Peng Zhiyong received 8,000 from the legal representative of a supplier of his bureau on 2024-02-07, three days before Spring Festival")
        } else {
            ("蒋红(民政局科长)2023-09-22收到供应商法定代表人严嘉禾8,000元,在中秋节(2023-09-29)前7天,超出5天窗口", "Jiang Hong received 8,000 from a supplier's legal representative seven days before Mid-Autumn, outside the 5-day window")
        };
        let t = case.expect("festival-gifts", planted, vec![], zh.into(), en.into());
        let r = appoint(
            case,
            &official,
            IdForm::Text,
            unit,
            if planted { "副局长" } else { "科长" },
            start,
            None,
        );
        case.cite(t, OFFICIALS, r);
        let company = rec::new_company(case, company_name, boss.clone(), d("2012-02-02"), "91");
        let r1 = rec::company_person(case, &company, &boss, "执行董事", None);
        let r2 = rec::company_person(case, &company, &boss, "股东", Some(100));
        case.cite(t, COMPANY_PEOPLE, r1);
        case.cite(t, COMPANY_PEOPLE, r2);
        let (no, r) = buy(
            case,
            Buy {
                unit,
                supplier: &company,
                item,
                price: if item == "大米" { 5.5 } else { value },
                qty: if item == "大米" { 12_000.0 } else { 1.0 },
                date: signed,
                project: "物资采购",
            },
        );
        case.cite(t, CONTRACTS, r);
        let os = statement(case, &official, PLATFORM, "中国建设银行");
        let boss_party = Party {
            name: boss.name.clone(),
            account: card(case, "62284"),
            id: boss.id.clone(),
            bank: "中国农业银行".into(),
        };
        let op = case.statements[os].party();
        transfer(
            case,
            boss_party.clone(),
            op.clone(),
            8_000.0,
            at(d(gift_day), 20, 15),
            t,
            (None, Some(os)),
        );
        case.expects[t].subjects = vec![
            ("official", official.id),
            ("giver", boss.id),
            ("company", company.uscc),
            ("contract", no),
            ("account", op.account),
        ];
    }
}

/// (names, direction flags of their banks, first day, amount returned, planted?)
type LoopPlant = ([&'static str; 3], [Flags; 3], &'static str, f64, bool);

fn fund_loop(case: &mut Case) {
    let sets: [LoopPlant; 2] = [
        (
            ["林志远", "马晓东", "聂红"],
            [JIE_DAI, C_D, ONE],
            "2023-09-01",
            60_000.0,
            true,
        ),
        (
            ["柯文", "梁超", "倪芳"],
            [JIE_DAI, JIE_DAI, C_D],
            "2023-10-02",
            40_000.0,
            false,
        ),
    ];
    for (names, flags, start, back, planted) in sets {
        let (zh, en) = if planted {
            ("林志远2023-09-01转100,000元给马晓东,马晓东09-04转95,000元给聂红,聂红09-08转60,000元回林志远(回流60%)", "Lin Zhiyuan → Ma Xiaodong → Nie Hong → Lin Zhiyuan within a week; 60% came back")
        } else {
            (
                "柯文→梁超→倪芳→柯文,只回流40,000元(40%),低于50%",
                "Ke Wen → Liang Chao → Ni Fang → Ke Wen, but only 40% came back",
            )
        };
        let t = case.expect("fund-loop", planted, vec![], zh.into(), en.into());
        let mut ss = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let p = case.people.named(name, i != 2, d("1980-01-30"));
            let s = statement(
                case,
                &p,
                Layout::Bank38(flags[i]),
                ["中国工商银行", "中国银行", "交通银行"][i],
            );
            ss.push(s);
        }
        if !planted {
            case.statements[ss[2]].garbage_row = true;
        }
        let parties: Vec<Party> = ss.iter().map(|&s| case.statements[s].party()).collect();
        let day0 = d(start);
        transfer(
            case,
            parties[0].clone(),
            parties[1].clone(),
            100_000.0,
            at(day0, 10, 0),
            t,
            (Some(ss[0]), Some(ss[1])),
        );
        transfer(
            case,
            parties[1].clone(),
            parties[2].clone(),
            95_000.0,
            at(day0 + chrono::Days::new(3), 11, 0),
            t,
            (Some(ss[1]), Some(ss[2])),
        );
        transfer(
            case,
            parties[2].clone(),
            parties[0].clone(),
            back,
            at(day0 + chrono::Days::new(7), 15, 0),
            t,
            (Some(ss[2]), Some(ss[0])),
        );
        case.expects[t].subjects = parties
            .iter()
            .map(|p| ("account", p.account.clone()))
            .collect();
    }
}

/// Two accounts that belong to no plant: one bank says 收/付 and one writes outgoing
/// amounts in parentheses; they also carry the platform file's unreadable and duplicate rows.
fn background_accounts(case: &mut Case) {
    let p = case.people.random(true, 1970, 1990);
    let s = statement(case, &p, Layout::Platform(SHOU_FU, false), "中国农业银行");
    case.statements[s].garbage_row = true;
    add_noise(case, s, 60);
    let p = case.people.random(false, 1970, 1990);
    let s = statement(
        case,
        &p,
        Layout::Platform(JIN_CHU, true),
        "青禾农村商业银行",
    );
    case.statements[s].duplicate_row = true;
    add_noise(case, s, 60);
}
