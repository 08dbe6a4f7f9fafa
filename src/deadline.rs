//! Deadlines: when each item must be answered, by which rule, and where it stands today.
//!
//! The counting follows DOMAIN.md's conventions exactly. Appeals and messages count from
//! the local day of registration (else of receipt); incidents count from the received
//! instant in working hours (or round the clock when urgent) and, once the interim reply is
//! out, in working days from its date. A calendar-day term ending on a day off moves by the
//! configured rule; working-day and working-hour terms end on working time by construction.
//! A valid extension replaces an appeal's last day, a reopening starts a new full term, and
//! a manual `due` wins over everything and is never moved.
//!
//! Besides the due date, a [`Deadline`] keeps what the item page needs to explain it: the
//! rule in words, the days off the term skipped, the day the end moved from, and an
//! appeal's registration, forwarding and extension limits. Problems (an extension that is
//! too long, a late registration, an overdue item, a year without a production calendar)
//! come back as diagnostics at the field they concern.

use crate::appeal::{Appeal, Kind};
use crate::calendar::{self, WorkingCalendar};
use crate::config::{DayOffRule, DeadlineRules, Term, Unit};
use crate::dates::Moment;
use crate::diagnostic::Diagnostic;
use crate::fields::{Choice, choice};
use crate::messages::{self, Message};
use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, NaiveTime, TimeDelta};
use chrono_tz::Tz;
use rayon::prelude::*;
use serde::{Serialize, Serializer};
use std::collections::BTreeSet;

choice!(
    /// Where an item stands against its deadline on a given day (DOMAIN.md, convention 9).
    DeadlineState {
        /// Open, and the due date is further than the due-soon horizon.
        OnTrack = "on_track",
        /// Open, due today or within the due-soon horizon.
        DueSoon = "due_soon",
        /// Open, and the due date has passed.
        Overdue = "overdue",
        /// Answered on or before the due date.
        AnsweredOnTime = "answered_on_time",
        /// Answered after the due date.
        AnsweredLate = "answered_late",
        /// Forwarded to the competent body or left unanswered (art. 11).
        ClosedWithoutAnswer = "closed_without_answer",
        /// Answered, but the answer's date is missing, so nothing can be said.
        Unknown = "unknown",
    }
);

impl DeadlineState {
    /// The state in words, in every language.
    pub fn label(self) -> Message {
        messages::deadline_state(self)
    }
}

/// When an answer is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Any time on this local day: terms counted in days.
    Day(NaiveDate),
    /// By this instant, with the municipality's offset: terms counted in hours.
    At(DateTime<FixedOffset>),
}

impl Due {
    /// The local day it falls on.
    pub fn day(&self) -> NaiveDate {
        match self {
            Due::Day(d) => *d,
            Due::At(t) => t.date_naive(),
        }
    }

    /// `YYYY-MM-DD`, or an RFC 3339 date-time with the local offset for hour-based terms
    /// (the form of `check --format json`).
    pub fn iso(&self) -> String {
        match self {
            Due::Day(d) => iso_day(*d),
            Due::At(t) => t.to_rfc3339(),
        }
    }

    /// The form used inside sentences: `2026-04-02`, or `2026-04-02 17:30`.
    pub fn text(&self) -> String {
        match self {
            Due::Day(d) => iso_day(*d),
            Due::At(t) => t.format("%Y-%m-%d %H:%M").to_string(),
        }
    }
}

impl Serialize for Due {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

/// An item's deadline and everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deadline {
    /// Where the current term starts: a local day, or the received instant for an
    /// incident's first response.
    #[serde(serialize_with = "serialize_moment")]
    pub start: Moment,
    /// The last day (or instant) of the term that applies now.
    pub due: Due,
    /// The rule in words, in every language; the caller picks one with `rule.get(lang)`.
    #[serde(skip)]
    pub rule: Message,
    /// The last day before any move off a day off (for an extension, its `until`).
    #[serde(serialize_with = "serialize_day")]
    pub unshifted_due: NaiveDate,
    /// The day the end fell on before it moved to a working day, if it moved.
    #[serde(serialize_with = "serialize_opt_day")]
    pub moved_from: Option<NaiveDate>,
    /// The days off in `(start, due]`: what the term skipped over.
    #[serde(serialize_with = "serialize_days")]
    pub skipped_days_off: Vec<NaiveDate>,
    /// Appeals: the latest day an extension may name (the unshifted end of the term plus
    /// `extension_max`).
    #[serde(serialize_with = "serialize_opt_day")]
    pub extension_limit: Option<NaiveDate>,
    /// Appeals: the last day to register (receipt + 3 calendar days, moved off days off).
    #[serde(serialize_with = "serialize_opt_day")]
    pub registration_limit: Option<NaiveDate>,
    /// Appeals: the last day to forward to the competent body (registration + 7 calendar
    /// days, moved off days off). There is no field recording when an item was forwarded,
    /// so the limit is shown but not checked.
    #[serde(serialize_with = "serialize_opt_day")]
    pub forwarding_limit: Option<NaiveDate>,
    /// Incidents: when the first response is (or was) due in the current round.
    pub first_response_due: Option<Due>,
    /// The last reopening, from which the current term counts.
    #[serde(serialize_with = "serialize_opt_day")]
    pub reopened_on: Option<NaiveDate>,
    /// Where the item stands on the day of the computation.
    pub state: DeadlineState,
    /// Whether a year consulted has no embedded production calendar.
    pub provisional: bool,
    /// Whether a valid extension applies (a manual `due` still wins over it).
    pub extended: bool,
    /// Whether the due date was typed by hand in `due`.
    pub manual: bool,
}

