//! Dates and moments as staff type them, converted once into the municipality's zone.
//!
//! Front matter holds plain dates (`2026-03-05`, or the Russian `05.03.2026`) and
//! date-times (`2026-03-05T10:15:00+07:00`, `2026-03-05 10:15`). Everything after this
//! module works with [`Moment`], which always knows its offset, so no other code guesses
//! a zone. A date-time typed without an offset is read as local time and flagged, so that
//! `check` can warn about it (DOMAIN.md, counting convention 1).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// A point or a day at which something happened, as recorded in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// Only the day is known.
    Day(NaiveDate),
    /// An instant, already converted to the municipality's zone.
    At(DateTime<FixedOffset>),
}

/// What the parser noticed about a date-time while reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The text was unambiguous.
    Exact,
    /// A date-time without an offset, read as local time.
    AssumedLocal,
}

/// Why a piece of text is not a date or date-time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// The text has no recognised shape.
    Shape,
    /// The shape is right but the calendar date does not exist (31.02, or month 13).
    NoSuchDay {
        /// The year as written.
        year: i32,
        /// The month as written, possibly outside 1–12.
        month: u32,
        /// The day as written.
        day: u32,
    },
    /// The local time does not exist or is ambiguous in the zone.
    NoSuchLocalTime,
}

impl Moment {
    /// The local calendar day of this moment in the municipality's zone.
    pub fn day(&self) -> NaiveDate {
        match self {
            Moment::Day(d) => *d,
            Moment::At(t) => t.date_naive(),
        }
    }

    /// The instant, if known.
    pub fn instant(&self) -> Option<DateTime<FixedOffset>> {
        match self {
            Moment::Day(_) => None,
            Moment::At(t) => Some(*t),
        }
    }

    /// ISO 8601 text: a date, or an RFC 3339 date-time with the local offset.
    pub fn iso(&self) -> String {
        match self {
            Moment::Day(d) => d.format("%Y-%m-%d").to_string(),
            Moment::At(t) => t.to_rfc3339(),
        }
    }
}

/// Parses a plain date: ISO `YYYY-MM-DD` or Russian `DD.MM.YYYY`.
///
/// Fails when the text is neither, or names a day that does not exist.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let text = text.trim();
    let (year, month, day) = split_date(text).ok_or(DateError::Shape)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::NoSuchDay { year, month, day })
}

/// How many days `month` of `year` has, or `None` when there is no such month.
pub fn days_in_month(year: i32, month: u32) -> Option<u32> {
    NaiveDate::from_ymd_opt(year, month, 1)?;
    (28..=31).rev().find(|&day| NaiveDate::from_ymd_opt(year, month, day).is_some())
}

/// Parses a date or a date-time and converts it into `zone`.
///
/// A date-time without an offset is taken as local time in `zone` and reported as
/// [`Reading::AssumedLocal`]. Fails on unknown shapes, impossible dates, and local times
/// that the zone skips or repeats.
pub fn parse_moment(text: &str, zone: Tz) -> Result<(Moment, Reading), DateError> {
    let text = text.trim();
    match parse_date(text) {
        Ok(day) => return Ok((Moment::Day(day), Reading::Exact)),
        // A date of the right shape that the calendar lacks is that, not "no date at all".
        Err(e @ DateError::NoSuchDay { .. }) => return Err(e),
        Err(_) => {}
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok((Moment::At(in_zone(t, zone)), Reading::Exact));
    }
    if let Ok(t) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%:z")
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M%:z"))
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%:z"))
    {
        return Ok((Moment::At(in_zone(t, zone)), Reading::Exact));
    }
    let naive = parse_naive_date_time(text)?;
    let local = zone.from_local_datetime(&naive).single().ok_or(DateError::NoSuchLocalTime)?;
    Ok((Moment::At(local.fixed_offset()), Reading::AssumedLocal))
}

