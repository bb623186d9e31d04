//! `bid-collusion` 围标串标: two or more bidders in the same tender share a phone, an IP
//! address, a MAC address, a contact person, a registered address, or a shareholder or
//! legal representative. Phones, IPs, MACs and contacts come from the bid rows; address,
//! company phone and people from `companies` and `company_people` by the bidder's credit
//! code (or exact name without one). Values must be equal after normalisation — similar
//! numbers or neighbouring IPs are not shared. Bidders linked through shared values form
//! one alert per tender.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::Connection;

use super::common::{load, present, record, subject, tidy};
use super::procurement::{stakes, Stake};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{AlertDraft, Model, ModelContext, ModelSpec, RecordRef, Severity, SubjectType};

pub const ID: &str = "bid-collusion";

/// Values that stand for "nothing" in delivered extracts.
const BLANKS: &[&str] = &[
    "无", "-", "—", "/", "0", "null", "NULL", "N/A", "n/a", "未知",
];

pub struct BidCollusion;

/// One thing a bidder uses or is made of.
#[derive(Clone, Debug)]
struct Trait {
    label: &'static str,
    value: String,
    shown: String,
    evidence: RecordRef,
}

/// One bidder in one tender.
#[derive(Debug)]
struct Bidder<'a> {
    key: String,
    name: String,
    rows: Vec<RecordRef>,
    /// Traits from the bid rows.
    own: Vec<Trait>,
    /// Traits from the registers, shared by every tender the company bids in.
    firm: &'a [Trait],
}

impl Bidder<'_> {
    fn traits(&self) -> impl Iterator<Item = &Trait> {
        self.own.iter().chain(self.firm.iter())
    }
}

