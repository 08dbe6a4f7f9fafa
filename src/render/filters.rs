//! Filter pages of the list of appeals, and the panel that links them: one list per
//! status, settlement, kind and channel (`appeals/<dimension>/<slug>.html`, paginated like
//! the full list), so that a citizen without JavaScript can narrow the list.
//!
//! Each dimension splits the items of a site into disjoint parts, so the filter pages of
//! one dimension hold as many lines as the full list does: four dimensions add about four
//! times the list's pages. Filters are deliberately not combined with each other; the
//! product of the dimensions would multiply the pages of a large register many times over,
//! and the search script combines them instead.
//!
//! A filter page lists only items that already have a page on its site, which already
//! show their status, settlement, kind and channel; so a filter page tells nothing the
//! full list does not. The panel shows no counts: a count by settlement would have to be
//! suppressed below 3 (DOMAIN.md, Privacy), and a panel of numbers with holes helps nobody.
//!
//! Settlement names are Cyrillic and are written by hand in the appeal files; their pages
//! are named by a transliterated ASCII slug (`Усть-Кокса` → `ust-koksa`). When two names
//! give the same slug, the one listed earlier in `municipality.settlements` keeps it; new
//! settlements are appended to that list, so adding one never moves an existing link.

use super::views::{Prepared, is_slug};
use super::words;
use crate::fields::Choice;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// What a filter narrows the list by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    /// Workflow status.
    Status,
    /// Settlement.
    Locality,
    /// Appeal, message or incident.
    Kind,
    /// How the item arrived.
    Channel,
}

impl Dimension {
    /// Every dimension, in the panel's order.
    pub const ALL: [Dimension; 4] =
        [Dimension::Status, Dimension::Locality, Dimension::Kind, Dimension::Channel];

    /// The folder of its pages under `appeals/`, and its code in the panel.
    pub fn code(self) -> &'static str {
        match self {
            Dimension::Status => "status",
            Dimension::Locality => "locality",
            Dimension::Kind => "kind",
            Dimension::Channel => "channel",
        }
    }

    /// The catalogue keys of its name (`Статус`) and of its panel group (`По статусу`).
    fn text_keys(self) -> (&'static str, &'static str) {
        match self {
            Dimension::Status => ("status", "by_status"),
            Dimension::Locality => ("locality", "by_locality"),
            Dimension::Kind => ("kind", "by_kind"),
            Dimension::Channel => ("channel", "by_channel"),
        }
    }
}

/// One value of a dimension with the items that have it.
#[derive(Debug, Clone)]
pub struct FilterValue {
    /// The value as data: a status, kind or channel code, or the settlement's name.
    pub code: String,
    /// Its part of the file name; passes [`is_slug`].
    pub slug: String,
    /// The value in words.
    pub label: String,
    /// Item indices, in the order of the site's list (newest first).
    pub items: Vec<usize>,
}

/// The values of one dimension that occur on a site.
#[derive(Debug, Clone)]
pub struct Filter {
    /// What it narrows by.
    pub dimension: Dimension,
    /// Values with at least one item, in the panel's order.
    pub values: Vec<FilterValue>,
}

/// The filters of the items `listed` on a site (newest first, as the list shows them).
/// Values without items get no page and no link.
pub fn filters(prep: &Prepared<'_>, listed: &[usize]) -> Vec<Filter> {
    let (lang, appeals) = (prep.lang, &prep.reg.repo.appeals);
    let status = by_choice(listed, |i| appeals[i].status, |s| words::status(s, lang));
    let kind = by_choice(listed, |i| appeals[i].kind, |k| words::kind(k, lang));
    let channel = by_choice(listed, |i| appeals[i].channel, |c| words::channel(c, lang));
    let locality = localities(prep, listed);
    Dimension::ALL
        .into_iter()
        .zip([status, locality, kind, channel])
        .map(|(dimension, values)| Filter { dimension, values })
        .collect()
}

