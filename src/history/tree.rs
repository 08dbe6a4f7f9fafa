//! A fast comparison of two versions of the `appeals` folder, straight from the raw tree
//! objects.
//!
//! libgit2's tree diff visits every entry of both trees and builds and matches a path for
//! each, so a commit that changes one appeal in a folder of 2 000 costs thousands of
//! string operations. Here only subtrees whose ids differ are opened; two versions of a
//! folder are byte for byte the same except around the entries that changed, so the
//! common start and end are skipped with word-sized comparisons and only the middle is
//! merged entry by entry. The trees most recently read are kept, because in a newest-first
//! walk the tree a commit's parent has is the tree the next commit has. Renames are left
//! to libgit2's similarity detection (see `walk`).

use git2::{ObjectType, Odb, OdbObject, Oid};
use std::cmp::Ordering;
use std::collections::VecDeque;
use std::rc::Rc;

/// How many raw trees are kept; a walk needs the last few.
const KEPT: usize = 16;
/// Length of a SHA-1 object id in a tree entry.
const ID: usize = 20;

/// One file that differs between two trees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Path from the compared folder, `/`-separated.
    pub path: String,
    /// Blob before, if the file existed.
    pub old: Option<Oid>,
    /// Blob after, if the file exists.
    pub new: Option<Oid>,
}

/// Reads raw trees and compares them, keeping the most recent.
pub struct Trees<'o, 'r> {
    odb: &'o Odb<'r>,
    kept: VecDeque<(Oid, Rc<OdbObject<'o>>)>,
}

/// One entry of a raw tree.
#[derive(Clone, Copy)]
struct Entry<'a> {
    mode: &'a [u8],
    name: &'a [u8],
    id: &'a [u8],
    /// Bytes the entry takes in the tree.
    len: usize,
}

impl Entry<'_> {
    fn is_tree(&self) -> bool {
        self.mode == b"40000"
    }

    /// Regular files only: links and submodules are never appeals.
    fn is_file(&self) -> bool {
        self.mode == b"100644" || self.mode == b"100755"
    }

    fn oid(&self) -> Option<Oid> {
        Oid::from_bytes(self.id).ok()
    }

    /// git's order: a folder sorts as if its name ended with `/`.
    fn order(&self, other: &Entry) -> Ordering {
        let n = self.name.len().min(other.name.len());
        self.name[..n].cmp(&other.name[..n]).then_with(|| {
            let next = |e: &Entry| e.name.get(n).copied().or(e.is_tree().then_some(b'/'));
            next(self).cmp(&next(other))
        })
    }
}

impl<'o, 'r> Trees<'o, 'r> {
    /// A reader over `odb`.
    pub fn new(odb: &'o Odb<'r>) -> Self {
        Trees { odb, kept: VecDeque::with_capacity(KEPT) }
    }

    /// The id of entry `name` in tree `tree`, if it is a folder.
    pub fn subtree(&mut self, tree: Oid, name: &str) -> Result<Option<Oid>, git2::Error> {
        let raw = self.raw(tree)?;
        Ok(entries(raw.data())
            .find(|e| e.name == name.as_bytes() && e.is_tree())
            .and_then(|e| e.oid()))
    }

