//! The monthly trend on pages: items received by month and kind, and the share of each
//! month's answers that were on time. This module turns the figures of
//! [`crate::stats`] into views for templates, into inline SVG charts, and into tables for
//! the analytics pages, which write their HTML in Rust.
//!
//! A chart shows at most the last [`CHART_MONTHS`] months, so that it stays legible on a
//! phone; the table beside it lists every month.

use super::charts::{self, Bar, Caption, Part, Stack};
use super::escaped as esc;
use super::views::{Figure, figure};
use super::words;
use crate::appeal::Kind;
use crate::fields::Choice;
use crate::messages::Lang;
use crate::stats::{Cell, MonthKinds, MonthOnTime, YearMonth};
use serde::Serialize;
use std::fmt::Write;

/// The most months a chart shows.
pub const CHART_MONTHS: usize = 24;

/// One month of the volume by kind.
#[derive(Debug, Clone, Serialize)]
pub struct MonthKindsView {
    /// `2026-03`.
    pub code: String,
    /// «март 2026».
    pub label: String,
    /// One figure per kind, in the order of [`kind_names`].
    pub kinds: Vec<Figure>,
    /// Every item received in the month.
    pub total: Figure,
    #[serde(skip)]
    month: YearMonth,
}

/// One month of answers.
#[derive(Debug, Clone, Serialize)]
pub struct OnTimeView {
    /// `2026-03`.
    pub code: String,
    /// «март 2026».
    pub label: String,
    /// Items answered in the month (on time or late).
    pub answered: Figure,
    /// Of those, answered on time.
    pub on_time: Figure,
    /// The share answered on time; its value is the whole percentage. Suppressed with the
    /// mark of `answered`; a dash when nothing was answered.
    pub share: Figure,
    #[serde(skip)]
    month: YearMonth,
}

/// The names of the kinds, in the order of [`Kind::ALL`].
pub fn kind_names(lang: Lang) -> Vec<&'static str> {
    Kind::ALL.iter().map(|k| words::kind(*k, lang).name).collect()
}

/// Views of `rows`, each month with its total from `totals` (the same months, in the same
/// order, as the page publishes them).
pub fn month_kinds(rows: &[MonthKinds], totals: &[Cell], lang: Lang) -> Vec<MonthKindsView> {
    rows.iter()
        .zip(totals)
        .map(|(r, total)| MonthKindsView {
            code: r.month.iso(),
            label: words::month(r.month.year, r.month.month, lang),
            kinds: r.kinds.iter().map(|c| figure(*c, lang)).collect(),
            total: figure(*total, lang),
            month: r.month,
        })
        .collect()
}

/// Views of `rows`.
pub fn on_time(rows: &[MonthOnTime], lang: Lang) -> Vec<OnTimeView> {
    rows.iter()
        .map(|r| {
            let share = match (r.share(), r.answered) {
                (Some(s), _) => Figure {
                    value: Some((s * 100.0).round() as u64),
                    text: words::percent(s, lang),
                },
                // No share without answers, and none of a hidden number of answers: a
                // `<3` in a column of percentages would read as "under 3 %".
                (None, _) => Figure { value: None, text: "—".into() },
            };
            OnTimeView {
                code: r.month.iso(),
                label: words::month(r.month.year, r.month.month, lang),
                answered: figure(r.answered, lang),
                on_time: figure(r.on_time, lang),
                share,
                month: r.month,
            }
        })
        .collect()
}

/// The last [`CHART_MONTHS`] of `rows`, each with its axis label: the short month name,
/// with the year on January and on the first column.
fn last_months<T>(rows: &[T], month: impl Fn(&T) -> YearMonth, lang: Lang) -> Vec<(&T, String)> {
    let shown = &rows[rows.len().saturating_sub(CHART_MONTHS)..];
    shown
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let m = month(r);
            (r, words::month_short(m.year, m.month, i == 0, lang))
        })
        .collect()
}

/// Stacked columns of the volume by kind.
pub fn kind_chart(caption: &Caption<'_>, rows: &[MonthKindsView], lang: Lang) -> String {
    let part = |f: &Figure| Part { value: f.value, text: f.text.clone() };
    let stacks: Vec<Stack> = last_months(rows, |r| r.month, lang)
        .into_iter()
        .map(|(r, label)| Stack {
            label,
            parts: r.kinds.iter().map(part).collect(),
            total: part(&r.total),
        })
        .collect();
    charts::stacked_columns(caption, &kind_names(lang), &stacks)
}

/// Columns of the on-time share, 0–100 %.
pub fn on_time_chart(caption: &Caption<'_>, rows: &[OnTimeView], lang: Lang) -> String {
    let bars: Vec<Bar> = last_months(rows, |r| r.month, lang)
        .into_iter()
        .map(|(r, label)| Bar { label, value: r.share.value, value_text: r.share.text.clone() })
        .collect();
    let percent = |p: u64| words::percent(p as f64 / 100.0, lang);
    charts::share_columns(caption, &bars, &percent)
}

/// The words a trend table needs: its caption and column heads.
pub struct Heads<'a> {
    /// The table's caption.
    pub caption: &'a str,
    /// The head of the month column.
    pub month: &'a str,
    /// The head of the total column (volume) or of the answered column (on time).
    pub total: &'a str,
    /// The head of the on-time count (on-time table only).
    pub on_time: &'a str,
    /// The head of the share (on-time table only).
    pub share: &'a str,
}

/// The volume by kind as an HTML table: month, one column per kind, total.
pub fn kind_table(heads: &Heads<'_>, rows: &[MonthKindsView], lang: Lang) -> String {
    let mut t = open_table(heads.caption, heads.month);
    for name in kind_names(lang) {
        let _ = write!(t, "<th scope=\"col\" class=\"num\">{}</th>", esc(name));
    }
    let _ =
        write!(t, "<th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>", esc(heads.total));
    for r in rows {
        let _ = write!(t, "<tr><th scope=\"row\">{}</th>", esc(&r.label));
        for f in r.kinds.iter().chain([&r.total]) {
            let _ = write!(t, "<td class=\"num\">{}</td>", esc(&f.text));
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody></table></div>");
    t
}

/// The on-time share as an HTML table: month, answered, on time, share.
pub fn on_time_table(heads: &Heads<'_>, rows: &[OnTimeView]) -> String {
    let mut t = open_table(heads.caption, heads.month);
    for head in [heads.total, heads.on_time, heads.share] {
        let _ = write!(t, "<th scope=\"col\" class=\"num\">{}</th>", esc(head));
    }
    t.push_str("</tr></thead><tbody>");
    for r in rows {
        let _ = write!(t, "<tr><th scope=\"row\">{}</th>", esc(&r.label));
        for f in [&r.answered, &r.on_time, &r.share] {
            let _ = write!(t, "<td class=\"num\">{}</td>", esc(&f.text));
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody></table></div>");
    t
}

fn open_table(caption: &str, first: &str) -> String {
    let mut t = super::table_open("figures", &esc(caption));
    t.push_str(&format!("<th scope=\"col\">{}</th>", esc(first)));
    t
}
