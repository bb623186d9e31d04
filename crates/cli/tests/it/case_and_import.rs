//! `case create`, `import`, `case info`, `rejects`, `audit verify`, and the exit codes of
//! `shared/spec/cli.md`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const PASS: &str = "cli test passphrase";

fn mingjing(pass: Option<&str>) -> Command {
    let mut cmd = Command::cargo_bin("mingjing").unwrap();
    cmd.env_remove("MINGJING_PASSPHRASE");
    if let Some(p) = pass {
        cmd.env("MINGJING_PASSPHRASE", p);
    }
    cmd.env("MINGJING_ACTOR", "cli-test");
    cmd
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../sample-data/case")
        .join(name)
}

/// `import CASE FILE`, which must succeed.
fn import(case: &Path, file: &Path) {
    mingjing(Some(PASS))
        .arg("import")
        .arg(case)
        .arg(file)
        .assert()
        .success();
}

/// `case info --format json`, parsed.
fn info(case: &Path) -> serde_json::Value {
    let out = mingjing(Some(PASS))
        .args(["case", "info"])
        .arg(case)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn new_case(dir: &Path) -> PathBuf {
    let case = dir.join("case.mjcase");
    mingjing(Some(PASS))
        .args(["case", "create"])
        .arg(&case)
        .assert()
        .success();
    case
}

#[test]
fn create_import_and_info_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let case = new_case(dir.path());
    mingjing(Some(PASS))
        .arg("import")
        .arg(&case)
        .arg(sample("死亡登记.xlsx"))
        .arg(sample("银行流水_平台导出.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("deaths").and(predicate::str::contains("拒收 1")));
    let info = info(&case);
    assert_eq!(info["kinds"]["deaths"]["rows"], 14);
    assert_eq!(info["kinds"]["bank_transactions"]["rejected"], 1);
    assert_eq!(info["files"].as_array().unwrap().len(), 2);
    assert_eq!(info["files"][0]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(info["alerts"]["new"], 0);
}

#[test]
fn a_duplicate_file_is_reported_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let case = new_case(dir.path());
    let file = sample("死亡登记.xlsx");
    import(&case, &file);
    mingjing(Some(PASS))
        .arg("import")
        .arg(&case)
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("duplicate"));
}

#[test]
fn an_unreadable_file_exits_1_after_importing_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let case = new_case(dir.path());
    let bad = dir.path().join("empty.csv");
    std::fs::write(&bad, b"").unwrap();
    mingjing(Some(PASS))
        .arg("import")
        .arg(&case)
        .arg(&bad)
        .arg(sample("死亡登记.xlsx"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("文件为空 / file is empty"));
    let info = info(&case);
    assert_eq!(info["kinds"]["deaths"]["rows"], 14);
}

#[test]
fn rejects_as_csv_neutralise_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let case = new_case(dir.path());
    let file = dir.path().join("deaths.csv");
    std::fs::write(&file, "姓名,身份证号,死亡日期\n=HYPERLINK(\"x\"),11010519491231002X,不详\n张三,11010519491231002X,2024-01-05\n").unwrap();
    import(&case, &file);
    let out = mingjing(Some(PASS))
        .arg("rejects")
        .arg(&case)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("file,sha256,sheet,row,reason,cells"),
        "{text}"
    );
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains(",2,"), "row 2 named: {text}");
}

#[test]
fn a_wrong_passphrase_is_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let case = new_case(dir.path());
    mingjing(Some("wrong"))
        .args(["case", "info"])
        .arg(&case)
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "口令错误或文件不是明镜案件 / wrong passphrase or not a case file",
        ))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn no_passphrase_and_no_terminal_says_how_to_give_one() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("c.mjcase");
    mingjing(None)
        .args(["case", "create"])
        .arg(&case)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("MINGJING_PASSPHRASE"));
    assert!(!case.exists());
}

#[test]
fn usage_errors_exit_2() {
    mingjing(Some(PASS)).args(["import"]).assert().code(2);
    mingjing(Some(PASS)).args(["frobnicate"]).assert().code(2);
}

#[test]
fn the_audit_chain_verifies_and_a_file_exports_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let case = new_case(dir.path());
    let file = sample("死亡登记.xlsx");
    import(&case, &file);
    let info = info(&case);
    let sha = info["files"][0]["sha256"].as_str().unwrap().to_string();
    let exported = dir.path().join("out.xlsx");
    mingjing(Some(PASS))
        .args(["file", "export"])
        .arg(&case)
        .arg(&sha)
        .arg("--out")
        .arg(&exported)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(&exported).unwrap(),
        std::fs::read(&file).unwrap()
    );
    mingjing(Some(PASS))
        .args(["audit", "verify"])
        .arg(&case)
        .assert()
        .success()
        .stdout(predicate::str::contains("audit log intact"));
}

#[test]
fn a_dry_run_shows_the_mapping_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let case = new_case(dir.path());
    mingjing(Some(PASS))
        .arg("import")
        .arg(&case)
        .arg(sample("死亡登记.xlsx"))
        .arg("--dry-run")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("死亡日期→death_date")
                .and(predicate::str::contains("preview only")),
        );
    let info = info(&case);
    assert!(info["files"].as_array().unwrap().is_empty());
}

#[test]
fn graph_neighbors_answers_as_json_after_import() {
    let dir = tempfile::tempdir().unwrap();
    let case = new_case(dir.path());
    mingjing(Some(PASS))
        .arg("import")
        .arg(&case)
        .arg(sample("公职人员名册.xlsx"))
        .assert()
        .success();
    let out = mingjing(Some(PASS))
        .args(["graph", "neighbors"])
        .arg(&case)
        .arg("430527198303301112")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found["center"]["key"], "430527198303301112");
    let units: Vec<&str> = found["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["key"].as_str())
        .collect();
    assert!(units.contains(&"青禾县教育局"), "{units:?}");
    mingjing(Some(PASS))
        .args(["graph", "neighbors"])
        .arg(&case)
        .arg("999999999999999999")
        .assert()
        .code(1);
}
