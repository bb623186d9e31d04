//! The case graph: every entity and link of the case in memory, for the questions an
//! investigator asks of it — who is around this person (`neighbors`), how are these two
//! connected (`shortest_paths`, `k_shortest_paths`), where did this money go or come
//! from (`trace_money`, transaction by transaction in time order), which groups hang
//! together (`components`) and who sits in the middle (`centrality`).
//!
//! [`CaseGraph`] wraps a petgraph graph; petgraph's types never leave this module. The
//! graph is built from the `entities` and `links` tables (so `resolve::rebuild` must
//! have run) and from its `transfers` table for money tracing; it does not change the
//! case. Answers are plain serialisable structs; paths come with readable Chinese steps
//! and the source rows behind each link.

mod adjacency;
mod analysis;
mod explain;
mod export;
mod keys;
mod load;
mod money;
mod paths;
mod query;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::resolve::{EntityId, EntityType, LinkId, LinkType};
use adjacency::Adjacency;
use keys::KeyIndex;
use money::Transfers;

pub use analysis::{Centrality, CentralityReport, Component, SubGraph};
pub use money::{
    FlowDirection, MoneyPath, MoneyTrace, PathList, TracePaths, TraceQuery, TransferStep,
};
pub use paths::{Path, PathQuery, PathSet, Step};
pub use query::{Neighbor, NeighborQuery, NeighborSet, Neighborhood};

/// A node of the graph (an entity). Opaque outside this module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeIx(u32);

/// An edge of the graph (a link). Opaque outside this module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EdgeIx(u32);

impl NodeIx {
    fn pg(self) -> NodeIndex<u32> {
        NodeIndex::new(self.0 as usize)
    }

    fn of(n: NodeIndex<u32>) -> NodeIx {
        NodeIx(n.index() as u32)
    }

    fn index(self) -> usize {
        self.0 as usize
    }
}

impl EdgeIx {
    fn pg(self) -> EdgeIndex<u32> {
        EdgeIndex::new(self.0 as usize)
    }

    fn of(e: EdgeIndex<u32>) -> EdgeIx {
        EdgeIx(e.index() as u32)
    }
}

struct Node {
    id: EntityId,
    ty: EntityType,
    key: Box<str>,
    name: Option<Box<str>>,
}

struct Edge {
    id: LinkId,
    ty: LinkType,
    /// Days since 1970-01-01.
    start: Option<i32>,
    end: Option<i32>,
    label: Box<str>,
    reverse_label: Option<Box<str>>,
}

/// The case's entities and links in memory, with the transfers for money tracing.
pub struct CaseGraph {
    g: DiGraph<Node, Edge, u32>,
    adjacency: Adjacency,
    by_key: KeyIndex,
    transfers: Transfers,
}

/// An entity in an answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntityRef {
    pub id: EntityId,
    #[serde(rename = "type")]
    pub ty: EntityType,
    /// The canonical id (ID number, credit code, account digits, unit name…).
    pub key: String,
    pub name: Option<String>,
}

impl EntityRef {
    /// The name when there is one, else the key: what a sentence about it shows.
    pub fn display(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.key)
    }
}

/// A link in an answer, as stored (src → dst).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkRef {
    pub id: LinkId,
    #[serde(rename = "type")]
    pub ty: LinkType,
    /// Keys of the two ends.
    pub src: String,
    pub dst: String,
    pub label: String,
    pub start: Option<String>,
    pub end: Option<String>,
}