/// The values of a closed set that occur in `listed`, in the set's documented order.
fn by_choice<C: Choice>(
    listed: &[usize],
    of: impl Fn(usize) -> C,
    label: impl Fn(C) -> words::Label,
) -> Vec<FilterValue> {
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); C::ALL.len()];
    for &i in listed {
        let name = of(i).name();
        if let Some(p) = C::ALL.iter().position(|c| c.name() == name) {
            buckets[p].push(i);
        }
    }
    C::ALL
        .iter()
        .zip(buckets)
        .filter(|(_, items)| !items.is_empty())
        .map(|(&c, items)| {
            let l = label(c);
            FilterValue { code: l.code.into(), slug: l.code.into(), label: l.name.into(), items }
        })
        .collect()
}

/// The settlements of `listed`, in alphabetical order, each with its slug. Slugs are
/// worked out over these names and the configured settlements (which are public), never
/// over items of the other site, so that a hidden item cannot change a public link.
fn localities(prep: &Prepared<'_>, listed: &[usize]) -> Vec<FilterValue> {
    let appeals = &prep.reg.repo.appeals;
    let mut buckets: HashMap<&str, Vec<usize>> = HashMap::new();
    for &i in listed {
        let name = appeals[i].locality.as_str();
        if !name.trim().is_empty() {
            buckets.entry(name).or_default().push(i);
        }
    }
    let configured = prep.reg.repo.config.settlements.iter().map(String::as_str);
    let slugs = slugs(configured, buckets.keys().copied());
    let mut values: Vec<FilterValue> = buckets
        .into_iter()
        .filter_map(|(name, items)| {
            // A slug names a file: the same guard as for sector ids, though `slug` only
            // ever writes ASCII letters, digits and dashes.
            let slug = slugs.get(name).filter(|s| is_slug(s))?;
            Some(FilterValue {
                code: name.to_string(),
                slug: slug.clone(),
                label: name.to_string(),
                items,
            })
        })
        .collect();
    values.sort_by_cached_key(|v| (sort_key(&v.code), v.code.clone()));
    values
}

/// A name as the alphabet sorts it: lower case, `ё` as `е`.
fn sort_key(name: &str) -> String {
    name.to_lowercase().replace('ё', "е")
}

/// The page of `slug` in `dimension`, relative to the site root; `page` from 1.
pub fn file(dimension: Dimension, slug: &str, page: usize) -> String {
    format!("appeals/{}/{}", dimension.code(), file_name(slug, page))
}

/// The file name of page `page` of the filter `slug`, within its dimension's folder.
pub fn file_name(slug: &str, page: usize) -> String {
    if page == 1 { format!("{slug}.html") } else { format!("{slug}-page-{page}.html") }
}

/// Longest slug before a hash suffix, in bytes; a settlement's name is short, and a file
/// name must stay well under the file system's limit.
const MAX_SLUG: usize = 60;

/// An ASCII slug of a name: lower case, Cyrillic transliterated, every other run of
/// characters a single `-`. Always passes [`is_slug`]; a name with nothing to
/// transliterate gets a hash of itself, so it still has a stable file name.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        let piece: std::borrow::Cow<'static, str> = if c.is_ascii_alphanumeric() {
            c.to_string().into()
        } else if let Some(latin) = transliterate(c) {
            latin.into()
        } else if c.is_alphanumeric() {
            // A letter of a script the table does not know: its code point is ugly but
            // stable and unique.
            format!("u{:x}", u32::from(c)).into()
        } else {
            gap = true;
            continue;
        };
        if piece.is_empty() {
            continue;
        }
        if gap && !out.is_empty() {
            out.push('-');
        }
        gap = false;
        out.push_str(&piece);
    }
    if out.len() > MAX_SLUG {
        out.truncate(MAX_SLUG);
        let kept = out.trim_end_matches('-').len();
        out.truncate(kept);
    }
    if out.is_empty() { format!("{:08x}", fnv1a(name)) } else { out }
}

