//! Tests of the built-in models: hand-built cases per model (the true case and the
//! near-misses that must stay silent) and the committed sample case.

mod sample;
