//! Timelines on item pages and the Atom feeds, over repositories built with git2 at test
//! time. Every commit author's name and e-mail, and every staff id, is a canary holding
//! `zzpriv`: none may reach the public site (feeds included), while the internal item page
//! must name the authors, which proves the canaries were real.

use chrono::NaiveDate;
use otklik::register::{Register, assemble};
use otklik::render;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const CANARY: &str = "zzpriv";

const CONFIG: &str = "municipality:\n  name: \"Тестовое поселение\"\n  time_zone: Asia/Barnaul\n  \
settlements: [Катанда, Мульта]\nroles:\n  curator: zzpriv.cur\n  head: zzpriv.head\n  coordinator: zzpriv.coord\nstaff:\n  \
- { id: zzpriv.cur, name: \"ZZPRIV-Куратова\", emails: [zzpriv-cur@test.example] }\n  \
- { id: zzpriv.head, name: \"ZZPRIV-Главов\", emails: [zzpriv-head@test.example] }\n  \
- { id: zzpriv.coord, name: \"ZZPRIV-Координатова\", emails: [zzpriv-coord@test.example] }\n  \
- { id: zzpriv.lead, name: \"ZZPRIV-Дорожный\", emails: [zzpriv-lead@test.example] }\n  \
- { id: zzpriv.one, name: \"ZZPRIV-Асфальтова\", emails: [zzpriv-one@test.example] }\n";

const ROADS: &str = "---\nid: roads\ntitle: Дороги\nlead: zzpriv.lead\nmembers: [zzpriv.one]\ntopics: [\"0003.0009.0099\"]\n---\n";

type Who = (&'static str, &'static str);
/// The name as committed differs from the staff list's, so that the page proves mapping.
const COORD: Who = ("zzpriv-git-coord", "zzpriv-coord@test.example");
const ONE: Who = ("zzpriv-git-one", "zzpriv-one@test.example");
const LEAD: Who = ("zzpriv-git-lead", "zzpriv-lead@test.example");
const STRANGER: Who = ("ZZPRIV-Посторонний", "zzpriv-stranger@elsewhere.example");

fn appeal(id: &str, status: &str, extra: &str) -> String {
    format!(
        "---\nid: {id}\nkind: appeal\nchannel: letter\nreceived: 2026-03-02\nregistered: 2026-03-03\n\
         topic: \"0003.0009.0099.0742\"\nsector: roads\nlocality: Катанда\nstatus: {status}\n{extra}---\nТекст.\n"
    )
}

struct Git {
    dir: tempfile::TempDir,
    repo: git2::Repository,
}

impl Git {
    fn new() -> Git {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        let git = Git { dir, repo };
        git.write("otklik.yaml", CONFIG);
        git.write("sectors/roads.md", ROADS);
        git
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn commit(&self, who: Who, when: &str) -> String {
        let mut index = self.repo.index().unwrap();
        index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).unwrap();
        index.write().unwrap();
        let tree = self.repo.find_tree(index.write_tree().unwrap()).unwrap();
        let t = chrono::DateTime::parse_from_rfc3339(when).unwrap();
        let time = git2::Time::new(t.timestamp(), t.offset().local_minus_utc() / 60);
        let sig = git2::Signature::new(who.0, who.1, &time).unwrap();
        let parent = self.repo.head().ok().and_then(|h| h.target());
        let parent = parent.map(|p| self.repo.find_commit(p).unwrap());
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        let oid = self.repo.commit(Some("HEAD"), &sig, &sig, "zzpriv message", &tree, &parents);
        oid.unwrap().to_string()[..8].to_string()
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

/// A public item with a full life (one step by a stranger), and a private one.
fn fixture() -> (Git, Vec<String>) {
    let git = Git::new();
    let public = "appeals/2026/2026-0001.md";
    let private = "appeals/2026/2026-0002.md";
    let mut shorts = Vec::new();
    git.write(public, &appeal("2026-0001", "new", ""));
    git.write(private, &appeal("2026-0002", "new", "public: false\n"));
    shorts.push(git.commit(COORD, "2026-03-03T10:00:00+07:00"));
    git.write(public, &appeal("2026-0001", "assigned", "assignee: zzpriv.one\n"));
    git.write(private, &appeal("2026-0002", "assigned", "public: false\nassignee: zzpriv.one\n"));
    shorts.push(git.commit(COORD, "2026-03-04T10:00:00+07:00"));
    git.write(public, &appeal("2026-0001", "in_progress", "assignee: zzpriv.one\n"));
    shorts.push(git.commit(ONE, "2026-03-05T10:00:00+07:00"));
    let answered = "assignee: zzpriv.one\nanswered: 2026-03-20\nresult: explained\n\
                    returned: [{ date: 2026-03-18, reason: \"zzpriv-reason\" }]\n";
    git.write(public, &appeal("2026-0001", "answered", answered));
    shorts.push(git.commit(ONE, "2026-03-20T15:30:00+07:00"));
    git.write(public, &appeal("2026-0001", "closed", answered));
    shorts.push(git.commit(STRANGER, "2026-03-25T09:00:00+07:00"));
    git.write(
        private,
        &appeal("2026-0002", "in_progress", "public: false\nassignee: zzpriv.one\n"),
    );
    shorts.push(git.commit(LEAD, "2026-03-26T09:00:00+07:00"));
    (git, shorts)
}

fn register(root: &Path) -> Register {
    assemble(root, Some(today())).unwrap()
}

fn build(reg: &Register) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    render::build(reg, &out, None).expect("the site builds");
    (tmp, out)
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Replaces the five XML entities; panics on any other `&`.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').expect("an entity ends with ;") + at;
        out.push_str(match &rest[at + 1..end] {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            other => panic!("unknown entity {other}"),
        });
        rest = &rest[end + 1..];
    }
    out + rest
}

