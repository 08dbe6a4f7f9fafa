//! Writing to git: staging and committing the files that the edit commands and `init`
//! change, as the user configured in git.
//!
//! A commit made here contains only the paths it is given, like `git commit -- PATH`:
//! whatever else the user had staged stays staged and out of the commit, so that the audit
//! trail's commit "status new → assigned" holds that change and nothing else.

use crate::messages::{self, Message};
use chrono::{DateTime, FixedOffset};
use git2::{ErrorCode, Repository, RepositoryInitOptions, Signature, Status};
use std::path::{Path, PathBuf};

/// The branch a repository made by `otklik init` starts on.
pub const INITIAL_BRANCH: &str = "main";

/// Who commits: git's `user.name` and `user.email`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// `user.name`.
    pub name: String,
    /// `user.email`.
    pub email: String,
}

/// Why git could not be written to.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    /// No git repository contains the folder.
    #[error("{}: not inside a git repository", path.display())]
    NotARepository {
        /// The folder.
        path: PathBuf,
    },
    /// The repository has no working tree to take files from.
    #[error("{}: the repository is bare", path.display())]
    Bare {
        /// The repository.
        path: PathBuf,
    },
    /// `user.name` or `user.email` is not configured.
    #[error("git user.name and user.email are not set")]
    NoIdentity,
    /// The file differs from the last commit, so a commit would carry unrelated changes.
    #[error("{path}: has changes that are not committed")]
    Uncommitted {
        /// Repository-relative path.
        path: String,
    },
    /// The folder lies outside the repository's working tree.
    #[error("{}: outside the repository's working tree", path.display())]
    Outside {
        /// The folder.
        path: PathBuf,
    },
    /// The paths are already as committed.
    #[error("nothing to commit")]
    NothingToCommit,
    /// Anything else git reported.
    #[error("git: {detail}")]
    Git {
        /// git's own explanation (English).
        detail: String,
    },
}

impl From<git2::Error> for CommitError {
    fn from(e: git2::Error) -> Self {
        CommitError::Git { detail: e.message().to_string() }
    }
}

impl CommitError {
    /// What went wrong and what to do, for people.
    pub fn message(&self) -> Message {
        match self {
            CommitError::NotARepository { path } => {
                messages::not_a_repository(&path.display().to_string())
            }
            CommitError::Bare { path } => messages::bare_repository(&path.display().to_string()),
            CommitError::NoIdentity => messages::no_git_identity(),
            CommitError::Uncommitted { path } => messages::uncommitted_changes(path),
            CommitError::Outside { path } => {
                messages::outside_worktree(&path.display().to_string())
            }
            CommitError::NothingToCommit => messages::nothing_to_commit(),
            CommitError::Git { detail } => messages::git_failed(detail),
        }
    }
}

/// The repository that contains `root`, and `root`'s path inside its working tree (empty
/// when `root` is the top), with `/` separators.
fn open(root: &Path) -> Result<(Repository, String), CommitError> {
    let repo = Repository::discover(root).map_err(|e| match e.code() {
        ErrorCode::NotFound => CommitError::NotARepository { path: root.to_path_buf() },
        _ => CommitError::from(e),
    })?;
    let workdir = repo.workdir().ok_or_else(|| CommitError::Bare { path: root.to_path_buf() })?;
    let outside = || CommitError::Outside { path: root.to_path_buf() };
    let workdir = workdir.canonicalize().map_err(|_| outside())?;
    let here = root.canonicalize().map_err(|_| outside())?;
    let inside = here.strip_prefix(&workdir).map_err(|_| outside())?;
    let prefix = crate::load::relative(Path::new(""), inside);
    Ok((repo, prefix))
}

/// `rel` (relative to the otklik root) as a path in the git index.
fn index_path(prefix: &str, rel: &str) -> String {
    if prefix.is_empty() { rel.to_string() } else { format!("{prefix}/{rel}") }
}

