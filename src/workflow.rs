//! The workflow: which status changes are legal, which roles may make each change, and the
//! check of every historical change against that table.
//!
//! The table has the defaults of DOMAIN.md and can be replaced from the `workflow:` block
//! of `otklik.yaml` (see `config`). The curator and the head may always do whatever is
//! legal (DOMAIN.md: "everything"), so they need not be listed; listing them is harmless.
//! An illegal transition (e.g. `new` → `closed`) is illegal for everyone.
//!
//! ```yaml
//! workflow:                     # optional; every key is optional and replaces its default
//!   register: [coordinator]     # who may add a new appeal file
//!   assign: [coordinator, sector_lead]          # set or change `assignee`
//!   transfer: [coordinator]     # change `sector`
//!   extend: []                  # add or change `extension` (curator and head only)
//!   rework: [coordinator]       # add a `returned` entry
//!   reopen: [coordinator]       # add a `reopened` entry
//!   transitions:                # when given, the whole table of legal status changes
//!     - { from: new, to: assigned, roles: [coordinator, sector_lead] }
//!     - { from: assigned, to: in_progress, roles: [assignee, sector_lead] }
//!   require_signed_commits: false
//!   accept:                     # reviewed findings in history that may stay there
//!     - { commit: 1a2b3c4d, reason: "согласовано с куратором, служебная записка № 12" }
//! ```
//!
//! Roles are `curator`, `head`, `coordinator` (the holders named in `roles:`),
//! `sector_lead` (the lead of the item's sector) and `assignee` (the item's assignee).
//! A file created directly at a later status (an import of items already under way) is
//! judged as a registration only: its first status is the starting point.
//!
//! A finding in history stays there for good: the commit cannot change without rewriting
//! history. An `accept` entry names a commit whose findings the staff have reviewed; they
//! are then counted as accepted instead of failing `check`. An entry that matches no
//! finding is itself reported, so that the list cannot outlive what it excuses.

use crate::appeal::{Appeal, Status};
use crate::config::{FILE, Term, Unit};
use crate::diagnostic::Diagnostic;
use crate::fields::{Choice, choice};
use crate::front_matter::Pos;
use crate::history::{Change, Commit, Event, History, Note};
use crate::load::Repository;
use crate::messages::{self, Message};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

choice!(
    /// A role a person can hold for one item at one moment.
    Role {
        /// First deputy head of the administration (config `roles.curator`).
        Curator = "curator",
        /// The МЦУ's head (config `roles.head`).
        Head = "head",
        /// Responsible for «Инцидент менеджмент» and ПОС (config `roles.coordinator`).
        Coordinator = "coordinator",
        /// The lead of the item's sector at the time of the change.
        SectorLead = "sector_lead",
        /// The item's assignee at the time of the change.
        Assignee = "assignee",
    }
);

/// A set of roles, small enough to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RoleSet(u8);

impl RoleSet {
    /// The set holding exactly `roles`.
    pub fn of(roles: &[Role]) -> RoleSet {
        let mut set = RoleSet::default();
        for r in roles {
            set.insert(*r);
        }
        set
    }

    /// Adds a role.
    pub fn insert(&mut self, role: Role) {
        self.0 |= 1 << role as u8;
    }

    /// Whether `role` is in the set.
    pub fn contains(self, role: Role) -> bool {
        self.0 & (1 << role as u8) != 0
    }

    /// Whether the two sets share a role.
    pub fn intersects(self, other: RoleSet) -> bool {
        self.0 & other.0 != 0
    }

    /// The roles, in documentation order.
    pub fn roles(self) -> Vec<Role> {
        Role::ALL.iter().copied().filter(|r| self.contains(*r)).collect()
    }

    /// Their names, in documentation order.
    pub fn names(self) -> Vec<&'static str> {
        self.roles().into_iter().map(Role::name).collect()
    }
}

