//! The large benchmark case: a million-row platform-export bank statement (xlsx and the
//! same rows as csv), every other extract kind at the sizes of a county of `n` people
//! (100,000 by default), streamed so memory stays small.
//!
//! Every file draws from the same populations ([`world`]), so ID numbers, credit codes,
//! units and accounts join across files. A few dozen true cases are planted for the
//! models the non-bank kinds feed (listed in `planted.tsv` next to the files); the
//! background is built so that it fires none of them by chance. Beyond that, messiness
//! is only what the small case's row writers give each row. It is never committed; the
//! caller picks the directory (`bench-data/` is git-ignored).

mod market;
mod medical;
mod payroll;
mod registries;
mod stream;
mod welfare;
mod world;

use crate::files::PLATFORM_HEADER;
use crate::rng::Rng;
use crate::writers::{Cell, Encoding};
use anyhow::{Context, Result};
use chrono::{Duration, NaiveDate};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use stream::{CsvStream, XlsxStream};
use world::World;

const SEED: u64 = 0x4C41_5247_4543_4153; // "LARGECAS"

/// What the later files need to know about the earlier ones.
struct Ctx<'a> {
    w: &'a World,
    /// Household number of each person (from the household registry).
    hh_of: Vec<u32>,
    /// First person of each household; the head (户主) is first, relations follow
    /// `registries::RELATIONS`.
    hh_start: Vec<u32>,
    /// In a household with an official or cadre (or one): never a background
    /// beneficiary, so the official models fire only on plants.
    near_staff: Vec<bool>,
    dead: HashMap<usize, NaiveDate>,
    plants: Vec<(&'static str, String, String)>,
    /// Base number of planted cases per model (20 at 100,000 people).
    p: usize,
}

impl<'a> Ctx<'a> {
    fn plant(&mut self, model: &'static str, subjects: String, note: String) {
        self.plants.push((model, subjects, note));
    }

    /// `p * num / den`, at least 1.
    fn count(&self, num: usize, den: usize) -> usize {
        (self.p * num / den).max(1)
    }

    fn household(&self, idx: usize) -> std::ops::Range<usize> {
        let h = self.hh_of[idx] as usize;
        let end = self
            .hh_start
            .get(h + 1)
            .map(|&e| e as usize)
            .unwrap_or(self.w.n());
        self.hh_start[h] as usize..end
    }

    fn village_of(&self, idx: usize) -> &'a str {
        let v = &self.w.villages;
        &v[self.hh_of[idx] as usize % v.len()]
    }
}

fn bank_row(w: &World, rng: &mut Rng, i: u64, start: NaiveDate) -> Vec<Cell> {
    let a = rng.below(w.cards.len() as u64) as usize;
    let b = rng.below(w.cards.len() as u64) as usize;
    let holder = &w.people[a * 10 % w.people.len()];
    let other = &w.people[b * 10 % w.people.len()];
    let time = start.and_hms_opt(0, 0, 0).unwrap_or_default()
        + Duration::seconds((i * 47 + rng.below(40)) as i64);
    let amount = rng.range(100, 5_000_000) as f64 / 100.0;
    let inflow = rng.chance(50);
    vec![
        w.cards[a].clone().into(),
        w.cards[a].clone().into(),
        holder.name.clone().into(),
        holder.id.clone().into(),
        Cell::Text(time.format("%Y-%m-%d %H:%M:%S").to_string()),
        Cell::Text(format!("{amount:.2}")),
        Cell::Text(format!("{:.2}", rng.range(0, 50_000_000) as f64 / 100.0)),
        if inflow { "进" } else { "出" }.into(),
        w.cards[b].clone().into(),
        if rng.chance(5) { "现" } else { "转" }.into(),
        other.name.clone().into(),
        other.id.clone().into(),
        "中国建设银行".into(),
        if inflow {
            "转账存入"
        } else {
            "转账支取"
        }
        .into(),
        "人民币".into(),
        "青禾支行".into(),
        "成功".into(),
        Cell::Empty,
    ]
}

/// Writes the large case; returns (path, data rows) for each file.
pub fn write(out: &Path, transactions: u64, n_people: u64) -> Result<Vec<(PathBuf, u64)>> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let w = world::world(n_people);
    let mut written = Vec::new();
    let mut rng = Rng::new(SEED);
    let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default();
    let (xlsx_path, csv_path) = (
        out.join("银行流水_平台导出.xlsx"),
        out.join("银行流水_平台导出.csv"),
    );
    let mut xlsx = XlsxStream::new(&PLATFORM_HEADER)?;
    let mut csv = CsvStream::new(&csv_path, &PLATFORM_HEADER, Encoding::Utf8)?;
    for i in 0..transactions {
        let row = bank_row(&w, &mut rng, i, start);
        xlsx.push(&row)?;
        csv.push(&row)?;
    }
    xlsx.save(&xlsx_path)?;
    csv.finish()?;
    written.push((xlsx_path, transactions));
    written.push((csv_path, transactions));
    let mut ctx = Ctx {
        w: &w,
        hh_of: Vec::new(),
        hh_start: Vec::new(),
        near_staff: Vec::new(),
        dead: HashMap::new(),
        plants: Vec::new(),
        p: (w.n() / 5_000).max(2),
    };
    written.extend(registries::write(out, &mut ctx, &mut rng)?);
    ctx.near_staff = vec![false; w.n()];
    for st in &w.staff {
        for m in ctx.household(st.person) {
            ctx.near_staff[m] = true;
        }
    }
    written.push(welfare::deaths(out, &mut ctx)?);
    written.push(welfare::benefits(out, &mut ctx)?);
    written.push(medical::write(out, &mut ctx)?);
    written.push(payroll::salaries(out, &mut ctx)?);
    written.push(payroll::list(out, &mut ctx)?);
    written.push(market::bids(out, &mut ctx)?);
    written.push(market::invoices(out, &mut ctx)?);
    written.push(planted(out, &ctx)?);
    Ok(written)
}

/// `planted.tsv`: one line per planted case (model, subjects, note), for whoever checks
/// the models' output on this case. Not an extract: the importer is never given it.
fn planted(out: &Path, ctx: &Ctx) -> Result<(PathBuf, u64)> {
    let path = out.join("planted.tsv");
    let mut text = String::from("model\tsubjects\tnote\n");
    for (model, subjects, note) in &ctx.plants {
        text.push_str(&format!("{model}\t{subjects}\t{note}\n"));
    }
    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    Ok((path, ctx.plants.len() as u64))
}

#[cfg(test)]
mod tests;
