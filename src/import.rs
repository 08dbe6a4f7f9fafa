//! Importing a tabular export (a ПОС Excel file, a city 311 extract, a CSV data set) into
//! appeal files, one per row.
//!
//! The work goes in steps, and nothing touches the disk before the last one:
//! 1. a [`Mapping`] (a built-in preset or a YAML file) says which column fills which field;
//! 2. the repository is read for its time zone, settlements, sectors, staff, the numbers
//!    already taken in each year and the external ids already imported;
//! 3. the table is read and every column the mapping needs is looked up in its header;
//! 4. each row becomes an [`Appeal`] in memory, or a reason to skip it, with its row number;
//! 5. each appeal is written to `appeals/<year>/<year>-<NNNN>.md` under the next free number
//!    of its year. A file is first written in full under a hidden temporary name and then
//!    linked to its final name, which fails rather than replaces an existing file, so an
//!    import never overwrites an appeal and never leaves half a file behind.
//!
//! Personal details go only where the format keeps them private: the `applicant` block and
//! the body. Public summaries that look like they hold a phone number or an e-mail address
//! are left out with a note. The sector of an item follows from its topic whenever a sector
//! of the repository lists that topic, so that imported files pass `check`; a sector column
//! and the defaults are used only when no sector handles the topic.

mod clean;
mod mapping;
mod scratch;

pub use mapping::{BodyPart, Cleaning, Field, Join, Mapping, Pattern, Rule, Shape, Source};
pub use scratch::{DEMO_SECTORS, DemoSector, scaffold};

use crate::appeal::{Appeal, Applicant, Channel, Kind, Outcome, Status, parse_id};
use crate::dates::{self, DateError, Moment};
use crate::diagnostic::Diagnostic;
use crate::fields::Choice;
use crate::front_matter::{self, quote, scalar};
use crate::load::{self, LoadError, Repository};
use crate::messages::{self, Lang, Message};
use crate::sector::{Sector, covers, is_topic_code};
use crate::table::{self, Row, Table, TableError};
use chrono::{Datelike, NaiveDate, TimeZone};
use chrono_tz::Tz;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The built-in mappings: name and YAML text.
const PRESETS: [(&str, &str); 3] = [
    ("pos", include_str!("import/presets/pos.yaml")),
    ("kursk", include_str!("import/presets/kursk.yaml")),
    ("boston311", include_str!("import/presets/boston311.yaml")),
];

/// Longest public summary or applicant field written to front matter, in characters.
/// Longer text is shortened with a note; the full text stays in the source export.
pub const MAX_FIELD_CHARS: usize = 1000;

/// The names of the built-in presets.
pub fn preset_names() -> Vec<&'static str> {
    PRESETS.iter().map(|(name, _)| *name).collect()
}

/// The YAML text of a built-in preset, to print, copy and adapt.
pub fn preset_text(name: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}

impl Mapping {
    /// The built-in preset called `name` (see [`preset_names`]).
    ///
    /// Fails when there is no such preset, with a suggestion when the name looks like a typo.
    pub fn preset(name: &str) -> Result<Mapping, ImportError> {
        let Some(text) = preset_text(name) else {
            let suggestion = messages::suggest(name, preset_names()).map(String::from);
            return Err(ImportError::UnknownPreset { name: name.to_string(), suggestion });
        };
        Mapping::from_yaml(text, &format!("preset:{name}"))
    }

    /// Reads a mapping file.
    ///
    /// Fails when the file cannot be read or is not UTF-8, and with every problem found in
    /// it, each at its line (see [`ImportError::Mapping`]).
    pub fn from_file(path: &Path) -> Result<Mapping, ImportError> {
        let bytes = std::fs::read(path).map_err(|e| ImportError::MappingIo {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
        let text = front_matter::normalise(&bytes).ok_or_else(|| ImportError::MappingIo {
            path: path.to_path_buf(),
            detail: messages::not_utf8().get(Lang::En).to_string(),
        })?;
        Mapping::from_yaml(&text, &path.display().to_string())
    }

    /// Reads a mapping from YAML text; `origin` names it in diagnostics.
    ///
    /// Fails with every problem found, each at its line.
    pub fn from_yaml(text: &str, origin: &str) -> Result<Mapping, ImportError> {
        mapping::parse(text, origin).map_err(ImportError::Mapping)
    }

    /// Every settlement the mapping can produce: its locality map targets, default and
    /// fixed value. A scratch repository lists these in `otklik.yaml`.
    pub fn localities(&self) -> Vec<String> {
        self.rule(Field::Locality)
            .map(|r| r.outcomes().into_iter().map(String::from).collect())
            .unwrap_or_default()
    }
}

/// How to run an import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Work out everything, write nothing.
    pub dry_run: bool,
    /// Import only the first this many data rows.
    pub limit: Option<usize>,
    /// The date that `today` in a mapping means; the current date in the repository's
    /// zone when `None`.
    pub today: Option<NaiveDate>,
    /// Import rows whose external id is already in the repository (by default they are
    /// skipped, so that running the same import twice does not double the register).
    pub allow_duplicates: bool,
    /// Topic for rows whose topic cannot be mapped; wins over the mapping's default.
    pub default_topic: Option<String>,
    /// Sector for rows whose topic no sector handles; wins over the mapping's default.
    pub default_sector: Option<String>,
    /// Settlement for rows whose locality cannot be mapped; wins over the mapping's default.
    pub default_locality: Option<String>,
}

/// A problem with one row: a reason it was skipped, or a note about a value.
#[derive(Debug, Clone, PartialEq)]
pub struct RowNote {
    /// The row as a spreadsheet program numbers it: the header is row 1 (or the mapping's
    /// `header_row`), the first data row the next one.
    pub row: usize,
    /// Stable machine code, e.g. `bad-date`.
    pub code: &'static str,
    /// What happened, in every language.
    pub message: Message,
}

/// One appeal written (or, in a dry run, that would be written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The source row.
    pub row: usize,
    /// The new id, `YYYY-NNNN`.
    pub id: String,
    /// The file, relative to the repository root, with `/` separators.
    pub file: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportReport {
    /// The export, as given.
    pub source: PathBuf,
    /// Nothing was written.
    pub dry_run: bool,
    /// Data rows read (blank rows are not counted; the limit is).
    pub rows_read: usize,
    /// Appeals written, in row order.
    pub written: Vec<Imported>,
    /// Rows skipped, each with its reason.
    pub skipped: Vec<RowNote>,
    /// Notes about single values: summaries left out, text shortened, ambiguous times.
    pub notes: Vec<RowNote>,
    /// Source values that no map entry matched and that did not fit their field as they
    /// were, most frequent first: what to add to the mapping.
    pub unmapped: Vec<Unmapped>,
}

/// A source value that went to the default (or was left out) because the mapping did not
/// translate it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    /// The field, as named in mapping files.
    pub field: &'static str,
    /// The raw value, after cleaning.
    pub value: String,
    /// What was used instead; `None` when the field was left out.
    pub default: Option<String>,
    /// How many rows had it.
    pub rows: usize,
    /// The first of them.
    pub first_row: usize,
}

