//! Working-day and working-hour arithmetic over the Russian production calendar.
//!
//! The official calendars for 2025–2027 are embedded as data, exactly as the government
//! decrees publish them: the weekdays that are days off, the weekend days that are working,
//! and the shortened pre-holiday days. Nothing in them is derived, because transfers are
//! decided by decree each year. A year without data falls back to the Labour Code art. 112
//! holidays alone (no transfers, no shortened days) and is reported as provisional.
//! `otklik.yaml` may add days off and working days on top of either.
//!
//! Lookups neither allocate nor search the embedded lists: each embedded year is a bitset
//! built once, and the configured overrides are sorted for binary search. Every search for
//! a working day gives up after [`SEARCH_LIMIT_DAYS`], so a configuration that marks years
//! of days off cannot make a deadline loop forever.

use crate::config::{CalendarSettings, Config, DayOffRule};
use chrono::{
    DateTime, Datelike, Days, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta,
    TimeZone, Weekday,
};
use chrono_tz::Tz;

/// The longest stretch of days any search looks through, about ten years. Real calendars
/// never have more than a dozen days off in a row; the bound only stops runaway searches.
pub const SEARCH_LIMIT_DAYS: u32 = 3660;

/// One year of the official production calendar, as its decree publishes it.
struct YearData {
    year: i32,
    decree: &'static str,
    /// Monday–Friday dates that are not working days, as (month, day).
    days_off: &'static [(u32, u32)],
    /// Saturdays or Sundays that are working days.
    working_weekends: &'static [(u32, u32)],
    /// Pre-holiday working days, one hour shorter.
    shortened: &'static [(u32, u32)],
}

/// The embedded calendars (research/domain-ru.md §5; each has 247 working days).
const PRODUCTION_CALENDARS: [YearData; 3] = [
    YearData {
        year: 2025,
        decree: "ПП РФ от 04.10.2024 № 1335",
        days_off: &[
            (1, 1),
            (1, 2),
            (1, 3),
            (1, 6),
            (1, 7),
            (1, 8),
            (5, 1),
            (5, 2),
            (5, 8),
            (5, 9),
            (6, 12),
            (6, 13),
            (11, 3),
            (11, 4),
            (12, 31),
        ],
        working_weekends: &[(11, 1)],
        shortened: &[(3, 7), (4, 30), (6, 11), (11, 1)],
    },
    YearData {
        year: 2026,
        decree: "ПП РФ от 24.09.2025 № 1466",
        days_off: &[
            (1, 1),
            (1, 2),
            (1, 5),
            (1, 6),
            (1, 7),
            (1, 8),
            (1, 9),
            (2, 23),
            (3, 9),
            (5, 1),
            (5, 11),
            (6, 12),
            (11, 4),
            (12, 31),
        ],
        working_weekends: &[],
        shortened: &[(4, 30), (5, 8), (6, 11), (11, 3)],
    },
    // The 2027 decree was read only from code repositories that cite it, not from its
    // official text; checking it on publication.pravo.gov.ru would settle it (research
    // §5.4 and §8).
    YearData {
        year: 2027,
        decree: "ПП РФ от 17.09.2026 № 1187",
        days_off: &[
            (1, 1),
            (1, 4),
            (1, 5),
            (1, 6),
            (1, 7),
            (1, 8),
            (2, 22),
            (2, 23),
            (3, 8),
            (5, 3),
            (5, 10),
            (6, 14),
            (11, 4),
            (11, 5),
            (12, 31),
        ],
        working_weekends: &[(2, 20)],
        shortened: &[(2, 20), (4, 30), (6, 11), (11, 3)],
    },
];

/// One bit per day of a year, indexed by the day's ordinal from 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct DayBits([u64; 6]);

