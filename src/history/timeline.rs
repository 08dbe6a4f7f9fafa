//! From revisions to timelines: grouping the changed files by appeal, oldest first, and
//! turning each pair of versions into events.

use super::walk::{Revision, Side};
use super::{Change, Event, History, UnknownAuthor};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Builds the history from the revisions of one pass, given newest first.
pub fn assemble(revisions: Vec<Revision>) -> History {
    let unknown_authors = unknown_authors(&revisions);
    let mut grouped: BTreeMap<String, Vec<Revision>> = BTreeMap::new();
    for r in revisions.into_iter().rev() {
        grouped.entry(r.key.clone()).or_default().push(r);
    }
    let timelines = grouped.into_iter().map(|(key, revs)| (key, events(revs))).collect();
    History { timelines, unknown_authors, notes: Vec::new() }
}

/// The events of one appeal from its revisions, oldest first.
fn events(revisions: Vec<Revision>) -> Vec<Event> {
    let mut out = Vec::new();
    // When a version cannot be read, the next readable one is compared with the last
    // readable one, so that a broken commit does not hide the changes around it.
    let mut last_readable = None;
    for r in revisions {
        let file = r.new_path.clone().or_else(|| r.old_path.clone()).unwrap_or_default();
        let mut push =
            |change| out.push(Event { commit: r.commit.clone(), file: file.clone(), change });
        let snapshot = match &r.new {
            Side::Absent => {
                push(Change::Deleted);
                continue;
            }
            Side::Unreadable => None,
            Side::Readable(s) => Some(s.clone()),
        };
        let base = match &r.old {
            Side::Absent => {
                push(Change::Created);
                None
            }
            Side::Unreadable => last_readable.clone(),
            Side::Readable(s) => Some(s.clone()),
        };
        if let (Some(from), Some(_)) = (&r.old_path, &r.new_path)
            && r.old_path != r.new_path
        {
            push(Change::Renamed { from: from.clone() });
        }
        match snapshot {
            None => push(Change::Unreadable),
            Some(s) => {
                super::snapshot::changes(base.as_deref(), &s).into_iter().for_each(&mut push);
                last_readable = Some(s);
            }
        }
    }
    out
}

/// Every address that changed appeals without belonging to a staff member, with its
/// oldest commit and the number of its commits.
fn unknown_authors(revisions: &[Revision]) -> Vec<UnknownAuthor> {
    let mut found: Vec<UnknownAuthor> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut last_commit: HashMap<String, String> = HashMap::new();
    for r in revisions.iter().rev().filter(|r| r.commit.author.staff.is_none()) {
        let author = &r.commit.author;
        if last_commit.get(&author.email) == Some(&r.commit.id) {
            continue;
        }
        last_commit.insert(author.email.clone(), r.commit.id.clone());
        match index.get(&author.email) {
            Some(&i) => found[i].commits += 1,
            None => {
                index.insert(author.email.clone(), found.len());
                found.push(UnknownAuthor {
                    name: author.name.clone(),
                    email: author.email.clone(),
                    first: Arc::clone(&r.commit),
                    file: r.new_path.clone().or_else(|| r.old_path.clone()).unwrap_or_default(),
                    commits: 1,
                });
            }
        }
    }
    found
}
