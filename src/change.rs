//! The edit commands for staff who do not want to hand-edit YAML: `new`, `assign`,
//! `status`, `extend` and `answer`.
//!
//! Every command follows the same steps: load the repository; decide what to change,
//! refusing an illegal workflow step with the reason; edit only the fields it names
//! (through [`crate::edit`], which keeps every other byte); run every check of `check` on
//! the changed repository in memory and refuse when the change brings new errors; write
//! the file atomically; commit exactly that file as the git user, or only stage it.
//! Nothing is written when any step before the write fails.

use crate::appeal::{Appeal, Channel, Kind, Outcome, Status, parse_id};
use crate::calendar::WorkingCalendar;
use crate::config::Config;
use crate::dates::{self, Moment};
use crate::deadline;
use crate::diagnostic::{Diagnostic, Severity};
use crate::edit::{self, Change, EditError, Value};
use crate::fields::Choice;
use crate::history::History;
use crate::history::commit::{self, CommitError, Identity};
use crate::load::{self, LoadError, Repository};
use crate::messages::{self, Lang, Message};
use crate::register;
use crate::workflow::{Action, Role, RoleSet, Verdict};
use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, SecondsFormat};
use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// How an edit command runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Repository root: the folder with `otklik.yaml`.
    pub root: PathBuf,
    /// The current moment; `None` reads the clock. Tests fix it so results repeat.
    pub now: Option<DateTime<FixedOffset>>,
    /// Commit the change; when `false` the file is only staged.
    pub commit: bool,
}

/// What a command did.
#[derive(Debug, Clone)]
pub struct Done {
    /// The item's id.
    pub id: String,
    /// Repository-relative path of the file written.
    pub file: String,
    /// One line saying what changed; also the commit message.
    pub summary: String,
    /// The new commit's id, when committed.
    pub commit: Option<String>,
    /// Warnings that the change brought (they do not stop it).
    pub warnings: Vec<Diagnostic>,
}

/// Why a command changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    /// `otklik.yaml` is missing or has errors.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// No item has this id.
    #[error("item \"{id}\" not found")]
    UnknownItem {
        /// The id asked for.
        id: String,
        /// The closest existing id, if it looks like a typo.
        suggestion: Option<String>,
    },
    /// The item's file exists but cannot be read; its problems are listed.
    #[error("{file} cannot be read")]
    Unreadable {
        /// Repository-relative path.
        file: String,
        /// The errors reading it found.
        diagnostics: Vec<Diagnostic>,
    },
    /// The workflow does not allow this status change.
    #[error("the transition {} → {} is not allowed", from.name(), to.name())]
    Illegal {
        /// The current status.
        from: Status,
        /// The status asked for.
        to: Status,
    },
    /// The change is not allowed or makes no sense; the message says why.
    #[error("{}", .0.get(Lang::En))]
    Refused(Message),
    /// The changed file would have new errors; they are listed, with their places.
    #[error("{file}: the change would bring new errors")]
    NewErrors {
        /// Repository-relative path.
        file: String,
        /// The new errors, placed in the changed file.
        diagnostics: Vec<Diagnostic>,
    },
    /// The file cannot be edited safely.
    #[error("{file}: {error}")]
    Edit {
        /// Repository-relative path.
        file: String,
        /// What stopped the edit.
        error: EditError,
    },
    /// The file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// git could not be read or written; nothing was changed.
    #[error(transparent)]
    Git(#[from] CommitError),
    /// The file was written but git failed to stage or commit it.
    #[error("{file} was written but not committed: {error}")]
    NotCommitted {
        /// Repository-relative path.
        file: String,
        /// What git reported.
        error: CommitError,
    },
}

