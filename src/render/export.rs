//! Open data: `data/appeals.json` and `data/appeals.csv`, the public items with the public
//! fields only.
//!
//! Both files are built from [`PublicItem`], the same allow-list as the public pages, so
//! the data files cannot say more than the pages do. Items without a public page are not
//! exported one by one; they count in the dashboard's figures. Dates are ISO 8601; codes
//! are the codes of the files (`in_progress`), with the topic's and sector's names next to
//! them so a spreadsheet is readable without the classifier.

use super::views::PublicItem;
use serde::Serialize;
use std::borrow::Cow;
use std::io::Write;

/// One exported item. Field order is the CSV column order.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    /// Number.
    pub id: &'a str,
    /// `appeal`, `message` or `incident`.
    pub kind: &'static str,
    /// Channel code.
    pub channel: &'static str,
    /// Day received.
    pub received: &'a str,
    /// Day registered.
    pub registered: &'a str,
    /// Classifier code.
    pub topic: &'a str,
    /// Classifier name of the code or its nearest named ancestor.
    pub topic_name: &'a str,
    /// Sector id.
    pub sector: &'a str,
    /// Sector title.
    pub sector_title: &'a str,
    /// Settlement.
    pub locality: &'a str,
    /// Status code.
    pub status: &'static str,
    /// Due date (RFC 3339 date-time for hour-based terms), empty when unknown.
    pub due: &'a str,
    /// Deadline state code.
    pub deadline_state: &'static str,
    /// Overdue or answered late.
    pub late: bool,
    /// Day of the answer.
    pub answered: &'a str,
    /// Result code.
    pub result: &'static str,
    /// The body a forwarded item went to.
    pub forwarded_to: &'a str,
    /// Summary written for publication.
    pub public_summary: &'a str,
    /// Answer summary written for publication.
    pub answer_summary: &'a str,
}

impl<'a> Record<'a> {
    /// The record of one public item.
    pub fn of(item: &'a PublicItem<'a>) -> Record<'a> {
        Record {
            id: item.id,
            kind: item.kind.code,
            channel: item.channel.code,
            received: &item.received.iso,
            registered: &item.registered.iso,
            topic: item.topic.code,
            topic_name: item.topic.name.unwrap_or_default(),
            sector: item.sector.id,
            sector_title: item.sector.title,
            locality: item.locality,
            status: item.status.code,
            due: item.deadline.due.as_ref().map_or("", |d| d.iso.as_ref()),
            deadline_state: item.deadline.state.code,
            late: item.deadline.late,
            answered: item.answered.as_ref().map_or("", |d| d.iso.as_ref()),
            result: item.result.map_or("", |r| r.code),
            forwarded_to: item.forwarded_to.unwrap_or_default(),
            public_summary: item.public_summary.unwrap_or_default(),
            answer_summary: item.answer_summary.unwrap_or_default(),
        }
    }
}

/// Writes the items as a JSON array of objects, one object per line.
///
/// Fails when writing fails.
pub fn write_json(items: &[PublicItem<'_>], out: impl Write) -> std::io::Result<()> {
    write_array(items.iter().map(Record::of), out)
}

/// Writes `values` as a JSON array, one value per line, so that a diff of two builds
/// shows the items that changed.
///
/// Fails when writing fails.
pub fn write_array<T: Serialize>(
    values: impl IntoIterator<Item = T>,
    mut out: impl Write,
) -> std::io::Result<()> {
    out.write_all(b"[")?;
    for (i, value) in values.into_iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut out, &value)?;
    }
    out.write_all(b"\n]\n")?;
    out.flush()
}

/// Writes the items as CSV with a header row (UTF-8, comma-separated, RFC 4180 quoting).
///
/// Free text that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`)
/// gets a leading apostrophe, the usual guard against formula injection.
///
/// Fails when writing fails.
pub fn write_csv(items: &[PublicItem<'_>], out: impl Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER).map_err(std::io::Error::other)?;
    for item in items {
        w.write_record(Record::of(item).cells().iter().map(|c| c.as_bytes()))
            .map_err(std::io::Error::other)?;
    }
    w.flush()
}

impl Record<'_> {
    /// The CSV cells, in [`HEADER`] order.
    fn cells(&self) -> [Cow<'_, str>; 19] {
        let code = |s: &'static str| Cow::Borrowed(s);
        [
            text(self.id),
            code(self.kind),
            code(self.channel),
            text(self.received),
            text(self.registered),
            text(self.topic),
            text(self.topic_name),
            text(self.sector),
            text(self.sector_title),
            text(self.locality),
            code(self.status),
            text(self.due),
            code(self.deadline_state),
            code(if self.late { "true" } else { "false" }),
            text(self.answered),
            code(self.result),
            text(self.forwarded_to),
            text(self.public_summary),
            text(self.answer_summary),
        ]
    }
}

fn text(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The CSV header, in column order.
pub const HEADER: [&str; 19] = [
    "id",
    "kind",
    "channel",
    "received",
    "registered",
    "topic",
    "topic_name",
    "sector",
    "sector_title",
    "locality",
    "status",
    "due",
    "deadline_state",
    "late",
    "answered",
    "result",
    "forwarded_to",
    "public_summary",
    "answer_summary",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_plain_text_is_kept() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("-1"), "'-1");
        assert_eq!(text("Яма"), "Яма");
    }

    #[test]
    fn an_empty_export_still_has_its_header() {
        let mut out = Vec::new();
        write_csv(&[], &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);
        let mut json = Vec::new();
        write_json(&[], &mut json).unwrap();
        assert_eq!(String::from_utf8(json).unwrap(), "[\n]\n");
    }
}