/// Something a commit does to an item that the workflow regulates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Adding a new appeal file.
    Register,
    /// Changing the status.
    Transition(Status, Status),
    /// Setting, changing or removing the assignee.
    Assign,
    /// Moving the item to another sector.
    Transfer,
    /// Adding, changing or removing a deadline extension.
    Extend,
    /// Adding a `returned` entry: the answer goes back for rework.
    Rework,
    /// Adding a `reopened` entry: the citizen disputed the answer.
    Reopen,
}

/// What the table says about one action by one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The person may do it.
    Allowed,
    /// Nobody may do it: the transition is not in the table.
    Illegal,
    /// Only holders of these roles (and the curator and head) may do it.
    NotPermitted(RoleSet),
}

/// The transition table and who may do what, with the defaults of DOMAIN.md.
#[derive(Debug, Clone, PartialEq)]
pub struct Workflow {
    /// Legal status changes and the roles that may make each.
    pub transitions: BTreeMap<(Status, Status), RoleSet>,
    /// Who may add a new appeal file (register an item).
    pub register: RoleSet,
    /// Who may set or change the assignee.
    pub assign: RoleSet,
    /// Who may move an item to another sector.
    pub transfer: RoleSet,
    /// Who may add or change a deadline extension.
    pub extend: RoleSet,
    /// Who may return an answer for rework (`returned`).
    pub rework: RoleSet,
    /// Who may reopen an item the citizen disputed (`reopened`).
    pub reopen: RoleSet,
    /// Whether commits that change appeals must carry a signature.
    pub require_signed_commits: bool,
    /// Whether the git history is checked against the roles at all. A repository whose
    /// history is not the staff's work (the sample district inside otklik's own source
    /// tree) turns this off; timelines are still read and shown.
    pub audit: bool,
    /// Commits whose findings in history have been reviewed and accepted.
    pub accept: Vec<Acceptance>,
}

/// One `workflow.accept` entry: a commit whose findings stay in history by decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Acceptance {
    /// A lower-case hex prefix of the commit id, 7 to 40 digits.
    pub commit: String,
    /// Why the findings are accepted, kept in the repository for the audit.
    pub reason: String,
    /// Where the commit prefix is written in `otklik.yaml`.
    pub at: Pos,
}

/// A finding in history that an `accept` entry turned from an error into a count.
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    /// The finding as it would have been reported.
    pub finding: Diagnostic,
    /// The full id of the commit it comes from.
    pub commit: String,
    /// The reason the `accept` entry gives.
    pub reason: String,
}

/// What the check of the history found.
#[derive(Debug, Clone, Default)]
pub struct HistoryCheck {
    /// Findings to report, including problems with the `accept` list itself.
    pub diagnostics: Vec<Diagnostic>,
    /// Findings that `accept` entries cover; they do not fail `check`.
    pub accepted: Vec<Accepted>,
}

impl Default for Workflow {
    fn default() -> Self {
        use Role::*;
        use Status::*;
        let all = |r: &[Role]| RoleSet::of(r);
        let office = all(&[Coordinator, Head, Curator]);
        let workers = all(&[Assignee, SectorLead, Head, Curator]);
        let assigners = all(&[Coordinator, SectorLead, Head, Curator]);
        let transitions = [
            ((New, Assigned), assigners),
            ((New, Forwarded), office),
            ((New, LeftUnanswered), office),
            ((Assigned, InProgress), workers),
            ((Assigned, Answered), workers),
            ((InProgress, Answered), workers),
            ((Answered, Closed), all(&[SectorLead, Head, Curator])),
            ((Answered, InProgress), office),
            ((Closed, InProgress), office),
            ((Assigned, Forwarded), office),
            ((InProgress, Forwarded), office),
            ((Assigned, LeftUnanswered), assigners),
            ((InProgress, LeftUnanswered), assigners),
        ];
        Workflow {
            transitions: transitions.into_iter().collect(),
            register: office,
            assign: assigners,
            transfer: office,
            extend: all(&[Head, Curator]),
            rework: office,
            reopen: office,
            require_signed_commits: false,
            audit: true,
            accept: Vec::new(),
        }
    }
}

