//! The check report in the forms people and machines read: text grouped by file with
//! source excerpts, and the JSON of DESIGN.md.

use crate::deadline::Deadline;
use crate::diagnostic::{Diagnostic, DiagnosticJson, Severity, Tally};
use crate::fields::Choice;
use crate::messages::Lang;
use crate::register::Register;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde::Serialize;
use std::path::Path;

/// How to draw the text report.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    /// Interface language.
    pub lang: Lang,
    /// Whether to use terminal colours.
    pub color: bool,
}

/// Every diagnostic grouped by file, errors with the offending source line, then one
/// summary line.
pub fn text(register: &Register, style: TextStyle) -> String {
    let mut out = String::new();
    let mut current: Option<&str> = None;
    for d in &register.diagnostics {
        if current != Some(d.file.as_str()) {
            if current.is_some() {
                out.push('\n');
            }
            current = Some(&d.file);
        }
        out.push_str(&one(d, &register.repo.root, style));
        out.push('\n');
    }
    if !register.diagnostics.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary(
        register.repo.appeals.len(),
        Tally::of(&register.diagnostics),
        style.lang,
    ));
    out.push('\n');
    out
}

/// The closing line: how many items, errors and warnings.
pub fn summary(items: usize, tally: Tally, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!(
            "Проверено обращений: {items}; ошибок: {}; предупреждений: {}",
            tally.errors, tally.warnings
        ),
        Lang::En => {
            format!("Checked {items} items: {} errors, {} warnings", tally.errors, tally.warnings)
        }
    }
}

fn one(d: &Diagnostic, root: &Path, style: TextStyle) -> String {
    let label = match (d.severity, style.lang) {
        (Severity::Error, Lang::Ru) => "ошибка",
        (Severity::Warning, Lang::Ru) => "предупреждение",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
    };
    let head = format!("{}: {label}: {} [{}]", place(d), d.message.get(style.lang), d.code);
    if d.severity != Severity::Error {
        return head;
    }
    match excerpt(d, root, style) {
        Some(ex) => format!("{head}\n{ex}"),
        None => head,
    }
}

fn place(d: &Diagnostic) -> String {
    match d.at {
        Some(p) => format!("{}:{}:{}", d.file, p.line, p.column),
        None => d.file.clone(),
    }
}

/// The source line of an error with a caret under the column, read back from the file.
fn excerpt(d: &Diagnostic, root: &Path, style: TextStyle) -> Option<String> {
    let at = d.at?;
    let bytes = std::fs::read(root.join(&d.file)).ok()?;
    let text = crate::front_matter::normalise(&bytes)?;
    let line = text.lines().nth(at.line.checked_sub(1)? as usize)?;
    let start = line
        .char_indices()
        .nth(at.column.saturating_sub(1) as usize)
        .map_or(line.len(), |(i, _)| i);
    let end = line[start..]
        .find(char::is_whitespace)
        .map_or(line.len(), |i| start + i)
        .max(start + 1)
        .min(line.len().max(start));
    let span = if start < line.len() {
        start..end.max(start + 1).min(line.len())
    } else {
        line.len()..line.len()
    };
    let snippet = Snippet::source(line)
        .line_start(at.line as usize)
        .annotation(AnnotationKind::Primary.span(span).label(""));
    let report = &[Level::ERROR.primary_title("").element(snippet)];
    let renderer = if style.color { Renderer::styled() } else { Renderer::plain() };
    let rendered = renderer.render(report).to_string();
    // The first line repeats an empty title; the excerpt itself is what we want.
    Some(rendered.lines().skip(1).collect::<Vec<_>>().join("\n"))
}

#[derive(Serialize)]
struct CheckJson<'a> {
    today: String,
    summary: SummaryJson,
    diagnostics: Vec<DiagnosticJson<'a>>,
    items: Vec<ItemJson<'a>>,
}

#[derive(Serialize)]
struct SummaryJson {
    items: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct ItemJson<'a> {
    id: &'a str,
    kind: &'static str,
    status: &'static str,
    sector: &'a str,
    assignee: Option<&'a str>,
    start: String,
    due: Option<String>,
    deadline_state: crate::deadline::DeadlineState,
    rule: &'a str,
    skipped_days_off: Vec<String>,
}

/// The JSON report of DESIGN.md: summary, diagnostics and per-item deadline figures.
pub fn json(register: &Register, lang: Lang) -> String {
    let tally = Tally::of(&register.diagnostics);
    let messages: Vec<&str> = register.diagnostics.iter().map(|d| d.message.get(lang)).collect();
    let diagnostics = register
        .diagnostics
        .iter()
        .zip(&messages)
        .map(|(d, m)| DiagnosticJson {
            severity: d.severity,
            code: d.code,
            file: &d.file,
            line: d.at.map(|p| p.line),
            column: d.at.map(|p| p.column),
            message: m,
        })
        .collect();
    let items = register
        .repo
        .appeals
        .iter()
        .zip(&register.deadlines)
        .map(|(a, dl)| item(a, dl, lang))
        .collect();
    let report = CheckJson {
        today: register.today.format("%Y-%m-%d").to_string(),
        summary: SummaryJson {
            items: register.repo.appeals.len(),
            errors: tally.errors,
            warnings: tally.warnings,
        },
        diagnostics,
        items,
    };
    serde_json::to_string_pretty(&report).expect("the report holds only strings and numbers")
}

fn item<'a>(a: &'a crate::appeal::Appeal, d: &'a Deadline, lang: Lang) -> ItemJson<'a> {
    ItemJson {
        id: &a.id,
        kind: a.kind.name(),
        status: a.status.name(),
        sector: &a.sector,
        assignee: a.assignee.as_deref(),
        start: d.start.iso(),
        due: Some(d.due.iso()),
        deadline_state: d.state,
        rule: d.rule.get(lang),
        skipped_days_off: d
            .skipped_days_off
            .iter()
            .map(|x| x.format("%Y-%m-%d").to_string())
            .collect(),
    }
}
