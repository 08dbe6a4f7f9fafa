//! Which counts of a public table must be hidden so that no count of one or two items can
//! be worked out — the one engine behind every suppressed table of the public site
//! (DOMAIN.md, Privacy).
//!
//! A table is a list of counts and the *lines* that tie them together: a row or column
//! whose members add up to a total. The total is another count of the same table (it may
//! be hidden too) or a figure published elsewhere, exactly or itself suppressed.
//!
//! 1. *Primary*: every count of 1 or 2 is hidden and marked [`Mark::Small`] (`<3`). Zero
//!    is shown: it says nothing about a person.
//! 2. *Complementary*: a reader knows that a `<3` cell is 1 or 2 and that any other hidden
//!    cell is at least 3 (this rule is public). From a line's total and its shown members
//!    the reader gets the sum of its hidden members, and from the sum and those bounds a
//!    range for each of them. When a range narrows to one value — a single hidden member,
//!    two `<3` cells that must add up to 2, a `<3` cell beside a hidden 3 in a line of
//!    4 — the smallest shown non-zero member (else the total) is hidden as well
//!    ([`Mark::Hidden`], `—`). When nothing is left to hide in such a line (a month of
//!    `3 + <3 + <3` whose total 5 is published), its `<3` marks become `—`
//!    ([`Mark::Masked`]): the reader can then no longer tell the small counts from the
//!    large ones, and the audit counts them as anything from 1 up. This repeats until no
//!    line pins a hidden cell down.
//!
//! The audit is per line. A reader combining several lines at once can sometimes learn
//! more; tables of a rural district are small, and the per-line rule already hides more
//! than the plain "one more cell" rule it replaces.

/// How a count may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The exact count.
    Shown,
    /// 1 or 2, hidden; pages write `<3`.
    Small,
    /// Hidden so that a small count cannot be worked out; pages write `—`.
    Hidden,
    /// A count of 1 or 2 whose `<3` mark had to go (see the rules above); pages write `—`
    /// as for [`Mark::Hidden`], so that a reader cannot tell the two apart.
    Masked,
}

impl Mark {
    /// Whether the count is hidden, whatever the page writes for it.
    pub fn is_hidden(self) -> bool {
        self != Mark::Shown
    }
}

/// The smallest count a public table shows as it is.
pub const MIN_SHOWN: u64 = 3;

/// The total of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    /// A count of the same table, by index: it may be hidden like any other.
    Cell(usize),
    /// A figure published elsewhere, with the mark it has there.
    Published(u64, Mark),
    /// Not published anywhere: the line tells nothing.
    Unknown,
}

/// Members that add up to a total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Indices of the counts.
    pub members: Vec<usize>,
    /// What they add up to.
    pub total: Total,
}

/// The marks of `counts` under `lines`, by the rules above.
pub fn protect(counts: &[u64], lines: &[Line]) -> Vec<Mark> {
    let mut marks: Vec<Mark> = counts
        .iter()
        .map(|&n| if (1..MIN_SHOWN).contains(&n) { Mark::Small } else { Mark::Shown })
        .collect();
    let mut changed = true;
    while changed {
        changed = false;
        for line in lines {
            if !pins_a_cell(counts, &marks, line) {
                continue;
            }
            if let Some(i) = next_to_hide(counts, &marks, line) {
                marks[i] = Mark::Hidden;
                changed = true;
            } else {
                // Nothing left to hide and the total is fixed elsewhere (`3 + <3 + <3 = 5`):
                // give up the `<3` marks of the line, so that no reader can tell its
                // small hidden counts from the large ones.
                let total = match line.total {
                    Total::Cell(i) => Some(i),
                    _ => None,
                };
                for &i in line.members.iter().chain(&total) {
                    if marks[i] == Mark::Small {
                        marks[i] = Mark::Masked;
                        changed = true;
                    }
                }
            }
        }
    }
    marks
}

/// What a reader knows of one count: the smallest and largest value it can have.
fn bounds(count: u64, mark: Mark) -> (u64, Option<u64>) {
    match mark {
        Mark::Shown => (count, Some(count)),
        Mark::Small => (1, Some(MIN_SHOWN - 1)),
        Mark::Hidden => (MIN_SHOWN, None),
        // The audit must not count on the reader's mistake of taking it for 3 or more.
        Mark::Masked => (1, None),
    }
}

