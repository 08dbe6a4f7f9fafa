//! Suppression of small counts on public pages (DOMAIN.md, Privacy): in a breakdown by
//! settlement, topic or month, a count of 1 or 2 could point at a person, so public
//! statistics show it as [`Cell::Suppressed`].
//!
//! Tables of several lines are suppressed by [`crate::disclosure`]; the public analytics
//! pages publish no cross table of their own (see `render::analytics`), because every
//! margin of one — the month totals above all — is published on the dashboard, and a
//! table audited apart from the figures it must agree with can give a small count away.

use serde::Serialize;

/// The smallest count shown on public pages (DOMAIN.md).
pub const MIN_PUBLIC_COUNT: usize = 3;

/// One count as a public page may show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "cell", content = "value", rename_all = "lowercase")]
pub enum Cell {
    /// Shown as is.
    Count(usize),
    /// A count of 1 or 2, hidden: shown as "<3".
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

#[cfg(test)]
mod tests {
    use super::*;
    use Cell::{Count as N, Suppressed as S};

    #[test]
    fn single_counts_below_three_are_hidden_and_zero_is_shown() {
        assert_eq!(public_count(0), N(0));
        assert_eq!(public_count(1), S);
        assert_eq!(public_count(2), S);
        assert_eq!(public_count(3), N(3));
    }
}
