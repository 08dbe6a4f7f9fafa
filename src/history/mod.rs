//! The repository's git history: reading it (the history stage) and writing to it (the
//! edit commands and `init` commit through [`commit`]). This folder is the only place that
//! knows git2.

pub mod commit;