/// Whether the line lets a reader find the exact value of one of its hidden counts (its
/// hidden total included). The line says: the members add up to the total. Each hidden
/// value lies within its own bounds and within what the others leave of the total.
fn pins_a_cell(counts: &[u64], marks: &[Mark], line: &Line) -> bool {
    let (total, total_hidden) = match line.total {
        Total::Cell(i) => (bounds(counts[i], marks[i]), marks[i] != Mark::Shown),
        Total::Published(n, mark) => (bounds(n, mark), mark != Mark::Shown),
        Total::Unknown => return false,
    };
    let members: Vec<(u64, Option<u64>)> =
        line.members.iter().map(|&i| bounds(counts[i], marks[i])).collect();
    let hidden = line.members.iter().map(|&i| marks[i] != Mark::Shown);
    let member_pinned = hidden.zip(0..members.len()).any(|(is_hidden, k)| {
        if !is_hidden {
            return false;
        }
        let others = members.iter().enumerate().filter(|&(j, _)| j != k).map(|(_, m)| *m);
        let (others_lo, others_hi) = sum(others);
        let (lo, hi) = members[k];
        let low = others_hi.map_or(lo, |o| lo.max(total.0.saturating_sub(o)));
        let high = min(hi, total.1.map(|t| t.saturating_sub(others_lo)));
        high == Some(low)
    });
    let total_pinned = total_hidden && {
        let (sum_lo, sum_hi) = sum(members.iter().copied());
        min(total.1, sum_hi) == Some(total.0.max(sum_lo))
    };
    member_pinned || total_pinned
}

/// The bounds of a sum; no upper bound when any part has none.
fn sum(parts: impl Iterator<Item = (u64, Option<u64>)>) -> (u64, Option<u64>) {
    parts.fold((0, Some(0)), |(lo, hi), (l, h)| (lo + l, hi.zip(h).map(|(a, b)| a + b)))
}

