//! Paths between two entities, links walked either way: all shortest paths (breadth
//! first, then every way back from the target through the previous level), and the k
//! shortest loopless paths (Yen's algorithm over breadth-first spur searches). Each path
//! comes back explained, with the source rows of every link.

use std::collections::{HashMap, HashSet, VecDeque};

use serde::Serialize;

use super::{CaseGraph, EdgeIx, EntityRef, LinkFilter, LinkRef, NodeIx};
use crate::error::Result;
use crate::resolve::SourceRow;

/// A walk from a start node: each step is the edge taken and the node reached.
type Walk = Vec<(EdgeIx, NodeIx)>;

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

    /// Breadth-first levels from `s` until `t` is reached; then every walk back.
    fn all_shortest(&self, s: NodeIx, t: NodeIx, q: &PathQuery) -> (Vec<Walk>, bool) {
        if s == t {
            return (vec![Vec::new()], false);
        }
        let Some(dist) = self.levels(s, t, q) else {
            return (Vec::new(), false);
        };
        let mut out = Vec::new();
        let mut back: Walk = Vec::new();
        let truncated = self.walks_back(t, s, &dist, q, &mut back, &mut out);
        (out, truncated)
    }

    /// Distances from `s` of every node seen before `t`'s level was complete; `None`
    /// when `t` is further than `max_hops`.
    fn levels(&self, s: NodeIx, t: NodeIx, q: &PathQuery) -> Option<HashMap<NodeIx, usize>> {
        let mut dist = HashMap::from([(s, 0usize)]);
        let mut frontier = vec![s];
        for level in 1..=q.max_hops {
            let mut next = Vec::new();
            for &n in &frontier {
                for (_, other, _) in self.incident(n, &q.filter) {
                    if let std::collections::hash_map::Entry::Vacant(v) = dist.entry(other) {
                        v.insert(level);
                        next.push(other);
                    }
                }
            }
            if dist.contains_key(&t) {
                return Some(dist);
            }
            if next.is_empty() {
                return None;
            }
            frontier = next;
        }
        None
    }

    /// Collects walks from `s` to `at` (built backwards in `back`); true when the limit
    /// cut the enumeration short.
    fn walks_back(
        &self,
        at: NodeIx,
        s: NodeIx,
        dist: &HashMap<NodeIx, usize>,
        q: &PathQuery,
        back: &mut Walk,
        out: &mut Vec<Walk>,
    ) -> bool {
        if at == s {
            if out.len() >= q.limit {
                return true;
            }
            out.push(back.iter().rev().copied().collect());
            return false;
        }
        let d = dist.get(&at).copied().unwrap_or(0);
        let mut steps: Vec<(EdgeIx, NodeIx)> = self
            .incident(at, &q.filter)
            .filter(|(_, prev, _)| d > 0 && dist.get(prev) == Some(&(d - 1)))
            .map(|(e, prev, _)| (e, prev))
            .collect();
        steps.sort();
        for (e, prev) in steps {
            back.push((e, at));
            let truncated = self.walks_back(prev, s, dist, q, back, out);
            back.pop();
            if truncated {
                return true;
            }
        }
        false
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
