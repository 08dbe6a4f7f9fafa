//! The analytics pages of the "complete picture": ratings, growth, satisfaction,
//! communication failures and discussions (internal), and the sector ratings, the
//! suppressed breakdown and the public discussions (public).
//!
//! The pages' bodies are written here as HTML (every value escaped) and wrapped in the
//! theme's `shared/analytics.html`, which adds the layout. A theme can therefore restyle
//! these pages and change their frame, but not their tables; moving each table into its
//! own template would fix that.
//!
//! Period: the pages show the current year up to `today` (every item received from
//! 1 January), with the previous calendar year beside it in the ratings; growth is shown
//! for the last complete month against the month before it and the same month a year
//! earlier, because a year to date (or a month just begun) compared with a whole period
//! would always look like a fall. Spikes and clusters are those of the current year.
//! The monthly trend (on the growth page for the current year, in the head's report for
//! its period) counts items received by month and kind, and answers by the month they were
//! given. The second departs from the cohort rule of [`crate::analytics`] on purpose: the
//! on-time share of a month's answers is what the month's work achieved, and the page says
//! so beside the chart.
//!
//! Privacy (DOMAIN.md): the public functions here take only sector figures, suppressed
//! breakdowns and discussions marked public. Counts of 1 or 2 in the public sector table
//! are shown as "<3", and a public average rating needs at least three ratings
//! behind it, because the average of one rating is that citizen's rating.

use super::escaped as esc;
use crate::analytics::growth::{Dimension, Slice};
use crate::analytics::rating::{Rating, Ratings};
use crate::analytics::{self, ItemFacts, Period, Picture, Span};
use crate::discussion::{Discussion, DiscussionKind};
use crate::fields::Choice;
use crate::messages::Lang;
use crate::messages::analytics::{decimal, percent};
use crate::register::Register;
use chrono::Datelike;
use std::collections::BTreeMap;
use std::fmt::Write;

/// One analytics page: where it goes, its title and its body (HTML, escaped).
#[derive(Debug, Clone, PartialEq)]
pub struct AnalyticsPage {
    /// Path relative to the site root.
    pub path: String,
    /// Prefix from the page back to the site root (`""`, `"../"`).
    pub root: &'static str,
    /// The page's `h1` and title.
    pub title: String,
    /// The body below the `h1`.
    pub body: String,
}

/// The default period of the pages: the current year up to `today`.
pub fn default_period(today: chrono::NaiveDate) -> Period {
    Period::containing(today, Span::Year)
}

/// What the pages need: the register, its facts and the words.
pub struct Context<'a> {
    /// The register.
    pub reg: &'a Register,
    /// Its facts, at the index of `repo.appeals`.
    pub facts: Vec<ItemFacts<'a>>,
    /// The words of the pages.
    pub ui: BTreeMap<&'static str, &'static str>,
    /// The language.
    pub lang: Lang,
}

impl<'a> Context<'a> {
    /// Facts and words for `reg`.
    pub fn new(reg: &'a Register) -> Context<'a> {
        let lang = reg.repo.config.lang;
        Context { reg, facts: reg.item_facts(), ui: super::words::ui(lang), lang }
    }

    /// The picture of `period`.
    pub fn picture(&self, period: &Period) -> Picture {
        analytics::picture(&self.reg.repo, &self.facts, period, self.reg.today)
    }

    fn t(&self, key: &str) -> &'static str {
        self.ui.get(key).copied().unwrap_or("")
    }

    fn sector_title(&self, id: &str) -> String {
        self.reg.repo.sector(id).map_or_else(|| id.to_string(), |s| s.title.clone())
    }

    fn staff_name(&self, id: &str) -> String {
        self.reg.repo.config.staff_member(id).map_or_else(|| id.to_string(), |s| s.name.clone())
    }

    fn topic_name(&self, code: &str) -> String {
        match crate::classifier::name(code) {
            Some(name) => format!("{name} ({code})"),
            None => code.to_string(),
        }
    }

    fn period_label(&self, p: &Period) -> String {
        p.label().get(self.lang).to_string()
    }

    fn share(&self, s: Option<f64>) -> String {
        s.map_or_else(|| "—".into(), |s| percent(s, self.lang))
    }

    fn dec(&self, x: Option<f64>) -> String {
        x.map_or_else(|| "—".into(), |x| decimal(x, self.lang))
    }

    fn count(&self, n: usize) -> String {
        super::words::number(n as u64, self.lang)
    }

    /// A count as the public site shows one on its own: the dashboard's marks.
    fn lone(&self, n: usize) -> String {
        super::views::figure(crate::stats::Cell::lone(n as u64), self.lang).text
    }

