//! Filter pages of the list (`appeals/<dimension>/<slug>.html`) and the search index
//! (`data/search.json`), built by the real pipeline over a copy of the render fixture
//! (`tests/fixtures/render/basic/`) with one more item whose settlement and summary are
//! hostile text.
//!
//! The fixture plants a canary starting `ZZPRIV-` in every private field of every item
//! (applicant, contacts, address, body, extension, return and reopening reasons, the
//! art. 11 ground, the number in the source system, staff ids and names); none may reach
//! the index or a filter page.

mod common;

use otklik::register::Register;
use otklik::render;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const CANARY: &str = "ZZPRIV-";
const HOSTILE_PLACE: &str = "Село \"Ключи\" <i>";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render/basic")
}

/// The fixture plus 2026-0008: public, in a settlement named with quotes and markup, with
/// a summary that tries to run a script, and canaries in its private fields too.
fn repository(dir: &Path) -> PathBuf {
    let root = dir.join("repo");
    common::copy_tree(&fixture(), &root);
    std::fs::write(
        root.join("appeals/2026/2026-0008.md"),
        format!(
            "---\nid: 2026-0008\nkind: message\nchannel: pos\nreceived: 2026-03-05\n\
             topic: \"0003.0009.0097.0690\"\nsector: roads\nlocality: '{HOSTILE_PLACE}'\n\
             assignee: ZZPRIV-staff-4\nstatus: in_progress\n\
             public_summary: '<script>alert(\"x\")</script> Ёлка у клуба'\n\
             applicant:\n  name: \"ZZPRIV-name-2026-0008\"\n  contact: \"ZZPRIV-contact-2026-0008\"\n\
             \x20 address: \"ZZPRIV-address-2026-0008\"\n---\nZZPRIV-body-2026-0008\n"
        ),
    )
    .unwrap();
    root
}

fn register(root: &Path) -> Register {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 6).unwrap();
    let reg = otklik::register::assemble(root, Some(day)).expect("the fixture loads");
    assert_eq!(reg.repo.appeals.len(), 9);
    reg
}

fn built() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = repository(tmp.path());
    let out = tmp.path().join("site");
    render::build(&register(&root), &out, None).expect("the fixture builds");
    (tmp, out)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The filter pages of a site, by path relative to its `appeals/` folder.
fn filter_pages(site: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for dimension in ["status", "locality", "kind", "channel"] {
        let folder = site.join("appeals").join(dimension);
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.insert(format!("{dimension}/{name}"), read(&path));
        }
    }
    out
}

/// The item numbers a list page shows, in order.
fn listed_ids(html: &str) -> Vec<String> {
    html.split("<tr><th scope=\"row\">")
        .skip(1)
        .map(|row| {
            let cell = row.split("</th>").next().unwrap();
            let text = cell.rsplit_once('>').map_or(cell, |(_, t)| t);
            let text = if text.is_empty() { cell.split('>').nth(1).unwrap() } else { text };
            text.split('<').next().unwrap().to_string()
        })
        .collect()
}

fn public_data(out: &Path) -> Vec<serde_json::Value> {
    let json = read(&out.join("public/data/appeals.json"));
    serde_json::from_str::<serde_json::Value>(&json).unwrap().as_array().unwrap().clone()
}

#[test]
fn filter_pages_list_exactly_the_public_items_with_that_value() {
    let (_tmp, out) = built();
    let public = out.join("public");
    let data = public_data(&out);
    let pages = filter_pages(&public);
    let slug_of = |locality: &str| match locality {
        "Усть-Кокса" => "ust-koksa".to_string(),
        "Катанда" => "katanda".to_string(),
        "Тюнгур" => "tyungur".to_string(),
        HOSTILE_PLACE => "selo-klyuchi-i".to_string(),
        other => panic!("unexpected settlement {other}"),
    };
    let mut expected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for item in &data {
        let id = item["id"].as_str().unwrap().to_string();
        for dimension in ["status", "kind", "channel"] {
            let code = item[dimension].as_str().unwrap();
            expected.entry(format!("{dimension}/{code}.html")).or_default().insert(id.clone());
        }
        let locality = slug_of(item["locality"].as_str().unwrap());
        expected.entry(format!("locality/{locality}.html")).or_default().insert(id.clone());
    }
    let shown: BTreeMap<String, BTreeSet<String>> = pages
        .iter()
        .map(|(path, html)| (path.clone(), listed_ids(html).into_iter().collect()))
        .collect();
    assert_eq!(shown, expected);
    // Newest first, as the full list.
    let katanda = listed_ids(&pages["locality/katanda.html"]);
    assert_eq!(katanda, ["2026-0004", "2026-0007", "2026-0001"]);
}

