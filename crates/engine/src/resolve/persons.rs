//! Person identity: the rule that turns an ID number (or its absence) into a person
//! entity, and the job that reads the registers whose people take part in no link of
//! their own (deaths, medical claims, benefits, salaries). A record there without an ID
//! number makes no person: it could only ever be a name.

use super::derived::{present, Derived, Ent};
use super::model::EntityType;
use super::Run;
use crate::error::Result;
use crate::kinds::Kind;

/// The person a record names. With an ID number: the person of that number (`valid`
/// is the importer's check flag). Without one: when `name_only` is set and there is a
/// name, a person of this record alone, keyed `<kind>#<record id>`; else nobody.
pub(super) fn person(
    d: &mut Derived,
    id_number: Option<&str>,
    valid: Option<i64>,
    name: Option<&str>,
    source: (Kind, i64),
    name_only: bool,
) -> Option<Ent> {
    let name = present(name);
    let e = match present(id_number) {
        Some(id) => d.entity(EntityType::Person, id, Some(valid == Some(1)), name),
        None if name_only && name.is_some() => {
            d.entity(EntityType::Person, &name_only_key(source), None, name)
        }
        None => return None,
    };
    d.source(e, source.0, source.1);
    Some(e)
}

/// The key of a person known only by one record.
pub(super) fn name_only_key((kind, record_id): (Kind, i64)) -> String {
    format!("{}#{record_id}", kind.code())
}

/// People from the registers that link nothing by themselves.
pub(super) fn registers_job(
    conn: &rusqlite::Connection,
    d: &mut Derived,
    run: &mut Run<'_>,
) -> Result<()> {
    for kind in [Kind::Deaths, Kind::MedicalClaims, Kind::Benefits] {
        let sql = format!(
            "SELECT id, id_number, id_number_valid, name FROM {} WHERE id_number IS NOT NULL ORDER BY id",
            kind.code()
        );
        run.scan(conn, kind.code(), &sql, |r| {
            let id: i64 = r.get(0)?;
            let number: Option<String> = r.get(1)?;
            let name: Option<String> = r.get(3)?;
            person(
                d,
                number.as_deref(),
                r.get(2)?,
                name.as_deref(),
                (kind, id),
                false,
            );
            Ok(())
        })?;
    }
    Ok(())
}
