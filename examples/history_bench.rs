//! Times the history pass over a large generated repository.
//!
//! ```text
//! cargo run --release --example history_bench -- [APPEALS] [PER_YEAR] [DIR]
//! ```
//!
//! Builds a repository of APPEALS appeals (default 10 000), PER_YEAR of them in each
//! `appeals/YEAR/` folder (default 2 000, a large district's year), each with five commits:
//! registered by the coordinator, assigned, taken into work and answered by the assignee,
//! closed by the sector lead. Commits of different appeals interleave by time, as they do
//! in a real register. Objects are written to an in-memory object store and dumped as a
//! delta-compressed pack every few thousand commits — what a fresh clone looks like on
//! disk — because tens of thousands of large loose trees would take far longer to write
//! than the pass takes to read. Then the pass (`history::read`) and the checks
//! (`workflow::check_history`) are timed over the finished repository. DIR, when given,
//! keeps the repository; otherwise it goes to a temporary folder that is removed.

use git2::{ObjectType, Oid, Repository};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

const CONFIG: &str = "municipality:\n  name: Bench\n  time_zone: Asia/Barnaul\n  settlements: [Катанда]\n\
roles: { curator: cur, head: head, coordinator: coord }\nstaff:\n\
  - { id: cur, name: Куратор, emails: [cur@bench.example] }\n\
  - { id: head, name: Руководитель, emails: [head@bench.example] }\n\
  - { id: coord, name: Координатор, emails: [coord@bench.example] }\n\
  - { id: road.lead, name: Дорожник, emails: [road.lead@bench.example] }\n\
  - { id: road.one, name: Исполнитель, emails: [road.one@bench.example] }\n";
const ROADS: &str = "---\nid: roads\ntitle: Дороги\nlead: road.lead\nmembers: [road.one]\n\
topics: [\"0003.0009.0099\"]\n---\nДороги и мосты.\n";
const STEPS: [(&str, &str); 5] = [
    ("new", "coord"),
    ("assigned", "coord"),
    ("in_progress", "road.one"),
    ("answered", "road.one"),
    ("closed", "road.lead"),
];
/// Commits per pack: enough for good deltas, few enough to keep memory small.
const CHUNK: usize = 5_000;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let appeals: usize = args.first().map_or(Ok(10_000), |a| a.parse())?;
    let per_year: usize = args.get(1).map_or(Ok(2_000), |a| a.parse())?;
    let temp = tempfile::tempdir()?;
    let dir = args.get(2).map_or(temp.path().to_path_buf(), Into::into);

    if dir.join(".git").exists() {
        println!("reusing the repository in {}", dir.display());
    } else {
        let started = Instant::now();
        let commits = build(&dir, appeals, per_year)?;
        println!(
            "built {appeals} appeals ({per_year} per folder), {commits} commits in {:.1} s; \
             objects {} MiB",
            started.elapsed().as_secs_f64(),
            size(&dir.join(".git/objects")) / (1 << 20)
        );
    }

    let (config, _) = otklik::config::read(CONFIG).map_err(|e| format!("{e:?}"))?;
    let started = Instant::now();
    let history = otklik::history::read(&dir, &config);
    let pass = started.elapsed();
    let events: usize = history.timelines.values().map(Vec::len).sum();
    println!(
        "history pass: {:.2} s — {} timelines, {events} events, notes {:?}",
        pass.as_secs_f64(),
        history.timelines.len(),
        history.notes
    );
    let repo = otklik::load::load(&dir).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let found = otklik::workflow::check_history(&history, &repo);
    println!(
        "history checks: {:.2} s — {} diagnostics",
        started.elapsed().as_secs_f64(),
        found.diagnostics.len()
    );
    Ok(())
}

/// One commit to make: when, which appeal, which step of its life.
struct Step {
    at: i64,
    appeal: usize,
    step: usize,
}

