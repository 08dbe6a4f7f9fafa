//! The render stage over a small fixture repository (`tests/fixtures/render/basic/`):
//! privacy, escaping, determinism, atomic replacement, and the shape of the pages.
//!
//! Every private field of every fixture item holds a canary string starting `ZZPRIV-`.
//! No file of the public site may contain one; the internal site must contain each, which
//! proves the canaries were real.

mod common;

use chrono::NaiveDate;
use otklik::appeal::Status;
use otklik::deadline::{Deadline, DeadlineState, Due};
use otklik::diagnostic::{Diagnostic, Severity};
use otklik::messages::{Lang, Message};
use otklik::register::Register;
use otklik::render::{self, RenderError};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const FIXTURE: &str = "tests/fixtures/render/basic";
const CANARY: &str = "ZZPRIV-";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)
}

/// A deadline as the real deadline module would give it for the fixture, by hand.
fn deadline_for(id: &str, status: Status) -> Deadline {
    use DeadlineState::*;
    let (start, due, state) = match id {
        "2026-0001" => (day(2026, 1, 13), Some(day(2026, 2, 12)), AnsweredOnTime),
        "2026-0002" => (day(2026, 2, 2), Some(day(2026, 2, 16)), Overdue),
        "2026-0003" => (day(2026, 3, 2), None, DueSoon),
        "2026-0007" => (day(2026, 1, 20), Some(day(2026, 2, 19)), AnsweredLate),
        _ if status.is_closed_without_answer() => {
            (day(2026, 3, 3), Some(day(2026, 4, 2)), ClosedWithoutAnswer)
        }
        _ if status.is_answered() => (day(2025, 11, 10), Some(day(2025, 12, 10)), AnsweredOnTime),
        _ => (day(2026, 3, 4), Some(day(2026, 5, 5)), OnTrack),
    };
    let due = match id {
        // An incident's first response is due at an hour.
        "2026-0003" => Some(Due::At(
            chrono::DateTime::parse_from_rfc3339("2026-03-03T09:30:00+07:00").unwrap(),
        )),
        _ => due.map(Due::Day),
    };
    let due = due.unwrap_or(Due::Day(day(2026, 4, 1)));
    let rule = Message::new(
        "59-ФЗ, ст. 12: 30 календарных дней со дня регистрации",
        "59-FZ art. 12: 30 calendar days from registration",
    );
    Deadline {
        skipped_days_off: vec![day(2026, 2, 14), day(2026, 2, 15), day(2026, 2, 23)],
        moved_from: (id == "2026-0001").then(|| day(2026, 2, 8)),
        extended: id == "2026-0005",
        ..common::deadline(start, due, state, rule)
    }
}

fn register_from(root: &Path) -> Register {
    let repo = otklik::load::load(root).expect("the fixture loads");
    let errors: Vec<_> =
        repo.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let deadlines = repo.appeals.iter().map(|a| deadline_for(&a.id, a.status)).collect();
    let diagnostics = vec![
        Diagnostic::warning(
            "overdue",
            "appeals/2026/2026-0002.md",
            Some(otklik::front_matter::Pos { line: 9, column: 1 }),
            Message::new("срок ответа истёк ZZPRIV-diag-2", "the answer is overdue ZZPRIV-diag-2"),
        ),
        Diagnostic::error(
            "unknown-reference",
            "sectors/roads.md",
            Some(otklik::front_matter::Pos { line: 4, column: 7 }),
            Message::new("неизвестный сотрудник «x»", "unknown staff member \"x\""),
        ),
    ];
    Register {
        repo,
        history: Default::default(),
        deadlines,
        diagnostics,
        accepted: Vec::new(),
        today: day(2026, 3, 6),
    }
}

fn register() -> Register {
    register_from(&fixture())
}

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = otklik::load::relative(dir, entry.path());
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

fn built() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    render::build(&register(), &out, None).expect("the fixture builds");
    (tmp, out)
}

