//! The `mingjing` binary driven as a user would: real case files in a temp dir, results
//! checked through the command's output and exit codes.

mod case_and_import;
mod models_on_sample;
