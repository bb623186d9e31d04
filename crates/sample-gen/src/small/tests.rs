use super::*;
use crate::ids;
use crate::writers::{Cell, RowKind};
use std::collections::BTreeMap;

/// Every file under `dir`, keyed by its path relative to `dir`.
fn read_dir(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read temp dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("under dir")
                    .to_string_lossy()
                    .into_owned();
                files.insert(rel, std::fs::read(&path).expect("read file"));
            }
        }
    }
    files
}

#[test]
fn generation_is_byte_identical() {
    let (a, b) = (
        tempfile::tempdir().expect("tempdir"),
        tempfile::tempdir().expect("tempdir"),
    );
    write(&a.path().join("case"), a.path()).expect("first run");
    write(&b.path().join("case"), b.path()).expect("second run");
    let (fa, fb) = (read_dir(a.path()), read_dir(b.path()));
    assert!(fa.len() >= 17, "{} files", fa.len());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (name, bytes) in &fa {
        assert!(fb[name] == *bytes, "{name} differs between runs");
    }
}

#[test]
fn every_kind_is_covered() {
    let case = build();
    for kind in [
        "officials",
        "households",
        "companies",
        "company_people",
        "contracts",
        "bids",
        "benefits",
        "deaths",
        "medical_claims",
        "salaries",
        "invoices",
        "bank_transactions",
        "list",
    ] {
        assert!(case.files.iter().any(|f| f.kind == kind), "{kind}");
    }
    let rows: usize = case
        .files
        .iter()
        .flat_map(|f| &f.sheets)
        .map(|s| s.rows.len())
        .sum();
    assert!((2_000..8_000).contains(&rows), "{rows} rows");
}

#[test]
fn every_expectation_has_subjects_and_records() {
    let case = build();
    for e in &case.expects {
        assert!(!e.subjects.is_empty(), "{} {}", e.model, e.zh);
        assert!(!e.refs.is_empty(), "{} {}", e.model, e.zh);
    }
    for model in [
        "coi-self-supplier",
        "coi-relative-supplier",
        "benefit-official",
        "benefit-official-child",
        "benefit-exclusive",
        "benefit-deceased",
        "benefit-proxy",
        "duplicate-salary",
        "bid-collusion",
        "supplier-follows-official",
        "price-anomaly",
        "pass-through",
        "structuring",
        "sequential-invoices",
        "kickback-flow",
        "round-in-out",
        "scatter-gather",
        "fund-loop",
        "festival-gifts",
        "split-procurement",
        "supplier-concentration",
        "medical-frequency",
        "list-match",
    ] {
        assert!(
            case.expects.iter().any(|e| e.model == model && e.planted),
            "no plant for {model}"
        );
        assert!(
            case.expects.iter().any(|e| e.model == model && !e.planted),
            "no near-miss for {model}"
        );
    }
}

#[test]
fn identifiers_are_valid() {
    let case = build();
    for c in &case.companies {
        assert!(ids::uscc_valid(&c.uscc), "{}", c.uscc);
        assert!(ids::id_valid(&c.legal.id), "{}", c.legal.id);
    }
    for s in &case.statements {
        if s.is_card {
            assert!(
                ids::luhn_valid(&s.account) && (16..=19).contains(&s.account.len()),
                "{}",
                s.account
            );
        } else {
            assert!((12..=22).contains(&s.account.len()), "{}", s.account);
        }
    }
    for s in &case.staff {
        assert!(ids::id_valid(&s.person.id));
    }
}

/// Contract amounts per (unit, year) → the concentration plant is ≥ 60 %, the near-miss below.
#[test]
fn concentration_shares() {
    let case = build();
    let sheet = &case
        .files
        .iter()
        .find(|f| f.kind == "contracts")
        .expect("contracts")
        .sheets[0];
    let mut per: BTreeMap<(String, String), f64> = BTreeMap::new();
    let mut unit_total: BTreeMap<String, f64> = BTreeMap::new();
    for r in sheet.rows.iter().filter(|r| r.kind == RowKind::Data) {
        let text = |i: usize| match &r.cells[i] {
            Cell::Text(s) => s.clone(),
            _ => String::new(),
        };
        let num = |i: usize| match &r.cells[i] {
            Cell::Num(n) => *n,
            _ => 0.0,
        };
        if !text(0).starts_with("QHCG-2023") {
            continue;
        }
        let amount = num(6) * num(7);
        *per.entry((text(1), text(2))).or_default() += amount;
        *unit_total.entry(text(1)).or_default() += amount;
    }
    let share = |unit: &str, supplier: &str| {
        per[&(unit.to_string(), supplier.to_string())] / unit_total[unit]
    };
    assert!(share(crate::units::WEIJIAN, "青禾县仁和医疗用品有限公司") >= 0.6);
    assert!(share(crate::units::JIAOYU, "青禾县启明教学设备有限公司") < 0.6);
}
