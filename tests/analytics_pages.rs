//! The analytics pages over the render fixture (`tests/fixtures/render/basic/`) with two
//! discussions added at test time: a private one whose every field holds a canary, and a
//! public one whose staff notes (the body) hold one. No public file may show a canary.

mod common;

use chrono::NaiveDate;
use std::path::Path;

const CANARY: &str = "ZZPRIV-";

fn build() -> (tempfile::TempDir, std::path::PathBuf) {
    build_in("ru")
}

/// Builds the fixture with `site.language` set to `lang`.
fn build_in(lang: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render/basic");
    common::copy_tree(&fixture, &root);
    let config =
        read(&root.join("otklik.yaml")).replace("language: ru", &format!("language: {lang}"));
    std::fs::write(root.join("otklik.yaml"), config).unwrap();
    std::fs::create_dir_all(root.join("discussions")).unwrap();
    std::fs::write(
        root.join("discussions/2026-private.md"),
        "---\nid: 2026-private\nkind: discussion\ntitle: \"ZZPRIV-title\"\n\
         question: \"ZZPRIV-question\"\nopened: 2026-02-01\nclosed: 2026-02-10\n\
         channel: meeting\nsector: roads\nsummary: \"ZZPRIV-summary\"\npublic: false\n---\n\
         ZZPRIV-body\n",
    )
    .unwrap();
    std::fs::write(
        root.join("discussions/2026-open.md"),
        "---\nid: 2026-open\nkind: discussion\ntitle: \"Ремонт моста\"\n\
         opened: 2026-02-01\nclosed: 2026-02-10\nchannel: meeting\nsector: roads\n\
         summary: \"Жители за ремонт\"\npublic: true\n---\nZZPRIV-notes\n",
    )
    .unwrap();
    let repo = otklik::load::load(&root).unwrap();
    assert_eq!(repo.discussions.len(), 2, "{:?}", repo.diagnostics);
    let today = NaiveDate::from_ymd_opt(2026, 3, 6).unwrap();
    let reg = otklik::register::check(repo, Default::default(), today);
    let out = tmp.path().join("site");
    otklik::render::build(&reg, &out, None).unwrap();
    (tmp, out)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn no_public_analytics_file_shows_a_canary() {
    let (_tmp, out) = build();
    let public = out.join("public");
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).to_string();
            assert!(!text.contains(CANARY), "{} leaks", entry.path().display());
        }
    }
    assert!(public.join("ratings.html").exists());
    assert!(public.join("discussions/2026-open.html").exists());
    assert!(!public.join("discussions/2026-private.html").exists());
    let internal = read(&out.join("internal/discussions/2026-private.html"));
    assert!(internal.contains("ZZPRIV-summary") && internal.contains("ZZPRIV-body"));
    assert!(read(&out.join("internal/discussions/2026-open.html")).contains("ZZPRIV-notes"));
}

#[test]
fn a_discussion_page_names_its_venue_in_words_in_either_language() {
    // The apostrophe of "Residents' meeting" is escaped on the page; the start is enough.
    for (lang, words) in [("ru", "Сход граждан</dd>"), ("en", "Residents")] {
        let (_tmp, out) = build_in(lang);
        let page = read(&out.join("public/discussions/2026-open.html"));
        assert!(page.contains(&format!("<dd>{words}")), "{lang}: {page}");
        assert!(!page.contains("<dd>meeting</dd>"), "{lang}: {page}");
    }
}

#[test]
fn public_ratings_suppress_small_counts_and_internal_ones_do_not() {
    let (_tmp, out) = build();
    let public = read(&out.join("public/ratings.html"));
    // The same mark as on the dashboard, in a cell of the sector table.
    assert!(public.contains("<td class=\"num\">&lt;3</td>"), "{public}");
    assert!(!public.contains("Рейтинг исполнителей"));
    let internal = read(&out.join("internal/ratings.html"));
    assert!(internal.contains("Рейтинг исполнителей"));
    assert!(!internal.contains("&lt;3"));
    assert!(out.join("internal/sstu/2026-03.csv").exists());
    assert!(!out.join("public/sstu").exists());
    for page in ["growth.html", "satisfaction.html", "failures.html"] {
        assert!(out.join("internal").join(page).exists(), "{page}");
        assert!(!out.join("public").join(page).exists(), "{page}");
    }
}

/// The cells of each body row of the first table of `html`, tags stripped.
fn first_table_rows(html: &str) -> Vec<Vec<String>> {
    let table = &html[html.find("<tbody>").unwrap()..html.find("</tbody>").unwrap()];
    table
        .split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("</t")
                .filter_map(|cell| cell.rsplit('>').next())
                .filter(|cell| !cell.is_empty() && !cell.starts_with('/'))
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// A sector's score weighs in its average rating: where the public page hides the
/// average (one or two ratings), the score is hidden too, or it would give the rating back.
#[test]
fn a_public_score_is_hidden_with_the_average_rating_it_contains() {
    let (_tmp, out) = build();
    let public = first_table_rows(&read(&out.join("public/ratings.html")));
    let internal = first_table_rows(&read(&out.join("internal/ratings.html")));
    let average = |rows: &[Vec<String>], sector: &str| {
        rows.iter().find(|r| r[1] == sector).map(|r| r[r.len() - 3].clone()).unwrap()
    };
    let mut hidden = 0;
    for row in &public {
        let (sector, score) = (&row[1], &row[row.len() - 1]);
        if row[row.len() - 3] == "—" && average(&internal, sector) != "—" {
            assert_eq!(score, "—", "{sector}: {row:?}");
            hidden += 1;
        }
    }
    assert!(hidden > 0, "the fixture has a sector with one or two ratings: {public:?}");
}
