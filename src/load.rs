//! Reading a repository from disk: `otklik.yaml`, `sectors/`, `appeals/` and `discussions/`.
//!
//! Files are found with a sorted walk, so the order of everything downstream (and of the
//! built site) does not depend on the file system. Appeals are read in parallel; every
//! problem is collected as a diagnostic and the walk never stops at the first bad file.

use crate::appeal::{self, Appeal};
use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::discussion::{self, Discussion};
use crate::front_matter::SplitError;
use crate::messages::{self, Message};
use crate::sector::{self, Sector};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Largest appeal, sector or discussion file read, in bytes. An appeal with a long text is a few
/// dozen kilobytes; anything beyond this is a mistake (a pasted export, a binary).
pub const MAX_FILE: u64 = 1024 * 1024;

/// The folder of appeal files.
pub const APPEALS: &str = "appeals";
/// The folder of sector files.
pub const SECTORS: &str = "sectors";
/// The folder of vote and public discussion files; optional.
pub const DISCUSSIONS: &str = "discussions";

/// Everything read from a repository.
#[derive(Debug, Clone)]
pub struct Repository {
    /// The repository root.
    pub root: PathBuf,
    /// The configuration.
    pub config: Config,
    /// Sectors, sorted by id.
    pub sectors: Vec<Sector>,
    /// Appeals, sorted by id.
    pub appeals: Vec<Appeal>,
    /// Votes and public discussions, sorted by id.
    pub discussions: Vec<Discussion>,
    /// Problems found while reading.
    pub diagnostics: Vec<Diagnostic>,
}

impl Repository {
    /// The sector with this id.
    pub fn sector(&self, id: &str) -> Option<&Sector> {
        self.sectors.binary_search_by(|s| s.id.as_str().cmp(id)).ok().map(|i| &self.sectors[i])
    }
}

/// Why a repository could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// `otklik.yaml` is missing or unreadable.
    #[error("{path}: {detail}")]
    NoConfig {
        /// Where it was looked for.
        path: PathBuf,
        /// Why it could not be read.
        detail: String,
    },
    /// `otklik.yaml` has errors.
    #[error("otklik.yaml has errors")]
    BadConfig(Vec<Diagnostic>),
}

/// Reads the repository at `root`.
///
/// Fails only when `otklik.yaml` cannot be read or has errors; problems in sector and
/// appeal files are returned as diagnostics in the [`Repository`].
pub fn load(root: &Path) -> Result<Repository, LoadError> {
    let config_path = root.join(config::FILE);
    let text = std::fs::read(&config_path)
        .map_err(|e| LoadError::NoConfig { path: config_path.clone(), detail: e.to_string() })?;
    let text = crate::front_matter::normalise(&text).ok_or_else(|| {
        LoadError::BadConfig(vec![Diagnostic::error(
            "encoding",
            config::FILE,
            None,
            messages::not_utf8(),
        )])
    })?;
    let (text, control) = without_control_characters(composed(text), config::FILE);
    if let Some(control) = control {
        return Err(LoadError::BadConfig(vec![control]));
    }
    let (config, mut diagnostics) = config::read(&text).map_err(LoadError::BadConfig)?;

    let root_real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let sector_walk = walk_folder(root, &root_real, SECTORS);
    let appeal_walk = walk_folder(root, &root_real, APPEALS);
    let discussion_walk = walk_folder(root, &root_real, DISCUSSIONS);
    // Only under appeals/ is a file that is not read a likely loss: a renamed appeal
    // (`.MD`, `.markdown`, `.md.txt`) would drop out of every count without a word.
    diagnostics.extend(appeal_walk.others.iter().map(|p| not_an_appeal_file(root, p)));
    let [sector_files, appeal_files, discussion_files] =
        [sector_walk, appeal_walk, discussion_walk].map(|walk| {
            diagnostics.extend(walk.problems);
            walk.markdown
        });

    let mut sectors = Vec::new();
    for file in &sector_files {
        let (s, d) = read_file(root, file, sector::read);
        diagnostics.extend(d);
        sectors.extend(s);
    }
    sectors.sort_by(|a, b| a.id.cmp(&b.id));

    let mut discussions = Vec::new();
    for file in &discussion_files {
        let (d, problems) = read_file(root, file, discussion::read);
        diagnostics.extend(problems);
        discussions.extend(d);
    }
    discussions.sort_by(|a, b| a.id.cmp(&b.id));

    let zone = config.zone;
    let results: Vec<_> = appeal_files
        .par_iter()
        .map(|file| read_file(root, file, |text, rel, stem| appeal::read(text, rel, stem, zone)))
        .collect();
    let mut appeals = Vec::with_capacity(results.len());
    for (a, d) in results {
        diagnostics.extend(d);
        appeals.extend(a);
    }
    sort_appeals(&mut appeals);

    Ok(Repository { root: root.to_path_buf(), config, sectors, appeals, discussions, diagnostics })
}

