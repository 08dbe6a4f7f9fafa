//! The static site: public pages for citizens and internal pages for staff, written from
//! tera templates fed with views.
//!
//! The only module that uses tera. [`build`] does, in order:
//! 1. load the theme (embedded default, overridden by a folder on disk) — first, so that a
//!    broken template fails before anything is written;
//! 2. prepare what every page shares ([`views::Prepared`]): which items get pages, order,
//!    figures;
//! 3. write the public site, then the internal one, into a temporary folder next to the
//!    output (`<out>.tmp-<pid>`), pages in parallel, each rendered straight into its file;
//! 4. swap the temporary folder in place of the output only when everything succeeded.
//!
//! Links are relative everywhere (each page knows its `root`, such as `../`), so the site
//! works opened from disk and under any base URL. The same register and the same `today`
//! give byte-identical files: every list is sorted, and nothing but `today` says when the
//! site was built.

pub mod analytics;
mod analytics_words;
pub mod charts;
pub mod export;
pub mod feeds;
pub mod filters;
pub mod open311;
pub mod schema;
pub mod search;
mod theme;
pub mod timeline;
pub mod trend;
pub mod views;
pub mod words;

use crate::deadline::DeadlineState;
use crate::diagnostic::Tally;
use crate::load::Repository;
use crate::messages::Lang;
use crate::register::Register;
use crate::stats::Stats;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tera::{Context, Tera, Value};
use views::{Day, PAGE_SIZE, Prepared, Site};

/// What a build wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// HTML pages of the public site.
    pub public_pages: usize,
    /// HTML pages of the internal site.
    pub internal_pages: usize,
    /// The previous output, when it was moved aside but could not be removed; the new
    /// site is in place and this folder may be deleted by hand.
    pub leftover: Option<PathBuf>,
}

/// Why a build failed. The previous output, if any, is untouched.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A theme file could not be read.
    #[error("{path}: cannot read the theme file: {detail}")]
    Theme {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        detail: String,
    },
    /// A template does not parse, or failed while rendering a page.
    #[error("template {template}: {detail}")]
    Template {
        /// The template's name, or its path for a template from disk.
        template: String,
        /// Tera's report, with the line and a caret.
        detail: String,
    },
    /// Writing the site failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The output exists and is not a site otklik built, or holds the sources.
    #[error(
        "{0}: refusing to replace it — it is not a site built by otklik, or it holds the repository's sources; choose an empty or new folder"
    )]
    UnsafeOutput(PathBuf),
    /// The head's report was aimed at a folder that is not a site otklik built.
    #[error(
        "{0}: not a site built by otklik (no {marker}); run `otklik build` first, or give --out the folder it built",
        marker = SITE_MARKER
    )]
    NotASite(PathBuf),
    /// The output path has no folder name to put the temporary folder next to.
    #[error("{0}: the output must be a named folder")]
    BadOutput(PathBuf),
}

impl RenderError {
    /// The error in the user's language; `Display` gives the English text.
    pub fn message(&self) -> crate::messages::Message {
        use crate::messages::Message;
        match self {
            RenderError::Theme { path, detail } => Message::new(
                format!("{}: файл темы не читается: {detail}", path.display()),
                self.to_string(),
            ),
            RenderError::Template { template, detail } => {
                Message::new(format!("шаблон {template}: {detail}"), self.to_string())
            }
            RenderError::Io { path, source } => {
                Message::new(format!("{}: {source}", path.display()), self.to_string())
            }
            RenderError::UnsafeOutput(path) => Message::new(
                format!(
                    "{}: не заменю эту папку — её собрал не otklik, или в ней исходники репозитория; укажите пустую или новую папку",
                    path.display()
                ),
                self.to_string(),
            ),
            RenderError::NotASite(path) => Message::new(
                format!(
                    "{}: это не сайт, собранный otklik (нет файла {SITE_MARKER}); сначала выполните otklik build или укажите в --out собранный им сайт",
                    path.display()
                ),
                self.to_string(),
            ),
            RenderError::BadOutput(path) => Message::new(
                format!("{}: выход должен быть папкой с именем", path.display()),
                self.to_string(),
            ),
        }
    }
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> RenderError + '_ {
    move |source| RenderError::Io { path: path.to_path_buf(), source }
}

/// The repository's theme folder, `themes/<config.theme>/`, when it exists.
pub fn theme_dir(repo: &Repository) -> Option<PathBuf> {
    let name = &repo.config.theme;
    let dir = repo.root.join("themes").join(name);
    (views::is_slug(name) && dir.is_dir()).then_some(dir)
}

/// Builds both sites of `register` into `out` (`out/public/`, `out/internal/`).
///
/// `theme_dir` overrides the embedded default theme file by file. Fails when the theme
/// cannot be loaded, a template fails, or a file cannot be written; then `out` is left
/// exactly as it was and the temporary folder is removed.
pub fn build(
    register: &Register,
    out: &Path,
    theme_dir: Option<&Path>,
) -> Result<BuildReport, RenderError> {
    let started = std::time::Instant::now();
    check_output(out, &register.repo.root)?;
    let theme = theme::load(theme_dir)?;
    log::debug!("render: theme loaded in {:?}", started.elapsed());
    let (tmp, old) = staging_paths(out)?;
    remove_if_exists(&tmp)?;
    let written = write_sites(register, &theme, &tmp).and_then(|counts| {
        let swapping = std::time::Instant::now();
        let leftover = swap(&tmp, out, &old)?;
        log::debug!("render: output swapped in {:?}", swapping.elapsed());
        Ok((counts, leftover))
    });
    match written {
        Ok(((public_pages, internal_pages), leftover)) => {
            Ok(BuildReport { public_pages, internal_pages, leftover })
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            Err(e)
        }
    }
}

