//! An appeal, message or incident: the domain type and how it is read from its file.

use crate::dates::Moment;
use crate::fields::{FieldReader, choice};
use crate::front_matter::{Checked, Located, Pos, field_set};
use crate::messages;
use chrono::NaiveDate;
use std::collections::BTreeMap;

choice!(
    /// What sort of item this is, which decides the law and the deadline that apply.
    Kind {
        /// An обращение under Federal Law 59-FZ.
        Appeal = "appeal",
        /// A сообщение through the Gosuslugi feedback platform (ПОС).
        Message = "message",
        /// A social-network post picked up by «Инцидент менеджмент».
        Incident = "incident",
    }
);

choice!(
    /// How the item reached the administration.
    Channel {
        /// A paper letter.
        Letter = "letter",
        /// Plain e-mail.
        Email = "email",
        /// The website form.
        Website = "website",
        /// Personal reception.
        Reception = "reception",
        /// A phone call.
        Phone = "phone",
        /// The Gosuslugi feedback platform.
        Pos = "pos",
        /// «Инцидент менеджмент».
        IncidentManagement = "incident_management",
        /// A messenger.
        Messenger = "messenger",
    }
);

choice!(
    /// Where the item is in its workflow.
    Status {
        /// Registered, nobody assigned yet.
        New = "new",
        /// An assignee is named.
        Assigned = "assigned",
        /// Being worked on.
        InProgress = "in_progress",
        /// The answer was sent.
        Answered = "answered",
        /// Done; the citizen's rating, if any, is in.
        Closed = "closed",
        /// Sent to the competent body; terminal.
        Forwarded = "forwarded",
        /// Left without an answer on a 59-FZ art. 11 ground; terminal.
        LeftUnanswered = "left_unanswered",
    }
);

choice!(
    /// The result of an answered item, as the federal monitoring (ССТУ.РФ) counts it.
    Outcome {
        /// Поддержано.
        Supported = "supported",
        /// Поддержано, меры приняты.
        MeasuresTaken = "measures_taken",
        /// Разъяснено.
        Explained = "explained",
        /// Не поддержано.
        NotSupported = "not_supported",
        /// Дан ответ автору.
        Answered = "answered",
    }
);

impl Status {
    /// Whether an answer has been sent (answered or closed).
    pub fn is_answered(self) -> bool {
        matches!(self, Status::Answered | Status::Closed)
    }

    /// Whether the item left the workflow without an answer on the merits.
    pub fn is_closed_without_answer(self) -> bool {
        matches!(self, Status::Forwarded | Status::LeftUnanswered)
    }

    /// Whether someone still has to act.
    pub fn is_open(self) -> bool {
        !self.is_answered() && !self.is_closed_without_answer()
    }

    /// Whether the status requires a named assignee.
    pub fn needs_assignee(self) -> bool {
        matches!(self, Status::Assigned | Status::InProgress | Status::Answered | Status::Closed)
    }
}

/// A deadline extension (59-FZ art. 12 part 2).
#[derive(Debug, Clone, PartialEq)]
pub struct Extension {
    /// The new last day.
    pub until: NaiveDate,
    /// Why the term was extended.
    pub reason: String,
}

/// A dated step back to work: an answer returned for rework, or a reopening.
#[derive(Debug, Clone, PartialEq)]
pub struct Loop {
    /// When it happened.
    pub date: NaiveDate,
    /// Why.
    pub reason: String,
}

/// Who wrote in. Private: never reaches public output.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Applicant {
    /// Full name.
    pub name: Option<String>,
    /// Phone, e-mail or account.
    pub contact: Option<String>,
    /// Postal address.
    pub address: Option<String>,
}