impl ChangeError {
    /// What went wrong and what to do, for people. The lists of diagnostics that some
    /// variants carry are printed after it.
    pub fn message(&self) -> Message {
        match self {
            ChangeError::Load(LoadError::NoConfig { .. }) => messages::no_config(),
            ChangeError::Load(LoadError::BadConfig(_)) => messages::config_has_errors(),
            ChangeError::UnknownItem { id, suggestion } => {
                messages::unknown_item(id, suggestion.as_deref())
            }
            ChangeError::Unreadable { file, .. } => messages::item_unreadable(file),
            ChangeError::Illegal { from, to } => {
                let targets: Vec<&str> = Status::ALL
                    .iter()
                    .filter(|s| edit::allowed(*from, **s))
                    .map(|s| s.name())
                    .collect();
                messages::illegal_transition(from.name(), to.name(), &targets)
            }
            ChangeError::Refused(m) => m.clone(),
            ChangeError::NewErrors { file, .. } => messages::change_brings_errors(file),
            ChangeError::Edit { file, error } => {
                let m = error.message();
                messages::prefixed(file, &m)
            }
            ChangeError::Write { path, source } => {
                messages::write_failed(&path.display().to_string(), &source.to_string())
            }
            ChangeError::Git(e) => e.message(),
            ChangeError::NotCommitted { file, error } => {
                messages::written_not_committed(file, &error.message())
            }
        }
    }

    /// The diagnostics behind the error, if it carries any.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            ChangeError::Unreadable { diagnostics, .. }
            | ChangeError::NewErrors { diagnostics, .. } => diagnostics,
            ChangeError::Load(LoadError::BadConfig(diagnostics)) => diagnostics,
            _ => &[],
        }
    }
}

/// Which loop a return to `in_progress` records (DOMAIN.md, status workflow).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Back {
    /// The coordinator or head sent the answer back for rework; the deadline stays.
    Returned,
    /// The citizen disputed the answer; a new full term starts.
    Reopened,
}

impl Back {
    fn field(self) -> &'static str {
        match self {
            Back::Returned => "returned",
            Back::Reopened => "reopened",
        }
    }
}

/// What `otklik status` asks for.
#[derive(Debug, Clone, Default)]
pub struct StatusRequest {
    /// The result, for `answered` (required unless already set) or `closed`.
    pub result: Option<Outcome>,
    /// The body forwarded to, the art. 11 ground, or why the item goes back to work.
    pub reason: Option<String>,
    /// For a return to `in_progress`: which loop to record. By default an answered item
    /// is `returned` and a closed one `reopened`.
    pub back: Option<Back>,
}

/// What `otklik extend` asks for.
#[derive(Debug, Clone)]
pub struct ExtendRequest {
    /// The new last day.
    pub until: NaiveDate,
    /// Why the term is extended.
    pub reason: String,
    /// The staff member extending; `None` maps git's `user.email` through the staff list.
    pub acting: Option<String>,
}

/// What `otklik answer` asks for.
#[derive(Debug, Clone)]
pub struct AnswerRequest {
    /// The result.
    pub result: Outcome,
    /// The answer's summary for publication.
    pub summary: String,
    /// When the answer was sent; default today.
    pub date: Option<NaiveDate>,
}

/// What `otklik new` asks for.
#[derive(Debug, Clone)]
pub struct NewRequest {
    /// Appeal, message or incident.
    pub kind: Kind,
    /// How it arrived; default: `letter` for appeals, `pos` for messages,
    /// `incident_management` for incidents.
    pub channel: Option<Channel>,
    /// When it arrived, as staff type it (a date or a date-time); default now.
    pub received: Option<String>,
    /// Number in the source system.
    pub external_id: Option<String>,
    /// Classifier code.
    pub topic: String,
    /// Sector id.
    pub sector: String,
    /// Settlement.
    pub locality: String,
    /// Summary for publication.
    pub summary: String,
    /// Incidents: the urgent first-response term applies.
    pub urgent: bool,
    /// Private: the applicant's name.
    pub applicant_name: Option<String>,
    /// Private: the applicant's phone, e-mail or account.
    pub applicant_contact: Option<String>,
    /// Private: the applicant's postal address.
    pub applicant_address: Option<String>,
    /// Private: the text of the appeal, written as the file's body.
    pub text: Option<String>,
}

