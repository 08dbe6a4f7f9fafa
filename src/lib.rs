//! otklik: citizens' appeals kept as files in git, checked against the law's deadlines and
//! published as a static site.
//!
//! The stages, in order: [`load`] reads the repository; `history` (later) reads git;
//! [`deadline`] computes terms over the [`calendar`]; [`rules`] checks references and
//! roles; [`stats`] aggregates; [`render`] writes the site. Beside the pipeline, [`import`]
//! turns tabular exports (read by [`table`]) into appeal files.

pub mod appeal;
pub mod config;
pub mod dates;
pub mod diagnostic;
pub mod fields;
pub mod front_matter;
pub mod import;
pub mod load;
pub mod messages;
pub mod sector;
pub mod table;
