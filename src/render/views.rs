//! Views: what templates may see, built once from the register.
//!
//! The public views are separate types built from an allow-list of fields. A public
//! template cannot show the applicant, the text of the appeal or the assignee, because no
//! public view has a field that holds them; a theme from disk can change how pages look
//! but not what data they get. The allow-list (DOMAIN.md, Privacy):
//! number, kind, channel, the days of receipt and registration (days, not times), topic
//! code and name, sector, settlement, status, the deadline (due, state, whether late, and
//! how it was computed), the summaries staff wrote for publication, the result, the day of
//! the answer, and for a forwarded item the body it went to.
//!
//! What stays internal, and why:
//! - the `reason` of an item left unanswered: staff write the art. 11 ground in their own
//!   words, and those words may describe the applicant (“пишет в пятый раз”); the public
//!   page says only that the item was left unanswered on art. 11 grounds. The `reason` of a
//!   forwarded item names a public body and is shown;
//! - the extension's reason, returned and reopened entries: working notes;
//! - the number in the source system (`external_id`): the applicant's ПОС account shows it,
//!   so it links the item to a person;
//! - the rating and agreement: individual answers of a citizen; public pages may show them
//!   only in aggregate (a later extension of `stats`);
//! - times of day of receipt and registration: a day is enough and says less;
//! - staff names, ids and the sector's lead and members.
//!
//! Internal views hold everything, plus the rendered Markdown body and the check findings.

use super::words::{self, Label};
use crate::appeal::{Appeal, Status, parse_id};
use crate::classifier;
use crate::deadline::{Deadline, DeadlineState, Due};
use crate::diagnostic::{Diagnostic, Severity};
use crate::markdown;
use crate::messages::Lang;
use crate::register::Register;
use crate::sector::Sector;
use crate::stats::{Breakdown, Cell, Stats};
use chrono::NaiveDate;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

/// Items per list page, per lookup range and per sector page.
pub const PAGE_SIZE: usize = 100;

/// A day as pages (`words`) and data files (`iso`) write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Day<'a> {
    /// `2026-04-02`, or an RFC 3339 date-time for an hour-based deadline.
    pub iso: Cow<'a, str>,
    /// «2 апреля 2026 г.».
    pub words: Cow<'a, str>,
}

impl Day<'static> {
    /// A plain day, written out now.
    pub fn of(d: NaiveDate, lang: Lang) -> Day<'static> {
        Day { iso: Cow::Owned(iso_date(d)), words: Cow::Owned(words::date(d, lang)) }
    }
}

/// Every day of the register's span written out once, because the same few hundred
/// days recur in every item (received, registered, due…) and writing them is most of
/// the cost of building the views.
struct DayBook {
    first: NaiveDate,
    days: Vec<(String, String)>,
    lang: Lang,
}

impl DayBook {
    /// Longest span written out in advance; days outside it are written when asked.
    const MAX_DAYS: i64 = 366 * 20;

    fn new(days: impl Iterator<Item = NaiveDate>, lang: Lang) -> DayBook {
        let (mut first, mut last) = (NaiveDate::MAX, NaiveDate::MIN);
        for d in days {
            first = first.min(d);
            last = last.max(d);
        }
        let span = (last - first).num_days() + 1;
        if first > last || span > Self::MAX_DAYS {
            return DayBook { first: NaiveDate::MIN, days: Vec::new(), lang };
        }
        let days = first
            .iter_days()
            .take(span as usize)
            .map(|d| (iso_date(d), words::date(d, lang)))
            .collect();
        DayBook { first, days, lang }
    }

    fn day(&self, d: NaiveDate) -> Day<'_> {
        let index = usize::try_from((d - self.first).num_days()).ok();
        match index.and_then(|i| self.days.get(i)) {
            Some((iso, words)) => Day { iso: Cow::Borrowed(iso), words: Cow::Borrowed(words) },
            None => Day::of(d, self.lang),
        }
    }

    fn due(&self, due: Due) -> Day<'_> {
        match due {
            Due::Day(d) => self.day(d),
            Due::At(t) => Day {
                iso: Cow::Owned(t.to_rfc3339()),
                words: Cow::Owned(words::date_time(t, self.lang)),
            },
        }
    }
}