/// Slugs for settlement names, unique among them and never a reserved file name. The
/// names of `listed` (the configured settlements) are taken in their order, then the
/// names of `others` that are not listed, alphabetically; the first name with a given slug
/// keeps it, a later one adds a hash of its own name, so its link does not depend on how
/// many others collide. Blank names get no slug.
///
/// The order is the list's, not the alphabet's, because new settlements are appended to
/// the list: a new `Ust-Koksa` then takes the suffix, and `Усть-Кокса` keeps its link.
pub fn slugs<'n>(
    listed: impl IntoIterator<Item = &'n str>,
    others: impl IntoIterator<Item = &'n str>,
) -> HashMap<&'n str, String> {
    let mut seen: HashSet<&str> = HashSet::new();
    let listed: Vec<&str> = listed.into_iter().filter(|n| seen.insert(n)).collect();
    let others: BTreeSet<&str> = others.into_iter().filter(|n| !seen.contains(n)).collect();
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = HashMap::new();
    for name in listed.into_iter().chain(others).filter(|n| !n.trim().is_empty()) {
        let base = slug(name);
        let mut candidate = base.clone();
        if taken.contains(&candidate) || is_reserved(&candidate) {
            candidate = format!("{base}-{:08x}", fnv1a(name));
        }
        let mut n = 2;
        while taken.contains(&candidate) || is_reserved(&candidate) {
            candidate = format!("{base}-{:08x}-{n}", fnv1a(name));
            n += 1;
        }
        taken.insert(candidate.clone());
        out.insert(name, candidate);
    }
    out
}

/// Two configured settlements whose pages would have the same name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlugClash<'n> {
    /// The one listed first: it keeps the plain name.
    pub keeps: &'n str,
    /// The one listed later: its page name gets a suffix.
    pub yields: &'n str,
    /// The plain page name both would have.
    pub plain: String,
    /// The page name `yields` gets instead.
    pub given: String,
}

/// Every pair of `listed` settlements with the same plain slug: each later name against
/// the first one that holds the slug. A name listed twice is one settlement, not a clash.
pub fn slug_clashes<'n>(listed: &[&'n str]) -> Vec<SlugClash<'n>> {
    let given = slugs(listed.iter().copied(), []);
    let mut holders: HashMap<String, &str> = HashMap::new();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for &name in listed.iter().filter(|n| !n.trim().is_empty()) {
        if !seen.insert(name) {
            continue;
        }
        let plain = slug(name);
        match holders.get(&plain) {
            Some(&keeps) => out.push(SlugClash {
                keeps,
                yields: name,
                given: given.get(name).cloned().unwrap_or_default(),
                plain,
            }),
            None => {
                holders.insert(plain, name);
            }
        }
    }
    out
}

/// Whether a slug would name a file that means something else in a filter folder or on
/// the site: `index` (a folder's own page), a later page of another filter (`…-page-2`)
/// or of a list (`page-2`), or a name Windows keeps for a device (`nul`, `com1`), which
/// a copy of the site on an office file share could not hold.
fn is_reserved(slug: &str) -> bool {
    const DEVICES: &[&str] = &["con", "prn", "aux", "nul"];
    let numbered_device = |prefix: &str| {
        slug.strip_prefix(prefix).is_some_and(|d| d.len() == 1 && d.as_bytes()[0].is_ascii_digit())
    };
    slug == "index"
        || DEVICES.contains(&slug)
        || numbered_device("com")
        || numbered_device("lpt")
        || looks_like_a_later_page(slug)
        || slug.strip_prefix("page-").is_some_and(all_digits)
}

fn looks_like_a_later_page(slug: &str) -> bool {
    slug.rsplit_once("-page-").is_some_and(|(_, n)| all_digits(n))
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// 32-bit FNV-1a: a hash fixed by its definition, unlike std's, so a slug built from it
/// is the same under every version of Rust.
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// The Latin spelling of a lower-case Cyrillic letter, close to the transliteration of
/// Russian road signs and maps (`х` → `kh`, `й` → `y`); hard and soft signs vanish. The
/// letters of Altai, Ukrainian, Belarusian and Kazakh place names are here too, because
/// settlements of a Russian district may carry them.
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' | 'є' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' | 'ӧ' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ӱ' | 'ў' | 'ү' | 'ұ' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ј' => "j",
        'ҥ' | 'ң' => "ng",
        'ї' => "yi",
        'ґ' => "g",
        'ә' => "a",
        'ғ' => "gh",
        'қ' => "q",
        'һ' => "h",
        _ => return None,
    })
}

