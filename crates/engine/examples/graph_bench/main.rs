//! Benchmark of entity resolution and the case graph, and the same graph against
//! networkx. Not a test: it prints figures.
//!
//! ```text
//! MINGJING_CASE=case.mjcase MINGJING_PASSPHRASE=… \
//!   cargo run --release -p mingjing-engine --example graph_bench -- OUT_DIR
//! ```
//! Without `MINGJING_CASE` it builds a synthetic case in a temporary file
//! (`MINGJING_BENCH_PEOPLE`, default 100,000 people; `MINGJING_BENCH_TRANSACTIONS`,
//! default 1,000,000 statement rows). It rebuilds entities and links, loads the graph,
//! reports build times and memory, then times `MINGJING_BENCH_QUERIES` (default 300)
//! random neighbourhoods (2 hops), shortest paths and money traces (3 hops, both ways)
//! (`MINGJING_BENCH_REBUILD=0` skips the rebuild of an already resolved `MINGJING_CASE`).
//! Neighbourhoods and traces are timed from graph positions, as the networkx side times
//! them from its node numbers; the id lookup before them is timed on its own. It
//! writes the graph and the queries to OUT_DIR (default `target/graph-bench`) and runs
//! `tests/bench/graph_networkx.py` on them (`MINGJING_BENCH_PYTHON`, default `python3`;
//! `none` skips it), which prints both sets of figures side by side.

mod synth;

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use mingjing_engine::graph::{
    CaseGraph, FlowDirection, NeighborQuery, NodeIx, PathQuery, TraceQuery,
};
use mingjing_engine::resolve;
use mingjing_engine::{CancelFlag, Passphrase, Progress, ProgressEvent};
use serde_json::{json, Value};

type Res<T> = Result<T, Box<dyn Error>>;

fn main() -> ExitCode {
    let child = std::env::args().nth(1).as_deref() == Some("--load-only");
    match if child { load_only() } else { run() } {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("graph_bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn run() -> Res<()> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/graph-bench".into()),
    );
    std::fs::create_dir_all(&out)?;
    let temp = tempfile::tempdir()?;
    let (conn, source, case_path) = open_case(temp.path())?;
    let t = Instant::now();
    // `MINGJING_BENCH_REBUILD=0` reuses the entities of an already resolved `MINGJING_CASE`.
    let stats = if std::env::var("MINGJING_BENCH_REBUILD").as_deref() == Ok("0") {
        None
    } else {
        Some(resolve::rebuild(
            &conn,
            &mut Stages::new(),
            &CancelFlag::new(),
        )?)
    };
    let rebuild_s = t.elapsed().as_secs_f64();
    let graph_mb = graph_memory(&case_path)?;
    let t = Instant::now();
    let graph = CaseGraph::load(&conn, &mut Stages::new(), &CancelFlag::new())?;
    let load_s = t.elapsed().as_secs_f64();
    let (nodes, edges) = graph.size();
    println!("case: {source}");
    println!(
        "entities {nodes}, links {edges}, transfers {}; {stats:?}",
        graph.transfer_count()
    );
    println!("rebuild {rebuild_s:.2} s, graph load {load_s:.2} s, graph memory ≈ {graph_mb:.0} MB, peak RSS {:.0} MB", memory("VmHWM"));
    let n = env_usize("MINGJING_BENCH_QUERIES", 300);
    let starts = Starts::pick(&conn, n)?;
    let results = json!({
        "source": source,
        "entities": nodes, "links": edges, "transfers": graph.transfer_count(),
        "rebuild_s": rebuild_s, "load_s": load_s, "graph_mb": graph_mb, "peak_mb": memory("VmHWM"),
        "neighbors": bench_neighbors(&graph, &starts.people)?,
        "paths": bench_paths(&graph, &conn, &starts.people)?,
        "paths_with_sources": bench_paths_with_sources(&graph, &conn, &starts.people)?,
        "trace": bench_trace(&graph, &conn, &starts.accounts)?,
    });
    graph.export_tsv(&out)?;
    std::fs::write(
        out.join("rust.json"),
        serde_json::to_string_pretty(&results)?,
    )?;
    print_rust(&results);
    compare_with_networkx(&out)
}

/// Prints how long each stage of a long job took (with `MINGJING_BENCH_STAGES` set).
struct Stages {
    on: bool,
    current: String,
    since: Instant,
}

impl Stages {
    fn new() -> Stages {
        let on = std::env::var_os("MINGJING_BENCH_STAGES").is_some();
        Stages {
            on,
            current: String::new(),
            since: Instant::now(),
        }
    }
}