    /// Every file that differs between folders `old` and `new` (either may be absent).
    ///
    /// Fails when an object cannot be read or is not a tree.
    pub fn diff(
        &mut self,
        old: Option<Oid>,
        new: Option<Oid>,
        prefix: &str,
        out: &mut Vec<FileChange>,
    ) -> Result<(), git2::Error> {
        if old == new {
            return Ok(());
        }
        let old_raw = old.map(|t| self.raw(t)).transpose()?;
        let new_raw = new.map(|t| self.raw(t)).transpose()?;
        let empty: &[u8] = &[];
        let old_bytes = old_raw.as_ref().map_or(empty, |o| o.data());
        let new_bytes = new_raw.as_ref().map_or(empty, |o| o.data());
        let (start, same_end) = common_ends(old_bytes, new_bytes);
        let (mut a, mut b) = (&old_bytes[start..], &new_bytes[start..]);
        loop {
            // The rest is identical once both sides have the same length within the
            // common end.
            if a.len() == b.len() && a.len() <= same_end {
                return Ok(());
            }
            let (x, y) = match (first(a), first(b)) {
                (None, None) => return Ok(()),
                (Some(x), None) => (Some(x), None),
                (None, Some(y)) => (None, Some(y)),
                (Some(x), Some(y)) => match x.order(&y) {
                    Ordering::Less => (Some(x), None),
                    Ordering::Greater => (None, Some(y)),
                    Ordering::Equal => (Some(x), Some(y)),
                },
            };
            if let Some(x) = x {
                a = &a[x.len..];
            }
            if let Some(y) = y {
                b = &b[y.len..];
            }
            self.pair(x, y, prefix, out)?;
        }
    }

    /// Compares one name on both sides.
    fn pair(
        &mut self,
        x: Option<Entry>,
        y: Option<Entry>,
        prefix: &str,
        out: &mut Vec<FileChange>,
    ) -> Result<(), git2::Error> {
        if let (Some(x), Some(y)) = (x, y)
            && x.id == y.id
        {
            return Ok(());
        }
        let entry = x.or(y).map(|e| e.name).unwrap_or_default();
        let path = format!("{prefix}/{}", String::from_utf8_lossy(entry));
        let tree = |e: Option<Entry>| e.filter(Entry::is_tree).and_then(|e| e.oid());
        let file = |e: Option<Entry>| e.filter(Entry::is_file).and_then(|e| e.oid());
        if tree(x).is_some() || tree(y).is_some() {
            self.diff(tree(x), tree(y), &path, out)?;
        }
        let (old, new) = (file(x), file(y));
        if old.is_some() || new.is_some() {
            out.push(FileChange { path, old, new });
        }
        Ok(())
    }

    /// Raw tree `id`, from the kept ones when possible.
    fn raw(&mut self, id: Oid) -> Result<Rc<OdbObject<'o>>, git2::Error> {
        if let Some((_, raw)) = self.kept.iter().find(|(k, _)| *k == id) {
            return Ok(raw.clone());
        }
        let object = self.odb.read(id)?;
        if object.kind() != ObjectType::Tree {
            return Err(git2::Error::from_str(&format!("{id} is not a tree")));
        }
        let raw = Rc::new(object);
        if self.kept.len() == KEPT {
            self.kept.pop_back();
        }
        self.kept.push_front((id, raw.clone()));
        Ok(raw)
    }
}

/// The entries of a raw tree: `<mode> <name>\0<20-byte id>`, repeated. A malformed tail
/// ends the list rather than failing: git wrote these trees and checked them on fetch.
fn entries(raw: &[u8]) -> impl Iterator<Item = Entry<'_>> {
    let mut rest = raw;
    std::iter::from_fn(move || {
        let entry = first(rest)?;
        rest = &rest[entry.len..];
        Some(entry)
    })
}

/// The entry `raw` starts with.
fn first(raw: &[u8]) -> Option<Entry<'_>> {
    let space = raw.iter().position(|&b| b == b' ')?;
    let nul = space + raw[space..].iter().position(|&b| b == 0)?;
    let end = nul + 1 + ID;
    let id = raw.get(nul + 1..end)?;
    Some(Entry { mode: &raw[..space], name: &raw[space + 1..nul], id, len: end })
}

/// Where the two trees start to differ, moved back to the start of that entry, and how
/// many bytes at their ends are the same.
fn common_ends(a: &[u8], b: &[u8]) -> (usize, usize) {
    let same_start = same_prefix(a, b);
    let same_end = same_suffix(a, b);
    // Entries before the first difference are identical on both sides, so their
    // boundaries are too; only names and the NUL that ends each are scanned here.
    let mut start = 0;
    while let Some(nul) = a[start..].iter().position(|&byte| byte == 0) {
        let next = start + nul + 1 + ID;
        if next > same_start {
            break;
        }
        start = next;
    }
    (start, same_end)
}

