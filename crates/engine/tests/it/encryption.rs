//! No plaintext on disk: a marker string imported into a case must not appear in any
//! file the case leaves behind (case, -wal, -shm) nor in the temp directory.

use std::path::Path;

use mingjing_engine::{Case, Passphrase};

use crate::support::{fixed_clock, TestCase, PASS};

const MARKER: &str = "ZQXJ明镜标记7731";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn files_under(dir: &Path, since: std::time::SystemTime, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            continue;
        }
        if meta.modified().map(|m| m >= since).unwrap_or(false) && meta.len() < 256 << 20 {
            out.push(path);
        }
    }
}

#[test]
fn imported_text_is_nowhere_on_disk_in_plaintext() {
    let started = std::time::SystemTime::now();
    let mut t = TestCase::new();
    let source_dir = tempfile::tempdir().unwrap();
    let source = source_dir.path().join("deaths.csv");
    let text = format!("姓名,身份证号,死亡日期\n{MARKER},11010519491231002X,2024-01-05\n");
    std::fs::write(&source, &text).unwrap();
    let report = t.import(&source);
    assert_eq!(report.imported, 1);
    // The source file itself is the only place the marker may be: remove it before scanning.
    drop(source_dir);
    let mut files = Vec::new();
    files_under(
        t.dir.path(),
        started - std::time::Duration::from_secs(1),
        &mut files,
    );
    files_under(&std::env::temp_dir(), started, &mut files);
    let case_file = t.dir.path().join("case.mjcase");
    assert!(files.contains(&case_file));
    for file in &files {
        let bytes = std::fs::read(file).unwrap_or_default();
        assert!(
            !contains(&bytes, MARKER.as_bytes()),
            "plaintext marker found in {}",
            file.display()
        );
        assert!(
            !contains(&bytes, "11010519491231002X".as_bytes()),
            "ID number found in {}",
            file.display()
        );
    }
    let head = std::fs::read(&case_file).unwrap();
    assert!(!head.starts_with(b"SQLite format 3"));
    // The data is really there for the right key.
    let summary = t.case.summary().unwrap();
    assert_eq!(summary.files.len(), 1);
}

#[test]
fn a_wrong_passphrase_is_one_clear_error() {
    let t = TestCase::new();
    let path = t.case.path().to_path_buf();
    let err = match Case::open(&path, &Passphrase::new("not it"), "tester", fixed_clock()) {
        Err(e) => e,
        Ok(_) => panic!("opened with the wrong passphrase"),
    };
    assert_eq!(
        err.to_string().lines().next().unwrap(),
        format!(
            "口令错误或文件不是明镜案件 / wrong passphrase or not a case file: {}",
            path.display()
        )
    );
    assert!(Case::open(&path, &Passphrase::new(PASS), "tester", fixed_clock()).is_ok());
}
