//! Write side of `entities`, `entity_sources`, `links`, `link_sources` and `transfers`:
//! replaces them whole with what a rebuild derived, in one transaction (a cancelled or
//! failed rebuild leaves the previous ones). Entity row ids are the derived order plus
//! one.

use super::derived::Derived;
use super::Run;
use crate::error::Result;

/// The secondary indexes of the derived tables (as in migration 0002). A rebuild drops
/// them, writes, and creates them again: building an index once from sorted data is
/// much faster than updating it a million times.
const INDEXES: [(&str, &str); 7] = [
    ("entities_key", "entities(key)"),
    ("entities_name", "entities(name)"),
    ("entity_sources_record", "entity_sources(kind, record_id)"),
    ("links_src", "links(src, type)"),
    ("links_dst", "links(dst, type)"),
    ("links_type", "links(type)"),
    ("link_sources_record", "link_sources(kind, record_id)"),
];

pub(super) fn replace_all(
    conn: &rusqlite::Connection,
    d: &Derived,
    run: &mut Run<'_>,
) -> Result<()> {
    let tx = conn.unchecked_transaction()?;
    for (name, _) in INDEXES {
        tx.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))?;
    }
    tx.execute_batch("DELETE FROM transfers; DELETE FROM link_sources; DELETE FROM links; DELETE FROM entity_sources; DELETE FROM entities;")?;
    write_entities(&tx, d, run)?;
    write_links(&tx, d, run)?;
    write_transfers(&tx, d, run)?;
    for (name, on) in INDEXES {
        run.tick(name, 0)?;
        tx.execute_batch(&format!("CREATE INDEX {name} ON {on}"))?;
    }
    crate::store::derived::create_lookup_indexes(&tx)?;
    tx.commit()?;
    Ok(())
}

fn write_entities(tx: &rusqlite::Transaction<'_>, d: &Derived, run: &mut Run<'_>) -> Result<()> {
    let mut insert = tx
        .prepare("INSERT INTO entities (id, type, key, name, valid) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (i, e) in d.entities.iter().enumerate() {
        insert.execute(rusqlite::params![
            i as i64 + 1,
            e.ty.code(),
            e.key,
            e.name,
            e.valid
        ])?;
        if i.is_multiple_of(50_000) {
            run.tick("write-entities", i as u64)?;
        }
    }
    let mut source = tx.prepare(
        "INSERT OR IGNORE INTO entity_sources (entity_id, kind, record_id) VALUES (?1, ?2, ?3)",
    )?;
    for (e, kind, record) in &d.entity_sources {
        source.execute(rusqlite::params![*e as i64 + 1, kind.code(), record])?;
    }
    Ok(())
}

fn write_transfers(tx: &rusqlite::Transaction<'_>, d: &Derived, run: &mut Run<'_>) -> Result<()> {
    let mut insert = tx.prepare(
        "INSERT INTO transfers (id, src, dst, at, fen, currency, record, twin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, t) in d.transfers.iter().enumerate() {
        let currency = d
            .currencies
            .get(t.currency as usize)
            .map_or("", String::as_str);
        insert.execute(rusqlite::params![
            i as i64 + 1,
            t.from as i64 + 1,
            t.to as i64 + 1,
            t.at,
            t.fen,
            currency,
            t.record,
            t.twin
        ])?;
        if i.is_multiple_of(50_000) {
            run.tick("write-transfers", i as u64)?;
        }
    }
    Ok(())
}

fn write_links(tx: &rusqlite::Transaction<'_>, d: &Derived, run: &mut Run<'_>) -> Result<()> {
    let mut insert = tx.prepare(
        "INSERT INTO links (id, type, src, dst, start_date, end_date, label, reverse_label, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut source = tx.prepare(
        "INSERT OR IGNORE INTO link_sources (link_id, kind, record_id) VALUES (?1, ?2, ?3)",
    )?;
    for (i, l) in d.links.iter().enumerate() {
        let id = i as i64 + 1;
        insert.execute(rusqlite::params![
            id,
            l.ty.code(),
            l.src as i64 + 1,
            l.dst as i64 + 1,
            l.start,
            l.end,
            l.label,
            l.reverse_label,
            l.detail
        ])?;
        for (kind, record) in &l.sources {
            source.execute(rusqlite::params![id, kind.code(), record])?;
        }
        if i.is_multiple_of(50_000) {
            run.tick("write-links", i as u64)?;
        }
    }
    Ok(())
}