/// A classifier code with its name.
#[derive(Debug, Clone, Serialize)]
pub struct Topic<'a> {
    /// The code as written.
    pub code: &'a str,
    /// The name of the code or of its nearest named ancestor.
    pub name: Option<&'static str>,
}

/// A link to a sector.
#[derive(Debug, Clone, Serialize)]
pub struct SectorRef<'a> {
    /// Sector id.
    pub id: &'a str,
    /// Title, or the id when the sector is unknown.
    pub title: &'a str,
    /// Its page, relative to the site root, when it has one.
    pub page: Option<String>,
}

/// How the deadline was computed, in words.
#[derive(Debug, Clone, Serialize)]
pub struct DeadlineView<'a> {
    /// The last day (or instant) of the term.
    pub due: Option<Day<'a>>,
    /// On track, due soon, overdue…
    pub state: Label,
    /// Whether the item is overdue or was answered late.
    pub late: bool,
    /// The day the clock started.
    pub start: Day<'a>,
    /// The rule, in the site's language.
    pub rule: String,
    /// The days off between start and due, in words; `None` when there are none.
    pub days_off: Option<String>,
    /// The day the term would have ended had it not fallen on a day off.
    pub moved_from: Option<Day<'a>>,
    /// Whether the term was extended.
    pub extended: bool,
}

/// One item as the public site shows it: the allow-list, nothing else.
#[derive(Debug, Clone, Serialize)]
pub struct PublicItem<'a> {
    /// `2026-0042`.
    pub id: &'a str,
    /// Its page relative to the site root, when it has one on this site.
    pub page: Option<String>,
    /// Appeal, message or incident.
    pub kind: Label,
    /// How it arrived.
    pub channel: Label,
    /// Day of receipt.
    pub received: Day<'a>,
    /// Day of registration.
    pub registered: Day<'a>,
    /// Classifier topic.
    pub topic: Topic<'a>,
    /// Sector.
    pub sector: SectorRef<'a>,
    /// Settlement.
    pub locality: &'a str,
    /// Workflow status.
    pub status: Label,
    /// Deadline.
    pub deadline: DeadlineView<'a>,
    /// Summary written for publication.
    pub public_summary: Option<&'a str>,
    /// Answer summary written for publication, once answered.
    pub answer_summary: Option<&'a str>,
    /// Result, once answered.
    pub result: Option<Label>,
    /// Day of the answer.
    pub answered: Option<Day<'a>>,
    /// The body a forwarded item went to.
    pub forwarded_to: Option<&'a str>,
    /// Whether the item was left unanswered on art. 11 grounds.
    pub left_unanswered: bool,
    /// A one-line description for lists: the public summary, else the topic name.
    pub short: String,
}

/// A staff member as internal pages name them.
#[derive(Debug, Clone, Serialize)]
pub struct StaffRef<'a> {
    /// Staff id.
    pub id: &'a str,
    /// Full name, or the id when the staff list does not know it.
    pub name: &'a str,
}

/// A line of an internal list: the public fields plus the assignee.
#[derive(Debug, Clone, Serialize)]
pub struct InternalRow<'a> {
    /// The public fields.
    #[serde(flatten)]
    pub item: PublicItem<'a>,
    /// Who works on it.
    pub assignee: Option<StaffRef<'a>>,
}

/// The applicant. Internal only.
#[derive(Debug, Clone, Serialize)]
pub struct ApplicantView<'a> {
    /// Full name.
    pub name: Option<&'a str>,
    /// Contact.
    pub contact: Option<&'a str>,
    /// Postal address.
    pub address: Option<&'a str>,
}

/// A dated entry with a reason (extension, return, reopening). Internal only.
#[derive(Debug, Clone, Serialize)]
pub struct DatedReason<'a> {
    /// The day.
    pub date: Day<'a>,
    /// Why.
    pub reason: &'a str,
}

