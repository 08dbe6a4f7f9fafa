//! The history stage over repositories built with git2 at test time: fixed authors, fixed
//! commit times with various offsets, never a checked-in repository.

use chrono::NaiveDate;
use otklik::diagnostic::{Diagnostic, Severity};
use otklik::history::Change;
use otklik::messages::Lang;
use otklik::register::{Register, assemble};
use std::path::Path;

const CONFIG: &str = "municipality:\n  name: \"Тестовое поселение\"\n  time_zone: Asia/Barnaul\n  \
settlements: [Катанда, Мульта]\nroles:\n  curator: cur\n  head: head\n  coordinator: coord\nstaff:\n  \
- { id: cur, name: \"Куратова Ксения\", emails: [cur@test.example] }\n  \
- { id: head, name: \"Главов Герман\", emails: [head@test.example] }\n  \
- { id: coord, name: \"Координатова Клара\", emails: [Coord@Test.example] }\n  \
- { id: road.lead, name: \"Дорожный Дмитрий\", emails: [road.lead@test.example] }\n  \
- { id: road.one, name: \"Асфальтова Анна\", emails: [road.one@test.example] }\n  \
- { id: water.lead, name: \"Водянов Василий\", emails: [water.lead@test.example] }\n";

const ROADS: &str = "---\nid: roads\ntitle: Дороги\nlead: road.lead\nmembers: [road.one]\ntopics: [\"0003.0009.0099\"]\n---\n";
const ZHKH: &str =
    "---\nid: zhkh\ntitle: ЖКХ\nlead: water.lead\nmembers: []\ntopics: [\"0005.0005.0056\"]\n---\n";

/// A commit author: name and e-mail.
type Who = (&'static str, &'static str);
const COORD: Who = ("Координатова Клара", "coord@test.example");
const HEAD: Who = ("Главов Герман", "head@test.example");
const ROAD_LEAD: Who = ("Дорожный Дмитрий", "road.lead@test.example");
const ROAD_ONE: Who = ("Асфальтова Анна", "road.one@test.example");
const WATER_LEAD: Who = ("Водянов Василий", "water.lead@test.example");
const STRANGER: Who = ("Посторонний Пётр", "petr@elsewhere.example");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

/// An appeal file; `extra` lines go after `status` (line 10), so the first is line 11.
fn appeal(id: &str, status: &str, extra: &str) -> String {
    format!(
        "---\nid: {id}\nkind: appeal\nchannel: letter\nreceived: 2026-03-02\nregistered: 2026-03-03\n\
         topic: \"0003.0009.0099.0742\"\nsector: roads\nlocality: Катанда\nstatus: {status}\n{extra}---\nТекст.\n"
    )
}

fn path_of(id: &str) -> String {
    format!("appeals/2026/{id}.md")
}

/// A repository in a temporary folder, with the fixture configuration and sectors.
struct Git {
    dir: tempfile::TempDir,
    repo: git2::Repository,
}

impl Git {
    fn new() -> Git {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        let git = Git { dir, repo };
        git.write(".gitignore", ".otklik-cache/\n");
        git.write("otklik.yaml", CONFIG);
        git.write("sectors/roads.md", ROADS);
        git.write("sectors/zhkh.md", ZHKH);
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

    fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root().join(rel)).unwrap();
    }

    /// Stages the whole working tree and writes its tree.
    fn tree(&self) -> git2::Oid {
        let mut index = self.repo.index().unwrap();
        index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).unwrap();
        index.update_all(["*"], None).unwrap();
        index.write().unwrap();
        index.write_tree().unwrap()
    }

    /// Commits the working tree on HEAD as `who` at `when` (RFC 3339, any offset).
    fn commit(&self, who: Who, when: &str) -> git2::Oid {
        let parents: Vec<git2::Oid> =
            self.repo.head().ok().and_then(|h| h.target()).into_iter().collect();
        self.commit_with(who, when, &parents, true)
    }

    fn commit_with(&self, who: Who, when: &str, parents: &[git2::Oid], head: bool) -> git2::Oid {
        let t = chrono::DateTime::parse_from_rfc3339(when).unwrap();
        let time = git2::Time::new(t.timestamp(), t.offset().local_minus_utc() / 60);
        let sig = git2::Signature::new(who.0, who.1, &time).unwrap();
        let tree = self.repo.find_tree(self.tree()).unwrap();
        let parents: Vec<git2::Commit> =
            parents.iter().map(|p| self.repo.find_commit(*p).unwrap()).collect();
        let parents: Vec<&git2::Commit> = parents.iter().collect();
        let update = if head { Some("HEAD") } else { None };
        self.repo.commit(update, &sig, &sig, "change", &tree, &parents).unwrap()
    }

    /// Every check, minus the deadline stage's overdue warnings: items these tests leave
    /// open on purpose are overdue by `today`, and that is not what they are about.
    fn assemble(&self) -> Register {
        let mut r = assemble(self.root(), Some(today())).unwrap();
        r.diagnostics.retain(|d| d.code != "overdue");
        r
    }
}

