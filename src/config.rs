//! `otklik.yaml`: the municipality, its staff and roles, deadline rules and calendar
//! overrides.

use crate::appeal::Status;
use crate::dates;
use crate::diagnostic::Diagnostic;
use crate::fields::{FieldReader, choice};
use crate::front_matter::{self, Checked, Located, Pos, field_set};
use crate::messages::{self, Lang};
use crate::workflow::{Acceptance, Role, RoleSet, Workflow};
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

/// Weights of the three parts of a unit's combined score (see `analytics::rating`).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Weights {
    /// Weight of timeliness: the share answered on time.
    pub timeliness: f64,
    /// Weight of quality: the share of answers neither returned nor reopened.
    pub quality: f64,
    /// Weight of satisfaction: the citizens' average rating.
    pub satisfaction: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { timeliness: 0.5, quality: 0.2, satisfaction: 0.3 }
    }
}

/// When several items on one topic in one settlement form a "problem" card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ClusterRule {
    /// At least this many items…
    pub items: usize,
    /// …received within this many consecutive calendar days.
    pub days: u32,
}

impl Default for ClusterRule {
    fn default() -> Self {
        ClusterRule { items: 3, days: 14 }
    }
}

/// When a month's count is flagged as a spike against the months before it.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct SpikeRule {
    /// How many previous months form the baseline.
    pub months: u32,
    /// How many standard deviations above the baseline mean a spike must be.
    pub sigmas: f64,
    /// How many items above the baseline mean a spike must be, at least.
    pub min_excess: u32,
}

impl Default for SpikeRule {
    fn default() -> Self {
        SpikeRule { months: 6, sigmas: 2.0, min_excess: 3 }
    }
}

/// The `analytics:` block: how ratings, clusters and spikes are computed.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct AnalyticsSettings {
    /// Weights of the combined score.
    pub weights: Weights,
    /// Units with fewer items in the period are listed but not ranked.
    pub min_items: usize,
    /// The clustering rule.
    pub cluster: ClusterRule,
    /// The spike rule.
    pub spike: SpikeRule,
}

