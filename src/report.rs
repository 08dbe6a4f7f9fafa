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
    if !register.accepted.is_empty() {
        let commits: std::collections::BTreeSet<&str> =
            register.accepted.iter().map(|a| a.commit.as_str()).collect();
        let line = crate::messages::accepted_findings(register.accepted.len(), commits.len());
        out.push_str(line.get(style.lang));
        out.push('\n');
    }
    out
}

/// The closing line: how many items, errors and warnings.
pub fn summary(items: usize, tally: Tally, lang: Lang) -> String {
    crate::messages::check_summary(items, tally.errors, tally.warnings).get(lang).to_string()
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

/// The byte range of the word that starts at character `column` (from 0): up to the next
/// whitespace, at least one character, always on character boundaries.
fn token_at(line: &str, column: usize) -> std::ops::Range<usize> {
    let start = line.char_indices().nth(column).map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let first = rest.chars().next().map_or(0, char::len_utf8);
    let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
    start..start + word.max(first)
}

/// The source line of an error with a caret under the column, read back from the file.
fn excerpt(d: &Diagnostic, root: &Path, style: TextStyle) -> Option<String> {
    let at = d.at?;
    let bytes = std::fs::read(root.join(&d.file)).ok()?;
    let text = crate::front_matter::normalise(&bytes)?;
    let line = text.lines().nth(at.line.checked_sub(1)? as usize)?;
    let span = token_at(line, at.column.saturating_sub(1) as usize);
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
    let items = register
        .repo
        .appeals
        .iter()
        .zip(&register.deadlines)
        .map(|(a, dl)| item(a, dl, lang))
        .collect();
    json_of(register.today, &register.diagnostics, items, lang)
}

/// The JSON report when `otklik.yaml` stops everything: the same shape, no items, the
/// configuration's problems as diagnostics, so that a tool reading the report always
/// gets one.
pub fn json_problems(today: chrono::NaiveDate, problems: &[Diagnostic], lang: Lang) -> String {
    json_of(today, problems, Vec::new(), lang)
}

fn json_of(
    today: chrono::NaiveDate,
    problems: &[Diagnostic],
    items: Vec<ItemJson<'_>>,
    lang: Lang,
) -> String {
    let tally = Tally::of(problems);
    let diagnostics = problems
        .iter()
        .map(|d| DiagnosticJson {
            severity: d.severity,
            code: d.code,
            file: &d.file,
            line: d.at.map(|p| p.line),
            column: d.at.map(|p| p.column),
            message: d.message.get(lang),
        })
        .collect();
    let report = CheckJson {
        today: today.format("%Y-%m-%d").to_string(),
        summary: SummaryJson { items: items.len(), errors: tally.errors, warnings: tally.warnings },
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

/// FNV-1a, 64 bits: a small, stable, dependency-free hash. GitLab tells new problems from
/// old ones by their fingerprints, so this function and its input must never change.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET, |hash, b| (hash ^ u64::from(*b)).wrapping_mul(PRIME))
}

/// The fingerprint of a diagnostic: FNV-1a 64 in hex over its code, file, line and English
/// message, separated by NUL bytes. The English text is used whatever the report's
/// language, so switching `--lang` does not make every problem look new. A repeat of the
/// same problem at the same line gets its occurrence number hashed in as well.
fn fingerprint(d: &Diagnostic, occurrence: u32) -> String {
    let line = d.at.map_or(0, |p| p.line);
    let mut input = format!("{}\0{}\0{line}\0{}", d.code, d.file, d.message.get(Lang::En));
    if occurrence > 0 {
        input.push_str(&format!("\0{occurrence}"));
    }
    format!("{:016x}", fnv1a64(input.as_bytes()))
}

#[derive(Serialize)]
struct CodeQualityIssue<'a> {
    description: &'a str,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: CodeQualityLocation<'a>,
}

#[derive(Serialize)]
struct CodeQualityLocation<'a> {
    path: &'a str,
    lines: CodeQualityLines,
}

#[derive(Serialize)]
struct CodeQualityLines {
    begin: u32,
}

/// GitLab's Code Quality report: a JSON array of issues, errors as `major` and warnings as
/// `minor`, so that problems show in the merge request's diff. A problem without a line
/// is placed on line 1.
pub fn gitlab(register: &Register, lang: Lang) -> String {
    gitlab_issues(&register.diagnostics, lang)
}

/// The Code Quality report of a list of diagnostics, for when no register could be
/// assembled (a broken `otklik.yaml`): CI still gets a report it can read.
pub fn gitlab_issues(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    let issues: Vec<CodeQualityIssue> = diagnostics
        .iter()
        .map(|d| {
            let first = fingerprint(d, 0);
            let occurrence = seen.entry(first).or_default();
            let fingerprint = fingerprint(d, *occurrence);
            *occurrence += 1;
            CodeQualityIssue {
                description: d.message.get(lang),
                check_name: d.code,
                fingerprint,
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: CodeQualityLocation {
                    path: &d.file,
                    lines: CodeQualityLines { begin: d.at.map_or(1, |p| p.line) },
                },
            }
        })
        .collect();
    serde_json::to_string_pretty(&issues).expect("the report holds only strings and numbers")
}

