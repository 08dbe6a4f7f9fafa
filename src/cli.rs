//! The command line: arguments (clap derive) and what each subcommand does.
//!
//! Each function here returns the text to print and an exit status; `main` prints and
//! exits. Exit codes: 0 success, 1 check or build failed, 2 bad usage or configuration.

use crate::diagnostic::{Severity, Tally};
use crate::load::LoadError;
use crate::messages::Lang;
use crate::register::{self, Register};
use crate::report::{self, TextStyle};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// otklik — обращения граждан как файлы в git: проверка сроков и сайт.
///
/// Exit codes: 0 — success; 1 — check found errors (or warnings with --strict), or the
/// build failed; 2 — bad usage or unreadable configuration.
#[derive(Debug, Parser)]
#[command(name = "otklik", version, about, long_about)]
pub struct Cli {
    /// Repository root (the folder with otklik.yaml).
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    /// Interface language: ru or en (default: site.language of otklik.yaml).
    #[arg(long, global = true)]
    pub lang: Option<LangArg>,
    /// When to colour terminal output.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Print only errors and the summary line.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The language argument.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// Русский.
    Ru,
    /// English.
    En,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorArg {
    /// Colour when writing to a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Output format of `check`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// Text for people, grouped by file.
    Text,
    /// The JSON of DESIGN.md, for CI and tests.
    Json,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every file: fields, references, roles and deadlines.
    Check(CheckArgs),
    /// Check, then build the public and internal site into site/.
    Build(BuildArgs),
    /// List open items that are overdue or due soon, most urgent first.
    Due(DueArgs),
}

/// Arguments of `due`.
#[derive(Debug, clap::Args)]
pub struct DueArgs {
    /// The day to judge against (YYYY-MM-DD).
    #[arg(long, value_parser = parse_today)]
    pub today: Option<chrono::NaiveDate>,
    /// Only this sector.
    #[arg(long)]
    pub sector: Option<String>,
    /// Only this assignee (staff id).
    #[arg(long)]
    pub assignee: Option<String>,
}

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The day to compute deadline states for (YYYY-MM-DD); default: today in the
    /// municipality's zone.
    #[arg(long, value_parser = parse_today)]
    pub today: Option<chrono::NaiveDate>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Arguments of `build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The day to compute deadline states for (YYYY-MM-DD).
    #[arg(long, value_parser = parse_today)]
    pub today: Option<chrono::NaiveDate>,
    /// Refuse to build when there are warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Output folder (default: site/ under the repository root).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

fn parse_today(text: &str) -> Result<chrono::NaiveDate, String> {
    crate::config::parse_day(text)
        .ok_or_else(|| format!("«{text}»: ожидается дата ГГГГ-ММ-ДД / expected YYYY-MM-DD"))
}

/// What a subcommand produced: text for stdout and stderr, and the exit code.
#[derive(Debug, Default)]
pub struct Outcome {
    /// For standard output.
    pub stdout: String,
    /// For standard error.
    pub stderr: String,
    /// 0, 1 or 2.
    pub code: u8,
}

/// Runs the parsed command line.
pub fn run(cli: &Cli) -> Outcome {
    match &cli.command {
        Command::Check(args) => check(cli, args),
        Command::Build(args) => build(cli, args),
        Command::Due(args) => due(cli, args),
    }
}

fn color(cli: &Cli) -> bool {
    use std::io::IsTerminal;
    match cli.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
    }
}

fn lang(cli: &Cli, register: Option<&Register>) -> Lang {
    match cli.lang {
        Some(LangArg::Ru) => Lang::Ru,
        Some(LangArg::En) => Lang::En,
        None => register.map_or(Lang::Ru, |r| r.repo.config.lang),
    }
}

/// Loads and checks, or explains why the configuration stops everything (exit 2).
fn assemble(cli: &Cli, today: Option<chrono::NaiveDate>) -> Result<Register, Outcome> {
    register::assemble(&cli.root, today).map_err(|e| {
        let lang = lang(cli, None);
        let stderr = match e {
            LoadError::NoConfig { path, detail } => {
                format!(
                    "{}: {} ({detail})\n",
                    path.display(),
                    crate::messages::no_config().get(lang)
                )
            }
            LoadError::BadConfig(ds) => ds.iter().map(|d| d.one_line(lang) + "\n").collect(),
        };
        Outcome { stderr, code: 2, ..Outcome::default() }
    })
}

fn failed(tally: Tally, strict: bool) -> bool {
    tally.errors > 0 || (strict && tally.warnings > 0)
}

fn check(cli: &Cli, args: &CheckArgs) -> Outcome {
    let mut register = match assemble(cli, args.today) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let lang = lang(cli, Some(&register));
    let tally = Tally::of(&register.diagnostics);
    let code = u8::from(failed(tally, args.strict));
    let stdout = match args.format {
        Format::Json => report::json(&register, lang) + "\n",
        Format::Text => {
            if cli.quiet {
                register.diagnostics.retain(|d| d.severity == Severity::Error);
            }
            let mut text = report::text(&register, TextStyle { lang, color: color(cli) });
            if cli.quiet {
                text = text.lines().last().unwrap_or_default().to_string() + "\n";
                let errors = register.diagnostics.iter().map(|d| d.one_line(lang) + "\n");
                text = errors.collect::<String>() + &text;
            }
            text
        }
    };
    Outcome { stdout, code, ..Outcome::default() }
}

fn build(cli: &Cli, args: &BuildArgs) -> Outcome {
    let register = match assemble(cli, args.today) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let lang = lang(cli, Some(&register));
    let tally = Tally::of(&register.diagnostics);
    if failed(tally, args.strict) {
        let mut stderr = report::text(&register, TextStyle { lang, color: false });
        stderr.push_str(match lang {
            Lang::Ru => "Сайт не собран: исправьте ошибки выше; прежний site/ не тронут.\n",
            Lang::En => {
                "The site was not built: fix the errors above; the previous site/ is untouched.\n"
            }
        });
        return Outcome { stderr, code: 1, ..Outcome::default() };
    }
    let out = args.out.clone().unwrap_or_else(|| cli.root.join("site"));
    let _ = out;
    Outcome {
        stdout: report::summary(register.repo.appeals.len(), tally, lang) + "\n",
        code: 0,
        ..Outcome::default()
    }
}

fn due(cli: &Cli, args: &DueArgs) -> Outcome {
    let register = match assemble(cli, args.today) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let lang = lang(cli, Some(&register));
    let filter =
        crate::queue::Filter { sector: args.sector.clone(), assignee: args.assignee.clone() };
    let queue = crate::queue::urgent(&register, &filter);
    Outcome { stdout: crate::queue::table(&queue, lang), code: 0, ..Outcome::default() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
