//! `otklik.yaml`: the municipality, its staff and roles, deadline rules and calendar
//! overrides.

use crate::dates;
use crate::diagnostic::Diagnostic;
use crate::fields::{FieldReader, choice};
use crate::front_matter::{self, Checked, Located, Pos, field_set};
use crate::messages::{self, Lang};
use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;

/// The file name of the configuration at the repository root.
pub const FILE: &str = "otklik.yaml";

/// A unit in which a term is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Calendar days; the start day does not count.
    CalendarDays,
    /// Working days of the production calendar.
    WorkingDays,
    /// Hours within office hours on working days.
    WorkingHours,
    /// Hours round the clock.
    Hours,
}

/// A length of time such as "30 calendar days".
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Term {
    /// How many units.
    pub amount: u32,
    /// Which units.
    pub unit: Unit,
}

impl Term {
    /// Reads "30 calendar days", "10 working days", "8 working hours" or "4 hours".
    pub fn parse(text: &str) -> Option<Term> {
        let mut words = text.split_whitespace();
        let amount: u32 = words.next()?.parse().ok()?;
        let rest: Vec<&str> = words.collect();
        let unit = match rest.as_slice() {
            ["calendar", "days" | "day"] | ["days" | "day"] => Unit::CalendarDays,
            ["working", "days" | "day"] => Unit::WorkingDays,
            ["working", "hours" | "hour"] => Unit::WorkingHours,
            ["hours" | "hour"] => Unit::Hours,
            _ => return None,
        };
        (amount <= 366 * 24).then_some(Term { amount, unit })
    }

    const fn new(amount: u32, unit: Unit) -> Term {
        Term { amount, unit }
    }
}

choice!(
    /// Where a calendar-day term that ends on a day off moves.
    DayOffRule {
        /// To the next working day (Civil Code art. 193), the default.
        Next = "next",
        /// To the previous working day (common office practice).
        Previous = "previous",
    }
);

/// A staff member.
#[derive(Debug, Clone, PartialEq)]
pub struct Staff {
    /// Short id used in files, e.g. `i.petrova`.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Job title.
    pub position: String,
    /// E-mail addresses, which map git commit authors to this person.
    pub emails: Vec<String>,
}

/// Holders of the decree's fixed roles.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Roles {
    /// First deputy head of the administration.
    pub curator: String,
    /// The МЦУ's head (chief of staff).
    pub head: String,
    /// Responsible for «Инцидент менеджмент» and ПОС.
    pub coordinator: String,
}

/// Deadline rules, with the defaults of DOMAIN.md.
#[derive(Debug, Clone, PartialEq)]
pub struct DeadlineRules {
    /// Registration limit for appeals.
    pub appeal_register: Term,
    /// Forwarding limit for appeals.
    pub appeal_forward: Term,
    /// Answer term for appeals.
    pub appeal_answer: Term,
    /// Longest extension of an appeal.
    pub extension_max: Term,
    /// Answer term for ПОС messages.
    pub message_answer: Term,
    /// First response to an incident.
    pub incident_first_response: Term,
    /// First response to an urgent incident.
    pub incident_urgent_first_response: Term,
    /// Final answer to an incident after the first response.
    pub incident_answer: Term,
    /// How far ahead "due soon" looks.
    pub due_soon: Term,
    /// Where a term ending on a day off moves.
    pub end_on_day_off: DayOffRule,
}

impl Default for DeadlineRules {
    fn default() -> Self {
        DeadlineRules {
            appeal_register: Term::new(3, Unit::CalendarDays),
            appeal_forward: Term::new(7, Unit::CalendarDays),
            appeal_answer: Term::new(30, Unit::CalendarDays),
            extension_max: Term::new(30, Unit::CalendarDays),
            message_answer: Term::new(10, Unit::WorkingDays),
            incident_first_response: Term::new(8, Unit::WorkingHours),
            incident_urgent_first_response: Term::new(4, Unit::Hours),
            incident_answer: Term::new(7, Unit::WorkingDays),
            due_soon: Term::new(3, Unit::WorkingDays),
            end_on_day_off: DayOffRule::Next,
        }
    }
}