fn short(oid: git2::Oid) -> String {
    oid.to_string()[..8].to_string()
}

/// The usual life of an appeal: registered, assigned, worked on, answered, closed, each
/// step by the role DOMAIN.md gives it.
fn usual_life(git: &Git, id: &str) -> Vec<git2::Oid> {
    let mut done = until_answered(git, id);
    let answered = "assignee: road.one\nanswered: 2026-03-20\nresult: explained\n";
    git.write(&path_of(id), &appeal(id, "closed", answered));
    done.push(git.commit(ROAD_LEAD, "2026-03-25T09:00:00+07:00"));
    done
}

fn until_answered(git: &Git, id: &str) -> Vec<git2::Oid> {
    let file = path_of(id);
    let mut done = Vec::new();
    git.write(&file, &appeal(id, "new", ""));
    done.push(git.commit(COORD, "2026-03-03T10:00:00+07:00"));
    git.write(&file, &appeal(id, "assigned", "assignee: road.one\n"));
    done.push(git.commit(COORD, "2026-03-04T10:00:00+07:00"));
    git.write(&file, &appeal(id, "in_progress", "assignee: road.one\n"));
    done.push(git.commit(ROAD_ONE, "2026-03-05T10:00:00+07:00"));
    let answered = "assignee: road.one\nanswered: 2026-03-20\nresult: explained\n";
    git.write(&file, &appeal(id, "answered", answered));
    done.push(git.commit(ROAD_ONE, "2026-03-20T16:00:00+07:00"));
    done
}

fn codes(r: &Register) -> Vec<(&'static str, String, u32)> {
    r.diagnostics.iter().map(|d| (d.code, d.file.clone(), d.at.map_or(0, |p| p.line))).collect()
}

fn find<'a>(r: &'a Register, code: &str) -> Vec<&'a Diagnostic> {
    r.diagnostics.iter().filter(|d| d.code == code).collect()
}

#[test]
fn a_correct_history_passes_without_diagnostics() {
    let git = Git::new();
    usual_life(&git, "2026-0001");
    let r = git.assemble();
    assert!(r.diagnostics.is_empty(), "{:?}", codes(&r));
    let timeline = r.history.timeline("2026-0001");
    assert_eq!(timeline[0].change, Change::Created);
    let statuses: Vec<_> = timeline
        .iter()
        .filter_map(|e| match &e.change {
            Change::Status { to, .. } => to.map(otklik::fields::Choice::name),
            _ => None,
        })
        .collect();
    assert_eq!(statuses, ["new", "assigned", "in_progress", "answered", "closed"]);
    let last = timeline.last().unwrap();
    assert_eq!(last.commit.author.staff.as_deref(), Some("road.lead"));
    assert_eq!(last.file, "appeals/2026/2026-0001.md");
}

#[test]
fn a_status_change_by_someone_without_the_role_is_reported_with_its_commit() {
    let git = Git::new();
    let file = path_of("2026-0001");
    until_answered(&git, "2026-0001");
    let answered = "assignee: road.one\nanswered: 2026-03-20\nresult: explained\n";
    git.write(&file, &appeal("2026-0001", "closed", answered));
    let bad = git.commit(WATER_LEAD, "2026-03-26T09:00:00+07:00");
    let r = git.assemble();
    let found = find(&r, "role-not-permitted");
    assert_eq!(found.len(), 1, "{:?}", codes(&r));
    let d = found[0];
    assert_eq!(d.severity, Severity::Error);
    assert_eq!((d.file.as_str(), d.at.unwrap().line), ("appeals/2026/2026-0001.md", 10));
    let en = d.message.get(Lang::En);
    assert!(en.contains(&short(bad)), "{en}");
    assert!(en.contains("Водянов Василий <water.lead@test.example>"), "{en}");
    assert!(en.contains("only the curator, the head or the sector lead may do this"), "{en}");
}

