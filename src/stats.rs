//! Aggregates for the dashboards: totals by kind, status, deadline state, sector, locality,
//! topic, channel and month, the on-time share of answered items, and what is overdue or
//! due soon.
//!
//! The internal site shows every count. The public site shows the same figures except that
//! a breakdown by locality, topic or month never shows a count of 1 or 2 (DOMAIN.md,
//! Privacy): such a cell becomes [`Cell::Small`]. When a breakdown has exactly one small
//! cell, its value could be worked out from the total and the other cells, so the next
//! smallest cell is hidden too ([`Cell::Hidden`]). Zero is shown: it says nothing about a
//! person.

use crate::appeal::{Appeal, Channel, Kind, Status};
use crate::deadline::{Deadline, DeadlineState};
use crate::fields::Choice;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// The smallest count that a public breakdown by locality, topic or month may show.
pub const MIN_PUBLIC_CELL: u64 = 3;

/// Every deadline state in the order the pages list them.
pub const STATES: [DeadlineState; 7] = [
    DeadlineState::Overdue,
    DeadlineState::DueSoon,
    DeadlineState::OnTrack,
    DeadlineState::AnsweredOnTime,
    DeadlineState::AnsweredLate,
    DeadlineState::ClosedWithoutAnswer,
    DeadlineState::Unknown,
];

/// One figure of a breakdown as a page may show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Cell {
    /// The exact count.
    Count(u64),
    /// A count of 1 or 2, suppressed on public pages.
    Small,
    /// A larger count hidden so that a small one cannot be worked out by subtraction.
    Hidden,
}

impl Cell {
    /// The count, when it may be shown.
    pub fn count(self) -> Option<u64> {
        match self {
            Cell::Count(n) => Some(n),
            Cell::Small | Cell::Hidden => None,
        }
    }
}

/// One line of a breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<K> {
    /// What is counted: a status, a sector id, a month…
    pub key: K,
    /// How many, as it may be shown.
    pub cell: Cell,
}

/// Counts of items by one property.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown<K> {
    /// The lines, in display order.
    pub rows: Vec<Row<K>>,
}

impl<K> Breakdown<K> {
    fn from_counts(counts: impl IntoIterator<Item = (K, u64)>) -> Self {
        Breakdown {
            rows: counts.into_iter().map(|(key, n)| Row { key, cell: Cell::Count(n) }).collect(),
        }
    }

    /// Whether any cell is suppressed, so the page must explain the marks.
    pub fn has_suppressed(&self) -> bool {
        self.rows.iter().any(|r| r.cell.count().is_none())
    }

    /// The largest count shown, for scaling charts.
    pub fn max_shown(&self) -> u64 {
        self.rows.iter().filter_map(|r| r.cell.count()).max().unwrap_or(0)
    }

    /// Replaces counts of 1 and 2 by [`Cell::Small`], and hides one more cell when a lone
    /// small cell could otherwise be worked out from the total.
    fn suppress_small(&mut self) {
        let mut small = 0;
        for row in &mut self.rows {
            if let Cell::Count(n) = row.cell
                && (1..MIN_PUBLIC_CELL).contains(&n)
            {
                row.cell = Cell::Small;
                small += 1;
            }
        }
        if small == 1 {
            let smallest = self
                .rows
                .iter()
                .enumerate()
                .filter_map(|(i, r)| r.cell.count().filter(|n| *n > 0).map(|n| (n, i)))
                .min();
            if let Some((_, i)) = smallest {
                self.rows[i].cell = Cell::Hidden;
            }
        }
    }
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
}

impl YearMonth {
    /// The month `day` falls in.
    pub fn of(day: NaiveDate) -> Self {
        YearMonth { year: day.year(), month: day.month() }
    }

    /// The month after this one.
    pub fn next(self) -> Self {
        if self.month == 12 {
            YearMonth { year: self.year + 1, month: 1 }
        } else {
            YearMonth { year: self.year, month: self.month + 1 }
        }
    }

