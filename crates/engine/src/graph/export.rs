//! Writing the graph out as plain tab-separated files, for other tools (networkx,
//! Gephi, a spreadsheet) and for the benchmark that compares against networkx:
//! `nodes.tsv` (index, type, key, name), `edges.tsv` (source index, target index, link
//! type, label) and `transfers.tsv` (from index, to index, Unix time, amount in fen,
//! currency). Indices are the graph's own, stable for one loaded graph only.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use super::CaseGraph;
use crate::error::Result;

impl CaseGraph {
    /// Writes `nodes.tsv`, `edges.tsv` and `transfers.tsv` into `dir` (which must exist).
    pub fn export_tsv(&self, dir: &Path) -> Result<()> {
        let mut nodes = BufWriter::new(File::create(dir.join("nodes.tsv"))?);
        for n in self.g.node_indices() {
            let node = &self.g[n];
            writeln!(
                nodes,
                "{}\t{}\t{}\t{}",
                n.index(),
                node.ty.code(),
                clean(&node.key),
                clean(node.name.as_deref().unwrap_or(""))
            )?;
        }
        nodes.flush()?;
        let mut edges = BufWriter::new(File::create(dir.join("edges.tsv"))?);
        for e in self.g.edge_indices() {
            let (a, b) = self.g.edge_endpoints(e).unwrap_or_default();
            let edge = &self.g[e];
            writeln!(
                edges,
                "{}\t{}\t{}\t{}",
                a.index(),
                b.index(),
                edge.ty.code(),
                clean(&edge.label)
            )?;
        }
        edges.flush()?;
        let mut transfers = BufWriter::new(File::create(dir.join("transfers.tsv"))?);
        self.transfers.write_tsv(&mut transfers)?;
        transfers.flush()?;
        Ok(())
    }
}

/// Tabs and line breaks would break the format; names do not need them.
fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}