/// A loaded repository and the moment the command runs at.
struct Session {
    repo: Repository,
    now: DateTime<FixedOffset>,
    options: Options,
}

impl Session {
    fn open(options: &Options) -> Result<Session, ChangeError> {
        let repo = load::load(&options.root)?;
        let clock = options.now.unwrap_or_else(|| chrono::Utc::now().fixed_offset());
        let now = clock.with_timezone(&repo.config.zone).fixed_offset();
        Ok(Session { repo, now, options: options.clone() })
    }

    fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    fn lang(&self) -> Lang {
        self.repo.config.lang
    }

    fn appeal(&self, id: &str) -> Result<&Appeal, ChangeError> {
        if let Some(a) = self.repo.appeals.iter().find(|a| a.id == id) {
            return Ok(a);
        }
        let stem = format!("/{id}.md");
        let broken: Vec<Diagnostic> =
            self.repo.diagnostics.iter().filter(|d| d.file.ends_with(&stem)).cloned().collect();
        if let Some(first) = broken.first() {
            return Err(ChangeError::Unreadable { file: first.file.clone(), diagnostics: broken });
        }
        let suggestion = messages::suggest(id, self.repo.appeals.iter().map(|a| a.id.as_str()))
            .map(String::from);
        Err(ChangeError::UnknownItem { id: id.to_string(), suggestion })
    }

    /// Checks, writes and commits `bytes` as the file `rel`.
    ///
    /// Everything that can be checked is checked before the write. Should git still fail
    /// afterwards (a full disk, a lock held by another git process), the file stays
    /// written and [`ChangeError::NotCommitted`] says so.
    fn finish(
        self,
        id: &str,
        rel: &str,
        bytes: Vec<u8>,
        summary: Message,
    ) -> Result<Done, ChangeError> {
        let root = self.options.root.clone();
        let path = root.join(rel);
        let is_new = !path.exists();
        let who = self.prepare_git(rel, is_new)?;
        let warnings = self.recheck(rel, &bytes)?;
        write_atomically(&path, &bytes, is_new)
            .map_err(|source| ChangeError::Write { path: path.clone(), source })?;
        let summary = summary.get(self.lang()).to_string();
        let recorded = match who {
            Some(who) => commit::commit(&root, &[rel], &summary, &who, self.now).map(Some),
            None => commit::stage(&root, &[rel]).map(|()| None),
        };
        let commit =
            recorded.map_err(|error| ChangeError::NotCommitted { file: rel.to_string(), error })?;
        Ok(Done { id: id.to_string(), file: rel.to_string(), summary, commit, warnings })
    }

    /// Everything git needs, checked before any file is written: a repository, and for a
    /// commit the user's identity and a file without unrelated uncommitted changes.
    fn prepare_git(&self, rel: &str, is_new: bool) -> Result<Option<Identity>, ChangeError> {
        let root = &self.options.root;
        if !self.options.commit {
            commit::ensure_repository(root)?;
            return Ok(None);
        }
        let who = commit::identity(root)?;
        if !is_new {
            commit::ensure_unchanged(root, &[rel])?;
        }
        Ok(Some(who))
    }

    /// Runs every check on the repository with `rel` replaced by `bytes`; fails with the
    /// errors the change brings, and returns the warnings it brings.
    fn recheck(&self, rel: &str, bytes: &[u8]) -> Result<Vec<Diagnostic>, ChangeError> {
        let today = self.today();
        let before = register::check(self.repo.clone(), History::default(), today).diagnostics;
        let mut changed = self.repo.clone();
        changed.put_appeal(rel, bytes);
        let after = register::check(changed, History::default(), today).diagnostics;
        let (errors, warnings): (Vec<_>, Vec<_>) = brought_by_change(&before, after)
            .into_iter()
            .partition(|d| d.severity == Severity::Error);
        if errors.is_empty() {
            Ok(warnings)
        } else {
            Err(ChangeError::NewErrors { file: rel.to_string(), diagnostics: errors })
        }
    }

