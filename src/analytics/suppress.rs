//! Suppression of small counts on public pages (DOMAIN.md, Privacy): in a breakdown by
//! settlement, topic or month, a count of 1 or 2 could point at a person, so public
//! statistics show it as [`Cell::Suppressed`].
//!
//! [`suppress`] applies the rule of [`crate::disclosure`] to a [`Breakdown`] with its
//! row, column and grand totals, all of which are counts of the table and may be hidden
//! themselves: counts of 1 and 2 become [`Cell::Suppressed`] ("fewer than 3"), and any
//! other count hidden so that a small one cannot be worked out from a line's total
//! becomes [`Cell::Hidden`] (a dash).

use super::growth::Dimension;
use super::{Month, Period};
use crate::appeal::Appeal;
use crate::disclosure::{Line, Mark, Total};
use serde::Serialize;
use std::collections::BTreeMap;

/// The smallest count shown on public pages (DOMAIN.md).
pub const MIN_PUBLIC_COUNT: usize = 3;

/// One count as a public page may show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "cell", content = "value", rename_all = "lowercase")]
pub enum Cell {
    /// Shown as is.
    Count(usize),
    /// A count of 1 or 2, hidden: shown as "fewer than 3".
    Suppressed,
    /// A larger count hidden so that a small one cannot be worked out: shown as a dash.
    Hidden,
}

impl Cell {
    /// The count, if shown.
    pub fn count(self) -> Option<usize> {
        match self {
            Cell::Count(n) => Some(n),
            Cell::Suppressed | Cell::Hidden => None,
        }
    }
}

/// A single count on its own (with no total beside it) as a public page may show it.
pub fn public_count(n: usize) -> Cell {
    if n > 0 && n < MIN_PUBLIC_COUNT { Cell::Suppressed } else { Cell::Count(n) }
}

/// A table of counts, rows by columns (internal: every count).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    /// Row labels (e.g. settlements).
    pub rows: Vec<String>,
    /// Column labels (e.g. months); a one-column table is a plain list.
    pub columns: Vec<String>,
    /// `counts[row][column]`.
    pub counts: Vec<Vec<usize>>,
}

impl Breakdown {
    /// The sum of each row.
    pub fn row_totals(&self) -> Vec<usize> {
        self.counts.iter().map(|r| r.iter().sum()).collect()
    }

    /// The sum of each column.
    pub fn column_totals(&self) -> Vec<usize> {
        (0..self.columns.len()).map(|c| self.counts.iter().map(|r| r[c]).sum()).collect()
    }
}

/// A breakdown after suppression, with its totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicBreakdown {
    /// Row labels.
    pub rows: Vec<String>,
    /// Column labels.
    pub columns: Vec<String>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Cell>>,
    /// The total of each row.
    pub row_totals: Vec<Cell>,
    /// The total of each column.
    pub column_totals: Vec<Cell>,
    /// The grand total.
    pub total: Cell,
}

/// Applies the primary and complementary suppression described above.
pub fn suppress(b: &Breakdown) -> PublicBreakdown {
    let (r, c) = (b.rows.len(), b.columns.len());
    // The table with its margins: row r holds the column totals, column c the row totals.
    let mut grid: Vec<Vec<usize>> = b.counts.clone();
    for (row, total) in grid.iter_mut().zip(b.row_totals()) {
        row.resize(c, 0);
        row.push(total);
    }
    let mut margin = b.column_totals();
    margin.push(margin.iter().sum());
    grid.push(margin);
    let width = c + 1;
    let flat: Vec<u64> = grid.iter().flatten().map(|&n| n as u64).collect();
    let lines: Vec<Line> = lines(r, c)
        .into_iter()
        .map(|mut line| {
            let (i, j) = line.pop().expect("every line has its total");
            Line {
                members: line.iter().map(|&(i, j)| i * width + j).collect(),
                total: Total::Cell(i * width + j),
            }
        })
        .collect();
    let marks = crate::disclosure::protect(&flat, &lines);

    let shown = |i: usize, j: usize| match marks[i * width + j] {
        Mark::Shown => Cell::Count(grid[i][j]),
        Mark::Small => Cell::Suppressed,
        Mark::Hidden | Mark::Masked => Cell::Hidden,
    };
    PublicBreakdown {
        rows: b.rows.clone(),
        columns: b.columns.clone(),
        cells: (0..r).map(|i| (0..c).map(|j| shown(i, j)).collect()).collect(),
        row_totals: (0..r).map(|i| shown(i, c)).collect(),
        column_totals: (0..c).map(|j| shown(r, j)).collect(),
        total: shown(r, c),
    }
}

