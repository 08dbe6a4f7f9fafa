//! Runs the real `otklik` edit commands and `init` over git repositories made at test time
//! (fixture files copied into a temporary folder, committed with git2 by a fixed author at
//! a fixed time), and proves that each command changes only what it names.

mod common;

use git2::{Repository, Signature, Time};
use std::path::Path;
use std::process::Command;

/// The moment every command in these tests runs at.
const NOW: &str = "2026-12-04T10:00:00+07:00";

/// A fixture appeal with comments, in the state `new`.
const NEW_APPEAL: &str = "---\n\
# Письмо о яме у школы\n\
id: 2026-0003\n\
kind: appeal   # 59-ФЗ\n\
channel: letter\n\
received: 2026-11-02\n\
topic: \"0003.0009.0099.0742\"\n\
sector: roads\n\
locality: Тюнгур\n\
status: new # зарегистрировано\n\
\n\
# Заявитель\n\
applicant: { name: \"Тестов Т. Т.\" }\n\
---\n\
Прошу засыпать яму.\n";

/// A fixture appeal saved on Windows: a byte-order mark and CRLF line ends.
fn windows_appeal() -> String {
    let text = "---\nid: 2026-0004\nkind: appeal\nchannel: reception\nreceived: 2026-11-03\n\
        topic: \"0003.0009.0099.0742\"\nsector: roads\nlocality: Катанда\nassignee: road.one\n\
        status: new\n---\nТекст.\n";
    format!("\u{feff}{}", text.replace('\n', "\r\n"))
}

struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    /// The check fixture plus two appeals, committed as the initial commit, with the
    /// coordinator as the configured git user.
    fn new() -> Repo {
        Repo::with(&[])
    }

    fn with(extra: &[(&str, &str)]) -> Repo {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check/base");
        common::copy_tree(&from, dir.path());
        let repo = Repo { dir };
        repo.write("appeals/2026/2026-0003.md", NEW_APPEAL);
        repo.write("appeals/2026/2026-0004.md", windows_appeal());
        for (rel, text) in extra {
            repo.write(rel, text);
        }
        let git = Repository::init(repo.path()).unwrap();
        repo.set_user("Координатова Клара", "coord@test.example");
        let mut index = git.index().unwrap();
        index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).unwrap();
        index.write().unwrap();
        let tree = git.find_tree(index.write_tree().unwrap()).unwrap();
        let author = Signature::new(
            "Фикстуров Фёдор",
            "fixture@test.example",
            &Time::new(1_764_000_000, 420),
        )
        .unwrap();
        git.commit(Some("HEAD"), &author, &author, "fixture", &tree, &[]).unwrap();
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self) -> Repository {
        Repository::open(self.path()).unwrap()
    }

    fn set_user(&self, name: &str, email: &str) {
        let mut config = self.git().config().unwrap();
        config.set_str("user.name", name).unwrap();
        config.set_str("user.email", email).unwrap();
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    fn read(&self, rel: &str) -> String {
        String::from_utf8(std::fs::read(self.path().join(rel)).unwrap()).unwrap()
    }

    /// Runs `otklik --root REPO ARGS… --now NOW`.
    fn otklik(&self, args: &[&str]) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--now", NOW]);
        run(Command::new(env!("CARGO_BIN_EXE_otklik")).arg("--root").arg(self.path()).args(all))
    }

    fn head(&self) -> (String, String, String, i64) {
        let git = self.git();
        let c = git.head().unwrap().peel_to_commit().unwrap();
        let author = c.author();
        (
            c.message().unwrap().to_string(),
            author.name().unwrap().to_string(),
            author.email().unwrap().to_string(),
            author.when().seconds(),
        )
    }

    fn commit_count(&self) -> usize {
        let git = self.git();
        let mut walk = git.revwalk().unwrap();
        walk.push_head().unwrap();
        walk.count()
    }

    /// Paths that differ between HEAD and its parent.
    fn files_in_last_commit(&self) -> Vec<String> {
        let git = self.git();
        let head = git.head().unwrap().peel_to_commit().unwrap();
        let parent = head.parent(0).unwrap();
        let diff =
            git.diff_tree_to_tree(Some(&parent.tree().unwrap()), Some(&head.tree().unwrap()), None);
        diff.unwrap()
            .deltas()
            .map(|d| d.new_file().path().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    fn is_clean(&self) -> bool {
        self.git().statuses(None).unwrap().is_empty()
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(command: &mut Command) -> Run {
    let out = command.env("NO_COLOR", "1").output().expect("otklik runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// The text without the lines that set any of `keys` at the top level: what must stay
/// byte for byte when an edit names exactly those fields.
fn without(text: &str, keys: &[&str]) -> String {
    text.split_inclusive('\n')
        .filter(|line| !keys.iter().any(|k| line.starts_with(&format!("{k}:"))))
        .collect()
}

/// The lines of `text` that set `key`.
fn lines_of<'a>(text: &'a str, key: &str) -> Vec<&'a str> {
    text.split_inclusive('\n').filter(|l| l.starts_with(&format!("{key}:"))).collect()
}

fn timestamp(text: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(text).unwrap().timestamp()
}

#[test]
fn assign_changes_only_assignee_and_status_and_commits_as_the_git_user() {
    let repo = Repo::new();
    let run = repo.otklik(&["assign", "2026-0003", "road.one"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    let after = repo.read("appeals/2026/2026-0003.md");
    assert_eq!(without(&after, &["assignee", "status"]), without(NEW_APPEAL, &["status"]));
    assert_eq!(lines_of(&after, "assignee"), ["assignee: road.one\n"]);
    assert_eq!(lines_of(&after, "status"), ["status: assigned # зарегистрировано\n"]);
    assert!(after.contains("locality: Тюнгур\nassignee: road.one\nstatus: assigned"));

    let (message, name, email, when) = repo.head();
    assert_eq!(message, "2026-0003: исполнитель road.one, статус new → assigned");
    assert_eq!((name.as_str(), email.as_str()), ("Координатова Клара", "coord@test.example"));
    assert_eq!(when, timestamp(NOW));
    assert_eq!(repo.files_in_last_commit(), ["appeals/2026/2026-0003.md"]);
    assert!(repo.is_clean());
    assert!(run.stdout.contains("2026-0003: исполнитель road.one, статус new → assigned [коммит "));
}

#[test]
fn a_status_change_keeps_a_windows_file_byte_for_byte() {
    let repo = Repo::new();
    let run = repo.otklik(&["status", "2026-0004", "assigned"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = repo.read("appeals/2026/2026-0004.md");
    let before = windows_appeal();
    assert_eq!(after, before.replace("status: new\r\n", "status: assigned\r\n"));
    assert_eq!(repo.head().0, "2026-0004: статус new → assigned");
}

#[test]
fn no_commit_leaves_the_change_staged() {
    let repo = Repo::new();
    let before = repo.read("appeals/2026/2026-0002.md");
    let run =
        repo.otklik(&["status", "2026-0002", "answered", "--result", "explained", "--no-commit"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("[добавлено в индекс, не зафиксировано]"), "{}", run.stdout);

    assert_eq!(repo.commit_count(), 1);
    let status = repo.git().status_file(Path::new("appeals/2026/2026-0002.md")).unwrap();
    assert_eq!(status, git2::Status::INDEX_MODIFIED);
    let after = repo.read("appeals/2026/2026-0002.md");
    assert_eq!(without(&after, &["status", "answered", "result"]), without(&before, &["status"]));
    assert!(after.contains("status: answered\nanswered: 2026-12-04\nresult: explained\n"));
}

#[test]
fn an_illegal_transition_is_refused_with_the_reason_and_nothing_is_written() {
    let repo = Repo::new();
    let run = repo.otklik(&["status", "2026-0003", "closed"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "переход «new» → «closed» не разрешён: из «new» можно перейти в: assigned, forwarded, left_unanswered\n"
    );
    assert_eq!(repo.read("appeals/2026/2026-0003.md"), NEW_APPEAL);
    assert_eq!(repo.commit_count(), 1);
    assert!(repo.is_clean());

    let en = repo.otklik(&["--lang", "en", "status", "2026-0001", "new"]);
    assert_eq!(
        en.stderr,
        "the transition \"answered\" → \"new\" is not allowed: from \"answered\" it may go to: in_progress, closed\n"
    );
}

#[test]
fn a_change_that_brings_new_errors_is_refused_and_names_them() {
    let repo = Repo::new();
    let run = repo.otklik(&["assign", "2026-0003", "water.lead"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "appeals/2026/2026-0003.md не изменён: после правки проверка находит новые ошибки\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("appeals/2026/2026-0003.md:10:11: исполнитель «water.lead» не входит в отраслевой блок «roads»"),
        "{}",
        run.stderr
    );
    assert_eq!(repo.read("appeals/2026/2026-0003.md"), NEW_APPEAL);
}

#[test]
fn a_forward_needs_a_reason_and_records_it_quoted() {
    let repo = Repo::new();
    let run = repo.otklik(&["status", "2026-0003", "forwarded"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("укажите --reason"), "{}", run.stderr);

    let run =
        repo.otklik(&["status", "2026-0003", "forwarded", "--reason", "Минтранс: \"дороги\""]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = repo.read("appeals/2026/2026-0003.md");
    assert_eq!(without(&after, &["status", "reason"]), without(NEW_APPEAL, &["status"]));
    assert_eq!(lines_of(&after, "reason"), ["reason: \"Минтранс: \\\"дороги\\\"\"\n"]);
    assert_eq!(repo.head().0, "2026-0003: статус new → forwarded (Минтранс: \"дороги\")");
}

#[test]
fn a_change_the_committer_has_no_role_for_is_refused_before_writing() {
    let repo = Repo::new();
    let before = repo.read("appeals/2026/2026-0002.md");
    // The coordinator may not answer for the assignee.
    let run = repo.otklik(&["answer", "2026-0002", "--result", "explained", "--summary", "x"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stderr.contains("нет роли"), "{}", run.stderr);
    assert_eq!(repo.read("appeals/2026/2026-0002.md"), before);
}

#[test]
fn an_unknown_committer_is_told_to_fix_the_address_not_to_pass_as() {
    let repo = Repo::new();
    repo.set_user("Незнакомов Никита", "stranger@test.example");
    let before = repo.read("appeals/2026/2026-0001.md");
    let run = repo.otklik(&["status", "2026-0001", "in_progress"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "git user.email «stranger@test.example» не указан ни у одного сотрудника (staff.emails в \
         otklik.yaml), а коммит будет записан от этого адреса; впишите его в свою запись staff или \
         задайте адрес из неё: git config user.email АДРЕС\n"
    );
    assert_eq!(repo.read("appeals/2026/2026-0001.md"), before);
    // Extending with a commit is judged by the author too: --as would not help.
    let extend =
        repo.otklik(&["extend", "2026-0003", "--until", "2026-12-20", "--reason", "запрос"]);
    assert!(!extend.stderr.contains("--as"), "{}", extend.stderr);
    // Without a commit nobody is judged by address, and --as names who extends.
    let staged = repo.otklik(&[
        "extend",
        "2026-0003",
        "--until",
        "2026-12-20",
        "--reason",
        "запрос",
        "--no-commit",
    ]);
    assert_eq!(staged.code, 1);
    assert!(staged.stderr.ends_with("укажите себя: --as СОТРУДНИК\n"), "{}", staged.stderr);
}

#[test]
fn answer_records_date_result_and_summary_only() {
    let repo = Repo::new();
    // Answering is the assignee's act (here also the sector lead).
    repo.set_user("Водянов Василий", "water.lead@test.example");
    let before = repo.read("appeals/2026/2026-0002.md");
    let run = repo.otklik(&[
        "answer",
        "2026-0002",
        "--result",
        "measures_taken",
        "--summary",
        "Водопровод починили",
        "--date",
        "2026-12-03",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = repo.read("appeals/2026/2026-0002.md");
    let named = ["status", "answered", "result", "answer_summary"];
    assert_eq!(without(&after, &named), without(&before, &["status"]));
    assert_eq!(lines_of(&after, "answered"), ["answered: 2026-12-03\n"]);
    assert_eq!(lines_of(&after, "result"), ["result: measures_taken\n"]);
    assert_eq!(lines_of(&after, "answer_summary"), ["answer_summary: \"Водопровод починили\"\n"]);
    assert_eq!(repo.head().0, "2026-0002: статус in_progress → answered (measures_taken)");
}

#[test]
fn a_return_for_rework_appends_a_dated_entry() {
    let repo = Repo::new();
    let before = repo.read("appeals/2026/2026-0001.md");
    let run = repo.otklik(&["status", "2026-0001", "in_progress", "--reason", "ответ формальный"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = repo.read("appeals/2026/2026-0001.md");
    assert_eq!(without(&after, &["status", "returned"]), without(&before, &["status"]));
    assert_eq!(
        lines_of(&after, "returned"),
        ["returned: [{ date: 2026-12-04, reason: \"ответ формальный\" }]\n"]
    );
    assert_eq!(
        repo.head().0,
        "2026-0001: статус answered → in_progress (returned: ответ формальный)"
    );
}

#[test]
fn only_the_head_or_the_curator_may_extend() {
    let repo = Repo::new();
    let by_coordinator =
        repo.otklik(&["extend", "2026-0003", "--until", "2026-12-20", "--reason", "запрос"]);
    assert_eq!(by_coordinator.code, 1);
    assert_eq!(
        by_coordinator.stderr,
        "продлевать срок могут только руководитель МЦУ и куратор (roles.head, roles.curator), а не «coord»\n"
    );
    let by_assignee = repo.otklik(&[
        "extend",
        "2026-0003",
        "--until",
        "2026-12-20",
        "--reason",
        "запрос",
        "--as",
        "road.one",
    ]);
    assert_eq!(by_assignee.code, 1);
    assert!(by_assignee.stderr.contains("а не «road.one»"), "{}", by_assignee.stderr);
    assert_eq!(repo.read("appeals/2026/2026-0003.md"), NEW_APPEAL);

    repo.set_user("Главов Герман", "Head@Test.example");
    let too_long =
        repo.otklik(&["extend", "2026-0003", "--until", "2027-01-05", "--reason", "запрос"]);
    assert_eq!(too_long.code, 1);
    assert_eq!(
        too_long.stderr,
        "продление до 2027-01-05 больше допустимого: не позже 2027-01-01\n"
    );

    let run = repo.otklik(&[
        "extend",
        "2026-0003",
        "--until",
        "2026-12-20",
        "--reason",
        "запрос в Минтранс",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = repo.read("appeals/2026/2026-0003.md");
    assert_eq!(without(&after, &["extension"]), NEW_APPEAL);
    assert_eq!(
        lines_of(&after, "extension"),
        ["extension: { until: 2026-12-20, reason: \"запрос в Минтранс\" }\n"]
    );
    let (message, name, ..) = repo.head();
    assert_eq!(message, "2026-0003: срок продлён до 2026-12-20 (запрос в Минтранс)");
    assert_eq!(name, "Главов Герман");

    let again = repo.otklik(&["extend", "2026-0003", "--until", "2026-12-25", "--reason", "ещё"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("срок уже продлён до 2026-12-20"), "{}", again.stderr);
}

#[test]
fn a_message_cannot_be_extended() {
    let repo = Repo::new();
    let run = repo.otklik(&[
        "extend",
        "2026-0002",
        "--until",
        "2026-12-20",
        "--reason",
        "x",
        "--as",
        "head",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "продлевать можно только обращения по 59-ФЗ, а не «message»\n");
}

#[test]
fn new_takes_the_next_free_number_even_past_an_unreadable_file() {
    let repo = Repo::with(&[("appeals/2026/2026-0007.md", "not front matter\n")]);
    let run = repo.otklik(&[
        "new",
        "--sector",
        "roads",
        "--topic",
        "0003.0009.0099.0742",
        "--locality",
        "Тюнгур",
        "--summary",
        "Яма у моста",
        "--applicant-name",
        "Заявителев З. З.",
        "--text",
        "Яма у моста, второй год.",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        repo.read("appeals/2026/2026-0008.md"),
        "---\nid: 2026-0008\nkind: appeal\nchannel: letter\nreceived: 2026-12-04T10:00:00+07:00\n\
         registered: 2026-12-04\ntopic: \"0003.0009.0099.0742\"\nsector: roads\nlocality: Тюнгур\n\
         status: new\npublic_summary: \"Яма у моста\"\napplicant: { name: \"Заявителев З. З.\" }\n\
         ---\nЯма у моста, второй год.\n"
    );
    assert_eq!(repo.head().0, "2026-0008: новое обращение (appeal, roads)");
    assert_eq!(repo.files_in_last_commit(), ["appeals/2026/2026-0008.md"]);
}

#[test]
fn new_in_a_new_year_starts_at_one_in_its_own_folder() {
    let repo = Repo::new();
    let mut args = vec![
        "--root".to_string(),
        repo.path().display().to_string(),
        "new".into(),
        "--kind".into(),
        "message".into(),
        "--sector".into(),
        "zhkh".into(),
        "--topic".into(),
        "0005.0005.0056.1154".into(),
        "--locality".into(),
        "Мульта".into(),
        "--summary".into(),
        "Нет воды".into(),
    ];
    args.extend(["--now".into(), "2027-01-11T09:00:00+07:00".into()]);
    let run = run(Command::new(env!("CARGO_BIN_EXE_otklik")).args(&args));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = repo.read("appeals/2027/2027-0001.md");
    assert!(text.contains("id: 2027-0001\nkind: message\nchannel: pos\n"), "{text}");
}

#[test]
fn new_with_an_unknown_sector_is_refused_and_writes_nothing() {
    let repo = Repo::new();
    let run = repo.otklik(&[
        "new",
        "--sector",
        "rodas",
        "--topic",
        "0003.0009.0099",
        "--locality",
        "Тюнгур",
        "--summary",
        "x",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("appeals/2026/2026-0005.md:8:9: неизвестный отраслевой блок «rodas» — может быть, «roads»?"),
        "{}",
        run.stderr
    );
    assert!(!repo.path().join("appeals/2026/2026-0005.md").exists());
    assert_eq!(repo.commit_count(), 1);
    assert!(repo.is_clean());
}

#[test]
fn a_hand_edit_is_not_swept_into_a_command_commit() {
    let repo = Repo::new();
    let edited = NEW_APPEAL.replace("Прошу засыпать яму.", "Прошу засыпать яму. Заметка.");
    repo.write("appeals/2026/2026-0003.md", &edited);
    let run = repo.otklik(&["assign", "2026-0003", "road.one"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("есть незафиксированные изменения"), "{}", run.stderr);
    assert_eq!(repo.read("appeals/2026/2026-0003.md"), edited);
}

#[test]
fn an_unknown_id_is_a_usage_error_with_a_hint() {
    let repo = Repo::new();
    let run = repo.otklik(&["assign", "2026-0030", "road.one"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "обращение «2026-0030» не найдено в appeals/ — может быть, «2026-0003»?\n"
    );
}

#[test]
fn init_creates_a_repository_that_passes_check_at_once() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join(".gitconfig"),
        "[user]\n\tname = Инициаторов Иван\n\temail = init@test.example\n",
    )
    .unwrap();
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("ust-koksa");
    let otklik = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_otklik"));
        c.env("HOME", home.path()).env("XDG_CONFIG_HOME", home.path());
        c
    };
    let created = run(otklik().arg("init").arg(&dir));
    assert_eq!(created.code, 0, "{}", created.stderr);
    assert!(created.stdout.contains("ЗАМЕНИТЕ"), "{}", created.stdout);

    let check = run(otklik().arg("--root").arg(&dir).arg("check"));
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(check.stdout.contains("Проверено обращений: 1; ошибок: 0;"), "{}", check.stdout);

    let git = Repository::open(&dir).unwrap();
    let head = git.head().unwrap().peel_to_commit().unwrap();
    assert_eq!(head.author().name().unwrap(), "Инициаторов Иван");
    assert!(head.message().unwrap().starts_with("otklik init: "));
    // Nothing left uncommitted; the history cache that `check` just wrote is ignored.
    let mut options = git2::StatusOptions::new();
    options.include_ignored(false).include_untracked(true);
    assert!(git.statuses(Some(&mut options)).unwrap().is_empty());
    for file in [".gitignore", ".gitlab-ci.yml", ".github/workflows/otklik.yml", "sectors/roads.md"]
    {
        assert!(head.tree().unwrap().get_path(Path::new(file)).is_ok(), "{file}");
    }

    let again = run(otklik().arg("init").arg(&dir));
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("не пуста"), "{}", again.stderr);
}

#[test]
fn init_without_git_writes_only_files() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("new");
    let created =
        run(Command::new(env!("CARGO_BIN_EXE_otklik")).arg("init").arg(&dir).arg("--no-git"));
    assert_eq!(created.code, 0, "{}", created.stderr);
    assert!(!dir.join(".git").exists());
    let check =
        run(Command::new(env!("CARGO_BIN_EXE_otklik")).arg("--root").arg(&dir).arg("check"));
    assert_eq!(check.code, 0, "{}", check.stdout);
}

#[test]
fn check_speaks_gitlab_and_github() {
    let repo = Repo::with(&[(
        "appeals/2026/2026-0009.md",
        "---\nid: 2026-0009\nkind: appeal\nchannel: letter\nreceived: 2026-11-02\n\
         topic: \"0003.0009.0099\"\nsector: roads\nlocality: Тюнгур\nstatus: new\nasignee: x\n---\n",
    )]);
    let root = repo.path().display().to_string();
    let base = ["--root", root.as_str(), "check", "--today", "2026-12-04", "--format"];
    let gitlab = run(Command::new(env!("CARGO_BIN_EXE_otklik")).args(base).arg("gitlab"));
    assert_eq!(gitlab.code, 1);
    let issues: serde_json::Value = serde_json::from_str(&gitlab.stdout).unwrap();
    let issue =
        issues.as_array().unwrap().iter().find(|i| i["check_name"] == "unknown-field").unwrap();
    assert_eq!(issue["location"]["path"], "appeals/2026/2026-0009.md");
    assert_eq!(issue["location"]["lines"]["begin"], 10);
    assert_eq!(issue["severity"], "major");
    let again = run(Command::new(env!("CARGO_BIN_EXE_otklik")).args(base).arg("gitlab"));
    assert_eq!(again.stdout, gitlab.stdout);

    let github = run(Command::new(env!("CARGO_BIN_EXE_otklik")).args(base).arg("github"));
    assert_eq!(github.code, 1);
    assert!(
        github.stdout.contains(
            "::error file=appeals/2026/2026-0009.md,line=10,col=1,title=otklik unknown-field::неизвестное поле «asignee» — может быть, «assignee»?\n"
        ),
        "{}",
        github.stdout
    );
}

#[test]
fn closing_keeps_the_result_and_says_so_only_when_it_changes() {
    let repo = Repo::new();
    // Closing is the sector lead's act.
    repo.set_user("Дорожный Дмитрий", "road.lead@test.example");
    let before = repo.read("appeals/2026/2026-0001.md");
    let run = repo.otklik(&["status", "2026-0001", "closed"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(repo.head().0, "2026-0001: статус answered → closed");
    assert_eq!(
        repo.read("appeals/2026/2026-0001.md"),
        before.replace("status: answered\n", "status: closed\n")
    );
}

#[test]
fn a_broken_configuration_still_gives_ci_a_report() {
    let repo = Repo::new();
    let config =
        repo.read("otklik.yaml").replace("time_zone: Asia/Barnaul", "time_zone: Asia/Barnaoul");
    repo.write("otklik.yaml", config);
    let root = repo.path().display().to_string();
    let gitlab = run(Command::new(env!("CARGO_BIN_EXE_otklik"))
        .args(["--root", &root, "check", "--format", "gitlab"]));
    assert_eq!(gitlab.code, 2);
    let issues: serde_json::Value = serde_json::from_str(&gitlab.stdout).unwrap();
    assert_eq!(issues[0]["location"]["path"], "otklik.yaml");
    assert_eq!(issues[0]["location"]["lines"]["begin"], 4);
    let github = run(Command::new(env!("CARGO_BIN_EXE_otklik"))
        .args(["--root", &root, "check", "--format", "github"]));
    assert_eq!(github.code, 2);
    assert!(
        github.stdout.starts_with("::error file=otklik.yaml,line=4,col=14,"),
        "{}",
        github.stdout
    );
}

#[test]
fn an_unreadable_item_is_named_with_its_problems() {
    let repo = Repo::with(&[("appeals/2026/2026-0009.md", "---\nid: 2026-0009\nstatus: [\n---\n")]);
    let run = repo.otklik(&["assign", "2026-0009", "road.one"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("appeals/2026/2026-0009.md не читается;"), "{}", run.stderr);
    assert!(run.stderr.contains("  appeals/2026/2026-0009.md:"), "{}", run.stderr);
}
