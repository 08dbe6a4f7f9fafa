//! Turning raw front-matter strings into typed values, reporting each bad one at its place.
//!
//! Front matter is read as text first (see `front_matter`); this module is where text
//! becomes dates, choices, numbers and flags. A bad value becomes a diagnostic and `None`,
//! so that one typo does not hide the other problems of the same file.

use crate::dates::{self, DateError, Moment, Reading};
use crate::diagnostic::Diagnostic;
use crate::front_matter::{self, Checked, FieldSet, Located, Pos};
use crate::messages;
use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Deserialize;

/// A closed set of names, such as the statuses an appeal may have.
pub trait Choice: Sized + Copy + 'static {
    /// Every value, in documentation order.
    const ALL: &'static [Self];
    /// The name used in files.
    fn name(self) -> &'static str;
    /// Every name, in documentation order.
    fn names() -> Vec<&'static str> {
        Self::ALL.iter().map(|v| v.name()).collect()
    }
    /// The value with this name.
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.name() == name)
    }
}

/// Declares an enum whose values are written in files by their snake_case names.
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $text)] $variant),* }
        impl $crate::fields::Choice for $name {
            const ALL: &'static [Self] = &[$($name::$variant),*];
            fn name(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }
        }
    };
}
pub(crate) use choice;