/// Sorts appeals the way [`load`] does: by year and number, then id.
pub fn sort_appeals(appeals: &mut [Appeal]) {
    appeals.sort_by(|a, b| a.year_and_number().cmp(&b.year_and_number()).then(a.id.cmp(&b.id)));
}

impl Repository {
    /// Replaces (or adds) the appeal file `rel` with `bytes` in memory, with the problems
    /// reading it finds, exactly as [`load`] would read it from disk. The edit commands use
    /// it to check a change before they write it.
    pub fn put_appeal(&mut self, rel: &str, bytes: &[u8]) {
        self.appeals.retain(|a| a.file != rel);
        self.diagnostics.retain(|d| d.file != rel);
        let (appeal, diagnostics) = appeal_from_bytes(rel, bytes, self.config.zone);
        self.appeals.extend(appeal);
        self.diagnostics.extend(diagnostics);
        sort_appeals(&mut self.appeals);
    }
}

/// Reads one appeal from bytes in memory as [`load`] reads the file `rel`.
fn appeal_from_bytes(
    rel: &str,
    bytes: &[u8],
    zone: chrono_tz::Tz,
) -> (Option<Appeal>, Vec<Diagnostic>) {
    let stem = Path::new(rel).file_stem().map(|s| s.to_string_lossy().into_owned());
    let fail = |code, message: Message| (None, vec![Diagnostic::error(code, rel, None, message)]);
    if bytes.len() as u64 > MAX_FILE {
        return fail("file-too-large", messages::file_too_large(1024));
    }
    let Some(text) = crate::front_matter::normalise(bytes) else {
        return fail("encoding", messages::not_utf8());
    };
    let (text, control) = without_control_characters(composed(text), rel);
    let (appeal, mut diagnostics) = appeal::read(&text, rel, &stem.unwrap_or_default(), zone);
    diagnostics.extend(control);
    (appeal, diagnostics)
}

/// What a walk of one folder found.
struct Walk {
    /// The `.md` files, which are read.
    markdown: Vec<PathBuf>,
    /// Every other file, which is not read.
    others: Vec<PathBuf>,
    /// Links and folders that could not be followed.
    problems: Vec<Diagnostic>,
}

/// Lists the files under `root/folder`, sorted: the `.md` files to read and the others.
/// Hidden entries (`.gitkeep`, `.git/`) and README files are left out of both, and
/// symbolic links that lead outside the repository are refused.
fn walk_folder(root: &Path, root_real: &Path, folder: &str) -> Walk {
    let mut files = Vec::new();
    let mut others = Vec::new();
    let mut problems = Vec::new();
    let walk = WalkDir::new(root.join(folder)).sort_by_file_name().into_iter();
    for entry in
        walk.filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) if e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) => {
                continue;
            }
            Err(e) => {
                let path =
                    e.path().map(|p| relative(root, p)).unwrap_or_else(|| folder.to_string());
                problems.push(Diagnostic::error("io", &path, None, messages::cannot_read(&e)));
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink() {
            let (code, message) = match path.canonicalize() {
                Ok(target) if target.starts_with(root_real) => ("", None),
                Ok(_) => ("symlink-outside", Some(messages::symlink_outside())),
                Err(e) => ("symlink-broken", Some(messages::symlink_broken(&e))),
            };
            if let Some(message) = message {
                problems.push(Diagnostic::error(code, &relative(root, path), None, message));
                continue;
            }
            if path.is_dir() {
                continue;
            }
        } else if !entry.file_type().is_file() {
            // A pipe, a device, or a folder named like a file: nothing to read, and not
            // what its name says, so it is reported with the files that are not read.
            let kind = entry.file_type();
            let named_like_a_file = path.extension().is_some_and(|e| e == "md");
            if !kind.is_dir() || (entry.depth() > 0 && named_like_a_file) {
                others.push(path.to_path_buf());
            }
            continue;
        }
        if is_readme(&entry.file_name().to_string_lossy()) {
            continue;
        }
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path.to_path_buf());
        } else {
            others.push(path.to_path_buf());
        }
    }
    Walk { markdown: files, others, problems }
}