/// Additions to the embedded production calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarSettings {
    /// Office hours on a working day, in order; gaps between them do not count.
    pub office_hours: Vec<(NaiveTime, NaiveTime)>,
    /// Extra local days off.
    pub extra_days_off: Vec<NaiveDate>,
    /// Extra working days.
    pub extra_working_days: Vec<NaiveDate>,
}

impl Default for CalendarSettings {
    fn default() -> Self {
        let t = |h| NaiveTime::from_hms_opt(h, 0, 0).expect("whole hours are valid times");
        CalendarSettings {
            office_hours: vec![(t(9), t(13)), (t(14), t(18))],
            extra_days_off: Vec::new(),
            extra_working_days: Vec::new(),
        }
    }
}

/// Everything `otklik.yaml` says.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Official name of the municipality.
    pub name: String,
    /// The municipality's zone; every day boundary is counted in it.
    pub zone: Tz,
    /// Allowed values of `locality`.
    pub settlements: Vec<String>,
    /// Title of the site.
    pub title: String,
    /// Public site root.
    pub base_url: String,
    /// Interface language.
    pub lang: Lang,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// Role holders.
    pub roles: Roles,
    /// Staff list.
    pub staff: Vec<Staff>,
    /// Deadline rules.
    pub deadlines: DeadlineRules,
    /// Calendar settings.
    pub calendar: CalendarSettings,
}

impl Config {
    /// The staff member with this id.
    pub fn staff_member(&self, id: &str) -> Option<&Staff> {
        self.staff.iter().find(|s| s.id == id)
    }
}

field_set!(RawConfig {
    municipality: Checked<RawMunicipality>,
    site: Checked<RawSite>,
    roles: Checked<RawRoles>,
    staff: Vec<Located<Checked<RawStaff>>>,
    deadlines: Checked<RawDeadlines>,
    calendar: Checked<RawCalendar>,
});
field_set!(RawMunicipality { name: String, time_zone: String, settlements: Vec<Located<String>> });
field_set!(RawSite { title: String, base_url: String, language: String, theme: String });
field_set!(RawRoles { curator: String, head: String, coordinator: String });
field_set!(RawStaff { id: String, name: String, position: String, emails: Vec<Located<String>> });
field_set!(RawDeadlines {
    appeal: Checked<RawAppealTerms>,
    message: Checked<RawMessageTerms>,
    incident: Checked<RawIncidentTerms>,
    due_soon: String,
    end_on_day_off: String,
});
field_set!(RawAppealTerms {
    register: String,
    forward: String,
    answer: String,
    extension_max: String
});
field_set!(RawMessageTerms { answer: String });
field_set!(RawIncidentTerms {
    first_response: String,
    urgent_first_response: String,
    answer: String
});
field_set!(RawCalendar {
    office_hours: Vec<Located<String>>,
    extra_days_off: Vec<Located<String>>,
    extra_working_days: Vec<Located<String>>,
});

/// Reads the configuration from its text.
///
/// Fails, with every problem found, when the YAML is malformed, a field is unknown or a
/// value cannot be understood; a configuration with errors is never half-used.
pub fn read(text: &str) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut r = FieldReader::new(FILE, chrono_tz::UTC);
    let raw: Checked<RawConfig> = match front_matter::parse(text) {
        Ok(raw) => raw,
        Err(e) => {
            r.error("yaml-syntax", e.at.unwrap_or(Pos::TOP), messages::yaml_syntax(&e.detail));
            return Err(r.diagnostics);
        }
    };
    r.unknown_fields(&raw);
    let f = raw.fields;
    let mut config = Config {
        name: String::new(),
        zone: chrono_tz::Asia::Barnaul,
        settlements: Vec::new(),
        title: String::new(),
        base_url: "/".into(),
        lang: Lang::Ru,
        theme: "default".into(),
        roles: Roles::default(),
        staff: Vec::new(),
        deadlines: DeadlineRules::default(),
        calendar: CalendarSettings::default(),
    };
    if let Some(m) = r.required(f.municipality, "municipality", Pos::TOP) {
        read_municipality(&mut r, m.value, m.at, &mut config);
    }
    if let Some(s) = f.site {
        read_site(&mut r, s.value, &mut config);
    }
    if let Some(roles) = r.required(f.roles, "roles", Pos::TOP) {
        r.unknown_fields(&roles.value);
        let g = roles.value.fields;
        let mut role = |v: Option<Located<String>>, name: &str| {
            let v = r.text(v);
            if v.is_none() {
                r.error("role-missing", roles.at, messages::role_missing(name));
            }
            v.map(|v| v.value).unwrap_or_default()
        };
        config.roles.curator = role(g.curator, "curator");
        config.roles.head = role(g.head, "head");
        config.roles.coordinator = role(g.coordinator, "coordinator");
    }
    if let Some(staff) = r.required(f.staff, "staff", Pos::TOP) {
        config.staff = staff.value.into_iter().filter_map(|s| read_staff(&mut r, s)).collect();
    }
    if let Some(d) = f.deadlines {
        read_deadlines(&mut r, d.value, &mut config.deadlines);
    }
    if let Some(c) = f.calendar {
        read_calendar(&mut r, c.value, &mut config.calendar);
    }
    let (errors, warnings): (Vec<_>, Vec<_>) =
        r.diagnostics.into_iter().partition(|d| d.severity == crate::diagnostic::Severity::Error);
    if errors.is_empty() { Ok((config, warnings)) } else { Err(errors) }
}

