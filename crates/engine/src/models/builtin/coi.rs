//! What the two conflict-of-interest models share: the contracts a company signed with
//! an official's own unit during the official's tenure, and the sentence that tells it.
//! Which person's stake counts (the official's own, or a relative's) is the models' call.

use super::common::{money, tidy, unit};
use super::officials::Tenure;
use super::procurement::{involvement, Contract, ContractIndex, Stake};
use crate::models::{RecordRef, Subject};

/// The contracts of the company of `group` with the tenure's unit, signed within the tenure.
pub(super) fn supplied_during<'a>(
    tenure: &Tenure,
    group: &[&Stake],
    index: &ContractIndex<'a>,
) -> Vec<&'a Contract> {
    let Some(first) = group.first() else {
        return Vec::new();
    };
    index
        .of_company(first.company_code.as_deref(), first.company_name.as_deref())
        .into_iter()
        .filter(|c| c.unit == tenure.unit && tenure.covers(c.signed()))
        .collect()
}

/// "…任青禾县康泰医疗器械有限公司股东(持股30%),该公司2023-08-20与青禾县人民医院签订合同
/// QHCG-2023-0004(人民医院住院部病床更新),金额184,000元,在其任职期间(2019-08-01起)".
pub(super) fn deal_text(tenure: &Tenure, group: &[&Stake], contract: &Contract) -> String {
    let amount = contract
        .amount
        .map_or_else(|| "金额不详".to_string(), |a| format!("金额{}元", money(a)));
    let project = if contract.project.is_empty() {
        String::new()
    } else {
        format!("({})", contract.project)
    };
    format!(
        "{},该公司{}与{}签订合同{}{},{},在其任职期间({})",
        involvement(group, &contract.supplier_name),
        contract.signed(),
        contract.unit,
        contract.no,
        project,
        amount,
        tenure.span()
    )
}

/// The company, contract and unit subjects of a finding.
pub(super) fn deal_subjects(contract: &Contract) -> Vec<Subject> {
    vec![
        contract.supplier("supplier"),
        contract.subject(),
        unit(&contract.unit),
    ]
}

/// The official's row, the stake rows and the contract row, plus `more`.
pub(super) fn deal_evidence(
    tenure: &Tenure,
    group: &[&Stake],
    contract: &Contract,
    more: &[RecordRef],
) -> Vec<RecordRef> {
    let mut ev = vec![tenure.evidence(), contract.evidence()];
    ev.extend(group.iter().map(|s| s.evidence()));
    ev.extend_from_slice(more);
    tidy(ev)
}