/// The canaries planted in the fixture's appeal files, and the names of the staff they
/// assign.
fn canaries() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (_, bytes) in files(&fixture().join("appeals")) {
        let t = text(&bytes);
        for (at, _) in t.match_indices(CANARY) {
            let token: String =
                t[at..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
            if let Some(n) = token.strip_prefix("ZZPRIV-staff-") {
                found.insert(format!("ZZPRIV-staffname-{n}"));
            }
            found.insert(token);
        }
    }
    found
}

#[test]
fn no_private_field_reaches_any_public_file() {
    let (_tmp, out) = built();
    let public = files(&out.join("public"));
    assert!(public.len() > 10, "{:?}", public.keys());
    for (path, bytes) in &public {
        let t = String::from_utf8_lossy(bytes);
        if let Some(at) = t.find(CANARY) {
            let end = (at + 40).min(t.len());
            panic!("public/{path} leaks private data: {}", &t[at..t.floor_char_boundary(end)]);
        }
    }
}

#[test]
fn the_internal_site_shows_every_canary_so_they_were_real() {
    let (_tmp, out) = built();
    let internal: String = files(&out.join("internal"))
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    let expected = canaries();
    assert!(expected.len() > 60, "{expected:?}");
    for canary in &expected {
        assert!(internal.contains(canary.as_str()), "internal pages miss {canary}");
    }
    assert!(internal.contains("ZZPRIV-diag-2"), "the check report is on the internal site");
}

/// Whether `html` has an opening tag whose inside contains `needle`.
fn inside_a_tag(html: &str, needle: &str) -> bool {
    html.split('<').skip(1).any(|tag| tag.split('>').next().unwrap_or_default().contains(needle))
}

