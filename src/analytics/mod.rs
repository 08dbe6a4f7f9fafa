//! The "complete picture" of the founding decree: ratings of sectors and assignees, growth
//! and its causes, clusters of one problem, citizens' satisfaction, communication failures,
//! the federal monthly counts (ССТУ.РФ), and votes and public discussions. Small counts on
//! public pages are suppressed by [`crate::disclosure`] and [`crate::stats::Cell::lone`].
//!
//! One rule holds for every figure of a period: it is about the items **received** in that
//! period (the cohort), counted by the local day of `received`. What happened to them
//! later (an answer, a return, a rating) counts towards the period they arrived in, so
//! every share has the same base and lies between 0 and 1. Figures of a recent period
//! therefore still move while its items are being worked on.
//!
//! This module does not compute deadlines. The caller, which knows the `deadline` stage,
//! hands in one [`ItemFacts`] per item; everything here is plain arithmetic on those facts
//! and on the appeals themselves, so it can be tested with small hand-made fixtures.
//! Each function returns plain data (`serde::Serialize`) for the renderer; texts that
//! explain a rule on a page come from `messages::analytics`.

pub mod clusters;
pub mod discussions;
pub mod failures;
pub mod growth;
pub mod period;
pub mod rating;
pub mod satisfaction;
pub mod sstu;

pub use crate::config::{AnalyticsSettings, ClusterRule, SpikeRule, Weights};
pub use period::{Month, Period, PeriodError, Span};

use crate::appeal::Appeal;
use crate::load::Repository;
use chrono::NaiveDate;
use serde::Serialize;

/// What the deadline stage knows about one item, as plain input to the figures here.
#[derive(Debug, Clone, Copy)]
pub struct ItemFacts<'a> {
    /// The item.
    pub appeal: &'a Appeal,
    /// For answered items: whether the answer was sent by the due date. `None` for items
    /// without an answer, or when the deadline is unknown.
    pub on_time: Option<bool>,
    /// Whether the item is open and past its due date today.
    pub overdue_now: bool,
    /// For answered items: working days from the start of the clock (registration, else
    /// receipt) to the answer.
    pub answer_working_days: Option<i64>,
}

impl<'a> ItemFacts<'a> {
    /// Facts for an item whose deadline is not known: nothing about timeliness.
    pub fn unknown(appeal: &'a Appeal) -> ItemFacts<'a> {
        ItemFacts { appeal, on_time: None, overdue_now: false, answer_working_days: None }
    }
}

/// Whether the item was answered at least once: its answer stands now, or it was returned
/// or reopened (a return or a reopening presupposes an answer). The base of the quality
/// and reopening shares.
pub fn answered_once(appeal: &Appeal) -> bool {
    appeal.status.is_answered()
        || appeal.answered.is_some()
        || !appeal.returned.is_empty()
        || !appeal.reopened.is_empty()
}

/// Whether the item had a return or a reopening: its answer needed rework.
pub fn reworked(appeal: &Appeal) -> bool {
    !appeal.returned.is_empty() || !appeal.reopened.is_empty()
}

/// `part / whole`, or `None` when `whole` is 0: a share of nothing is not 0 %.
pub fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The items of `facts` received inside `period`.
pub fn in_period<'f, 'a>(
    facts: &'f [ItemFacts<'a>],
    period: &'f Period,
) -> impl Iterator<Item = &'f ItemFacts<'a>> + 'f {
    facts.iter().filter(move |f| period.holds(f.appeal))
}

/// Every part of the picture for one period, as the head's report and the internal
/// dashboard show it. The public site takes only `sectors` (without assignees), `growth`,
/// `clusters`, `satisfaction` and `discussions` (public ones), with small counts
/// suppressed (see [`crate::disclosure`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Picture {
    /// The period.
    pub period: Period,
    /// Sector ratings; every sector of the repository is listed.
    pub sectors: rating::Ratings,
    /// Assignee ratings (internal only).
    pub assignees: rating::Ratings,
    /// Growth against the previous period and a year earlier.
    pub growth: growth::Growth,
    /// Spikes in the months of the period.
    pub spikes: Vec<growth::Spike>,
    /// Problems with at least one item in the period.
    pub clusters: Vec<clusters::Cluster>,
    /// Satisfaction by sector and month.
    pub satisfaction: satisfaction::Satisfaction,
    /// Communication failures by sector (internal only).
    pub failures: failures::Failures,
    /// Votes and discussions that ran in the period.
    pub discussions: discussions::DiscussionSummary,
}

