//! Editing an item's front matter in place, line by line, so that everything an edit does
//! not name stays byte for byte: comments, key order, quoting, blank lines, the body, CRLF
//! line ends and a byte-order mark.
//!
//! A YAML library that parses and re-serialises would lose comments and reorder keys, so
//! this module works on lines instead: it finds the lines of one top-level key and
//! replaces, removes or extends only them. After every edit it parses the old and the new
//! front matter (through `front_matter`, the only module that knows the YAML crate) and
//! checks that the new one means exactly the old one plus the requested change; any
//! surprise refuses the edit instead of writing a file that means something else.
//!
//! It also owns [`allowed`], the default status transition table that the edit commands
//! use to refuse an illegal change before touching a file.

use crate::appeal::{RawAppeal, Status};
use crate::front_matter::{self, FieldSet, SplitError, YamlError};
use crate::messages::{self, Lang, Message};
use std::fmt::Write as _;

/// Top-level keys of an appeal file in the order of DESIGN.md; a new key is written after
/// the nearest preceding key of this list that the file already has.
pub const FIELD_ORDER: &[&str] = <RawAppeal as FieldSet>::NAMES;

/// Whether the default workflow of DOMAIN.md lets an item move from `from` to `to`.
///
/// The history helper's `workflow` module will own the configurable table (with roles)
/// when the branches merge; this is the fixed default that the edit commands use until
/// then, and it must agree with that module's defaults.
pub fn allowed(from: Status, to: Status) -> bool {
    use Status::*;
    matches!(
        (from, to),
        (New, Assigned | Forwarded | LeftUnanswered)
            | (Assigned, InProgress | Answered | Forwarded | LeftUnanswered)
            | (InProgress, Answered | Forwarded | LeftUnanswered)
            | (Answered, Closed | InProgress)
            | (Closed, InProgress)
    )
}

/// A value to write into front matter.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Written as is when it is a safe plain scalar (a date, a status name, a staff id);
    /// quoted otherwise, so that a strange id can never break the YAML.
    Plain(String),
    /// Free text: always double-quoted.
    Text(String),
    /// A flow mapping such as `{ until: 2026-05-05, reason: "…" }`.
    Map(Vec<(String, Value)>),
    /// A flow sequence such as `[{ date: 2026-03-18 }]`.
    List(Vec<Value>),
}

impl Value {
    /// A plain value.
    pub fn plain(text: impl Into<String>) -> Value {
        Value::Plain(text.into())
    }

    /// A free-text value.
    pub fn text(text: impl Into<String>) -> Value {
        Value::Text(text.into())
    }

    /// The value as YAML in flow style, on one line.
    pub fn render(&self) -> String {
        match self {
            Value::Plain(s) if is_plain_safe(s) => s.clone(),
            Value::Plain(s) | Value::Text(s) => quote(s),
            Value::Map(pairs) => {
                let inner: Vec<String> =
                    pairs.iter().map(|(k, v)| format!("{k}: {}", v.render())).collect();
                format!("{{ {} }}", inner.join(", "))
            }
            Value::List(items) => {
                let inner: Vec<String> = items.iter().map(Value::render).collect();
                format!("[{}]", inner.join(", "))
            }
        }
    }
}

/// Double-quotes `text` for YAML: escapes `"` and `\`, writes line breaks, tabs and other
/// control characters as escapes, so the result is always one line.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Control characters, the Unicode line separators and a stray BOM would either
            // be refused by the parser or look like a line break to people and tools.
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `text` can be written unquoted and will read back as the same string.
fn is_plain_safe(text: &str) -> bool {
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | ':');
    !text.is_empty()
        && text.chars().all(allowed)
        && !text.starts_with(['-', ':', '+', '.'])
        && !text.ends_with(':')
        && !matches!(text, "null" | "Null" | "NULL" | "~")
}

/// One change to a file's front matter.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Sets a top-level key, replacing its value or adding it in [`FIELD_ORDER`].
    Set(String, Value),
    /// Removes a top-level key and its value, if present.
    Remove(String),
    /// Appends an entry to the list under a top-level key, creating the list if absent.
    Append(String, Value),
}

