//! The mapping of an export's columns to appeal fields: how it is written in YAML, how it is
//! checked when read, and how one value is looked up in it.
//!
//! A mapping is read strictly, like any file of the repository: every unknown key, every
//! value that cannot fit its field and every missing required field is reported at its
//! line before a single row is imported. Built-in presets are mappings too, embedded in the
//! binary and read by the same code, so a user can print one, copy it and adapt it.

use crate::appeal::{Channel, Kind, Outcome, Status};
use crate::diagnostic::{Diagnostic, Severity};
use crate::fields::{Choice, FieldReader};
use crate::front_matter::{self, Checked, Located, Pairs, Pos, ScalarOr, field_set};
use crate::messages;
use crate::sector::is_topic_code;
use crate::table::{Delimiter, TableOptions, TextEncoding, normalise_name};
use chrono_tz::Tz;

/// An appeal field that a mapping can fill, named as in the mapping file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// `kind`.
    Kind,
    /// `channel`.
    Channel,
    /// `external_id`.
    ExternalId,
    /// `received`.
    Received,
    /// `registered`.
    Registered,
    /// `topic`.
    Topic,
    /// `sector`.
    Sector,
    /// `locality`.
    Locality,
    /// `assignee`.
    Assignee,
    /// `status`.
    Status,
    /// `urgent`.
    Urgent,
    /// `first_response`.
    FirstResponse,
    /// `due`.
    Due,
    /// `answered`.
    Answered,
    /// `result`.
    Result,
    /// `rating`.
    Rating,
    /// `agrees`.
    Agrees,
    /// `reason`.
    Reason,
    /// `public`.
    Public,
    /// `public_summary`.
    PublicSummary,
    /// `answer_summary`.
    AnswerSummary,
    /// `applicant_name`, written as `applicant.name`.
    ApplicantName,
    /// `applicant_contact`, written as `applicant.contact`.
    ApplicantContact,
    /// `applicant_address`, written as `applicant.address`.
    ApplicantAddress,
}

/// What kind of value a field holds, which decides how a mapped value is checked.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// One of a closed set of names.
    Choice(fn() -> Vec<&'static str>),
    /// Free text.
    Text,
    /// A date or a date-time.
    Moment,
    /// A plain date.
    Date,
    /// A classifier code.
    Topic,
    /// A sector id of the repository.
    Sector,
    /// A settlement of the repository.
    Locality,
    /// A staff id of the repository.
    Staff,
    /// A whole number 1–5.
    Rating,
    /// `true` or `false`.
    Flag,
}

impl Field {
    /// The name used in mapping files.
    pub fn name(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Channel => "channel",
            Field::ExternalId => "external_id",
            Field::Received => "received",
            Field::Registered => "registered",
            Field::Topic => "topic",
            Field::Sector => "sector",
            Field::Locality => "locality",
            Field::Assignee => "assignee",
            Field::Status => "status",
            Field::Urgent => "urgent",
            Field::FirstResponse => "first_response",
            Field::Due => "due",
            Field::Answered => "answered",
            Field::Result => "result",
            Field::Rating => "rating",
            Field::Agrees => "agrees",
            Field::Reason => "reason",
            Field::Public => "public",
            Field::PublicSummary => "public_summary",
            Field::AnswerSummary => "answer_summary",
            Field::ApplicantName => "applicant_name",
            Field::ApplicantContact => "applicant_contact",
            Field::ApplicantAddress => "applicant_address",
        }
    }

    /// What values the field accepts.
    pub fn shape(self) -> Shape {
        match self {
            Field::Kind => Shape::Choice(Kind::names),
            Field::Channel => Shape::Choice(Channel::names),
            Field::Status => Shape::Choice(Status::names),
            Field::Result => Shape::Choice(Outcome::names),
            Field::Received | Field::Registered | Field::FirstResponse | Field::Answered => {
                Shape::Moment
            }
            Field::Due => Shape::Date,
            Field::Topic => Shape::Topic,
            Field::Sector => Shape::Sector,
            Field::Locality => Shape::Locality,
            Field::Assignee => Shape::Staff,
            Field::Rating => Shape::Rating,
            Field::Urgent | Field::Agrees | Field::Public => Shape::Flag,
            Field::ExternalId
            | Field::Reason
            | Field::PublicSummary
            | Field::AnswerSummary
            | Field::ApplicantName
            | Field::ApplicantContact
            | Field::ApplicantAddress => Shape::Text,
        }
    }

    /// Whether every appeal file must have this field, so the mapping must say where it
    /// comes from. `sector` is not among them: it normally follows from the topic.
    pub fn is_required(self) -> bool {
        matches!(
            self,
            Field::Kind
                | Field::Channel
                | Field::Received
                | Field::Topic
                | Field::Locality
                | Field::Status
        )
    }
}

