//! Citizens' satisfaction: the distribution of ratings 1–5, agreement with the result, and
//! the share of reopened items, by sector and by month of a period.
//!
//! As everywhere in `analytics`, a period's figures are about the items received in it.
//! The share of reopened items is taken over the items answered at least once (a reopening
//! disputes an answer, so items still waiting for their first answer are not its base).

use super::{Month, Period, answered_once, share};
use crate::appeal::Appeal;
use serde::Serialize;
use std::collections::BTreeMap;

/// The satisfaction figures of one group of items.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SatisfactionRow {
    /// Sector id; empty for the whole district.
    pub unit: String,
    /// Items received.
    pub received: usize,
    /// How many ratings of 1, 2, 3, 4 and 5 (index 0 is the rating 1).
    pub ratings: [usize; 5],
    /// Items with a rating.
    pub rated: usize,
    /// Average rating.
    pub average: Option<f64>,
    /// Share of ratings 4 or 5.
    pub share_4_or_5: Option<f64>,
    /// Share of ratings 1 or 2.
    pub share_1_or_2: Option<f64>,
    /// Citizens who agree with the result.
    pub agrees: usize,
    /// Citizens who disagree.
    pub disagrees: usize,
    /// `agrees / (agrees + disagrees)`.
    pub agree_share: Option<f64>,
    /// Items answered at least once.
    pub answered_once: usize,
    /// Items reopened at least once.
    pub reopened: usize,
    /// `reopened / answered_once`.
    pub reopened_share: Option<f64>,
}

/// The figures of one month of the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthSatisfaction {
    /// The month.
    pub month: Month,
    /// Its figures.
    pub row: SatisfactionRow,
}

/// Satisfaction over a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Satisfaction {
    /// The period.
    pub period: Period,
    /// The whole district.
    pub total: SatisfactionRow,
    /// Each sector, by id: those listed, and any other with items.
    pub by_sector: Vec<SatisfactionRow>,
    /// Each month of the period, for the whole district.
    pub by_month: Vec<MonthSatisfaction>,
}

/// The satisfaction figures of `items`, labelled `unit`.
pub fn row<'a>(unit: &str, items: impl IntoIterator<Item = &'a Appeal>) -> SatisfactionRow {
    let mut r = SatisfactionRow { unit: unit.to_string(), ..SatisfactionRow::default() };
    let mut sum = 0u32;
    for a in items {
        r.received += 1;
        if let Some(rating) = a.rating.filter(|r| (1..=5).contains(r)) {
            r.ratings[usize::from(rating) - 1] += 1;
            r.rated += 1;
            sum += u32::from(rating);
        }
        match a.agrees {
            Some(true) => r.agrees += 1,
            Some(false) => r.disagrees += 1,
            None => {}
        }
        r.answered_once += usize::from(answered_once(a));
        r.reopened += usize::from(!a.reopened.is_empty());
    }
    r.average = (r.rated > 0).then(|| f64::from(sum) / r.rated as f64);
    r.share_4_or_5 = share(r.ratings[3] + r.ratings[4], r.rated);
    r.share_1_or_2 = share(r.ratings[0] + r.ratings[1], r.rated);
    r.agree_share = share(r.agrees, r.agrees + r.disagrees);
    r.reopened_share = share(r.reopened, r.answered_once);
    r
}

/// Satisfaction over `period`, for the district, each sector and each month. Sectors in
/// `listed` appear even without items.
pub fn satisfaction(appeals: &[Appeal], period: &Period, listed: &[&str]) -> Satisfaction {
    let cohort: Vec<&Appeal> = appeals.iter().filter(|a| period.holds(a)).collect();
    let mut sectors: BTreeMap<&str, Vec<&Appeal>> =
        listed.iter().map(|&s| (s, Vec::new())).collect();
    for a in &cohort {
        sectors.entry(a.sector.as_str()).or_default().push(a);
    }
    let by_month = period
        .months()
        .into_iter()
        .map(|month| {
            let items = cohort.iter().copied().filter(|a| Month::of(a.received.day()) == month);
            MonthSatisfaction { month, row: row("", items) }
        })
        .collect();
    Satisfaction {
        period: *period,
        total: row("", cohort.iter().copied()),
        by_sector: sectors.into_iter().map(|(s, items)| row(s, items)).collect(),
        by_month,
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;
    use crate::appeal::Outcome::*;

    fn items() -> Vec<Item> {
        vec![
            item("2026-0001", "2026-01-10")
                .answered("2026-01-12", Supported, 2, true)
                .rating(5)
                .agrees(true),
            item("2026-0002", "2026-01-20")
                .answered("2026-01-22", Explained, 2, true)
                .rating(4)
                .agrees(true),
            item("2026-0003", "2026-02-03")
                .answered("2026-02-20", NotSupported, 9, false)
                .rating(1)
                .agrees(false)
                .reopened("2026-02-25", "не согласен"),
            item("2026-0004", "2026-02-05").answered("2026-02-06", Explained, 1, true).rating(2),
            item("2026-0005", "2026-03-01")
                .sector("zhkh")
                .answered("2026-03-02", Answered, 1, true)
                .rating(4)
                .agrees(true),
            item("2026-0006", "2026-03-02").sector("zhkh"),
            item("2026-0007", "2026-04-01").rating(1), // next quarter
        ]
    }

    #[test]
    fn distribution_and_shares_by_hand() {
        let a = appeals(&items());
        let s = satisfaction(&a, &Period::parse("2026-Q1").unwrap(), &["education"]);
        let t = &s.total;
        assert_eq!(t.received, 6);
        // Ratings 5, 4, 1, 2, 4 → one 1, one 2, no 3, two 4, one 5.
        assert_eq!(t.ratings, [1, 1, 0, 2, 1]);
        assert_eq!(t.rated, 5);
        assert_eq!(t.average, Some(3.2)); // (5 + 4 + 1 + 2 + 4) / 5 = 16 / 5
        assert_eq!(t.share_4_or_5, Some(0.6)); // 3 / 5
        assert_eq!(t.share_1_or_2, Some(0.4)); // 2 / 5
        assert_eq!((t.agrees, t.disagrees, t.agree_share), (3, 1, Some(0.75)));
        // Answered at least once: 0001–0005 = 5; reopened: 0003 → 1 / 5.
        assert_eq!((t.answered_once, t.reopened, t.reopened_share), (5, 1, Some(0.2)));
    }

    #[test]
    fn by_sector_and_by_month() {
        let a = appeals(&items());
        let s = satisfaction(&a, &Period::parse("2026-Q1").unwrap(), &["education"]);
        let sectors: Vec<_> =
            s.by_sector.iter().map(|r| (r.unit.as_str(), r.received, r.average)).collect();
        // roads: 5, 4, 1, 2 → 12 / 4 = 3; zhkh: 4 → 4; education: nothing.
        assert_eq!(
            sectors,
            [("education", 0, None), ("roads", 4, Some(3.0)), ("zhkh", 2, Some(4.0))]
        );
        let months: Vec<_> =
            s.by_month.iter().map(|m| (m.month.code(), m.row.received, m.row.average)).collect();
        // January 5, 4 → 4.5; February 1, 2 → 1.5; March 4 → 4.
        assert_eq!(
            months,
            [
                ("2026-01".into(), 2, Some(4.5)),
                ("2026-02".into(), 2, Some(1.5)),
                ("2026-03".into(), 2, Some(4.0))
            ]
        );
    }
}