#[test]
fn an_extension_by_an_assignee_is_reported() {
    let git = Git::new();
    let file = path_of("2026-0001");
    git.write(&file, &appeal("2026-0001", "new", ""));
    git.commit(COORD, "2026-03-03T10:00:00+07:00");
    git.write(&file, &appeal("2026-0001", "assigned", "assignee: road.one\n"));
    git.commit(COORD, "2026-03-04T10:00:00+07:00");
    let ext = "assignee: road.one\nextension: { until: 2026-05-05, reason: \"запрос\" }\n";
    git.write(&file, &appeal("2026-0001", "in_progress", ext));
    let bad = git.commit(ROAD_ONE, "2026-03-05T10:00:00+07:00");
    let r = git.assemble();
    let found = find(&r, "role-not-permitted");
    assert_eq!(found.len(), 1, "{:?}", codes(&r));
    assert_eq!(found[0].at.unwrap().line, 12);
    let ru = found[0].message.get(Lang::Ru);
    assert!(ru.starts_with(&format!("коммит {} (Асфальтова Анна", short(bad))), "{ru}");
    assert!(ru.contains("продление срока"), "{ru}");
    assert!(ru.contains("у автора роли: исполнитель"), "{ru}");
}

#[test]
fn a_deleted_appeal_is_reported() {
    let git = Git::new();
    usual_life(&git, "2026-0001");
    git.write(&path_of("2026-0002"), &appeal("2026-0002", "new", ""));
    git.commit(COORD, "2026-03-05T10:00:00+07:00");
    git.remove(&path_of("2026-0002"));
    let bad = git.commit(HEAD, "2026-03-06T10:00:00+07:00");
    let r = git.assemble();
    assert_eq!(codes(&r), [("appeal-deleted", path_of("2026-0002"), 0)]);
    let en = r.diagnostics[0].message.get(Lang::En);
    assert!(en.contains(&format!("deleted by commit {} (Главов Герман", short(bad))), "{en}");
    assert!(en.contains("appeals are never deleted"), "{en}");
}

#[test]
fn new_to_closed_is_an_illegal_transition_even_for_the_head() {
    let git = Git::new();
    let file = path_of("2026-0001");
    git.write(&file, &appeal("2026-0001", "new", ""));
    git.commit(COORD, "2026-03-03T10:00:00+07:00");
    let answered = "assignee: road.one\nanswered: 2026-03-04\nresult: explained\n";
    git.write(&file, &appeal("2026-0001", "closed", answered));
    let bad = git.commit(HEAD, "2026-03-04T10:00:00+07:00");
    let r = git.assemble();
    assert_eq!(codes(&r), [("illegal-transition", file, 10)]);
    let en = r.diagnostics[0].message.get(Lang::En);
    assert!(en.contains(&short(bad)), "{en}");
    assert!(en.contains("\"new\" → \"closed\" is not in the workflow"), "{en}");
    assert!(en.contains("assigned, forwarded, left_unanswered"), "{en}");
}

fn only_warning(r: &Register) -> &Diagnostic {
    assert_eq!(r.diagnostics.len(), 1, "{:?}", codes(r));
    let d = &r.diagnostics[0];
    assert_eq!((d.severity, d.code), (Severity::Warning, "history-unavailable"));
    d
}

#[test]
fn a_shallow_clone_assembles_with_one_warning() {
    let git = Git::new();
    usual_life(&git, "2026-0001");
    let clone = tempfile::tempdir().unwrap();
    let target = clone.path().join("shallow");
    let status = std::process::Command::new("git")
        .args(["clone", "--quiet", "--depth", "1"])
        .arg(format!("file://{}", git.root().display()))
        .arg(&target)
        .status()
        .expect("the system git runs");
    assert!(status.success());
    let r = assemble(&target, Some(today())).unwrap();
    let d = only_warning(&r);
    assert!(d.message.get(Lang::En).contains("`fetch-depth: 0`"), "{d:?}");
    assert!(d.message.get(Lang::Ru).contains("`GIT_DEPTH: 0`"), "{d:?}");
    assert_eq!(r.repo.appeals.len(), 1);
}