/// Computes the whole picture of `period` as of `today`. `facts` holds one entry per item
/// of `repo.appeals`, built by the caller from the deadline stage.
pub fn picture(
    repo: &Repository,
    facts: &[ItemFacts],
    period: &Period,
    today: NaiveDate,
) -> Picture {
    let settings = &repo.config.analytics;
    let sector_ids: Vec<&str> = repo.sectors.iter().map(|s| s.id.as_str()).collect();
    let appeals = &repo.appeals;
    Picture {
        period: *period,
        sectors: rating::rate(facts, period, rating::UnitKind::Sector, &sector_ids, settings),
        assignees: rating::rate(facts, period, rating::UnitKind::Assignee, &[], settings),
        growth: growth::growth(appeals, period),
        spikes: growth::spikes(appeals, period, &settings.spike),
        clusters: clusters::clusters(appeals, &settings.cluster, Some(period)),
        satisfaction: satisfaction::satisfaction(appeals, period, &sector_ids),
        failures: failures::failures(appeals, period),
        discussions: discussions::summarise(&repo.discussions, period, today),
    }
}

/// A small builder of in-memory items for the tests of this module and its children.
#[cfg(test)]
pub(crate) mod fixture {
    use super::ItemFacts;
    use crate::appeal::{Appeal, Channel, Kind, Loop, Outcome, Status};
    use crate::dates::Moment;
    use chrono::NaiveDate;

    /// `YYYY-MM-DD` to a date.
    pub fn day(text: &str) -> NaiveDate {
        crate::dates::parse_date(text).unwrap()
    }

    /// One item with its deadline facts.
    #[derive(Clone)]
    pub struct Item {
        pub appeal: Appeal,
        pub on_time: Option<bool>,
        pub overdue_now: bool,
        pub days: Option<i64>,
    }

    /// A new appeal by letter, received on `received`, in the roads sector, Катанда.
    pub fn item(id: &str, received: &str) -> Item {
        let appeal = Appeal::fixture(id, Moment::Day(day(received)));
        Item { appeal, on_time: None, overdue_now: false, days: None }
    }

    impl Item {
        pub fn sector(mut self, s: &str) -> Item {
            self.appeal.sector = s.into();
            self
        }
        pub fn topic(mut self, t: &str) -> Item {
            self.appeal.topic = t.into();
            self
        }
        pub fn locality(mut self, l: &str) -> Item {
            self.appeal.locality = l.into();
            self
        }
        pub fn channel(mut self, c: Channel) -> Item {
            self.appeal.channel = c;
            self
        }
        pub fn kind(mut self, k: Kind) -> Item {
            self.appeal.kind = k;
            self
        }
        pub fn assignee(mut self, a: &str) -> Item {
            self.appeal.assignee = Some(a.into());
            if self.appeal.status == Status::New {
                self.appeal.status = Status::InProgress;
            }
            self
        }
        pub fn status(mut self, s: Status) -> Item {
            self.appeal.status = s;
            self
        }
        /// Answered on `date` with `result`, `days` working days after the start, on time
        /// or not.
        pub fn answered(mut self, date: &str, result: Outcome, days: i64, on_time: bool) -> Item {
            self.appeal.status = Status::Answered;
            self.appeal.answered = Some(Moment::Day(day(date)));
            self.appeal.result = Some(result);
            self.days = Some(days);
            self.on_time = Some(on_time);
            self
        }
        pub fn overdue(mut self) -> Item {
            self.overdue_now = true;
            self
        }
        pub fn rating(mut self, r: u8) -> Item {
            self.appeal.rating = Some(r);
            self
        }
        pub fn agrees(mut self, a: bool) -> Item {
            self.appeal.agrees = Some(a);
            self
        }
        pub fn returned(mut self, date: &str, reason: &str) -> Item {
            self.appeal.returned.push(Loop { date: day(date), reason: reason.into() });
            self
        }
        pub fn reopened(mut self, date: &str, reason: &str) -> Item {
            self.appeal.reopened.push(Loop { date: day(date), reason: reason.into() });
            self
        }
    }