fn in_zone(t: DateTime<FixedOffset>, zone: Tz) -> DateTime<FixedOffset> {
    t.with_timezone(&zone).fixed_offset()
}

/// Parses a date-time without an offset: `2026-03-05 10:15`, `05.03.2026T10:15:00`.
///
/// Fails when the text has another shape or names a day that does not exist.
pub fn parse_naive_date_time(text: &str) -> Result<NaiveDateTime, DateError> {
    let (date, time) =
        text.split_once('T').or_else(|| text.split_once(' ')).ok_or(DateError::Shape)?;
    let day = parse_date(date)?;
    let time = NaiveTime::parse_from_str(time.trim(), "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(time.trim(), "%H:%M"))
        .map_err(|_| DateError::Shape)?;
    Ok(day.and_time(time))
}

/// Splits `YYYY-MM-DD` or `DD.MM.YYYY` into numbers, insisting on the exact digit counts
/// so that `5.3.26` or `2026-3-5` are not guessed at.
fn split_date(text: &str) -> Option<(i32, u32, u32)> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = if text.contains('-') {
        text.split('-').collect()
    } else {
        let mut p: Vec<&str> = text.split('.').collect();
        p.reverse();
        p
    };
    match parts.as_slice() {
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => {
            Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BARNAUL: Tz = chrono_tz::Asia::Barnaul;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn russian_and_iso_dates_mean_the_same_day() {
        assert_eq!(parse_date("05.03.2026"), Ok(day(2026, 3, 5)));
        assert_eq!(parse_date("2026-03-05"), Ok(day(2026, 3, 5)));
    }

    #[test]
    fn short_or_impossible_dates_are_rejected() {
        assert_eq!(parse_date("5.3.26"), Err(DateError::Shape));
        assert_eq!(parse_date("03/05/2026"), Err(DateError::Shape));
        let no_such_day = Err(DateError::NoSuchDay { year: 2026, month: 2, day: 31 });
        assert_eq!(parse_date("31.02.2026"), no_such_day);
    }

    #[test]
    fn an_impossible_day_is_told_apart_from_a_wrong_shape_in_moments_too() {
        let no_such_day = Err(DateError::NoSuchDay { year: 2026, month: 2, day: 30 });
        assert_eq!(parse_moment("2026-02-30", BARNAUL), no_such_day);
        assert_eq!(parse_moment("2026-02-30T10:00:00+07:00", BARNAUL), no_such_day);
        assert_eq!(parse_moment("2026-02-3", BARNAUL), Err(DateError::Shape));
    }

    #[test]
    fn months_have_their_calendar_lengths() {
        assert_eq!(days_in_month(2026, 2), Some(28));
        assert_eq!(days_in_month(2028, 2), Some(29));
        assert_eq!(days_in_month(2026, 4), Some(30));
        assert_eq!(days_in_month(2026, 12), Some(31));
        assert_eq!(days_in_month(2026, 13), None);
    }

    #[test]
    fn moscow_evening_is_the_next_local_day() {
        let (m, r) = parse_moment("2026-03-05T22:30:00+03:00", BARNAUL).unwrap();
        assert_eq!(r, Reading::Exact);
        assert_eq!(m.day(), day(2026, 3, 6));
        assert_eq!(m.iso(), "2026-03-06T02:30:00+07:00");
    }

    #[test]
    fn date_time_without_offset_is_local_and_flagged() {
        let (m, r) = parse_moment("05.03.2026 10:15", BARNAUL).unwrap();
        assert_eq!(r, Reading::AssumedLocal);
        assert_eq!(m.iso(), "2026-03-05T10:15:00+07:00");
    }

    #[test]
    fn utc_instant_is_converted() {
        let (m, _) = parse_moment("2026-03-05T20:00:00Z", BARNAUL).unwrap();
        assert_eq!(m.iso(), "2026-03-06T03:00:00+07:00");
    }
}
