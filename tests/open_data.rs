//! The open data of the public site over the render fixture (`tests/fixtures/render/basic/`):
//! `data/appeals.json` against its JSON Schema, the Open311 GeoReport v2 export, and
//! privacy canaries in every file of both folders.
//!
//! The register here runs the real checks and deadlines (`register::check`), unlike
//! `tests/render.rs`, which sets the deadlines by hand.

mod common;

use chrono::NaiveDate;
use otklik::register::Register;
use otklik::render;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const FIXTURE: &str = "tests/fixtures/render/basic";
const TODAY: (i32, u32, u32) = (2026, 3, 6);

/// The keys this export writes for every GeoReport v2 request, in the order of the spec.
const REQUEST_KEYS: [&str; 11] = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
];

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)
}

fn register_from(root: &Path) -> Register {
    let repo = otklik::load::load(root).expect("the fixture loads");
    let today = NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap();
    otklik::register::check(repo, Default::default(), today)
}

/// The site of the repository at `root`, built into a temporary folder.
fn build(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    render::build(&register_from(root), &out, None).expect("the fixture builds");
    (tmp, out)
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator(schema: &Value) -> jsonschema::Validator {
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(jsonschema::meta::is_valid(schema), "the schema itself is valid 2020-12");
    jsonschema::draft202012::new(schema).expect("the schema compiles")
}

/// Every error of `instance` against `v`, one per line, for a failing assertion.
fn errors(v: &jsonschema::Validator, instance: &Value) -> String {
    v.iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `requests.json` of the built fixture, by request id.
fn requests_by_id(out: &Path) -> BTreeMap<String, Value> {
    let requests = read_json(&out.join("public/open311/requests.json"));
    requests
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["service_request_id"].as_str().unwrap().to_string(), r.clone()))
        .collect()
}

#[test]
fn every_record_of_the_open_data_validates_against_its_schema() {
    let (_tmp, out) = build(&fixture());
    let schema = read_json(&out.join("public/data/appeals.schema.json"));
    let records = read_json(&out.join("public/data/appeals.json"));
    let v = validator(&schema);
    assert_eq!(records.as_array().unwrap().len(), 6, "the six public items of the fixture");
    assert!(v.is_valid(&records), "{}", errors(&v, &records));
    for record in records.as_array().unwrap() {
        let one = json!([record]);
        assert!(v.is_valid(&one), "{}: {}", record["id"], errors(&v, &one));
    }
}

#[test]
fn a_record_with_an_extra_field_an_unknown_code_or_a_missing_field_fails_its_schema() {
    let (_tmp, out) = build(&fixture());
    let v = validator(&read_json(&out.join("public/data/appeals.schema.json")));
    let records = read_json(&out.join("public/data/appeals.json"));
    let good = records[0].clone();
    assert!(v.is_valid(&json!([good])));

    let mut extra = good.clone();
    extra["applicant"] = json!("Иванов Иван");
    assert!(!v.is_valid(&json!([extra])), "an extra field is refused");

    for (field, wrong) in [
        ("status", json!("lost")),
        ("kind", json!("complaint")),
        ("channel", json!("pigeon")),
        ("deadline_state", json!("late")),
        ("result", json!("rejected")),
        ("late", json!("no")),
        ("received", json!("12.01.2026")),
        ("due", json!("2026-02-12 10:00")),
    ] {
        let mut bad = good.clone();
        bad[field] = wrong.clone();
        assert!(!v.is_valid(&json!([bad])), "{field} = {wrong} is refused");
    }

    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("locality");
    assert!(!v.is_valid(&json!([missing])), "a missing field is refused");

    let mut unanswered = good;
    unanswered["result"] = json!("");
    unanswered["answered"] = json!("");
    assert!(v.is_valid(&json!([unanswered])), "empty result and answer day are allowed");
}