/// Fails unless `root` lies in the working tree of a git repository.
pub fn ensure_repository(root: &Path) -> Result<(), CommitError> {
    open(root).map(|_| ())
}

/// The configured git user of the repository containing `root` (repository, global and
/// system configuration, in git's order).
///
/// Fails when there is no repository or `user.name` / `user.email` is unset.
pub fn identity(root: &Path) -> Result<Identity, CommitError> {
    let (repo, _) = open(root)?;
    identity_from(&repo.config()?)
}

/// The git user of the global and system configuration, for folders that are not yet a
/// repository. Fails when `user.name` or `user.email` is unset.
pub fn default_identity() -> Result<Identity, CommitError> {
    identity_from(&git2::Config::open_default()?)
}

fn identity_from(config: &git2::Config) -> Result<Identity, CommitError> {
    let get = |key: &str| config.get_string(key).ok().filter(|v| !v.trim().is_empty());
    match (get("user.name"), get("user.email")) {
        (Some(name), Some(email)) => Ok(Identity { name, email }),
        _ => Err(CommitError::NoIdentity),
    }
}

/// Fails when any of `paths` (relative to `root`) has changes, staged or not, against the
/// last commit; a file that does not exist yet and is not tracked is fine.
pub fn ensure_unchanged(root: &Path, paths: &[&str]) -> Result<(), CommitError> {
    let (repo, prefix) = open(root)?;
    for rel in paths {
        let path = index_path(&prefix, rel);
        let status = match repo.status_file(Path::new(&path)) {
            Ok(s) => s,
            Err(e) if e.code() == ErrorCode::NotFound => continue,
            Err(e) => return Err(e.into()),
        };
        if !(status.is_empty() || status == Status::CURRENT) {
            return Err(CommitError::Uncommitted { path });
        }
    }
    Ok(())
}

/// Adds `paths` (relative to `root`) to the index as they are on disk; a path that no
/// longer exists is removed from the index.
///
/// Fails when there is no repository or git cannot write its index.
pub fn stage(root: &Path, paths: &[&str]) -> Result<(), CommitError> {
    let (repo, prefix) = open(root)?;
    stage_in(&repo, &prefix, root, paths)?;
    Ok(())
}

fn stage_in(
    repo: &Repository,
    prefix: &str,
    root: &Path,
    paths: &[&str],
) -> Result<Vec<String>, CommitError> {
    let mut index = repo.index()?;
    let mut staged = Vec::new();
    for rel in paths {
        let path = index_path(prefix, rel);
        if root.join(rel).exists() {
            index.add_path(Path::new(&path))?;
        } else {
            index.remove_path(Path::new(&path))?;
        }
        staged.push(path);
    }
    index.write()?;
    Ok(staged)
}

/// Stages `paths` and commits exactly them on the current branch as `who`, at `when`.
/// Returns the new commit's id.
///
/// Fails when there is no repository, the paths are already as committed, or git cannot
/// write the objects or move the branch.
pub fn commit(
    root: &Path,
    paths: &[&str],
    message: &str,
    who: &Identity,
    when: DateTime<FixedOffset>,
) -> Result<String, CommitError> {
    let (repo, prefix) = open(root)?;
    let staged = stage_in(&repo, &prefix, root, paths)?;
    let index = repo.index()?;
    let parent = head_commit(&repo)?;

    // The commit's tree is the last commit's tree with only these paths replaced, so that
    // other staged changes stay out of it.
    let mut tree_index = git2::Index::new()?;
    if let Some(parent) = &parent {
        tree_index.read_tree(&parent.tree()?)?;
    }
    for path in &staged {
        match index.get_path(Path::new(path), 0) {
            Some(entry) => tree_index.add(&entry)?,
            None => {
                // A path git never knew is simply absent from the tree.
                let _ = tree_index.remove_path(Path::new(path));
            }
        }
    }
    let tree_id = tree_index.write_tree_to(&repo)?;
    if parent.as_ref().is_some_and(|p| p.tree_id() == tree_id) {
        return Err(CommitError::NothingToCommit);
    }
    let tree = repo.find_tree(tree_id)?;
    let time = git2::Time::new(when.timestamp(), when.offset().local_minus_utc() / 60);
    let signature = Signature::new(&who.name, &who.email, &time)?;
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    let id = repo.commit(Some("HEAD"), &signature, &signature, message, &tree, &parents)?;
    Ok(id.to_string())
}

