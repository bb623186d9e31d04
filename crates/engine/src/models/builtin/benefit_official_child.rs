//! `benefit-official-child` 干部子女违规申领: a child of an official or cadre who is
//! serving on the payment date receives student aid. Parent and child come from the
//! household registry or the investigator's entries (`kin.rs`); a payment after the
//! parent left office does not count. One alert per official, child and program.

use std::collections::{BTreeMap, HashMap};

use super::common::{param, person, texts, tidy};
use super::kin::{Family, Kinsman};
use super::officials::{Roster, Tenure};
use super::payments::{payments, tally, Payment};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{AlertDraft, Model, ModelContext, ModelSpec, Severity};

pub const ID: &str = "benefit-official-child";

pub struct BenefitOfficialChild;

type Finding<'a> = (&'a Tenure, &'a Kinsman, Vec<&'a Payment>);

impl Model for BenefitOfficialChild {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "干部子女违规申领",
            description: "在任公职人员或村(社区)干部的子女领取学生资助资金。",
            needs: &[Kind::Officials, Kind::Households, Kind::Benefits],
            params: vec![param(
                "programs",
                "学生资助类资金项目",
                texts(&["普高助学金", "雨露计划"]),
            )],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let programs = ctx.params.list("programs");
        let roster = Roster::load(ctx.conn)?;
        let family = Family::of_people(ctx.conn, roster.people())?;
        let parents = parents_on_roster(&roster, &family);
        let paid = payments(ctx.conn, &programs, |id| parents.contains_key(id))?;
        ctx.cancel.check()?;
        let mut found: BTreeMap<(&str, &str, &str), Finding<'_>> = BTreeMap::new();
        for p in &paid {
            for (parent, child) in parents.get(p.id_number.as_str()).into_iter().flatten() {
                let Some(t) = roster.serving(parent, &p.date) else {
                    continue;
                };
                let key = (
                    t.id_number.as_str(),
                    p.id_number.as_str(),
                    p.program.as_str(),
                );
                found.entry(key).or_insert((t, child, Vec::new())).2.push(p);
            }
        }
        Ok(found
            .into_values()
            .map(|(t, parent, paid)| alert(t, parent, &paid))
            .collect())
    }
}

/// The children of everyone on the roster: child's ID number → (parent's ID number, the
/// child as the parent's kin).
fn parents_on_roster<'a>(
    roster: &'a Roster,
    family: &'a Family,
) -> HashMap<&'a str, Vec<(&'a str, &'a Kinsman)>> {
    let mut out: HashMap<&str, Vec<(&str, &Kinsman)>> = HashMap::new();
    for parent in roster.people() {
        for child in family.of(parent).iter().filter(|k| k.is_child()) {
            out.entry(child.id_number.as_str())
                .or_default()
                .push((parent, child));
        }
    }
    out
}

fn alert(tenure: &Tenure, child: &Kinsman, paid: &[&Payment]) -> AlertDraft {
    let first = paid[0];
    let mut evidence = vec![tenure.evidence()];
    evidence.extend(child.evidence.iter().cloned());
    evidence.extend(paid.iter().map(|p| p.evidence()));
    AlertDraft {
        model: ID,
        severity: Severity::Medium,
        subjects: vec![
            tenure.subject("official"),
            person(&first.id_number, &first.name, "child"),
        ],
        summary: format!(
            "{}在任期间({}),其子女{}(据{})领取{}{}",
            tenure.describe(),
            tenure.span(),
            first.name,
            child.origin,
            first.program,
            tally(paid)
        ),
        evidence: tidy(evidence),
        key: format!(
            "{ID}|{}|{}|{}",
            tenure.id_number, first.id_number, first.program
        ),
    }
}
