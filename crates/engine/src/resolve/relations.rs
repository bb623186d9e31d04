//! Family relations: derived from the household registry through the head of household
//! (see `kinship.rs` for the words understood and the assumptions), plus the relations
//! the investigator entered (`manual_relations`). [`relatives`] and [`relatives_of`]
//! read the kind tables directly, so they are current even before a rebuild; the
//! rebuild stores the same relations as `relative` links.
//!
//! Identity: a household member is the person of their ID number (valid, or failed its
//! check and matched by exact string). A member row without an ID number is a person
//! of that row alone (`households#<row id>`): it is related to the other members of its
//! household, but never to anyone elsewhere by name. Rows without a household number
//! relate to nobody.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::json;

use super::derived::{present, Derived, Ent, NewLink};
use super::kinship::{fill_head_sex, relate, role_of, sex_and_birth, Kinship, Member};
use super::manual::{manual_relations, ManualRelation};
use super::model::{EntityType, LinkType, SourceRow};
use super::persons::{name_only_key, person};
use super::Run;
use crate::error::Result;
use crate::kinds::Kind;

/// The kinds of relation the models distinguish.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    Spouse,
    /// `a` is the parent, `b` the child.
    ParentChild,
    Sibling,
    /// A spouse's parent, a child's spouse, a sibling's spouse, a spouse's sibling.
    InLaw,
    /// `a` is the grandparent, `b` the grandchild.
    GrandparentGrandchild,
}

impl RelationKind {
    pub const ALL: [RelationKind; 5] = [
        RelationKind::Spouse,
        RelationKind::ParentChild,
        RelationKind::Sibling,
        RelationKind::InLaw,
        RelationKind::GrandparentGrandchild,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RelationKind::Spouse => "spouse",
            RelationKind::ParentChild => "parent_child",
            RelationKind::Sibling => "sibling",
            RelationKind::InLaw => "in_law",
            RelationKind::GrandparentGrandchild => "grandparent_grandchild",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RelationKind::Spouse => "配偶",
            RelationKind::ParentChild => "父母子女",
            RelationKind::Sibling => "兄弟姐妹",
            RelationKind::InLaw => "姻亲",
            RelationKind::GrandparentGrandchild => "祖孙",
        }
    }

    pub fn from_code(code: &str) -> Option<RelationKind> {
        RelationKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One side of a relation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Kin {
    /// The ID number as stored; `None` for a household row without one.
    pub id_number: Option<String>,
    /// Whether the ID number passed its check (an invalid one matches by exact string).
    pub id_valid: bool,
    pub name: Option<String>,
    /// The person's entity key: the ID number, or `households#<row id>`.
    pub key: String,
    /// The row's relation to the head of household as written (`长子`); `None` for a
    /// relation entered by hand.
    pub household_word: Option<String>,
}

/// Where a relation comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RelationOrigin {
    Household {
        household_id: String,
    },
    Manual {
        id: i64,
        note: Option<String>,
        created_by: String,
        created_at: String,
    },
}

/// Two people and how they are related. `a` is the elder where the relation has an
/// order (parent, grandparent, parent-in-law, elder sibling; the husband of a couple);
/// `a_is` is what `a` is to `b` ("父亲"), `b_is` what `b` is to `a` ("儿子"), `words`
/// the pair as people say it ("兄弟", "岳父/女婿", "父亲/儿子").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Relation {
    pub a: Kin,
    pub b: Kin,
    pub kind: RelationKind,
    pub a_is: String,
    pub b_is: String,
    pub words: String,
    pub origin: RelationOrigin,
    /// The household rows of both people (none for a manual relation).
    pub sources: Vec<SourceRow>,
}

/// Every relation in the case: from all households, then the manual ones. A pair
/// related the same way by two households is listed once with both households' rows.
pub fn relatives(conn: &rusqlite::Connection) -> Result<Vec<Relation>> {
    let rows = household_rows(conn, None)?;
    let mut out = household_relations(&rows);
    for m in manual_relations(conn)? {
        out.push(manual_relation(conn, m)?);
    }
    Ok(out)
}

/// The relations of one person, by ID number (as stored: 18 digits when valid).
pub fn relatives_of(conn: &rusqlite::Connection, id_number: &str) -> Result<Vec<Relation>> {
    let rows = household_rows(conn, Some(id_number))?;
    let mut out: Vec<Relation> = household_relations(&rows)
        .into_iter()
        .filter(|r| r.a.key == id_number || r.b.key == id_number)
        .collect();
    for m in manual_relations(conn)? {
        if m.id_number_a == id_number || m.id_number_b == id_number {
            out.push(manual_relation(conn, m)?);
        }
    }
    Ok(out)
}

/// A household row with its provenance.
pub(super) struct HouseholdRow {
    pub household_id: String,
    pub name: Option<String>,
    pub id_number: Option<String>,
    pub id_valid: bool,
    pub word: Option<String>,
    pub source: SourceRow,
}