/// The feed's entries as (id, title, updated, link), after a careful well-formedness check:
/// one declaration, balanced tags, text and attribute values with only known entities, and
/// an Atom root.
fn parse_feed(xml: &str) -> Vec<(String, String, String, String)> {
    let body =
        xml.strip_prefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n").expect("declaration");
    assert!(body.starts_with("<feed xmlns=\"http://www.w3.org/2005/Atom\""), "Atom root");
    let mut stack: Vec<String> = Vec::new();
    let mut entries = Vec::new();
    let mut current: Option<(String, String, String, String)> = None;
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        let text = unescape(&rest[..open]);
        if let (Some(c), Some(top)) = (current.as_mut(), stack.last()) {
            match top.as_str() {
                "id" => c.0 += &text,
                "title" => c.1 += &text,
                "updated" => c.2 += &text,
                _ => {}
            }
        }
        let close = rest[open..].find('>').expect("a tag ends") + open;
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "tag {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            let top = stack.pop().expect("balanced tags");
            assert_eq!(top, name, "mismatched tags");
            if name == "entry" {
                entries.push(current.take().unwrap());
            }
        } else {
            let empty = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let name = tag.split_whitespace().next().expect("a tag name").to_string();
            let attrs = &tag[name.len()..];
            // Attributes: name="value" pairs, values with known entities only.
            let mut a = attrs.trim();
            let mut href = None;
            while !a.is_empty() {
                let eq = a.find("=\"").expect("attribute=\"value\"");
                let key = a[..eq].trim();
                let end = a[eq + 2..].find('"').expect("closing quote") + eq + 2;
                let value = unescape(&a[eq + 2..end]);
                if key == "href" {
                    href = Some(value);
                }
                a = a[end + 1..].trim_start();
            }
            if name == "entry" {
                current = Some(Default::default());
            }
            if name == "link"
                && let (Some(c), Some(h)) = (current.as_mut(), href)
            {
                c.3 = h;
            }
            if !empty {
                stack.push(name);
            }
        }
        rest = &rest[close + 1..];
    }
    assert!(rest.trim().is_empty(), "text after the root");
    assert!(stack.is_empty(), "unclosed tags: {stack:?}");
    entries
}

