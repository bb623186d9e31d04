//! The case graph (being written).