    /// `2026-03`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// Every aggregate the dashboards show, for one set of items.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// Number of items.
    pub total: u64,
    /// By kind, every kind in documentation order.
    pub by_kind: Breakdown<Kind>,
    /// By status, every status in workflow order.
    pub by_status: Breakdown<Status>,
    /// By deadline state, in the order of [`STATES`].
    pub by_state: Breakdown<DeadlineState>,
    /// By sector id: the sectors given to [`Stats::compute`] first (even at zero), in
    /// their order, then any other sector id the items name, sorted.
    pub by_sector: Breakdown<String>,
    /// By settlement, largest first, then by name.
    pub by_locality: Breakdown<String>,
    /// By classifier code as written, largest first, then by code.
    pub by_topic: Breakdown<String>,
    /// By channel, every channel in documentation order.
    pub by_channel: Breakdown<Channel>,
    /// By month of receipt, every month from the first to the last, zeros included.
    pub by_month: Breakdown<YearMonth>,
    /// Items answered on time.
    pub answered_on_time: u64,
    /// Items answered late.
    pub answered_late: u64,
    /// Open items past their deadline.
    pub overdue: u64,
    /// Open items due within the due-soon window.
    pub due_soon: u64,
    /// Items still open (not answered, forwarded or left unanswered).
    pub open: u64,
}

impl Stats {
    /// Counts `items`. `sectors` lists the sector ids that appear in `by_sector` even when
    /// no item names them.
    pub fn compute<'a>(
        items: impl IntoIterator<Item = (&'a Appeal, &'a Deadline)>,
        sectors: &[&str],
    ) -> Stats {
        let mut total = 0;
        let mut kinds = vec![0; Kind::ALL.len()];
        let mut statuses = vec![0; Status::ALL.len()];
        let mut states = [0; STATES.len()];
        let mut channels = vec![0; Channel::ALL.len()];
        let mut sector_counts: BTreeMap<&str, u64> = BTreeMap::new();
        let mut localities: BTreeMap<&str, u64> = BTreeMap::new();
        let mut topics: BTreeMap<&str, u64> = BTreeMap::new();
        let mut months: BTreeMap<YearMonth, u64> = BTreeMap::new();
        let mut open = 0;
        for (appeal, deadline) in items {
            total += 1;
            kinds[position(Kind::ALL, appeal.kind)] += 1;
            statuses[position(Status::ALL, appeal.status)] += 1;
            states[state_index(deadline.state)] += 1;
            channels[position(Channel::ALL, appeal.channel)] += 1;
            *sector_counts.entry(appeal.sector.as_str()).or_default() += 1;
            *localities.entry(appeal.locality.as_str()).or_default() += 1;
            *topics.entry(appeal.topic.as_str()).or_default() += 1;
            *months.entry(YearMonth::of(appeal.received.day())).or_default() += 1;
            if appeal.status.is_open() {
                open += 1;
            }
        }
        let state_count = |s: DeadlineState| states[state_index(s)];
        Stats {
            total,
            by_kind: Breakdown::from_counts(Kind::ALL.iter().copied().zip(kinds)),
            by_status: Breakdown::from_counts(Status::ALL.iter().copied().zip(statuses)),
            by_state: Breakdown::from_counts(STATES.iter().copied().zip(states)),
            by_sector: sector_rows(sector_counts, sectors),
            by_locality: largest_first(localities),
            by_topic: largest_first(topics),
            by_channel: Breakdown::from_counts(Channel::ALL.iter().copied().zip(channels)),
            by_month: month_rows(&months),
            answered_on_time: state_count(DeadlineState::AnsweredOnTime),
            answered_late: state_count(DeadlineState::AnsweredLate),
            overdue: state_count(DeadlineState::Overdue),
            due_soon: state_count(DeadlineState::DueSoon),
            open,
        }
    }

    /// The same figures with small cells suppressed in the breakdowns by locality, topic
    /// and month, as the public site shows them.
    ///
    /// A suppressed breakdown by locality or topic is also put in the order of its keys:
    /// largest-first order would tell which hidden cells are bigger than the shown ones.
    pub fn for_public(mut self) -> Stats {
        for b in [&mut self.by_locality, &mut self.by_topic] {
            b.suppress_small();
            if b.has_suppressed() {
                b.rows.sort_by(|x, y| x.key.cmp(&y.key));
            }
        }
        self.by_month.suppress_small();
        self
    }

    /// Answered items whose deadline state is known (on time or late).
    pub fn answered(&self) -> u64 {
        self.answered_on_time + self.answered_late
    }

    /// The share of answered items that were answered on time, 0–1; `None` when nothing
    /// has been answered yet.
    pub fn on_time_share(&self) -> Option<f64> {
        let answered = self.answered();
        (answered > 0).then(|| self.answered_on_time as f64 / answered as f64)
    }
}