impl Change {
    /// Sets `key` to `value`.
    pub fn set(key: &str, value: Value) -> Change {
        Change::Set(key.to_string(), value)
    }

    /// Appends `value` to the list `key`.
    pub fn append(key: &str, value: Value) -> Change {
        Change::Append(key.to_string(), value)
    }

    /// Removes `key`.
    pub fn remove(key: &str) -> Change {
        Change::Remove(key.to_string())
    }

    fn key(&self) -> &str {
        match self {
            Change::Set(k, _) | Change::Remove(k) | Change::Append(k, _) => k,
        }
    }
}

/// Why a file could not be edited.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    /// The file is not UTF-8.
    #[error("the file is not UTF-8")]
    NotUtf8,
    /// The file has no front matter that can be cut out.
    #[error("the front matter cannot be found: {0:?}")]
    Split(SplitError),
    /// The front matter does not parse as a YAML mapping.
    #[error("the front matter does not parse: {0:?}")]
    Yaml(YamlError),
    /// `Append` named a key whose value is not a list.
    #[error("\"{key}\" is not a list")]
    NotAList {
        /// The key.
        key: String,
    },
    /// The edited text would not mean the old text plus the change; nothing is written.
    #[error("editing \"{key}\" would change more than that field")]
    Unverified {
        /// The key whose edit could not be verified.
        key: String,
    },
}

impl EditError {
    /// What went wrong, for people.
    pub fn message(&self) -> Message {
        match self {
            EditError::NotUtf8 => messages::not_utf8(),
            EditError::Split(e) => crate::load::split_message(e),
            EditError::Yaml(e) => {
                messages::edit_refused_yaml(&messages::yaml_syntax(&e.problem), e.at)
            }
            EditError::NotAList { key } => messages::edit_not_a_list(key),
            EditError::Unverified { key } => messages::edit_unverified(key),
        }
    }

    /// The message in `lang`, for callers that need plain text.
    pub fn text(&self, lang: Lang) -> String {
        self.message().get(lang).to_string()
    }
}

/// Applies `changes`, in order, to the bytes of a Markdown file with front matter.
///
/// Fails, leaving nothing changed, when the file is not UTF-8, has no front matter, its
/// front matter does not parse, an `Append` names a key that is not a list, or the edited
/// front matter would not mean the old one plus exactly these changes.
pub fn apply(bytes: &[u8], changes: &[Change]) -> Result<Vec<u8>, EditError> {
    let before = front_matter_values(bytes)?;
    let mut doc = Doc::read(bytes)?;
    for change in changes {
        match change {
            Change::Set(key, value) => doc.set(key, &value.render()),
            Change::Remove(key) => doc.remove(key),
            Change::Append(key, value) => doc.append(key, value)?,
        }
    }
    let out = doc.write();
    let after = front_matter_values(&out).map_err(|_| unverified(changes))?;
    if after != expected(before, changes)? {
        return Err(unverified(changes));
    }
    Ok(out)
}

fn unverified(changes: &[Change]) -> EditError {
    let key = changes.iter().map(Change::key).collect::<Vec<_>>().join(", ");
    EditError::Unverified { key }
}

type Mapping = serde_json::Map<String, serde_json::Value>;

/// The meaning of a file's front matter: every top-level key with its parsed value.
fn front_matter_values(bytes: &[u8]) -> Result<Mapping, EditError> {
    let text = front_matter::normalise(bytes).ok_or(EditError::NotUtf8)?;
    let split = front_matter::split(&text).map_err(EditError::Split)?;
    match front_matter::parse::<serde_json::Value>(split.yaml).map_err(EditError::Yaml)? {
        serde_json::Value::Object(map) => Ok(map),
        // An empty block parses as null: a mapping without keys.
        serde_json::Value::Null => Ok(Mapping::new()),
        _ => Err(EditError::Yaml(YamlError {
            problem: front_matter::YamlProblem::WrongShape {
                expected: front_matter::Shape::Fields,
                detail: "the front matter is not a mapping".into(),
            },
            at: None,
        })),
    }
}

