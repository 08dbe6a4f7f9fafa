//! The one pass over git: which commits changed which appeal files, and what each version
//! of a changed file says.
//!
//! Commits are walked from HEAD, newest first, in topological order (a commit always
//! before its parents), so a rename is seen before the older changes it must carry over.
//! Each commit with one parent is compared with that parent, the root commit with the
//! empty tree, both restricted to `appeals/`: a commit whose `appeals` folder has the same
//! id as its parent's is skipped at once; otherwise the changed files are found by the
//! fast tree comparison of `tree`, and when a commit both adds and removes appeal files —
//! a possible rename — libgit2's diff with similarity detection (`find_similar`) decides
//! which pairs are renames. Only the blobs of changed files are read, and each blob is
//! parsed once, however many commits share it.
//!
//! Merge commits are not diffed. Every change a merge brings in was made by a commit on
//! the merged branch, which the walk visits too (it follows every parent); diffing the
//! merge as well would blame whoever pressed "merge" — often the sector lead in the
//! forge's web interface, or a bot — for the branch's work, and count it twice. The cost
//! is that a change made only while resolving a merge conflict is attributed to nobody;
//! comparing the merge with each of its parents, field by field, would close that gap.

use super::snapshot::{self, Snapshot};
use super::tree::Trees;
use super::{Author, Commit, SHORT_ID};
use crate::config::Config;
use crate::load::{APPEALS, MAX_FILE, is_readme};
use git2::{Delta, DiffFindOptions, DiffOptions, Mailmap, Odb, Oid, Repository, Sort, Tree};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// One version of a file on one side of a change.
#[derive(Debug, Clone)]
pub enum Side {
    /// The file does not exist on this side.
    Absent,
    /// It exists, but its front matter cannot be read.
    Unreadable,
    /// It exists and reads.
    Readable(Arc<Snapshot>),
}

/// What one commit did to the appeals, independent of the configuration: the unit the
/// cache keeps. Merges and commits that change no appeal have no files.
#[derive(Debug, Clone, Default)]
pub struct CommitRecord {
    /// Author name as committed.
    pub name: String,
    /// Author e-mail as committed.
    pub email: String,
    /// Author time, seconds since the epoch.
    pub time: i64,
    /// Whether the commit carries a signature.
    pub signed: bool,
    /// The appeal files it changed.
    pub files: Vec<FileRecord>,
}

/// One appeal file as one commit changed it.
#[derive(Debug, Clone)]
pub struct FileRecord {
    /// Path in the parent, if the file existed there.
    pub old_path: Option<String>,
    /// Path in the commit, if the file exists there.
    pub new_path: Option<String>,
    /// The version before.
    pub old: Side,
    /// The version after.
    pub new: Side,
}

/// Records by full commit id.
pub type Records = HashMap<String, Arc<CommitRecord>>;

/// One appeal file changed by one commit.
#[derive(Debug, Clone)]
pub struct Revision {
    /// The commit.
    pub commit: Arc<Commit>,
    /// The appeal id the file has at HEAD (its stem, following later renames).
    pub key: String,
    /// Path in the parent, if the file existed there.
    pub old_path: Option<String>,
    /// Path in the commit, if the file exists there.
    pub new_path: Option<String>,
    /// The version before.
    pub old: Side,
    /// The version after.
    pub new: Side,
}

/// Walks the history reachable from HEAD and returns every revision of an appeal file,
/// newest first, and the record of every commit walked. Commits found in `known` are
/// taken from there instead of being read again.
///
/// Fails when git cannot read a commit, a tree or a blob it needs.
pub fn walk(repo: &Repository, config: &Config, known: Records) -> Result<Walked, git2::Error> {
    let mut walker = repo.revwalk()?;
    walker.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
    walker.push_head()?;
    let order = walker.collect::<Result<Vec<Oid>, _>>()?;
    let missing: Vec<Oid> =
        order.iter().filter(|oid| !known.contains_key(&oid.to_string())).copied().collect();
    let read = read_all(repo.path(), config.zone, &missing)?;
    let fresh = read.len();
    let mut pass = Pass::new(repo, config, known, read);
    for oid in order {
        pass.commit(oid);
    }
    Ok(Walked { revisions: pass.revisions, records: pass.records, fresh })
}

/// What a pass found.
pub struct Walked {
    /// Every revision of an appeal file, newest first.
    pub revisions: Vec<Revision>,
    /// The record of every commit walked.
    pub records: Records,
    /// How many records were read from git rather than taken from an earlier pass.
    pub fresh: usize,
}