impl HouseholdRow {
    fn kin(&self) -> Kin {
        Kin {
            id_number: self.id_number.clone(),
            id_valid: self.id_valid,
            name: self.name.clone(),
            key: self.key(),
            household_word: self.word.clone(),
        }
    }

    fn key(&self) -> String {
        match present(self.id_number.as_deref()) {
            Some(id) => id.to_string(),
            None => name_only_key((Kind::Households, self.source.record_id)),
        }
    }

    fn member(&self) -> Option<Member> {
        let (role, word_sex) = role_of(self.word.as_deref()?)?;
        let (id_sex, birth) = self
            .id_number
            .as_deref()
            .map_or((None, None), sex_and_birth);
        Some(Member {
            role,
            sex: word_sex.or(id_sex),
            birth,
        })
    }
}

const HOUSEHOLD_SQL: &str = "
    SELECT h.id, h.household_id, h.name, h.id_number, h.id_number_valid, h.relation,
           h.sheet, h.row_no, f.sha256, f.name
    FROM households h JOIN files f ON f.id = h.file_id
    WHERE h.household_id IS NOT NULL AND h.household_id <> ''";

/// Household rows, grouped by household number; with `person`, only the households
/// that person belongs to.
pub(super) fn household_rows(
    conn: &rusqlite::Connection,
    person: Option<&str>,
) -> Result<Vec<HouseholdRow>> {
    let filter =
        " AND h.household_id IN (SELECT household_id FROM households WHERE id_number = ?1)";
    let sql = format!(
        "{HOUSEHOLD_SQL}{} ORDER BY h.household_id, h.id",
        if person.is_some() { filter } else { "" }
    );
    let mut stmt = conn.prepare(&sql)?;
    let params: Vec<&dyn rusqlite::ToSql> =
        person.iter().map(|p| p as &dyn rusqlite::ToSql).collect();
    let rows = stmt.query_map(params.as_slice(), |r| {
        Ok(HouseholdRow {
            household_id: r.get(1)?,
            name: r.get(2)?,
            id_number: r.get(3)?,
            id_valid: r.get::<_, Option<i64>>(4)? == Some(1),
            word: r.get(5)?,
            source: SourceRow {
                kind: Kind::Households.code().to_string(),
                record_id: r.get(0)?,
                sheet: r.get(6)?,
                row: r.get(7)?,
                file_sha256: r.get(8)?,
                file_name: r.get(9)?,
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The relations inside each household, deduplicated across households.
pub(super) fn household_relations(rows: &[HouseholdRow]) -> Vec<Relation> {
    let mut out: Vec<Relation> = Vec::new();
    let mut seen: HashMap<(String, String, RelationKind), usize> = HashMap::new();
    for household in rows.chunk_by(|x, y| x.household_id == y.household_id) {
        for rel in relations_in(household) {
            let key = pair_key(&rel);
            match seen.get(&key) {
                Some(&i) => merge_sources(&mut out[i], rel.sources),
                None => {
                    seen.insert(key, out.len());
                    out.push(rel);
                }
            }
        }
    }
    out
}

fn pair_key(rel: &Relation) -> (String, String, RelationKind) {
    let (x, y) = (rel.a.key.clone(), rel.b.key.clone());
    if x <= y {
        (x, y, rel.kind)
    } else {
        (y, x, rel.kind)
    }
}

fn merge_sources(rel: &mut Relation, sources: Vec<SourceRow>) {
    for s in sources {
        if !rel.sources.contains(&s) {
            rel.sources.push(s);
        }
    }
}

/// The relations between the members of one household.
fn relations_in(household: &[HouseholdRow]) -> Vec<Relation> {
    let placed: Vec<(&HouseholdRow, Member)> = household
        .iter()
        .filter_map(|r| Some((r, r.member()?)))
        .collect();
    let mut members: Vec<Member> = placed.iter().map(|(_, m)| *m).collect();
    fill_head_sex(&mut members);
    let mut out = Vec::new();
    for x in 0..placed.len() {
        for y in x + 1..placed.len() {
            if placed[x].0.key() == placed[y].0.key() {
                continue;
            }
            if let Some(k) = relate(&members, x, y) {
                out.push(relation_from(&placed, k));
            }
        }
    }
    out
}

fn relation_from(placed: &[(&HouseholdRow, Member)], k: Kinship) -> Relation {
    let (a, b) = (placed[k.a].0, placed[k.b].0);
    Relation {
        a: a.kin(),
        b: b.kin(),
        kind: k.kind,
        a_is: k.a_is,
        b_is: k.b_is,
        words: k.words,
        origin: RelationOrigin::Household {
            household_id: a.household_id.clone(),
        },
        sources: vec![a.source.clone(), b.source.clone()],
    }
}

fn manual_relation(conn: &rusqlite::Connection, m: ManualRelation) -> Result<Relation> {
    let a_is = m
        .a_is
        .clone()
        .unwrap_or_else(|| m.relation.label().to_string());
    let b_is = m
        .b_is
        .clone()
        .unwrap_or_else(|| m.relation.label().to_string());
    let words = if m.a_is.is_some() || m.b_is.is_some() {
        format!("{a_is}/{b_is}")
    } else {
        m.relation.label().to_string()
    };
    Ok(Relation {
        a: manual_kin(conn, &m.id_number_a)?,
        b: manual_kin(conn, &m.id_number_b)?,
        kind: m.relation,
        a_is,
        b_is,
        words,
        origin: RelationOrigin::Manual {
            id: m.id,
            note: m.note,
            created_by: m.created_by,
            created_at: m.created_at,
        },
        sources: Vec::new(),
    })
}

/// A person named by ID number in a manual relation: name and validity from the
/// entities when a rebuild has seen them, else from the check digit alone.
fn manual_kin(conn: &rusqlite::Connection, id_number: &str) -> Result<Kin> {
    let found: Option<(Option<String>, Option<i64>)> = conn
        .query_row(
            "SELECT name, valid FROM entities WHERE type = 'person' AND key = ?1",
            [id_number],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map(Some)
        .or_else(|e| {
            if e == rusqlite::Error::QueryReturnedNoRows {
                Ok(None)
            } else {
                Err(e)
            }
        })?;
    let (name, valid) = match found {
        Some((name, valid)) => (name, valid == Some(1)),
        None => (None, id_number_checks(id_number)),
    };
    Ok(Kin {
        id_number: Some(id_number.to_string()),
        id_valid: valid,
        name,
        key: id_number.to_string(),
        household_word: None,
    })
}

/// GB 11643-1999 check of an 18-character ID number (the import path has its own; this
/// one serves numbers typed into a manual relation that no extract mentions).
pub(super) fn id_number_checks(id: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let bytes = id.as_bytes();
    if bytes.len() != 18 || !bytes[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = bytes[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    CHECK[(sum % 11) as usize] == bytes[17]
}

/// Rebuild job: household members become people and their relations `relative` links.
pub(super) fn households_job(
    conn: &rusqlite::Connection,
    d: &mut Derived,
    run: &mut Run<'_>,
) -> Result<()> {
    let rows = household_rows(conn, None)?;
    let mut entity_of: BTreeMap<String, Ent> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let src = (Kind::Households, row.source.record_id);
        let valid = Some(i64::from(row.id_valid));
        if let Some(e) = person(
            d,
            row.id_number.as_deref(),
            valid,
            row.name.as_deref(),
            src,
            true,
        ) {
            entity_of.insert(row.key(), e);
        }
        if i.is_multiple_of(10_000) {
            run.tick("households", i as u64)?;
        }
    }
    for rel in household_relations(&rows) {
        let (Some(&a), Some(&b)) = (entity_of.get(&rel.a.key), entity_of.get(&rel.b.key)) else {
            continue;
        };
        relative_link(d, a, b, &rel);
    }
    Ok(())
}

/// Rebuild job: the manual relations as `relative` links.
pub(super) fn manual_job(conn: &rusqlite::Connection, d: &mut Derived) -> Result<()> {
    for m in manual_relations(conn)? {
        let rel = manual_relation(conn, m)?;
        let a = manual_person(d, &rel.a);
        let b = manual_person(d, &rel.b);
        relative_link(d, a, b, &rel);
    }
    Ok(())
}

fn manual_person(d: &mut Derived, kin: &Kin) -> Ent {
    d.find(EntityType::Person, &kin.key).unwrap_or_else(|| {
        d.entity(
            EntityType::Person,
            &kin.key,
            Some(kin.id_valid),
            kin.name.as_deref(),
        )
    })
}

fn relative_link(d: &mut Derived, a: Ent, b: Ent, rel: &Relation) {
    let (origin, household_id, manual_id) = match &rel.origin {
        RelationOrigin::Household { household_id } => {
            ("household", Some(household_id.clone()), None)
        }
        RelationOrigin::Manual { id, .. } => ("manual", None, Some(*id)),
    };
    let detail = json!({
        "kind": rel.kind.code(), "a_is": rel.a_is, "b_is": rel.b_is, "words": rel.words,
        "origin": origin, "household_id": household_id, "manual_relation_id": manual_id,
    });
    let mut link = NewLink::new(LinkType::Relative, a, b, rel.b_is.clone())
        .detail(detail)
        .merge_key(format!("{}|{origin}", rel.kind.code()));
    link.reverse_label = Some(rel.a_is.clone());
    link.sources = rel
        .sources
        .iter()
        .map(|s| (Kind::Households, s.record_id))
        .collect();
    d.link(link);
}
