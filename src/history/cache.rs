//! The history cache: what each commit did to the appeals, kept in
//! `.otklik-cache/history.json` (ignored by git) so that a rebuild after one new commit
//! reads only that commit from git.
//!
//! A commit id names the commit's whole content and its parents, so what a commit changed
//! never changes and needs no invalidation; commits no longer reachable simply drop out
//! when the cache is written again. What does depend on the setting — the zone that
//! date-times are converted into — and on the reader's version is stamped in the file,
//! and a file with another stamp is ignored. Authors are stored as committed and matched
//! to staff and `.mailmap` afresh on every pass. The cache is only a shortcut: a missing,
//! unreadable or unwritable cache just means reading git.

use super::snapshot::Snapshot;
use super::walk::{CommitRecord, FileRecord, Records, Side};
use crate::appeal::{Extension, Loop};
use crate::dates;
use crate::fields::Choice;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The folder of caches at the repository root.
pub const FOLDER: &str = ".otklik-cache";
/// Bumped whenever the stored shape or the reading of front matter changes.
const FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Stored {
    format: u32,
    otklik: String,
    zone: String,
    commits: Vec<(String, StoredCommit)>,
}

#[derive(Serialize, Deserialize)]
struct StoredCommit {
    name: String,
    email: String,
    time: i64,
    signed: bool,
    files: Vec<StoredFile>,
}

#[derive(Serialize, Deserialize)]
struct StoredFile {
    old_path: Option<String>,
    new_path: Option<String>,
    old: StoredSide,
    new: StoredSide,
}

#[derive(Serialize, Deserialize)]
enum StoredSide {
    Absent,
    Unreadable,
    Readable(Box<StoredSnapshot>),
}

/// A snapshot as text, in the forms the front matter uses.
#[derive(Serialize, Deserialize)]
struct StoredSnapshot {
    status: Option<String>,
    assignee: Option<String>,
    sector: Option<String>,
    due: Option<String>,
    extension: Option<(String, String)>,
    result: Option<String>,
    answered: Option<String>,
    returned: Vec<(String, String)>,
    reopened: Vec<(String, String)>,
}

fn path(root: &Path) -> PathBuf {
    root.join(FOLDER).join("history.json")
}

/// The records of an earlier pass, or none when there is no usable cache.
pub fn load(root: &Path, zone: chrono_tz::Tz) -> Records {
    let Ok(bytes) = std::fs::read(path(root)) else { return Records::new() };
    let Ok(stored) = serde_json::from_slice::<Stored>(&bytes) else { return Records::new() };
    if stored.format != FORMAT
        || stored.otklik != env!("CARGO_PKG_VERSION")
        || stored.zone != zone.name()
    {
        return Records::new();
    }
    stored.commits.into_iter().map(|(id, c)| (id, Arc::new(from_stored(c, zone)))).collect()
}

/// Writes the records of this pass. Failing to write is not an error: the next pass
/// reads git again.
pub fn save(root: &Path, zone: chrono_tz::Tz, records: &Records) {
    let mut commits: Vec<(String, StoredCommit)> =
        records.iter().map(|(id, r)| (id.clone(), to_stored(r))).collect();
    commits.sort_by(|a, b| a.0.cmp(&b.0));
    let stored = Stored {
        format: FORMAT,
        otklik: env!("CARGO_PKG_VERSION").to_string(),
        zone: zone.name().to_string(),
        commits,
    };
    let Ok(text) = serde_json::to_vec(&stored) else { return };
    let target = path(root);
    let temporary = target.with_extension("json.tmp");
    let written = std::fs::create_dir_all(root.join(FOLDER))
        .and_then(|()| std::fs::write(&temporary, text))
        .and_then(|()| std::fs::rename(&temporary, &target));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
}

fn to_stored(r: &CommitRecord) -> StoredCommit {
    let side = |s: &Side| match s {
        Side::Absent => StoredSide::Absent,
        Side::Unreadable => StoredSide::Unreadable,
        Side::Readable(s) => StoredSide::Readable(Box::new(snapshot_to_stored(s))),
    };
    StoredCommit {
        name: r.name.clone(),
        email: r.email.clone(),
        time: r.time,
        signed: r.signed,
        files: r
            .files
            .iter()
            .map(|f| StoredFile {
                old_path: f.old_path.clone(),
                new_path: f.new_path.clone(),
                old: side(&f.old),
                new: side(&f.new),
            })
            .collect(),
    }
}

