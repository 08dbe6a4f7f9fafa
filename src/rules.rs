//! Checks that need more than one file: references between appeals, sectors, staff and
//! roles, and the fields each status requires.
//!
//! Reading a single file (`appeal`, `sector`, `config`) already checks that each value has
//! the right shape; this module checks that the values agree with each other.

use crate::appeal::{Appeal, Kind};
use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::fields::Choice;
use crate::load::Repository;
use crate::messages;
use crate::sector::{self, Sector};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The day plain e-mail stopped being a channel for 59-FZ appeals.
fn email_reform_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 30).expect("a valid calendar date")
}

/// Runs every cross-file check on a loaded repository.
pub fn check(repo: &Repository, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = check_settlements(&repo.config);
    out.extend(check_sectors(&repo.config, &repo.sectors));
    out.extend(check_unique_ids(&repo.appeals));
    let staff: HashSet<&str> = repo.config.staff.iter().map(|s| s.id.as_str()).collect();
    let settlements: HashSet<&str> = repo.config.settlements.iter().map(String::as_str).collect();
    let context = Context { repo, staff, settlements, today };
    for appeal in &repo.appeals {
        context.check_appeal(appeal, &mut out);
    }
    out.extend(crate::discussion::check_discussions(repo, today));
    out
}

/// Staff ids, e-mails and role holders are checked as the configuration is read (see
/// `config`); what is left is worth a warning only.
fn check_settlements(config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if config.settlements.is_empty() {
        out.push(Diagnostic::warning(
            "no-settlements",
            config::FILE,
            None,
            messages::no_settlements(),
        ));
    }
    out
}

fn check_sectors(config: &Config, sectors: &[Sector]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if sectors.is_empty() {
        out.push(Diagnostic::error("no-sectors", "sectors", None, messages::no_sectors()));
    }
    let mut files: HashMap<&str, &str> = HashMap::new();
    let mut owners: BTreeMap<&str, &str> = BTreeMap::new();
    for s in sectors {
        if let Some(other) = files.insert(&s.id, &s.file) {
            out.push(Diagnostic::error(
                "duplicate-sector",
                &s.file,
                Some(s.place("id")),
                messages::duplicate_sector(&s.id, other),
            ));
        }
        let mut listed = HashSet::new();
        for m in s.members.iter().filter(|m| !listed.insert(m.as_str())) {
            let message = messages::member_listed_twice(m);
            out.push(Diagnostic::warning(
                "duplicate-member",
                &s.file,
                Some(s.place("members")),
                message,
            ));
        }
        let people =
            std::iter::once(("lead", &s.lead)).chain(s.members.iter().map(|m| ("members", m)));
        for (field, id) in people {
            if config.staff_member(id).is_none() {
                let hint = messages::suggest(id, config.staff.iter().map(|x| x.id.as_str()));
                let (ru, en) = if field == "lead" {
                    ("руководитель блока", "sector lead")
                } else {
                    ("сотрудник блока", "sector member")
                };
                out.push(Diagnostic::error(
                    "unknown-staff",
                    &s.file,
                    Some(s.place(field)),
                    messages::not_on_staff(ru, en, id, hint),
                ));
            }
        }
        for t in &s.topics {
            match owners.get(t.as_str()) {
                Some(other) if *other == s.id => out.push(Diagnostic::warning(
                    "duplicate-topic",
                    &s.file,
                    Some(s.place("topics")),
                    messages::topic_listed_twice(t),
                )),
                Some(other) => out.push(Diagnostic::warning(
                    "topic-in-two-sectors",
                    &s.file,
                    Some(s.place("topics")),
                    messages::topic_in_two_sectors(t, other),
                )),
                None => {
                    owners.insert(t, &s.id);
                }
            }
        }
    }
    out
}

