//! Alert workflow tests: the state machine, history and audit, listing and the JSON form.

use rusqlite::Connection;

use super::*;
use crate::models::runner::{
    run_models,
    tests::{transaction, BigMoney},
};
use crate::progress::{CancelFlag, NoProgress};
use crate::resolve::fixture::case;

const STAMP: Stamp<'static> = Stamp {
    at: "2024-06-02T09:00:00+08:00",
    actor: "李四",
};

/// A case with one alert per account given, all `new`.
fn with_alerts(accounts: &[&str]) -> (Connection, Vec<AlertId>) {
    let conn = case();
    for account in accounts {
        transaction(&conn, account, 50_000.0);
    }
    let stamp = Stamp {
        at: "2024-06-01T10:00:00+08:00",
        actor: "张三",
    };
    run_models(
        &conn,
        &[&BigMoney],
        stamp,
        &mut NoProgress,
        &CancelFlag::new(),
    )
    .unwrap();
    let ids = list(&conn, &AlertFilter::default())
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    (conn, ids)
}

fn step(conn: &Connection, id: AlertId, action: Action) -> Result<()> {
    match action {
        Action::Assign => assign(conn, id, "王五", "note", STAMP),
        Action::StartVerifying => start_verifying(conn, id, "note", STAMP),
        Action::Dispose => dispose(conn, id, Outcome::FalsePositive, "note", STAMP),
        Action::Archive => archive(conn, id, "note", STAMP),
        Action::Reopen => reopen(conn, id, "note", STAMP),
    }
}

/// Brings a fresh alert to `state` along the normal path.
fn bring_to(conn: &Connection, id: AlertId, state: AlertState) {
    let path = [
        Action::Assign,
        Action::StartVerifying,
        Action::Dispose,
        Action::Archive,
    ];
    let steps = AlertState::ALL.iter().position(|s| *s == state).unwrap();
    for action in &path[..steps] {
        step(conn, id, *action).unwrap();
    }
}

#[test]
fn the_state_machine_allows_exactly_these_moves() {
    use Action as A;
    use AlertState as S;
    let allowed = [
        (S::New, A::Assign, Some(S::Assigned)),
        (S::Assigned, A::Assign, Some(S::Assigned)),
        (S::Assigned, A::StartVerifying, Some(S::Verifying)),
        (S::Verifying, A::Dispose, Some(S::Disposed)),
        (S::Disposed, A::Archive, Some(S::Archived)),
        (S::Disposed, A::Reopen, Some(S::Verifying)),
        (S::Archived, A::Reopen, Some(S::Verifying)),
    ];
    for state in AlertState::ALL {
        for action in [
            A::Assign,
            A::StartVerifying,
            A::Dispose,
            A::Archive,
            A::Reopen,
        ] {
            let want = allowed
                .iter()
                .find(|(s, a, _)| *s == state && *a == action)
                .and_then(|t| t.2);
            assert_eq!(action.target(state), want, "{state:?} {action:?}");
        }
    }
}

#[test]
fn illegal_moves_are_refused_with_a_clear_message_and_change_nothing() {
    let cases = [
        (
            AlertState::New,
            Action::Dispose,
            "预警a-000001当前为新预警,不能处置 / alert a-000001 is new: cannot dispose",
        ),
        (
            AlertState::New,
            Action::StartVerifying,
            "预警a-000001当前为新预警,不能开始核查 / alert a-000001 is new: cannot verify",
        ),
        (
            AlertState::Assigned,
            Action::Archive,
            "预警a-000001当前为已分办,不能归档 / alert a-000001 is assigned: cannot archive",
        ),
        (
            AlertState::Verifying,
            Action::Assign,
            "预警a-000001当前为核查中,不能分办 / alert a-000001 is verifying: cannot assign",
        ),
        (
            AlertState::Archived,
            Action::Dispose,
            "预警a-000001当前为已归档,不能处置 / alert a-000001 is archived: cannot dispose",
        ),
        (
            AlertState::New,
            Action::Reopen,
            "预警a-000001当前为新预警,不能重新核查 / alert a-000001 is new: cannot reopen",
        ),
    ];
    for (state, action, message) in cases {
        let (conn, ids) = with_alerts(&["6222000000000001"]);
        bring_to(&conn, ids[0], state);
        let before = show(&conn, ids[0]).unwrap();
        let err = step(&conn, ids[0], action).unwrap_err();
        assert_eq!(err.kind(), "illegal_transition");
        assert_eq!(err.to_string(), message);
        assert_eq!(show(&conn, ids[0]).unwrap(), before, "{state:?} {action:?}");
    }
}

