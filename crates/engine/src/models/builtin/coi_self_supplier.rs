//! `coi-self-supplier` 本人经营供应商: an official is a shareholder, legal representative
//! or key person of a company that holds a contract with the official's own unit, signed
//! during the official's tenure. The person is matched by ID number only; the company by
//! credit code, or by exact name where a record has no code. It does not look at
//! relatives (`coi-relative-supplier`) or at money (`kickback-flow`).

use std::collections::HashSet;

use super::coi::{deal_evidence, deal_subjects, deal_text, supplied_during};
use super::officials::{Roster, Tenure};
use super::procurement::{by_company, contracts, stakes, Contract, ContractIndex, Stake};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{AlertDraft, Model, ModelContext, ModelSpec, Severity};

pub const ID: &str = "coi-self-supplier";

pub struct CoiSelfSupplier;

impl Model for CoiSelfSupplier {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "本人经营供应商",
            description: "公职人员本人是某企业的股东、法定代表人或主要人员,该企业在其任职期间与其本单位签订合同。",
            needs: &[Kind::Officials, Kind::CompanyPeople, Kind::Companies, Kind::Contracts],
            params: Vec::new(),
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let roster = Roster::load(ctx.conn)?;
        let stakes = stakes(ctx.conn)?;
        let contracts = contracts(ctx.conn)?;
        let index = ContractIndex::new(&contracts);
        ctx.cancel.check()?;
        let mut keys = HashSet::new();
        let mut out = Vec::new();
        for tenure in &roster.tenures {
            let Some(own) = stakes.get(&tenure.id_number) else {
                continue;
            };
            for group in by_company(own) {
                for contract in supplied_during(tenure, &group, &index) {
                    let draft = alert(tenure, &group, contract);
                    if keys.insert(draft.key.clone()) {
                        out.push(draft);
                    }
                }
            }
        }
        Ok(out)
    }
}

fn alert(tenure: &Tenure, group: &[&Stake], contract: &Contract) -> AlertDraft {
    let mut subjects = vec![tenure.subject("official")];
    subjects.extend(deal_subjects(contract));
    AlertDraft {
        model: ID,
        severity: Severity::High,
        subjects,
        summary: format!(
            "{}本人{}",
            tenure.describe(),
            deal_text(tenure, group, contract)
        ),
        evidence: deal_evidence(tenure, group, contract, &[]),
        key: format!(
            "{ID}|{}|{}|{}",
            tenure.id_number,
            contract.supplier_key(),
            contract.no
        ),
    }
}