impl Workflow {
    /// The roles the table names for `action`, or `None` for an illegal transition.
    pub fn roles_for(&self, action: Action) -> Option<RoleSet> {
        match action {
            Action::Register => Some(self.register),
            Action::Transition(from, to) => self.transitions.get(&(from, to)).copied(),
            Action::Assign => Some(self.assign),
            Action::Transfer => Some(self.transfer),
            Action::Extend => Some(self.extend),
            Action::Rework => Some(self.rework),
            Action::Reopen => Some(self.reopen),
        }
    }

    /// Whether a person holding `held` may do `action`. The curator and the head may do
    /// anything legal.
    pub fn judge(&self, action: Action, held: RoleSet) -> Verdict {
        let Some(allowed) = self.roles_for(action) else { return Verdict::Illegal };
        if held.intersects(allowed.with_chiefs()) {
            Verdict::Allowed
        } else {
            Verdict::NotPermitted(allowed.with_chiefs())
        }
    }

    /// The statuses an item may move to from `from`.
    pub fn next_statuses(&self, from: Status) -> Vec<Status> {
        self.transitions.keys().filter(|(f, _)| *f == from).map(|(_, t)| *t).collect()
    }
}

impl RoleSet {
    /// This set plus the curator and the head, who may do everything legal.
    fn with_chiefs(mut self) -> RoleSet {
        self.insert(Role::Curator);
        self.insert(Role::Head);
        self
    }
}

/// Checks the history against the workflow and the register's rules on history: every
/// status change is legal and made by someone whose role allows it, and so is every
/// registration, assignment, transfer, extension, return and reopening; no appeal was
/// deleted; registration and answer dates agree with the commits that recorded them;
/// authors are staff; commits are signed when the configuration requires it. Findings of
/// commits named in `workflow.accept` are set apart as accepted.
///
/// Roles are those of the current `otklik.yaml` and sector files, not as they were at the
/// time of each commit; reading both files from each commit would fix that.
pub fn check_history(history: &History, repo: &Repository) -> HistoryCheck {
    let workflow = &repo.config.workflow;
    if !workflow.audit {
        return HistoryCheck::default();
    }
    let mut general: Vec<Diagnostic> = history.notes.iter().map(note).collect();
    general.extend(history.unknown_authors.iter().map(|u| {
        let m = messages::unknown_author(&describe(&u.first), u.commits - 1);
        Diagnostic::warning("unknown-author", &u.file, None, m)
    }));
    let current: HashMap<&str, &Appeal> = repo.appeals.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut unsigned_reported = HashSet::new();
    let mut out = Findings::default();
    for (id, events) in &history.timelines {
        let Some(last) = events.last() else { continue };
        let target = Target { appeal: current.get(id.as_str()).copied(), file: &last.file };
        match target.appeal {
            Some(a) => {
                check_registration(a, events, &repo.config.deadlines.appeal_register, &mut out);
                check_answered(a, events, &mut out);
            }
            None if last.change == Change::Deleted => {
                let c = &last.commit;
                let m = messages::appeal_deleted(&describe(c), &c.short, &last.file);
                out.push(c, Diagnostic::error("appeal-deleted", &last.file, None, m));
            }
            None => {}
        }
        Replay::new(repo, target).run(events, &mut out);
        if workflow.require_signed_commits {
            check_signed(events, target, &mut unsigned_reported, &mut out);
        }
    }
    // Without the history, no entry can be matched, and calling them all unused would
    // ask the staff to delete reviewed decisions because CI made a shallow clone.
    let accept = if history.notes.is_empty() { workflow.accept.as_slice() } else { &[] };
    let mut check = apply_accept(out.0, accept);
    check.diagnostics.extend(general);
    check
}

/// A finding of the history check and the commit it comes from.
struct Finding {
    diagnostic: Diagnostic,
    commit: String,
}

