//! The encrypted case file: opening it with its key, the schema and its migrations,
//! and the SQL for each table. Nothing outside this module opens a database
//! connection; nothing inside it knows about spreadsheets or the command line.

pub(crate) mod derived;
pub(crate) mod files;
mod open;
mod passphrase;
pub(crate) mod records;
pub(crate) mod summary;

pub use open::{create, open, SCHEMA_VERSION};
pub use passphrase::Passphrase;

#[cfg(test)]
pub(crate) use open::open_in_memory;