/// What a rendered value means once parsed.
fn meaning(value: &Value) -> Result<serde_json::Value, EditError> {
    let yaml = format!("v: {}\n", value.render());
    let map: Mapping = front_matter::parse(&yaml).map_err(EditError::Yaml)?;
    Ok(map.get("v").cloned().unwrap_or(serde_json::Value::Null))
}

/// The meaning the front matter must have after `changes`.
fn expected(mut map: Mapping, changes: &[Change]) -> Result<Mapping, EditError> {
    for change in changes {
        match change {
            Change::Set(key, value) => {
                map.insert(key.clone(), meaning(value)?);
            }
            Change::Remove(key) => {
                map.remove(key);
            }
            Change::Append(key, value) => {
                let item = meaning(value)?;
                match map.get_mut(key) {
                    Some(serde_json::Value::Array(list)) => list.push(item),
                    Some(serde_json::Value::Null) | None => {
                        map.insert(key.clone(), serde_json::Value::Array(vec![item]));
                    }
                    Some(_) => return Err(EditError::NotAList { key: key.clone() }),
                }
            }
        }
    }
    Ok(map)
}

/// A file cut into lines, each keeping its own line end.
struct Doc {
    bom: bool,
    lines: Vec<String>,
    /// The line end new lines get: the one the opening fence uses.
    newline: &'static str,
}

/// The lines of one top-level key: `start` is the key line, `end` is exclusive and leaves
/// out blank lines and unindented comments that come before the next key.
#[derive(Debug, Clone)]
struct Entry {
    key: String,
    start: usize,
    end: usize,
}

const BOM: &str = "\u{feff}";