/// One item of the register.
#[derive(Debug, Clone, PartialEq)]
pub struct Appeal {
    /// `YYYY-NNNN`, equal to the file stem.
    pub id: String,
    /// Repository-relative path of the file.
    pub file: String,
    /// Appeal, message or incident.
    pub kind: Kind,
    /// How it arrived.
    pub channel: Channel,
    /// Number in the source system.
    pub external_id: Option<String>,
    /// When it arrived.
    pub received: Moment,
    /// When it was registered, if recorded.
    pub registered: Option<Moment>,
    /// Classifier code.
    pub topic: String,
    /// Sector id.
    pub sector: String,
    /// Settlement.
    pub locality: String,
    /// Staff id of the assignee.
    pub assignee: Option<String>,
    /// Workflow status.
    pub status: Status,
    /// Deadline extension, appeals only.
    pub extension: Option<Extension>,
    /// Incidents: the urgent first-response term applies.
    pub urgent: bool,
    /// Incidents: the interim public reply.
    pub first_response: Option<Moment>,
    /// Answers sent back for rework.
    pub returned: Vec<Loop>,
    /// Reopenings after the citizen disputed the answer.
    pub reopened: Vec<Loop>,
    /// Manual deadline that wins over the computed one.
    pub due: Option<NaiveDate>,
    /// When the answer was sent.
    pub answered: Option<Moment>,
    /// Result of an answered item.
    pub result: Option<Outcome>,
    /// Citizen's rating, 1–5.
    pub rating: Option<u8>,
    /// Whether the citizen agrees with the result.
    pub agrees: Option<bool>,
    /// The body it was forwarded to, or the art. 11 ground.
    pub reason: Option<String>,
    /// Overrides the sector's `public_items`.
    pub public: Option<bool>,
    /// Summary written by staff for publication.
    pub public_summary: Option<String>,
    /// Answer summary written by staff for publication.
    pub answer_summary: Option<String>,
    /// Private: the applicant.
    pub applicant: Applicant,
    /// Private: the text and working notes (Markdown).
    pub body: String,
    /// Where each field was written, for later diagnostics.
    pub places: BTreeMap<&'static str, Pos>,
}

#[cfg(test)]
impl Appeal {
    /// A new appeal by letter with the id `id`, received at `received`, on a roads topic in
    /// Катанда, with every optional field empty: the base that unit tests adjust with struct
    /// update syntax.
    pub(crate) fn fixture(id: &str, received: Moment) -> Appeal {
        let year = id.split('-').next().unwrap_or("2026");
        Appeal {
            id: id.to_string(),
            file: format!("appeals/{year}/{id}.md"),
            kind: Kind::Appeal,
            channel: Channel::Letter,
            external_id: None,
            received,
            registered: None,
            topic: "0003.0009.0099.0742".into(),
            sector: "roads".into(),
            locality: "Катанда".into(),
            assignee: None,
            status: Status::New,
            extension: None,
            urgent: false,
            first_response: None,
            returned: Vec::new(),
            reopened: Vec::new(),
            due: None,
            answered: None,
            result: None,
            rating: None,
            agrees: None,
            reason: None,
            public: None,
            public_summary: None,
            answer_summary: None,
            applicant: Applicant::default(),
            body: String::new(),
            places: BTreeMap::new(),
        }
    }
}

impl Appeal {
    /// Where `field` was written, or the top of the file.
    pub fn place(&self, field: &str) -> Pos {
        self.places.get(field).copied().unwrap_or(Pos::TOP)
    }

    /// Whether `field` was written in the file, even with a value that could not be read
    /// (and was reported as such).
    pub fn has_field(&self, field: &str) -> bool {
        self.places.contains_key(field)
    }

    /// Whether the file's name, without `.md`, is the id.
    pub fn named_after_id(&self) -> bool {
        let name = self.file.rsplit('/').next().unwrap_or(&self.file);
        name.strip_suffix(".md") == Some(self.id.as_str())
    }

    /// The year and the number within it, parsed from the id.
    pub fn year_and_number(&self) -> (i32, u32) {
        parse_id(&self.id).unwrap_or((0, 0))
    }

    /// The local day the clock starts for appeals and messages: registration, else receipt.
    pub fn registered_day(&self) -> NaiveDate {
        self.registered.map_or(self.received.day(), |r| r.day())
    }
}

/// Where an appeal file lies against the layout `appeals/<year>/<id>.md`.
enum Placement<'a> {
    /// Right inside a folder named as a year, right under `appeals/`.
    YearFolder(&'a str),
    /// Under `appeals/` but not right inside a year folder: `appeals/2026-0001.md`,
    /// `appeals/2026/old/2026-0001.md`. Such files are read, with a warning.
    Misplaced,
    /// Not under `appeals/`: text read from memory, as unit tests do.
    Elsewhere,
}

