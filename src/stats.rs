//! Aggregates for the dashboards: totals by kind, status, deadline state, sector, locality,
//! topic, channel and month, the on-time share of answered items, and what is overdue or
//! due soon. Two monthly series feed the dashboard's trend charts: items received by
//! month and kind, and items answered by month with how many of them were on time.
//!
//! The internal site shows every count. The public site shows the same figures except that
//! a breakdown by locality, topic or month never shows a count of 1 or 2 (DOMAIN.md,
//! Privacy): such a cell becomes [`Cell::Small`]. When a breakdown has exactly one small
//! cell, its value could be worked out from the total and the other cells, so the next
//! smallest cell is hidden too ([`Cell::Hidden`]). Zero is shown: it says nothing about a
//! person.
//!
//! The month × kind table follows the same rule in two directions, because both of its
//! margins are published elsewhere on the dashboard (the month totals and the kind
//! totals): see [`suppress_grid`]. A month of answers shows its on-time count and share
//! only when its number of answers may be shown.

use crate::appeal::{Appeal, Channel, Kind, Status};
use crate::deadline::{Deadline, DeadlineState};
use crate::disclosure::{Line, Mark, Total};
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
    /// A count shown on its own, with no total beside it to protect it against: 1 and 2
    /// become [`Cell::Small`].
    pub fn lone(n: u64) -> Cell {
        if (1..crate::disclosure::MIN_SHOWN).contains(&n) { Cell::Small } else { Cell::Count(n) }
    }

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

    /// Suppresses the breakdown against its published total (see [`crate::disclosure`]).
    fn suppress_small(&mut self) {
        let counts: Vec<u64> = self.rows.iter().map(|r| r.cell.count().unwrap_or(0)).collect();
        for (row, mark) in self.rows.iter_mut().zip(crate::disclosure::protect_list(&counts)) {
            row.cell = Cell::marked(row.cell, mark);
        }
    }
}

impl Cell {
    /// `cell` as `mark` says it may be shown.
    fn marked(cell: Cell, mark: crate::disclosure::Mark) -> Cell {
        match mark {
            crate::disclosure::Mark::Shown => cell,
            crate::disclosure::Mark::Small => Cell::Small,
            crate::disclosure::Mark::Hidden | crate::disclosure::Mark::Masked => Cell::Hidden,
        }
    }

    /// What a reader of the page knows of this published figure, for tables that must
    /// be suppressed against it.
    fn published(self) -> Option<(u64, crate::disclosure::Mark)> {
        Some(match self {
            Cell::Count(n) => (n, crate::disclosure::Mark::Shown),
            Cell::Small => (0, crate::disclosure::Mark::Small),
            // A `—` on the page may stand for a small count made unrecognisable.
            Cell::Hidden => (0, crate::disclosure::Mark::Masked),
        })
    }
}

/// Items received in one month, by kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthKinds {
    /// The month of receipt.
    pub month: YearMonth,
    /// One cell per kind, in the order of [`Kind::ALL`].
    pub kinds: Vec<Cell>,
}

/// Items answered in one month, and how many of them by their due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthOnTime {
    /// The month of the answer (local day of `answered`).
    pub month: YearMonth,
    /// Items answered in the month whose deadline state is known (on time or late).
    pub answered: Cell,
    /// Of those, answered on time. Suppressed whenever `answered` is, with the same mark.
    pub on_time: Cell,
}

