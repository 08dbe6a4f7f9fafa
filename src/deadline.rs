//! Placeholder; replaced by the real deadline module at merge.
use crate::messages::Message;
use chrono::{DateTime, FixedOffset, NaiveDate};
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    OnTrack,
    DueSoon,
    Overdue,
    AnsweredOnTime,
    AnsweredLate,
    ClosedWithoutAnswer,
    Unknown,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    Day(NaiveDate),
    At(DateTime<FixedOffset>),
}
impl Due {
    pub fn day(&self) -> NaiveDate {
        match self {
            Due::Day(d) => *d,
            Due::At(t) => t.date_naive(),
        }
    }
}
#[derive(Debug, Clone)]
pub struct Deadline {
    pub start: NaiveDate, // local day the clock started
    pub due: Option<Due>,
    pub rule: Message,                    // the rule in words, ru+en
    pub skipped_days_off: Vec<NaiveDate>, // days off between start and due
    pub moved_from: Option<NaiveDate>,    // the end fell on a day off and moved from this day
    pub extended: bool,
    pub state: DeadlineState,
}
