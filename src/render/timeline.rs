//! Timelines of item pages, from the git history ([`crate::history`]).
//!
//! Two separate view types, like the rest of [`super::views`]:
//! - [`InternalTimeline`] — every change of the front matter with its local date and time,
//!   the author (the staff member's name when the author's e-mail belongs to staff, else
//!   the name and e-mail as committed) and the short commit id;
//! - [`PublicTimeline`] — built from an allow-list of changes: registration, status, the
//!   deadline (due and the extension's new last day, never its reason) and the day of the
//!   answer. Each step carries only a day (no time of day), and no names, e-mails, staff
//!   ids, commit ids, assignees, sectors moves, returns or reopenings. A public template
//!   cannot show more because no public view holds more.
//!
//! The words of both, and of the feeds, are in [`texts`]; they are kept here, apart from
//! the main catalogue, and reach templates as `tl`.

use super::views::{Day, iso_date};
use super::words;
use crate::appeal::Status;
use crate::config::Config;
use crate::dates::Moment;
use crate::history::{Change, Commit, Event, History, Note};
use crate::messages::Lang;
use crate::register::Register;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The words of timelines and feeds: key, Russian, English.
const TEXTS: &[(&str, &str, &str)] = &[
    ("timeline", "История", "History"),
    ("timeline_caption", "Изменения карточки по истории git", "Changes of the record from git"),
    ("public_timeline_caption", "Статусы и сроки по датам", "Statuses and deadlines by date"),
    ("when", "Когда", "When"),
    ("who", "Кто", "Who"),
    ("what", "Что изменилось", "What changed"),
    ("commit", "Коммит", "Commit"),
    (
        "no_history_public",
        "История статусов недоступна.",
        "The history of statuses is not available.",
    ),
    (
        "no_events",
        "В истории git нет изменений этой карточки: файл ещё не закоммичен.",
        "The git history has no changes of this record: the file is not committed yet.",
    ),
    ("feed", "Лента изменений статусов (Atom)", "Status changes feed (Atom)"),
    ("sector_feed", "Лента изменений статусов сектора (Atom)", "Sector status changes feed (Atom)"),
];

/// The words of timelines and feeds in `lang`, by key.
pub fn texts(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    TEXTS.iter().map(|(k, ru, en)| (*k, if lang == Lang::Ru { *ru } else { *en })).collect()
}

/// Who made a change, as internal pages name them.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorView {
    /// The staff member's name, or the name as committed.
    pub name: String,
    /// The staff id, when the e-mail belongs to staff.
    pub staff: Option<String>,
    /// The e-mail, shown only when it belongs to no staff member.
    pub email: Option<String>,
}

/// One commit's changes of one item. Internal only.
#[derive(Debug, Clone, Serialize)]
pub struct InternalStep {
    /// RFC 3339, in the municipality's zone.
    pub iso: String,
    /// «2 апреля 2026 г., 14:00».
    pub words: String,
    /// Who.
    pub author: AuthorView,
    /// Short commit id.
    pub commit: String,
    /// What changed, one line each.
    pub changes: Vec<String>,
}

/// The timeline of an internal item page.
#[derive(Debug, Clone, Serialize)]
pub struct InternalTimeline {
    /// Oldest first.
    pub steps: Vec<InternalStep>,
    /// Why there is no history at all, in plain words; `None` when git was read.
    pub unavailable: Option<String>,
}

/// One day's public changes of one item. Public.
#[derive(Debug, Clone, Serialize)]
pub struct PublicStep {
    /// The day of the change.
    pub day: Day<'static>,
    /// What changed, one line each, from the allow-list.
    pub changes: Vec<String>,
}

/// The timeline of a public item page.
#[derive(Debug, Clone, Serialize)]
pub struct PublicTimeline {
    /// Oldest first.
    pub steps: Vec<PublicStep>,
}

