//! Mingjing (明镜) engine: the headless core of the case-analysis workstation.
//!
//! Data flows in one direction: delivered files are read (`import`), their cells
//! normalised (`normalize`) into the rows of the encrypted case file (`store`); people,
//! companies and accounts are resolved from those rows (`resolve`) into a link graph
//! (`graph`); supervision models (`models`) raise alerts. Every action on case data
//! goes through [`Case`], which writes it to the hash-chained audit log (`audit`).
//!
//! This crate knows nothing of Tauri, the command line or any window; it never opens
//! a network connection.

mod audit;
mod case;
mod error;
mod fasthash;
pub mod graph;
mod hugepages;
pub mod import;
pub mod kinds;
pub mod models;
pub mod normalize;
mod prefetch;
mod progress;
pub mod resolve;
mod store;

pub use case::{
    system_clock, AlertMove, Case, CaseSummary, Clock, FileSummary, KindCount, ModelInfo, RejectRow,
};
pub use error::{Error, Result};
pub use import::{FileReport, ImportOptions, Mapping, SheetReport};
pub use kinds::Kind;
pub use progress::{CancelFlag, NoProgress, Progress, ProgressEvent};
/// Raw keyed connections for benchmarks and tools only: they bypass `Case` and so the
/// audit log. Applications hold a [`Case`].
pub use store::{create as create_case, open as open_case};
pub use store::{Passphrase, SCHEMA_VERSION};