/// Computes an item's deadline and its state on `today` (a local date).
///
/// Returns the diagnostics found on the way: errors for an extension on something other
/// than an appeal or beyond the limit (it is then ignored), warnings for an extension on a
/// day off, a late registration, an overdue open item, an hour-based term counted from a
/// receipt without a time, and each year consulted that has no production calendar.
pub fn compute(
    appeal: &Appeal,
    rules: &DeadlineRules,
    calendar: &WorkingCalendar,
    today: NaiveDate,
) -> (Deadline, Vec<Diagnostic>) {
    let mut ctx = Ctx::new(appeal, rules, calendar);
    let round = ctx.round();
    ctx.warn_if_hours_from_a_bare_date(&round);
    let computed = ctx.end_of(round.start, round.term, true);
    let first_response_due = ctx.first_response_due(&round, computed.due);

    let extension_limit =
        (appeal.kind == Kind::Appeal).then(|| ctx.extension_limit(computed.unshifted));
    let extension = ctx.extension(extension_limit, round.reopened_on);
    let (end, rule) = match (appeal.due, &extension) {
        (Some(day), _) => (End { due: Due::Day(day), unshifted: day }, messages::rule_manual()),
        (None, Some((end, until))) => (*end, messages::rule_extended(&iso_day(*until))),
        (None, None) => (computed, round.rule),
    };
    if appeal.due.is_some() {
        // A manual due owes nothing to the calendar; only the limits below can make the
        // result provisional.
        ctx.consulted.clear();
    }
    let (registration_limit, forwarding_limit) = ctx.limits();
    let provisional = ctx.warn_for_provisional_years(round.field);
    let state = ctx.state_on(end.due, today);

    let deadline = Deadline {
        start: round.start,
        due: end.due,
        rule,
        unshifted_due: end.unshifted,
        moved_from: (end.unshifted != end.due.day()).then_some(end.unshifted),
        skipped_days_off: calendar.days_off_between(round.start.day(), end.due.day()),
        extension_limit,
        registration_limit,
        forwarding_limit,
        first_response_due,
        reopened_on: round.reopened_on,
        state,
        provisional,
        extended: extension.is_some(),
        manual: appeal.due.is_some(),
    };
    (deadline, ctx.diagnostics)
}

/// [`compute`] for every item, in parallel, in the order of `appeals`.
pub fn compute_all(
    appeals: &[Appeal],
    rules: &DeadlineRules,
    calendar: &WorkingCalendar,
    today: NaiveDate,
) -> Vec<(Deadline, Vec<Diagnostic>)> {
    appeals.par_iter().map(|a| compute(a, rules, calendar, today)).collect()
}

/// The term that applies now and where it starts.
struct Round {
    /// Local day, or the received instant converted into the zone.
    start: Moment,
    /// The field the start comes from, where diagnostics about the count point.
    field: &'static str,
    term: Term,
    rule: Message,
    reopened_on: Option<NaiveDate>,
}

/// The end of a term: where it lands and where it would land without a move.
#[derive(Debug, Clone, Copy)]
struct End {
    due: Due,
    unshifted: NaiveDate,
}

/// One computation's inputs, findings, and the days it asked the calendar about.
struct Ctx<'a> {
    appeal: &'a Appeal,
    rules: &'a DeadlineRules,
    calendar: &'a WorkingCalendar,
    zone: Tz,
    diagnostics: Vec<Diagnostic>,
    /// Inclusive ranges of days whose working status decided a result.
    consulted: Vec<(NaiveDate, NaiveDate)>,
}

impl<'a> Ctx<'a> {
    fn new(appeal: &'a Appeal, rules: &'a DeadlineRules, calendar: &'a WorkingCalendar) -> Self {
        Ctx {
            appeal,
            rules,
            calendar,
            zone: calendar.zone(),
            diagnostics: Vec::new(),
            consulted: Vec::new(),
        }
    }

    fn warn(&mut self, code: &'static str, field: &str, message: Message) {
        let at = Some(self.appeal.place(field));
        self.diagnostics.push(Diagnostic::warning(code, &self.appeal.file, at, message));
    }

    fn error(&mut self, code: &'static str, field: &str, message: Message) {
        let at = Some(self.appeal.place(field));
        self.diagnostics.push(Diagnostic::error(code, &self.appeal.file, at, message));
    }

    /// The end of `term` from `start`, moved off a day off when `shift` is set.
    fn end_of(&mut self, start: Moment, term: Term, shift: bool) -> End {
        let rule = shift.then_some(self.rules.end_on_day_off);
        let (end, consulted) = term_end(self.calendar, start, term, rule);
        self.consulted.extend(consulted);
        end
    }

    /// The latest day an extension may name: `extension_max` after the unshifted end of
    /// the original term, itself not moved (DOMAIN.md, convention 7).
    fn extension_limit(&mut self, unshifted: NaiveDate) -> NaiveDate {
        self.end_of(Moment::Day(unshifted), self.rules.extension_max, false).due.day()
    }

    /// The current term: a new full term from the last reopening, else the kind's first.
    fn round(&self) -> Round {
        let a = self.appeal;
        let reopened_on = a.reopened.iter().map(|l| l.date).max();
        if a.kind == Kind::Incident {
            let interim = a.first_response.map(|m| local_day(m, self.zone));
            // An interim reply older than the last reopening belongs to the previous round.
            if let Some(day) = interim.filter(|d| reopened_on.is_none_or(|r| *d >= r)) {
                let term = self.rules.incident_answer;
                let rule = messages::rule_incident_answer(term);
                return Round {
                    start: Moment::Day(day),
                    field: "first_response",
                    term,
                    rule,
                    reopened_on,
                };
            }
        }
        let term = self.first_term();
        match reopened_on {
            Some(day) => {
                let rule = messages::rule_reopened(term, &iso_day(day));
                Round { start: Moment::Day(day), field: "reopened", term, rule, reopened_on }
            }
            None => self.first_round(term),
        }
    }