/// Every row and column of the grid with margins, each as its members followed by its
/// total.
fn lines(r: usize, c: usize) -> Vec<Vec<(usize, usize)>> {
    let rows = (0..=r).map(|i| (0..=c).map(|j| (i, j)).collect());
    let columns = (0..=c).map(|j| (0..=r).map(|i| (i, j)).collect());
    rows.chain(columns).collect()
}

/// Counts the items received in `period` by `rows` × `columns`, where either may be a
/// dimension or the month. Labels are sorted; months run in calendar order.
pub fn breakdown(appeals: &[Appeal], period: &Period, rows: Axis, columns: Axis) -> Breakdown {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for a in appeals.iter().filter(|a| period.holds(a)) {
        *counts.entry((rows.key(a), columns.key(a))).or_insert(0) += 1;
    }
    let labels = |axis: Axis, pick: fn(&(String, String)) -> &String| -> Vec<String> {
        match axis {
            Axis::Month => period.months().iter().map(|m| m.code()).collect(),
            Axis::Total => vec![String::new()],
            Axis::By(_) => {
                let mut v: Vec<String> = counts.keys().map(pick).cloned().collect();
                v.sort();
                v.dedup();
                v
            }
        }
    };
    let row_labels = labels(rows, |k| &k.0);
    let column_labels = labels(columns, |k| &k.1);
    let table = row_labels
        .iter()
        .map(|r| {
            column_labels
                .iter()
                .map(|c| counts.get(&(r.clone(), c.clone())).copied().unwrap_or(0))
                .collect()
        })
        .collect();
    Breakdown { rows: row_labels, columns: column_labels, counts: table }
}

/// One axis of a breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Axis {
    /// A dimension: topic, settlement, sector or channel.
    By(Dimension),
    /// The month of receipt (`2026-03`).
    Month,
    /// A single column (or row) holding everything: makes a plain list.
    Total,
}

