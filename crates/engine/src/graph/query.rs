//! The neighbourhood of an entity: everything within a number of links of it, walking
//! links either way, with the links among what was found.

use std::collections::{HashMap, VecDeque};

use serde::Serialize;

use super::{CaseGraph, EdgeIx, EntityRef, LinkFilter, LinkRef, NodeIx};
use crate::error::Result;

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

impl CaseGraph {
    /// The entities within `q.hops` links of the entity named by `id`.
    pub fn neighbors(&self, id: &str, q: &NeighborQuery) -> Result<Neighborhood> {
        let center = self.node_of(id)?;
        let (found, truncated) = self.within(center, q.hops, &q.filter, q.limit);
        let links = self.links_among(&found, &q.filter);
        let entities = found
            .iter()
            .filter(|(n, _)| *n != center)
            .map(|&(n, hops)| Neighbor {
                entity: self.entity_ref(n),
                hops,
            })
            .collect();
        Ok(Neighborhood {
            center: self.entity_ref(center),
            entities,
            links,
            truncated,
        })
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
        let mut seen: HashMap<NodeIx, usize> = HashMap::from([(center, 0)]);
        let mut order = vec![(center, 0)];
        let mut queue = VecDeque::from([(center, 0usize)]);
        while let Some((n, d)) = queue.pop_front() {
            if d >= hops {
                continue;
            }
            for (_, other, _) in self.incident(n, filter) {
                if seen.contains_key(&other) {
                    continue;
                }
                if order.len() > limit {
                    return (order, true);
                }
                seen.insert(other, d + 1);
                order.push((other, d + 1));
                queue.push_back((other, d + 1));
            }
        }
        (order, false)
    }

    fn links_among(&self, nodes: &[(NodeIx, usize)], filter: &LinkFilter) -> Vec<LinkRef> {
        let inside: HashMap<NodeIx, ()> = nodes.iter().map(|&(n, _)| (n, ())).collect();
        let mut edges: Vec<EdgeIx> = Vec::new();
        for &(n, _) in nodes {
            for (e, other, forward) in self.incident(n, filter) {
                if forward && inside.contains_key(&other) {
                    edges.push(e);
                }
            }
        }
        edges.sort();
        edges.into_iter().map(|e| self.link_ref(e)).collect()
    }
}