/// The variables every page of `site` shares: the interface texts, the language, the
/// site's title and today.
fn set_globals(tera: &mut Tera, reg: &Register, lang: Lang, site: Site) {
    let ui = words::ui(lang);
    let config = &reg.repo.config;
    let title = if config.title.trim().is_empty() { ui["home_title"] } else { &config.title };
    // The catalogue's texts are ours: escape them once here instead of on every page.
    let texts: BTreeMap<&str, Value> =
        ui.iter().map(|(k, v)| (*k, Value::safe_string(&escaped(v)))).collect();
    let global = tera.global_context();
    global.insert_value("t", Value::from(texts));
    let tl: BTreeMap<&str, Value> = timeline::texts(lang)
        .into_iter()
        .map(|(k, v)| (k, Value::safe_string(&escaped(v))))
        .collect();
    global.insert_value("tl", Value::from(tl));
    global.insert("lang", lang.code());
    global.insert(
        "site",
        &SiteInfo { title, municipality: &config.name, internal: site == Site::Internal },
    );
    global.insert("today", &Day::of(reg.today, lang));
}

/// Writes the head's printable report of `period` into `out/internal/reports/` and
/// returns its path. The rest of the site is left as it is. `out` must be a site `build`
/// made (it has [`SITE_MARKER`]), so that the report's stylesheet and item links resolve
/// and an internal page cannot land in a public folder.
///
/// Fails when `out` is not such a site, the theme cannot be loaded, the template fails, or the file cannot be
/// written (it is written to a temporary name and renamed, so no half report is left).
pub fn write_head_report(
    register: &Register,
    out: &Path,
    theme_dir: Option<&Path>,
    period: &crate::analytics::Period,
) -> Result<PathBuf, RenderError> {
    // The report is internal: it goes only into a site `build` made, whose internal part
    // is where it belongs, never into a public folder or the repository's sources.
    if !is_built_site(out) {
        return Err(RenderError::NotASite(out.to_path_buf()));
    }
    let theme = theme::load(theme_dir)?;
    let mut tera = theme.tera.clone();
    set_globals(&mut tera, register, register.repo.config.lang, Site::Internal);
    let cx = analytics::Context::new(register);
    let page = analytics::head_report(&cx, period);
    let mut ctx = Context::new();
    ctx.insert("page_title", &page.title);
    ctx.insert("page_body", &page.body);
    ctx.insert("root", page.root);
    ctx.insert("section", "analytics");
    let template = "shared/analytics.html";
    let html = tera
        .render(template, &ctx)
        .map_err(|e| RenderError::Template { template: template.into(), detail: e.to_string() })?;
    let path = out.join("internal").join(&page.path);
    let folder = path.parent().unwrap_or(out).to_path_buf();
    fs::create_dir_all(&folder).map_err(io_error(&folder))?;
    let tmp = path.with_extension("html.tmp");
    fs::write(&tmp, html).map_err(io_error(&tmp))?;
    fs::rename(&tmp, &path).map_err(io_error(&path))?;
    Ok(path)
}

/// Whether `out` is a site `build` made, as it made it: its marker a plain file, and its
/// `public/` and `internal/` plain folders — not links that would carry a write elsewhere.
fn is_built_site(out: &Path) -> bool {
    let is = |name: &str, dir: bool| {
        fs::symlink_metadata(out.join(name)).is_ok_and(|m| {
            let t = m.file_type();
            if dir { t.is_dir() } else { t.is_file() }
        })
    };
    is(SITE_MARKER, false) && is("public", true) && is("internal", true)
}

/// The file that marks a folder as a site otklik built, so that a rebuild may replace it.
pub const SITE_MARKER: &str = ".otklik-site";

/// Refuses an output that a build would destroy by mistake: the swap replaces `out`
/// whole, so it must be missing, empty, or a site otklik built (its marker, or nothing
/// but `public/` and `internal/`), and it must not hold the repository or lie inside the
/// folders of its sources.
fn check_output(out: &Path, root: &Path) -> Result<(), RenderError> {
    let absolute = |p: &Path| {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        p.components().fold(PathBuf::new(), |mut acc, c| {
            match c {
                std::path::Component::ParentDir => {
                    acc.pop();
                }
                std::path::Component::CurDir => {}
                other => acc.push(other),
            }
            acc
        })
    };
    let (out_abs, root_abs) = (absolute(out), absolute(root));
    let sources = ["appeals", "sectors", "themes", "discussions", ".git"];
    let inside_sources = sources.iter().any(|f| out_abs.starts_with(root_abs.join(f)));
    if root_abs.starts_with(&out_abs) || inside_sources {
        return Err(RenderError::UnsafeOutput(out.to_path_buf()));
    }
    let Ok(meta) = fs::symlink_metadata(out) else { return Ok(()) };
    if !meta.is_dir() {
        return Err(RenderError::UnsafeOutput(out.to_path_buf()));
    }
    let entries = fs::read_dir(out).map_err(io_error(out))?;
    let names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let ours = names.iter().any(|n| n == SITE_MARKER)
        || names.iter().all(|n| n == "public" || n == "internal");
    if ours { Ok(()) } else { Err(RenderError::UnsafeOutput(out.to_path_buf())) }
}