/// Reads the records of `oids` on every core. Each commit's record depends on that commit
/// alone, so the walk order is cut into one contiguous run per thread (keeping the reuse
/// of trees between neighbouring commits), each with its own handle on the repository.
fn read_all(git_dir: &Path, zone: chrono_tz::Tz, oids: &[Oid]) -> Result<Records, git2::Error> {
    let run = oids.len().div_ceil(rayon::current_num_threads()).max(1);
    let runs: Vec<Vec<(String, Arc<CommitRecord>)>> = oids
        .par_chunks(run)
        .map(|run| {
            let repo = Repository::open(git_dir)?;
            let odb = repo.odb()?;
            let mut reader = Reader::new(&repo, &odb, zone);
            run.iter().map(|oid| Ok((oid.to_string(), Arc::new(reader.read(*oid)?)))).collect()
        })
        .collect::<Result<_, git2::Error>>()?;
    Ok(runs.into_iter().flatten().collect())
}

/// A changed appeal file, before its blobs are read.
struct ChangedFile {
    old_path: Option<String>,
    new_path: Option<String>,
    old_id: Option<Oid>,
    new_id: Option<Oid>,
}

/// Reads commits from git on one thread, reusing options, trees and parsed blobs.
struct Reader<'o, 'r> {
    repo: &'r Repository,
    odb: &'o Odb<'r>,
    trees: Trees<'o, 'r>,
    zone: chrono_tz::Tz,
    diff_options: DiffOptions,
    find_options: DiffFindOptions,
    /// Parsed versions by blob id; `None` for an unreadable one.
    snapshots: HashMap<Oid, Option<Arc<Snapshot>>>,
}

impl<'o, 'r> Reader<'o, 'r> {
    fn new(repo: &'r Repository, odb: &'o Odb<'r>, zone: chrono_tz::Tz) -> Self {
        let mut diff_options = DiffOptions::new();
        diff_options.pathspec(format!("{APPEALS}/")).skip_binary_check(true);
        let mut find_options = DiffFindOptions::new();
        find_options.renames(true);
        Reader {
            repo,
            odb,
            trees: Trees::new(odb),
            zone,
            diff_options,
            find_options,
            snapshots: HashMap::new(),
        }
    }

    /// Reads from git what commit `oid` did to the appeals.
    fn read(&mut self, oid: Oid) -> Result<CommitRecord, git2::Error> {
        let commit = self.repo.find_commit(oid)?;
        if commit.parent_count() > 1 {
            return Ok(CommitRecord::default());
        }
        let parent = match commit.parent_count() {
            0 => None,
            _ => Some(self.repo.find_commit(commit.parent_id(0)?)?.tree_id()),
        };
        let deltas = self.changed(parent, commit.tree_id())?;
        if deltas.is_empty() {
            return Ok(CommitRecord::default());
        }
        let mut files = Vec::with_capacity(deltas.len());
        for d in deltas {
            let (old, new) = (self.side(d.old_id)?, self.side(d.new_id)?);
            files.push(FileRecord { old_path: d.old_path, new_path: d.new_path, old, new });
        }
        let author = commit.author();
        Ok(CommitRecord {
            name: String::from_utf8_lossy(author.name_bytes()).into_owned(),
            email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
            time: author.when().seconds(),
            // Only the presence of a signature is known here; keys are not verified.
            signed: self.repo.extract_signature(&oid, None).is_ok(),
            files,
        })
    }

    /// The appeal files that differ between the root trees `old` and `new`, with moves
    /// paired.
    fn changed(&mut self, old: Option<Oid>, new: Oid) -> Result<Vec<ChangedFile>, git2::Error> {
        // Most commits of a busy register touch one file or none; comparing the ids of
        // the two `appeals` folders skips the latter without reading further.
        let new_folder = self.trees.subtree(new, APPEALS)?;
        let old_folder = old.map(|t| self.trees.subtree(t, APPEALS)).transpose()?.flatten();
        if old_folder == new_folder {
            return Ok(Vec::new());
        }
        let mut files = Vec::new();
        self.trees.diff(old_folder, new_folder, APPEALS, &mut files)?;
        let mut deltas: Vec<ChangedFile> = files
            .into_iter()
            .filter(|f| is_appeal(&f.path))
            .map(|f| ChangedFile {
                old_path: f.old.map(|_| f.path.clone()),
                new_path: f.new.map(|_| f.path.clone()),
                old_id: f.old,
                new_id: f.new,
            })
            .collect();
        let added = deltas.iter().any(|d| d.old_path.is_none());
        if added && deltas.iter().any(|d| d.new_path.is_none()) {
            let old_tree = old.map(|t| self.repo.find_tree(t)).transpose()?;
            deltas = self.similar(old_tree.as_ref(), &self.repo.find_tree(new)?)?;
        }
        pair_moves(&mut deltas);
        Ok(deltas)
    }

