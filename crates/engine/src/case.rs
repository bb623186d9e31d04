//! `Case`: the one handle the command line and the desktop shell hold. It opens the
//! encrypted case file, runs each use case, and writes every action on case data to
//! the audit log. It holds no business rules of its own: those live in the modules it
//! calls.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde_json::json;

use crate::audit::{self, Entry};
use crate::error::Result;
use crate::graph::{
    CaseGraph, MoneyTrace, NeighborQuery, Neighborhood, PathQuery, PathSet, TraceQuery,
};
use crate::import::pipeline::{self, Stamp};
use crate::import::{FileReport, ImportOptions};
use crate::kinds::Kind;
use crate::progress::{CancelFlag, NoProgress, Progress};
use crate::resolve::{self, ResolveStats};
use crate::store::derived;
use crate::store::{self, summary, Passphrase};

pub use crate::store::summary::{FileSummary, KindCount, RejectRow};

mod models;
pub use models::{AlertMove, ModelInfo};

/// Where "now" comes from: the real clock in use, a fixed one in tests.
pub type Clock = Box<dyn Fn() -> String + Send>;

/// An open case file.
pub struct Case {
    conn: Connection,
    path: PathBuf,
    actor: String,
    clock: Clock,
    /// The link graph, loaded on first use and dropped when the case's data changes.
    graph: Option<CaseGraph>,
}

/// The case's summary, as `case info` shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseSummary {
    pub files: Vec<FileSummary>,
    pub kinds: BTreeMap<Kind, KindCount>,
    pub rejects: u64,
    /// Entities by type (person, company, account, unit…), once resolved.
    pub entities: BTreeMap<String, u64>,
    pub links: u64,
    /// Alerts by state (new, assigned, verifying, disposed, archived).
    pub alerts: BTreeMap<String, u64>,
}

/// The local time as RFC 3339 text, to the second.
pub fn system_clock() -> Clock {
    Box::new(|| {
        chrono::Local::now()
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    })
}

impl Case {
    /// Creates a new case file, encrypted with `passphrase`.
    pub fn create(path: &Path, passphrase: &Passphrase, actor: &str, clock: Clock) -> Result<Case> {
        let conn = store::create(path, passphrase)?;
        let case = Case::wrap(conn, path, actor, clock);
        case.log("case.create", json!({ "schema": store::SCHEMA_VERSION }))?;
        Ok(case)
    }

    /// Opens an existing case file.
    pub fn open(path: &Path, passphrase: &Passphrase, actor: &str, clock: Clock) -> Result<Case> {
        let conn = store::open(path, passphrase)?;
        Ok(Case::wrap(conn, path, actor, clock))
    }