fn check_unique_ids(appeals: &[Appeal]) -> Vec<Diagnostic> {
    // `2026-0001` and `2026-00001` name the same number: compare year and number, not text.
    let mut holders: BTreeMap<(i32, u32), Vec<&Appeal>> = BTreeMap::new();
    for a in appeals {
        if let Some(key) = crate::appeal::parse_id(&a.id).filter(|&k| k != (0, 0)) {
            holders.entry(key).or_default().push(a);
        }
    }
    let mut out = Vec::new();
    for same in holders.values().filter(|v| v.len() > 1) {
        // The file named after its id keeps the number: a copy such as
        // `2026-0008 (copy).md` is the stray one, however it sorts. Next the number keeps
        // its shortest spelling: extra leading zeros are the slip, and that file is the
        // one to renumber. Between identical texts the first file in order keeps it.
        let keeper = same
            .iter()
            .enumerate()
            .min_by_key(|(i, a)| (!a.named_after_id(), a.id.len(), *i))
            .map(|(i, _)| i)
            .expect("a group of two or more holders is not empty");
        let kept = same[keeper];
        for a in same.iter().enumerate().filter(|(i, _)| *i != keeper).map(|(_, a)| a) {
            out.push(Diagnostic::error(
                "duplicate-id",
                &a.file,
                Some(a.place("id")),
                messages::duplicate_id(&a.id, &kept.id, &kept.file),
            ));
        }
    }
    out
}

struct Context<'a> {
    repo: &'a Repository,
    staff: HashSet<&'a str>,
    settlements: HashSet<&'a str>,
    today: NaiveDate,
}

impl Context<'_> {
    fn check_appeal(&self, a: &Appeal, out: &mut Vec<Diagnostic>) {
        let mut err = |code, field: &str, m| {
            out.push(Diagnostic::error(code, &a.file, Some(a.place(field)), m))
        };
        let sector = self.repo.sector(&a.sector);
        if sector.is_none() && !a.sector.is_empty() {
            let hint =
                messages::suggest(&a.sector, self.repo.sectors.iter().map(|s| s.id.as_str()));
            err(
                "unknown-sector",
                "sector",
                messages::unknown_reference("отраслевой блок", "sector", &a.sector, hint),
            );
        }
        if !a.topic.is_empty() && !sector::is_topic_code(&a.topic) {
            err("invalid-topic", "topic", messages::bad_topic_code(&a.topic));
        } else if let Some(s) = sector
            && !a.topic.is_empty()
            && !s.handles(&a.topic)
        {
            err("topic-not-in-sector", "topic", messages::topic_not_in_sector(&a.topic, &s.id));
        }
        if !self.settlements.is_empty()
            && !a.locality.is_empty()
            && !self.settlements.contains(a.locality.as_str())
        {
            let hint = messages::suggest(&a.locality, self.settlements.iter().copied());
            err(
                "unknown-locality",
                "locality",
                messages::unknown_reference("населённый пункт", "settlement", &a.locality, hint),
            );
        }
        self.check_assignee(a, sector, out);
        check_status_fields(a, out);
        check_dates(a, self.today, out);
        check_kind_fields(a, out);
        // Only an item with a public page publishes its summaries.
        if a.public.unwrap_or(sector.is_some_and(|s| s.public_items)) {
            out.extend(crate::privacy::check_public_fields(a));
        }
    }

    fn check_assignee(&self, a: &Appeal, sector: Option<&Sector>, out: &mut Vec<Diagnostic>) {
        let place = Some(a.place("assignee"));
        match &a.assignee {
            None if a.status.needs_assignee() => out.push(Diagnostic::error(
                "missing-field",
                &a.file,
                Some(a.place("status")),
                messages::missing_field_for_status("assignee", a.status.name()),
            )),
            None => {}
            Some(id) if !self.staff.contains(id.as_str()) => {
                let hint = messages::suggest(id, self.staff.iter().copied());
                let m = messages::not_on_staff("исполнитель", "assignee", id, hint);
                out.push(Diagnostic::error("unknown-staff", &a.file, place, m));
            }
            Some(id) => {
                if let Some(s) = sector
                    && !s.has_member(id)
                {
                    let m = messages::assignee_not_in_sector(id, &s.id);
                    out.push(Diagnostic::error("assignee-not-in-sector", &a.file, place, m));
                }
            }
        }
    }
}

