//! Imports of small slices of real exports into scratch repositories, read back by the
//! loader exactly as `check` reads them.
//!
//! The slices in `tests/fixtures/import/` are the first 50 rows of the Kursk test set and
//! of the Boston 311 sample from `shared/realdata/` (already masked; a few bus plates and
//! house numbers the masker missed were masked by hand in the copy), and a fictional ПОС
//! workbook made by `make_pos_xlsx.py`.

use chrono::NaiveDate;
use otklik::appeal::Status;
use otklik::import::{self, ImportError, ImportOptions, ImportReport, Mapping};
use otklik::load;
use otklik::messages::Lang;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn options() -> ImportOptions {
    ImportOptions { today: NaiveDate::from_ymd_opt(2026, 12, 4), ..ImportOptions::default() }
}

/// A scratch repository made for the given presets.
fn scratch(presets: &[&str]) -> (tempfile::TempDir, Vec<Mapping>) {
    let dir = tempfile::tempdir().unwrap();
    let mappings: Vec<Mapping> = presets.iter().map(|p| Mapping::preset(p).unwrap()).collect();
    let refs: Vec<&Mapping> = mappings.iter().collect();
    import::scaffold(dir.path(), &refs, chrono_tz::Asia::Barnaul).unwrap();
    (dir, mappings)
}

fn skipped_rows(report: &ImportReport) -> Vec<(usize, &'static str)> {
    report.skipped.iter().map(|s| (s.row, s.code)).collect()
}

fn assert_loads_cleanly(root: &Path, expected: usize) -> load::Repository {
    let repo = load::load(root).unwrap();
    let problems: Vec<String> = repo.diagnostics.iter().map(|d| d.one_line(Lang::En)).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(repo.appeals.len(), expected);
    for a in &repo.appeals {
        let sector = repo.sector(&a.sector).unwrap_or_else(|| panic!("{}: no sector", a.id));
        assert!(sector.handles(&a.topic), "{}: {} not in {}", a.id, a.topic, a.sector);
        assert!(repo.config.settlements.contains(&a.locality), "{}: {}", a.id, a.locality);
        if a.status.needs_assignee() {
            assert!(sector.has_member(a.assignee.as_deref().unwrap_or("")), "{}", a.id);
        }
    }
    repo
}

#[test]
fn kursk_and_boston_slices_import_into_one_scratch_repository_and_load_cleanly() {
    let (dir, mappings) = scratch(&["kursk", "boston311"]);
    let kursk = import::import(dir.path(), &fixture("kursk_test_50.csv"), &mappings[0], &options())
        .unwrap();
    let boston =
        import::import(dir.path(), &fixture("boston311_50.csv"), &mappings[1], &options()).unwrap();
    assert_eq!((kursk.rows_read, kursk.written.len()), (50, 50), "{:#?}", kursk.skipped);
    assert_eq!((boston.rows_read, boston.written.len()), (50, 50), "{:#?}", boston.skipped);
    let repo = assert_loads_cleanly(dir.path(), 100);

    // Kursk rows have no dates: they are received on the day of the import.
    assert_eq!(kursk.written[0].file, "appeals/2026/2026-0001.md");
    assert_eq!(kursk.written[0].row, 2);
    let first = repo.appeals.iter().find(|a| a.id == "2026-0001").unwrap();
    assert_eq!(first.external_id.as_deref(), Some("kursk-843"));
    assert_eq!(first.topic, "0003.0009.0097.0690");
    assert_eq!(first.sector, "blago");
    assert_eq!(first.locality, "Курчатовский район");
    assert_eq!(first.public_summary.as_deref(), Some("Неработающее наружное освещение"));
    assert!(first.body.starts_with("Здравствуйте. На улице Мира было заменено"), "{}", first.body);
    assert!(!first.body.contains("&nbsp;") && !first.body.contains("<p>"));

    // Boston times are New York wall-clock times, converted into the repository's zone:
    // 11:20 EST on 17 January is 23:20 in Barnaul.
    let b = repo.appeals.iter().find(|a| a.external_id.as_deref() == Some("101004128563")).unwrap();
    assert_eq!(b.id, "2022-0001");
    assert_eq!(b.received.iso(), "2022-01-17T23:20:00+07:00");
    assert_eq!(b.answered.map(|m| m.iso()).as_deref(), Some("2022-01-18T22:08:24+07:00"));
    assert_eq!(b.due, NaiveDate::from_ymd_opt(2022, 1, 18));
    assert_eq!(b.status, Status::Closed);
    assert_eq!(b.assignee.as_deref(), Some("blago.lead"));
    assert_eq!(b.public_summary.as_deref(), Some("Street Light Knock Downs"));
    // The closure note is staff free text that can name people: private body only.
    assert_eq!(b.answer_summary, None);
    assert!(b.body.contains("ON CALL CREW PICKED UP DAMAGED"), "{}", b.body);
    assert_eq!(
        b.applicant.address.as_deref(),
        Some("INTERSECTION of Batterymarch St & Franklin St Boston MA")
    );
    assert!(b.body.contains("- Case title: PRINTED : Street Light Knockdown//N.M."));
}

