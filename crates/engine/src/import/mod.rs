//! Import of delivered extracts: read raw rows from xlsx, xls or csv, find the header,
//! tell the kind, map the columns, normalise the values and store the rows with their
//! provenance. Unreadable rows become rejects with a reason; nothing is dropped.

mod calamine_cell;
pub mod cell;
mod csv;
pub mod read;
pub mod source;
mod xls;
mod xlsx;