impl DayBits {
    fn set(&mut self, day: NaiveDate) {
        let i = day.ordinal0() as usize;
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn clear(&mut self, day: NaiveDate) {
        let i = day.ordinal0() as usize;
        self.0[i / 64] &= !(1 << (i % 64));
    }

    fn get(&self, day: NaiveDate) -> bool {
        let i = day.ordinal0() as usize;
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

/// An embedded year turned into bitsets for lookups without searching.
#[derive(Debug, Clone)]
struct YearBits {
    year: i32,
    decree: &'static str,
    working: DayBits,
    shortened: DayBits,
}

impl YearBits {
    fn from_data(data: &YearData) -> YearBits {
        let date = |(m, d): (u32, u32)| NaiveDate::from_ymd_opt(data.year, m, d);
        let mut bits = YearBits {
            year: data.year,
            decree: data.decree,
            working: DayBits::default(),
            shortened: DayBits::default(),
        };
        let mut day = NaiveDate::from_ymd_opt(data.year, 1, 1);
        while let Some(d) = day.filter(|d| d.year() == data.year) {
            if is_weekday(d) {
                bits.working.set(d);
            }
            day = d.succ_opt();
        }
        // Days off are weekdays and working weekends are weekend days (a test holds the data
        // to that), so the order of these steps does not matter.
        for d in data.days_off.iter().filter_map(|&md| date(md)) {
            bits.working.clear(d);
        }
        for d in data.working_weekends.iter().filter_map(|&md| date(md)) {
            bits.working.set(d);
        }
        for d in data.shortened.iter().filter_map(|&md| date(md)) {
            bits.shortened.set(d);
        }
        bits
    }
}

/// Which days are working days and when the office is open, for one municipality.
///
/// Built once per run from the configuration and shared (it is `Sync`) by every
/// deadline computation.
#[derive(Debug, Clone)]
pub struct WorkingCalendar {
    years: Vec<YearBits>,
    /// `calendar.extra_days_off`, sorted; wins over everything else.
    days_off: Vec<NaiveDate>,
    /// `calendar.extra_working_days`, sorted; wins over the embedded data.
    working_days: Vec<NaiveDate>,
    /// Office hours, sorted, non-empty and without overlaps.
    office_hours: Vec<(NaiveTime, NaiveTime)>,
    zone: Tz,
}

impl WorkingCalendar {
    /// The embedded calendar plus `settings`, in the zone `Asia/Barnaul` (the Altai
    /// Republic, DOMAIN.md). The pipeline uses [`WorkingCalendar::for_config`], which takes
    /// the configured zone instead.
    ///
    /// Empty or inverted office-hour intervals are dropped and overlapping ones merged; if
    /// none remain, the default `09:00-13:00` and `14:00-18:00` apply.
    pub fn new(settings: &CalendarSettings) -> WorkingCalendar {
        let sorted = |list: &[NaiveDate]| {
            let mut v = list.to_vec();
            v.sort_unstable();
            v.dedup();
            v
        };
        WorkingCalendar {
            years: PRODUCTION_CALENDARS.iter().map(YearBits::from_data).collect(),
            days_off: sorted(&settings.extra_days_off),
            working_days: sorted(&settings.extra_working_days),
            office_hours: normalise_hours(&settings.office_hours),
            zone: chrono_tz::Asia::Barnaul,
        }
    }

    /// The calendar of a configured municipality: its calendar settings and its zone.
    pub fn for_config(config: &Config) -> WorkingCalendar {
        WorkingCalendar::new(&config.calendar).with_zone(config.zone)
    }

    /// The same calendar counted in another zone.
    pub fn with_zone(self, zone: Tz) -> WorkingCalendar {
        WorkingCalendar { zone, ..self }
    }

    /// The municipality's zone, in which every day boundary is drawn.
    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// The office hours used for working-hour terms, sorted.
    pub fn office_hours(&self) -> &[(NaiveTime, NaiveTime)] {
        &self.office_hours
    }

    /// The decree behind the embedded calendar of `year`, if there is one.
    pub fn decree(&self, year: i32) -> Option<&'static str> {
        self.year_bits(year).map(|y| y.decree)
    }

    /// Whether `year` has no embedded calendar, so that only the Labour Code holidays
    /// are known and results in it are provisional.
    pub fn is_provisional(&self, year: i32) -> bool {
        self.year_bits(year).is_none()
    }

    /// Whether `day` is a working day.
    ///
    /// A configured day off wins over a configured working day, which wins over the
    /// embedded calendar; a year without data uses Monday–Friday minus the art. 112
    /// holidays.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        if self.days_off.binary_search(&day).is_ok() {
            return false;
        }
        if self.working_days.binary_search(&day).is_ok() {
            return true;
        }
        match self.year_bits(day.year()) {
            Some(bits) => bits.working.get(day),
            None => is_weekday(day) && !is_labour_code_holiday(day),
        }
    }