/// One check finding, as the report and item pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct Finding<'a> {
    /// `error` or `warning`.
    pub severity: &'static str,
    /// Its name in the site's language.
    pub severity_name: &'static str,
    /// `file:line:column`.
    pub place: String,
    /// Stable code.
    pub code: &'static str,
    /// The message in the site's language.
    pub message: &'a str,
}

/// What an internal item page shows beyond its line in lists ([`InternalRow`]): the
/// private fields, the rendered body and the check findings. Internal only.
#[derive(Debug, Clone, Serialize)]
pub struct InternalDetail<'a> {
    /// Whether the item also has a page on the public site.
    pub public_page: bool,
    /// Repository-relative file.
    pub file: &'a str,
    /// Number in the source system.
    pub external_id: Option<&'a str>,
    /// Applicant.
    pub applicant: ApplicantView<'a>,
    /// Forwarding target or art. 11 ground, as staff wrote it.
    pub reason: Option<&'a str>,
    /// Extension with its reason.
    pub extension: Option<DatedReason<'a>>,
    /// Incidents: the urgent term applies.
    pub urgent: bool,
    /// Incidents: the interim reply.
    pub first_response: Option<Day<'a>>,
    /// Answers sent back for rework.
    pub returned: Vec<DatedReason<'a>>,
    /// Reopenings.
    pub reopened: Vec<DatedReason<'a>>,
    /// Citizen's rating, 1–5.
    pub rating: Option<u8>,
    /// Whether the citizen agrees.
    pub agrees: Option<bool>,
    /// The Markdown body, rendered safely.
    pub body_html: String,
    /// Check findings for this item's file.
    pub findings: Vec<Finding<'a>>,
}

/// A figure as a page writes it.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// The number, when it may be shown.
    pub value: Option<u64>,
    /// The number in words of the page: grouped digits, `<3` or `—`.
    pub text: String,
}

/// One line of a breakdown table.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    /// The key as data (`in_progress`, `2026-03`, a sector id).
    pub code: String,
    /// The key in words.
    pub label: String,
    /// A page about the key, relative to the site root.
    pub page: Option<String>,
    /// How many.
    pub count: Figure,
}

/// A sector's line on a dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct SectorRow<'a> {
    /// Sector id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Its page.
    pub page: Option<String>,
    /// Items.
    pub total: String,
    /// Open items.
    pub open: String,
    /// Overdue items.
    pub overdue: String,
    /// On-time share, or `None` before the first answer.
    pub on_time_share: Option<String>,
}

/// The figures of a dashboard or sector page.
#[derive(Debug, Clone, Serialize)]
pub struct StatsView {
    /// Items.
    pub total: String,
    /// Open items.
    pub open: String,
    /// Overdue.
    pub overdue: String,
    /// Due soon.
    pub due_soon: String,
    /// Answered with a known deadline state.
    pub answered: String,
    /// On-time share of answered items.
    pub on_time_share: Option<String>,
    /// By kind.
    pub by_kind: Vec<RowView>,
    /// By status.
    pub by_status: Vec<RowView>,
    /// By deadline state.
    pub by_state: Vec<RowView>,
    /// By channel.
    pub by_channel: Vec<RowView>,
    /// By sector.
    pub by_sector: Vec<RowView>,
    /// By settlement.
    pub by_locality: Vec<RowView>,
    /// By topic.
    pub by_topic: Vec<RowView>,
    /// By month, oldest first.
    pub by_month: Vec<RowView>,
    /// The names of the kinds, the heads of `by_month_kind`'s columns.
    pub kinds: Vec<&'static str>,
    /// By month of receipt and kind, oldest first.
    pub by_month_kind: Vec<super::trend::MonthKindsView>,
    /// Answers by month with the on-time share, oldest first.
    pub on_time_by_month: Vec<super::trend::OnTimeView>,
    /// Whether any figure is suppressed, so the page explains the marks.
    pub suppressed: bool,
}

/// A sector's page.
#[derive(Debug, Clone, Serialize)]
pub struct SectorView<'a> {
    /// Sector id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// The description, rendered from Markdown.
    pub description_html: String,
    /// Its figures.
    pub stats: StatsView,
    /// Lead and members; internal only (empty on the public site).
    pub staff: Vec<StaffRef<'a>>,
}