/// `<out>.tmp-<pid>` and `<out>.old-<pid>`, next to `out`.
fn staging_paths(out: &Path) -> Result<(PathBuf, PathBuf), RenderError> {
    let name = out.file_name().ok_or_else(|| RenderError::BadOutput(out.to_path_buf()))?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io_error(&parent))?;
    let pid = std::process::id();
    let with = |suffix: &str| {
        let mut n = name.to_os_string();
        n.push(format!(".{suffix}-{pid}"));
        parent.join(n)
    };
    Ok((with("tmp"), with("old")))
}

/// Removes `path` and everything under it, if it exists; the folders directly under it
/// are removed in parallel (a site is two large trees).
fn remove_if_exists(path: &Path) -> Result<(), RenderError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => {
            let children: Vec<PathBuf> = fs::read_dir(path)
                .map_err(io_error(path))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            children.par_iter().try_for_each(|child| match fs::symlink_metadata(child) {
                Ok(m) if m.is_dir() => fs::remove_dir_all(child).map_err(io_error(child)),
                Ok(_) => fs::remove_file(child).map_err(io_error(child)),
                Err(_) => Ok(()),
            })?;
            fs::remove_dir(path).map_err(io_error(path))
        }
        Ok(_) => fs::remove_file(path).map_err(io_error(path)),
        Err(_) => Ok(()),
    }
}

/// Opens a captioned table, up to its first header cell, inside the wrapper that lets a wide
/// table scroll sideways on a narrow screen. The wrapper takes keyboard focus, so the sideways
/// scroll works without a mouse too; it is a named group rather than a region, since the
/// section around it often bears the same name and landmarks must differ. `caption` is
/// already HTML.
fn table_open(class: &str, caption: &str) -> String {
    let class = if class.is_empty() { String::new() } else { format!(" class=\"{class}\"") };
    format!(
        "<div class=\"table-wrap\" role=\"group\" tabindex=\"0\" aria-label=\"{caption}\">\
         <table{class}><caption>{caption}</caption><thead><tr>"
    )
}

/// The rest of a header row opened by [`table_open`]: one column header per item (already
/// HTML), then the opening of the body.
fn column_heads(heads: &[&str]) -> String {
    let mut row: String = heads.iter().map(|h| format!("<th scope=\"col\">{h}</th>")).collect();
    row.push_str("</tr></thead><tbody>");
    row
}

/// `text` escaped for HTML.
fn escaped(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 8);
    tera::escape_html(text, &mut out).expect("writing to a vector does not fail");
    String::from_utf8(out).expect("escaping keeps UTF-8 intact")
}

/// Moves `out` aside, `tmp` into its place, and removes the old one; puts `out` back when
/// the second step fails.
fn swap(tmp: &Path, out: &Path, old: &Path) -> Result<Option<PathBuf>, RenderError> {
    let had_old = fs::symlink_metadata(out).is_ok();
    if had_old {
        remove_if_exists(old)?;
        fs::rename(out, old).map_err(io_error(out))?;
    }
    if let Err(e) = fs::rename(tmp, out) {
        if had_old {
            let _ = fs::rename(old, out);
        }
        return Err(io_error(out)(e));
    }
    if had_old && remove_if_exists(old).is_err() {
        return Ok(Some(old.to_path_buf()));
    }
    Ok(None)
}

fn write_sites(
    reg: &Register,
    theme: &theme::Theme,
    dir: &Path,
) -> Result<(usize, usize), RenderError> {
    let started = std::time::Instant::now();
    let marker = dir.join(SITE_MARKER);
    fs::create_dir_all(dir).map_err(io_error(dir))?;
    fs::write(&marker, "built by otklik; the next build replaces this folder whole\n")
        .map_err(io_error(&marker))?;
    let prep = Prepared::new(reg);
    log::debug!("render: prepared in {:?}", started.elapsed());
    let mut counts = Vec::with_capacity(2);
    for (site, name) in [(Site::Public, "public"), (Site::Internal, "internal")] {
        let started = std::time::Instant::now();
        let writer = SiteWriter::new(&prep, site, theme, dir.join(name));
        log::debug!("render: {name} views built in {:?}", started.elapsed());
        let count = writer.write()?;
        log::debug!("render: {name} site written ({count} pages) in {:?}", started.elapsed());
        counts.push(count);
    }
    Ok((counts[0], counts[1]))
}

/// One page of a site.
#[derive(Debug, Clone, Copy)]
enum Page {
    /// The dashboard.
    Home,
    /// A page of the list of items, from 1.
    List(usize),
    /// An item's page, by item index.
    Item(usize),
    /// A sector's page: sector index, page from 1.
    Sector(usize, usize),
    /// A filter page of the list: filter index, value index, page from 1.
    Filter(usize, usize, usize),
    /// The lookup's list of years.
    LookupHome,
    /// A year of the lookup, by index.
    LookupYear(usize),
    /// A block of numbers: year index, block index.
    LookupRange(usize, usize),
    /// Internal: overdue and due-soon queues.
    Queues,
    /// Internal: the check report.
    Report,
}

/// Site-wide values every template sees.
#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    municipality: &'a str,
    internal: bool,
}

/// Links between the pages of a list.
#[derive(Serialize)]
struct Pagination {
    page: usize,
    pages: usize,
    text: String,
    prev: Option<String>,
    next: Option<String>,
    links: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    href: String,
    current: bool,
    gap: bool,
}

/// A queue of waiting items under one heading.
#[derive(Serialize)]
struct Queue {
    title: String,
    items: Vec<Value>,
}