/// How the cells of several columns become one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Join {
    /// The non-empty cells joined with this text.
    With(String),
    /// The first non-empty cell.
    First,
}

/// Where a field's raw text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Cells of these columns.
    Columns {
        /// Column names, as in the header.
        names: Vec<String>,
        /// How several cells combine.
        join: Join,
    },
    /// The same text for every row.
    Value(String),
    /// Nothing: only the default applies.
    Nothing,
}

/// Tidying applied to each cell before it is mapped, for free text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cleaning {
    /// The cell holds HTML from a rich-text editor: reduce it to plain text.
    pub html: bool,
    /// Boilerplate phrases removed from the start, repeatedly, in any order.
    pub strip_leading: Vec<String>,
    /// Also remove date-time stamps at the start (`2022-01-18 15:08:24.983`,
    /// `Fri Apr 22 04:14:40 EDT 2022`).
    pub strip_stamps: bool,
}

/// A key of a value map: exact text, or a pattern in which `*` stands for any text. Both
/// compare without regard to case or runs of spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    parts: Vec<String>,
    wildcard: bool,
}

impl Pattern {
    /// A pattern from its written form.
    pub fn new(text: &str) -> Pattern {
        let text = normalise_name(text);
        Pattern { wildcard: text.contains('*'), parts: text.split('*').map(String::from).collect() }
    }

    /// Whether `value`, already normalised with [`normalise_name`], matches.
    pub fn matches(&self, value: &str) -> bool {
        if !self.wildcard {
            return self.parts[0] == value;
        }
        let (first, rest) = self.parts.split_first().expect("split yields at least one part");
        let (last, middle) = rest.split_last().expect("a wildcard pattern has two parts");
        let fits = value.len() >= first.len() + last.len()
            && value.starts_with(first.as_str())
            && value.ends_with(last.as_str());
        if !fits {
            return false;
        }
        // Both ends matched whole strings, so these offsets fall on character boundaries.
        let mut window = &value[first.len()..value.len() - last.len()];
        for part in middle {
            match window.find(part.as_str()) {
                Some(i) => window = &window[i + part.len()..],
                None => return false,
            }
        }
        true
    }
}

/// How one field is filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// The field.
    pub field: Field,
    /// Where its raw text comes from.
    pub source: Source,
    /// Translations of raw text, tried in order; an empty target treats the cell as empty,
    /// so the default applies.
    pub map: Vec<(Pattern, String)>,
    /// Used when the row gives no value that fits.
    pub default: Option<String>,
    /// Put before text values (`ПОС-` before a number).
    pub prefix: String,
    /// Tidying of free text.
    pub cleaning: Cleaning,
    /// Where the rule is written in the mapping file.
    pub at: Pos,
}

impl Rule {
    /// The mapped value for raw text: `Some("")` when the map says "no value", `None` when
    /// nothing in the map matches.
    pub fn look_up(&self, raw: &str) -> Option<&str> {
        let value = normalise_name(raw);
        self.map.iter().find(|(p, _)| p.matches(&value)).map(|(_, v)| v.as_str())
    }

    /// Every value the rule can produce from its map, default and fixed value.
    pub fn outcomes(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.map.iter().map(|(_, v)| v.as_str()).collect();
        out.extend(self.default.as_deref());
        if let Source::Value(v) = &self.source {
            out.push(v);
        }
        out.retain(|v| !v.is_empty());
        out
    }
}