#[test]
fn no_author_or_staff_id_reaches_the_public_site_but_the_internal_page_names_them() {
    let (git, shorts) = fixture();
    let reg = register(git.root());
    assert!(reg.history.notes.is_empty(), "{:?}", reg.history.notes);
    let (_tmp, out) = build(&reg);
    let public = files(&out.join("public"));
    assert!(public.contains_key("feed.xml") && public.contains_key("sectors/roads.xml"));
    for (path, bytes) in &public {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        assert!(!text.contains(CANARY), "public/{path} holds a canary");
        for short in &shorts {
            assert!(!text.contains(short.as_str()), "public/{path} holds commit id {short}");
        }
    }
    let page = read(out.join("internal/appeals/2026-0001.html"));
    // Staff authors are named from the staff list, not as committed.
    assert!(page.contains("ZZPRIV-Координатова"), "{page}");
    assert!(page.contains("ZZPRIV-Асфальтова"));
    assert!(!page.contains("zzpriv-git-coord"));
    // An author who is not staff is shown as committed, with the address.
    assert!(page.contains("ZZPRIV-Посторонний"));
    assert!(page.contains("zzpriv-stranger@elsewhere.example"));
    for short in &shorts[..5] {
        assert!(page.contains(short.as_str()), "internal page misses commit {short}");
    }
    assert!(page.contains("20\u{a0}марта 2026\u{a0}г., 15:30"), "local time in words");
    assert!(page.contains("в работе → дан ответ"));
    assert!(page.contains("zzpriv-reason"), "returns with reasons are internal");
    let public_page = read(out.join("public/appeals/2026-0001.html"));
    assert!(public_page.contains("Статус: в работе → дан ответ"), "{public_page}");
    assert!(public_page.contains("Дата ответа: 20\u{a0}марта 2026\u{a0}г."));
    assert!(public_page.contains("application/atom+xml"));
    assert!(!public_page.contains("15:30"), "no times of day on public pages");
}

#[test]
fn the_feeds_are_atom_with_one_entry_per_public_status_change_newest_first() {
    let (git, _) = fixture();
    let reg = register(git.root());
    let (_tmp, out) = build(&reg);
    let feed = read(out.join("public/feed.xml"));
    let entries = parse_feed(&feed);
    let titles: Vec<&str> = entries.iter().map(|e| e.1.as_str()).collect();
    assert_eq!(
        titles,
        [
            "2026-0001: дан ответ → закрыто",
            "2026-0001: в работе → дан ответ",
            "2026-0001: назначен исполнитель → в работе",
            "2026-0001: зарегистрировано → назначен исполнитель",
            "2026-0001: зарегистрировано",
        ],
        "{feed}"
    );
    assert_eq!(entries[0].2, "2026-03-25T09:00:00+07:00");
    assert!(
        entries[0].0.starts_with("urn:otklik:") && entries[0].0.ends_with(":2026-0001:status-5")
    );
    assert_eq!(entries[0].3, "appeals/2026-0001.html");
    let ids: std::collections::BTreeSet<&str> = entries.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(ids.len(), entries.len(), "entry ids are unique");
    assert!(feed.contains("<updated>2026-03-25T09:00:00+07:00</updated>\n<author>"));
    let sector = read(out.join("public/sectors/roads.xml"));
    let sector_entries = parse_feed(&sector);
    assert_eq!(sector_entries.len(), 5);
    assert_eq!(sector_entries[0].3, "../appeals/2026-0001.html");
    assert!(read(out.join("public/sectors/roads.html")).contains("roads.xml"));
    assert!(read(out.join("public/index.html")).contains("feed.xml"));
}

#[test]
fn the_same_register_gives_the_same_feed_bytes() {
    let (git, _) = fixture();
    let (_a, first) = build(&register(git.root()));
    let (_b, second) = build(&register(git.root()));
    assert_eq!(files(&first.join("public")), files(&second.join("public")));
    assert_eq!(
        std::fs::read(first.join("public/feed.xml")).unwrap(),
        std::fs::read(second.join("public/feed.xml")).unwrap()
    );
}

#[test]
fn without_git_the_internal_page_says_so_and_the_feed_is_empty_but_valid() {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("otklik.yaml", CONFIG);
    write("sectors/roads.md", ROADS);
    write("appeals/2026/2026-0001.md", &appeal("2026-0001", "new", ""));
    let (_tmp, out) = build(&register(dir.path()));
    let page = read(out.join("internal/appeals/2026-0001.html"));
    assert!(page.contains("не является репозиторием git"), "{page}");
    let feed = read(out.join("public/feed.xml"));
    assert!(parse_feed(&feed).is_empty());
    assert!(feed.contains("<updated>2026-12-04T00:00:00+07:00</updated>"), "{feed}");
    assert!(
        read(out.join("public/appeals/2026-0001.html")).contains("История статусов недоступна")
    );
}
