//! Splitting a Markdown file into its YAML front matter and body, and reading the YAML
//! strictly.
//!
//! This is the only module that knows the YAML crate. It reads front matter into
//! [`FieldSet`] records whose every field remembers its line and column, and it collects
//! *all* unknown keys of a mapping instead of stopping at the first, so that `check` can
//! report each of them with a "did you mean" hint. Scalars are read into strings verbatim:
//! an unquoted `0005.0005` stays the text `0005.0005`, never the number 5.0005.

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// Largest front matter accepted, in bytes. Real appeals use well under 4 KiB; the limit
/// keeps a pasted file or a YAML bomb from costing more than a moment.
pub const MAX_FRONT_MATTER: usize = 64 * 1024;

/// A place in a file: line and column, both counted from 1 at the top of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Line, from 1; the opening `---` is line 1.
    pub line: u32,
    /// Column, from 1, in characters.
    pub column: u32,
}

impl Pos {
    /// The top of the file, for problems that have no better place.
    pub const TOP: Pos = Pos { line: 1, column: 1 };
}

/// A value together with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value as read.
    pub value: T,
    /// Where the value starts.
    pub at: Pos,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
        let at = Pos {
            line: u32::try_from(s.referenced.line()).unwrap_or(u32::MAX),
            column: u32::try_from(s.referenced.column()).unwrap_or(u32::MAX),
        };
        Ok(Located { value: s.value, at })
    }
}

/// A record read from a YAML mapping, one optional [`Located`] field per known key.
pub trait FieldSet: Default {
    /// The keys this record knows, in the order documentation lists them.
    const NAMES: &'static [&'static str];
    /// Reads the value of `key` if it is known; returns `false` for an unknown key
    /// without consuming its value.
    fn take<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;
}

/// Declares a [`FieldSet`] record: every field becomes `Option<Located<T>>`.
macro_rules! field_set {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Default)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: Option<$crate::front_matter::Located<$ty>>,)*
        }
        impl $crate::front_matter::FieldSet for $name {
            const NAMES: &'static [&'static str] = &[$(stringify!($field)),*];
            fn take<'de, A: serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> Result<bool, A::Error> {
                match key {
                    $(stringify!($field) => self.$field = Some(map.next_value()?),)*
                    _ => return Ok(false),
                }
                Ok(true)
            }
        }
    };
}
pub(crate) use field_set;

/// A [`FieldSet`] record plus the keys of its mapping that it does not know.
#[derive(Debug, Default)]
pub struct Checked<T> {
    /// The known fields.
    pub fields: T,
    /// Unknown keys, in file order, with their positions.
    pub unknown: Vec<Located<String>>,
}

impl<'de, T: FieldSet> Deserialize<'de> for Checked<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapVisitor<T>(PhantomData<T>);
        impl<'de, T: FieldSet> Visitor<'de> for MapVisitor<T> {
            type Value = Checked<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of field names to values")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Checked<T>, A::Error> {
                read_fields(map)
            }
        }
        d.deserialize_map(MapVisitor(PhantomData))
    }
}

/// Reads the entries of a mapping into a [`Checked`] record, keeping unknown keys aside.
fn read_fields<'de, T: FieldSet, A: MapAccess<'de>>(mut map: A) -> Result<Checked<T>, A::Error> {
    let mut out = Checked::<T>::default();
    while let Some(key) = map.next_key::<Located<String>>()? {
        if !out.fields.take(&key.value, &mut map)? {
            map.next_value::<IgnoredAny>()?;
            out.unknown.push(key);
        }
    }
    Ok(out)
}

/// Either a single scalar or a mapping of known fields: lets a setting be written short
/// (`received: OPEN_DT`) or in full (`received: { column: OPEN_DT, default: … }`).
#[derive(Debug)]
pub enum ScalarOr<T> {
    /// The short form: one scalar, read as text.
    Scalar(String),
    /// The long form.
    Fields(Checked<T>),
}

impl<'de, T: FieldSet> Deserialize<'de> for ScalarOr<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EitherVisitor<T>(PhantomData<T>);
        impl<'de, T: FieldSet> Visitor<'de> for EitherVisitor<T> {
            type Value = ScalarOr<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text or a mapping of field names to values")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ScalarOr<T>, E> {
                Ok(ScalarOr::Scalar(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ScalarOr<T>, A::Error> {
                read_fields(map).map(ScalarOr::Fields)
            }
        }
        d.deserialize_any(EitherVisitor(PhantomData))
    }
}