/// One piece of the private body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyPart {
    /// The column.
    pub column: String,
    /// Written as a list item `- label: text`; without a label the text is a paragraph.
    pub label: Option<String>,
    /// The cell holds HTML.
    pub html: bool,
}

/// A complete mapping: how to read the export and how to fill each field.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// The preset name or the mapping file, for messages.
    pub origin: String,
    /// How to read the table (its `limit` is set per import).
    pub table: TableOptions,
    /// The zone of date-times written without an offset; the repository's zone if `None`.
    pub time_zone: Option<Tz>,
    /// The field rules, in file order.
    pub rules: Vec<Rule>,
    /// The body parts, in order.
    pub body: Vec<BodyPart>,
}

impl Mapping {
    /// The rule for `field`, if the mapping has one.
    pub fn rule(&self, field: Field) -> Option<&Rule> {
        self.rules.iter().find(|r| r.field == field)
    }

    /// Every column the mapping reads, in order of first use.
    pub fn columns(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let from_rules = self.rules.iter().flat_map(|r| match &r.source {
            Source::Columns { names, .. } => names.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        });
        for name in from_rules.chain(self.body.iter().map(|b| b.column.as_str())) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }
}

field_set!(RawMapping {
    source: Checked<RawSource>,
    fields: Checked<RawFields>,
    body: Vec<Located<ScalarOr<RawBodyPart>>>,
});
field_set!(RawSource {
    delimiter: String,
    encoding: String,
    header_row: String,
    sheet: String,
    time_zone: String,
});
type RawField = Located<ScalarOr<RawRule>>;
field_set!(RawFields {
    kind: RawField,
    channel: RawField,
    external_id: RawField,
    received: RawField,
    registered: RawField,
    topic: RawField,
    sector: RawField,
    locality: RawField,
    assignee: RawField,
    status: RawField,
    urgent: RawField,
    first_response: RawField,
    due: RawField,
    answered: RawField,
    result: RawField,
    rating: RawField,
    agrees: RawField,
    reason: RawField,
    public: RawField,
    public_summary: RawField,
    answer_summary: RawField,
    applicant_name: RawField,
    applicant_contact: RawField,
    applicant_address: RawField,
});
field_set!(RawRule {
    column: String,
    columns: Vec<Located<String>>,
    join: String,
    first: String,
    value: String,
    map: Pairs,
    default: String,
    prefix: String,
    html: String,
    strip_leading: Vec<Located<String>>,
    strip_stamps: String,
});
field_set!(RawBodyPart { column: String, label: String, html: String });

/// Reads a mapping from YAML text; `origin` names it in diagnostics.
///
/// Fails with every problem found, each at its line: YAML errors, unknown keys, values
/// that do not fit their field, rules without a source, and missing required fields.
pub fn parse(text: &str, origin: &str) -> Result<Mapping, Vec<Diagnostic>> {
    let mut r = FieldReader::new(origin, chrono_tz::UTC);
    let raw: Checked<RawMapping> = match front_matter::parse(text) {
        Ok(raw) => raw,
        Err(e) => {
            r.error("yaml-syntax", e.at.unwrap_or(Pos::TOP), messages::yaml_syntax(&e.problem));
            return Err(r.diagnostics);
        }
    };
    r.unknown_fields(&raw);
    let f = raw.fields;
    let mut mapping = Mapping {
        origin: origin.to_string(),
        table: TableOptions::default(),
        time_zone: None,
        rules: Vec::new(),
        body: Vec::new(),
    };
    if let Some(source) = f.source {
        read_source(&mut r, source.value, &mut mapping);
    }
    if let Some(fields) = r.required(f.fields, "fields", Pos::TOP) {
        mapping.rules = read_fields(&mut r, fields.value, fields.at);
    }
    for part in f.body.map(|b| b.value).unwrap_or_default() {
        mapping.body.extend(read_body_part(&mut r, part));
    }
    if r.diagnostics.iter().any(|d| d.severity == Severity::Error) {
        Err(r.diagnostics)
    } else {
        Ok(mapping)
    }
}

