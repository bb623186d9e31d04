//! Salaries of every official and cadre for the twelve months of 2023, and a named list
//! (失信被执行人名单) of ordinary people with a few officials planted on it.

use super::stream::{CsvStream, XlsxStream};
use super::{Ctx, SEED};
use crate::files::{SALARIES, SALARIES_HEADER};
use crate::records::salary_cells;
use crate::rng::Rng;
use crate::writers::{Cell, Encoding};
use anyhow::Result;
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const DEBTORS: &str = "失信被执行人名单.xlsx";
/// A list, not a kind: 姓名 and 身份证号 are recognised, the rest kept as they are.
pub const DEBTORS_HEADER: [&str; 9] = [
    "序号",
    "姓名",
    "性别",
    "身份证号",
    "执行法院",
    "案号",
    "立案时间",
    "失信被执行人行为具体情形",
    "发布时间",
];

fn gross(category: &str, s: usize) -> f64 {
    match category {
        "公务员" => 5_200.0 + (s % 9) as f64 * 250.0,
        "事业编制" => 4_600.0 + (s % 7) as f64 * 300.0,
        _ => 2_200.0 + (s % 5) as f64 * 150.0,
    }
}

/// Month by month, unit by unit; a few bureau officials are also paid by a school or
/// health centre for May–July (`duplicate-salary`).
pub(super) fn salaries(out: &Path, ctx: &mut Ctx) -> Result<(PathBuf, u64)> {
    let w = ctx.w;
    let bureau = w.staff.iter().filter(|s| s.category == "公务员").count();
    let mut second: BTreeMap<usize, &str> = BTreeMap::new();
    for j in 0..ctx.count(1, 2) {
        let s = (j * 97 + 3) % bureau;
        let unit = &w.institutions[j % w.institutions.len()];
        if second.insert(s, unit).is_none() {
            let p = &w.people[w.staff[s].person];
            ctx.plant(
                "duplicate-salary",
                p.id.clone(),
                format!(
                    "{}2023年5—7月同时由{}和{}发放工资",
                    p.name, w.staff[s].unit, unit
                ),
            );
        }
    }
    let path = out.join(SALARIES);
    let mut c = CsvStream::new(&path, &SALARIES_HEADER, Encoding::Utf8)?;
    let mut k = 0usize;
    for m in 1..=12 {
        let month = NaiveDate::from_ymd_opt(2023, m, 1).unwrap_or_default();
        for (s, st) in w.staff.iter().enumerate() {
            let p = &w.people[st.person];
            let g = gross(st.category, s);
            c.push(&salary_cells(p, &st.unit, month, g, k))?;
            k += 1;
            if let Some(unit) = second.get(&s).filter(|_| (5..=7).contains(&m)) {
                c.push(&salary_cells(p, unit, month, 3_800.0, k))?;
                k += 1;
            }
        }
    }
    c.finish()?;
    Ok((path, k as u64))
}

const COURTS: [&str; 3] = [
    "青禾县人民法院",
    "邵阳市中级人民法院",
    "邵阳市北塔区人民法院",
];
const FINDINGS: [&str; 3] = [
    "有履行能力而拒不履行生效法律文书确定义务",
    "违反财产报告制度",
    "违反限制消费令",
];

/// One in twenty people, none of them staff except the planted ones (`list-match`).
pub(super) fn list(out: &Path, ctx: &mut Ctx) -> Result<(PathBuf, u64)> {
    let w = ctx.w;
    let mut planted = BTreeMap::new();
    for j in 0..ctx.count(1, 1) {
        let st = &w.staff[(j * 211 + 5) % w.staff.len()];
        planted.insert(st.person, st);
    }
    for (&i, st) in &planted {
        let p = &w.people[i];
        ctx.plant(
            "list-match",
            p.id.clone(),
            format!("{}({}{})在失信被执行人名单中", p.name, st.unit, st.position),
        );
    }
    let target = w.n() / 20;
    let mut rng = Rng::new(SEED ^ 0x115);
    let path = out.join(DEBTORS);
    let mut x = XlsxStream::new(&DEBTORS_HEADER)?;
    let mut k = 0usize;
    for (idx, p) in w.people.iter().enumerate() {
        let chosen =
            planted.contains_key(&idx) || (k < target && !w.is_staff(idx) && rng.chance(6));
        if !chosen {
            continue;
        }
        let filed = NaiveDate::from_ymd_opt(2019 + (k % 5) as i32, 1 + (k % 12) as u32, 3)
            .unwrap_or_default()
            + Days::new((k % 25) as u64);
        x.push(&[
            Cell::Num((k + 1) as f64),
            p.name.clone().into(),
            if p.male { "男" } else { "女" }.into(),
            p.id.clone().into(),
            COURTS[k % 3].into(),
            format!("({})湘0524执{}号", filed.format("%Y"), 100 + k % 9_000).into(),
            Cell::Date(filed),
            FINDINGS[k % 3].into(),
            Cell::Date(filed + Days::new(90)),
        ])?;
        k += 1;
    }
    x.save(&path)?;
    Ok((path, k as u64))
}