/// A YAML mapping of text to text in file order, each key and value with its place. Used
/// where the order of entries matters, such as a list of patterns tried one after another.
#[derive(Debug, Default)]
pub struct Pairs(pub Vec<(Located<String>, Located<String>)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PairsVisitor;
        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = Pairs;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of texts to texts")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<Located<String>, Located<String>>()? {
                    out.push(entry);
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(PairsVisitor)
    }
}

/// A Markdown file cut into its parts.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML, including the opening `---` line so that the parser's line numbers are
    /// the file's line numbers.
    pub yaml: &'a str,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Line number of the first body line.
    pub body_line: u32,
}

/// Why a file could not be cut into front matter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `---` line.
    NoOpeningFence,
    /// No closing `---` line follows.
    NoClosingFence,
    /// The front matter is larger than [`MAX_FRONT_MATTER`].
    TooLarge,
}

/// Cuts normalised text (no byte-order mark, `\n` line ends) at its front-matter fences.
///
/// Fails when the first line is not `---`, when no closing `---` follows, or when the
/// front matter is larger than [`MAX_FRONT_MATTER`].
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(SplitError::NoOpeningFence);
    }
    let mut offset = first_end + 1;
    let mut line = 2u32;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let this = text[offset..end].trim_end();
        if this == "---" || this == "..." {
            if offset > MAX_FRONT_MATTER {
                return Err(SplitError::TooLarge);
            }
            let body = if end < text.len() { &text[end + 1..] } else { "" };
            return Ok(Split { yaml: &text[..offset], body, body_line: line + 1 });
        }
        if offset > MAX_FRONT_MATTER {
            return Err(SplitError::TooLarge);
        }
        offset = end + 1;
        line += 1;
    }
    Err(SplitError::NoClosingFence)
}

/// What kind of YAML problem was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlProblem {
    /// A tab in indentation, which YAML forbids.
    Tab,
    /// The same key twice in one mapping.
    DuplicateKey(String),
    /// Too large, too deep, or too many aliases.
    Budget,
    /// A value of another kind than the place takes: a list where one value belongs, a
    /// single value where fields belong. `detail` is the parser's own words (English).
    WrongShape {
        /// What the place takes.
        expected: Shape,
        /// The parser's explanation.
        detail: String,
    },
    /// Anything else, with the parser's own explanation (English).
    Other(String),
}

/// The kind of YAML value a place takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One value: text, a number, a date (a scalar).
    Single,
    /// Nested fields (a mapping).
    Fields,
    /// A list (a sequence).
    List,
}

/// A YAML problem with its place, if the parser knew it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// What went wrong.
    pub problem: YamlProblem,
    /// Where.
    pub at: Option<Pos>,
}

fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_documents = 1;
    budget.max_depth = 16;
    budget.max_nodes = 10_000;
    budget.max_aliases = 100;
    budget.max_total_scalar_bytes = MAX_FRONT_MATTER;
    let mut o = serde_saphyr::Options::default();
    o.budget = Some(budget);
    o.duplicate_keys = serde_saphyr::options::DuplicateKeyPolicy::Error;
    o.strict_booleans = true;
    o.reject_unsupported_tags = true;
    o.with_snippet = false;
    o
}

/// Reads YAML text strictly into `T`.
///
/// Fails on syntax errors, duplicate keys, unsupported tags, values of the wrong shape,
/// and documents that exceed the size, depth or alias budget.
pub fn parse<T: for<'de> Deserialize<'de>>(yaml: &str) -> Result<T, YamlError> {
    if yaml.len() > MAX_FRONT_MATTER * 4 {
        return Err(YamlError { problem: YamlProblem::Budget, at: None });
    }
    if let Some(at) = tab_in_indentation(yaml) {
        return Err(YamlError { problem: YamlProblem::Tab, at: Some(at) });
    }
    serde_saphyr::from_str_with_options::<T>(yaml, options()).map_err(|e| {
        let at = e.location().map(|l| Pos {
            line: u32::try_from(l.line()).unwrap_or(u32::MAX),
            column: u32::try_from(l.column()).unwrap_or(u32::MAX),
        });
        YamlError { problem: classify(&strip_location(&e.without_snippet().to_string())), at }
    })
}