fn read_source(r: &mut FieldReader, source: Checked<RawSource>, mapping: &mut Mapping) {
    r.unknown_fields(&source);
    let f = source.fields;
    if let Some(d) = r.text(f.delimiter) {
        match parse_delimiter(&d.value) {
            Some(delimiter) => mapping.table.delimiter = delimiter,
            None => r.error("invalid-value", d.at, messages::bad_delimiter(&d.value)),
        }
    }
    if let Some(e) = r.text(f.encoding) {
        match TextEncoding::parse(&e.value) {
            Some(encoding) => mapping.table.encoding = encoding,
            None => r.error(
                "invalid-value",
                e.at,
                messages::bad_choice("source.encoding", &e.value, &["utf-8", "windows-1251"], None),
            ),
        }
    }
    let header = r.number(f.header_row.as_ref(), "source.header_row", 1, 1000);
    mapping.table.header_row = header.and_then(|n| usize::try_from(n).ok()).unwrap_or(1);
    mapping.table.sheet = r.text(f.sheet).map(|s| s.value);
    if let Some(zone) = r.text(f.time_zone) {
        match zone.value.parse::<Tz>() {
            Ok(tz) => mapping.time_zone = Some(tz),
            Err(_) => r.error("invalid-value", zone.at, messages::bad_zone(&zone.value)),
        }
    }
}

fn parse_delimiter(text: &str) -> Option<Delimiter> {
    match text {
        "auto" => Some(Delimiter::Auto),
        "tab" | "\t" => Some(Delimiter::Byte(b'\t')),
        _ if text.len() == 1 && !text.as_bytes()[0].is_ascii_alphanumeric() => {
            Some(Delimiter::Byte(text.as_bytes()[0]))
        }
        _ => None,
    }
}

fn read_fields(r: &mut FieldReader, fields: Checked<RawFields>, at: Pos) -> Vec<Rule> {
    r.unknown_fields(&fields);
    let f = fields.fields;
    let written = [
        (Field::Kind, f.kind),
        (Field::Channel, f.channel),
        (Field::ExternalId, f.external_id),
        (Field::Received, f.received),
        (Field::Registered, f.registered),
        (Field::Topic, f.topic),
        (Field::Sector, f.sector),
        (Field::Locality, f.locality),
        (Field::Assignee, f.assignee),
        (Field::Status, f.status),
        (Field::Urgent, f.urgent),
        (Field::FirstResponse, f.first_response),
        (Field::Due, f.due),
        (Field::Answered, f.answered),
        (Field::Result, f.result),
        (Field::Rating, f.rating),
        (Field::Agrees, f.agrees),
        (Field::Reason, f.reason),
        (Field::Public, f.public),
        (Field::PublicSummary, f.public_summary),
        (Field::AnswerSummary, f.answer_summary),
        (Field::ApplicantName, f.applicant_name),
        (Field::ApplicantContact, f.applicant_contact),
        (Field::ApplicantAddress, f.applicant_address),
    ];
    let mut rules = Vec::new();
    for (field, raw) in written {
        match raw {
            Some(raw) => rules.extend(read_rule(r, field, raw.value)),
            None if field.is_required() => {
                let name = format!("fields.{}", field.name());
                r.error("missing-field", at, messages::missing_field(&name));
            }
            None => {}
        }
    }
    rules.sort_by_key(|rule| rule.at);
    rules
}

