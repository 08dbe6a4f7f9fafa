//! The `otklik` binary: parses arguments, runs the library, prints, and exits with the
//! code of DESIGN.md (0 ok, 1 check or build failed, 2 usage or configuration).

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = otklik::cli::Cli::parse();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let outcome = otklik::cli::run(&cli);
    // A closed pipe (`otklik check | head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    ExitCode::from(outcome.code)
}
