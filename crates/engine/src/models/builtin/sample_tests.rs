//! The money-flow models over the committed sample case (`sample-data/case`): every
//! `must_fire` of `sample-data/expected.json` for these models is found, and no alert
//! touches a `must_not_fire` subject (other than one the true case shares, such as the
//! official of both).

use std::path::PathBuf;

use serde_json::Value;

use crate::import::pipeline::{import_file, Stamp};
use crate::import::ImportOptions;
use crate::models::{AlertDraft, Model, ModelContext, Params, RunCache};
use crate::progress::{CancelFlag, NoProgress};

const MONEY_MODELS: [&str; 8] = [
    "pass-through",
    "structuring",
    "round-in-out",
    "scatter-gather",
    "fund-loop",
    "kickback-flow",
    "festival-gifts",
    "benefit-proxy",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sample_case() -> rusqlite::Connection {
    let mut conn = crate::store::open_in_memory();
    let dir = repo().join("sample-data/case");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("sample-data/case is committed")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let tx = conn.transaction().expect("transaction");
    let stamp = Stamp {
        at: "2024-07-01 00:00:00",
        actor: "test",
    };
    for f in &files {
        import_file(
            &tx,
            f,
            &ImportOptions::default(),
            &stamp,
            &mut NoProgress,
            &CancelFlag::new(),
        )
        .expect("sample file imports");
    }
    tx.commit().expect("commit");
    crate::resolve::rebuild(&conn, &mut NoProgress, &CancelFlag::new()).expect("rebuild");
    conn
}

fn run(conn: &rusqlite::Connection, model: &dyn Model) -> Vec<AlertDraft> {
    let params = Params::defaults(&model.spec());
    let cancel = CancelFlag::new();
    let ctx = ModelContext {
        conn,
        params: &params,
        cancel: &cancel,
        cache: &RunCache::default(),
    };
    model.run(&ctx).expect("model runs")
}

fn ids(case: &Value) -> Vec<String> {
    case["subjects"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["id"].as_str().map(str::to_string))
        .collect()
}

fn has(alert: &AlertDraft, id: &str) -> bool {
    alert.subjects.iter().any(|s| s.id == id)
}

#[test]
fn sample_case_money_models_find_the_planted_cases_and_nothing_near() {
    let conn = sample_case();
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("sample-data/expected.json")).expect("expected.json"),
    )
    .expect("expected.json parses");
    let mut failures = Vec::new();
    for model in super::all() {
        let id = model.spec().id;
        if !MONEY_MODELS.contains(&id) {
            continue;
        }
        let alerts = run(&conn, model.as_ref());
        for a in &alerts {
            println!("[{id}] {:?} {}", a.severity, a.summary);
        }
        let spec = &expected["models"][id];
        let mut true_ids = Vec::new();
        for case in spec["must_fire"].as_array().into_iter().flatten() {
            let want = ids(case);
            if !alerts.iter().any(|a| want.iter().all(|w| has(a, w))) {
                failures.push(format!("{id}: missed {want:?}"));
            }
            true_ids.extend(want);
        }
        for case in spec["must_not_fire"].as_array().into_iter().flatten() {
            for w in ids(case).iter().filter(|w| !true_ids.contains(w)) {
                if let Some(a) = alerts.iter().find(|a| has(a, w)) {
                    failures.push(format!("{id}: near-miss {w} fired: {}", a.summary));
                }
            }
        }
        println!("[{id}] {} alerts", alerts.len());
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