/// Why the history is missing, in plain words for staff.
pub fn unavailable(history: &History, lang: Lang) -> Option<String> {
    let note = history.notes.first()?;
    let ru = lang == Lang::Ru;
    Some(match note {
        Note::NotARepository => if ru {
            "История изменений недоступна: папка реестра не является репозиторием git."
        } else {
            "No history: the register's folder is not a git repository."
        }
        .to_string(),
        Note::Shallow => if ru {
            "История изменений недоступна: это неполная (shallow) копия репозитория. \
             Получите полную историю (git fetch --unshallow)."
        } else {
            "No history: this is a shallow clone. Fetch the full history (git fetch --unshallow)."
        }
        .to_string(),
        Note::Empty => if ru {
            "История изменений пуста: в репозитории ещё нет коммитов."
        } else {
            "No history: the repository has no commits yet."
        }
        .to_string(),
        Note::Unreadable { detail } => {
            if ru {
                format!("История изменений недоступна: git не смог её прочитать ({detail}).")
            } else {
                format!("No history: git could not read it ({detail}).")
            }
        }
    })
}

/// Consecutive events of the same commit, together.
fn by_commit(events: &[Event]) -> Vec<(&Arc<Commit>, Vec<&Change>)> {
    let mut out: Vec<(&Arc<Commit>, Vec<&Change>)> = Vec::new();
    for e in events {
        match out.last_mut() {
            Some((c, changes)) if c.id == e.commit.id => changes.push(&e.change),
            _ => out.push((&e.commit, vec![&e.change])),
        }
    }
    out
}

/// The internal timeline of appeal `id`.
pub fn internal(reg: &Register, id: &str) -> InternalTimeline {
    let config = &reg.repo.config;
    let lang = config.lang;
    let steps = by_commit(reg.history.timeline(id))
        .into_iter()
        .map(|(commit, changes)| InternalStep {
            iso: commit.time.to_rfc3339(),
            words: words::date_time(commit.time, lang),
            author: author(config, commit),
            commit: commit.short.clone(),
            changes: changes.into_iter().map(|c| describe(reg, c, lang)).collect(),
        })
        .collect();
    InternalTimeline { steps, unavailable: unavailable(&reg.history, lang) }
}

fn author(config: &Config, commit: &Commit) -> AuthorView {
    let a = &commit.author;
    match a.staff.as_deref() {
        Some(id) => AuthorView {
            name: config.staff_member(id).map_or_else(|| a.name.clone(), |s| s.name.clone()),
            staff: Some(id.to_string()),
            email: None,
        },
        None => AuthorView { name: a.name.clone(), staff: None, email: Some(a.email.clone()) },
    }
}

/// The public timeline of appeal `id`: allowed changes only, by day.
pub fn public(reg: &Register, id: &str) -> PublicTimeline {
    let lang = reg.repo.config.lang;
    let mut steps: Vec<PublicStep> = Vec::new();
    for (commit, changes) in by_commit(reg.history.timeline(id)) {
        let lines: Vec<String> = changes.into_iter().filter_map(|c| public_line(c, lang)).collect();
        if lines.is_empty() {
            continue;
        }
        let day = commit.day();
        match steps.last_mut() {
            Some(last) if last.day.iso == iso_date(day) => last.changes.extend(lines),
            _ => steps.push(PublicStep { day: Day::of(day, lang), changes: lines }),
        }
    }
    PublicTimeline { steps }
}