impl Doc {
    fn read(bytes: &[u8]) -> Result<Doc, EditError> {
        let text = std::str::from_utf8(bytes).map_err(|_| EditError::NotUtf8)?;
        let (bom, text) = match text.strip_prefix(BOM) {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
        let newline =
            if lines.first().is_some_and(|l| l.ends_with("\r\n")) { "\r\n" } else { "\n" };
        let doc = Doc { bom, lines, newline };
        // `front_matter_values` has already refused files without both fences.
        doc.closing_fence().ok_or(EditError::Split(SplitError::NoClosingFence))?;
        Ok(doc)
    }

    fn write(&self) -> Vec<u8> {
        let mut out = String::new();
        if self.bom {
            out.push_str(BOM);
        }
        for line in &self.lines {
            out.push_str(line);
        }
        out.into_bytes()
    }

    /// Index of the closing `---` (or `...`) line, found the way `front_matter::split` does.
    fn closing_fence(&self) -> Option<usize> {
        self.lines
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, l)| matches!(content(l).trim_end(), "---" | "..."))
            .map(|(i, _)| i)
    }

    fn entries(&self) -> Vec<Entry> {
        let close = self.closing_fence().unwrap_or(self.lines.len());
        let mut out: Vec<Entry> = Vec::new();
        for i in 1..close {
            if let Some((key, _)) = key_of(content(&self.lines[i])) {
                out.push(Entry { key, start: i, end: close });
            }
        }
        for n in 0..out.len() {
            let limit = out.get(n + 1).map_or(close, |next| next.start);
            let mut end = limit;
            while end > out[n].start + 1 && is_separator(content(&self.lines[end - 1])) {
                end -= 1;
            }
            out[n].end = end;
        }
        out
    }

    fn find(&self, key: &str) -> Option<Entry> {
        self.entries().into_iter().find(|e| e.key == key)
    }

    /// The line a new `key` goes before: after the nearest preceding key of
    /// [`FIELD_ORDER`] present in the file, or right after the opening fence; keys
    /// outside that order go last.
    fn insertion_point(&self, key: &str) -> usize {
        let entries = self.entries();
        let Some(rank) = FIELD_ORDER.iter().position(|k| *k == key) else {
            return entries.last().map_or(1, |e| e.end);
        };
        FIELD_ORDER[..rank]
            .iter()
            .rev()
            .find_map(|k| entries.iter().find(|e| e.key == *k))
            .map_or(1, |e| e.end)
    }

    fn set(&mut self, key: &str, rendered: &str) {
        let Some(entry) = self.find(key) else {
            let at = self.insertion_point(key);
            self.lines.insert(at, format!("{key}: {rendered}{}", self.newline));
            return;
        };
        let line = &self.lines[entry.start];
        let (text, end) = split_end(line);
        let colon = key_of(text).map_or(text.len(), |(_, c)| c);
        let (value, comment) = split_comment(&text[colon..]);
        let gap_len = value.len() - value.trim_start().len();
        let gap = if gap_len == 0 || value.trim().is_empty() { " " } else { &value[..gap_len] };
        let new = format!("{}{gap}{rendered}{comment}{end}", &text[..colon]);
        self.lines.splice(entry.start..entry.end, [new]);
    }

    fn remove(&mut self, key: &str) {
        if let Some(entry) = self.find(key) {
            self.lines.drain(entry.start..entry.end);
        }
    }

    fn append(&mut self, key: &str, item: &Value) -> Result<(), EditError> {
        let not_a_list = || EditError::NotAList { key: key.to_string() };
        let Some(entry) = self.find(key) else {
            self.set(key, &Value::List(vec![item.clone()]).render());
            return Ok(());
        };
        let text = content(&self.lines[entry.start]);
        let colon = key_of(text).map_or(text.len(), |(_, c)| c);
        let (value, _) = split_comment(&text[colon..]);
        match value.trim() {
            "" => match self.block_item_style(&entry) {
                Some(style) => {
                    self.append_block_item(&entry, &style, item);
                    Ok(())
                }
                None if self.has_content_after_key(&entry) => Err(not_a_list()),
                None => {
                    self.set(key, &Value::List(vec![item.clone()]).render());
                    Ok(())
                }
            },
            "~" | "null" | "Null" | "NULL" => {
                self.set(key, &Value::List(vec![item.clone()]).render());
                Ok(())
            }
            v if v.starts_with('[') => {
                let start = colon + (value.len() - value.trim_start().len());
                self.append_flow_item(&entry, start, item).ok_or_else(not_a_list)
            }
            _ => Err(not_a_list()),
        }
    }

    fn has_content_after_key(&self, entry: &Entry) -> bool {
        self.lines[entry.start + 1..entry.end].iter().any(|l| !is_separator(content(l)))
    }

    /// How the existing items of a block list are written, from its first item.
    fn block_item_style(&self, entry: &Entry) -> Option<BlockStyle> {
        let first = self.lines[entry.start + 1..entry.end]
            .iter()
            .map(|l| content(l))
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
        let body = first.trim_start();
        let indent = first[..first.len() - body.len()].to_string();
        let rest = body.strip_prefix('-')?;
        if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
            return None;
        }
        let inner = rest.trim_start();
        let column = indent.len() + 1 + (rest.len() - inner.len());
        Some(BlockStyle { indent, column, flow: inner.starts_with('{') || inner.is_empty() })
    }

    fn append_block_item(&mut self, entry: &Entry, style: &BlockStyle, item: &Value) {
        let nl = self.newline;
        let lines: Vec<String> = match item {
            Value::Map(pairs) if !style.flow && !pairs.is_empty() => {
                let pad = " ".repeat(style.column);
                let mut out = Vec::new();
                for (n, (k, v)) in pairs.iter().enumerate() {
                    let lead = if n == 0 {
                        format!(
                            "{}-{}",
                            style.indent,
                            " ".repeat(style.column - style.indent.len() - 1)
                        )
                    } else {
                        pad.clone()
                    };
                    out.push(format!("{lead}{k}: {}{nl}", v.render()));
                }
                out
            }
            _ => vec![format!("{}- {}{nl}", style.indent, item.render())],
        };
        self.ensure_line_end(entry.end - 1);
        self.lines.splice(entry.end..entry.end, lines);
    }

    /// Inserts `item` before the `]` that closes the flow list starting at byte `start` of
    /// the entry's key line.
    fn append_flow_item(&mut self, entry: &Entry, start: usize, item: &Value) -> Option<()> {
        let found = scan_flow_list(&self.lines[entry.start..entry.end], start)?;
        let rendered = item.render();
        match found.last {
            None => {
                let (line, at) = found.close;
                self.lines[entry.start + line].insert_str(at, &rendered);
            }
            Some((line, at, last)) => {
                let sep = if last == ',' { " " } else { ", " };
                self.lines[entry.start + line].insert_str(at, &format!("{sep}{rendered}"));
            }
        }
        Some(())
    }

    /// Makes sure line `i` ends with a line break before a line is inserted after it.
    fn ensure_line_end(&mut self, i: usize) {
        if !self.lines[i].ends_with('\n') {
            let nl = self.newline;
            self.lines[i].push_str(nl);
        }
    }
}