    /// Whether `day` is a shortened pre-holiday working day of the embedded calendar.
    /// Years without data have none: shortened days are published, not derived.
    pub fn is_shortened(&self, day: NaiveDate) -> bool {
        self.is_working_day(day) && self.year_bits(day.year()).is_some_and(|b| b.shortened.get(day))
    }

    /// The `n`-th working day strictly after `start`; `start` itself when `n` is 0.
    ///
    /// If no working day can be found within [`SEARCH_LIMIT_DAYS`] of the previous one
    /// (a configuration marking years as days off), the answer falls back to `start + n`
    /// calendar days, so that a deadline still exists and can be seen to be odd.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut day = start;
        for _ in 0..n {
            match day.succ_opt().and_then(|next| self.search(next, Direction::Forward)) {
                Some(found) => day = found,
                None => return start.checked_add_days(Days::new(n.into())).unwrap_or(start),
            }
        }
        day
    }

    /// `day` if it is a working day, else the first working day after it; `day` itself
    /// when none is found within [`SEARCH_LIMIT_DAYS`].
    pub fn next_working_day(&self, day: NaiveDate) -> NaiveDate {
        self.search(day, Direction::Forward).unwrap_or(day)
    }

    /// `day` if it is a working day, else the last working day before it; `day` itself
    /// when none is found within [`SEARCH_LIMIT_DAYS`].
    pub fn previous_working_day(&self, day: NaiveDate) -> NaiveDate {
        self.search(day, Direction::Backward).unwrap_or(day)
    }

    /// Moves the last day of a term off a day off, the way `rule` says (DOMAIN.md,
    /// counting convention 3). A working day stays where it is.
    pub fn shift(&self, day: NaiveDate, rule: DayOffRule) -> NaiveDate {
        match rule {
            DayOffRule::Next => self.next_working_day(day),
            DayOffRule::Previous => self.previous_working_day(day),
        }
    }

    /// The days off in `(a, b]`, oldest first: what a term from `a` to `b` skipped over.
    /// Empty when `b <= a`; looks at no more than [`SEARCH_LIMIT_DAYS`] days.
    pub fn days_off_between(&self, a: NaiveDate, b: NaiveDate) -> Vec<NaiveDate> {
        days_after(a, b)
            .take(SEARCH_LIMIT_DAYS as usize)
            .filter(|d| !self.is_working_day(*d))
            .collect()
    }

    /// The number of working days in `(a, b]`; the negated count of `(b, a]` when `b < a`,
    /// and 0 when they are equal. Used for answer times in statistics.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        let count = |from, to| days_after(from, to).filter(|d| self.is_working_day(*d)).count();
        if b >= a { count(a, b) as i64 } else { -(count(b, a) as i64) }
    }

    /// The instant at which `hours` working hours have passed since `start`, in `zone`.
    ///
    /// Only office hours of working days count; a shortened day closes one hour earlier.
    /// Counting starts at `start` if the office is open then, else at the next opening, and
    /// a term that ends exactly at closing time ends then, not at the next opening. If no
    /// office hours are found within [`SEARCH_LIMIT_DAYS`], the hours are counted round
    /// the clock instead.
    pub fn add_working_hours(
        &self,
        start: DateTime<FixedOffset>,
        hours: u32,
        zone: Tz,
    ) -> DateTime<FixedOffset> {
        let local = start.with_timezone(&zone).naive_local();
        let mut remaining = TimeDelta::hours(hours.into());
        let mut day = local.date();
        let mut from = local.time();
        for _ in 0..=SEARCH_LIMIT_DAYS {
            if self.is_working_day(day) {
                for (open, close) in self.hours_of(day) {
                    if from >= close {
                        continue;
                    }
                    let begin = from.max(open);
                    let available = close - begin;
                    if remaining <= available {
                        return local_instant(day.and_time(begin) + remaining, zone);
                    }
                    remaining -= available;
                }
            }
            let Some(next) = day.succ_opt() else { break };
            day = next;
            from = NaiveTime::MIN;
        }
        let fallback = start.checked_add_signed(TimeDelta::hours(hours.into())).unwrap_or(start);
        fallback.with_timezone(&zone).fixed_offset()
    }

    /// The office-hour intervals of a working day, with a shortened day's close moved one
    /// hour earlier (intervals that end up empty are skipped).
    fn hours_of(&self, day: NaiveDate) -> impl Iterator<Item = (NaiveTime, NaiveTime)> + '_ {
        let last_close = self.office_hours.last().map_or(NaiveTime::MIN, |h| h.1);
        let day_end = if self.is_shortened(day) {
            let (earlier, wrapped) = last_close.overflowing_sub_signed(TimeDelta::hours(1));
            if wrapped == 0 { earlier } else { NaiveTime::MIN }
        } else {
            last_close
        };
        self.office_hours.iter().filter_map(move |&(open, close)| {
            let close = close.min(day_end);
            (open < close).then_some((open, close))
        })
    }

    fn year_bits(&self, year: i32) -> Option<&YearBits> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The first working day at or beyond `day` in `direction`, within the search limit.
    fn search(&self, day: NaiveDate, direction: Direction) -> Option<NaiveDate> {
        let mut d = day;
        for _ in 0..=SEARCH_LIMIT_DAYS {
            if self.is_working_day(d) {
                return Some(d);
            }
            d = match direction {
                Direction::Forward => d.succ_opt()?,
                Direction::Backward => d.pred_opt()?,
            };
        }
        None
    }
}