    /// Applies `changes` to the item's file and finishes.
    /// Refuses a change that the history check would report once committed: the person
    /// committing (git's `user.email`, mapped to staff) must hold a role the workflow
    /// allows for every action of the change. Without `--no-commit` there is always such
    /// a person; with it, nobody is judged until someone commits.
    fn permit(&self, a: &Appeal, actions: &[Action]) -> Result<(), ChangeError> {
        if !self.options.commit {
            return Ok(());
        }
        let config = &self.repo.config;
        let actor = acting_staff(&self.options.root, config, None, false)?;
        let mut held = RoleSet::default();
        let roles = [
            (Role::Curator, &config.roles.curator),
            (Role::Head, &config.roles.head),
            (Role::Coordinator, &config.roles.coordinator),
        ];
        for (role, holder) in roles {
            if *holder == actor {
                held.insert(role);
            }
        }
        if self.repo.sector(&a.sector).is_some_and(|s| s.lead == actor) {
            held.insert(Role::SectorLead);
        }
        if a.assignee.as_deref() == Some(actor.as_str()) {
            held.insert(Role::Assignee);
        }
        for action in actions {
            if let Verdict::NotPermitted(_) = config.workflow.judge(*action, held) {
                return Err(ChangeError::Refused(messages::command_not_permitted(&actor)));
            }
        }
        Ok(())
    }

    fn edit(self, a: &Appeal, changes: &[Change], summary: Message) -> Result<Done, ChangeError> {
        let (id, rel) = (a.id.clone(), a.file.clone());
        let path = self.options.root.join(&rel);
        let bytes = std::fs::read(&path).map_err(|source| ChangeError::Write { path, source })?;
        let edited = edit::apply(&bytes, changes)
            .map_err(|error| ChangeError::Edit { file: rel.clone(), error })?;
        self.finish(&id, &rel, edited, summary)
    }
}

/// The diagnostics of `after` that `before` does not have. Places are left out of the
/// comparison because an edit moves the lines below it.
fn brought_by_change(before: &[Diagnostic], after: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let key = |d: &Diagnostic| (d.file.clone(), d.code, d.message.get(Lang::En).to_string());
    let mut seen: HashMap<_, usize> = HashMap::new();
    for d in before {
        *seen.entry(key(d)).or_default() += 1;
    }
    after
        .into_iter()
        .filter(|d| match seen.get_mut(&key(d)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}

/// Writes through a hidden temporary file in the same folder and a rename, so that a
/// reader never sees half a file. A new file is never written over an existing one.
fn write_atomically(path: &Path, bytes: &[u8], is_new: bool) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.otklik-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&temp, meta.permissions())?;
        }
        if is_new && path.exists() {
            return Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists));
        }
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// `otklik assign ID STAFF`: names the assignee, and moves a new item to `assigned`.
///
/// Fails, writing nothing, when the item is unknown or unreadable, already has this
/// assignee, the assignee is not on the staff or not in the item's sector (new errors),
/// or git cannot be written.
pub fn assign(options: &Options, id: &str, staff: &str) -> Result<Done, ChangeError> {
    let session = Session::open(options)?;
    let a = session.appeal(id)?.clone();
    if a.assignee.as_deref() == Some(staff) && a.status != Status::New {
        return Err(ChangeError::Refused(messages::already_assigned(staff)));
    }
    let mut changes = vec![Change::set("assignee", Value::plain(staff))];
    let mut step = None;
    if a.status == Status::New {
        changes.push(Change::set("status", Value::plain(Status::Assigned.name())));
        step = Some((Status::New.name(), Status::Assigned.name()));
    }
    let mut actions = vec![Action::Assign];
    if a.status == Status::New {
        actions.push(Action::Transition(Status::New, Status::Assigned));
    }
    session.permit(&a, &actions)?;
    let summary = messages::commit_assign(&a.id, staff, step);
    session.edit(&a, &changes, summary)
}

