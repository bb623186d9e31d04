//! `festival-gifts` 节日前后收受: an official, or a relative of theirs, receives at least
//! 5,000 from a supplier of the official's unit — from the company's own accounts, a
//! shareholder's or the legal representative's — on Spring Festival, Dragon Boat or
//! Mid-Autumn day or in the 5 days before it. Festival dates come from the lunar
//! calendar (`lunar.rs`). A supplier is a company holding a contract with the unit; the
//! official must be serving there on the day of the transfer. Money between family
//! members (a giver who is the official or one of their relatives) is not a gift from a
//! supplier and is left out. Direct transfers only, in yuan. One alert per official and
//! festival.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::lunar::{festival_near, Festival};
use super::money::{day, evidence, fen_of, minute, yuan, Acct, End, Ledger};
use super::parties::{
    accounts_of, circle, contracts, officials, Contract, Giver, Kinsman, Member, Official,
    Suppliers,
};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{
    AlertDraft, Model, ModelContext, ModelSpec, ParamSpec, ParamValue, RecordRef, Severity,
    Subject, SubjectType,
};

pub struct FestivalGifts;

const ID: &str = "festival-gifts";

/// One gift: the transfer, who gave, who received, and the supplier's contracts.
struct Gift {
    transfer: u32,
    giver: Giver,
    company: Contract,
    contracts: Vec<Contract>,
    member: Member,
    receiving: Acct,
}

struct Rule {
    min_fen: i64,
    days_before: i64,
    festivals: Vec<Festival>,
}

/// What every official's search needs.
struct Case<'a> {
    ledger: &'a Ledger,
    kin: &'a HashMap<String, Vec<Kinsman>>,
    by_unit: &'a HashMap<String, Vec<Contract>>,
    suppliers: &'a Suppliers,
    rule: &'a Rule,
    cny: u16,
}

impl Model for FestivalGifts {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "节日前后收受",
            description: "公职人员或其亲属在春节、端午、中秋当天或节前5天内收到本单位供应商(企业账户、股东或法定代表人)5,000元以上转账",
            needs: &[Kind::BankTransactions, Kind::Officials, Kind::Contracts],
            params: vec![
                ParamSpec {
                    name: "min_amount",
                    description: "单笔金额不少于(元)",
                    default: ParamValue::Number(5_000.0),
                },
                ParamSpec {
                    name: "days_before",
                    description: "节前天数(含节日当天)",
                    default: ParamValue::Integer(5),
                },
                ParamSpec {
                    name: "festivals",
                    description: "关注的节日(农历)",
                    default: ParamValue::List(vec![
                        "春节".to_string(),
                        "端午节".to_string(),
                        "中秋节".to_string(),
                    ]),
                },
            ],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let ledger = ctx.cache.ledger(ctx.conn)?;
        let Some(cny) = ledger.cny() else {
            return Ok(Vec::new());
        };
        let rule = Rule {
            min_fen: fen_of(ctx.params.number("min_amount")),
            days_before: ctx.params.integer("days_before"),
            festivals: ctx
                .params
                .list("festivals")
                .iter()
                .filter_map(|f| Festival::from_label(f))
                .collect(),
        };
        let mut by_unit: HashMap<String, Vec<Contract>> = HashMap::new();
        for c in contracts(ctx.conn)? {
            by_unit.entry(c.buyer.clone()).or_default().push(c);
        }
        let case = Case {
            ledger,
            kin: ctx.cache.kin(ctx.conn)?,
            by_unit: &by_unit,
            suppliers: &Suppliers::load(ctx.conn)?,
            rule: &rule,
            cny,
        };
        let mut groups: BTreeMap<(String, NaiveDate), (Official, Festival, Vec<Gift>)> =
            BTreeMap::new();
        let mut sides: HashMap<String, UnitSide<'_>> = HashMap::new();
        for official in officials(ctx.conn)? {
            ctx.cancel.check()?;
            let side = sides
                .entry(official.unit.clone())
                .or_insert_with(|| UnitSide::of(&case, &official.unit));
            for (f, date, gift) in gifts_to(&case, side, &official) {
                let entry = groups
                    .entry((official.id.clone(), date))
                    .or_insert_with(|| (official.clone(), f, Vec::new()));
                if !entry.2.iter().any(|g| g.transfer == gift.transfer) {
                    entry.2.push(gift);
                }
            }
        }
        Ok(groups
            .into_iter()
            .map(|((_, date), (o, f, gifts))| alert(ledger, &o, f, date, &gifts))
            .collect())
    }
}

