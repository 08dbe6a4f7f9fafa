//! Atom 1.0 feeds of status changes, public fields only: `feed.xml` for the whole district
//! and `sectors/<id>.xml` for each sector, in the public site.
//!
//! One entry per status change (from the git history) of an item that has a public page,
//! newest first, at most [`MAX_ENTRIES`]. An entry says only the number, the statuses
//! before and after, the day, and links to the item's public page: no names, e-mails,
//! staff ids or commit ids.
//!
//! Ids are stable URNs that need no domain: the feed is
//! `urn:otklik:<municipality hash>` (or `…:sector:<id>`), an entry
//! `urn:otklik:<municipality hash>:<appeal id>:status-<n>`, where the hash is FNV-1a 64 of
//! the municipality's name in hex and `n` counts the item's status changes from 1. They
//! survive rebuilds and history rewrites that keep the sequence of statuses.
//!
//! `updated` is the author time of the commit, in the municipality's zone; the feed's own
//! `updated` is its newest entry's (or the start of `today` when it has none), never the
//! clock of the build: the same register gives the same bytes.
//!
//! Links: when `base_url` in `otklik.yaml` is absolute (`https://…`), links are absolute
//! under it; otherwise (the default `/`) they are relative to the feed file, as Atom allows
//! (RFC 4287 §2, resolved against the feed's own address).

use super::timeline;
use super::views::{Prepared, Site};
use crate::appeal::Status;
use crate::history::Commit;
use chrono::{DateTime, FixedOffset, TimeZone};
use std::fmt::Write as _;
use std::sync::Arc;

/// Most entries in one feed.
pub const MAX_ENTRIES: usize = 200;

/// One status change of a public item.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Index of the item in the register.
    pub item: usize,
    /// Ordinal of this status change in the item's history, from 1.
    pub ordinal: usize,
    /// The commit that made it.
    pub commit: Arc<Commit>,
    /// Before.
    pub from: Option<Status>,
    /// After.
    pub to: Option<Status>,
}

/// Every status change of items with a public page, newest first (then by number and
/// ordinal, for a fixed order of changes made at the same second).
pub fn entries(prep: &Prepared<'_>) -> Vec<Entry> {
    let reg = prep.reg;
    let mut out = Vec::new();
    for (i, a) in reg.repo.appeals.iter().enumerate() {
        if !prep.has_page(Site::Public, i) {
            continue;
        }
        let mut ordinal = 0;
        for e in reg.history.timeline(&a.id) {
            if let crate::history::Change::Status { from, to } = &e.change {
                ordinal += 1;
                out.push(Entry {
                    item: i,
                    ordinal,
                    commit: Arc::clone(&e.commit),
                    from: *from,
                    to: *to,
                });
            }
        }
    }
    out.sort_by(|x, y| {
        let key =
            |e: &Entry| (e.commit.time, reg.repo.appeals[e.item].year_and_number(), e.ordinal);
        key(y).cmp(&key(x))
    });
    out
}

/// FNV-1a, 64 bits: a hash that does not change between Rust releases.
fn fnv1a(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// `text` escaped for XML text and attributes, without characters XML 1.0 forbids.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Which feed.
pub enum Scope<'s> {
    /// The whole district: `feed.xml`.
    District,
    /// One sector, by index: `sectors/<id>.xml`.
    Sector(usize, &'s str),
}

/// The Atom document of `entries` (already newest first) for `scope`.
pub fn atom(prep: &Prepared<'_>, scope: &Scope<'_>, entries: &[&Entry]) -> String {
    let reg = prep.reg;
    let config = &reg.repo.config;
    let lang = config.lang;
    let texts = timeline::texts(lang);
    let base = format!("urn:otklik:{:016x}", fnv1a(&config.name));
    let absolute = config.base_url.contains("://");
    let (feed_id, title, self_href, root) = match scope {
        Scope::District => (base.clone(), config.name.clone(), "feed.xml".to_string(), ""),
        Scope::Sector(s, id) => (
            format!("{base}:sector:{id}"),
            format!("{} — {}", config.name, reg.repo.sectors[*s].title),
            format!("sectors/{id}.xml"),
            "../",
        ),
    };
    let href = |page: &str| {
        if absolute {
            format!("{}/{page}", config.base_url.trim_end_matches('/'))
        } else {
            format!("{root}{page}")
        }
    };
    let updated = entries.first().map_or_else(
        || {
            let midnight = reg.today.and_hms_opt(0, 0, 0).expect("midnight exists");
            match config.zone.from_local_datetime(&midnight).earliest() {
                Some(t) => rfc3339(t.fixed_offset()),
                None => format!("{}T00:00:00Z", super::views::iso_date(reg.today)),
            }
        },
        |e| rfc3339(e.commit.time),
    );
    let mut x = String::with_capacity(1024 + entries.len() * 600);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ =
        writeln!(x, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">", lang.code());
    let _ = writeln!(x, "<id>{}</id>", xml_escape(&feed_id));
    let _ = writeln!(x, "<title>{}</title>", xml_escape(&title));
    let _ = writeln!(x, "<subtitle>{}</subtitle>", xml_escape(texts["feed"]));
    let _ = writeln!(x, "<updated>{updated}</updated>");
    let _ = writeln!(x, "<author><name>{}</name></author>", xml_escape(&config.name));
    let _ = writeln!(x, "<link rel=\"self\" href=\"{}\"/>", xml_escape(&href(&self_href)));
    let _ = writeln!(
        x,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&href("index.html"))
    );
    for e in entries {
        let a = &reg.repo.appeals[e.item];
        let page = prep.item_page(Site::Public, e.item).unwrap_or_default();
        let change = match e.from {
            None => timeline::status_word(e.to, lang),
            Some(_) => format!(
                "{} → {}",
                timeline::status_word(e.from, lang),
                timeline::status_word(e.to, lang)
            ),
        };
        let title = format!("{}: {change}", a.id);
        let summary = format!(
            "{} {} {}: {change}.",
            super::words::date(e.commit.day(), lang),
            if lang == crate::messages::Lang::Ru {
                "— статус обращения"
            } else {
                "— status of appeal"
            },
            a.id
        );
        x.push_str("<entry>\n");
        let _ = writeln!(x, "<id>{}:{}:status-{}</id>", base, xml_escape(&a.id), e.ordinal);
        let _ = writeln!(x, "<title>{}</title>", xml_escape(&title));
        let _ = writeln!(x, "<updated>{}</updated>", rfc3339(e.commit.time));
        let _ = writeln!(
            x,
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml_escape(&href(&page))
        );
        let _ = writeln!(x, "<summary>{}</summary>", xml_escape(&summary));
        x.push_str("</entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

fn rfc3339(t: DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(xml_escape("a<b>&\"'\u{1}c"), "a&lt;b&gt;&amp;&quot;&apos;c");
    }

    #[test]
    fn the_hash_is_fixed() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