#[test]
fn open311_requests_validate_against_their_schema_and_a_coordinate_does_not() {
    let (_tmp, out) = build(&fixture());
    let v = validator(&read_json(&out.join("public/open311/requests.schema.json")));
    let requests = read_json(&out.join("public/open311/requests.json"));
    assert!(v.is_valid(&requests), "{}", errors(&v, &requests));
    let mut located = requests[0].clone();
    located["lat"] = json!(50.1);
    assert!(!v.is_valid(&json!([located])), "a coordinate is not part of this export");
    let mut pending = requests[0].clone();
    pending["status"] = json!("pending");
    assert!(!v.is_valid(&json!([pending])));
}

#[test]
fn open311_requests_have_exactly_the_georeport_keys_in_the_spec_order() {
    let (_tmp, out) = build(&fixture());
    let text = std::fs::read_to_string(out.join("public/open311/requests.json")).unwrap();
    let requests: Vec<serde_json::Map<String, Value>> = serde_json::from_str(&text).unwrap();
    assert_eq!(requests.len(), 6);
    for line in text.lines().filter(|l| l.starts_with('{')) {
        let positions: Vec<usize> =
            REQUEST_KEYS.iter().map(|k| line.find(&format!("\"{k}\":")).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "keys out of order: {line}");
    }
    for r in &requests {
        let keys: BTreeSet<&str> = r.keys().map(String::as_str).collect();
        assert_eq!(keys, REQUEST_KEYS.into_iter().collect(), "{r:?}");
    }
}

#[test]
fn open311_requests_are_the_public_items_sorted_by_number() {
    let (_tmp, out) = build(&fixture());
    let records = read_json(&out.join("public/data/appeals.json"));
    let record_ids: Vec<&str> =
        records.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    let requests = read_json(&out.join("public/open311/requests.json"));
    let ids: Vec<&str> = requests
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["service_request_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["2025-0101", "2026-0001", "2026-0002", "2026-0004", "2026-0006", "2026-0007"]);
    assert_eq!(ids, record_ids);
}

#[test]
fn an_open311_address_is_the_settlement_and_nothing_finer() {
    let (_tmp, out) = build(&fixture());
    let settlements = ["Усть-Кокса", "Катанда", "Тюнгур"];
    let records = read_json(&out.join("public/data/appeals.json"));
    let locality: BTreeMap<&str, &str> = records
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["locality"].as_str().unwrap()))
        .collect();
    for (id, r) in requests_by_id(&out) {
        let address = r["address"].as_str().unwrap();
        assert_eq!(address, locality[id.as_str()], "{id}");
        assert!(settlements.contains(&address), "{id}: {address}");
        for key in ["lat", "long", "media_url", "address_id", "zipcode"] {
            assert!(r.get(key).is_none(), "{id} has {key}");
        }
    }
    assert_eq!(requests_by_id(&out)["2026-0001"]["address"], "Катанда");
}

#[test]
fn open311_status_is_closed_once_answered_forwarded_or_unanswered_and_open_otherwise() {
    let (_tmp, out) = build(&fixture());
    let requests = requests_by_id(&out);

    let answered = &requests["2026-0001"];
    assert_eq!(answered["status"], "closed");
    assert_eq!(answered["status_notes"], "Ямочный ремонт запланирован на май");
    assert_eq!(answered["requested_datetime"], "2026-01-12");
    assert_eq!(answered["updated_datetime"], "2026-02-05");
    assert_eq!(answered["service_code"], "0003.0009.0099.0742.0110");
    assert_eq!(answered["service_name"], "Ремонт автомобильных дорог");
    assert_eq!(answered["agency_responsible"], "Дороги и транспорт");
    assert!(answered["expected_datetime"].as_str().unwrap().starts_with("2026-02-"));

    let open = &requests["2026-0002"];
    assert_eq!(open["status"], "open");
    assert_eq!(open["status_notes"], "");
    assert_eq!(open["updated_datetime"], Value::Null);
    assert_eq!(open["description"], "Не горят фонари на ул. Набережной");

    let forwarded = &requests["2026-0004"];
    assert_eq!(forwarded["status"], "closed");
    assert_eq!(
        forwarded["status_notes"],
        "Перенаправлено: Министерство транспорта Республики Алтай"
    );

    let unanswered = &requests["2026-0006"];
    assert_eq!(unanswered["status"], "closed");
    assert!(unanswered["status_notes"].as_str().unwrap().contains("статьи 11"));

    let closed = &requests["2026-0007"];
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["description"], "", "no public summary, so no description");
}