fn check_status_fields(a: &Appeal, out: &mut Vec<Diagnostic>) {
    let status = a.status.name();
    // A field written with a bad value (`answered: 2026-02-30`) is reported where it is
    // written; calling it missing as well would send the reader looking for the wrong fix.
    let answered = a.answered.is_some() || a.has_field("answered");
    let mut need = |field: &str, present: bool| {
        if !present {
            let m = messages::missing_field_for_status(field, status);
            out.push(Diagnostic::error("missing-field", &a.file, Some(a.place("status")), m));
        }
    };
    if a.status.is_answered() {
        need("answered", answered);
        need("result", a.result.is_some() || a.has_field("result"));
    }
    if a.status.is_closed_without_answer() && a.reason.is_none() {
        out.push(Diagnostic::error(
            "reason-missing",
            &a.file,
            Some(a.place("status")),
            messages::reason_missing(status),
        ));
    }
    let reworked = !a.returned.is_empty() || !a.reopened.is_empty();
    if a.status.is_open() && a.answered.is_some() && !reworked {
        out.push(Diagnostic::warning(
            "answered-while-open",
            &a.file,
            Some(a.place("answered")),
            messages::answered_while_open(status),
        ));
    }
    if (a.rating.is_some() || a.agrees.is_some()) && !answered {
        out.push(Diagnostic::warning(
            "rating-without-answer",
            &a.file,
            Some(a.place("status")),
            messages::rating_without_answer(),
        ));
    }
}

fn check_dates(a: &Appeal, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let received = a.received.day();
    let mut order =
        |earlier: &str, earlier_day: NaiveDate, later: &str, later_day: Option<NaiveDate>| {
            if let Some(day) = later_day
                && day < earlier_day
            {
                out.push(Diagnostic::error(
                    "date-order",
                    &a.file,
                    Some(a.place(later)),
                    messages::date_order(earlier, later),
                ));
            }
        };
    let registered = a.registered.map(|r| r.day());
    order("received", received, "registered", registered);
    let answered = a.answered.map(|x| x.day());
    match registered {
        Some(r) => order("registered", r, "answered", answered),
        None => order("received", received, "answered", answered),
    }
    order("received", received, "first_response", a.first_response.map(|x| x.day()));
    for (field, list) in [("returned", &a.returned), ("reopened", &a.reopened)] {
        for entry in list {
            order("received", received, field, Some(entry.date));
        }
    }
    order("received", received, "due", a.due);
    if let Some(ext) = &a.extension {
        order("received", received, "extension", Some(ext.until));
    }
    // Things that have happened cannot be dated after today; `due` and an extension's last
    // day are plans and may be.
    let loops = a.returned.iter().map(|l| ("returned", Some(l.date)));
    let reopenings = a.reopened.iter().map(|l| ("reopened", Some(l.date)));
    let fields = [
        ("received", Some(received)),
        ("registered", registered),
        ("answered", answered),
        ("first_response", a.first_response.map(|x| x.day())),
    ];
    for (field, day) in fields.into_iter().chain(loops).chain(reopenings) {
        if let Some(day) = day
            && day > today
        {
            let m = messages::in_future(field, &today.format("%Y-%m-%d").to_string());
            out.push(Diagnostic::error("future-date", &a.file, Some(a.place(field)), m));
        }
    }
}

fn check_kind_fields(a: &Appeal, out: &mut Vec<Diagnostic>) {
    let kind = a.kind.name();
    if a.kind != Kind::Incident {
        if a.urgent {
            out.push(Diagnostic::error(
                "not-for-kind",
                &a.file,
                Some(a.place("urgent")),
                messages::not_for_kind("urgent", kind),
            ));
        }
        if a.first_response.is_some() {
            let m = messages::not_for_kind("first_response", kind);
            out.push(Diagnostic::error(
                "not-for-kind",
                &a.file,
                Some(a.place("first_response")),
                m,
            ));
        }
    }
    let email = a.channel == crate::appeal::Channel::Email;
    if a.kind == Kind::Appeal && email && a.received.day() >= email_reform_day() {
        out.push(Diagnostic::warning(
            "email-appeal",
            &a.file,
            Some(a.place("channel")),
            messages::email_appeal_after_reform(),
        ));
    }
}