/// What the conversion of rows noticed besides the rows it skipped.
#[derive(Default)]
struct Log {
    notes: Vec<RowNote>,
    unmapped: BTreeMap<(Field, String), (usize, usize)>,
}

impl Log {
    fn note(&mut self, row: usize, code: &'static str, message: Message) {
        self.notes.push(note(row, code, message));
    }

    /// Moves what was noticed into the report, the most frequent unmapped values first.
    fn finish(self, report: &mut ImportReport, defaults: &BTreeMap<Field, String>) {
        report.notes.extend(self.notes);
        let mut unmapped: Vec<Unmapped> = self
            .unmapped
            .into_iter()
            .map(|((field, value), (rows, first_row))| Unmapped {
                field: field.name(),
                value,
                default: defaults.get(&field).cloned(),
                rows,
                first_row,
            })
            .collect();
        unmapped.sort_by(|a, b| b.rows.cmp(&a.rows).then(a.first_row.cmp(&b.first_row)));
        report.unmapped = unmapped;
    }
}

impl ImportReport {
    /// One closing line: how many rows were imported and skipped.
    pub fn summary(&self) -> Message {
        messages::import_summary(
            self.written.len(),
            self.skipped.len(),
            self.notes.len(),
            self.dry_run,
        )
    }
}

/// Why an import could not run at all. Problems with single rows are not errors; they are
/// in the [`ImportReport`].
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// No built-in preset has this name.
    UnknownPreset {
        /// The name asked for.
        name: String,
        /// A preset with a similar name.
        suggestion: Option<String>,
    },
    /// The mapping file could not be read.
    MappingIo {
        /// The file.
        path: PathBuf,
        /// Why.
        detail: String,
    },
    /// The mapping has errors, each at its line.
    Mapping(Vec<Diagnostic>),
    /// The repository's `otklik.yaml` is missing or wrong.
    Repository(LoadError),
    /// The export could not be read.
    Table(TableError),
    /// The export lacks columns that required fields need.
    MissingColumns {
        /// Each missing column, with the closest header name if one is similar.
        columns: Vec<(String, Option<String>)>,
    },
    /// A default value does not exist in the repository.
    BadDefault {
        /// The field.
        field: &'static str,
        /// The default.
        value: String,
        /// What the repository allows.
        allowed: Vec<String>,
    },
    /// Writing a file failed; the report says what had been written before.
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        detail: String,
        /// What was written up to the failure.
        report: Box<ImportReport>,
    },
    /// A scratch repository cannot be created over an existing one.
    ScratchExists {
        /// The file that is already there.
        path: PathBuf,
    },
    /// Creating a scratch repository failed.
    ScratchIo {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        detail: String,
    },
}

impl ImportError {
    /// What went wrong, in every language. For [`ImportError::Mapping`] and a repository
    /// with configuration errors this is a headline; the diagnostics carry the details.
    pub fn message(&self) -> Message {
        match self {
            ImportError::UnknownPreset { name, suggestion } => {
                messages::unknown_preset(name, suggestion.as_deref(), &preset_names())
            }
            ImportError::MappingIo { path, detail } => {
                messages::table_io(&path.display().to_string(), detail)
            }
            ImportError::Mapping(d) => messages::mapping_has_errors(d.len()),
            ImportError::Repository(LoadError::NoConfig { .. }) => messages::no_config(),
            ImportError::Repository(e) => messages::config_problem(&e.to_string()),
            ImportError::Table(e) => e.message(),
            ImportError::MissingColumns { columns } => messages::missing_columns(columns),
            ImportError::BadDefault { field, value, allowed } => {
                messages::bad_default(field, value, allowed)
            }
            ImportError::Write { path, detail, .. } | ImportError::ScratchIo { path, detail } => {
                messages::write_failed(&path.display().to_string(), detail)
            }
            ImportError::ScratchExists { path } => {
                messages::scratch_exists(&path.display().to_string())
            }
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message().get(Lang::En))
    }
}

