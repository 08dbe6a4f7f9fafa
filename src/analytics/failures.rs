//! Communication failures (ошибки при коммуникации): answers returned for rework, items
//! reopened by the citizen, ratings of 1–2 and disagreements with the result, each with
//! its reason, grouped by sector. Internal pages only: reasons are staff notes.
//!
//! Each return and each reopening is listed as its own entry, with its date and reason.
//! A rating or a disagreement has no reason field of its own; the reason shown is the one
//! of the item's latest reopening when there is one (the citizen's dispute), and none
//! otherwise. Their date is the answer's day, the nearest known time of the rating.

use super::Period;
use crate::appeal::Appeal;
use crate::messages::{self, Message};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// What went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// The coordinator or head sent the answer back for rework.
    Returned,
    /// The citizen disputed the answer and the item was reopened.
    Reopened,
    /// The citizen rated the answer 1 or 2.
    LowRating,
    /// The citizen does not agree with the result.
    Disagreement,
}

impl FailureKind {
    /// The kind in words.
    pub fn label(self) -> Message {
        messages::analytics::failure_kind(self)
    }
}

/// One failure of one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    /// What went wrong.
    pub kind: FailureKind,
    /// Item id.
    pub item: String,
    /// The item's assignee.
    pub assignee: Option<String>,
    /// When: the entry's date, or the answer's day for ratings and disagreements.
    pub date: Option<NaiveDate>,
    /// Why, when recorded.
    pub reason: Option<String>,
    /// The rating, for low ratings.
    pub rating: Option<u8>,
}

/// The failures of one sector.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectorFailures {
    /// Sector id.
    pub sector: String,
    /// Return entries.
    pub returned: usize,
    /// Reopening entries.
    pub reopened: usize,
    /// Ratings of 1–2.
    pub low_ratings: usize,
    /// Disagreements.
    pub disagreements: usize,
    /// Every failure, by kind, then date, then item.
    pub failures: Vec<Failure>,
}

/// Communication failures of the items received in a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failures {
    /// The period.
    pub period: Period,
    /// Sectors with at least one failure, most failures first, ties by id.
    pub by_sector: Vec<SectorFailures>,
}

impl Failures {
    /// Every failure of every sector.
    pub fn count(&self) -> usize {
        self.by_sector.iter().map(|s| s.failures.len()).sum()
    }
}

/// The failures of one item.
pub fn of_item(a: &Appeal) -> Vec<Failure> {
    let base = |kind, date, reason: Option<&str>, rating| Failure {
        kind,
        item: a.id.clone(),
        assignee: a.assignee.clone(),
        date,
        reason: reason.map(str::trim).filter(|r| !r.is_empty()).map(str::to_string),
        rating,
    };
    let mut out = Vec::new();
    for l in &a.returned {
        out.push(base(FailureKind::Returned, Some(l.date), Some(&l.reason), None));
    }
    for l in &a.reopened {
        out.push(base(FailureKind::Reopened, Some(l.date), Some(&l.reason), None));
    }
    let dispute = a.reopened.last().map(|l| l.reason.as_str());
    let answered = a.answered.map(|m| m.day());
    if let Some(r) = a.rating.filter(|r| *r <= 2) {
        out.push(base(FailureKind::LowRating, answered, dispute, Some(r)));
    }
    if a.agrees == Some(false) {
        out.push(base(FailureKind::Disagreement, answered, dispute, None));
    }
    out
}

/// The failures of the items received in `period`, grouped by sector.
pub fn failures(appeals: &[Appeal], period: &Period) -> Failures {
    let mut groups: BTreeMap<&str, Vec<Failure>> = BTreeMap::new();
    for a in appeals.iter().filter(|a| period.holds(a)) {
        let found = of_item(a);
        if !found.is_empty() {
            groups.entry(a.sector.as_str()).or_default().extend(found);
        }
    }
    let mut by_sector: Vec<SectorFailures> = groups
        .into_iter()
        .map(|(sector, mut list)| {
            list.sort_by(|a, b| (a.kind, a.date, &a.item).cmp(&(b.kind, b.date, &b.item)));
            let count = |k| list.iter().filter(|f| f.kind == k).count();
            SectorFailures {
                sector: sector.to_string(),
                returned: count(FailureKind::Returned),
                reopened: count(FailureKind::Reopened),
                low_ratings: count(FailureKind::LowRating),
                disagreements: count(FailureKind::Disagreement),
                failures: list,
            }
        })
        .collect();
    by_sector.sort_by(|a, b| {
        b.failures.len().cmp(&a.failures.len()).then_with(|| a.sector.cmp(&b.sector))
    });
    Failures { period: *period, by_sector }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;
    use crate::appeal::Outcome::*;
    use crate::messages::Lang;

    #[test]
    fn every_failure_is_listed_with_its_reason_by_sector() {
        let items = [
            item("2026-0001", "2026-03-02")
                .assignee("r.one")
                .answered("2026-03-20", NotSupported, 12, false)
                .returned("2026-03-10", "ответ формальный")
                .returned("2026-03-15", " ")
                .reopened("2026-03-25", "яму так и не засыпали")
                .rating(1)
                .agrees(false),
            item("2026-0002", "2026-03-03").answered("2026-03-05", Explained, 2, true).rating(3),
            item("2026-0003", "2026-03-04")
                .sector("zhkh")
                .answered("2026-03-06", Explained, 2, true)
                .rating(2),
            item("2026-0004", "2026-03-05").sector("zhkh").returned("2026-03-07", "нет подписи"),
            item("2026-0005", "2026-02-27").rating(1), // February: another period
        ];
        let f = failures(&appeals(&items), &Period::parse("2026-03").unwrap());
        assert_eq!(f.count(), 7);
        let roads = &f.by_sector[0];
        assert_eq!(roads.sector, "roads"); // 5 failures before zhkh's 2
        assert_eq!(
            (roads.returned, roads.reopened, roads.low_ratings, roads.disagreements),
            (2, 1, 1, 1)
        );
        let listed: Vec<_> = roads
            .failures
            .iter()
            .map(|x| (x.kind, x.date.map(|d| d.to_string()), x.reason.as_deref()))
            .collect();
        let d = |s: &str| Some(s.to_string());
        assert_eq!(
            listed,
            [
                (FailureKind::Returned, d("2026-03-10"), Some("ответ формальный")),
                (FailureKind::Returned, d("2026-03-15"), None),
                (FailureKind::Reopened, d("2026-03-25"), Some("яму так и не засыпали")),
                (FailureKind::LowRating, d("2026-03-20"), Some("яму так и не засыпали")),
                (FailureKind::Disagreement, d("2026-03-20"), Some("яму так и не засыпали")),
            ]
        );
        assert_eq!(roads.failures[3].rating, Some(1));
        assert_eq!(roads.failures[0].assignee.as_deref(), Some("r.one"));
        let zhkh = &f.by_sector[1];
        let kinds: Vec<_> =
            zhkh.failures.iter().map(|x| (x.kind, x.item.as_str(), x.reason.clone())).collect();
        assert_eq!(
            kinds,
            [
                (FailureKind::Returned, "2026-0004", Some("нет подписи".to_string())),
                (FailureKind::LowRating, "2026-0003", None)
            ]
        );
        assert_eq!(FailureKind::LowRating.label().get(Lang::Ru), "оценка 1–2");
    }
}