#[test]
fn a_plain_folder_assembles_with_one_warning() {
    let git = Git::new();
    git.write(&path_of("2026-0001"), &appeal("2026-0001", "new", ""));
    std::fs::remove_dir_all(git.root().join(".git")).unwrap();
    let r = git.assemble();
    let d = only_warning(&r);
    assert!(d.message.get(Lang::En).contains("not the root of a git repository"), "{d:?}");
}

#[test]
fn an_empty_repository_assembles_with_one_warning() {
    let git = Git::new();
    git.write(&path_of("2026-0001"), &appeal("2026-0001", "new", ""));
    let d = only_warning(&git.assemble()).clone();
    assert!(d.message.get(Lang::En).contains("no commits yet"), "{d:?}");
}

#[test]
fn a_detached_head_is_walked_as_usual() {
    let git = Git::new();
    let done = usual_life(&git, "2026-0001");
    git.repo.set_head_detached(done[3]).unwrap();
    let r = git.assemble();
    let timeline = r.history.timeline("2026-0001");
    assert_eq!(timeline.last().unwrap().commit.id, done[3].to_string());
    assert!(find(&r, "history-unavailable").is_empty(), "{:?}", codes(&r));
}

#[test]
fn renames_keep_the_timeline() {
    let git = Git::new();
    // Filed flat at first, then moved into the year folder while being assigned.
    git.write("appeals/2026-0003.md", &appeal("2026-0003", "new", ""));
    git.commit(COORD, "2026-03-03T10:00:00+07:00");
    git.remove("appeals/2026-0003.md");
    git.write(&path_of("2026-0003"), &appeal("2026-0003", "assigned", "assignee: road.one\n"));
    git.commit(COORD, "2026-03-04T10:00:00+07:00");
    // Renumbered: the old id's history becomes the new id's.
    git.write(&path_of("2026-0004"), &appeal("2026-0004", "new", ""));
    git.commit(COORD, "2026-03-04T11:00:00+07:00");
    git.remove(&path_of("2026-0004"));
    git.write(&path_of("2026-0005"), &appeal("2026-0005", "assigned", "assignee: road.one\n"));
    git.commit(COORD, "2026-03-05T10:00:00+07:00");
    let r = git.assemble();
    assert!(r.diagnostics.is_empty(), "{:?}", codes(&r));
    let moved = r.history.timeline("2026-0003");
    assert_eq!(moved[0].change, Change::Created);
    assert_eq!(moved[0].file, "appeals/2026-0003.md");
    let renamed = moved.iter().find(|e| matches!(e.change, Change::Renamed { .. })).unwrap();
    assert_eq!(renamed.change, Change::Renamed { from: "appeals/2026-0003.md".into() });
    let renumbered = r.history.timeline("2026-0005");
    assert_eq!(renumbered[0].change, Change::Created);
    assert_eq!(renumbered[0].file, path_of("2026-0004"));
    assert!(r.history.timeline("2026-0004").is_empty());
}

#[test]
fn a_merge_commit_is_not_blamed_for_its_branch() {
    let git = Git::new();
    let file = path_of("2026-0001");
    git.write(&file, &appeal("2026-0001", "new", ""));
    git.commit(COORD, "2026-03-03T10:00:00+07:00");
    git.write(&file, &appeal("2026-0001", "assigned", "assignee: road.one\n"));
    let base = git.commit(COORD, "2026-03-04T10:00:00+07:00");
    // A branch where the assignee takes the item into work.
    git.write(&file, &appeal("2026-0001", "in_progress", "assignee: road.one\n"));
    let branch = git.commit_with(ROAD_ONE, "2026-03-05T10:00:00+07:00", &[base], false);
    // Meanwhile on the main line, another appeal is registered.
    git.write(&file, &appeal("2026-0001", "assigned", "assignee: road.one\n"));
    git.write(&path_of("2026-0002"), &appeal("2026-0002", "new", ""));
    let main = git.commit(COORD, "2026-03-05T11:00:00+07:00");
    // Merged by someone who may not take items into work and is not even staff.
    git.write(&file, &appeal("2026-0001", "in_progress", "assignee: road.one\n"));
    git.commit_with(STRANGER, "2026-03-06T10:00:00+07:00", &[main, branch], true);
    let r = git.assemble();
    assert!(r.diagnostics.is_empty(), "{:?}", codes(&r));
    let timeline = r.history.timeline("2026-0001");
    let work = timeline
        .iter()
        .find(|e| {
            matches!(e.change, Change::Status { to: Some(otklik::appeal::Status::InProgress), .. })
        })
        .unwrap();
    assert_eq!(work.commit.id, branch.to_string());
    assert!(timeline.iter().all(|e| e.commit.author.email != STRANGER.1));
}

