//! Deaths and benefit payments of the large case (medical claims: `medical.rs`).
//!
//! Background beneficiaries are never officials, cadres or their household members, get
//! one program each, are paid into their own 一卡通 (an account the bank statement does
//! not hold) and stop being paid when they die. So `benefit-*` fire only on the plants.

use super::stream::{CsvStream, XlsxStream};
use super::world::World;
use super::{Ctx, SEED};
use crate::files::{BENEFITS, BENEFITS_HEADER, DEATHS, DEATHS_HEADER};
use crate::people::Person;
use crate::plants::monthly;
use crate::records::{benefit_cells, death_cells, BenefitLine, IdForm};
use crate::rng::Rng;
use crate::writers::Encoding;
use anyhow::Result;
use chrono::{Datelike, Days, NaiveDate};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub(super) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// About 3% of the people, all born before 1959, dying in 2022–2023.
pub(super) fn deaths(out: &Path, ctx: &mut Ctx) -> Result<(PathBuf, u64)> {
    let w = ctx.w;
    let target = w.n() * 3 / 100;
    let mut rng = Rng::new(SEED ^ 0xDEAD);
    let path = out.join(DEATHS);
    let mut x = XlsxStream::new(&DEATHS_HEADER)?;
    let mut k = 0;
    for (idx, p) in w.people.iter().enumerate() {
        if k >= target {
            break;
        }
        if w.is_staff(idx) || p.birth.year() > 1958 || !rng.chance(13) {
            continue;
        }
        let date = day(2022, 1, 1) + Days::new(rng.below(730));
        let form = if k % 10 == 4 {
            IdForm::Legacy
        } else {
            IdForm::Text
        };
        x.push(&death_cells(p, form, date, k))?;
        ctx.dead.insert(idx, date);
        k += 1;
    }
    x.save(&path)?;
    Ok((path, k as u64))
}

/// The dead, in person order, who died within `from..=to` and live outside staff households.
pub(super) fn dead_between(ctx: &Ctx, from: NaiveDate, to: NaiveDate) -> Vec<(usize, NaiveDate)> {
    let mut v: Vec<(usize, NaiveDate)> = ctx
        .dead
        .iter()
        .filter(|(i, d)| (from..=to).contains(*d) && !ctx.near_staff[**i])
        .map(|(i, d)| (*i, *d))
        .collect();
    v.sort();
    v
}

/// Ordinary people (no official in the household, alive), in a scattered fixed order.
pub(super) fn ordinary<'c>(ctx: &'c Ctx, salt: usize) -> impl Iterator<Item = usize> + 'c {
    let n = ctx.w.n();
    (0..n)
        .map(move |k| (k * 7_919 + salt) % n)
        .filter(|&i| !ctx.near_staff[i] && !ctx.dead.contains_key(&i))
}

enum Role {
    DeadPaid(NaiveDate),
    Proxy(usize),
    OfficialDibao,
    OfficialChild(usize),
    Exclusive,
}

fn benefit_roles(ctx: &mut Ctx) -> BTreeMap<usize, Role> {
    let w = ctx.w;
    let mut roles = BTreeMap::new();
    for (i, d) in dead_between(ctx, day(2023, 1, 1), day(2023, 8, 31))
        .into_iter()
        .take(ctx.count(1, 1))
    {
        roles.insert(i, Role::DeadPaid(d));
    }
    let cadres: Vec<usize> = w
        .staff
        .iter()
        .filter(|s| s.category == "村干部")
        .map(|s| s.person)
        .collect();
    for (j, i) in ordinary(ctx, 101).take(ctx.count(1, 2)).enumerate() {
        let cadre = cadres[j * 7 % cadres.len()];
        if w.people[cadre].name != w.people[i].name {
            roles.entry(i).or_insert(Role::Proxy(cadre));
        }
    }
    for &c in cadres.iter().rev().take(ctx.count(1, 2)) {
        roles.insert(c, Role::OfficialDibao);
    }
    let mut children = 0;
    for (h, &start) in ctx.hh_start.iter().enumerate() {
        let (head, child) = (start as usize, start as usize + 2);
        let end = ctx
            .hh_start
            .get(h + 1)
            .map(|&e| e as usize)
            .unwrap_or(w.n());
        if children < ctx.count(1, 2)
            && child < end
            && w.is_staff(head)
            && !w.is_staff(child)
            && !ctx.dead.contains_key(&child)
        {
            roles.entry(child).or_insert(Role::OfficialChild(head));
            children += 1;
        }
    }
    for i in ordinary(ctx, 4_243).take(ctx.count(1, 2)) {
        roles.entry(i).or_insert(Role::Exclusive);
    }
    roles
}

struct Payments {
    csv: CsvStream,
    k: usize,
}

struct Payee<'a> {
    person: &'a Person,
    account: String,
    holder: &'a str,
    village: &'a str,
}

impl Payments {
    fn pay(&mut self, program: &str, to: &Payee, amount: f64, dates: &[NaiveDate]) -> Result<()> {
        for &date in dates {
            let form = if self.k % 101 == 50 {
                IdForm::FullWidth
            } else {
                IdForm::Text
            };
            let line = BenefitLine {
                program,
                person: to.person,
                form,
                amount,
                date,
                account: &to.account,
                holder: to.holder,
                village: to.village,
            };
            self.csv.push(&benefit_cells(&line, self.k))?;
            self.k += 1;
        }
        Ok(())
    }
}

