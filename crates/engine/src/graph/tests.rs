//! Tests of the case graph on hand-built cases with known answers.

use chrono::{NaiveDate, TimeDelta};

use super::*;
use crate::progress::{CancelFlag, NoProgress};
use crate::resolve::fixture::*;

const CODE: &str = "91110105MA01ABCD1X";

fn load(conn: &rusqlite::Connection) -> CaseGraph {
    rebuilt(conn);
    CaseGraph::load(conn, &mut NoProgress, &CancelFlag::new()).unwrap()
}

/// 张某 serves at 某局; his wife 李某 holds 60% of 某某公司, which has a contract with 某局.
fn family_case() -> (rusqlite::Connection, String, String) {
    let conn = case();
    let (zhang, li) = (pid("19700101", 1, true), pid("19720101", 2, false));
    official(&conn, "张某", Some(&zhang), "某局", "2020-01-01", None);
    household(&conn, "H1", "张某", Some(&zhang), "户主");
    household(&conn, "H1", "李某", Some(&li), "妻");
    company(&conn, "某某公司", Some(CODE), None, None);
    company_person(&conn, CODE, "李某", &li, "股东", Some(0.6));
    contract(
        &conn,
        "HT-1",
        "某局",
        "某某公司",
        Some(CODE),
        1_200_000.0,
        "2023-05-06",
    );
    (conn, zhang, li)
}

#[test]
fn a_small_graph_dumps_readably() {
    let (conn, zhang, li) = family_case();
    let g = load(&conn);
    let dump = g.dump();
    let lines: Vec<&str> = dump.lines().collect();
    assert_eq!(lines.len(), 6, "{dump}");
    assert!(lines.contains(&format!("company:某某公司({CODE}) —合同(2023-05-06, 1,200,000元)→ unit:某局  [contracted_with]").as_str()), "{dump}");
    assert!(
        lines.contains(
            &format!("person:张某({zhang}) —妻子→ person:李某({li})  [relative]").as_str()
        ),
        "{dump}"
    );
    assert!(
        lines.contains(
            &format!("person:李某({li}) —股东(60%)→ company:某某公司({CODE})  [shareholder]")
                .as_str()
        ),
        "{dump}"
    );
    assert!(
        lines.contains(
            &format!("person:张某({zhang}) —任职(科长)→ unit:某局  [serves_at]").as_str()
        ),
        "{dump}"
    );
    assert!(
        lines.contains(&"unit:某局 —采购单位→ contract:HT-1  [party_to]"),
        "{dump}"
    );
    assert_eq!(g.size(), (5, 6));
}

#[test]
fn shortest_paths_are_all_found_and_explained_with_sources() {
    let (conn, _, li) = family_case();
    let g = load(&conn);
    let set = g
        .shortest_paths(&conn, &li, "某局", &PathQuery::default())
        .unwrap();
    let texts: Vec<&str> = set.paths.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(
        texts.contains(&"李某 —丈夫→ 张某 —任职(科长)→ 某局"),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"李某 —股东(60%)→ 某某公司 —合同(2023-05-06, 1,200,000元)→ 某局"),
        "{texts:?}"
    );
    let via_company = set.paths.iter().find(|p| p.text.contains("股东")).unwrap();
    let contract_step = &via_company.steps[1];
    assert_eq!(contract_step.sources.len(), 1);
    assert_eq!(contract_step.sources[0].kind, "contracts");
    assert_eq!(contract_step.sources[0].file_sha256, "a".repeat(64));
    assert_eq!(contract_step.sources[0].row, 2);
    assert!(contract_step.forward);
    assert_eq!(via_company.entities.len(), 3);
}

#[test]
fn a_path_can_be_limited_to_some_link_types_and_walks_links_backwards() {
    let (conn, zhang, _) = family_case();
    let g = load(&conn);
    let q = PathQuery {
        filter: LinkFilter {
            types: vec![
                LinkType::Relative,
                LinkType::Shareholder,
                LinkType::ContractedWith,
            ],
            ..Default::default()
        },
        ..Default::default()
    };
    let set = g.shortest_paths(&conn, &zhang, "某局", &q).unwrap();
    assert_eq!(set.paths.len(), 1);
    assert_eq!(
        set.paths[0].text,
        "张某 —妻子→ 李某 —股东(60%)→ 某某公司 —合同(2023-05-06, 1,200,000元)→ 某局"
    );
    let back = g.shortest_paths(&conn, "某局", &zhang, &q).unwrap();
    assert_eq!(
        back.paths[0].text,
        "某局 ←合同(2023-05-06, 1,200,000元)— 某某公司 ←股东(60%)— 李某 —丈夫→ 张某"
    );
    assert!(!back.paths[0].steps[0].forward);
    let short = PathQuery { max_hops: 2, ..q };
    assert!(g
        .shortest_paths(&conn, &zhang, "某局", &short)
        .unwrap()
        .paths
        .is_empty());
}

