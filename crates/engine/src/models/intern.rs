//! `'static` copies of text and kind lists read at run time (user-written models), so
//! they fit the model contract, whose specs hold `&'static` data. Each distinct value
//! is kept once for the life of the process; loading the same model again costs nothing.
//! Not a general cache: only small, few, user-authored values go through here.

use std::collections::BTreeSet;
use std::sync::Mutex;

use crate::kinds::Kind;

static TEXTS: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
static KIND_LISTS: Mutex<BTreeSet<&'static [Kind]>> = Mutex::new(BTreeSet::new());

/// The one `'static` copy of `text`.
pub(crate) fn text(text: &str) -> &'static str {
    let mut set = TEXTS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(found) = set.get(text) {
        return found;
    }
    let leaked: &'static str = Box::leak(text.to_string().into_boxed_str());
    set.insert(leaked);
    leaked
}

/// The one `'static` copy of a list of kinds.
pub(crate) fn kinds(kinds: &[Kind]) -> &'static [Kind] {
    let mut set = KIND_LISTS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(found) = set.get(kinds) {
        return found;
    }
    let leaked: &'static [Kind] = Box::leak(kinds.to_vec().into_boxed_slice());
    set.insert(leaked);
    leaked
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_same_text_is_kept_once() {
        let a = super::text(&String::from("user-model-x"));
        let b = super::text("user-model-x");
        assert!(std::ptr::eq(a, b));
    }
}