    /// The appeal files that differ between `old` and `new`, renames paired by git's
    /// similarity detection.
    fn similar(&mut self, old: Option<&Tree>, new: &Tree) -> Result<Vec<ChangedFile>, git2::Error> {
        let mut diff = self.repo.diff_tree_to_tree(old, Some(new), Some(&mut self.diff_options))?;
        let statuses = || diff.deltas().map(|d| d.status());
        if statuses().any(|s| s == Delta::Added) && statuses().any(|s| s == Delta::Deleted) {
            diff.find_similar(Some(&mut self.find_options))?;
        }
        let mut out = Vec::new();
        for d in diff.deltas() {
            let path = |f: git2::DiffFile| f.path().map(|p| p.to_string_lossy().replace('\\', "/"));
            let (old_path, new_path) = (path(d.old_file()), path(d.new_file()));
            let old_path = old_path.filter(|p| is_appeal(p) && d.status() != Delta::Added);
            let new_path = new_path.filter(|p| is_appeal(p) && d.status() != Delta::Deleted);
            let (old_id, new_id) = (d.old_file().id(), d.new_file().id());
            if old_path.is_none() && new_path.is_none() {
                continue;
            }
            out.push(ChangedFile {
                old_id: old_path.as_ref().map(|_| old_id),
                new_id: new_path.as_ref().map(|_| new_id),
                old_path,
                new_path,
            });
        }
        Ok(out)
    }

    /// Reads and parses a blob, once per blob id.
    fn side(&mut self, id: Option<Oid>) -> Result<Side, git2::Error> {
        let Some(id) = id else { return Ok(Side::Absent) };
        if let Some(known) = self.snapshots.get(&id) {
            return Ok(side_of(known));
        }
        let object = self.odb.read(id)?;
        let parsed = if object.len() as u64 > MAX_FILE {
            None
        } else {
            snapshot::parse(object.data(), self.zone).map(Arc::new)
        };
        let side = side_of(&parsed);
        self.snapshots.insert(id, parsed);
        Ok(side)
    }
}

/// The part of a pass that follows the walk order: authors and renames.
struct Pass {
    zone: chrono_tz::Tz,
    mailmap: Option<Mailmap>,
    staff: HashMap<String, String>,
    /// Older path → the appeal id it became, learnt from renames seen so far.
    follow: HashMap<String, String>,
    revisions: Vec<Revision>,
    /// Records from an earlier pass and from this pass's reading.
    known: Records,
    /// Records of every commit walked.
    records: Records,
}

impl Pass {
    fn new(repo: &Repository, config: &Config, mut known: Records, read: Records) -> Self {
        known.extend(read);
        let staff = config
            .staff
            .iter()
            .flat_map(|s| s.emails.iter().map(|e| (e.to_lowercase(), s.id.clone())))
            .collect();
        Pass {
            zone: config.zone,
            // A missing or broken .mailmap only means addresses are taken as committed.
            mailmap: repo.mailmap().ok(),
            staff,
            follow: HashMap::new(),
            revisions: Vec::new(),
            known,
            records: HashMap::new(),
        }
    }

    /// Records the appeal files commit `oid` changed.
    fn commit(&mut self, oid: Oid) {
        let id = oid.to_string();
        let Some(record) = self.known.remove(&id) else { return };
        self.records.insert(id.clone(), record.clone());
        if record.files.is_empty() {
            return;
        }
        let info = Arc::new(self.describe(id, &record));
        for file in &record.files {
            self.record(&info, file);
        }
    }

    /// Who made the commit (after `.mailmap`, matched to staff) and when, in the
    /// municipality's zone. Done on every pass, cached or not, because the staff list and
    /// `.mailmap` may have changed since.
    fn describe(&self, id: String, record: &CommitRecord) -> Commit {
        let (mut name, mut email) = (record.name.clone(), record.email.clone());
        let raw = git2::Signature::new(&name, &email, &git2::Time::new(record.time, 0));
        if let (Some(map), Ok(raw)) = (&self.mailmap, raw)
            && let Ok(mapped) = map.resolve_signature(&raw)
        {
            name = String::from_utf8_lossy(mapped.name_bytes()).into_owned();
            email = String::from_utf8_lossy(mapped.email_bytes()).into_owned();
        }
        let email = email.trim().to_lowercase();
        let raw_email = record.email.trim().to_lowercase();
        let staff = self.staff.get(&email).or_else(|| self.staff.get(&raw_email)).cloned();
        let time = chrono::DateTime::from_timestamp(record.time, 0)
            .unwrap_or_default()
            .with_timezone(&self.zone)
            .fixed_offset();
        Commit {
            short: id[..SHORT_ID.min(id.len())].to_string(),
            id,
            author: Author { name, email, staff },
            time,
            signed: record.signed,
        }
    }

