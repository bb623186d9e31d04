//! The registries of the large case: officials and cadres, households, companies and
//! their people, procurement contracts. Rows come from `World` and the shared stream.

use super::stream::{CsvStream, XlsxStream};
use super::Ctx;
use crate::files::{COMPANIES, COMPANY_PEOPLE, CONTRACTS, HOUSEHOLDS, OFFICIALS};
use crate::rng::Rng;
use crate::writers::{Cell, Encoding};
use anyhow::Result;
use chrono::{Duration, NaiveDate};
use std::path::{Path, PathBuf};

/// Relation to the head by position in the household (the head is first).
pub const RELATIONS: [&str; 5] = ["户主", "配偶", "长子", "长女", "母亲"];

/// Officials, households, companies, their people and contracts; fills in the household
/// map of `ctx`.
pub(super) fn write(out: &Path, ctx: &mut Ctx, rng: &mut Rng) -> Result<Vec<(PathBuf, u64)>> {
    let w = ctx.w;
    let mut written = Vec::new();
    let path = out.join(OFFICIALS);
    let mut x = XlsxStream::new(&[
        "姓名",
        "身份证号",
        "工作单位",
        "职务",
        "人员类别",
        "任职日期",
        "离任日期",
    ])?;
    for st in &w.staff {
        let p = &w.people[st.person];
        x.push(&[
            p.name.clone().into(),
            p.id.clone().into(),
            (&st.unit).into(),
            st.position.into(),
            st.category.into(),
            Cell::Date(st.since),
            Cell::Empty,
        ])?;
    }
    x.save(&path)?;
    written.push((path, w.staff.len() as u64));

    let path = out.join(HOUSEHOLDS);
    let mut x = XlsxStream::new(&["户号", "姓名", "与户主关系", "公民身份号码", "户籍地址"])?;
    let mut i = 0usize;
    let mut hh = 0u64;
    ctx.hh_of = vec![0; w.n()];
    while i < w.people.len() {
        ctx.hh_start.push(i as u32);
        hh += 1;
        let size = 1 + rng.below(5) as usize;
        for (k, p) in w.people[i..(i + size).min(w.people.len())]
            .iter()
            .enumerate()
        {
            ctx.hh_of[i + k] = hh as u32 - 1;
            x.push(&[
                format!("4305{hh:08}").into(),
                p.name.clone().into(),
                RELATIONS[k].into(),
                p.id.clone().into(),
                format!("青禾县{}组", hh % 90 + 1).into(),
            ])?;
        }
        i += size;
    }
    x.save(&path)?;
    written.push((path, w.people.len() as u64));

    let path = out.join(COMPANIES);
    let mut x = XlsxStream::new(&[
        "企业名称",
        "统一社会信用代码",
        "法定代表人",
        "法定代表人证件号码",
        "成立日期",
    ])?;
    let cp_path = out.join(COMPANY_PEOPLE);
    let mut cp = CsvStream::new(
        &cp_path,
        &[
            "统一社会信用代码",
            "企业名称",
            "人员姓名",
            "证件号码",
            "职务",
            "出资比例",
        ],
        Encoding::Gbk,
    )?;
    for (i, (name, code)) in w.companies.iter().enumerate() {
        let legal = &w.people[(i * 20 + 1) % w.people.len()];
        let partner = &w.people[(i * 20 + 7) % w.people.len()];
        x.push(&[
            name.into(),
            code.into(),
            legal.name.clone().into(),
            legal.id.clone().into(),
            Cell::Date(
                NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default()
                    + Duration::days(i as i64 % 4_000),
            ),
        ])?;
        cp.push(&[
            code.into(),
            name.into(),
            legal.name.clone().into(),
            legal.id.clone().into(),
            "执行董事".into(),
            "60%".into(),
        ])?;
        cp.push(&[
            code.into(),
            name.into(),
            partner.name.clone().into(),
            partner.id.clone().into(),
            "股东".into(),
            "0.4".into(),
        ])?;
    }
    x.save(&path)?;
    cp.finish()?;
    written.push((path, w.companies.len() as u64));
    written.push((cp_path, w.companies.len() as u64 * 2));

    let path = out.join(CONTRACTS);
    let mut x = XlsxStream::new(&[
        "合同编号",
        "采购单位",
        "供应商名称",
        "供应商统一社会信用代码",
        "项目名称",
        "采购品目",
        "单价",
        "数量",
        "合同金额",
        "签订日期",
    ])?;
    let n_contracts = (w.people.len() / 10).max(1);
    const ITEMS: [(&str, f64); 5] = [
        ("台式计算机", 5_400.0),
        ("打印机", 2_100.0),
        ("沥青混凝土", 680.0),
        ("消毒液", 25.0),
        ("课桌椅", 350.0),
    ];
    for i in 0..n_contracts {
        let (item, base) = ITEMS[i % ITEMS.len()];
        let (name, code) = &w.companies[rng.below(w.companies.len() as u64) as usize];
        let price = (base * (0.9 + rng.below(21) as f64 / 100.0) * 100.0).round() / 100.0;
        let qty = (1 + rng.below(200)) as f64;
        let date = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default()
            + Duration::days(rng.below(900) as i64);
        x.push(&[
            format!("QHCG-L-{i:07}").into(),
            w.units[i % w.units.len()].clone().into(),
            name.into(),
            code.into(),
            format!("{item}采购项目{i}").into(),
            item.into(),
            Cell::Num(price),
            Cell::Num(qty),
            Cell::Num((price * qty * 100.0).round() / 100.0),
            Cell::Date(date),
        ])?;
    }
    let planted = super::market::split_contracts(&mut x, ctx)?;
    x.save(&path)?;
    written.push((path, n_contracts as u64 + planted));
    Ok(written)
}