/// One number in the lookup: number, status and deadline, and a link when it has a page.
#[derive(Debug, Clone, Serialize)]
pub struct LookupEntry<'a> {
    /// `2026-0042`.
    pub id: &'a str,
    /// Status.
    pub status: Label,
    /// Due date.
    pub due: Option<Day<'a>>,
    /// The item's page relative to the site root, when it has one.
    pub page: Option<String>,
}

/// A block of numbers in the lookup.
#[derive(Debug, Clone, Serialize)]
pub struct LookupRange {
    /// First number of the block.
    pub start: u32,
    /// Last number of the block.
    pub end: u32,
    /// `0001–0100`.
    pub label: String,
    /// Page file name within the year's folder.
    pub file: String,
    /// Items in the block.
    pub count: usize,
}

/// One year of the lookup.
#[derive(Debug, Clone, Serialize)]
pub struct LookupYear {
    /// The year.
    pub year: i32,
    /// Items that year.
    pub count: usize,
    /// Blocks of numbers that have items.
    pub ranges: Vec<LookupRange>,
}

/// Which site a view is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    /// Citizens' pages.
    Public,
    /// Staff pages.
    Internal,
}

/// What is computed once per build and shared by every page.
pub struct Prepared<'a> {
    /// The register.
    pub reg: &'a Register,
    /// The language of the pages.
    pub lang: Lang,
    /// Whether each item (by index) may have a page at all: a well-formed id that no earlier
    /// item uses. `check` reports the others as errors; the build only refuses to let them
    /// name a file.
    pub pageable: Vec<bool>,
    /// Whether each item gets a page on the public site.
    pub public: Vec<bool>,
    /// The index of each item's sector in `repo.sectors`.
    pub sector_of: Vec<Option<usize>>,
    /// Item indices, newest first (by day received, then number).
    pub newest_first: Vec<usize>,
    /// Whether each sector (by index) may have a page: an id that is safe as a file name.
    pub sector_pageable: Vec<bool>,
    /// Check findings by file.
    pub findings: BTreeMap<&'a str, Vec<&'a Diagnostic>>,
    /// Days written out.
    days: DayBook,
}

impl<'a> Prepared<'a> {
    /// Works out pages, order and findings.
    pub fn new(reg: &'a Register) -> Prepared<'a> {
        let repo = &reg.repo;
        let mut seen = HashSet::new();
        let pageable: Vec<bool> = repo
            .appeals
            .iter()
            .map(|a| parse_id(&a.id).is_some() && seen.insert(a.id.as_str()))
            .collect();
        let sector_of: Vec<Option<usize>> = repo
            .appeals
            .iter()
            .map(|a| repo.sectors.binary_search_by(|s| s.id.as_str().cmp(&a.sector)).ok())
            .collect();
        let public = repo
            .appeals
            .iter()
            .zip(&sector_of)
            .zip(&pageable)
            .map(|((a, s), ok)| {
                // An item whose sector is unknown gets no public page: nobody has decided
                // that its sector publishes items.
                let sector_says = s.is_some_and(|i| repo.sectors[i].public_items);
                *ok && a.public.unwrap_or(sector_says)
            })
            .collect();
        let mut newest_first: Vec<usize> = (0..repo.appeals.len()).collect();
        newest_first.sort_by_cached_key(|&i| {
            let a = &repo.appeals[i];
            std::cmp::Reverse((a.received.day(), a.year_and_number(), a.id.as_str()))
        });
        let sector_pageable = repo.sectors.iter().map(|s| is_slug(&s.id)).collect();
        let mut findings: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
        for d in &reg.diagnostics {
            findings.entry(d.file.as_str()).or_default().push(d);
        }
        for list in findings.values_mut() {
            list.sort_by(|a, b| (a.at, a.severity, a.code).cmp(&(b.at, b.severity, b.code)));
        }
        let lang = repo.config.lang;
        let days = DayBook::new(
            repo.appeals
                .iter()
                .flat_map(|a| [a.received.day(), a.registered_day()])
                .chain(
                    reg.deadlines
                        .iter()
                        .flat_map(|d| [Some(start_of(d)), due_of(d).map(|x| x.day())])
                        .flatten(),
                )
                .chain([reg.today]),
            lang,
        );
        Prepared {
            reg,
            lang,
            days,
            pageable,
            public,
            sector_of,
            newest_first,
            sector_pageable,
            findings,
        }
    }

    /// Whether item `i` has a page on `site`.
    pub fn has_page(&self, site: Site, i: usize) -> bool {
        match site {
            Site::Public => self.public[i],
            Site::Internal => self.pageable[i],
        }
    }

    /// The page of item `i`, relative to the site root.
    pub fn item_page(&self, site: Site, i: usize) -> Option<String> {
        self.has_page(site, i).then(|| format!("appeals/{}.html", self.reg.repo.appeals[i].id))
    }

    /// The page of sector `s`, relative to the site root.
    pub fn sector_page(&self, s: usize) -> Option<String> {
        self.sector_pageable[s].then(|| format!("sectors/{}.html", self.reg.repo.sectors[s].id))
    }

    fn sector_ref(&self, i: usize) -> SectorRef<'_> {
        let repo = &self.reg.repo;
        let appeal = &repo.appeals[i];
        match self.sector_of[i] {
            Some(s) => SectorRef {
                id: &repo.sectors[s].id,
                title: &repo.sectors[s].title,
                page: self.sector_page(s),
            },
            None => SectorRef { id: &appeal.sector, title: &appeal.sector, page: None },
        }
    }