#[test]
fn an_item_without_a_public_page_is_in_no_public_filter_and_not_in_the_index() {
    let (_tmp, out) = built();
    // 2026-0003 says `public: false`; 2026-0005 is in a sector without public items.
    let public = out.join("public");
    for (path, html) in filter_pages(&public) {
        for hidden in ["2026-0003", "2026-0005"] {
            assert!(!html.contains(hidden), "public/appeals/{path} shows {hidden}");
        }
    }
    // 2026-0003 is the only new item, so the public site has no page for that status.
    assert!(!public.join("appeals/status/new.html").exists());
    let index = read(&public.join("data/search.json"));
    assert!(!index.contains("2026-0003") && !index.contains("2026-0005"));
    // The internal site lists every item.
    let internal = read(&out.join("internal/appeals/status/new.html"));
    assert_eq!(listed_ids(&internal), ["2026-0003"]);
}

#[test]
fn no_private_field_reaches_the_index_or_a_filter_page() {
    let (_tmp, out) = built();
    let public = out.join("public");
    let mut checked =
        vec![("data/search.json".to_string(), read(&public.join("data/search.json")))];
    checked.extend(filter_pages(&public).into_iter().map(|(p, h)| (format!("appeals/{p}"), h)));
    assert!(checked.len() > 15, "{}", checked.len());
    for (path, text) in &checked {
        if let Some(at) = text.find(CANARY) {
            panic!("public/{path} leaks {}", &text[at..text.floor_char_boundary(at + 30)]);
        }
    }
    // The canaries are real: the internal filter pages show the assignees' names.
    let internal = read(&out.join("internal/appeals/status/in_progress.html"));
    assert!(internal.contains("ZZPRIV-staffname-4"), "{internal}");
}

#[test]
fn the_search_index_holds_only_allow_listed_keys() {
    let (_tmp, out) = built();
    let text = read(&out.join("public/data/search.json"));
    let index: serde_json::Value = serde_json::from_str(&text).unwrap();
    let object = index.as_object().unwrap();
    let keys: BTreeSet<&str> = object.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        BTreeSet::from(["fields", "items", "kind", "status", "sector", "locality", "topic"])
    );
    assert_eq!(
        index["fields"],
        serde_json::json!([
            "id", "page", "received", "kind", "status", "sector", "locality", "topic", "summary"
        ])
    );
    for table in ["kind", "status", "sector"] {
        for entry in index[table].as_array().unwrap() {
            let keys: BTreeSet<&str> =
                entry.as_object().unwrap().keys().map(|k| k.as_str()).collect();
            assert_eq!(keys, BTreeSet::from(["code", "name"]), "{table}");
        }
    }
    for table in ["locality", "topic"] {
        assert!(index[table].as_array().unwrap().iter().all(|v| v.is_string()), "{table}");
    }
    let rows = index["items"].as_array().unwrap();
    for row in rows {
        let row = row.as_array().unwrap();
        assert_eq!(row.len(), 9, "{row:?}");
        assert!(row.iter().all(|v| v.is_string() || v.is_u64()), "{row:?}");
        let id = row[0].as_str().unwrap();
        assert_eq!(row[1], format!("appeals/{id}.html"));
        for (column, table) in
            [(3, "kind"), (4, "status"), (5, "sector"), (6, "locality"), (7, "topic")]
        {
            let n = row[column].as_u64().unwrap() as usize;
            assert!(n < index[table].as_array().unwrap().len(), "{table} {n}");
        }
    }
    // The same items as the open data, newest first as the list shows them.
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["2026-0008", "2026-0006", "2026-0004", "2026-0002", "2026-0007", "2026-0001", "2025-0101"]
    );
    let open: BTreeSet<String> =
        public_data(&out).iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.iter().map(|id| id.to_string()).collect::<BTreeSet<_>>(), open);
    let first = &rows[0];
    assert_eq!(first[2], "2026-03-05");
    assert_eq!(index["locality"][first[6].as_u64().unwrap() as usize], HOSTILE_PLACE);
    assert_eq!(first[8], "<script>alert(\"x\")</script> Ёлка у клуба");
}

#[test]
fn a_settlement_named_with_quotes_and_markup_gets_a_safe_slug_and_escaped_links() {
    let (_tmp, out) = built();
    let public = out.join("public");
    let page = read(&public.join("appeals/locality/selo-klyuchi-i.html"));
    assert_eq!(listed_ids(&page), ["2026-0008"]);
    assert!(page.contains("<h1>Обращения — Село &quot;Ключи&quot; &lt;i&gt;</h1>"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), "{page}");
    let list = read(&public.join("appeals/index.html"));
    for html in [&page, &list] {
        assert!(!html.contains("<i>") && !html.contains("<script>"), "{html}");
    }
    assert!(list.contains(
        "<a href=\"../appeals/locality/selo-klyuchi-i.html\">Село &quot;Ключи&quot; &lt;i&gt;</a>"
    ));
    assert!(list.contains(
        "<option value=\"Село &quot;Ключи&quot; &lt;i&gt;\">Село &quot;Ключи&quot; &lt;i&gt;</option>"
    ));
    for slug in ["ust-koksa", "katanda", "tyungur"] {
        assert!(public.join(format!("appeals/locality/{slug}.html")).exists(), "{slug}");
    }
}

