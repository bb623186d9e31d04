//! `benefit-official` 公职人员违规申领: an official or cadre receives a benefit from a
//! restricted program during their tenure. The recipient is matched to the roster by
//! ID number only (a namesake is someone else), and only payments dated within the
//! tenure count (a cadre who left before is not flagged). One alert per person and
//! program, listing every payment.

use std::collections::BTreeMap;

use super::common::{param, texts, tidy, unit};
use super::officials::{Roster, Tenure};
use super::payments::{payments, tally, Payment};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{AlertDraft, Model, ModelContext, ModelSpec, Severity};

pub const ID: &str = "benefit-official";

/// The restricted programs of `models.md`.
pub const RESTRICTED: &[&str] = &[
    "城乡低保",
    "冬春救助金",
    "雨露计划",
    "外出务工交通补贴",
    "创业担保贷款贴息",
];

pub struct BenefitOfficial;

impl Model for BenefitOfficial {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "公职人员违规申领",
            description: "公职人员或村(社区)干部在任职期间领取限制性惠民惠农资金。",
            needs: &[Kind::Officials, Kind::Benefits],
            params: vec![param(
                "programs",
                "限制公职人员及干部领取的资金项目",
                texts(RESTRICTED),
            )],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let programs = ctx.params.list("programs");
        let roster = Roster::load(ctx.conn)?;
        let paid = payments(ctx.conn, &programs, |id| roster.has(id))?;
        ctx.cancel.check()?;
        let mut found: BTreeMap<(&str, &str), (&Tenure, Vec<&Payment>)> = BTreeMap::new();
        for p in &paid {
            if let Some(t) = roster.serving(&p.id_number, &p.date) {
                let entry = found
                    .entry((&p.id_number, &p.program))
                    .or_insert((t, Vec::new()));
                entry.1.push(p);
            }
        }
        Ok(found
            .into_values()
            .map(|(t, paid)| alert(t, &paid))
            .collect())
    }
}

fn alert(tenure: &Tenure, paid: &[&Payment]) -> AlertDraft {
    let program = paid.first().map_or("", |p| p.program.as_str());
    let mut evidence = vec![tenure.evidence()];
    evidence.extend(paid.iter().map(|p| p.evidence()));
    AlertDraft {
        model: ID,
        severity: Severity::High,
        subjects: vec![tenure.subject("official"), unit(&tenure.unit)],
        summary: format!(
            "{}在任职期间({})领取{}{}",
            tenure.describe(),
            tenure.span(),
            program,
            tally(paid)
        ),
        evidence: tidy(evidence),
        key: format!("{ID}|{}|{program}", tenure.id_number),
    }
}
