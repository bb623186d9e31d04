//! `mingjing-sample`: writes the fictional sample case (`small`) or the large benchmark
//! case (`large`). A developer tool; it is not part of the product and reads no input.

mod background;
mod bank;
mod case;
mod files;
mod ids;
mod json;
mod large;
mod messy;
mod people;
mod plants;
mod plants_money;
mod plants_procurement;
mod records;
mod report;
mod rng;
mod small;
mod units;
mod writers;

use anyhow::{bail, Context, Result};
use std::path::PathBuf;
use std::time::Instant;

const USAGE: &str = "usage:
  mingjing-sample small --out DIR          (README.md and expected.json go next to DIR)
  mingjing-sample large --out DIR [--transactions N] [--people N]";

struct Args {
    command: String,
    out: PathBuf,
    transactions: u64,
    people: u64,
}

fn parse(mut raw: impl Iterator<Item = String>) -> Result<Args> {
    let command = raw.next().context(USAGE)?;
    let mut args = Args {
        command,
        out: PathBuf::new(),
        transactions: 1_000_000,
        people: 100_000,
    };
    while let Some(flag) = raw.next() {
        let value = raw
            .next()
            .with_context(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--out" => args.out = PathBuf::from(value),
            "--transactions" => args.transactions = value.parse().context("--transactions")?,
            "--people" => args.people = value.parse().context("--people")?,
            _ => bail!("unknown option {flag}\n{USAGE}"),
        }
    }
    if args.out.as_os_str().is_empty() {
        bail!("--out is required\n{USAGE}");
    }
    Ok(args)
}

fn main() -> Result<()> {
    let args = parse(std::env::args().skip(1))?;
    let started = Instant::now();
    match args.command.as_str() {
        "small" => {
            let docs = args
                .out
                .parent()
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("."));
            let case = small::write(&args.out, &docs)?;
            for f in &case.files {
                let rows: usize = f.sheets.iter().map(|s| s.rows.len()).sum();
                println!("{:>6} rows  {}", rows, args.out.join(f.name).display());
            }
            println!(
                "wrote {} and {}",
                docs.join("README.md").display(),
                docs.join("expected.json").display()
            );
        }
        "large" => {
            for (path, rows) in large::write(&args.out, args.transactions, args.people)? {
                println!("{rows:>9} rows  {}", path.display());
            }
        }
        _ => bail!("unknown command {}\n{USAGE}", args.command),
    }
    println!("done in {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}