/// A link of the filter panel.
#[derive(Debug, Clone, Serialize)]
pub struct PanelLink {
    /// The value as data, for the search form's options.
    pub code: String,
    /// The value in words.
    pub label: String,
    /// The page, relative to the site root.
    pub href: String,
}

/// A group of the filter panel: one dimension, or the sectors.
#[derive(Debug, Clone, Serialize)]
pub struct PanelGroup {
    /// `status`, `locality`, `kind`, `channel` or `sector`.
    pub code: &'static str,
    /// The group's heading: «По статусу».
    pub title: &'static str,
    /// The dimension's name: «Статус».
    pub noun: &'static str,
    /// Its values.
    pub links: Vec<PanelLink>,
}

/// The panel of a site: the dimensions of `filters`, then the sectors with items listed
/// on the site and a page of their own.
pub fn panel(
    prep: &Prepared<'_>,
    filters: &[Filter],
    sector_listed: &[Vec<usize>],
    ui: &BTreeMap<&'static str, &'static str>,
) -> Vec<PanelGroup> {
    let mut groups: Vec<PanelGroup> = filters
        .iter()
        .map(|f| {
            let (noun, title) = f.dimension.text_keys();
            PanelGroup {
                code: f.dimension.code(),
                title: ui[title],
                noun: ui[noun],
                links: f
                    .values
                    .iter()
                    .map(|v| PanelLink {
                        code: v.code.clone(),
                        label: v.label.clone(),
                        href: file(f.dimension, &v.slug, 1),
                    })
                    .collect(),
            }
        })
        .collect();
    let sectors = prep
        .reg
        .repo
        .sectors
        .iter()
        .enumerate()
        .filter(|(s, _)| !sector_listed[*s].is_empty())
        .filter_map(|(s, sector)| {
            prep.sector_page(s).map(|href| PanelLink {
                code: sector.id.clone(),
                label: sector.title.clone(),
                href,
            })
        })
        .collect();
    groups.push(PanelGroup {
        code: "sector",
        title: ui["by_sector"],
        noun: ui["sector"],
        links: sectors,
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_settlements_become_readable_ascii_slugs() {
        assert_eq!(slug("Усть-Кокса"), "ust-koksa");
        assert_eq!(slug("Катанда"), "katanda");
        assert_eq!(slug("Тюнгур"), "tyungur");
        assert_eq!(slug("Верх-Уймон"), "verkh-uymon");
        assert_eq!(slug("Щебёнка Подъезд"), "shchebenka-podezd");
        assert_eq!(slug("Мульта 2-я"), "multa-2-ya");
    }

    #[test]
    fn quotes_spaces_and_markup_collapse_into_single_dashes() {
        assert_eq!(slug("  село «Ключи» <b>\"x\"</b> "), "selo-klyuchi-b-x-b");
        assert_eq!(slug("../../etc"), "etc");
        assert!(is_slug(&slug("село \"Ключи\" & 'Ягодное'")));
    }

    #[test]
    fn altai_letters_and_unknown_scripts_still_give_a_slug() {
        assert_eq!(slug("Кӧксуу"), "koksuu");
        assert_eq!(slug("Ҥ"), "ng");
        assert_eq!(slug("北京"), "u5317u4eac");
        let only_marks = slug("«»—");
        assert!(is_slug(&only_marks) && only_marks.len() == 8, "{only_marks}");
        assert_eq!(only_marks, slug("«»—"), "the same name, the same slug");
    }

    #[test]
    fn long_names_are_cut_without_a_trailing_dash() {
        let long = slug(&"Очень длинное название ".repeat(10));
        assert!(long.len() <= MAX_SLUG && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn colliding_names_get_distinct_stable_slugs() {
        let names = ["Катанда", "катанда", "Катанда!", "Тюнгур"];
        let s = slugs(names, []);
        assert_eq!(s["Катанда"], "katanda");
        assert_eq!(s["Тюнгур"], "tyungur");
        let others = [&s["катанда"], &s["Катанда!"]];
        assert!(others.iter().all(|o| o.starts_with("katanda-") && is_slug(o)), "{others:?}");
        assert_ne!(others[0], others[1]);
        // Adding a name elsewhere in the order does not move the existing links.
        let more = slugs(["Катанда", "катанда", "Катанда!", "Тюнгур", "Абай"], []);
        for name in names {
            assert_eq!(more[name], s[name], "{name}");
        }
    }

    #[test]
    fn a_slug_that_looks_like_a_later_page_is_set_apart() {
        let s = slugs(["Катанда", "Катанда page 2"], []);
        assert_eq!(s["Катанда"], "katanda");
        assert!(s["Катанда page 2"].starts_with("katanda-page-2-"), "{s:?}");
        assert!(!looks_like_a_later_page("katanda-pages"));
    }

    #[test]
    fn blank_names_get_no_slug() {
        assert!(slugs(["", "  "], [" "]).is_empty());
    }

    #[test]
    fn a_settlement_appended_to_the_list_does_not_move_an_earlier_one() {
        for (first, added) in [("Усть-Кокса", "Ust-Koksa"), ("Огнёвка", "Огневка")]
        {
            let before = slugs([first, "Катанда"], []);
            let after = slugs([first, "Катанда", added], []);
            assert_eq!(after[first], before[first], "{first}");
            assert_eq!(after[first], slug(first));
            assert!(after[added].starts_with(&format!("{}-", slug(first))), "{after:?}");
        }
    }

    #[test]
    fn names_outside_the_list_come_after_every_listed_one() {
        // `Ust-Koksa` sorts before `Усть-Кокса`, and is named in an item only.
        let s = slugs(["Катанда", "Усть-Кокса"], ["Ust-Koksa", "Катанда", "Усть-Кокса"]);
        assert_eq!(s["Усть-Кокса"], "ust-koksa");
        assert_ne!(s["Ust-Koksa"], "ust-koksa");
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn reserved_file_names_get_the_suffix_too() {
        let s = slugs(["Index", "Page 2", "Нул", "Com1", "Катанда"], []);
        for name in ["Index", "Page 2", "Нул", "Com1"] {
            let base = slug(name);
            assert!(s[name].starts_with(&format!("{base}-")) && is_slug(&s[name]), "{s:?}");
            assert!(!is_reserved(&s[name]), "{s:?}");
        }
        assert_eq!(s["Катанда"], "katanda");
        assert!(!is_reserved("indexes") && !is_reserved("page") && !is_reserved("com12"));
        assert!(is_reserved("katanda-page-3") && is_reserved("page-10"));
    }

    #[test]
    fn clashes_among_listed_settlements_name_who_keeps_the_plain_name() {
        let clashes = slug_clashes(&["Усть-Кокса", "Катанда", "Усть-Кокса", "Ust-Koksa"]);
        assert_eq!(clashes.len(), 1, "a name listed twice is not a clash: {clashes:?}");
        let c = &clashes[0];
        assert_eq!((c.keeps, c.yields, c.plain.as_str()), ("Усть-Кокса", "Ust-Koksa", "ust-koksa"));
        assert_eq!(c.given, slugs(["Усть-Кокса", "Ust-Koksa"], [])["Ust-Koksa"]);
    }

    #[test]
    fn filter_files_are_paginated_like_the_list() {
        assert_eq!(file(Dimension::Status, "in_progress", 1), "appeals/status/in_progress.html");
        assert_eq!(file(Dimension::Locality, "katanda", 3), "appeals/locality/katanda-page-3.html");
    }
}
