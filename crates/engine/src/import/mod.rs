//! Import of delivered extracts: read raw rows from xlsx, xls or csv, find the header,
//! tell the kind, map the columns, normalise the values and store the rows with their
//! provenance. Unreadable rows become rejects with a reason; nothing is dropped.

mod calamine_cell;
pub mod cell;
mod csv;
mod detect;
mod list;
pub mod mapping;
pub(crate) mod pipeline;
pub mod read;
mod record;
mod sheet;
pub mod source;
mod xls;
mod xlsx;

pub use mapping::Mapping;
pub use pipeline::{FileReport, ImportOptions};
pub use sheet::SheetReport;