    /// What a slice of growth is about, in words: «водоснабжение (населённый пункт Мульта)».
    fn slice_text(&self, s: &Slice) -> String {
        match s {
            Slice::TopicInSettlement { topic, settlement } => {
                let topic = crate::classifier::name(topic).unwrap_or(topic);
                self.in_settlement(topic, settlement)
            }
            Slice::Value { dimension, key } => {
                let value = match dimension {
                    Dimension::Topic => self.topic_name(key),
                    Dimension::Sector => self.sector_title(key),
                    _ => key.clone(),
                };
                format!("{}: {value}", dimension.label().get(self.lang))
            }
            Slice::All => self.t("an_all_items").to_string(),
        }
    }

    /// `what` about one settlement. Settlement names are written as the settlement calls
    /// itself and cannot be declined by rule («в Тюнгур» is wrong, «в Тюнгуре» needs a
    /// dictionary), so the Russian text keeps the name in the nominative after a noun.
    fn in_settlement(&self, what: &str, settlement: &str) -> String {
        super::words::fill(
            self.t("an_in_settlement"),
            &[("what", what.to_string()), ("settlement", settlement.to_string())],
        )
    }

    /// The link to item `id` from a page at `root`, when the item has a page on `site`.
    fn item_link(&self, id: &str, root: &str) -> String {
        format!("<a href=\"{root}appeals/{0}.html\">{0}</a>", esc(id))
    }
}

/// Every internal analytics page.
pub fn internal_pages(cx: &Context<'_>) -> Vec<AnalyticsPage> {
    let today = cx.reg.today;
    let period = default_period(today);
    let previous = Period::year(today.year() - 1).unwrap_or(period);
    let now = cx.picture(&period);
    let before = cx.picture(&previous);
    // The last complete month: the current one is still filling up and would always
    // look like a fall.
    let month = cx.picture(&Period::containing(today, Span::Month).previous());
    let mut pages = vec![
        ratings_page(cx, &now, &before),
        growth_page(cx, &month, &now),
        satisfaction_page(cx, &now),
        failures_page(cx, &now),
    ];
    pages.extend(discussion_pages(cx, &cx.reg.repo.discussions, false));
    pages
}

/// Every public analytics page: the sector ratings with a suppressed breakdown, and the
/// public discussions.
pub fn public_pages(cx: &Context<'_>) -> Vec<AnalyticsPage> {
    let period = default_period(cx.reg.today);
    let now = cx.picture(&period);
    let public: Vec<Discussion> =
        cx.reg.repo.discussions.iter().filter(|d| d.public).cloned().collect();
    let mut pages = vec![public_ratings_page(cx, &now)];
    pages.extend(discussion_pages(cx, &public, true));
    pages
}

/// Links between the internal analytics pages.
fn subnav(cx: &Context<'_>, internal: bool) -> String {
    let mut out = format!("<nav aria-label=\"{}\"><ul class=\"nav subnav\">", cx.t("an_nav"));
    let mut links = vec![("ratings.html", "an_ratings_title")];
    if internal {
        links.extend([
            ("growth.html", "an_growth_title"),
            ("satisfaction.html", "an_satisfaction_title"),
            ("failures.html", "an_failures_title"),
        ]);
    }
    links.push(("discussions/index.html", "an_discussions_title"));
    for (href, key) in links {
        let _ = write!(out, "<li><a href=\"{{root}}{href}\">{}</a></li>", cx.t(key));
    }
    out.push_str("</ul></nav>");
    out
}

fn with_root(html: String, root: &str) -> String {
    html.replace("{root}", root)
}

fn ratings_page(cx: &Context<'_>, now: &Picture, before: &Picture) -> AnalyticsPage {
    let mut b = subnav(cx, true);
    let _ = write!(
        b,
        "<p>{} {}</p><p>{}</p>",
        cx.t("an_period_note"),
        esc(&cx.period_label(&now.period)),
        esc(crate::messages::analytics::cohort_rule().get(cx.lang))
    );
    let _ = write!(
        b,
        "<section aria-labelledby=\"h-formula\"><h2 id=\"h-formula\">{}</h2><p>{}</p><p>{}</p><p>{}</p></section>",
        cx.t("an_formula"),
        esc(now.sectors.formula().get(cx.lang)),
        esc(crate::messages::analytics::answer_time_rule().get(cx.lang)),
        esc(crate::messages::analytics::rework_rule().get(cx.lang)),
    );
    for (id, ratings, heading, names) in [
        ("h-sectors", &now.sectors, "an_sectors", true),
        ("h-assignees", &now.assignees, "an_assignees", false),
    ] {
        let caption = format!("{} — {}", cx.t(heading), cx.period_label(&ratings.period));
        let _ =
            write!(b, "<section aria-labelledby=\"{id}\"><h2 id=\"{id}\">{}</h2>", esc(&caption));
        b.push_str(&rating_table(cx, ratings, &caption, names));
        b.push_str("</section>");
    }
    let caption = format!("{} — {}", cx.t("an_sectors"), cx.period_label(&before.period));
    let _ = write!(
        b,
        "<section aria-labelledby=\"h-before\"><h2 id=\"h-before\">{}</h2>",
        esc(&caption)
    );
    b.push_str(&rating_table(cx, &before.sectors, &caption, true));
    b.push_str("</section>");
    AnalyticsPage {
        path: "ratings.html".into(),
        root: "",
        title: cx.t("an_ratings_title").into(),
        body: with_root(b, ""),
    }
}