/// How many leading bytes `a` and `b` share, compared eight at a time.
fn same_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let word = |s: &[u8], i: usize| {
        s.get(i..i + 8)
            .map(|w| u64::from_ne_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]))
    };
    let mut i = 0;
    while i + 8 <= n && word(a, i) == word(b, i) {
        i += 8;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// How many trailing bytes `a` and `b` share.
fn same_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + 8 <= n && a[n - i - 8..n - i] == b[n - i - 8..n - i] {
        i += 8;
    }
    while i < n && a[n - i - 1] == b[n - i - 1] {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw_tree(entries: &[(&str, &str, u8)]) -> Vec<u8> {
        let mut out = Vec::new();
        for (mode, name, id) in entries {
            out.extend_from_slice(format!("{mode} {name}\0").as_bytes());
            out.extend_from_slice(&[*id; ID]);
        }
        out
    }

    #[test]
    fn raw_entries_read_in_order() {
        let raw = raw_tree(&[("100644", "a.md", 1), ("40000", "b", 2)]);
        let got: Vec<_> = entries(&raw).map(|e| (e.mode.to_vec(), e.name.to_vec())).collect();
        assert_eq!(
            got,
            [(b"100644".to_vec(), b"a.md".to_vec()), (b"40000".to_vec(), b"b".to_vec())]
        );
        assert_eq!(entries(&raw[..raw.len() - 1]).count(), 1);
    }

    #[test]
    fn common_ends_stop_at_entry_boundaries() {
        let old = raw_tree(&[("100644", "a.md", 1), ("100644", "b.md", 2), ("100644", "c.md", 3)]);
        let new = raw_tree(&[("100644", "a.md", 1), ("100644", "b.md", 9), ("100644", "c.md", 3)]);
        let entry = old.len() / 3;
        let (start, end) = common_ends(&old, &new);
        assert_eq!(start, entry);
        assert_eq!(end, entry);
        assert_eq!(same_prefix(b"abcdefghij-x", b"abcdefghij-y"), 11);
        assert_eq!(same_suffix(b"x-abcdefghij", b"y-abcdefghij"), 11);
    }

    #[test]
    fn folders_sort_as_if_they_ended_with_a_slash() {
        let raw = raw_tree(&[("100644", "a.md", 1), ("40000", "a", 2)]);
        let e: Vec<_> = entries(&raw).collect();
        // "a/" sorts after "a.md" because '/' (0x2f) is greater than '.' (0x2e).
        assert_eq!(e[0].order(&e[1]), Ordering::Less);
    }

    #[test]
    fn only_changed_files_are_listed() {
        let repo_dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(repo_dir.path()).unwrap();
        let odb = repo.odb().unwrap();
        let blob = |t: &str| odb.write(ObjectType::Blob, t.as_bytes()).unwrap();
        let tree = |items: &[(&str, Oid, i32)]| {
            let mut b = repo.treebuilder(None).unwrap();
            for (name, id, mode) in items {
                b.insert(name, *id, *mode).unwrap();
            }
            b.write().unwrap()
        };
        let (one, two, three) = (blob("1"), blob("2"), blob("3"));
        let old_year = tree(&[("a.md", one, 0o100644), ("b.md", two, 0o100644)]);
        let new_year =
            tree(&[("a.md", one, 0o100644), ("b.md", three, 0o100644), ("c.md", one, 0o100644)]);
        let old = tree(&[("2025", old_year, 0o040000), ("x.md", two, 0o100644)]);
        let new = tree(&[("2025", new_year, 0o040000)]);
        let mut trees = Trees::new(&odb);
        let mut out = Vec::new();
        trees.diff(Some(old), Some(new), "appeals", &mut out).unwrap();
        let change = |p: &str, old, new| FileChange { path: p.into(), old, new };
        assert_eq!(
            out,
            [
                change("appeals/2025/b.md", Some(two), Some(three)),
                change("appeals/2025/c.md", None, Some(one)),
                change("appeals/x.md", Some(two), None),
            ]
        );
    }
}
