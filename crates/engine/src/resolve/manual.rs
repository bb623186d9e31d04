//! The `manual_relations` table: relations the investigator states between two ID
//! numbers. Read and write; the caller records who and when (and writes the audit
//! entry), this file only stores it. The entries survive every rebuild.

use super::relations::RelationKind;
use crate::error::{Error, Result};

/// A relation to enter by hand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewManualRelation {
    pub id_number_a: String,
    pub id_number_b: String,
    pub relation: RelationKind,
    /// What a is to b in words ("父亲"), if the investigator said.
    pub a_is: Option<String>,
    /// What b is to a ("儿子").
    pub b_is: Option<String>,
    pub note: Option<String>,
    pub created_by: String,
    /// When, as the caller formats it (`YYYY-MM-DD HH:MM:SS`).
    pub created_at: String,
}

/// A stored manual relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManualRelation {
    pub id: i64,
    pub id_number_a: String,
    pub id_number_b: String,
    pub relation: RelationKind,
    pub a_is: Option<String>,
    pub b_is: Option<String>,
    pub note: Option<String>,
    pub created_by: String,
    pub created_at: String,
}

/// Stores a manual relation and returns its id. It becomes a `relative` link at the
/// next rebuild and is returned by `relatives` at once.
pub fn add_manual_relation(conn: &rusqlite::Connection, new: &NewManualRelation) -> Result<i64> {
    let (a, b) = (new.id_number_a.trim(), new.id_number_b.trim());
    if a.is_empty() || b.is_empty() || a == b {
        return Err(Error::InvalidArgument(format!(
            "亲属关系需要两个不同的身份证号 / a relation needs two different ID numbers: {a:?}, {b:?}"
        )));
    }
    conn.execute(
        "INSERT INTO manual_relations (id_number_a, id_number_b, relation, a_is, b_is, note, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![a, b, new.relation.code(), new.a_is, new.b_is, new.note, new.created_by, new.created_at],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Removes a manual relation; `false` when there was none with this id.
pub fn delete_manual_relation(conn: &rusqlite::Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM manual_relations WHERE id = ?1", [id])? > 0)
}

/// All manual relations, oldest first.
pub fn manual_relations(conn: &rusqlite::Connection) -> Result<Vec<ManualRelation>> {
    let mut stmt = conn.prepare(
        "SELECT id, id_number_a, id_number_b, relation, a_is, b_is, note, created_by, created_at
         FROM manual_relations ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        let code: String = r.get(3)?;
        Ok((
            code,
            ManualRelation {
                id: r.get(0)?,
                id_number_a: r.get(1)?,
                id_number_b: r.get(2)?,
                relation: RelationKind::Spouse,
                a_is: r.get(4)?,
                b_is: r.get(5)?,
                note: r.get(6)?,
                created_by: r.get(7)?,
                created_at: r.get(8)?,
            },
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (code, mut m) = row?;
        // A code this build does not know (written by a newer one) is skipped, not guessed.
        let Some(kind) = RelationKind::from_code(&code) else {
            continue;
        };
        m.relation = kind;
        out.push(m);
    }
    Ok(out)
}
