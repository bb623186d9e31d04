//! The vocabulary of derived data: entity and link types with their stable codes and
//! Chinese labels, entity ids, and a reference to a source row. Plain values only; the
//! SQL that stores them lives in `write.rs` and `read.rs`.

use std::fmt;

use serde::Serialize;

/// What an entity is. `code()` is the stable text stored in `entities.type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Person,
    Company,
    Account,
    Unit,
    Tender,
    Contract,
}

impl EntityType {
    pub const ALL: [EntityType; 6] = [
        EntityType::Person,
        EntityType::Company,
        EntityType::Account,
        EntityType::Unit,
        EntityType::Tender,
        EntityType::Contract,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Company => "company",
            EntityType::Account => "account",
            EntityType::Unit => "unit",
            EntityType::Tender => "tender",
            EntityType::Contract => "contract",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EntityType::Person => "人员",
            EntityType::Company => "企业",
            EntityType::Account => "账户",
            EntityType::Unit => "单位",
            EntityType::Tender => "招标项目",
            EntityType::Contract => "合同",
        }
    }

    pub fn from_code(code: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.code() == code)
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What a link says. `code()` is the stable text stored in `links.type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkType {
    /// official → unit, over the tenure.
    ServesAt,
    /// person or company → company, with the share ratio.
    Shareholder,
    /// person → company.
    LegalRep,
    /// person → company, with the role (董事, 监事, 经理…).
    KeyPerson,
    /// person ↔ person, typed (see `resolve::relations`); src is the elder or first party.
    Relative,
    /// person → account.
    HoldsAccount,
    /// account → account, transfers aggregated per currency.
    Paid,
    /// company → unit, one link per contract.
    ContractedWith,
    /// company or unit → contract, with the role (供应商, 采购单位).
    PartyTo,
    /// company → tender.
    BidIn,
    /// company ↔ company sharing a phone, address, IP, MAC or contact person.
    SharesAttribute,
}

impl LinkType {
    pub const ALL: [LinkType; 11] = [
        LinkType::ServesAt,
        LinkType::Shareholder,
        LinkType::LegalRep,
        LinkType::KeyPerson,
        LinkType::Relative,
        LinkType::HoldsAccount,
        LinkType::Paid,
        LinkType::ContractedWith,
        LinkType::PartyTo,
        LinkType::BidIn,
        LinkType::SharesAttribute,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LinkType::ServesAt => "serves_at",
            LinkType::Shareholder => "shareholder",
            LinkType::LegalRep => "legal_rep",
            LinkType::KeyPerson => "key_person",
            LinkType::Relative => "relative",
            LinkType::HoldsAccount => "holds_account",
            LinkType::Paid => "paid",
            LinkType::ContractedWith => "contracted_with",
            LinkType::PartyTo => "party_to",
            LinkType::BidIn => "bid_in",
            LinkType::SharesAttribute => "shares_attribute",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LinkType::ServesAt => "任职",
            LinkType::Shareholder => "股东",
            LinkType::LegalRep => "法定代表人",
            LinkType::KeyPerson => "主要人员",
            LinkType::Relative => "亲属",
            LinkType::HoldsAccount => "持有账户",
            LinkType::Paid => "转账",
            LinkType::ContractedWith => "合同",
            LinkType::PartyTo => "合同当事方",
            LinkType::BidIn => "投标",
            LinkType::SharesAttribute => "共用信息",
        }
    }

    pub fn from_code(code: &str) -> Option<LinkType> {
        LinkType::ALL.into_iter().find(|t| t.code() == code)
    }

    /// Links that read the same both ways; the graph shows them without a direction.
    pub fn is_symmetric(self) -> bool {
        matches!(self, LinkType::Relative | LinkType::SharesAttribute)
    }
}

impl fmt::Display for LinkType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The row id of an entity in `entities`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct EntityId(pub i64);

/// The row id of a link in `links`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct LinkId(pub i64);

/// Where a fact came from: the delivered file, its sheet and row, and the kind record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceRow {
    /// Kind table code (`households`, `bank_transactions`…).
    pub kind: String,
    /// Row id in that kind table.
    pub record_id: i64,
    pub file_sha256: String,
    pub file_name: String,
    pub sheet: String,
    /// Row number in the sheet, as the investigator sees it in the file.
    pub row: i64,
}
