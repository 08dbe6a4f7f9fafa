//! otklik: citizens' appeals kept as files in git, checked against the law's deadlines and
//! published as a static site.
//!
//! The stages, in order: [`load`] reads the repository; `history` (later) reads git;
//! [`deadline`] computes terms over the [`calendar`]; [`rules`] checks references and
//! roles; [`stats`] aggregates; [`render`] writes the site.

pub mod appeal;
pub mod classifier;
pub mod config;
pub mod dates;
pub mod deadline;
pub mod diagnostic;
pub mod fields;
pub mod front_matter;
pub mod load;
pub mod markdown;
pub mod messages;
pub mod register;
pub mod render;
pub mod sector;
pub mod stats;