#[test]
fn a_second_import_continues_numbering_and_never_overwrites() {
    let (dir, mappings) = scratch(&["kursk"]);
    let kursk = &mappings[0];
    let file = fixture("kursk_test_50.csv");
    let first =
        import::import(dir.path(), &file, kursk, &ImportOptions { limit: Some(10), ..options() })
            .unwrap();
    assert_eq!(first.written.last().unwrap().id, "2026-0010");
    let path = dir.path().join("appeals/2026/2026-0001.md");
    let before = std::fs::read(&path).unwrap();

    // The same rows again are recognised by their external id and skipped.
    let second = import::import(dir.path(), &file, kursk, &options()).unwrap();
    assert_eq!(second.skipped.len(), 10);
    assert!(second.skipped.iter().all(|s| s.code == "duplicate"));
    assert!(second.skipped[0].message.get(Lang::En).contains("already imported as 2026-0001"));
    let ids: Vec<&str> = second.written.iter().map(|w| w.id.as_str()).collect();
    assert_eq!((ids[0], ids[39]), ("2026-0011", "2026-0050"));

    // Asked to import them again anyway, they get new numbers, after the highest one.
    let again = ImportOptions { allow_duplicates: true, limit: Some(3), ..options() };
    let third = import::import(dir.path(), &file, kursk, &again).unwrap();
    let ids: Vec<&str> = third.written.iter().map(|w| w.id.as_str()).collect();
    assert_eq!(ids, ["2026-0051", "2026-0052", "2026-0053"]);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_loads_cleanly(dir.path(), 53);
}

#[test]
fn a_number_taken_by_a_broken_file_is_not_reused() {
    let (dir, mappings) = scratch(&["kursk"]);
    let folder = dir.path().join("appeals/2026");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("2026-0007.md"), "not an appeal").unwrap();
    let report = import::import(
        dir.path(),
        &fixture("kursk_test_50.csv"),
        &mappings[0],
        &ImportOptions { limit: Some(1), ..options() },
    )
    .unwrap();
    assert_eq!(report.written[0].id, "2026-0008");
    assert_eq!(std::fs::read_to_string(folder.join("2026-0007.md")).unwrap(), "not an appeal");
}

