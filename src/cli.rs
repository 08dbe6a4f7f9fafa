//! The command line: arguments (clap derive) and what each subcommand does.
//!
//! Each function here returns the text to print and an exit status; `main` prints and
//! exits. Exit codes: 0 success, 1 check or build failed, 2 bad usage or configuration.

use crate::appeal::{Channel, Kind, Outcome as ItemResult, Status};
use crate::change;
use crate::diagnostic::{Severity, Tally};
use crate::fields::Choice;
use crate::load::LoadError;
use crate::messages::Lang;
use crate::register::{self, Register};
use crate::report::{self, TextStyle};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// otklik — обращения граждан как файлы в git: проверка сроков и сайт.
///
/// Exit codes: 0 — success; 1 — check found errors (or warnings with --strict), the
/// build failed, or import skipped rows; 2 — bad usage or unreadable configuration.
#[derive(Debug, Parser)]
#[command(name = "otklik", version, about, long_about)]
pub struct Cli {
    /// Repository root (the folder with otklik.yaml).
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    /// Language of the messages printed here: ru or en (default: site.language of
    /// otklik.yaml, which alone sets the language of the site that build writes).
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
    /// GitLab Code Quality report (JSON), shown in merge requests.
    Gitlab,
    /// GitHub Actions workflow commands, shown as annotations.
    Github,
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
    /// Import a tabular export (CSV or .xlsx): one appeal file per row; never overwrites.
    Import(ImportArgs),
    /// Write the head's printable report of a period into site/internal/reports/.
    ///
    /// A period without a single item is still written, with a warning on standard error
    /// (exit 0), so that a quiet month has its report too. A period that begins after
    /// --today is refused (exit 2): it cannot hold data yet, and it is almost always a
    /// mistyped year; a report of it would show only zeros dated before the period.
    Report(ReportArgs),
    /// Register a new item under the next free number of the year, and commit it.
    New(NewArgs),
    /// Name the assignee of an item (a new item becomes assigned), and commit.
    Assign(AssignArgs),
    /// Move an item along the workflow, and commit; an illegal step is refused.
    Status(StatusArgs),
    /// Extend an appeal's deadline once (head or curator only), and commit.
    Extend(ExtendArgs),
    /// Record the answer to an item (date, result, summary), and commit.
    Answer(AnswerArgs),
    /// Create a new municipality repository in an empty folder.
    Init(InitArgs),
}

/// Options every edit command shares.
#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// Only stage the change (git add); do not commit.
    #[arg(long)]
    pub no_commit: bool,
    /// Record this moment instead of the clock (RFC 3339); for scripts and tests.
    #[arg(long, hide = true, value_parser = parse_now)]
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// Arguments of `new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// Sector id (a file in sectors/).
    #[arg(long)]
    pub sector: String,
    /// Classifier code of the topic, e.g. 0003.0009.0099.0742.
    #[arg(long)]
    pub topic: String,
    /// Settlement (one of municipality.settlements).
    #[arg(long)]
    pub locality: String,
    /// Summary for the public site (no personal data).
    #[arg(long)]
    pub summary: String,
    /// appeal, message or incident.
    #[arg(long, default_value = "appeal", value_parser = parse_choice::<Kind>)]
    pub kind: Kind,
    /// How it arrived (default: letter for appeals, pos for messages, incident_management
    /// for incidents).
    #[arg(long, value_parser = parse_choice::<Channel>)]
    pub channel: Option<Channel>,
    /// When it arrived: a date or a date-time (default: now).
    #[arg(long)]
    pub received: Option<String>,
    /// Number in the source system.
    #[arg(long)]
    pub external_id: Option<String>,
    /// Incidents: the urgent first-response term applies.
    #[arg(long)]
    pub urgent: bool,
    /// Applicant's name (private).
    #[arg(long)]
    pub applicant_name: Option<String>,
    /// Applicant's phone, e-mail or account (private).
    #[arg(long)]
    pub applicant_contact: Option<String>,
    /// Applicant's postal address (private).
    #[arg(long)]
    pub applicant_address: Option<String>,
    /// The appeal's text (private), written after the fields.
    #[arg(long)]
    pub text: Option<String>,
    /// Shared edit options.
    #[command(flatten)]
    pub edit: EditArgs,
}