struct BlockStyle {
    indent: String,
    /// Column (from 0) where an item's content starts, after `- `.
    column: usize,
    /// Items are flow mappings or scalars, written after `- ` on one line.
    flow: bool,
}

/// Where a flow list closes and what precedes the `]`.
struct FlowList {
    /// (line within the entry, byte offset) of the closing `]`.
    close: (usize, usize),
    /// (line, byte offset just after it, the character) of the last character before the
    /// `]` that is neither white space nor a comment; `None` when the list is empty.
    last: Option<(usize, usize, char)>,
}

/// Scans YAML flow text over `lines`, starting at byte `start` of the first line, for the
/// `]` that closes the `[` found there. Quotes, escapes and comments are respected.
fn scan_flow_list(lines: &[String], start: usize) -> Option<FlowList> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut last: Option<(usize, usize, char)> = None;
    for (n, line) in lines.iter().enumerate() {
        let text = content(line);
        let from = if n == 0 { start } else { 0 };
        let mut prev: Option<char> = if n == 0 { None } else { Some('\n') };
        let mut iter = text[from..].char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let at = from + i;
            if let Some(q) = quote {
                if escaped {
                    escaped = false;
                } else if q == '"' && c == '\\' {
                    escaped = true;
                } else if c == q {
                    // In single quotes, '' is an escaped quote, not the end.
                    if q == '\'' && iter.peek().is_some_and(|(_, d)| *d == '\'') {
                        iter.next();
                    } else {
                        quote = None;
                    }
                }
                last = Some((n, at + c.len_utf8(), c));
                prev = Some(c);
                continue;
            }
            match c {
                '#' if prev.is_none_or(char::is_whitespace) => break,
                '"' | '\'' if prev.is_none_or(|p| p.is_whitespace() || "[{,:".contains(p)) => {
                    quote = Some(c);
                }
                '[' | '{' => {
                    depth += 1;
                    if depth == 1 {
                        // The list's own opening bracket is not content.
                        prev = Some(c);
                        continue;
                    }
                }
                ']' | '}' if depth == 1 => {
                    return (c == ']').then_some(FlowList { close: (n, at), last });
                }
                ']' | '}' => depth = depth.checked_sub(1)?,
                _ => {}
            }
            if !c.is_whitespace() {
                last = Some((n, at + c.len_utf8(), c));
            }
            prev = Some(c);
        }
        if depth == 0 {
            return None;
        }
    }
    None
}

/// A line without its line end.
fn content(line: &str) -> &str {
    split_end(line).0
}

/// Splits a line into its text and its line end (`\n`, `\r\n` or nothing).
fn split_end(line: &str) -> (&str, &str) {
    if let Some(text) = line.strip_suffix("\r\n") {
        (text, "\r\n")
    } else if let Some(text) = line.strip_suffix('\n') {
        (text, "\n")
    } else {
        (line, "")
    }
}

/// Blank lines and unindented comments between keys belong to no key.
fn is_separator(text: &str) -> bool {
    text.trim().is_empty() || text.starts_with('#')
}

/// If `text` starts a top-level key, the key and the byte offset just after its colon.
fn key_of(text: &str) -> Option<(String, usize)> {
    let first = text.chars().next()?;
    if first.is_whitespace() || "#-[]{}?&*!|>%@`,".contains(first) {
        return None;
    }
    if first == '"' || first == '\'' {
        let close = text[1..].find(first)? + 1;
        let rest = &text[close + 1..];
        let after = rest.trim_start();
        let colon = close + 1 + (rest.len() - after.len());
        return after
            .starts_with(':')
            .then(|| (text[1..close].to_string(), colon + 1))
            .filter(|(_, c)| text[*c..].is_empty() || text[*c..].starts_with([' ', '\t']));
    }
    let bytes = text.as_bytes();
    let colon = (0..bytes.len()).find(|&i| {
        bytes[i] == b':' && matches!(bytes.get(i + 1), None | Some(b' ') | Some(b'\t'))
    })?;
    Some((text[..colon].trim_end().to_string(), colon + 1))
}