/// Imports the export at `source` into the repository at `root` as `mapping` says.
///
/// Rows that cannot become a valid appeal are skipped and listed with their row numbers
/// in the report; the other rows are written (unless `options.dry_run`).
///
/// Fails before writing anything when the repository's `otklik.yaml` cannot be read, the
/// export cannot be read, it lacks a column that a required field needs, or a default does
/// not exist in the repository. Fails part-way only when a file cannot be written; the
/// error then carries the report of what was written.
pub fn import(
    root: &Path,
    source: &Path,
    mapping: &Mapping,
    options: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let repo = load::load(root).map_err(ImportError::Repository)?;
    let table_options = table::TableOptions { limit: options.limit, ..mapping.table.clone() };
    let table = table::read(source, &table_options).map_err(ImportError::Table)?;
    let mut report = ImportReport {
        source: source.to_path_buf(),
        dry_run: options.dry_run,
        rows_read: table.rows.len(),
        ..ImportReport::default()
    };
    let context = Context::new(&repo, mapping, &table, source, options, &mut report.notes)?;
    let drafts = context.convert_all(&table, &mut report);
    write_all(root, drafts, &mut report)?;
    Ok(report)
}

/// What the conversion of rows needs to know, prepared once per import.
struct Context<'a> {
    repo: &'a Repository,
    mapping: &'a Mapping,
    /// Column name → index in the table, for the columns that exist.
    columns: HashMap<&'a str, usize>,
    source_zone: Tz,
    today: NaiveDate,
    defaults: BTreeMap<Field, String>,
    allow_duplicates: bool,
    file_name: String,
}

/// Where an external id was seen first.
enum FirstSeen {
    /// An appeal already in the repository.
    Appeal(String),
    /// An earlier row of this export.
    Row(usize),
}

/// An appeal ready to be numbered and written, with the row it came from.
struct Draft {
    row: usize,
    appeal: Appeal,
}