/// About 1.5 payments per inhabitant over 2023, plus the plants.
pub(super) fn benefits(out: &Path, ctx: &mut Ctx) -> Result<(PathBuf, u64)> {
    let roles = benefit_roles(ctx);
    let w = ctx.w;
    let target = w.n() * 3 / 2;
    let mut rng = Rng::new(SEED ^ 0xBE4E);
    let path = out.join(BENEFITS);
    let csv = CsvStream::new(&path, &BENEFITS_HEADER, Encoding::Utf8Bom)?;
    let mut out = Payments { csv, k: 0 };
    for (idx, p) in w.people.iter().enumerate() {
        let own = Payee {
            person: p,
            account: World::benefit_card(idx),
            holder: &p.name,
            village: ctx.village_of(idx),
        };
        if let Some(role) = roles.get(&idx) {
            plant_benefit(ctx, &mut out, role, idx, own)?;
            continue;
        }
        if out.k >= target || ctx.near_staff[idx] || !rng.chance(40) {
            continue;
        }
        let (program, amount, mut dates) = program_for(&mut rng, p);
        if let Some(death) = ctx.dead.get(&idx) {
            dates.retain(|d| d <= death);
        }
        out.pay(program, &own, amount, &dates)?;
    }
    out.csv.finish()?;
    Ok((path, out.k as u64))
}

fn program_for(rng: &mut Rng, p: &Person) -> (&'static str, f64, Vec<NaiveDate>) {
    let roll = rng.below(100);
    if (2005..=2008).contains(&p.birth.year()) && roll < 50 {
        return (
            "普高助学金",
            1_000.0,
            vec![day(2023, 4, 18), day(2023, 10, 20)],
        );
    }
    let money =
        |rng: &mut Rng, lo: u64, steps: u64, step: u64| (lo + rng.below(steps) * step) as f64;
    match roll {
        0..=29 => ("城乡低保", money(rng, 300, 6, 80), monthly(1, 12, 15)),
        30..=37 => (
            "公益性岗位补贴",
            money(rng, 1_200, 2, 300),
            monthly(1, 12, 10),
        ),
        38..=67 => {
            let a = money(rng, 8_000, 90_000, 1) / 100.0;
            ("耕地地力保护补贴", a, vec![day(2023, 5, 20)])
        }
        68..=82 => (
            "冬春救助金",
            money(rng, 500, 3, 250),
            vec![day(2023, 1, 20)],
        ),
        83..=89 => (
            "外出务工交通补贴",
            money(rng, 300, 3, 100),
            vec![day(2023, 3, 10)],
        ),
        90..=94 => (
            "雨露计划",
            1_500.0,
            vec![day(2023, 4, 25), day(2023, 10, 25)],
        ),
        95..=97 => {
            let q = [3, 6, 9, 12].map(|m| day(2023, m, 21)).to_vec();
            ("创业担保贷款贴息", money(rng, 800, 23, 100), q)
        }
        _ => ("草原补奖", money(rng, 200, 80, 10), vec![day(2023, 7, 15)]),
    }
}

fn plant_benefit(
    ctx: &mut Ctx,
    out: &mut Payments,
    role: &Role,
    idx: usize,
    own: Payee,
) -> Result<()> {
    let w = ctx.w;
    let p = own.person;
    match *role {
        Role::DeadPaid(death) => {
            let dates = monthly(1, 12, 15);
            let late = dates.iter().filter(|d| **d > death + Days::new(30)).count();
            out.pay("城乡低保", &own, 460.0, &dates)?;
            ctx.plant(
                "benefit-deceased",
                p.id.clone(),
                format!(
                    "{}于{death}死亡,其后仍领取城乡低保{late}笔(死亡30天后)",
                    p.name
                ),
            );
        }
        Role::Proxy(cadre) => {
            let c = &w.people[cadre];
            let to = Payee {
                account: w.account_of(cadre),
                holder: &c.name,
                ..own
            };
            out.pay("城乡低保", &to, 520.0, &monthly(10, 12, 15))?;
            ctx.plant(
                "benefit-proxy",
                format!("{},{}", p.id, c.id),
                format!(
                    "{}的城乡低保2023年10—12月打入村干部{}名下账户{}",
                    p.name, c.name, to.account
                ),
            );
        }
        Role::OfficialDibao => {
            let s = &w.staff[w.staff_of[idx] as usize];
            out.pay("城乡低保", &own, 620.0, &monthly(3, 8, 15))?;
            ctx.plant("benefit-official", p.id.clone(),
                format!("{}({}{},{}起在任)2023年3—8月领取城乡低保每月620元;同时领取工资(亦属benefit-exclusive 低保×工资)",
                    p.name, s.unit, s.position, s.since));
        }
        Role::OfficialChild(official) => {
            let o = &w.people[official];
            out.pay(
                "普高助学金",
                &own,
                1_000.0,
                &[day(2023, 4, 18), day(2023, 10, 20)],
            )?;
            ctx.plant(
                "benefit-official-child",
                format!("{},{}", o.id, p.id),
                format!(
                    "在任干部{}之子女{}(同户)2023年两次领取普高助学金",
                    o.name, p.name
                ),
            );
        }
        Role::Exclusive => {
            out.pay("城乡低保", &own, 380.0, &monthly(1, 12, 15))?;
            out.pay("公益性岗位补贴", &own, 1_500.0, &monthly(9, 11, 10))?;
            ctx.plant(
                "benefit-exclusive",
                p.id.clone(),
                format!("{}2023年9—11月同时领取城乡低保与公益性岗位补贴", p.name),
            );
        }
    }
    Ok(())
}