fn read_municipality(
    r: &mut FieldReader,
    m: Checked<RawMunicipality>,
    at: Pos,
    config: &mut Config,
) {
    r.unknown_fields(&m);
    let f = m.fields;
    config.name = r.text(f.name).map(|x| x.value).unwrap_or_default();
    if let Some(zone) = r.required(f.time_zone, "municipality.time_zone", at) {
        match zone.value.trim().parse::<Tz>() {
            Ok(tz) => config.zone = tz,
            Err(_) => r.error("invalid-value", zone.at, messages::bad_zone(zone.value.trim())),
        }
    }
    config.settlements = f
        .settlements
        .map(|s| s.value.into_iter().map(|x| x.value.trim().to_string()).collect())
        .unwrap_or_default();
}

fn read_site(r: &mut FieldReader, s: Checked<RawSite>, config: &mut Config) {
    r.unknown_fields(&s);
    let f = s.fields;
    if let Some(t) = r.text(f.title) {
        config.title = t.value;
    }
    if let Some(b) = r.text(f.base_url) {
        config.base_url = b.value;
    }
    if let Some(l) = r.text(f.language) {
        match Lang::parse(&l.value) {
            Some(lang) => config.lang = lang,
            None => r.error(
                "invalid-value",
                l.at,
                messages::bad_choice("site.language", &l.value, &["ru", "en"], None),
            ),
        }
    }
    if let Some(t) = r.text(f.theme) {
        config.theme = t.value;
    }
}

fn read_staff(r: &mut FieldReader, s: Located<Checked<RawStaff>>) -> Option<Staff> {
    r.unknown_fields(&s.value);
    let f = s.value.fields;
    let id = r.text(f.id);
    let id = r.required(id, "staff.id", s.at)?;
    let name = r.text(f.name);
    let name = r.required(name, "staff.name", s.at);
    Some(Staff {
        id: id.value,
        name: name.map(|n| n.value).unwrap_or_default(),
        position: r.text(f.position).map(|p| p.value).unwrap_or_default(),
        emails: f
            .emails
            .map(|e| e.value.into_iter().map(|x| x.value.trim().to_lowercase()).collect())
            .unwrap_or_default(),
    })
}

fn term(r: &mut FieldReader, field: Option<Located<String>>, name: &str, into: &mut Term) {
    if let Some(f) = field {
        match Term::parse(&f.value) {
            Some(t) => *into = t,
            None => r.error("invalid-value", f.at, messages::bad_duration(name, f.value.trim())),
        }
    }
}

