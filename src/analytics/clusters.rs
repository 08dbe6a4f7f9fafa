//! Clusters: several items on the same topic in the same settlement within a short window,
//! shown as one "problem" card that links its items.
//!
//! The rule, with the defaults `cluster: { items: 3, days: 14 }`: items with the same
//! classifier code and the same settlement are sorted by received day (then id). A
//! *dense window* is a run of them that starts at some item and contains every later item
//! received no more than `days − 1` days after it — that is, within `days` consecutive
//! calendar days — and has at least `items` items. Dense windows that share an item merge
//! into one cluster; windows that share none stay separate problems, however close.
//!
//! Sliding windows were chosen over chaining items by their gaps: with chaining, one item
//! every ten days would grow into an endless "cluster" although no fortnight ever held
//! three items. Here every item of a card lies in some window that meets the rule, and
//! a card can still grow past `days` when the complaints keep coming.

use super::Period;
use crate::appeal::Appeal;
use crate::config::ClusterRule;
use crate::messages::{self, Message};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// One problem: items on one topic in one settlement close together in time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    /// Classifier code.
    pub topic: String,
    /// Settlement.
    pub settlement: String,
    /// Item ids, by received day, then id.
    pub items: Vec<String>,
    /// Received day of the first item.
    pub first: NaiveDate,
    /// Received day of the last item.
    pub last: NaiveDate,
    /// Sectors of the items, sorted, without repeats (usually one).
    pub sectors: Vec<String>,
    /// How many of the items are still open.
    pub open: usize,
}

/// Finds every cluster; with a `period`, keeps those with at least one item received in
/// it (a cluster that crosses the boundary is shown whole). Largest first, then the most
/// recent, then by topic and settlement.
pub fn clusters(appeals: &[Appeal], rule: &ClusterRule, period: Option<&Period>) -> Vec<Cluster> {
    let mut groups: BTreeMap<(&str, &str), Vec<&Appeal>> = BTreeMap::new();
    for a in appeals.iter().filter(|a| !a.topic.is_empty() && !a.locality.is_empty()) {
        groups.entry((&a.topic, &a.locality)).or_default().push(a);
    }
    let mut out = Vec::new();
    for ((topic, settlement), mut items) in groups {
        items.sort_by(|a, b| (a.received.day(), &a.id).cmp(&(b.received.day(), &b.id)));
        for range in dense_runs(&items, rule) {
            let run = &items[range.0..=range.1];
            if period.is_none_or(|p| run.iter().any(|a| p.holds(a))) {
                out.push(card(topic, settlement, run));
            }
        }
    }
    out.sort_by(|a, b| {
        b.items
            .len()
            .cmp(&a.items.len())
            .then_with(|| b.last.cmp(&a.last))
            .then_with(|| (&a.topic, &a.settlement).cmp(&(&b.topic, &b.settlement)))
    });
    out
}

/// Index ranges (inclusive) of `sorted` covered by merged dense windows.
fn dense_runs(sorted: &[&Appeal], rule: &ClusterRule) -> Vec<(usize, usize)> {
    let span = i64::from(rule.days.max(1)) - 1;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut end = 0;
    for (start, first) in sorted.iter().enumerate() {
        let limit = first.received.day() + chrono::Days::new(span as u64);
        end = end.max(start);
        while end + 1 < sorted.len() && sorted[end + 1].received.day() <= limit {
            end += 1;
        }
        if end + 1 - start < rule.items {
            continue;
        }
        match runs.last_mut() {
            // Windows are visited by start, and their ends never decrease, so a window
            // shares an item with the run before it exactly when it starts inside it.
            Some(last) if start <= last.1 => last.1 = end,
            _ => runs.push((start, end)),
        }
    }
    runs
}

fn card(topic: &str, settlement: &str, run: &[&Appeal]) -> Cluster {
    let mut sectors: Vec<String> = run.iter().map(|a| a.sector.clone()).collect();
    sectors.sort();
    sectors.dedup();
    Cluster {
        topic: topic.to_string(),
        settlement: settlement.to_string(),
        items: run.iter().map(|a| a.id.clone()).collect(),
        first: run.first().map(|a| a.received.day()).unwrap_or_default(),
        last: run.last().map(|a| a.received.day()).unwrap_or_default(),
        sectors,
        open: run.iter().filter(|a| a.status.is_open()).count(),
    }
}