impl Axis {
    fn key(self, a: &Appeal) -> String {
        match self {
            Axis::By(d) => d.key(a).to_string(),
            Axis::Month => Month::of(a.received.day()).code(),
            Axis::Total => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;
    use Cell::{Count as N, Hidden as H, Suppressed as S};

    fn table(counts: &[&[usize]]) -> Breakdown {
        Breakdown {
            rows: (0..counts.len()).map(|i| format!("r{i}")).collect(),
            columns: (0..counts[0].len()).map(|j| format!("c{j}")).collect(),
            counts: counts.iter().map(|r| r.to_vec()).collect(),
        }
    }

    /// No row or column (with its total) has exactly one hidden entry (the full audit
    /// is `disclosure`'s; this is the part a reader sees at a glance).
    fn no_line_gives_a_cell_away(p: &PublicBreakdown) {
        for (i, row) in p.cells.iter().enumerate() {
            let n = row.iter().chain([&p.row_totals[i]]).filter(|c| c.count().is_none()).count();
            assert_ne!(n, 1, "row {i}: {p:?}");
        }
        for j in 0..p.columns.len() {
            let n = p
                .cells
                .iter()
                .map(|r| &r[j])
                .chain([&p.column_totals[j]])
                .filter(|c| c.count().is_none())
                .count();
            assert_ne!(n, 1, "column {j}: {p:?}");
        }
        let n = p.row_totals.iter().chain([&p.total]).filter(|c| c.count().is_none()).count();
        assert_ne!(n, 1, "row totals: {p:?}");
        let n = p.column_totals.iter().chain([&p.total]).filter(|c| c.count().is_none()).count();
        assert_ne!(n, 1, "column totals: {p:?}");
    }

    #[test]
    fn single_counts_below_three_are_hidden_and_zero_is_shown() {
        assert_eq!(public_count(0), N(0));
        assert_eq!(public_count(1), S);
        assert_eq!(public_count(2), S);
        assert_eq!(public_count(3), N(3));
    }

    #[test]
    fn a_list_hides_a_small_count_and_one_more() {
        // Settlements 10, 2, 5 (total 17). 2 is hidden; alone it would be 17 − 10 − 5, so
        // the smallest other non-zero count, 5, is hidden too.
        let p = suppress(&table(&[&[10], &[2], &[5]]));
        assert_eq!(p.cells, [vec![N(10)], vec![S], vec![H]]);
        assert_eq!(p.total, N(17));
        // The row totals of a one-column table repeat its cells.
        assert_eq!(p.row_totals, [N(10), S, H]);
        no_line_gives_a_cell_away(&p);
    }

    #[test]
    fn two_small_counts_protect_each_other() {
        // 1 and 2 are both hidden; nothing else needs to go.
        let p = suppress(&table(&[&[10], &[1], &[2], &[0]]));
        assert_eq!(p.cells, [vec![N(10)], vec![S], vec![S], vec![N(0)]]);
        assert_eq!(p.total, N(13));
        no_line_gives_a_cell_away(&p);
    }

    #[test]
    fn a_table_with_totals_hides_partners_in_rows_and_columns() {
        // Settlement × month:
        //        Jan Feb | total
        // r0:     5   1  |   6
        // r1:     4   7  |  11
        // ------------------
        // total:  9   8  |  17
        // Primary: the 1. Row r0 then has one hidden entry → its smallest other non-zero
        // member, 5, goes. Column Jan (5 hidden) → 4 goes; column Feb (1 hidden) → 7 goes.
        // Row r1 now has two hidden (4, 7), each at least 3 and adding up to 11: fine.
        let p = suppress(&table(&[&[5, 1], &[4, 7]]));
        assert_eq!(p.cells, [vec![H, S], vec![H, H]]);
        assert_eq!(p.row_totals, [N(6), N(11)]);
        assert_eq!(p.column_totals, [N(9), N(8)]);
        assert_eq!(p.total, N(17));
        no_line_gives_a_cell_away(&p);
    }

    #[test]
    fn a_small_total_is_hidden_with_its_cells() {
        //        c0 c1 | total
        // r0:     1  1 |  2
        // r1:     6  9 | 15
        // total:  7 10 | 17
        // Primary: both 1s and the row total 2. Row r0: `<3 + <3 = <3` can only be
        // 1 + 1 = 2, and nothing in it is left to hide, so its marks become dashes. Column
        // c0: the 1 alone → 6 goes; column c1 → 9 goes. Row totals: 2 alone against 17 →
        // 15 goes.
        let p = suppress(&table(&[&[1, 1], &[6, 9]]));
        assert_eq!(p.cells, [vec![H, H], vec![H, H]]);
        assert_eq!(p.row_totals, [H, H]);
        assert_eq!(p.column_totals, [N(7), N(10)]);
        assert_eq!(p.total, N(17));
        no_line_gives_a_cell_away(&p);
    }

    #[test]
    fn large_counts_are_untouched() {
        let b = table(&[&[3, 0, 12], &[4, 5, 0]]);
        let p = suppress(&b);
        assert_eq!(p.cells, [vec![N(3), N(0), N(12)], vec![N(4), N(5), N(0)]]);
        assert_eq!((p.row_totals.clone(), p.total), (vec![N(15), N(9)], N(24)));
    }

    #[test]
    fn many_tables_keep_every_line_safe() {
        // A fixed pseudo-random walk over small tables, the property checked on each.
        let mut seed = 7u64;
        for _ in 0..300 {
            let mut next = || {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (seed >> 33) as usize
            };
            let (r, c) = (1 + next() % 4, 1 + next() % 4);
            let counts: Vec<Vec<usize>> =
                (0..r).map(|_| (0..c).map(|_| [0, 1, 2, 3, 5, 8][next() % 6]).collect()).collect();
            let b = Breakdown {
                rows: (0..r).map(|i| i.to_string()).collect(),
                columns: (0..c).map(|j| j.to_string()).collect(),
                counts,
            };
            let p = suppress(&b);
            no_line_gives_a_cell_away(&p);
            for (i, row) in p.cells.iter().enumerate() {
                for (j, cell) in row.iter().enumerate() {
                    let n = b.counts[i][j];
                    if n > 0 && n < 3 {
                        assert!(cell.count().is_none(), "{p:?}");
                    } else if let N(shown) = cell {
                        assert_eq!(*shown, n);
                    }
                }
            }
        }
    }

    #[test]
    fn breakdown_by_settlement_and_month_from_items() {
        let items = [
            item("2026-0001", "2026-01-05").locality("Мульта"),
            item("2026-0002", "2026-01-06").locality("Мульта"),
            item("2026-0003", "2026-03-06").locality("Катанда"),
            item("2026-0004", "2026-04-06").locality("Катанда"), // Q2
        ];
        let q1 = Period::parse("2026-Q1").unwrap();
        let b = breakdown(&appeals(&items), &q1, Axis::By(Dimension::Settlement), Axis::Month);
        assert_eq!(b.rows, ["Катанда", "Мульта"]);
        assert_eq!(b.columns, ["2026-01", "2026-02", "2026-03"]);
        assert_eq!(b.counts, [vec![0, 0, 1], vec![2, 0, 0]]);
        let p = suppress(&b);
        assert_eq!(p.cells, [vec![N(0), N(0), S], vec![S, N(0), N(0)]]);
        assert_eq!(p.total, N(3));
        no_line_gives_a_cell_away(&p);
        let list = breakdown(&appeals(&items), &q1, Axis::By(Dimension::Topic), Axis::Total);
        assert_eq!(list.counts, [vec![3]]);
    }
}
