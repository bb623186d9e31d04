//! The built-in supervision models of `shared/spec/models.md`, one file each.

use super::Model;

/// Every built-in model, in the order of `models.md`.
pub fn all() -> Vec<Box<dyn Model>> {
    vec![]
}