#[test]
fn hostile_text_is_escaped_on_every_page() {
    let (_tmp, out) = built();
    let all = files(&out);
    let mut pages = 0;
    for (path, bytes) in &all {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = text(bytes);
        assert!(!html.contains("<script>alert"), "{path}");
        assert!(!inside_a_tag(html, "onerror"), "{path}");
        assert!(!inside_a_tag(html, "javascript:"), "{path}");
        assert!(!html.contains("<img"), "{path}");
        for script in html.match_indices("<script") {
            let tag = &html[script.0..];
            assert!(tag.starts_with("<script src=\""), "{path}: only our own script files");
        }
    }
    assert!(pages > 20);
    let item = text(&all["public/appeals/2026-0001.html"]);
    assert!(item.contains("Яма на дороге &lt;script&gt;alert(1)&lt;/script&gt;"), "{item}");
    let body = text(&all["internal/appeals/2026-0001.html"]);
    assert!(body.contains("&lt;img src=x onerror=alert(1)&gt;"), "{body}");
    let sector = text(&all["public/sectors/roads.html"]);
    assert!(sector.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{sector}");
}

#[test]
fn two_builds_are_byte_identical() {
    let reg = register();
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    render::build(&reg, &a, None).unwrap();
    render::build(&reg, &b, None).unwrap();
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (path, bytes) in &fa {
        assert!(bytes == &fb[path], "{path} differs between two builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_as_it_was() {
    let (tmp, out) = built();
    let before = files(&out);
    let theme = tmp.path().join("broken-theme");
    std::fs::create_dir_all(theme.join("public")).unwrap();
    std::fs::write(theme.join("public/appeal.html"), "{% extends \"shared/base.html\" %}{% block content %}{{ item.applicant.name }}{% endblock content %}").unwrap();
    let err = render::build(&register(), &out, Some(&theme)).unwrap_err();
    match &err {
        RenderError::Template { template, detail } => {
            assert_eq!(template, "public/appeal.html");
            assert!(detail.contains("applicant"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(files(&out), before, "the previous output changed");
    let siblings: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!siblings.iter().any(|n| n.contains(".tmp-") || n.contains(".old-")), "{siblings:?}");

    std::fs::write(theme.join("public/appeal.html"), "{% if %}").unwrap();
    let err = render::build(&register(), &out, Some(&theme)).unwrap_err();
    assert!(
        matches!(err, RenderError::Template { ref template, .. } if template.ends_with("appeal.html")),
        "{err}"
    );
    assert_eq!(files(&out), before);
}

#[test]
fn a_successful_build_replaces_the_previous_site() {
    let (tmp, out) = built();
    std::fs::write(out.join("stale.html"), "old").unwrap();
    let report = render::build(&register(), &out, None).unwrap();
    assert!(!out.join("stale.html").exists());
    assert_eq!(report.leftover, None);
    assert!(report.public_pages > 10 && report.internal_pages > report.public_pages);
    let names: Vec<_> =
        std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["site"]);
}

#[test]
fn private_items_count_in_public_figures_and_appear_in_the_lookup_with_status_only() {
    let (_tmp, out) = built();
    let public = out.join("public");
    // 2026-0003 says `public: false`; 2026-0005 is in a sector without public items;
    // 2026-0006 says `public: true` in that sector.
    assert!(!public.join("appeals/2026-0003.html").exists());
    assert!(!public.join("appeals/2026-0005.html").exists());
    assert!(public.join("appeals/2026-0006.html").exists());
    assert!(out.join("internal/appeals/2026-0003.html").exists());
    assert!(out.join("internal/appeals/2026-0005.html").exists());

    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    let total = home.split("Всего обращений</dt><dd>").nth(1).unwrap();
    assert!(total.starts_with("8</dd>"), "all eight items count: {}", &total[..20]);

    let range = std::fs::read_to_string(public.join("lookup/2026/0001-0100.html")).unwrap();
    let row = range.split("<tr id=\"item-2026-0003\">").nth(1).unwrap();
    let row = row.split("</tr>").next().unwrap();
    assert_eq!(
        row,
        "<th scope=\"row\">2026-0003</th><td>Зарегистрировано</td><td>3\u{a0}марта 2026\u{a0}г., 09:30</td>"
    );
    assert!(range.contains("<a href=\"../../appeals/2026-0001.html\">2026-0001</a>"));
    assert!(public.join("lookup/2025/0101-0200.html").exists());

    let json = std::fs::read_to_string(public.join("data/appeals.json")).unwrap();
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ids: Vec<_> = data.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["2025-0101", "2026-0001", "2026-0002", "2026-0004", "2026-0006", "2026-0007"]);
    assert_eq!(data[1]["received"], "2026-01-12");
    assert_eq!(data[1]["due"], "2026-02-12");
    assert_eq!(data[1]["deadline_state"], "answered_on_time");
    let csv = std::fs::read_to_string(public.join("data/appeals.csv")).unwrap();
    assert!(csv.starts_with("id,kind,channel,received,registered,topic,topic_name,"), "{csv}");
    assert_eq!(csv.lines().count(), 7);
}

#[test]
fn a_sector_page_says_when_some_of_its_items_are_not_listed() {
    let (_tmp, out) = built();
    let note = "Часть обращений этого блока не публикуется по отдельности";
    // Social support: 2026-0005 unlisted, 2026-0006 listed. Roads: 2026-0003 unlisted.
    for sector in ["social", "roads"] {
        let page = std::fs::read_to_string(out.join(format!("public/sectors/{sector}.html")));
        let page = page.unwrap();
        assert!(page.contains(note), "{sector}");
        assert!(!page.contains("Обращений нет."), "{sector}");
    }
    // The internal site lists every item.
    let internal = std::fs::read_to_string(out.join("internal/sectors/social.html")).unwrap();
    assert!(!internal.contains(note) && internal.contains("2026-0005"));
}

#[test]
fn an_item_page_explains_its_deadline_in_plain_words() {
    let (_tmp, out) = built();
    let page = std::fs::read_to_string(out.join("public/appeals/2026-0001.html")).unwrap();
    assert!(page.contains("Срок ответа — 12\u{a0}февраля 2026\u{a0}г."), "{page}");
    assert!(page.contains("Как рассчитан срок"));
    assert!(page.contains("13\u{a0}января 2026\u{a0}г."), "the start");
    assert!(page.contains("59-ФЗ, ст. 12: 30 календарных дней со дня регистрации"));
    assert!(page.contains("14, 15, 23 февраля 2026\u{a0}г."), "the days off");
    assert!(page.contains("8\u{a0}февраля 2026\u{a0}г."), "moved from");
    assert!(page.contains("Ремонт автомобильных дорог"), "the topic by name");
    assert!(page.contains("Ответ дан в срок"));
    assert_eq!(page.matches("<h1").count(), 1);
}

/// Resolves every relative `href` and `src` of every page under `out` to a file of the
/// same build, and returns how many links were checked.
fn check_links(out: &Path) -> usize {
    let all = files(out);
    let mut checked = 0;
    for (path, bytes) in &all {
        if !path.ends_with(".html") {
            continue;
        }
        let html = text(bytes);
        let base = Path::new(path).parent().unwrap();
        for attr in ["href=\"", "src=\""] {
            for part in html.split(attr).skip(1) {
                let target = part.split('"').next().unwrap();
                if target.starts_with("http")
                    || target.starts_with("mailto:")
                    || target.starts_with('#')
                {
                    continue;
                }
                let file = target.split('#').next().unwrap();
                let mut resolved = base.to_path_buf();
                for c in Path::new(file).components() {
                    match c {
                        std::path::Component::ParentDir => {
                            resolved.pop();
                        }
                        std::path::Component::Normal(n) => resolved.push(n),
                        _ => {}
                    }
                }
                let key = resolved.to_string_lossy().replace('\\', "/");
                assert!(all.contains_key(&key), "{path} links to missing {target} ({key})");
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn every_relative_link_points_to_an_existing_file() {
    let (_tmp, out) = built();
    assert!(check_links(&out) > 300);
}

#[test]
fn list_sector_and_lookup_pages_are_paginated_and_linked() {
    let reg = synthetic(450);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let report = render::build(&reg, &out, None).unwrap();
    assert!(check_links(&out) > 5_000);
    let public = out.join("public");
    // 405 items in a public sector, 45 in a private one: five list pages of 100.
    assert!(public.join("appeals/page-5.html").exists());
    assert!(!public.join("appeals/page-6.html").exists());
    assert!(public.join("sectors/roads-page-5.html").exists());
    assert!(public.join("lookup/2025/0401-0500.html").exists());
    let page = std::fs::read_to_string(public.join("appeals/page-3.html")).unwrap();
    assert!(page.contains("Страница 3 из 5"), "{page}");
    assert!(page.contains("<a href=\"page-2.html\" rel=\"prev\">"));
    assert!(page.contains("<a href=\"page-4.html\" rel=\"next\">"));
    assert!(page.contains("<a href=\"index.html\">1</a>"));
    assert_eq!(page.matches("<tr><th scope=\"row\">").count(), 100);
    assert_eq!(
        report.internal_pages - report.public_pages,
        45 + 2 + 3,
        "private items, queues, report, and growth, satisfaction and failures pages"
    );
}

#[test]
fn the_lookup_script_jumps_to_the_number_when_node_is_installed() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/lookup.js");
    let harness =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render/lookup-harness.js");
    let run = std::process::Command::new("node")
        .arg(&harness)
        .arg(&script)
        .arg("2025:101;2026:1,101")
        .args(["2026-0042", " 2026 – 142 ", "2026-42", "2025-0001", "abc"])
        .output();
    let Ok(run) = run else {
        eprintln!("node is not installed; the lookup script is not exercised");
        return;
    };
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let lines: Vec<String> =
        String::from_utf8_lossy(&run.stdout).lines().map(String::from).collect();
    assert_eq!(
        lines,
        [
            "2026/0001-0100.html#item-2026-0042",
            "2026/0101-0200.html#item-2026-0142",
            "2026/0001-0100.html#item-2026-0042",
            "not found",
            "not found",
        ]
    );
}

#[test]
fn every_page_has_one_heading_a_skip_link_and_landmarks() {
    let (_tmp, out) = built();
    for (path, bytes) in files(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = text(&bytes);
        assert_eq!(html.matches("<h1").count(), 1, "{path}");
        assert!(html.contains("<a class=\"skip-link\" href=\"#main\">"), "{path}");
        assert!(html.contains("<main id=\"main\""), "{path}");
        assert!(html.contains("<nav aria-label="), "{path}");
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ru\">"), "{path}");
        assert_eq!(html.matches("<table").count(), html.matches("<caption>").count(), "{path}");
        assert!(!html.contains("http://") || path.starts_with("internal/"), "{path}");
        if path.starts_with("public/") {
            assert!(bytes.len() < 50 * 1024, "{path} weighs {} bytes", bytes.len());
        }
    }
}

#[test]
fn the_public_dashboard_suppresses_small_cells_and_the_internal_one_does_not() {
    let (_tmp, out) = built();
    let public = std::fs::read_to_string(out.join("public/index.html")).unwrap();
    let internal = std::fs::read_to_string(out.join("internal/index.html")).unwrap();
    assert!(public.contains("<td class=\"num\">&lt;3</td>"), "{public}");
    assert!(public.contains("id=\"suppressed-note\""));
    assert!(!internal.contains("&lt;3"));
    assert!(public.contains("<svg class=\"chart\" role=\"img\""));
    assert!(public.contains("<title id=\"chart-month-title\">"));
}

#[test]
fn the_internal_site_has_queues_and_the_check_report() {
    let (_tmp, out) = built();
    let queues = std::fs::read_to_string(out.join("internal/queues.html")).unwrap();
    assert!(queues.contains("2026-0002") && queues.contains("2026-0003"), "{queues}");
    assert!(queues.contains("ZZPRIV-staffname-4 Петрова Ирина (ZZPRIV-staff-4)"));
    let report = std::fs::read_to_string(out.join("internal/report.html")).unwrap();
    assert!(report.contains("appeals/2026/2026-0002.md:9:1"), "{report}");
    assert!(report.contains("sectors/roads.md:4:7"));
    assert!(report.contains("Ошибок: 1, предупреждений: 1."));
    assert!(!out.join("public/queues.html").exists());
    assert!(!out.join("public/report.html").exists());
}

#[test]
fn an_english_site_speaks_english() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    common::copy_tree(&fixture(), &root);
    let config = std::fs::read_to_string(root.join("otklik.yaml")).unwrap();
    std::fs::write(root.join("otklik.yaml"), config.replace("language: ru", "language: en"))
        .unwrap();
    let reg = register_from(&root);
    assert_eq!(reg.repo.config.lang, Lang::En);
    let out = tmp.path().join("site");
    render::build(&reg, &out, None).unwrap();
    let page = std::fs::read_to_string(out.join("public/appeals/2026-0001.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.contains("Answer due — 12\u{a0}February 2026</p>"), "{page}");
    assert!(page.contains("59-FZ art. 12: 30 calendar days from registration"));
    assert!(page.contains("Answered on time"));
}

#[test]
fn a_theme_folder_overrides_single_templates_and_static_files() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    common::copy_tree(&fixture(), &root);
    std::fs::create_dir_all(root.join("themes/default/static")).unwrap();
    std::fs::write(root.join("themes/default/static/style.css"), "body { color: #000; }").unwrap();
    let reg = register_from(&root);
    let theme = render::theme_dir(&reg.repo);
    assert_eq!(theme.as_deref(), Some(root.join("themes/default").as_path()));
    let out = tmp.path().join("site");
    render::build(&reg, &out, theme.as_deref()).unwrap();
    assert_eq!(
        std::fs::read_to_string(out.join("public/assets/style.css")).unwrap(),
        "body { color: #000; }"
    );
    assert!(out.join("public/appeals/2026-0001.html").exists());
}

/// Synthesises a register of `n` items in memory (no files) for timing the build.
fn synthetic(n: usize) -> Register {
    let mut reg = register();
    let template = reg.repo.appeals[1].clone();
    let statuses =
        [Status::New, Status::InProgress, Status::Answered, Status::Closed, Status::Forwarded];
    let localities = ["Усть-Кокса", "Катанда", "Тюнгур"];
    let mut appeals = Vec::with_capacity(n);
    let mut deadlines = Vec::with_capacity(n);
    for k in 0..n {
        let mut a = template.clone();
        let year = 2025 + (k / 5000) as i32;
        let number = k % 5000 + 1;
        a.id = format!("{year}-{number:04}");
        a.file = format!("appeals/{year}/{}.md", a.id);
        a.status = statuses[k % statuses.len()];
        a.locality = localities[k % 3].to_string();
        a.sector = if k % 10 == 0 { "social".into() } else { "roads".into() };
        a.received =
            otklik::dates::Moment::Day(day(year, (k % 12) as u32 + 1, (k % 28) as u32 + 1));
        a.body = format!(
            "# Обращение {k}\n\nТекст обращения номер {k} с **выделением** и [ссылкой](https://example.org/{k}).\n"
        );
        a.public_summary = Some(format!("Проблема номер {k} у дома культуры"));
        deadlines.push(deadline_for(&a.id, a.status));
        appeals.push(a);
    }
    reg.repo.appeals = appeals;
    reg.deadlines = deadlines;
    reg
}

/// User and system CPU time of this process so far, in seconds (Linux), so that a timing
/// on a busy machine can be told apart from the work itself.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> =
        stat.rsplit(')').next().unwrap_or_default().split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // After the command name: state is field 0, utime field 11, stime field 12.
    (ticks(11) + ticks(12)) / 100.0
}

/// `cargo test --release --test render -- --ignored --nocapture`
#[test]
#[ignore = "timing; run in release mode"]
fn ten_thousand_items_build_fast() {
    let _ = env_logger::builder().is_test(true).try_init();
    let reg = synthetic(10_000);
    // `OTKLIK_BENCH_DIR` chooses the file system (e.g. /dev/shm to leave the disk out).
    let tmp = match std::env::var_os("OTKLIK_BENCH_DIR") {
        Some(dir) => tempfile::tempdir_in(dir).unwrap(),
        None => tempfile::tempdir().unwrap(),
    };
    let out = tmp.path().join("site");
    let timed = |label: &str| {
        let (cpu, started) = (cpu_seconds(), std::time::Instant::now());
        let report = render::build(&reg, &out, None).unwrap();
        let (wall, cpu) = (started.elapsed().as_secs_f64(), cpu_seconds() - cpu);
        println!("{label}: {:.0} ms wall, {:.0} ms CPU", wall * 1000.0, cpu * 1000.0);
        report
    };
    let report = timed("10 000 items, fresh build");
    println!(
        "10 000 items: {} public + {} internal pages",
        report.public_pages, report.internal_pages
    );
    for _ in 0..2 {
        timed("10 000 items, rebuild replacing the previous output");
    }
    assert!(report.public_pages + report.internal_pages > 17_000);
    let bytes: u64 = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum();
    println!("output: {} MB", bytes / 1_000_000);
}

/// Writes the fixture's site to `$OTKLIK_PEEK` for a look in a browser.
#[test]
#[ignore = "manual inspection"]
fn peek() {
    let out = PathBuf::from(std::env::var("OTKLIK_PEEK").unwrap());
    render::build(&register(), &out, None).unwrap();
}