/// `otklik status ID STATUS`: moves the item along the workflow, with the fields the new
/// status needs (see [`StatusRequest`]).
///
/// Fails, writing nothing, when the transition is not in the table of [`edit::allowed`],
/// a field the status needs is missing, an option does not apply to the status, the
/// result would have new errors, or git cannot be written.
pub fn status(
    options: &Options,
    id: &str,
    to: Status,
    request: &StatusRequest,
) -> Result<Done, ChangeError> {
    let session = Session::open(options)?;
    let a = session.appeal(id)?.clone();
    let from = a.status;
    if from == to {
        return Err(ChangeError::Refused(messages::already_in_status(to.name())));
    }
    if !edit::allowed(from, to) {
        return Err(ChangeError::Illegal { from, to });
    }
    session.permit(&a, &[Action::Transition(from, to)])?;
    let today = session.today();
    let (changes, detail) = status_changes(&a, to, request, today)?;
    let summary = messages::commit_status(&a.id, from.name(), to.name(), detail.as_deref());
    session.edit(&a, &changes, summary)
}

/// The fields a status change writes (beyond `status`), and the detail for its commit
/// message.
type Extra = (Vec<Change>, Option<String>);

/// The fields a status change writes, and the detail for its commit message.
fn status_changes(
    a: &Appeal,
    to: Status,
    request: &StatusRequest,
    today: NaiveDate,
) -> Result<Extra, ChangeError> {
    let back = matches!(a.status, Status::Answered | Status::Closed) && to == Status::InProgress;
    check_options(to, request, back)?;
    let (mut extra, detail) = match to {
        Status::Assigned if a.assignee.is_none() => {
            return Err(ChangeError::Refused(messages::assignee_needed()));
        }
        Status::Answered | Status::Closed => with_result(a, to, request, today)?,
        Status::Forwarded | Status::LeftUnanswered => with_reason(a, to, request)?,
        Status::InProgress if back => back_to_work(a, request, today),
        _ => (Vec::new(), None),
    };
    extra.insert(0, Change::set("status", Value::plain(to.name())));
    Ok((extra, detail))
}

/// Refuses options that mean nothing for the status asked for, rather than ignoring them.
fn check_options(to: Status, request: &StatusRequest, back: bool) -> Result<(), ChangeError> {
    let refuse = |m| Err(ChangeError::Refused(m));
    if request.result.is_some() && !to.is_answered() {
        return refuse(messages::result_not_applicable(to.name()));
    }
    if request.reason.is_some() && !to.is_closed_without_answer() && !back {
        return refuse(messages::reason_not_applicable(to.name()));
    }
    if request.back.is_some() && !back {
        return refuse(messages::back_not_applicable());
    }
    Ok(())
}

/// `answered` and `closed` need a result; `answered` also needs a current answer date.
fn with_result(
    a: &Appeal,
    to: Status,
    request: &StatusRequest,
    today: NaiveDate,
) -> Result<Extra, ChangeError> {
    let Some(result) = request.result.or(a.result) else {
        return Err(ChangeError::Refused(messages::result_needed()));
    };
    let mut changes = Vec::new();
    if let Some(r) = request.result {
        changes.push(Change::set("result", Value::plain(r.name())));
    }
    if to == Status::Answered && needs_answer_date(a) {
        changes.push(Change::set("answered", Value::plain(iso(today))));
    }
    // Closing names the result only when it changes it.
    let named = to == Status::Answered || request.result.is_some();
    Ok((changes, named.then(|| result.name().to_string())))
}

/// `forwarded` and `left_unanswered` need a reason: the body, or the art. 11 ground.
fn with_reason(a: &Appeal, to: Status, request: &StatusRequest) -> Result<Extra, ChangeError> {
    let Some(reason) = request.reason.clone().or_else(|| a.reason.clone()) else {
        return Err(ChangeError::Refused(messages::reason_needed(to.name())));
    };
    let changes = match &request.reason {
        Some(r) => vec![Change::set("reason", Value::text(r))],
        None => Vec::new(),
    };
    Ok((changes, Some(reason)))
}