    /// Turns one changed file into a revision keyed by the id the file has at HEAD.
    fn record(&mut self, commit: &Arc<Commit>, d: &FileRecord) {
        let path = d.new_path.as_deref().or(d.old_path.as_deref()).unwrap_or_default();
        let key = self.follow.get(path).cloned().unwrap_or_else(|| stem(path).to_string());
        match (&d.old_path, &d.new_path) {
            (Some(old), Some(new)) if old != new => {
                self.follow.insert(old.clone(), key.clone());
            }
            // The file starts here; an older file at the same path is another appeal.
            (None, Some(new)) => {
                self.follow.remove(new);
            }
            _ => {}
        }
        self.revisions.push(Revision {
            commit: commit.clone(),
            key,
            old_path: d.old_path.clone(),
            new_path: d.new_path.clone(),
            old: d.old.clone(),
            new: d.new.clone(),
        });
    }
}

fn side_of(parsed: &Option<Arc<Snapshot>>) -> Side {
    match parsed {
        Some(s) => Side::Readable(s.clone()),
        None => Side::Unreadable,
    }
}

/// Whether `path` is an appeal file as `load` sees them: a `.md` file under `appeals/`
/// with no hidden component, and not a README.
fn is_appeal(path: &str) -> bool {
    path.strip_prefix(APPEALS).is_some_and(|rest| rest.starts_with('/'))
        && path.ends_with(".md")
        && !path.split('/').any(|c| c.starts_with('.'))
        && !path.rsplit('/').next().is_some_and(is_readme)
}

/// The file name without `.md`: the appeal id.
fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

/// Pairs a deleted and an added file with the same stem in one commit as a move. git's
/// rename detection gives up on commits that move more files than its limit (a folder
/// reorganised by year, say); the id is the stem, so the stem is the safer guide.
fn pair_moves(deltas: &mut Vec<ChangedFile>) {
    let mut deleted: HashMap<String, usize> = HashMap::new();
    for (i, d) in deltas.iter().enumerate() {
        if let (Some(old), None) = (&d.old_path, &d.new_path) {
            deleted.insert(stem(old).to_string(), i);
        }
    }
    if deleted.is_empty() {
        return;
    }
    let mut merged = vec![false; deltas.len()];
    for i in 0..deltas.len() {
        let (None, Some(new)) = (&deltas[i].old_path, &deltas[i].new_path) else { continue };
        if let Some(j) = deleted.remove(stem(new)) {
            deltas[i].old_path = deltas[j].old_path.take();
            deltas[i].old_id = deltas[j].old_id;
            merged[j] = true;
        }
    }
    let mut index = 0;
    deltas.retain(|_| {
        index += 1;
        !merged[index - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_visible_markdown_under_appeals_counts() {
        assert!(is_appeal("appeals/2026/2026-0001.md"));
        assert!(!is_appeal("appeals/2026/.draft.md"));
        assert!(!is_appeal("appeals/2026/notes.txt"));
        assert!(!is_appeal("appeals/README.md"));
        assert!(!is_appeal("appealsx/2026-0001.md"));
        assert_eq!(stem("appeals/2026/2026-0001.md"), "2026-0001");
    }

    #[test]
    fn a_delete_and_an_add_of_one_id_become_a_move() {
        let d = |old: Option<&str>, new: Option<&str>| ChangedFile {
            old_path: old.map(str::to_string),
            new_path: new.map(str::to_string),
            old_id: old.map(|_| Oid::ZERO_SHA1),
            new_id: new.map(|_| Oid::ZERO_SHA1),
        };
        let mut deltas = vec![
            d(Some("appeals/2026-0001.md"), None),
            d(None, Some("appeals/2026/2026-0001.md")),
            d(None, Some("appeals/2026/2026-0002.md")),
        ];
        pair_moves(&mut deltas);
        assert_eq!(deltas.len(), 2);
        assert_eq!(deltas[0].old_path.as_deref(), Some("appeals/2026-0001.md"));
        assert_eq!(deltas[0].new_path.as_deref(), Some("appeals/2026/2026-0001.md"));
    }
}
