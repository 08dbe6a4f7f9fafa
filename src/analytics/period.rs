//! Reporting periods: a month (`2026-03`), a quarter (`2026-Q1`) or a year (`2026`).
//!
//! An item belongs to a period when the local day it was received falls inside it (the
//! [`crate::dates::Moment::day`] of `received`, already in the municipality's zone). A
//! period knows the one before it and the same period a year earlier, which is what the
//! growth figures compare against.

use crate::appeal::Appeal;
use crate::messages::{self, Message};
use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar month of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    year: i32,
    month: u32,
}

impl Month {
    /// The month `month` (1–12) of `year` (1–9999); `None` outside those ranges.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month)).then_some(Month { year, month })
    }

    /// The month a day falls in.
    pub fn of(day: NaiveDate) -> Month {
        Month { year: day.year(), month: day.month() }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month number, 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The month after this one.
    pub fn next(self) -> Month {
        self.plus(1)
    }

    /// The month before this one.
    pub fn previous(self) -> Month {
        self.plus(-1)
    }

    /// This month moved by `months` (negative: back).
    pub fn plus(self, months: i32) -> Month {
        let index = self.year * 12 + (self.month as i32 - 1) + months;
        Month { year: index.div_euclid(12), month: index.rem_euclid(12) as u32 + 1 }
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
            .expect("months are built from real dates or checked years, all within chrono's range")
    }

    /// The last day of the month.
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("the day before a first of a month exists")
    }

    /// `2026-03`.
    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

/// How long a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Span {
    /// One month.
    Month,
    /// Three months starting in January, April, July or October.
    Quarter,
    /// A calendar year.
    Year,
}

impl Span {
    fn months(self) -> i32 {
        match self {
            Span::Month => 1,
            Span::Quarter => 3,
            Span::Year => 12,
        }
    }
}

/// A month, a quarter or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    first: Month,
    span: Span,
}

/// Text that is not a period.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a period: {text:?} (expected 2026, 2026-Q1 or 2026-03)")]
pub struct PeriodError {
    /// The text as given.
    pub text: String,
}

impl PeriodError {
    /// What is wrong, in every language.
    pub fn message(&self) -> Message {
        messages::analytics::bad_period(&self.text)
    }
}

impl Period {
    /// One month.
    pub fn month(month: Month) -> Period {
        Period { first: month, span: Span::Month }
    }