/// A return from `answered` or `closed` to work is recorded as a dated `returned` or
/// `reopened` entry (DOMAIN.md), not as a status of its own.
fn back_to_work(a: &Appeal, request: &StatusRequest, today: NaiveDate) -> Extra {
    let default = if a.status == Status::Closed { Back::Reopened } else { Back::Returned };
    let field = request.back.unwrap_or(default).field();
    let mut entry = vec![("date".to_string(), Value::plain(iso(today)))];
    if let Some(r) = &request.reason {
        entry.push(("reason".to_string(), Value::text(r)));
    }
    let detail = match &request.reason {
        Some(r) => format!("{field}: {r}"),
        None => field.to_string(),
    };
    (vec![Change::append(field, Value::Map(entry))], Some(detail))
}

/// Whether moving to `answered` must set the answer date: there is none, or it is older
/// than the last return or reopening, so it belongs to an earlier answer.
fn needs_answer_date(a: &Appeal) -> bool {
    let last_loop = a.returned.iter().chain(&a.reopened).map(|l| l.date).max();
    match (a.answered.map(|m| m.day()), last_loop) {
        (None, _) => true,
        (Some(answered), Some(back)) => answered <= back,
        (Some(_), None) => false,
    }
}

/// `otklik answer ID`: records the answer — date, result, summary — and the status
/// `answered`.
///
/// Fails, writing nothing, when the item may not move to `answered` from its status, the
/// result would have new errors (an answer date in the future, say), or git cannot be
/// written.
pub fn answer(options: &Options, id: &str, request: &AnswerRequest) -> Result<Done, ChangeError> {
    let session = Session::open(options)?;
    let a = session.appeal(id)?.clone();
    let from = a.status;
    if !edit::allowed(from, Status::Answered) {
        return Err(ChangeError::Illegal { from, to: Status::Answered });
    }
    session.permit(&a, &[Action::Transition(from, Status::Answered)])?;
    let date = request.date.unwrap_or_else(|| session.today());
    let changes = [
        Change::set("status", Value::plain(Status::Answered.name())),
        Change::set("answered", Value::plain(iso(date))),
        Change::set("result", Value::plain(request.result.name())),
        Change::set("answer_summary", Value::text(&request.summary)),
    ];
    let summary = messages::commit_status(
        &a.id,
        from.name(),
        Status::Answered.name(),
        Some(request.result.name()),
    );
    session.edit(&a, &changes, summary)
}

/// `otklik extend ID --until DATE --reason TEXT`: extends an appeal's deadline once.
///
/// Fails, writing nothing, when the item is not a 59-FZ appeal, is no longer open, was
/// already extended, the new day is not after the original deadline or more than
/// `deadlines.appeal.extension_max` after it, the acting staff member is unknown or is
/// neither the head nor the curator, or git cannot be written.
pub fn extend(options: &Options, id: &str, request: &ExtendRequest) -> Result<Done, ChangeError> {
    let session = Session::open(options)?;
    let a = session.appeal(id)?.clone();
    let config = &session.repo.config;
    let refuse = |m| Err(ChangeError::Refused(m));
    if a.kind != Kind::Appeal {
        return refuse(messages::extension_not_for_kind(a.kind.name()));
    }
    if !a.status.is_open() {
        return refuse(messages::extend_closed(a.status.name()));
    }
    if let Some(e) = &a.extension {
        return refuse(messages::already_extended(&iso(e.until)));
    }
    // `--as` names who acts only when nothing is committed; a commit is judged by its author.
    let actor = acting_staff(&options.root, config, request.acting.as_deref(), !options.commit)?;
    if actor != config.roles.head && actor != config.roles.curator {
        return refuse(messages::extension_not_permitted(&actor));
    }
    // The commit's author is who the history judges, whatever `--as` said.
    session.permit(&a, &[Action::Extend])?;
    // The deadline module owns the term arithmetic: the unshifted end of the original term
    // and the latest allowed extension (DOMAIN.md, convention 7).
    let calendar = WorkingCalendar::for_config(config);
    let (deadline, _) = deadline::compute(&a, &config.deadlines, &calendar, session.today());
    let original = deadline.unshifted_due;
    let limit = deadline
        .extension_limit
        .unwrap_or_else(|| add_days(original, config.deadlines.extension_max.amount));
    if request.until <= original {
        return refuse(messages::extension_not_later(&iso(request.until), &iso(original)));
    }
    if request.until > limit {
        return refuse(messages::extension_too_long(&iso(request.until), &iso(limit)));
    }
    let extension = Value::Map(vec![
        ("until".into(), Value::plain(iso(request.until))),
        ("reason".into(), Value::text(&request.reason)),
    ]);
    let summary = messages::commit_extend(&a.id, &iso(request.until), &request.reason);
    session.edit(&a, &[Change::set("extension", extension)], summary)
}