#[test]
fn open311_services_are_the_topics_of_public_items_grouped_by_sector() {
    let (_tmp, out) = build(&fixture());
    let services = read_json(&out.join("public/open311/services.json"));
    let services = services.as_array().unwrap();
    let codes: Vec<&str> = services.iter().map(|s| s["service_code"].as_str().unwrap()).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(codes, sorted, "one service per topic, sorted by code");
    let used: BTreeSet<String> = requests_by_id(&out)
        .values()
        .map(|r| r["service_code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes.iter().map(|c| c.to_string()).collect::<BTreeSet<_>>(), used);
    for s in services {
        let keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected = [
            "service_code",
            "service_name",
            "description",
            "metadata",
            "type",
            "keywords",
            "group",
        ];
        expected.sort();
        let mut keys = keys;
        keys.sort();
        assert_eq!(keys, expected);
        assert_eq!(s["metadata"], false);
        assert_eq!(s["type"], "realtime");
    }
    let repair = services.iter().find(|s| s["service_code"] == "0003.0009.0099.0742.0110").unwrap();
    assert_eq!(repair["group"], "Дороги и транспорт");
    assert!(repair["description"].as_str().unwrap().starts_with("Экономика › "));

    let discovery = read_json(&out.join("public/open311/discovery.json"));
    assert_eq!(discovery["endpoints"][0]["specification"], "http://wiki.open311.org/GeoReport_v2");
    assert_eq!(discovery["endpoints"][0]["url"], "/open311");
    assert_eq!(discovery["changeset"], "2026-03-06");
}

/// Three more items whose every private field holds a canary starting `ZZOPEN-`: an
/// answered public item with every private field set, an item left unanswered (its
/// reason is private), and an item marked not public (its summaries are private too).
const CANARY_ITEMS: [(&str, &str); 3] = [
    (
        "2026-0008",
        r#"---
id: 2026-0008
kind: message
channel: pos
external_id: "ZZOPEN-external-8"
received: 2026-02-02T08:05:00+07:00
registered: 2026-02-03
topic: "0003.0009.0099.0742.0111"
sector: roads
locality: Катанда
assignee: ZZPRIV-staff-4
status: closed
extension: { until: 2026-03-20, reason: "ZZOPEN-extension-8" }
returned: [{ date: 2026-02-10, reason: "ZZOPEN-returned-8" }]
reopened: [{ date: 2026-02-20, reason: "ZZOPEN-reopened-8" }]
answered: 2026-02-25
result: explained
rating: 5
agrees: true
public_summary: "Грейдирование дороги"
answer_summary: "Дорога прогрейдирована"
applicant:
  name: "ZZOPEN-name-8 Сидоров Пётр"
  contact: "ZZOPEN-email-8@example.invalid, +7 913 ZZOPEN-phone-8"
  address: "ZZOPEN-address-8 ул. Лесная, д. 7, кв. 2"
---
# ZZOPEN-heading-8

ZZOPEN-body-8: живу на ул. Лесной, дом 7, телефон +7 913 000-00-00.
"#,
    ),
    (
        "2026-0009",
        r#"---
id: 2026-0009
kind: appeal
channel: email
received: 2026-02-05
topic: "0003.0009.0097.0690"
sector: roads
locality: Тюнгур
assignee: ZZPRIV-staff-4
status: left_unanswered
reason: "ZZOPEN-reason-9"
public_summary: "Уличное освещение"
applicant:
  name: "ZZOPEN-name-9"
  contact: "ZZOPEN-email-9@example.invalid"
  address: "ZZOPEN-address-9"
---
ZZOPEN-body-9
"#,
    ),
    (
        "2026-0010",
        r#"---
id: 2026-0010
kind: appeal
channel: letter
received: 2026-02-06
topic: "0003.0009.0097.0690"
sector: roads
locality: Усть-Кокса
assignee: ZZPRIV-staff-4
status: answered
answered: 2026-02-20
result: supported
public: false
public_summary: "ZZOPEN-hiddensummary-10"
answer_summary: "ZZOPEN-hiddenanswer-10"
applicant:
  name: "ZZOPEN-name-10"
  contact: "+7 913 ZZOPEN-phone-10"
  address: "ZZOPEN-address-10"
---
ZZOPEN-body-10
"#,
    ),
];

/// Every canary in `text`: the run of letters, digits and dashes from `ZZOPEN-` on.
fn canaries_in(text: &str) -> BTreeSet<String> {
    text.match_indices("ZZOPEN-")
        .map(|(at, _)| {
            text[at..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect()
        })
        .collect()
}

/// Every file under `dir`, as text.
fn texts_under(dir: &Path) -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().to_path_buf(),
                String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned(),
            )
        })
        .collect()
}

