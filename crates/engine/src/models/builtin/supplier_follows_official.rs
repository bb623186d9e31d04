//! `supplier-follows-official` 供应商跟随: a supplier that had contracts with unit A while
//! official X served there gets its first contract with unit B within `days` (365) after
//! X moved to B, while X serves at B. A move is a later roster row of the same ID number
//! at another unit. A supplier that already dealt with B before the move, or whose first
//! B contract comes later than the window, raises nothing.

use std::collections::{BTreeMap, HashSet};

use super::common::{days_between, param, tidy, unit};
use super::officials::{Roster, Tenure};
use super::procurement::{contracts, Contract};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{AlertDraft, Model, ModelContext, ModelSpec, ParamValue, Severity};

pub const ID: &str = "supplier-follows-official";

pub struct SupplierFollowsOfficial;

/// Each supplier's contracts with each unit, in date order.
type Book<'a> = BTreeMap<(&'a str, &'a str), Vec<&'a Contract>>;

impl Model for SupplierFollowsOfficial {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "供应商跟随",
            description: "公职人员在甲单位任职期间与甲单位有合同的供应商,在其调任乙单位后规定天数内首次与乙单位签订合同。",
            needs: &[Kind::Officials, Kind::Contracts],
            params: vec![param(
                "days",
                "调任后多少天内首次签约即预警",
                ParamValue::Integer(365),
            )],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let window = ctx.params.integer("days");
        let roster = Roster::load(ctx.conn)?;
        let all = contracts(ctx.conn)?;
        ctx.cancel.check()?;
        let mut book: Book<'_> = BTreeMap::new();
        for c in all.iter().filter(|c| c.signed.is_some()) {
            book.entry((c.supplier_key(), &c.unit)).or_default().push(c);
        }
        let mut keys = HashSet::new();
        let mut out = Vec::new();
        for id in roster.people() {
            let tenures: Vec<&Tenure> = roster.of(id).collect();
            for (from, to) in moves(&tenures) {
                for draft in follows(&book, from, to, window) {
                    if keys.insert(draft.key.clone()) {
                        out.push(draft);
                    }
                }
            }
        }
        out.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(out)
    }
}

/// Pairs of one person's tenures (A, B) at different units where B began after A began.
fn moves<'a>(tenures: &[&'a Tenure]) -> Vec<(&'a Tenure, &'a Tenure)> {
    let mut out = Vec::new();
    for a in tenures {
        for b in tenures {
            let (Some(sa), Some(sb)) = (&a.start, &b.start) else {
                continue;
            };
            if a.unit != b.unit && sa < sb {
                out.push((*a, *b));
            }
        }
    }
    out
}

/// Suppliers of `from` during the tenure there whose first contract with `to` follows the move.
fn follows(book: &Book<'_>, from: &Tenure, to: &Tenure, window: i64) -> Vec<AlertDraft> {
    let moved = to.start.as_deref().unwrap_or("");
    let mut out = Vec::new();
    let at_a = book.iter().filter(|((_, u), _)| *u == from.unit.as_str());
    for ((supplier, _), list) in at_a {
        let before: Vec<&Contract> = list
            .iter()
            .copied()
            .filter(|c| from.covers(c.signed()))
            .collect();
        let Some(first_at_b) = book
            .get(&(*supplier, to.unit.as_str()))
            .and_then(|l| l.first())
        else {
            continue;
        };
        let gap = days_between(moved, first_at_b.signed());
        if !before.is_empty()
            && gap.is_some_and(|d| (0..=window).contains(&d))
            && to.covers(first_at_b.signed())
        {
            out.push(alert(from, to, &before, first_at_b, gap.unwrap_or(0)));
        }
    }
    out
}

fn alert(
    from: &Tenure,
    to: &Tenure,
    before: &[&Contract],
    first: &Contract,
    gap: i64,
) -> AlertDraft {
    let listed: Vec<String> = before.iter().map(|c| c.describe()).collect();
    let mut subjects = vec![
        from.subject("official"),
        first.supplier("supplier"),
        unit(&from.unit),
        unit(&to.unit),
    ];
    subjects.extend(before.iter().map(|c| c.subject()));
    subjects.push(first.subject());
    let mut evidence = vec![from.evidence(), to.evidence(), first.evidence()];
    evidence.extend(before.iter().map(|c| c.evidence()));
    AlertDraft {
        model: ID,
        severity: Severity::Medium,
        subjects,
        summary: format!(
            "{}在{}任职期间({}),{}与该单位签订{};{}于{}调任{}后第{gap}天,该公司首次与{}签订{}",
            from.name,
            from.unit,
            from.span(),
            first.supplier_name,
            listed.join("、"),
            from.name,
            to.start.as_deref().unwrap_or(""),
            to.unit,
            to.unit,
            first.describe()
        ),
        evidence: tidy(evidence),
        key: format!(
            "{ID}|{}|{}|{}",
            from.id_number,
            first.supplier_key(),
            to.unit
        ),
    }
}
