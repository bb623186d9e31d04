//! From a canonical id (ID number, credit code, account digits, unit name…) to the
//! entities it names. The table holds only node numbers and compares against the key
//! the node already keeps, so no key is stored twice and a lookup allocates nothing.
//! One key may name several entities of different types (a contract number that is
//! also a tender number); they are all in the table under the same hash.

use std::hash::Hasher;

use hashbrown::HashTable;
use petgraph::graph::DiGraph;

use super::{Edge, Node, NodeIx};
use crate::fasthash::FxHasher;

#[derive(Default)]
pub(super) struct KeyIndex {
    table: HashTable<NodeIx>,
}

fn hash(key: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(key.as_bytes());
    h.finish()
}

impl KeyIndex {
    pub fn build(g: &DiGraph<Node, Edge, u32>) -> KeyIndex {
        let mut table = HashTable::with_capacity(g.node_count());
        let key_hash = |n: &NodeIx| hash(&g[n.pg()].key);
        for n in g.node_indices() {
            let n = NodeIx::of(n);
            table.insert_unique(key_hash(&n), n, key_hash);
        }
        KeyIndex { table }
    }

    /// Every entity whose key is `key`, in node order.
    pub fn find<'a>(
        &'a self,
        g: &'a DiGraph<Node, Edge, u32>,
        key: &'a str,
    ) -> impl Iterator<Item = NodeIx> + 'a {
        self.table
            .iter_hash(hash(key))
            .copied()
            .filter(move |n| *g[n.pg()].key == *key)
    }
}
