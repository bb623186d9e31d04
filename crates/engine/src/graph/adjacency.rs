//! Every link seen from both of its ends, laid out per entity in one contiguous run:
//! a walk reads an entity's links as a slice instead of following petgraph's linked
//! edge lists (one cache miss per link), and filters by link type without touching the
//! link itself. petgraph's own `Csr` does not fit: it refuses two links between the
//! same pair, which a case has all the time (shareholder and legal representative of
//! one company; payments both ways between two accounts).

use petgraph::graph::DiGraph;
use petgraph::visit::EdgeRef;

use super::{Edge, EdgeIx, Node, NodeIx};
use crate::hugepages;
use crate::resolve::LinkType;

/// One end's view of a link.
#[derive(Clone, Copy, Debug)]
pub(super) struct HalfLink {
    pub other: NodeIx,
    pub link: EdgeIx,
    pub ty: LinkType,
    /// The link points away from this end.
    pub forward: bool,
}

/// The links of entity `n` are `halves[start[n]..start[n + 1]]`: those pointing away
/// first, then those pointing at it, each in link order.
#[derive(Default)]
pub(super) struct Adjacency {
    start: Vec<u32>,
    halves: Vec<HalfLink>,
}

impl Adjacency {
    pub fn build(g: &DiGraph<Node, Edge, u32>) -> Adjacency {
        let nodes = g.node_count();
        let mut start = hugepages::vec_with_capacity(nodes + 1);
        start.resize(nodes + 1, 0u32);
        for e in g.edge_references() {
            start[e.source().index() + 1] += 1;
            start[e.target().index() + 1] += 1;
        }
        for n in 0..nodes {
            start[n + 1] += start[n];
        }
        let blank = HalfLink {
            other: NodeIx(0),
            link: EdgeIx(0),
            ty: LinkType::Paid,
            forward: false,
        };
        let mut halves = hugepages::vec_with_capacity(g.edge_count() * 2);
        halves.resize(g.edge_count() * 2, blank);
        let mut next: Vec<u32> = start[..nodes].to_vec();
        // Two passes so that every entity's outgoing links come before its incoming ones.
        for forward in [true, false] {
            for e in g.edge_references() {
                let (at, other) = if forward {
                    (e.source(), e.target())
                } else {
                    (e.target(), e.source())
                };
                let slot = &mut next[at.index()];
                halves[*slot as usize] = HalfLink {
                    other: NodeIx::of(other),
                    link: EdgeIx::of(e.id()),
                    ty: e.weight().ty,
                    forward,
                };
                *slot += 1;
            }
        }
        Adjacency { start, halves }
    }

    pub fn of(&self, n: NodeIx) -> &[HalfLink] {
        match (self.start.get(n.index()), self.start.get(n.index() + 1)) {
            (Some(&a), Some(&b)) => &self.halves[a as usize..b as usize],
            _ => &[],
        }
    }
}
