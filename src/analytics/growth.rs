//! Growth in the number of items and its causes: changes by topic, sector, settlement and
//! channel against the previous period and the same period a year earlier, the largest
//! contributors to growth, and spikes against the recent baseline.
//!
//! **Contributors.** The change of the total is split by (topic × settlement) pairs, which
//! name a concrete problem ("+4: water supply in Мульта"), and by each dimension alone.
//! Only slices that grew are listed, largest growth first, ties by key, so the order never
//! depends on the order of files.
//!
//! **Spikes.** For each month of the period and each slice (everything, each topic,
//! sector, settlement, channel and topic × settlement pair), the baseline is the
//! `spike.months` months just before it (default 6), months without items counting as 0.
//! With mean μ and standard deviation σ of the baseline (population form: divided by the
//! number of months), a month with count c is a spike when c − μ ≥ `spike.sigmas` × σ
//! (default 2) **and** c − μ ≥ `spike.min_excess` (default 3). The second condition keeps
//! a quiet topic from being flagged for going from 0 to 1. A month is only judged when its
//! whole baseline lies on or after the month of the earliest item in the register, so the
//! first months of a new register are not compared against months that were never kept.

use super::{Month, Period};
use crate::appeal::Appeal;
use crate::config::SpikeRule;
use crate::fields::Choice;
use crate::messages::{self, Message};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A way to split items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    /// Classifier code as written on the item.
    Topic,
    /// Settlement (`locality`).
    Settlement,
    /// Sector id.
    Sector,
    /// Channel name (`pos`, `letter`, …).
    Channel,
}

impl Dimension {
    /// Every dimension, in display order.
    pub const ALL: [Dimension; 4] =
        [Dimension::Topic, Dimension::Settlement, Dimension::Sector, Dimension::Channel];

    /// The item's value in this dimension.
    pub fn key(self, a: &Appeal) -> &str {
        match self {
            Dimension::Topic => &a.topic,
            Dimension::Settlement => &a.locality,
            Dimension::Sector => &a.sector,
            Dimension::Channel => a.channel.name(),
        }
    }

    /// The dimension's name for a table heading.
    pub fn label(self) -> Message {
        messages::analytics::dimension(self)
    }
}

/// A group of items: everything, one value of a dimension, or a topic in a settlement.
/// The order of the variants is the order in which ties are listed: the most specific
/// first.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Slice {
    /// One topic in one settlement.
    TopicInSettlement {
        /// Classifier code.
        topic: String,
        /// Settlement.
        settlement: String,
    },
    /// One value of one dimension.
    Value {
        /// Which dimension.
        dimension: Dimension,
        /// Its value.
        key: String,
    },
    /// Every item.
    All,
}

impl Slice {
    /// Every slice an item belongs to, `All` included.
    fn of(a: &Appeal) -> Vec<Slice> {
        let mut out = vec![
            Slice::TopicInSettlement { topic: a.topic.clone(), settlement: a.locality.clone() },
            Slice::All,
        ];
        out.extend(
            Dimension::ALL
                .iter()
                .map(|&d| Slice::Value { dimension: d, key: d.key(a).to_string() }),
        );
        out
    }
}

/// How one group changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The group's value (empty for the total).
    pub key: String,
    /// Items in the period.
    pub current: usize,
    /// Items in the previous period.
    pub previous: usize,
    /// Items in the same period a year earlier.
    pub year_earlier: usize,
    /// `current − previous`.
    pub vs_previous: i64,
    /// `current − year_earlier`.
    pub vs_year_earlier: i64,
    /// Change against the previous period in per cent; `None` when that was 0.
    pub percent_vs_previous: Option<f64>,
    /// Change against a year earlier in per cent; `None` when that was 0.
    pub percent_vs_year_earlier: Option<f64>,
}

