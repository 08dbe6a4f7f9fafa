//! The catalogue's texts about the open data files: the descriptions of their fields in the
//! JSON Schemas (`data/appeals.schema.json`, `open311/requests.schema.json`).
//!
//! A schema is read by whoever reuses the data, in any language, so the schema writes both
//! texts of each description at once.

use super::{Message, msg};

/// The description of a field of `data/appeals.json`; `None` for a name the export does
/// not have.
pub fn record_field(name: &str) -> Option<Message> {
    let (ru, en) = match name {
        "id" => ("номер обращения, год-номер", "number of the item, year-number"),
        "kind" => {
            ("вид: обращение, сообщение ПОС, инцидент", "kind: appeal, ПОС message, incident")
        }
        "channel" => ("канал поступления", "channel it arrived by"),
        "received" => ("день поступления", "day received"),
        "registered" => ("день регистрации", "day registered"),
        "topic" => ("код тематического классификатора", "code of the thematic classifier"),
        "topic_name" => (
            "название кода или ближайшего названного предка",
            "name of the code or of its nearest named ancestor",
        ),
        "sector" => ("код отраслевого блока", "sector id"),
        "sector_title" => ("название отраслевого блока", "sector title"),
        "locality" => ("населённый пункт (без улицы и дома)", "settlement (no street or house)"),
        "status" => ("статус", "workflow status"),
        "due" => (
            "срок ответа: день или момент со смещением; пусто, если не определён",
            "answer due: a day, or a date-time with offset for terms in hours; empty when unknown",
        ),
        "deadline_state" => ("соблюдение срока", "state against the deadline"),
        "late" => ("просрочено или ответ дан с опозданием", "overdue, or answered late"),
        "answered" => ("день ответа; пусто до ответа", "day of the answer; empty until answered"),
        "result" => (
            "результат рассмотрения; пусто до ответа",
            "result of the answer; empty until answered",
        ),
        "forwarded_to" => {
            ("орган, куда перенаправлено по компетенции", "body the item was forwarded to")
        }
        "public_summary" => {
            ("краткое содержание для публикации", "summary written for publication")
        }
        "answer_summary" => {
            ("краткое содержание ответа для публикации", "answer summary written for publication")
        }
        _ => return None,
    };
    Some(msg(ru, en))
}

/// The description of a field of an Open311 request in `open311/requests.json`; `None`
/// for a name the export does not have.
pub fn request_field(name: &str) -> Option<Message> {
    let (ru, en) = match name {
        "service_request_id" => ("номер обращения", "number of the item"),
        "status" => (
            "open — в работе; closed — дан ответ, перенаправлено или оставлено без ответа",
            "open, or closed: answered, forwarded or left unanswered",
        ),
        "status_notes" => {
            ("краткое содержание ответа для публикации", "answer summary written for publication")
        }
        "service_name" => ("тема по классификатору", "classifier topic name"),
        "service_code" => ("код тематического классификатора", "classifier topic code"),
        "description" => (
            "краткое содержание для публикации; пусто, если его нет",
            "summary written for publication; empty when there is none",
        ),
        "agency_responsible" => ("отраслевой блок", "sector responsible"),
        "requested_datetime" => ("день поступления", "day received"),
        "updated_datetime" => ("день ответа", "day of the answer"),
        "expected_datetime" => ("срок ответа", "answer due"),
        "address" => ("населённый пункт (без улицы и дома)", "settlement (no street or house)"),
        _ => return None,
    };
    Some(msg(ru, en))
}

/// The title of the schema of `data/appeals.json`.
pub fn appeals_schema_title() -> Message {
    msg("Открытые данные об обращениях граждан", "Open data on citizens' appeals")
}

/// The title of the schema of `open311/requests.json`.
pub fn requests_schema_title() -> Message {
    msg(
        "Обращения граждан в формате Open311 GeoReport v2 (только чтение)",
        "Citizens' appeals as Open311 GeoReport v2 service requests (read only)",
    )
}
