//! JSON Schemas (draft 2020-12) of the open data: `data/appeals.schema.json` for
//! `data/appeals.json` and `open311/requests.schema.json` for `open311/requests.json`.
//!
//! The closed sets (kind, channel, status, deadline state, result) are listed from the
//! enums through [`Choice`], so a new status appears in the schema the day it appears in
//! the code. Every field is required and no other is allowed: a reuser can rely on the
//! shape, and a field added to the export without its schema fails the tests.

use crate::appeal::{Channel, Kind, Outcome, Status};
use crate::deadline::DeadlineState;
use crate::fields::Choice;
use crate::messages::{Lang, Message, open_data};
use serde_json::{Value, json};

/// The meta-schema both schemas declare.
pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// A day: `2026-04-02`.
const DAY: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
/// A day, or an RFC 3339 date-time with its offset (terms counted in hours).
const DAY_OR_INSTANT: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2}))?$";

/// What one field may hold.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// Free text, possibly empty.
    Text,
    /// Text matching a pattern.
    Pattern(&'static str),
    /// Text matching a pattern, or empty.
    PatternOrEmpty(&'static str),
    /// One of the names of a closed set.
    Names(fn() -> Vec<&'static str>),
    /// One of the names of a closed set, or empty.
    NamesOrEmpty(fn() -> Vec<&'static str>),
    /// A day or an instant, or `null`.
    DayOrNull,
    /// `true` or `false`.
    Flag,
}

/// The fields of [`super::export::Record`], in its order.
const RECORD: [(&str, Shape); 19] = [
    ("id", Shape::Pattern(r"^[0-9]{4}-[0-9]{4,9}$")),
    ("kind", Shape::Names(Kind::names)),
    ("channel", Shape::Names(Channel::names)),
    ("received", Shape::Pattern(DAY)),
    ("registered", Shape::Pattern(DAY)),
    ("topic", Shape::Pattern(r"^[0-9]{4}(\.[0-9]{4})*$")),
    ("topic_name", Shape::Text),
    ("sector", Shape::Text),
    ("sector_title", Shape::Text),
    ("locality", Shape::Text),
    ("status", Shape::Names(Status::names)),
    ("due", Shape::PatternOrEmpty(DAY_OR_INSTANT)),
    ("deadline_state", Shape::Names(DeadlineState::names)),
    ("late", Shape::Flag),
    ("answered", Shape::PatternOrEmpty(DAY)),
    ("result", Shape::NamesOrEmpty(Outcome::names)),
    ("forwarded_to", Shape::Text),
    ("public_summary", Shape::Text),
    ("answer_summary", Shape::Text),
];

/// The fields of [`super::open311::Request`], in its order.
const REQUEST: [(&str, Shape); 11] = [
    ("service_request_id", Shape::Pattern(r"^[0-9]{4}-[0-9]{4,9}$")),
    ("status", Shape::Names(|| vec!["open", "closed"])),
    ("status_notes", Shape::Text),
    ("service_name", Shape::Text),
    ("service_code", Shape::Pattern(r"^[0-9]{4}(\.[0-9]{4})*$")),
    ("description", Shape::Text),
    ("agency_responsible", Shape::Text),
    ("requested_datetime", Shape::Pattern(DAY)),
    ("updated_datetime", Shape::DayOrNull),
    ("expected_datetime", Shape::DayOrNull),
    ("address", Shape::Text),
];

/// The schema of `data/appeals.json`: an array of records.
pub fn appeals() -> Value {
    array_of(open_data::appeals_schema_title(), &RECORD, open_data::record_field)
}

/// The schema of `open311/requests.json`: an array of GeoReport v2 requests, limited to
/// the fields this export writes.
pub fn requests() -> Value {
    array_of(open_data::requests_schema_title(), &REQUEST, open_data::request_field)
}

fn array_of(
    title: Message,
    fields: &[(&str, Shape)],
    describe: fn(&str) -> Option<Message>,
) -> Value {
    let properties: serde_json::Map<String, Value> = fields
        .iter()
        .map(|(name, shape)| {
            let mut property = property(*shape);
            if let (Some(text), Value::Object(p)) = (describe(name), &mut property) {
                p.insert("description".into(), Value::from(both(&text)));
            }
            (name.to_string(), property)
        })
        .collect();
    let required: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
    json!({
        "$schema": DRAFT,
        "title": both(&title),
        "type": "array",
        "items": {
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": false,
        },
    })
}

/// Both texts of a description: a schema has no language of its own.
fn both(text: &Message) -> String {
    format!("{} / {}", text.get(Lang::En), text.get(Lang::Ru))
}

fn property(shape: Shape) -> Value {
    match shape {
        Shape::Text => json!({ "type": "string" }),
        Shape::Pattern(p) => json!({ "type": "string", "pattern": p }),
        Shape::PatternOrEmpty(p) => json!({ "type": "string", "pattern": format!("^$|{p}") }),
        Shape::Names(names) => json!({ "type": "string", "enum": names() }),
        Shape::NamesOrEmpty(names) => {
            let mut all = names();
            all.push("");
            json!({ "type": "string", "enum": all })
        }
        Shape::DayOrNull => json!({ "type": ["string", "null"], "pattern": DAY_OR_INSTANT }),
        Shape::Flag => json!({ "type": "boolean" }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::export::HEADER;

    #[test]
    fn the_schema_lists_the_exported_fields_in_their_order() {
        let names: Vec<&str> = RECORD.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, HEADER);
    }

    #[test]
    fn every_field_has_a_description_in_both_languages() {
        for (name, _) in RECORD {
            assert!(open_data::record_field(name).is_some(), "{name}");
        }
        for (name, _) in REQUEST {
            assert!(open_data::request_field(name).is_some(), "{name}");
        }
    }

    #[test]
    fn closed_sets_come_from_the_enums() {
        let schema = appeals();
        let fields = &schema["items"]["properties"];
        assert_eq!(fields["status"]["enum"], json!(Status::names()));
        let results = fields["result"]["enum"].as_array().unwrap();
        assert_eq!(results.len(), Outcome::ALL.len() + 1);
        assert_eq!(results.last(), Some(&json!("")));
    }
}