/// A status in lower case, for the middle of a sentence; «—» when absent.
pub fn status_word(s: Option<Status>, lang: Lang) -> String {
    match s {
        Some(s) => lower_first(words::status(s, lang).name),
        None => "—".into(),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn pick(lang: Lang, ru: &str, en: &str) -> String {
    if lang == Lang::Ru { ru.to_string() } else { en.to_string() }
}

fn day_words(d: Option<chrono::NaiveDate>, lang: Lang) -> String {
    d.map_or_else(|| "—".into(), |d| words::date(d, lang))
}

fn moment_words(m: Option<Moment>, lang: Lang) -> String {
    match m {
        None => "—".into(),
        Some(Moment::Day(d)) => words::date(d, lang),
        Some(Moment::At(t)) => words::date_time(t, lang),
    }
}

fn status_line(from: Option<Status>, to: Option<Status>, lang: Lang) -> String {
    match from {
        None => format!("{}: {}", pick(lang, "Статус", "Status"), status_word(to, lang)),
        Some(_) => format!(
            "{}: {} → {}",
            pick(lang, "Статус", "Status"),
            status_word(from, lang),
            status_word(to, lang)
        ),
    }
}

/// A change as the public page says it, or `None` when it is not on the allow-list.
fn public_line(change: &Change, lang: Lang) -> Option<String> {
    Some(match change {
        Change::Created => pick(lang, "Обращение зарегистрировано", "The appeal was registered"),
        Change::Status { from, to } => status_line(*from, *to, lang),
        Change::Due { to, .. } => {
            format!("{}: {}", pick(lang, "Срок ответа", "Answer due"), day_words(*to, lang))
        }
        Change::Extension { to: Some(e), .. } => format!(
            "{} {}",
            pick(lang, "Срок продлён до", "The term was extended until"),
            words::date(e.until, lang)
        ),
        Change::Answered { to: Some(m), .. } => {
            format!("{}: {}", pick(lang, "Дата ответа", "Answered on"), words::date(m.day(), lang))
        }
        _ => return None,
    })
}

/// A change as the internal page says it.
fn describe(reg: &Register, change: &Change, lang: Lang) -> String {
    let repo = &reg.repo;
    let staff = |id: &Option<String>| match id.as_deref() {
        None => "—".to_string(),
        Some(id) => match repo.config.staff_member(id) {
            Some(s) => format!("{} ({id})", s.name),
            None => id.to_string(),
        },
    };
    let sector = |id: &Option<String>| match id.as_deref() {
        None => "—".to_string(),
        Some(id) => repo.sector(id).map_or_else(|| id.to_string(), |s| s.title.clone()),
    };
    let arrow = |what: &str, from: String, to: String| format!("{what}: {from} → {to}");
    match change {
        Change::Created => pick(lang, "Карточка создана", "Record created"),
        Change::Deleted => pick(lang, "Файл удалён", "File deleted"),
        Change::Renamed { from } => {
            format!("{} {from}", pick(lang, "Файл переименован; прежнее имя:", "File renamed from"))
        }
        Change::Unreadable => pick(
            lang,
            "Заголовок файла в этой версии не читается",
            "The front matter of this version cannot be read",
        ),
        Change::Status { from, to } => status_line(*from, *to, lang),
        Change::Assignee { from, to } => {
            arrow(&pick(lang, "Исполнитель", "Assignee"), staff(from), staff(to))
        }
        Change::Sector { from, to } => {
            arrow(&pick(lang, "Сектор", "Sector"), sector(from), sector(to))
        }
        Change::Due { from, to } => arrow(
            &pick(lang, "Срок ответа", "Answer due"),
            day_words(*from, lang),
            day_words(*to, lang),
        ),
        Change::Extension { to, .. } => match to {
            Some(e) => format!(
                "{} {}: {}",
                pick(lang, "Срок продлён до", "Extended until"),
                words::date(e.until, lang),
                e.reason
            ),
            None => pick(lang, "Продление снято", "Extension removed"),
        },
        Change::Result { from, to } => {
            let w = |o: &Option<crate::appeal::Outcome>| {
                o.map_or_else(|| "—".to_string(), |o| lower_first(words::outcome(o, lang).name))
            };
            arrow(&pick(lang, "Результат", "Result"), w(from), w(to))
        }
        Change::Answered { from, to } => arrow(
            &pick(lang, "Дата ответа", "Answered on"),
            moment_words(*from, lang),
            moment_words(*to, lang),
        ),
        Change::Returned(l) => format!(
            "{} {}: {}",
            pick(lang, "Возвращено на доработку", "Returned for rework on"),
            words::date(l.date, lang),
            l.reason
        ),
        Change::Reopened(l) => format!(
            "{} {}: {}",
            pick(lang, "Возобновлено", "Reopened on"),
            words::date(l.date, lang),
            l.reason
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_in_the_middle_of_a_sentence() {
        assert_eq!(status_word(Some(Status::InProgress), Lang::Ru), "в работе");
        assert_eq!(
            status_line(Some(Status::InProgress), Some(Status::Answered), Lang::Ru),
            "Статус: в работе → дан ответ"
        );
        assert_eq!(status_word(None, Lang::En), "—");
    }

    #[test]
    fn assignee_sector_and_returns_are_not_public() {
        let c = Change::Assignee { from: None, to: Some("ZZ".into()) };
        assert!(public_line(&c, Lang::Ru).is_none());
        let l = crate::appeal::Loop {
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            reason: "ZZ".into(),
        };
        assert!(public_line(&Change::Returned(l.clone()), Lang::Ru).is_none());
        assert!(public_line(&Change::Reopened(l), Lang::Ru).is_none());
        assert!(
            public_line(&Change::Sector { from: None, to: Some("x".into()) }, Lang::Ru).is_none()
        );
    }
}
