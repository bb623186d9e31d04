//! Procurement: contracts (company → unit `contracted_with`, one link per contract, and
//! both parties `party_to` the contract entity) and bids (company → tender `bid_in`).
//! Tenders are keyed by tender number and contracts by contract number; a contract
//! without a number makes no contract entity, but its `contracted_with` link stands.

use serde_json::json;

use super::companies::{company, CompanyNames};
use super::derived::{present, yuan, Derived, Ent, NewLink};
use super::model::{EntityType, LinkType};
use super::units::unit;
use super::Run;
use crate::error::Result;
use crate::kinds::Kind;

fn numbered(
    d: &mut Derived,
    ty: EntityType,
    number: Option<&str>,
    name: Option<&str>,
    source: (Kind, i64),
) -> Option<Ent> {
    let number = present(number)?;
    let e = d.entity(ty, number, Some(true), present(name).or(Some(number)));
    d.source(e, source.0, source.1);
    Some(e)
}

struct ContractRow {
    src: (Kind, i64),
    contract_no: Option<String>,
    project: Option<String>,
    item: Option<String>,
    unit_price: Option<f64>,
    quantity: Option<f64>,
    amount: Option<f64>,
    signed: Option<String>,
}

pub(super) fn contracts_job(
    conn: &rusqlite::Connection,
    d: &mut Derived,
    names: &CompanyNames,
    run: &mut Run<'_>,
) -> Result<()> {
    let sql =
        "SELECT id, contract_no, buyer_unit, supplier_name, supplier_uscc, supplier_uscc_valid,
                      project, item, unit_price, quantity, amount, signed_date
               FROM contracts ORDER BY id";
    run.scan(conn, "contracts", sql, |r| {
        let row = ContractRow {
            src: (Kind::Contracts, r.get(0)?),
            contract_no: r.get(1)?,
            project: r.get(6)?,
            item: r.get(7)?,
            unit_price: r.get(8)?,
            quantity: r.get(9)?,
            amount: r.get(10)?,
            signed: r.get(11)?,
        };
        let (buyer, supplier, code): (Option<String>, Option<String>, Option<String>) =
            (r.get(2)?, r.get(3)?, r.get(4)?);
        let c = company(
            d,
            names,
            code.as_deref(),
            r.get(5)?,
            supplier.as_deref(),
            row.src,
        );
        let u = unit(d, buyer.as_deref(), row.src);
        let k = numbered(
            d,
            EntityType::Contract,
            row.contract_no.as_deref(),
            row.project.as_deref(),
            row.src,
        );
        contract_links(d, &row, c, u, k);
        Ok(())
    })
}

fn contract_links(
    d: &mut Derived,
    row: &ContractRow,
    company: Option<Ent>,
    unit: Option<Ent>,
    contract: Option<Ent>,
) {
    let (kind, id) = row.src;
    if let (Some(c), Some(u)) = (company, unit) {
        let detail = json!({
            "contract_no": row.contract_no, "project": row.project, "item": row.item,
            "unit_price": row.unit_price, "quantity": row.quantity, "amount": row.amount,
            "signed_date": row.signed,
        });
        let merge_key = row.contract_no.clone().unwrap_or_else(|| format!("#{id}"));
        let link = NewLink::new(LinkType::ContractedWith, c, u, contract_label(row))
            .detail(detail)
            .span(row.signed.clone(), row.signed.clone())
            .merge_key(merge_key)
            .source(kind, id);
        d.link(link);
    }
    let Some(k) = contract else { return };
    for (party, role) in [(company, "供应商"), (unit, "采购单位")] {
        if let Some(p) = party {
            let link = NewLink::new(LinkType::PartyTo, p, k, role)
                .detail(json!({ "role": role }))
                .span(row.signed.clone(), row.signed.clone())
                .source(kind, id);
            d.link(link);
        }
    }
}

/// "合同(2023-05-06, 1,200,000元)".
fn contract_label(row: &ContractRow) -> String {
    let parts: Vec<String> = [row.signed.clone(), row.amount.map(yuan)]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        "合同".to_string()
    } else {
        format!("合同({})", parts.join(", "))
    }
}

pub(super) fn bids_job(
    conn: &rusqlite::Connection,
    d: &mut Derived,
    names: &CompanyNames,
    run: &mut Run<'_>,
) -> Result<()> {
    let sql = "SELECT id, tender_no, bidder_name, bidder_uscc, bidder_uscc_valid, bid_price, won
               FROM bids ORDER BY id";
    run.scan(conn, "bids", sql, |r| {
        let src = (Kind::Bids, r.get::<_, i64>(0)?);
        let (tender_no, name, code): (Option<String>, Option<String>, Option<String>) =
            (r.get(1)?, r.get(2)?, r.get(3)?);
        let c = company(d, names, code.as_deref(), r.get(4)?, name.as_deref(), src);
        let t = numbered(d, EntityType::Tender, tender_no.as_deref(), None, src);
        let (Some(c), Some(t)) = (c, t) else {
            return Ok(());
        };
        let (price, won): (Option<f64>, Option<i64>) = (r.get(5)?, r.get(6)?);
        let link = NewLink::new(LinkType::BidIn, c, t, bid_label(price, won))
            .detail(json!({ "bid_price": price, "won": won.map(|w| w == 1) }))
            .source(src.0, src.1);
        d.link(link);
        Ok(())
    })
}

/// "投标(报价 1,000,000元, 中标)".
fn bid_label(price: Option<f64>, won: Option<i64>) -> String {
    let parts: Vec<String> = [
        price.map(|p| format!("报价 {}", yuan(p))),
        (won == Some(1)).then(|| "中标".to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        "投标".to_string()
    } else {
        format!("投标({})", parts.join(", "))
    }
}