/// The commit HEAD points at, or `None` in a repository without commits.
fn head_commit(repo: &Repository) -> Result<Option<git2::Commit<'_>>, CommitError> {
    match repo.head() {
        Ok(head) => Ok(Some(head.peel_to_commit()?)),
        Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Makes `root` a new git repository whose first branch is [`INITIAL_BRANCH`].
///
/// Fails when git cannot create the repository.
pub fn init(root: &Path) -> Result<(), CommitError> {
    let mut options = RepositoryInitOptions::new();
    options.initial_head(INITIAL_BRANCH);
    Repository::init_opts(root, &options)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who() -> Identity {
        Identity { name: "Тестов Тест".into(), email: "test@test.example".into() }
    }

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn a_commit_holds_only_its_paths_and_leaves_other_staged_work_staged() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path()).unwrap();
        std::fs::write(dir.path().join("a.md"), "a\n").unwrap();
        let first = commit(dir.path(), &["a.md"], "first", &who(), at("2026-03-02T10:00:00+07:00"));
        assert!(first.is_ok(), "{first:?}");

        std::fs::write(dir.path().join("b.md"), "b\n").unwrap();
        stage(dir.path(), &["b.md"]).unwrap();
        std::fs::write(dir.path().join("a.md"), "a2\n").unwrap();
        commit(dir.path(), &["a.md"], "second", &who(), at("2026-03-03T10:00:00+07:00")).unwrap();

        let repo = Repository::open(dir.path()).unwrap();
        let head = repo.head().unwrap().peel_to_commit().unwrap();
        assert_eq!(head.message().unwrap(), "second");
        assert_eq!(head.author().name().unwrap(), "Тестов Тест");
        assert_eq!(head.author().when().seconds(), at("2026-03-03T10:00:00+07:00").timestamp());
        assert_eq!(head.author().when().offset_minutes(), 7 * 60);
        assert!(head.tree().unwrap().get_name("b.md").is_none());
        let b = repo.status_file(Path::new("b.md")).unwrap();
        assert!(b.contains(Status::INDEX_NEW), "{b:?}");
        assert_eq!(repo.head().unwrap().shorthand().unwrap(), INITIAL_BRANCH);
    }

    #[test]
    fn a_changed_file_is_reported_before_a_commit_would_swallow_it() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path()).unwrap();
        std::fs::write(dir.path().join("a.md"), "a\n").unwrap();
        commit(dir.path(), &["a.md"], "first", &who(), at("2026-03-02T10:00:00+07:00")).unwrap();
        assert!(ensure_unchanged(dir.path(), &["a.md", "new.md"]).is_ok());
        std::fs::write(dir.path().join("a.md"), "changed\n").unwrap();
        assert!(matches!(
            ensure_unchanged(dir.path(), &["a.md"]),
            Err(CommitError::Uncommitted { path }) if path == "a.md"
        ));
    }

    #[test]
    fn a_folder_outside_git_is_named() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(ensure_repository(dir.path()), Err(CommitError::NotARepository { .. })));
    }

    #[test]
    fn an_otklik_root_below_the_top_of_the_repository_commits_under_its_prefix() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path()).unwrap();
        let sub = dir.path().join("sample");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(sub.join("a.md"), "a\n").unwrap();
        commit(&sub, &["a.md"], "first", &who(), at("2026-03-02T10:00:00+07:00")).unwrap();
        let repo = Repository::open(dir.path()).unwrap();
        let tree = repo.head().unwrap().peel_to_tree().unwrap();
        assert!(tree.get_path(Path::new("sample/a.md")).is_ok());
    }
}
