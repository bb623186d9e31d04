//! `coi-relative-supplier` 亲属经营供应商: a relative of an official (spouse, parent,
//! child, a child's spouse, sibling, grandchild — from the household registry or entered
//! by the investigator, see `kin.rs`) is a shareholder, legal representative or key
//! person of a company that holds a contract with the official's own unit, signed during
//! the official's tenure. A namesake with another ID number is nobody's relative.

use std::collections::HashSet;

use super::coi::{deal_evidence, deal_subjects, deal_text, supplied_during};
use super::common::person;
use super::kin::{Family, Kinsman};
use super::officials::{Roster, Tenure};
use super::procurement::{by_company, contracts, stakes, Contract, ContractIndex, Stake};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{AlertDraft, Model, ModelContext, ModelSpec, Severity};

pub const ID: &str = "coi-relative-supplier";

pub struct CoiRelativeSupplier;

impl Model for CoiRelativeSupplier {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "亲属经营供应商",
            description: "公职人员的亲属(配偶、父母、子女及其配偶、兄弟姐妹、孙子女)是某企业的股东、法定代表人或主要人员,该企业在其任职期间与其本单位签订合同。",
            needs: &[
                Kind::Officials,
                Kind::Households,
                Kind::CompanyPeople,
                Kind::Companies,
                Kind::Contracts,
            ],
            params: Vec::new(),
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let roster = Roster::load(ctx.conn)?;
        let family = Family::of_people(ctx.conn, roster.people())?;
        let stakes = stakes(ctx.conn)?;
        let contracts = contracts(ctx.conn)?;
        let index = ContractIndex::new(&contracts);
        ctx.cancel.check()?;
        let mut keys = HashSet::new();
        let mut out = Vec::new();
        for tenure in &roster.tenures {
            for kin in family.relatives(&tenure.id_number) {
                let Some(theirs) = stakes.get(&kin.id_number) else {
                    continue;
                };
                for group in by_company(theirs) {
                    for contract in supplied_during(tenure, &group, &index) {
                        let draft = alert(tenure, kin, &group, contract);
                        if keys.insert(draft.key.clone()) {
                            out.push(draft);
                        }
                    }
                }
            }
        }
        Ok(out)
    }
}

fn alert(tenure: &Tenure, kin: &Kinsman, group: &[&Stake], contract: &Contract) -> AlertDraft {
    let mut subjects = vec![
        tenure.subject("official"),
        person(&kin.id_number, &kin.name, "relative"),
    ];
    subjects.extend(deal_subjects(contract));
    AlertDraft {
        model: ID,
        severity: Severity::High,
        subjects,
        summary: format!(
            "{}之{}{}(据{}){}",
            tenure.describe(),
            kin.is,
            kin.name,
            kin.origin,
            deal_text(tenure, group, contract)
        ),
        evidence: deal_evidence(tenure, group, contract, &kin.evidence),
        key: format!(
            "{ID}|{}|{}|{}|{}",
            tenure.id_number,
            kin.id_number,
            contract.supplier_key(),
            contract.no
        ),
    }
}