    /// The term an item gets first: the answer term, or an incident's first response.
    fn first_term(&self) -> Term {
        match self.appeal.kind {
            Kind::Appeal => self.rules.appeal_answer,
            Kind::Message => self.rules.message_answer,
            Kind::Incident if self.appeal.urgent => self.rules.incident_urgent_first_response,
            Kind::Incident => self.rules.incident_first_response,
        }
    }

    /// The first round, counted from registration (else receipt), or from the received
    /// instant for an incident.
    fn first_round(&self, term: Term) -> Round {
        let a = self.appeal;
        let (start, field, rule) = match a.kind {
            Kind::Appeal | Kind::Message => {
                let (moment, field) = match a.registered {
                    Some(r) => (r, "registered"),
                    None => (a.received, "received"),
                };
                let rule = if a.kind == Kind::Appeal {
                    messages::rule_appeal(term)
                } else {
                    messages::rule_message(term)
                };
                (Moment::Day(local_day(moment, self.zone)), field, rule)
            }
            Kind::Incident => {
                let rule = messages::rule_incident_first_response(term, a.urgent);
                (in_zone(a.received, self.zone), "received", rule)
            }
        };
        Round { start, field, term, rule, reopened_on: None }
    }

    /// Incidents: the first-response due of the current round, which is the computed due
    /// itself unless the interim reply is already out.
    fn first_response_due(&mut self, round: &Round, computed: Due) -> Option<Due> {
        if self.appeal.kind != Kind::Incident {
            return None;
        }
        if round.field != "first_response" {
            return Some(computed);
        }
        let first = match round.reopened_on {
            Some(day) => Moment::Day(day),
            None => in_zone(self.appeal.received, self.zone),
        };
        Some(self.end_of(first, self.first_term(), true).due)
    }

    /// An hour-based term needs a time of day; without one it counts from midnight.
    fn warn_if_hours_from_a_bare_date(&mut self, round: &Round) {
        let hourly = matches!(round.term.unit, Unit::Hours | Unit::WorkingHours);
        if hourly && round.field == "received" && round.start.instant().is_none() {
            self.warn("received-without-time", "received", messages::received_without_time());
        }
    }

    /// A valid extension's end and its `until`. Reports an extension of anything but an
    /// appeal and one beyond `limit`, and ignores both; ignores silently an extension
    /// that ends before the last reopening, since it belonged to the previous round.
    fn extension(
        &mut self,
        limit: Option<NaiveDate>,
        reopened_on: Option<NaiveDate>,
    ) -> Option<(End, NaiveDate)> {
        let until = self.appeal.extension.as_ref()?.until;
        if self.appeal.kind != Kind::Appeal {
            let message = messages::extension_not_for_kind(self.appeal.kind.name());
            self.error("extension-not-for-kind", "extension", message);
            return None;
        }
        // Every appeal has a limit; `None` only comes with the other kinds, handled above.
        let limit = limit?;
        if reopened_on.is_some_and(|r| until <= r) {
            return None;
        }
        if until > limit {
            let message = messages::extension_too_long(&iso_day(until), &iso_day(limit));
            self.error("extension-too-long", "extension", message);
            return None;
        }
        let moved = self.calendar.shift(until, self.rules.end_on_day_off);
        self.consulted.push((until.min(moved), until.max(moved)));
        if moved != until {
            let message = messages::extension_on_day_off(&iso_day(until), &iso_day(moved));
            self.warn("extension-on-day-off", "extension", message);
        }
        Some((End { due: Due::Day(moved), unshifted: until }, until))
    }

    /// An appeal's registration and forwarding limits (DOMAIN.md, convention 8), with a
    /// warning when it was registered after its limit.
    fn limits(&mut self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let a = self.appeal;
        if a.kind != Kind::Appeal {
            return (None, None);
        }
        let received = local_day(a.received, self.zone);
        let registered = a.registered.map_or(received, |r| local_day(r, self.zone));
        let register_by = self.end_of(Moment::Day(received), self.rules.appeal_register, true);
        let forward_by = self.end_of(Moment::Day(registered), self.rules.appeal_forward, true);
        let register_by = register_by.due.day();
        if a.registered.is_some() && registered > register_by {
            self.warn(
                "registered-late",
                "registered",
                messages::registered_late(&iso_day(register_by)),
            );
        }
        (Some(register_by), Some(forward_by.due.day()))
    }

    /// Warns once for each consulted year without a production calendar; tells whether
    /// there was one.
    fn warn_for_provisional_years(&mut self, field: &str) -> bool {
        let years: BTreeSet<i32> = self
            .consulted
            .iter()
            .flat_map(|(first, last)| first.year()..=last.year())
            .filter(|y| self.calendar.is_provisional(*y))
            .collect();
        for &year in &years {
            self.warn("provisional-calendar", field, messages::provisional_calendar(year));
        }
        !years.is_empty()
    }

    /// The state on `today`, with a warning when an open item is overdue.
    fn state_on(&mut self, due: Due, today: NaiveDate) -> DeadlineState {
        let soon = term_end(self.calendar, Moment::Day(today), self.rules.due_soon, None);
        let state = state(self.appeal, due, soon.0.due.day(), today, self.zone);
        if state == DeadlineState::Overdue {
            self.warn("overdue", "status", messages::overdue(&due.text()));
        }
        state
    }
}