    /// The public view of item `i` for `site`.
    pub fn public_item(&self, site: Site, i: usize) -> PublicItem<'_> {
        let lang = self.lang;
        let a: &'a Appeal = &self.reg.repo.appeals[i];
        let d: &'a Deadline = &self.reg.deadlines[i];
        let answered = a.status.is_answered();
        let topic_name = classifier::name(&a.topic);
        let summary = a.public_summary.as_deref().filter(|s| !s.trim().is_empty());
        let short = shorten(summary.or(topic_name).unwrap_or(&a.topic), 90);
        PublicItem {
            id: &a.id,
            page: self.item_page(site, i),
            kind: words::kind(a.kind, lang),
            channel: words::channel(a.channel, lang),
            received: self.days.day(a.received.day()),
            registered: self.days.day(a.registered_day()),
            topic: Topic { code: &a.topic, name: topic_name },
            sector: self.sector_ref(i),
            locality: &a.locality,
            status: words::status(a.status, lang),
            deadline: self.deadline_view(d),
            public_summary: summary,
            answer_summary: a.answer_summary.as_deref().filter(|_| answered),
            result: a.result.filter(|_| answered).map(|o| words::outcome(o, lang)),
            answered: a.answered.filter(|_| answered).map(|m| self.days.day(m.day())),
            forwarded_to: a.reason.as_deref().filter(|_| a.status == Status::Forwarded),
            left_unanswered: a.status == Status::LeftUnanswered,
            short,
        }
    }

    fn deadline_view(&self, d: &Deadline) -> DeadlineView<'_> {
        let lang = self.lang;
        DeadlineView {
            due: due_of(d).map(|due| self.days.due(due)),
            state: words::state(d.state, lang),
            late: matches!(d.state, DeadlineState::Overdue | DeadlineState::AnsweredLate),
            start: self.days.day(start_of(d)),
            rule: d.rule.get(lang).to_string(),
            days_off: (!d.skipped_days_off.is_empty())
                .then(|| words::dates(&d.skipped_days_off, lang)),
            moved_from: d.moved_from.map(|m| self.days.day(m)),
            extended: d.extended,
        }
    }

    /// The day `d` as pages and data write it.
    pub fn day(&self, d: NaiveDate) -> Day<'_> {
        self.days.day(d)
    }

    /// The line of item `i` in internal lists.
    pub fn internal_row(&self, i: usize) -> InternalRow<'_> {
        InternalRow { item: self.public_item(Site::Internal, i), assignee: self.assignee(i) }
    }

    fn staff_ref(&self, id: &'a str) -> StaffRef<'a> {
        let name = self.reg.repo.config.staff_member(id).map_or(id, |s| s.name.as_str());
        StaffRef { id, name }
    }

    fn assignee(&self, i: usize) -> Option<StaffRef<'a>> {
        self.reg.repo.appeals[i].assignee.as_deref().map(|id| self.staff_ref(id))
    }

    /// The private part of item `i`'s internal page.
    pub fn internal_detail(&self, i: usize) -> InternalDetail<'_> {
        let a: &'a Appeal = &self.reg.repo.appeals[i];
        let dated = |l: &'a crate::appeal::Loop| DatedReason {
            date: self.days.day(l.date),
            reason: l.reason.as_str(),
        };
        InternalDetail {
            public_page: self.public[i],
            file: &a.file,
            external_id: a.external_id.as_deref(),
            applicant: ApplicantView {
                name: a.applicant.name.as_deref(),
                contact: a.applicant.contact.as_deref(),
                address: a.applicant.address.as_deref(),
            },
            reason: a.reason.as_deref(),
            extension: a
                .extension
                .as_ref()
                .map(|e| DatedReason { date: self.days.day(e.until), reason: e.reason.as_str() }),
            urgent: a.urgent,
            first_response: a.first_response.map(|m| self.days.day(m.day())),
            returned: a.returned.iter().map(dated).collect(),
            reopened: a.reopened.iter().map(dated).collect(),
            rating: a.rating,
            agrees: a.agrees,
            body_html: markdown::to_html(&a.body, 3),
            findings: self.findings_of(&a.file),
        }
    }

    /// Check findings for `file`, in order of place.
    pub fn findings_of(&self, file: &str) -> Vec<Finding<'a>> {
        self.findings
            .get(file)
            .map_or_else(Vec::new, |list| list.iter().map(|d| finding(d, self.lang)).collect())
    }

    /// The lookup entry of item `i` on `site`: number, status, due, and a link.
    pub fn lookup_entry(&self, site: Site, i: usize) -> LookupEntry<'_> {
        let a = &self.reg.repo.appeals[i];
        LookupEntry {
            id: &a.id,
            status: words::status(a.status, self.lang),
            due: due_of(&self.reg.deadlines[i]).map(|d| self.days.due(d)),
            page: self.item_page(site, i),
        }
    }

    /// The lookup's years, each with its blocks of numbers, and the items of each block.
    pub fn lookup(&self) -> Vec<(LookupYear, Vec<Vec<usize>>)> {
        let mut by_year: BTreeMap<i32, BTreeMap<u32, Vec<(u32, usize)>>> = BTreeMap::new();
        for (i, a) in self.reg.repo.appeals.iter().enumerate() {
            if !self.pageable[i] {
                continue;
            }
            let Some((year, n)) = parse_id(&a.id) else { continue };
            by_year.entry(year).or_default().entry(range_start(n)).or_default().push((n, i));
        }
        by_year
            .into_iter()
            .map(|(year, blocks)| {
                let mut ranges = Vec::new();
                let mut members = Vec::new();
                for (start, mut items) in blocks {
                    items.sort();
                    let end = start + PAGE_SIZE as u32 - 1;
                    ranges.push(LookupRange {
                        start,
                        end,
                        label: format!("{year}-{start:04} — {year}-{end:04}"),
                        file: range_file(start),
                        count: items.len(),
                    });
                    members.push(items.into_iter().map(|(_, i)| i).collect());
                }
                let count = ranges.iter().map(|r| r.count).sum();
                (LookupYear { year, count, ranges }, members)
            })
            .collect()
    }

    /// The figures of `items` for `site` (suppressed on the public site).
    pub fn stats(&self, site: Site, items: impl IntoIterator<Item = usize>) -> Stats {
        let repo = &self.reg.repo;
        let ids: Vec<&str> = repo.sectors.iter().map(|s| s.id.as_str()).collect();
        let stats = Stats::compute(
            items.into_iter().map(|i| (&repo.appeals[i], &self.reg.deadlines[i])),
            &ids,
        );
        match site {
            Site::Public => stats.for_public(),
            Site::Internal => stats,
        }
    }

    /// Pages' words for `stats`.
    pub fn stats_view(&self, stats: &Stats) -> StatsView {
        let lang = self.lang;
        let repo = &self.reg.repo;
        let n = |v: u64| words::number(v, lang);
        let label_rows = |b: &Breakdown<Label>| -> Vec<RowView> {
            b.rows
                .iter()
                .map(|r| RowView {
                    code: r.key.code.to_string(),
                    label: r.key.name.to_string(),
                    page: None,
                    count: self.figure(r.cell),
                })
                .collect()
        };
        let relabel = |rows: Vec<(Label, Cell)>| Breakdown {
            rows: rows.into_iter().map(|(key, cell)| crate::stats::Row { key, cell }).collect(),
        };
        let by_kind = relabel(
            stats.by_kind.rows.iter().map(|r| (words::kind(r.key, lang), r.cell)).collect(),
        );
        let by_status = relabel(
            stats.by_status.rows.iter().map(|r| (words::status(r.key, lang), r.cell)).collect(),
        );
        let by_state = relabel(
            stats.by_state.rows.iter().map(|r| (words::state(r.key, lang), r.cell)).collect(),
        );
        let by_channel = relabel(
            stats.by_channel.rows.iter().map(|r| (words::channel(r.key, lang), r.cell)).collect(),
        );
        let by_sector = stats
            .by_sector
            .rows
            .iter()
            .map(|r| {
                let s = repo.sectors.binary_search_by(|s| s.id.cmp(&r.key)).ok();
                RowView {
                    code: r.key.clone(),
                    label: s.map_or(r.key.clone(), |s| repo.sectors[s].title.clone()),
                    page: s.and_then(|s| self.sector_page(s)),
                    count: self.figure(r.cell),
                }
            })
            .collect();
        let plain = |b: &Breakdown<String>, label: &dyn Fn(&str) -> String| -> Vec<RowView> {
            b.rows
                .iter()
                .map(|r| RowView {
                    code: r.key.clone(),
                    label: label(&r.key),
                    page: None,
                    count: self.figure(r.cell),
                })
                .collect()
        };
        let by_locality = plain(&stats.by_locality, &|k| k.to_string());
        let by_topic = plain(&stats.by_topic, &|k| {
            classifier::name(k).map_or_else(|| k.to_string(), |name| format!("{name} ({k})"))
        });
        let by_month = stats
            .by_month
            .rows
            .iter()
            .map(|r| RowView {
                code: r.key.iso(),
                label: words::month(r.key.year, r.key.month, lang),
                page: None,
                count: self.figure(r.cell),
            })
            .collect();
        StatsView {
            total: n(stats.total),
            open: n(stats.open),
            overdue: n(stats.overdue),
            due_soon: n(stats.due_soon),
            answered: n(stats.answered()),
            on_time_share: stats.on_time_share().map(|s| words::percent(s, lang)),
            by_kind: label_rows(&by_kind),
            by_status: label_rows(&by_status),
            by_state: label_rows(&by_state),
            by_channel: label_rows(&by_channel),
            by_sector,
            by_locality,
            by_topic,
            by_month,
            kinds: super::trend::kind_names(lang),
            by_month_kind: super::trend::month_kinds(
                &stats.by_month_kind,
                &stats.by_month.rows.iter().map(|r| r.cell).collect::<Vec<_>>(),
                lang,
            ),
            on_time_by_month: super::trend::on_time(&stats.on_time_by_month, lang),
            suppressed: stats.has_suppressed(),
        }
    }

    fn figure(&self, cell: Cell) -> Figure {
        figure(cell, self.lang)
    }

    /// A sector's line on a dashboard, from its own figures.
    pub fn sector_row(&self, s: usize, stats: &Stats) -> SectorRow<'a> {
        let sector: &'a Sector = &self.reg.repo.sectors[s];
        let n = |v: u64| words::number(v, self.lang);
        SectorRow {
            id: &sector.id,
            title: &sector.title,
            page: self.sector_page(s),
            total: n(stats.total),
            open: n(stats.open),
            overdue: n(stats.overdue),
            on_time_share: stats.on_time_share().map(|x| words::percent(x, self.lang)),
        }
    }

    /// A sector's page view.
    pub fn sector_view(&self, site: Site, s: usize, stats: &Stats) -> SectorView<'a> {
        let sector: &'a Sector = &self.reg.repo.sectors[s];
        let staff = match site {
            Site::Public => Vec::new(),
            Site::Internal => std::iter::once(sector.lead.as_str())
                .chain(sector.members.iter().map(String::as_str).filter(|m| *m != sector.lead))
                .filter(|id| !id.is_empty())
                .map(|id| self.staff_ref(id))
                .collect(),
        };
        SectorView {
            id: &sector.id,
            title: &sector.title,
            description_html: markdown::to_html(&sector.description, 2),
            stats: self.stats_view(stats),
            staff,
        }
    }

    /// Item indices of sector `s`, newest first.
    pub fn sector_items(&self, s: usize) -> Vec<usize> {
        self.newest_first.iter().copied().filter(|&i| self.sector_of[i] == Some(s)).collect()
    }
}

