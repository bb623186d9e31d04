use super::*;
use crate::files;
use std::collections::BTreeMap;

fn run(dir: &Path) -> BTreeMap<String, (u64, Vec<u8>)> {
    write(dir, 3_000, 5_000)
        .expect("large case at a small scale")
        .into_iter()
        .map(|(path, rows)| {
            let name = path
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            (name, (rows, std::fs::read(&path).expect("read back")))
        })
        .collect()
}

#[test]
fn every_kind_is_written_deterministically() {
    let (a, b) = (
        tempfile::tempdir().expect("tempdir"),
        tempfile::tempdir().expect("tempdir"),
    );
    let (fa, fb) = (run(a.path()), run(b.path()));
    for name in [
        "银行流水_平台导出.xlsx",
        "银行流水_平台导出.csv",
        files::OFFICIALS,
        files::HOUSEHOLDS,
        files::COMPANIES,
        files::COMPANY_PEOPLE,
        files::CONTRACTS,
        files::BIDS,
        files::BENEFITS,
        files::DEATHS,
        files::MEDICAL,
        files::SALARIES,
        files::INVOICES,
        payroll::DEBTORS,
        "planted.tsv",
    ] {
        let (rows, _) = fa.get(name).unwrap_or_else(|| panic!("{name} not written"));
        assert!(*rows > 0, "{name} is empty");
    }
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (name, (rows, bytes)) in &fa {
        assert_eq!(fb[name].0, *rows, "{name} row count differs between runs");
        assert!(fb[name].1 == *bytes, "{name} differs between runs");
    }
}

#[test]
fn sizes_follow_the_population_and_every_model_has_plants() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = run(dir.path());
    let rows = |name: &str| f[name].0;
    assert_eq!(rows(files::OFFICIALS), 250);
    assert_eq!(rows(files::SALARIES), 250 * 12 + 3);
    assert!(rows(files::BENEFITS) >= 7_500, "{}", rows(files::BENEFITS));
    assert!(rows(files::MEDICAL) >= 5_000, "{}", rows(files::MEDICAL));
    assert!(rows(files::INVOICES) >= 4_500, "{}", rows(files::INVOICES));
    let planted = String::from_utf8(f["planted.tsv"].1.clone()).expect("utf-8");
    for model in [
        "benefit-deceased",
        "benefit-proxy",
        "benefit-official",
        "benefit-official-child",
        "benefit-exclusive",
        "duplicate-salary",
        "medical-frequency",
        "list-match",
        "bid-collusion",
        "sequential-invoices",
        "split-procurement",
    ] {
        assert!(
            planted
                .lines()
                .any(|l| l.starts_with(&format!("{model}\t"))),
            "no plant for {model}"
        );
    }
}

#[test]
fn planted_people_are_in_the_household_registry() {
    let w = world::world(5_000);
    let ids: std::collections::HashSet<&str> = w.people.iter().map(|p| p.id.as_str()).collect();
    for st in &w.staff {
        assert!(ids.contains(w.people[st.person].id.as_str()));
    }
    assert_eq!(w.staff.len(), 250);
    assert!(w.staff.iter().any(|s| s.category == "村干部"));
    assert!(w.staff.iter().any(|s| s.category == "事业编制"));
}

#[test]
fn credit_codes_are_unique_and_valid() {
    let w = world::world(100_000);
    let codes: std::collections::HashSet<&str> = w
        .companies
        .iter()
        .map(|(_, c)| c.as_str())
        .chain(w.unit_codes.iter().map(String::as_str))
        .collect();
    assert_eq!(codes.len(), w.companies.len() + w.unit_codes.len());
    assert!(codes.iter().all(|c| crate::ids::uscc_valid(c)));
}