impl<'a> Context<'a> {
    fn new(
        repo: &'a Repository,
        mapping: &'a Mapping,
        table: &Table,
        source: &Path,
        options: &ImportOptions,
        notes: &mut Vec<RowNote>,
    ) -> Result<Context<'a>, ImportError> {
        let columns = find_columns(mapping, table, notes)?;
        let zone = repo.config.zone;
        let today =
            options.today.unwrap_or_else(|| chrono::Utc::now().with_timezone(&zone).date_naive());
        let mut context = Context {
            repo,
            mapping,
            columns,
            source_zone: mapping.time_zone.unwrap_or(zone),
            today,
            defaults: BTreeMap::new(),
            allow_duplicates: options.allow_duplicates,
            file_name: source
                .file_name()
                .map_or_else(|| source.display().to_string(), |n| n.to_string_lossy().into_owned()),
        };
        for (field, given) in [
            (Field::Topic, &options.default_topic),
            (Field::Sector, &options.default_sector),
            (Field::Locality, &options.default_locality),
        ] {
            let value = given.clone().or_else(|| mapping.rule(field)?.default.clone());
            if let Some(value) = value {
                context.check_default(field, &value)?;
                context.defaults.insert(field, value);
            }
        }
        for rule in &mapping.rules {
            if let Some(d) = &rule.default {
                context.defaults.entry(rule.field).or_insert_with(|| d.clone());
            }
        }
        Ok(context)
    }

    /// Refuses a default that the repository would reject, before any row is read.
    fn check_default(&self, field: Field, value: &str) -> Result<(), ImportError> {
        if self.fits(field, value) {
            return Ok(());
        }
        // A topic has no list of allowed values, only a shape; the message says which.
        let allowed = match field {
            Field::Sector => self.repo.sectors.iter().map(|s| s.id.clone()).collect(),
            Field::Locality => self.repo.config.settlements.clone(),
            _ => Vec::new(),
        };
        Err(ImportError::BadDefault { field: field.name(), value: value.to_string(), allowed })
    }

    fn convert_all(&self, table: &Table, report: &mut ImportReport) -> Vec<Draft> {
        let mut log = Log::default();
        let mut known: HashMap<String, FirstSeen> = HashMap::new();
        if !self.allow_duplicates {
            for a in &self.repo.appeals {
                if let Some(x) = &a.external_id {
                    known.insert(x.clone(), FirstSeen::Appeal(a.id.clone()));
                }
            }
        }
        let mut drafts = Vec::new();
        for row in &table.rows {
            let appeal = match self.convert(row, &mut log) {
                Ok(appeal) => appeal,
                Err(skip) => {
                    report.skipped.push(skip);
                    continue;
                }
            };
            if let Some(x) = appeal.external_id.as_ref().filter(|_| !self.allow_duplicates) {
                let earlier = known.get(x).map(|first| match first {
                    FirstSeen::Appeal(id) => messages::already_imported(x, id),
                    FirstSeen::Row(first_row) => messages::duplicate_in_export(x, *first_row),
                });
                if let Some(message) = earlier {
                    report.skipped.push(note(row.number, "duplicate", message));
                    continue;
                }
                known.insert(x.clone(), FirstSeen::Row(row.number));
            }
            drafts.push(Draft { row: row.number, appeal });
        }
        log.finish(report, &self.defaults);
        drafts
    }

    /// Turns one row into an appeal, or says why it cannot be one. It is long because it
    /// names every field of the appeal once, in the order of DESIGN.md.
    fn convert(&self, row: &Row, log: &mut Log) -> Result<Appeal, RowNote> {
        let n = row.number;
        let kind = self.required_choice::<Kind>(Field::Kind, row, log)?;
        let channel = self.required_choice::<Channel>(Field::Channel, row, log)?;
        let status = self.required_choice::<Status>(Field::Status, row, log)?;
        let received = self
            .moment(Field::Received, row, log)?
            .ok_or_else(|| self.no_value(Field::Received, n))?;
        let registered = self.moment(Field::Registered, row, log)?;
        let first_response = self.moment(Field::FirstResponse, row, log)?;
        let answered = self.moment(Field::Answered, row, log)?;
        let due = self.moment(Field::Due, row, log)?.map(|m| m.day());
        let topic =
            self.value(Field::Topic, row, log).ok_or_else(|| self.no_value(Field::Topic, n))?;
        let sector =
            self.sector(&topic, row, log).ok_or_else(|| self.no_value(Field::Sector, n))?;
        let locality = self
            .value(Field::Locality, row, log)
            .ok_or_else(|| self.no_value(Field::Locality, n))?;
        let assignee = self.assignee(status, &sector, row, log)?;
        check_dates(status, received, answered, n, self.answered_columns())?;

        let answered_status = status.is_answered();
        let result = self.choice::<Outcome>(Field::Result, row, log).filter(|_| answered_status);
        let reason = if status.is_closed_without_answer() {
            Some(self.value(Field::Reason, row, log).unwrap_or_else(|| self.status_text(row)))
        } else {
            None
        };
        let applicant = Applicant {
            name: self.private_text(Field::ApplicantName, row, log),
            contact: self.private_text(Field::ApplicantContact, row, log),
            address: self.private_text(Field::ApplicantAddress, row, log),
        };
        Ok(Appeal {
            id: String::new(),
            file: String::new(),
            kind,
            channel,
            external_id: self.value(Field::ExternalId, row, log),
            received,
            registered,
            topic,
            sector,
            locality,
            assignee,
            status,
            extension: None,
            urgent: self.flag(Field::Urgent, row, log).unwrap_or(false),
            first_response,
            returned: Vec::new(),
            reopened: Vec::new(),
            due,
            answered,
            result,
            rating: self.value(Field::Rating, row, log).and_then(|r| r.parse().ok()),
            agrees: self.flag(Field::Agrees, row, log),
            reason,
            public: self.flag(Field::Public, row, log),
            public_summary: self.public_text(Field::PublicSummary, row, log),
            answer_summary: self.public_text(Field::AnswerSummary, row, log),
            applicant,
            body: self.body(row),
            places: BTreeMap::new(),
        })
    }

    /// The raw text a rule reads from a row, cleaned, before any mapping.
    fn raw(&self, rule: &Rule, row: &Row) -> String {
        let names = match &rule.source {
            Source::Value(v) => return v.clone(),
            Source::Nothing => return String::new(),
            Source::Columns { names, .. } => names,
        };
        let mut cells = names
            .iter()
            .filter_map(|name| self.columns.get(name.as_str()))
            .map(|&i| clean_cell(row.cell(i), &rule.cleaning))
            .filter(|c| !c.is_empty());
        match &rule.source {
            Source::Columns { join: Join::First, .. } => cells.next().unwrap_or_default(),
            Source::Columns { join: Join::With(separator), .. } => {
                cells.collect::<Vec<_>>().join(separator)
            }
            _ => String::new(),
        }
    }

    /// The value of `field` for a row: the mapped or raw text if it fits the field, else
    /// the default (with a note), else nothing.
    fn value(&self, field: Field, row: &Row, log: &mut Log) -> Option<String> {
        let Some(rule) = self.mapping.rule(field) else {
            return self.defaults.get(&field).cloned();
        };
        let raw = self.raw(rule, row);
        if !raw.is_empty() {
            let candidate = rule.look_up(&raw).map_or_else(|| raw.clone(), str::to_string);
            if !candidate.is_empty() {
                if self.fits(field, &candidate) {
                    return Some(format!("{}{candidate}", rule.prefix));
                }
                let seen = log.unmapped.entry((field, raw)).or_insert((0, row.number));
                seen.0 += 1;
            }
        }
        self.defaults.get(&field).cloned()
    }

    /// Whether a value may stand in `field` in this repository. Dates are checked when
    /// they are parsed.
    fn fits(&self, field: Field, value: &str) -> bool {
        let config = &self.repo.config;
        match field.shape() {
            Shape::Choice(names) => names().contains(&value),
            Shape::Topic => is_topic_code(value),
            Shape::Sector => self.repo.sector(value).is_some(),
            Shape::Locality => {
                config.settlements.is_empty() || config.settlements.iter().any(|s| s == value)
            }
            Shape::Staff => config.staff_member(value).is_some(),
            Shape::Rating => value.parse::<u8>().is_ok_and(|r| (1..=5).contains(&r)),
            Shape::Flag => value == "true" || value == "false",
            Shape::Text | Shape::Moment | Shape::Date => true,
        }
    }

    fn no_value(&self, field: Field, row: usize) -> RowNote {
        let columns = self.mapping.rule(field).map(rule_columns).unwrap_or_default();
        note(row, "no-value", messages::no_value(field.name(), &columns))
    }

    fn choice<C: Choice>(&self, field: Field, row: &Row, log: &mut Log) -> Option<C> {
        self.value(field, row, log).and_then(|v| C::from_name(&v))
    }

    fn required_choice<C: Choice>(
        &self,
        field: Field,
        row: &Row,
        log: &mut Log,
    ) -> Result<C, RowNote> {
        self.choice(field, row, log).ok_or_else(|| self.no_value(field, row.number))
    }

    fn flag(&self, field: Field, row: &Row, log: &mut Log) -> Option<bool> {
        self.value(field, row, log).map(|v| v == "true")
    }

    /// A date or date-time field, read in the source's zone and converted into the
    /// repository's. A text that is present but not a date skips the row: guessing a date
    /// would put a wrong deadline into the register.
    fn moment(&self, field: Field, row: &Row, log: &mut Log) -> Result<Option<Moment>, RowNote> {
        let Some(text) = self.value(field, row, log) else { return Ok(None) };
        if text == "today" {
            return Ok(Some(Moment::Day(self.today)));
        }
        let zone = self.repo.config.zone;
        match read_moment(&text, self.source_zone, zone) {
            Ok((moment, ambiguous)) => {
                if ambiguous {
                    let message = messages::ambiguous_local_time(
                        field.name(),
                        &text,
                        self.source_zone.name(),
                    );
                    log.note(row.number, "ambiguous-time", message);
                }
                Ok(Some(moment))
            }
            Err(DateError::NoSuchLocalTime) => {
                let message =
                    messages::nonexistent_local_time(field.name(), &text, self.source_zone.name());
                Err(note(row.number, "bad-date", message))
            }
            Err(_) => {
                let columns = self.mapping.rule(field).map(rule_columns).unwrap_or_default();
                Err(note(
                    row.number,
                    "bad-date",
                    messages::row_bad_date(field.name(), &columns, &text),
                ))
            }
        }
    }

    /// The sector: the one of the repository that handles the topic (the most specific
    /// code wins), else what the sector rule and its default say.
    fn sector(&self, topic: &str, row: &Row, log: &mut Log) -> Option<String> {
        handling_sector(&self.repo.sectors, topic)
            .map(|s| s.id.clone())
            .or_else(|| self.value(Field::Sector, row, log))
    }

    /// The assignee: the mapped staff member if they belong to the sector; else, when the
    /// status needs one, the sector's lead, who is responsible for items nobody was
    /// assigned to.
    fn assignee(
        &self,
        status: Status,
        sector: &str,
        row: &Row,
        log: &mut Log,
    ) -> Result<Option<String>, RowNote> {
        let sector_record = self.repo.sector(sector);
        let mapped = self
            .value(Field::Assignee, row, log)
            .filter(|a| sector_record.is_none_or(|s| s.has_member(a)));
        if mapped.is_some() || !status.needs_assignee() {
            return Ok(mapped);
        }
        match sector_record.map(|s| s.lead.clone()).filter(|l| !l.is_empty()) {
            Some(lead) => Ok(Some(lead)),
            None => {
                Err(note(row.number, "no-assignee", messages::no_assignee(status.name(), sector)))
            }
        }
    }

    fn answered_columns(&self) -> Vec<String> {
        self.mapping.rule(Field::Answered).map(rule_columns).unwrap_or_default()
    }

    /// The source's own status text, used as the reason of a forwarded or rejected item
    /// when the export gives no better one.
    fn status_text(&self, row: &Row) -> String {
        let text = self.mapping.rule(Field::Status).map(|r| self.raw(r, row)).unwrap_or_default();
        if text.is_empty() {
            messages::reason_not_in_export().get(self.repo.config.lang).to_string()
        } else {
            text
        }
    }

    /// Text bound for a public page: left out when it seems to hold personal data,
    /// shortened when it is long.
    fn public_text(&self, field: Field, row: &Row, log: &mut Log) -> Option<String> {
        let text = self.value(field, row, log)?;
        if crate::privacy::looks_personal(&text) {
            log.note(row.number, "personal-data", messages::personal_in_public(field.name()));
            return None;
        }
        Some(self.shortened(field, text, row.number, log))
    }

    fn private_text(&self, field: Field, row: &Row, log: &mut Log) -> Option<String> {
        let text = self.value(field, row, log)?;
        Some(self.shortened(field, text, row.number, log))
    }

    fn shortened(&self, field: Field, text: String, row: usize, log: &mut Log) -> String {
        match clean::shorten(&text, MAX_FIELD_CHARS) {
            Some(short) => {
                log.note(row, "shortened", messages::shortened(field.name(), MAX_FIELD_CHARS));
                short
            }
            None => text,
        }
    }

    /// The private body: unlabelled parts as paragraphs, labelled ones as a list, and a
    /// closing line that says where the item came from.
    fn body(&self, row: &Row) -> String {
        let mut paragraphs = Vec::new();
        let mut items = Vec::new();
        for part in &self.mapping.body {
            let Some(&index) = self.columns.get(part.column.as_str()) else { continue };
            let cleaning = Cleaning { html: part.html, ..Cleaning::default() };
            let text = clean_cell(row.cell(index), &cleaning);
            if text.is_empty() {
                continue;
            }
            match &part.label {
                Some(label) => items.push(format!("- {label}: {}", text.replace('\n', "\n  "))),
                None => paragraphs.push(text),
            }
        }
        if !items.is_empty() {
            paragraphs.push(items.join("\n"));
        }
        let provenance = messages::import_provenance(&self.file_name, row.number);
        paragraphs.push(format!("_{}_", provenance.get(self.repo.config.lang)));
        paragraphs.join("\n\n") + "\n"
    }
}

