//! `kickback-flow` 资金回流: within 180 days after a contract is signed, money flows from
//! the supplier — its own accounts, or its shareholders' and legal representative's — to
//! an official serving at the buyer unit on the signing day, or to a relative of theirs,
//! directly or through at most 2 intermediate accounts. Hops are in time order, each no
//! earlier than the one before, and the whole path lies between the signing day and 180
//! days after it. The alert shows each path with its amounts and times.
//!
//! Not in `models.md`, both parameters an investigator can loosen: every hop carries at
//! least `min_amount` (default 5,000 — the gift threshold; pocket money between
//! acquaintances is not a kickback), and money is passed on within `hop_days` (default
//! 30) of reaching an intermediate (an account that pays someone months later is not
//! passing the supplier's money on). Money between family members (a giver who is the
//! official or a relative) is left out. One alert per supplier and official.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::festival_gifts::{contract_text, dedup_subjects};
use super::money::{evidence, fen_of, id_type, Acct, End, Ledger};
use super::parties::{
    accounts_of, circle, contracts, officials, Contract, Giver, Member, Official, Suppliers,
};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{
    AlertDraft, Model, ModelContext, ModelSpec, ParamSpec, ParamValue, Params, RecordRef, Severity,
    Subject, SubjectType,
};

pub struct KickbackFlow;

const ID: &str = "kickback-flow";
/// Hops tried from one supplier account, at most.
const BUDGET: usize = 20_000;

struct Rule {
    days: i64,
    max_mid: usize,
    min_fen: i64,
    hop: i64,
}

impl Rule {
    fn of(p: &Params) -> Rule {
        Rule {
            days: p.integer("window_days"),
            max_mid: p.integer("max_intermediates").clamp(0, 4) as usize,
            min_fen: fen_of(p.number("min_amount")),
            hop: p.integer("hop_days") * 86_400,
        }
    }
}

/// One path of money from a giver's account into the official's circle.
#[derive(Clone)]
struct Path {
    hops: Vec<u32>,
    giver: Giver,
    member: Member,
    contract: Contract,
}

impl Model for KickbackFlow {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "资金回流",
            description: "合同签订后180天内,资金从供应商(企业账户、股东或法定代表人账户)直接或经不超过2个中间账户流向采购单位在任公职人员或其亲属",
            needs: &[
                Kind::BankTransactions,
                Kind::Contracts,
                Kind::Officials,
                Kind::CompanyPeople,
                Kind::Companies,
                Kind::Households,
            ],
            params: vec![
                ParamSpec {
                    name: "window_days",
                    description: "合同签订后的天数",
                    default: ParamValue::Integer(180),
                },
                ParamSpec {
                    name: "max_intermediates",
                    description: "中间账户最多个数",
                    default: ParamValue::Integer(2),
                },
                ParamSpec {
                    name: "min_amount",
                    description: "每一笔转账不少于(元)",
                    default: ParamValue::Number(5_000.0),
                },
                ParamSpec {
                    name: "hop_days",
                    description: "中间账户收款后转出的时限(天)",
                    default: ParamValue::Integer(30),
                },
            ],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let ledger = ctx.cache.ledger(ctx.conn)?;
        let rule = Rule::of(ctx.params);
        let kin = ctx.cache.kin(ctx.conn)?;
        let suppliers = Suppliers::load(ctx.conn)?;
        // Each official with their circle's accounts, by unit: computed once, not once
        // per contract of the unit.
        let mut by_unit: HashMap<String, Vec<Serving>> = HashMap::new();
        for o in officials(ctx.conn)? {
            let members = circle(ledger, &o, kin);
            if !members.is_empty() {
                by_unit
                    .entry(o.unit.clone())
                    .or_default()
                    .push((o, members));
            }
        }
        let mut groups: BTreeMap<(String, String), (Official, Vec<Path>)> = BTreeMap::new();
        for c in contracts(ctx.conn)? {
            ctx.cancel.check()?;
            let Some(serving) = by_unit.get(&c.buyer) else {
                continue;
            };
            let givers = suppliers.givers(&c);
            for (o, members) in serving.iter().filter(|(o, _)| o.serves_on(c.signed)) {
                let found = paths(ledger, &rule, &c, &givers, members);
                let entry = groups
                    .entry((c.supplier_key.clone(), o.id.clone()))
                    .or_insert_with(|| (o.clone(), Vec::new()));
                merge(&mut entry.1, found);
            }
        }
        Ok(groups
            .into_values()
            .filter_map(|(o, p)| alert(ledger, &o, &p))
            .collect())
    }
}