impl Change {
    fn new(key: &str, current: usize, previous: usize, year_earlier: usize) -> Change {
        let percent =
            |base: usize| (base > 0).then(|| (current as f64 - base as f64) * 100.0 / base as f64);
        Change {
            key: key.to_string(),
            current,
            previous,
            year_earlier,
            vs_previous: current as i64 - previous as i64,
            vs_year_earlier: current as i64 - year_earlier as i64,
            percent_vs_previous: percent(previous),
            percent_vs_year_earlier: percent(year_earlier),
        }
    }
}

/// The changes of every value of one dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionChanges {
    /// The dimension.
    pub dimension: Dimension,
    /// Every value seen in any of the three periods, most items now first, ties by key.
    pub rows: Vec<Change>,
}

/// One slice that grew.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contributor {
    /// The slice.
    pub slice: Slice,
    /// Items in the period.
    pub current: usize,
    /// Items in the base period.
    pub base: usize,
    /// `current − base`, always positive here.
    pub delta: i64,
    /// `delta` / growth of the total, when the total grew; above 1 when other slices fell.
    pub share_of_growth: Option<f64>,
}

impl Contributor {
    /// "+4 обращения: {what}", where `what` names the slice (the caller knows the
    /// classifier and settlement names).
    pub fn describe(&self, what: &str) -> Message {
        messages::analytics::growth_contributor(self.delta, what)
    }
}

/// The contributors to the change against one base period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contributors {
    /// The period compared against.
    pub base: Period,
    /// Change of the total.
    pub total_delta: i64,
    /// Topic × settlement pairs that grew.
    pub pairs: Vec<Contributor>,
    /// Values of each dimension that grew, in the order of [`Dimension::ALL`].
    pub by_dimension: Vec<DimensionContributors>,
}

/// The values of one dimension that grew.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionContributors {
    /// The dimension.
    pub dimension: Dimension,
    /// Its values that grew, largest growth first, ties by key.
    pub contributors: Vec<Contributor>,
}

/// Growth of one period against the previous one and a year earlier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Growth {
    /// The period.
    pub period: Period,
    /// The previous period of the same length.
    pub previous: Period,
    /// The same period a year earlier.
    pub year_earlier: Period,
    /// The change of the total.
    pub total: Change,
    /// Changes by dimension, in the order of [`Dimension::ALL`].
    pub by: Vec<DimensionChanges>,
    /// Contributors against the previous period.
    pub vs_previous: Contributors,
    /// Contributors against a year earlier.
    pub vs_year_earlier: Contributors,
}

/// Item counts by slice in one period.
fn counts(appeals: &[Appeal], period: &Period) -> BTreeMap<Slice, usize> {
    let mut out = BTreeMap::new();
    for a in appeals.iter().filter(|a| period.holds(a)) {
        for s in Slice::of(a) {
            *out.entry(s).or_insert(0) += 1;
        }
    }
    out
}

/// Growth of `period` against the previous period and the same period a year earlier.
pub fn growth(appeals: &[Appeal], period: &Period) -> Growth {
    let now = counts(appeals, period);
    let prev = counts(appeals, &period.previous());
    let year = counts(appeals, &period.year_earlier());
    let all = Slice::All;
    let total = Change::new("", get(&now, &all), get(&prev, &all), get(&year, &all));
    let by = Dimension::ALL.iter().map(|&d| changes(d, [&now, &prev, &year])).collect();
    Growth {
        period: *period,
        previous: period.previous(),
        year_earlier: period.year_earlier(),
        total,
        by,
        vs_previous: split_change(&now, &prev, period.previous()),
        vs_year_earlier: split_change(&now, &year, period.year_earlier()),
    }
}

/// The count of `slice` in `counts`, 0 when absent.
fn get(counts: &BTreeMap<Slice, usize>, slice: &Slice) -> usize {
    counts.get(slice).copied().unwrap_or(0)
}

