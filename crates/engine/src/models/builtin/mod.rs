//! The built-in supervision models of `shared/spec/models.md`, one file each, and the
//! readers they share: `officials.rs` (tenures), `kin.rs` (relatives, from
//! `resolve::relatives`), `procurement.rs` (contracts and the people behind companies),
//! `payments.rs` (benefit payments), `common.rs` (dates, amounts, subjects), `money`
//! (bank statements as a time-indexed ledger), `parties` (officials, relatives,
//! suppliers and their givers) and `lunar` (festival dates). Models only read the case;
//! the runner files what they return.

use super::Model;

mod common;
mod kin;
mod lunar;
pub(super) mod money;
mod officials;
pub(super) mod parties;
mod payments;
mod procurement;

mod benefit_deceased;
mod benefit_exclusive;
mod benefit_official;
mod benefit_official_child;
mod benefit_proxy;
mod bid_collusion;
mod coi;
mod coi_relative_supplier;
mod coi_self_supplier;
mod duplicate_salary;
mod festival_gifts;
mod fund_loop;
mod kickback_flow;
mod list_match;
mod medical_frequency;
mod pass_through;
mod price_anomaly;
mod round_in_out;
mod scatter_gather;
mod sequential_invoices;
mod split_procurement;
mod structuring;
mod supplier_concentration;
mod supplier_follows_official;

#[cfg(test)]
mod sample_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;

/// Every built-in model, in the order of `models.md`.
pub fn all() -> Vec<Box<dyn Model>> {
    vec![
        Box::new(coi_self_supplier::CoiSelfSupplier),
        Box::new(coi_relative_supplier::CoiRelativeSupplier),
        Box::new(benefit_official::BenefitOfficial),
        Box::new(benefit_official_child::BenefitOfficialChild),
        Box::new(benefit_exclusive::BenefitExclusive),
        Box::new(benefit_deceased::BenefitDeceased),
        Box::new(benefit_proxy::BenefitProxy),
        Box::new(duplicate_salary::DuplicateSalary),
        Box::new(bid_collusion::BidCollusion),
        Box::new(supplier_follows_official::SupplierFollowsOfficial),
        Box::new(price_anomaly::PriceAnomaly),
        Box::new(pass_through::PassThrough),
        Box::new(structuring::Structuring),
        Box::new(sequential_invoices::SequentialInvoices),
        Box::new(kickback_flow::KickbackFlow),
        Box::new(round_in_out::RoundInOut),
        Box::new(scatter_gather::ScatterGather),
        Box::new(fund_loop::FundLoop),
        Box::new(festival_gifts::FestivalGifts),
        Box::new(split_procurement::SplitProcurement),
        Box::new(supplier_concentration::SupplierConcentration),
        Box::new(medical_frequency::MedicalFrequency),
        Box::new(list_match::ListMatch),
    ]
}
