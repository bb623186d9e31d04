//! The neighbourhood of an entity: everything within a number of links of it, walking
//! links either way, with the links among what was found.

use std::collections::VecDeque;

use serde::Serialize;

use super::{CaseGraph, EdgeIx, EntityRef, LinkFilter, LinkRef, NodeIx};
use crate::error::Result;
use crate::fasthash::FastSet;

/// How far to look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeighborQuery {
    pub hops: usize,
    pub filter: LinkFilter,
    /// Entities returned, at most (the nearest first); more make the answer `truncated`.
    pub limit: usize,
}

impl Default for NeighborQuery {
    /// One hop, any link, at most 5,000 entities.
    fn default() -> NeighborQuery {
        NeighborQuery {
            hops: 1,
            filter: LinkFilter::default(),
            limit: 5000,
        }
    }
}

/// An entity found near the centre.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Neighbor {
    #[serde(flatten)]
    pub entity: EntityRef,
    /// Links between it and the centre.
    pub hops: usize,
}

/// The answer to a neighbourhood query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Neighborhood {
    pub center: EntityRef,
    /// Nearest first.
    pub entities: Vec<Neighbor>,
    /// Every link passing the filter between two of the entities (centre included).
    pub links: Vec<LinkRef>,
    pub truncated: bool,
}

/// A neighbourhood as positions in the graph: what a graph view draws and counts, before
/// names and labels are copied out ([`CaseGraph::describe_neighbors`] does that).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeighborSet {
    pub center: NodeIx,
    /// Nearest first, with their distance; the centre is not among them.
    pub entities: Vec<(NodeIx, usize)>,
    /// Every link passing the filter between two of the entities (centre included).
    pub links: Vec<EdgeIx>,
    pub truncated: bool,
}

impl CaseGraph {
    /// The entities within `q.hops` links of the entity named by `id`.
    pub fn neighbors(&self, id: &str, q: &NeighborQuery) -> Result<Neighborhood> {
        Ok(self.describe_neighbors(&self.neighbor_set(id, q)?))
    }

    /// The same neighbourhood as graph positions, without copying any text.
    pub fn neighbor_set(&self, id: &str, q: &NeighborQuery) -> Result<NeighborSet> {
        Ok(self.neighbor_set_at(self.node_of(id)?, q))
    }

    /// The neighbourhood of an entity already placed in the graph (a node a view shows).
    pub fn neighbor_set_at(&self, center: NodeIx, q: &NeighborQuery) -> NeighborSet {
        let (found, truncated) = self.within(center, q.hops, &q.filter, q.limit);
        let links = self.links_among(&found, &q.filter);
        let entities = found.into_iter().filter(|(n, _)| *n != center).collect();
        NeighborSet {
            center,
            entities,
            links,
            truncated,
        }
    }

    /// Names, keys and labels for a neighbourhood found by [`CaseGraph::neighbor_set`].
    pub fn describe_neighbors(&self, set: &NeighborSet) -> Neighborhood {
        Neighborhood {
            center: self.entity_ref(set.center),
            entities: set
                .entities
                .iter()
                .map(|&(n, hops)| Neighbor {
                    entity: self.entity_ref(n),
                    hops,
                })
                .collect(),
            links: set.links.iter().map(|&e| self.link_ref(e)).collect(),
            truncated: set.truncated,
        }
    }

    /// Breadth-first from `center`: nodes with their distance, nearest first (centre
    /// included), at most `limit` besides the centre.
    pub(super) fn within(
        &self,
        center: NodeIx,
        hops: usize,
        filter: &LinkFilter,
        limit: usize,
    ) -> (Vec<(NodeIx, usize)>, bool) {
        let mut seen: FastSet<NodeIx> = FastSet::default();
        seen.insert(center);
        let mut order = vec![(center, 0)];
        let mut queue = VecDeque::from([(center, 0usize)]);
        while let Some((n, d)) = queue.pop_front() {
            if d >= hops {
                continue;
            }
            for (_, other, _) in self.incident(n, filter) {
                if seen.contains(&other) {
                    continue;
                }
                if order.len() > limit {
                    return (order, true);
                }
                seen.insert(other);
                order.push((other, d + 1));
                queue.push_back((other, d + 1));
            }
        }
        (order, false)
    }

    fn links_among(&self, nodes: &[(NodeIx, usize)], filter: &LinkFilter) -> Vec<EdgeIx> {
        let inside: FastSet<NodeIx> = nodes.iter().map(|&(n, _)| n).collect();
        let mut edges: Vec<EdgeIx> = Vec::new();
        for &(n, _) in nodes {
            for (e, other, forward) in self.incident(n, filter) {
                if forward && inside.contains(&other) {
                    edges.push(e);
                }
            }
        }
        edges.sort_unstable();
        edges
    }
}