/// The first tab inside a line's leading whitespace. The parser reports such tabs at the
/// start of the previous scalar, which sends people to the wrong line.
fn tab_in_indentation(yaml: &str) -> Option<Pos> {
    yaml.lines().enumerate().find_map(|(i, line)| {
        let indent = &line[..line.len() - line.trim_start().len()];
        let column = indent.chars().position(|c| c == '\t')?;
        Some(Pos { line: i as u32 + 1, column: column as u32 + 1 })
    })
}

fn classify(detail: &str) -> YamlProblem {
    if let Some(rest) = detail.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        YamlProblem::DuplicateKey(key.to_string())
    } else if detail.contains("budget") {
        YamlProblem::Budget
    } else if detail.contains("found a tab") {
        YamlProblem::Tab
    } else if let Some(expected) = expected_shape(detail) {
        YamlProblem::WrongShape { expected, detail: detail.to_string() }
    } else {
        YamlProblem::Other(detail.to_string())
    }
}

/// The shape a type mismatch asked for. The parser words these as "expected string
/// scalar", "expected mapping start", "expected sequence start", or serde's "invalid type:
/// …, expected …" with the `expecting` text of our own visitors; all are English and
/// unfit for a Russian message, so they are recognised and said again in the catalogue.
fn expected_shape(detail: &str) -> Option<Shape> {
    let wanted = if let Some(rest) = detail.strip_prefix("invalid type: ") {
        rest.split_once(", expected ")?.1
    } else {
        detail.strip_prefix("expected ")?
    };
    let has = |words: &[&str]| words.iter().any(|w| wanted.contains(w));
    if has(&["mapping", "map", "struct"]) {
        Some(Shape::Fields)
    } else if has(&["sequence", "seq", "list", "array"]) {
        Some(Shape::List)
    } else if has(&["scalar", "string", "str", "number", "integer", "bool", "date"]) {
        Some(Shape::Single)
    } else {
        None
    }
}

/// Removes the parser's own places from its message: the "at line X, column Y" tail, and
/// the "(defined at …) (used at …)" of a value reached through an alias. We print places
/// ourselves, in file coordinates and in the user's language.
fn strip_location(message: &str) -> String {
    let cut = [" (defined at line ", " at line "]
        .iter()
        .filter_map(|tail| message.find(tail))
        .min()
        .unwrap_or(message.len());
    message[..cut].trim().to_string()
}

/// Writes `text` as a YAML double-quoted scalar that reads back as exactly `text`.
///
/// Quotes and backslashes are escaped, and so is every character a YAML reader could
/// fold, drop or stop at: line breaks (including U+0085, U+2028 and U+2029), tabs, other
/// control characters and the byte-order mark. The result is always one line.
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
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if c.is_control() || c == '\u{feff}' => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes `text` as a plain YAML scalar when that is unambiguous, else as [`quote`] does.
///
/// Plain is used only for text that starts with a letter, holds nothing but letters,
/// digits, spaces and `_ - . ( )`, does not end in a space, and is not a word that some
/// YAML reader takes for a boolean or null (`yes`, `No`, `off`, `null` …).
pub fn scalar(text: &str) -> String {
    const WORDS: [&str; 12] =
        ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf", "none"];
    let mut chars = text.chars();
    let starts_with_letter = chars.next().is_some_and(char::is_alphabetic);
    let safe_chars = text.chars().all(|c| c.is_alphanumeric() || " _-.()".contains(c));
    let reserved = WORDS.iter().any(|w| w.eq_ignore_ascii_case(text));
    let spaced = text.ends_with(' ') || text.contains("  ");
    if starts_with_letter && safe_chars && !reserved && !spaced {
        text.to_string()
    } else {
        quote(text)
    }
}