fn read_deadlines(r: &mut FieldReader, d: Checked<RawDeadlines>, rules: &mut DeadlineRules) {
    r.unknown_fields(&d);
    let f = d.fields;
    if let Some(a) = f.appeal {
        r.unknown_fields(&a.value);
        let a = a.value.fields;
        term(r, a.register, "deadlines.appeal.register", &mut rules.appeal_register);
        term(r, a.forward, "deadlines.appeal.forward", &mut rules.appeal_forward);
        term(r, a.answer, "deadlines.appeal.answer", &mut rules.appeal_answer);
        term(r, a.extension_max, "deadlines.appeal.extension_max", &mut rules.extension_max);
    }
    if let Some(m) = f.message {
        r.unknown_fields(&m.value);
        term(r, m.value.fields.answer, "deadlines.message.answer", &mut rules.message_answer);
    }
    if let Some(i) = f.incident {
        r.unknown_fields(&i.value);
        let i = i.value.fields;
        term(
            r,
            i.first_response,
            "deadlines.incident.first_response",
            &mut rules.incident_first_response,
        );
        let urgent = &mut rules.incident_urgent_first_response;
        term(r, i.urgent_first_response, "deadlines.incident.urgent_first_response", urgent);
        term(r, i.answer, "deadlines.incident.answer", &mut rules.incident_answer);
    }
    term(r, f.due_soon, "deadlines.due_soon", &mut rules.due_soon);
    if let Some(rule) =
        r.choice::<DayOffRule>(f.end_on_day_off.as_ref(), "deadlines.end_on_day_off")
    {
        rules.end_on_day_off = rule;
    }
}

fn read_calendar(r: &mut FieldReader, c: Checked<RawCalendar>, cal: &mut CalendarSettings) {
    r.unknown_fields(&c);
    let f = c.fields;
    if let Some(hours) = f.office_hours {
        let mut intervals = Vec::new();
        for h in hours.value {
            match parse_interval(&h.value) {
                Some(i) => intervals.push(i),
                None => r.error("invalid-value", h.at, messages::bad_office_hours(h.value.trim())),
            }
        }
        intervals.sort();
        if !intervals.is_empty() {
            cal.office_hours = intervals;
        }
    }
    let mut days = |list: Option<Located<Vec<Located<String>>>>, name: &str| -> Vec<NaiveDate> {
        list.map(|l| l.value.iter().filter_map(|d| r.date(Some(d), name)).collect())
            .unwrap_or_default()
    };
    cal.extra_days_off = days(f.extra_days_off, "calendar.extra_days_off");
    cal.extra_working_days = days(f.extra_working_days, "calendar.extra_working_days");
}

/// Reads `09:00-13:00` into a pair of times; the end must be after the start.
fn parse_interval(text: &str) -> Option<(NaiveTime, NaiveTime)> {
    let (a, b) = text.trim().split_once('-')?;
    let a = NaiveTime::parse_from_str(a.trim(), "%H:%M").ok()?;
    let b = NaiveTime::parse_from_str(b.trim(), "%H:%M").ok()?;
    (a < b).then_some((a, b))
}

/// Parses a date for callers outside the configuration (used by the CLI's `--today`).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    dates::parse_date(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "municipality:\n  name: Тест\n  time_zone: Asia/Barnaul\n  settlements: [Катанда]\n\
        roles: { curator: a, head: b, coordinator: c }\n\
        staff:\n  - { id: a, name: А, emails: [A@x.example] }\n";

    #[test]
    fn a_minimal_config_gets_the_legal_defaults() {
        let (c, w) = read(MINIMAL).unwrap();
        assert!(w.is_empty());
        assert_eq!(c.deadlines.appeal_answer, Term { amount: 30, unit: Unit::CalendarDays });
        assert_eq!(c.calendar.office_hours.len(), 2);
        assert_eq!(c.staff[0].emails, ["a@x.example"]);
        assert_eq!(c.lang, Lang::Ru);
    }

    #[test]
    fn terms_read_in_every_unit() {
        assert_eq!(
            Term::parse("10 working days"),
            Some(Term { amount: 10, unit: Unit::WorkingDays })
        );
        assert_eq!(Term::parse("4 hours"), Some(Term { amount: 4, unit: Unit::Hours }));
        assert_eq!(Term::parse("ten days"), None);
    }

    #[test]
    fn a_bad_zone_and_a_missing_role_are_errors() {
        let text = MINIMAL.replace("Asia/Barnaul", "Asia/Barnaoul").replace("head: b, ", "");
        let e = read(&text).unwrap_err();
        let codes: Vec<_> = e.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["invalid-value", "role-missing"]);
        assert_eq!(e[0].at.unwrap().line, 3);
    }
}
