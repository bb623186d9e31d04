//! Putting a walk through the graph into words: each step read in the direction it was
//! walked ("张某 —妻子→ 李某", "公司 ←股东(60%)— 李某"), the whole path as one line, and
//! the source rows (file, sheet, row) behind each link.

use super::{CaseGraph, EdgeIx, NodeIx};
use crate::error::Result;
use crate::resolve::{link_sources, SourceRow};

/// Source rows shown per link; a `paid` link may stand for thousands of transfers.
pub const SOURCES_PER_LINK: usize = 20;

impl CaseGraph {
    /// The arrow and label of walking edge `e` from `from`: "—妻子→" or "←股东(60%)—".
    pub(super) fn arrow(&self, e: EdgeIx, from: NodeIx) -> String {
        let edge = self.edge(e);
        let (src, _) = self.ends(e);
        if src == from {
            return format!(" —{}→ ", edge.label);
        }
        match &edge.reverse_label {
            Some(back) => format!(" —{back}→ "),
            None => format!(" ←{}— ", edge.label),
        }
    }

    /// The label as read walking from `from`.
    pub(super) fn label_from(&self, e: EdgeIx, from: NodeIx) -> String {
        let edge = self.edge(e);
        let (src, _) = self.ends(e);
        match (&edge.reverse_label, src == from) {
            (Some(back), false) => back.to_string(),
            _ => edge.label.to_string(),
        }
    }

    pub(super) fn display(&self, n: NodeIx) -> String {
        let node = self.node(n);
        node.name.as_deref().unwrap_or(&node.key).to_string()
    }

    /// "张某 —妻子→ 李某 —股东(60%)→ 某某公司".
    pub(super) fn path_text(&self, start: NodeIx, walk: &[(EdgeIx, NodeIx)]) -> String {
        let mut text = self.display(start);
        let mut at = start;
        for &(e, next) in walk {
            text.push_str(&self.arrow(e, at));
            text.push_str(&self.display(next));
            at = next;
        }
        text
    }

    pub(super) fn sources_of(
        &self,
        conn: &rusqlite::Connection,
        e: EdgeIx,
    ) -> Result<Vec<SourceRow>> {
        link_sources(conn, self.edge(e).id, SOURCES_PER_LINK)
    }
}
