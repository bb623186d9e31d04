//! `mingjing`: the headless command line on the Mingjing engine. It parses arguments,
//! calls the engine and prints; exit codes are chosen here only: 0 success, 1 a user
//! error (one clear line, Chinese then English), 2 a usage error.

mod args;
mod commands;
mod passphrase;
mod progress;

use std::process::ExitCode;

use clap::Parser;

use args::{AuditCommand, CaseCommand, Cli, Command, FileCommand};

fn main() -> ExitCode {
    // A bug must not dump a backtrace on an investigator: one line, then exit 1.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("内部错误,请报告 / internal error, please report it{place}");
    }));
    let cli = Cli::parse();
    match std::panic::catch_unwind(|| run(&cli)) {
        Ok(Ok(true)) => ExitCode::SUCCESS,
        Ok(Ok(false)) => ExitCode::from(1),
        Ok(Err(err)) => {
            eprintln!("{}", one_line(&err));
            ExitCode::from(1)
        }
        Err(_) => ExitCode::from(1),
    }
}

/// Runs the command; `Ok(false)` when it finished but something in it failed.
fn run(cli: &Cli) -> anyhow::Result<bool> {
    match &cli.command {
        Command::Case(CaseCommand::Create(arg)) => commands::case::create(arg)?,
        Command::Case(CaseCommand::Info { case, format }) => commands::case::info(case, *format)?,
        Command::Import(args) => return commands::import::run(args),
        Command::Resolve(arg) => commands::import::resolve(arg)?,
        Command::Rejects(args) => commands::rejects::run(args)?,
        Command::File(FileCommand::Export { case, sha256, out }) => {
            commands::file::export(case, sha256, out)?
        }
        Command::Audit(AuditCommand::Verify(arg)) => commands::audit::verify(arg)?,
        Command::Graph(command) => commands::graph::run(command)?,
        Command::Models(command) => commands::models::run(command)?,
        Command::Alerts(command) => commands::alerts::run(command)?,
        Command::Account { case, account } => commands::analysis::account(case, account)?,
        Command::Compare {
            case,
            left,
            right,
            key,
            mode,
        } => commands::analysis::compare(case, left, right, key, *mode)?,
    }
    Ok(true)
}

/// The error and its causes on one line, outermost first.
fn one_line(err: &anyhow::Error) -> String {
    err.chain()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join(": ")
}
