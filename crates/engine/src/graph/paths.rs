//! Paths between two entities, links walked either way: all shortest paths (a
//! bidirectional breadth-first search, then every way through the layer where the two
//! searches met), and the k shortest loopless paths (Yen's algorithm over breadth-first
//! spur searches). Each path comes back explained, with the source rows of every link.

use std::collections::{HashMap, HashSet, VecDeque};

use serde::Serialize;

use super::{CaseGraph, EdgeIx, EntityRef, LinkFilter, LinkRef, NodeIx};
use crate::error::Result;
use crate::resolve::SourceRow;

/// A walk from a start node: each step is the edge taken and the node reached.
type Walk = Vec<(EdgeIx, NodeIx)>;

/// What a bidirectional search learnt: distances from each end over the levels it
/// completed, the length of the shortest walks, and how deep the search from `t` went.
struct Meeting {
    from_s: HashMap<NodeIx, usize>,
    from_t: HashMap<NodeIx, usize>,
    total: usize,
    back_depth: usize,
}

/// How to search for paths.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathQuery {
    /// Links per path, at most.
    pub max_hops: usize,
    pub filter: LinkFilter,
    /// Paths returned, at most; more make the answer `truncated`.
    pub limit: usize,
    /// Whether each step carries its source rows (one query per link); without them a
    /// caller can fetch them later with `resolve::link_sources`.
    pub with_sources: bool,
}

impl Default for PathQuery {
    /// Up to 6 links, any link, at most 100 paths, with sources.
    fn default() -> PathQuery {
        PathQuery {
            max_hops: 6,
            filter: LinkFilter::default(),
            limit: 100,
            with_sources: true,
        }
    }
}

/// One link of a path, read in the direction walked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    pub from: EntityRef,
    pub to: EntityRef,
    pub link: LinkRef,
    /// Whether the walk follows the link's own direction (src → dst).
    pub forward: bool,
    /// The label as read in the direction walked ("妻子", "股东(60%)").
    pub label: String,
    /// The rows behind the link (at most `SOURCES_PER_LINK`).
    pub sources: Vec<SourceRow>,
}

/// A path, explained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Path {
    pub hops: usize,
    /// "张某 —妻子→ 李某 —股东(60%)→ 某某公司 —合同(2023-05-06, 1,200,000元)→ 某局".
    pub text: String,
    pub entities: Vec<EntityRef>,
    pub steps: Vec<Step>,
}

/// The answer to a path query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PathSet {
    pub from: EntityRef,
    pub to: EntityRef,
    pub paths: Vec<Path>,
    pub truncated: bool,
}

impl CaseGraph {
    /// Every shortest path from one entity to another (canonical ids), up to
    /// `q.max_hops` links and `q.limit` paths.
    pub fn shortest_paths(
        &self,
        conn: &rusqlite::Connection,
        from: &str,
        to: &str,
        q: &PathQuery,
    ) -> Result<PathSet> {
        let (s, t) = (self.node_of(from)?, self.node_of(to)?);
        let (walks, truncated) = self.all_shortest(s, t, q);
        self.path_set(conn, s, t, walks, truncated, q.with_sources)
    }

    /// The `k` shortest loopless paths, shortest first (ties in the order found).
    pub fn k_shortest_paths(
        &self,
        conn: &rusqlite::Connection,
        from: &str,
        to: &str,
        k: usize,
        q: &PathQuery,
    ) -> Result<PathSet> {
        let (s, t) = (self.node_of(from)?, self.node_of(to)?);
        let walks = self.yen(s, t, k.min(q.limit), q);
        let truncated = walks.len() >= k.min(q.limit) && k > q.limit;
        self.path_set(conn, s, t, walks, truncated, q.with_sources)
    }

    fn path_set(
        &self,
        conn: &rusqlite::Connection,
        s: NodeIx,
        t: NodeIx,
        walks: Vec<Walk>,
        truncated: bool,
        sources: bool,
    ) -> Result<PathSet> {
        let paths = walks
            .iter()
            .map(|w| self.explain(conn, s, w, sources))
            .collect::<Result<Vec<_>>>()?;
        Ok(PathSet {
            from: self.entity_ref(s),
            to: self.entity_ref(t),
            paths,
            truncated,
        })
    }

