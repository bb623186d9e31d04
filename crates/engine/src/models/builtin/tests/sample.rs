//! The committed sample case, imported with the real importer and resolved, checked
//! against `sample-data/expected.json`: every `must_fire` of these models is found and
//! no `must_not_fire` is.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use rusqlite::Connection;
use serde_json::Value;

use crate::import::pipeline::{import_file, ImportOptions, Stamp};
use crate::models::builtin::all;
use crate::models::{AlertDraft, ModelContext, Params, RunCache};
use crate::progress::{CancelFlag, NoProgress};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The sample case in memory, every file imported and entities rebuilt.
fn load() -> Connection {
    let mut conn = crate::store::open_in_memory();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(repo_root().join("sample-data/case"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let tx = conn.transaction().unwrap();
    let stamp = Stamp {
        at: "2024-07-01 00:00:00",
        actor: "test",
    };
    for path in &paths {
        let options = ImportOptions::default();
        import_file(
            &tx,
            path,
            &options,
            &stamp,
            &mut NoProgress,
            &CancelFlag::new(),
        )
        .unwrap();
    }
    tx.commit().unwrap();
    crate::resolve::rebuild(&conn, &mut NoProgress, &CancelFlag::new()).unwrap();
    conn
}

/// Units are named in alerts; `expected.json` names some by credit code, which the
/// invoices pair with the unit's name.
fn unit_names(conn: &Connection) -> HashMap<String, String> {
    let sql = "SELECT DISTINCT buyer_uscc, buyer_name FROM invoices WHERE buyer_uscc LIKE '1%'";
    let mut stmt = conn.prepare(sql).unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.map(|r| r.unwrap()).collect()
}

fn ids(case: &Value, units: &HashMap<String, String>) -> BTreeSet<String> {
    case["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let id = s["id"].as_str().unwrap().to_string();
            units.get(&id).cloned().unwrap_or(id)
        })
        .collect()
}

fn alert_ids(a: &AlertDraft) -> BTreeSet<String> {
    a.subjects.iter().map(|s| s.id.clone()).collect()
}

fn run(conn: &Connection, model: &dyn crate::models::Model) -> Vec<AlertDraft> {
    let params = Params::defaults(&model.spec());
    let cancel = CancelFlag::new();
    let ctx = ModelContext {
        conn,
        params: &params,
        cancel: &cancel,
        cache: &RunCache::default(),
    };
    model.run(&ctx).unwrap()
}

/// Checks one model; returns (found, expected) for `must_fire`.
fn check(
    id: &str,
    alerts: &[AlertDraft],
    cases: &Value,
    units: &HashMap<String, String>,
) -> (usize, usize) {
    let musts: Vec<BTreeSet<String>> = cases["must_fire"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| ids(c, units))
        .collect();
    let found = musts
        .iter()
        .filter(|m| alerts.iter().any(|a| m.is_subset(&alert_ids(a))))
        .count();
    let fired: BTreeSet<String> = musts.iter().flatten().cloned().collect();
    for case in cases["must_not_fire"].as_array().unwrap() {
        let near = ids(case, units);
        for a in alerts {
            let got = alert_ids(a);
            assert!(
                !near.is_subset(&got),
                "{id} fired on a near-miss: {}",
                a.summary
            );
            let stray: Vec<&String> = near
                .difference(&fired)
                .filter(|x| got.contains(*x))
                .collect();
            assert!(
                stray.is_empty(),
                "{id} names near-miss {stray:?}: {}",
                a.summary
            );
        }
    }
    (found, musts.len())
}

#[test]
fn sample_case_finds_the_planted_cases_and_no_near_miss() {
    let conn = load();
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("sample-data/expected.json")).unwrap(),
    )
    .unwrap();
    let units = unit_names(&conn);
    let mut report = Vec::new();
    for model in all() {
        let id = model.spec().id;
        let alerts = run(&conn, model.as_ref());
        for a in &alerts {
            println!("[{id}] {}", a.summary);
        }
        let Some(cases) = expected["models"].get(id) else {
            continue;
        };
        let (found, want) = check(id, &alerts, cases, &units);
        report.push(format!(
            "{id}: {found}/{want} found, {} alerts",
            alerts.len()
        ));
        assert_eq!(found, want, "{id} missed a planted case");
    }
    println!("{}", report.join("\n"));
}
