//! `otklik init DIR`: a new municipality repository that passes `otklik check` at once.
//!
//! It writes `otklik.yaml` with every role and a staff list of clearly marked
//! placeholders, one sector, one example appeal, a `.gitignore`, a README for the staff,
//! and CI definitions for GitLab CI (the primary target) and GitHub Actions that fetch the
//! full history, check, build and publish only `site/public/`. Unless told otherwise it
//! makes the folder a git repository with a first commit.

use crate::history::commit::{self, CommitError, Identity};
use crate::messages::{self, Message};
use chrono::{DateTime, Datelike, FixedOffset, SecondsFormat};
use std::path::{Path, PathBuf};

/// The time zone written into a new `otklik.yaml` (the Altai Republic, where the decree
/// that otklik follows comes from); staff change it with the other placeholders.
const ZONE: chrono_tz::Tz = chrono_tz::Asia::Barnaul;

/// How `init` runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Make the folder a git repository with a first commit.
    pub git: bool,
    /// The moment of the example appeal and the first commit; `None` reads the clock.
    pub now: Option<DateTime<FixedOffset>>,
    /// Who makes the first commit; `None` takes git's global `user.name`/`user.email`.
    pub identity: Option<Identity>,
}

/// What `init` created.
#[derive(Debug, Clone)]
pub struct Initialised {
    /// Repository-relative paths of the files written.
    pub files: Vec<String>,
    /// The first commit's id, when a repository was made.
    pub commit: Option<String>,
}

/// Why `init` created nothing, or stopped after writing the files.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder exists and is not empty; nothing is overwritten.
    #[error("{}: not empty", dir.display())]
    NotEmpty {
        /// The folder.
        dir: PathBuf,
    },
    /// A file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// git failed: before any file was written when no identity is configured, after
    /// writing them when the repository or the commit could not be made.
    #[error(transparent)]
    Git(#[from] CommitError),
}

impl InitError {
    /// What went wrong and what to do, for people.
    pub fn message(&self) -> Message {
        match self {
            InitError::NotEmpty { dir } => messages::init_not_empty(&dir.display().to_string()),
            InitError::Write { path, source } => {
                messages::write_failed(&path.display().to_string(), &source.to_string())
            }
            InitError::Git(e) => e.message(),
        }
    }
}

/// Creates a new municipality repository in `dir`, which must not exist or be empty.
///
/// Fails, writing nothing, when `dir` has anything in it or (with `git`) no git identity
/// is configured; fails after writing the files when git cannot make the repository or
/// its first commit.
pub fn init(dir: &Path, options: &Options) -> Result<Initialised, InitError> {
    if !is_empty_or_missing(dir) {
        return Err(InitError::NotEmpty { dir: dir.to_path_buf() });
    }
    let who = match (&options.identity, options.git) {
        (_, false) => None,
        (Some(who), true) => Some(who.clone()),
        (None, true) => Some(commit::default_identity()?),
    };
    let clock = options.now.unwrap_or_else(|| chrono::Utc::now().fixed_offset());
    let now = clock.with_timezone(&ZONE).fixed_offset();
    let email = who.as_ref().map_or("koordinator@example.invalid", |w| w.email.as_str());
    let files = files(now, email);
    for (rel, text) in &files {
        let path = dir.join(rel);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        written.map_err(|source| InitError::Write { path: path.clone(), source })?;
    }
    let names: Vec<String> = files.iter().map(|(rel, _)| rel.clone()).collect();
    let commit = match who {
        None => None,
        Some(who) => {
            commit::init(dir)?;
            let paths: Vec<&str> = names.iter().map(String::as_str).collect();
            // The new otklik.yaml says `language: ru`, so the audit trail starts in Russian.
            let message = messages::commit_init().get(messages::Lang::Ru).to_string();
            Some(commit::commit(dir, &paths, &message, &who, now)?)
        }
    };
    Ok(Initialised { files: names, commit })
}