/// The index of `state` in [`STATES`]; a state the list does not know counts as unknown.
pub fn state_index(state: DeadlineState) -> usize {
    STATES.iter().position(|s| *s == state).unwrap_or(STATES.len() - 1)
}

fn position<T: PartialEq + Copy>(all: &[T], value: T) -> usize {
    all.iter().position(|v| *v == value).expect("every value of a choice is in its ALL list")
}

fn sector_rows<'a>(mut counts: BTreeMap<&'a str, u64>, sectors: &[&'a str]) -> Breakdown<String> {
    let mut rows: Vec<(String, u64)> =
        sectors.iter().map(|s| (s.to_string(), counts.remove(s).unwrap_or(0))).collect();
    rows.extend(counts.into_iter().map(|(k, n)| (k.to_string(), n)));
    Breakdown::from_counts(rows)
}

fn largest_first(counts: BTreeMap<&str, u64>) -> Breakdown<String> {
    let mut rows: Vec<(String, u64)> =
        counts.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Breakdown::from_counts(rows)
}

fn month_rows(months: &BTreeMap<YearMonth, u64>) -> Breakdown<YearMonth> {
    let (Some(first), Some(last)) = (months.keys().next(), months.keys().next_back()) else {
        return Breakdown { rows: Vec::new() };
    };
    let mut rows = Vec::new();
    let mut m = *first;
    while m <= *last {
        rows.push((m, months.get(&m).copied().unwrap_or(0)));
        m = m.next();
    }
    Breakdown::from_counts(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Moment;
    use crate::messages::Message;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn appeal(n: u32, locality: &str, month: u32, status: Status) -> Appeal {
        Appeal {
            id: format!("2026-{n:04}"),
            file: format!("appeals/2026/2026-{n:04}.md"),
            kind: Kind::Appeal,
            channel: Channel::Letter,
            external_id: None,
            received: Moment::Day(day(2026, month, 2)),
            registered: None,
            topic: "0005.0005.0056.1154".into(),
            sector: "zhkh".into(),
            locality: locality.into(),
            assignee: None,
            status,
            extension: None,
            urgent: false,
            first_response: None,
            returned: Vec::new(),
            reopened: Vec::new(),
            due: None,
            answered: None,
            result: None,
            rating: None,
            agrees: None,
            reason: None,
            public: None,
            public_summary: None,
            answer_summary: None,
            applicant: Default::default(),
            body: String::new(),
            places: Default::default(),
        }
    }

    fn deadline(state: DeadlineState) -> Deadline {
        Deadline {
            start: crate::dates::Moment::Day(day(2026, 1, 1)),
            due: crate::deadline::Due::Day(day(2026, 1, 31)),
            unshifted_due: day(2026, 1, 31),
            extension_limit: None,
            registration_limit: None,
            forwarding_limit: None,
            first_response_due: None,
            reopened_on: None,
            provisional: false,
            manual: false,
            rule: Message::new("", ""),
            skipped_days_off: Vec::new(),
            moved_from: None,
            extended: false,
            state,
        }
    }

    fn sample() -> (Vec<Appeal>, Vec<Deadline>) {
        use DeadlineState::*;
        let spec = [
            ("Катанда", 1, Status::Answered, AnsweredOnTime),
            ("Катанда", 1, Status::Closed, AnsweredLate),
            ("Катанда", 1, Status::Answered, AnsweredOnTime),
            ("Катанда", 3, Status::InProgress, Overdue),
            ("Тюнгур", 3, Status::New, DueSoon),
            ("Усть-Кокса", 3, Status::Forwarded, ClosedWithoutAnswer),
            ("Усть-Кокса", 3, Status::Assigned, OnTrack),
            ("Усть-Кокса", 3, Status::Assigned, OnTrack),
        ];
        spec.iter()
            .enumerate()
            .map(|(i, (l, m, s, st))| (appeal(i as u32 + 1, l, *m, *s), deadline(*st)))
            .unzip()
    }

    fn stats() -> Stats {
        let (a, d) = sample();
        Stats::compute(a.iter().zip(&d), &["roads", "zhkh"])
    }

    #[test]
    fn totals_and_the_on_time_share_count_every_item() {
        let s = stats();
        assert_eq!(s.total, 8);
        assert_eq!(s.answered(), 3);
        assert_eq!(s.on_time_share(), Some(2.0 / 3.0));
        assert_eq!((s.overdue, s.due_soon, s.open), (1, 1, 4));
        assert_eq!(s.by_kind.rows[0], Row { key: Kind::Appeal, cell: Cell::Count(8) });
        assert_eq!(s.by_status.rows.len(), Status::ALL.len());
    }

    #[test]
    fn listed_sectors_appear_even_at_zero() {
        let s = stats();
        let got: Vec<_> = s.by_sector.rows.iter().map(|r| (r.key.as_str(), r.cell)).collect();
        assert_eq!(got, [("roads", Cell::Count(0)), ("zhkh", Cell::Count(8))]);
    }

    #[test]
    fn months_run_without_gaps() {
        let s = stats();
        let got: Vec<_> = s.by_month.rows.iter().map(|r| (r.key.iso(), r.cell)).collect();
        assert_eq!(
            got,
            [
                ("2026-01".to_string(), Cell::Count(3)),
                ("2026-02".to_string(), Cell::Count(0)),
                ("2026-03".to_string(), Cell::Count(5)),
            ]
        );
    }

    #[test]
    fn public_breakdowns_hide_counts_below_three_and_their_complement() {
        let s = stats().for_public();
        let got: Vec<_> = s.by_locality.rows.iter().map(|r| (r.key.as_str(), r.cell)).collect();
        // Тюнгур has 1 item; alone it could be worked out as 8 − 4 − 3, so the next
        // smallest cell is hidden as well.
        // The order is by name, so it does not hint which hidden cell is larger.
        assert_eq!(
            got,
            [("Катанда", Cell::Count(4)), ("Тюнгур", Cell::Small), ("Усть-Кокса", Cell::Hidden)]
        );
        assert!(s.by_locality.has_suppressed());
        assert_eq!(s.by_status, stats().by_status, "status is not a small breakdown");
        assert_eq!(s.total, 8);
    }

    #[test]
    fn two_small_cells_need_no_extra_hiding_and_zero_is_shown() {
        let mut b = Breakdown::from_counts([("a", 5), ("b", 2), ("c", 1), ("d", 0)]);
        b.suppress_small();
        let cells: Vec<_> = b.rows.iter().map(|r| r.cell).collect();
        assert_eq!(cells, [Cell::Count(5), Cell::Small, Cell::Small, Cell::Count(0)]);
    }

    #[test]
    fn nothing_answered_has_no_share() {
        let s = Stats::compute([], &[]);
        assert_eq!(s.on_time_share(), None);
        assert!(s.by_month.rows.is_empty());
    }
}
