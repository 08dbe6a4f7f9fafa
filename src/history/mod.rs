//! The register's audit trail, read from git: for every appeal, a timeline of who changed
//! what in its front matter, and when.
//!
//! This is the only module that knows git2. [`read`] makes one pass over the commits
//! reachable from HEAD and turns each change of an appeal file into [`Event`]s; it never
//! fails. When the history cannot be read (not a repository, a shallow clone, no commits,
//! a damaged repository) it returns an empty history with one [`Note`] saying why, and
//! otklik goes on from the front matter alone.
//!
//! Times are the author's: a rebase or a cherry-pick keeps them, and they are what
//! `git log` shows. They are converted here, once, into the municipality's zone.
//!
//! The pass in parts: `walk` lists the commits and reads, on every core, what each one
//! did to the appeals (`tree` finds the changed files fast, `snapshot` reads each version's
//! fields); `cache` keeps those per-commit records in `.otklik-cache/` so that the next
//! pass reads only new commits; `timeline` turns them into each appeal's events.
//!
//! Speed, measured with `cargo run --release --example history_bench` on the 2-core
//! development machine while other builds were running (load 5–6): 10 000 appeals with 5
//! commits each (50 000 commits, 2 000 appeals per year folder) take 14 s without the
//! cache (12 s of CPU over both cores) and 2.2 s with it; an idle machine roughly halves
//! the first figure.

mod cache;
pub mod commit;
mod snapshot;
mod timeline;
mod tree;
mod walk;

use crate::appeal::{Extension, Loop, Outcome, Status};
use crate::config::Config;
use crate::dates::Moment;
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Number of hex digits in a short commit id; GitLab, the primary forge, shows eight.
pub const SHORT_ID: usize = 8;

/// Everything the git history says about the register.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Events of each appeal, oldest first, keyed by appeal id (the file stem it has now,
    /// following renames).
    pub timelines: BTreeMap<String, Vec<Event>>,
    /// Authors of appeal changes whose e-mail belongs to no staff member.
    pub unknown_authors: Vec<UnknownAuthor>,
    /// What could not be read, if anything; at most one note.
    pub notes: Vec<Note>,
}

impl History {
    /// The events of appeal `id`, oldest first; empty when git knows nothing of it.
    pub fn timeline(&self, id: &str) -> &[Event] {
        self.timelines.get(id).map_or(&[], Vec::as_slice)
    }
}

/// A commit that changed at least one appeal.
#[derive(Debug, Clone, PartialEq)]
pub struct Commit {
    /// Full hex id.
    pub id: String,
    /// The first [`SHORT_ID`] hex digits.
    pub short: String,
    /// Who made the change.
    pub author: Author,
    /// When the author made it, in the municipality's zone.
    pub time: DateTime<FixedOffset>,
    /// Whether the commit carries a signature (present, not verified).
    pub signed: bool,
}

impl Commit {
    /// The local day of the change.
    pub fn day(&self) -> NaiveDate {
        self.time.date_naive()
    }
}

/// A commit author after `.mailmap`, and the staff member their e-mail belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// Name as committed (or as `.mailmap` maps it).
    pub name: String,
    /// E-mail as committed (or as `.mailmap` maps it), lower case.
    pub email: String,
    /// Staff id whose `emails` list this address, if any.
    pub staff: Option<String>,
}

/// One change of one appeal in one commit.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The commit that made it; shared by every event of that commit.
    pub commit: Arc<Commit>,
    /// Repository-relative path of the file in that commit.
    pub file: String,
    /// What changed.
    pub change: Change,
}

