//! Runner tests: filing, finding again, staleness, skipping, failing models.

use rusqlite::Connection;

use super::*;
use crate::models::alerts::{self, AlertFilter, AlertState};
use crate::models::{ParamSpec, ParamValue, RecordRef, Severity, Subject, SubjectType};
use crate::progress::NoProgress;
use crate::resolve::fixture::{case, insert, text};

/// Raises one alert per account for each transaction of at least `min` yuan.
pub(crate) struct BigMoney;

impl Model for BigMoney {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: "test-big-money",
            name: "大额交易",
            description: "test",
            needs: &[Kind::BankTransactions],
            params: vec![ParamSpec {
                name: "min",
                description: "",
                default: ParamValue::Number(10_000.0),
            }],
        }
    }

    fn run(&self, ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        let mut stmt = ctx.conn.prepare(
            "SELECT id, account, holder_name, amount FROM bank_transactions WHERE amount >= ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([ctx.params.number("min")], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, f64>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, account, holder, amount) = row?;
            out.push(AlertDraft {
                model: "test-big-money",
                severity: Severity::Medium,
                subjects: vec![Subject {
                    subject_type: SubjectType::Account,
                    id: account.clone(),
                    name: holder,
                    role: "account".into(),
                }],
                summary: format!("账户{account}有{amount}元交易"),
                evidence: vec![RecordRef {
                    table: "bank_transactions",
                    record_id: id,
                }],
                key: account,
            });
        }
        Ok(out)
    }
}

struct Broken;

impl Model for Broken {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: "test-broken",
            name: "坏模型",
            description: "",
            needs: &[],
            params: vec![],
        }
    }
    fn run(&self, _ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        Err(Error::InvalidArgument("boom".into()))
    }
}

struct NeedsDeaths;

impl Model for NeedsDeaths {
    fn spec(&self) -> ModelSpec {
        ModelSpec {
            id: "test-deaths",
            name: "死亡",
            description: "",
            needs: &[Kind::Deaths, Kind::Benefits],
            params: vec![],
        }
    }
    fn run(&self, _ctx: &ModelContext<'_>) -> Result<Vec<AlertDraft>> {
        panic!("a skipped model must not run")
    }
}

const STAMP: Stamp<'static> = Stamp {
    at: "2024-06-01T10:00:00+08:00",
    actor: "张三",
};

pub(crate) fn transaction(conn: &Connection, account: &str, amount: f64) -> i64 {
    insert(
        conn,
        "bank_transactions",
        &[
            ("account", text(account)),
            ("holder_name", text("王五")),
            ("time", text("2024-01-02 10:00:00")),
            ("amount", amount.into()),
            ("direction", 1.into()),
        ],
    )
}

fn run(conn: &Connection, models: &[&dyn Model]) -> RunReport {
    run_models(conn, models, STAMP, &mut NoProgress, &CancelFlag::new()).unwrap()
}

fn counts(report: &RunReport, id: &str) -> (u64, u64, u64) {
    let m = report.models.iter().find(|m| m.id == id).unwrap();
    (m.new, m.again, m.stale)
}

#[test]
fn new_findings_become_new_alerts_with_evidence_resolved() {
    let conn = case();
    transaction(&conn, "6222000000000001", 50_000.0);
    transaction(&conn, "6222000000000001", 20_000.0);
    transaction(&conn, "6222000000000002", 500.0);
    let report = run(&conn, &[&BigMoney]);
    assert_eq!(counts(&report, "test-big-money"), (1, 0, 0));
    let listed = alerts::list(&conn, &AlertFilter::default()).unwrap();
    assert_eq!(listed.len(), 1, "two drafts with one key are one alert");
    let alert = &listed[0];
    assert_eq!(alert.state, AlertState::New);
    assert_eq!(alert.evidence.len(), 2);
    assert_eq!(alert.evidence[0].file_name.as_deref(), Some("extract.xlsx"));
    assert_eq!(alert.evidence[0].sheet.as_deref(), Some("Sheet1"));
    assert_eq!(alert.evidence[0].row_no, Some(2));
    assert_eq!(alert.evidence[1].row_no, Some(3));
}

#[test]
fn a_rerun_keeps_state_and_history_and_does_not_duplicate() {
    let conn = case();
    transaction(&conn, "6222000000000001", 50_000.0);
    run(&conn, &[&BigMoney]);
    let id = alerts::list(&conn, &AlertFilter::default()).unwrap()[0].id;
    alerts::assign(&conn, id, "李四", "请核查", STAMP).unwrap();
    transaction(&conn, "6222000000000001", 60_000.0);
    let report = run(&conn, &[&BigMoney]);
    assert_eq!(counts(&report, "test-big-money"), (0, 1, 0));
    let all = alerts::list(&conn, &AlertFilter::default()).unwrap();
    assert_eq!(all.len(), 1);
    let detail = alerts::show(&conn, id).unwrap();
    assert_eq!(detail.alert.state, AlertState::Assigned);
    assert_eq!(detail.alert.assignee.as_deref(), Some("李四"));
    assert_eq!(detail.alert.evidence.len(), 2, "evidence refreshed");
    assert_eq!(detail.alert.last_seen, report.run_id);
    assert_eq!(
        detail.history.len(),
        2,
        "filing + assignment, nothing added by the re-run"
    );
}

