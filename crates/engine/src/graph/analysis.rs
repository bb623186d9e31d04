//! Whole-graph questions on a chosen sub-graph: connected groups (`components`) and who
//! sits in the middle (`centrality`: degree, and betweenness by Brandes' algorithm).
//! Links are taken either way and parallel links count once. Betweenness is exact up to
//! [`EXACT_BETWEENNESS`] entities; above that it is estimated from evenly spread sample
//! sources and scaled, and the report says so.

use std::collections::{BTreeMap, HashMap, VecDeque};

use petgraph::unionfind::UnionFind;
use serde::Serialize;

use super::{CaseGraph, EntityRef, LinkFilter, NodeIx};
use crate::error::Result;
use crate::resolve::EntityType;

/// Sub-graphs up to this many entities get exact betweenness.
pub const EXACT_BETWEENNESS: usize = 4000;
/// Sample sources for estimated betweenness.
const SAMPLE_SOURCES: usize = 400;

/// The part of the graph to analyse.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubGraph {
    /// Entity types kept (empty: all).
    pub entity_types: Vec<EntityType>,
    pub filter: LinkFilter,
    /// Only the entities within this many links of this one (canonical id).
    pub around: Option<(String, usize)>,
}

/// A connected group of entities.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Component {
    pub size: usize,
    /// Entities per type code.
    pub by_type: BTreeMap<String, usize>,
    /// Members, at most the limit asked for.
    pub entities: Vec<EntityRef>,
}

/// One entity's centrality.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Centrality {
    pub entity: EntityRef,
    /// Distinct neighbours in the sub-graph.
    pub degree: usize,
    /// Shortest paths between other entities that pass through this one.
    pub betweenness: f64,
}

/// The most central entities of a sub-graph.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CentralityReport {
    pub entities: usize,
    /// False when betweenness was estimated from sample sources.
    pub exact: bool,
    /// Highest betweenness first, then highest degree.
    pub top: Vec<Centrality>,
}

/// The sub-graph as plain adjacency lists over local numbers.
struct Local {
    nodes: Vec<NodeIx>,
    adj: Vec<Vec<u32>>,
}

impl CaseGraph {
    fn local(&self, sub: &SubGraph) -> Result<Local> {
        let nodes: Vec<NodeIx> = match &sub.around {
            Some((id, hops)) => {
                let center = self.node_of(id)?;
                self.within(center, *hops, &sub.filter, usize::MAX)
                    .0
                    .into_iter()
                    .map(|(n, _)| n)
                    .collect()
            }
            None => self.g.node_indices().map(NodeIx::of).collect(),
        };
        let keep = |n: &NodeIx| {
            sub.entity_types.is_empty() || sub.entity_types.contains(&self.node(*n).ty)
        };
        let nodes: Vec<NodeIx> = nodes.into_iter().filter(keep).collect();
        let local_of: HashMap<NodeIx, u32> = nodes
            .iter()
            .enumerate()
            .map(|(i, &n)| (n, i as u32))
            .collect();
        let adj = nodes
            .iter()
            .map(|&n| {
                let mut list: Vec<u32> = self
                    .incident(n, &sub.filter)
                    .filter_map(|(_, o, _)| local_of.get(&o).copied())
                    .collect();
                list.sort_unstable();
                list.dedup();
                list
            })
            .collect();
        Ok(Local { nodes, adj })
    }

    /// Connected groups of at least `min_size` entities, largest first, each listing at
    /// most `member_limit` members.
    pub fn components(
        &self,
        sub: &SubGraph,
        min_size: usize,
        member_limit: usize,
    ) -> Result<Vec<Component>> {
        let local = self.local(sub)?;
        let mut uf = UnionFind::<u32>::new(local.nodes.len());
        for (a, list) in local.adj.iter().enumerate() {
            for &b in list {
                uf.union(a as u32, b);
            }
        }
        let mut groups: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for i in 0..local.nodes.len() as u32 {
            groups.entry(uf.find(i)).or_default().push(i);
        }
        let mut out: Vec<Component> = groups
            .into_values()
            .filter(|g| g.len() >= min_size.max(1))
            .map(|g| self.component(&local, &g, member_limit))
            .collect();
        out.sort_by_key(|c| std::cmp::Reverse(c.size));
        Ok(out)
    }

    fn component(&self, local: &Local, members: &[u32], member_limit: usize) -> Component {
        let mut by_type: BTreeMap<String, usize> = BTreeMap::new();
        for &m in members {
            *by_type
                .entry(self.node(local.nodes[m as usize]).ty.code().to_string())
                .or_default() += 1;
        }
        let entities = members
            .iter()
            .take(member_limit)
            .map(|&m| self.entity_ref(local.nodes[m as usize]))
            .collect();
        Component {
            size: members.len(),
            by_type,
            entities,
        }
    }

    /// Degree and betweenness of the sub-graph's entities; the `top` most central.
    pub fn centrality(&self, sub: &SubGraph, top: usize) -> Result<CentralityReport> {
        let local = self.local(sub)?;
        let n = local.nodes.len();
        let exact = n <= EXACT_BETWEENNESS;
        let sources: Vec<u32> = if exact {
            (0..n as u32).collect()
        } else {
            let step = n / SAMPLE_SOURCES;
            (0..SAMPLE_SOURCES).map(|i| (i * step) as u32).collect()
        };
        let mut bc = brandes(&local.adj, &sources);
        let scale = if exact {
            0.5
        } else {
            0.5 * n as f64 / sources.len() as f64
        };
        bc.iter_mut().for_each(|b| *b *= scale);
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            bc[b]
                .total_cmp(&bc[a])
                .then(local.adj[b].len().cmp(&local.adj[a].len()))
                .then(a.cmp(&b))
        });
        let top = order
            .into_iter()
            .take(top)
            .map(|i| Centrality {
                entity: self.entity_ref(local.nodes[i]),
                degree: local.adj[i].len(),
                betweenness: bc[i],
            })
            .collect();
        Ok(CentralityReport {
            entities: n,
            exact,
            top,
        })
    }
}

/// Brandes' betweenness (unweighted), summed over the given sources; undirected graphs
/// count each pair twice, which the caller halves.
fn brandes(adj: &[Vec<u32>], sources: &[u32]) -> Vec<f64> {
    let n = adj.len();
    let mut bc = vec![0.0; n];
    let mut sigma = vec![0.0f64; n];
    let mut dist = vec![-1i64; n];
    let mut delta = vec![0.0f64; n];
    let mut stack: Vec<u32> = Vec::with_capacity(n);
    let mut queue: VecDeque<u32> = VecDeque::new();
    for &s in sources {
        stack.clear();
        sigma.iter_mut().for_each(|x| *x = 0.0);
        dist.iter_mut().for_each(|x| *x = -1);
        delta.iter_mut().for_each(|x| *x = 0.0);
        sigma[s as usize] = 1.0;
        dist[s as usize] = 0;
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &w in &adj[v as usize] {
                if dist[w as usize] < 0 {
                    dist[w as usize] = dist[v as usize] + 1;
                    queue.push_back(w);
                }
                if dist[w as usize] == dist[v as usize] + 1 {
                    sigma[w as usize] += sigma[v as usize];
                }
            }
        }
        while let Some(w) = stack.pop() {
            for &v in &adj[w as usize] {
                if dist[v as usize] == dist[w as usize] - 1 {
                    delta[v as usize] +=
                        sigma[v as usize] / sigma[w as usize] * (1.0 + delta[w as usize]);
                }
            }
            if w != s {
                bc[w as usize] += delta[w as usize];
            }
        }
    }
    bc
}