fn is_empty_or_missing(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// The placeholder name of the municipality.
const MUNICIPALITY: &str = "ЗАМЕНИТЕ: МО «Название района» Название региона";

/// Every file of a new repository, as (path, text).
fn files(now: DateTime<FixedOffset>, coordinator_email: &str) -> Vec<(String, String)> {
    let year = now.year();
    let id = format!("{year}-0001");
    vec![
        ("otklik.yaml".into(), config(coordinator_email)),
        ("sectors/roads.md".into(), SECTOR.into()),
        (format!("appeals/{year}/{id}.md"), example_appeal(&id, now)),
        (".gitignore".into(), GITIGNORE.into()),
        ("README.md".into(), README.into()),
        (".gitlab-ci.yml".into(), GITLAB_CI.into()),
        (".github/workflows/otklik.yml".into(), GITHUB_WORKFLOW.into()),
    ]
}

/// The configuration; the coordinator's address is the one that makes the first commit,
/// because registering the example appeal is the coordinator's act and the history check
/// would otherwise report it.
fn config(coordinator_email: &str) -> String {
    CONFIG
        .replace("{municipality}", MUNICIPALITY)
        .replace("{zone}", ZONE.name())
        .replace("{coordinator_email}", coordinator_email)
}

const CONFIG: &str = r#"# Настройки реестра обращений otklik.
# Всё, что помечено «ЗАМЕНИТЕ», — заготовки: впишите свои данные до начала работы.
# otklik check проверяет этот файл и подскажет, если что-то не так.

municipality:
  name: "{municipality}"
  time_zone: {zone}                  # зона IANA: по ней считаются все сроки
  settlements: [Центральное, Заречное]   # ЗАМЕНИТЕ: поселения — допустимые значения locality

site:
  title: "Обращения граждан"         # ЗАМЕНИТЕ: заголовок сайта
  base_url: "/"                      # адрес публичного сайта от корня домена
  language: ru                       # ru | en
  theme: default

# Роли по постановлению о МЦУ; каждая — id сотрудника из списка staff ниже.
roles:
  curator: kurator                   # куратор: первый заместитель главы администрации
  head: rukovoditel                  # руководитель МЦУ (управляющий делами)
  coordinator: koordinator           # ответственный за «Инцидент менеджмент» и ПОС

# ЗАМЕНИТЕ: настоящие ФИО и должности. emails — адреса, с которых человек делает коммиты
# в git: по ним otklik узнаёт, кто менял статус, и проверяет, позволяла ли это роль.
staff:
  - id: kurator
    name: "ЗАМЕНИТЕ Фамилия Имя Отчество (куратор)"
    position: "Первый заместитель главы администрации"
    emails: [kurator@example.invalid]
  - id: rukovoditel
    name: "ЗАМЕНИТЕ Фамилия Имя Отчество (руководитель МЦУ)"
    position: "Управляющий делами администрации"
    emails: [rukovoditel@example.invalid]
  - id: koordinator
    name: "ЗАМЕНИТЕ Фамилия Имя Отчество (координатор)"
    position: "Специалист по «Инцидент менеджменту» и ПОС"
    emails: ["{coordinator_email}"]   # адрес того, кто создал репозиторий; ЗАМЕНИТЕ при необходимости
  - id: dorogi.lead
    name: "ЗАМЕНИТЕ Фамилия Имя Отчество (руководитель блока «Дороги»)"
    position: "Начальник отдела дорожного хозяйства"
    emails: [dorogi.lead@example.invalid]
  - id: dorogi.ispolnitel
    name: "ЗАМЕНИТЕ Фамилия Имя Отчество (исполнитель)"
    position: "Специалист отдела дорожного хозяйства"
    emails: [dorogi.ispolnitel@example.invalid]

# Сроки по умолчанию — из 59-ФЗ и регламентов ПОС и «Инцидент менеджмента».
# Чтобы изменить, раскомментируйте и поправьте:
# deadlines:
#   appeal: { register: 3 calendar days, forward: 7 calendar days, answer: 30 calendar days,
#             extension_max: 30 calendar days }
#   message: { answer: 10 working days }
#   incident: { first_response: 8 working hours, urgent_first_response: 4 hours,
#               answer: 7 working days }
#   due_soon: 3 working days
#   end_on_day_off: next             # next | previous

# Дополнения к встроенному производственному календарю.
calendar:
  office_hours: ["09:00-13:00", "14:00-18:00"]   # рабочие часы; перерыв не считается
  extra_days_off: []
  extra_working_days: []
"#;

const SECTOR: &str = r#"---
id: roads
title: "Дороги и транспорт"
lead: dorogi.lead
members: [dorogi.ispolnitel]
public_items: true
topics: ["0003.0009.0099"]           # «Транспорт», включая ремонт и содержание дорог
---
Ремонт и содержание дорог местного значения, пассажирские перевозки внутри района.

ЗАМЕНИТЕ: кто отвечает, как связаться, часы приёма.
"#;

fn example_appeal(id: &str, now: DateTime<FixedOffset>) -> String {
    EXAMPLE
        .replace("{id}", id)
        .replace("{received}", &now.to_rfc3339_opts(SecondsFormat::Secs, false))
        .replace("{registered}", &now.format("%Y-%m-%d").to_string())
}

const EXAMPLE: &str = r#"---
id: {id}
kind: appeal
channel: letter
received: {received}
registered: {registered}
topic: "0003.0009.0099.0742.0110"    # ремонт автомобильных дорог
sector: roads
locality: Центральное
assignee: dorogi.ispolnitel
status: assigned
public: false                        # пример: на публичный сайт не попадает
public_summary: "Пример: яма на дороге у школы"
applicant: { name: "Пример Заявитель" }
---
Это пример обращения. Текст обращения и рабочие заметки пишутся здесь, после полей;
на публичный сайт они не попадают.

Файлы обращений не удаляют: история git — журнал работы с ними. Исправьте этот пример под
первое настоящее обращение или доведите его до конца командами otklik.
"#;

const GITIGNORE: &str = r#"# Результат otklik build: собирается в CI, в репозиторий не кладётся.
site/
# Кэш разобранной истории git.
.otklik-cache/
"#;

const README: &str = r#"# Реестр обращений граждан

Обращения, сообщения ПОС и инциденты хранятся здесь файлами: один файл — одно обращение
(`appeals/ГОД/ГОД-НОМЕР.md`), поля сверху, текст и заметки ниже. Каждый коммит — запись в
журнале: кто и когда изменил статус, исполнителя, срок.

## Как работать

    otklik new --sector roads --topic 0003.0009.0099.0742 --locality Центральное \
               --summary "Яма у школы"
    otklik assign 2026-0002 dorogi.ispolnitel
    otklik status 2026-0002 in_progress
    otklik extend 2026-0002 --until 2026-05-05 --reason "запрос в Минтранс"
    otklik answer 2026-0002 --result explained --summary "Ремонт запланирован на май"
    otklik check

Каждая команда меняет только названные поля, проверяет результат и делает коммит от имени
пользователя git (`--no-commit` — только добавить в индекс). Файлы можно править и вручную
или в веб-интерфейсе: `otklik check` проверит всё.

## Публикация и закрытость служебного сайта

CI (`.gitlab-ci.yml` для GitLab, `.github/workflows/otklik.yml` для GitHub) проверяет
реестр, собирает сайт и публикует **только** `site/public/` — обезличенные сведения: номер,
даты, тема, блок, поселение, статус, срок, сводки, написанные для публикации.

Служебный сайт `site/internal/` содержит персональные данные заявителей (152-ФЗ) и никогда
не публикуется:

- в GitLab он сохраняется как артефакт задания `build` с `artifacts:access: developer` —
  скачать его могут только участники проекта с ролью Developer и выше;
- в GitHub — как артефакт запуска, доступный тем, у кого есть доступ к репозиторию.

Поэтому сам репозиторий должен быть закрытым (private): персональные данные есть и в
файлах обращений. Полная история git (`GIT_DEPTH: 0`, `fetch-depth: 0`) нужна, чтобы
проверять, кто и когда менял статусы.

Запускайте CI по расписанию раз в сутки, чтобы состояние сроков обновлялось и без коммитов.
"#;

const GITLAB_CI: &str = r#"# CI реестра обращений otklik для GitLab (основная платформа).
#
#   check — otklik check; замечания видны прямо в merge request (отчёт Code Quality);
#   build — otklik build; служебный сайт site/internal сохраняется закрытым артефактом;
#   pages — собирает и публикует через GitLab Pages только публичный сайт site/public
#           (с основной ветки).
#
# Служебный сайт содержит персональные данные (152-ФЗ) и в Pages не попадает никогда:
# задание pages собирает сайт заново и отдаёт в артефакт только public/, поэтому
# служебные файлы не оказываются даже в его архиве. В задании build служебный сайт
# хранится с artifacts:access: developer (GitLab 16.11+): скачать его могут только
# участники проекта с ролью Developer и выше. Сам проект должен быть закрытым (private).
#
# Создайте расписание (Build → Pipeline schedules), например ежедневно в 08:00: состояние
# сроков («просрочено», «скоро срок») меняется и без новых коммитов.

variables:
  # Полная история: по ней otklik проверяет, кто и когда менял статусы и сроки.
  GIT_DEPTH: 0
  # Образ и версия otklik. Быстрее всего — свой образ с уже установленным otklik:
  # задайте OTKLIK_IMAGE в Settings → CI/CD → Variables.
  OTKLIK_IMAGE: "rust:1"
  OTKLIK_VERSION: "0.1.0"
  CARGO_HOME: "$CI_PROJECT_DIR/.cargo"

default:
  image: $OTKLIK_IMAGE
  cache:
    key: "otklik-$OTKLIK_VERSION"
    paths: [.cargo/bin/]
  before_script:
    - export PATH="$CARGO_HOME/bin:$PATH"
    - command -v otklik || cargo install --locked otklik --version "$OTKLIK_VERSION"

stages: [check, build, deploy]

check:
  stage: check
  script:
    # Понятный текст — в журнал задания; JSON — для виджета Code Quality в merge request.
    - otklik check || true
    - otklik check --format gitlab > gl-code-quality-report.json
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json

build:
  stage: build
  script:
    - otklik build
  artifacts:
    name: "internal-site-$CI_COMMIT_SHORT_SHA"
    # Служебный сайт с персональными данными: только для участников проекта.
    access: developer
    expire_in: 30 days
    paths: [site/internal/]

pages:
  stage: deploy
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - otklik build
    # GitLab Pages публикует папку public/ из артефактов задания pages.
    - rm -rf public && mv site/public public
  artifacts:
    paths: [public/]
"#;

const GITHUB_WORKFLOW: &str = r#"# CI реестра обращений otklik для GitHub Actions (основная платформа — GitLab,
# см. .gitlab-ci.yml).
#
#   build  — otklik check (замечания — аннотациями в pull request), otklik build;
#   deploy — публикует через GitHub Pages только публичный сайт site/public
#            (с основной ветки).
#
# Служебный сайт site/internal содержит персональные данные (152-ФЗ) и в Pages не
# попадает: он сохраняется артефактом запуска на 30 дней, и скачать его могут только те,
# у кого есть доступ к репозиторию. Поэтому репозиторий должен быть закрытым (private);
# сайт Pages при этом остаётся публичным.

name: otklik

on:
  push:
    branches: [main]
  pull_request:
  workflow_dispatch:
  schedule:
    # Ежедневно в 01:00 UTC: состояние сроков меняется и без новых коммитов.
    - cron: "0 1 * * *"

permissions:
  contents: read

concurrency:
  group: otklik-${{ github.ref }}
  cancel-in-progress: false

env:
  OTKLIK_VERSION: "0.1.0"

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          # Полная история: по ней otklik проверяет, кто и когда менял статусы и сроки.
          fetch-depth: 0
      - name: Установить otklik
        run: cargo install --locked otklik --version "$OTKLIK_VERSION"
      - name: Проверить реестр
        run: otklik check --format github
      - name: Собрать сайт
        run: otklik build
      - name: Сохранить служебный сайт (только для участников репозитория)
        uses: actions/upload-artifact@v4
        with:
          name: internal-site
          path: site/internal/
          retention-days: 30
      - name: Передать публичный сайт в Pages
        if: github.event_name != 'pull_request'
        uses: actions/upload-pages-artifact@v3
        with:
          path: site/public/

  deploy:
    if: github.event_name != 'pull_request' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch)
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn a_folder_with_anything_in_it_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
        let e = init(dir.path(), &Options::default()).unwrap_err();
        assert!(matches!(e, InitError::NotEmpty { .. }));
        assert_eq!(std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(), "mine");
        assert!(!dir.path().join("otklik.yaml").exists());
    }

    #[test]
    fn the_example_is_received_now_in_the_municipality_zone() {
        let files =
            files(at("2026-12-31T20:00:00Z").with_timezone(&ZONE).fixed_offset(), "k@test.example");
        let (path, text) = &files[2];
        assert_eq!(path, "appeals/2027/2027-0001.md");
        assert!(text.contains("received: 2027-01-01T03:00:00+07:00\nregistered: 2027-01-01\n"));
    }

    #[test]
    fn every_ci_definition_and_the_configuration_are_valid_yaml() {
        for (path, text) in files(at("2026-12-04T10:00:00+07:00"), "k@test.example") {
            if path.ends_with(".yml") || path.ends_with(".yaml") {
                let parsed = crate::front_matter::parse::<serde_json::Value>(&text);
                assert!(parsed.is_ok(), "{path}: {parsed:?}");
            }
        }
    }

    #[test]
    fn the_ci_definitions_fetch_full_history_and_publish_only_the_public_site() {
        assert!(GITLAB_CI.contains("GIT_DEPTH: 0"));
        assert!(GITLAB_CI.contains("otklik check --format gitlab > gl-code-quality-report.json"));
        assert!(GITLAB_CI.contains("codequality: gl-code-quality-report.json"));
        assert!(GITLAB_CI.contains("mv site/public public"));
        assert!(GITLAB_CI.contains("access: developer"));
        assert!(GITHUB_WORKFLOW.contains("fetch-depth: 0"));
        assert!(GITHUB_WORKFLOW.contains("otklik check --format github"));
        assert!(GITHUB_WORKFLOW.contains("actions/upload-pages-artifact"));
        assert!(GITHUB_WORKFLOW.contains("path: site/public/"));
        assert!(GITHUB_WORKFLOW.contains("actions/deploy-pages"));
    }
}
