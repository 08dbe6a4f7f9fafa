//! Votes and public discussions in a period, for the head's report and the dashboards.
//!
//! Unlike items, a discussion belongs to every period in which it ran: from `opened` to
//! `closed` (or on, while it has no closing day). A finished one (closed before today)
//! without a recorded decision is counted apart, because the decree asks what the
//! administration did with the residents' opinion.

use super::{Period, share};
use crate::discussion::{Discussion, DiscussionKind};
use chrono::NaiveDate;
use serde::Serialize;

/// One vote or discussion in a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiscussionRow {
    /// Id (the page name).
    pub id: String,
    /// Title.
    pub title: String,
    /// Vote or discussion.
    pub kind: DiscussionKind,
    /// Sector id.
    pub sector: String,
    /// First day.
    pub opened: NaiveDate,
    /// Last day.
    pub closed: Option<NaiveDate>,
    /// Still running today.
    pub running: bool,
    /// Votes cast (votes only).
    pub total_votes: Option<u64>,
    /// Participants, when recorded.
    pub participants: Option<u32>,
    /// Labels of the options with the most votes.
    pub leading: Vec<String>,
    /// Their share of the votes, each.
    pub leading_share: Option<f64>,
    /// Finished without a recorded decision.
    pub awaiting_decision: bool,
    /// Whether it has a public page.
    pub public: bool,
}

/// The votes and discussions of a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiscussionSummary {
    /// The period.
    pub period: Period,
    /// How many votes ran in it.
    pub votes: usize,
    /// How many discussions ran in it.
    pub discussions: usize,
    /// Votes cast in all of its votes.
    pub total_votes: u64,
    /// Participants recorded, all together.
    pub participants: u64,
    /// Finished ones without a decision.
    pub awaiting_decision: usize,
    /// Each one, by opening day, then id.
    pub rows: Vec<DiscussionRow>,
}

/// The votes and discussions that ran during `period`, as of `today`.
pub fn summarise(all: &[Discussion], period: &Period, today: NaiveDate) -> DiscussionSummary {
    let mut rows: Vec<DiscussionRow> = all
        .iter()
        .filter(|d| d.runs_within(period.first_day(), period.last_day()))
        .map(|d| row(d, today))
        .collect();
    rows.sort_by(|a, b| (a.opened, &a.id).cmp(&(b.opened, &b.id)));
    let count = |k| rows.iter().filter(|r| r.kind == k).count();
    DiscussionSummary {
        period: *period,
        votes: count(DiscussionKind::Vote),
        discussions: count(DiscussionKind::Discussion),
        total_votes: rows.iter().filter_map(|r| r.total_votes).sum(),
        participants: rows.iter().filter_map(|r| r.participants).map(u64::from).sum(),
        awaiting_decision: rows.iter().filter(|r| r.awaiting_decision).count(),
        rows,
    }
}

fn row(d: &Discussion, today: NaiveDate) -> DiscussionRow {
    let is_vote = d.kind == DiscussionKind::Vote;
    let total = d.total_votes();
    let leading = d.leading();
    let finished = d.closed.is_some_and(|c| c < today);
    DiscussionRow {
        id: d.id.clone(),
        title: d.title.clone(),
        kind: d.kind,
        sector: d.sector.clone(),
        opened: d.opened,
        closed: d.closed,
        running: d.opened <= today && !finished,
        total_votes: is_vote.then_some(total),
        participants: d.participants,
        leading: leading.iter().map(|o| o.label.clone()).collect(),
        leading_share: leading
            .first()
            .and_then(|o| share(o.votes as usize, usize::try_from(total).unwrap_or(usize::MAX))),
        awaiting_decision: finished && d.decision.is_none(),
        public: d.public,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::fixture::day;
    use crate::discussion::{Venue, VoteOption};

    fn discussion(
        id: &str,
        kind: DiscussionKind,
        opened: &str,
        closed: Option<&str>,
    ) -> Discussion {
        Discussion {
            id: id.into(),
            file: format!("discussions/{id}.md"),
            kind,
            title: id.into(),
            question: None,
            opened: day(opened),
            closed: closed.map(day),
            channel: Venue::Pos,
            sector: "landscaping".into(),
            topic: None,
            locality: None,
            options: Vec::new(),
            participants: None,
            summary: None,
            outcome: None,
            decision: None,
            public: true,
            body: String::new(),
            places: Default::default(),
        }
    }

    #[test]
    fn a_quarter_lists_what_ran_in_it() {
        let mut vote = discussion("svet", DiscussionKind::Vote, "2026-02-02", Some("2026-02-20"));
        vote.options = vec![
            VoteOption { label: "Школьная".into(), votes: 300 },
            VoteOption { label: "Набережная".into(), votes: 100 },
        ];
        vote.participants = Some(400);
        vote.decision = Some("Школьная".into());
        let mut park =
            discussion("park", DiscussionKind::Discussion, "2026-03-20", Some("2026-04-10"));
        park.participants = Some(35);
        let bus = discussion("bus", DiscussionKind::Discussion, "2026-03-25", None);
        let old = discussion("old", DiscussionKind::Discussion, "2025-10-01", Some("2025-12-31"));
        let all = [vote, park, bus, old];
        let s = summarise(&all, &Period::parse("2026-Q1").unwrap(), day("2026-04-15"));
        let ids: Vec<_> = s.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["svet", "park", "bus"]);
        assert_eq!((s.votes, s.discussions), (1, 2));
        assert_eq!((s.total_votes, s.participants), (400, 435));
        // The park discussion closed on 10 April with no decision by the 15th; the bus one
        // is still running.
        assert_eq!(s.awaiting_decision, 1);
        assert!(s.rows[1].awaiting_decision && !s.rows[1].running);
        assert!(s.rows[2].running && !s.rows[2].awaiting_decision);
        assert_eq!(s.rows[0].leading, ["Школьная"]);
        assert_eq!(s.rows[0].leading_share, Some(0.75)); // 300 / 400
        assert_eq!(s.rows[1].total_votes, None);
    }
}