struct Bid {
    record_id: i64,
    tender: String,
    key: String,
    name: String,
    code: Option<String>,
    fields: [(&'static str, Option<String>); 4],
}

impl Model for BidCollusion {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "围标串标",
            description: "同一招标项目的两个以上投标人使用同一电话、IP地址、MAC地址、联系人、注册地址,或有同一股东、法定代表人。",
            needs: &[Kind::Bids],
            params: Vec::new(),
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let bids = bids(ctx.conn)?;
        let firms = firm_traits(ctx.conn)?;
        ctx.cancel.check()?;
        let mut tenders: BTreeMap<&str, BTreeMap<&str, Bidder>> = BTreeMap::new();
        for b in &bids {
            let firm = firms.get(b.code.as_deref().unwrap_or(&b.name));
            let bidder = tenders
                .entry(&b.tender)
                .or_default()
                .entry(&b.key)
                .or_insert_with(|| Bidder {
                    key: b.key.clone(),
                    name: b.name.clone(),
                    rows: Vec::new(),
                    own: Vec::new(),
                    firm: firm.map_or(&[], Vec::as_slice),
                });
            bidder.rows.push(record(Kind::Bids, b.record_id));
            bidder.own.extend(bid_traits(b));
        }
        let mut out = Vec::new();
        for (tender, bidders) in &tenders {
            let list: Vec<&Bidder> = bidders.values().collect();
            out.extend(collusions(tender, &list));
        }
        Ok(out)
    }
}

fn bids(conn: &Connection) -> Result<Vec<Bid>> {
    let sql = "SELECT id, tender_no, bidder_name, bidder_uscc, contact, phone, ip, mac FROM bids ORDER BY id";
    load(conn, sql, |r| {
        let (Some(tender), name, code) =
            (present(r.get(1)?), present(r.get(2)?), present(r.get(3)?))
        else {
            return Ok(None);
        };
        let Some(key) = code.clone().or_else(|| name.clone()) else {
            return Ok(None);
        };
        let mac: Option<String> = present(r.get(7)?).map(|m| m.to_uppercase().replace(':', "-"));
        Ok(Some(Bid {
            record_id: r.get(0)?,
            tender,
            name: name.unwrap_or_else(|| key.clone()),
            key,
            code,
            fields: [
                ("联系人", present(r.get(4)?)),
                ("联系电话", present(r.get(5)?)),
                ("投标IP地址", present(r.get(6)?)),
                ("投标MAC地址", mac),
            ],
        }))
    })
}

fn usable(value: &str) -> bool {
    !BLANKS.contains(&value)
}

fn bid_traits(b: &Bid) -> Vec<Trait> {
    b.fields
        .iter()
        .filter_map(|(label, v)| {
            let v = v.as_deref().filter(|v| usable(v))?;
            Some(Trait {
                label,
                value: v.to_string(),
                shown: v.to_string(),
                evidence: record(Kind::Bids, b.record_id),
            })
        })
        .collect()
}

/// Registered address, company phone, shareholders and legal representatives of each
/// company, by credit code (or name for a company without one).
fn firm_traits(conn: &Connection) -> Result<HashMap<String, Vec<Trait>>> {
    let mut out: HashMap<String, Vec<Trait>> = HashMap::new();
    let sql = "SELECT id, uscc, company_name, address, phone FROM companies";
    for (key, t) in load(conn, sql, |r| Ok(Some(company_rows(r)?)))?
        .into_iter()
        .flatten()
    {
        out.entry(key).or_default().push(t);
    }
    for stake in stakes(conn)?
        .into_values()
        .flatten()
        .filter(owns_or_represents)
    {
        let t = Trait {
            label: "股东或法定代表人",
            value: stake.id_number.clone(),
            shown: format!("{}({})", stake.person_name, stake.id_number),
            evidence: stake.evidence(),
        };
        out.entry(stake.company_key().to_string())
            .or_default()
            .push(t);
    }
    Ok(out)
}

fn company_rows(r: &rusqlite::Row<'_>) -> rusqlite::Result<Vec<(String, Trait)>> {
    let id: i64 = r.get(0)?;
    let Some(key) = present(r.get(1)?).or(present(r.get(2)?)) else {
        return Ok(Vec::new());
    };
    let fields = [
        ("注册地址", present(r.get(3)?)),
        ("联系电话", present(r.get(4)?)),
    ];
    Ok(fields
        .into_iter()
        .filter_map(|(label, v)| {
            let v = v.filter(|v| usable(v))?;
            let t = Trait {
                label,
                shown: v.clone(),
                value: v,
                evidence: record(Kind::Companies, id),
            };
            Some((key.clone(), t))
        })
        .collect())
}

fn owns_or_represents(s: &Stake) -> bool {
    s.table == Kind::Companies
        || s.share.is_some_and(|x| x > 0.0)
        || ["股东", "法定代表人", "法人"]
            .iter()
            .any(|w| s.role.contains(w))
}

/// The groups of bidders of one tender linked by shared traits.
fn collusions(tender: &str, bidders: &[&Bidder]) -> Vec<AlertDraft> {
    let mut holders: BTreeMap<(&str, &str), BTreeSet<usize>> = BTreeMap::new();
    for (i, b) in bidders.iter().enumerate() {
        for t in b.traits() {
            holders.entry((t.label, &t.value)).or_default().insert(i);
        }
    }
    let shared: Vec<((&str, &str), BTreeSet<usize>)> = holders
        .into_iter()
        .filter(|(_, who)| who.len() > 1)
        .collect();
    let mut group: Vec<usize> = (0..bidders.len()).collect();
    for (_, who) in &shared {
        let first = *who.iter().next().unwrap_or(&0);
        for &other in who {
            join(&mut group, first, other);
        }
    }
    let mut components: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (_, who) in &shared {
        for &i in who {
            components.entry(root(&mut group, i)).or_default().insert(i);
        }
    }
    components
        .values()
        .map(|members| alert(tender, bidders, members, &shared))
        .collect()
}

fn root(group: &mut [usize], mut i: usize) -> usize {
    while group[i] != i {
        group[i] = group[group[i]];
        i = group[i];
    }
    i
}

fn join(group: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (root(group, a), root(group, b));
    group[ra.max(rb)] = ra.min(rb);
}

type Shared<'a> = ((&'a str, &'a str), BTreeSet<usize>);

fn alert(
    tender: &str,
    bidders: &[&Bidder],
    members: &BTreeSet<usize>,
    shared: &[Shared<'_>],
) -> AlertDraft {
    let mut subjects = vec![subject(SubjectType::Tender, tender, tender, "tender")];
    let mut evidence = Vec::new();
    let mut said: BTreeMap<&BTreeSet<usize>, Vec<String>> = BTreeMap::new();
    for ((label, value), who) in shared.iter().filter(|(_, w)| w.is_subset(members)) {
        let shown = trait_shown(bidders, who, label, value);
        said.entry(who)
            .or_default()
            .push(format!("同一{label}({shown})"));
        for &i in who {
            let uses = bidders[i]
                .traits()
                .filter(|t| t.label == *label && t.value == *value);
            evidence.extend(uses.map(|t| t.evidence.clone()));
        }
    }
    let said: Vec<String> = said
        .into_iter()
        .map(|(who, what)| {
            let names: Vec<&str> = who.iter().map(|&i| bidders[i].name.as_str()).collect();
            format!("{}使用{}", names.join("与"), what.join("、"))
        })
        .collect();
    let mut keys = Vec::new();
    for &i in members {
        let b = bidders[i];
        subjects.push(subject(SubjectType::Company, &b.key, &b.name, "bidder"));
        keys.push(b.key.as_str());
        evidence.extend(b.rows.iter().cloned());
    }
    AlertDraft {
        model: ID,
        severity: Severity::High,
        subjects,
        summary: format!("招标项目{tender}中,{}", said.join(";")),
        evidence: tidy(evidence),
        key: format!("{ID}|{tender}|{}", keys.join(",")),
    }
}

fn trait_shown(bidders: &[&Bidder], who: &BTreeSet<usize>, label: &str, value: &str) -> String {
    who.iter()
        .flat_map(|&i| bidders[i].traits())
        .find(|t| t.label == label && t.value == value)
        .map_or_else(|| value.to_string(), |t| t.shown.clone())
}