fn note(row: usize, code: &'static str, message: Message) -> RowNote {
    RowNote { row, code, message }
}

fn rule_columns(rule: &Rule) -> Vec<String> {
    match &rule.source {
        Source::Columns { names, .. } => names.clone(),
        _ => Vec::new(),
    }
}

/// Looks up every column the mapping names. A missing column that a required field
/// depends on (with no default to fall back on) stops the import; any other missing
/// column only earns a note, and its cells read as empty.
fn find_columns<'a>(
    mapping: &'a Mapping,
    table: &Table,
    notes: &mut Vec<RowNote>,
) -> Result<HashMap<&'a str, usize>, ImportError> {
    let header_row = mapping.table.header_row;
    let mut found = HashMap::new();
    let mut fatal = Vec::new();
    for name in mapping.columns() {
        if let Some(index) = table.column(name) {
            let same = table
                .headers
                .iter()
                .filter(|h| table::normalise_name(h) == table::normalise_name(name));
            if same.count() > 1 {
                notes.push(note(header_row, "duplicate-column", messages::duplicate_column(name)));
            }
            found.insert(name, index);
            continue;
        }
        let suggestion =
            messages::suggest(name, table.headers.iter().map(String::as_str)).map(String::from);
        let needed = mapping.rules.iter().any(|r| {
            (r.field.is_required() || r.field == Field::Received)
                && r.default.is_none()
                && rule_columns(r).iter().any(|c| c == name)
                && rule_columns(r).iter().all(|c| table.column(c).is_none())
        });
        if needed {
            fatal.push((name.to_string(), suggestion));
        } else {
            let message = messages::column_missing(name, suggestion.as_deref());
            notes.push(note(header_row, "missing-column", message));
        }
    }
    if fatal.is_empty() { Ok(found) } else { Err(ImportError::MissingColumns { columns: fatal }) }
}