fn from_stored(c: StoredCommit, zone: chrono_tz::Tz) -> CommitRecord {
    let side = |s: StoredSide| match s {
        StoredSide::Absent => Side::Absent,
        StoredSide::Unreadable => Side::Unreadable,
        StoredSide::Readable(s) => Side::Readable(Arc::new(snapshot_from_stored(*s, zone))),
    };
    CommitRecord {
        name: c.name,
        email: c.email,
        time: c.time,
        signed: c.signed,
        files: c
            .files
            .into_iter()
            .map(|f| FileRecord {
                old_path: f.old_path,
                new_path: f.new_path,
                old: side(f.old),
                new: side(f.new),
            })
            .collect(),
    }
}

fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn snapshot_to_stored(s: &Snapshot) -> StoredSnapshot {
    let loops = |l: &[Loop]| l.iter().map(|l| (day(l.date), l.reason.clone())).collect();
    StoredSnapshot {
        status: s.status.map(|x| x.name().to_string()),
        assignee: s.assignee.clone(),
        sector: s.sector.clone(),
        due: s.due.map(day),
        extension: s.extension.as_ref().map(|e| (day(e.until), e.reason.clone())),
        result: s.result.map(|x| x.name().to_string()),
        answered: s.answered.map(|m| m.iso()),
        returned: loops(&s.returned),
        reopened: loops(&s.reopened),
    }
}

/// The inverse of [`snapshot_to_stored`]; every text was written by it, so a value that
/// does not read back (a hand-edited cache) is simply dropped.
fn snapshot_from_stored(s: StoredSnapshot, zone: chrono_tz::Tz) -> Snapshot {
    let date = |t: &str| dates::parse_date(t).ok();
    let loops = |l: Vec<(String, String)>| {
        l.into_iter().filter_map(|(d, reason)| Some(Loop { date: date(&d)?, reason })).collect()
    };
    Snapshot {
        status: s.status.as_deref().and_then(Choice::from_name),
        assignee: s.assignee,
        sector: s.sector,
        due: s.due.as_deref().and_then(date),
        extension: s.extension.and_then(|(u, reason)| Some(Extension { until: date(&u)?, reason })),
        result: s.result.as_deref().and_then(Choice::from_name),
        answered: s.answered.and_then(|t| dates::parse_moment(&t, zone).ok().map(|(m, _)| m)),
        returned: loops(s.returned),
        reopened: loops(s.reopened),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZONE: chrono_tz::Tz = chrono_tz::Asia::Barnaul;

    #[test]
    fn a_snapshot_survives_the_cache() {
        let text = "---\nstatus: in_progress\nassignee: a\ndue: 2026-04-02\n\
            extension: { until: 2026-05-05, reason: r }\nresult: explained\n\
            answered: 2026-03-20T10:00:00+03:00\nreturned: [{ date: 2026-03-18, reason: x }]\n---\n";
        let s = super::super::snapshot::parse(text.as_bytes(), ZONE).unwrap();
        assert_eq!(snapshot_from_stored(snapshot_to_stored(&s), ZONE), s);
    }

    #[test]
    fn records_are_written_and_read_back_and_a_new_zone_discards_them() {
        let dir = tempfile::tempdir().unwrap();
        let snapshot = Snapshot { assignee: Some("a".into()), ..Snapshot::default() };
        let record = CommitRecord {
            name: "Имя".into(),
            email: "a@x.example".into(),
            time: 1_772_600_000,
            signed: true,
            files: vec![FileRecord {
                old_path: None,
                new_path: Some("appeals/2026/2026-0001.md".into()),
                old: Side::Absent,
                new: Side::Readable(Arc::new(snapshot)),
            }],
        };
        let records: Records = [("c0ffee".to_string(), Arc::new(record))].into_iter().collect();
        save(dir.path(), ZONE, &records);
        let back = load(dir.path(), ZONE);
        assert_eq!(back["c0ffee"].files[0].new_path, records["c0ffee"].files[0].new_path);
        assert!(back["c0ffee"].signed);
        assert!(load(dir.path(), chrono_tz::Europe::Moscow).is_empty());
    }
}