#[test]
fn a_commit_by_an_unknown_email_is_reported() {
    let git = Git::new();
    usual_life(&git, "2026-0001");
    let file = path_of("2026-0001");
    let text = std::fs::read_to_string(git.root().join(&file)).unwrap();
    git.write(&file, &text.replace("Текст.", "Текст, поправлен."));
    let bad = git.commit(STRANGER, "2026-03-26T10:00:00+07:00");
    git.write(&file, &text.replace("Текст.", "Текст, поправлен дважды."));
    git.commit(STRANGER, "2026-03-27T10:00:00+07:00");
    let r = git.assemble();
    assert_eq!(codes(&r), [("unknown-author", file, 0)]);
    let d = &r.diagnostics[0];
    assert_eq!(d.severity, Severity::Warning);
    let en = d.message.get(Lang::En);
    let named =
        format!("commit {} (Посторонний Пётр <petr@elsewhere.example>, 2026-03-26)", short(bad));
    assert!(en.contains(&named), "{en}");
    assert!(en.contains("and 1 more from this address"), "{en}");
}

#[test]
fn moscow_evening_commits_fall_on_the_next_local_day() {
    let git = Git::new();
    let file = path_of("2026-0001");
    until_answered(&git, "2026-0001");
    // 22:30 in Moscow is 02:30 the next day in Barnaul: an answer dated the 27th is fine.
    let answered = "assignee: road.one\nanswered: 2026-03-27\nresult: explained\n";
    git.write(&file, &appeal("2026-0001", "closed", answered));
    git.commit(ROAD_LEAD, "2026-03-26T22:30:00+03:00");
    let r = git.assemble();
    assert!(r.diagnostics.is_empty(), "{:?}", codes(&r));
    let last = r.history.timeline("2026-0001").last().unwrap();
    assert_eq!(last.commit.time.to_rfc3339(), "2026-03-27T02:30:00+07:00");
    assert_eq!(last.commit.day(), NaiveDate::from_ymd_opt(2026, 3, 27).unwrap());
}

#[test]
fn an_answer_dated_after_its_commit_is_reported() {
    let git = Git::new();
    let file = path_of("2026-0001");
    until_answered(&git, "2026-0001");
    let answered = "assignee: road.one\nanswered: 2026-03-27\nresult: explained\n";
    git.write(&file, &appeal("2026-0001", "closed", answered));
    let bad = git.commit(ROAD_LEAD, "2026-03-26T18:00:00+07:00");
    let r = git.assemble();
    assert_eq!(codes(&r), [("answered-after-commit", file, 12)]);
    assert!(r.diagnostics[0].message.get(Lang::En).contains(&short(bad)));
}

#[test]
fn a_registration_long_after_the_file_was_added_is_reported() {
    let git = Git::new();
    let file = path_of("2026-0001");
    let late =
        appeal("2026-0001", "new", "").replace("registered: 2026-03-03", "registered: 2026-03-10");
    git.write(&file, &late);
    git.commit(COORD, "2026-03-03T10:00:00+07:00");
    let mut r = git.assemble();
    // The deadline stage also says the registration was late; here only git's view counts.
    r.diagnostics.retain(|d| d.code != "registered-late");
    assert_eq!(codes(&r), [("registered-after-commit", file, 6)]);
    let en = r.diagnostics[0].message.get(Lang::En);
    assert!(en.contains("2026-03-10 is more than the registration term (3 days)"), "{en}");
}

