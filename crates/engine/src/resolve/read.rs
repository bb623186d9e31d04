//! Read side of the derived tables: entities by canonical id, and the source rows
//! (file, sheet, row) of an entity or a link. `paid` links keep no source references;
//! their transactions are looked up in `bank_transactions` through the account indexes.

use serde::Serialize;

use super::model::{EntityId, EntityType, LinkId, SourceRow};
use crate::error::Result;
use crate::kinds::Kind;

/// An entity as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entity {
    pub id: EntityId,
    #[serde(rename = "type")]
    pub ty: EntityType,
    /// The canonical id (see `entities.key`).
    pub key: String,
    pub name: Option<String>,
    /// `Some(true)`: the identifier passed its check; `Some(false)`: it did not;
    /// `None`: the record had no identifier.
    pub valid: Option<bool>,
}

/// The entities a canonical id names: `110101198001010010`, `91110105MA01ABCD1X`, an
/// account's digits, a unit's name, a tender or contract number. `type:key`
/// (`contract:HT-2023-001`) picks one type. When no key matches, an exact name does.
pub fn find_entities(conn: &rusqlite::Connection, id: &str) -> Result<Vec<Entity>> {
    let id = id.trim();
    let (ty, key) = match id
        .split_once(':')
        .and_then(|(t, k)| Some((EntityType::from_code(t)?, k)))
    {
        Some((t, k)) => (Some(t), k),
        None => (None, id),
    };
    let by_key = select(conn, "key = ?1", key, ty)?;
    if !by_key.is_empty() {
        return Ok(by_key);
    }
    select(conn, "name = ?1", key, ty)
}

fn select(
    conn: &rusqlite::Connection,
    cond: &str,
    value: &str,
    ty: Option<EntityType>,
) -> Result<Vec<Entity>> {
    let sql = format!("SELECT id, type, key, name, valid FROM entities WHERE {cond} ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([value], |r| {
        let code: String = r.get(1)?;
        Ok((
            code,
            Entity {
                id: EntityId(r.get(0)?),
                ty: EntityType::Person,
                key: r.get(2)?,
                name: r.get(3)?,
                valid: r.get::<_, Option<i64>>(4)?.map(|v| v == 1),
            },
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (code, mut e) = row?;
        let Some(t) = EntityType::from_code(&code) else {
            continue;
        };
        e.ty = t;
        if ty.is_none_or(|want| want == t) {
            out.push(e);
        }
    }
    Ok(out)
}

/// The rows an entity was read from (for bank statements: the first row only).
pub fn entity_sources(conn: &rusqlite::Connection, id: EntityId) -> Result<Vec<SourceRow>> {
    let refs = refs(
        conn,
        "SELECT kind, record_id FROM entity_sources WHERE entity_id = ?1 ORDER BY kind, record_id",
        id.0,
    )?;
    rows_of(conn, &refs)
}

/// The rows a link was read from; for a `paid` link, its transactions in time order, at
/// most `limit` of them.
pub fn link_sources(
    conn: &rusqlite::Connection,
    id: LinkId,
    limit: usize,
) -> Result<Vec<SourceRow>> {
    let (ty, src, dst): (String, i64, i64) = conn.query_row(
        "SELECT type, src, dst FROM links WHERE id = ?1",
        [id.0],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if ty == "paid" {
        return paid_rows(conn, src, dst, limit);
    }
    let mut refs = refs(
        conn,
        "SELECT kind, record_id FROM link_sources WHERE link_id = ?1 ORDER BY kind, record_id",
        id.0,
    )?;
    refs.truncate(limit);
    rows_of(conn, &refs)
}

fn refs(conn: &rusqlite::Connection, sql: &str, id: i64) -> Result<Vec<(Kind, i64)>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (code, record) = row?;
        if let Some(kind) = Kind::from_code(&code) {
            out.push((kind, record));
        }
    }
    Ok(out)
}

/// File, sheet and row of kind records, in the order given.
pub(crate) fn rows_of(conn: &rusqlite::Connection, refs: &[(Kind, i64)]) -> Result<Vec<SourceRow>> {
    let mut out = Vec::with_capacity(refs.len());
    let mut current: Option<(Kind, rusqlite::Statement<'_>)> = None;
    for &(kind, record) in refs {
        if current.as_ref().is_none_or(|(k, _)| *k != kind) {
            // The table name comes from the Kind enum, never from the data.
            let sql = format!(
                "SELECT t.sheet, t.row_no, f.sha256, f.name FROM {} t JOIN files f ON f.id = t.file_id WHERE t.id = ?1",
                kind.code()
            );
            current = Some((kind, conn.prepare(&sql)?));
        }
        let Some((_, stmt)) = current.as_mut() else {
            continue;
        };
        let mut rows = stmt.query([record])?;
        if let Some(r) = rows.next()? {
            out.push(SourceRow {
                kind: kind.code().to_string(),
                record_id: record,
                sheet: r.get(0)?,
                row: r.get(1)?,
                file_sha256: r.get(2)?,
                file_name: r.get(3)?,
            });
        }
    }
    Ok(out)
}

const PAID_ROWS_SQL: &str = "
    SELECT t.id FROM bank_transactions t
    WHERE ((t.account = ?1 AND t.counterparty_account = ?2 AND t.direction = -1)
        OR (t.account = ?2 AND t.counterparty_account = ?1 AND t.direction = 1))
      AND (t.success IS NULL OR t.success <> 0)
    ORDER BY t.time, t.id LIMIT ?3";

fn paid_rows(
    conn: &rusqlite::Connection,
    src: i64,
    dst: i64,
    limit: usize,
) -> Result<Vec<SourceRow>> {
    let key = |id: i64| {
        conn.query_row("SELECT key FROM entities WHERE id = ?1", [id], |r| {
            r.get::<_, String>(0)
        })
    };
    let (from, to) = (key(src)?, key(dst)?);
    let mut stmt = conn.prepare(PAID_ROWS_SQL)?;
    let ids = stmt.query_map(rusqlite::params![from, to, limit as i64], |r| {
        r.get::<_, i64>(0)
    })?;
    let refs: Vec<(Kind, i64)> = ids
        .map(|id| id.map(|id| (Kind::BankTransactions, id)))
        .collect::<rusqlite::Result<_>>()?;
    rows_of(conn, &refs)
}
