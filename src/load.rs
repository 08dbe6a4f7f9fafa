//! Reading a repository from disk: `otklik.yaml`, `sectors/` and `appeals/`.
//!
//! Files are found with a sorted walk, so the order of everything downstream (and of the
//! built site) does not depend on the file system. Appeals are read in parallel; every
//! problem is collected as a diagnostic and the walk never stops at the first bad file.

use crate::appeal::{self, Appeal};
use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::front_matter::SplitError;
use crate::messages::{self, Message};
use crate::sector::{self, Sector};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Largest appeal or sector file read, in bytes. An appeal with a long text is a few
/// dozen kilobytes; anything beyond this is a mistake (a pasted export, a binary).
pub const MAX_FILE: u64 = 1024 * 1024;

/// The folder of appeal files.
pub const APPEALS: &str = "appeals";
/// The folder of sector files.
pub const SECTORS: &str = "sectors";

/// Everything read from a repository.
#[derive(Debug)]
pub struct Repository {
    /// The repository root.
    pub root: PathBuf,
    /// The configuration.
    pub config: Config,
    /// Sectors, sorted by id.
    pub sectors: Vec<Sector>,
    /// Appeals, sorted by id.
    pub appeals: Vec<Appeal>,
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
    let (config, mut diagnostics) = config::read(&text).map_err(LoadError::BadConfig)?;

    let root_real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let (sector_files, mut walk_problems) = markdown_files(root, &root_real, SECTORS);
    let (appeal_files, more) = markdown_files(root, &root_real, APPEALS);
    walk_problems.extend(more);
    diagnostics.extend(walk_problems);

    let mut sectors = Vec::new();
    for file in &sector_files {
        let (s, d) = read_file(root, file, sector::read);
        diagnostics.extend(d);
        sectors.extend(s);
    }
    sectors.sort_by(|a, b| a.id.cmp(&b.id));

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
    appeals.sort_by(|a, b| a.year_and_number().cmp(&b.year_and_number()).then(a.id.cmp(&b.id)));

    Ok(Repository { root: root.to_path_buf(), config, sectors, appeals, diagnostics })
}

/// Lists `.md` files under `root/folder`, sorted, skipping hidden entries and refusing
/// symbolic links that lead outside the repository.
fn markdown_files(root: &Path, root_real: &Path, folder: &str) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
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
            let inside = path.canonicalize().map(|p| p.starts_with(root_real)).unwrap_or(false);
            if !inside {
                problems.push(Diagnostic::error(
                    "symlink-outside",
                    &relative(root, path),
                    None,
                    messages::symlink_outside(),
                ));
                continue;
            }
            if path.is_dir() {
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path.to_path_buf());
        }
    }
    (files, problems)
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
    match crate::front_matter::normalise(&bytes) {
        Some(text) => parse(&text, &rel, &stem),
        None => fail("encoding", messages::not_utf8()),
    }
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