/// An official of a unit with the accounts of their circle.
type Serving = (Official, HashMap<Acct, Member>);

/// Adds paths, keeping for a path found from several contracts the latest contract.
fn merge(into: &mut Vec<Path>, found: Vec<Path>) {
    for p in found {
        match into.iter_mut().find(|q| q.hops == p.hops) {
            Some(q) if q.contract.signed < p.contract.signed => *q = p,
            Some(_) => {}
            None => into.push(p),
        }
    }
}

/// Every path from the supplier's givers into the circle after contract `c`.
fn paths(
    ledger: &Ledger,
    rule: &Rule,
    c: &Contract,
    givers: &[Cow<'_, Giver>],
    members: &HashMap<Acct, Member>,
) -> Vec<Path> {
    let family: Vec<&str> = members.values().map(|m| m.id.as_str()).collect();
    let mut sources: HashMap<Acct, &Giver> = HashMap::new();
    for g in givers.iter().filter(|g| !family.contains(&g.id.as_str())) {
        let company = (g.role == "企业本身").then_some(c.supplier.as_str());
        for a in accounts_of(ledger, &g.id, company) {
            if !members.contains_key(&a) {
                sources.entry(a).or_insert(g.as_ref());
            }
        }
    }
    let Some(start) = c
        .signed
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut sorted: Vec<(&Acct, &&Giver)> = sources.iter().collect();
    sorted.sort_by_key(|(a, _)| **a);
    for (&a, &g) in sorted {
        let mut s = Search {
            ledger,
            rule,
            members,
            sources: &sources,
            end: start + (rule.days + 1) * 86_400 - 1,
            path: Vec::new(),
            visited: vec![a],
            found: Vec::new(),
            budget: BUDGET,
        };
        s.walk(a, start, None);
        for (hops, member) in s.found {
            out.push(Path {
                hops,
                giver: (*g).clone(),
                member,
                contract: c.clone(),
            });
        }
    }
    out
}

struct Search<'a> {
    ledger: &'a Ledger,
    rule: &'a Rule,
    members: &'a HashMap<Acct, Member>,
    sources: &'a HashMap<Acct, &'a Giver>,
    end: i64,
    path: Vec<u32>,
    visited: Vec<Acct>,
    found: Vec<(Vec<u32>, Member)>,
    budget: usize,
}

impl Search<'_> {
    /// Follows transfers out of `at` from `since` on (within `hop_days` once the money
    /// has passed an intermediate).
    fn walk(&mut self, at: Acct, since: i64, hop_end: Option<i64>) {
        let until = hop_end.map_or(self.end, |h| h.min(self.end));
        let out = self.ledger.outgoing(at);
        let lo = out.partition_point(|&i| self.ledger.get(i).at < since);
        for &i in &out[lo..] {
            let t = *self.ledger.get(i);
            if t.at > until || self.budget == 0 {
                break;
            }
            let End::Account(to) = t.to else { continue };
            if t.fen < self.rule.min_fen
                || self.visited.contains(&to)
                || self.sources.contains_key(&to)
            {
                continue;
            }
            self.budget -= 1;
            self.path.push(i);
            if let Some(m) = self.members.get(&to) {
                self.found.push((self.path.clone(), m.clone()));
            } else if self.path.len() <= self.rule.max_mid {
                self.visited.push(to);
                self.walk(to, t.at, Some(t.at + self.rule.hop));
                self.visited.pop();
            }
            self.path.pop();
        }
    }
}

