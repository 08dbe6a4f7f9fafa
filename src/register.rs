//! The register after every check: what `check` reports and what `build` renders.
//!
//! [`assemble`] runs the stages in their order: load → history → deadlines → rules.
//! History comes right after load because it needs the staff list to name authors and
//! later stages may use the timelines; deadlines come before rules because some rules ask
//! whether an item is late.

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

/// Loads the repository at `root` and runs every check as of `today` (or today in the
/// municipality's zone).
///
/// Fails only when `otklik.yaml` is missing or has errors.
pub fn assemble(root: &std::path::Path, today: Option<NaiveDate>) -> Result<Register, LoadError> {
    let mut repo = load::load(root)?;
    let today =
        today.unwrap_or_else(|| chrono::Utc::now().with_timezone(&repo.config.zone).date_naive());
    let mut diagnostics = std::mem::take(&mut repo.diagnostics);
    let history = history::read(&repo.root, &repo.config);
    diagnostics.extend(workflow::check_history(&history, &repo));
    let deadlines = deadline::compute_all(&repo, today, &mut diagnostics);
    diagnostics.extend(rules::check(&repo, today));
    diagnostic::sort(&mut diagnostics);
    Ok(Register { repo, history, deadlines, diagnostics, today })
}
