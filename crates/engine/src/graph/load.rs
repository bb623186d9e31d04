//! Building the [`CaseGraph`] from the case: `entities` as nodes, `links` as edges, and
//! `transfers` (the successful bank transfers between two known accounts) for money
//! tracing, all three written by the rebuild. Reads only; a case without a rebuild
//! gives an empty graph.

use petgraph::graph::DiGraph;

use super::adjacency::Adjacency;
use super::keys::KeyIndex;
use super::money::{StoredTransfer, Transfers, TransfersBuilder};
use super::{CaseGraph, Edge, Node, NodeIx};
use crate::error::Result;
use crate::fasthash::FastMap;
use crate::progress::{CancelFlag, Progress, ProgressEvent};
use crate::resolve::{parse_time, str_at, EntityId, EntityType, LinkId, LinkType};

const EVERY: u64 = 50_000;

impl CaseGraph {
    /// Loads the graph of the case. Reports progress per stage (`graph-entities`,
    /// `graph-links`, `graph-transfers`) and stops with `Cancelled` when asked.
    pub fn load(
        conn: &rusqlite::Connection,
        progress: &mut dyn Progress,
        cancel: &CancelFlag,
    ) -> Result<CaseGraph> {
        let mut tick = |stage: &'static str, done: u64| {
            progress.report(ProgressEvent {
                stage,
                subject: "graph",
                done,
                total: None,
            });
            cancel.check()
        };
        let (mut g, by_entity) = load_nodes(conn, &mut tick)?;
        let by_key = KeyIndex::build(&g);
        load_edges(conn, &mut g, &by_entity, &mut tick)?;
        // The adjacency needs only the links: it is laid out on a second core while
        // this one reads the transfers.
        let (transfers, adjacency) = std::thread::scope(|scope| {
            let adjacency = scope.spawn(|| Adjacency::build(&g));
            let transfers = load_transfers(conn, &by_entity, g.node_count(), &mut tick);
            (transfers, adjacency.join())
        });
        let transfers = transfers?;
        let adjacency = adjacency.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Ok(CaseGraph {
            g,
            adjacency,
            by_key,
            transfers,
        })
    }
}

type Tick<'a> = dyn FnMut(&'static str, u64) -> Result<()> + 'a;
type Nodes = (DiGraph<Node, Edge, u32>, FastMap<i64, NodeIx>);

fn load_nodes(conn: &rusqlite::Connection, tick: &mut Tick<'_>) -> Result<Nodes> {
    let count: i64 = conn.query_row("SELECT count(*) FROM entities", [], |r| r.get(0))?;
    let links: i64 = conn.query_row("SELECT count(*) FROM links", [], |r| r.get(0))?;
    let mut g = DiGraph::with_capacity(count as usize, links as usize);
    let mut by_entity = FastMap::with_capacity_and_hasher(count as usize, Default::default());
    let mut stmt = conn.prepare("SELECT id, type, key, name FROM entities ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut done = 0;
    while let Some(r) = rows.next()? {
        let Some(ty) = EntityType::from_code(str_at(r, 1)?.unwrap_or_default()) else {
            continue;
        };
        let id: i64 = r.get(0)?;
        let key: Box<str> = r.get::<_, String>(2)?.into();
        let name: Option<String> = r.get(3)?;
        let n = NodeIx::of(g.add_node(Node {
            id: EntityId(id),
            ty,
            key,
            name: name.map(Into::into),
        }));
        by_entity.insert(id, n);
        done += 1;
        if done % EVERY == 0 {
            tick("graph-entities", done)?;
        }
    }
    tick("graph-entities", done)?;
    Ok((g, by_entity))
}

fn load_edges(
    conn: &rusqlite::Connection,
    g: &mut DiGraph<Node, Edge, u32>,
    by_entity: &FastMap<i64, NodeIx>,
    tick: &mut Tick<'_>,
) -> Result<()> {
    let mut stmt = conn.prepare("SELECT id, type, src, dst, start_date, end_date, label, reverse_label FROM links ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut done = 0;
    while let Some(r) = rows.next()? {
        let Some(ty) = LinkType::from_code(str_at(r, 1)?.unwrap_or_default()) else {
            continue;
        };
        let (Some(&a), Some(&b)) = (by_entity.get(&r.get(2)?), by_entity.get(&r.get(3)?)) else {
            continue;
        };
        let edge = Edge {
            id: LinkId(r.get(0)?),
            ty,
            start: day_of(str_at(r, 4)?),
            end: day_of(str_at(r, 5)?),
            label: r.get::<_, String>(6)?.into(),
            reverse_label: r.get::<_, Option<String>>(7)?.map(Into::into),
        };
        g.add_edge(a.pg(), b.pg(), edge);
        done += 1;
        if done % EVERY == 0 {
            tick("graph-links", done)?;
        }
    }
    tick("graph-links", done)
}

/// Days since 1970 of a stored date (or the date part of a time).
fn day_of(text: Option<&str>) -> Option<i32> {
    Some(parse_time(text?.get(..10)?)?.div_euclid(86_400) as i32)
}

const TRANSFERS_SQL: &str =
    "SELECT src, dst, at, fen, currency, record, twin FROM transfers ORDER BY id";

fn load_transfers(
    conn: &rusqlite::Connection,
    by_entity: &FastMap<i64, NodeIx>,
    nodes: usize,
    tick: &mut Tick<'_>,
) -> Result<Transfers> {
    let count: i64 = conn.query_row("SELECT count(*) FROM transfers", [], |r| r.get(0))?;
    let mut builder = TransfersBuilder::with_capacity(count as usize);
    let mut stmt = conn.prepare(TRANSFERS_SQL)?;
    let mut rows = stmt.query([])?;
    let mut done = 0;
    while let Some(r) = rows.next()? {
        done += 1;
        if done % EVERY == 0 {
            tick("graph-transfers", done)?;
        }
        let (Some(&from), Some(&to)) = (by_entity.get(&r.get(0)?), by_entity.get(&r.get(1)?))
        else {
            continue;
        };
        builder.add(StoredTransfer {
            from,
            to,
            at: r.get(2)?,
            fen: r.get(3)?,
            currency: str_at(r, 4)?.unwrap_or_default(),
            record: r.get(5)?,
            twin: r.get(6)?,
        });
    }
    tick("graph-transfers", done)?;
    Ok(builder.finish(nodes))
}