#[test]
fn an_alert_whose_rows_disappear_turns_stale_and_comes_back() {
    let conn = case();
    let row = transaction(&conn, "6222000000000001", 50_000.0);
    transaction(&conn, "6222000000000002", 80_000.0);
    run(&conn, &[&BigMoney]);
    conn.execute("DELETE FROM bank_transactions WHERE id = ?1", [row])
        .unwrap();
    let report = run(&conn, &[&BigMoney]);
    assert_eq!(counts(&report, "test-big-money"), (0, 1, 1));
    let all = alerts::list(&conn, &AlertFilter::default()).unwrap();
    let stale: Vec<bool> = all.iter().map(|a| a.stale).collect();
    assert_eq!(stale, [true, false]);
    assert_eq!(
        all[0].evidence[0].file_name.as_deref(),
        Some("extract.xlsx"),
        "evidence survives"
    );
    transaction(&conn, "6222000000000001", 50_000.0);
    let report = run(&conn, &[&BigMoney]);
    assert_eq!(counts(&report, "test-big-money"), (0, 2, 0));
    assert!(alerts::list(&conn, &AlertFilter::default())
        .unwrap()
        .iter()
        .all(|a| !a.stale));
}

#[test]
fn disposed_alerts_are_not_marked_stale() {
    let conn = case();
    let row = transaction(&conn, "6222000000000001", 50_000.0);
    run(&conn, &[&BigMoney]);
    let id = alerts::list(&conn, &AlertFilter::default()).unwrap()[0].id;
    alerts::assign(&conn, id, "李四", "", STAMP).unwrap();
    alerts::start_verifying(&conn, id, "", STAMP).unwrap();
    alerts::dispose(&conn, id, alerts::Outcome::Confirmed, "", STAMP).unwrap();
    conn.execute("DELETE FROM bank_transactions WHERE id = ?1", [row])
        .unwrap();
    let report = run(&conn, &[&BigMoney]);
    assert_eq!(counts(&report, "test-big-money"), (0, 0, 0));
    assert!(!alerts::show(&conn, id).unwrap().alert.stale);
}

#[test]
fn saved_parameters_are_used() {
    let conn = case();
    transaction(&conn, "6222000000000001", 50_000.0);
    let spec = BigMoney.spec();
    let mut values = crate::models::Params::default();
    values.0.insert("min".into(), ParamValue::Integer(60_000));
    crate::models::params::set(&conn, &spec, &values, STAMP).unwrap();
    let report = run(&conn, &[&BigMoney]);
    assert_eq!(counts(&report, "test-big-money"), (0, 0, 0));
}

#[test]
fn models_without_data_are_skipped_and_failures_reported() {
    let conn = case();
    transaction(&conn, "6222000000000001", 50_000.0);
    let report = run(&conn, &[&NeedsDeaths, &Broken, &BigMoney]);
    let skipped = report.models[0].skipped.as_deref().unwrap();
    assert!(
        skipped.starts_with("案件中没有所需数据:死亡(火化)登记、惠民惠农资金发放"),
        "{skipped}"
    );
    assert!(report.models[1].error.as_deref().unwrap().contains("boom"));
    assert_eq!(counts(&report, "test-big-money"), (1, 0, 0));
}

#[test]
fn a_run_is_recorded_and_audited() {
    let conn = case();
    transaction(&conn, "6222000000000001", 50_000.0);
    let report = run(&conn, &[&BigMoney]);
    let (models, counts): (String, String) = conn
        .query_row(
            "SELECT models, counts FROM model_runs WHERE id = ?1",
            [report.run_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(models, r#"["test-big-money"]"#);
    assert!(counts.contains(r#""new":1"#), "{counts}");
    let (action, detail): (String, String) = conn
        .query_row(
            "SELECT action, detail FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(action, "models.run");
    assert!(detail.contains("test-big-money"));
    crate::audit::verify(&conn).unwrap();
}

#[test]
fn a_cancelled_run_files_nothing() {
    let conn = case();
    transaction(&conn, "6222000000000001", 50_000.0);
    let cancel = CancelFlag::new();
    cancel.cancel();
    let err = run_models(&conn, &[&BigMoney], STAMP, &mut NoProgress, &cancel).unwrap_err();
    assert_eq!(err.kind(), "cancelled");
    assert_eq!(alerts::count(&conn, &AlertFilter::default()).unwrap(), 0);
}

#[test]
fn select_finds_models_by_id_and_refuses_unknown_ones() {
    let all: Vec<Box<dyn Model>> = vec![Box::new(BigMoney), Box::new(Broken)];
    let picked = select(&all, &["test-broken".to_string()]).unwrap();
    assert_eq!(picked[0].spec().id, "test-broken");
    assert_eq!(select(&all, &[]).unwrap().len(), 2);
    assert_eq!(
        select(&all, &["nope".to_string()]).err().map(|e| e.kind()),
        Some("not_found")
    );
}
