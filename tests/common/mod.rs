//! Helpers shared by the integration tests. Each test crate takes the ones it needs.
#![allow(dead_code)]

use chrono::NaiveDate;
use otklik::deadline::{Deadline, DeadlineState, Due};
use otklik::messages::Message;
use std::path::Path;

/// Copies the tree at `from` into `to`, folders and files alike.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A deadline set by hand, so that a test's figures do not depend on the deadline rules:
/// counted from `start` to `due` under `rule`, with nothing extended, moved or limited.
pub fn deadline(start: NaiveDate, due: Due, state: DeadlineState, rule: Message) -> Deadline {
    Deadline {
        start: otklik::dates::Moment::Day(start),
        due,
        unshifted_due: due.day(),
        extension_limit: None,
        registration_limit: None,
        forwarding_limit: None,
        first_response_due: None,
        reopened_on: None,
        provisional: false,
        manual: false,
        rule,
        skipped_days_off: Vec::new(),
        moved_from: None,
        extended: false,
        state,
    }
}
