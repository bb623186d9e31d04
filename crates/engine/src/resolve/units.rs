//! Units (employers and buyers), keyed by their normalised name, and the officials'
//! tenures (`serves_at`, official → unit, over the tenure). Salaries name a unit too;
//! they make the unit and the paid person known but no link (the duplicate-salary model
//! reads the salaries table itself).

use serde_json::json;

use super::derived::{present, Derived, Ent, NewLink};
use super::model::{EntityType, LinkType};
use super::persons::person;
use super::Run;
use crate::error::Result;
use crate::kinds::Kind;

/// The unit of this normalised name; `None` for an empty name.
pub(super) fn unit(d: &mut Derived, name: Option<&str>, source: (Kind, i64)) -> Option<Ent> {
    let name = present(name)?;
    let e = d.entity(EntityType::Unit, name, Some(true), Some(name));
    d.source(e, source.0, source.1);
    Some(e)
}

/// Officials, their units and their tenures.
pub(super) fn officials_job(
    conn: &rusqlite::Connection,
    d: &mut Derived,
    run: &mut Run<'_>,
) -> Result<()> {
    let sql = "SELECT id, name, id_number, id_number_valid, unit, position, start_date, end_date, category
               FROM officials ORDER BY id";
    run.scan(conn, "officials", sql, |r| {
        let src = (Kind::Officials, r.get::<_, i64>(0)?);
        let (name, number): (Option<String>, Option<String>) = (r.get(1)?, r.get(2)?);
        let official = person(d, number.as_deref(), r.get(3)?, name.as_deref(), src, true);
        let unit_name: Option<String> = r.get(4)?;
        let (Some(p), Some(u)) = (official, unit(d, unit_name.as_deref(), src)) else {
            return Ok(());
        };
        let (position, start, end, category): (
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        ) = (r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?);
        d.link(tenure(p, u, position, start, end, category).source(src.0, src.1));
        Ok(())
    })
}

fn tenure(
    official: Ent,
    unit: Ent,
    position: Option<String>,
    start: Option<String>,
    end: Option<String>,
    category: Option<String>,
) -> NewLink {
    let label = match present(position.as_deref()) {
        Some(p) => format!("任职({p})"),
        None => LinkType::ServesAt.label().to_string(),
    };
    let merge_key = format!(
        "{}|{}|{}",
        start.as_deref().unwrap_or(""),
        end.as_deref().unwrap_or(""),
        position.as_deref().unwrap_or("")
    );
    NewLink::new(LinkType::ServesAt, official, unit, label)
        .detail(json!({ "position": position, "category": category }))
        .span(start, end)
        .merge_key(merge_key)
}

/// Units and identified people from the salary lists.
pub(super) fn salaries_job(
    conn: &rusqlite::Connection,
    d: &mut Derived,
    run: &mut Run<'_>,
) -> Result<()> {
    let sql = "SELECT id, name, id_number, id_number_valid, unit FROM salaries ORDER BY id";
    run.scan(conn, "salaries", sql, |r| {
        let src = (Kind::Salaries, r.get::<_, i64>(0)?);
        let (name, number): (Option<String>, Option<String>) = (r.get(1)?, r.get(2)?);
        person(d, number.as_deref(), r.get(3)?, name.as_deref(), src, false);
        let unit_name: Option<String> = r.get(4)?;
        unit(d, unit_name.as_deref(), src);
        Ok(())
    })
}
