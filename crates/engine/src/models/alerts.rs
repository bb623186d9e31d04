//! Alerts after they are filed: listing and showing them, and their workflow. An alert
//! moves 新预警 (new) → 已分办 (assigned) → 核查中 (verifying) → 已处置 (disposed, with
//! an outcome: 属实 / 不属实 / 已整改) → 已归档 (archived); a disposed or archived alert
//! may be reopened into verifying. Any other move is refused. Every move is one row of
//! `alert_history` and one audit entry, written together. Filing alerts is the runner's
//! job, not this file's.

use std::fmt;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::json;

use super::savepoint::atomically;
use super::{EvidenceRow, Severity, Stamp, Subject, SubjectType};
use crate::audit::{self, Entry};
use crate::error::{Error, Result};

mod view;

pub use view::{AlertEvidenceJson, AlertJson, AlertSubjectJson};

/// An alert's number, shown as `a-000123`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AlertId(pub i64);

impl fmt::Display for AlertId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a-{:06}", self.0)
    }
}

impl std::str::FromStr for AlertId {
    type Err = Error;

    /// Reads `a-000123`, `A-123` or `123`.
    fn from_str(text: &str) -> Result<AlertId> {
        let t = text.trim();
        let digits = t
            .strip_prefix("a-")
            .or_else(|| t.strip_prefix("A-"))
            .unwrap_or(t);
        digits.parse().map(AlertId).map_err(|_| {
            Error::InvalidArgument(format!(
                "预警编号应如 a-000123 / alert ids look like a-000123: {text}"
            ))
        })
    }
}

/// Where an alert is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AlertState {
    New,
    Assigned,
    Verifying,
    Disposed,
    Archived,
}

impl AlertState {
    pub const ALL: [AlertState; 5] = [
        AlertState::New,
        AlertState::Assigned,
        AlertState::Verifying,
        AlertState::Disposed,
        AlertState::Archived,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AlertState::New => "new",
            AlertState::Assigned => "assigned",
            AlertState::Verifying => "verifying",
            AlertState::Disposed => "disposed",
            AlertState::Archived => "archived",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AlertState::New => "新预警",
            AlertState::Assigned => "已分办",
            AlertState::Verifying => "核查中",
            AlertState::Disposed => "已处置",
            AlertState::Archived => "已归档",
        }
    }

    pub fn from_code(code: &str) -> Option<AlertState> {
        AlertState::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// What verification concluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    Confirmed,
    FalsePositive,
    Remedied,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [
        Outcome::Confirmed,
        Outcome::FalsePositive,
        Outcome::Remedied,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Confirmed => "confirmed",
            Outcome::FalsePositive => "false_positive",
            Outcome::Remedied => "remedied",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Confirmed => "属实",
            Outcome::FalsePositive => "不属实",
            Outcome::Remedied => "已整改",
        }
    }

    pub fn from_code(code: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == code)
    }
}

/// A workflow step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Assign,
    StartVerifying,
    Dispose,
    Archive,
    Reopen,
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Action::Assign => "assign",
            Action::StartVerifying => "verify",
            Action::Dispose => "dispose",
            Action::Archive => "archive",
            Action::Reopen => "reopen",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Action::Assign => "分办",
            Action::StartVerifying => "开始核查",
            Action::Dispose => "处置",
            Action::Archive => "归档",
            Action::Reopen => "重新核查",
        }
    }

    /// The state this step leads to from `from`, or `None` when it is not allowed there.
    pub fn target(self, from: AlertState) -> Option<AlertState> {
        use AlertState as S;
        match (self, from) {
            (Action::Assign, S::New | S::Assigned) => Some(S::Assigned),
            (Action::StartVerifying, S::Assigned) => Some(S::Verifying),
            (Action::Dispose, S::Verifying) => Some(S::Disposed),
            (Action::Archive, S::Disposed) => Some(S::Archived),
            (Action::Reopen, S::Disposed | S::Archived) => Some(S::Verifying),
            _ => None,
        }
    }
}

/// An alert with everything the command line, the window and the report show.
#[derive(Clone, Debug, PartialEq)]
pub struct AlertView {
    pub id: AlertId,
    pub model: String,
    pub severity: Severity,
    pub state: AlertState,
    pub outcome: Option<Outcome>,
    pub assignee: Option<String>,
    pub summary: String,
    /// The model's last run did not find it again.
    pub stale: bool,
    /// The `model_runs` ids of the first and the latest run that found it.
    pub first_seen: i64,
    pub last_seen: i64,
    pub created_at: String,
    pub updated_at: String,
    pub subjects: Vec<Subject>,
    pub evidence: Vec<EvidenceRow>,
}