#[test]
fn k_shortest_paths_come_shortest_first() {
    let (conn, zhang, _) = family_case();
    let g = load(&conn);
    let set = g
        .k_shortest_paths(&conn, &zhang, "某局", 5, &PathQuery::default())
        .unwrap();
    let hops: Vec<usize> = set.paths.iter().map(|p| p.hops).collect();
    assert_eq!(hops, [1, 3, 4]);
    assert_eq!(
        set.paths[2].text,
        "张某 —妻子→ 李某 —股东(60%)→ 某某公司 —供应商→ HT-1 ←采购单位— 某局"
    );
}

#[test]
fn neighbors_respect_hops_types_and_dates() {
    let (conn, zhang, _) = family_case();
    let g = load(&conn);
    let one = g.neighbors(&zhang, &NeighborQuery::default()).unwrap();
    let mut names: Vec<String> = one
        .entities
        .iter()
        .map(|n| n.entity.display().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["李某", "某局"]);
    let two = g
        .neighbors(
            &zhang,
            &NeighborQuery {
                hops: 2,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(two.entities.len(), 4);
    assert_eq!(two.links.len(), 6, "every link among the five entities");
    let before = NaiveDate::from_ymd_opt(2019, 12, 31);
    let dated = NeighborQuery {
        filter: LinkFilter {
            to: before,
            ..Default::default()
        },
        ..Default::default()
    };
    let names: Vec<String> = g
        .neighbors(&zhang, &dated)
        .unwrap()
        .entities
        .iter()
        .map(|n| n.entity.display().to_string())
        .collect();
    assert_eq!(names, ["李某"], "the tenure began in 2020");
    let capped = g
        .neighbors(
            &zhang,
            &NeighborQuery {
                hops: 3,
                limit: 2,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(capped.truncated);
    assert_eq!(capped.entities.len(), 2);
}

#[test]
fn entities_are_looked_up_by_canonical_id() {
    let (conn, zhang, _) = family_case();
    contract(
        &conn,
        "某局",
        "另一局",
        "某某公司",
        Some(CODE),
        1.0,
        "2023-01-01",
    );
    let g = load(&conn);
    assert_eq!(g.entity(&zhang).unwrap().name.as_deref(), Some("张某"));
    assert_eq!(g.entity(CODE).unwrap().ty, EntityType::Company);
    assert_eq!(
        g.entity("某局").unwrap_err().kind(),
        "invalid_argument",
        "a unit and a contract share the key"
    );
    assert_eq!(g.entity("contract:某局").unwrap().ty, EntityType::Contract);
    assert_eq!(g.entity("nobody").unwrap_err().kind(), "not_found");
}

const A: &str = "6222000000000001";
const B: &str = "6222000000000002";
const C: &str = "6222000000000003";
const D: &str = "6222000000000004";
const E: &str = "6222000000000005";

/// A pays B; B pays C two hours later and paid D the day before; C pays E twice.
fn money_case() -> rusqlite::Connection {
    let conn = case();
    Txn::out(A, B, "2024-01-01 10:00:00", 100_000.0).insert(&conn);
    Txn::into_(B, A, "2024-01-01 10:00:00", 100_000.0).insert(&conn);
    Txn::out(B, C, "2024-01-01 12:00:00", 90_000.0).insert(&conn);
    Txn::out(B, D, "2023-12-31 09:00:00", 50_000.0).insert(&conn);
    Txn::out(B, E, "2024-01-02 09:00:00", 100.0).insert(&conn);
    Txn::out(C, E, "2024-01-03 10:00:00", 80_000.0).insert(&conn);
    Txn::out(C, E, "2024-03-01 10:00:00", 5_000.0).insert(&conn);
    Txn {
        success: Some(0),
        ..Txn::out(A, D, "2024-01-01 11:00:00", 70_000.0)
    }
    .insert(&conn);
    conn
}

/// The rebuild writes each transfer once, with both statements' rows, and leaves out
/// the failed one; the graph reads exactly those.
#[test]
fn the_rebuild_stores_each_transfer_once_with_both_statement_rows() {
    let conn = money_case();
    rebuilt(&conn);
    let mut stmt = conn
        .prepare(
            "SELECT a.key, b.key, t.at, t.fen, t.currency, t.record, t.twin
             FROM transfers t JOIN entities a ON a.id = t.src JOIN entities b ON b.id = t.dst
             ORDER BY t.id",
        )
        .unwrap();
    type Row = (String, String, i64, i64, String, i64, Option<i64>);
    let rows: Vec<Row> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 6, "A→B once, the failed A→D not at all");
    let at = NaiveDate::from_ymd_opt(2024, 1, 1)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .map(|t| t.and_utc().timestamp());
    assert_eq!(
        rows[0],
        (
            A.into(),
            B.into(),
            at.unwrap(),
            10_000_000,
            "CNY".into(),
            1,
            Some(2)
        )
    );
    assert!(
        rows[1..].iter().all(|r| r.6.is_none()),
        "one statement each"
    );
    assert!(!rows.iter().any(|r| r.0 == A && r.1 == D));
    assert_eq!(load(&conn).transfer_count(), rows.len());
}

fn trace_lines(trace: &[MoneyPath]) -> Vec<String> {
    trace
        .iter()
        .map(|p| {
            p.steps
                .iter()
                .map(|s| format!("{}>{}", &s.from.key[15..], &s.to.key[15..]))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn money_is_traced_forward_in_time_order_within_the_window() {
    let conn = money_case();
    let g = load(&conn);
    assert_eq!(
        g.transfer_count(),
        6,
        "A→B counted once, the failed row not at all"
    );
    let q = TraceQuery {
        window: Some(TimeDelta::days(7)),
        min_amount: 1000.0,
        direction: FlowDirection::Forward,
        ..Default::default()
    };
    let trace = g.trace_money(&conn, A, &q).unwrap();
    assert_eq!(
        trace_lines(&trace.forward),
        ["1>2 2>3 3>5"],
        "B→D came before the money arrived; B→E is too small"
    );
    assert!(trace.backward.is_empty());
    let first = &trace.forward[0].steps[0];
    assert_eq!(
        first.sources.iter().map(|s| s.row).collect::<Vec<_>>(),
        [2, 3],
        "both statements' rows"
    );
    assert_eq!(first.amount, 100_000.0);
    assert!(trace.forward[0].text.starts_with(
        "户01(6222000000000001) —2024-01-01 10:00:00 转出 100,000元→ 户02(6222000000000002)"
    ));
    let any_wait = TraceQuery {
        window: None,
        ..q.clone()
    };
    assert_eq!(
        trace_lines(&g.trace_money(&conn, A, &any_wait).unwrap().forward),
        ["1>2 2>3 3>5", "1>2 2>3 3>5"]
    );
    let no_min = TraceQuery {
        min_amount: 0.0,
        ..q.clone()
    };
    assert_eq!(
        trace_lines(&g.trace_money(&conn, A, &no_min).unwrap().forward),
        ["1>2 2>3 3>5", "1>2 2>5"]
    );
    let two_hops = TraceQuery { hops: 2, ..q };
    assert_eq!(
        trace_lines(&g.trace_money(&conn, A, &two_hops).unwrap().forward),
        ["1>2 2>3"]
    );
}

/// The position answers (what a graph view draws) are the described ones without text.
#[test]
fn positions_and_described_answers_agree() {
    let (conn, zhang, _) = family_case();
    let g = load(&conn);
    let q = NeighborQuery {
        hops: 2,
        ..Default::default()
    };
    let set = g.neighbor_set(&zhang, &q).unwrap();
    let full = g.neighbors(&zhang, &q).unwrap();
    assert!(!set.entities.is_empty());
    let center = g.position(&zhang).unwrap();
    assert_eq!(g.neighbor_set_at(center, &q), set);
    assert_eq!(g.describe_neighbors(&set), full);
    assert_eq!(set.links.len(), full.links.len());

    let conn = money_case();
    let g = load(&conn);
    let q = TraceQuery {
        window: Some(TimeDelta::days(7)),
        min_amount: 1000.0,
        ..Default::default()
    };
    let paths = g.trace_paths(A, &q).unwrap();
    assert_eq!(g.trace_paths_at(g.position(A).unwrap(), &q), paths);
    assert_eq!(paths.forward.len(), 1);
    assert_eq!(
        paths.forward.iter().next().map(<[u32]>::len),
        Some(3),
        "1>2 2>3 3>5"
    );
    assert_eq!(
        g.describe_trace(&conn, &paths, true).unwrap(),
        g.trace_money(&conn, A, &q).unwrap()
    );
}

#[test]
fn money_is_traced_backward_and_by_date() {
    let conn = money_case();
    let g = load(&conn);
    let q = TraceQuery {
        direction: FlowDirection::Backward,
        ..Default::default()
    };
    let trace = g.trace_money(&conn, E, &q).unwrap();
    // The March transfer C→E came more than 30 days (the default window) after B→C.
    assert_eq!(
        trace_lines(&trace.backward),
        ["1>2 2>5", "1>2 2>3 3>5", "3>5"]
    );
    let late = TraceQuery {
        from: NaiveDate::from_ymd_opt(2024, 1, 2),
        direction: FlowDirection::Both,
        ..Default::default()
    };
    let trace = g.trace_money(&conn, C, &late).unwrap();
    assert_eq!(trace_lines(&trace.forward), ["3>5", "3>5"]);
    assert!(
        trace.backward.is_empty(),
        "B→C happened before the from date"
    );
    assert_eq!(
        g.trace_money(&conn, CODE_LESS, &q).unwrap_err().kind(),
        "not_found"
    );
}

const CODE_LESS: &str = "0000";

#[test]
fn tracing_stops_at_the_path_limit() {
    let conn = money_case();
    let g = load(&conn);
    let q = TraceQuery {
        limit: 1,
        window: None,
        ..Default::default()
    };
    let trace = g.trace_money(&conn, A, &q).unwrap();
    assert_eq!(trace.forward.len(), 1);
    assert!(trace.truncated);
}

#[test]
fn components_and_centrality_on_a_chain() {
    let conn = money_case();
    let (x, y) = ("6222000000000011", "6222000000000012");
    Txn::out(x, y, "2024-01-01 10:00:00", 1.0).insert(&conn);
    let g = load(&conn);
    let comps = g.components(&SubGraph::default(), 1, 10).unwrap();
    let sizes: Vec<usize> = comps.iter().map(|c| c.size).collect();
    assert_eq!(sizes, [5, 2]);
    assert_eq!(comps[0].by_type["account"], 5);
    let around = SubGraph {
        around: Some((A.to_string(), 1)),
        ..Default::default()
    };
    assert_eq!(
        g.components(&around, 1, 10).unwrap()[0].size,
        2,
        "A and B only: A→D failed"
    );
    let report = g.centrality(&SubGraph::default(), 3).unwrap();
    assert!(report.exact);
    assert_eq!(report.entities, 7);
    // Chain A - B - {C, D, E}, C - E: B lies on A-C, A-D, A-E, C-D, D-E: 5 pairs.
    assert_eq!(&report.top[0].entity.key[15..], "2");
    assert_eq!(report.top[0].degree, 4);
    assert!(
        (report.top[0].betweenness - 5.0).abs() < 1e-9,
        "{}",
        report.top[0].betweenness
    );
    assert_eq!(report.top[1].betweenness, 0.0);
}

#[test]
fn answers_serialise_to_json() {
    let (conn, _, li) = family_case();
    let g = load(&conn);
    let set = g
        .shortest_paths(&conn, &li, CODE, &PathQuery::default())
        .unwrap();
    let json = serde_json::to_value(&set).unwrap();
    assert_eq!(json["paths"][0]["steps"][0]["link"]["type"], "shareholder");
    assert_eq!(json["to"]["type"], "company");
    assert_eq!(
        json["paths"][0]["steps"][0]["sources"][0]["sheet"],
        "Sheet1"
    );
}

#[test]
fn every_shortest_path_through_two_layers_is_found() {
    let conn = case();
    let (s, a, b, c, d, t) = (
        "6222000000000101",
        "6222000000000102",
        "6222000000000103",
        "6222000000000104",
        "6222000000000105",
        "6222000000000106",
    );
    for (x, y) in [
        (s, a),
        (s, b),
        (a, c),
        (a, d),
        (b, c),
        (b, d),
        (c, t),
        (d, t),
        (s, "6222000000000107"),
    ] {
        Txn::out(x, y, "2024-01-01 10:00:00", 1.0).insert(&conn);
    }
    let g = load(&conn);
    let set = g
        .shortest_paths(&conn, s, t, &PathQuery::default())
        .unwrap();
    let keys: Vec<String> = set
        .paths
        .iter()
        .map(|p| {
            p.entities
                .iter()
                .map(|e| e.key[15..].to_string())
                .collect::<Vec<_>>()
                .join("")
        })
        .collect();
    assert_eq!(keys, ["1246", "1256", "1346", "1356"]);
    assert!(!set.truncated);
    let capped = g
        .shortest_paths(
            &conn,
            s,
            t,
            &PathQuery {
                limit: 3,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!((capped.paths.len(), capped.truncated), (3, true));
    let back = g
        .shortest_paths(&conn, t, s, &PathQuery::default())
        .unwrap();
    assert_eq!(back.paths.len(), 4);
    assert!(back
        .paths
        .iter()
        .all(|p| p.hops == 3 && !p.steps[0].forward));
}