/// Arguments of `assign`.
#[derive(Debug, clap::Args)]
pub struct AssignArgs {
    /// Item id, e.g. 2026-0042.
    pub id: String,
    /// Staff id of the assignee.
    pub staff: String,
    /// Shared edit options.
    #[command(flatten)]
    pub edit: EditArgs,
}

/// Arguments of `status`.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Item id, e.g. 2026-0042.
    pub id: String,
    /// New status: assigned, in_progress, answered, closed, forwarded, left_unanswered.
    #[arg(value_parser = parse_choice::<Status>)]
    pub status: Status,
    /// Result, for answered or closed.
    #[arg(long, value_parser = parse_choice::<ItemResult>)]
    pub result: Option<ItemResult>,
    /// The body forwarded to, the 59-FZ art. 11 ground, or why the item goes back to work.
    #[arg(long)]
    pub reason: Option<String>,
    /// On a return to in_progress: returned (answer sent back for rework) or reopened
    /// (the citizen disputed it). Default: returned from answered, reopened from closed.
    #[arg(long, value_enum)]
    pub back: Option<BackArg>,
    /// Shared edit options.
    #[command(flatten)]
    pub edit: EditArgs,
}

/// Which loop a return to in_progress records.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum BackArg {
    /// The answer was sent back for rework; the deadline stays.
    Returned,
    /// The citizen disputed the answer; a new term starts.
    Reopened,
}

/// Arguments of `extend`.
#[derive(Debug, clap::Args)]
pub struct ExtendArgs {
    /// Item id, e.g. 2026-0042.
    pub id: String,
    /// The new last day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_today)]
    pub until: chrono::NaiveDate,
    /// Why the term is extended.
    #[arg(long)]
    pub reason: String,
    /// Staff id of the person extending, with --no-commit (default: the staff member whose
    /// e-mail is git's user.email). A commit is judged by its author whatever this says.
    #[arg(long = "as")]
    pub acting: Option<String>,
    /// Shared edit options.
    #[command(flatten)]
    pub edit: EditArgs,
}

/// Arguments of `answer`.
#[derive(Debug, clap::Args)]
pub struct AnswerArgs {
    /// Item id, e.g. 2026-0042.
    pub id: String,
    /// Result: supported, measures_taken, explained, not_supported, answered.
    #[arg(long, value_parser = parse_choice::<ItemResult>)]
    pub result: ItemResult,
    /// Summary of the answer for the public site.
    #[arg(long)]
    pub summary: String,
    /// When the answer was sent (YYYY-MM-DD; default today).
    #[arg(long, value_parser = parse_today)]
    pub date: Option<chrono::NaiveDate>,
    /// Shared edit options.
    #[command(flatten)]
    pub edit: EditArgs,
}

/// Arguments of `init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to create (it must not exist or be empty).
    pub dir: PathBuf,
    /// Do not make the folder a git repository.
    #[arg(long)]
    pub no_git: bool,
}

/// Arguments of `report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The period: a year (2026), a quarter (2026-Q1) or a month (2026-03); not one that
    /// begins after --today.
    #[arg(long)]
    pub period: String,
    /// The day the figures are computed for (YYYY-MM-DD).
    #[arg(long, value_parser = parse_today)]
    pub today: Option<chrono::NaiveDate>,
    /// The site folder (default: site/ under the repository root).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The export to read (.csv or .xlsx); omit with --scratch alone.
    pub file: Option<PathBuf>,
    /// A built-in column mapping: pos, kursk, boston311 (repeat with --scratch).
    #[arg(long)]
    pub preset: Vec<String>,
    /// A mapping file of your own (YAML) instead of a preset.
    #[arg(long, conflicts_with = "preset")]
    pub mapping: Option<PathBuf>,
    /// First create a scratch repository at --root that accepts the presets' values.
    #[arg(long)]
    pub scratch: bool,
    /// Import only the first N data rows.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Report what would be written, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The import day, for exports without dates (YYYY-MM-DD).
    #[arg(long, value_parser = parse_today)]
    pub today: Option<chrono::NaiveDate>,
    /// Sector for rows whose topic no sector handles.
    #[arg(long)]
    pub default_sector: Option<String>,
    /// Topic for rows the mapping cannot classify.
    #[arg(long)]
    pub default_topic: Option<String>,
    /// Settlement for rows without a known one.
    #[arg(long)]
    pub default_locality: Option<String>,
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

fn parse_now(text: &str) -> Result<chrono::DateTime<chrono::FixedOffset>, String> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map_err(|_| format!("«{text}»: ожидается RFC 3339 / expected RFC 3339"))
}