#[test]
fn a_mailmap_maps_an_old_address_to_staff() {
    let git = Git::new();
    git.write(".mailmap", "Асфальтова Анна <road.one@test.example> <anna@old-mail.example>\n");
    let file = path_of("2026-0001");
    git.write(&file, &appeal("2026-0001", "new", ""));
    git.commit(COORD, "2026-03-03T10:00:00+07:00");
    git.write(&file, &appeal("2026-0001", "assigned", "assignee: road.one\n"));
    git.commit(COORD, "2026-03-04T10:00:00+07:00");
    git.write(&file, &appeal("2026-0001", "in_progress", "assignee: road.one\n"));
    git.commit(("Анна", "anna@old-mail.example"), "2026-03-05T10:00:00+07:00");
    let r = git.assemble();
    assert!(r.diagnostics.is_empty(), "{:?}", codes(&r));
    let last = r.history.timeline("2026-0001").last().unwrap();
    assert_eq!(last.commit.author.staff.as_deref(), Some("road.one"));
    assert_eq!(last.commit.author.email, "road.one@test.example");
}

#[test]
fn unsigned_commits_are_errors_when_signatures_are_required() {
    let git = Git::new();
    git.write("otklik.yaml", &format!("{CONFIG}workflow:\n  require_signed_commits: true\n"));
    let file = path_of("2026-0001");
    git.write(&file, &appeal("2026-0001", "new", ""));
    let unsigned = git.commit(COORD, "2026-03-03T10:00:00+07:00");
    // A signed commit: the signature is present but not verified, so any text will do.
    git.write(&file, &appeal("2026-0001", "assigned", "assignee: road.one\n"));
    let tree = git.repo.find_tree(git.tree()).unwrap();
    let time = git2::Time::new(1_772_600_000, 420);
    let sig = git2::Signature::new(COORD.0, COORD.1, &time).unwrap();
    let parent = git.repo.find_commit(unsigned).unwrap();
    let buffer = git.repo.commit_create_buffer(&sig, &sig, "signed", &tree, &[&parent]).unwrap();
    let fake = "-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----";
    let signed = git.repo.commit_signed(buffer.as_str().unwrap(), fake, None).unwrap();
    git.repo.reference("refs/heads/main", signed, true, "signed").unwrap();
    git.repo.set_head("refs/heads/main").unwrap();
    let r = git.assemble();
    assert_eq!(codes(&r), [("unsigned-commit", file, 2)], "{:?}", r.diagnostics);
    assert!(r.diagnostics[0].message.get(Lang::En).contains(&short(unsigned)));
}

#[test]
fn an_unreadable_version_keeps_the_changes_around_it() {
    let git = Git::new();
    let file = path_of("2026-0001");
    git.write(&file, &appeal("2026-0001", "new", ""));
    git.commit(COORD, "2026-03-03T10:00:00+07:00");
    git.write(&file, "---\nid: [broken\n---\n");
    git.commit(COORD, "2026-03-04T09:00:00+07:00");
    git.write(&file, &appeal("2026-0001", "assigned", "assignee: road.one\n"));
    git.commit(COORD, "2026-03-04T10:00:00+07:00");
    let r = git.assemble();
    assert!(r.diagnostics.is_empty(), "{:?}", codes(&r));
    let changes: Vec<_> = r.history.timeline("2026-0001").iter().map(|e| &e.change).collect();
    assert!(changes.contains(&&Change::Unreadable), "{changes:?}");
    let status = otklik::appeal::Status::Assigned;
    let from = Some(otklik::appeal::Status::New);
    assert!(changes.contains(&&Change::Status { from, to: Some(status) }), "{changes:?}");
}

#[test]
fn a_rebuild_reads_old_commits_from_the_cache_and_new_ones_from_git() {
    let git = Git::new();
    let done = until_answered(&git, "2026-0001");
    let cold = git.assemble();
    assert!(cold.diagnostics.is_empty(), "{:?}", codes(&cold));
    let cache = git.root().join(".otklik-cache/history.json");
    // Mark the cached author of the first commit, to see where the next pass reads it.
    let text = std::fs::read_to_string(&cache).unwrap();
    assert_eq!(text.matches(COORD.0).count(), 2, "{text}");
    std::fs::write(&cache, text.replacen(COORD.0, "Из кэша", 1)).unwrap();
    let answered = "assignee: road.one\nanswered: 2026-03-20\nresult: explained\n";
    git.write(&path_of("2026-0001"), &appeal("2026-0001", "closed", answered));
    let new = git.commit(ROAD_LEAD, "2026-03-25T09:00:00+07:00");
    let warm = git.assemble();
    assert!(warm.diagnostics.is_empty(), "{:?}", codes(&warm));
    let timeline = warm.history.timeline("2026-0001");
    let names: Vec<(&str, &str)> =
        timeline.iter().map(|e| (e.commit.id.as_str(), e.commit.author.name.as_str())).collect();
    let from_cache = |c: &git2::Oid| names.contains(&(c.to_string().as_str(), "Из кэша"));
    assert!(from_cache(&done[0]) || from_cache(&done[1]), "{names:?}");
    assert_eq!(timeline.last().unwrap().commit.id, new.to_string());
    assert_eq!(timeline.last().unwrap().commit.author.name, ROAD_LEAD.0);
}