#[test]
fn no_private_field_reaches_the_open_data_or_open311() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    common::copy_tree(&fixture(), &root);
    let mut planted = BTreeSet::new();
    for (id, text) in CANARY_ITEMS {
        std::fs::write(root.join(format!("appeals/2026/{id}.md")), text).unwrap();
        planted.extend(canaries_in(text));
    }
    assert_eq!(planted.len(), 21, "{planted:?}");
    let (_out_tmp, out) = build(&root);

    let internal: String = texts_under(&out.join("internal")).into_iter().map(|(_, t)| t).collect();
    let shown = canaries_in(&internal);
    assert_eq!(shown, planted, "the internal site shows every canary, so they were real");

    let public = out.join("public");
    let open = [texts_under(&public.join("data")), texts_under(&public.join("open311"))].concat();
    let names: Vec<_> =
        open.iter().map(|(p, _)| p.strip_prefix(&public).unwrap().display().to_string()).collect();
    assert_eq!(
        names,
        [
            "data/appeals.csv",
            "data/appeals.json",
            "data/appeals.schema.json",
            "data/search.json",
            "open311/discovery.json",
            "open311/requests.json",
            "open311/requests.schema.json",
            "open311/services.json",
        ]
    );
    for (path, text) in &open {
        for needle in ["ZZOPEN-", "zzopen-", "ZZPRIV-", "zzpriv-", "Лесн", "Сидоров", "913"]
        {
            assert!(!text.contains(needle), "{} leaks {needle}", path.display());
        }
    }
    let requests = requests_by_id(&out);
    assert_eq!(requests["2026-0008"]["address"], "Катанда");
    assert_eq!(requests["2026-0008"]["status"], "closed");
    assert!(requests.contains_key("2026-0009"));
    assert!(!requests.contains_key("2026-0010"), "an item marked not public is not exported");
}

/// A YAML alias can copy a private value into a published field, past every allow-list of
/// fields; `check` must catch the copy itself, so that `build` refuses to publish it.
#[test]
fn an_alias_that_copies_the_applicant_into_a_public_field_is_an_error_at_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    common::copy_tree(&fixture(), &root);
    let file = root.join("appeals/2026/2026-0001.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text
        .replace(
            "public_summary: \"Яма на дороге <script>alert(1)</script> <img src=x onerror=alert(1)>\"",
            "public_summary: *who",
        )
        .replace("applicant:\n  name: \"", "applicant:\n  name: &who \"");
    // The alias stands after its anchor, as YAML requires: move the applicant up.
    let (head, rest) = text.split_once("public_summary: *who\n").unwrap();
    let (middle, tail) = rest.split_once("applicant:\n").unwrap();
    let (applicant, body) = tail.split_once("---\n").unwrap();
    let text = format!("{head}applicant:\n{applicant}{middle}public_summary: *who\n---\n{body}");
    std::fs::write(&file, &text).unwrap();
    let line = text.lines().position(|l| l == "public_summary: *who").unwrap() as u32 + 1;

    let register = register_from(&root);
    let found: Vec<_> = register
        .diagnostics
        .iter()
        .filter(|d| d.code == "private-in-public")
        .map(|d| (d.file.as_str(), d.at.map(|p| p.line)))
        .collect();
    assert_eq!(found, [("appeals/2026/2026-0001.md", Some(line))], "{text}");
}
