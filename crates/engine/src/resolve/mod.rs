//! Entity resolution: who and what the kind tables talk about, and how they are linked.
//! [`rebuild`] recomputes the `entities` and `links` tables from the kind tables in one
//! transaction (derived data, called after each import); [`relatives`] and
//! [`relatives_of`] derive family relations straight from the household registry and
//! the investigator's own entries. This module does not import files, run models or
//! build the in-memory graph (see `graph`).
//!
//! Identity rules (`shared/spec/models.md`):
//! - a person is their ID number: equal strings are one person (the importer already
//!   upgraded 15-digit numbers to 18). An ID number that failed its check is matched by
//!   exact string only. A record without an ID number is a person of its own, keyed
//!   `<kind>#<record id>`, never merged by name; only records that take part in a link
//!   (officials, households, shareholders, legal representatives) make such people.
//! - a company is its credit code, else its exact normalised name. A record that has a
//!   name but no code joins the coded company only when exactly one coded company in the
//!   case carries that name; otherwise it is a company keyed by its name.
//! - an account is its digits; a unit its normalised name; a tender its number; a
//!   contract its number.
//!
//! One file per job: `persons.rs`, `companies.rs`, `accounts.rs`, `units.rs`,
//! `procurement.rs`, `attributes.rs`, `relations.rs`; `write.rs` stores the result and
//! `read.rs` reads it back.

mod accounts;
mod attributes;
mod companies;
mod derived;
mod kinship;
mod manual;
mod model;
mod persons;
mod procurement;
mod read;
mod relations;
mod units;
mod write;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::Result;
use crate::progress::{CancelFlag, Progress, ProgressEvent};
use derived::Derived;

pub(crate) use accounts::{
    currency_code, money_text, parse_time, str_at, time_text, transfer_ends,
};
pub use manual::{
    add_manual_relation, delete_manual_relation, manual_relations, ManualRelation,
    NewManualRelation,
};
pub use model::{EntityId, EntityType, LinkId, LinkType, SourceRow};
pub(crate) use read::rows_of;
pub use read::{entity_sources, find_entities, link_sources, Entity};
pub use relations::{relatives, relatives_of, Kin, Relation, RelationKind, RelationOrigin};

/// What a rebuild produced.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ResolveStats {
    /// Entities by type code.
    pub entities: BTreeMap<String, usize>,
    /// Links by type code.
    pub links: BTreeMap<String, usize>,
    /// Shared phones, addresses, IPs… held by so many companies that they were not
    /// linked pairwise (see `attributes.rs`).
    pub crowded_attributes: usize,
}

/// Recomputes entities and links from the kind tables, replacing the previous ones, in
/// one transaction. Cancelling leaves the previous entities and links in place.
pub fn rebuild(
    conn: &rusqlite::Connection,
    progress: &mut dyn Progress,
    cancel: &CancelFlag,
) -> Result<ResolveStats> {
    let mut run = Run { progress, cancel };
    let mut d = Derived::default();
    let names = companies::CompanyNames::collect(conn)?;
    relations::households_job(conn, &mut d, &mut run)?;
    units::officials_job(conn, &mut d, &mut run)?;
    companies::companies_job(conn, &mut d, &names, &mut run)?;
    companies::company_people_job(conn, &mut d, &names, &mut run)?;
    procurement::contracts_job(conn, &mut d, &names, &mut run)?;
    procurement::bids_job(conn, &mut d, &names, &mut run)?;
    persons::registers_job(conn, &mut d, &mut run)?;
    units::salaries_job(conn, &mut d, &mut run)?;
    accounts::benefits_job(conn, &mut d, &mut run)?;
    accounts::bank_job(conn, &mut d, &mut run)?;
    let crowded_attributes = attributes::shared_job(conn, &mut d, &names, &mut run)?;
    relations::manual_job(conn, &mut d)?;
    cancel.check()?;
    let mut stats = stats_of(&d);
    stats.crowded_attributes = crowded_attributes;
    write::replace_all(conn, &d, &mut run)?;
    Ok(stats)
}

fn stats_of(d: &Derived) -> ResolveStats {
    let mut stats = ResolveStats::default();
    for e in &d.entities {
        *stats.entities.entry(e.ty.code().to_string()).or_default() += 1;
    }
    for l in &d.links {
        *stats.links.entry(l.ty.code().to_string()).or_default() += 1;
    }
    stats
}

/// Progress and cancellation for one rebuild, with a row scanner that reports both.
pub(super) struct Run<'a> {
    progress: &'a mut dyn Progress,
    cancel: &'a CancelFlag,
}

impl Run<'_> {
    /// Runs `sql` and hands each row to `f`, reporting every 10,000 rows.
    pub fn scan<F>(
        &mut self,
        conn: &rusqlite::Connection,
        job: &str,
        sql: &str,
        mut f: F,
    ) -> Result<()>
    where
        F: FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<()>,
    {
        let mut stmt = conn.prepare(sql)?;
        let mut rows = stmt.query([])?;
        let mut done = 0u64;
        while let Some(row) = rows.next()? {
            f(row)?;
            done += 1;
            if done.is_multiple_of(10_000) {
                self.tick(job, done)?;
            }
        }
        self.tick(job, done)
    }

    pub fn tick(&mut self, job: &str, done: u64) -> Result<()> {
        self.progress.report(ProgressEvent {
            stage: "resolve",
            subject: job,
            done,
            total: None,
        });
        self.cancel.check()
    }
}