    /// Quarter `quarter` (1–4) of `year`; `None` outside the ranges.
    pub fn quarter(year: i32, quarter: u32) -> Option<Period> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        Some(Period { first: Month::new(year, quarter * 3 - 2)?, span: Span::Quarter })
    }

    /// A calendar year (1–9999).
    pub fn year(year: i32) -> Option<Period> {
        Some(Period { first: Month::new(year, 1)?, span: Span::Year })
    }

    /// Reads `2026`, `2026-Q1` (or `2026-q1`) or `2026-03`.
    ///
    /// Fails on any other text, on month 0 or 13, and on quarter 0 or 5.
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let fail = || PeriodError { text: text.to_string() };
        let t = text.trim();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let (year, rest) = match t.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (t, None),
        };
        if !digits(year, 4) {
            return Err(fail());
        }
        let year: i32 = year.parse().map_err(|_| fail())?;
        let period = match rest {
            None => Period::year(year),
            Some(r) if r.len() == 2 && (r.starts_with('Q') || r.starts_with('q')) => {
                let q = r[1..].parse().ok().filter(|_| digits(&r[1..], 1));
                q.and_then(|q| Period::quarter(year, q))
            }
            Some(r) if digits(r, 2) => {
                r.parse().ok().and_then(|m| Month::new(year, m)).map(Period::month)
            }
            Some(_) => None,
        };
        period.ok_or_else(fail)
    }

    /// The period of `span` that contains `day`.
    pub fn containing(day: NaiveDate, span: Span) -> Period {
        let m = Month::of(day);
        let first = match span {
            Span::Month => m,
            Span::Quarter => Month { year: m.year, month: (m.month - 1) / 3 * 3 + 1 },
            Span::Year => Month { year: m.year, month: 1 },
        };
        Period { first, span }
    }

    /// Month, quarter or year.
    pub fn span(&self) -> Span {
        self.span
    }

    /// The first month of the period.
    pub fn first_month(&self) -> Month {
        self.first
    }

    /// The last month of the period.
    pub fn last_month(&self) -> Month {
        self.first.plus(self.span.months() - 1)
    }

    /// Every month of the period, in order.
    pub fn months(&self) -> Vec<Month> {
        (0..self.span.months()).map(|i| self.first.plus(i)).collect()
    }

    /// The first day.
    pub fn first_day(&self) -> NaiveDate {
        self.first.first_day()
    }

    /// The last day.
    pub fn last_day(&self) -> NaiveDate {
        self.last_month().last_day()
    }

    /// Whether `day` falls inside the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }

    /// Whether the item was received (local day) inside the period.
    pub fn holds(&self, appeal: &Appeal) -> bool {
        self.contains(appeal.received.day())
    }

    /// The period of the same length just before: February for March, 2025-Q4 for
    /// 2026-Q1, 2025 for 2026.
    pub fn previous(&self) -> Period {
        Period { first: self.first.plus(-self.span.months()), span: self.span }
    }

    /// The same period a year earlier: 2025-03 for 2026-03.
    pub fn year_earlier(&self) -> Period {
        Period { first: self.first.plus(-12), span: self.span }
    }

    /// The quarter number (1–4) of the period's first month.
    fn quarter_number(&self) -> u32 {
        self.first.month.div_ceil(3)
    }

    /// The period's text as `Period::parse` reads it: `2026`, `2026-Q1`, `2026-03`.
    pub fn code(&self) -> String {
        match self.span {
            Span::Month => self.first.code(),
            Span::Quarter => format!("{:04}-Q{}", self.first.year, self.quarter_number()),
            Span::Year => format!("{:04}", self.first.year),
        }
    }

    /// The period in words: «март 2026 г.», «I квартал 2026 г.», «2026 год».
    pub fn label(&self) -> Message {
        let year = self.first.year;
        match self.span {
            Span::Month => messages::analytics::month_period(year, self.first.month),
            Span::Quarter => messages::analytics::quarter_period(year, self.quarter_number()),
            Span::Year => messages::analytics::year_period(year),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl std::str::FromStr for Period {
    type Err = PeriodError;
    fn from_str(s: &str) -> Result<Period, PeriodError> {
        Period::parse(s)
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_three_shapes_parse_and_print_back() {
        for text in ["2026", "2026-Q1", "2026-Q4", "2026-03", "2026-12"] {
            assert_eq!(Period::parse(text).unwrap().code(), text);
        }
        assert_eq!(Period::parse("2026-q2").unwrap().code(), "2026-Q2");
        assert_eq!(Period::parse(" 2026-03 ").unwrap().code(), "2026-03");
    }

    #[test]
    fn malformed_periods_are_rejected() {
        for text in ["", "26", "2026-3", "2026-13", "2026-00", "2026-Q0", "2026-Q5", "2026-Q12"] {
            assert!(Period::parse(text).is_err(), "{text}");
        }
        for text in ["2026-03-01", "Q1-2026", "2026/03", "март 2026", "2026-+3", "0000"] {
            assert!(Period::parse(text).is_err(), "{text}");
        }
        let e = Period::parse("2026-13").unwrap_err();
        assert!(e.message().get(Lang::Ru).contains("«2026-13»"));
    }

    #[test]
    fn bounds_are_the_first_and_last_local_days() {
        let q1 = Period::parse("2026-Q1").unwrap();
        assert_eq!((q1.first_day(), q1.last_day()), (day(2026, 1, 1), day(2026, 3, 31)));
        let feb = Period::parse("2028-02").unwrap();
        assert_eq!(feb.last_day(), day(2028, 2, 29));
        let y = Period::parse("2026").unwrap();
        assert_eq!((y.first_day(), y.last_day()), (day(2026, 1, 1), day(2026, 12, 31)));
        assert!(q1.contains(day(2026, 3, 31)));
        assert!(!q1.contains(day(2026, 4, 1)));
        assert!(!q1.contains(day(2025, 12, 31)));
    }

    #[test]
    fn previous_and_year_earlier_cross_year_boundaries() {
        let p = |t: &str| Period::parse(t).unwrap();
        assert_eq!(p("2026-01").previous(), p("2025-12"));
        assert_eq!(p("2026-03").previous(), p("2026-02"));
        assert_eq!(p("2026-Q1").previous(), p("2025-Q4"));
        assert_eq!(p("2026-Q3").previous(), p("2026-Q2"));
        assert_eq!(p("2026").previous(), p("2025"));
        assert_eq!(p("2026-03").year_earlier(), p("2025-03"));
        assert_eq!(p("2026-Q1").year_earlier(), p("2025-Q1"));
        assert_eq!(p("2026").year_earlier(), p("2025"));
    }

    #[test]
    fn a_quarter_has_its_three_months() {
        let months: Vec<String> =
            Period::parse("2026-Q2").unwrap().months().iter().map(|m| m.code()).collect();
        assert_eq!(months, ["2026-04", "2026-05", "2026-06"]);
        assert_eq!(Period::containing(day(2026, 8, 15), Span::Quarter).code(), "2026-Q3");
        assert_eq!(Period::containing(day(2026, 8, 15), Span::Year).code(), "2026");
    }

    #[test]
    fn labels_are_in_words() {
        let p = |t: &str| Period::parse(t).unwrap().label();
        assert_eq!(p("2026-03").get(Lang::Ru), "март 2026 г.");
        assert_eq!(p("2026-03").get(Lang::En), "March 2026");
        assert_eq!(p("2026-Q1").get(Lang::Ru), "I квартал 2026 г.");
        assert_eq!(p("2026-Q4").get(Lang::En), "Q4 2026");
        assert_eq!(p("2026").get(Lang::Ru), "2026 год");
    }
}