    /// The facts of every item, borrowing their appeals.
    pub fn facts(items: &[Item]) -> Vec<ItemFacts<'_>> {
        items
            .iter()
            .map(|i| ItemFacts {
                appeal: &i.appeal,
                on_time: i.on_time,
                overdue_now: i.overdue_now,
                answer_working_days: i.days,
            })
            .collect()
    }

    /// The appeals of every item.
    pub fn appeals(items: &[Item]) -> Vec<Appeal> {
        items.iter().map(|i| i.appeal.clone()).collect()
    }

    /// A repository with the sectors `roads` and `zhkh`, default analytics settings and
    /// the given items.
    pub fn repository(items: &[Item]) -> crate::load::Repository {
        let config = "municipality:\n  name: Т\n  time_zone: Asia/Barnaul\n  \
            settlements: [Катанда, Мульта]\nroles: { curator: a, head: a, coordinator: a }\n\
            staff:\n  - { id: a, name: А }\n";
        let (config, _) = crate::config::read(config).unwrap();
        let sectors = [("roads", "0003.0009.0099"), ("zhkh", "0005.0005.0056")].map(|(id, t)| {
            let text = format!("---\nid: {id}\ntitle: {id}\nlead: a\ntopics: [\"{t}\"]\n---\n");
            crate::sector::read(&text, &format!("sectors/{id}.md"), id).0.unwrap()
        });
        crate::load::Repository {
            root: std::path::PathBuf::new(),
            config,
            sectors: sectors.to_vec(),
            appeals: appeals(items),
            discussions: Vec::new(),
            diagnostics: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::*;
    use super::*;
    use crate::appeal::Outcome;

    #[test]
    fn a_share_of_nothing_is_unknown_not_zero() {
        assert_eq!(share(0, 0), None);
        assert_eq!(share(1, 4), Some(0.25));
    }

    #[test]
    fn a_return_implies_an_earlier_answer() {
        let plain = item("2026-0001", "2026-03-02");
        let returned = item("2026-0002", "2026-03-02").returned("2026-03-10", "формально");
        let answered =
            item("2026-0003", "2026-03-02").answered("2026-03-05", Outcome::Explained, 3, true);
        assert!(!answered_once(&plain.appeal));
        assert!(answered_once(&returned.appeal) && reworked(&returned.appeal));
        assert!(answered_once(&answered.appeal) && !reworked(&answered.appeal));
    }

    #[test]
    fn the_picture_of_a_month_holds_every_part() {
        let water = "0005.0005.0056.1154";
        let items: Vec<Item> = (1..=3)
            .map(|n| {
                item(&format!("2026-{n:04}"), &format!("2026-03-0{n}"))
                    .sector("zhkh")
                    .topic(water)
                    .locality("Мульта")
            })
            .chain([item("2026-0004", "2026-03-04")
                .assignee("a")
                .answered("2026-03-05", Outcome::Explained, 1, true)
                .rating(2)])
            .collect();
        let repo = repository(&items);
        let f = facts(&items);
        let march = Period::parse("2026-03").unwrap();
        let p = picture(&repo, &f, &march, fixture::day("2026-04-01"));
        let sectors: Vec<_> =
            p.sectors.rows.iter().map(|r| (r.unit.as_str(), r.figures.received)).collect();
        assert_eq!(sectors, [("roads", 1), ("zhkh", 3)]);
        assert_eq!(p.assignees.rows.len(), 1);
        assert_eq!(p.growth.total.current, 4);
        assert_eq!(p.clusters.len(), 1);
        assert_eq!(p.clusters[0].items.len(), 3);
        assert_eq!(p.satisfaction.total.rated, 1);
        assert_eq!(p.failures.count(), 1);
        assert!(p.spikes.is_empty()); // no history before March
        assert_eq!(p.discussions.rows.len(), 0);
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["period"], "2026-03");
        assert_eq!(json["clusters"][0]["first"], "2026-03-01");
    }

    #[test]
    fn the_cohort_is_chosen_by_the_received_day() {
        let items = [item("2026-0001", "2026-02-28"), item("2026-0002", "2026-03-01")];
        let f = facts(&items);
        let march = Period::parse("2026-03").unwrap();
        let ids: Vec<_> = in_period(&f, &march).map(|f| f.appeal.id.as_str()).collect();
        assert_eq!(ids, ["2026-0002"]);
    }
}