/// The clustering rule in words, for the page.
pub fn cluster_rule_text(rule: &ClusterRule) -> Message {
    messages::analytics::cluster_rule(rule)
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;
    use crate::appeal::{Outcome, Status};
    use crate::messages::Lang;

    const WATER: &str = "0005.0005.0056.1154";

    /// Water items in `place`, one per day of March 2026 listed.
    fn water(place: &str, days: &[u32], first_id: usize) -> Vec<Item> {
        days.iter()
            .enumerate()
            .map(|(i, d)| {
                item(&format!("2026-{:04}", first_id + i), &format!("2026-03-{d:02}"))
                    .topic(WATER)
                    .sector("zhkh")
                    .locality(place)
            })
            .collect()
    }

    fn found(items: &[Item], period: Option<&Period>) -> Vec<(String, Vec<String>)> {
        clusters(&appeals(items), &ClusterRule::default(), period)
            .into_iter()
            .map(|c| (c.settlement, c.items))
            .collect()
    }

    fn ids(from: usize, to: usize) -> Vec<String> {
        (from..=to).map(|n| format!("2026-{n:04}")).collect()
    }

    #[test]
    fn three_items_within_fourteen_days_are_one_problem() {
        // Days 1, 7, 14: 14 − 1 = 13 ≤ 13, inside one fortnight.
        let c = clusters(&appeals(&water("Мульта", &[1, 7, 14], 1)), &ClusterRule::default(), None);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].items, ids(1, 3));
        assert_eq!((c[0].first, c[0].last), (day("2026-03-01"), day("2026-03-14")));
        assert_eq!(
            (c[0].topic.as_str(), c[0].sectors.clone(), c[0].open),
            (WATER, vec!["zhkh".to_string()], 3)
        );
        // Days 1, 7, 15: 15 − 1 = 14 > 13, no fortnight holds three.
        assert!(found(&water("Мульта", &[1, 7, 15], 1), None).is_empty());
    }

    #[test]
    fn overlapping_windows_merge_into_one_card() {
        // Days 1, 5, 12, 20, 24. Windows: from 1 → {1, 5, 12} (3, dense); from 5 → {5, 12}
        // (20 − 5 = 15 > 13); from 12 → {12, 20, 24} (24 − 12 = 12, dense). The two dense
        // windows share the item of day 12, so all five are one card.
        let got = found(&water("Мульта", &[1, 5, 12, 20, 24], 1), None);
        assert_eq!(got, [("Мульта".to_string(), ids(1, 5))]);
    }

    #[test]
    fn windows_without_a_shared_item_stay_apart() {
        // {1, 2, 3} and {16, 17, 18}: the second starts 15 days after the first.
        let got = found(&water("Мульта", &[1, 2, 3, 16, 17, 18], 1), None);
        // Equal size: the more recent card first.
        assert_eq!(got, [("Мульта".to_string(), ids(4, 6)), ("Мульта".to_string(), ids(1, 3))]);
    }

    #[test]
    fn a_slow_chain_is_not_a_cluster() {
        // One item every nine days: gaps of 9 ≤ 14, but no fortnight holds three items.
        assert!(found(&water("Мульта", &[1, 10, 19, 28], 1), None).is_empty());
    }

    #[test]
    fn a_stray_item_outside_the_window_is_left_out() {
        // Day 1 alone, then 20, 22, 25: only the last three form the problem.
        let got = found(&water("Мульта", &[1, 20, 22, 25], 1), None);
        assert_eq!(got, [("Мульта".to_string(), ids(2, 4))]);
    }

    #[test]
    fn other_settlements_and_topics_do_not_mix() {
        let mut items = water("Мульта", &[1, 2], 1);
        items.extend(water("Катанда", &[3], 3));
        items.push(item("2026-0004", "2026-03-03").locality("Мульта")); // roads
        assert!(found(&items, None).is_empty());
        items.extend(water("Катанда", &[4, 5], 5));
        assert_eq!(
            found(&items, None),
            [(
                "Катанда".to_string(),
                vec!["2026-0003".to_string(), "2026-0005".to_string(), "2026-0006".to_string()]
            )]
        );
    }

    #[test]
    fn a_period_keeps_clusters_that_touch_it_whole() {
        let mut items = water("Мульта", &[25, 27, 30], 1);
        items.push(
            item("2026-0004", "2026-04-02")
                .topic(WATER)
                .sector("zhkh")
                .locality("Мульта")
                .answered("2026-04-03", Outcome::Explained, 1, true),
        );
        let april = Period::parse("2026-04").unwrap();
        let got = clusters(&appeals(&items), &ClusterRule::default(), Some(&april));
        assert_eq!(got[0].items, ids(1, 4));
        assert_eq!(got[0].open, 3);
        assert_eq!(items[3].appeal.status, Status::Answered);
        let feb = Period::parse("2026-02").unwrap();
        assert!(found(&items, Some(&feb)).is_empty());
    }

    #[test]
    fn the_rule_is_explained_with_its_numbers() {
        let m = cluster_rule_text(&ClusterRule::default());
        assert!(
            m.get(Lang::Ru).contains("не меньше 3 обращений")
                && m.get(Lang::Ru).contains("14 дней")
        );
        assert!(m.get(Lang::En).contains("at least 3 items"));
    }
}
