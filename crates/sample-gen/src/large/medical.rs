//! Medical claims of the large case. Background claimants, all alive, have two to four
//! modest claims in 2023, so `medical-frequency` (and the claims side of
//! `benefit-deceased`) fire only on the plants.

use super::stream::XlsxStream;
use super::welfare::{day, dead_between, ordinary};
use super::{Ctx, SEED};
use crate::files::{MEDICAL, MEDICAL_HEADER};
use crate::records::medical_cells;
use crate::rng::Rng;
use anyhow::Result;
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const HOSPITALS: [&str; 4] = [
    "青禾县人民医院",
    "青禾县中医医院",
    "青禾县妇幼保健院",
    "邵阳市中心医院",
];

enum Claim {
    Frequent(usize),
    Expensive,
    AfterDeath(NaiveDate),
}

/// About one claim per inhabitant in 2023: a third of the living have two to four each.
pub(super) fn write(out: &Path, ctx: &mut Ctx) -> Result<(PathBuf, u64)> {
    let w = ctx.w;
    let mut roles = BTreeMap::new();
    let late = dead_between(ctx, day(2023, 1, 1), day(2023, 6, 30));
    for (i, d) in late.into_iter().rev().take(ctx.count(1, 4)) {
        roles.insert(i, Claim::AfterDeath(d));
    }
    for (j, i) in ordinary(ctx, 333).take(ctx.count(1, 2)).enumerate() {
        roles.entry(i).or_insert(Claim::Frequent(26 + j * 3 % 15));
    }
    for i in ordinary(ctx, 977).take(ctx.count(1, 4)) {
        roles.entry(i).or_insert(Claim::Expensive);
    }
    let target = w.n();
    let mut rng = Rng::new(SEED ^ 0x3ED1);
    let path = out.join(MEDICAL);
    let mut x = XlsxStream::new(&MEDICAL_HEADER)?;
    let mut rows = 0usize;
    for (idx, p) in w.people.iter().enumerate() {
        let claims: Vec<(NaiveDate, f64)> = match roles.get(&idx) {
            Some(Claim::Frequent(n)) => {
                let claims = (0..*n)
                    .map(|i| {
                        (
                            day(2023, 1, 3) + Days::new((i * 13) as u64),
                            60.5 + (i * 7 % 50) as f64,
                        )
                    })
                    .collect();
                ctx.plant(
                    "medical-frequency",
                    p.id.clone(),
                    format!("{}2023年在{n}个不同日期报销就诊(超过24)", p.name),
                );
                claims
            }
            Some(Claim::Expensive) => {
                let claims = [(3u32, 21_500.0), (6, 26_800.0), (9, 19_300.0)]
                    .map(|(m, a)| (day(2023, m, 8 + (idx % 15) as u32), a))
                    .to_vec();
                ctx.plant(
                    "medical-frequency",
                    p.id.clone(),
                    format!("{}2023年报销合计67,600元,远超全县中位数的5倍", p.name),
                );
                claims
            }
            Some(Claim::AfterDeath(death)) => {
                ctx.plant(
                    "benefit-deceased",
                    p.id.clone(),
                    format!("{}于{death}死亡,死亡45天、75天后仍有医保报销", p.name),
                );
                [45u64, 75].map(|d| (*death + Days::new(d), 320.0)).to_vec()
            }
            None => {
                if rows >= target || ctx.dead.contains_key(&idx) || !rng.chance(34) {
                    continue;
                }
                let n = rng.range(2, 4) as usize;
                let mut days: Vec<u64> = Vec::with_capacity(n);
                while days.len() < n {
                    let d = rng.below(365);
                    if !days.contains(&d) {
                        days.push(d);
                    }
                }
                days.sort_unstable();
                days.into_iter()
                    .map(|d| {
                        (
                            day(2023, 1, 1) + Days::new(d),
                            (20_000 + rng.below(60_000)) as f64 / 100.0,
                        )
                    })
                    .collect()
            }
        };
        for (date, paid) in claims {
            let hospital = HOSPITALS[(idx + rows) % HOSPITALS.len()];
            x.push(&medical_cells(p, date, hospital, paid))?;
            rows += 1;
        }
    }
    x.save(&path)?;
    Ok((path, rows as u64))
}