fn read_rule(r: &mut FieldReader, field: Field, raw: Located<ScalarOr<RawRule>>) -> Option<Rule> {
    let at = raw.at;
    let checked = match raw.value {
        ScalarOr::Scalar(column) => {
            let names = vec![column.trim().to_string()];
            let source = Source::Columns { names, join: Join::With(" ".into()) };
            return Some(Rule {
                field,
                source,
                map: Vec::new(),
                default: None,
                prefix: String::new(),
                cleaning: Cleaning::default(),
                at,
            });
        }
        ScalarOr::Fields(checked) => checked,
    };
    r.unknown_fields(&checked);
    let f = checked.fields;
    let name = field.name();
    let source = read_rule_source(r, field, &f, at);
    let mut map = Vec::new();
    for (key, value) in f.map.map(|m| m.value.0).unwrap_or_default() {
        check_value(r, field, &value.value, value.at, true);
        map.push((Pattern::new(&key.value), value.value.trim().to_string()));
    }
    let default = r.text(f.default);
    if let Some(d) = &default {
        check_value(r, field, &d.value, d.at, false);
    }
    let text_only = |r: &mut FieldReader, option: &str, at: Pos| {
        if !matches!(field.shape(), Shape::Text) {
            r.error("invalid-option", at, messages::option_for_text_only(option, name));
        }
    };
    let prefix = f.prefix.map(|p| p.value).unwrap_or_default();
    let mut cleaning = Cleaning::default();
    if let Some(html) = f.html.as_ref() {
        text_only(r, "html", html.at);
        cleaning.html = r.flag(Some(html), "html").unwrap_or(false);
    }
    if let Some(strip) = f.strip_leading {
        text_only(r, "strip_leading", strip.at);
        cleaning.strip_leading = strip.value.into_iter().map(|s| s.value).collect();
    }
    if let Some(stamps) = f.strip_stamps.as_ref() {
        text_only(r, "strip_stamps", stamps.at);
        cleaning.strip_stamps = r.flag(Some(stamps), "strip_stamps").unwrap_or(false);
    }
    if source == Source::Nothing && default.is_none() {
        r.error("rule-without-source", at, messages::rule_without_source(name));
        return None;
    }
    let default = default.map(|d| d.value);
    Some(Rule { field, source, map, default, prefix, cleaning, at })
}

fn read_rule_source(r: &mut FieldReader, field: Field, f: &RawRule, at: Pos) -> Source {
    let name = field.name();
    let mut names: Vec<String> = Vec::new();
    if let Some(c) = &f.column {
        names.push(c.value.trim().to_string());
    }
    if let Some(cs) = &f.columns {
        names.extend(cs.value.iter().map(|c| c.value.trim().to_string()));
    }
    let sources = usize::from(f.column.is_some())
        + usize::from(f.columns.is_some())
        + usize::from(f.value.is_some());
    if sources > 1 {
        r.error("rule-two-sources", at, messages::rule_two_sources(name));
    }
    if f.first.is_some() && f.join.is_some() {
        r.error("rule-two-sources", at, messages::rule_join_and_first(name));
    }
    let first = r.flag(f.first.as_ref(), "first").unwrap_or(false);
    let join = match (&f.join, first) {
        (_, true) => Join::First,
        (Some(j), false) => Join::With(j.value.clone()),
        (None, false) => Join::With(" ".into()),
    };
    if let Some(v) = &f.value {
        check_value(r, field, &v.value, v.at, false);
        return Source::Value(v.value.trim().to_string());
    }
    if names.iter().any(String::is_empty) {
        r.error("invalid-value", at, messages::empty_column_name(name));
    }
    if names.is_empty() { Source::Nothing } else { Source::Columns { names, join } }
}

/// Checks a value written in the mapping (a map target, default or fixed value) against
/// its field. Values that name things in the repository are checked at import time.
fn check_value(r: &mut FieldReader, field: Field, value: &str, at: Pos, may_be_empty: bool) {
    let value = value.trim();
    let name = field.name();
    if value.is_empty() {
        if !may_be_empty {
            r.error("invalid-value", at, messages::missing_field(name));
        }
        return;
    }
    match field.shape() {
        Shape::Choice(names) => {
            let names = names();
            if !names.contains(&value) {
                let suggestion = messages::suggest(value, names.iter().copied());
                r.error("invalid-value", at, messages::bad_choice(name, value, &names, suggestion));
            }
        }
        Shape::Topic if !is_topic_code(value) => {
            r.error("invalid-topic", at, messages::bad_topic_code(value));
        }
        Shape::Rating => {
            r.number(Some(&Located { value: value.to_string(), at }), name, 1, 5);
        }
        Shape::Flag => {
            r.flag(Some(&Located { value: value.to_string(), at }), name);
        }
        Shape::Moment | Shape::Date if value != "today" => {
            r.moment(Some(&Located { value: value.to_string(), at }), name);
        }
        _ => {}
    }
}