fn placement(file: &str) -> Placement<'_> {
    let Some(rest) = file.strip_prefix(crate::load::APPEALS).and_then(|r| r.strip_prefix('/'))
    else {
        return Placement::Elsewhere;
    };
    match rest.split('/').collect::<Vec<_>>().as_slice() {
        [folder, _] if folder.len() == 4 && folder.bytes().all(|b| b.is_ascii_digit()) => {
            Placement::YearFolder(folder)
        }
        _ => Placement::Misplaced,
    }
}

/// Splits `2026-0042` into (2026, 42); `None` unless it is four digits, a dash and at
/// least four digits.
pub fn parse_id(id: &str) -> Option<(i32, u32)> {
    let (year, number) = id.split_once('-')?;
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if year.len() != 4 || number.len() < 4 || number.len() > 9 || !digits(year) || !digits(number) {
        return None;
    }
    Some((year.parse().ok()?, number.parse().ok()?))
}

field_set!(
    /// The front matter of an appeal file, as written.
    RawAppeal {
        id: String,
        kind: String,
        channel: String,
        external_id: String,
        received: String,
        registered: String,
        topic: String,
        sector: String,
        locality: String,
        assignee: String,
        status: String,
        extension: Checked<RawExtension>,
        urgent: String,
        first_response: String,
        returned: Vec<Located<Checked<RawLoop>>>,
        reopened: Vec<Located<Checked<RawLoop>>>,
        due: String,
        answered: String,
        result: String,
        rating: String,
        agrees: String,
        reason: String,
        public: String,
        public_summary: String,
        answer_summary: String,
        applicant: Checked<RawApplicant>,
    }
);

field_set!(
    /// An extension as written.
    RawExtension { until: String, reason: String }
);

field_set!(
    /// A returned or reopened entry as written.
    RawLoop { date: String, reason: String }
);

field_set!(
    /// The applicant as written.
    RawApplicant { name: String, contact: String, address: String }
);

/// Reads an appeal from its normalised text. `stem` is the file name without `.md`.
///
/// Returns the appeal when its identity, kind, channel, receipt and status could be read,
/// and every problem found either way.
pub fn read(
    text: &str,
    file: &str,
    stem: &str,
    zone: chrono_tz::Tz,
) -> (Option<Appeal>, Vec<crate::diagnostic::Diagnostic>) {
    let mut r = FieldReader::new(file, zone);
    let Some((raw, body)) = r.front_matter::<Checked<RawAppeal>>(text) else {
        return (None, r.diagnostics);
    };
    let appeal = build(&mut r, raw, file, stem, body);
    (appeal, r.diagnostics)
}

