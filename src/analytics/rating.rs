//! Рейтингование: the figures and the combined score of each sector and each assignee over
//! a period.
//!
//! Every figure is about the items received in the period (see `analytics`). The
//! definitions, which the page repeats in words (`messages::analytics`):
//!
//! - **received**: items received in the period; **answered**: those whose answer stands
//!   now (status `answered` or `closed`).
//! - **on-time share** = answered on time / items whose deadline is settled, where
//!   *settled* means answered with a known on-time fact, or overdue now. An open overdue
//!   item is already late; leaving it out would reward not answering.
//! - **median** answer time: the middle value of the sorted working-day counts, or the
//!   mean of the two middle ones when their number is even (so it may end in ½).
//! - **90th percentile**, nearest-rank method: sort the n values ascending and take the
//!   value at 1-based rank ⌈0.9 × n⌉. It is always one of the observed values; with fewer
//!   than 10 answers it is the largest.
//! - **returned** / **reopened**: items with at least one `returned` / `reopened` entry,
//!   each item counted once however many entries it has (the entries are counted apart).
//! - **average rating** and **share of ratings ≥ 4** over the items that have a rating.
//!
//! The score (0–100) combines three parts, each between 0 and 1:
//! timeliness T = the on-time share; quality Q = 1 − (items returned or reopened) / (items
//! answered at least once); satisfaction S = (average rating − 1) / 4.
//! score = 100 × (w_T·T + w_Q·Q + w_S·S) / (w_T + w_Q + w_S), the weights from
//! `otklik.yaml`. A part without data (no ratings yet) drops out together with its
//! weight; with no part at all there is no score. Units with fewer than `min_items`
//! items received are listed but not ranked, so that two late answers out of three do
//! not shame a small team. Ranks follow the score rounded to one decimal: equal rounded
//! scores share a rank (1, 2, 2, 4) and are listed by id.

use super::{ItemFacts, Period, answered_once, reworked, share};
use crate::config::{AnalyticsSettings, Weights};
use crate::messages::{self, Message};
use serde::Serialize;
use std::collections::BTreeMap;

/// What a rating is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    /// A sector (отраслевой блок), by the item's `sector`.
    Sector,
    /// A staff member, by the item's `assignee`; items without one are left out.
    Assignee,
}

/// The plain figures of a group of items.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Figures {
    /// Items received.
    pub received: usize,
    /// Items whose answer stands (answered or closed).
    pub answered: usize,
    /// Items answered on time.
    pub on_time: usize,
    /// Items whose deadline is settled: answered with a known on-time fact, or overdue now.
    pub settled: usize,
    /// `on_time / settled`.
    pub on_time_share: Option<f64>,
    /// Answers with a known answer time.
    pub timed: usize,
    /// Median answer time, working days.
    pub median_days: Option<f64>,
    /// 90th percentile (nearest rank) of the answer time, working days.
    pub p90_days: Option<i64>,
    /// Items open and past their due date today.
    pub overdue_now: usize,
    /// Items answered at least once (the base of the quality share).
    pub answered_once: usize,
    /// Items with at least one return for rework.
    pub returned: usize,
    /// All return entries.
    pub returned_entries: usize,
    /// Items with at least one reopening.
    pub reopened: usize,
    /// All reopening entries.
    pub reopened_entries: usize,
    /// Items returned or reopened (each counted once).
    pub reworked: usize,
    /// Items with a citizen's rating.
    pub rated: usize,
    /// Average rating, 1–5.
    pub average_rating: Option<f64>,
    /// Items rated 4 or 5.
    pub rated_4_or_5: usize,
    /// `rated_4_or_5 / rated`.
    pub share_4_or_5: Option<f64>,
}

/// The three parts of the score, each from 0 to 1, `None` without data.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Components {
    /// T: the on-time share.
    pub timeliness: Option<f64>,
    /// Q: 1 − reworked / answered at least once.
    pub quality: Option<f64>,
    /// S: (average rating − 1) / 4.
    pub satisfaction: Option<f64>,
}