impl MonthOnTime {
    /// The on-time share, 0–1, when both counts may be shown and something was answered.
    pub fn share(&self) -> Option<f64> {
        match (self.answered, self.on_time) {
            (Cell::Count(a), Cell::Count(o)) if a > 0 => Some(o as f64 / a as f64),
            _ => None,
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
    /// By month of receipt and kind: the months of `by_month`, in the same order.
    pub by_month_kind: Vec<MonthKinds>,
    /// By month of answer, every month from the first answer to the last, zeros included.
    /// Only items answered on time or late count: their month and timeliness are known.
    pub on_time_by_month: Vec<MonthOnTime>,
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
        let mut month_kinds: BTreeMap<YearMonth, Vec<u64>> = BTreeMap::new();
        let mut answers: BTreeMap<YearMonth, (u64, u64)> = BTreeMap::new();
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
            let month = YearMonth::of(appeal.received.day());
            *months.entry(month).or_default() += 1;
            month_kinds.entry(month).or_insert_with(|| vec![0; Kind::ALL.len()])
                [position(Kind::ALL, appeal.kind)] += 1;
            let on_time = match deadline.state {
                DeadlineState::AnsweredOnTime => Some(1),
                DeadlineState::AnsweredLate => Some(0),
                _ => None,
            };
            if let (Some(on_time), Some(answered)) = (on_time, appeal.answered) {
                let line = answers.entry(YearMonth::of(answered.day())).or_default();
                line.0 += 1;
                line.1 += on_time;
            }
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
            by_month_kind: month_kind_rows(&month_kinds),
            on_time_by_month: on_time_rows(&answers),
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
        // A kind of one or two items is as telling as a month of them: with one month of
        // data, the kind totals are that month's row.
        self.by_kind.suppress_small();
        self.suppress_months_and_kinds();
        self.suppress_on_time();
        self
    }

    /// Suppresses the month totals (`by_month`) and the month × kind cells in one pass,
    /// against the kind totals (`by_kind`, already suppressed) and the grand total.
    ///
    /// One pass, because each month total is the total of its row of kinds: a month of
    /// three items, one of each kind, would show three `<3` beside a total of 3, and the
    /// total is what has to give. Suppressed separately, the month list would keep its 3
    /// and the grid could only make its marks vaguer, which leaves each cell at 1.
    fn suppress_months_and_kinds(&mut self) {
        let months = self.by_month_kind.len();
        let kinds = Kind::ALL.len();
        let same_months = months == self.by_month.rows.len()
            && self.by_month_kind.iter().zip(&self.by_month.rows).all(|(m, r)| m.month == r.key);
        assert!(same_months, "month totals and months by kind list the same months");
        let mut counts: Vec<u64> = self
            .by_month_kind
            .iter()
            .flat_map(|m| m.kinds.iter().map(|c| c.count().unwrap_or(0)))
            .collect();
        let total_of = |month: usize| kinds * months + month;
        counts.extend(self.by_month.rows.iter().map(|r| r.cell.count().unwrap_or(0)));
        let published = |cell: Cell| match cell.published() {
            Some((n, mark)) => Total::Published(n, mark),
            None => Total::Unknown,
        };
        let mut lines: Vec<Line> = (0..months)
            .map(|m| Line {
                members: (0..kinds).map(|k| m * kinds + k).collect(),
                total: Total::Cell(total_of(m)),
            })
            .collect();
        lines.extend(self.by_kind.rows.iter().enumerate().map(|(k, row)| Line {
            members: (0..months).map(|m| m * kinds + k).collect(),
            total: published(row.cell),
        }));
        lines.push(Line {
            members: (0..months).map(total_of).collect(),
            total: Total::Published(counts[kinds * months..].iter().sum(), Mark::Shown),
        });
        let marks = crate::disclosure::protect(&counts, &lines);
        for (m, line) in self.by_month_kind.iter_mut().enumerate() {
            for (k, cell) in line.kinds.iter_mut().enumerate() {
                *cell = Cell::marked(*cell, marks[m * kinds + k]);
            }
        }
        for (m, row) in self.by_month.rows.iter_mut().enumerate() {
            row.cell = Cell::marked(row.cell, marks[total_of(m)]);
        }
    }

    /// Suppresses small numbers of answers per month, as a breakdown by month, and then
    /// the answers on time and late of each month against that number and against the
    /// totals of all months: with 3 answers of which 2 on time, the one late answer would
    /// point at a person as surely as a count of 1.
    fn suppress_on_time(&mut self) {
        let raw: Vec<(u64, u64)> = self
            .on_time_by_month
            .iter()
            .map(|m| {
                let answered = m.answered.count().unwrap_or(0);
                (answered, m.on_time.count().unwrap_or(0).min(answered))
            })
            .collect();
        let mut answered = Breakdown {
            rows: self
                .on_time_by_month
                .iter()
                .map(|m| Row { key: m.month, cell: m.answered })
                .collect(),
        };
        answered.suppress_small();
        let split: Vec<Vec<u64>> = raw.iter().map(|&(a, on)| vec![on, a - on]).collect();
        let months: Vec<Cell> = answered.rows.iter().map(|r| r.cell).collect();
        let on_time_total: u64 = raw.iter().map(|r| r.1).sum();
        let late_total: u64 = raw.iter().map(|r| r.0 - r.1).sum();
        let split =
            suppress_grid(&split, &months, &[Cell::Count(on_time_total), Cell::Count(late_total)]);
        for ((line, month), cells) in self.on_time_by_month.iter_mut().zip(months).zip(split) {
            line.answered = month;
            // The on-time count is shown only when the late count is too: either gives
            // the other away by subtraction.
            line.on_time = match (cells[0], cells[1]) {
                (Cell::Count(n), Cell::Count(_)) => Cell::Count(n),
                (Cell::Small, _) => Cell::Small,
                _ if month.count().is_none() => month,
                _ => Cell::Hidden,
            };
        }
    }

    /// Whether any figure of the public breakdowns is suppressed, so the page must explain
    /// the marks.
    pub fn has_suppressed(&self) -> bool {
        self.by_locality.has_suppressed()
            || self.by_topic.has_suppressed()
            || self.by_month.has_suppressed()
            || self.by_month_kind.iter().flat_map(|m| &m.kinds).any(|c| c.count().is_none())
            || self.on_time_by_month.iter().any(|m| m.answered.count().is_none())
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
    Breakdown::from_counts(month_range(months).map(|m| (m, months.get(&m).copied().unwrap_or(0))))
}

fn month_kind_rows(months: &BTreeMap<YearMonth, Vec<u64>>) -> Vec<MonthKinds> {
    let empty = vec![0; Kind::ALL.len()];
    month_range(months)
        .map(|month| MonthKinds {
            month,
            kinds: months.get(&month).unwrap_or(&empty).iter().map(|n| Cell::Count(*n)).collect(),
        })
        .collect()
}

fn on_time_rows(answers: &BTreeMap<YearMonth, (u64, u64)>) -> Vec<MonthOnTime> {
    month_range(answers)
        .map(|month| {
            let (answered, on_time) = answers.get(&month).copied().unwrap_or((0, 0));
            MonthOnTime { month, answered: Cell::Count(answered), on_time: Cell::Count(on_time) }
        })
        .collect()
}

/// Every month from the first key of `months` to the last.
fn month_range<V>(months: &BTreeMap<YearMonth, V>) -> impl Iterator<Item = YearMonth> {
    let first = months.keys().next().copied();
    let last = months.keys().next_back().copied();
    std::iter::successors(first, |m| Some(m.next())).take_while(move |m| Some(*m) <= last)
}

/// Suppresses a table of counts whose row and column totals are published elsewhere, as
/// `row_totals` and `column_totals` (already suppressed there), by the rules of
/// [`crate::disclosure`]. Totals are never changed here: the page already shows them.
pub fn suppress_grid(
    counts: &[Vec<u64>],
    row_totals: &[Cell],
    column_totals: &[Cell],
) -> Vec<Vec<Cell>> {
    let width = counts.first().map_or(0, Vec::len);
    let flat: Vec<u64> = counts.iter().flatten().copied().collect();
    let rows: Vec<_> = row_totals.iter().map(|c| c.published()).collect();
    let columns: Vec<_> = column_totals.iter().map(|c| c.published()).collect();
    let marks = crate::disclosure::protect_grid(&flat, width, &rows, &columns);
    counts
        .iter()
        .enumerate()
        .map(|(i, row)| {
            row.iter()
                .enumerate()
                .map(|(j, &n)| Cell::marked(Cell::Count(n), marks[i * width + j]))
                .collect()
        })
        .collect()
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
            topic: "0005.0005.0056.1154".into(),
            sector: "zhkh".into(),
            locality: locality.into(),
            status,
            ..Appeal::fixture(&format!("2026-{n:04}"), Moment::Day(day(2026, month, 2)))
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
        // Тюнгур has 1 item; alone it could be worked out as 8 − 4 − 3. Hiding Усть-Кокса
        // (3) is not enough: `<3` and a hidden count of at least 3 adding up to 8 − 4 = 4
        // leave only 1 + 3, so Катанда is hidden as well.
        // The order is by name, so it does not hint which hidden cell is larger.
        assert_eq!(
            got,
            [("Катанда", Cell::Hidden), ("Тюнгур", Cell::Small), ("Усть-Кокса", Cell::Hidden)]
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

    /// A month of three items, one of each kind: three `<3` beside a published 3 would
    /// make each of them 1. The month's total has to go, and with it another month's, or
    /// the months would add up to the grand total around it.
    #[test]
    fn a_month_whose_kinds_are_all_small_loses_its_total() {
        // January: one appeal, one message, one incident; March: four of each.
        let kinds = [Kind::Appeal, Kind::Message, Kind::Incident];
        let mut items = Vec::new();
        for (n, kind) in kinds.iter().enumerate() {
            items.push((1, *kind, n as u32 + 1));
            items.extend((0..4).map(|i| (3, *kind, 10 + n as u32 * 4 + i)));
        }
        let (a, d): (Vec<Appeal>, Vec<Deadline>) = items
            .iter()
            .map(|&(month, kind, n)| {
                let a = Appeal { kind, ..appeal(n, "Катанда", month, Status::New) };
                (a, deadline(DeadlineState::OnTrack))
            })
            .unzip();
        let public = Stats::compute(a.iter().zip(&d), &[]).for_public();
        let kinds: Vec<_> = public.by_month_kind.iter().map(|m| m.kinds.clone()).collect();
        // Each kind's total, 5, is published: January's `<3` beside March's 4 would be
        // 5 − 4 = 1, so each 4 goes as well.
        let (s, h, zero) = (Cell::Small, Cell::Hidden, Cell::Count(0));
        assert_eq!(kinds, [vec![s, s, s], vec![zero; 3], vec![h, h, h]]);
        // January's 3 goes, and March's 12 with it: 15 − 12 would give the 3 back.
        let totals: Vec<_> = public.by_month.rows.iter().map(|r| r.cell).collect();
        assert_eq!(totals, [h, zero, h]);
    }

    /// One month of data: the kind totals are that month's row, so they are suppressed
    /// like it. Seven appeals, one message, one incident: the two ones are `<3`, and
    /// 9 − 7 would make them 1 + 1, so the 7 goes too.
    #[test]
    fn kind_totals_are_suppressed_like_the_months_they_add_up() {
        let kinds = [Kind::Appeal; 7].into_iter().chain([Kind::Message, Kind::Incident]);
        let (a, d): (Vec<Appeal>, Vec<Deadline>) = kinds
            .enumerate()
            .map(|(n, kind)| {
                let a = Appeal { kind, ..appeal(n as u32 + 1, "Катанда", 3, Status::New) };
                (a, deadline(DeadlineState::OnTrack))
            })
            .unzip();
        let public = Stats::compute(a.iter().zip(&d), &[]).for_public();
        let by_kind: Vec<_> = public.by_kind.rows.iter().map(|r| r.cell).collect();
        assert_eq!(by_kind, [Cell::Hidden, Cell::Small, Cell::Small]);
        assert_eq!(public.by_month_kind[0].kinds, [Cell::Hidden, Cell::Small, Cell::Small]);
        assert_eq!(public.by_month.rows[0].cell, Cell::Count(9));
    }

    #[test]
    fn a_lone_count_below_three_is_small_and_zero_is_shown() {
        let cells: Vec<Cell> = (0..4).map(Cell::lone).collect();
        assert_eq!(cells, [Cell::Count(0), Cell::Small, Cell::Small, Cell::Count(3)]);
    }

    #[test]
    fn months_by_kind_and_answers_by_month_are_counted_by_hand() {
        let s = stats();
        let kinds: Vec<_> = s.by_month_kind.iter().map(|m| (m.month.iso(), m.kinds[0])).collect();
        assert_eq!(
            kinds,
            [
                ("2026-01".to_string(), Cell::Count(3)),
                ("2026-02".to_string(), Cell::Count(0)),
                ("2026-03".to_string(), Cell::Count(5)),
            ]
        );
        assert!(s.by_month_kind.iter().all(|m| m.kinds[1..] == [Cell::Count(0); 2]));
        // The sample has no answer dates, so no month of answers.
        assert!(s.on_time_by_month.is_empty());

        let (mut a, d) = sample();
        a[0].answered = Some(Moment::Day(day(2026, 2, 3)));
        a[1].answered = Some(Moment::Day(day(2026, 4, 1)));
        a[2].answered = Some(Moment::Day(day(2026, 2, 20)));
        let s = Stats::compute(a.iter().zip(&d), &[]);
        let got: Vec<_> =
            s.on_time_by_month.iter().map(|m| (m.month.iso(), m.answered, m.on_time)).collect();
        assert_eq!(
            got,
            [
                ("2026-02".to_string(), Cell::Count(2), Cell::Count(2)),
                ("2026-03".to_string(), Cell::Count(0), Cell::Count(0)),
                ("2026-04".to_string(), Cell::Count(1), Cell::Count(0)),
            ]
        );
        assert_eq!(s.on_time_by_month[0].share(), Some(1.0));
        assert_eq!(s.on_time_by_month[1].share(), None, "nothing answered is no share");
        let public = s.for_public();
        let marks: Vec<_> =
            public.on_time_by_month.iter().map(|m| (m.answered, m.on_time)).collect();
        assert_eq!(
            marks,
            [
                (Cell::Small, Cell::Small),
                (Cell::Count(0), Cell::Count(0)),
                (Cell::Small, Cell::Small),
            ]
        );
        assert!(public.on_time_by_month.iter().all(|m| m.share().is_none()));
        assert!(public.has_suppressed());
    }

    #[test]
    fn a_lone_small_cell_of_a_grid_hides_partners_until_no_line_gives_one_away() {
        let shown = |v: &[u64]| v.iter().map(|n| Cell::Count(*n)).collect::<Vec<_>>();
        let counts = vec![vec![1, 5, 7], vec![6, 3, 8], vec![9, 9, 9]];
        let cells = suppress_grid(&counts, &shown(&[13, 17, 27]), &shown(&[16, 17, 24]));
        use Cell::{Count as N, Hidden as H, Small as S};
        // Row 0 hides 5 beside the 1; column 0 then hides 6, column 1 hides 3; every row
        // and column now has none or two suppressed entries.
        assert_eq!(cells, [vec![S, H, N(7)], vec![H, H, N(8)], vec![N(9), N(9), N(9)]]);
    }

    #[test]
    fn a_grid_row_whose_published_total_is_hidden_hides_its_members_too() {
        let counts = vec![vec![4, 3, 6], vec![5, 5, 5]];
        let cells = suppress_grid(
            &counts,
            &[Cell::Hidden, Cell::Count(15)],
            &[Cell::Count(9), Cell::Count(8), Cell::Count(11)],
        );
        use Cell::{Count as N, Hidden as H};
        // A shown row 0 would give its hidden total away; hiding 3 needs a partner in
        // column 1, which needs one in row 1, which needs one in column 0.
        assert_eq!(cells, [vec![H, H, N(6)], vec![H, H, N(5)]]);
    }

    #[test]
    fn a_small_cell_that_is_its_whole_column_loses_its_small_mark() {
        let counts = vec![vec![1, 5], vec![0, 4]];
        let cells = suppress_grid(
            &counts,
            &[Cell::Count(6), Cell::Count(4)],
            &[Cell::Count(1), Cell::Count(9)],
        );
        use Cell::{Count as N, Hidden as H};
        // The published column total 1 says it all; the page at least does not confirm it.
        assert_eq!(cells, [vec![H, H], vec![N(0), H]]);
    }
}
