//! The dashboard's trend charts over a small repository written at test time: volume by
//! month and kind, the on-time share by month of answer, and items by settlement, each
//! with its data table; public suppression of small figures; the same charts on the
//! internal growth page and in the head's report.
//!
//! The figures, by hand (received → kind; answered → on time or late):
//!
//! | month    | appeal | message | incident | total |
//! | -------- | ------ | ------- | -------- | ----- |
//! | Jan 2026 | 3      | 3       | 0        | 6     |
//! | Feb 2026 | 1      | 0       | 3        | 4     |
//! | Mar 2026 | 2      | 0       | 0        | 2     |
//!
//! Answers: January 5 (4 on time, 80 %), February 3 (2 on time, 67 %), March 1 (on time,
//! 100 %). Settlements: Катанда 5, Усть-Кокса 4, Тюнгур 2, `<script>` 1.
//!
//! Public suppression. Months: March (2) is small and alone, so the next smallest month,
//! February (4), is hidden too. Month × kind: February's and March's appeals (1, 2) are
//! small; no line then pins a hidden cell (appeals: 6 − 3 = 3 = 1 + 2 or 2 + 1), so
//! nothing more is hidden. Answers (9 in all): March (1) is small; February (3) is hidden
//! with it, and then January too, since 9 − 5 = 4 = `—` + `<3` could only be 3 + 1. The
//! on-time counts follow: February's 2 on time is small, and no month shows a share.
//! Settlements: Тюнгур and `<script>` are small; two small cells need no more hiding.

mod common;

use chrono::NaiveDate;
use otklik::deadline::{Deadline, DeadlineState, Due};
use otklik::messages::Message;
use otklik::register::Register;
use std::path::Path;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `(id, kind, channel, received, locality, answered, state)`.
type Spec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    DeadlineState,
);

fn items() -> Vec<Spec> {
    use DeadlineState::*;
    vec![
        (
            "2026-0001",
            "appeal",
            "letter",
            "2026-01-12",
            "Катанда",
            Some("2026-01-20"),
            AnsweredOnTime,
        ),
        (
            "2026-0002",
            "appeal",
            "letter",
            "2026-01-13",
            "Катанда",
            Some("2026-01-21"),
            AnsweredOnTime,
        ),
        (
            "2026-0003",
            "appeal",
            "letter",
            "2026-01-14",
            "Катанда",
            Some("2026-01-22"),
            AnsweredLate,
        ),
        (
            "2026-0004",
            "message",
            "pos",
            "2026-01-15",
            "Катанда",
            Some("2026-01-23"),
            AnsweredOnTime,
        ),
        (
            "2026-0005",
            "message",
            "pos",
            "2026-01-16",
            "Усть-Кокса",
            Some("2026-01-26"),
            AnsweredOnTime,
        ),
        ("2026-0006", "message", "pos", "2026-01-19", "Усть-Кокса", None, Overdue),
        (
            "2026-0007",
            "incident",
            "incident_management",
            "2026-02-02",
            "Усть-Кокса",
            Some("2026-02-03"),
            AnsweredOnTime,
        ),
        (
            "2026-0008",
            "incident",
            "incident_management",
            "2026-02-03",
            "Усть-Кокса",
            Some("2026-02-04"),
            AnsweredLate,
        ),
        (
            "2026-0009",
            "incident",
            "incident_management",
            "2026-02-04",
            "Тюнгур",
            Some("2026-02-05"),
            AnsweredOnTime,
        ),
        ("2026-0010", "appeal", "letter", "2026-02-05", "<script>", None, OnTrack),
        (
            "2026-0011",
            "appeal",
            "letter",
            "2026-03-02",
            "Тюнгур",
            Some("2026-03-10"),
            AnsweredOnTime,
        ),
        ("2026-0012", "appeal", "letter", "2026-03-03", "Катанда", None, OnTrack),
    ]
}

const CONFIG: &str = "municipality:
  name: \"МО «Тестовый район»\"
  time_zone: Asia/Barnaul
  settlements: [Усть-Кокса, Катанда, Тюнгур]
site:
  title: \"Обращения граждан — Тестовый район\"
  base_url: \"/\"
  language: LANG
  theme: default
