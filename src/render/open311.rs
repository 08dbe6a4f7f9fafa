//! The read-only Open311 GeoReport v2 export of the public site: `open311/services.json`,
//! `open311/requests.json` and `open311/discovery.json`.
//!
//! Like the other open data files it is built from [`PublicItem`] alone, so it cannot say
//! more than the public pages do. GeoReport was made for city issue trackers, and three of
//! its fields need a word on how they map here:
//! - a service is a topic of the classifier, because the topic is what the citizen wrote
//!   about; its `group` is the sector that handles it, the grouping a citizen knows;
//! - `address` is the settlement and nothing finer: a street and house would point at a
//!   household (DOMAIN.md, Privacy). `lat`, `long` and `media_url` are left out, as we
//!   have no coordinates and publish no attachments;
//! - `requested_datetime` is the day received, because the public site publishes days,
//!   not times of day; a bare date is a valid W3C date-time of day precision.
//!
//! A static site cannot answer queries, so a client gets every public request at once and
//! filters it itself; there is no file per request and no POST.

use super::views::{Day, PublicItem};
use super::words;
use crate::appeal::{Status, parse_id};
use crate::classifier;
use crate::fields::Choice;
use crate::messages::Lang;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The specification the files follow, as the discovery file names it.
pub const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";

/// One service: a classifier topic that public items use.
#[derive(Debug, Serialize)]
pub struct Service<'a> {
    /// The topic's code.
    pub service_code: &'a str,
    /// The topic's name, or its code when the classifier does not know it.
    pub service_name: &'a str,
    /// The topic's place in the classifier: the names from the section down.
    pub description: String,
    /// Always `false`: a read-only export takes no attributes.
    pub metadata: bool,
    /// Always `realtime`: the files show each request as the register has it.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Empty: the classifier has no keywords.
    pub keywords: &'static str,
    /// The title of the sector that handles most of the topic's public items.
    pub group: &'a str,
}

/// One service request: a public item, in the words of GeoReport v2.
#[derive(Debug, Serialize)]
pub struct Request<'a> {
    /// The item's number.
    pub service_request_id: &'a str,
    /// `open` or `closed`.
    pub status: &'static str,
    /// The answer summary written for publication, else what happened to a forwarded or
    /// unanswered item; empty while open.
    pub status_notes: Cow<'a, str>,
    /// The topic's name, or its code when the classifier does not know it.
    pub service_name: &'a str,
    /// The topic's code.
    pub service_code: &'a str,
    /// The summary written for publication; empty when there is none.
    pub description: &'a str,
    /// The sector's title.
    pub agency_responsible: &'a str,
    /// The day received.
    pub requested_datetime: &'a str,
    /// The day of the answer, once answered.
    pub updated_datetime: Option<&'a str>,
    /// The answer's due day, or instant for terms counted in hours.
    pub expected_datetime: Option<&'a str>,
    /// The settlement.
    pub address: &'a str,
}

/// The discovery document: where the files are and which specification they follow.
#[derive(Debug, Serialize)]
pub struct Discovery<'a> {
    /// The day the register was built for.
    pub changeset: &'a str,
    /// Who publishes the data.
    pub contact: &'a str,
    /// Empty: nothing is written through this export, so no key is handed out.
    pub key_service: &'static str,
    /// The one endpoint, this site's `open311/` folder.
    pub endpoints: [Endpoint<'a>; 1],
}

/// One endpoint of the discovery document.
#[derive(Debug, Serialize)]
pub struct Endpoint<'a> {
    /// [`SPECIFICATION`].
    pub specification: &'static str,
    /// The folder holding `services.json` and `requests.json`.
    pub url: String,
    /// The same as the discovery's.
    pub changeset: &'a str,
    /// Always `production`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Always JSON only.
    pub formats: [&'static str; 1],
}

/// The services of `items`, one per topic code, sorted by code.
pub fn services<'a>(items: &'a [PublicItem<'a>]) -> Vec<Service<'a>> {
    let mut topics: BTreeMap<&str, (&str, SectorCounts<'_>)> = BTreeMap::new();
    for item in items {
        let name = item.topic.name.unwrap_or(item.topic.code);
        let (_, sectors) = topics.entry(item.topic.code).or_insert((name, BTreeMap::new()));
        *sectors.entry((item.sector.id, item.sector.title)).or_default() += 1;
    }
    topics
        .into_iter()
        .map(|(code, (name, sectors))| Service {
            service_code: code,
            service_name: name,
            description: classifier_path(code),
            metadata: false,
            kind: "realtime",
            keywords: "",
            group: busiest(&sectors),
        })
        .collect()
}

/// Items per sector, by sector id and title.
type SectorCounts<'a> = BTreeMap<(&'a str, &'a str), usize>;

/// The title of the sector with the most items; on a tie, the one with the smallest id,
/// so that the same register always names the same group.
fn busiest<'a>(sectors: &SectorCounts<'a>) -> &'a str {
    sectors
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.0.cmp(a.0.0)))
        .map_or("", |((_, title), _)| title)
}

