//! `benefit-proxy` 代领冒领: a benefit paid into an account whose holder is not the
//! beneficiary, or, within 3 days of a payment into the beneficiary's own account, at
//! least 80% of it moving on to an official's or cadre's account. The alert names who
//! received the money.
//!
//! Whose account it is: the holder's ID number from the bank statements where the
//! account has one (compared with the beneficiary's ID number), else the payee name
//! written on the payment row (compared with the beneficiary's name, ignoring all
//! spaces, including non-breaking and ideographic ones). No name and no ID: no
//! finding. The receiver is named by ID where the statements give one; otherwise a
//! payee name that exactly one official or cadre carries is shown as that official,
//! and the summary says the match is by name only. A receiver who is a relative of the
//! beneficiary (family collecting for the elderly) is reported at low severity.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::money::{evidence, fen_of, id_type, minute, yuan, Acct, End, Ledger};
use super::parties::{date, officials, Kinsman, Official};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{
    AlertDraft, Model, ModelContext, ModelSpec, ParamSpec, ParamValue, RecordRef, Severity,
    Subject, SubjectType,
};

pub struct BenefitProxy;

const ID: &str = "benefit-proxy";

/// One benefit payment.
#[derive(Clone, Debug)]
struct Payment {
    record: i64,
    program: String,
    name: String,
    id: Option<String>,
    fen: i64,
    day: Option<NaiveDate>,
    account: String,
    payee: Option<String>,
}

impl Payment {
    /// The beneficiary's key: ID number, else name.
    fn who(&self) -> String {
        self.id.clone().unwrap_or_else(|| self.name.clone())
    }

    fn text(&self) -> String {
        let day = self
            .day
            .map_or(String::new(), |d| d.format("%Y-%m-%d").to_string());
        format!("{}{}({})", self.program, yuan(self.fen), day)
    }
}

/// Payments whose money moved on to one official, with the transfers, by beneficiary.
type Moved = BTreeMap<(String, String), Vec<(Payment, Vec<u32>)>>;

/// Who got the money.
#[derive(Clone, Debug)]
struct Receiver {
    id: Option<String>,
    name: String,
    official: Option<Official>,
    /// The receiver was found by name alone.
    by_name: bool,
}

/// Case-wide lookups.
struct Case<'l> {
    ledger: &'l Ledger,
    officials: Vec<Official>,
    kin: &'l HashMap<String, Vec<Kinsman>>,
}

impl Model for BenefitProxy {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: ID,
            name: "代领冒领",
            description: "惠民惠农资金发放到非本人账户(有证件号按证件号,否则按姓名比对),或发放后3天内80%以上从本人账户转入公职人员、村干部账户;指明实际收款人",
            needs: &[Kind::Benefits],
            params: vec![
                ParamSpec {
                    name: "days",
                    description: "发放后转出的天数",
                    default: ParamValue::Integer(3),
                },
                ParamSpec {
                    name: "min_share",
                    description: "转给公职人员的金额占发放金额的比例不低于",
                    default: ParamValue::Number(0.8),
                },
            ],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let case = Case {
            ledger: ctx.cache.ledger(ctx.conn)?,
            officials: officials(ctx.conn)?,
            kin: ctx.cache.kin(ctx.conn)?,
        };
        let payments = payments(ctx.conn)?;
        let mut elsewhere: BTreeMap<(String, String), (Receiver, Vec<Payment>)> = BTreeMap::new();
        let mut moved: Moved = BTreeMap::new();
        let days = ctx.params.integer("days");
        let share = ctx.params.number("min_share");
        for p in payments {
            ctx.cancel.check()?;
            match not_own(&case, &p) {
                Some(r) => elsewhere
                    .entry((p.who(), p.account.clone()))
                    .or_insert_with(|| (r, Vec::new()))
                    .1
                    .push(p),
                None => {
                    for (official, hops) in moved_on(&case, &p, days, share) {
                        moved
                            .entry((p.who(), official))
                            .or_default()
                            .push((p.clone(), hops));
                    }
                }
            }
        }
        let mut out: Vec<AlertDraft> = elsewhere
            .into_values()
            .filter_map(|(r, list)| elsewhere_alert(&case, &r, &list))
            .collect();
        out.extend(
            moved
                .into_iter()
                .filter_map(|((_, official), list)| moved_alert(&case, &official, &list)),
        );
        Ok(out)
    }
}