/// GitHub Actions workflow commands, one `::error` or `::warning` line per diagnostic
/// (shown as annotations on the pull request's files), then the summary line.
pub fn github(register: &Register, lang: Lang) -> String {
    let mut out = github_commands(&register.diagnostics, lang);
    let tally = Tally::of(&register.diagnostics);
    out.push_str(&summary(register.repo.appeals.len(), tally, lang));
    out.push('\n');
    out
}

/// The workflow commands of a list of diagnostics, without the summary line.
pub fn github_commands(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = vec![format!("file={}", github_property(&d.file))];
        if let Some(at) = d.at {
            properties.push(format!("line={}", at.line));
            properties.push(format!("col={}", at.column));
        }
        properties.push(format!("title={}", github_property(&format!("otklik {}", d.code))));
        let message = github_data(d.message.get(lang));
        out.push_str(&format!("::{command} {}::{message}\n", properties.join(",")));
    }
    out
}

/// Escapes a workflow command's message: `%`, CR and LF.
fn github_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value: as a message, plus `:` and `,`, which
/// would otherwise end the value.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::front_matter::Pos;

    fn register(diagnostics: Vec<Diagnostic>) -> Register {
        let text = "municipality:\n  name: Т\n  time_zone: Asia/Barnaul\n\
            roles: { curator: a, head: a, coordinator: a }\nstaff:\n  - { id: a, name: А }\n";
        let (config, _) = crate::config::read(text).unwrap();
        let repo = crate::load::Repository {
            root: std::path::PathBuf::from("."),
            config,
            sectors: Vec::new(),
            appeals: Vec::new(),
            discussions: Vec::new(),
            diagnostics: Vec::new(),
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        Register {
            repo,
            history: Default::default(),
            deadlines: Vec::new(),
            diagnostics,
            accepted: Vec::new(),
            today,
        }
    }

    #[test]
    fn the_caret_spans_a_whole_word_on_character_boundaries() {
        assert_eq!(token_at("sector: roads", 8), 8..13);
        assert_eq!(token_at("locality: Тюнгур x", 10), 10..22);
        assert_eq!(token_at("a:\u{a0}b", 2), 2..4);
        assert_eq!(token_at("short", 40), 5..5);
    }

    fn sample() -> Vec<Diagnostic> {
        let at = Some(Pos { line: 7, column: 9 });
        vec![
            Diagnostic::error(
                "unknown-field",
                "appeals/2026/2026-0042.md",
                at,
                crate::messages::unknown_field("asignee", Some("assignee")),
            ),
            Diagnostic::warning(
                "no-settlements",
                "otklik.yaml",
                None,
                crate::messages::no_settlements(),
            ),
        ]
    }

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn the_gitlab_report_has_every_field_and_stable_fingerprints() {
        let report = gitlab(&register(sample()), Lang::Ru);
        let issues: serde_json::Value = serde_json::from_str(&report).unwrap();
        let first = &issues[0];
        assert_eq!(first["check_name"], "unknown-field");
        assert_eq!(first["severity"], "major");
        assert_eq!(first["location"]["path"], "appeals/2026/2026-0042.md");
        assert_eq!(first["location"]["lines"]["begin"], 7);
        assert_eq!(first["description"], "неизвестное поле «asignee» — может быть, «assignee»?");
        assert_eq!(issues[1]["severity"], "minor");
        assert_eq!(issues[1]["location"]["lines"]["begin"], 1);

        let expected = fnv1a64(
            "unknown-field\0appeals/2026/2026-0042.md\x007\x00unknown field \"asignee\" — did you mean \"assignee\"?"
                .as_bytes(),
        );
        assert_eq!(first["fingerprint"], format!("{expected:016x}"));
        let english: serde_json::Value =
            serde_json::from_str(&gitlab(&register(sample()), Lang::En)).unwrap();
        assert_eq!(english[0]["fingerprint"], first["fingerprint"]);
    }

    #[test]
    fn a_repeated_problem_gets_its_own_fingerprint() {
        let mut twice = sample();
        twice.push(twice[0].clone());
        let issues: serde_json::Value =
            serde_json::from_str(&gitlab(&register(twice), Lang::Ru)).unwrap();
        assert_ne!(issues[0]["fingerprint"], issues[2]["fingerprint"]);
    }

    #[test]
    fn github_annotations_escape_messages_and_properties() {
        let odd = Diagnostic::error(
            "yaml-syntax",
            "appeals/a,b:c.md",
            Some(Pos { line: 3, column: 1 }),
            crate::messages::yaml_syntax(&crate::front_matter::YamlProblem::Other(
                "50% done\r\nnext".into(),
            )),
        );
        let out = github(&register(vec![odd]), Lang::En);
        let first = out.lines().next().unwrap();
        assert_eq!(
            first,
            "::error file=appeals/a%2Cb%3Ac.md,line=3,col=1,title=otklik yaml-syntax::YAML syntax error: 50%25 done%0D%0Anext"
        );
        assert_eq!(out.lines().last(), Some("Checked 0 items: 1 error, 0 warnings"));
    }

    #[test]
    fn github_warnings_without_a_place_name_only_the_file() {
        let out = github(&register(sample()), Lang::Ru);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with(
            "::error file=appeals/2026/2026-0042.md,line=7,col=9,title=otklik unknown-field::"
        ));
        assert!(lines[1].starts_with("::warning file=otklik.yaml,title=otklik no-settlements::"));
    }
}