#[test]
fn a_settlement_added_to_the_list_leaves_the_existing_pages_where_they_were() {
    let tmp = tempfile::tempdir().unwrap();
    let root = repository(tmp.path());
    let config = read(&root.join("otklik.yaml"));
    let listed = "settlements: [Усть-Кокса, Катанда, Тюнгур]";
    assert!(config.contains(listed), "{config}");
    // `Ust-Koksa` sorts before `Усть-Кокса` and gives the same slug; `Index` would give
    // `index.html`, which reads as the folder's own page.
    let grown =
        config.replace(listed, "settlements: [Усть-Кокса, Катанда, Тюнгур, Ust-Koksa, Index]");
    std::fs::write(root.join("otklik.yaml"), grown).unwrap();
    let item = read(&root.join("appeals/2026/2026-0008.md"));
    std::fs::write(
        root.join("appeals/2026/2026-0008.md"),
        item.replace(&format!("locality: '{HOSTILE_PLACE}'"), "locality: Index"),
    )
    .unwrap();
    let out = tmp.path().join("site");
    render::build(&register(&root), &out, None).expect("the fixture builds");
    let folder = out.join("public/appeals/locality");
    let page = read(&folder.join("ust-koksa.html"));
    assert!(page.contains("<h1>Обращения — Усть-Кокса</h1>"), "{page}");
    assert!(!folder.join("index.html").exists());
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let index = names.iter().find(|n| n.starts_with("index-")).expect("a page for Index");
    assert!(read(&folder.join(index)).contains("<h1>Обращения — Index</h1>"), "{names:?}");
}

#[test]
fn the_panel_marks_the_current_filter_and_links_the_sectors() {
    let (_tmp, out) = built();
    let public = out.join("public");
    let list = read(&public.join("appeals/index.html"));
    assert!(list.contains("<a href=\"../appeals/index.html\" aria-current=\"page\">"));
    assert!(list.contains("<a href=\"../sectors/roads.html\">"));
    assert!(!list.contains("<details open>"), "no group is open on the full list");
    let closed = read(&public.join("appeals/status/closed.html"));
    assert!(closed.contains("<a href=\"../../appeals/status/closed.html\" aria-current=\"page\">"));
    assert_eq!(closed.matches("aria-current=\"page\"").count(), 2, "the filter and the nav");
    assert_eq!(closed.matches("<details open>").count(), 1);
    assert!(closed.contains("<title>Обращения — Закрыто — "), "{closed}");
}

#[test]
fn filter_pages_are_paginated_like_the_list() {
    let tmp = tempfile::tempdir().unwrap();
    let root = repository(tmp.path());
    let mut reg = register(&root);
    // 250 more public items in Катанда: three pages for that settlement.
    let template = reg.repo.appeals.iter().position(|a| a.id == "2026-0001").unwrap();
    for n in 0..250 {
        let mut a = reg.repo.appeals[template].clone();
        a.id = format!("2024-{:04}", n + 1);
        a.file = format!("appeals/2024/{}.md", a.id);
        reg.repo.appeals.push(a);
        reg.deadlines.push(reg.deadlines[template].clone());
    }
    let out = tmp.path().join("site");
    render::build(&reg, &out, None).unwrap();
    let folder = out.join("public/appeals/locality");
    assert!(folder.join("katanda-page-3.html").exists());
    assert!(!folder.join("katanda-page-4.html").exists());
    let page = read(&folder.join("katanda-page-2.html"));
    assert!(page.contains("Страница 2 из 3"), "{page}");
    assert!(page.contains("<a href=\"katanda.html\" rel=\"prev\">"));
    assert!(page.contains("<a href=\"katanda-page-3.html\" rel=\"next\">"));
    assert!(
        page.contains("<a href=\"../../appeals/locality/katanda.html\" aria-current=\"true\">")
    );
    assert_eq!(listed_ids(&page).len(), 100);
    assert!(!page.contains("id=\"search-form\""), "the search form is on the first list page");
}

#[test]
fn the_search_script_finds_items_when_node_is_installed() {
    let (_tmp, out) = built();
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = std::process::Command::new("node")
        .arg(here.join("tests/fixtures/render/search-harness.js"))
        .arg(here.join("themes/default/static/search.js"))
        .arg(out.join("public/data/search.json"))
        .output();
    let Ok(run) = run else {
        eprintln!("node is not installed; the search script is not exercised");
        return;
    };
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let lines: Vec<String> =
        String::from_utf8_lossy(&run.stdout).lines().map(String::from).collect();
    assert_eq!(
        lines,
        [
            "елка||Найдено обращений: 1.|../appeals/2026-0008.html",
            "ЁЛКА||Найдено обращений: 1.|../appeals/2026-0008.html",
            "дорог|status=closed|Найдено обращений: 2.|../appeals/2026-0007.html ../appeals/2025-0101.html",
            "|locality=Катанда|Найдено обращений: 3.|../appeals/2026-0004.html ../appeals/2026-0007.html ../appeals/2026-0001.html",
            "<script>||Найдено обращений: 2.|../appeals/2026-0008.html ../appeals/2026-0001.html",
            "нет такого||Ничего не найдено.|",
            "||list shown|",
            "FAIL||Поиск недоступен: не удалось загрузить список обращений (так бывает, когда сайт открыт с диска). Воспользуйтесь отбором ниже или поиском по номеру.|",
        ]
    );
}