/// Findings in the order found.
#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn push(&mut self, commit: &Commit, diagnostic: Diagnostic) {
        self.0.push(Finding { diagnostic, commit: commit.id.clone() });
    }
}

/// Sets apart the findings of accepted commits and reports entries that accept nothing.
///
/// An entry accepts only when its prefix names exactly one commit with findings: a prefix
/// that names two would otherwise cover a commit nobody reviewed.
fn apply_accept(findings: Vec<Finding>, accept: &[Acceptance]) -> HistoryCheck {
    let mut check = HistoryCheck::default();
    let commits: BTreeSet<&str> = findings.iter().map(|f| f.commit.as_str()).collect();
    let mut reasons: HashMap<String, &str> = HashMap::new();
    for entry in accept {
        let matching: Vec<&str> =
            commits.iter().copied().filter(|c| c.starts_with(&entry.commit)).collect();
        let at = Some(entry.at);
        match matching.as_slice() {
            [] => {
                let m = messages::accept_unused(&entry.commit);
                check.diagnostics.push(Diagnostic::warning("accept-unused", FILE, at, m));
            }
            [one] => {
                reasons.entry(one.to_string()).or_insert(&entry.reason);
            }
            many => {
                let m = messages::accept_ambiguous(&entry.commit, many);
                check.diagnostics.push(Diagnostic::error("accept-ambiguous", FILE, at, m));
            }
        }
    }
    for f in findings {
        match reasons.get(&f.commit) {
            Some(reason) => check.accepted.push(Accepted {
                finding: f.diagnostic,
                commit: f.commit,
                reason: reason.to_string(),
            }),
            None => check.diagnostics.push(f.diagnostic),
        }
    }
    check
}

/// How history messages name a commit: short id, author and local day.
fn describe(c: &Commit) -> String {
    format!("{} ({} <{}>, {})", c.short, c.author.name, c.author.email, c.day().format("%Y-%m-%d"))
}

fn note(n: &Note) -> Diagnostic {
    let m = match n {
        Note::NotARepository => messages::history_not_a_repository(),
        Note::Shallow => messages::history_shallow(),
        Note::Empty => messages::history_empty(),
        Note::Unreadable { detail } => messages::history_unreadable(detail),
    };
    Diagnostic::warning("history-unavailable", ".git", None, m)
}

/// The appeal a timeline belongs to: its current file, or the last path it had.
#[derive(Clone, Copy)]
struct Target<'a> {
    appeal: Option<&'a Appeal>,
    file: &'a str,
}

impl Target<'_> {
    fn error(&self, code: &'static str, field: &str, m: Message) -> Diagnostic {
        match self.appeal {
            Some(a) => Diagnostic::error(code, &a.file, Some(a.place(field)), m),
            None => Diagnostic::error(code, self.file, None, m),
        }
    }
}

/// A registration term in whole calendar days; `None` for a term in working units, which
/// needs the production calendar (the `calendar` module would let this check count them).
fn calendar_days(term: &Term) -> Option<i64> {
    match term.unit {
        Unit::CalendarDays => Some(i64::from(term.amount)),
        Unit::Hours => Some(i64::from(term.amount.div_ceil(24))),
        Unit::WorkingDays | Unit::WorkingHours => None,
    }
}

/// The registration date may not be later than the commit that added the file by more
/// than the registration term: the commit proves when the item was in hand.
fn check_registration(a: &Appeal, events: &[Event], term: &Term, out: &mut Findings) {
    let Some(created) = events.iter().rev().find(|e| e.change == Change::Created) else {
        return;
    };
    let Some(days) = calendar_days(term) else { return };
    let registered = a.registered_day();
    if (registered - created.commit.day()).num_days() > days {
        let field = if a.registered.is_some() { "registered" } else { "received" };
        let text = registered.format("%Y-%m-%d").to_string();
        let m = messages::registered_after_commit(&text, &describe(&created.commit), term.amount);
        let d =
            Target { appeal: Some(a), file: &a.file }.error("registered-after-commit", field, m);
        out.push(&created.commit, d);
    }
}