/// Whether a file name is a README (`README.md`, `readme.txt`, `README`): notes for
/// people about the folder, which otklik leaves alone in every folder it reads.
pub fn is_readme(name: &str) -> bool {
    name.split('.').next().is_some_and(|stem| stem.eq_ignore_ascii_case("readme"))
}

/// The warning for a file under `appeals/` that is not read, with the name it most likely
/// should have: its name up to the first dot, when that is an id.
fn not_an_appeal_file(root: &Path, path: &Path) -> Diagnostic {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let rename =
        crate::appeal::parse_id(stem).map(|(year, _)| format!("{APPEALS}/{year}/{stem}.md"));
    let rel = relative(root, path);
    Diagnostic::warning(
        "not-an-appeal-file",
        &rel,
        None,
        messages::not_an_appeal_file(rename.as_deref()),
    )
}

/// Reads one file and hands its normalised text to `parse`, turning I/O, size and
/// encoding problems into diagnostics.
fn read_file<T>(
    root: &Path,
    path: &Path,
    parse: impl FnOnce(&str, &str, &str) -> (Option<T>, Vec<Diagnostic>),
) -> (Option<T>, Vec<Diagnostic>) {
    let rel = relative(root, path);
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let fail = |code, message: Message| (None, vec![Diagnostic::error(code, &rel, None, message)]);
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE => {
            return fail("file-too-large", messages::file_too_large(1024));
        }
        Ok(_) => {}
        Err(e) => return fail("io", messages::cannot_read(e)),
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return fail("io", messages::cannot_read(e)),
    };
    let Some(text) = crate::front_matter::normalise(&bytes) else {
        return fail("encoding", messages::not_utf8());
    };
    let (text, control) = without_control_characters(composed(text), &rel);
    let (record, mut diagnostics) = parse(&text, &rel, &stem);
    diagnostics.extend(control);
    (record, diagnostics)
}

/// `text` in Unicode normal form C. The same name may be typed composed (`й`, one code
/// point) or decomposed (`и` and a combining breve, as macOS and some web forms write it);
/// both look alike, and without this a settlement in one form would not match the list
/// in `otklik.yaml` in the other.
fn composed(text: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

/// Whether `c` is a control character that has no place in a text file: C0 controls other
/// than tab and line feed, DEL, the C1 range, and the bidirectional embeddings, overrides
/// and isolates. A NUL or an escape sequence pasted from a terminal is invisible in an
/// editor but travels into pages, feeds and spreadsheets; a right-to-left override shows
/// a reviewer one text and a reader another.
pub fn is_stray_control(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{FFFE}' | '\u{FFFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Replaces every stray control character of `text` with U+FFFD, which keeps lines and
/// columns where they were, and reports the first one at its place (an error: the file
/// must be mended, and until then the build is refused).
fn without_control_characters<'t>(
    text: std::borrow::Cow<'t, str>,
    rel: &str,
) -> (std::borrow::Cow<'t, str>, Option<Diagnostic>) {
    let Some(offset) = text.find(is_stray_control) else { return (text, None) };
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    let found = text[offset..].chars().next().unwrap_or_default();
    let count = text.chars().filter(|&c| is_stray_control(c)).count();
    let at = crate::front_matter::Pos { line, column };
    let diagnostic = Diagnostic::error(
        "control-character",
        rel,
        Some(at),
        messages::control_character(found, count),
    );
    (std::borrow::Cow::Owned(mend_controls(&text)), Some(diagnostic))
}

/// `text` with every stray control character replaced by U+FFFD.
pub fn mend_controls(text: &str) -> String {
    text.chars().map(|c| if is_stray_control(c) { '\u{FFFD}' } else { c }).collect()
}

/// `path` relative to `root`, with `/` separators on every platform.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The message for a file that cannot be cut into front matter and body.
pub fn split_message(e: &SplitError) -> Message {
    match e {
        SplitError::NoOpeningFence => messages::no_opening_fence(),
        SplitError::NoClosingFence => messages::no_closing_fence(),
        SplitError::TooLarge => {
            messages::front_matter_too_large(crate::front_matter::MAX_FRONT_MATTER / 1024)
        }
    }
}