    fn wrap(conn: Connection, path: &Path, actor: &str, clock: Clock) -> Case {
        Case {
            conn,
            path: path.to_path_buf(),
            actor: actor.to_string(),
            clock,
            graph: None,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Imports one delivered file in one transaction: on any error, cancel or crash the
    /// case stays as it was before this file.
    pub fn import_file(
        &mut self,
        file: &Path,
        options: &ImportOptions,
        progress: &mut dyn Progress,
        cancel: &CancelFlag,
    ) -> Result<FileReport> {
        let at = (self.clock)();
        let tx = self.conn.transaction()?;
        let stamp = Stamp {
            at: &at,
            actor: &self.actor,
        };
        let report = pipeline::import_file(&tx, file, options, &stamp, progress, cancel)?;
        let detail = json!({
            "file": report.name, "sha256": report.sha256, "kind": report.kind_code(),
            "imported": report.imported, "rejected": report.rejected,
            "duplicate_rows": report.duplicate_rows,
            "duplicate_of": report.duplicate_of.as_ref().map(|d| d.0),
        });
        audit::append(
            &tx,
            &Entry {
                at: &at,
                actor: &self.actor,
                action: "import.file",
                detail: &detail,
            },
        )?;
        if report.imported > 0 {
            derived::mark_stale(&tx)?;
        }
        tx.commit()?;
        self.graph = None;
        Ok(report)
    }

    /// Everything an import would do — kind, header row, column mapping, counts, reject
    /// reasons — without keeping any of it: the work is rolled back. Logged as a preview.
    pub fn preview_file(
        &mut self,
        file: &Path,
        options: &ImportOptions,
        progress: &mut dyn Progress,
        cancel: &CancelFlag,
    ) -> Result<FileReport> {
        let at = (self.clock)();
        let report = {
            let tx = self.conn.transaction()?;
            let stamp = Stamp {
                at: &at,
                actor: &self.actor,
            };
            pipeline::import_file(&tx, file, options, &stamp, progress, cancel)?
            // `tx` drops here without a commit: nothing of the preview stays.
        };
        self.log(
            "import.preview",
            json!({ "file": report.name, "sha256": report.sha256 }),
        )?;
        Ok(report)
    }

    /// Recomputes people, companies, accounts and their links from the imported rows.
    pub fn resolve(
        &mut self,
        progress: &mut dyn Progress,
        cancel: &CancelFlag,
    ) -> Result<ResolveStats> {
        // The rebuild replaces entities and links in a transaction of its own.
        let stats = resolve::rebuild(&self.conn, progress, cancel)?;
        let tx = self.conn.transaction()?;
        derived::mark_fresh(&tx)?;
        let at = (self.clock)();
        let detail = json!({ "entities": stats.entities, "links": stats.links });
        audit::append(
            &tx,
            &Entry {
                at: &at,
                actor: &self.actor,
                action: "resolve.rebuild",
                detail: &detail,
            },
        )?;
        tx.commit()?;
        self.graph = None;
        Ok(stats)
    }

    /// Resolves entities again if imports changed the rows since the last time.
    pub fn ensure_resolved(
        &mut self,
        progress: &mut dyn Progress,
        cancel: &CancelFlag,
    ) -> Result<()> {
        if derived::is_stale(&self.conn)? {
            self.resolve(progress, cancel)?;
        }
        Ok(())
    }

    /// The link graph, loaded once (after resolving, if the rows changed).
    pub fn graph(
        &mut self,
        progress: &mut dyn Progress,
        cancel: &CancelFlag,
    ) -> Result<&CaseGraph> {
        self.ensure_resolved(progress, cancel)?;
        if self.graph.is_none() {
            self.graph = Some(CaseGraph::load(&self.conn, progress, cancel)?);
        }
        match self.graph.as_ref() {
            Some(graph) => Ok(graph),
            None => Err(crate::Error::NotFound("graph".into())),
        }
    }

    /// The entities within `q.hops` links of one entity (canonical id).
    pub fn neighbors(&mut self, id: &str, q: &NeighborQuery) -> Result<Neighborhood> {
        let found = self
            .graph(&mut NoProgress, &CancelFlag::new())?
            .neighbors(id, q)?;
        self.log(
            "graph.neighbors",
            json!({ "id": id, "hops": q.hops, "found": found.entities.len() }),
        )?;
        Ok(found)
    }

    /// All shortest paths (or, with `k`, the k shortest) between two entities.
    pub fn paths(
        &mut self,
        from: &str,
        to: &str,
        k: Option<usize>,
        q: &PathQuery,
    ) -> Result<PathSet> {
        self.graph(&mut NoProgress, &CancelFlag::new())?;
        let graph = self
            .graph
            .as_ref()
            .ok_or_else(|| crate::Error::NotFound("graph".into()))?;
        let found = match k {
            Some(k) => graph.k_shortest_paths(&self.conn, from, to, k, q)?,
            None => graph.shortest_paths(&self.conn, from, to, q)?,
        };
        self.log(
            "graph.path",
            json!({ "from": from, "to": to, "k": k, "max_hops": q.max_hops }),
        )?;
        Ok(found)
    }

    /// Money traced out of and into an account, transfer by transfer in time order.
    pub fn trace_money(&mut self, account: &str, q: &TraceQuery) -> Result<MoneyTrace> {
        self.graph(&mut NoProgress, &CancelFlag::new())?;
        let graph = self
            .graph
            .as_ref()
            .ok_or_else(|| crate::Error::NotFound("graph".into()))?;
        let found = graph.trace_money(&self.conn, account, q)?;
        self.log(
            "graph.flow",
            json!({ "account": account, "hops": q.hops, "min_amount": q.min_amount }),
        )?;
        Ok(found)
    }

    /// The case's summary. Reading case data is an action too, and is logged.
    pub fn summary(&self) -> Result<CaseSummary> {
        let entities = self.entity_counts()?;
        let links = summary::count_if_table(&self.conn, "links", "")?.unwrap_or(0);
        let alerts = self.alert_counts()?;
        let out = CaseSummary {
            files: summary::files(&self.conn)?,
            kinds: summary::kinds(&self.conn)?,
            rejects: summary::reject_count(&self.conn)?,
            entities,
            links,
            alerts,
        };
        self.log("case.info", json!({}))?;
        Ok(out)
    }

    /// Rejected rows, a page at a time.
    pub fn rejects(&self, offset: u64, limit: u64) -> Result<Vec<RejectRow>> {
        let rows = summary::rejects(&self.conn, offset, limit)?;
        self.log(
            "rejects.list",
            json!({ "offset": offset, "limit": limit, "rows": rows.len() }),
        )?;
        Ok(rows)
    }

    /// Writes a delivered file's bytes, exactly as they were imported, to `out`.
    pub fn export_file(&self, sha256: &str, out: &mut dyn std::io::Write) -> Result<u64> {
        let written = store::files::export_blob(&self.conn, sha256, out)?;
        self.log("file.export", json!({ "sha256": sha256, "bytes": written }))?;
        Ok(written)
    }

    /// Checks the audit log's hash chain; returns how many entries it holds.
    pub fn verify_audit(&self) -> Result<i64> {
        audit::verify(&self.conn)
    }

    fn log(&self, action: &str, detail: serde_json::Value) -> Result<()> {
        let at = (self.clock)();
        audit::append(
            &self.conn,
            &Entry {
                at: &at,
                actor: &self.actor,
                action,
                detail: &detail,
            },
        )?;
        Ok(())
    }

    fn entity_counts(&self) -> Result<BTreeMap<String, u64>> {
        summary::counts_by(&self.conn, "entities", "type")
    }

    fn alert_counts(&self) -> Result<BTreeMap<String, u64>> {
        let mut out: BTreeMap<String, u64> =
            ["new", "assigned", "verifying", "disposed", "archived"]
                .into_iter()
                .map(|s| (s.to_string(), 0))
                .collect();
        out.extend(summary::counts_by(&self.conn, "alerts", "state")?);
        Ok(out)
    }
}