/// Reads the fields of one file, collecting diagnostics as it goes.
pub struct FieldReader<'a> {
    /// Repository-relative path of the file.
    pub file: &'a str,
    /// The municipality's zone, for date-times.
    pub zone: Tz,
    /// Problems found so far.
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> FieldReader<'a> {
    /// A reader for `file`.
    pub fn new(file: &'a str, zone: Tz) -> Self {
        FieldReader { file, zone, diagnostics: Vec::new() }
    }

    /// Splits `text` at its front-matter fences and parses the front matter as `T`, noting
    /// a missing fence or broken YAML as this file's error. Returns the fields and the
    /// Markdown body, or `None` when there is nothing to read field by field.
    pub fn front_matter<'t, T: for<'de> Deserialize<'de>>(
        &mut self,
        text: &'t str,
    ) -> Option<(T, &'t str)> {
        let split = match front_matter::split(text) {
            Ok(split) => split,
            Err(e) => {
                self.error("front-matter", Pos::TOP, crate::load::split_message(&e));
                return None;
            }
        };
        match front_matter::parse(split.yaml) {
            Ok(raw) => Some((raw, split.body)),
            Err(e) => {
                let at = e.at.unwrap_or(Pos::TOP);
                self.error("yaml-syntax", at, messages::yaml_syntax(&e.problem));
                None
            }
        }
    }

    /// Records an error.
    pub fn error(&mut self, code: &'static str, at: Pos, message: messages::Message) {
        self.diagnostics.push(Diagnostic::error(code, self.file, Some(at), message));
    }

    /// Records a warning.
    pub fn warning(&mut self, code: &'static str, at: Pos, message: messages::Message) {
        self.diagnostics.push(Diagnostic::warning(code, self.file, Some(at), message));
    }

    /// Reports every unknown key of a mapping, with a hint when it looks like a typo.
    pub fn unknown_fields<T: FieldSet>(&mut self, checked: &Checked<T>) {
        for key in &checked.unknown {
            let suggestion = messages::suggest(&key.value, T::NAMES.iter().copied());
            self.error("unknown-field", key.at, messages::unknown_field(&key.value, suggestion));
        }
    }

    /// A field that must be present; reports its absence at `top`.
    pub fn required<T>(
        &mut self,
        field: Option<Located<T>>,
        name: &str,
        top: Pos,
    ) -> Option<Located<T>> {
        if field.is_none() {
            self.error("missing-field", top, messages::missing_field(name));
        }
        field
    }

    /// Non-empty trimmed text that must be present.
    pub fn required_text(
        &mut self,
        field: Option<Located<String>>,
        name: &str,
        top: Pos,
    ) -> Option<Located<String>> {
        let field = self.text(field);
        self.required(field, name, top)
    }

    /// Non-empty text, trimmed; empty text counts as absent.
    ///
    /// A YAML escape such as `"\0"` or `"\x1b"` can put a control character into the
    /// value even when the file itself has none; it is reported and replaced with U+FFFD.
    pub fn text(&mut self, field: Option<Located<String>>) -> Option<Located<String>> {
        let f = field?;
        let mut value = f.value.trim().to_string();
        if let Some(found) = value.chars().find(|&c| crate::load::is_stray_control(c)) {
            let count = value.chars().filter(|&c| crate::load::is_stray_control(c)).count();
            self.error("control-character", f.at, messages::control_character(found, count));
            value = crate::load::mend_controls(&value);
        }
        (!value.is_empty()).then_some(Located { value, at: f.at })
    }

    /// One of a closed set of names.
    pub fn choice<C: Choice>(&mut self, field: Option<&Located<String>>, name: &str) -> Option<C> {
        let f = field?;
        let value = f.value.trim();
        let found = C::from_name(value);
        if found.is_none() {
            let names = C::names();
            let suggestion = messages::suggest(value, names.iter().copied());
            self.error(
                "invalid-value",
                f.at,
                messages::bad_choice(name, value, &names, suggestion),
            );
        }
        found
    }

    /// A plain date.
    pub fn date(&mut self, field: Option<&Located<String>>, name: &str) -> Option<NaiveDate> {
        let f = field?;
        match dates::parse_date(&f.value) {
            Ok(d) => Some(d),
            Err(e) => {
                let m = date_problem(&e, name, f.value.trim(), messages::bad_date);
                self.error("invalid-date", f.at, m);
                None
            }
        }
    }

    /// A date or a date-time, converted into the municipality's zone.
    pub fn moment(&mut self, field: Option<&Located<String>>, name: &str) -> Option<Moment> {
        let f = field?;
        match dates::parse_moment(&f.value, self.zone) {
            Ok((m, Reading::Exact)) => Some(m),
            Ok((m, Reading::AssumedLocal)) => {
                let zone = self.zone.name();
                self.warning("assumed-local-time", f.at, messages::assumed_local_time(name, zone));
                Some(m)
            }
            Err(e) => {
                let m = date_problem(&e, name, f.value.trim(), messages::bad_moment);
                self.error("invalid-date", f.at, m);
                None
            }
        }
    }

    /// `true` or `false`, and nothing else: `yes`, `да` or `1` are reported, not guessed.
    pub fn flag(&mut self, field: Option<&Located<String>>, name: &str) -> Option<bool> {
        let f = field?;
        match f.value.trim() {
            "true" => Some(true),
            "false" => Some(false),
            other => {
                self.error("invalid-value", f.at, messages::bad_bool(name, other));
                None
            }
        }
    }

    /// A whole number within `min..=max`.
    pub fn number(
        &mut self,
        field: Option<&Located<String>>,
        name: &str,
        min: u32,
        max: u32,
    ) -> Option<u32> {
        let f = field?;
        match f.value.trim().parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                let range = format!("{min}–{max}");
                self.error(
                    "invalid-value",
                    f.at,
                    messages::bad_number(name, f.value.trim(), &range),
                );
                None
            }
        }
    }
}

/// What is wrong with a date that did not parse: a day the calendar lacks is named as
/// such, since its shape is right and "write 2026-03-05" would not help; any other text
/// gets `shape`, which shows the forms to write.
fn date_problem(
    e: &DateError,
    name: &str,
    value: &str,
    shape: fn(&str, &str) -> messages::Message,
) -> messages::Message {
    match *e {
        DateError::NoSuchDay { year, month, .. } => messages::no_such_day(name, value, year, month),
        _ => shape(name, value),
    }
}
