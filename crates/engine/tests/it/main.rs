//! Integration tests of the engine through its public façade: real encrypted case files,
//! real xlsx and csv files written in the test.

mod encryption;
mod import_messy;
mod sample_case;
mod support;