/// One row of a rating table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rating {
    /// Sector id or staff id.
    pub unit: String,
    /// The figures.
    pub figures: Figures,
    /// The parts of the score.
    pub components: Components,
    /// The combined score, 0–100, when any part has data.
    pub score: Option<f64>,
    /// Place in the ranking; `None` when not ranked.
    pub rank: Option<usize>,
    /// Listed but not ranked because fewer than `min_items` items were received.
    pub too_few_items: bool,
}

/// A rating table for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ratings {
    /// Sectors or assignees.
    pub kind: UnitKind,
    /// The period.
    pub period: Period,
    /// Ranked rows by rank (ties by id), then unranked rows by id.
    pub rows: Vec<Rating>,
    /// Figures of every item received in the period, for a "total" row.
    pub total: Figures,
    /// The weights used.
    pub weights: Weights,
    /// The minimum number of items for a rank.
    pub min_items: usize,
}

impl Ratings {
    /// The score formula in words, for the page.
    pub fn formula(&self) -> Message {
        messages::analytics::score_formula(&self.weights, self.min_items)
    }
}

/// The median of `values`: the middle one, or the mean of the two middle ones.
pub fn median(values: &[i64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_unstable();
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2] as f64),
        _ => Some((v[n / 2 - 1] + v[n / 2]) as f64 / 2.0),
    }
}

/// The `percent`-th percentile by the nearest-rank method: the value at 1-based rank
/// ⌈percent / 100 × n⌉ of the sorted values (rank 1 for percent 0).
pub fn nearest_rank(values: &[i64], percent: u32) -> Option<i64> {
    let mut v = values.to_vec();
    v.sort_unstable();
    let n = v.len();
    if n == 0 {
        return None;
    }
    // Integer ceiling keeps 90 % of 10 at exactly 9, where floating point could give 9.000…1.
    let rank = (percent.min(100) as usize * n).div_ceil(100).max(1);
    Some(v[rank - 1])
}

/// The figures of a group of items.
pub fn figures<'f, 'a: 'f>(items: impl IntoIterator<Item = &'f ItemFacts<'a>>) -> Figures {
    let mut f = Figures::default();
    let mut days = Vec::new();
    let mut ratings = Vec::new();
    for item in items {
        let a = item.appeal;
        f.received += 1;
        f.answered += usize::from(a.status.is_answered());
        f.on_time += usize::from(item.on_time == Some(true));
        f.settled += usize::from(item.on_time.is_some() || item.overdue_now);
        f.overdue_now += usize::from(item.overdue_now);
        days.extend(item.answer_working_days);
        f.answered_once += usize::from(answered_once(a));
        f.returned += usize::from(!a.returned.is_empty());
        f.returned_entries += a.returned.len();
        f.reopened += usize::from(!a.reopened.is_empty());
        f.reopened_entries += a.reopened.len();
        f.reworked += usize::from(reworked(a));
        ratings.extend(a.rating);
    }
    f.on_time_share = share(f.on_time, f.settled);
    f.timed = days.len();
    f.median_days = median(&days);
    f.p90_days = nearest_rank(&days, 90);
    f.rated = ratings.len();
    f.rated_4_or_5 = ratings.iter().filter(|&&r| r >= 4).count();
    f.share_4_or_5 = share(f.rated_4_or_5, f.rated);
    let sum: u32 = ratings.iter().map(|&r| u32::from(r)).sum();
    f.average_rating = (f.rated > 0).then(|| f64::from(sum) / f.rated as f64);
    f
}

/// The three parts of the score from the figures.
pub fn components(f: &Figures) -> Components {
    Components {
        timeliness: f.on_time_share,
        quality: share(f.reworked, f.answered_once).map(|r| 1.0 - r),
        satisfaction: f.average_rating.map(|r| (r - 1.0) / 4.0),
    }
}

