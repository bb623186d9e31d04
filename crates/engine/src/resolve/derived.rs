//! The derived entities and links as they are being built, in memory, before
//! `write.rs` stores them. Entities are deduplicated by (type, key) and links by a
//! merge key chosen by the job that makes them; sources accumulate on both. This file
//! decides nothing about identity: the jobs (`persons.rs`, `companies.rs`…) do.

use std::collections::HashMap;

use super::model::{EntityType, LinkType};
use crate::kinds::Kind;

/// Index of an entity in [`Derived::entities`]; its row id is this plus one.
pub(super) type Ent = usize;

pub(super) struct NewEntity {
    pub ty: EntityType,
    pub key: String,
    pub name: Option<String>,
    pub valid: Option<bool>,
}

pub(super) struct NewLink {
    pub ty: LinkType,
    pub src: Ent,
    pub dst: Ent,
    pub start: Option<String>,
    pub end: Option<String>,
    pub label: String,
    pub reverse_label: Option<String>,
    /// JSON text.
    pub detail: String,
    /// Links of one type between the same two entities with the same merge key are one
    /// link; their sources are pooled.
    pub merge_key: String,
    pub sources: Vec<(Kind, i64)>,
}

impl NewLink {
    pub fn new(ty: LinkType, src: Ent, dst: Ent, label: impl Into<String>) -> NewLink {
        NewLink {
            ty,
            src,
            dst,
            start: None,
            end: None,
            label: label.into(),
            reverse_label: None,
            detail: "{}".to_string(),
            merge_key: String::new(),
            sources: Vec::new(),
        }
    }

    pub fn span(mut self, start: Option<String>, end: Option<String>) -> NewLink {
        self.start = start;
        self.end = end;
        self
    }

    pub fn detail(mut self, detail: serde_json::Value) -> NewLink {
        self.detail = detail.to_string();
        self
    }

    pub fn merge_key(mut self, key: impl Into<String>) -> NewLink {
        self.merge_key = key.into();
        self
    }

    pub fn source(mut self, kind: Kind, record_id: i64) -> NewLink {
        self.sources.push((kind, record_id));
        self
    }
}

/// A transfer between two accounts (see migration 0005).
pub(super) struct NewTransfer {
    pub from: Ent,
    pub to: Ent,
    pub at: i64,
    pub fen: i64,
    /// Position in `Derived::currencies`.
    pub currency: u16,
    pub record: i64,
    pub twin: Option<i64>,
}

/// Everything a rebuild derives, in memory.
#[derive(Default)]
pub(super) struct Derived {
    pub entities: Vec<NewEntity>,
    /// Transfers between two accounts, once each, in statement row order.
    pub transfers: Vec<NewTransfer>,
    /// The currency codes the transfers use.
    pub currencies: Vec<String>,
    /// Per entity type (by position in `EntityType::ALL`), key → entity.
    index: [HashMap<String, Ent>; 6],
    pub entity_sources: Vec<(Ent, Kind, i64)>,
    pub links: Vec<NewLink>,
    link_index: HashMap<(LinkType, Ent, Ent, String), usize>,
}

impl Derived {
    /// The entity of this type and key, created on first sight. The first name seen
    /// sticks (jobs run in a fixed order, registries first).
    pub fn entity(
        &mut self,
        ty: EntityType,
        key: &str,
        valid: Option<bool>,
        name: Option<&str>,
    ) -> Ent {
        if let Some(&e) = self.index[slot(ty)].get(key) {
            let entity = &mut self.entities[e];
            if entity.name.is_none() {
                entity.name = name.map(str::to_string);
            }
            return e;
        }
        let e = self.entities.len();
        self.entities.push(NewEntity {
            ty,
            key: key.to_string(),
            name: name.map(str::to_string),
            valid,
        });
        self.index[slot(ty)].insert(key.to_string(), e);
        e
    }

    /// The entity of this type and key if some job made it.
    pub fn find(&self, ty: EntityType, key: &str) -> Option<Ent> {
        self.index[slot(ty)].get(key).copied()
    }

    pub fn source(&mut self, e: Ent, kind: Kind, record_id: i64) {
        self.entity_sources.push((e, kind, record_id));
    }

    /// Adds a link, or pools its sources into the equal link already there.
    pub fn link(&mut self, link: NewLink) {
        let key = (link.ty, link.src, link.dst, link.merge_key.clone());
        match self.link_index.get(&key) {
            Some(&i) => self.links[i].sources.extend(link.sources),
            None => {
                self.link_index.insert(key, self.links.len());
                self.links.push(link);
            }
        }
    }
}

fn slot(ty: EntityType) -> usize {
    EntityType::ALL.iter().position(|t| *t == ty).unwrap_or(0)
}

/// Text that is present: `None` for NULL or empty.
pub(super) fn present(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// "1,200,000元", with fen when there are any: "1,200,000.50元".
pub(super) fn yuan(amount: f64) -> String {
    format!("{}元", thousands(amount))
}

/// A number with thousands separators and at most two decimals.
pub(super) fn thousands(amount: f64) -> String {
    let fen = (amount.abs() * 100.0).round() as u64;
    let (whole, cents) = (fen / 100, fen % 100);
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if cents != 0 {
        out.push_str(&format!(".{cents:02}"));
    }
    if amount < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// A share ratio (0..=1) as a percentage: 0.6 → "60%", 0.355 → "35.5%".
pub(super) fn percent(ratio: f64) -> String {
    let text = format!("{:.2}", ratio * 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}