/// Turns raw file bytes into text ready for [`split`]: drops a UTF-8 byte-order mark and
/// turns CRLF line ends into LF. Returns `None` when the bytes are not UTF-8.
pub fn normalise(bytes: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).ok()?;
    if text.contains('\r') {
        Some(std::borrow::Cow::Owned(text.replace("\r\n", "\n")))
    } else {
        Some(std::borrow::Cow::Borrowed(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    field_set!(Sample { id: String, topics: Vec<Located<String>>, rating: u8 });

    #[test]
    fn lines_count_from_the_opening_fence() {
        let text = "---\nid: 2026-0001\nrating: 4\n---\nBody\n";
        let s = split(text).unwrap();
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 5);
        let c: Checked<Sample> = parse(s.yaml).unwrap();
        let id = c.fields.id.unwrap();
        assert_eq!(id.value, "2026-0001");
        assert_eq!(id.at, Pos { line: 2, column: 5 });
        assert_eq!(c.fields.rating.unwrap().value, 4);
    }

    #[test]
    fn unknown_keys_are_all_collected() {
        let c: Checked<Sample> = parse("---\nid: x\nasignee: a\nfoo: [1, 2]\n").unwrap();
        let names: Vec<_> = c.unknown.iter().map(|k| (k.value.as_str(), k.at.line)).collect();
        assert_eq!(names, [("asignee", 3), ("foo", 4)]);
    }

    #[test]
    fn unquoted_codes_stay_verbatim() {
        let c: Checked<Sample> = parse("---\ntopics: [0005.0005, 0003.0010]\n").unwrap();
        let topics: Vec<_> = c.fields.topics.unwrap().value.into_iter().map(|t| t.value).collect();
        assert_eq!(topics, ["0005.0005", "0003.0010"]);
    }

    #[test]
    fn duplicate_keys_are_errors_with_a_line() {
        let e = parse::<Checked<Sample>>("---\nid: a\nrating: 3\nid: b\n").unwrap_err();
        assert_eq!(e.at.map(|p| p.line), Some(4), "{e:?}");
        assert_eq!(e.problem, YamlProblem::DuplicateKey("id".into()));
    }

    #[test]
    fn alias_bombs_and_deep_nesting_are_refused() {
        let mut bomb = String::from("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..8 {
            let prev = if i == 0 { "a".to_string() } else { format!("b{}", i - 1) };
            bomb.push_str(&format!("b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        assert!(parse::<Checked<Sample>>(&bomb).is_err());
        let deep = format!("---\nid: {}{}\n", "[".repeat(5000), "]".repeat(5000));
        assert!(parse::<Checked<Sample>>(&deep).is_err());
    }

    field_set!(Person { name: String });
    field_set!(Holder { id: String, topics: Vec<Located<String>>, applicant: Checked<Person> });

    fn shape_of(yaml: &str) -> (Option<Shape>, Option<u32>) {
        let e = parse::<Checked<Holder>>(yaml).unwrap_err();
        let shape = match e.problem {
            YamlProblem::WrongShape { expected, .. } => Some(expected),
            _ => None,
        };
        (shape, e.at.map(|p| p.line))
    }

    #[test]
    fn values_of_the_wrong_kind_are_told_by_the_kind_expected() {
        assert_eq!(shape_of("---\nid: [a, b]\n"), (Some(Shape::Single), Some(2)));
        assert_eq!(shape_of("---\napplicant:\n  name: {a: b}\n"), (Some(Shape::Single), Some(3)));
        assert_eq!(shape_of("---\napplicant: Иванов\n"), (Some(Shape::Fields), Some(2)));
        assert_eq!(shape_of("---\ntopics: x\n"), (Some(Shape::List), Some(2)));
        // Through an alias the parser adds both places; the one of the use is kept.
        let alias = "---\napplicant: &a {name: x}\nid: *a\n";
        assert_eq!(shape_of(alias), (Some(Shape::Single), Some(3)));
        assert_eq!(
            classify("invalid type: sequence, expected a map"),
            YamlProblem::WrongShape {
                expected: Shape::Fields,
                detail: "invalid type: sequence, expected a map".into()
            }
        );
        assert_eq!(
            classify("unexpected end of input"),
            YamlProblem::Other("unexpected end of input".into())
        );
    }

    #[test]
    fn an_alias_keeps_no_place_of_the_parser_in_the_text() {
        let e = parse::<Checked<Holder>>("---\napplicant: &a {name: x}\nid: *a\n").unwrap_err();
        let YamlProblem::WrongShape { detail, .. } = e.problem else { panic!("{e:?}") };
        assert_eq!(detail, "expected string scalar");
    }

    #[test]
    fn a_tab_in_indentation_is_reported_where_it_is() {
        let e = parse::<Checked<Sample>>("---\nid: a\nrating:\n\t4\n").unwrap_err();
        assert_eq!(e.problem, YamlProblem::Tab);
        assert_eq!(e.at, Some(Pos { line: 4, column: 1 }));
    }

    #[test]
    fn windows_files_are_normalised() {
        let t = normalise(b"\xEF\xBB\xBF---\r\nid: a\r\n---\r\nB\r\n").unwrap();
        assert_eq!(t, "---\nid: a\n---\nB\n");
        assert!(normalise(b"\xcf\xf0\xe8").is_none());
    }

    field_set!(Text { v: String });

    fn read_back(yaml_scalar: &str) -> String {
        let c: Checked<Text> = parse(&format!("---\nv: {yaml_scalar}\n")).unwrap();
        c.fields.v.unwrap().value
    }

    #[test]
    fn quoted_text_reads_back_unchanged() {
        let tricky = [
            "",
            "plain",
            "say \"hi\"",
            "a: b",
            "key:value",
            "# not a comment",
            "a #b",
            "- item",
            "-",
            "---",
            "...",
            "? q",
            "line\nbreak",
            "two\n\nparagraphs",
            "tab\there",
            "back\\slash",
            "trailing space ",
            " leading",
            "[ФИО]",
            "{a}",
            "&anchor",
            "*alias",
            "!tag",
            "%dir",
            "@at",
            "`tick`",
            "| pipe",
            "> fold",
            "yes",
            "No",
            "null",
            "~",
            "0005.0005",
            "2026-03-05",
            "1e3",
            "0x1F",
            "'single'",
            "nel\u{85}x",
            "ls\u{2028}ps\u{2029}",
            "bell\u{7}",
            "bom\u{feff}",
            "😀 emoji",
            "Яма на ул. Центральной: «срочно»",
            "cr\r\nlf",
        ];
        for text in tricky {
            let q = quote(text);
            assert!(!q.contains('\n'), "{q}");
            assert_eq!(read_back(&q), text, "quoted as {q}");
            assert_eq!(read_back(&scalar(text)), text, "scalar {}", scalar(text));
        }
    }

    #[test]
    fn simple_words_stay_plain_and_ambiguous_ones_are_quoted() {
        assert_eq!(scalar("Катанда"), "Катанда");
        assert_eq!(scalar("Усть-Кокса"), "Усть-Кокса");
        assert_eq!(scalar("South Boston"), "South Boston");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("Off"), "\"Off\"");
        assert_eq!(scalar("0005.0005"), "\"0005.0005\"");
        assert_eq!(scalar("Allston / Brighton"), "\"Allston / Brighton\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
    }

    field_set!(Rule { column: String, default: String });
    field_set!(Rules { received: Located<ScalarOr<Rule>>, map: Pairs });

    #[test]
    fn a_setting_may_be_short_or_long_and_pairs_keep_their_order() {
        let text = "---\nreceived: OPEN_DT\nmap: { \"b*\": x, a: \"\" , c: 3 }\n";
        let c: Checked<Rules> = parse(text).unwrap();
        let received = c.fields.received.unwrap().value.value;
        assert!(matches!(received, ScalarOr::Scalar(ref s) if s == "OPEN_DT"));
        let pairs: Vec<_> = c.fields.map.unwrap().value.0;
        let got: Vec<_> =
            pairs.iter().map(|(k, v)| (k.value.as_str(), v.value.as_str(), k.at.line)).collect();
        assert_eq!(got, [("b*", "x", 3), ("a", "", 3), ("c", "3", 3)]);

        let long = "---\nreceived: { column: OPEN_DT, defualt: x }\n";
        let c: Checked<Rules> = parse(long).unwrap();
        let Some(Located { value: Located { value: ScalarOr::Fields(rule), .. }, .. }) =
            c.fields.received
        else {
            panic!("expected the long form");
        };
        assert_eq!(rule.fields.column.unwrap().value, "OPEN_DT");
        assert_eq!(rule.unknown[0].value, "defualt");
    }

    #[test]
    fn missing_fences_are_reported() {
        assert_eq!(split("id: 1\n"), Err(SplitError::NoOpeningFence));
        assert_eq!(split("---\nid: 1\n"), Err(SplitError::NoClosingFence));
        let huge = format!("---\nx: \"{}\"\n---\n", "a".repeat(MAX_FRONT_MATTER));
        assert_eq!(split(&huge), Err(SplitError::TooLarge));
    }
}