/// The changes of every value of `dimension` seen in the period, the previous one or a
/// year earlier (`[now, previous, year earlier]`).
fn changes(
    dimension: Dimension,
    [now, prev, year]: [&BTreeMap<Slice, usize>; 3],
) -> DimensionChanges {
    let keys: BTreeSet<&str> = [now, prev, year]
        .iter()
        .flat_map(|m| m.keys())
        .filter_map(|s| match s {
            Slice::Value { dimension: d, key } if *d == dimension => Some(key.as_str()),
            _ => None,
        })
        .collect();
    let mut rows: Vec<Change> = keys
        .into_iter()
        .map(|key| {
            let s = Slice::Value { dimension, key: key.to_string() };
            Change::new(key, get(now, &s), get(prev, &s), get(year, &s))
        })
        .collect();
    rows.sort_by(|a, b| b.current.cmp(&a.current).then_with(|| a.key.cmp(&b.key)));
    DimensionChanges { dimension, rows }
}

/// The contributors to the growth of `period` against `base`.
pub fn contributors(appeals: &[Appeal], period: &Period, base: &Period) -> Contributors {
    split_change(&counts(appeals, period), &counts(appeals, base), *base)
}

fn split_change(
    now: &BTreeMap<Slice, usize>,
    then: &BTreeMap<Slice, usize>,
    base: Period,
) -> Contributors {
    let total_delta = get(now, &Slice::All) as i64 - get(then, &Slice::All) as i64;
    let mut grown: Vec<Contributor> = now
        .iter()
        .filter(|(s, _)| **s != Slice::All)
        .filter_map(|(slice, &current)| {
            let base = get(then, slice);
            let delta = current as i64 - base as i64;
            (delta > 0).then(|| Contributor {
                slice: slice.clone(),
                current,
                base,
                delta,
                share_of_growth: (total_delta > 0).then(|| delta as f64 / total_delta as f64),
            })
        })
        .collect();
    grown.sort_by(|a, b| b.delta.cmp(&a.delta).then_with(|| a.slice.cmp(&b.slice)));
    let pick = |wanted: &dyn Fn(&Slice) -> bool| -> Vec<Contributor> {
        grown.iter().filter(|c| wanted(&c.slice)).cloned().collect()
    };
    let pairs = pick(&|s| matches!(s, Slice::TopicInSettlement { .. }));
    let by_dimension = Dimension::ALL
        .iter()
        .map(|&dimension| DimensionContributors {
            dimension,
            contributors: pick(
                &|s| matches!(s, Slice::Value { dimension: d, .. } if *d == dimension),
            ),
        })
        .collect();
    Contributors { base, total_delta, pairs, by_dimension }
}

/// A month in which a slice rose well above its recent baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spike {
    /// The slice.
    pub slice: Slice,
    /// The month.
    pub month: Month,
    /// Items that month.
    pub count: usize,
    /// Mean of the baseline months.
    pub baseline_mean: f64,
    /// Standard deviation of the baseline months (population form).
    pub baseline_sd: f64,
    /// `count − baseline_mean`.
    pub excess: f64,
}

/// The spikes in the months of `period` (see the module documentation for the rule),
/// by month, then largest excess first, then slice.
pub fn spikes(appeals: &[Appeal], period: &Period, rule: &SpikeRule) -> Vec<Spike> {
    let Some(start) = appeals.iter().map(|a| Month::of(a.received.day())).min() else {
        return Vec::new();
    };
    let mut monthly: BTreeMap<(Slice, Month), usize> = BTreeMap::new();
    for a in appeals {
        let m = Month::of(a.received.day());
        for s in Slice::of(a) {
            *monthly.entry((s, m)).or_insert(0) += 1;
        }
    }
    let months = rule.months as i32;
    let mut out = Vec::new();
    for month in period.months() {
        if month.plus(-months) < start {
            continue;
        }
        for ((slice, _), &count) in monthly.iter().filter(|((_, m), _)| *m == month) {
            let baseline: Vec<f64> = (1..=months)
                .map(|back| {
                    let key = (slice.clone(), month.plus(-back));
                    monthly.get(&key).copied().unwrap_or(0) as f64
                })
                .collect();
            if let Some(spike) = judge(slice, month, count, &baseline, rule) {
                out.push(spike);
            }
        }
    }
    out.sort_by(|a, b| {
        a.month
            .cmp(&b.month)
            .then_with(|| b.excess.total_cmp(&a.excess))
            .then_with(|| a.slice.cmp(&b.slice))
    });
    out
}