#[test]
fn a_linked_worktree_is_read_like_its_repository() {
    let git = Git::new();
    let done = until_answered(&git, "2026-0001");
    let place = tempfile::tempdir().unwrap();
    let linked = place.path().join("linked");
    let status = std::process::Command::new("git")
        .arg("-C")
        .arg(git.root())
        .args(["worktree", "add", "--quiet", "--detach"])
        .arg(&linked)
        .status()
        .expect("the system git runs");
    assert!(status.success());
    let r = assemble(&linked, Some(today())).unwrap();
    assert!(r.diagnostics.is_empty(), "{:?}", codes(&r));
    let last = r.history.timeline("2026-0001").last().unwrap();
    assert_eq!(last.commit.id, done[3].to_string());
}

/// The fixture configuration with a `workflow.accept` list; the first entry is on line 18.
fn with_accept(entries: &[String]) -> String {
    let mut text = format!("{CONFIG}workflow:\n  accept:\n");
    for e in entries {
        text.push_str(&format!("    - {e}\n"));
    }
    text
}

fn accept_entry(commit: &str) -> String {
    format!(
        "{{ commit: {commit}, reason: \"Согласовано с куратором устно, служебная записка № 12\" }}"
    )
}

/// Closes an answered item as the lead of another sector, who may not close it.
fn closed_by_a_stranger_lead(git: &Git, id: &str, when: &str) -> git2::Oid {
    let answered = "assignee: road.one\nanswered: 2026-03-20\nresult: explained\n";
    git.write(&path_of(id), &appeal(id, "closed", answered));
    git.commit(WATER_LEAD, when)
}

#[test]
fn a_role_violation_accepted_by_a_seven_digit_prefix_no_longer_fails_the_check() {
    let git = Git::new();
    until_answered(&git, "2026-0001");
    let bad = closed_by_a_stranger_lead(&git, "2026-0001", "2026-03-26T09:00:00+07:00");
    let r = git.assemble();
    assert_eq!(codes(&r), [("role-not-permitted", path_of("2026-0001"), 10)]);
    assert_eq!(r.diagnostics[0].severity, Severity::Error);

    git.write("otklik.yaml", &with_accept(&[accept_entry(&bad.to_string()[..7])]));
    let r = git.assemble();
    assert!(r.diagnostics.is_empty(), "{:?}", codes(&r));
    assert_eq!(r.accepted.len(), 1);
    let a = &r.accepted[0];
    assert_eq!((a.finding.code, a.commit.as_str()), ("role-not-permitted", &*bad.to_string()));
    assert!(a.reason.contains("служебная записка № 12"), "{}", a.reason);
    let style = |lang| otklik::report::TextStyle { lang, color: false };
    let en = otklik::report::text(&r, style(Lang::En));
    assert!(en.contains("Checked 1 item: 0 errors, 0 warnings\n"), "{en}");
    assert!(
        en.contains("Accepted by decision (workflow.accept in otklik.yaml): 1 finding in history from 1 commit"),
        "{en}"
    );
    let ru = otklik::report::text(&r, style(Lang::Ru));
    assert!(ru.contains("Принято по решению (workflow.accept в otklik.yaml): нарушений"), "{ru}");
}

#[test]
fn accepting_one_commit_does_not_hide_a_finding_of_another() {
    let git = Git::new();
    until_answered(&git, "2026-0001");
    let accepted = closed_by_a_stranger_lead(&git, "2026-0001", "2026-03-26T09:00:00+07:00");
    until_answered(&git, "2026-0002");
    let other = closed_by_a_stranger_lead(&git, "2026-0002", "2026-03-27T09:00:00+07:00");
    git.write("otklik.yaml", &with_accept(&[accept_entry(&short(accepted))]));
    let r = git.assemble();
    assert_eq!(codes(&r), [("role-not-permitted", path_of("2026-0002"), 10)]);
    assert!(r.diagnostics[0].message.get(Lang::En).contains(&short(other)));
    assert_eq!(r.accepted.len(), 1);
    assert_eq!(r.accepted[0].finding.file, path_of("2026-0001"));
}