/// `cell` as a page writes it: grouped digits, `<3` for a small count, `—` for a count
/// hidden so that a small one cannot be worked out.
pub fn figure(cell: Cell, lang: Lang) -> Figure {
    match cell {
        Cell::Count(v) => Figure { value: Some(v), text: words::number(v, lang) },
        Cell::Small => Figure { value: None, text: "<3".into() },
        Cell::Hidden => Figure { value: None, text: "—".into() },
    }
}

/// The day the deadline's clock started.
///
/// The views read a [`Deadline`]'s start and due only through this function and
/// [`due_of`], so a change in the shape of `Deadline` touches only these two.
pub fn start_of(d: &Deadline) -> NaiveDate {
    d.start.day()
}

/// The deadline's last day or instant, when it is known. See [`start_of`].
pub fn due_of(d: &Deadline) -> Option<Due> {
    Some(d.due)
}

/// `2026-04-02`, without going through a format string (this runs for every date of
/// every item).
pub fn iso_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn finding(d: &Diagnostic, lang: Lang) -> Finding<'_> {
    let (severity, ru, en) = match d.severity {
        Severity::Error => ("error", "Ошибка", "Error"),
        Severity::Warning => ("warning", "Предупреждение", "Warning"),
    };
    let place = match d.at {
        Some(p) => format!("{}:{}:{}", d.file, p.line, p.column),
        None => d.file.clone(),
    };
    Finding {
        severity,
        severity_name: if lang == Lang::Ru { ru } else { en },
        place,
        code: d.code,
        message: d.message.get(lang),
    }
}