/// An alert with its history, oldest step first.
#[derive(Clone, Debug, PartialEq)]
pub struct AlertDetail {
    pub alert: AlertView,
    pub history: Vec<HistoryEntry>,
}

/// One step of an alert's life; `from` is `None` for its filing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub from: Option<AlertState>,
    pub to: AlertState,
    pub who: String,
    pub at: String,
    pub note: String,
}

/// Which alerts to list; `None` fields do not filter. Ordered by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AlertFilter {
    pub state: Option<AlertState>,
    pub model: Option<String>,
    /// Only alerts the given run found (new or again).
    pub run: Option<i64>,
    pub offset: u64,
    pub limit: Option<u64>,
}

const COLUMNS: &str = "id, model, severity, state, outcome, assignee, summary, stale,
     first_seen, last_seen, created_at, updated_at";
const WHERE: &str =
    "(?1 IS NULL OR state = ?1) AND (?2 IS NULL OR model = ?2) AND (?3 IS NULL OR last_seen = ?3)";

/// The alerts that pass `filter`, a page at a time, with their subjects and evidence.
pub fn list(conn: &Connection, filter: &AlertFilter) -> Result<Vec<AlertView>> {
    let sql = format!("SELECT {COLUMNS} FROM alerts WHERE {WHERE} ORDER BY id LIMIT ?4 OFFSET ?5");
    let limit = filter.limit.map_or(-1, |l| l as i64);
    let mut stmt = conn.prepare(&sql)?;
    let state = filter.state.map(AlertState::code);
    let rows = stmt.query_map(
        params![state, filter.model, filter.run, limit, filter.offset as i64],
        read_alert,
    )?;
    let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    for alert in &mut out {
        fill_parts(conn, alert)?;
    }
    Ok(out)
}

/// How many alerts pass `filter` (paging ignored).
pub fn count(conn: &Connection, filter: &AlertFilter) -> Result<u64> {
    let sql = format!("SELECT count(*) FROM alerts WHERE {WHERE}");
    let state = filter.state.map(AlertState::code);
    let n: i64 = conn.query_row(&sql, params![state, filter.model, filter.run], |r| r.get(0))?;
    Ok(n as u64)
}