/// The end of `term` counted from `start`, and the inclusive range of days whose working
/// status decided it (none for round-the-clock hours).
///
/// Calendar days end on start + N (moved by `shift` if given); working days on the N-th
/// working day after the start day; working hours within office hours from the start
/// instant (a bare date counts from its midnight); hours round the clock.
fn term_end(
    calendar: &WorkingCalendar,
    start: Moment,
    term: Term,
    shift: Option<DayOffRule>,
) -> (End, Option<(NaiveDate, NaiveDate)>) {
    let zone = calendar.zone();
    let day = local_day(start, zone);
    match term.unit {
        Unit::CalendarDays => {
            let raw = day.checked_add_days(Days::new(term.amount.into())).unwrap_or(day);
            let moved = shift.map_or(raw, |rule| calendar.shift(raw, rule));
            let consulted = shift.map(|_| (raw.min(moved), raw.max(moved)));
            (End { due: Due::Day(moved), unshifted: raw }, consulted)
        }
        Unit::WorkingDays => {
            let due = calendar.add_working_days(day, term.amount);
            let first = day.succ_opt().unwrap_or(day).min(due);
            (End { due: Due::Day(due), unshifted: due }, Some((first, due)))
        }
        Unit::WorkingHours => {
            let due = calendar.add_working_hours(instant(start, zone), term.amount, zone);
            let end = End { due: Due::At(due), unshifted: due.date_naive() };
            (end, Some((day, due.date_naive())))
        }
        Unit::Hours => {
            let from = instant(start, zone);
            let due = from.checked_add_signed(TimeDelta::hours(term.amount.into())).unwrap_or(from);
            let due = due.with_timezone(&zone).fixed_offset();
            (End { due: Due::At(due), unshifted: due.date_naive() }, None)
        }
    }
}

/// The state on `today` (DOMAIN.md, convention 9). `horizon` is the last day that still
/// counts as due soon.
fn state(
    appeal: &Appeal,
    due: Due,
    horizon: NaiveDate,
    today: NaiveDate,
    zone: Tz,
) -> DeadlineState {
    let status = appeal.status;
    if status.is_closed_without_answer() {
        return DeadlineState::ClosedWithoutAnswer;
    }
    if status.is_answered() {
        return match appeal.answered {
            None => DeadlineState::Unknown,
            Some(answer) if answered_in_time(answer, due, zone) => DeadlineState::AnsweredOnTime,
            Some(_) => DeadlineState::AnsweredLate,
        };
    }
    let day = due.day();
    if today > day {
        DeadlineState::Overdue
    } else if day <= horizon {
        DeadlineState::DueSoon
    } else {
        DeadlineState::OnTrack
    }
}

/// Instants are compared when both the due and the answer have one; otherwise local days.
fn answered_in_time(answer: Moment, due: Due, zone: Tz) -> bool {
    match (due, answer) {
        (Due::At(by), Moment::At(at)) => at <= by,
        _ => local_day(answer, zone) <= due.day(),
    }
}

/// The local day of a moment in `zone`.
fn local_day(m: Moment, zone: Tz) -> NaiveDate {
    match m {
        Moment::Day(d) => d,
        Moment::At(t) => t.with_timezone(&zone).date_naive(),
    }
}

/// The moment with its instant expressed in `zone`, so that its day is the local day.
fn in_zone(m: Moment, zone: Tz) -> Moment {
    match m {
        Moment::Day(d) => Moment::Day(d),
        Moment::At(t) => Moment::At(t.with_timezone(&zone).fixed_offset()),
    }
}

/// The instant of a moment; a bare date stands for its local midnight.
fn instant(m: Moment, zone: Tz) -> DateTime<FixedOffset> {
    match m {
        Moment::Day(d) => calendar::local_instant(d.and_time(NaiveTime::MIN), zone),
        Moment::At(t) => t.with_timezone(&zone).fixed_offset(),
    }
}

fn iso_day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn serialize_moment<S: Serializer>(m: &Moment, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&m.iso())
}

fn serialize_day<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&iso_day(*d))
}

fn serialize_opt_day<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => serialize_day(d, s),
        None => s.serialize_none(),
    }
}