fn clean_cell(cell: &str, cleaning: &Cleaning) -> String {
    let text = if cleaning.html { clean::html_to_text(cell) } else { clean::tidy(cell) };
    if cleaning.strip_leading.is_empty() && !cleaning.strip_stamps {
        return text;
    }
    clean::strip_leading(&text, &cleaning.strip_leading, cleaning.strip_stamps).to_string()
}

/// The sector whose topic list covers `topic` most specifically.
fn handling_sector<'s>(sectors: &'s [Sector], topic: &str) -> Option<&'s Sector> {
    sectors
        .iter()
        .filter_map(|s| {
            let best = s.topics.iter().filter(|t| covers(t, topic)).map(String::len).max()?;
            Some((best, s))
        })
        .max_by_key(|(length, _)| *length)
        .map(|(_, s)| s)
}

/// Reads a date or date-time written in `source` (offset-less times are local there) and
/// converts it into `zone`. Fractional seconds are dropped. A local time that the clock
/// change repeats is read as the earlier instant, and the second value says so.
fn read_moment(text: &str, source: Tz, zone: Tz) -> Result<(Moment, bool), DateError> {
    let text = without_fraction(text.trim());
    match dates::parse_moment(text, source) {
        Ok((Moment::Day(day), _)) => Ok((Moment::Day(day), false)),
        Ok((Moment::At(t), _)) => Ok((Moment::At(t.with_timezone(&zone).fixed_offset()), false)),
        Err(DateError::NoSuchLocalTime) => {
            let naive = dates::parse_naive_date_time(text)?;
            match source.from_local_datetime(&naive) {
                chrono::LocalResult::Ambiguous(earlier, _) => {
                    Ok((Moment::At(earlier.with_timezone(&zone).fixed_offset()), true))
                }
                _ => Err(DateError::NoSuchLocalTime),
            }
        }
        Err(e) => Err(e),
    }
}

/// `2022-01-18 15:08:24.983` → `2022-01-18 15:08:24`; other text unchanged.
fn without_fraction(text: &str) -> &str {
    let Some((head, fraction)) = text.rsplit_once('.') else { return text };
    let seconds = head.len() >= 8 && head.as_bytes()[head.len() - 3] == b':';
    if seconds && !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit()) {
        head
    } else {
        text
    }
}

/// Rows whose dates contradict their status are skipped rather than written: `check`
/// would reject them, and the register must not claim an answer it cannot date.
fn check_dates(
    status: Status,
    received: Moment,
    answered: Option<Moment>,
    row: usize,
    answered_columns: Vec<String>,
) -> Result<(), RowNote> {
    match answered {
        None if status.is_answered() => {
            let message = messages::status_needs_answer_date(status.name(), &answered_columns);
            Err(note(row, "no-answer-date", message))
        }
        Some(answered) if before(answered, received) => {
            Err(note(row, "date-order", messages::answered_before_received()))
        }
        _ => Ok(()),
    }
}

/// Whether `a` is strictly before `b`: as instants when both have one, else as local days.
fn before(a: Moment, b: Moment) -> bool {
    match (a.instant(), b.instant()) {
        (Some(a), Some(b)) => a < b,
        _ => a.day() < b.day(),
    }
}

/// Numbers and writes the drafts in row order.
fn write_all(
    root: &Path,
    drafts: Vec<Draft>,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    let mut last = taken_numbers(&root.join(load::APPEALS));
    for mut draft in drafts {
        let year = draft.appeal.received.day().year();
        let folder = root.join(load::APPEALS).join(year.to_string());
        loop {
            let number = last.entry(year).or_insert(0);
            *number += 1;
            draft.appeal.id = format!("{year}-{:04}", *number);
            let file = format!("{}/{year}/{}.md", load::APPEALS, draft.appeal.id);
            let text = render(&draft.appeal);
            let fits = front_matter::split(&text).is_ok() && text.len() as u64 <= load::MAX_FILE;
            if !fits {
                let message = messages::item_too_large(load::MAX_FILE / 1024);
                report.skipped.push(note(draft.row, "too-large", message));
                *number -= 1;
                break;
            }
            if !report.dry_run {
                match write_new(&folder, &draft.appeal.id, &text) {
                    Ok(true) => {}
                    Ok(false) => continue,
                    Err((path, e)) => {
                        return Err(ImportError::Write {
                            path,
                            detail: e.to_string(),
                            report: Box::new(std::mem::take(report)),
                        });
                    }
                }
            }
            report.written.push(Imported { row: draft.row, id: draft.appeal.id.clone(), file });
            break;
        }
    }
    Ok(())
}

/// The highest number used in each year by the files under `appeals/`, whatever their
/// content: a broken file still holds its number.
fn taken_numbers(folder: &Path) -> BTreeMap<i32, u32> {
    let mut last: BTreeMap<i32, u32> = BTreeMap::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().is_ok_and(|t| t.is_dir()) && !name.starts_with('.') {
                pending.push(path);
            } else if let Some((year, number)) = name.strip_suffix(".md").and_then(parse_id) {
                let entry = last.entry(year).or_insert(0);
                *entry = (*entry).max(number);
            }
        }
    }
    last
}