#[test]
fn every_step_is_in_the_history_and_the_audit_log() {
    let (conn, ids) = with_alerts(&["6222000000000001"]);
    let id = ids[0];
    assign(&conn, id, "王五", "交王五核查", STAMP).unwrap();
    start_verifying(&conn, id, "已调取流水", STAMP).unwrap();
    dispose(&conn, id, Outcome::Remedied, "已退还", STAMP).unwrap();
    archive(&conn, id, "", STAMP).unwrap();
    let detail = show(&conn, id).unwrap();
    assert_eq!(detail.alert.state, AlertState::Archived);
    assert_eq!(detail.alert.outcome, Some(Outcome::Remedied));
    assert_eq!(detail.alert.assignee.as_deref(), Some("王五"));
    let steps: Vec<(Option<&str>, &str, &str, &str)> = detail
        .history
        .iter()
        .map(|h| {
            (
                h.from.map(AlertState::code),
                h.to.code(),
                h.who.as_str(),
                h.note.as_str(),
            )
        })
        .collect();
    assert_eq!(
        steps[1..],
        [
            (Some("new"), "assigned", "李四", "交王五核查"),
            (Some("assigned"), "verifying", "李四", "已调取流水"),
            (Some("verifying"), "disposed", "李四", "已退还"),
            (Some("disposed"), "archived", "李四", ""),
        ]
    );
    assert_eq!((steps[0].0, steps[0].1, steps[0].2), (None, "new", "张三"));
    let mut stmt = conn
        .prepare("SELECT action FROM audit_log WHERE action LIKE 'alert.%' ORDER BY seq")
        .unwrap();
    let actions: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "alert.assign",
            "alert.verify",
            "alert.dispose",
            "alert.archive"
        ]
    );
    crate::audit::verify(&conn).unwrap();
}

#[test]
fn reopening_clears_the_outcome() {
    let (conn, ids) = with_alerts(&["6222000000000001"]);
    bring_to(&conn, ids[0], AlertState::Archived);
    reopen(&conn, ids[0], "发现新线索", STAMP).unwrap();
    let alert = show(&conn, ids[0]).unwrap().alert;
    assert_eq!((alert.state, alert.outcome), (AlertState::Verifying, None));
}

#[test]
fn an_empty_assignee_and_an_unknown_alert_are_refused() {
    let (conn, ids) = with_alerts(&["6222000000000001"]);
    assert_eq!(
        assign(&conn, ids[0], "  ", "", STAMP).unwrap_err().kind(),
        "invalid_argument"
    );
    assert_eq!(
        archive(&conn, AlertId(99), "", STAMP).unwrap_err().kind(),
        "not_found"
    );
}

#[test]
fn listing_filters_and_pages() {
    let (conn, ids) = with_alerts(&["6222000000000001", "6222000000000002", "6222000000000003"]);
    assign(&conn, ids[1], "王五", "", STAMP).unwrap();
    let page = |filter: AlertFilter| {
        list(&conn, &filter)
            .unwrap()
            .iter()
            .map(|a| a.id.0)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        page(AlertFilter {
            state: Some(AlertState::New),
            ..Default::default()
        }),
        [1, 3]
    );
    assert_eq!(
        page(AlertFilter {
            offset: 1,
            limit: Some(1),
            ..Default::default()
        }),
        [2]
    );
    assert_eq!(
        page(AlertFilter {
            model: Some("other".into()),
            ..Default::default()
        }),
        Vec::<i64>::new()
    );
    assert_eq!(
        page(AlertFilter {
            run: Some(1),
            ..Default::default()
        }),
        [1, 2, 3]
    );
    let filter = AlertFilter {
        state: Some(AlertState::Assigned),
        ..Default::default()
    };
    assert_eq!(count(&conn, &filter).unwrap(), 1);
}

#[test]
fn the_json_line_follows_the_cli_contract() {
    let (conn, ids) = with_alerts(&["6222000000000001"]);
    let alert = show(&conn, ids[0]).unwrap().alert;
    let sha = "a".repeat(64);
    let want = format!(
        r#"{{"id":"a-000001","model":"test-big-money","severity":"medium","state":"new","subjects":[{{"type":"account","id":"6222000000000001","name":"王五","role":"account"}}],"summary":"账户6222000000000001有50000元交易","evidence":[{{"file_sha256":"{sha}","file_name":"extract.xlsx","sheet":"Sheet1","row":2}}]}}"#
    );
    assert_eq!(alert.json_line(), want);
}

#[test]
fn alert_ids_read_and_print() {
    for (text, id) in [("a-000123", 123), ("A-7", 7), ("42", 42)] {
        assert_eq!(text.parse::<AlertId>().unwrap(), AlertId(id));
    }
    assert_eq!(AlertId(123).to_string(), "a-000123");
    assert_eq!(
        "x-1".parse::<AlertId>().unwrap_err().kind(),
        "invalid_argument"
    );
}
