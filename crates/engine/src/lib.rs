//! Mingjing (明镜) engine: the headless core of the case-analysis workstation.
//! (skeleton: modules are being written)

mod error;
pub mod graph;
pub mod import;
pub mod kinds;
pub mod normalize;
mod progress;
pub mod resolve;
mod store;

pub use error::{Error, Result};
pub use kinds::Kind;
pub use progress::{CancelFlag, NoProgress, Progress, ProgressEvent};
pub use store::{create as create_case, open as open_case, Passphrase, SCHEMA_VERSION};