/// Writes `text` as `folder/<id>.md` if no such file exists. Returns `Ok(false)` when the
/// name is taken. The text goes to a hidden temporary file first, which is then linked
/// to the final name: the link fails instead of replacing a file, and a reader never sees
/// a partly written appeal.
fn write_new(folder: &Path, id: &str, text: &str) -> Result<bool, (PathBuf, std::io::Error)> {
    std::fs::create_dir_all(folder).map_err(|e| (folder.to_path_buf(), e))?;
    let target = folder.join(format!("{id}.md"));
    if target.exists() {
        return Ok(false);
    }
    let temporary = folder.join(format!(".{id}.md.{}.tmp", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut f| f.write_all(text.as_bytes()));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err((temporary, e));
    }
    let linked = std::fs::hard_link(&temporary, &target);
    let _ = std::fs::remove_file(&temporary);
    match linked {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(_) => write_without_link(&target, text).map_err(|e| (target, e)),
    }
}

/// For file systems without hard links: create the file exclusively and remove it again
/// if the write fails, so that no partial appeal remains.
fn write_without_link(target: &Path, text: &str) -> std::io::Result<bool> {
    let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(target) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(e),
    };
    if let Err(e) = file.write_all(text.as_bytes()) {
        let _ = std::fs::remove_file(target);
        return Err(e);
    }
    Ok(true)
}