    fn explain(
        &self,
        conn: &rusqlite::Connection,
        s: NodeIx,
        walk: &Walk,
        sources: bool,
    ) -> Result<Path> {
        let mut entities = vec![self.entity_ref(s)];
        let mut steps = Vec::with_capacity(walk.len());
        let mut at = s;
        for &(e, next) in walk {
            steps.push(Step {
                from: self.entity_ref(at),
                to: self.entity_ref(next),
                link: self.link_ref(e),
                forward: self.ends(e).0 == at,
                label: self.label_from(e, at),
                sources: if sources {
                    self.sources_of(conn, e)?
                } else {
                    Vec::new()
                },
            });
            entities.push(self.entity_ref(next));
            at = next;
        }
        Ok(Path {
            hops: walk.len(),
            text: self.path_text(s, walk),
            entities,
            steps,
        })
    }

    /// Every shortest walk: a bidirectional breadth-first search finds the distance and
    /// the layer where the two searches meet; the walks are the ways from `s` to each
    /// meeting node times the ways from it on to `t`.
    fn all_shortest(&self, s: NodeIx, t: NodeIx, q: &PathQuery) -> (Vec<Walk>, bool) {
        if s == t {
            return (vec![Vec::new()], false);
        }
        let Some(m) = self.meet(s, t, q) else {
            return (Vec::new(), false);
        };
        let split = m.total.saturating_sub(m.back_depth);
        let mut meets: Vec<NodeIx> = m
            .from_s
            .iter()
            .filter(|&(n, &d)| d == split && m.from_t.get(n) == Some(&(m.total - split)))
            .map(|(n, _)| *n)
            .collect();
        meets.sort();
        let mut out = Vec::new();
        for x in meets {
            let heads = self.chains(x, &m.from_s, q);
            let tails = self.chains(x, &m.from_t, q);
            for head in &heads {
                for tail in &tails {
                    if out.len() >= q.limit {
                        return (out, true);
                    }
                    let mut walk: Walk = head.iter().rev().map(|&(e, from, _)| (e, from)).collect();
                    walk.extend(tail.iter().map(|&(e, _, to)| (e, to)));
                    out.push(walk);
                }
            }
        }
        (out, false)
    }

    /// Bidirectional breadth-first search, expanding the smaller frontier a whole level
    /// at a time, until the two meet or `max_hops` is exhausted.
    fn meet(&self, s: NodeIx, t: NodeIx, q: &PathQuery) -> Option<Meeting> {
        let mut m = Meeting {
            from_s: HashMap::from([(s, 0)]),
            from_t: HashMap::from([(t, 0)]),
            total: 0,
            back_depth: 0,
        };
        let (mut front_s, mut front_t, mut depth_s) = (vec![s], vec![t], 0);
        while depth_s + m.back_depth < q.max_hops {
            let forward = front_s.len() <= front_t.len();
            let (front, dist, other, depth) = if forward {
                (&mut front_s, &mut m.from_s, &m.from_t, &mut depth_s)
            } else {
                (&mut front_t, &mut m.from_t, &m.from_s, &mut m.back_depth)
            };
            *depth += 1;
            *front = self.expand(front, dist, *depth, &q.filter);
            let level = *depth;
            let best = front
                .iter()
                .filter_map(|n| other.get(n))
                .min()
                .map(|d| d + level);
            if let Some(total) = best {
                m.total = total;
                return Some(m);
            }
            if front.is_empty() {
                return None;
            }
        }
        None
    }

    /// The next breadth-first level after `frontier`, recording distances in `dist`.
    fn expand(
        &self,
        frontier: &[NodeIx],
        dist: &mut HashMap<NodeIx, usize>,
        level: usize,
        filter: &LinkFilter,
    ) -> Vec<NodeIx> {
        let mut next = Vec::new();
        for &n in frontier {
            for (_, other, _) in self.incident(n, filter) {
                if let std::collections::hash_map::Entry::Vacant(v) = dist.entry(other) {
                    v.insert(level);
                    next.push(other);
                }
            }
        }
        next
    }

    /// Every way down the distance gradient from `x` to distance 0, as (edge, from, to)
    /// steps, at most `q.limit` of them.
    fn chains(
        &self,
        x: NodeIx,
        dist: &HashMap<NodeIx, usize>,
        q: &PathQuery,
    ) -> Vec<Vec<(EdgeIx, NodeIx, NodeIx)>> {
        let mut out = Vec::new();
        let mut chain = Vec::new();
        self.descend(x, dist, q, &mut chain, &mut out);
        out
    }

