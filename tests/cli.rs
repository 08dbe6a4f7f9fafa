//! Runs the real `otklik` binary over fixture repositories copied into temporary folders.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fixture copied into a fresh temporary folder, which the test may change freely.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn from_fixture(name: &str) -> Repo {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        common::copy_tree(&from, dir.path());
        Repo { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    fn otklik(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_otklik"))
            .arg("--root")
            .arg(self.path())
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .expect("otklik runs");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    fn check_json(&self) -> serde_json::Value {
        let run = self.otklik(&["check", "--today", "2026-12-04", "--format", "json"]);
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// (code, file, line) of every diagnostic, for compact assertions.
fn places(report: &serde_json::Value) -> Vec<(String, String, u64)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn has(report: &serde_json::Value, code: &str, file: &str, line: u64) -> bool {
    places(report).contains(&(code.to_string(), file.to_string(), line))
}

const APPEAL: &str = "---\nid: 2026-0010\nkind: appeal\nchannel: letter\nreceived: 2026-11-20\n\
topic: \"0003.0009.0099.0742\"\nsector: roads\nlocality: Тюнгур\nstatus: new\n---\nТекст.\n";

#[test]
fn the_base_fixture_is_clean() {
    let repo = Repo::from_fixture("check/base");
    let run = repo.otklik(&["check", "--today", "2026-12-04"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Проверено обращений: 2; ошибок: 0"), "{}", run.stdout);
}

#[test]
fn an_unknown_field_is_named_with_its_line_and_a_suggestion() {
    let repo = Repo::from_fixture("check/base");
    repo.write(
        "appeals/2026/2026-0010.md",
        APPEAL.replace("status: new", "status: new\nasignee: road.one"),
    );
    let run = repo.otklik(&["check", "--today", "2026-12-04"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(
            "appeals/2026/2026-0010.md:10:1: ошибка: неизвестное поле «asignee» — может быть, «assignee»?"
        ),
        "{}",
        run.stdout
    );
    let en = repo.otklik(&["--lang", "en", "check", "--today", "2026-12-04"]);
    assert!(
        en.stdout.contains("unknown field \"asignee\" — did you mean \"assignee\"?"),
        "{}",
        en.stdout
    );
}

#[test]
fn the_english_summary_counts_one_error_in_the_singular() {
    let repo = Repo::from_fixture("check/base");
    repo.write(
        "appeals/2026/2026-0010.md",
        APPEAL.replace("status: new", "asignee: x\nstatus: new"),
    );
    let en = repo.otklik(&["--lang", "en", "check", "--today", "2026-12-04"]);
    assert!(en.stdout.ends_with("Checked 3 items: 1 error, 1 warning\n"), "{}", en.stdout);
    let ru = repo.otklik(&["check", "--today", "2026-12-04"]);
    assert!(
        ru.stdout.ends_with("Проверено обращений: 3; ошибок: 1; предупреждений: 1\n"),
        "{}",
        ru.stdout
    );
}

#[test]
fn a_windows_file_with_bom_and_crlf_reads_like_any_other() {
    let repo = Repo::from_fixture("check/base");
    let text = format!("\u{feff}{}", APPEAL.replace('\n', "\r\n"));
    repo.write("appeals/2026/2026-0010.md", text);
    let report = repo.check_json();
    assert_eq!(report["summary"]["errors"], 0, "{report}");
    assert_eq!(report["summary"]["items"], 3);
}

#[test]
fn a_legacy_encoding_is_an_error_that_names_the_file() {
    let repo = Repo::from_fixture("check/base");
    // "Текст" in Windows-1251.
    let mut bytes = APPEAL.replace("Текст.", "").into_bytes();
    bytes.extend_from_slice(b"\xd2\xe5\xea\xf1\xf2");
    repo.write("appeals/2026/2026-0010.md", bytes);
    let report = repo.check_json();
    assert!(
        places(&report).contains(&("encoding".into(), "appeals/2026/2026-0010.md".into(), 0)),
        "{report}"
    );
}

#[test]
fn russian_dates_and_moscow_times_are_read_as_documented() {
    let repo = Repo::from_fixture("check/base");
    // 22:30 in Moscow (UTC+3) is 02:30 of the next day in Barnaul (UTC+7).
    let moscow = APPEAL.replace("received: 2026-11-20", "received: 2026-11-20T22:30:00+03:00");
    repo.write("appeals/2026/2026-0010.md", moscow);
    let russian = APPEAL
        .replace("2026-0010", "2026-0011")
        .replace("received: 2026-11-20", "received: 20.11.2026\nregistered: 23.11.2026");
    repo.write("appeals/2026/2026-0011.md", russian);
    let report = repo.check_json();
    assert_eq!(report["summary"]["errors"], 0, "{report}");
    let start = |id: &str| {
        let items = report["items"].as_array().unwrap();
        items.iter().find(|i| i["id"] == id).unwrap()["start"].as_str().unwrap().to_string()
    };
    assert_eq!(start("2026-0010"), "2026-11-21");
    assert_eq!(start("2026-0011"), "2026-11-23");
}

#[test]
fn a_date_time_without_offset_is_local_with_a_warning() {
    let repo = Repo::from_fixture("check/base");
    repo.write(
        "appeals/2026/2026-0010.md",
        APPEAL.replace("received: 2026-11-20", "received: 2026-11-20 10:15"),
    );
    let report = repo.check_json();
    assert!(has(&report, "assumed-local-time", "appeals/2026/2026-0010.md", 5), "{report}");
    assert_eq!(report["summary"]["errors"], 0);
}

#[test]
fn tabs_and_duplicate_keys_are_reported_at_their_lines() {
    let repo = Repo::from_fixture("check/base");
    repo.write("appeals/2026/2026-0010.md", APPEAL.replace("sector: roads", "sector:\n\troads"));
    repo.write(
        "appeals/2026/2026-0011.md",
        APPEAL
            .replace("2026-0010", "2026-0011")
            .replace("status: new", "status: new\nstatus: assigned"),
    );
    let report = repo.check_json();
    assert!(has(&report, "yaml-syntax", "appeals/2026/2026-0010.md", 8), "{report}");
    assert!(has(&report, "yaml-syntax", "appeals/2026/2026-0011.md", 10), "{report}");
}

#[test]
fn a_value_of_the_wrong_kind_is_explained_in_russian_at_its_line() {
    let repo = Repo::from_fixture("check/base");
    let applicant = "status: new\napplicant:\n  name: [Иванов, Пётр]";
    repo.write("appeals/2026/2026-0010.md", APPEAL.replace("status: new", applicant));
    repo.write(
        "appeals/2026/2026-0011.md",
        APPEAL
            .replace("2026-0010", "2026-0011")
            .replace("status: new", "status: new\napplicant: Иванов"),
    );
    let run = repo.otklik(&["check", "--today", "2026-12-04"]);
    let one = "appeals/2026/2026-0010.md:11:9: ошибка: здесь нужно одно значение (текст, число или дату), а записан список или вложенные поля;";
    assert!(run.stdout.contains(one), "{}", run.stdout);
    let two = "appeals/2026/2026-0011.md:10:12: ошибка: здесь нужны вложенные поля";
    assert!(run.stdout.contains(two), "{}", run.stdout);
    assert!(!run.stdout.contains("expected") && !run.stdout.contains("scalar"), "{}", run.stdout);
    let en = repo.otklik(&["--lang", "en", "check", "--today", "2026-12-04"]);
    let en_one = "2026-0010.md:11:9: error: one value (text, a number or a date) belongs here";
    assert!(en.stdout.contains(en_one), "{}", en.stdout);
    assert!(en.stdout.contains("brackets (expected string scalar) [yaml-syntax]"), "{}", en.stdout);
}

#[test]
fn two_settlements_with_one_page_name_are_warned_about_in_the_configuration() {
    let repo = Repo::from_fixture("check/base");
    let config = std::fs::read_to_string(repo.path().join("otklik.yaml")).unwrap();
    let listed = "settlements: [Катанда, Мульта, Тюнгур]";
    assert!(config.contains(listed), "{config}");
    repo.write(
        "otklik.yaml",
        config.replace(listed, "settlements: [Огнёвка, Катанда, Мульта, Тюнгур, Огневка]"),
    );
    let report = repo.check_json();
    assert!(has(&report, "settlement-slug-clash", "otklik.yaml", 5), "{report}");
    let run = repo.otklik(&["check", "--today", "2026-12-04"]);
    let text = "otklik.yaml:5:51: предупреждение: населённые пункты «Огнёвка» и «Огневка» дают одно имя страницы (ognevka.html); его сохраняет «Огнёвка»";
    assert!(run.stdout.contains(text), "{}", run.stdout);
}

#[test]
fn unquoted_topic_codes_keep_their_digits() {
    let repo = Repo::from_fixture("check/base");
    repo.write(
        "appeals/2026/2026-0010.md",
        APPEAL.replace("\"0003.0009.0099.0742\"", "0003.0009.0099.0742"),
    );
    repo.write(
        "appeals/2026/2026-0011.md",
        APPEAL.replace("2026-0010", "2026-0011").replace("\"0003.0009.0099.0742\"", "0003.0010"),
    );
    let report = repo.check_json();
    assert!(!places(&report).iter().any(|p| p.1.ends_with("0010.md")), "{report}");
    assert!(has(&report, "topic-not-in-sector", "appeals/2026/2026-0011.md", 6), "{report}");
}

#[test]
fn huge_and_deeply_nested_files_fail_fast_with_a_clear_error() {
    let repo = Repo::from_fixture("check/base");
    let deep = format!("---\nid: {}{}\n---\n", "[".repeat(100_000), "]".repeat(100_000));
    repo.write("appeals/2026/2026-0010.md", deep);
    let huge = format!("---\nid: 2026-0011\n---\n{}", "а".repeat(2 * 1024 * 1024));
    repo.write("appeals/2026/2026-0011.md", huge);
    let report = repo.check_json();
    let codes: Vec<_> = places(&report).into_iter().map(|p| (p.0, p.1)).collect();
    assert!(
        codes.contains(&("front-matter".into(), "appeals/2026/2026-0010.md".into())),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("file-too-large".into(), "appeals/2026/2026-0011.md".into())),
        "{codes:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_repository_is_refused() {
    let repo = Repo::from_fixture("check/base");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), APPEAL).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        repo.path().join("appeals/2026/2026-0010.md"),
    )
    .unwrap();
    let report = repo.check_json();
    assert!(has(&report, "symlink-outside", "appeals/2026/2026-0010.md", 0), "{report}");
    assert_eq!(report["summary"]["items"], 2);
}

#[test]
fn looping_and_dangling_symlinks_are_named_as_such() {
    let repo = Repo::from_fixture("check/base");
    let dir = repo.path().join("appeals/2026");
    std::os::unix::fs::symlink(dir.join("2026-0011.md"), dir.join("2026-0010.md")).unwrap();
    std::os::unix::fs::symlink(dir.join("2026-0010.md"), dir.join("2026-0011.md")).unwrap();
    std::os::unix::fs::symlink(dir.join("gone.md"), dir.join("2026-0012.md")).unwrap();
    let report = repo.check_json();
    for file in ["2026-0010.md", "2026-0011.md", "2026-0012.md"] {
        let file = format!("appeals/2026/{file}");
        assert!(has(&report, "symlink-broken", &file, 0), "{report}");
    }
    assert_eq!(report["summary"]["items"], 2);
}

#[test]
fn references_are_checked_against_sectors_staff_and_settlements() {
    let repo = Repo::from_fixture("check/base");
    let text = APPEAL
        .replace("sector: roads", "sector: zhkh")
        .replace("locality: Тюнгур", "locality: Тюнгурр")
        .replace("status: new", "status: assigned\nassignee: road.one");
    repo.write("appeals/2026/2026-0010.md", text);
    let report = repo.check_json();
    let file = "appeals/2026/2026-0010.md";
    assert!(has(&report, "topic-not-in-sector", file, 6), "{report}");
    assert!(has(&report, "unknown-locality", file, 8), "{report}");
    assert!(has(&report, "assignee-not-in-sector", file, 10), "{report}");
}

#[test]
fn statuses_require_their_fields_and_dates_stay_in_order() {
    let repo = Repo::from_fixture("check/base");
    let text = APPEAL
        .replace("status: new", "status: forwarded")
        .replace("received: 2026-11-20", "received: 2026-11-20\nregistered: 2026-11-19");
    repo.write("appeals/2026/2026-0010.md", text);
    let report = repo.check_json();
    let file = "appeals/2026/2026-0010.md";
    assert!(has(&report, "reason-missing", file, 10), "{report}");
    assert!(has(&report, "date-order", file, 6), "{report}");
}

#[test]
fn the_id_must_equal_the_file_name_and_be_unique() {
    let repo = Repo::from_fixture("check/base");
    repo.write("appeals/2026/2026-0010.md", APPEAL);
    repo.write("appeals/2025/2026-0010.md", APPEAL);
    repo.write("appeals/2026/2026-0012.md", APPEAL);
    let report = repo.check_json();
    assert!(has(&report, "id-mismatch", "appeals/2026/2026-0012.md", 2), "{report}");
    assert!(has(&report, "duplicate-id", "appeals/2026/2026-0010.md", 2), "{report}");
}

#[test]
fn a_missing_configuration_exits_with_two() {
    let dir = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_otklik"))
        .arg("--root")
        .arg(dir.path())
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("otklik.yaml"));
}

#[test]
fn a_broken_configuration_exits_with_two_and_names_the_line() {
    let repo = Repo::from_fixture("check/base");
    let config = std::fs::read_to_string(repo.path().join("otklik.yaml")).unwrap();
    repo.write(
        "otklik.yaml",
        config.replace("time_zone: Asia/Barnaul", "time_zone: Asia/Barnaoul"),
    );
    let run = repo.otklik(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("otklik.yaml:4:14:"), "{}", run.stderr);
}

#[test]
fn an_email_listed_for_two_staff_members_stops_check_at_its_line() {
    let repo = Repo::from_fixture("check/base");
    let config = std::fs::read_to_string(repo.path().join("otklik.yaml")).unwrap();
    repo.write(
        "otklik.yaml",
        config.replace("emails: [road.one@test.example]", "emails: [Road.Lead@test.example]"),
    );
    let run = repo.otklik(&["check"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "otklik.yaml:18:55: адрес «road.lead@test.example» уже указан у сотрудника «road.lead»; \
         у адреса должен быть один владелец, иначе по коммитам git не понять, кто внёс изменение\n"
    );
}

#[test]
fn nesting_within_the_size_limit_is_refused_by_depth() {
    let repo = Repo::from_fixture("check/base");
    let deep = format!("---\nid: {}{}\n---\n", "[".repeat(5_000), "]".repeat(5_000));
    repo.write("appeals/2026/2026-0010.md", deep);
    let report = repo.check_json();
    assert!(has(&report, "yaml-syntax", "appeals/2026/2026-0010.md", 2), "{report}");
}

#[test]
fn due_lists_overdue_and_due_soon_items_most_urgent_first() {
    let repo = Repo::from_fixture("check/base");
    // Received 2026-10-01: 30 days end on 2026-10-31 (Saturday), moved to Monday 2026-11-02.
    repo.write(
        "appeals/2026/2026-0010.md",
        APPEAL.replace("received: 2026-11-20", "received: 2026-10-01"),
    );
    let run = repo.otklik(&["--lang", "en", "due", "--today", "2026-12-04"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("id"), "{}", run.stdout);
    assert!(lines[1].starts_with("2026-0010  2026-11-02"), "{}", run.stdout);
    assert!(lines[2].starts_with("2026-0002  2026-12-04"), "{}", run.stdout);
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    let roads = repo.otklik(&["--lang", "en", "due", "--today", "2026-12-04", "--sector", "zhkh"]);
    assert_eq!(roads.stdout.lines().count(), 2, "{}", roads.stdout);
}

#[test]
fn due_with_an_unknown_sector_or_assignee_is_a_usage_error_listing_the_known_ones() {
    let repo = Repo::from_fixture("check/base");
    let sector = repo.otklik(&["due", "--today", "2026-12-04", "--sector", "nope"]);
    assert_eq!(sector.code, 2, "{}", sector.stdout);
    assert_eq!(sector.stdout, "");
    assert_eq!(
        sector.stderr,
        "--sector: блока «nope» нет в sectors/; известные блоки: roads, zhkh\n"
    );
    let staff = repo.otklik(&["--lang", "en", "due", "--today", "2026-12-04", "--assignee", "x"]);
    assert_eq!(staff.code, 2, "{}", staff.stdout);
    assert_eq!(
        staff.stderr,
        "--assignee: \"x\" is not on the staff list of otklik.yaml; known staff: cur, head, \
         coord, road.lead, road.one, water.lead\n"
    );
    let known = repo.otklik(&["due", "--today", "2026-12-04", "--assignee", "road.one"]);
    assert_eq!(known.code, 0, "{}", known.stderr);
}

#[test]
fn discussions_are_checked_like_appeals() {
    let repo = Repo::from_fixture("check/base");
    let vote = "---\nid: 2026-svet\nkind: vote\ntitle: Освещение\nopened: 2026-02-02\n\
        closed: 2026-02-20\nchannel: pos\nsector: road\nlocality: Мульта\noptions:\n  \
        - { label: Школьная, votes: 212 }\n  - { label: Набережная, votes: 140 }\n\
        desicion: Начать со Школьной\n---\nИтоги.\n";
    repo.write("discussions/2026-svet.md", vote);
    let report = repo.check_json();
    let file = "discussions/2026-svet.md";
    assert!(has(&report, "unknown-field", file, 13), "{report}");
    assert!(has(&report, "unknown-sector", file, 8), "{report}");
    assert!(has(&report, "decision-missing", file, 6), "{report}");
    let text = repo.otklik(&["check", "--today", "2026-12-04"]);
    assert_eq!(text.code, 1);
    assert!(
        text.stdout.contains("discussions/2026-svet.md:13:1: ошибка: неизвестное поле «desicion» — может быть, «decision»?"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("неизвестный отраслевой блок «road» — может быть, «roads»?"));
}

#[test]
fn two_real_data_sets_import_into_a_scratch_repository_that_checks_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("demo");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let otklik = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_otklik"))
            .arg("--root")
            .arg(&root)
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let scratch = otklik(&["import", "--scratch", "--preset", "kursk", "--preset", "boston311"]);
    assert_eq!(scratch.0, Some(0), "{}", scratch.1);
    let kursk = fixtures.join("kursk_test_50.csv");
    let boston = fixtures.join("boston311_50.csv");
    let first =
        otklik(&["import", "--preset", "kursk", kursk.to_str().unwrap(), "--today", "2026-12-04"]);
    assert_eq!(first.0, Some(0), "{}", first.1);
    let second = otklik(&["import", "--preset", "boston311", boston.to_str().unwrap()]);
    assert_eq!(second.0, Some(0), "{}", second.1);
    let before = std::fs::read(root.join("appeals/2026/2026-0001.md")).unwrap();
    let again =
        otklik(&["import", "--preset", "kursk", kursk.to_str().unwrap(), "--today", "2026-12-04"]);
    assert_eq!(again.0, Some(0));
    assert_eq!(std::fs::read(root.join("appeals/2026/2026-0001.md")).unwrap(), before);
    let check = otklik(&["check", "--today", "2026-12-04", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&check.1).unwrap();
    assert_eq!(report["summary"]["errors"], 0, "{report}");
    assert_eq!(report["summary"]["items"], 100);
}

/// Builds the repository's site, as a report needs.
fn built(repo: &Repo) {
    let run = repo.otklik(&["build", "--today", "2026-12-04", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn the_heads_report_lists_overdue_items_and_advice_for_the_period() {
    let repo = Repo::from_fixture("check/base");
    // Received 2026-10-01 and never answered: overdue since 2026-11-02.
    repo.write(
        "appeals/2026/2026-0010.md",
        APPEAL.replace("received: 2026-11-20", "received: 2026-10-01"),
    );
    built(&repo);
    let run = repo.otklik(&["report", "--period", "2026-Q4", "--today", "2026-12-04"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = PathBuf::from(run.stdout.trim());
    assert!(path.ends_with("site/internal/reports/2026-Q4.html"), "{}", run.stdout);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("Отчёт для главы — IV квартал 2026 г."), "{html}");
    assert!(html.contains("@page{size:A4"));
    let overdue = &html[html.find("h-overdue").unwrap()..html.find("h-advice").unwrap()];
    assert!(overdue.contains("2026-0010") && !overdue.contains("2026-0002"), "{overdue}");
    assert!(html.contains("«Дороги»: ответы в срок"), "{html}");
    let bad = repo.otklik(&["report", "--period", "2026-Q5"]);
    assert_eq!(bad.code, 2);
}

#[test]
fn a_report_of_a_period_without_items_is_written_with_a_warning() {
    let repo = Repo::from_fixture("check/base");
    built(&repo);
    let run = repo.otklik(&["report", "--period", "1999-Q1", "--today", "2026-12-04"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(PathBuf::from(run.stdout.trim()).is_file(), "{}", run.stdout);
    assert!(
        run.stderr.starts_with("в периоде I квартал 1999 г. нет ни одного обращения;"),
        "{}",
        run.stderr
    );
    let en = repo.otklik(&["--lang", "en", "report", "--period", "1999", "--today", "2026-12-04"]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    assert!(en.stderr.starts_with("the period 1999 holds no items at all;"), "{}", en.stderr);
    let full = repo.otklik(&["report", "--period", "2026", "--today", "2026-12-04"]);
    assert_eq!((full.code, full.stderr.as_str()), (0, ""));
}

#[test]
fn a_report_of_a_period_that_has_not_begun_is_refused() {
    let repo = Repo::from_fixture("check/base");
    built(&repo);
    let run = repo.otklik(&["report", "--period", "2030", "--today", "2026-12-04"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stderr,
        "период 2030 год ещё не начался (данные на 04.12.2026); отчёт не записан — укажите период не позже сегодняшнего\n"
    );
    assert!(!repo.path().join("site/internal/reports/2030.html").exists());
    // The month of the report's day has begun, though it holds no item yet.
    let now = repo.otklik(&["report", "--period", "2026-12", "--today", "2026-12-01"]);
    assert_eq!(now.code, 0, "{}", now.stderr);
}

#[test]
fn a_report_goes_only_into_a_site_that_build_made() {
    let repo = Repo::from_fixture("check/base");
    built(&repo);
    let public = repo.path().join("site/public");
    // A marker alone, or dropped into a public folder, does not make a site.
    repo.write("marked/.otklik-site", "");
    repo.write("copied/public-page.html", "");
    std::fs::copy(repo.path().join("site/.otklik-site"), repo.path().join("copied/.otklik-site"))
        .unwrap();
    let mut refused =
        vec![public.clone(), repo.path().to_path_buf(), repo.path().join("elsewhere")];
    refused.extend([repo.path().join("marked"), repo.path().join("copied")]);
    // A site whose internal folder is a link into the public one.
    #[cfg(unix)]
    {
        let linked = repo.path().join("linked");
        std::fs::create_dir_all(linked.join("public")).unwrap();
        repo.write("linked/.otklik-site", "");
        std::os::unix::fs::symlink(&public, linked.join("internal")).unwrap();
        refused.push(linked);
    }
    for out in refused {
        let out_arg = out.to_str().unwrap();
        let run =
            repo.otklik(&["report", "--period", "2026", "--today", "2026-12-04", "--out", out_arg]);
        assert_eq!(run.code, 1, "{}: {}{}", out.display(), run.stdout, run.stderr);
        assert!(run.stderr.contains("otklik build"), "{}", run.stderr);
        assert!(!out.join("internal/reports").exists(), "{}", out.display());
    }
    let site = repo.path().join("site");
    let run = repo.otklik(&[
        "report",
        "--period",
        "2026",
        "--today",
        "2026-12-04",
        "--out",
        site.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.join("internal/reports/2026.html").is_file());
}

#[test]
fn build_refuses_an_output_it_did_not_make_and_the_sources() {
    let repo = Repo::from_fixture("check/base");
    let keep = repo.path().join("keep");
    repo.write("keep/thesis.txt", "not a site");
    let refused = repo.otklik(&["build", "--today", "2026-12-04", "--out", keep.to_str().unwrap()]);
    assert_eq!(refused.code, 1, "{}", refused.stdout);
    assert!(
        refused.stderr.starts_with("Сайт не собран, ")
            && refused.stderr.contains("не заменю эту папку")
            && !refused.stderr.contains("refusing"),
        "one language throughout: {}",
        refused.stderr
    );
    let en = repo.otklik(&[
        "--lang",
        "en",
        "build",
        "--today",
        "2026-12-04",
        "--out",
        keep.to_str().unwrap(),
    ]);
    assert!(en.stderr.contains("refusing to replace it"), "{}", en.stderr);
    assert_eq!(std::fs::read_to_string(keep.join("thesis.txt")).unwrap(), "not a site");
    for out in [repo.path().to_path_buf(), repo.path().join("appeals")] {
        let run = repo.otklik(&["build", "--today", "2026-12-04", "--out", out.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{}", run.stdout);
    }
    assert!(repo.path().join("appeals/2026/2026-0001.md").is_file());
    let site = repo.path().join("site");
    for _ in 0..2 {
        let run = repo.otklik(&["build", "--today", "2026-12-04", "-q"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    assert!(site.join(".otklik-site").is_file() && site.join("public/index.html").is_file());
}

#[test]
fn quiet_check_still_counts_the_warnings() {
    let repo = Repo::from_fixture("check/base");
    repo.write(
        "appeals/2026/2026-0010.md",
        APPEAL.replace("received: 2026-11-20", "received: 2026-10-01"),
    );
    let run = repo.otklik(&["-q", "check", "--today", "2026-12-04"]);
    assert_eq!(run.code, 0);
    // The overdue item, and the note that the folder is not a git repository.
    assert!(run.stdout.contains("ошибок: 0; предупреждений: 2"), "{}", run.stdout);
}

#[test]
fn control_characters_are_errors_at_their_place_in_the_file_and_in_values() {
    let repo = Repo::from_fixture("check/base");
    // A raw escape in the body, and a NUL written as a YAML escape in a quoted value.
    let text = APPEAL
        .replace("status: new", "status: new\npublic_summary: \"Яма\\0\"")
        .replace("Текст.", "Тек\u{1b}[31mст.");
    repo.write("appeals/2026/2026-0010.md", text);
    let report = repo.check_json();
    let file = "appeals/2026/2026-0010.md";
    assert!(has(&report, "control-character", file, 12), "{report}");
    assert!(has(&report, "control-character", file, 10), "{report}");
    let message = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["line"] == 12)
        .map(|d| d["message"].as_str().unwrap().to_string())
        .unwrap();
    assert!(message.contains("U+001B"), "{message}");
    let out = repo.path().join("out");
    let run = repo.otklik(&["build", "--today", "2026-12-04", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 1, "an error stops the build: {}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn a_sector_member_listed_twice_is_warned_about_at_members() {
    let repo = Repo::from_fixture("check/base");
    let text = std::fs::read_to_string(repo.path().join("sectors/roads.md")).unwrap();
    repo.write(
        "sectors/roads.md",
        text.replace("members: [road.one]", "members: [road.one, road.one]"),
    );
    let report = repo.check_json();
    assert!(has(&report, "duplicate-member", "sectors/roads.md", 5), "{report}");
}

#[test]
fn a_bidirectional_override_is_a_control_character_too() {
    let repo = Repo::from_fixture("check/base");
    // "Trojan source": the summary would read reversed after U+202E.
    let text =
        APPEAL.replace("status: new", "status: new\npublic_summary: \"Яма \u{202E}Катанда\"");
    repo.write("appeals/2026/2026-0010.md", text);
    let report = repo.check_json();
    assert!(has(&report, "control-character", "appeals/2026/2026-0010.md", 10), "{report}");
    assert!(report.to_string().contains("U+202E"), "{report}");
}

#[test]
fn a_control_character_in_the_configuration_stops_everything_with_its_line() {
    let repo = Repo::from_fixture("check/base");
    let config = std::fs::read_to_string(repo.path().join("otklik.yaml")).unwrap();
    repo.write("otklik.yaml", config.replacen("time_zone", "\u{7}time_zone", 1));
    let run = repo.otklik(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("otklik.yaml:4:"), "{}", run.stderr);
    assert!(run.stderr.contains("U+0007"), "{}", run.stderr);
}

#[test]
fn json_check_reports_a_broken_configuration_as_json() {
    let repo = Repo::from_fixture("check/base");
    let config = std::fs::read_to_string(repo.path().join("otklik.yaml")).unwrap();
    repo.write(
        "otklik.yaml",
        config.replace("time_zone: Asia/Barnaul", "time_zone: Asia/Barnaoul"),
    );
    let run = repo.otklik(&["check", "--today", "2026-12-04", "--format", "json"]);
    assert_eq!(run.code, 2);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert!(has(&report, "invalid-value", "otklik.yaml", 4) || report["summary"]["errors"] == 1);
    assert_eq!(report["diagnostics"][0]["file"], "otklik.yaml", "{report}");
    assert_eq!(report["diagnostics"][0]["line"], 4, "{report}");
    assert_eq!(report["items"].as_array().map(Vec::len), Some(0));
}

#[test]
fn leading_zeros_do_not_make_a_second_number() {
    let repo = Repo::from_fixture("check/base");
    repo.write("appeals/2026/2026-0010.md", APPEAL);
    repo.write("appeals/2026/2026-00010.md", APPEAL.replace("2026-0010", "2026-00010"));
    let report = repo.check_json();
    let duplicates: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "duplicate-id")
        .collect();
    assert_eq!(duplicates.len(), 1, "{report}");
    let message = duplicates[0]["message"].as_str().unwrap();
    assert!(message.contains("2026-0010»") && message.contains("2026-00010»"), "{message}");
    // `2026-00010.md` sorts first, yet the extra zero is the slip: that file is renumbered.
    assert_eq!(duplicates[0]["file"], "appeals/2026/2026-00010.md", "{report}");
    assert!(message.starts_with("номер «2026-00010»"), "{message}");
}

#[test]
fn the_id_with_more_leading_zeros_is_blamed_in_either_order() {
    let repo = Repo::from_fixture("check/base");
    // Here the padded id sorts last (folder 2027 after 2026): it is still the one blamed.
    repo.write("appeals/2026/2026-0010.md", APPEAL);
    repo.write("appeals/2027/2026-000010.md", APPEAL.replace("2026-0010", "2026-000010"));
    repo.write("appeals/2025/2026-00010.md", APPEAL.replace("2026-0010", "2026-00010"));
    let report = repo.check_json();
    let blamed: std::collections::BTreeSet<String> = places(&report)
        .into_iter()
        .filter(|(code, _, _)| code == "duplicate-id")
        .map(|(_, file, _)| file)
        .collect();
    let expected = ["appeals/2025/2026-00010.md", "appeals/2027/2026-000010.md"];
    assert_eq!(blamed, expected.map(String::from).into(), "{report}");
}

#[test]
fn a_copy_of_a_file_is_blamed_for_the_duplicate_id_not_the_original() {
    let repo = Repo::from_fixture("check/base");
    // `2026-0010 (copy).md` sorts before `2026-0010.md`: a space is before a dot.
    repo.write("appeals/2026/2026-0010.md", APPEAL);
    repo.write("appeals/2026/2026-0010 (copy).md", APPEAL);
    let report = repo.check_json();
    let blamed: Vec<(String, String, u64)> =
        places(&report).into_iter().filter(|(code, _, _)| code == "duplicate-id").collect();
    let copy = "appeals/2026/2026-0010 (copy).md";
    assert_eq!(blamed, [("duplicate-id".to_string(), copy.to_string(), 2)], "{report}");
    let run = repo.otklik(&["check", "--today", "2026-12-04"]);
    assert!(run.stdout.contains("занят файлом appeals/2026/2026-0010.md"), "{}", run.stdout);
}

#[test]
fn dates_of_plans_follow_receipt_and_dates_of_events_are_not_in_the_future() {
    let repo = Repo::from_fixture("check/base");
    let text = APPEAL.replace(
        "status: new",
        "status: in_progress\nassignee: road.one\ndue: 2026-11-01\n\
         returned: [{ date: 2026-12-20, reason: \"Нет ответа по существу\" }]",
    );
    repo.write("appeals/2026/2026-0010.md", text);
    let report = repo.check_json();
    let file = "appeals/2026/2026-0010.md";
    assert!(has(&report, "date-order", file, 11), "{report}");
    assert!(has(&report, "future-date", file, 12), "{report}");
}

#[test]
fn an_impossible_answer_date_is_one_error_that_says_the_day_does_not_exist() {
    let repo = Repo::from_fixture("check/base");
    let text = APPEAL.replace(
        "status: new",
        "status: closed\nassignee: road.one\nanswered: 2026-02-30\nresult: explained\nrating: 4",
    );
    repo.write("appeals/2026/2026-0010.md", text);
    let report = repo.check_json();
    let file = "appeals/2026/2026-0010.md";
    let found: Vec<(String, String, u64)> =
        places(&report).into_iter().filter(|(_, f, _)| f == file).collect();
    assert_eq!(found, [("invalid-date".to_string(), file.to_string(), 11)], "{report}");
    let run = repo.otklik(&["check", "--today", "2026-12-04"]);
    assert!(
        run.stdout.contains(
            "appeals/2026/2026-0010.md:11:11: ошибка: «2026-02-30» в поле «answered» — такого дня нет: в феврале 2026 года 28 дней"
        ),
        "{}",
        run.stdout
    );
    let en = repo.otklik(&["--lang", "en", "check", "--today", "2026-12-04"]);
    assert!(
        en.stdout
            .contains("\"2026-02-30\" in \"answered\": no such day — February 2026 has 28 days"),
        "{}",
        en.stdout
    );
}

#[test]
fn a_file_in_another_years_folder_is_warned_about() {
    let repo = Repo::from_fixture("check/base");
    repo.write("appeals/2025/2026-0010.md", APPEAL);
    let report = repo.check_json();
    assert!(has(&report, "wrong-year-folder", "appeals/2025/2026-0010.md", 2), "{report}");
    assert_eq!(report["summary"]["errors"], 0, "{report}");
}

#[test]
fn files_under_appeals_that_are_not_read_are_warned_about_by_name() {
    let repo = Repo::from_fixture("check/base");
    let numbered = |id: &str| APPEAL.replace("2026-0010", id);
    repo.write("appeals/2026/2026-0010.MD", numbered("2026-0010"));
    repo.write("appeals/2026/2026-0011.markdown", numbered("2026-0011"));
    repo.write("appeals/2026/2026-0012.md.txt", numbered("2026-0012"));
    repo.write("appeals/2026/scan.pdf", "%PDF");
    std::fs::create_dir_all(repo.path().join("appeals/2026/2026-0015.md")).unwrap();
    // Read, but not where they belong.
    repo.write("appeals/2026-0013.md", numbered("2026-0013"));
    repo.write("appeals/2026/x/y/2026-0014.md", numbered("2026-0014"));
    // Notes for people and hidden files are left alone.
    repo.write("appeals/README.md", "# Обращения\n");
    repo.write("appeals/2026/.gitkeep", "");
    let report = repo.check_json();
    let mut found = places(&report);
    found.retain(|(code, _, _)| code != "history-unavailable");
    let expected = [
        ("wrong-year-folder", "appeals/2026-0013.md", 2),
        ("not-an-appeal-file", "appeals/2026/2026-0010.MD", 0),
        ("not-an-appeal-file", "appeals/2026/2026-0011.markdown", 0),
        ("not-an-appeal-file", "appeals/2026/2026-0012.md.txt", 0),
        ("not-an-appeal-file", "appeals/2026/2026-0015.md", 0),
        ("not-an-appeal-file", "appeals/2026/scan.pdf", 0),
        ("wrong-year-folder", "appeals/2026/x/y/2026-0014.md", 2),
    ]
    .map(|(code, file, line)| (code.to_string(), file.to_string(), line));
    assert_eq!(found, expected, "{report}");
    assert_eq!(report["summary"]["items"], 4, "{report}");
    assert_eq!(report["summary"]["errors"], 0, "{report}");

    let run = repo.otklik(&["check", "--today", "2026-12-04"]);
    assert!(
        run.stdout.contains(
            "appeals/2026/2026-0012.md.txt: предупреждение: файл не прочитан и не учтён: обращения \
             читаются только из файлов appeals/<год>/<номер>.md; переименуйте его в \
             appeals/2026/2026-0012.md или уберите его из папки appeals/"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("переименуйте его в appeals/<год>/<номер>.md"), "{}", run.stdout);
    let en = repo.otklik(&["--lang", "en", "check", "--today", "2026-12-04"]);
    assert!(
        en.stdout.contains(
            "the file is not in its year's folder: appeals are kept as \
             appeals/<year>/<id>.md; move it to appeals/2026/"
        ),
        "{}",
        en.stdout
    );
}

#[test]
fn import_exits_with_one_when_rows_are_skipped_and_refuses_a_cut_export() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("demo");
    let otklik = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_otklik"))
            .arg("--root")
            .arg(&root)
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    assert_eq!(otklik(&["import", "--scratch", "--preset", "boston311"]).0, Some(0));
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let text = std::fs::read_to_string(fixtures.join("boston311_50.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().take(4).map(String::from).collect();
    lines[2] = lines[2].replacen("2022-04-21 06:16:59", "2022-04-31 06:16:59", 1);
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let (code, stderr) = otklik(&["import", "--preset", "boston311", bad.to_str().unwrap()]);
    assert_eq!(code, Some(1), "a skipped row must be visible to a script: {stderr}");
    assert!(stderr.contains("bad.csv:3:"), "{stderr}");
    // Again: the rows already imported are no failure, but the bad row still is.
    let (again, stderr) = otklik(&["import", "--preset", "boston311", bad.to_str().unwrap()]);
    assert_eq!(again, Some(1), "the bad row is still bad: {stderr}");

    let written = std::fs::read_dir(root.join("appeals/2022")).unwrap().count();
    let cut = dir.path().join("cut.csv");
    let last = text.lines().nth(5).unwrap();
    let (start, _) = last.split_at(last.find(",Case").unwrap());
    let half = format!("{start},\"Case Closed. The export stops he");
    std::fs::write(&cut, format!("{}\n{}\n{half}", lines[0], text.lines().nth(4).unwrap()))
        .unwrap();
    let (code, stderr) = otklik(&["import", "--preset", "boston311", cut.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("cut.csv: строка 3"), "{stderr}");
    assert_eq!(std::fs::read_dir(root.join("appeals/2022")).unwrap().count(), written);
}

#[test]
fn a_settlement_typed_in_decomposed_unicode_matches_the_configured_one() {
    let repo = Repo::from_fixture("check/base");
    // «Тюнгур» is plain; «Ёлкино» decomposed is «Е» followed by a combining diaeresis.
    let config = std::fs::read_to_string(repo.path().join("otklik.yaml")).unwrap();
    repo.write("otklik.yaml", config.replace("Тюнгур]", "Тюнгур, Ёлкино]"));
    repo.write("appeals/2026/2026-0010.md", APPEAL.replace("Тюнгур", "Е\u{308}лкино"));
    let report = repo.check_json();
    assert_eq!(report["summary"]["errors"], 0, "{report}");
}

#[test]
fn urgent_and_a_repeated_topic_are_reported_where_they_are_written() {
    let repo = Repo::from_fixture("check/base");
    repo.write(
        "appeals/2026/2026-0010.md",
        APPEAL.replace("status: new", "status: new\nurgent: true"),
    );
    let sector = std::fs::read_to_string(repo.path().join("sectors/roads.md")).unwrap();
    repo.write(
        "sectors/roads.md",
        sector.replace(
            "topics: [\"0003.0009.0099\"]",
            "topics: [\"0003.0009.0099\", \"0003.0009.0099\"]",
        ),
    );
    let report = repo.check_json();
    assert!(has(&report, "not-for-kind", "appeals/2026/2026-0010.md", 10), "{report}");
    assert!(has(&report, "duplicate-topic", "sectors/roads.md", 6), "{report}");
    assert!(!report.to_string().contains("topic-in-two-sectors"), "{report}");
}