impl Progress for Stages {
    fn report(&mut self, e: ProgressEvent<'_>) {
        let name = format!("{}/{}", e.stage, e.subject);
        if self.on && name != self.current {
            if !self.current.is_empty() {
                println!(
                    "  {:<32} {:>7.2} s",
                    self.current,
                    self.since.elapsed().as_secs_f64()
                );
            }
            self.current = name;
            self.since = Instant::now();
        }
    }
}

fn passphrase() -> Passphrase {
    Passphrase::new(std::env::var("MINGJING_PASSPHRASE").unwrap_or_else(|_| "bench".into()))
}

/// The case named by `MINGJING_CASE`, or a synthetic one in `dir`.
fn open_case(dir: &Path) -> Res<(rusqlite::Connection, String, PathBuf)> {
    if let Ok(path) = std::env::var("MINGJING_CASE") {
        let conn = mingjing_engine::open_case(Path::new(&path), &passphrase())?;
        return Ok((conn, path.clone(), PathBuf::from(path)));
    }
    let size = synth::Size {
        people: env_usize("MINGJING_BENCH_PEOPLE", 100_000),
        transactions: env_usize("MINGJING_BENCH_TRANSACTIONS", 1_000_000),
    };
    // `MINGJING_BENCH_SAVE=FILE` keeps the synthetic case for later runs (`MINGJING_CASE`).
    let path = std::env::var("MINGJING_BENCH_SAVE")
        .map_or_else(|_| dir.join("synthetic.mjcase"), PathBuf::from);
    let conn = mingjing_engine::create_case(&path, &passphrase())?;
    let t = Instant::now();
    synth::fill(&conn, &size)?;
    println!(
        "synthetic case written in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let source = format!(
        "synthetic: {} people, {} statement rows",
        size.people, size.transactions
    );
    Ok((conn, source, path))
}

/// Random people and accounts to start queries from (fixed seed).
struct Starts {
    people: Vec<String>,
    accounts: Vec<String>,
}