    fn descend(
        &self,
        at: NodeIx,
        dist: &HashMap<NodeIx, usize>,
        q: &PathQuery,
        chain: &mut Vec<(EdgeIx, NodeIx, NodeIx)>,
        out: &mut Vec<Vec<(EdgeIx, NodeIx, NodeIx)>>,
    ) {
        let d = dist.get(&at).copied().unwrap_or(0);
        if d == 0 {
            out.push(chain.clone());
            return;
        }
        let mut steps: Vec<(EdgeIx, NodeIx)> = self
            .incident(at, &q.filter)
            .filter(|(_, next, _)| dist.get(next) == Some(&(d - 1)))
            .map(|(e, next, _)| (e, next))
            .collect();
        steps.sort();
        for (e, next) in steps {
            if out.len() >= q.limit {
                return;
            }
            chain.push((e, at, next));
            self.descend(next, dist, q, chain, out);
            chain.pop();
        }
    }

    /// One shortest walk from `s` to `t` avoiding some nodes and edges.
    fn one_shortest(
        &self,
        s: NodeIx,
        t: NodeIx,
        max_hops: usize,
        q: &PathQuery,
        banned: (&HashSet<NodeIx>, &HashSet<EdgeIx>),
    ) -> Option<Walk> {
        let mut parent: HashMap<NodeIx, Option<(EdgeIx, NodeIx)>> = HashMap::from([(s, None)]);
        let mut queue = VecDeque::from([(s, 0usize)]);
        while let Some((n, d)) = queue.pop_front() {
            if n == t {
                return Some(unwind(&parent, t));
            }
            if d >= max_hops {
                continue;
            }
            let mut steps: Vec<(EdgeIx, NodeIx)> = self
                .incident(n, &q.filter)
                .map(|(e, o, _)| (e, o))
                .collect();
            steps.sort();
            for (e, other) in steps {
                if banned.0.contains(&other) || banned.1.contains(&e) || parent.contains_key(&other)
                {
                    continue;
                }
                parent.insert(other, Some((e, n)));
                queue.push_back((other, d + 1));
            }
        }
        None
    }

    /// Yen's k shortest loopless paths.
    fn yen(&self, s: NodeIx, t: NodeIx, k: usize, q: &PathQuery) -> Vec<Walk> {
        let none = (&HashSet::new(), &HashSet::new());
        let Some(first) = self.one_shortest(s, t, q.max_hops, q, none) else {
            return Vec::new();
        };
        let mut found: Vec<Walk> = vec![first];
        let mut candidates: Vec<Walk> = Vec::new();
        while found.len() < k {
            let Some(prev) = found.last().cloned() else {
                break;
            };
            for i in 0..prev.len() {
                let Some(total) = self.spur(s, t, &prev, i, &found, q) else {
                    continue;
                };
                if !found.contains(&total) && !candidates.contains(&total) {
                    candidates.push(total);
                }
            }
            let Some(best) = (0..candidates.len()).min_by_key(|&i| candidates[i].len()) else {
                break;
            };
            found.push(candidates.remove(best));
        }
        found
    }

    /// Yen's spur step at position `i` of `prev`: the root `prev[..i]` and the shortest
    /// way on from its end that no path found so far takes.
    fn spur(
        &self,
        s: NodeIx,
        t: NodeIx,
        prev: &Walk,
        i: usize,
        found: &[Walk],
        q: &PathQuery,
    ) -> Option<Walk> {
        let root = &prev[..i];
        let spur_node = root.last().map_or(s, |&(_, n)| n);
        let banned_edges: HashSet<EdgeIx> = found
            .iter()
            .filter(|p| p.len() > i && p[..i] == *root)
            .map(|p| p[i].0)
            .collect();
        let mut banned_nodes: HashSet<NodeIx> = root.iter().map(|&(_, n)| n).collect();
        banned_nodes.insert(s);
        banned_nodes.remove(&spur_node);
        let spur = self.one_shortest(
            spur_node,
            t,
            q.max_hops - i,
            q,
            (&banned_nodes, &banned_edges),
        )?;
        let mut total: Walk = root.to_vec();
        total.extend(spur);
        Some(total)
    }
}

fn unwind(parent: &HashMap<NodeIx, Option<(EdgeIx, NodeIx)>>, t: NodeIx) -> Walk {
    let mut walk = Vec::new();
    let mut at = t;
    while let Some(Some((e, prev))) = parent.get(&at) {
        walk.push((*e, at));
        at = *prev;
    }
    walk.reverse();
    walk
}
