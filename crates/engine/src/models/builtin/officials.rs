//! The officials and cadres roster as the models read it: one tenure per roster row,
//! indexed by ID number, with the tenure test every model uses (start ≤ date ≤ end,
//! a missing end meaning still serving). A row without an ID number matches nothing —
//! a name alone never identifies an official — and a row without a start date is not
//! known to cover any date, so it raises nothing. This is not the entity graph.

use std::collections::HashMap;

use rusqlite::Connection;

use super::common::{load, person, present, record};
use crate::error::Result;
use crate::kinds::Kind;
use crate::models::{RecordRef, Subject};

/// One roster row: a person serving at a unit over a span of dates.
#[derive(Clone, Debug)]
pub(super) struct Tenure {
    pub record_id: i64,
    pub name: String,
    pub id_number: String,
    pub unit: String,
    pub position: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub category: String,
}

impl Tenure {
    /// Whether `date` (`YYYY-MM-DD`) falls within the tenure.
    pub fn covers(&self, date: &str) -> bool {
        let Some(start) = &self.start else {
            return false;
        };
        let day = date.get(..10).unwrap_or(date);
        start.as_str() <= day && self.end.as_deref().is_none_or(|end| day <= end)
    }

    /// "公职人员" or the roster's cadre category ("村干部", "社区干部").
    fn label(&self) -> &str {
        if self.category.contains("干部") {
            &self.category
        } else {
            "公职人员"
        }
    }

    /// "王建国(公职人员,青禾县交通运输局副局长)".
    pub fn describe(&self) -> String {
        format!(
            "{}({},{}{})",
            self.name,
            self.label(),
            self.unit,
            self.position
        )
    }

    /// "2020-05-01起" or "2018-01-01至2022-12-31".
    pub fn span(&self) -> String {
        let start = self.start.as_deref().unwrap_or("?");
        match &self.end {
            Some(end) => format!("{start}至{end}"),
            None => format!("{start}起"),
        }
    }

    pub fn subject(&self, role: &str) -> Subject {
        person(&self.id_number, &self.name, role)
    }

    pub fn evidence(&self) -> RecordRef {
        record(Kind::Officials, self.record_id)
    }
}

/// Every tenure of the case, by ID number.
pub(super) struct Roster {
    pub tenures: Vec<Tenure>,
    by_id: HashMap<String, Vec<usize>>,
}

impl Roster {
    pub fn load(conn: &Connection) -> Result<Roster> {
        let sql = "SELECT id, name, id_number, unit, position, start_date, end_date, category
                   FROM officials ORDER BY id";
        let tenures = load(conn, sql, |r| {
            let (Some(id_number), Some(unit)) = (present(r.get(2)?), present(r.get(3)?)) else {
                return Ok(None);
            };
            Ok(Some(Tenure {
                record_id: r.get(0)?,
                name: present(r.get(1)?).unwrap_or_default(),
                id_number,
                unit,
                position: present(r.get(4)?).unwrap_or_default(),
                start: present(r.get(5)?),
                end: present(r.get(6)?),
                category: present(r.get(7)?).unwrap_or_default(),
            }))
        })?;
        Ok(Roster::from(tenures))
    }

    fn from(tenures: Vec<Tenure>) -> Roster {
        let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, t) in tenures.iter().enumerate() {
            by_id.entry(t.id_number.clone()).or_default().push(i);
        }
        Roster { tenures, by_id }
    }

    /// The tenures of one person, in roster order.
    pub fn of(&self, id_number: &str) -> impl Iterator<Item = &Tenure> {
        self.by_id
            .get(id_number)
            .into_iter()
            .flatten()
            .map(|&i| &self.tenures[i])
    }

    /// The person's tenure covering `date`, at any unit.
    pub fn serving(&self, id_number: &str, date: &str) -> Option<&Tenure> {
        self.of(id_number).find(|t| t.covers(date))
    }

    /// Whether the person is on the roster at all.
    pub fn has(&self, id_number: &str) -> bool {
        self.by_id.contains_key(id_number)
    }

    /// The people on the roster, each once.
    pub fn people(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(String::as_str)
    }
}