fn build(dir: &Path, appeals: usize, per_year: usize) -> Result<usize, Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir.join("sectors"))?;
    std::fs::write(dir.join("otklik.yaml"), CONFIG)?;
    std::fs::write(dir.join("sectors/roads.md"), ROADS)?;
    let repo = Repository::init(dir)?;
    // Trees are written by the thousand; checking that every entry exists would double the
    // work and proves nothing here.
    git2::opts::strict_object_creation(false);
    let odb = repo.odb()?;
    let mempack = odb.add_new_mempack_backend(1000)?;

    let mut root = repo.treebuilder(None)?;
    root.insert("otklik.yaml", odb.write(ObjectType::Blob, CONFIG.as_bytes())?, 0o100644)?;
    let mut sectors = repo.treebuilder(None)?;
    sectors.insert("roads.md", odb.write(ObjectType::Blob, ROADS.as_bytes())?, 0o100644)?;
    root.insert("sectors", sectors.write()?, 0o040000)?;
    let mut folders = repo.treebuilder(None)?;
    let mut years: BTreeMap<i32, git2::TreeBuilder> = BTreeMap::new();

    let mut parent: Option<Oid> = None;
    let plan = plan(appeals, per_year);
    for (n, s) in plan.iter().enumerate() {
        let year = 2022 + (s.appeal / per_year) as i32;
        let id = format!("{year}-{:05}", s.appeal % per_year + 1);
        let text = appeal(&id, s.step, s.at);
        let blob = odb.write(ObjectType::Blob, text.as_bytes())?;
        let folder = match years.entry(year) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => e.insert(repo.treebuilder(None)?),
        };
        folder.insert(format!("{id}.md"), blob, 0o100644)?;
        folders.insert(year.to_string(), folder.write()?, 0o040000)?;
        root.insert("appeals", folders.write()?, 0o040000)?;
        let tree = root.write()?;
        let who = STEPS[s.step].1;
        let commit = commit_text(tree, parent, who, s.at, &id);
        parent = Some(odb.write(ObjectType::Commit, commit.as_bytes())?);
        if (n + 1) % CHUNK == 0 || n + 1 == plan.len() {
            let mut pack = git2::Buf::new();
            mempack.dump(&repo, &mut pack)?;
            let mut writer = odb.packwriter()?;
            std::io::Write::write_all(&mut writer, &pack)?;
            writer.commit()?;
            mempack.reset()?;
        }
    }
    if let Some(tip) = parent {
        repo.reference("refs/heads/main", tip, true, "bench")?;
        repo.set_head("refs/heads/main")?;
    }
    Ok(plan.len())
}

/// Every step of every appeal, in time order: appeals arrive evenly over 300 days of their
/// year; each takes a step every two days, at an hour that varies between appeals.
fn plan(appeals: usize, per_year: usize) -> Vec<Step> {
    let start = 1_641_780_000; // 2022-01-10 09:00 +07:00
    let year = 365 * 86_400;
    let spacing = 300 * 86_400 / per_year as i64;
    let mut steps = Vec::with_capacity(appeals * STEPS.len());
    for appeal in 0..appeals {
        let created =
            start + (appeal / per_year) as i64 * year + (appeal % per_year) as i64 * spacing;
        for step in 0..STEPS.len() {
            let at = created + step as i64 * 2 * 86_400 + (appeal % 7) as i64 * 3_600;
            steps.push(Step { at, appeal, step });
        }
    }
    steps.sort_by_key(|s| (s.at, s.appeal, s.step));
    steps
}

fn day(at: i64) -> String {
    let t = chrono::DateTime::from_timestamp(at + 7 * 3_600, 0).unwrap_or_default();
    t.format("%Y-%m-%d").to_string()
}

fn appeal(id: &str, step: usize, at: i64) -> String {
    let (status, _) = STEPS[step];
    let mut text = format!(
        "---\nid: {id}\nkind: appeal\nchannel: letter\nreceived: {received}\n\
         topic: \"0003.0009.0099.0742\"\nsector: roads\nlocality: Катанда\nstatus: {status}\n",
        received = day(at - step as i64 * 2 * 86_400),
    );
    if step >= 1 {
        text.push_str("assignee: road.one\n");
    }
    if step >= 3 {
        text.push_str(&format!("answered: {}\nresult: explained\n", day(at)));
    }
    text.push_str("public_summary: \"Яма на дороге у школы\"\n");
    text.push_str("applicant: { name: \"Заявитель\", address: \"с. Катанда\" }\n---\n");
    text.push_str("Прошу отремонтировать дорогу у школы: яма мешает проезду.\n");
    text
}

fn commit_text(tree: Oid, parent: Option<Oid>, who: &str, at: i64, id: &str) -> String {
    let parent = parent.map(|p| format!("parent {p}\n")).unwrap_or_default();
    let person = format!("{who} <{who}@bench.example> {at} +0700");
    format!("tree {tree}\n{parent}author {person}\ncommitter {person}\n\n{id}\n")
}

fn size(path: &Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}