/// Applies the spike rule to one month against its baseline.
fn judge(
    slice: &Slice,
    month: Month,
    count: usize,
    baseline: &[f64],
    rule: &SpikeRule,
) -> Option<Spike> {
    let n = baseline.len() as f64;
    let mean = baseline.iter().sum::<f64>() / n;
    let sd = (baseline.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
    let excess = count as f64 - mean;
    // A small tolerance so that an excess of exactly 2σ, computed through a square root,
    // is not lost to rounding.
    let flagged = excess + 1e-9 >= rule.sigmas * sd && excess + 1e-9 >= f64::from(rule.min_excess);
    flagged.then(|| Spike {
        slice: slice.clone(),
        month,
        count,
        baseline_mean: mean,
        baseline_sd: sd,
        excess,
    })
}

/// The spike rule in words, for the page.
pub fn spike_rule_text(rule: &SpikeRule) -> Message {
    messages::analytics::spike_rule(rule)
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;
    use crate::appeal::Channel;
    use crate::messages::Lang;

    const WATER: &str = "0005.0005.0056.1154";
    const ROADS: &str = "0003.0009.0099.0742";
    const LIGHT: &str = "0003.0009.0097.0690";

    fn water(id: usize, d: &str, place: &str) -> Item {
        item(&format!("2026-{id:04}"), d).topic(WATER).sector("zhkh").locality(place)
    }

    /// February: water/Мульта 2, roads/Катанда 3, water/Катанда 1 (6).
    /// March: water/Мульта 6, roads/Катанда 2, water/Катанда 2, light/Тюнгур 1 (11); the
    /// lighting item came through ПОС, every other by letter.
    /// March 2025: one roads item in Катанда.
    fn fixture() -> Vec<Appeal> {
        let plan = [
            (WATER, "2026-02-10", "Мульта", 2),
            (ROADS, "2026-02-11", "Катанда", 3),
            (WATER, "2026-02-12", "Катанда", 1),
            (WATER, "2026-03-10", "Мульта", 6),
            (ROADS, "2026-03-11", "Катанда", 2),
            (WATER, "2026-03-12", "Катанда", 2),
            (LIGHT, "2026-03-13", "Тюнгур", 1),
            (ROADS, "2025-03-05", "Катанда", 1),
        ];
        let mut items = Vec::new();
        for (topic, d, place, n) in plan {
            for _ in 0..n {
                let channel = if topic == LIGHT { Channel::Pos } else { Channel::Letter };
                let it = item(&format!("2026-{:04}", items.len() + 1), d)
                    .channel(channel)
                    .topic(topic)
                    .locality(place)
                    .sector(match topic {
                        WATER => "zhkh",
                        LIGHT => "landscaping",
                        _ => "roads",
                    });
                items.push(it);
            }
        }
        appeals(&items)
    }

    fn pair(topic: &str, settlement: &str) -> Slice {
        Slice::TopicInSettlement { topic: topic.into(), settlement: settlement.into() }
    }

    fn value(dimension: Dimension, key: &str) -> Slice {
        Slice::Value { dimension, key: key.into() }
    }

    #[test]
    fn totals_change_against_both_bases() {
        let g = growth(&fixture(), &Period::parse("2026-03").unwrap());
        assert_eq!((g.total.current, g.total.previous, g.total.year_earlier), (11, 6, 1));
        assert_eq!((g.total.vs_previous, g.total.vs_year_earlier), (5, 10));
        // (11 − 6) / 6 × 100 = 83.33…; (11 − 1) / 1 × 100 = 1000.
        assert!((g.total.percent_vs_previous.unwrap() - 500.0 / 6.0).abs() < 1e-9);
        assert_eq!(g.total.percent_vs_year_earlier, Some(1000.0));
        let settlements = &g.by[1];
        assert_eq!(settlements.dimension, Dimension::Settlement);
        let rows: Vec<_> =
            settlements.rows.iter().map(|c| (c.key.as_str(), c.current, c.previous)).collect();
        // Мульта 6 vs 2; Катанда 2 + 2 = 4 vs 3 + 1 = 4; Тюнгур 1 vs 0.
        assert_eq!(rows, [("Мульта", 6, 2), ("Катанда", 4, 4), ("Тюнгур", 1, 0)]);
        assert_eq!(settlements.rows[2].percent_vs_previous, None);
    }

    #[test]
    fn contributors_by_pair_and_by_dimension() {
        let g = growth(&fixture(), &Period::parse("2026-03").unwrap());
        let c = &g.vs_previous;
        assert_eq!(c.total_delta, 5);
        let pairs: Vec<_> = c.pairs.iter().map(|c| (c.slice.clone(), c.delta)).collect();
        // water/Мульта 6 − 2 = +4; then the +1s by topic code: light (0003…) before water
        // (0005…); roads/Катанда fell (2 − 3) and is not listed.
        assert_eq!(
            pairs,
            [(pair(WATER, "Мульта"), 4), (pair(LIGHT, "Тюнгур"), 1), (pair(WATER, "Катанда"), 1)]
        );
        assert_eq!(c.pairs[0].share_of_growth, Some(0.8)); // 4 / 5
        let topics: Vec<_> = c.by_dimension[0]
            .contributors
            .iter()
            .map(|c| (c.slice.clone(), c.current, c.base))
            .collect();
        // water 6 + 2 = 8 vs 2 + 1 = 3 (+5); light 1 vs 0 (+1).
        assert_eq!(
            topics,
            [(value(Dimension::Topic, WATER), 8, 3), (value(Dimension::Topic, LIGHT), 1, 0)]
        );
        let settlements: Vec<_> =
            c.by_dimension[1].contributors.iter().map(|c| c.slice.clone()).collect();
        // Катанда did not change (4 vs 4), so only Мульта (+4) and Тюнгур (+1).
        assert_eq!(
            settlements,
            [value(Dimension::Settlement, "Мульта"), value(Dimension::Settlement, "Тюнгур")]
        );
        let channels: Vec<_> =
            c.by_dimension[3].contributors.iter().map(|c| (c.slice.clone(), c.delta)).collect();
        // Letters 10 vs 6 (+4); the lighting item came through ПОС (+1).
        assert_eq!(
            channels,
            [(value(Dimension::Channel, "letter"), 4), (value(Dimension::Channel, "pos"), 1)]
        );
        let text = c.pairs[0].describe("Перебои в водоснабжении — Мульта");
        assert_eq!(text.get(Lang::Ru), "+4 обращения: Перебои в водоснабжении — Мульта");
        assert_eq!(text.get(Lang::En), "+4 items: Перебои в водоснабжении — Мульта");
    }

    #[test]
    fn growth_against_a_year_earlier() {
        let p = Period::parse("2026-03").unwrap();
        let c = contributors(&fixture(), &p, &p.year_earlier());
        assert_eq!(c.total_delta, 10);
        // A year ago: one roads item in Катанда. Roads/Катанда now 2: +1. Water/Мульта +6.
        let pairs: Vec<_> = c.pairs.iter().map(|c| c.delta).collect();
        assert_eq!(pairs, [6, 2, 1, 1]); // Мульта water, Катанда water, light, roads
        assert_eq!(c.pairs[3].slice, pair(ROADS, "Катанда"));
    }

    /// `counts[i]` items of water in Мульта in the i-th month from September 2025, and one
    /// roads item in Катанда in August 2025 that marks the start of the register.
    fn series(counts: &[usize]) -> Vec<Appeal> {
        let mut a = unanchored(counts);
        a.push(item("2025-9999", "2025-08-01").appeal);
        a
    }

    /// The same series without the August item: the register starts with the series.
    fn unanchored(counts: &[usize]) -> Vec<Appeal> {
        let mut items = Vec::new();
        let start = Month::new(2025, 9).unwrap();
        for (i, &n) in counts.iter().enumerate() {
            let d = start.plus(i as i32).first_day().format("%Y-%m-%d").to_string();
            for k in 0..n {
                items.push(water(i * 100 + k + 1, &d, "Мульта"));
            }
        }
        appeals(&items)
    }

    fn spiking(appeals: &[Appeal], rule: &SpikeRule) -> Vec<(Slice, usize)> {
        let march = Period::parse("2026-03").unwrap();
        spikes(appeals, &march, rule).into_iter().map(|s| (s.slice, s.count)).collect()
    }

    #[test]
    fn a_spike_exceeds_two_sigmas_and_three_items() {
        // Baseline Sep–Feb 1, 0, 2, 1, 0, 2: μ = 6 / 6 = 1; squared deviations 0, 1, 1, 0, 1,
        // 1 → σ² = 4 / 6, σ = 0.816. March 5: excess 4 ≥ 2σ = 1.63 and ≥ 3 → spike.
        let a = series(&[1, 0, 2, 1, 0, 2, 5]);
        let s = spikes(&a, &Period::parse("2026-03").unwrap(), &SpikeRule::default());
        assert_eq!(s.len(), 6); // the same items form every slice: all, pair, four values
        assert!(s.iter().all(|s| s.count == 5 && s.month.code() == "2026-03"));
        assert!((s[0].baseline_mean - 1.0).abs() < 1e-9);
        assert!((s[0].baseline_sd - (4.0f64 / 6.0).sqrt()).abs() < 1e-9);
        assert!((s[0].excess - 4.0).abs() < 1e-9);
        assert_eq!(s[0].slice, pair(WATER, "Мульта")); // ties: the most specific first
    }

    #[test]
    fn a_small_rise_or_a_noisy_baseline_is_not_a_spike() {
        // March 3: excess 2 ≥ 2σ but < 3 items.
        assert!(spiking(&series(&[1, 0, 2, 1, 0, 2, 3]), &SpikeRule::default()).is_empty());
        // Baseline 0, 6, 0, 6, 0, 6: μ = 3, σ = 3. March 8: excess 5 ≥ 3 but < 2σ = 6.
        assert!(spiking(&series(&[0, 6, 0, 6, 0, 6, 8]), &SpikeRule::default()).is_empty());
        // March 9: excess 6 = 2σ exactly → spike.
        assert_eq!(spiking(&series(&[0, 6, 0, 6, 0, 6, 9]), &SpikeRule::default()).len(), 6);
        // Flat baseline 0: σ = 0, so only the 3-item floor applies: 3 is a spike, 2 is not.
        assert_eq!(spiking(&series(&[0, 0, 0, 0, 0, 0, 3]), &SpikeRule::default()).len(), 6);
        assert!(spiking(&series(&[0, 0, 0, 0, 0, 0, 2]), &SpikeRule::default()).is_empty());
    }

    #[test]
    fn months_before_the_register_started_are_not_a_baseline() {
        // The register's first item is in November 2025; March 2026 needs September–February.
        let a = unanchored(&[0, 0, 1, 1, 1, 1, 9]);
        assert!(spiking(&a, &SpikeRule::default()).is_empty());
        let short = SpikeRule { months: 4, ..SpikeRule::default() };
        // November–February 1, 1, 1, 1: μ = 1, σ = 0; 9 − 1 = 8 ≥ 3 → spike.
        assert_eq!(spiking(&a, &short).len(), 6);
    }

    #[test]
    fn the_spike_rule_is_explained_with_its_numbers() {
        let ru = spike_rule_text(&SpikeRule::default()).get(Lang::Ru).to_string();
        assert!(ru.contains("6 предыдущих месяцев") && ru.contains("2 стандартных"), "{ru}");
        assert!(ru.contains("не меньше чем на 3"), "{ru}");
    }
}