fn alert(ledger: &Ledger, o: &Official, paths: &[Path]) -> Option<AlertDraft> {
    let first = paths.first()?;
    let parts: Vec<String> = paths.iter().map(|p| path_text(ledger, o, p)).collect();
    let mut contracts: Vec<&Contract> = paths.iter().map(|p| &p.contract).collect();
    contracts.sort_by_key(|c| (c.signed, c.record));
    contracts.dedup_by_key(|c| c.record);
    let ctext: Vec<String> = contracts.iter().map(|c| contract_text(c)).collect();
    let summary = format!(
        "{}任职期间,供应商{}与{}签订合同{};合同签订后180天内,资金{}次流向{}或其亲属:{}。",
        o.text(),
        first.contract.supplier,
        o.unit,
        ctext.join("、"),
        paths.len(),
        o.name,
        parts.join(";")
    );
    let direct = paths.iter().any(|p| p.hops.len() == 1);
    Some(AlertDraft {
        model: ID,
        severity: if direct || paths.len() > 1 {
            Severity::High
        } else {
            Severity::Medium
        },
        subjects: subjects(ledger, o, paths),
        summary,
        evidence: evidence(refs(ledger, o, paths)),
        key: format!("{ID}|{}|{}", first.contract.supplier_key, o.id),
    })
}

fn path_text(ledger: &Ledger, o: &Official, p: &Path) -> String {
    let Some(&first) = p.hops.first() else {
        return String::new();
    };
    let f = ledger.get(first);
    let mut text = if p.giver.role == "企业本身" {
        ledger.end_text(f.from)
    } else {
        format!(
            "{}{}的账户{}",
            p.giver.role,
            p.giver.name,
            ledger.end_text(f.from)
        )
    };
    let mut last_at = f.at;
    for &i in &p.hops {
        let t = ledger.get(i);
        last_at = t.at;
        text.push_str(&format!(
            " —{} 转出{}→ {}",
            super::money::minute(t.at),
            ledger.money(t.fen, t.currency),
            ledger.end_text(t.to)
        ));
    }
    let days = days_between(p.contract.signed, last_at);
    let via = match p.hops.len() {
        1 => "直接转入".to_string(),
        n => format!("经{}个中间账户", n - 1),
    };
    format!(
        "{text}(收款人为{},合同{}签订后第{}天到账,{})",
        p.member.text(o),
        p.contract.no,
        days,
        via
    )
}

fn days_between(signed: NaiveDate, at: i64) -> i64 {
    let start = signed
        .and_hms_opt(0, 0, 0)
        .map_or(at, |t| t.and_utc().timestamp());
    at.div_euclid(86_400) - start.div_euclid(86_400)
}

fn subjects(ledger: &Ledger, o: &Official, paths: &[Path]) -> Vec<Subject> {
    let person = |id: &str, name: &str, role: &str| Subject {
        subject_type: id_type(id),
        id: id.to_string(),
        name: name.to_string(),
        role: role.to_string(),
    };
    let account = |a: Acct, role: &str| Subject {
        subject_type: SubjectType::Account,
        id: ledger.digits(a).to_string(),
        name: ledger
            .holder(a)
            .and_then(|h| h.name.clone())
            .unwrap_or_default(),
        role: role.to_string(),
    };
    let mut out = vec![person(&o.id, &o.name, "official")];
    for p in paths {
        if p.member.is.is_some() {
            out.push(person(&p.member.id, &p.member.name, "relative"));
        }
        out.push(person(
            &p.contract.supplier_key,
            &p.contract.supplier,
            "company",
        ));
        if p.giver.role != "企业本身" {
            out.push(person(&p.giver.id, &p.giver.name, "giver"));
        }
        out.push(Subject {
            subject_type: SubjectType::Contract,
            id: p.contract.no.clone(),
            name: p.contract.no.clone(),
            role: "contract".to_string(),
        });
        for (k, &i) in p.hops.iter().enumerate() {
            let End::Account(to) = ledger.get(i).to else {
                continue;
            };
            let role = if k + 1 == p.hops.len() {
                "account"
            } else {
                "intermediate"
            };
            out.push(account(to, role));
        }
    }
    dedup_subjects(out)
}

fn refs(ledger: &Ledger, o: &Official, paths: &[Path]) -> Vec<RecordRef> {
    let mut out = vec![o.record_ref()];
    for p in paths {
        out.push(p.contract.record_ref());
        out.extend(p.giver.records.iter().cloned());
        out.extend(p.member.records.iter().cloned());
        for &i in &p.hops {
            out.extend(ledger.get(i).records());
        }
    }
    out
}

#[cfg(test)]
mod tests;
