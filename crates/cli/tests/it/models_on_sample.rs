//! The acceptance check of the supervision models: the whole sample case imported with
//! `mingjing import`, `mingjing models run --format jsonl`, and every planted case of
//! `sample-data/expected.json` found while no near-miss fires; a re-run keeps states.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const PASS: &str = "models acceptance";

fn mingjing() -> Command {
    let mut cmd = Command::cargo_bin("mingjing").unwrap();
    cmd.env("MINGJING_PASSPHRASE", PASS)
        .env("MINGJING_ACTOR", "acceptance");
    cmd
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The ids of a planted case that name it: every subject but public bodies. The sample's
/// expectations name a unit by its credit code (registration authority 1: 机构编制), the
/// alerts by its normalised name, as `shared/spec/cli.md` says.
fn ids(case: &serde_json::Value) -> BTreeSet<String> {
    case["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["role"] != "unit")
        .map(|s| s["id"].as_str().unwrap().to_string())
        .filter(|id| !(id.len() == 18 && id.starts_with('1')))
        .collect()
}

fn run_models(case: &Path) -> Vec<serde_json::Value> {
    let out = mingjing()
        .args(["models", "run"])
        .arg(case)
        .args(["--format", "jsonl"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn every_planted_case_is_found_and_no_near_miss_fires() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("sample.mjcase");
    mingjing()
        .args(["case", "create"])
        .arg(&case)
        .assert()
        .success();
    let files: Vec<PathBuf> = std::fs::read_dir(repo().join("sample-data/case"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    mingjing()
        .arg("import")
        .arg(&case)
        .args(&files)
        .assert()
        .success();
    let alerts = run_models(&case);
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("sample-data/expected.json")).unwrap(),
    )
    .unwrap();
    let mut missing = Vec::new();
    let mut false_alarms = Vec::new();
    for (model, want) in expected["models"].as_object().unwrap() {
        let of_model: Vec<BTreeSet<String>> = alerts
            .iter()
            .filter(|a| a["model"] == model.as_str())
            .map(|a| {
                a["subjects"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s["id"].as_str().unwrap().to_string())
                    .collect()
            })
            .collect();
        let planted: Vec<BTreeSet<String>> = want["must_fire"]
            .as_array()
            .unwrap()
            .iter()
            .map(ids)
            .collect();
        for case_ids in &planted {
            if !of_model.iter().any(|alert| case_ids.is_subset(alert)) {
                missing.push(format!("{model}: {case_ids:?}"));
            }
        }
        let true_ids: BTreeSet<String> = planted.iter().flatten().cloned().collect();
        for near in want["must_not_fire"].as_array().unwrap() {
            let only_near: BTreeSet<String> = ids(near).difference(&true_ids).cloned().collect();
            if of_model
                .iter()
                .any(|alert| alert.iter().any(|id| only_near.contains(id)))
            {
                false_alarms.push(format!("{model}: {only_near:?}"));
            }
        }
    }
    assert!(missing.is_empty(), "planted cases not found: {missing:#?}");
    assert!(
        false_alarms.is_empty(),
        "near-misses that fired: {false_alarms:#?}"
    );
    for alert in &alerts {
        assert!(
            !alert["evidence"].as_array().unwrap().is_empty(),
            "evidence: {alert}"
        );
        assert_eq!(
            alert["evidence"][0]["file_sha256"].as_str().unwrap().len(),
            64
        );
        assert!(!alert["summary"].as_str().unwrap().is_empty());
    }

    // Work one alert, re-run: the same alerts come back, with the state kept.
    let first = alerts[0]["id"].as_str().unwrap().to_string();
    mingjing()
        .args(["alerts", "assign"])
        .arg(&case)
        .arg(&first)
        .args(["--to", "李科员"])
        .assert()
        .success();
    let again = run_models(&case);
    assert_eq!(
        again.len(),
        alerts.len(),
        "a re-run must not duplicate alerts"
    );
    let kept = again.iter().find(|a| a["id"] == first.as_str()).unwrap();
    assert_eq!(kept["state"], "assigned");
    mingjing()
        .args(["alerts", "archive"])
        .arg(&case)
        .arg(&first)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("cannot"));
}