#[test]
fn bad_rows_are_reported_with_their_row_numbers_and_skipped() {
    let (dir, mappings) = scratch(&["boston311"]);
    let text = std::fs::read_to_string(fixture("boston311_50.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().take(6).map(String::from).collect();
    // Row 3 (the second data row): an impossible date. Row 5: no opening date at all.
    lines[2] = lines[2].replacen("2022-04-21 06:16:59", "2022-04-31 06:16:59", 1);
    let (id, rest) = lines[4].split_once(',').unwrap();
    let (_, rest) = rest.split_once(',').unwrap();
    lines[4] = format!("{id},,{rest}");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, lines.join("\n")).unwrap();

    let report = import::import(dir.path(), &bad, &mappings[0], &options()).unwrap();
    assert_eq!(skipped_rows(&report), [(3, "bad-date"), (5, "no-value")], "{report:#?}");
    let why = report.skipped[0].message.get(Lang::Ru);
    assert!(why.contains("«2022-04-31 06:16:59»") && why.contains("OPEN_DT"), "{why}");
    let rows: Vec<usize> = report.written.iter().map(|w| w.row).collect();
    assert_eq!(rows, [2, 4, 6]);
    assert_loads_cleanly(dir.path(), 3);
}

#[test]
fn a_dry_run_plans_the_same_files_and_writes_none() {
    let (dir, mappings) = scratch(&["boston311"]);
    let dry = ImportOptions { dry_run: true, ..options() };
    let planned =
        import::import(dir.path(), &fixture("boston311_50.csv"), &mappings[0], &dry).unwrap();
    assert_eq!(planned.written.len(), 50);
    assert!(!dir.path().join("appeals/2022").exists());
    let real =
        import::import(dir.path(), &fixture("boston311_50.csv"), &mappings[0], &options()).unwrap();
    assert_eq!(planned.written, real.written);
    assert!(real.summary().get(Lang::Ru).starts_with("создано обращений: 50"));
}

#[test]
fn a_pos_workbook_imports_with_statuses_dates_and_its_planned_deadline() {
    let (dir, mappings) = scratch(&["pos"]);
    let report =
        import::import(dir.path(), &fixture("pos_sample.xlsx"), &mappings[0], &options()).unwrap();
    assert_eq!(skipped_rows(&report), [(5, "bad-date"), (7, "no-answer-date")], "{report:#?}");
    let repo = assert_loads_cleanly(dir.path(), 4);
    let by_number =
        |n: &str| repo.appeals.iter().find(|a| a.external_id.as_deref() == Some(n)).unwrap();

    let closed = by_number("ПОС-327441806");
    assert_eq!(closed.status, Status::Closed);
    assert_eq!(closed.received.iso(), "2026-01-06");
    assert_eq!(closed.due, NaiveDate::from_ymd_opt(2026, 1, 16));
    assert_eq!(closed.answered.map(|m| m.iso()).as_deref(), Some("2026-01-14"));
    assert_eq!(closed.rating, Some(5));
    assert_eq!(closed.result.map(otklik::fields::Choice::name), Some("measures_taken"));
    assert_eq!(closed.topic, "0002.0014.0143.0389");
    assert_eq!(closed.public_summary.as_deref(), Some("Здравоохранение — Медицинская карта"));
    assert!(closed.body.starts_with("Не видна карта в приложении\n\n- Категория: Здравоохранение"));

    let assigned = by_number("ПОС-327441807");
    assert_eq!(assigned.status, Status::Assigned);
    assert_eq!(assigned.received.iso(), "2026-01-12T10:15:00+07:00");
    assert_eq!(assigned.sector, "roads");
    assert_eq!(assigned.assignee.as_deref(), Some("roads.lead"));

    let forwarded = by_number("ПОС-327441808");
    assert_eq!(forwarded.status, Status::Forwarded);
    assert_eq!(forwarded.reason.as_deref(), Some("Направлено в подведомственную организацию"));

    let rejected = by_number("ПОС-327441810");
    assert_eq!(rejected.kind, otklik::appeal::Kind::Appeal);
    assert_eq!(rejected.status, Status::LeftUnanswered);
}

#[test]
fn a_missing_required_column_stops_the_import_before_anything_is_written() {
    let (dir, mappings) = scratch(&["boston311"]);
    let text = std::fs::read_to_string(fixture("boston311_50.csv")).unwrap();
    let renamed = dir.path().join("renamed.csv");
    std::fs::write(&renamed, text.replacen("OPEN_DT", "OPEN_DATE", 1)).unwrap();
    let e = import::import(dir.path(), &renamed, &mappings[0], &options()).unwrap_err();
    assert!(matches!(e, ImportError::MissingColumns { .. }), "{e:?}");
    assert_eq!(
        e.message().get(Lang::En),
        "the table lacks columns that required fields need: \"OPEN_DT\" (did you mean \"OPEN_DATE\"?)"
    );
    assert!(!dir.path().join("appeals/2022").exists());
}

#[test]
fn a_default_the_repository_lacks_is_refused_up_front() {
    let (dir, mappings) = scratch(&["kursk"]);
    let odd = ImportOptions { default_locality: Some("Атлантида".into()), ..options() };
    let e =
        import::import(dir.path(), &fixture("kursk_test_50.csv"), &mappings[0], &odd).unwrap_err();
    assert!(matches!(e, ImportError::BadDefault { field: "locality", .. }), "{e:?}");
}

#[test]
fn a_scratch_repository_is_not_created_over_an_existing_one() {
    let (dir, mappings) = scratch(&["kursk"]);
    let e = import::scaffold(dir.path(), &[&mappings[0]], chrono_tz::Asia::Barnaul).unwrap_err();
    assert!(matches!(e, ImportError::ScratchExists { .. }), "{e:?}");
}

/// The whole Boston sample, when the shared data sets are beside the repository. Run with
/// `cargo test --release -- --ignored --nocapture` to see the speed.
#[test]
#[ignore = "needs ../shared/realdata and takes a few seconds"]
fn the_whole_boston_sample_imports() {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realdata/boston-311/raw_sample.csv");
    if !file.exists() {
        return;
    }
    let (dir, mappings) = scratch(&["boston311"]);
    let started = std::time::Instant::now();
    let report = import::import(dir.path(), &file, &mappings[0], &options()).unwrap();
    let elapsed = started.elapsed();
    println!(
        "{} rows, {} written, {} skipped, {} notes in {:.2?} ({:.0} rows/s)",
        report.rows_read,
        report.written.len(),
        report.skipped.len(),
        report.notes.len(),
        elapsed,
        report.rows_read as f64 / elapsed.as_secs_f64()
    );
    assert_eq!(report.written.len() + report.skipped.len(), report.rows_read);
    assert_loads_cleanly(dir.path(), report.written.len());
}