fn parse_choice<C: Choice>(text: &str) -> Result<C, String> {
    C::from_name(text).ok_or_else(|| format!("«{text}»: {}", C::names().join(", ")))
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
        Command::Import(args) => import(cli, args),
        Command::Report(args) => head_report(cli, args),
        Command::New(args) => {
            edited(cli, change::new_item(&edit_options(cli, &args.edit), &new_request(args)))
        }
        Command::Assign(args) => {
            edited(cli, change::assign(&edit_options(cli, &args.edit), &args.id, &args.staff))
        }
        Command::Status(args) => {
            let request = change::StatusRequest {
                result: args.result,
                reason: args.reason.clone(),
                back: args.back.map(|b| match b {
                    BackArg::Returned => change::Back::Returned,
                    BackArg::Reopened => change::Back::Reopened,
                }),
            };
            let options = edit_options(cli, &args.edit);
            edited(cli, change::status(&options, &args.id, args.status, &request))
        }
        Command::Extend(args) => {
            let request = change::ExtendRequest {
                until: args.until,
                reason: args.reason.clone(),
                acting: args.acting.clone(),
            };
            edited(cli, change::extend(&edit_options(cli, &args.edit), &args.id, &request))
        }
        Command::Answer(args) => {
            let request = change::AnswerRequest {
                result: args.result,
                summary: args.summary.clone(),
                date: args.date,
            };
            edited(cli, change::answer(&edit_options(cli, &args.edit), &args.id, &request))
        }
        Command::Init(args) => init(cli, args),
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

/// For the CI formats, the problems of an unreadable `otklik.yaml` as a report CI can
/// read; the other formats leave them to standard error alone.
fn config_report(cli: &Cli, format: Format, today: Option<chrono::NaiveDate>) -> String {
    if format == Format::Text {
        return String::new();
    }
    let lang = lang(cli, None);
    let problems = match register::assemble(&cli.root, None) {
        Err(LoadError::BadConfig(ds)) => ds,
        _ => vec![crate::diagnostic::Diagnostic::error(
            "no-config",
            crate::config::FILE,
            None,
            crate::messages::no_config(),
        )],
    };
    match format {
        Format::Gitlab => report::gitlab_issues(&problems, lang) + "\n",
        Format::Github => report::github_commands(&problems, lang),
        Format::Json | Format::Text => {
            let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
            report::json_problems(today, &problems, lang) + "\n"
        }
    }
}

fn failed(tally: Tally, strict: bool) -> bool {
    tally.errors > 0 || (strict && tally.warnings > 0)
}

fn check(cli: &Cli, args: &CheckArgs) -> Outcome {
    let mut register = match assemble(cli, args.today) {
        Ok(r) => r,
        Err(mut o) => {
            o.stdout = config_report(cli, args.format, args.today);
            return o;
        }
    };
    let lang = lang(cli, Some(&register));
    let tally = Tally::of(&register.diagnostics);
    let code = u8::from(failed(tally, args.strict));
    let stdout = match args.format {
        Format::Json => report::json(&register, lang) + "\n",
        Format::Gitlab => report::gitlab(&register, lang) + "\n",
        Format::Github => report::github(&register, lang),
        Format::Text => {
            if cli.quiet {
                register.diagnostics.retain(|d| d.severity == Severity::Error);
            }
            if cli.quiet {
                // Quiet: the errors, one line each, and the true count of everything.
                let errors = register.diagnostics.iter().map(|d| d.one_line(lang) + "\n");
                let summary = report::summary(register.repo.appeals.len(), tally, lang);
                errors.collect::<String>() + &summary + "\n"
            } else {
                report::text(&register, TextStyle { lang, color: color(cli) })
            }
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
    let theme = crate::render::theme_dir(&register.repo);
    let started = std::time::Instant::now();
    match crate::render::build(&register, &out, theme.as_deref()) {
        Ok(report) => {
            let mut stdout = String::new();
            if !cli.quiet {
                let warnings =
                    register.diagnostics.iter().filter(|d| d.severity == Severity::Warning);
                for d in warnings {
                    stdout.push_str(&d.one_line(lang));
                    stdout.push('\n');
                }
            }
            stdout.push_str(&report::summary(register.repo.appeals.len(), tally, lang));
            stdout.push('\n');
            let ms = started.elapsed().as_millis();
            stdout.push_str(&match lang {
                Lang::Ru => format!(
                    "Сайт собран в {}: страниц публичных {}, внутренних {} за {ms} мс\n",
                    out.display(),
                    report.public_pages,
                    report.internal_pages
                ),
                Lang::En => format!(
                    "Built {}: {} public and {} internal pages in {ms} ms\n",
                    out.display(),
                    report.public_pages,
                    report.internal_pages
                ),
            });
            let mut stderr = String::new();
            if let Some(left) = report.leftover {
                stderr = match lang {
                    Lang::Ru => format!(
                        "{}: прежний сайт не удалось удалить; удалите его вручную\n",
                        left.display()
                    ),
                    Lang::En => format!(
                        "{}: the previous site could not be removed; delete it by hand\n",
                        left.display()
                    ),
                };
            }
            Outcome { stdout, stderr, code: 0 }
        }
        Err(e) => {
            let why = e.message();
            let why = why.get(lang);
            // Say "untouched" only of a site that was there to touch.
            let stderr = match (lang, out.exists()) {
                (Lang::Ru, true) => format!("Сайт не собран, {} не тронут: {why}\n", out.display()),
                (Lang::Ru, false) => format!("Сайт не собран, ничего не записано: {why}\n"),
                (Lang::En, true) => {
                    format!("The site was not built; {} is untouched: {why}\n", out.display())
                }
                (Lang::En, false) => {
                    format!("The site was not built; nothing was written: {why}\n")
                }
            };
            Outcome { stderr, code: 1, ..Outcome::default() }
        }
    }
}

fn head_report(cli: &Cli, args: &ReportArgs) -> Outcome {
    let register = match assemble(cli, args.today) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let lang = lang(cli, Some(&register));
    let period = match crate::analytics::Period::parse(&args.period) {
        Ok(p) => p,
        Err(e) => {
            let stderr = format!("{}\n", e.message().get(lang));
            return Outcome { stderr, code: 2, ..Outcome::default() };
        }
    };
    if period.first_day() > register.today {
        let m = crate::messages::analytics::period_not_begun(&period.label(), register.today);
        return Outcome { stderr: format!("{}\n", m.get(lang)), code: 2, ..Outcome::default() };
    }
    let mut stderr = String::new();
    if !register.repo.appeals.iter().any(|a| period.holds(a)) {
        let m = crate::messages::analytics::empty_period(&period.label());
        stderr = format!("{}\n", m.get(lang));
    }
    let out = args.out.clone().unwrap_or_else(|| cli.root.join("site"));
    let theme = crate::render::theme_dir(&register.repo);
    match crate::render::write_head_report(&register, &out, theme.as_deref(), &period) {
        Ok(path) => Outcome { stdout: format!("{}\n", path.display()), stderr, code: 0 },
        Err(e) => {
            let stderr = format!("{stderr}{}\n", e.message().get(lang));
            Outcome { stderr, code: 1, ..Outcome::default() }
        }
    }
}

fn import(cli: &Cli, args: &ImportArgs) -> Outcome {
    let lang = lang(cli, None);
    let fail = |m: crate::messages::Message| Outcome {
        stderr: format!("{}\n", m.get(lang)),
        code: 2,
        ..Outcome::default()
    };
    let mappings = match import_mappings(args) {
        Ok(m) => m,
        Err(e) => return fail(e.message()),
    };
    let mut stdout = String::new();
    if args.scratch {
        let refs: Vec<&crate::import::Mapping> = mappings.iter().collect();
        match crate::import::scaffold(&cli.root, &refs, chrono_tz::Asia::Barnaul) {
            Ok(files) => {
                let done =
                    crate::messages::scaffold_done(&cli.root.display().to_string(), files.len());
                stdout.push_str(&format!("{}\n", done.get(lang)));
            }
            Err(e) => return fail(e.message()),
        }
    }
    let Some(file) = &args.file else { return Outcome { stdout, ..Outcome::default() } };
    let [mapping] = mappings.as_slice() else {
        return fail(crate::messages::one_mapping_per_file());
    };
    let options = crate::import::ImportOptions {
        dry_run: args.dry_run,
        limit: args.limit,
        today: args.today,
        default_sector: args.default_sector.clone(),
        default_topic: args.default_topic.clone(),
        default_locality: args.default_locality.clone(),
        ..Default::default()
    };
    match crate::import::import(&cli.root, file, mapping, &options) {
        Ok(report) => {
            let mut stderr = String::new();
            for note in report.skipped.iter().chain(&report.notes) {
                stderr.push_str(&format!(
                    "{}:{}: {}\n",
                    file.display(),
                    note.row,
                    note.message.get(lang)
                ));
            }
            if !cli.quiet {
                for w in &report.written {
                    stdout.push_str(&format!("{} ← {}:{}\n", w.file, file.display(), w.row));
                }
            }
            stdout.push_str(report.summary().get(lang));
            stdout.push('\n');
            // A row already imported is the expected outcome of importing the same export
            // again; any other skipped row is data that did not arrive, and a script must see it.
            let lost = report.skipped.iter().any(|n| n.code != "duplicate");
            Outcome { stdout, stderr, code: u8::from(lost) }
        }
        Err(e) => fail(e.message()),
    }
}

fn import_mappings(
    args: &ImportArgs,
) -> Result<Vec<crate::import::Mapping>, crate::import::ImportError> {
    match &args.mapping {
        Some(path) => Ok(vec![crate::import::Mapping::from_file(path)?]),
        None => args.preset.iter().map(|p| crate::import::Mapping::preset(p)).collect(),
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
    if let Err(m) = filter.check(&register.repo) {
        return Outcome { stderr: format!("{}\n", m.get(lang)), code: 2, ..Outcome::default() };
    }
    let queue = crate::queue::urgent(&register, &filter);
    Outcome { stdout: crate::queue::table(&queue, lang), code: 0, ..Outcome::default() }
}

fn edit_options(cli: &Cli, args: &EditArgs) -> change::Options {
    change::Options { root: cli.root.clone(), now: args.now, commit: !args.no_commit }
}

fn new_request(args: &NewArgs) -> change::NewRequest {
    change::NewRequest {
        kind: args.kind,
        channel: args.channel,
        received: args.received.clone(),
        external_id: args.external_id.clone(),
        topic: args.topic.clone(),
        sector: args.sector.clone(),
        locality: args.locality.clone(),
        summary: args.summary.clone(),
        urgent: args.urgent,
        applicant_name: args.applicant_name.clone(),
        applicant_contact: args.applicant_contact.clone(),
        applicant_address: args.applicant_address.clone(),
        text: args.text.clone(),
    }
}

/// The language for an edit command's output: `--lang`, else `site.language`.
fn config_lang(cli: &Cli) -> Lang {
    if cli.lang.is_some() {
        return lang(cli, None);
    }
    let text = std::fs::read(cli.root.join(crate::config::FILE)).unwrap_or_default();
    crate::front_matter::normalise(&text)
        .and_then(|t| crate::config::read(&t).ok())
        .map_or(Lang::Ru, |(c, _)| c.lang)
}

/// Prints what an edit command did, or why it did nothing. Exit 2 for a missing item or
/// configuration (usage), 1 for a refused change.
fn edited(cli: &Cli, result: Result<change::Done, change::ChangeError>) -> Outcome {
    let lang = config_lang(cli);
    match result {
        Ok(done) => {
            let line = match &done.commit {
                Some(id) => crate::messages::committed(&done.summary, &id[..id.len().min(10)]),
                None => crate::messages::staged(&done.summary),
            };
            let stderr = done.warnings.iter().map(|d| d.one_line(lang) + "\n").collect();
            Outcome { stdout: format!("{}\n", line.get(lang)), stderr, code: 0 }
        }
        Err(e) => {
            let mut stderr = format!("{}\n", e.message().get(lang));
            for d in e.diagnostics() {
                stderr.push_str(&format!("  {}\n", d.one_line(lang)));
            }
            let usage =
                matches!(e, change::ChangeError::Load(_) | change::ChangeError::UnknownItem { .. });
            Outcome { stderr, code: if usage { 2 } else { 1 }, ..Outcome::default() }
        }
    }
}

fn init(cli: &Cli, args: &InitArgs) -> Outcome {
    let lang = lang(cli, None);
    let options = crate::init::Options { git: !args.no_git, now: None, identity: None };
    match crate::init::init(&args.dir, &options) {
        Ok(done) => {
            let dir = args.dir.display().to_string();
            let m = crate::messages::init_done(&dir, done.files.len(), done.commit.is_some());
            Outcome { stdout: format!("{}\n", m.get(lang)), ..Outcome::default() }
        }
        Err(e) => Outcome {
            stderr: format!("{}\n", e.message().get(lang)),
            code: 2,
            ..Outcome::default()
        },
    }
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