/// The current answer date may not be later than the day of the commit that wrote it.
fn check_answered(a: &Appeal, events: &[Event], out: &mut Findings) {
    let Some(answered) = a.answered else { return };
    let set = events.iter().rev().find(|e| match &e.change {
        Change::Answered { to: Some(m), .. } => *m == answered,
        _ => false,
    });
    let Some(set) = set else { return };
    if answered.day() > set.commit.day() {
        let m = messages::answered_after_commit(&answered.iso(), &describe(&set.commit));
        let d =
            Target { appeal: Some(a), file: &a.file }.error("answered-after-commit", "answered", m);
        out.push(&set.commit, d);
    }
}

/// Presence of a signature only: keys are not verified, because that needs the
/// municipality's keyring and a verifier for GPG, SSH and X.509 signatures alike.
fn check_signed(
    events: &[Event],
    target: Target,
    reported: &mut HashSet<String>,
    out: &mut Findings,
) {
    for e in events {
        if !e.commit.signed && reported.insert(e.commit.id.clone()) {
            let m = messages::unsigned_commit(&describe(&e.commit));
            out.push(&e.commit, target.error("unsigned-commit", "id", m));
        }
    }
}

/// Replays one timeline, keeping what the item looked like before each commit, and
/// judges each commit's changes by the roles its author held at that moment.
struct Replay<'a> {
    repo: &'a Repository,
    workflow: &'a Workflow,
    target: Target<'a>,
    /// The last readable status: an unreadable or invalid status in between is skipped,
    /// so `new` → (typo) → `assigned` is judged as `new` → `assigned`.
    status: Option<Status>,
    assignee: Option<String>,
    sector: Option<String>,
}

impl<'a> Replay<'a> {
    fn new(repo: &'a Repository, target: Target<'a>) -> Self {
        let workflow = &repo.config.workflow;
        Replay { repo, workflow, target, status: None, assignee: None, sector: None }
    }

    fn run(&mut self, events: &[Event], out: &mut Findings) {
        for group in events.chunk_by(|a, b| Arc::ptr_eq(&a.commit, &b.commit)) {
            self.commit(group, out);
        }
    }

    /// A new file is a registration: only who registered is judged, and its first values
    /// (any status, so that items already under way can be imported) are the start.
    fn commit(&mut self, group: &[Event], out: &mut Findings) {
        let commit = &group[0].commit;
        if group.iter().any(|e| e.change == Change::Created) {
            self.apply(group);
            let held = self.held(commit, group);
            self.judge(Action::Register, messages::action_register(), commit, held, "id", out);
            return;
        }
        let held = self.held(commit, group);
        for e in group {
            if let Some((action, text, field)) = self.action(&e.change) {
                self.judge(action, text, commit, held, field, out);
            }
        }
        self.apply(group);
    }

    /// The workflow action a change is, with its description and the field it concerns.
    fn action(&self, change: &Change) -> Option<(Action, Message, &'static str)> {
        Some(match change {
            Change::Status { to: Some(to), .. } => {
                let from = self.status.filter(|from| from != to)?;
                let text = messages::action_transition(from.name(), to.name());
                (Action::Transition(from, *to), text, "status")
            }
            Change::Assignee { to, .. } => {
                (Action::Assign, messages::action_assign(to.as_deref()), "assignee")
            }
            Change::Sector { to, .. } => {
                (Action::Transfer, messages::action_transfer(to.as_deref()), "sector")
            }
            Change::Extension { .. } => (Action::Extend, messages::action_extend(), "extension"),
            Change::Returned(_) => (Action::Rework, messages::action_rework(), "returned"),
            Change::Reopened(_) => (Action::Reopen, messages::action_reopen(), "reopened"),
            _ => return None,
        })
    }