#[derive(Clone, Copy)]
enum Direction {
    Forward,
    Backward,
}

/// The instant of a local date-time in `zone`. A time repeated by a clock change is taken
/// at its first occurrence; a time skipped by one is taken an hour later, when the clock
/// shows it again. (The municipality's zone has had no clock changes since 2016.)
pub fn local_instant(local: NaiveDateTime, zone: Tz) -> DateTime<FixedOffset> {
    zone.from_local_datetime(&local)
        .earliest()
        .or_else(|| zone.from_local_datetime(&(local + TimeDelta::hours(1))).earliest())
        .unwrap_or_else(|| zone.from_utc_datetime(&local))
        .fixed_offset()
}

/// The days in `(a, b]`, in order.
fn days_after(a: NaiveDate, b: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    std::iter::successors(a.succ_opt(), |d| d.succ_opt()).take_while(move |d| *d <= b)
}

fn is_weekday(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The non-working holidays of Labour Code art. 112 part 1.
fn is_labour_code_holiday(day: NaiveDate) -> bool {
    matches!(
        (day.month(), day.day()),
        (1, 1..=8) | (2, 23) | (3, 8) | (5, 1) | (5, 9) | (6, 12) | (11, 4)
    )
}

/// Sorts the intervals, drops empty ones and merges overlaps, so that no minute is
/// counted twice; an empty result becomes the default office hours.
fn normalise_hours(hours: &[(NaiveTime, NaiveTime)]) -> Vec<(NaiveTime, NaiveTime)> {
    let mut sorted: Vec<_> = hours.iter().copied().filter(|(open, close)| open < close).collect();
    sorted.sort_unstable();
    let mut merged: Vec<(NaiveTime, NaiveTime)> = Vec::with_capacity(sorted.len());
    for (open, close) in sorted {
        match merged.last_mut() {
            Some(last) if open <= last.1 => last.1 = last.1.max(close),
            _ => merged.push((open, close)),
        }
    }
    if merged.is_empty() { CalendarSettings::default().office_hours } else { merged }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn calendar() -> WorkingCalendar {
        WorkingCalendar::new(&CalendarSettings::default())
    }

    fn with(days_off: &[NaiveDate], working: &[NaiveDate]) -> WorkingCalendar {
        WorkingCalendar::new(&CalendarSettings {
            extra_days_off: days_off.to_vec(),
            extra_working_days: working.to_vec(),
            ..CalendarSettings::default()
        })
    }

    const BARNAUL: Tz = chrono_tz::Asia::Barnaul;

    #[test]
    fn every_embedded_year_has_247_working_days() {
        let c = calendar();
        for year in 2025..=2027 {
            assert_eq!(c.working_days_between(day(year - 1, 12, 31), day(year, 12, 31)), 247);
        }
    }

    #[test]
    fn embedded_lists_hold_weekdays_off_and_weekend_working_days() {
        for data in &PRODUCTION_CALENDARS {
            let date = |(m, d): &(u32, u32)| day(data.year, *m, *d);
            assert!(data.days_off.iter().map(date).all(is_weekday), "{}", data.year);
            assert!(!data.working_weekends.iter().map(date).any(is_weekday), "{}", data.year);
        }
    }

    #[test]
    fn saturday_1_november_2025_is_a_shortened_working_day() {
        let c = calendar();
        assert!(c.is_working_day(day(2025, 11, 1)));
        assert!(c.is_shortened(day(2025, 11, 1)));
        assert!(!c.is_working_day(day(2025, 11, 3)));
        assert!(!c.is_working_day(day(2025, 11, 4)));
        assert!(!c.is_provisional(2025));
    }

    #[test]
    fn january_2026_holidays_run_to_the_11th() {
        let c = calendar();
        // 31.12.2025 (Wed) is off by transfer; 1–11 January 2026 are all off.
        assert!(!c.is_working_day(day(2025, 12, 31)));
        assert!((1..=11).all(|d| !c.is_working_day(day(2026, 1, d))));
        assert!(c.is_working_day(day(2026, 1, 12)));
        assert_eq!(c.next_working_day(day(2026, 1, 4)), day(2026, 1, 12));
        assert_eq!(c.previous_working_day(day(2026, 1, 4)), day(2025, 12, 30));
    }

    #[test]
    fn holidays_on_a_weekend_move_to_monday_in_2026() {
        let c = calendar();
        // 8 March 2026 is a Sunday, so Monday the 9th is off; 9 May is a Saturday, so the
        // 11th is off.
        assert!(!c.is_working_day(day(2026, 3, 9)));
        assert!(!c.is_working_day(day(2026, 5, 11)));
        assert!(c.is_working_day(day(2026, 5, 12)));
    }

    #[test]
    fn saturday_20_february_2027_is_working_and_shortened() {
        let c = calendar();
        assert!(c.is_working_day(day(2027, 2, 20)));
        assert!(c.is_shortened(day(2027, 2, 20)));
        assert!(!c.is_working_day(day(2027, 2, 22)));
        assert!(!c.is_working_day(day(2027, 11, 5)));
    }

    #[test]
    fn shortened_days_of_2026_are_the_published_ones() {
        let c = calendar();
        let shortened: Vec<NaiveDate> = days_after(day(2025, 12, 31), day(2026, 12, 31))
            .filter(|d| c.is_shortened(*d))
            .collect();
        assert_eq!(
            shortened,
            [day(2026, 4, 30), day(2026, 5, 8), day(2026, 6, 11), day(2026, 11, 3)]
        );
    }

    #[test]
    fn a_year_without_data_keeps_only_the_labour_code_holidays() {
        let c = calendar();
        assert!(c.is_provisional(2028));
        assert!(c.decree(2028).is_none());
        assert_eq!(c.decree(2026), Some("ПП РФ от 24.09.2025 № 1466"));
        // 2028: 3 Jan Mon, 23 Feb Wed, 8 Mar Wed, 1 May Mon, 9 May Tue, 12 Jun Mon are
        // holidays on weekdays; 10 Jan Mon is the first working day; no transfers, so
        // 4 Nov (a Saturday) moves nothing and Monday 6 Nov works.
        for (m, d) in [(1, 3), (1, 8), (2, 23), (3, 8), (5, 1), (5, 9), (6, 12)] {
            assert!(!c.is_working_day(day(2028, m, d)), "{m}-{d}");
        }
        assert!(c.is_working_day(day(2028, 1, 10)));
        assert!(c.is_working_day(day(2028, 11, 6)));
        assert!(!c.is_shortened(day(2028, 3, 7)));
    }

    #[test]
    fn working_days_are_counted_strictly_after_the_start() {
        let c = calendar();
        // From Tue 28.04.2026: 29, 30 Apr (1, 2); 1–3 May off; 4–8 May (3–7); 9–11 off;
        // 12, 13, 14 May (8–10).
        assert_eq!(c.add_working_days(day(2026, 4, 28), 10), day(2026, 5, 14));
        assert_eq!(c.add_working_days(day(2026, 4, 28), 1), day(2026, 4, 29));
        assert_eq!(c.add_working_days(day(2026, 4, 28), 0), day(2026, 4, 28));
        // From a Saturday, Monday is the first working day.
        assert_eq!(c.add_working_days(day(2026, 3, 14), 1), day(2026, 3, 16));
    }

    #[test]
    fn shift_moves_only_days_off() {
        let c = calendar();
        assert_eq!(c.shift(day(2026, 1, 4), DayOffRule::Next), day(2026, 1, 12));
        assert_eq!(c.shift(day(2026, 1, 4), DayOffRule::Previous), day(2025, 12, 30));
        assert_eq!(c.shift(day(2026, 4, 2), DayOffRule::Previous), day(2026, 4, 2));
    }

    #[test]
    fn days_off_between_lists_the_skipped_days() {
        let c = calendar();
        // (Fri 06.03.2026, Thu 12.03.2026]: the weekend 7–8 and Monday the 9th.
        assert_eq!(
            c.days_off_between(day(2026, 3, 6), day(2026, 3, 12)),
            [day(2026, 3, 7), day(2026, 3, 8), day(2026, 3, 9)]
        );
        assert!(c.days_off_between(day(2026, 3, 12), day(2026, 3, 6)).is_empty());
    }

    #[test]
    fn working_days_between_is_signed() {
        let c = calendar();
        assert_eq!(c.working_days_between(day(2026, 4, 28), day(2026, 5, 14)), 10);
        assert_eq!(c.working_days_between(day(2026, 5, 14), day(2026, 4, 28)), -10);
        assert_eq!(c.working_days_between(day(2026, 5, 14), day(2026, 5, 14)), 0);
    }

    #[test]
    fn configured_days_override_the_embedded_calendar() {
        // A regional holiday on Wednesday 10.06.2026 and a working Saturday 13.06.2026.
        let c = with(&[day(2026, 6, 10)], &[day(2026, 6, 13)]);
        assert!(!c.is_working_day(day(2026, 6, 10)));
        assert!(c.is_working_day(day(2026, 6, 13)));
        assert_eq!(c.add_working_days(day(2026, 6, 9), 2), day(2026, 6, 13));
    }

    #[test]
    fn a_day_both_off_and_working_in_the_configuration_is_off() {
        let c = with(&[day(2026, 6, 13)], &[day(2026, 6, 13)]);
        assert!(!c.is_working_day(day(2026, 6, 13)));
    }

    #[test]
    fn a_configuration_without_working_days_does_not_hang() {
        let start = day(2026, 1, 1);
        let all: Vec<NaiveDate> = days_after(start, day(2037, 1, 1)).collect();
        let c = with(&all, &[]);
        assert_eq!(c.next_working_day(day(2026, 2, 2)), day(2026, 2, 2));
        assert_eq!(c.add_working_days(day(2026, 2, 2), 10), day(2026, 2, 12));
        let due = c.add_working_hours(at("2026-02-02T10:00:00+07:00"), 8, BARNAUL);
        assert_eq!(due, at("2026-02-02T18:00:00+07:00"));
    }

    #[test]
    fn eight_working_hours_from_friday_evening_skip_lunch_and_the_weekend() {
        let c = calendar();
        // Fri 13.03.2026 17:30–18:00 is 0.5 h; Mon 16.03 09–13 is 4 h (4.5), lunch skipped,
        // 14:00–17:30 is 3.5 h (8).
        let due = c.add_working_hours(at("2026-03-13T17:30:00+07:00"), 8, BARNAUL);
        assert_eq!(due, at("2026-03-16T17:30:00+07:00"));
    }

    #[test]
    fn counting_starts_at_the_next_opening() {
        let c = calendar();
        // Received during lunch: 14:00–18:00 (4 h), then Tuesday 09:00–13:00 (8 h).
        let due = c.add_working_hours(at("2026-03-16T13:20:00+07:00"), 8, BARNAUL);
        assert_eq!(due, at("2026-03-17T13:00:00+07:00"));
        // Received before opening: the whole day, ending exactly at closing time.
        let due = c.add_working_hours(at("2026-03-16T07:00:00+07:00"), 8, BARNAUL);
        assert_eq!(due, at("2026-03-16T18:00:00+07:00"));
        // Received after closing: the next morning.
        let due = c.add_working_hours(at("2026-03-16T19:00:00+07:00"), 1, BARNAUL);
        assert_eq!(due, at("2026-03-17T10:00:00+07:00"));
    }

    #[test]
    fn a_shortened_day_closes_an_hour_early() {
        let c = calendar();
        // Thu 30.04.2026 is shortened (closes 17:00): 15–17 is 2 h; 1–3 May off; Mon 4 May
        // 09–13 is 4 h (6), 14–16 is 2 h (8).
        let due = c.add_working_hours(at("2026-04-30T15:00:00+07:00"), 8, BARNAUL);
        assert_eq!(due, at("2026-05-04T16:00:00+07:00"));
        // Received at 17:30 on the shortened day: nothing left that day.
        let due = c.add_working_hours(at("2026-04-30T17:30:00+07:00"), 8, BARNAUL);
        assert_eq!(due, at("2026-05-04T18:00:00+07:00"));
    }

    #[test]
    fn a_single_interval_means_no_lunch_break() {
        let c = WorkingCalendar::new(&CalendarSettings {
            office_hours: vec![(time(9, 0), time(18, 0))],
            ..CalendarSettings::default()
        });
        let due = c.add_working_hours(at("2026-03-16T09:00:00+07:00"), 8, BARNAUL);
        assert_eq!(due, at("2026-03-16T17:00:00+07:00"));
    }

    #[test]
    fn working_hours_are_counted_in_local_time() {
        let c = calendar();
        // 12:00 Moscow is 16:00 in Barnaul: 2 h that day, then 6 h on Tuesday (09–13, 14–16).
        let due = c.add_working_hours(at("2026-03-16T12:00:00+03:00"), 8, BARNAUL);
        assert_eq!(due, at("2026-03-17T16:00:00+07:00"));
        assert_eq!(due.offset().local_minus_utc(), 7 * 3600);
    }

    #[test]
    fn overlapping_and_empty_office_hours_are_cleaned_up() {
        let hours =
            [(time(14, 0), time(18, 0)), (time(9, 0), time(14, 30)), (time(8, 0), time(8, 0))];
        assert_eq!(normalise_hours(&hours), [(time(9, 0), time(18, 0))]);
        assert_eq!(normalise_hours(&[]), CalendarSettings::default().office_hours);
    }
}