impl Default for AnalyticsSettings {
    fn default() -> Self {
        AnalyticsSettings {
            weights: Weights::default(),
            min_items: 5,
            cluster: ClusterRule::default(),
            spike: SpikeRule::default(),
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
    /// Ratings, clusters and spikes.
    pub analytics: AnalyticsSettings,
    /// Who may make which change, and the legal status transitions.
    pub workflow: Workflow,
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
    analytics: Checked<RawAnalytics>,
    workflow: Checked<RawWorkflow>,
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
field_set!(RawWorkflow {
    register: Vec<Located<String>>,
    transitions: Vec<Located<Checked<RawTransition>>>,
    assign: Vec<Located<String>>,
    transfer: Vec<Located<String>>,
    extend: Vec<Located<String>>,
    rework: Vec<Located<String>>,
    reopen: Vec<Located<String>>,
    require_signed_commits: String,
    audit: String,
    accept: Vec<Located<Checked<RawAcceptance>>>,
});
field_set!(RawAcceptance { commit: String, reason: String });
field_set!(RawTransition { from: String, to: String, roles: Vec<Located<String>> });
field_set!(RawCalendar {
    office_hours: Vec<Located<String>>,
    extra_days_off: Vec<Located<String>>,
    extra_working_days: Vec<Located<String>>,
});

field_set!(RawAnalytics {
    weights: Checked<RawWeights>,
    min_items: String,
    cluster: Checked<RawCluster>,
    spike: Checked<RawSpike>,
});
field_set!(RawWeights { timeliness: String, quality: String, satisfaction: String });
field_set!(RawCluster { items: String, days: String });
field_set!(RawSpike { months: String, sigmas: String, min_excess: String });

/// Reads the configuration from its text.
///
/// Fails, with every problem found, when the YAML is malformed, a field is unknown or a
/// value cannot be understood; a configuration with errors is never half-used.
pub fn read(text: &str) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut r = FieldReader::new(FILE, chrono_tz::UTC);
    let raw: Checked<RawConfig> = match front_matter::parse(text) {
        Ok(raw) => raw,
        Err(e) => {
            r.error("yaml-syntax", e.at.unwrap_or(Pos::TOP), messages::yaml_syntax(&e.problem));
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
        analytics: AnalyticsSettings::default(),
        workflow: Workflow::default(),
    };
    if let Some(m) = r.required(f.municipality, "municipality", Pos::TOP) {
        read_municipality(&mut r, m.value, m.at, &mut config);
    }
    if let Some(s) = f.site {
        read_site(&mut r, s.value, &mut config);
    }
    let mut holders = Vec::new();
    if let Some(roles) = r.required(f.roles, "roles", Pos::TOP) {
        r.unknown_fields(&roles.value);
        let g = roles.value.fields;
        let mut role = |v: Option<Located<String>>, name: &'static str, ru: &'static str| {
            let v = r.text(v);
            if v.is_none() {
                r.error("role-missing", roles.at, messages::role_missing(name));
            }
            holders.extend(v.clone().map(|v| RoleHolder { ru, en: name, id: v }));
            v.map(|v| v.value).unwrap_or_default()
        };
        config.roles.curator = role(g.curator, "curator", "куратор");
        config.roles.head = role(g.head, "head", "руководитель МЦУ");
        config.roles.coordinator = role(g.coordinator, "coordinator", "координатор");
    }
    if let Some(staff) = r.required(f.staff, "staff", Pos::TOP) {
        let entries: Vec<StaffEntry> =
            staff.value.into_iter().filter_map(|s| read_staff(&mut r, s)).collect();
        check_staff_list(&mut r, &entries);
        config.staff = entries.into_iter().map(|e| e.staff).collect();
        check_role_holders(&mut r, &holders, &config.staff);
    }
    if let Some(d) = f.deadlines {
        read_deadlines(&mut r, d.value, &mut config.deadlines);
    }
    if let Some(c) = f.calendar {
        read_calendar(&mut r, c.value, &mut config.calendar);
    }
    if let Some(a) = f.analytics {
        read_analytics(&mut r, a.value, &mut config.analytics);
    }
    if let Some(w) = f.workflow {
        read_workflow(&mut r, w.value, &mut config.workflow);
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
    let listed: Vec<Located<String>> = f
        .settlements
        .map(|s| {
            let trimmed = |x: Located<String>| Located { value: x.value.trim().to_string(), ..x };
            s.value.into_iter().map(trimmed).collect()
        })
        .unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    let listed: Vec<Located<String>> = listed
        .into_iter()
        .filter(|x| {
            let first = seen.insert(x.value.clone());
            if !first {
                r.warning(
                    "duplicate-settlement",
                    x.at,
                    messages::settlement_listed_twice(&x.value),
                );
            }
            first
        })
        .collect();
    warn_of_slug_clashes(r, &listed);
    config.settlements = listed.into_iter().map(|x| x.value).collect();
}

/// Settlements whose pages would have the same name (`Усть-Кокса`, `Ust-Koksa`): the one
/// listed later gets a suffixed page name, which is a surprise unless it is said.
fn warn_of_slug_clashes(r: &mut FieldReader, listed: &[Located<String>]) {
    let names: Vec<&str> = listed.iter().map(|x| x.value.as_str()).collect();
    for clash in crate::render::filters::slug_clashes(&names) {
        let at = listed.iter().find(|x| x.value == clash.yields).map_or(Pos::TOP, |x| x.at);
        r.warning(
            "settlement-slug-clash",
            at,
            messages::settlement_slug_clash(clash.keeps, clash.yields, &clash.plain, &clash.given),
        );
    }
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
        if crate::render::views::is_slug(&t.value) {
            config.theme = t.value;
        } else {
            // A path here would reach outside `themes/`; the default theme stands in.
            r.warning("invalid-theme", t.at, messages::bad_theme_name(&t.value));
        }
    }
}

/// A staff member as read, with where the id and each e-mail were written: the list is
/// checked as a whole once every entry is read.
struct StaffEntry {
    staff: Staff,
    id_at: Pos,
    emails_at: Vec<Pos>,
}

fn read_staff(r: &mut FieldReader, s: Located<Checked<RawStaff>>) -> Option<StaffEntry> {
    r.unknown_fields(&s.value);
    let f = s.value.fields;
    let id = r.text(f.id);
    let id = r.required(id, "staff.id", s.at)?;
    let name = r.text(f.name);
    let name = r.required(name, "staff.name", s.at);
    let emails = f.emails.map(|e| e.value).unwrap_or_default();
    let staff = Staff {
        id: id.value,
        name: name.map(|n| n.value).unwrap_or_default(),
        position: r.text(f.position).map(|p| p.value).unwrap_or_default(),
        emails: emails.iter().map(|x| x.value.trim().to_lowercase()).collect(),
    };
    Some(StaffEntry { staff, id_at: id.at, emails_at: emails.iter().map(|x| x.at).collect() })
}

/// Every id and every e-mail names one person. Git commits are attributed by e-mail and
/// files name staff by id; with two holders the history would credit one at random.
/// Each repeat is reported where it is written the second time.
fn check_staff_list(r: &mut FieldReader, entries: &[StaffEntry]) {
    let mut ids = std::collections::HashSet::new();
    let mut owners: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for e in entries {
        let id = e.staff.id.as_str();
        if !ids.insert(id) {
            r.error("duplicate-staff", e.id_at, messages::duplicate_staff(id));
        }
        for (email, at) in e.staff.emails.iter().zip(&e.emails_at) {
            match owners.get(email.as_str()) {
                Some(owner) if *owner != id => {
                    r.error("duplicate-email", *at, messages::duplicate_email(email, owner));
                }
                Some(_) => {}
                None => {
                    owners.insert(email, id);
                }
            }
        }
    }
}

/// A role as written: its name in both languages and the staff id it names.
struct RoleHolder {
    ru: &'static str,
    en: &'static str,
    id: Located<String>,
}

/// Each role names a staff member; a role that does not is reported at its line.
fn check_role_holders(r: &mut FieldReader, holders: &[RoleHolder], staff: &[Staff]) {
    for h in holders.iter().filter(|h| !staff.iter().any(|s| s.id == h.id.value)) {
        let hint = messages::suggest(&h.id.value, staff.iter().map(|s| s.id.as_str()));
        r.error("unknown-staff", h.id.at, messages::not_on_staff(h.ru, h.en, &h.id.value, hint));
    }
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

fn read_analytics(r: &mut FieldReader, a: Checked<RawAnalytics>, into: &mut AnalyticsSettings) {
    r.unknown_fields(&a);
    let f = a.fields;
    if let Some(w) = f.weights {
        read_weights(r, w, &mut into.weights);
    }
    if let Some(n) = r.number(f.min_items.as_ref(), "analytics.min_items", 1, 10_000) {
        into.min_items = n as usize;
    }
    if let Some(c) = f.cluster {
        r.unknown_fields(&c.value);
        let c = c.value.fields;
        if let Some(n) = r.number(c.items.as_ref(), "analytics.cluster.items", 2, 1000) {
            into.cluster.items = n as usize;
        }
        if let Some(n) = r.number(c.days.as_ref(), "analytics.cluster.days", 1, 366) {
            into.cluster.days = n;
        }
    }
    if let Some(s) = f.spike {
        r.unknown_fields(&s.value);
        let s = s.value.fields;
        if let Some(n) = r.number(s.months.as_ref(), "analytics.spike.months", 2, 36) {
            into.spike.months = n;
        }
        if let Some(x) = decimal(r, s.sigmas.as_ref(), "analytics.spike.sigmas", 10.0) {
            into.spike.sigmas = x;
        }
        if let Some(n) = r.number(s.min_excess.as_ref(), "analytics.spike.min_excess", 1, 10_000) {
            into.spike.min_excess = n;
        }
    }
}

fn read_weights(r: &mut FieldReader, w: Located<Checked<RawWeights>>, into: &mut Weights) {
    r.unknown_fields(&w.value);
    let f = w.value.fields;
    let mut weights = *into;
    let t = decimal(r, f.timeliness.as_ref(), "analytics.weights.timeliness", 100.0);
    let q = decimal(r, f.quality.as_ref(), "analytics.weights.quality", 100.0);
    let s = decimal(r, f.satisfaction.as_ref(), "analytics.weights.satisfaction", 100.0);
    weights.timeliness = t.unwrap_or(weights.timeliness);
    weights.quality = q.unwrap_or(weights.quality);
    weights.satisfaction = s.unwrap_or(weights.satisfaction);
    // A zero sum would make every score 0/0; the score divides by the sum, so any
    // positive sum is fine and the weights need not add up to 1.
    if weights.timeliness + weights.quality + weights.satisfaction <= 0.0 {
        r.error("invalid-value", w.at, messages::analytics::weights_sum_zero());
    } else {
        *into = weights;
    }
}

/// A decimal number in `0..=max` written with a dot, such as `0.5`.
fn decimal(
    r: &mut FieldReader,
    field: Option<&Located<String>>,
    name: &str,
    max: f64,
) -> Option<f64> {
    let f = field?;
    match f.value.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && (0.0..=max).contains(&x) => Some(x),
        _ => {
            let m = messages::analytics::bad_decimal(name, f.value.trim(), max);
            r.error("invalid-value", f.at, m);
            None
        }
    }
}
/// Reads the `workflow:` block. Each list it gives replaces the default; `transitions`,
/// when given, is the whole table (see `workflow` for the defaults); `accept` has no
/// default.
fn read_workflow(r: &mut FieldReader, w: Checked<RawWorkflow>, into: &mut Workflow) {
    r.unknown_fields(&w);
    let f = w.fields;
    let lists = [
        (f.register, "workflow.register", &mut into.register),
        (f.assign, "workflow.assign", &mut into.assign),
        (f.transfer, "workflow.transfer", &mut into.transfer),
        (f.extend, "workflow.extend", &mut into.extend),
        (f.rework, "workflow.rework", &mut into.rework),
        (f.reopen, "workflow.reopen", &mut into.reopen),
    ];
    for (list, name, set) in lists {
        if let Some(list) = list {
            *set = role_set(r, list.value, name);
        }
    }
    if let Some(list) = f.transitions {
        into.transitions = list.value.into_iter().filter_map(|t| transition(r, t)).collect();
    }
    if let Some(flag) = r.flag(f.audit.as_ref(), "workflow.audit") {
        into.audit = flag;
    }
    if let Some(flag) = r.flag(f.require_signed_commits.as_ref(), "workflow.require_signed_commits")
    {
        into.require_signed_commits = flag;
    }
    if let Some(list) = f.accept {
        into.accept = list.value.into_iter().filter_map(|a| acceptance(r, a)).collect();
    }
}

/// One `workflow.accept` entry. The prefix is checked here, not against git: the
/// configuration is read before the history, and an entry that names no commit with
/// findings is reported by the history check.
fn acceptance(r: &mut FieldReader, a: Located<Checked<RawAcceptance>>) -> Option<Acceptance> {
    r.unknown_fields(&a.value);
    let f = a.value.fields;
    let commit = r.required_text(f.commit, "workflow.accept.commit", a.at);
    let reason = r.required_text(f.reason, "workflow.accept.reason", a.at);
    let commit = commit?;
    let prefix = commit.value.to_ascii_lowercase();
    if !(7..=40).contains(&prefix.len()) || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
        r.error("invalid-value", commit.at, messages::bad_commit_prefix(&commit.value));
        return None;
    }
    Some(Acceptance { commit: prefix, reason: reason?.value, at: commit.at })
}

fn role_set(r: &mut FieldReader, names: Vec<Located<String>>, field: &str) -> RoleSet {
    let mut set = RoleSet::default();
    for name in &names {
        if let Some(role) = r.choice::<Role>(Some(name), field) {
            set.insert(role);
        }
    }
    set
}

fn transition(
    r: &mut FieldReader,
    t: Located<Checked<RawTransition>>,
) -> Option<((Status, Status), RoleSet)> {
    r.unknown_fields(&t.value);
    let f = t.value.fields;
    let from = r.required(f.from, "workflow.transitions.from", t.at);
    let from = r.choice::<Status>(from.as_ref(), "workflow.transitions.from");
    let to = r.required(f.to, "workflow.transitions.to", t.at);
    let to = r.choice::<Status>(to.as_ref(), "workflow.transitions.to");
    let roles = r.required(f.roles, "workflow.transitions.roles", t.at);
    let roles =
        role_set(r, roles.map(|x| x.value).unwrap_or_default(), "workflow.transitions.roles");
    Some(((from?, to?), roles))
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
        roles: { curator: a, head: a, coordinator: a }\n\
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
    fn a_theme_that_is_not_a_folder_name_is_warned_about_and_not_used() {
        let text = format!("{MINIMAL}site: {{ theme: ../../etc }}\n");
        let (c, diags) = read(&text).unwrap();
        assert_eq!(c.theme, "default");
        let found: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(found, ["invalid-theme"]);
    }

    #[test]
    fn a_settlement_listed_twice_is_warned_about_and_kept_once() {
        let text = MINIMAL.replace(
            "settlements: [Катанда]",
            "settlements:\n    - Катанда\n    - Мульта\n    - Катанда",
        );
        let (c, diags) = read(&text).unwrap();
        assert_eq!(c.settlements, ["Катанда", "Мульта"]);
        let found: Vec<_> = diags.iter().map(|d| (d.code, d.at.map(|p| p.line))).collect();
        assert_eq!(found, [("duplicate-settlement", Some(7))]);
    }

    #[test]
    fn settlements_that_give_one_page_name_are_warned_about_at_the_later_one() {
        let text = MINIMAL.replace(
            "settlements: [Катанда]",
            "settlements:\n    - Усть-Кокса\n    - Катанда\n    - Ust-Koksa",
        );
        let (c, w) = read(&text).unwrap();
        assert_eq!(c.settlements, ["Усть-Кокса", "Катанда", "Ust-Koksa"]);
        let got: Vec<_> = w.iter().map(|d| (d.code, d.at.map(|p| p.line))).collect();
        assert_eq!(got, [("settlement-slug-clash", Some(7))]);
        let ru = w[0].message.get(Lang::Ru);
        assert!(
            ru.starts_with(
                "населённые пункты «Усть-Кокса» и «Ust-Koksa» дают одно имя страницы (ust-koksa.html); его сохраняет «Усть-Кокса» (он выше в списке), а «Ust-Koksa» получает ust-koksa-"
            ),
            "{ru}"
        );
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
    fn the_analytics_block_has_defaults_and_can_be_overridden() {
        let (c, _) = read(MINIMAL).unwrap();
        assert_eq!(c.analytics, AnalyticsSettings::default());
        assert_eq!(c.analytics.weights.timeliness, 0.5);
        assert_eq!(c.analytics.min_items, 5);
        assert_eq!(c.analytics.cluster, ClusterRule { items: 3, days: 14 });
        let text = format!(
            "{MINIMAL}analytics:\n  weights: {{ timeliness: 0.6, quality: 0.4, satisfaction: 0 }}\n  \
             min_items: 3\n  cluster: {{ items: 4, days: 7 }}\n  spike: {{ months: 3, sigmas: 1.5 }}\n"
        );
        let (c, w) = read(&text).unwrap();
        assert!(w.is_empty(), "{w:?}");
        let a = c.analytics;
        assert_eq!(a.weights, Weights { timeliness: 0.6, quality: 0.4, satisfaction: 0.0 });
        assert_eq!(a.min_items, 3);
        assert_eq!(a.cluster, ClusterRule { items: 4, days: 7 });
        assert_eq!(a.spike, SpikeRule { months: 3, sigmas: 1.5, min_excess: 3 });
    }

    #[test]
    fn bad_analytics_values_are_errors_at_their_lines() {
        let text = format!(
            "{MINIMAL}analytics:\n  weights: {{ timeliness: 0, quality: 0, satisfaction: 0 }}\n  \
             min_item: 3\n  spike: {{ sigmas: \"-1\" }}\n"
        );
        let e = read(&text).unwrap_err();
        let got: Vec<_> = e.iter().map(|d| (d.code, d.at.unwrap().line)).collect();
        assert_eq!(got, [("unknown-field", 10), ("invalid-value", 9), ("invalid-value", 11)]);
        assert!(e[0].message.get(Lang::En).contains("did you mean \"min_items\""));
    }

    #[test]
    fn a_workflow_block_replaces_the_lists_it_gives() {
        let text = format!(
            "{MINIMAL}workflow:\n  extend: [head]\n  require_signed_commits: true\n  transitions:\n    - {{ from: new, to: closed, roles: [coordinator] }}\n"
        );
        let (c, w) = read(&text).unwrap();
        assert!(w.is_empty(), "{w:?}");
        let wf = &c.workflow;
        assert_eq!(wf.extend, RoleSet::of(&[Role::Head]));
        assert!(wf.require_signed_commits);
        assert_eq!(wf.transitions.len(), 1);
        assert_eq!(
            wf.transitions[&(Status::New, Status::Closed)],
            RoleSet::of(&[Role::Coordinator])
        );
        assert_eq!(wf.assign, Workflow::default().assign);
    }

    #[test]
    fn an_unknown_role_or_status_in_the_workflow_is_an_error() {
        let text = format!(
            "{MINIMAL}workflow:\n  assign: [sector_led]\n  transitions:\n    - {{ from: neww, to: closed, roles: [] }}\n"
        );
        let e = read(&text).unwrap_err();
        let got: Vec<_> = e.iter().map(|d| (d.code, d.at.unwrap().line)).collect();
        assert_eq!(got, [("invalid-value", 9), ("invalid-value", 11)]);
        assert!(e[0].message.get(Lang::En).contains("did you mean \"sector_lead\""), "{e:?}");
    }

    #[test]
    fn accept_entries_read_in_flow_and_block_style_with_their_lines() {
        let text = format!(
            "{MINIMAL}workflow:\n  accept:\n    - {{ commit: 1A2B3C4D, reason: \"Записка № 12\" }}\n    - commit: 1234567\n      reason: по решению главы\n"
        );
        let (c, w) = read(&text).unwrap();
        assert!(w.is_empty(), "{w:?}");
        let got: Vec<_> = c
            .workflow
            .accept
            .iter()
            .map(|a| (a.commit.as_str(), a.reason.as_str(), a.at.line))
            .collect();
        assert_eq!(got, [("1a2b3c4d", "Записка № 12", 10), ("1234567", "по решению главы", 11)]);
    }

    #[test]
    fn an_accept_entry_without_a_commit_is_an_error_at_the_entry() {
        let text = format!("{MINIMAL}workflow:\n  accept:\n    - {{ reason: x }}\n");
        let e = read(&text).unwrap_err();
        let got: Vec<_> = e.iter().map(|d| (d.code, d.at.unwrap().line)).collect();
        assert_eq!(got, [("missing-field", 10)]);
        assert!(e[0].message.get(Lang::En).contains("\"workflow.accept.commit\""));
    }

    #[test]
    fn two_staff_members_with_one_email_are_an_error_at_the_second() {
        let text = format!(
            "{MINIMAL}  - {{ id: d, name: Г, emails: [d@x.example] }}\n  \
             - id: e\n    name: Д\n    emails:\n      - e@x.example\n      - \" a@X.example\"\n"
        );
        let e = read(&text).unwrap_err();
        let got: Vec<_> = e.iter().map(|d| (d.code, d.at.unwrap().line)).collect();
        assert_eq!(got, [("duplicate-email", 13)]);
        assert_eq!(
            e[0].message.get(Lang::Ru),
            "адрес «a@x.example» уже указан у сотрудника «a»; у адреса должен быть один владелец, иначе по коммитам git не понять, кто внёс изменение"
        );
    }

    #[test]
    fn a_repeated_staff_id_and_an_unknown_role_holder_are_errors_at_their_lines() {
        let text = MINIMAL.replace("curator: a", "curator: nobody")
            + "  - { id: d, name: Г }\n  - { id: a, name: Д }\n";
        let e = read(&text).unwrap_err();
        let got: Vec<_> = e.iter().map(|d| (d.code, d.at.unwrap().line)).collect();
        assert_eq!(got, [("duplicate-staff", 9), ("unknown-staff", 5)]);
        assert!(e[1].message.get(Lang::En).starts_with("curator \"nobody\" is not on the staff"));
    }

    #[test]
    fn a_bad_zone_and_a_missing_role_are_errors() {
        let text = MINIMAL.replace("Asia/Barnaul", "Asia/Barnaoul").replace("head: a, ", "");
        let e = read(&text).unwrap_err();
        let codes: Vec<_> = e.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["invalid-value", "role-missing"]);
        assert_eq!(e[0].at.unwrap().line, 3);
    }
}