    /// The roles the commit's author holds for this item: the fixed roles of the
    /// configuration, the lead of the item's sector, and its assignee (before the commit,
    /// or by this very commit — an unauthorised assignment is reported on its own).
    fn held(&self, commit: &Commit, group: &[Event]) -> RoleSet {
        let mut held = RoleSet::default();
        let Some(me) = commit.author.staff.as_deref() else { return held };
        let roles = &self.repo.config.roles;
        for (id, role) in [
            (&roles.curator, Role::Curator),
            (&roles.head, Role::Head),
            (&roles.coordinator, Role::Coordinator),
        ] {
            if id == me {
                held.insert(role);
            }
        }
        let sector = self.sector.as_deref().and_then(|s| self.repo.sector(s));
        if sector.is_some_and(|s| s.lead == me) {
            held.insert(Role::SectorLead);
        }
        let assigned_now = group
            .iter()
            .any(|e| matches!(&e.change, Change::Assignee { to: Some(to), .. } if to == me));
        if self.assignee.as_deref() == Some(me) || assigned_now {
            held.insert(Role::Assignee);
        }
        held
    }

    fn judge(
        &self,
        action: Action,
        text: Message,
        commit: &Commit,
        held: RoleSet,
        field: &str,
        out: &mut Findings,
    ) {
        let m = match self.workflow.judge(action, held) {
            Verdict::Allowed => return,
            Verdict::Illegal => {
                let Action::Transition(from, to) = action else { return };
                let next: Vec<&str> =
                    self.workflow.next_statuses(from).into_iter().map(Status::name).collect();
                let m = messages::illegal_transition_in_commit(
                    &describe(commit),
                    from.name(),
                    to.name(),
                    &next,
                );
                out.push(commit, self.target.error("illegal-transition", field, m));
                return;
            }
            Verdict::NotPermitted(allowed) => {
                messages::not_permitted(&describe(commit), &text, &allowed.names(), &held.names())
            }
        };
        out.push(commit, self.target.error("role-not-permitted", field, m));
    }

