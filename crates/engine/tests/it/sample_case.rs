//! The committed sample case imports with exactly the row counts its generator promises
//! (`sample-data/expected.json`).

use std::path::PathBuf;

use crate::support::TestCase;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn the_sample_case_imports_as_expected() {
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("sample-data/expected.json")).unwrap(),
    )
    .unwrap();
    let mut t = TestCase::new();
    let files = expected["files"].as_object().unwrap();
    assert!(files.len() >= 13, "all twelve kinds and a list");
    for (name, want) in files {
        let report = t.import(&repo_root().join("sample-data/case").join(name));
        let data_rows = want["data_rows"].as_u64().unwrap();
        let rejected = want["rejected_rows"].as_u64().unwrap();
        let duplicates = want["duplicate_rows"].as_u64().unwrap_or(0);
        assert_eq!(
            report.kind_code().as_deref(),
            want["kind"].as_str(),
            "{name}"
        );
        assert_eq!(report.rejected, rejected, "{name} rejected");
        assert_eq!(report.duplicate_rows, duplicates, "{name} duplicate rows");
        assert_eq!(
            report.imported + report.rejected + report.duplicate_rows,
            data_rows,
            "{name} rows"
        );
    }
    let summary = t.case.summary().unwrap();
    assert_eq!(summary.kinds.len(), 13, "every kind has rows");
}