/// The combined score, 0–100: the weighted mean of the parts that have data.
pub fn score(c: &Components, w: &Weights) -> Option<f64> {
    let parts =
        [(c.timeliness, w.timeliness), (c.quality, w.quality), (c.satisfaction, w.satisfaction)];
    let (sum, weight) = parts
        .iter()
        .filter_map(|(value, weight)| value.map(|v| (v * weight, *weight)))
        .fold((0.0, 0.0), |(s, w), (v, wt)| (s + v, w + wt));
    (weight > 0.0).then(|| 100.0 * sum / weight)
}

/// Rates every unit of `kind` over `period`. Units in `listed` appear even without items
/// (pass the sector ids, or staff ids); other units appear when they have items.
pub fn rate(
    facts: &[ItemFacts],
    period: &Period,
    kind: UnitKind,
    listed: &[&str],
    settings: &AnalyticsSettings,
) -> Ratings {
    let mut groups: BTreeMap<&str, Vec<&ItemFacts>> =
        listed.iter().map(|&u| (u, Vec::new())).collect();
    let cohort: Vec<&ItemFacts> = super::in_period(facts, period).collect();
    for item in &cohort {
        let unit = match kind {
            UnitKind::Sector => Some(item.appeal.sector.as_str()),
            UnitKind::Assignee => item.appeal.assignee.as_deref(),
        };
        if let Some(unit) = unit {
            groups.entry(unit).or_default().push(item);
        }
    }
    let rows = groups
        .into_iter()
        .map(|(unit, items)| {
            let figures = figures(items);
            let components = components(&figures);
            let score = score(&components, &settings.weights);
            let too_few_items = figures.received < settings.min_items;
            Rating { unit: unit.to_string(), figures, components, score, rank: None, too_few_items }
        })
        .collect();
    Ratings {
        kind,
        period: *period,
        rows: ranked(rows),
        total: figures(cohort),
        weights: settings.weights,
        min_items: settings.min_items,
    }
}

/// The score in tenths, the precision at which ties are decided.
fn tenths(score: f64) -> i64 {
    (score * 10.0).round() as i64
}