fn build(
    r: &mut FieldReader,
    raw: Checked<RawAppeal>,
    file: &str,
    stem: &str,
    body: &str,
) -> Option<Appeal> {
    r.unknown_fields(&raw);
    let mut places = BTreeMap::new();
    let f = raw.fields;
    record_places(&mut places, &f);

    let id = r.required_text(f.id, "id", Pos::TOP);
    if let Some(id) = &id {
        if parse_id(&id.value).is_none() {
            r.error("invalid-id", id.at, messages::bad_id(&id.value));
        } else if id.value != stem {
            r.error("id-mismatch", id.at, messages::id_not_stem(&id.value, stem));
        } else {
            match placement(file) {
                Placement::YearFolder(folder) if !id.value.starts_with(folder) => {
                    let m = messages::wrong_year_folder(folder, &id.value);
                    r.warning("wrong-year-folder", id.at, m);
                }
                Placement::Misplaced => {
                    let m = messages::outside_year_folder(&id.value);
                    r.warning("wrong-year-folder", id.at, m);
                }
                Placement::YearFolder(_) | Placement::Elsewhere => {}
            }
        }
    }
    let kind_field = r.required(f.kind, "kind", Pos::TOP);
    let kind = r.choice::<Kind>(kind_field.as_ref(), "kind");
    let channel_field = r.required(f.channel, "channel", Pos::TOP);
    let channel = r.choice::<Channel>(channel_field.as_ref(), "channel");
    let received_field = r.required(f.received, "received", Pos::TOP);
    let received = r.moment(received_field.as_ref(), "received");
    let registered = r.moment(f.registered.as_ref(), "registered");
    let status_field = r.required(f.status, "status", Pos::TOP);
    let status = r.choice::<Status>(status_field.as_ref(), "status");
    let topic = r.required_text(f.topic, "topic", Pos::TOP);
    let sector = r.required_text(f.sector, "sector", Pos::TOP);
    let locality = r.required_text(f.locality, "locality", Pos::TOP);

    let extension = f.extension.and_then(|e| read_extension(r, e));
    let returned = read_loops(r, f.returned);
    let reopened = read_loops(r, f.reopened);
    let applicant = f.applicant.map(|a| read_applicant(r, a.value)).unwrap_or_default();

    let external_id = r.text(f.external_id).map(|x| x.value);
    let assignee = r.text(f.assignee).map(|x| x.value);
    let urgent = r.flag(f.urgent.as_ref(), "urgent").unwrap_or(false);
    let first_response = r.moment(f.first_response.as_ref(), "first_response");
    let due = r.date(f.due.as_ref(), "due");
    let answered = r.moment(f.answered.as_ref(), "answered");
    let result = r.choice::<Outcome>(f.result.as_ref(), "result");
    let rating = r.number(f.rating.as_ref(), "rating", 1, 5).and_then(|n| u8::try_from(n).ok());
    let agrees = r.flag(f.agrees.as_ref(), "agrees");
    let reason = r.text(f.reason).map(|x| x.value);
    let public = r.flag(f.public.as_ref(), "public");
    let public_summary = r.text(f.public_summary).map(|x| x.value);
    let answer_summary = r.text(f.answer_summary).map(|x| x.value);

    let appeal = Appeal {
        id: id?.value,
        file: file.to_string(),
        kind: kind?,
        channel: channel?,
        external_id,
        received: received?,
        registered,
        topic: topic.map(|t| t.value).unwrap_or_default(),
        sector: sector.map(|t| t.value).unwrap_or_default(),
        locality: locality.map(|t| t.value).unwrap_or_default(),
        assignee,
        status: status?,
        extension,
        urgent,
        first_response,
        returned,
        reopened,
        due,
        answered,
        result,
        rating,
        agrees,
        reason,
        public,
        public_summary,
        answer_summary,
        applicant,
        body: body.to_string(),
        places,
    };
    Some(appeal)
}

fn record_places(places: &mut BTreeMap<&'static str, Pos>, f: &RawAppeal) {
    let mut put = |name: &'static str, at: Option<Pos>| {
        if let Some(at) = at {
            places.insert(name, at);
        }
    };
    put("id", f.id.as_ref().map(|x| x.at));
    put("kind", f.kind.as_ref().map(|x| x.at));
    put("channel", f.channel.as_ref().map(|x| x.at));
    put("received", f.received.as_ref().map(|x| x.at));
    put("registered", f.registered.as_ref().map(|x| x.at));
    put("topic", f.topic.as_ref().map(|x| x.at));
    put("sector", f.sector.as_ref().map(|x| x.at));
    put("locality", f.locality.as_ref().map(|x| x.at));
    put("assignee", f.assignee.as_ref().map(|x| x.at));
    put("status", f.status.as_ref().map(|x| x.at));
    put("extension", f.extension.as_ref().map(|x| x.at));
    put("first_response", f.first_response.as_ref().map(|x| x.at));
    put("due", f.due.as_ref().map(|x| x.at));
    put("answered", f.answered.as_ref().map(|x| x.at));
    put("result", f.result.as_ref().map(|x| x.at));
    put("reason", f.reason.as_ref().map(|x| x.at));
    put("reopened", f.reopened.as_ref().map(|x| x.at));
    put("returned", f.returned.as_ref().map(|x| x.at));
    put("urgent", f.urgent.as_ref().map(|x| x.at));
    put("external_id", f.external_id.as_ref().map(|x| x.at));
    put("rating", f.rating.as_ref().map(|x| x.at));
    put("agrees", f.agrees.as_ref().map(|x| x.at));
    put("public", f.public.as_ref().map(|x| x.at));
    put("public_summary", f.public_summary.as_ref().map(|x| x.at));
    put("answer_summary", f.answer_summary.as_ref().map(|x| x.at));
}

