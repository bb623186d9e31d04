//! The built-in supervision models of `shared/spec/models.md`, one file each, with the
//! helpers they share: `money` (the bank statements as a time-indexed ledger),
//! `parties` (officials, relatives, suppliers and their givers) and `lunar` (festival
//! dates).

mod benefit_proxy;
mod festival_gifts;
mod fund_loop;
mod kickback_flow;
mod lunar;
mod money;
mod parties;
mod pass_through;
mod round_in_out;
mod scatter_gather;
mod structuring;

#[cfg(test)]
mod sample_tests;
#[cfg(test)]
mod test_support;

use super::Model;

/// Every built-in model, in the order of `models.md`.
pub fn all() -> Vec<Box<dyn Model>> {
    vec![
        Box::new(benefit_proxy::BenefitProxy),
        Box::new(pass_through::PassThrough),
        Box::new(structuring::Structuring),
        Box::new(kickback_flow::KickbackFlow),
        Box::new(round_in_out::RoundInOut),
        Box::new(scatter_gather::ScatterGather),
        Box::new(fund_loop::FundLoop),
        Box::new(festival_gifts::FestivalGifts),
    ]
}