/// The staff id acting: `--as` when given (it must be on the staff list), else the staff
/// member whose e-mails include git's `user.email`. `as_option` says whether the command
/// takes `--as` here, so that the refusal suggests only what would work.
fn acting_staff(
    root: &Path,
    config: &Config,
    acting: Option<&str>,
    as_option: bool,
) -> Result<String, ChangeError> {
    if let Some(id) = acting {
        return match config.staff_member(id) {
            Some(s) => Ok(s.id.clone()),
            None => Err(ChangeError::Refused(messages::actor_not_on_staff(id))),
        };
    }
    let email = commit::identity(root)?.email.to_lowercase();
    config
        .staff
        .iter()
        .find(|s| s.emails.contains(&email))
        .map(|s| s.id.clone())
        .ok_or_else(|| ChangeError::Refused(messages::actor_unknown(&email, as_option)))
}

fn add_days(day: NaiveDate, days: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX)
}

/// `otklik new`: registers a new item under the next free id of the current year, with
/// the defaults of its kind, received now (unless given) and registered today.
///
/// Fails, writing nothing, when `received` is not a date, the new file would have errors
/// (an unknown sector or settlement, a topic outside the sector, …), or git cannot be
/// written.
pub fn new_item(options: &Options, request: &NewRequest) -> Result<Done, ChangeError> {
    let session = Session::open(options)?;
    let year = session.now.year();
    let id = next_id(&options.root, &session.repo, year);
    let rel = format!("{}/{year}/{id}.md", load::APPEALS);
    let received = match &request.received {
        None => session.now.to_rfc3339_opts(SecondsFormat::Secs, false),
        Some(text) => match dates::parse_moment(text, session.repo.config.zone) {
            Ok((moment, _)) => written_moment(moment),
            Err(_) => return Err(ChangeError::Refused(messages::bad_moment("received", text))),
        },
    };
    let text = new_file(&id, request, &received, &iso(session.today()));
    let kind = request.kind.name();
    let summary = messages::commit_new(&id, kind, &request.sector);
    session.finish(&id, &rel, text.into_bytes(), summary)
}

fn written_moment(moment: Moment) -> String {
    match moment {
        Moment::Day(d) => iso(d),
        Moment::At(t) => t.to_rfc3339_opts(SecondsFormat::Secs, false),
    }
}

/// The next free id of `year`: one more than the highest number among the loaded items
/// and the file names in `appeals/<year>/` (which includes files too broken to load).
pub fn next_id(root: &Path, repo: &Repository, year: i32) -> String {
    let loaded = repo.appeals.iter().filter_map(|a| parse_id(&a.id));
    let folder = root.join(load::APPEALS).join(year.to_string());
    let on_disk = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_string_lossy().strip_suffix(".md").and_then(parse_id));
    let highest = loaded.chain(on_disk).filter(|(y, _)| *y == year).map(|(_, n)| n).max();
    format!("{year}-{:04}", highest.map_or(1, |n| n + 1))
}

