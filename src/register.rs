//! The register: a repository after every check, which is what the build renders.

/// A repository after every check: what the build renders.
pub struct Register {
    /// Config, sectors (sorted by id), appeals (sorted by id).
    pub repo: crate::load::Repository,
    /// One deadline per appeal, at the same index as `repo.appeals`.
    pub deadlines: Vec<crate::deadline::Deadline>,
    /// Everything `check` found (errors and warnings).
    pub diagnostics: Vec<crate::diagnostic::Diagnostic>,
    /// The day the build is for; the only date that may differ between two builds.
    pub today: chrono::NaiveDate,
}
