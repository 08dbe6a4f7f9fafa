//! What one version of an appeal file says about the fields the history follows, and the
//! changes between two versions.
//!
//! Old versions are read with the same front-matter reader as the current files, but
//! leniently: a value that cannot be read counts as absent, and a version whose front
//! matter cannot be split or parsed at all is "unreadable" (`None`). Problems in old
//! versions are not reported: `check` reported them when they were current.

use super::Change;
use crate::appeal::{Extension, Loop, Outcome, RawExtension, RawLoop, Status};
use crate::dates::Moment;
use crate::fields::FieldReader;
use crate::front_matter::{self, Checked, Located, field_set};
use chrono::NaiveDate;

/// The followed fields of one version of an appeal file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snapshot {
    pub status: Option<Status>,
    pub assignee: Option<String>,
    pub sector: Option<String>,
    pub due: Option<NaiveDate>,
    pub extension: Option<Extension>,
    pub result: Option<Outcome>,
    pub answered: Option<Moment>,
    pub returned: Vec<Loop>,
    pub reopened: Vec<Loop>,
}

field_set!(
    /// The followed fields as written; every other key is skipped unread.
    RawVersion {
        status: String,
        assignee: String,
        sector: String,
        due: String,
        extension: Checked<RawExtension>,
        result: String,
        answered: String,
        returned: Vec<Located<Checked<RawLoop>>>,
        reopened: Vec<Located<Checked<RawLoop>>>,
    }
);

/// Reads a version from the raw bytes of a blob; `None` when it is not UTF-8 or its front
/// matter cannot be split or parsed.
pub fn parse(bytes: &[u8], zone: chrono_tz::Tz) -> Option<Snapshot> {
    let text = front_matter::normalise(bytes)?;
    let split = front_matter::split(&text).ok()?;
    let raw: Checked<RawVersion> = front_matter::parse(split.yaml).ok()?;
    let f = raw.fields;
    let mut r = FieldReader::new("", zone);
    Some(Snapshot {
        status: r.choice(f.status.as_ref(), "status"),
        assignee: r.text(f.assignee).map(|x| x.value),
        sector: r.text(f.sector).map(|x| x.value),
        due: r.date(f.due.as_ref(), "due"),
        extension: f.extension.and_then(|e| extension(&mut r, e.value)),
        result: r.choice(f.result.as_ref(), "result"),
        answered: r.moment(f.answered.as_ref(), "answered"),
        returned: loops(&mut r, f.returned),
        reopened: loops(&mut r, f.reopened),
    })
}

fn extension(r: &mut FieldReader, e: Checked<RawExtension>) -> Option<Extension> {
    let f = e.fields;
    let until = r.date(f.until.as_ref(), "extension.until")?;
    let reason = r.text(f.reason).map(|x| x.value).unwrap_or_default();
    Some(Extension { until, reason })
}

fn loops(r: &mut FieldReader, list: Option<Located<Vec<Located<Checked<RawLoop>>>>>) -> Vec<Loop> {
    let Some(list) = list else { return Vec::new() };
    let mut out: Vec<Loop> = list
        .value
        .into_iter()
        .filter_map(|entry| {
            let f = entry.value.fields;
            let date = r.date(f.date.as_ref(), "date")?;
            Some(Loop { date, reason: r.text(f.reason).map(|x| x.value).unwrap_or_default() })
        })
        .collect();
    out.sort_by_key(|l| l.date);
    out
}

/// The changes from `old` to `new`, in a fixed order. An absent `old` (a new file) gives
/// the first value of every field that is set.
pub fn changes(old: Option<&Snapshot>, new: &Snapshot) -> Vec<Change> {
    let empty = Snapshot::default();
    let old = old.unwrap_or(&empty);
    let mut out = Vec::new();
    if old.status != new.status {
        out.push(Change::Status { from: old.status, to: new.status });
    }
    if old.assignee != new.assignee {
        out.push(Change::Assignee { from: old.assignee.clone(), to: new.assignee.clone() });
    }
    if old.sector != new.sector {
        out.push(Change::Sector { from: old.sector.clone(), to: new.sector.clone() });
    }
    if old.due != new.due {
        out.push(Change::Due { from: old.due, to: new.due });
    }
    if old.extension != new.extension {
        out.push(Change::Extension { from: old.extension.clone(), to: new.extension.clone() });
    }
    if old.result != new.result {
        out.push(Change::Result { from: old.result, to: new.result });
    }
    if old.answered != new.answered {
        out.push(Change::Answered { from: old.answered, to: new.answered });
    }
    out.extend(added(&old.returned, &new.returned).map(Change::Returned));
    out.extend(added(&old.reopened, &new.reopened).map(Change::Reopened));
    out
}

/// Entries of `new` that `old` does not have; an edited entry counts as new.
fn added<'a>(old: &'a [Loop], new: &'a [Loop]) -> impl Iterator<Item = Loop> + 'a {
    new.iter().filter(|l| !old.contains(l)).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZONE: chrono_tz::Tz = chrono_tz::Asia::Barnaul;

    #[test]
    fn a_version_reads_its_followed_fields_and_skips_the_rest() {
        let text = "---\nid: 2026-0001\nstatus: in_progress\nassignee: road.one\n\
            extension: { until: 2026-05-05, reason: \"запрос\" }\n\
            returned: [{ date: 2026-03-18, reason: \"формально\" }]\n\
            applicant: { name: \"Тестов\" }\n---\nТекст\n";
        let s = parse(text.as_bytes(), ZONE).unwrap();
        assert_eq!(s.status, Some(Status::InProgress));
        assert_eq!(s.assignee.as_deref(), Some("road.one"));
        assert_eq!(s.extension.unwrap().until, NaiveDate::from_ymd_opt(2026, 5, 5).unwrap());
        assert_eq!(s.returned.len(), 1);
    }

    #[test]
    fn broken_versions_are_unreadable_and_bad_values_absent() {
        assert!(parse(b"no front matter", ZONE).is_none());
        assert!(parse(b"---\nstatus: [\n---\n", ZONE).is_none());
        let s = parse(b"---\nstatus: neww\n---\n", ZONE).unwrap();
        assert_eq!(s.status, None);
    }

    #[test]
    fn only_what_changed_is_reported() {
        let old = parse(b"---\nstatus: new\nsector: roads\n---\n", ZONE).unwrap();
        let new = parse(
            b"---\nstatus: assigned\nsector: roads\nassignee: a\nreturned: [{date: 2026-03-01}]\n---\n",
            ZONE,
        )
        .unwrap();
        let c = changes(Some(&old), &new);
        assert_eq!(c.len(), 3, "{c:?}");
        assert_eq!(c[0], Change::Status { from: Some(Status::New), to: Some(Status::Assigned) });
        assert!(matches!(c[2], Change::Returned(_)));
        assert_eq!(changes(None, &old).len(), 2);
    }
}