/// The full rating table (internal): every figure of the issue.
fn rating_table(cx: &Context<'_>, r: &Ratings, caption: &str, sectors: bool) -> String {
    let heads = [
        "an_rank",
        "an_unit",
        "an_received",
        "an_answered",
        "an_on_time",
        "an_median",
        "an_p90",
        "an_overdue",
        "an_returned",
        "an_reopened",
        "an_avg_rating",
        "an_share_4",
        "an_score",
    ];
    let mut t = super::table_open("", &esc(caption));
    t.push_str(&super::column_heads(&heads.map(|h| cx.t(h))));
    for row in &r.rows {
        let name = if sectors { cx.sector_title(&row.unit) } else { cx.staff_name(&row.unit) };
        let f = &row.figures;
        let cells = [
            rank_text(cx, row),
            String::new(),
            cx.count(f.received),
            cx.count(f.answered),
            cx.share(f.on_time_share),
            cx.dec(f.median_days),
            f.p90_days.map_or("—".into(), |d| d.to_string()),
            cx.count(f.overdue_now),
            cx.count(f.returned),
            cx.count(f.reopened),
            cx.dec(f.average_rating),
            cx.share(f.share_4_or_5),
            cx.dec(row.score.map(|s| (s * 10.0).round() / 10.0)),
        ];
        let _ = write!(t, "<tr><td>{}</td><th scope=\"row\">{}</th>", esc(&cells[0]), esc(&name));
        for c in &cells[2..] {
            let _ = write!(t, "<td class=\"num\">{}</td>", esc(c));
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody></table></div>");
    t
}

fn rank_text(cx: &Context<'_>, row: &Rating) -> String {
    match row.rank {
        Some(n) => n.to_string(),
        None if row.too_few_items => cx.t("an_not_ranked").into(),
        None => "—".into(),
    }
}

fn public_ratings_page(cx: &Context<'_>, now: &Picture) -> AnalyticsPage {
    let mut b = subnav(cx, false);
    let caption = format!("{} — {}", cx.t("an_sectors"), cx.period_label(&now.period));
    let _ = write!(
        b,
        "<p>{}</p><p>{}</p><p>{}</p>",
        esc(crate::messages::analytics::cohort_rule().get(cx.lang)),
        esc(now.sectors.formula().get(cx.lang)),
        esc(crate::messages::analytics::suppression_rule().get(cx.lang)),
    );
    b.push_str(&public_rating_table(cx, &now.sectors, &caption));
    AnalyticsPage {
        path: "ratings.html".into(),
        root: "",
        title: cx.t("an_ratings_title").into(),
        body: with_root(b, ""),
    }
}

/// The public sector table: sector figures only, small counts suppressed, and an average
/// rating only over at least three ratings.
fn public_rating_table(cx: &Context<'_>, r: &Ratings, caption: &str) -> String {
    let heads = [
        "an_rank",
        "an_unit",
        "an_received",
        "an_answered",
        "an_on_time",
        "an_median",
        "an_p90",
        "an_overdue",
        "an_returned",
        "an_reopened",
        "an_avg_rating",
        "an_share_4",
        "an_score",
    ];
    let mut t = super::table_open("", &esc(caption));
    t.push_str(&super::column_heads(&heads.map(|h| cx.t(h))));
    for row in &r.rows {
        let f = &row.figures;
        let rated_enough = f.rated as u64 >= crate::disclosure::MIN_SHOWN;
        let cells = [
            cx.lone(f.received),
            cx.lone(f.answered),
            cx.share(f.on_time_share),
            cx.dec(f.median_days),
            f.p90_days.map_or("—".into(), |d| d.to_string()),
            cx.lone(f.overdue_now),
            cx.lone(f.returned),
            cx.lone(f.reopened),
            if rated_enough { cx.dec(f.average_rating) } else { "—".into() },
            if rated_enough { cx.share(f.share_4_or_5) } else { "—".into() },
            // The score weighs in the average rating: with one or two ratings it would
            // give back what the rating cells hide.
            if rated_enough || f.rated == 0 {
                cx.dec(row.score.map(|s| (s * 10.0).round() / 10.0))
            } else {
                "—".into()
            },
        ];
        let _ = write!(
            t,
            "<tr><td>{}</td><th scope=\"row\">{}</th>",
            esc(&rank_text(cx, row)),
            esc(&cx.sector_title(&row.unit))
        );
        for c in &cells {
            let _ = write!(t, "<td class=\"num\">{}</td>", esc(c));
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody></table></div>");
    t
}

fn growth_page(cx: &Context<'_>, month: &Picture, year: &Picture) -> AnalyticsPage {
    let mut b = subnav(cx, true);
    let g = &month.growth;
    let _ = write!(
        b,
        "<p>{} {} — {} {}, {} {}.</p>",
        cx.t("an_growth_compare"),
        esc(&cx.period_label(&g.period)),
        esc(&cx.period_label(&g.previous)),
        esc(&signed(g.total.vs_previous)),
        esc(&cx.period_label(&g.year_earlier)),
        esc(&signed(g.total.vs_year_earlier)),
    );
    let _ = write!(
        b,
        "<section aria-labelledby=\"h-contrib\"><h2 id=\"h-contrib\">{}</h2>",
        cx.t("an_contributors")
    );
    for (label, contributors) in
        [(cx.t("an_vs_previous"), &g.vs_previous), (cx.t("an_vs_year"), &g.vs_year_earlier)]
    {
        let _ = write!(b, "<h3>{label} ({})</h3>", esc(&cx.period_label(&contributors.base)));
        if contributors.pairs.is_empty() {
            let _ = write!(b, "<p>{}</p>", cx.t("an_none"));
            continue;
        }
        b.push_str("<ul class=\"contributors\">");
        for c in contributors.pairs.iter().take(10) {
            let text = c.describe(&cx.slice_text(&c.slice));
            let _ = write!(b, "<li>{}</li>", esc(text.get(cx.lang)));
        }
        b.push_str("</ul>");
    }
    b.push_str("</section>");
    let _ = write!(
        b,
        "<section aria-labelledby=\"h-changes\"><h2 id=\"h-changes\">{}</h2>",
        cx.t("an_changes")
    );
    for dim in &g.by {
        let name = dim.dimension.label().get(cx.lang).to_string();
        b.push_str(&super::table_open("", &esc(&name)));
        b.push_str(&super::column_heads(&[
            &esc(&name),
            &esc(&cx.period_label(&g.period)),
            &esc(&cx.period_label(&g.previous)),
            cx.t("an_mom"),
            &esc(&cx.period_label(&g.year_earlier)),
            cx.t("an_yoy"),
        ]));
        for row in &dim.rows {
            let key = match dim.dimension {
                Dimension::Topic => cx.topic_name(&row.key),
                Dimension::Sector => cx.sector_title(&row.key),
                _ => row.key.clone(),
            };
            let _ = write!(
                b,
                "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&key),
                row.current,
                row.previous,
                esc(&signed(row.vs_previous)),
                row.year_earlier,
                esc(&signed(row.vs_year_earlier)),
            );
        }
        b.push_str("</tbody></table></div>");
    }
    b.push_str("</section>");
    b.push_str(&trend_section(cx, &year.period, "growth"));
    let rules = &cx.reg.repo.config.analytics;
    let _ = write!(
        b,
        "<section aria-labelledby=\"h-spikes\"><h2 id=\"h-spikes\">{}</h2><p>{}</p>",
        cx.t("an_spikes"),
        esc(crate::messages::analytics::spike_rule(&rules.spike).get(cx.lang))
    );
    if year.spikes.is_empty() {
        let _ = write!(b, "<p>{}</p>", cx.t("an_none"));
    } else {
        b.push_str("<ul>");
        for s in &year.spikes {
            let _ = write!(
                b,
                "<li>{}: {} — {} ({} {})</li>",
                esc(&s.month.code()),
                esc(&cx.slice_text(&s.slice)),
                s.count,
                cx.t("an_baseline"),
                esc(&decimal(s.baseline_mean, cx.lang)),
            );
        }
        b.push_str("</ul>");
    }
    b.push_str("</section>");
    let _ = write!(
        b,
        "<section aria-labelledby=\"h-clusters\"><h2 id=\"h-clusters\">{}</h2><p>{}</p>",
        cx.t("an_clusters"),
        esc(crate::messages::analytics::cluster_rule(&rules.cluster).get(cx.lang))
    );
    if year.clusters.is_empty() {
        let _ = write!(b, "<p>{}</p>", cx.t("an_none"));
    }
    for c in &year.clusters {
        let topic = crate::classifier::name(&c.topic).unwrap_or(&c.topic);
        let links: Vec<String> = c.items.iter().map(|id| cx.item_link(id, "")).collect();
        let _ = write!(
            b,
            "<article class=\"card problem\"><h3>{}</h3><p>{}: {}; {}: {} — {}; {}: {}</p><p>{}</p></article>",
            esc(&cx.in_settlement(topic, &c.settlement)),
            cx.t("an_items"),
            c.items.len(),
            cx.t("an_dates"),
            esc(&super::words::date(c.first, cx.lang)),
            esc(&super::words::date(c.last, cx.lang)),
            cx.t("an_open"),
            c.open,
            links.join(", "),
        );
    }
    b.push_str("</section>");
    AnalyticsPage {
        path: "growth.html".into(),
        root: "",
        title: cx.t("an_growth_title").into(),
        body: with_root(b, ""),
    }
}

/// `+3`, `−2`, `0`.
pub fn signed(n: i64) -> String {
    match n {
        n if n > 0 => format!("+{n}"),
        n if n < 0 => format!("−{}", n.unsigned_abs()),
        _ => "0".into(),
    }
}

fn satisfaction_page(cx: &Context<'_>, now: &Picture) -> AnalyticsPage {
    let mut b = subnav(cx, true);
    let s = &now.satisfaction;
    let _ = write!(b, "<p>{} {}</p>", cx.t("an_period_note"), esc(&cx.period_label(&s.period)));
    let heads = [
        "an_unit",
        "an_received",
        "an_r1",
        "an_r2",
        "an_r3",
        "an_r4",
        "an_r5",
        "an_avg_rating",
        "an_share_4",
        "an_agree",
        "an_disagree",
        "an_reopened_share",
    ];
    let table = |caption: &str, rows: Vec<(String, &analytics::satisfaction::SatisfactionRow)>| {
        let mut t = super::table_open("", &esc(caption));
        t.push_str(&super::column_heads(&heads.map(|h| cx.t(h))));
        for (name, r) in rows {
            let _ = write!(
                t,
                "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td>",
                esc(&name),
                r.received
            );
            for n in r.ratings {
                let _ = write!(t, "<td class=\"num\">{n}</td>");
            }
            let _ = write!(
                t,
                "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&cx.dec(r.average)),
                esc(&cx.share(r.share_4_or_5)),
                r.agrees,
                r.disagrees,
                esc(&cx.share(r.reopened_share)),
            );
        }
        t.push_str("</tbody></table></div>");
        t
    };
    let mut sectors: Vec<_> = s.by_sector.iter().map(|r| (cx.sector_title(&r.unit), r)).collect();
    sectors.push((cx.t("an_total").into(), &s.total));
    b.push_str(&table(cx.t("an_by_sector"), sectors));
    let months = s.by_month.iter().map(|m| (m.month.code(), &m.row)).collect();
    b.push_str(&table(cx.t("an_by_month"), months));
    AnalyticsPage {
        path: "satisfaction.html".into(),
        root: "",
        title: cx.t("an_satisfaction_title").into(),
        body: with_root(b, ""),
    }
}

fn failures_page(cx: &Context<'_>, now: &Picture) -> AnalyticsPage {
    let mut b = subnav(cx, true);
    let _ = write!(b, "<p>{} {}</p>", cx.t("an_period_note"), esc(&cx.period_label(&now.period)));
    if now.failures.by_sector.is_empty() {
        let _ = write!(b, "<p>{}</p>", cx.t("an_none"));
    }
    for (n, s) in now.failures.by_sector.iter().enumerate() {
        let title = cx.sector_title(&s.sector);
        let _ = write!(
            b,
            "<section aria-labelledby=\"h-f{n}\"><h2 id=\"h-f{n}\">{}</h2><p>{}: {}; {}: {}; {}: {}; {}: {}</p>",
            esc(&title),
            cx.t("an_returned"),
            s.returned,
            cx.t("an_reopened"),
            s.reopened,
            cx.t("an_low_ratings"),
            s.low_ratings,
            cx.t("an_disagree"),
            s.disagreements,
        );
        b.push_str(&super::table_open("", &esc(&title)));
        b.push_str(&super::column_heads(&[
            cx.t("an_item"),
            cx.t("an_kind"),
            cx.t("an_date"),
            cx.t("an_assignee"),
            cx.t("an_rating"),
            cx.t("an_reason"),
        ]));
        for f in &s.failures {
            let reason = f.reason.clone().unwrap_or_else(|| {
                crate::messages::analytics::no_reason().get(cx.lang).to_string()
            });
            let _ = write!(
                b,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                cx.item_link(&f.item, ""),
                esc(f.kind.label().get(cx.lang)),
                f.date.map_or("—".into(), |d| esc(&super::words::date(d, cx.lang))),
                esc(&f.assignee.as_deref().map_or("—".into(), |a| cx.staff_name(a))),
                f.rating.map_or("—".into(), |r| r.to_string()),
                esc(&reason),
            );
        }
        b.push_str("</tbody></table></div></section>");
    }
    AnalyticsPage {
        path: "failures.html".into(),
        root: "",
        title: cx.t("an_failures_title").into(),
        body: with_root(b, ""),
    }
}

/// The index of `list` and one page per discussion. Public pages show the question, dates,
/// venue, sector, topic, settlement, options with counts, the summary, outcome and
/// decision; the Markdown body (staff notes) only on internal pages.
fn discussion_pages(cx: &Context<'_>, list: &[Discussion], public: bool) -> Vec<AnalyticsPage> {
    let mut index = subnav(cx, !public);
    let mut pages = Vec::new();
    if list.is_empty() {
        let _ = write!(index, "<p>{}</p>", cx.t("an_none"));
    } else {
        index.push_str("<ul>");
    }
    for d in list.iter().filter(|d| super::views::is_slug(&d.id)) {
        let _ = write!(
            index,
            "<li><a href=\"{0}.html\">{1}</a> — {2}, {3}</li>",
            esc(&d.id),
            esc(&d.title),
            kind_text(cx, d.kind),
            esc(&super::words::date(d.opened, cx.lang)),
        );
        pages.push(discussion_page(cx, d, public));
    }
    if !list.is_empty() {
        index.push_str("</ul>");
    }
    pages.insert(
        0,
        AnalyticsPage {
            path: "discussions/index.html".into(),
            root: "../",
            title: cx.t("an_discussions_title").into(),
            body: with_root(index, "../"),
        },
    );
    pages
}

fn kind_text(cx: &Context<'_>, k: DiscussionKind) -> &'static str {
    match k {
        DiscussionKind::Vote => cx.t("an_vote"),
        DiscussionKind::Discussion => cx.t("an_discussion"),
    }
}

fn discussion_page(cx: &Context<'_>, d: &Discussion, public: bool) -> AnalyticsPage {
    let mut b = String::from("<dl class=\"facts\">");
    let mut fact = |key: &str, value: String| {
        let _ = write!(b, "<dt>{}</dt><dd>{}</dd>", cx.t(key), esc(&value));
    };
    fact("an_kind", kind_text(cx, d.kind).into());
    if let Some(q) = &d.question {
        fact("an_question", q.clone());
    }
    let closed =
        d.closed.map_or_else(|| cx.t("an_running").to_string(), |c| super::words::date(c, cx.lang));
    fact("an_dates", format!("{} — {closed}", super::words::date(d.opened, cx.lang)));
    fact("an_venue", crate::messages::discussion::venue(d.channel).get(cx.lang).into());
    fact("an_sector", cx.sector_title(&d.sector));
    if let Some(t) = &d.topic {
        fact("an_topic", cx.topic_name(t));
    }
    if let Some(l) = &d.locality {
        fact("an_settlement", l.clone());
    }
    if let Some(p) = d.participants {
        fact("an_participants", p.to_string());
    }
    b.push_str("</dl>");
    if !d.options.is_empty() {
        b.push_str(&super::table_open("", cx.t("an_options")));
        b.push_str(&super::column_heads(&[cx.t("an_option"), cx.t("an_votes")]));
        for o in &d.options {
            let _ = write!(
                b,
                "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td></tr>",
                esc(&o.label),
                o.votes
            );
        }
        b.push_str("</tbody></table></div>");
    }
    for (key, text) in
        [("an_summary", &d.summary), ("an_outcome", &d.outcome), ("an_decision", &d.decision)]
    {
        if let Some(text) = text {
            let _ = write!(b, "<h2>{}</h2><p>{}</p>", cx.t(key), esc(text));
        }
    }
    if !public && !d.body.trim().is_empty() {
        let _ = write!(b, "<h2>{}</h2>{}", cx.t("an_notes"), crate::markdown::to_html(&d.body, 3));
    }
    AnalyticsPage {
        path: format!("discussions/{}.html", d.id),
        root: "../",
        title: d.title.clone(),
        body: b,
    }
}

/// The head's printable report of `period` (`otklik report`): totals, on-time share,
/// ratings, growth and clusters, overdue items with their owners, and recommendations
/// derived from the data. The page sits in `reports/` of the internal site.
pub fn head_report(cx: &Context<'_>, period: &Period) -> AnalyticsPage {
    let now = cx.picture(period);
    let total = &now.sectors.total;
    let mut b = String::from(
        "<style>@page{size:A4;margin:15mm}@media print{header,nav,footer,.skip-link{display:none}\
         body{font-size:10.5pt}section{break-inside:avoid}}</style>",
    );
    let label = cx.period_label(period);
    let _ = write!(
        b,
        "<p>{} {}{} {} {}.</p>",
        cx.t("an_report_period"),
        esc(&label),
        if label.ends_with('.') { "" } else { "." },
        cx.t("data_as_of"),
        esc(&cx.reg.today.format("%d.%m.%Y").to_string())
    );
    let _ = write!(
        b,
        "<section aria-labelledby=\"h-totals\"><h2 id=\"h-totals\">{}</h2><table><caption>{}</caption><tbody>",
        cx.t("an_report_totals"),
        cx.t("an_report_totals_caption")
    );
    let rows = [
        ("received", cx.count(total.received)),
        ("an_answered", cx.count(total.answered)),
        ("on_time_share", cx.share(total.on_time_share)),
        ("an_report_median", cx.dec(total.median_days)),
        ("an_report_overdue_now", cx.count(total.overdue_now)),
        ("an_report_avg_rating", cx.dec(total.average_rating)),
    ];
    for (key, value) in rows {
        let _ = write!(b, "<tr><th scope=\"row\">{}</th><td>{}</td></tr>", cx.t(key), esc(&value));
    }
    b.push_str("</tbody></table></section>");
    b.push_str(&trend_section(cx, period, "report"));
    let caption = format!("{} — {}", cx.t("an_sectors"), cx.period_label(period));
    let _ = write!(
        b,
        // A dozen columns do not fit a portrait A4 page: the rating prints on a landscape one.
        "<section class=\"print-landscape\" aria-labelledby=\"h-rating\"><h2 id=\"h-rating\">{}</h2>",
        esc(&caption)
    );
    b.push_str(&rating_table(cx, &now.sectors, &caption, true));
    let _ = write!(b, "<p>{}</p></section>", esc(now.sectors.formula().get(cx.lang)));
    report_growth(cx, &now, &mut b);
    report_overdue(cx, &mut b);
    let _ = write!(
        b,
        "<section aria-labelledby=\"h-advice\"><h2 id=\"h-advice\">{}</h2><ul>",
        cx.t("an_report_advice")
    );
    for line in recommendations(cx, &now) {
        let _ = write!(b, "<li>{}</li>", esc(&line));
    }
    b.push_str("</ul></section>");
    AnalyticsPage {
        path: format!("reports/{}.html", period.code()),
        root: "../",
        title: format!("{} — {}", cx.t("an_report_title"), cx.period_label(period)),
        body: with_root(b, "../"),
    }
}

/// The months of `period`: items received by kind, and the on-time share of the answers
/// given, each as a chart with its table. Internal pages only: nothing is suppressed.
/// `id` keeps the chart ids unique on the page.
fn trend_section(cx: &Context<'_>, period: &Period, id: &str) -> String {
    use crate::stats::{Cell, MonthKinds, MonthOnTime, Stats, YearMonth};
    let reg = cx.reg;
    let stats = Stats::compute(reg.repo.appeals.iter().zip(&reg.deadlines), &[]);
    let months: Vec<YearMonth> =
        period.months().iter().map(|m| YearMonth { year: m.year(), month: m.month() }).collect();
    let kinds: Vec<MonthKinds> = months
        .iter()
        .map(|&month| {
            let found = stats.by_month_kind.iter().find(|r| r.month == month);
            found.cloned().unwrap_or_else(|| MonthKinds {
                month,
                kinds: vec![Cell::Count(0); crate::appeal::Kind::ALL.len()],
            })
        })
        .collect();
    let totals: Vec<Cell> =
        kinds.iter().map(|r| Cell::Count(r.kinds.iter().filter_map(|c| c.count()).sum())).collect();
    let answers: Vec<MonthOnTime> = months
        .iter()
        .map(|&month| {
            let found = stats.on_time_by_month.iter().find(|r| r.month == month);
            found.copied().unwrap_or(MonthOnTime {
                month,
                answered: Cell::Count(0),
                on_time: Cell::Count(0),
            })
        })
        .collect();
    let kinds = super::trend::month_kinds(&kinds, &totals, cx.lang);
    let answers = super::trend::on_time(&answers, cx.lang);
    let caption = |key: &str| format!("{} — {}", cx.t(key), cx.period_label(period));
    let (kind_caption, on_time_caption) = (caption("by_month_kind"), caption("on_time_by_month"));
    let chart_id = |what: &str| format!("chart-{id}-{what}");
    let (kind_id, on_time_id) = (chart_id("kind"), chart_id("on-time"));
    let kind_heads = super::trend::Heads {
        caption: &kind_caption,
        month: cx.t("month"),
        total: cx.t("month_total"),
        on_time: cx.t("answered_in_time"),
        share: cx.t("on_time_pct"),
    };
    let on_time_heads = super::trend::Heads {
        caption: &on_time_caption,
        total: cx.t("answered_in_month"),
        ..kind_heads
    };
    let mut b = format!(
        "<section aria-labelledby=\"h-{id}-kind\"><h2 id=\"h-{id}-kind\">{}</h2>",
        esc(&kind_caption)
    );
    b.push_str(&super::trend::kind_chart(
        &super::charts::Caption {
            id: &kind_id,
            title: &kind_caption,
            desc: cx.t("chart_kind_desc"),
        },
        &kinds,
        cx.lang,
    ));
    b.push_str(&super::trend::kind_table(&kind_heads, &kinds, cx.lang));
    let _ = write!(
        b,
        "</section><section aria-labelledby=\"h-{id}-on-time\"><h2 id=\"h-{id}-on-time\">{}</h2><p>{}</p>",
        esc(&on_time_caption),
        cx.t("on_time_rule")
    );
    b.push_str(&super::trend::on_time_chart(
        &super::charts::Caption {
            id: &on_time_id,
            title: &on_time_caption,
            desc: cx.t("chart_on_time_desc"),
        },
        &answers,
        cx.lang,
    ));
    b.push_str(&super::trend::on_time_table(&on_time_heads, &answers));
    b.push_str("</section>");
    b
}

fn report_growth(cx: &Context<'_>, now: &Picture, b: &mut String) {
    let _ = write!(
        b,
        "<section aria-labelledby=\"h-growth\"><h2 id=\"h-growth\">{}</h2><ul>",
        cx.t("an_report_growth")
    );
    for c in now.growth.vs_previous.pairs.iter().filter(|c| c.delta > 0).take(5) {
        let text = c.describe(&cx.slice_text(&c.slice));
        let _ = write!(b, "<li>{}</li>", esc(text.get(cx.lang)));
    }
    for c in &now.clusters {
        let ids: Vec<String> = c.items.iter().map(|id| cx.item_link(id, "../")).collect();
        let _ = write!(
            b,
            "<li>{} — {}: {}</li>",
            esc(&cx.topic_name(&c.topic)),
            esc(&c.settlement),
            ids.join(", ")
        );
    }
    b.push_str("</ul></section>");
}

/// Every item overdue on the report's day, from any period: the head has to act on all of
/// them, not only on those received in the period of the report.
fn report_overdue(cx: &Context<'_>, b: &mut String) {
    let today = cx.reg.today.format("%d.%m.%Y").to_string();
    let heading = esc(&super::words::fill(cx.t("an_report_overdue"), &[("date", today)]));
    let _ = write!(
        b,
        "<section aria-labelledby=\"h-overdue\"><h2 id=\"h-overdue\">{heading}</h2><table><caption>{heading}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        cx.t("number"),
        cx.t("due"),
        cx.t("an_sector"),
        cx.t("an_assignee"),
    );
    let reg = cx.reg;
    for (a, d) in reg.repo.appeals.iter().zip(&reg.deadlines) {
        if d.state != crate::deadline::DeadlineState::Overdue {
            continue;
        }
        let owner = a.assignee.as_deref().map_or_else(|| "—".to_string(), |s| cx.staff_name(s));
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            cx.item_link(&a.id, "../"),
            esc(&d.due.text()),
            esc(&cx.sector_title(&a.sector)),
            esc(&owner)
        );
    }
    b.push_str("</tbody></table></section>");
}

/// Advice derived from the figures, by written-down rules: a sector answering under 80 %
/// on time, or with items overdue now, is late; a growth contributor of three or more
/// items, or any cluster, is a growing problem; an average rating under 3.5 (at least
/// three ratings) is low satisfaction.
fn recommendations(cx: &Context<'_>, now: &Picture) -> Vec<String> {
    let mut out = Vec::new();
    for r in &now.sectors.rows {
        let title = cx.sector_title(&r.unit);
        let f = &r.figures;
        if f.on_time_share.is_some_and(|s| s < 0.8) || f.overdue_now > 0 {
            out.push(super::words::fill(
                cx.t("an_advice_late"),
                &[
                    ("title", title.clone()),
                    ("share", cx.share(f.on_time_share)),
                    ("overdue", f.overdue_now.to_string()),
                ],
            ));
        }
        if f.rated >= 3 && f.average_rating.is_some_and(|a| a < 3.5) {
            out.push(super::words::fill(
                cx.t("an_advice_rating"),
                &[("title", title.clone()), ("rating", cx.dec(f.average_rating))],
            ));
        }
    }
    for c in now.growth.vs_previous.pairs.iter().filter(|c| c.delta >= 3).take(3) {
        out.push(super::words::fill(
            cx.t("an_advice_growth"),
            &[("what", cx.slice_text(&c.slice)), ("delta", c.delta.to_string())],
        ));
    }
    for c in now.clusters.iter().filter(|c| c.open > 0) {
        out.push(super::words::fill(
            cx.t("an_advice_cluster"),
            &[
                ("topic", cx.topic_name(&c.topic)),
                ("settlement", c.settlement.clone()),
                ("items", c.items.len().to_string()),
                ("open", c.open.to_string()),
            ],
        ));
    }
    if out.is_empty() {
        out.push(cx.t("an_advice_none").to_string());
    }
    out
}