/// The first number of the lookup block that holds `n`: blocks are 1–100, 101–200, …
/// (number 0, if anyone uses it, sits in the first block).
pub fn range_start(n: u32) -> u32 {
    (n.max(1) - 1) / PAGE_SIZE as u32 * PAGE_SIZE as u32 + 1
}

/// The file name of the lookup block starting at `start`: `0001-0100.html`.
pub fn range_file(start: u32) -> String {
    format!("{start:04}-{:04}.html", start + PAGE_SIZE as u32 - 1)
}

/// Whether `id` is safe as a file name: ASCII letters, digits, `-` and `_`.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn shorten(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max_chars - 1).collect();
    out = out.trim_end().to_string();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_blocks_hold_a_hundred_numbers() {
        assert_eq!(range_start(1), 1);
        assert_eq!(range_start(100), 1);
        assert_eq!(range_start(101), 101);
        assert_eq!(range_start(0), 1);
        assert_eq!(range_file(101), "0101-0200.html");
        assert_eq!(range_file(12301), "12301-12400.html");
    }

    #[test]
    fn only_plain_ids_are_file_names() {
        assert!(is_slug("roads"));
        assert!(is_slug("zhkh_2"));
        assert!(!is_slug("../x"));
        assert!(!is_slug(""));
        assert!(!is_slug("дороги"));
    }

    #[test]
    fn long_summaries_are_shortened_on_a_character_boundary() {
        assert_eq!(shorten("яма", 90), "яма");
        assert_eq!(shorten("абвгд", 4), "абв…");
    }
}