/// The names of `code`'s listed ancestors and of itself, from the section down.
fn classifier_path(code: &str) -> String {
    let prefixes = code.match_indices('.').map(|(at, _)| &code[..at]).chain([code]);
    prefixes.filter_map(classifier::exact).collect::<Vec<_>>().join(" › ")
}

/// The requests of `items`, sorted by number; notes are in `lang`.
pub fn requests<'a>(items: &'a [PublicItem<'a>], lang: Lang) -> Vec<Request<'a>> {
    let ui = words::ui(lang);
    let (forwarded, unanswered) = (ui["forwarded_to"], ui["left_unanswered_note"]);
    let iso = |d: &'a Option<Day<'a>>| d.as_ref().map(|d| d.iso.as_ref());
    let mut requests: Vec<Request<'a>> = items
        .iter()
        .map(|item| {
            let status_notes = match (item.answer_summary, item.forwarded_to) {
                (Some(summary), _) => Cow::Borrowed(summary),
                (None, Some(body)) => Cow::Owned(format!("{forwarded}: {body}")),
                (None, None) if item.left_unanswered => Cow::Borrowed(unanswered),
                (None, None) => Cow::Borrowed(""),
            };
            Request {
                service_request_id: item.id,
                status: open_or_closed(item),
                status_notes,
                service_name: item.topic.name.unwrap_or(item.topic.code),
                service_code: item.topic.code,
                description: item.public_summary.unwrap_or_default(),
                agency_responsible: item.sector.title,
                requested_datetime: &item.received.iso,
                updated_datetime: iso(&item.answered),
                expected_datetime: iso(&item.deadline.due),
                address: item.locality,
            }
        })
        .collect();
    requests.sort_by_key(|r| (parse_id(r.service_request_id), r.service_request_id));
    requests
}

/// GeoReport knows only `open` and `closed`; an item is closed once nobody has to act on
/// it any more: answered, closed, forwarded or left unanswered.
fn open_or_closed(item: &PublicItem<'_>) -> &'static str {
    match Status::from_name(item.status.code) {
        Some(status) if !status.is_open() => "closed",
        _ => "open",
    }
}

/// The discovery document of a site published under `base_url`.
pub fn discovery<'a>(base_url: &str, contact: &'a str, changeset: &'a str) -> Discovery<'a> {
    Discovery {
        changeset,
        contact,
        key_service: "",
        endpoints: [Endpoint {
            specification: SPECIFICATION,
            url: format!("{}/open311", base_url.trim_end_matches('/')),
            changeset,
            kind: "production",
            formats: ["application/json"],
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_service_is_described_by_its_place_in_the_classifier() {
        assert_eq!(
            classifier_path("0003.0009.0099.0742.0110"),
            "Экономика › Хозяйственная деятельность › Транспорт › \
             Эксплуатация и сохранность автомобильных дорог › Ремонт автомобильных дорог"
        );
        assert_eq!(classifier_path("0009.0001"), "");
    }

    #[test]
    fn a_topic_shared_by_sectors_is_grouped_under_the_busiest_then_the_first() {
        let mut sectors = BTreeMap::new();
        sectors.insert(("roads", "Дороги"), 2);
        sectors.insert(("housing", "ЖКХ"), 2);
        sectors.insert(("social", "Соцзащита"), 1);
        assert_eq!(busiest(&sectors), "ЖКХ");
        sectors.insert(("social", "Соцзащита"), 3);
        assert_eq!(busiest(&sectors), "Соцзащита");
        assert_eq!(busiest(&BTreeMap::new()), "");
    }

    #[test]
    fn the_endpoint_is_the_open311_folder_under_any_base_url() {
        assert_eq!(discovery("/", "", "2026-03-06").endpoints[0].url, "/open311");
        let d = discovery("https://example.org/obr/", "", "2026-03-06");
        assert_eq!(d.endpoints[0].url, "https://example.org/obr/open311");
    }
}
