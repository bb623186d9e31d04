//! Progress reports and cancellation for long work (imports, graph builds, model runs).
//! The engine calls a [`Progress`] at a steady pace and checks a [`CancelFlag`]; the
//! command line draws a bar from it, the desktop shell forwards it to the window.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::error::{Error, Result};

/// One step of progress: what is being done, and how far along it is.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressEvent<'a> {
    /// Short machine-readable stage: `hash`, `store-file`, `read`, `finish`.
    pub stage: &'static str,
    /// The file or sheet being worked on.
    pub subject: &'a str,
    /// Units done so far (bytes for hashing and reading, rows otherwise).
    pub done: u64,
    /// Units in all, when known.
    pub total: Option<u64>,
}

/// Receives progress events. Implementations must be cheap: the engine calls this
/// every few thousand rows.
pub trait Progress {
    fn report(&mut self, event: ProgressEvent<'_>);
}

/// A progress sink that ignores everything.
pub struct NoProgress;

impl Progress for NoProgress {
    fn report(&mut self, _event: ProgressEvent<'_>) {}
}

impl<F: FnMut(ProgressEvent<'_>)> Progress for F {
    fn report(&mut self, event: ProgressEvent<'_>) {
        self(event)
    }
}

/// A shared flag that asks running work to stop; clones share one flag.
#[derive(Clone, Debug, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    pub fn new() -> CancelFlag {
        CancelFlag::default()
    }

    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// `Err(Cancelled)` once cancellation was asked for.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }
}