/// The smaller of two upper bounds, where `None` is no bound.
fn min(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The smallest shown non-zero member of the line, else its total if that is a shown
/// non-zero count of the table.
fn next_to_hide(counts: &[u64], marks: &[Mark], line: &Line) -> Option<usize> {
    let open = |i: &usize| marks[*i] == Mark::Shown && counts[*i] > 0;
    line.members.iter().copied().filter(open).min_by_key(|&i| (counts[i], i)).or(match line.total {
        Total::Cell(i) if open(&i) => Some(i),
        _ => None,
    })
}

/// A plain list of counts whose total is published as it is.
pub fn protect_list(counts: &[u64]) -> Vec<Mark> {
    let total: u64 = counts.iter().sum();
    let line =
        Line { members: (0..counts.len()).collect(), total: Total::Published(total, Mark::Shown) };
    protect(counts, &[line])
}

/// A grid of `rows` × `columns` counts (row-major) whose row and column totals are
/// published elsewhere with the given marks (`None`: not published).
pub fn protect_grid(
    counts: &[u64],
    columns: usize,
    row_totals: &[Option<(u64, Mark)>],
    column_totals: &[Option<(u64, Mark)>],
) -> Vec<Mark> {
    let rows = counts.len().checked_div(columns).unwrap_or(0);
    let total = |t: Option<&Option<(u64, Mark)>>| match t {
        Some(Some((n, mark))) => Total::Published(*n, *mark),
        _ => Total::Unknown,
    };
    let mut lines: Vec<Line> = (0..rows)
        .map(|r| Line {
            members: (0..columns).map(|c| r * columns + c).collect(),
            total: total(row_totals.get(r)),
        })
        .collect();
    lines.extend((0..columns).map(|c| Line {
        members: (0..rows).map(|r| r * columns + c).collect(),
        total: total(column_totals.get(c)),
    }));
    protect(counts, &lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Mark::{Hidden as H, Masked as M, Shown as S, Small as L};

    /// Whether any line of the protected table pins a hidden cell; the property every
    /// result must have (when the table had cells left to hide).
    fn safe(counts: &[u64], lines: &[Line]) -> bool {
        let marks = protect(counts, lines);
        lines
            .iter()
            .all(|l| !pins_a_cell(counts, &marks, l) || next_to_hide(counts, &marks, l).is_none())
    }

    #[test]
    fn a_lone_small_count_takes_the_next_smallest_with_it() {
        assert_eq!(protect_list(&[10, 1, 4, 0]), [S, L, H, S]);
    }

    #[test]
    fn two_small_counts_that_must_be_ones_are_not_left_alone() {
        // 3 + <3 + <3 = 5: the pair adds up to 2, so each is 1; hiding the 3 is not
        // enough (it is at least 3, so the pair still adds up to at most 2): the line
        // gives up its `<3` marks.
        assert_eq!(protect_list(&[3, 1, 1]), [H, M, M]);
        // 1 + 2 = 3 with 4 shown: 1 or 2 each, in either order — safe as it is.
        assert_eq!(protect_list(&[4, 1, 2]), [S, L, L]);
        // Two twos: their sum 4 pins both.
        assert_eq!(protect_list(&[5, 2, 2, 7]), [H, L, L, S]);
    }

    #[test]
    fn a_small_count_beside_a_hidden_three_is_pinned_by_the_sum() {
        // <3 and — add up to 4; — is at least 3, so <3 is 1: hide one more.
        assert_eq!(protect_list(&[1, 3, 9, 20]), [L, H, H, S]);
    }

    #[test]
    fn zero_and_large_counts_stay_and_nothing_is_hidden_without_need() {
        assert_eq!(protect_list(&[0, 3, 12]), [S, S, S]);
    }

    #[test]
    fn a_grid_row_of_small_counts_with_its_published_total_hides_a_partner() {
        // The tester's case: a month of 3 appeals, 1 message, 1 incident, total 5 published.
        let counts = [3, 1, 1, 6, 4, 5];
        let rows = [Some((5, S)), Some((15, S))];
        let columns = [Some((9, S)), Some((5, S)), Some((6, S))];
        let marks = protect_grid(&counts, 3, &rows, &columns);
        assert_eq!(marks[..3], [H, M, M]);
        assert!(marks[3..].iter().filter(|m| **m != S).count() >= 2, "{marks:?}");
    }

    #[test]
    fn a_hidden_total_is_judged_like_a_member() {
        // Members 4 and 5 shown, their total 9 hidden: it is plain to see, so hide a member.
        let lines = [Line { members: vec![0, 1], total: Total::Cell(2) }];
        let marks = protect(&[4, 5, 9], &[lines[0].clone()]);
        assert_eq!(marks, [S, S, S], "nothing small, nothing hidden");
        let marks = protect(&[1, 5, 6], &lines);
        assert_eq!(marks, [L, H, S]);
    }

    #[test]
    fn unknown_totals_tell_nothing() {
        let line = Line { members: vec![0, 1], total: Total::Unknown };
        assert_eq!(protect(&[1, 7], &[line]), [L, S]);
    }

    #[test]
    fn many_small_tables_end_with_no_line_pinning_a_cell() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % 7
        };
        for _ in 0..400 {
            let counts: Vec<u64> = (0..12).map(|_| next()).collect();
            let rows: Vec<Option<(u64, Mark)>> =
                counts.chunks(3).map(|r| Some((r.iter().sum(), S))).collect();
            let columns: Vec<Option<(u64, Mark)>> =
                (0..3).map(|c| Some((counts.iter().skip(c).step_by(3).sum(), S))).collect();
            let marks = protect_grid(&counts, 3, &rows, &columns);
            for (n, m) in counts.iter().zip(&marks) {
                assert!(!(1..3).contains(n) || *m != S, "{counts:?} {marks:?}");
            }
            let lines: Vec<Line> = (0..4)
                .map(|r| Line {
                    members: (0..3).map(|c| r * 3 + c).collect(),
                    total: Total::Published(rows[r].unwrap().0, S),
                })
                .chain((0..3).map(|c| Line {
                    members: (0..4).map(|r| r * 3 + c).collect(),
                    total: Total::Published(columns[c].unwrap().0, S),
                }))
                .collect();
            assert!(safe(&counts, &lines), "{counts:?} {marks:?}");
        }
    }
}
