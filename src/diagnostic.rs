//! Problems found in a repository, as values: what, where, and how serious.
//!
//! The library never prints. Every stage returns [`Diagnostic`]s; the command line decides
//! how to show them (text grouped by file, JSON, CI annotations).

use crate::front_matter::Pos;
use crate::messages::{Lang, Message};
use serde::Serialize;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The repository is wrong; `check` fails and `build` refuses.
    Error,
    /// Worth attention (an overdue item, a guessed time zone); fails only with `--strict`.
    Warning,
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable machine code, e.g. `unknown-field`.
    pub code: &'static str,
    /// Path relative to the repository root, with `/` separators.
    pub file: String,
    /// Where in the file, if known.
    pub at: Option<Pos>,
    /// What is wrong and what to do, in every supported language.
    pub message: Message,
}

impl Diagnostic {
    /// An error at a place.
    pub fn error(code: &'static str, file: &str, at: Option<Pos>, message: Message) -> Self {
        Diagnostic { severity: Severity::Error, code, file: file.to_string(), at, message }
    }

    /// A warning at a place.
    pub fn warning(code: &'static str, file: &str, at: Option<Pos>, message: Message) -> Self {
        Diagnostic { severity: Severity::Warning, code, file: file.to_string(), at, message }
    }

    /// `file:line:column: text`, the way compilers print places.
    pub fn one_line(&self, lang: Lang) -> String {
        match self.at {
            Some(p) => format!("{}:{}:{}: {}", self.file, p.line, p.column, self.message.get(lang)),
            None => format!("{}: {}", self.file, self.message.get(lang)),
        }
    }
}

/// The machine-readable form used by `check --format json` (DESIGN.md).
#[derive(Debug, Serialize)]
pub struct DiagnosticJson<'a> {
    /// `error` or `warning`.
    pub severity: Severity,
    /// Stable code.
    pub code: &'a str,
    /// Repository-relative path.
    pub file: &'a str,
    /// Line from 1, or null.
    pub line: Option<u32>,
    /// Column from 1, or null.
    pub column: Option<u32>,
    /// Text in the chosen language.
    pub message: &'a str,
}

/// Counts of errors and warnings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
}

impl Tally {
    /// Counts a list of diagnostics.
    pub fn of(diagnostics: &[Diagnostic]) -> Tally {
        let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        Tally { errors, warnings: diagnostics.len() - errors }
    }
}

/// Sorts diagnostics by file, then place, then code, so that reports are stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.file.as_str(), a.at, a.severity, a.code).cmp(&(
            b.file.as_str(),
            b.at,
            b.severity,
            b.code,
        ))
    });
}