/// The text of an appeal file in the format of DESIGN.md: fields in the documented order,
/// identifiers plain, free text and codes quoted, the applicant block last, then the body.
pub fn render(a: &Appeal) -> String {
    let mut y = String::from("---\n");
    let mut put = |key: &str, value: String| {
        y.push_str(key);
        y.push_str(": ");
        y.push_str(&value);
        y.push('\n');
    };
    // Ids are validated `YYYY-NNNN`, which no YAML reader takes for anything but text.
    put("id", a.id.clone());
    put("kind", a.kind.name().into());
    put("channel", a.channel.name().into());
    if let Some(x) = &a.external_id {
        put("external_id", quote(x));
    }
    put("received", a.received.iso());
    if let Some(r) = &a.registered {
        put("registered", r.iso());
    }
    put("topic", quote(&a.topic));
    put("sector", scalar(&a.sector));
    put("locality", scalar(&a.locality));
    if let Some(x) = &a.assignee {
        put("assignee", scalar(x));
    }
    put("status", a.status.name().into());
    if a.urgent {
        put("urgent", "true".into());
    }
    if let Some(f) = &a.first_response {
        put("first_response", f.iso());
    }
    if let Some(d) = a.due {
        put("due", d.format("%Y-%m-%d").to_string());
    }
    if let Some(x) = &a.answered {
        put("answered", x.iso());
    }
    if let Some(r) = a.result {
        put("result", r.name().into());
    }
    if let Some(r) = a.rating {
        put("rating", r.to_string());
    }
    if let Some(x) = a.agrees {
        put("agrees", x.to_string());
    }
    if let Some(x) = &a.reason {
        put("reason", quote(x));
    }
    if let Some(x) = a.public {
        put("public", x.to_string());
    }
    if let Some(x) = &a.public_summary {
        put("public_summary", quote(x));
    }
    if let Some(x) = &a.answer_summary {
        put("answer_summary", quote(x));
    }
    let applicant = [
        ("name", &a.applicant.name),
        ("contact", &a.applicant.contact),
        ("address", &a.applicant.address),
    ];
    if applicant.iter().any(|(_, v)| v.is_some()) {
        y.push_str("applicant:\n");
        for (key, value) in applicant {
            if let Some(v) = value {
                y.push_str(&format!("  {key}: {}\n", quote(v)));
            }
        }
    }
    y.push_str("---\n");
    y.push_str(&a.body);
    y
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America::New_York, Asia::Barnaul};

    fn sample() -> Appeal {
        let text = "---\nid: 2026-0042\nkind: appeal\nchannel: pos\nreceived: 2026-03-02\n\
            topic: \"0003.0009\"\nsector: roads\nlocality: Катанда\nstatus: new\n---\nТекст\n";
        let (a, d) = crate::appeal::read(text, "a.md", "2026-0042", Barnaul);
        assert!(d.is_empty(), "{d:?}");
        a.unwrap()
    }

    #[test]
    fn every_field_renders_and_reads_back_the_same() {
        let mut a = sample();
        let (at, _) = read_moment("2026-03-02 10:15", Barnaul, Barnaul).unwrap();
        a.external_id = Some("ПОС-18234411 \"x\": #1".into());
        a.received = at;
        a.registered = Some(Moment::Day(NaiveDate::from_ymd_opt(2026, 3, 3).unwrap()));
        a.assignee = Some("i.petrova".into());
        a.status = Status::Closed;
        a.urgent = true;
        a.first_response = Some(at);
        a.due = NaiveDate::from_ymd_opt(2026, 4, 2);
        a.answered = Some(Moment::Day(NaiveDate::from_ymd_opt(2026, 3, 20).unwrap()));
        a.result = Some(Outcome::Explained);
        a.rating = Some(4);
        a.agrees = Some(false);
        a.reason = Some("- line one\nline two".into());
        a.public = Some(true);
        a.public_summary = Some("Яма: у школы # срочно".into());
        a.answer_summary = Some("yes".into());
        a.applicant = Applicant {
            name: Some("Тестов Т. Т.".into()),
            contact: Some("[телефон]".into()),
            address: Some("ул. Центральная, [№]".into()),
        };
        let text = render(&a);
        let (back, d) = crate::appeal::read(&text, "a.md", "2026-0042", Barnaul);
        assert!(d.is_empty(), "{d:?}\n{text}");
        let back = back.unwrap();
        let unplaced = |a: Appeal| Appeal { places: BTreeMap::new(), ..a };
        assert_eq!(unplaced(back), unplaced(a));
    }

    #[test]
    fn the_file_follows_the_documented_layout() {
        let mut a = sample();
        a.public_summary = Some("Яма у школы".into());
        assert_eq!(
            render(&a),
            "---\nid: 2026-0042\nkind: appeal\nchannel: pos\nreceived: 2026-03-02\n\
             topic: \"0003.0009\"\nsector: roads\nlocality: Катанда\nstatus: new\n\
             public_summary: \"Яма у школы\"\n---\nТекст\n"
        );
    }

    #[test]
    fn new_york_wall_clock_times_are_converted_not_relabelled() {
        let (m, ambiguous) = read_moment("2022-01-17 11:20:00", New_York, Barnaul).unwrap();
        assert_eq!((m.iso().as_str(), ambiguous), ("2022-01-17T23:20:00+07:00", false));
        let (m, _) = read_moment("2022-07-28 20:30:00.123", New_York, Barnaul).unwrap();
        assert_eq!(m.iso(), "2022-07-29T07:30:00+07:00");
        let (m, _) = read_moment("06.01.2026", New_York, Barnaul).unwrap();
        assert_eq!(m, Moment::Day(NaiveDate::from_ymd_opt(2026, 1, 6).unwrap()));
    }

    #[test]
    fn the_repeated_autumn_hour_is_read_as_the_earlier_one() {
        let (m, ambiguous) = read_moment("2023-11-05 01:56:00", New_York, Barnaul).unwrap();
        assert!(ambiguous);
        assert_eq!(m.iso(), "2023-11-05T12:56:00+07:00");
        assert_eq!(
            read_moment("2023-03-12 02:30:00", New_York, Barnaul),
            Err(DateError::NoSuchLocalTime)
        );
        assert!(read_moment("31.02.2026", New_York, Barnaul).is_err());
        assert_eq!(read_moment("17/01/2022", New_York, Barnaul), Err(DateError::Shape));
    }

    #[test]
    fn fractions_of_seconds_are_dropped_only_after_seconds() {
        assert_eq!(without_fraction("2022-01-18 15:08:24.983"), "2022-01-18 15:08:24");
        assert_eq!(without_fraction("05.03.2026"), "05.03.2026");
        assert_eq!(without_fraction("2022-01-18 15:08:24.x"), "2022-01-18 15:08:24.x");
    }

    #[test]
    fn the_most_specific_sector_handles_a_topic() {
        let sector = |id: &str, topics: &[&str]| Sector {
            id: id.into(),
            file: String::new(),
            title: id.into(),
            lead: "a".into(),
            members: Vec::new(),
            public_items: true,
            topics: topics.iter().map(|t| t.to_string()).collect(),
            description: String::new(),
            places: BTreeMap::new(),
        };
        let sectors = [sector("economy", &["0003"]), sector("roads", &["0003.0009.0099"])];
        let found = |t| handling_sector(&sectors, t).map(|s| s.id.as_str());
        assert_eq!(found("0003.0009.0099.0742"), Some("roads"));
        assert_eq!(found("0003.0011"), Some("economy"));
        assert_eq!(found("0005.0005"), None);
    }

    #[test]
    fn answers_need_a_date_that_is_not_before_the_receipt() {
        let day = |d| Moment::Day(NaiveDate::from_ymd_opt(2026, 3, d).unwrap());
        let columns = vec!["CLOSED_DT".to_string()];
        let e = check_dates(Status::Closed, day(2), None, 7, columns.clone()).unwrap_err();
        assert_eq!((e.row, e.code), (7, "no-answer-date"));
        assert!(e.message.get(Lang::En).contains("\"CLOSED_DT\""));
        let e = check_dates(Status::Answered, day(5), Some(day(4)), 8, columns.clone());
        assert_eq!(e.unwrap_err().code, "date-order");
        assert!(check_dates(Status::New, day(5), None, 9, columns.clone()).is_ok());
        assert!(check_dates(Status::Closed, day(5), Some(day(5)), 9, columns).is_ok());
    }

    #[test]
    fn every_preset_reads_and_an_unknown_name_gets_a_suggestion() {
        for name in preset_names() {
            let m = Mapping::preset(name).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert!(!m.rules.is_empty());
        }
        let e = Mapping::preset("boston").unwrap_err();
        assert_eq!(
            e.message().get(Lang::En),
            "no built-in mapping \"boston\" — did you mean \"boston311\"?; there are: pos, kursk, boston311"
        );
    }

    /// Every topic a preset can produce must belong to exactly one scratch sector, or an
    /// import into a scratch repository would fail `check`.
    #[test]
    fn every_preset_topic_lies_in_exactly_one_scratch_sector() {
        for name in preset_names() {
            let m = Mapping::preset(name).unwrap();
            for topic in m.rule(Field::Topic).unwrap().outcomes() {
                let holders: Vec<&str> = DEMO_SECTORS
                    .iter()
                    .filter(|s| s.topics.iter().any(|t| covers(t, topic)))
                    .map(|s| s.id)
                    .collect();
                assert_eq!(holders.len(), 1, "{name}: {topic} is in {holders:?}");
            }
            if let Some(sector) = m.rule(Field::Sector) {
                for id in sector.outcomes() {
                    assert!(DEMO_SECTORS.iter().any(|s| s.id == id), "{name}: sector {id}");
                }
            }
        }
    }

    #[test]
    fn scratch_sectors_do_not_share_topics() {
        let all: Vec<&str> = DEMO_SECTORS.iter().flat_map(|s| s.topics.iter().copied()).collect();
        for a in &all {
            for b in &all {
                assert!(a == b || (!covers(a, b) && !covers(b, a)), "{a} and {b} overlap");
            }
        }
    }
}