impl Starts {
    fn pick(conn: &rusqlite::Connection, n: usize) -> Res<Starts> {
        let keys = |ty: &str| -> Res<Vec<String>> {
            let mut stmt =
                conn.prepare("SELECT key FROM entities WHERE type = ?1 AND valid = 1 ORDER BY id")?;
            let all: Vec<String> = stmt
                .query_map([ty], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut rng = synth::Rng::new(7);
            Ok((0..n)
                .filter(|_| !all.is_empty())
                .map(|_| all[rng.below(all.len())].clone())
                .collect())
        };
        Ok(Starts {
            people: keys("person")?,
            accounts: keys("account")?,
        })
    }
}

/// Median and 99th percentile in milliseconds.
fn summary(mut ms: Vec<f64>) -> Value {
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| {
        ms.get(((ms.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    json!({ "median_ms": at(0.5), "p99_ms": at(0.99), "runs": ms.len() })
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let v = f();
    (v, t.elapsed().as_secs_f64() * 1000.0)
}

/// Where each id sits in the graph, timed: the lookup every query by id starts with
/// (the networkx side looks its start up before its timer starts).
fn positions(g: &CaseGraph, ids: &[String]) -> Res<(Vec<NodeIx>, Value)> {
    let (mut found, mut ms) = (Vec::new(), Vec::new());
    for id in ids {
        let (n, t) = timed(|| g.position(id));
        found.push(n?);
        ms.push(t);
    }
    Ok((found, summary(ms)))
}

/// Neighbourhoods from graph positions (what networkx computes from its node numbers),
/// then the same by id with every name, key and label copied out.
fn bench_neighbors(g: &CaseGraph, people: &[String]) -> Res<Value> {
    let q = NeighborQuery {
        hops: 2,
        limit: usize::MAX,
        ..Default::default()
    };
    let (centers, lookup) = positions(g, people)?;
    let (mut ms, mut described_ms, mut found) = (Vec::new(), Vec::new(), Vec::new());
    let mut sets = Vec::new();
    for &c in &centers {
        let (set, t) = timed(|| g.neighbor_set_at(c, &q));
        ms.push(t);
        sets.push(set);
    }
    for (p, set) in people.iter().zip(&sets) {
        let (full, t) = timed(|| g.neighbors(p, &q));
        let full = full?;
        described_ms.push(t);
        assert_eq!(full.entities.len(), set.entities.len());
        found.push(json!({ "start": p, "entities": set.entities.len(), "links": set.links.len() }));
    }
    Ok(
        json!({ "latency": summary(ms), "described": summary(described_ms), "lookup": lookup, "hops": 2, "results": found }),
    )
}

fn bench_paths(g: &CaseGraph, conn: &rusqlite::Connection, people: &[String]) -> Res<Value> {
    let q = PathQuery {
        with_sources: false,
        ..Default::default()
    };
    let (mut ms, mut found) = (Vec::new(), Vec::new());
    for pair in people.windows(2) {
        let (r, t) = timed(|| g.shortest_paths(conn, &pair[0], &pair[1], &q));
        let r = r?;
        ms.push(t);
        let hops = r.paths.first().map(|p| p.hops as i64).unwrap_or(-1);
        found.push(json!({ "from": pair[0], "to": pair[1], "hops": hops, "paths": r.paths.len() }));
    }
    Ok(
        json!({ "latency": summary(ms), "max_hops": q.max_hops, "limit": q.limit, "results": found }),
    )
}

fn bench_paths_with_sources(
    g: &CaseGraph,
    conn: &rusqlite::Connection,
    people: &[String],
) -> Res<Value> {
    let q = PathQuery::default();
    let mut ms = Vec::new();
    for pair in people.windows(2).take(100) {
        let (r, t) = timed(|| g.shortest_paths(conn, &pair[0], &pair[1], &q));
        r?;
        ms.push(t);
    }
    Ok(json!({ "latency": summary(ms) }))
}

/// Traces from graph positions as transfer numbers (what the networkx side computes
/// from its node numbers), then the same by id with readable steps.
fn bench_trace(g: &CaseGraph, conn: &rusqlite::Connection, accounts: &[String]) -> Res<Value> {
    let q = TraceQuery {
        hops: 3,
        direction: FlowDirection::Both,
        with_sources: false,
        ..Default::default()
    };
    let (starts, lookup) = positions(g, accounts)?;
    let (mut ms, mut described_ms, mut found) = (Vec::new(), Vec::new(), Vec::new());
    let mut traces = Vec::new();
    for &s in &starts {
        let (r, t) = timed(|| g.trace_paths_at(s, &q));
        ms.push(t);
        traces.push(r);
    }
    for (a, r) in accounts.iter().zip(&traces) {
        let (full, t) = timed(|| g.trace_money(conn, a, &q));
        let full = full?;
        described_ms.push(t);
        assert_eq!(
            (full.forward.len(), full.backward.len()),
            (r.forward.len(), r.backward.len())
        );
        found.push(json!({ "start": a, "forward": r.forward.len(), "backward": r.backward.len(), "truncated": r.truncated }));
    }
    let window = q.window.map(|w| w.num_seconds());
    Ok(
        json!({ "latency": summary(ms), "described": summary(described_ms), "lookup": lookup, "hops": q.hops, "window_s": window, "limit": q.limit, "min_amount": q.min_amount, "results": found }),
    )
}

fn print_rust(r: &Value) {
    for (name, key, figure) in [
        ("person id lookup", "neighbors", "lookup"),
        ("neighbours (2 hops)", "neighbors", "latency"),
        ("  … described", "neighbors", "described"),
        ("shortest paths", "paths", "latency"),
        ("  … with sources", "paths_with_sources", "latency"),
        ("account id lookup", "trace", "lookup"),
        ("money trace (3 hops)", "trace", "latency"),
        ("  … described", "trace", "described"),
    ] {
        let l = &r[key][figure];
        println!(
            "{name:<22} median {:>9.4} ms   p99 {:>9.4} ms   ({} runs)",
            l["median_ms"].as_f64().unwrap_or(0.0),
            l["p99_ms"].as_f64().unwrap_or(0.0),
            l["runs"]
        );
    }
}

/// The memory the loaded graph takes, measured in a fresh process (this one has the
/// rebuild's freed memory around, which the graph would reuse): resident memory after
/// loading minus before.
fn graph_memory(case: &Path) -> Res<f64> {
    let out = Command::new(std::env::current_exe()?)
        .arg("--load-only")
        .arg(case)
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(text.trim().parse().unwrap_or(0.0))
}

/// Child mode: open the case, load the graph, print the resident memory it added (MB).
fn load_only() -> Res<()> {
    let path = PathBuf::from(std::env::args().nth(2).ok_or("--load-only CASE")?);
    let conn = mingjing_engine::open_case(&path, &passphrase())?;
    let before = memory("VmRSS");
    let graph = CaseGraph::load(&conn, &mut mingjing_engine::NoProgress, &CancelFlag::new())?;
    println!("{:.1}", memory("VmRSS") - before);
    drop(graph);
    Ok(())
}

/// Kilobytes of a `/proc/self/status` field, in MB (0 where there is no /proc).
fn memory(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap_or("");
    let kb: f64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn compare_with_networkx(out: &Path) -> Res<()> {
    let python = std::env::var("MINGJING_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    if python == "none" {
        return Ok(());
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bench/graph_networkx.py");
    let status = Command::new(&python).arg(script).arg(out).status()?;
    if !status.success() {
        return Err(format!("{python} graph_networkx.py failed: {status}").into());
    }
    Ok(())
}