/// The report's findings for one file.
#[derive(Serialize)]
struct ReportFile<'a> {
    file: &'a str,
    page: Option<String>,
    findings: Vec<views::Finding<'a>>,
}

/// Only the id and title of a sector, for its second and later list pages.
#[derive(Serialize)]
struct SectorTitle<'a> {
    id: &'a str,
    title: &'a str,
}

/// What the search script needs beyond the catalogue's texts: how to write a date and a
/// number the way the pages do.
#[derive(Serialize)]
struct SearchForm {
    /// The month names of a date in words, separated by `|`.
    months: String,
    /// A date in words with `{d}`, `{m}` and `{y}` for day, month name and year.
    date: String,
    /// The digit group separator of counts.
    group: String,
    /// Counts of this many digits or more are grouped.
    group_from: usize,
}

impl SearchForm {
    fn new(lang: Lang) -> SearchForm {
        let (date, months) = words::date_pattern(lang);
        let (separator, from) = words::number_grouping(lang);
        SearchForm {
            months: months.join("|"),
            date: date.to_string(),
            group: separator.to_string(),
            group_from: from,
        }
    }
}

/// A lookup year with its count in words.
#[derive(Serialize)]
struct YearLine {
    year: i32,
    count_text: String,
}

struct SiteWriter<'a> {
    prep: &'a Prepared<'a>,
    site: Site,
    tera: Tera,
    statics: &'a BTreeMap<String, Vec<u8>>,
    dir: PathBuf,
    ui: BTreeMap<&'static str, &'static str>,
    /// Each item's line in lists, by item index.
    rows: Vec<Value>,
    /// Items with a page on this site, newest first.
    listed: Vec<usize>,
    /// Per sector: its items with a page on this site, newest first.
    sector_listed: Vec<Vec<usize>>,
    /// Per sector: its figures (all its items, with or without a page).
    sector_stats: Vec<Stats>,
    /// Years of the lookup and the items of each block.
    lookup: Vec<(views::LookupYear, Vec<Vec<usize>>)>,
    /// The list's filters by status, settlement, kind and channel.
    filters: Vec<filters::Filter>,
    /// The filter panel of the list pages, the same on each.
    panel: Value,
}

impl<'a> SiteWriter<'a> {
    fn new(prep: &'a Prepared<'a>, site: Site, theme: &'a theme::Theme, dir: PathBuf) -> Self {
        let reg = prep.reg;
        let lang = prep.lang;
        let ui = words::ui(lang);
        let mut tera = theme.tera.clone();
        set_globals(&mut tera, reg, lang, site);

        let n = reg.repo.appeals.len();
        let started = std::time::Instant::now();
        let rows: Vec<Value> = (0..n)
            .into_par_iter()
            .map(|i| match site {
                Site::Public => Value::from_serializable(&prep.public_item(site, i)),
                Site::Internal => Value::from_serializable(&prep.internal_row(i)),
            })
            .collect();
        log::debug!("render: {n} rows in {:?}", started.elapsed());
        let listed: Vec<usize> =
            prep.newest_first.iter().copied().filter(|&i| prep.has_page(site, i)).collect();
        let sectors = reg.repo.sectors.len();
        let mut sector_listed = vec![Vec::new(); sectors];
        let mut sector_all = vec![Vec::new(); sectors];
        for &i in &prep.newest_first {
            if let Some(s) = prep.sector_of[i] {
                sector_all[s].push(i);
                if prep.has_page(site, i) {
                    sector_listed[s].push(i);
                }
            }
        }
        let sector_stats = sector_all.into_iter().map(|items| prep.stats(site, items)).collect();
        let filters = filters::filters(prep, &listed);
        let panel = Value::from_serializable(&filters::panel(prep, &filters, &sector_listed, &ui));
        SiteWriter {
            prep,
            site,
            tera,
            statics: &theme.statics,
            dir,
            ui,
            rows,
            listed,
            sector_listed,
            sector_stats,
            lookup: prep.lookup(),
            filters,
            panel,
        }
    }

    fn lang(&self) -> Lang {
        self.prep.lang
    }

