//! otklik: citizens' appeals kept as files in git, checked against the law's deadlines and
//! published as a static site.
//!
//! The stages, in order: [`load`] reads the repository; [`history`] reads git;
//! [`deadline`] computes terms over the [`calendar`]; [`rules`] checks references and
//! [`workflow`] checks the history against the roles; [`stats`] aggregates; [`render`]
//! writes the site. [`analytics`] builds the "complete picture" of the founding decree:
//! ratings, growth, clusters, satisfaction, communication failures, the ССТУ.РФ counts,
//! and votes and public discussions ([`discussion`]). Beside the pipeline, [`import`]
//! turns tabular exports (read by [`table`]) into appeal files, and [`change`] makes the
//! edits of the staff's commands.

pub mod analytics;
pub mod appeal;
pub mod calendar;
pub mod change;
pub mod classifier;
pub mod cli;
pub mod config;
pub mod dates;
pub mod deadline;
pub mod diagnostic;
pub mod disclosure;
pub mod discussion;
pub mod edit;
pub mod fields;
pub mod front_matter;
pub mod history;
pub mod import;
pub mod init;
pub mod load;
pub mod markdown;
pub mod messages;
pub mod privacy;
pub mod queue;
pub mod register;
pub mod render;
pub mod report;
pub mod rules;
pub mod sector;
pub mod stats;
pub mod table;
pub mod workflow;