/// The text of a new item's file, fields in the order of DESIGN.md.
fn new_file(id: &str, r: &NewRequest, received: &str, today: &str) -> String {
    let channel = r.channel.unwrap_or(match r.kind {
        Kind::Appeal => Channel::Letter,
        Kind::Message => Channel::Pos,
        Kind::Incident => Channel::IncidentManagement,
    });
    let mut fields: Vec<(&str, Value)> = vec![
        ("id", Value::plain(id)),
        ("kind", Value::plain(r.kind.name())),
        ("channel", Value::plain(channel.name())),
    ];
    if let Some(x) = &r.external_id {
        fields.push(("external_id", Value::text(x)));
    }
    fields.extend([
        ("received", Value::plain(received)),
        ("registered", Value::plain(today)),
        ("topic", Value::text(&r.topic)),
        ("sector", Value::plain(&r.sector)),
        ("locality", Value::plain(&r.locality)),
        ("status", Value::plain(Status::New.name())),
    ]);
    if r.urgent {
        fields.push(("urgent", Value::plain("true")));
    }
    fields.push(("public_summary", Value::text(&r.summary)));
    let applicant: Vec<(String, Value)> = [
        ("name", &r.applicant_name),
        ("contact", &r.applicant_contact),
        ("address", &r.applicant_address),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| (k.to_string(), Value::text(v))))
    .collect();
    if !applicant.is_empty() {
        fields.push(("applicant", Value::Map(applicant)));
    }
    let mut out = String::from("---\n");
    for (key, value) in fields {
        out.push_str(&format!("{key}: {}\n", value.render()));
    }
    out.push_str("---\n");
    if let Some(body) = &r.text {
        out.push_str(body.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_diagnostics_the_change_brings_count_and_moved_lines_do_not() {
        let m = messages::missing_field("x");
        let at = |line| Some(crate::front_matter::Pos { line, column: 1 });
        let before = vec![Diagnostic::error("missing-field", "a.md", at(3), m.clone())];
        let after = vec![
            Diagnostic::error("missing-field", "a.md", at(4), m.clone()),
            Diagnostic::error("missing-field", "a.md", at(5), m),
        ];
        let brought = brought_by_change(&before, after);
        assert_eq!(brought.len(), 1);
        assert_eq!(brought[0].at, at(5));
    }

    #[test]
    fn a_later_answer_date_is_kept_and_an_older_one_is_renewed() {
        let text = "---\nid: 2026-0042\nkind: appeal\nchannel: letter\nreceived: 2026-03-02\n\
            topic: \"0003\"\nsector: s\nlocality: l\nstatus: in_progress\nanswered: 2026-03-10\n---\n";
        let (a, _) = crate::appeal::read(text, "a.md", "2026-0042", chrono_tz::Asia::Barnaul);
        let mut a = a.unwrap();
        assert!(!needs_answer_date(&a));
        let day = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
        a.returned.push(crate::appeal::Loop { date: day, reason: String::new() });
        assert!(needs_answer_date(&a));
    }

    #[test]
    fn a_new_file_lists_fields_in_design_order_and_quotes_free_text() {
        let r = NewRequest {
            kind: Kind::Message,
            channel: None,
            received: None,
            external_id: Some("ПОС-1".into()),
            topic: "0005.0005.0056.1154".into(),
            sector: "zhkh".into(),
            locality: "Мульта".into(),
            summary: "Нет \"воды\"".into(),
            urgent: false,
            applicant_name: Some("Тестов".into()),
            applicant_contact: None,
            applicant_address: None,
            text: Some("Третий день нет воды.".into()),
        };
        let text = new_file("2026-0003", &r, "2026-12-04T10:00:00+07:00", "2026-12-04");
        assert_eq!(
            text,
            "---\nid: 2026-0003\nkind: message\nchannel: pos\nexternal_id: \"ПОС-1\"\n\
             received: 2026-12-04T10:00:00+07:00\nregistered: 2026-12-04\n\
             topic: \"0005.0005.0056.1154\"\nsector: zhkh\nlocality: Мульта\nstatus: new\n\
             public_summary: \"Нет \\\"воды\\\"\"\napplicant: { name: \"Тестов\" }\n---\n\
             Третий день нет воды.\n"
        );
    }
}