/// One alert with its subjects, evidence and history.
pub fn show(conn: &Connection, id: AlertId) -> Result<AlertDetail> {
    let mut alert = get(conn, id)?;
    fill_parts(conn, &mut alert)?;
    let mut stmt = conn.prepare(
        "SELECT from_state, to_state, who, at, note FROM alert_history WHERE alert_id = ?1 ORDER BY id",
    )?;
    let history = stmt
        .query_map([id.0], |r| {
            let from: Option<String> = r.get(0)?;
            Ok(HistoryEntry {
                from: from.as_deref().and_then(AlertState::from_code),
                to: AlertState::from_code(&r.get::<_, String>(1)?).unwrap_or(AlertState::New),
                who: r.get(2)?,
                at: r.get(3)?,
                note: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(AlertDetail { alert, history })
}

/// 分办: hands the alert to `assignee` (again, if it was already assigned).
pub fn assign(
    conn: &Connection,
    id: AlertId,
    assignee: &str,
    note: &str,
    stamp: Stamp<'_>,
) -> Result<()> {
    let assignee = assignee.trim();
    if assignee.is_empty() {
        return Err(Error::InvalidArgument(
            "承办人不能为空 / the assignee must not be empty".into(),
        ));
    }
    let change = Change {
        assignee: Some(assignee),
        outcome: None,
    };
    transition(conn, id, Action::Assign, change, note, stamp)
}

/// 开始核查.
pub fn start_verifying(conn: &Connection, id: AlertId, note: &str, stamp: Stamp<'_>) -> Result<()> {
    transition(
        conn,
        id,
        Action::StartVerifying,
        Change::default(),
        note,
        stamp,
    )
}

/// 处置, with what verification concluded.
pub fn dispose(
    conn: &Connection,
    id: AlertId,
    outcome: Outcome,
    note: &str,
    stamp: Stamp<'_>,
) -> Result<()> {
    let change = Change {
        assignee: None,
        outcome: Some(outcome),
    };
    transition(conn, id, Action::Dispose, change, note, stamp)
}

/// 归档.
pub fn archive(conn: &Connection, id: AlertId, note: &str, stamp: Stamp<'_>) -> Result<()> {
    transition(conn, id, Action::Archive, Change::default(), note, stamp)
}

/// 重新核查: a disposed or archived alert goes back to verifying; its outcome is cleared.
pub fn reopen(conn: &Connection, id: AlertId, note: &str, stamp: Stamp<'_>) -> Result<()> {
    transition(conn, id, Action::Reopen, Change::default(), note, stamp)
}

#[derive(Clone, Copy, Default)]
struct Change<'a> {
    assignee: Option<&'a str>,
    outcome: Option<Outcome>,
}

fn transition(
    conn: &Connection,
    id: AlertId,
    action: Action,
    change: Change<'_>,
    note: &str,
    stamp: Stamp<'_>,
) -> Result<()> {
    atomically(conn, "alert_transition", || {
        let from = get(conn, id)?.state;
        let to = action.target(from).ok_or(Error::IllegalTransition {
            alert: id.to_string(),
            state: from.label(),
            state_code: from.code(),
            action: action.label(),
            action_code: action.code(),
        })?;
        let outcome = change.outcome.map(Outcome::code);
        conn.execute(
            "UPDATE alerts SET state = ?2, assignee = coalesce(?3, assignee),
                 outcome = CASE WHEN ?2 = 'verifying' THEN NULL ELSE coalesce(?4, outcome) END,
                 updated_at = ?5
             WHERE id = ?1",
            params![id.0, to.code(), change.assignee, outcome, stamp.at],
        )?;
        record_step(conn, id, (from, to, action), change, note, stamp)
    })
}

/// Writes one step to `alert_history` and the audit log.
fn record_step(
    conn: &Connection,
    id: AlertId,
    (from, to, action): (AlertState, AlertState, Action),
    change: Change<'_>,
    note: &str,
    stamp: Stamp<'_>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO alert_history (alert_id, from_state, to_state, who, at, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id.0, from.code(), to.code(), stamp.actor, stamp.at, note],
    )?;
    let detail = json!({
        "alert": id.to_string(), "from": from.code(), "to": to.code(), "note": note,
        "assignee": change.assignee, "outcome": change.outcome.map(Outcome::code),
    });
    let action = format!("alert.{}", action.code());
    let entry = Entry {
        at: stamp.at,
        actor: stamp.actor,
        action: &action,
        detail: &detail,
    };
    audit::append(conn, &entry)?;
    Ok(())
}

fn get(conn: &Connection, id: AlertId) -> Result<AlertView> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM alerts WHERE id = ?1"),
        [id.0],
        read_alert,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("预警 {id} / alert {id}")))
}

fn read_alert(r: &Row<'_>) -> rusqlite::Result<AlertView> {
    let severity: String = r.get(2)?;
    let state: String = r.get(3)?;
    let outcome: Option<String> = r.get(4)?;
    Ok(AlertView {
        id: AlertId(r.get(0)?),
        model: r.get(1)?,
        severity: Severity::from_code(&severity).unwrap_or(Severity::Medium),
        state: AlertState::from_code(&state).unwrap_or(AlertState::New),
        outcome: outcome.as_deref().and_then(Outcome::from_code),
        assignee: r.get(5)?,
        summary: r.get(6)?,
        stale: r.get(7)?,
        first_seen: r.get(8)?,
        last_seen: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
        subjects: Vec::new(),
        evidence: Vec::new(),
    })
}

fn fill_parts(conn: &Connection, alert: &mut AlertView) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT type, subject_id, name, role FROM alert_subjects WHERE alert_id = ?1 ORDER BY position",
    )?;
    alert.subjects = stmt
        .query_map([alert.id.0], |r| {
            let ty: String = r.get(0)?;
            Ok(Subject {
                subject_type: SubjectType::from_code(&ty).unwrap_or(SubjectType::Person),
                id: r.get(1)?,
                name: r.get(2)?,
                role: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT table_name, record_id, file_sha256, file_name, sheet, row_no
         FROM alert_evidence WHERE alert_id = ?1 ORDER BY position",
    )?;
    alert.evidence = stmt
        .query_map([alert.id.0], |r| {
            Ok(EvidenceRow {
                table: r.get(0)?,
                record_id: r.get(1)?,
                file_sha256: r.get(2)?,
                file_name: r.get(3)?,
                sheet: r.get(4)?,
                row_no: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}

#[cfg(test)]
mod tests;