fn read_extension(r: &mut FieldReader, e: Located<Checked<RawExtension>>) -> Option<Extension> {
    r.unknown_fields(&e.value);
    let f = e.value.fields;
    let until = r.required(f.until, "extension.until", e.at);
    let until = r.date(until.as_ref(), "extension.until");
    let reason = r.text(f.reason);
    let reason = r.required(reason, "extension.reason", e.at);
    Some(Extension { until: until?, reason: reason?.value })
}

fn read_loops(
    r: &mut FieldReader,
    list: Option<Located<Vec<Located<Checked<RawLoop>>>>>,
) -> Vec<Loop> {
    let Some(list) = list else { return Vec::new() };
    let mut out = Vec::new();
    for entry in list.value {
        r.unknown_fields(&entry.value);
        let f = entry.value.fields;
        let date = r.required(f.date, "date", entry.at);
        let date = r.date(date.as_ref(), "date");
        let reason = r.text(f.reason).map(|x| x.value).unwrap_or_default();
        if let Some(date) = date {
            out.push(Loop { date, reason });
        }
    }
    out.sort_by_key(|l| l.date);
    out
}

fn read_applicant(r: &mut FieldReader, a: Checked<RawApplicant>) -> Applicant {
    r.unknown_fields(&a);
    let f = a.fields;
    Applicant {
        name: r.text(f.name).map(|x| x.value),
        contact: r.text(f.contact).map(|x| x.value),
        address: r.text(f.address).map(|x| x.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZONE: chrono_tz::Tz = chrono_tz::Asia::Barnaul;

    fn sample() -> String {
        "---\nid: 2026-0042\nkind: appeal\nchannel: letter\nreceived: 05.03.2026\n\
         topic: 0003.0009.0099.0742\nsector: roads\nlocality: Катанда\nstatus: new\n\
         applicant: { name: \"Тестов Т. Т.\" }\n---\nЯма у школы.\n"
            .to_string()
    }

    #[test]
    fn a_complete_file_reads_without_problems() {
        let (a, d) = read(&sample(), "appeals/2026/2026-0042.md", "2026-0042", ZONE);
        assert!(d.is_empty(), "{d:?}");
        let a = a.unwrap();
        assert_eq!(a.received, Moment::Day(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()));
        assert_eq!(a.topic, "0003.0009.0099.0742");
        assert_eq!(a.applicant.name.as_deref(), Some("Тестов Т. Т."));
        assert_eq!(a.body, "Яма у школы.\n");
        assert_eq!(a.place("sector").line, 7);
    }

    #[test]
    fn every_bad_field_is_reported_at_its_line() {
        let text =
            sample().replace("status: new", "status: neww\nasignee: x\nrating: 9\npublic: yes");
        let (_, d) = read(&text, "a.md", "2026-0042", ZONE);
        let got: Vec<_> = d.iter().map(|d| (d.code, d.at.unwrap().line)).collect();
        assert_eq!(
            got,
            [
                ("unknown-field", 10),
                ("invalid-value", 9),
                ("invalid-value", 11),
                ("invalid-value", 12)
            ]
        );
    }

    #[test]
    fn id_must_match_the_file_name() {
        let (_, d) = read(&sample(), "a.md", "2026-0043", ZONE);
        assert_eq!(d[0].code, "id-mismatch");
        assert_eq!(d[0].at.unwrap().line, 2);
    }

    #[test]
    fn a_file_outside_a_year_folder_is_read_with_a_warning() {
        for file in ["appeals/2026-0042.md", "appeals/2026/old/2026-0042.md"] {
            let (a, d) = read(&sample(), file, "2026-0042", ZONE);
            assert!(a.is_some(), "{file}");
            let got: Vec<_> = d.iter().map(|d| (d.code, d.at.unwrap().line)).collect();
            assert_eq!(got, [("wrong-year-folder", 2)], "{file}");
            assert!(d[0].message.get(crate::messages::Lang::Ru).ends_with("в appeals/2026/"));
        }
        let (_, d) = read(&sample(), "appeals/2026/2026-0042.md", "2026-0042", ZONE);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn ids_have_a_year_and_at_least_four_digits() {
        assert_eq!(parse_id("2026-0042"), Some((2026, 42)));
        assert_eq!(parse_id("2026-12345"), Some((2026, 12345)));
        assert_eq!(parse_id("26-0042"), None);
        assert_eq!(parse_id("2026-042"), None);
        assert_eq!(parse_id("2026-00a2"), None);
    }
}
