//! The register after every check: what `check` reports and what `build` renders.
//!
//! [`assemble`] runs the stages in their order: load → history → deadlines → rules.
//! History comes right after load because it needs the staff list to name authors and
//! later stages may use the timelines; deadlines come before rules because some rules ask
//! whether an item is late.

use crate::calendar::WorkingCalendar;
use crate::deadline::{self, Deadline};
use crate::diagnostic::{self, Diagnostic};
use crate::history::{self, History};
use crate::load::{self, LoadError, Repository};
use crate::rules;
use crate::workflow;
use chrono::NaiveDate;

/// A repository after every check: what the build renders.
pub struct Register {
    /// What was read from disk.
    pub repo: Repository,
    /// What git says about each appeal: timelines of changes with their authors.
    pub history: History,
    /// Deadline figures, at the same index as `repo.appeals`.
    pub deadlines: Vec<Deadline>,
    /// Everything the checks found, sorted by file and place.
    pub diagnostics: Vec<Diagnostic>,
    /// The day the deadline states were computed for.
    pub today: NaiveDate,
}

/// Loads the repository at `root`, reads its git history, and runs every check as of
/// `today` (or today in the municipality's zone).
///
/// Fails only when `otklik.yaml` is missing or has errors.
pub fn assemble(root: &std::path::Path, today: Option<NaiveDate>) -> Result<Register, LoadError> {
    let repo = load::load(root)?;
    let today =
        today.unwrap_or_else(|| chrono::Utc::now().with_timezone(&repo.config.zone).date_naive());
    let history = history::read(&repo.root, &repo.config);
    Ok(check(repo, history, today))
}

/// Runs every check on a repository already read — possibly changed in memory since, as
/// the edit commands do to test a change before writing it — with its history, as of
/// `today`.
pub fn check(mut repo: Repository, history: History, today: NaiveDate) -> Register {
    let mut diagnostics = std::mem::take(&mut repo.diagnostics);
    diagnostics.extend(workflow::check_history(&history, &repo));
    let calendar = WorkingCalendar::for_config(&repo.config);
    let rules = &repo.config.deadlines;
    let mut deadlines = Vec::with_capacity(repo.appeals.len());
    for (d, found) in deadline::compute_all(&repo.appeals, rules, &calendar, today) {
        deadlines.push(d);
        diagnostics.extend(found);
    }
    diagnostics.extend(rules::check(&repo, today));
    diagnostic::sort(&mut diagnostics);
    Register { repo, history, deadlines, diagnostics, today }
}
