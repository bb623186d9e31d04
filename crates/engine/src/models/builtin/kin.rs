//! Family relations as the models read them: the relations `resolve::relatives` derives
//! from the household registry and the investigator's entries, indexed by ID number,
//! with the rows that prove each one (both people's household rows and the head of
//! household's, through whom the relation was derived). This file derives no relation
//! itself; it only decides which relations count as "relative" in `models.md`:
//! spouse, parent, child, a child's spouse, sibling, grandchild.

use std::collections::HashMap;

use rusqlite::Connection;

use super::common::{load, present, record};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::RecordRef;
use crate::resolve::{relatives_of, Relation, RelationKind, RelationOrigin};

/// What a child's spouse is called, from either the register or an investigator.
const CHILD_SPOUSE_WORDS: &[&str] = &["儿媳", "女婿", "子女的配偶", "儿媳妇"];

/// Another person as seen from one person.
#[derive(Clone, Debug)]
pub(super) struct Kinsman {
    pub id_number: String,
    pub name: String,
    /// What the other person is to me: "弟", "女儿", "妻子".
    pub is: String,
    pub kind: RelationKind,
    /// True when the other person is my child (or grandchild, or child's spouse).
    pub younger_generation: bool,
    /// "户籍信息" or "调查人员录入".
    pub origin: &'static str,
    pub evidence: Vec<RecordRef>,
}

impl Kinsman {
    /// Whether `models.md` counts this person as my relative.
    pub fn is_relative(&self) -> bool {
        match self.kind {
            RelationKind::Spouse | RelationKind::ParentChild | RelationKind::Sibling => true,
            RelationKind::GrandparentGrandchild => self.younger_generation,
            RelationKind::InLaw => CHILD_SPOUSE_WORDS.contains(&self.is.as_str()),
        }
    }

    /// Whether the other person is my child.
    pub fn is_child(&self) -> bool {
        self.kind == RelationKind::ParentChild && self.younger_generation
    }
}

/// Everyone's kin, by ID number.
pub(super) struct Family {
    by_id: HashMap<String, Vec<Kinsman>>,
}

impl Family {
    /// The kin of `people` (ID numbers), each seen from that person. Only these people's
    /// households are read (`resolve::relatives_of`), so a roster of a few thousand does
    /// not pay for a register of a hundred thousand.
    pub fn of_people<'p>(
        conn: &Connection,
        people: impl Iterator<Item = &'p str>,
    ) -> Result<Family> {
        let heads = household_heads(conn)?;
        let mut by_id: HashMap<String, Vec<Kinsman>> = HashMap::new();
        for id in people {
            if by_id.contains_key(id) {
                continue;
            }
            let mut kin = Vec::new();
            for rel in relatives_of(conn, id)? {
                let evidence = evidence_of(&rel, &heads);
                let (Some(_), Some(b)) = (&rel.a.id_number, &rel.b.id_number) else {
                    continue;
                };
                kin.push(seen(&rel, b == id, evidence));
            }
            by_id.insert(id.to_string(), kin);
        }
        Ok(Family { by_id })
    }

    /// My kin of any relation the register or the investigator knows.
    pub fn of(&self, id_number: &str) -> &[Kinsman] {
        self.by_id.get(id_number).map_or(&[], Vec::as_slice)
    }

    /// My relatives in the sense of `models.md`.
    pub fn relatives(&self, id_number: &str) -> impl Iterator<Item = &Kinsman> {
        self.of(id_number).iter().filter(|k| k.is_relative())
    }
}

/// The relation seen from `a` (`from_b` false: the kinsman is `b`) or from `b`.
fn seen(rel: &Relation, from_b: bool, evidence: Vec<RecordRef>) -> Kinsman {
    let (other, is) = if from_b {
        (&rel.a, &rel.a_is)
    } else {
        (&rel.b, &rel.b_is)
    };
    Kinsman {
        id_number: other.id_number.clone().unwrap_or_default(),
        name: other.name.clone().unwrap_or_default(),
        is: is.clone(),
        kind: rel.kind,
        younger_generation: !from_b,
        origin: match rel.origin {
            RelationOrigin::Household { .. } => "户籍信息",
            RelationOrigin::Manual { .. } => "调查人员录入",
        },
        evidence,
    }
}

fn evidence_of(rel: &Relation, heads: &HashMap<String, Vec<i64>>) -> Vec<RecordRef> {
    let mut out: Vec<RecordRef> = rel
        .sources
        .iter()
        .filter_map(|s| Kind::from_code(&s.kind).map(|k| record(k, s.record_id)))
        .collect();
    if let RelationOrigin::Household { household_id } = &rel.origin {
        let head_rows = heads.get(household_id).into_iter().flatten();
        out.extend(head_rows.map(|&id| record(Kind::Households, id)));
    }
    out.sort();
    out.dedup();
    out
}

/// The head-of-household rows of every household, through whom relations are derived.
fn household_heads(conn: &Connection) -> Result<HashMap<String, Vec<i64>>> {
    let sql = "SELECT id, household_id FROM households
               WHERE relation IN ('户主', '本人') AND household_id IS NOT NULL";
    let rows = load(conn, sql, |r| {
        let id: i64 = r.get(0)?;
        Ok(present(r.get(1)?).map(|h| (h, id)))
    })?;
    let mut heads: HashMap<String, Vec<i64>> = HashMap::new();
    for (household, id) in rows {
        heads.entry(household).or_default().push(id);
    }
    Ok(heads)
}