fn serialize_days<S: Serializer>(days: &[NaiveDate], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(days.iter().map(|d| iso_day(*d)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::appeal::{Extension, Loop, Status};
    use crate::config::CalendarSettings;
    use crate::dates;
    use crate::diagnostic::Severity;
    use crate::front_matter::Pos;
    use crate::messages::Lang;
    use std::collections::BTreeMap;

    const ZONE: Tz = chrono_tz::Asia::Barnaul;

    /// Lines at which the test items "wrote" their fields, to check where diagnostics point.
    const LINES: [(&str, u32); 7] = [
        ("received", 5),
        ("registered", 6),
        ("status", 7),
        ("extension", 8),
        ("due", 9),
        ("reopened", 10),
        ("first_response", 11),
    ];

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn moment(text: &str) -> Moment {
        dates::parse_moment(text, ZONE).unwrap().0
    }

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn item(kind: Kind, received: &str) -> Appeal {
        let places: BTreeMap<&'static str, Pos> =
            LINES.iter().map(|&(f, line)| (f, Pos { line, column: 1 })).collect();
        Appeal {
            kind,
            status: Status::InProgress,
            topic: "0003.0009".into(),
            places,
            ..Appeal::fixture("2026-0001", moment(received))
        }
    }

    fn appeal_registered(date: &str) -> Appeal {
        let mut a = item(Kind::Appeal, date);
        a.registered = Some(moment(date));
        a
    }

    fn extended(mut a: Appeal, until: NaiveDate) -> Appeal {
        a.extension = Some(Extension { until, reason: "запрос в Минтранс".into() });
        a
    }

    fn run_with(
        a: &Appeal,
        rules: &DeadlineRules,
        today: NaiveDate,
    ) -> (Deadline, Vec<Diagnostic>) {
        let calendar = WorkingCalendar::new(&CalendarSettings::default());
        compute(a, rules, &calendar, today)
    }

    /// Computes with the default rules on a "today" early enough for nothing to be late.
    fn run(a: &Appeal) -> (Deadline, Vec<Diagnostic>) {
        run_with(a, &DeadlineRules::default(), day(2025, 1, 1))
    }

    fn codes(d: &[Diagnostic]) -> Vec<(&'static str, u32)> {
        d.iter().map(|d| (d.code, d.at.map_or(0, |p| p.line))).collect()
    }

    #[test]
    fn an_appeal_is_due_30_calendar_days_after_registration() {
        let (d, diags) = run(&appeal_registered("2026-03-03"));
        assert!(diags.is_empty(), "{diags:?}");
        // 03.03 + 30 = Thu 02.04.2026, a working day: nothing moves.
        assert_eq!(d.due, Due::Day(day(2026, 4, 2)));
        assert_eq!(d.start, Moment::Day(day(2026, 3, 3)));
        assert_eq!(d.unshifted_due, day(2026, 4, 2));
        assert_eq!(d.moved_from, None);
        assert_eq!(d.rule.get(Lang::Ru), "59-ФЗ ст. 12: 30 календарных дней со дня регистрации");
        assert_eq!(d.rule.get(Lang::En), "59-FZ art. 12: 30 calendar days from registration");
        assert!(!d.provisional && !d.extended && !d.manual);
    }

    #[test]
    fn skipped_days_off_are_those_after_the_start_up_to_the_due() {
        let (d, _) = run(&appeal_registered("2026-03-03"));
        // Weekends of March 2026 plus Monday 9 March (8 March fell on a Sunday).
        let expected: Vec<NaiveDate> =
            [7, 8, 9, 14, 15, 21, 22, 28, 29].iter().map(|&n| day(2026, 3, n)).collect();
        assert_eq!(d.skipped_days_off, expected);
    }

    #[test]
    fn an_end_in_the_january_holidays_moves_to_12_january() {
        // 05.12.2025 + 30 = Sun 04.01.2026; 1–11 January are off, so Mon 12.01.2026.
        let (d, diags) = run(&appeal_registered("2025-12-05"));
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.due, Due::Day(day(2026, 1, 12)));
        assert_eq!(d.unshifted_due, day(2026, 1, 4));
        assert_eq!(d.moved_from, Some(day(2026, 1, 4)));
        assert!(d.skipped_days_off.contains(&day(2025, 12, 31)));
        assert_eq!(d.skipped_days_off.last(), Some(&day(2026, 1, 11)));
    }

    #[test]
    fn the_previous_rule_moves_the_end_back() {
        // Sun 04.01.2026 back over 1–3 January and the day off of 31.12.2025: Tue 30.12.2025.
        let rules = DeadlineRules { end_on_day_off: DayOffRule::Previous, ..Default::default() };
        let (d, _) = run_with(&appeal_registered("2025-12-05"), &rules, day(2025, 12, 6));
        assert_eq!(d.due, Due::Day(day(2025, 12, 30)));
        assert_eq!(d.moved_from, Some(day(2026, 1, 4)));
    }

    #[test]
    fn without_registration_the_clock_starts_on_the_day_received_even_a_saturday() {
        // Received Sat 07.03.2026: 07.03 + 30 = Mon 06.04.2026.
        let (d, _) = run(&item(Kind::Appeal, "2026-03-07"));
        assert_eq!(d.start, Moment::Day(day(2026, 3, 7)));
        assert_eq!(d.due, Due::Day(day(2026, 4, 6)));
    }

    #[test]
    fn a_moscow_late_evening_receipt_counts_from_the_next_local_day() {
        // 22:30 MSK on Mon 09.03.2026 is 02:30 on Tue 10.03 in Barnaul: 10.03 + 30 = Thu
        // 09.04.2026 (counting from the 9th would give the 8th). The instant is stored with
        // its Moscow offset on purpose: the computation must convert it itself.
        let mut a = item(Kind::Appeal, "2026-03-09");
        a.received = Moment::At(at("2026-03-09T22:30:00+03:00"));
        let (d, _) = run(&a);
        assert_eq!(d.start, Moment::Day(day(2026, 3, 10)));
        assert_eq!(d.due, Due::Day(day(2026, 4, 9)));
    }

    #[test]
    fn a_message_gets_10_working_days_across_the_may_holidays() {
        // From Tue 28.04.2026: 29, 30 Apr; 4–8 May; 12, 13, 14 May (1–3 and 9–11 May off).
        let (d, diags) = run(&item(Kind::Message, "2026-04-28"));
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.due, Due::Day(day(2026, 5, 14)));
        assert_eq!(d.moved_from, None);
        assert_eq!(d.rule.get(Lang::Ru), "ПОС: 10 рабочих дней со дня регистрации");
        assert_eq!(d.registration_limit, None);
    }

    #[test]
    fn a_message_registered_on_a_sunday_counts_from_the_next_working_day() {
        // From Sun 10.05.2026: Mon 11 off; 12–15 (4), 18–22 (9), Mon 25.05 (10).
        let mut a = item(Kind::Message, "2026-05-08");
        a.registered = Some(moment("2026-05-10"));
        let (d, _) = run(&a);
        assert_eq!(d.due, Due::Day(day(2026, 5, 25)));
    }

    #[test]
    fn an_incident_on_friday_evening_is_due_monday_at_the_same_time() {
        // Fri 13.03.2026 17:30–18:00 (0.5 h); Mon 16.03 09–13 (4.5 h), lunch skipped,
        // 14:00–17:30 (8 h).
        let (d, diags) = run(&item(Kind::Incident, "2026-03-13T17:30:00+07:00"));
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.due, Due::At(at("2026-03-16T17:30:00+07:00")));
        assert_eq!(d.due.iso(), "2026-03-16T17:30:00+07:00");
        assert_eq!(d.first_response_due, Some(d.due));
        assert_eq!(d.skipped_days_off, [day(2026, 3, 14), day(2026, 3, 15)]);
        assert_eq!(
            d.rule.get(Lang::En),
            "Incident management: first response within 8 working hours of receipt"
        );
    }

    #[test]
    fn an_incident_on_a_shortened_day_loses_the_last_hour() {
        // Thu 30.04.2026 closes at 17:00: 15–17 (2 h); 1–3 May off; Mon 04.05 09–13 (6 h),
        // 14–16 (8 h).
        let (d, _) = run(&item(Kind::Incident, "2026-04-30T15:00:00+07:00"));
        assert_eq!(d.due, Due::At(at("2026-05-04T16:00:00+07:00")));
    }

    #[test]
    fn an_incident_on_the_working_saturday_of_november_2025() {
        // Sat 01.11.2025 works, shortened to 17:00: 10–13 (3 h), 14–17 (6 h); 2–4 Nov off;
        // Wed 05.11 09–11 (8 h).
        let (d, _) = run(&item(Kind::Incident, "2025-11-01T10:00:00+07:00"));
        assert_eq!(d.due, Due::At(at("2025-11-05T11:00:00+07:00")));
    }

    #[test]
    fn an_urgent_incident_counts_4_hours_round_the_clock_past_midnight() {
        let mut a = item(Kind::Incident, "2026-03-16T22:00:00+07:00");
        a.urgent = true;
        let (d, _) = run(&a);
        assert_eq!(d.due, Due::At(at("2026-03-17T02:00:00+07:00")));
        assert_eq!(d.due.day(), day(2026, 3, 17));
        assert!(d.rule.get(Lang::En).contains("urgent incident: first response within 4 hours"));
    }

    #[test]
    fn after_the_interim_reply_an_incident_has_7_working_days() {
        // Received Fri 13.03.2026 11:00: first response due Mon 16.03 11:00 (11–13, 14–18,
        // 09–11). Interim reply that evening; 7 working days after 13.03: 16–20, 23, 24.
        let mut a = item(Kind::Incident, "2026-03-13T11:00:00+07:00");
        a.first_response = Some(moment("2026-03-13T18:30:00+07:00"));
        let (d, _) = run(&a);
        assert_eq!(d.due, Due::Day(day(2026, 3, 24)));
        assert_eq!(d.due.iso(), "2026-03-24");
        assert_eq!(d.start, Moment::Day(day(2026, 3, 13)));
        assert_eq!(d.first_response_due, Some(Due::At(at("2026-03-16T11:00:00+07:00"))));
    }

    #[test]
    fn an_incident_received_without_a_time_counts_from_midnight_with_a_warning() {
        // Tue 17.03.2026 from 00:00: the whole office day, 09:00–18:00 less lunch.
        let (d, diags) = run(&item(Kind::Incident, "2026-03-17"));
        assert_eq!(d.due, Due::At(at("2026-03-17T18:00:00+07:00")));
        assert_eq!(codes(&diags), [("received-without-time", 5)]);
    }

    #[test]
    fn an_incident_answered_by_the_hour_compares_instants_else_days() {
        let mut a = item(Kind::Incident, "2026-03-13T17:30:00+07:00");
        a.status = Status::Answered;
        a.answered = Some(moment("2026-03-16T17:45:00+07:00"));
        assert_eq!(run(&a).0.state, DeadlineState::AnsweredLate);
        a.answered = Some(moment("2026-03-16T17:30:00+07:00"));
        assert_eq!(run(&a).0.state, DeadlineState::AnsweredOnTime);
        a.answered = Some(moment("2026-03-16"));
        assert_eq!(run(&a).0.state, DeadlineState::AnsweredOnTime);
    }

    #[test]
    fn a_manual_due_wins_and_is_not_moved_off_a_sunday() {
        let mut a = appeal_registered("2026-03-03");
        a.due = Some(day(2026, 4, 5));
        let (d, diags) = run(&a);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.due, Due::Day(day(2026, 4, 5)));
        assert_eq!(d.moved_from, None);
        assert!(d.manual);
        assert_eq!(d.rule.get(Lang::En), "deadline set by hand (field due)");
    }

    #[test]
    fn a_manual_due_in_a_year_without_calendar_is_not_provisional() {
        let mut a = item(Kind::Message, "2028-01-20");
        a.due = Some(day(2028, 2, 1));
        let (d, diags) = run(&a);
        assert!(!d.provisional);
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn a_valid_extension_becomes_the_new_last_day() {
        let a = extended(appeal_registered("2026-03-03"), day(2026, 4, 30));
        let (d, diags) = run(&a);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.due, Due::Day(day(2026, 4, 30)));
        assert!(d.extended);
        assert_eq!(d.extension_limit, Some(day(2026, 5, 2)));
        assert_eq!(d.rule.get(Lang::Ru), "59-ФЗ ст. 12 ч. 2: срок продлён до 2026-04-30");
    }

    #[test]
    fn an_extension_on_a_day_off_moves_with_a_warning() {
        // Until Sat 02.05.2026, within the limit (02.04 + 30 = 02.05): moves to Mon 04.05.
        let a = extended(appeal_registered("2026-03-03"), day(2026, 5, 2));
        let (d, diags) = run(&a);
        assert_eq!(d.due, Due::Day(day(2026, 5, 4)));
        assert_eq!(d.unshifted_due, day(2026, 5, 2));
        assert_eq!(d.moved_from, Some(day(2026, 5, 2)));
        assert_eq!(codes(&diags), [("extension-on-day-off", 8)]);
        assert_eq!(diags[0].severity, Severity::Warning);
    }

    #[test]
    fn an_extension_beyond_30_days_is_an_error_and_is_ignored() {
        let a = extended(appeal_registered("2026-03-03"), day(2026, 5, 4));
        let (d, diags) = run(&a);
        assert_eq!(codes(&diags), [("extension-too-long", 8)]);
        assert_eq!(diags[0].severity, Severity::Error);
        assert!(diags[0].message.get(Lang::En).contains("at most 2026-05-02"));
        assert_eq!(d.due, Due::Day(day(2026, 4, 2)));
        assert!(!d.extended);
    }

    #[test]
    fn the_extension_limit_counts_from_the_unshifted_end() {
        // Registered 05.12.2025: unshifted end Sun 04.01.2026, limit 03.02.2026, although the
        // moved end (12.01) plus 30 would allow 11.02.
        let a = extended(appeal_registered("2025-12-05"), day(2026, 2, 5));
        let (d, diags) = run(&a);
        assert_eq!(d.extension_limit, Some(day(2026, 2, 3)));
        assert_eq!(codes(&diags), [("extension-too-long", 8)]);
        assert_eq!(d.due, Due::Day(day(2026, 1, 12)));
    }

    #[test]
    fn only_appeals_may_be_extended() {
        let a = extended(item(Kind::Message, "2026-04-28"), day(2026, 5, 20));
        let (d, diags) = run(&a);
        assert_eq!(codes(&diags), [("extension-not-for-kind", 8)]);
        assert_eq!(d.due, Due::Day(day(2026, 5, 14)));
        assert_eq!(d.extension_limit, None);
    }

    #[test]
    fn a_reopened_appeal_gets_a_full_term_from_the_last_reopening() {
        // Last reopening Fri 10.04.2026 + 30 = Sun 10.05; Mon 11.05 is off: Tue 12.05.2026.
        let mut a = appeal_registered("2026-03-03");
        a.reopened = vec![
            Loop {
                date: day(2026, 4, 10), reason: "не согласен повторно".into()
            },
            Loop { date: day(2026, 3, 20), reason: "не согласен".into() },
        ];
        let (d, _) = run(&a);
        assert_eq!(d.start, Moment::Day(day(2026, 4, 10)));
        assert_eq!(d.due, Due::Day(day(2026, 5, 12)));
        assert_eq!(d.reopened_on, Some(day(2026, 4, 10)));
        assert_eq!(d.rule.get(Lang::En), "reconsideration: 30 calendar days from 2026-04-10");
    }

    #[test]
    fn an_extension_applies_to_the_round_it_was_granted_in() {
        // Reopened 10.04.2026: unshifted end 10.05, limit 09.06. An extension until 05.04
        // ended before the reopening and no longer counts; one until Mon 01.06 does.
        let mut a = extended(appeal_registered("2026-03-03"), day(2026, 4, 5));
        a.reopened = vec![Loop { date: day(2026, 4, 10), reason: String::new() }];
        let (d, diags) = run(&a);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.due, Due::Day(day(2026, 5, 12)));
        assert_eq!(d.extension_limit, Some(day(2026, 6, 9)));
        let (d, _) = run(&extended(a, day(2026, 6, 1)));
        assert_eq!(d.due, Due::Day(day(2026, 6, 1)));
        assert!(d.extended);
    }

    #[test]
    fn a_reopened_incident_needs_a_new_first_response() {
        // The interim reply of 13.03 belongs to the first round; reopened Fri 20.03.2026,
        // counted from its midnight: 09–13, 14–18.
        let mut a = item(Kind::Incident, "2026-03-13T11:00:00+07:00");
        a.first_response = Some(moment("2026-03-13T18:30:00+07:00"));
        a.reopened = vec![Loop { date: day(2026, 3, 20), reason: String::new() }];
        let (d, diags) = run(&a);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.due, Due::At(at("2026-03-20T18:00:00+07:00")));
    }

    #[test]
    fn a_returned_answer_keeps_the_deadline() {
        let mut a = appeal_registered("2026-03-03");
        a.returned =
            vec![Loop { date: day(2026, 3, 18), reason: "ответ формальный".into() }];
        assert_eq!(run(&a).0.due, Due::Day(day(2026, 4, 2)));
    }

    #[test]
    fn an_item_due_today_is_due_soon_and_the_next_day_overdue() {
        let a = appeal_registered("2026-03-03");
        let rules = DeadlineRules::default();
        let (d, diags) = run_with(&a, &rules, day(2026, 4, 2));
        assert_eq!(d.state, DeadlineState::DueSoon);
        assert!(diags.is_empty());
        let (d, diags) = run_with(&a, &rules, day(2026, 4, 3));
        assert_eq!(d.state, DeadlineState::Overdue);
        assert_eq!(codes(&diags), [("overdue", 7)]);
        assert_eq!(
            diags[0].message.get(Lang::En),
            "the answer was due on 2026-04-02 and is missing"
        );
    }

    #[test]
    fn due_soon_reaches_the_third_working_day_ahead() {
        // Due Thu 02.04.2026. From Mon 30.03 the 3rd working day is 02.04: due soon. From
        // Fri 27.03 it is Wed 01.04 (30, 31, 1): on track.
        let a = appeal_registered("2026-03-03");
        let rules = DeadlineRules::default();
        assert_eq!(run_with(&a, &rules, day(2026, 3, 30)).0.state, DeadlineState::DueSoon);
        assert_eq!(run_with(&a, &rules, day(2026, 3, 27)).0.state, DeadlineState::OnTrack);
    }

    #[test]
    fn due_soon_counts_working_days_over_a_holiday() {
        // 10.02.2026 + 30 = Thu 12.03.2026. From Fri 06.03 the working days are 10, 11, 12
        // (Mon 9 March is off), so the 3rd is the due date: due soon. Counting the 9th as
        // working would stop at the 11th and say on track.
        let (d, _) =
            run_with(&appeal_registered("2026-02-10"), &DeadlineRules::default(), day(2026, 3, 6));
        assert_eq!(d.due, Due::Day(day(2026, 3, 12)));
        assert_eq!(d.state, DeadlineState::DueSoon);
    }

    #[test]
    fn answers_are_compared_by_local_day() {
        let mut a = appeal_registered("2026-03-03");
        a.status = Status::Closed;
        a.answered = Some(moment("2026-04-02T23:30:00+07:00"));
        assert_eq!(run(&a).0.state, DeadlineState::AnsweredOnTime);
        // 20:30 Moscow on 02.04 is 00:30 on 03.04 in Barnaul: one day late.
        a.answered = Some(Moment::At(at("2026-04-02T20:30:00+03:00")));
        assert_eq!(run(&a).0.state, DeadlineState::AnsweredLate);
        a.answered = None;
        assert_eq!(run(&a).0.state, DeadlineState::Unknown);
    }

    #[test]
    fn forwarded_and_unanswered_items_are_closed_without_an_answer_and_never_overdue() {
        let mut a = appeal_registered("2026-03-03");
        for status in [Status::Forwarded, Status::LeftUnanswered] {
            a.status = status;
            let (d, diags) = run_with(&a, &DeadlineRules::default(), day(2026, 6, 1));
            assert_eq!(d.state, DeadlineState::ClosedWithoutAnswer);
            assert!(diags.is_empty(), "{diags:?}");
        }
    }

    #[test]
    fn registration_and_forwarding_limits_move_off_days_off() {
        // Received Thu 05.03.2026 + 3 = Sun 08.03; Mon 09.03 is off: Tue 10.03. Registered
        // Wed 11.03, one day late; forwarding 11.03 + 7 = Wed 18.03.
        let mut a = item(Kind::Appeal, "2026-03-05");
        a.registered = Some(moment("2026-03-11"));
        let (d, diags) = run(&a);
        assert_eq!(d.registration_limit, Some(day(2026, 3, 10)));
        assert_eq!(d.forwarding_limit, Some(day(2026, 3, 18)));
        assert_eq!(codes(&diags), [("registered-late", 6)]);
        a.registered = Some(moment("2026-03-10"));
        assert!(run(&a).1.is_empty());
    }

    #[test]
    fn a_2028_deadline_is_provisional_with_a_warning() {
        // 20.01.2028 + 30 = Sat 19.02.2028; Labour Code holidays only: Mon 21.02.2028.
        let (d, diags) = run(&appeal_registered("2028-01-20"));
        assert_eq!(d.due, Due::Day(day(2028, 2, 21)));
        assert!(d.provisional);
        assert_eq!(codes(&diags), [("provisional-calendar", 6)]);
        assert!(diags[0].message.get(Lang::En).contains("2028"));
    }

    #[test]
    fn working_days_into_2028_are_provisional() {
        // From Fri 24.12.2027: 27–30 Dec (4; 31 Dec off); 1–9 Jan 2028 off under art. 112
        // and the weekend; 10–14 Jan (9), Mon 17.01.2028 (10).
        let mut a = item(Kind::Message, "2027-12-24");
        a.registered = Some(moment("2027-12-24"));
        let (d, diags) = run(&a);
        assert_eq!(d.due, Due::Day(day(2028, 1, 17)));
        assert!(d.provisional);
        assert_eq!(codes(&diags), [("provisional-calendar", 6)]);
    }

    #[test]
    fn deadlines_serialise_with_iso_dates_and_snake_case_states() {
        let (d, _) = run(&appeal_registered("2025-12-05"));
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["start"], "2025-12-05");
        assert_eq!(json["due"], "2026-01-12");
        assert_eq!(json["moved_from"], "2026-01-04");
        assert_eq!(json["state"], "on_track");
        assert_eq!(json["skipped_days_off"][0], "2025-12-06");
        assert!(json.get("rule").is_none());
        let names: Vec<_> = DeadlineState::ALL.iter().map(|s| s.name()).collect();
        assert_eq!(
            names,
            [
                "on_track",
                "due_soon",
                "overdue",
                "answered_on_time",
                "answered_late",
                "closed_without_answer",
                "unknown"
            ]
        );
        assert_eq!(DeadlineState::Overdue.label().get(Lang::Ru), "просрочено");
    }

    #[test]
    fn compute_all_keeps_the_order_of_the_items() {
        let items = [appeal_registered("2026-03-03"), item(Kind::Message, "2026-04-28")];
        let calendar = WorkingCalendar::new(&CalendarSettings::default());
        let all = compute_all(&items, &DeadlineRules::default(), &calendar, day(2025, 1, 1));
        let dues: Vec<Due> = all.iter().map(|(d, _)| d.due).collect();
        assert_eq!(dues, [Due::Day(day(2026, 4, 2)), Due::Day(day(2026, 5, 14))]);
    }
}