roles:
  curator: s1
  head: s1
  coordinator: s1
staff:
  - { id: s1, name: \"Смирнова Ольга\" }
";

const SECTOR: &str = "---
id: roads
title: Дороги
lead: s1
members: [s1]
topics: [\"0003.0009.0099\"]
---
Дороги.
";

fn write_repository(root: &Path, lang: &str) {
    std::fs::create_dir_all(root.join("appeals/2026")).unwrap();
    std::fs::create_dir_all(root.join("sectors")).unwrap();
    std::fs::write(root.join("otklik.yaml"), CONFIG.replace("LANG", lang)).unwrap();
    std::fs::write(root.join("sectors/roads.md"), SECTOR).unwrap();
    for (id, kind, channel, received, locality, answered, _) in items() {
        let answer = match answered {
            Some(a) => format!("status: answered\nanswered: {a}\nresult: explained\n"),
            None => "status: in_progress\n".to_string(),
        };
        let text = format!(
            "---\nid: {id}\nkind: {kind}\nchannel: {channel}\nreceived: {received}\n\
             topic: \"0003.0009.0099.0742\"\nsector: roads\nlocality: \"{locality}\"\n\
             assignee: s1\n{answer}---\nТекст.\n"
        );
        std::fs::write(root.join(format!("appeals/2026/{id}.md")), text).unwrap();
    }
}

/// The deadline states are set by hand, so that the figures do not depend on the
/// deadline rules.
fn deadline(state: DeadlineState) -> Deadline {
    let (start, due) = (day(2026, 1, 12), Due::Day(day(2026, 2, 11)));
    common::deadline(start, due, state, Message::new("правило", "rule"))
}

fn register(root: &Path) -> Register {
    let repo = otklik::load::load(root).expect("the repository loads");
    assert_eq!(repo.appeals.len(), 12, "{:?}", repo.diagnostics);
    let states: std::collections::BTreeMap<&str, DeadlineState> =
        items().into_iter().map(|s| (s.0, s.6)).collect();
    let deadlines = repo.appeals.iter().map(|a| deadline(states[a.id.as_str()])).collect();
    Register {
        repo,
        history: Default::default(),
        deadlines,
        diagnostics: Vec::new(),
        accepted: Vec::new(),
        today: day(2026, 4, 10),
    }
}

/// Builds the site in `lang` and returns the temporary folder, the register and the
/// output folder.
fn build(lang: &str) -> (tempfile::TempDir, Register, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    write_repository(&root, lang);
    let reg = register(&root);
    let out = tmp.path().join("site");
    otklik::render::build(&reg, &out, None).expect("the site builds");
    (tmp, reg, out)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The part of `html` from `start` to the first `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start:?} in {html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or_else(|| panic!("no {end:?} after {start:?}"))]
}

/// The cells of every body row of the table with `caption`: the row head, then the data.
fn table_rows(html: &str, caption: &str) -> Vec<Vec<String>> {
    let table = between(html, &format!("<caption>{caption}</caption>"), "</table>");
    let body = between(table, "<tbody>", "</tbody>");
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split(['<', '>'])
                .collect::<Vec<_>>()
                .windows(2)
                .filter(|w| w[0].starts_with("th") || w[0].starts_with("td"))
                .map(|w| w[1].to_string())
                .collect()
        })
        .collect()
}

fn rows(table: &[&[&str]]) -> Vec<Vec<String>> {
    table.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

/// The SVG whose title has `id`.
fn chart<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("aria-labelledby=\"{id}-title")).expect(id);
    let from = html[..start].rfind("<svg").unwrap();
    let to = start + html[start..].find("</svg>").unwrap();
    &html[from..to]
}

const KIND_CAPTION: &str = "Поступление по месяцам и видам";
const ON_TIME_CAPTION: &str = "Ответы в срок по месяцам";

#[test]
fn the_internal_dashboard_counts_every_month_by_kind_and_the_on_time_share() {
    let (_tmp, _reg, out) = build("ru");
    let html = read(&out.join("internal/index.html"));
    assert_eq!(
        table_rows(&html, KIND_CAPTION),
        rows(&[
            &["январь 2026", "3", "3", "0", "6"],
            &["февраль 2026", "1", "0", "3", "4"],
            &["март 2026", "2", "0", "0", "2"],
        ])
    );
    assert_eq!(
        table_rows(&html, ON_TIME_CAPTION),
        rows(&[
            &["январь 2026", "5", "4", "80\u{202f}%"],
            &["февраль 2026", "3", "2", "67\u{202f}%"],
            &["март 2026", "1", "1", "100\u{202f}%"],
        ])
    );
    let on_time = chart(&html, "chart-on-time");
    assert_eq!(on_time.matches("<rect").count(), 3, "{on_time}");
    // 80 % of the 150-unit plot.
    assert!(on_time.contains("height=\"120\""), "{on_time}");
    assert!(on_time.contains(">80\u{202f}%</text>"));
    let kinds = chart(&html, "chart-month");
    assert!(kinds.contains(">6</text>") && kinds.contains(">4</text>"), "totals: {kinds}");
    for name in ["Обращение по 59-ФЗ", "Сообщение через ПОС", "Инцидент из соцсетей (ИМ)"]
    {
        assert!(kinds.contains(&format!(">{name}</text>")), "legend names {name}");
    }
}

#[test]
fn the_public_dashboard_suppresses_small_months_kinds_and_answer_counts() {
    let (_tmp, _reg, out) = build("ru");
    let html = read(&out.join("public/index.html"));
    // Month totals and cells are protected in one pass against the kind totals (6, 3, 3).
    // February, 1 + 0 + 3 = 4: the 1 is `<3` and would be 4 − 3, so the 3 goes; then
    // `<3` + `—` = 4 can only be 1 + 3, so the total goes too. March: 2 = `<3`, total `<3`.
    assert_eq!(
        table_rows(&html, KIND_CAPTION),
        rows(&[
            &["январь 2026", "3", "3", "0", "6"],
            &["февраль 2026", "&lt;3", "0", "—", "—"],
            &["март 2026", "&lt;3", "0", "0", "&lt;3"],
        ])
    );
    assert_eq!(
        table_rows(&html, ON_TIME_CAPTION),
        rows(&[
            &["январь 2026", "—", "—", "—"],
            &["февраль 2026", "—", "&lt;3", "—"],
            &["март 2026", "&lt;3", "&lt;3", "—"],
        ])
    );
    let on_time = chart(&html, "chart-on-time");
    assert_eq!(on_time.matches("<rect").count(), 0, "no month has a bar: {on_time}");
    assert!(!on_time.contains(">&lt;3</text>"), "no `<3` among percentages: {on_time}");
    assert!(on_time.contains("font-size=\"12\">—</text>"), "March's mark");
    assert!(!on_time.contains("font-size=\"12\">100\u{202f}%</text>"), "March's share is hidden");
    let kinds = chart(&html, "chart-month");
    // January: appeals and messages. Hidden cells have none.
    let segments =
        between(kinds, "<g stroke=\"#0b0c0c\" stroke-width=\"1\">", "<g fill=\"#ffffff\">");
    assert_eq!(segments.matches("<rect").count(), 2, "{kinds}");
    assert!(html.contains("id=\"suppressed-note\""));
}

#[test]
fn a_small_settlement_has_no_bar_on_the_public_site_and_its_name_is_escaped() {
    let (_tmp, _reg, out) = build("ru");
    let public = read(&out.join("public/index.html"));
    let svg = chart(&public, "chart-locality");
    assert_eq!(svg.matches("<rect").count(), 2, "Катанда and Усть-Кокса: {svg}");
    assert_eq!(svg.matches(">&lt;3</text>").count(), 2, "Тюнгур and <script>");
    assert!(svg.contains(">&lt;script&gt;</text>"), "{svg}");
    assert!(!public.contains("<script>"), "the name is escaped everywhere");
    assert_eq!(
        table_rows(&public, "По населённым пунктам"),
        rows(&[
            &["&lt;script&gt;", "&lt;3"],
            &["Катанда", "5"],
            &["Тюнгур", "&lt;3"],
            &["Усть-Кокса", "4"],
        ])
    );
    let internal = read(&out.join("internal/index.html"));
    let svg = chart(&internal, "chart-locality");
    assert_eq!(svg.matches("<rect").count(), 4, "{svg}");
    assert!(!svg.contains("&lt;3"));
    assert!(!internal.contains("<script>"));
}

#[test]
fn the_growth_page_and_the_head_report_show_the_trend_of_their_months() {
    let (_tmp, reg, out) = build("ru");
    let growth = read(&out.join("internal/growth.html"));
    let kinds = table_rows(&growth, &format!("{KIND_CAPTION} — 2026 год"));
    assert_eq!(kinds.len(), 12, "every month of the year");
    assert_eq!(kinds[1], ["февраль 2026", "1", "0", "3", "4"]);
    assert_eq!(kinds[11], ["декабрь 2026", "0", "0", "0", "0"]);
    assert!(growth.contains("<title id=\"chart-growth-kind-title\">"));
    assert!(growth.contains("<title id=\"chart-growth-on-time-title\">"));

    let period = otklik::analytics::Period::parse("2026-Q1").unwrap();
    let path = otklik::render::write_head_report(&reg, &out, None, &period).unwrap();
    let report = read(&path);
    assert_eq!(
        table_rows(&report, &format!("{ON_TIME_CAPTION} — I квартал 2026 г.")),
        rows(&[
            &["январь 2026", "5", "4", "80\u{202f}%"],
            &["февраль 2026", "3", "2", "67\u{202f}%"],
            &["март 2026", "1", "1", "100\u{202f}%"],
        ])
    );
    assert_eq!(
        table_rows(&report, &format!("{KIND_CAPTION} — I квартал 2026 г.")),
        rows(&[
            &["январь 2026", "3", "3", "0", "6"],
            &["февраль 2026", "1", "0", "3", "4"],
            &["март 2026", "2", "0", "0", "2"],
        ])
    );
    for id in ["chart-report-kind", "chart-report-on-time"] {
        let svg = chart(&report, id);
        assert!(svg.starts_with("<svg class=\"chart\" role=\"img\""), "{svg}");
        assert!(svg.contains(&format!("<desc id=\"{id}-desc\">")));
    }
}

#[test]
fn the_heads_report_counts_the_periods_overdue_and_lists_all_of_them_apart() {
    let (_tmp, reg, out) = build("ru");
    // 2026-0006 came in January and is overdue; February's own items are all answered.
    let february = otklik::analytics::Period::parse("2026-02").unwrap();
    let report = read(&otklik::render::write_head_report(&reg, &out, None, &february).unwrap());
    let totals = table_rows(&report, "Итоги периода");
    let overdue_row = ["Просрочено сейчас из поступивших в периоде", "0"];
    assert!(totals.contains(&rows(&[&overdue_row])[0]), "{totals:?}");
    let listed = table_rows(&report, "Просрочены на 10.04.2026 — все периоды");
    assert_eq!(listed.len(), 1, "{listed:?}");
    let section = between(&report, "id=\"h-overdue\"", "</table>");
    assert!(section.contains(">2026-0006</a>"), "{section}");
    assert!(report.contains("<h2 id=\"h-overdue\">Просрочены на 10.04.2026 — все периоды</h2>"));
    let quarter = otklik::analytics::Period::parse("2026-Q1").unwrap();
    let report = read(&otklik::render::write_head_report(&reg, &out, None, &quarter).unwrap());
    let totals = table_rows(&report, "Итоги периода");
    let overdue_row = ["Просрочено сейчас из поступивших в периоде", "1"];
    assert!(totals.contains(&rows(&[&overdue_row])[0]), "{totals:?}");
}

#[test]
fn a_settlement_is_named_without_declining_it_in_problems_and_advice() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    write_repository(&root, "ru");
    // Two more items in Тюнгур next to 2026-0011 (2 March) make a problem with one open.
    for (id, received, status) in [
        ("2026-0013", "2026-03-05", "status: in_progress\n"),
        ("2026-0014", "2026-03-06", "status: answered\nanswered: 2026-03-09\nresult: explained\n"),
    ] {
        let text = format!(
            "---\nid: {id}\nkind: appeal\nchannel: letter\nreceived: {received}\n\
             topic: \"0003.0009.0099.0742\"\nsector: roads\nlocality: Тюнгур\n\
             assignee: s1\n{status}---\nТекст.\n"
        );
        std::fs::write(root.join(format!("appeals/2026/{id}.md")), text).unwrap();
    }
    let repo = otklik::load::load(&root).expect("the repository loads");
    let states: std::collections::BTreeMap<&str, DeadlineState> =
        items().into_iter().map(|s| (s.0, s.6)).collect();
    let deadlines = repo
        .appeals
        .iter()
        .map(|a| deadline(states.get(a.id.as_str()).copied().unwrap_or(DeadlineState::OnTrack)))
        .collect();
    let reg = Register {
        repo,
        history: Default::default(),
        deadlines,
        diagnostics: Vec::new(),
        accepted: Vec::new(),
        today: day(2026, 4, 10),
    };
    let out = tmp.path().join("site");
    otklik::render::build(&reg, &out, None).expect("the site builds");
    let march = otklik::analytics::Period::parse("2026-03").unwrap();
    let report = read(&otklik::render::write_head_report(&reg, &out, None, &march).unwrap());
    let advice = between(&report, "h-advice", "</ul>");
    assert!(advice.contains("(населённый пункт Тюнгур): обращений — 3, открыто — 1;"), "{advice}");
    assert!(!report.contains(" в Тюнгур"), "{report}");
    let growth = read(&out.join("internal/growth.html"));
    assert!(growth.contains("(населённый пункт Тюнгур)</h3>"), "{growth}");
    assert!(!growth.contains(" в Тюнгур") && !growth.contains(" в Катанда"), "{growth}");
}

#[test]
fn an_english_dashboard_names_its_charts_in_english() {
    let (_tmp, _reg, out) = build("en");
    let html = read(&out.join("public/index.html"));
    assert!(html.contains("<caption>Received by month and kind</caption>"), "{html}");
    assert!(html.contains("<title id=\"chart-on-time-title\">Answered on time, by month</title>"));
    assert_eq!(
        table_rows(&html, "Answered on time, by month")[2],
        ["March 2026", "<3", "<3", "—"].map(|c| c.replace('<', "&lt;"))
    );
    assert!(
        html.contains("<text x=\"42\" y=\"24\" text-anchor=\"end\" font-size=\"11\">100%</text>")
    );
}

#[test]
fn two_builds_of_the_charts_are_byte_identical() {
    let (_tmp, reg, out) = build("ru");
    let again = out.with_file_name("again");
    otklik::render::build(&reg, &again, None).unwrap();
    for page in ["public/index.html", "internal/index.html", "internal/growth.html"] {
        assert_eq!(read(&out.join(page)), read(&again.join(page)), "{page}");
    }
}

#[test]
fn the_english_site_and_report_carry_no_russian_interface_text() {
    use otklik::messages::Lang;
    let (_tmp, reg, out) = build("en");
    let period = otklik::analytics::Period::parse("2026-Q1").unwrap();
    let report = otklik::render::write_head_report(&reg, &out, None, &period).unwrap();
    let report = read(&report);
    assert!(report.contains(">Recommendations</h2>"));
    assert!(report.contains(">Overdue as of 10.04.2026 — all periods</h2>"), "{report}");
    assert!(report.contains("<th scope=\"row\">Overdue now, of the period's items</th>"));
    let english = otklik::render::words::ui(Lang::En);
    // Long texts only: a short Russian word may also be part of the data (a settlement).
    let russian: Vec<&str> = otklik::render::words::ui(Lang::Ru)
        .into_iter()
        .filter(|(key, ru)| english.get(key) != Some(ru) && ru.chars().count() >= 12)
        .map(|(_, ru)| ru)
        .collect();
    assert!(russian.len() > 100, "the catalogue is read: {}", russian.len());
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = read(entry.path());
        for text in &russian {
            let escaped = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            assert!(
                !html.contains(text) && !html.contains(&escaped),
                "{}: Russian interface text «{text}»",
                entry.path().display()
            );
        }
        assert!(html.contains("<html lang=\"en\""), "{}", entry.path().display());
    }
    assert!(pages > 20, "{pages} pages checked");
}