/// What changed. Field changes carry the value before and after; `None` means absent (or
/// unreadable in that version).
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The file first appears; the field changes of the same commit give its first values.
    Created,
    /// The file was removed.
    Deleted,
    /// The file was moved; `from` is its previous path.
    Renamed {
        /// The previous path.
        from: String,
    },
    /// This version's front matter could not be read; its field changes are unknown.
    Unreadable,
    /// `status` changed.
    Status {
        /// Before.
        from: Option<Status>,
        /// After.
        to: Option<Status>,
    },
    /// `assignee` changed.
    Assignee {
        /// Before.
        from: Option<String>,
        /// After.
        to: Option<String>,
    },
    /// `sector` changed.
    Sector {
        /// Before.
        from: Option<String>,
        /// After.
        to: Option<String>,
    },
    /// `due` changed.
    Due {
        /// Before.
        from: Option<NaiveDate>,
        /// After.
        to: Option<NaiveDate>,
    },
    /// `extension` changed.
    Extension {
        /// Before.
        from: Option<Extension>,
        /// After.
        to: Option<Extension>,
    },
    /// `result` changed.
    Result {
        /// Before.
        from: Option<Outcome>,
        /// After.
        to: Option<Outcome>,
    },
    /// `answered` changed.
    Answered {
        /// Before.
        from: Option<Moment>,
        /// After.
        to: Option<Moment>,
    },
    /// A new `returned` entry: the answer went back for rework.
    Returned(Loop),
    /// A new `reopened` entry: the citizen disputed the answer.
    Reopened(Loop),
}

/// An e-mail that changed appeals but belongs to no staff member.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownAuthor {
    /// The author as committed (after `.mailmap`).
    pub name: String,
    /// The address, lower case.
    pub email: String,
    /// The oldest commit from this address that changed an appeal.
    pub first: Arc<Commit>,
    /// An appeal file that commit changed.
    pub file: String,
    /// How many commits from this address changed appeals.
    pub commits: usize,
}

/// Why the history could not be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// The repository root is not the root of a git repository.
    NotARepository,
    /// A shallow clone: older commits are missing, so the first commit present would be
    /// blamed for everything before it.
    Shallow,
    /// The repository has no commits on HEAD yet.
    Empty,
    /// git could not read the repository.
    Unreadable {
        /// What git said.
        detail: String,
    },
}

/// Why the history could not be read; turned into a [`Note`], never returned to callers.
#[derive(Debug, thiserror::Error)]
enum HistoryError {
    /// Any git failure, with the repository it happened in.
    #[error("{path}: {source}")]
    Git {
        /// The repository root.
        path: PathBuf,
        /// What libgit2 said.
        source: git2::Error,
    },
}

/// Reads the history of `appeals/` in the repository at `root`, in one pass, and updates
/// the cache in `root/.otklik-cache/` (which should be ignored by git).
///
/// Never fails: a folder that is not a repository, a shallow clone, a repository without
/// commits or one git cannot read gives an empty history with one [`Note`].
pub fn read(root: &Path, config: &Config) -> History {
    // libgit2 re-hashes every object it reads with collision-detecting SHA-1; over tens of
    // thousands of trees that is a third of the pass. git verified the objects when they
    // were fetched or written, and `git fsck` is the tool for doubts, so reading trusts
    // them. The setting is process-wide; otklik writes no objects while it reads.
    git2::opts::strict_hash_verification(false);
    let repo = match git2::Repository::open(root) {
        Ok(repo) => repo,
        Err(_) => return History::noted(Note::NotARepository),
    };
    if repo.is_shallow() {
        // A shallow clone's oldest commit looks like a root that created every file; its
        // author would be blamed for every registration, so nothing is read at all.
        return History::noted(Note::Shallow);
    }
    match repo.head() {
        Ok(_) => {}
        Err(e) if e.code() == git2::ErrorCode::UnbornBranch => return History::noted(Note::Empty),
        Err(e) if e.code() == git2::ErrorCode::NotFound => return History::noted(Note::Empty),
        Err(e) => return History::noted(unreadable(root, e)),
    }
    let known = cache::load(root, config.zone);
    let loaded = known.len();
    match walk::walk(&repo, config, known) {
        Ok(walked) => {
            if walked.fresh > 0 || walked.records.len() != loaded {
                cache::save(root, config.zone, &walked.records);
            }
            timeline::assemble(walked.revisions)
        }
        Err(e) => History::noted(unreadable(root, e)),
    }
}

fn unreadable(root: &Path, source: git2::Error) -> Note {
    let e = HistoryError::Git { path: root.to_path_buf(), source };
    Note::Unreadable { detail: e.to_string() }
}

impl History {
    fn noted(note: Note) -> History {
        History { notes: vec![note], ..History::default() }
    }
}