/// A unit's suppliers (their contracts with the unit, by supplier key), their givers,
/// and which giver holds each account: built once per unit, then every official of the
/// unit looks only at the money their circle received.
struct UnitSide<'a> {
    suppliers: Vec<Vec<&'a Contract>>,
    givers: Vec<Vec<Cow<'a, Giver>>>,
    /// Account → (supplier, giver) pairs holding it, in supplier then giver order.
    by_account: HashMap<Acct, Vec<(usize, usize)>>,
}

impl<'a> UnitSide<'a> {
    fn of(case: &Case<'a>, unit: &str) -> UnitSide<'a> {
        let mut grouped: BTreeMap<&str, Vec<&Contract>> = BTreeMap::new();
        for c in case.by_unit.get(unit).into_iter().flatten() {
            grouped.entry(c.supplier_key.as_str()).or_default().push(c);
        }
        let suppliers: Vec<Vec<&Contract>> = grouped.into_values().collect();
        let mut side = UnitSide {
            givers: Vec::with_capacity(suppliers.len()),
            suppliers,
            by_account: HashMap::new(),
        };
        for (s, list) in side.suppliers.iter().enumerate() {
            let first = list[0];
            let givers = case.suppliers.givers(first);
            for (g, giver) in givers.iter().enumerate() {
                let company = (giver.role == "企业本身").then_some(first.supplier.as_str());
                for a in accounts_of(case.ledger, &giver.id, company) {
                    side.by_account.entry(a).or_default().push((s, g));
                }
            }
            side.givers.push(givers);
        }
        side
    }
}

fn gifts_to(
    case: &Case<'_>,
    side: &UnitSide<'_>,
    o: &Official,
) -> Vec<(Festival, NaiveDate, Gift)> {
    let members = circle(case.ledger, o, case.kin);
    if members.is_empty() {
        return Vec::new();
    }
    let family: Vec<&str> = members.values().map(|m| m.id.as_str()).collect();
    // Every transfer into the circle from a giver's account, in the order a walk over
    // suppliers, givers, their accounts and each account's transfers in time would meet
    // them: the first giver to claim a transfer names it.
    let mut seen = Vec::new();
    for &m in members.keys() {
        for &i in case.ledger.incoming(m) {
            let t = case.ledger.get(i);
            let End::Account(from) = t.from else { continue };
            for &(s, g) in side.by_account.get(&from).into_iter().flatten() {
                let giver = &side.givers[s][g];
                if family.contains(&giver.id.as_str()) || giver.id == o.id {
                    continue;
                }
                seen.push((s, g, from, t.at, i));
            }
        }
    }
    seen.sort_unstable();
    let mut out = Vec::new();
    for (s, g, _, _, i) in seen {
        if let Some((f, date, member, receiving)) = gift(case, o, &members, i) {
            let list = &side.suppliers[s];
            out.push((
                f,
                date,
                Gift {
                    transfer: i,
                    giver: side.givers[s][g].clone().into_owned(),
                    company: list[0].clone(),
                    contracts: list.iter().map(|c| (*c).clone()).collect(),
                    member,
                    receiving,
                },
            ));
        }
    }
    out
}

/// Whether transfer `i` is a festival gift to the official's circle.
fn gift(
    case: &Case<'_>,
    o: &Official,
    members: &HashMap<Acct, Member>,
    i: u32,
) -> Option<(Festival, NaiveDate, Member, Acct)> {
    let t = case.ledger.get(i);
    let End::Account(to) = t.to else { return None };
    let member = members.get(&to)?;
    if t.currency != case.cny || t.fen < case.rule.min_fen {
        return None;
    }
    let on = NaiveDate::parse_from_str(&day(t.at), "%Y-%m-%d").ok()?;
    if !o.serves_on(on) {
        return None;
    }
    let (f, date) = festival_near(on, case.rule.days_before, &case.rule.festivals)?;
    Some((f, date, member.clone(), to))
}

fn alert(
    ledger: &Ledger,
    o: &Official,
    f: Festival,
    date: NaiveDate,
    gifts: &[Gift],
) -> AlertDraft {
    let parts: Vec<String> = gifts
        .iter()
        .map(|g| gift_text(ledger, o, f, date, g))
        .collect();
    let total: i64 = gifts.iter().map(|g| ledger.get(g.transfer).fen).sum();
    let summary = format!(
        "{}在{}({})前后收受本单位供应商资金{}笔,共{}:{}。",
        o.text(),
        f.label(),
        date.format("%Y-%m-%d"),
        gifts.len(),
        yuan(total),
        parts.join(";")
    );
    AlertDraft {
        model: ID,
        severity: if total >= fen_of(20_000.0) {
            Severity::High
        } else {
            Severity::Medium
        },
        subjects: subjects(ledger, o, gifts),
        summary,
        evidence: evidence(refs(ledger, o, gifts)),
        key: format!("{ID}|{}|{}|{}", o.id, f.label(), date.format("%Y-%m-%d")),
    }
}

fn gift_text(ledger: &Ledger, o: &Official, f: Festival, date: NaiveDate, g: &Gift) -> String {
    let t = ledger.get(g.transfer);
    let gap = (date - NaiveDate::parse_from_str(&day(t.at), "%Y-%m-%d").unwrap_or(date)).num_days();
    let when = if gap == 0 {
        format!("{}当天", f.label())
    } else {
        format!("{}{}前{}天", f.label(), date.format("%Y-%m-%d"), gap)
    };
    let giver = if g.giver.role == "企业本身" {
        format!(
            "供应商{}的账户{}",
            g.company.supplier,
            ledger.end_text(t.from)
        )
    } else {
        let from = match t.from {
            End::Account(a) => ledger.digits(a).to_string(),
            other => ledger.end_text(other),
        };
        format!(
            "供应商{}的{}{}(账户{from})",
            g.company.supplier, g.giver.role, g.giver.name
        )
    };
    let contracts: Vec<String> = g.contracts.iter().map(contract_text).collect();
    format!(
        "{}收到{}转账{},{}转入{}({});该公司与{}签有合同{}",
        g.member.text(o),
        giver,
        yuan(t.fen),
        minute(t.at),
        ledger.account_text(g.receiving),
        when,
        o.unit,
        contracts.join("、")
    )
}

pub(super) fn contract_text(c: &Contract) -> String {
    match c.amount {
        Some(a) => format!(
            "{}({}签订,金额{})",
            c.no,
            c.signed.format("%Y-%m-%d"),
            yuan((a * 100.0).round() as i64)
        ),
        None => format!("{}({}签订)", c.no, c.signed.format("%Y-%m-%d")),
    }
}

fn subjects(ledger: &Ledger, o: &Official, gifts: &[Gift]) -> Vec<Subject> {
    let person = |id: &str, name: &str, role: &str| Subject {
        subject_type: super::money::id_type(id),
        id: id.to_string(),
        name: name.to_string(),
        role: role.to_string(),
    };
    let mut out = vec![person(&o.id, &o.name, "official")];
    for g in gifts {
        if g.member.is.is_some() {
            out.push(person(&g.member.id, &g.member.name, "relative"));
        }
        if g.giver.role != "企业本身" {
            out.push(person(&g.giver.id, &g.giver.name, "giver"));
        }
        out.push(person(
            &g.company.supplier_key,
            &g.company.supplier,
            "company",
        ));
        for c in &g.contracts {
            out.push(Subject {
                subject_type: SubjectType::Contract,
                id: c.no.clone(),
                name: c.no.clone(),
                role: "contract".to_string(),
            });
        }
        out.push(Subject {
            subject_type: SubjectType::Account,
            id: ledger.digits(g.receiving).to_string(),
            name: g.member.name.clone(),
            role: "account".to_string(),
        });
    }
    dedup_subjects(out)
}

/// Subjects in first-seen order, each once.
pub(super) fn dedup_subjects(list: Vec<Subject>) -> Vec<Subject> {
    let mut out: Vec<Subject> = Vec::new();
    for s in list {
        if !out
            .iter()
            .any(|x| x.subject_type == s.subject_type && x.id == s.id && x.role == s.role)
        {
            out.push(s);
        }
    }
    out
}

fn refs(ledger: &Ledger, o: &Official, gifts: &[Gift]) -> Vec<RecordRef> {
    let mut out = vec![o.record_ref()];
    for g in gifts {
        out.extend(ledger.get(g.transfer).records());
        out.extend(g.giver.records.iter().cloned());
        out.extend(g.member.records.iter().cloned());
        out.extend(g.contracts.iter().map(Contract::record_ref));
    }
    out
}

#[cfg(test)]
mod tests;