fn read_body_part(r: &mut FieldReader, part: Located<ScalarOr<RawBodyPart>>) -> Option<BodyPart> {
    match part.value {
        ScalarOr::Scalar(column) => {
            Some(BodyPart { column: column.trim().to_string(), label: None, html: false })
        }
        ScalarOr::Fields(checked) => {
            r.unknown_fields(&checked);
            let f = checked.fields;
            let column = r.text(f.column);
            let column = r.required(column, "body.column", part.at)?;
            let html = r.flag(f.html.as_ref(), "html").unwrap_or(false);
            let label = r.text(f.label).map(|l| l.value);
            Some(BodyPart { column: column.value, label, html })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_whole_values_without_regard_to_case_or_spacing() {
        let p = Pattern::new("Нарушение дорожного покрытия*");
        assert!(p.matches(&normalise_name("нарушение  дорожного покрытия (ямы) на дорогах")));
        assert!(!p.matches(&normalise_name("Ямы и выбоины")));
        let exact = Pattern::new("Closed");
        assert!(exact.matches("closed"));
        assert!(!exact.matches("closed twice"));
        let middle = Pattern::new("*ответ*заявител*");
        assert!(middle.matches(&normalise_name("Отправлен ответ заявителю")));
        assert!(!middle.matches(&normalise_name("заявитель ответ")));
        assert!(Pattern::new("*").matches(""));
        assert!(!Pattern::new("ab*ba").matches("aba"));
    }

    const SMALL: &str = "fields:\n  kind: { value: message }\n  channel: { value: website }\n  \
        received: OPEN_DT\n  topic: { column: TYPE, map: { \"Pot*\": \"0003.0009.0099.0742\" }, \
        default: \"0001.0002\" }\n  locality: { default: Boston }\n  status: { value: closed }\n\
        body:\n  - CASE_TITLE\n  - { column: TYPE, label: Type }\n";

    #[test]
    fn a_small_mapping_reads_with_its_short_and_long_forms() {
        let m = parse(SMALL, "m.yaml").unwrap();
        assert_eq!(m.columns(), ["OPEN_DT", "TYPE", "CASE_TITLE"]);
        let topic = m.rule(Field::Topic).unwrap();
        assert_eq!(topic.look_up("Pothole repair"), Some("0003.0009.0099.0742"));
        assert_eq!(topic.look_up("Trees"), None);
        assert_eq!(m.rule(Field::Locality).unwrap().source, Source::Nothing);
        assert_eq!(m.body[1].label.as_deref(), Some("Type"));
    }

    #[test]
    fn every_problem_in_a_mapping_is_reported_at_its_line() {
        let text = SMALL
            .replace("value: closed", "value: closd")
            .replace("\"0003.0009.0099.0742\"", "\"3.9\"")
            .replace("  locality: { default: Boston }\n", "  locality: { defualt: Boston }\n")
            .replace("received: OPEN_DT", "received: { column: A, value: B, html: true }");
        let d = parse(&text, "m.yaml").unwrap_err();
        let got: Vec<_> = d.iter().map(|d| (d.code, d.at.unwrap().line)).collect();
        assert_eq!(
            got,
            [
                ("rule-two-sources", 4),
                ("invalid-date", 4),
                ("invalid-option", 4),
                ("invalid-topic", 5),
                ("unknown-field", 6),
                ("rule-without-source", 6),
                ("invalid-value", 7),
            ],
            "{d:#?}"
        );
        assert!(d[6].message.get(messages::Lang::En).contains("did you mean \"closed\""));
    }

    #[test]
    fn required_fields_must_have_a_rule() {
        let d = parse("fields:\n  received: OPEN_DT\n", "m.yaml").unwrap_err();
        let missing: Vec<_> = d.iter().map(|d| d.message.get(messages::Lang::En)).collect();
        assert_eq!(missing.len(), 5, "{missing:?}");
        assert!(missing[0].contains("fields.kind"));
    }
}