#[test]
fn every_finding_of_an_accepted_commit_is_accepted() {
    let git = Git::new();
    let file = path_of("2026-0001");
    git.write(&file, &appeal("2026-0001", "new", ""));
    git.commit(COORD, "2026-03-03T10:00:00+07:00");
    // One commit, two findings: an illegal transition and an answer dated after it.
    let answered = "assignee: road.one\nanswered: 2026-03-05\nresult: explained\n";
    git.write(&file, &appeal("2026-0001", "closed", answered));
    let bad = git.commit(HEAD, "2026-03-04T10:00:00+07:00");
    let r = git.assemble();
    let found: Vec<_> = r.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(found, ["illegal-transition", "answered-after-commit"], "{:?}", codes(&r));
    git.write("otklik.yaml", &with_accept(&[accept_entry(&bad.to_string())]));
    let r = git.assemble();
    assert!(r.diagnostics.is_empty(), "{:?}", codes(&r));
    assert_eq!(r.accepted.len(), 2);
}

#[test]
fn an_accept_entry_that_matches_no_finding_is_a_warning_at_its_line() {
    let git = Git::new();
    let done = usual_life(&git, "2026-0001");
    let clean = short(done[1]);
    git.write("otklik.yaml", &with_accept(&[accept_entry(&clean), accept_entry("abcdef0")]));
    let r = git.assemble();
    assert_eq!(
        codes(&r),
        [("accept-unused", "otklik.yaml".into(), 18), ("accept-unused", "otklik.yaml".into(), 19)]
    );
    let d = &r.diagnostics[0];
    assert_eq!(d.severity, Severity::Warning);
    let en = d.message.get(Lang::En);
    assert!(en.starts_with(&format!("nothing to accept in commit {clean}")), "{en}");
    assert!(en.contains("remove the entry from workflow.accept"), "{en}");
    let ru = d.message.get(Lang::Ru);
    assert!(ru.starts_with(&format!("в коммите {clean} нечего принимать")), "{ru}");
}

#[test]
fn accept_entries_are_not_judged_when_the_history_cannot_be_read() {
    let git = Git::new();
    git.write(&path_of("2026-0001"), &appeal("2026-0001", "new", ""));
    git.write("otklik.yaml", &with_accept(&[accept_entry("abcdef0")]));
    std::fs::remove_dir_all(git.root().join(".git")).unwrap();
    only_warning(&git.assemble());
}

#[test]
fn a_bad_commit_prefix_or_a_missing_reason_is_an_error_at_its_line() {
    let git = Git::new();
    let entries = [
        accept_entry("xyz"),
        accept_entry("1a2b3"),
        accept_entry(&"a".repeat(41)),
        "{ commit: 1a2b3c4d, reason: \"  \" }".to_string(),
        "{ commit: 1a2b3c4d, reason: x, note: y }".to_string(),
    ];
    git.write("otklik.yaml", &with_accept(&entries));
    let Err(otklik::load::LoadError::BadConfig(errors)) = assemble(git.root(), Some(today()))
    else {
        panic!("a bad accept entry must stop the load");
    };
    let got: Vec<_> = errors.iter().map(|d| (d.code, d.at.unwrap().line)).collect();
    assert_eq!(
        got,
        [
            ("invalid-value", 18),
            ("invalid-value", 19),
            ("invalid-value", 20),
            ("missing-field", 21),
            ("unknown-field", 22),
        ]
    );
    assert!(errors.iter().all(|d| d.file == "otklik.yaml"));
    let en = errors[0].message.get(Lang::En);
    assert!(
        en.starts_with("workflow.accept.commit \"xyz\" must be the start of a commit id"),
        "{en}"
    );
    assert!(en.contains("7 to 40 hex digits"), "{en}");
    let ru = errors[1].message.get(Lang::Ru);
    assert!(ru.starts_with("workflow.accept.commit «1a2b3» — нужно начало"), "{ru}");
    assert!(errors[3].message.get(Lang::En).contains("\"workflow.accept.reason\""));
}
