//! The search index of the public site, `data/search.json`, read by
//! `assets/search.js` the first time someone uses the search box of the list.
//!
//! Built from [`PublicItem`], the allow-list of the public pages, and only for items with a
//! public page, so the index says nothing those pages do not. Of the allow-list it keeps
//! what a search needs: number, page, day received, kind, status, sector, settlement,
//! topic name and the public summary.
//!
//! A district register can hold 100 000 items, so the file is compact: each item is an
//! array in the order of `fields`, and the values that repeat (kinds, statuses, sectors,
//! settlements, topics) are numbers into tables written after the items. It is written
//! item by item as the items are seen; the tables, known only at the end, follow them.
//!
//! ```json
//! {"fields":["id","page","received","kind","status","sector","locality","topic","summary"],
//!  "items":[["2026-0042","appeals/2026-0042.html","2026-03-02",0,0,0,0,0,"Яма у школы"]],
//!  "kind":[{"code":"appeal","name":"Обращение по 59-ФЗ"}],
//!  "status":[{"code":"in_progress","name":"В работе"}],
//!  "sector":[{"code":"roads","name":"Дороги"}],
//!  "locality":["Катанда"],
//!  "topic":["Ремонт автомобильных дорог"]}
//! ```

use super::views::PublicItem;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

/// The columns of an item's array, in order.
pub const FIELDS: [&str; 9] =
    ["id", "page", "received", "kind", "status", "sector", "locality", "topic", "summary"];

/// A value of a table with a code: a kind, a status or a sector.
#[derive(Serialize)]
struct Coded<'a> {
    code: &'a str,
    name: &'a str,
}

/// Numbers the distinct values of one column in the order they are first seen, which is
/// the order of the items and so the same on every build.
struct Table<'a, T> {
    index: HashMap<&'a str, usize>,
    values: Vec<T>,
}

impl<'a, T> Table<'a, T> {
    fn new() -> Self {
        Table { index: HashMap::new(), values: Vec::new() }
    }

    fn number(&mut self, key: &'a str, value: impl FnOnce() -> T) -> usize {
        *self.index.entry(key).or_insert_with(|| {
            self.values.push(value());
            self.values.len() - 1
        })
    }
}

/// Writes the index of `items` (the public items, in the order the list shows them) to
/// `out`. Items without a page are skipped.
///
/// Fails when writing fails.
pub fn write_index<'a>(
    items: impl Iterator<Item = PublicItem<'a>>,
    mut out: impl Write,
) -> std::io::Result<()> {
    let mut kinds: Table<'static, Coded<'static>> = Table::new();
    let mut statuses: Table<'static, Coded<'static>> = Table::new();
    let mut sectors: Table<'a, Coded<'a>> = Table::new();
    let mut localities: Table<'a, &'a str> = Table::new();
    let mut topics: Table<'a, &'a str> = Table::new();
    out.write_all(b"{\"fields\":")?;
    serde_json::to_writer(&mut out, &FIELDS)?;
    out.write_all(b",\n\"items\":[")?;
    let mut first = true;
    for item in items {
        let Some(page) = item.page.as_deref() else { continue };
        let (kind, status) = (item.kind, item.status);
        let sector = item.sector;
        let topic = item.topic.name.unwrap_or(item.topic.code);
        let row = (
            item.id,
            page,
            item.received.iso.as_ref(),
            kinds.number(kind.code, || Coded { code: kind.code, name: kind.name }),
            statuses.number(status.code, || Coded { code: status.code, name: status.name }),
            sectors.number(sector.id, || Coded { code: sector.id, name: sector.title }),
            localities.number(item.locality, || item.locality),
            topics.number(topic, || topic),
            item.public_summary.unwrap_or_default(),
        );
        out.write_all(if first { b"\n" } else { b",\n" })?;
        first = false;
        serde_json::to_writer(&mut out, &row)?;
    }
    out.write_all(b"\n],\n\"kind\":")?;
    serde_json::to_writer(&mut out, &kinds.values)?;
    out.write_all(b",\n\"status\":")?;
    serde_json::to_writer(&mut out, &statuses.values)?;
    out.write_all(b",\n\"sector\":")?;
    serde_json::to_writer(&mut out, &sectors.values)?;
    out.write_all(b",\n\"locality\":")?;
    serde_json::to_writer(&mut out, &localities.values)?;
    out.write_all(b",\n\"topic\":")?;
    serde_json::to_writer(&mut out, &topics.values)?;
    out.write_all(b"}\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_number_values_in_the_order_first_seen() {
        let mut t: Table<'_, &str> = Table::new();
        assert_eq!(t.number("б", || "б"), 0);
        assert_eq!(t.number("а", || "а"), 1);
        assert_eq!(t.number("б", || unreachable!()), 0);
        assert_eq!(t.values, ["б", "а"]);
    }

    #[test]
    fn an_empty_index_is_still_valid_json() {
        let mut out = Vec::new();
        write_index(std::iter::empty(), &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["items"].as_array().map(Vec::len), Some(0));
        assert_eq!(v["fields"].as_array().map(Vec::len), Some(FIELDS.len()));
    }
}