/// Gives ranks to the rows that may have one and puts the rows in display order.
fn ranked(rows: Vec<Rating>) -> Vec<Rating> {
    let (mut ranked, mut unranked): (Vec<Rating>, Vec<Rating>) =
        rows.into_iter().partition(|r| !r.too_few_items && r.score.is_some());
    ranked.sort_by(|a, b| {
        let key = |r: &Rating| r.score.map(tenths).unwrap_or(i64::MIN);
        key(b).cmp(&key(a)).then_with(|| a.unit.cmp(&b.unit))
    });
    let mut previous: Option<(i64, usize)> = None;
    for (i, row) in ranked.iter_mut().enumerate() {
        let t = row.score.map(tenths).unwrap_or(i64::MIN);
        let rank = match previous {
            Some((pt, pr)) if pt == t => pr,
            _ => i + 1,
        };
        row.rank = Some(rank);
        previous = Some((t, rank));
    }
    unranked.sort_by(|a, b| a.unit.cmp(&b.unit));
    ranked.extend(unranked);
    ranked
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;
    use crate::appeal::Outcome::*;
    use crate::messages::Lang;

    fn march() -> Period {
        Period::parse("2026-03").unwrap()
    }

    /// Six roads items in March 2026 and one in February, which must not count.
    fn roads() -> Vec<Item> {
        vec![
            item("2026-0001", "2026-03-02").answered("2026-03-04", Explained, 2, true).rating(5),
            item("2026-0002", "2026-03-03").answered("2026-03-09", Supported, 4, true).rating(4),
            item("2026-0003", "2026-03-04")
                .answered("2026-03-20", NotSupported, 10, false)
                .rating(2)
                .returned("2026-03-12", "ответ формальный")
                .returned("2026-03-16", "нет сроков"),
            item("2026-0004", "2026-03-05")
                .answered("2026-03-13", Explained, 6, true)
                .rating(3)
                .reopened("2026-03-25", "заявитель не согласен"),
            item("2026-0005", "2026-03-06").assignee("r.one").overdue(),
            item("2026-0006", "2026-03-30").assignee("r.one"),
            item("2026-0007", "2026-02-27").answered("2026-03-02", Explained, 1, false),
        ]
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[3, 1, 2]), Some(2.0));
        // Sorted 2, 4, 6, 10: the middle pair is 4 and 6, (4 + 6) / 2 = 5.
        assert_eq!(median(&[10, 2, 6, 4]), Some(5.0));
        assert_eq!(median(&[7, 8]), Some(7.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn p90_is_the_nearest_rank() {
        let ten: Vec<i64> = (1..=10).collect();
        // ⌈0.9 × 10⌉ = 9 → the 9th value, 9.
        assert_eq!(nearest_rank(&ten, 90), Some(9));
        let eleven: Vec<i64> = (1..=11).collect();
        // ⌈0.9 × 11⌉ = ⌈9.9⌉ = 10 → 10.
        assert_eq!(nearest_rank(&eleven, 90), Some(10));
        // ⌈0.9 × 4⌉ = ⌈3.6⌉ = 4 → the largest of four.
        assert_eq!(nearest_rank(&[10, 2, 6, 4], 90), Some(10));
        // ⌈0.5 × 4⌉ = 2 → the lower middle value.
        assert_eq!(nearest_rank(&[10, 2, 6, 4], 50), Some(4));
        assert_eq!(nearest_rank(&[5], 90), Some(5));
        assert_eq!(nearest_rank(&[5, 1], 0), Some(1));
        assert_eq!(nearest_rank(&[], 90), None);
    }

    #[test]
    fn figures_of_a_sector_by_hand() {
        let items = roads();
        let f = facts(&items);
        let march = march();
        let got = figures(super::super::in_period(&f, &march));
        assert_eq!(got.received, 6); // 0001–0006; 0007 came in February
        assert_eq!(got.answered, 4); // 0001–0004
        assert_eq!(got.on_time, 3); // 0001, 0002, 0004
        assert_eq!(got.settled, 5); // four answered + 0005 overdue
        assert_eq!(got.on_time_share, Some(0.6)); // 3 / 5
        assert_eq!(got.timed, 4);
        assert_eq!(got.median_days, Some(5.0)); // 2, 4, 6, 10 → (4 + 6) / 2
        assert_eq!(got.p90_days, Some(10)); // rank ⌈3.6⌉ = 4
        assert_eq!(got.overdue_now, 1);
        assert_eq!((got.returned, got.returned_entries), (1, 2)); // 0003, twice
        assert_eq!((got.reopened, got.reopened_entries), (1, 1)); // 0004
        assert_eq!((got.reworked, got.answered_once), (2, 4));
        assert_eq!(got.rated, 4);
        assert_eq!(got.average_rating, Some(3.5)); // (5 + 4 + 2 + 3) / 4 = 14 / 4
        assert_eq!((got.rated_4_or_5, got.share_4_or_5), (2, Some(0.5))); // 5 and 4 of four
    }

    #[test]
    fn the_score_by_hand() {
        let items = roads();
        let f = facts(&items);
        let march = march();
        let c = components(&figures(super::super::in_period(&f, &march)));
        assert_eq!(c.timeliness, Some(0.6));
        assert_eq!(c.quality, Some(0.5)); // 1 − 2 / 4
        assert_eq!(c.satisfaction, Some(0.625)); // (3.5 − 1) / 4
        // 100 × (0.5 × 0.6 + 0.2 × 0.5 + 0.3 × 0.625) / 1.0 = 100 × 0.5875 = 58.75
        let s = score(&c, &Weights::default()).unwrap();
        assert!((s - 58.75).abs() < 1e-9, "{s}");
    }

    #[test]
    fn a_part_without_data_drops_out_with_its_weight() {
        let c = Components { timeliness: Some(1.0), quality: Some(0.5), satisfaction: None };
        // 100 × (0.5 × 1 + 0.2 × 0.5) / (0.5 + 0.2) = 100 × 0.6 / 0.7 = 85.714…
        let s = score(&c, &Weights::default()).unwrap();
        assert!((s - 600.0 / 7.0).abs() < 1e-9, "{s}");
        assert_eq!(score(&Components::default(), &Weights::default()), None);
    }

    #[test]
    fn small_units_are_listed_but_not_ranked() {
        let mut items = roads();
        // Five culture items, all on time, never returned, no ratings: T = 1, Q = 1, S none,
        // score = 100 × (0.5 + 0.2) / 0.7 = 100.
        for n in 10..15 {
            let id = format!("2026-00{n}");
            items.push(item(&id, "2026-03-10").sector("culture").answered(
                "2026-03-11",
                Answered,
                1,
                true,
            ));
        }
        // Two zhkh items: fewer than five.
        items.push(item("2026-0020", "2026-03-10").sector("zhkh").answered(
            "2026-03-11",
            Answered,
            1,
            true,
        ));
        items.push(item("2026-0021", "2026-03-11").sector("zhkh"));
        let f = facts(&items);
        let listed = ["education", "roads", "zhkh"];
        let r = rate(&f, &march(), UnitKind::Sector, &listed, &AnalyticsSettings::default());
        let rows: Vec<_> = r.rows.iter().map(|r| (r.unit.as_str(), r.rank)).collect();
        assert_eq!(
            rows,
            [("culture", Some(1)), ("roads", Some(2)), ("education", None), ("zhkh", None)]
        );
        assert!((r.rows[0].score.unwrap() - 100.0).abs() < 1e-9);
        assert!(r.rows[3].too_few_items && r.rows[3].score.is_some());
        assert_eq!(r.rows[2].figures.received, 0);
        assert_eq!(r.rows[2].score, None);
        assert_eq!(r.total.received, 6 + 5 + 2);
    }

    #[test]
    fn equal_scores_share_a_rank_and_are_listed_by_id() {
        let mut items = Vec::new();
        for (sector, base) in [("b", 10), ("a", 20), ("c", 30)] {
            for n in 0..5 {
                let id = format!("2026-00{}", base + n);
                let on_time = !(sector == "c" && n == 0);
                items.push(item(&id, "2026-03-02").sector(sector).answered(
                    "2026-03-03",
                    Answered,
                    1,
                    on_time,
                ));
            }
        }
        let f = facts(&items);
        let r = rate(&f, &march(), UnitKind::Sector, &[], &AnalyticsSettings::default());
        let rows: Vec<_> = r.rows.iter().map(|r| (r.unit.as_str(), r.rank)).collect();
        // a and b: T = 1, Q = 1 → 100; c: T = 4/5 → 100 × (0.5 × 0.8 + 0.2) / 0.7 = 85.7.
        assert_eq!(rows, [("a", Some(1)), ("b", Some(1)), ("c", Some(3))]);
    }

    #[test]
    fn assignees_are_rated_by_their_items_only() {
        let items = roads();
        let f = facts(&items);
        let r = rate(&f, &march(), UnitKind::Assignee, &[], &AnalyticsSettings::default());
        assert_eq!(r.rows.len(), 1);
        let one = &r.rows[0];
        assert_eq!(
            (one.unit.as_str(), one.figures.received, one.figures.overdue_now),
            ("r.one", 2, 1)
        );
        // One settled item (overdue), none on time: T = 0 / 1 = 0; no answers, no ratings.
        assert_eq!(one.components.timeliness, Some(0.0));
        assert_eq!(one.score, Some(0.0));
        assert_eq!(one.rank, None); // 2 < 5
    }

    #[test]
    fn the_formula_is_shown_with_the_weights() {
        let r = rate(&[], &march(), UnitKind::Sector, &[], &AnalyticsSettings::default());
        let ru = r.formula().get(Lang::Ru).to_string();
        assert!(ru.contains("0,5 × С + 0,2 × К + 0,3 × У"), "{ru}");
        assert!(ru.contains("меньше 5"), "{ru}");
        assert!(r.formula().get(Lang::En).contains("0.5 × T + 0.2 × Q + 0.3 × S"));
    }
}