fn payments(conn: &rusqlite::Connection) -> Result<Vec<Payment>> {
    let mut stmt = conn.prepare(
        "SELECT id, program, name, id_number, amount, pay_date, account, account_holder
         FROM benefits WHERE account IS NOT NULL AND account <> '' ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Payment {
            record: r.get(0)?,
            program: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            name: squeeze(r.get::<_, Option<String>>(2)?.as_deref().unwrap_or("")),
            id: r
                .get::<_, Option<String>>(3)?
                .filter(|s| !s.trim().is_empty()),
            fen: fen_of(r.get::<_, Option<f64>>(4)?.unwrap_or(0.0)),
            day: date(r.get(5)?),
            account: r.get(6)?,
            payee: r
                .get::<_, Option<String>>(7)?
                .map(|s| squeeze(&s))
                .filter(|s| !s.is_empty()),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A name without any whitespace (non-breaking and ideographic spaces included).
fn squeeze(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The receiver when the account is not the beneficiary's; `None` when it is, or when
/// nothing tells.
fn not_own(case: &Case<'_>, p: &Payment) -> Option<Receiver> {
    let holder = case
        .ledger
        .account_of(&p.account)
        .and_then(|a| case.ledger.holder(a))
        .filter(|h| h.rank <= 1);
    if let (Some(h), Some(b)) = (holder.and_then(|h| h.id.as_deref()), p.id.as_deref()) {
        if h == b {
            return None;
        }
        let name = holder.and_then(|h| h.name.clone()).unwrap_or_default();
        let official = case.officials.iter().find(|o| o.id == h).cloned();
        return Some(Receiver {
            id: Some(h.to_string()),
            name,
            official,
            by_name: false,
        });
    }
    let payee = p
        .payee
        .clone()
        .or_else(|| holder.and_then(|h| h.name.as_deref().map(squeeze)))?;
    if p.name.is_empty() || payee == p.name {
        return None;
    }
    Some(by_name(case, &payee))
}

/// The receiver of a payee name: the one official or cadre of that name, if exactly one.
fn by_name(case: &Case<'_>, payee: &str) -> Receiver {
    let mut hits: Vec<&Official> = case
        .officials
        .iter()
        .filter(|o| squeeze(&o.name) == payee)
        .collect();
    hits.sort_by(|a, b| a.id.cmp(&b.id));
    hits.dedup_by(|a, b| a.id == b.id);
    match hits.as_slice() {
        [one] => Receiver {
            id: Some(one.id.clone()),
            name: payee.to_string(),
            official: Some((*one).clone()),
            by_name: true,
        },
        _ => Receiver {
            id: None,
            name: payee.to_string(),
            official: None,
            by_name: true,
        },
    }
}

/// Officials who received at least `share` of the payment from the beneficiary's
/// account within `days` days, with the transfers.
fn moved_on(case: &Case<'_>, p: &Payment, days: i64, share: f64) -> Vec<(String, Vec<u32>)> {
    let (Some(a), Some(day)) = (case.ledger.account_of(&p.account), p.day) else {
        return Vec::new();
    };
    let Some(start) = day.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp()) else {
        return Vec::new();
    };
    let end = start + (days + 1) * 86_400 - 1;
    let mut per: BTreeMap<String, (i64, Vec<u32>)> = BTreeMap::new();
    let out = case.ledger.outgoing(a);
    let lo = out.partition_point(|&i| case.ledger.get(i).at < start);
    for &i in &out[lo..] {
        let t = case.ledger.get(i);
        if t.at > end {
            break;
        }
        let End::Account(to) = t.to else { continue };
        if case.ledger.currency_code(t.currency) != "CNY" {
            continue;
        }
        if let Some(o) = official_of(case, to, day) {
            let e = per.entry(o.id.clone()).or_default();
            e.0 += t.fen;
            e.1.push(i);
        }
    }
    per.into_iter()
        .filter(|(id, (sum, _))| {
            Some(id.as_str()) != p.id.as_deref() && *sum as f64 >= share * p.fen as f64
        })
        .map(|(id, (_, list))| (id, list))
        .collect()
}

/// The official (serving on `day`) who holds account `a`.
fn official_of<'c>(case: &'c Case<'_>, a: Acct, day: NaiveDate) -> Option<&'c Official> {
    let h = case.ledger.holder(a)?;
    let id = h.id.as_deref()?;
    case.officials
        .iter()
        .find(|o| o.id == id && o.serves_on(day))
}

fn is_relative(
    case: &Case<'_>,
    beneficiary: Option<&str>,
    receiver: Option<&str>,
) -> Option<String> {
    let (b, r) = (beneficiary?, receiver?);
    case.kin
        .get(b)?
        .iter()
        .find(|k| k.id == r)
        .map(|k| k.is.clone())
}

fn elsewhere_alert(case: &Case<'_>, r: &Receiver, list: &[Payment]) -> Option<AlertDraft> {
    let p = list.first()?;
    let total: i64 = list.iter().map(|x| x.fen).sum();
    let items: Vec<String> = list.iter().map(Payment::text).collect();
    let relative = is_relative(case, p.id.as_deref(), r.id.as_deref());
    let summary = format!(
        "{}{}的{}笔惠民资金{}(共{})发放至账户{},该账户{},并非本人;实际收款人:{}。",
        p.name,
        p.id.as_deref()
            .map_or(String::new(), |i| format!("(身份证号{i})")),
        list.len(),
        items.join("、"),
        yuan(total),
        p.account,
        if r.by_name {
            format!("户名为{}", r.name)
        } else {
            format!("持有人为{}", r.name)
        },
        receiver_text(r, relative.as_deref())
    );
    let severity = match (&r.official, &relative) {
        (Some(_), _) => Severity::High,
        (None, Some(_)) => Severity::Low,
        _ => Severity::Medium,
    };
    let mut subjects = vec![beneficiary(p)];
    subjects.extend(receiver_subject(r));
    subjects.push(Subject {
        subject_type: SubjectType::Account,
        id: p.account.clone(),
        name: r.name.clone(),
        role: "account".to_string(),
    });
    let mut refs: Vec<RecordRef> = list
        .iter()
        .map(|x| RecordRef {
            table: "benefits",
            record_id: x.record,
        })
        .collect();
    refs.extend(r.official.as_ref().map(Official::record_ref));
    Some(AlertDraft {
        model: ID,
        severity,
        subjects,
        summary,
        evidence: evidence(refs),
        key: format!("{ID}|{}|{}", p.who(), p.account),
    })
}

fn receiver_text(r: &Receiver, relative: Option<&str>) -> String {
    let mut text = match (&r.official, &r.id) {
        (Some(o), _) => format!("{}(身份证号{})", o.text(), o.id),
        (None, Some(id)) => format!("{}(身份证号{id})", r.name),
        (None, None) => format!("{}(身份不明)", r.name),
    };
    if r.by_name && r.official.is_some() {
        text.push_str(",按户名与干部名册中唯一同名人员对应,未经账户证件核实");
    }
    if let Some(is) = relative {
        text.push_str(&format!(",系受益人的{is}"));
    }
    text
}

fn beneficiary(p: &Payment) -> Subject {
    Subject {
        subject_type: SubjectType::Person,
        id: p.who(),
        name: p.name.clone(),
        role: "beneficiary".to_string(),
    }
}

fn receiver_subject(r: &Receiver) -> Option<Subject> {
    let id = r.id.clone()?;
    Some(Subject {
        subject_type: id_type(&id),
        id,
        name: r.name.clone(),
        role: "receiver".to_string(),
    })
}

fn moved_alert(
    case: &Case<'_>,
    official: &str,
    list: &[(Payment, Vec<u32>)],
) -> Option<AlertDraft> {
    let (p, _) = list.first()?;
    let o = case.officials.iter().find(|o| o.id == official)?;
    let ledger = &case.ledger;
    let parts: Vec<String> = list
        .iter()
        .map(|(pay, hops)| {
            let moved: Vec<String> = hops
                .iter()
                .map(|&i| {
                    let t = ledger.get(i);
                    format!(
                        "{}转出{}至{}",
                        minute(t.at),
                        yuan(t.fen),
                        ledger.end_text(t.to)
                    )
                })
                .collect();
            format!(
                "{}发放至本人账户{},随后{}",
                pay.text(),
                pay.account,
                moved.join("、")
            )
        })
        .collect();
    let summary = format!(
        "{}{}的惠民资金发放后短期内大部转入{}(身份证号{})的账户:{}。",
        p.name,
        p.id.as_deref()
            .map_or(String::new(), |i| format!("(身份证号{i})")),
        o.text(),
        o.id,
        parts.join(";")
    );
    let mut refs = vec![o.record_ref()];
    for (pay, hops) in list {
        refs.push(RecordRef {
            table: "benefits",
            record_id: pay.record,
        });
        refs.extend(hops.iter().flat_map(|&i| ledger.get(i).records()));
    }
    let r = Receiver {
        id: Some(o.id.clone()),
        name: o.name.clone(),
        official: Some(o.clone()),
        by_name: false,
    };
    let mut subjects = vec![beneficiary(p)];
    subjects.extend(receiver_subject(&r));
    Some(AlertDraft {
        model: ID,
        severity: Severity::High,
        subjects,
        summary,
        evidence: evidence(refs),
        key: format!("{ID}|{}|{}|moved", p.who(), o.id),
    })
}

#[cfg(test)]
mod tests;