    /// Moves the replayed item past one commit.
    fn apply(&mut self, group: &[Event]) {
        for e in group {
            match &e.change {
                Change::Status { to: Some(to), .. } => self.status = Some(*to),
                Change::Assignee { to, .. } => self.assignee = to.clone(),
                Change::Sector { to, .. } => self.sector = to.clone(),
                Change::Deleted => {
                    (self.status, self.assignee, self.sector) = (None, None, None);
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;
    use Status::*;

    #[test]
    fn the_default_table_has_the_thirteen_transitions_of_the_domain() {
        let w = Workflow::default();
        assert_eq!(w.transitions.len(), 13);
        assert_eq!(w.next_statuses(New), [Assigned, Forwarded, LeftUnanswered]);
        assert_eq!(w.next_statuses(Closed), [InProgress]);
        assert!(w.next_statuses(Forwarded).is_empty());
    }

    #[test]
    fn an_illegal_transition_is_illegal_even_for_the_head() {
        let w = Workflow::default();
        assert_eq!(
            w.judge(Action::Transition(New, Closed), RoleSet::of(&[Head])),
            Verdict::Illegal
        );
        let back = Action::Transition(Forwarded, InProgress);
        assert_eq!(w.judge(back, RoleSet::of(&[Curator])), Verdict::Illegal);
    }

    #[test]
    fn the_curator_and_the_head_may_do_everything_legal_even_when_unlisted() {
        let w = Workflow { extend: RoleSet::default(), ..Workflow::default() };
        for chief in [Curator, Head] {
            let held = RoleSet::of(&[chief]);
            assert_eq!(w.judge(Action::Extend, held), Verdict::Allowed);
            assert_eq!(w.judge(Action::Transition(Answered, Closed), held), Verdict::Allowed);
        }
    }

    #[test]
    fn only_the_head_and_the_curator_may_extend() {
        let w = Workflow::default();
        let everyone_else = RoleSet::of(&[Coordinator, SectorLead, Assignee]);
        let Verdict::NotPermitted(allowed) = w.judge(Action::Extend, everyone_else) else {
            panic!("an extension by staff must be refused");
        };
        assert_eq!(allowed.names(), ["curator", "head"]);
    }

    #[test]
    fn an_assignee_works_and_answers_but_does_not_close_or_assign() {
        let w = Workflow::default();
        let me = RoleSet::of(&[Assignee]);
        assert_eq!(w.judge(Action::Transition(Assigned, InProgress), me), Verdict::Allowed);
        assert_eq!(w.judge(Action::Transition(InProgress, Answered), me), Verdict::Allowed);
        assert!(matches!(
            w.judge(Action::Transition(Answered, Closed), me),
            Verdict::NotPermitted(_)
        ));
        assert!(matches!(w.judge(Action::Assign, me), Verdict::NotPermitted(_)));
    }

    #[test]
    fn the_coordinator_registers_assigns_forwards_and_returns_for_rework() {
        let w = Workflow::default();
        let c = RoleSet::of(&[Coordinator]);
        for action in [
            Action::Register,
            Action::Assign,
            Action::Transition(New, Forwarded),
            Action::Transition(Answered, InProgress),
            Action::Rework,
            Action::Reopen,
        ] {
            assert_eq!(w.judge(action, c), Verdict::Allowed, "{action:?}");
        }
        assert!(matches!(
            w.judge(Action::Transition(Assigned, Answered), c),
            Verdict::NotPermitted(_)
        ));
    }

    fn finding(commit: &str, file: &str) -> Finding {
        let m = Message::new("нарушение", "finding");
        Finding {
            diagnostic: Diagnostic::error("role-not-permitted", file, None, m),
            commit: commit.into(),
        }
    }

    fn entry(commit: &str, line: u32) -> Acceptance {
        Acceptance {
            commit: commit.into(), reason: "решение".into(), at: Pos { line, column: 15 }
        }
    }

    #[test]
    fn a_prefix_that_names_two_commits_with_findings_accepts_neither() {
        let a = "1a2b3c4d00000000000000000000000000000000";
        let b = "1a2b3c4dffffffffffffffffffffffffffffffff";
        let findings =
            vec![finding(a, "appeals/2026/2026-0001.md"), finding(b, "appeals/2026/2026-0002.md")];
        let check = apply_accept(findings, &[entry("1a2b3c4", 18), entry("1a2b3c4df", 19)]);
        let got: Vec<_> = check.diagnostics.iter().map(|d| (d.code, d.file.as_str())).collect();
        assert_eq!(
            got,
            [
                ("accept-ambiguous", "otklik.yaml"),
                ("role-not-permitted", "appeals/2026/2026-0001.md")
            ]
        );
        let d = &check.diagnostics[0];
        assert_eq!(
            (d.severity, d.at.map(|p| p.line)),
            (crate::diagnostic::Severity::Error, Some(18))
        );
        let en = d.message.get(crate::messages::Lang::En);
        assert!(en.starts_with("the prefix 1a2b3c4 matches several commits with findings"), "{en}");
        assert!(en.contains(&format!("{a}, {b}")), "{en}");
        assert_eq!(check.accepted.len(), 1);
        assert_eq!(check.accepted[0].commit, b);
    }

    #[test]
    fn a_commit_accepted_twice_is_accepted_once_with_the_first_reason() {
        let a = "1a2b3c4d00000000000000000000000000000000";
        let mut second = entry(a, 19);
        second.reason = "другое решение".into();
        let check = apply_accept(vec![finding(a, "f.md")], &[entry("1a2b3c4", 18), second]);
        assert!(check.diagnostics.is_empty(), "{:?}", check.diagnostics);
        assert_eq!(check.accepted.len(), 1);
        assert_eq!(check.accepted[0].reason, "решение");
    }

    #[test]
    fn a_role_set_keeps_documentation_order() {
        let set = RoleSet::of(&[Assignee, Curator, SectorLead]);
        assert_eq!(set.names(), ["curator", "sector_lead", "assignee"]);
        assert!(set.contains(SectorLead) && !set.contains(Head));
    }
}
