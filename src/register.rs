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
    /// Findings in history that `workflow.accept` covers: not in `diagnostics`, kept so
    /// that reports can say how many there are.
    pub accepted: Vec<workflow::Accepted>,
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
    let audit = workflow::check_history(&history, &repo);
    diagnostics.extend(audit.diagnostics);
    let calendar = WorkingCalendar::for_config(&repo.config);
    let rules = &repo.config.deadlines;
    let mut deadlines = Vec::with_capacity(repo.appeals.len());
    for (d, found) in deadline::compute_all(&repo.appeals, rules, &calendar, today) {
        deadlines.push(d);
        diagnostics.extend(found);
    }
    diagnostics.extend(rules::check(&repo, today));
    diagnostic::sort(&mut diagnostics);
    Register { repo, history, deadlines, diagnostics, accepted: audit.accepted, today }
}

impl Register {
    /// The deadline facts of every item, at the same index as `repo.appeals`, as the
    /// analytics take them: the one place where deadline states become [`ItemFacts`](crate::analytics::ItemFacts).
    ///
    /// `on_time` comes from `AnsweredOnTime` / `AnsweredLate` (nothing for any other
    /// state), `overdue_now` from `Overdue`, and the answer time is the number of working
    /// days from the day the current term started to the day of the answer, by the
    /// municipality's production calendar.
    pub fn item_facts(&self) -> Vec<crate::analytics::ItemFacts<'_>> {
        use crate::deadline::DeadlineState;
        let calendar = WorkingCalendar::for_config(&self.repo.config);
        self.repo
            .appeals
            .iter()
            .zip(&self.deadlines)
            .map(|(appeal, d)| {
                let on_time = match d.state {
                    DeadlineState::AnsweredOnTime => Some(true),
                    DeadlineState::AnsweredLate => Some(false),
                    _ => None,
                };
                let answer_working_days =
                    appeal.answered.as_ref().filter(|_| on_time.is_some()).map(|answered| {
                        calendar.working_days_between(d.start.day(), answered.day())
                    });
                crate::analytics::ItemFacts {
                    appeal,
                    on_time,
                    overdue_now: d.state == DeadlineState::Overdue,
                    answer_working_days,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::analytics::fixture::{day, item, repository};
    use crate::appeal::Outcome;
    use crate::dates::Moment;

    #[test]
    fn item_facts_take_timeliness_from_the_deadline_state_and_count_working_days() {
        // Registered Friday 2026-03-06, answered Thursday 2026-03-19: Monday 9 March is a
        // day off (2026 calendar), so the working days in (6 March, 19 March] are
        // 10, 11, 12, 13, 16, 17, 18, 19 = 8.
        let mut answered =
            item("2026-0001", "2026-03-06").answered("2026-03-19", Outcome::Explained, 0, true);
        answered.appeal.registered = Some(Moment::Day(day("2026-03-06")));
        let open = item("2026-0002", "2026-01-12");
        let repo = repository(&[answered, open]);
        let reg = super::check(repo, Default::default(), day("2026-04-20"));
        let facts = reg.item_facts();
        assert_eq!(facts[0].on_time, Some(true));
        assert_eq!(facts[0].answer_working_days, Some(8));
        assert!(!facts[0].overdue_now);
        // Received 12 January, 30 calendar days: due 11 February, overdue on 20 April.
        assert_eq!(facts[1].on_time, None);
        assert_eq!(facts[1].answer_working_days, None);
        assert!(facts[1].overdue_now);
    }
}