    /// Writes every page, the static files and (public) the open data; returns the number
    /// of pages.
    fn write(&self) -> Result<usize, RenderError> {
        let pages = self.pages();
        let mut folders = vec![
            self.dir.clone(),
            self.dir.join("appeals"),
            self.dir.join("sectors"),
            self.dir.join("lookup"),
            self.dir.join("assets"),
        ];
        folders.extend(
            self.filters.iter().map(|f| self.dir.join(format!("appeals/{}", f.dimension.code()))),
        );
        folders
            .extend(self.lookup.iter().map(|(y, _)| self.dir.join(format!("lookup/{}", y.year))));
        if self.site == Site::Public {
            folders.push(self.dir.join("data"));
            folders.push(self.dir.join("open311"));
        }
        for folder in &folders {
            fs::create_dir_all(folder).map_err(io_error(folder))?;
        }
        for (name, bytes) in self.statics {
            let path = self.dir.join("assets").join(name);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(io_error(parent))?;
            }
            fs::write(&path, bytes).map_err(io_error(&path))?;
        }
        let started = std::time::Instant::now();
        pages.par_iter().try_for_each(|page| self.render(*page))?;
        log::debug!("render: {} pages rendered in {:?}", pages.len(), started.elapsed());
        if self.site == Site::Public {
            self.write_data()?;
            self.write_search()?;
            self.write_feeds()?;
        }
        let analytics = self.write_analytics()?;
        Ok(pages.len() + analytics)
    }

    fn pages(&self) -> Vec<Page> {
        let mut pages = vec![Page::Home, Page::LookupHome];
        pages.extend((1..=page_count(self.listed.len())).map(Page::List));
        pages.extend(self.listed.iter().map(|&i| Page::Item(i)));
        for (f, filter) in self.filters.iter().enumerate() {
            for (v, value) in filter.values.iter().enumerate() {
                pages.extend((1..=page_count(value.items.len())).map(|p| Page::Filter(f, v, p)));
            }
        }
        for (s, items) in self.sector_listed.iter().enumerate() {
            if self.prep.sector_pageable[s] {
                pages.extend((1..=page_count(items.len())).map(|p| Page::Sector(s, p)));
            }
        }
        for (y, (_, blocks)) in self.lookup.iter().enumerate() {
            pages.push(Page::LookupYear(y));
            pages.extend((0..blocks.len()).map(|b| Page::LookupRange(y, b)));
        }
        if self.site == Site::Internal {
            pages.extend([Page::Queues, Page::Report]);
        }
        pages
    }

    fn template(&self, name: &str) -> String {
        match self.site {
            Site::Public => format!("public/{name}"),
            Site::Internal => format!("internal/{name}"),
        }
    }

    fn render(&self, page: Page) -> Result<(), RenderError> {
        let mut ctx = Context::new();
        let (path, template, root, section) = match page {
            Page::Home => {
                self.home(&mut ctx);
                ("index.html".to_string(), self.template("index.html"), "", "home")
            }
            Page::List(p) => {
                self.list(&mut ctx, p);
                (list_file(p), self.template("appeals.html"), "../", "appeals")
            }
            Page::Filter(f, v, p) => {
                let file = self.filter_page(&mut ctx, f, v, p);
                (file, self.template("appeals.html"), "../../", "appeals")
            }
            Page::Item(i) => {
                ctx.insert_value("item", self.rows[i].clone());
                let id = &self.prep.reg.repo.appeals[i].id;
                if self.site == Site::Internal {
                    ctx.insert("detail", &self.prep.internal_detail(i));
                    ctx.insert("timeline", &timeline::internal(self.prep.reg, id));
                } else {
                    ctx.insert("timeline", &timeline::public(self.prep.reg, id));
                }
                (format!("appeals/{id}.html"), self.template("appeal.html"), "../", "appeals")
            }
            Page::Sector(s, p) => {
                let file = self.sector(&mut ctx, s, p);
                (file, self.template("sector.html"), "../", "home")
            }
            Page::LookupHome => {
                self.lookup_home(&mut ctx);
                ("lookup/index.html".into(), "shared/lookup_index.html".into(), "../", "lookup")
            }
            Page::LookupYear(y) => {
                let year = &self.lookup[y].0;
                ctx.insert("year", year);
                let file = format!("lookup/{}/index.html", year.year);
                (file, "shared/lookup_year.html".into(), "../../", "lookup")
            }
            Page::LookupRange(y, b) => {
                let file = self.lookup_range(&mut ctx, y, b);
                (file, "shared/lookup_range.html".into(), "../../", "lookup")
            }
            Page::Queues => {
                self.queues(&mut ctx);
                ("queues.html".into(), self.template("queues.html"), "", "queues")
            }
            Page::Report => {
                self.report(&mut ctx);
                ("report.html".into(), self.template("report.html"), "", "report")
            }
        };
        ctx.insert("root", root);
        ctx.insert("section", section);
        let path = self.dir.join(path);
        let file = fs::File::create(&path).map_err(io_error(&path))?;
        let mut writer = BufWriter::with_capacity(64 * 1024, file);
        self.tera.render_to(&template, &ctx, &mut writer).map_err(|e| RenderError::Template {
            template: template.clone(),
            detail: e.to_string(),
        })?;
        writer.flush().map_err(io_error(&path))
    }

    fn home(&self, ctx: &mut Context) {
        let prep = self.prep;
        let lang = self.lang();
        let stats = prep.stats(self.site, 0..prep.reg.repo.appeals.len());
        let view = prep.stats_view(&stats);
        let caption = |id, title, desc| charts::Caption { id, title, desc };
        let month_chart = trend::kind_chart(
            &caption("chart-month", self.ui["by_month_kind"], self.ui["chart_kind_desc"]),
            &view.by_month_kind,
            lang,
        );
        let on_time_chart = trend::on_time_chart(
            &caption("chart-on-time", self.ui["on_time_by_month"], self.ui["chart_on_time_desc"]),
            &view.on_time_by_month,
            lang,
        );
        let bars = |rows: &[views::RowView]| -> Vec<charts::Bar> {
            rows.iter()
                .map(|r| charts::Bar {
                    label: r.label.clone(),
                    value: r.count.value,
                    value_text: r.count.text.clone(),
                })
                .collect()
        };
        let locality_chart = charts::rows(
            &caption("chart-locality", self.ui["by_locality"], self.ui["chart_locality_desc"]),
            &bars(&view.by_locality),
        );
        let sector_chart = charts::rows(
            &caption("chart-sector", self.ui["by_sector"], self.ui["chart_sector_desc"]),
            &bars(&view.by_sector),
        );
        let sectors: Vec<views::SectorRow<'_>> = (0..prep.reg.repo.sectors.len())
            .map(|s| prep.sector_row(s, &self.sector_stats[s]))
            .collect();
        ctx.insert("stats", &view);
        ctx.insert("sectors", &sectors);
        ctx.insert("month_chart", &month_chart);
        ctx.insert("on_time_chart", &on_time_chart);
        ctx.insert("locality_chart", &locality_chart);
        ctx.insert("sector_chart", &sector_chart);
    }

    fn list(&self, ctx: &mut Context, page: usize) {
        let total = self.prep.reg.repo.appeals.len() as u64;
        let note = match self.site {
            Site::Public => words::fill(
                self.ui["listed_note_public"],
                &[
                    ("shown", words::number(self.listed.len() as u64, self.lang())),
                    ("total", words::number(total, self.lang())),
                ],
            ),
            Site::Internal => words::fill(
                self.ui["listed_note_internal"],
                &[("total", words::number(total, self.lang()))],
            ),
        };
        ctx.insert("listed_note", &note);
        ctx.insert_value("items", self.chunk(&self.listed, page));
        ctx.insert(
            "pagination",
            &self.pagination(page, page_count(self.listed.len()), list_file_name),
        );
        self.filter_panel(ctx, None, list_file(1), page);
        let search = (self.site == Site::Public && page == 1).then(|| SearchForm::new(self.lang()));
        ctx.insert("search", &search);
    }

    /// Page `page` of the list narrowed to value `v` of filter `f`; returns its file.
    fn filter_page(&self, ctx: &mut Context, f: usize, v: usize, page: usize) -> String {
        let filter = &self.filters[f];
        let value = &filter.values[v];
        let noun = self.ui[filter.dimension.code()];
        let title = words::fill(self.ui["filter_title"], &[("value", value.label.clone())]);
        let note_key = match self.site {
            Site::Public => "filter_note_public",
            Site::Internal => "filter_note_internal",
        };
        let note = words::fill(
            self.ui[note_key],
            &[("dimension", noun.to_string()), ("value", value.label.clone())],
        );
        ctx.insert("listed_note", &note);
        ctx.insert_value("items", self.chunk(&value.items, page));
        let slug = value.slug.clone();
        ctx.insert(
            "pagination",
            &self.pagination(page, page_count(value.items.len()), move |p| {
                filters::file_name(&slug, p)
            }),
        );
        let current = filters::file(filter.dimension, &value.slug, 1);
        self.filter_panel(ctx, Some((filter.dimension.code(), title)), current, page);
        ctx.insert("search", &None::<SearchForm>);
        filters::file(filter.dimension, &value.slug, page)
    }

    /// The filter panel, with the link to `current` (a first page, relative to the site
    /// root) marked; `filter` is the dimension and title of a filter page.
    fn filter_panel(
        &self,
        ctx: &mut Context,
        filter: Option<(&str, String)>,
        current: String,
        page: usize,
    ) {
        let (group, title) = filter.unzip();
        ctx.insert_value("panel", self.panel.clone());
        ctx.insert("current", &current);
        ctx.insert("current_group", &group.unwrap_or_default());
        // The link leads to the first page of the filter; on a later page it marks the
        // current set of pages, not this very page.
        ctx.insert("current_aria", if page == 1 { "page" } else { "true" });
        ctx.insert("list_title", title.as_deref().unwrap_or(self.ui["appeals_title"]));
    }

    /// The lines of page `page` (from 1) of `items`.
    fn chunk(&self, items: &[usize], page: usize) -> Value {
        let start = (page - 1) * PAGE_SIZE;
        let end = (start + PAGE_SIZE).min(items.len());
        let rows: Vec<Value> =
            items[start.min(end)..end].iter().map(|&i| self.rows[i].clone()).collect();
        Value::from(rows)
    }

    fn pagination(&self, page: usize, pages: usize, href: impl Fn(usize) -> String) -> Pagination {
        let text = words::fill(
            self.ui["page_of"],
            &[("page", page.to_string()), ("pages", pages.to_string())],
        );
        let mut links = Vec::new();
        let mut last_shown = 0;
        for n in 1..=pages {
            let near = n + 2 >= page && n <= page + 2;
            if pages <= 12 || n == 1 || n == pages || near {
                if n > last_shown + 1 {
                    links.push(PageLink {
                        number: 0,
                        href: String::new(),
                        current: false,
                        gap: true,
                    });
                }
                links.push(PageLink { number: n, href: href(n), current: n == page, gap: false });
                last_shown = n;
            }
        }
        Pagination {
            page,
            pages,
            text,
            prev: (page > 1).then(|| href(page - 1)),
            next: (page < pages).then(|| href(page + 1)),
            links,
        }
    }

    fn sector(&self, ctx: &mut Context, s: usize, page: usize) -> String {
        let id = self.prep.reg.repo.sectors[s].id.clone();
        let items = &self.sector_listed[s];
        if page == 1 {
            ctx.insert("sector", &self.prep.sector_view(self.site, s, &self.sector_stats[s]));
        } else {
            let sector = &self.prep.reg.repo.sectors[s];
            ctx.insert("sector", &SectorTitle { id: &sector.id, title: &sector.title });
        }
        ctx.insert_value("items", self.chunk(items, page));
        // Items of a sector that concerns persons, or marked not public, count in the
        // figures but have no line here; the page says so rather than "no appeals".
        ctx.insert("unlisted", &(self.sector_stats[s].total as usize > items.len()));
        let file_id = id.clone();
        ctx.insert(
            "pagination",
            &self.pagination(page, page_count(items.len()), move |p| sector_file_name(&file_id, p)),
        );
        format!("sectors/{}", sector_file_name(&id, page))
    }

    fn lookup_home(&self, ctx: &mut Context) {
        let years: Vec<YearLine> = self
            .lookup
            .iter()
            .map(|(y, _)| YearLine {
                year: y.year,
                count_text: words::number(y.count as u64, self.lang()),
            })
            .collect();
        let ranges = self
            .lookup
            .iter()
            .map(|(y, _)| {
                let starts: Vec<String> = y.ranges.iter().map(|r| r.start.to_string()).collect();
                format!("{}:{}", y.year, starts.join(","))
            })
            .collect::<Vec<_>>()
            .join(";");
        ctx.insert("years", &years);
        ctx.insert("ranges_attr", &ranges);
    }

    fn lookup_range(&self, ctx: &mut Context, y: usize, b: usize) -> String {
        let (year, blocks) = &self.lookup[y];
        let range = &year.ranges[b];
        let entries: Vec<views::LookupEntry<'_>> =
            blocks[b].iter().map(|&i| self.prep.lookup_entry(self.site, i)).collect();
        ctx.insert("hidden_items", &entries.iter().any(|e| e.page.is_none()));
        ctx.insert("entries", &entries);
        ctx.insert("range", range);
        ctx.insert("year", &year.year);
        format!("lookup/{}/{}", year.year, range.file)
    }

    fn queues(&self, ctx: &mut Context) {
        let reg = self.prep.reg;
        let mut waiting: Vec<usize> = (0..reg.repo.appeals.len())
            .filter(|&i| {
                self.prep.pageable[i]
                    && matches!(
                        reg.deadlines[i].state,
                        DeadlineState::Overdue | DeadlineState::DueSoon
                    )
            })
            .collect();
        waiting.sort_by_key(|&i| {
            (
                views::due_of(&reg.deadlines[i]).map(|d| d.day()),
                reg.repo.appeals[i].year_and_number(),
            )
        });
        let mut by_sector: BTreeMap<&str, Vec<usize>> =
            reg.repo.sectors.iter().map(|s| (s.id.as_str(), Vec::new())).collect();
        let mut by_assignee: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
        for &i in &waiting {
            let a = &reg.repo.appeals[i];
            by_sector.entry(a.sector.as_str()).or_default().push(i);
            let key = match a.assignee.as_deref() {
                Some(id) => (reg.repo.config.staff_member(id).map_or(id, |s| s.name.as_str()), id),
                None => ("", ""),
            };
            by_assignee.entry(key).or_default().push(i);
        }
        let rows = |items: &[usize]| items.iter().map(|&i| self.rows[i].clone()).collect();
        let sector_queues: Vec<Queue> = by_sector
            .iter()
            .map(|(id, items)| Queue {
                title: reg.repo.sector(id).map_or(id.to_string(), |s| s.title.clone()),
                items: rows(items),
            })
            .collect();
        let assignee_queues: Vec<Queue> = by_assignee
            .iter()
            .map(|((name, id), items)| Queue {
                title: if id.is_empty() {
                    self.ui["unassigned"].to_string()
                } else {
                    format!("{name} ({id})")
                },
                items: rows(items),
            })
            .collect();
        ctx.insert("by_sector", &sector_queues);
        ctx.insert("by_assignee", &assignee_queues);
    }

    fn report(&self, ctx: &mut Context) {
        let reg = self.prep.reg;
        let by_file: HashMap<&str, usize> =
            reg.repo.appeals.iter().enumerate().map(|(i, a)| (a.file.as_str(), i)).collect();
        let files: Vec<ReportFile<'_>> = self
            .prep
            .findings
            .keys()
            .map(|file| ReportFile {
                file,
                page: by_file.get(file).and_then(|&i| self.prep.item_page(self.site, i)),
                findings: self.prep.findings_of(file),
            })
            .collect();
        let tally = Tally::of(&reg.diagnostics);
        let text = words::fill(
            self.ui["tally"],
            &[
                ("errors", words::number(tally.errors as u64, self.lang())),
                ("warnings", words::number(tally.warnings as u64, self.lang())),
            ],
        );
        ctx.insert("files", &files);
        ctx.insert("tally", &text);
    }

    /// Writes the analytics pages of this site (see [`analytics`]); returns their number.
    fn write_analytics(&self) -> Result<usize, RenderError> {
        let cx = analytics::Context::new(self.prep.reg);
        let pages = match self.site {
            Site::Public => analytics::public_pages(&cx),
            Site::Internal => analytics::internal_pages(&cx),
        };
        let folder = self.dir.join("discussions");
        fs::create_dir_all(&folder).map_err(io_error(&folder))?;
        pages.par_iter().try_for_each(|page| {
            let mut ctx = Context::new();
            ctx.insert("page_title", &page.title);
            ctx.insert("page_body", &page.body);
            ctx.insert("root", page.root);
            ctx.insert("section", "analytics");
            let path = self.dir.join(&page.path);
            let file = fs::File::create(&path).map_err(io_error(&path))?;
            let mut writer = BufWriter::new(file);
            let template = "shared/analytics.html";
            self.tera.render_to(template, &ctx, &mut writer).map_err(|e| {
                RenderError::Template { template: template.into(), detail: e.to_string() }
            })?;
            writer.flush().map_err(io_error(&path))
        })?;
        if self.site == Site::Internal {
            self.write_sstu(&cx)?;
        }
        Ok(pages.len())
    }

    /// Internal: the monthly ССТУ.РФ CSV of every month with items, as
    /// `sstu/<YYYY-MM>.csv`.
    fn write_sstu(&self, cx: &analytics::Context<'_>) -> Result<(), RenderError> {
        let folder = self.dir.join("sstu");
        fs::create_dir_all(&folder).map_err(io_error(&folder))?;
        let months: std::collections::BTreeSet<crate::analytics::Month> = cx
            .reg
            .repo
            .appeals
            .iter()
            .map(|a| crate::analytics::Month::of(a.received.day()))
            .collect();
        for month in months {
            let path = folder.join(format!("{}.csv", month.code()));
            let csv = crate::analytics::sstu::sstu_csv(&cx.facts, month);
            fs::write(&path, csv).map_err(io_error(&path))?;
        }
        Ok(())
    }

    /// The search index of the public list (see [`search`]), written item by item.
    fn write_search(&self) -> Result<(), RenderError> {
        let started = std::time::Instant::now();
        let path = self.dir.join("data/search.json");
        let file = fs::File::create(&path).map_err(io_error(&path))?;
        let items = self.listed.iter().map(|&i| self.prep.public_item(Site::Public, i));
        search::write_index(items, BufWriter::with_capacity(256 * 1024, file))
            .map_err(io_error(&path))?;
        log::debug!("render: search index written in {:?}", started.elapsed());
        Ok(())
    }

    fn write_data(&self) -> Result<(), RenderError> {
        let items: Vec<views::PublicItem<'_>> =
            self.listed_by_number().map(|i| self.prep.public_item(Site::Public, i)).collect();
        let json = self.dir.join("data/appeals.json");
        let file = fs::File::create(&json).map_err(io_error(&json))?;
        export::write_json(&items, BufWriter::new(file)).map_err(io_error(&json))?;
        let csv = self.dir.join("data/appeals.csv");
        let file = fs::File::create(&csv).map_err(io_error(&csv))?;
        export::write_csv(&items, BufWriter::new(file)).map_err(io_error(&csv))?;
        self.write_json_file("data/appeals.schema.json", |out| {
            write_pretty(&schema::appeals(), out)
        })?;
        self.write_open311(&items)
    }

    /// The Open311 GeoReport v2 export (see [`open311`]), from the same items as the
    /// open data.
    fn write_open311(&self, items: &[views::PublicItem<'_>]) -> Result<(), RenderError> {
        let config = &self.prep.reg.repo.config;
        let lang = self.lang();
        self.write_json_file("open311/services.json", |out| {
            export::write_array(open311::services(items), out)
        })?;
        self.write_json_file("open311/requests.json", |out| {
            export::write_array(open311::requests(items, lang), out)
        })?;
        self.write_json_file("open311/requests.schema.json", |out| {
            write_pretty(&schema::requests(), out)
        })?;
        let today = views::iso_date(self.prep.reg.today);
        self.write_json_file("open311/discovery.json", |out| {
            write_pretty(&open311::discovery(&config.base_url, &config.name, &today), out)
        })
    }

    /// Creates `path` under this site's folder and hands a buffered writer to `write`.
    fn write_json_file(
        &self,
        path: &str,
        write: impl FnOnce(&mut BufWriter<fs::File>) -> std::io::Result<()>,
    ) -> Result<(), RenderError> {
        let path = self.dir.join(path);
        let file = fs::File::create(&path).map_err(io_error(&path))?;
        let mut out = BufWriter::new(file);
        write(&mut out).and_then(|()| out.flush()).map_err(io_error(&path))
    }

    /// The Atom feeds: the district's and each sector's (see [`feeds`]).
    fn write_feeds(&self) -> Result<(), RenderError> {
        let all = feeds::entries(self.prep);
        let capped: Vec<&feeds::Entry> = all.iter().take(feeds::MAX_ENTRIES).collect();
        let path = self.dir.join("feed.xml");
        let xml = feeds::atom(self.prep, &feeds::Scope::District, &capped);
        fs::write(&path, xml).map_err(io_error(&path))?;
        for (s, sector) in self.prep.reg.repo.sectors.iter().enumerate() {
            if !self.prep.sector_pageable[s] {
                continue;
            }
            let mine: Vec<&feeds::Entry> = all
                .iter()
                .filter(|e| self.prep.sector_of[e.item] == Some(s))
                .take(feeds::MAX_ENTRIES)
                .collect();
            let path = self.dir.join(format!("sectors/{}.xml", sector.id));
            let xml = feeds::atom(self.prep, &feeds::Scope::Sector(s, &sector.id), &mine);
            fs::write(&path, xml).map_err(io_error(&path))?;
        }
        Ok(())
    }

    /// Items with a page on this site, in register order (by number).
    fn listed_by_number(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.prep.reg.repo.appeals.len()).filter(|&i| self.prep.has_page(self.site, i))
    }
}

/// Writes `value` as indented JSON with a final newline: the schemas and the discovery
/// document are read by people as well as programs.
fn write_pretty(value: &impl Serialize, out: &mut impl Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Pages needed for `n` lines; an empty list still has its first page.
fn page_count(n: usize) -> usize {
    n.div_ceil(PAGE_SIZE).max(1)
}

fn list_file_name(page: usize) -> String {
    if page == 1 { "index.html".into() } else { format!("page-{page}.html") }
}

fn list_file(page: usize) -> String {
    format!("appeals/{}", list_file_name(page))
}

fn sector_file_name(id: &str, page: usize) -> String {
    if page == 1 { format!("{id}.html") } else { format!("{id}-page-{page}.html") }
}