/// Which links a query may walk: by type (empty: all) and by time (a link whose span
/// does not overlap `[from, to]` is left out; a link without a span always passes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkFilter {
    pub types: Vec<LinkType>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl LinkFilter {
    fn passes_type(&self, ty: LinkType) -> bool {
        self.types.is_empty() || self.types.contains(&ty)
    }

    fn has_dates(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    fn passes_dates(&self, e: &Edge) -> bool {
        let from_ok = match (self.from, e.end) {
            (Some(from), Some(end)) => end >= days(from),
            _ => true,
        };
        let to_ok = match (self.to, e.start) {
            (Some(to), Some(start)) => start <= days(to),
            _ => true,
        };
        from_ok && to_ok
    }
}

/// Days since 1970-01-01.
fn days(date: NaiveDate) -> i32 {
    (date - NaiveDate::default()).num_days() as i32
}

fn date_text(days: Option<i32>) -> Option<String> {
    let d = NaiveDate::default().checked_add_signed(chrono::TimeDelta::days(days?.into()))?;
    Some(d.format("%Y-%m-%d").to_string())
}

impl CaseGraph {
    /// Number of entities and links.
    pub fn size(&self) -> (usize, usize) {
        (self.g.node_count(), self.g.edge_count())
    }

    /// Number of transfers held for money tracing (each counted once).
    pub fn transfer_count(&self) -> usize {
        self.transfers.len()
    }

    /// The entity a canonical id names: `110101198001010010`, `91110105MA01ABCD1X`, an
    /// account's digits, a unit's name, a tender or contract number; `type:key`
    /// (`contract:HT-1`) when one key names entities of several types.
    pub fn entity(&self, id: &str) -> Result<EntityRef> {
        self.node_of(id).map(|n| self.entity_ref(n))
    }

    /// Where the entity a canonical id names sits in the graph (see [`CaseGraph::entity`]).
    pub fn position(&self, id: &str) -> Result<NodeIx> {
        self.node_of(id)
    }

    fn node_of(&self, id: &str) -> Result<NodeIx> {
        let id = id.trim();
        let typed = id
            .split_once(':')
            .and_then(|(t, k)| Some((EntityType::from_code(t)?, k)));
        let (ty, key) = match typed {
            Some((t, k)) => (Some(t), k),
            None => (None, id),
        };
        let mut found: Vec<NodeIx> = self
            .by_key
            .find(&self.g, key)
            .filter(|n| ty.is_none_or(|t| self.node(*n).ty == t))
            .collect();
        found.sort_unstable();
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(Error::NotFound(format!("实体 / entity {id}"))),
            many => {
                let choices: Vec<String> = many
                    .iter()
                    .map(|n| format!("{}:{key}", self.node(*n).ty.code()))
                    .collect();
                Err(Error::InvalidArgument(format!(
                    "编号对应多个实体,请注明类型 / {id} names several entities, say which: {}",
                    choices.join(", ")
                )))
            }
        }
    }

    fn node(&self, n: NodeIx) -> &Node {
        &self.g[n.pg()]
    }

    fn edge(&self, e: EdgeIx) -> &Edge {
        &self.g[e.pg()]
    }

    fn ends(&self, e: EdgeIx) -> (NodeIx, NodeIx) {
        let (a, b) = self.g.edge_endpoints(e.pg()).unwrap_or_default();
        (NodeIx::of(a), NodeIx::of(b))
    }

    fn entity_ref(&self, n: NodeIx) -> EntityRef {
        let node = self.node(n);
        EntityRef {
            id: node.id,
            ty: node.ty,
            key: node.key.to_string(),
            name: node.name.as_deref().map(str::to_string),
        }
    }

    fn link_ref(&self, e: EdgeIx) -> LinkRef {
        let edge = self.edge(e);
        let (a, b) = self.ends(e);
        LinkRef {
            id: edge.id,
            ty: edge.ty,
            src: self.node(a).key.to_string(),
            dst: self.node(b).key.to_string(),
            label: edge.label.to_string(),
            start: date_text(edge.start),
            end: date_text(edge.end),
        }
    }

    /// The links at `n` that pass `filter`, either way: (edge, the other end, whether
    /// the link points away from `n`). Reads the link itself only for a date filter.
    fn incident<'a>(
        &'a self,
        n: NodeIx,
        filter: &'a LinkFilter,
    ) -> impl Iterator<Item = (EdgeIx, NodeIx, bool)> + 'a {
        let dated = filter.has_dates();
        self.adjacency
            .of(n)
            .iter()
            .filter(move |h| {
                filter.passes_type(h.ty) && (!dated || filter.passes_dates(self.edge(h.link)))
            })
            .map(|h| (h.link, h.other, h.forward))
    }

    /// A readable listing of the whole graph, one line per link, sorted; entities
    /// without links on lines of their own. Meant for tests and small cases.
    pub fn dump(&self) -> String {
        let mut lines: Vec<String> = Vec::new();
        for e in self.g.edge_indices() {
            let (a, b) = self.ends(EdgeIx::of(e));
            let edge = &self.g[e];
            lines.push(format!(
                "{} —{}→ {}  [{}]",
                self.dump_node(a),
                edge.label,
                self.dump_node(b),
                edge.ty.code()
            ));
        }
        for n in self.g.node_indices() {
            if self.adjacency.of(NodeIx::of(n)).is_empty() {
                lines.push(self.dump_node(NodeIx::of(n)));
            }
        }
        lines.sort();
        lines.join("\n")
    }

    fn dump_node(&self, n: NodeIx) -> String {
        let node = self.node(n);
        match &node.name {
            Some(name) if **name != *node.key => {
                format!("{}:{}({})", node.ty.code(), name, node.key)
            }
            _ => format!("{}:{}", node.ty.code(), node.key),
        }
    }
}
