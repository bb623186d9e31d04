//! Companies that share a phone, a registered address, a bidding IP or MAC address, or a
//! contact person (`shares_attribute`, one link per pair of companies and shared value,
//! lower entity first). Read from the business registry (phone, address) and from bids
//! (phone, IP, MAC, contact). A value held by more than [`CROWDED`] companies (a
//! business-centre address, an agency's phone) is not linked pairwise: it says little
//! and would make thousands of links; such values are counted in the rebuild's stats.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::json;

use super::companies::{company, CompanyNames};
use super::derived::{present, Derived, Ent, NewLink};
use super::model::LinkType;
use super::Run;
use crate::error::Result;
use crate::kinds::Kind;

/// More companies than this sharing one value are not linked pairwise.
pub const CROWDED: usize = 30;

type Holders = BTreeMap<Ent, BTreeSet<(Kind, i64)>>;

const ATTRIBUTES: [(&str, &str); 5] = [
    ("phone", "电话"),
    ("address", "地址"),
    ("ip", "IP"),
    ("mac", "MAC"),
    ("contact", "联系人"),
];

/// Returns how many values were too crowded to link.
pub(super) fn shared_job(
    conn: &rusqlite::Connection,
    d: &mut Derived,
    names: &CompanyNames,
    run: &mut Run<'_>,
) -> Result<usize> {
    let mut groups: BTreeMap<(&'static str, String), Holders> = BTreeMap::new();
    let registry = "SELECT id, company_name, uscc, uscc_valid, phone, address, NULL, NULL, NULL FROM companies ORDER BY id";
    let bids = "SELECT id, bidder_name, bidder_uscc, bidder_uscc_valid, phone, NULL, ip, mac, contact FROM bids ORDER BY id";
    for (kind, sql) in [(Kind::Companies, registry), (Kind::Bids, bids)] {
        run.scan(conn, "attributes", sql, |r| {
            let src = (kind, r.get::<_, i64>(0)?);
            let (name, code): (Option<String>, Option<String>) = (r.get(1)?, r.get(2)?);
            let Some(c) = company(d, names, code.as_deref(), r.get(3)?, name.as_deref(), src)
            else {
                return Ok(());
            };
            for (i, (attr, _)) in ATTRIBUTES.iter().enumerate() {
                if let Some(value) = present(r.get::<_, Option<String>>(4 + i)?.as_deref()) {
                    groups
                        .entry((attr, value.to_string()))
                        .or_default()
                        .entry(c)
                        .or_default()
                        .insert(src);
                }
            }
            Ok(())
        })?;
    }
    let mut crowded = 0;
    for ((attr, value), holders) in groups {
        if holders.len() > CROWDED {
            crowded += 1;
        } else {
            pair_links(d, attr, &value, &holders);
        }
    }
    Ok(crowded)
}

fn pair_links(d: &mut Derived, attr: &str, value: &str, holders: &Holders) {
    let word = ATTRIBUTES
        .iter()
        .find(|(a, _)| *a == attr)
        .map_or(attr, |(_, w)| w);
    let members: Vec<(&Ent, &BTreeSet<(Kind, i64)>)> = holders.iter().collect();
    for (i, (a, a_src)) in members.iter().enumerate() {
        for (b, b_src) in &members[i + 1..] {
            let mut link = NewLink::new(
                LinkType::SharesAttribute,
                **a,
                **b,
                format!("共用{word} {value}"),
            )
            .detail(json!({ "attribute": attr, "value": value }))
            .merge_key(format!("{attr}|{value}"));
            link.reverse_label = Some(link.label.clone());
            link.sources = a_src.iter().chain(b_src.iter()).copied().collect();
            d.link(link);
        }
    }
}