/// Splits the text after a key's colon into the value and a trailing comment (with the
/// white space before it), respecting quotes.
fn split_comment(rest: &str) -> (&str, &str) {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut prev: Option<char> = None;
    for (i, c) in rest.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if q == '"' && c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
        } else if c == '#' && prev.is_none_or(char::is_whitespace) {
            let value = rest[..i].trim_end();
            return (value, &rest[value.len()..]);
        } else if (c == '"' || c == '\'')
            && prev.is_none_or(|p| p.is_whitespace() || "[{,:".contains(p))
        {
            quote = Some(c);
        }
        prev = Some(c);
    }
    (rest.trim_end(), &rest[rest.trim_end().len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "---\n\
        # Обращение о яме\n\
        id: 2026-0042\n\
        kind: appeal   # 59-FZ\n\
        channel: letter\n\
        received: 2026-03-02T10:15:00+07:00\n\
        topic: \"0003.0009.0099.0742.0110\"\n\
        sector: roads\n\
        locality: Катанда\n\
        status: new # registered\n\
        \n\
        # Private\n\
        applicant:\n  name: \"Тестов Т. Т.\"\n  contact: \"+7 900\"\n\
        ---\n\
        Яма у школы.\n\
        status: this is body text, not a key\n";

    fn edit(text: &str, changes: &[Change]) -> String {
        String::from_utf8(apply(text.as_bytes(), changes).unwrap()).unwrap()
    }

    /// The lines `old` lost and the lines `new` gained, after the common start and end;
    /// everything else is proven byte-identical.
    fn difference(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
        let a: Vec<&str> = old.split_inclusive('\n').collect();
        let b: Vec<&str> = new.split_inclusive('\n').collect();
        let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let tail =
            a[head..].iter().rev().zip(b[head..].iter().rev()).take_while(|(x, y)| x == y).count();
        let lost = a[head..a.len() - tail].iter().map(|s| s.to_string()).collect();
        let gained = b[head..b.len() - tail].iter().map(|s| s.to_string()).collect();
        (lost, gained)
    }

    #[test]
    fn setting_a_present_key_changes_only_its_line_and_keeps_its_comment() {
        let out = edit(SAMPLE, &[Change::set("status", Value::plain("assigned"))]);
        let (lost, gained) = difference(SAMPLE, &out);
        assert_eq!(lost, ["status: new # registered\n"]);
        assert_eq!(gained, ["status: assigned # registered\n"]);
    }

    #[test]
    fn a_new_key_goes_after_the_nearest_preceding_key_in_design_order() {
        let out = edit(SAMPLE, &[Change::set("assignee", Value::plain("road.one"))]);
        let (lost, gained) = difference(SAMPLE, &out);
        assert!(lost.is_empty());
        assert_eq!(gained, ["assignee: road.one\n"]);
        assert!(out.contains("locality: Катанда\nassignee: road.one\nstatus: new"));

        let out = edit(SAMPLE, &[Change::set("answer_summary", Value::text("Засыпали"))]);
        assert!(
            out.contains("status: new # registered\nanswer_summary: \"Засыпали\"\n\n# Private")
        );
    }

    #[test]
    fn a_key_before_every_present_key_goes_right_after_the_fence() {
        let text = "---\nstatus: new\n---\n";
        let out = edit(text, &[Change::set("id", Value::plain("2026-0001"))]);
        assert_eq!(out, "---\nid: 2026-0001\nstatus: new\n---\n");
    }

    #[test]
    fn free_text_is_always_quoted_and_escaped() {
        let text = "Ответ: \"да\"\\нет\nвторая строка\t# не комментарий";
        let out = edit(SAMPLE, &[Change::set("reason", Value::text(text))]);
        let (_, gained) = difference(SAMPLE, &out);
        assert_eq!(
            gained,
            ["reason: \"Ответ: \\\"да\\\"\\\\нет\\nвторая строка\\t# не комментарий\"\n"]
        );
        assert_eq!(quote("a\u{7}b\u{2028}"), "\"a\\u0007b\\u2028\"");
    }

    #[test]
    fn an_odd_plain_value_is_quoted_rather_than_written_raw() {
        assert_eq!(Value::plain("i.petrova").render(), "i.petrova");
        assert_eq!(Value::plain("2026-03-02T10:15:00+07:00").render(), "2026-03-02T10:15:00+07:00");
        assert_eq!(Value::plain("a: b").render(), "\"a: b\"");
        assert_eq!(Value::plain("- x").render(), "\"- x\"");
        assert_eq!(Value::plain("null").render(), "\"null\"");
        assert_eq!(Value::plain("").render(), "\"\"");
    }

    #[test]
    fn a_flow_mapping_is_written_on_one_line() {
        let ext = Value::Map(vec![
            ("until".into(), Value::plain("2026-05-05")),
            ("reason".into(), Value::text("запрос в Минтранс")),
        ]);
        let out = edit(SAMPLE, &[Change::set("extension", ext)]);
        let (lost, gained) = difference(SAMPLE, &out);
        assert!(lost.is_empty());
        assert_eq!(gained, ["extension: { until: 2026-05-05, reason: \"запрос в Минтранс\" }\n"]);
    }

    #[test]
    fn removing_a_key_takes_its_continuation_lines_and_leaves_comments_between_keys() {
        let out = edit(SAMPLE, &[Change::remove("applicant")]);
        let (lost, gained) = difference(SAMPLE, &out);
        assert_eq!(lost, ["applicant:\n", "  name: \"Тестов Т. Т.\"\n", "  contact: \"+7 900\"\n"]);
        assert!(gained.is_empty());
        assert!(out.contains("# Private\n---\n"));
    }

    #[test]
    fn replacing_a_block_value_replaces_all_its_lines() {
        let name = Value::Map(vec![("name".into(), Value::text("Иванов"))]);
        let out = edit(SAMPLE, &[Change::set("applicant", name)]);
        let (lost, gained) = difference(SAMPLE, &out);
        assert_eq!(lost.len(), 3);
        assert_eq!(gained, ["applicant: { name: \"Иванов\" }\n"]);
    }

    fn entry(date: &str, reason: &str) -> Value {
        Value::Map(vec![
            ("date".into(), Value::plain(date)),
            ("reason".into(), Value::text(reason)),
        ])
    }

    #[test]
    fn appending_to_a_flow_list_keeps_the_line_and_its_comment() {
        let text =
            "---\nid: x\nreturned: [{ date: 2026-03-18, reason: \"a]#b\" }]  # rework\n---\n";
        let out = edit(text, &[Change::append("returned", entry("2026-03-20", "c"))]);
        assert_eq!(
            out,
            "---\nid: x\nreturned: [{ date: 2026-03-18, reason: \"a]#b\" }, { date: 2026-03-20, reason: \"c\" }]  # rework\n---\n"
        );
        let empty = edit(
            "---\nreturned: []\n---\n",
            &[Change::append("returned", entry("2026-03-20", "c"))],
        );
        assert_eq!(empty, "---\nreturned: [{ date: 2026-03-20, reason: \"c\" }]\n---\n");
    }

    #[test]
    fn appending_to_a_multi_line_flow_list() {
        let text = "---\nreturned: [\n  { date: 2026-03-18 },\n]\nstatus: new\n---\n";
        let out = edit(text, &[Change::append("returned", entry("2026-03-20", "c"))]);
        assert_eq!(
            out,
            "---\nreturned: [\n  { date: 2026-03-18 }, { date: 2026-03-20, reason: \"c\" }\n]\nstatus: new\n---\n"
        );
    }

    #[test]
    fn appending_to_a_block_list_follows_its_indentation_and_style() {
        let block = "---\nreturned:\n  - date: 2026-03-18\n    reason: \"a\"\n# between\nstatus: new\n---\n";
        let out = edit(block, &[Change::append("returned", entry("2026-03-20", "c"))]);
        let (lost, gained) = difference(block, &out);
        assert!(lost.is_empty());
        assert_eq!(gained, ["  - date: 2026-03-20\n", "    reason: \"c\"\n"]);

        let flow_items = "---\nreturned:\n- { date: 2026-03-18 }\nstatus: new\n---\n";
        let out = edit(flow_items, &[Change::append("returned", entry("2026-03-20", "c"))]);
        let (_, gained) = difference(flow_items, &out);
        assert_eq!(gained, ["- { date: 2026-03-20, reason: \"c\" }\n"]);
    }

    #[test]
    fn appending_to_an_absent_or_empty_list_creates_a_flow_list() {
        let out = edit(SAMPLE, &[Change::append("returned", entry("2026-03-20", "c"))]);
        let (_, gained) = difference(SAMPLE, &out);
        assert_eq!(gained, ["returned: [{ date: 2026-03-20, reason: \"c\" }]\n"]);
        let out = edit(
            "---\nreopened:\nstatus: new\n---\n",
            &[Change::append("reopened", entry("2026-03-20", "c"))],
        );
        assert_eq!(out, "---\nreopened: [{ date: 2026-03-20, reason: \"c\" }]\nstatus: new\n---\n");
    }

    #[test]
    fn appending_to_a_scalar_is_refused() {
        let e = apply(SAMPLE.as_bytes(), &[Change::append("status", entry("2026-03-20", "c"))]);
        assert_eq!(e, Err(EditError::NotAList { key: "status".into() }));
    }

    #[test]
    fn crlf_and_a_bom_are_kept_and_new_lines_use_crlf() {
        let text = format!("\u{feff}{}", SAMPLE.replace('\n', "\r\n"));
        let out = edit(
            &text,
            &[
                Change::set("status", Value::plain("assigned")),
                Change::set("assignee", Value::plain("road.one")),
            ],
        );
        assert!(out.starts_with('\u{feff}'));
        let (lost, gained) = difference(&text, &out);
        assert_eq!(lost, ["status: new # registered\r\n"]);
        assert_eq!(gained, ["assignee: road.one\r\n", "status: assigned # registered\r\n"]);
    }

    #[test]
    fn the_body_is_never_taken_for_front_matter() {
        let out = edit(SAMPLE, &[Change::set("status", Value::plain("assigned"))]);
        assert!(out.ends_with("---\nЯма у школы.\nstatus: this is body text, not a key\n"));
    }

    #[test]
    fn a_file_whose_front_matter_does_not_parse_is_refused() {
        let broken = "---\nid: [unclosed\nstatus: new\n---\n";
        let e = apply(broken.as_bytes(), &[Change::set("status", Value::plain("assigned"))]);
        assert!(matches!(e, Err(EditError::Yaml(_))), "{e:?}");
        let dup = "---\nstatus: new\nstatus: new\n---\n";
        assert!(matches!(apply(dup.as_bytes(), &[]), Err(EditError::Yaml(_))));
        assert!(matches!(apply(b"no fences", &[]), Err(EditError::Split(_))));
        assert_eq!(apply(b"---\nid: \xff\n---\n", &[]), Err(EditError::NotUtf8));
    }

    #[test]
    fn an_edit_that_would_mean_something_else_is_refused() {
        // A quoted scalar continued at column 0 looks like a second key to a line editor;
        // the comparison of meanings catches it instead of writing a broken file.
        let tricky = "---\nreason: \"one\ntwo: three\"\nstatus: new\n---\n";
        let e = apply(tricky.as_bytes(), &[Change::set("reason", Value::text("x"))]);
        assert_eq!(e, Err(EditError::Unverified { key: "reason".into() }));
        let out = edit(tricky, &[Change::set("status", Value::plain("assigned"))]);
        assert_eq!(out, "---\nreason: \"one\ntwo: three\"\nstatus: assigned\n---\n");
    }

    #[test]
    fn the_transition_table_follows_domain_md() {
        use Status::*;
        assert!(allowed(New, Assigned));
        assert!(allowed(InProgress, Answered));
        assert!(allowed(Answered, InProgress));
        assert!(allowed(Closed, InProgress));
        assert!(!allowed(New, Closed));
        assert!(!allowed(New, Answered));
        assert!(!allowed(Forwarded, InProgress));
        assert!(!allowed(Answered, Answered));
    }
}
